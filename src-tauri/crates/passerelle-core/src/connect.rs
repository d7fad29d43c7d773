//! Connecting to a Nextcloud space: checking an address, trusting a self-signed certificate,
//! Login Flow v2 or an app password (a login password typed instead is exchanged for one and
//! never kept), the account overview, and signing out (which revokes the app password on the
//! server). Secrets go to [`Secrets`]; SQLite only keeps names and URLs.
//! No UI here: progress is reported through callbacks, cancellation through a token.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub use passerelle_nextcloud::WaitOptions;
use passerelle_nextcloud::{
    Address, CancellationToken, Capabilities, Client, ClientBuilder, ErrorKind, Fingerprint,
    LoginCredentials, LoginFlow, PasswordExchange, local_http_fallback, normalize_address,
};

use crate::model::{
    Account, AccountAdded, AccountOverview, AccountQuota, LoginFlowEvent, PasswordSignIn,
    ServerCheck, ServerInfo, SignOutReport, SpaceTheming,
};
use crate::secrets::{Secret, SecretError, SecretKey, SecretStorage, Secrets};
use crate::store::NewAccount;
use crate::{CoreError, Store, VERSION};

/// `Passerelle/<version> (<os>)`.
pub fn user_agent() -> String {
    passerelle_nextcloud::default_user_agent(VERSION)
}

/// The one way Passerelle starts a client: its user agent and `pin`, the certificate the person
/// trusted for this server, if any. Credentials and the rest are added by the caller.
pub fn builder_with_pin(url: &str, pin: Option<Fingerprint>) -> ClientBuilder {
    Client::builder(url)
        .user_agent(user_agent())
        .pinned_certificate(pin)
}

/// [`builder_with_pin`] with the certificate trusted for `url` in `store`.
pub fn client_builder(store: &Store, url: &str) -> Result<ClientBuilder, CoreError> {
    Ok(builder_with_pin(url, pinned(store, url)?))
}

/// A client for `url` without credentials, with the certificate trusted for it, if any.
fn anonymous_client(store: &Store, url: &str) -> Result<Client, CoreError> {
    Ok(client_builder(store, url)?.build()?)
}

fn pinned(store: &Store, url: &str) -> Result<Option<Fingerprint>, CoreError> {
    Ok(store
        .trusted_certificate(url)?
        .and_then(|hex| hex.parse().ok()))
}

/// A client for `url` signed in as `login` (with the user id when known), through
/// [`client_builder`].
pub fn client_with(
    store: &Store,
    url: &str,
    login: &str,
    user_id: Option<&str>,
    secret: &str,
) -> Result<Client, CoreError> {
    let mut builder = client_builder(store, url)?.credentials(login.to_owned(), secret.to_owned());
    if let Some(id) = user_id {
        builder = builder.user_id(id.to_owned());
    }
    Ok(builder.build()?)
}

/// A ready client for a recorded account (its secret from the keyring or this session).
pub fn account_client(
    store: &Store,
    secrets: &Secrets,
    account: &Account,
) -> Result<Client, CoreError> {
    let secret = secrets.get(&account.secret_key(), account.secret_storage)?;
    client_with(
        store,
        &account.server_url,
        &account.login_name,
        Some(&account.user_id),
        secret.expose(),
    )
}

/// The accounts among `accounts` whose app password was kept for the session only and is gone
/// because Passerelle restarted since: the person must reconnect them before anything reaches
/// their space. Looks in this process's memory only, never in the keyring (no prompt at start).
pub fn accounts_to_reconnect(secrets: &Secrets, accounts: &[Account]) -> Vec<i64> {
    accounts
        .iter()
        .filter(|a| a.secret_storage == SecretStorage::Session)
        .filter(|a| {
            matches!(
                secrets.get(&a.secret_key(), SecretStorage::Session),
                Err(SecretError::SessionLost)
            )
        })
        .map(|a| a.id)
        .collect()
}

/// How long checking an address may take in all, both tries included (https, then the local
/// http fallback): a server that accepts the connection and then says nothing is abandoned by
/// then with `timeout`.
pub const CHECK_DEADLINE: Duration = Duration::from_secs(25);
/// The part of [`CHECK_DEADLINE`] the space's colours and logo may take: they are a nicety, so
/// a slow theming answer drops them instead of failing the check.
const THEMING_DEADLINE: Duration = Duration::from_secs(5);

/// Normalises an address and asks the server what it is, within [`CHECK_DEADLINE`]. A
/// certificate the system does not trust is not an error here: the person is shown its
/// fingerprint and may trust it.
pub async fn check_address(store: &Store, input: &str) -> Result<ServerCheck, CoreError> {
    check_address_within(store, input, CHECK_DEADLINE).await
}

/// [`check_address`] with another deadline (tests).
pub async fn check_address_within(
    store: &Store,
    input: &str,
    deadline: Duration,
) -> Result<ServerCheck, CoreError> {
    match tokio::time::timeout(deadline, check_address_unbounded(store, input)).await {
        Ok(result) => result,
        Err(_) => Err(passerelle_nextcloud::Error::new(ErrorKind::Timeout)
            .with_message(format!(
                "no complete answer within {} s",
                deadline.as_secs_f32()
            ))
            .into()),
    }
}

async fn check_address_unbounded(store: &Store, input: &str) -> Result<ServerCheck, CoreError> {
    let address = normalize_address(input)?;
    match check_one(store, address).await {
        // `192.168.1.20` typed without a scheme on a workshop box that only speaks http.
        Err(e) if is_unreachable(&e) => match local_http_fallback(input) {
            Some(http) => check_one(store, http).await.map_err(|_| e),
            None => Err(e),
        },
        other => other,
    }
}

fn is_unreachable(e: &CoreError) -> bool {
    matches!(e, CoreError::Nextcloud(n) if n.is_offline() || n.is_timeout() || (n.is_tls() && n.certificate_fingerprint().is_none()))
}

async fn check_one(store: &Store, address: Address) -> Result<ServerCheck, CoreError> {
    let client = anonymous_client(store, &address.url)?;
    let status = match client.check_server().await {
        Ok(status) => status,
        Err(e) if e.certificate_fingerprint().is_some() => {
            let host = client.base_url().host_str().unwrap_or_default().to_owned();
            let fingerprint = e
                .certificate_fingerprint()
                .map(ToString::to_string)
                .unwrap_or_default();
            return Ok(ServerCheck::UntrustedCertificate {
                url: address.url,
                host,
                fingerprint,
            });
        }
        Err(e) => return Err(e.into()),
    };
    let theming = if status.maintenance {
        None
    } else {
        let theming = async {
            match client.capabilities().await {
                Ok(caps) => Some(theming(&client, caps).await),
                Err(_) => None,
            }
        };
        tokio::time::timeout(THEMING_DEADLINE, theming)
            .await
            .ok()
            .flatten()
    };
    Ok(ServerCheck::Ok {
        server: ServerInfo {
            url: address.url,
            insecure_http: address.insecure_http,
            product_name: status.product_name,
            version: status.version_string,
            maintenance: status.maintenance,
            theming,
        },
    })
}

/// Trusts exactly the certificate with this SHA-256 fingerprint for this server.
pub fn trust_certificate(store: &Store, address: &str, fingerprint: &str) -> Result<(), CoreError> {
    let address = normalize_address(address)?;
    let fingerprint: Fingerprint = fingerprint.parse()?;
    store.trust_certificate(&address.url, &fingerprint.to_hex())
}

/// The space's look from capabilities already fetched, logo included.
async fn theming(client: &Client, caps: Capabilities) -> SpaceTheming {
    let Some(t) = caps.theming else {
        return SpaceTheming {
            name: "Nextcloud".into(),
            color: None,
            color_text: None,
            logo: None,
            slogan: None,
        };
    };
    let logo = match &t.logo {
        Some(href) if !href.is_empty() => {
            client.fetch_image(href).await.ok().map(|a| a.to_data_url())
        }
        _ => None,
    };
    SpaceTheming {
        name: if t.name.trim().is_empty() {
            "Nextcloud".into()
        } else {
            t.name
        },
        color: t.color.filter(|c| is_hex_colour(c)),
        color_text: t.color_text.filter(|c| is_hex_colour(c)),
        logo,
        slogan: t.slogan.filter(|s| !s.trim().is_empty()),
    }
}

/// Only `#rgb` / `#rrggbb` reach the UI's CSS.
fn is_hex_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// Records an account whose credentials work: asks `/cloud/user`, stores the secret, then
/// the account. The secret is stored before the row, so a row never lacks its secret.
async fn record_account(
    store: &Store,
    secrets: &Secrets,
    profile_id: i64,
    url: &str,
    login: &str,
    app_password: &str,
    storage: SecretStorage,
) -> Result<Account, CoreError> {
    store.profile(profile_id)?;
    let client = client_with(store, url, login, None, app_password)?;
    let user = client.current_user().await?;
    let key = SecretKey::new(profile_id, url, &user.id);
    // Reconnecting an account this profile already has: its previous app password is revoked
    // once the new one is kept, so the space's list of devices does not grow at each
    // reconnection (Settings → Security).
    let previous = store
        .accounts(profile_id)?
        .into_iter()
        .find(|a| a.server_url == url && a.user_id == user.id)
        .and_then(|a| {
            let secret = secrets.get(&key, a.secret_storage).ok()?;
            Some((a, secret))
        });
    if let Some((account, _)) = &previous
        && account.secret_storage != storage
    {
        let _ = secrets.delete(&key, account.secret_storage);
    }
    secrets.store(&key, &Secret::from(app_password.to_owned()), storage)?;
    let display = (!user.display_name.is_empty()).then_some(user.display_name.as_str());
    let account = store.upsert_account(&NewAccount {
        profile_id,
        server_url: url,
        user_id: &user.id,
        login_name: login,
        display_name: display,
        secret_storage: storage,
    })?;
    if let Some((_, old)) = previous
        && old.expose() != app_password
        && let Ok(client) = client_with(store, url, login, Some(&user.id), old.expose())
    {
        // Best effort: an old password the server no longer knows is already harmless.
        let _ = client.revoke_app_password().await;
    }
    Ok(account)
}

/// Adds an account from a login name and an app password made in the space's settings; a
/// login password typed instead is exchanged (see [`add_with_password`]).
pub async fn add_with_app_password(
    store: &Store,
    secrets: &Secrets,
    profile_id: i64,
    address: &str,
    login: &str,
    app_password: &Secret,
    storage: SecretStorage,
) -> Result<Account, CoreError> {
    let sign_in = PasswordSignIn::new(profile_id, address, login, app_password.clone(), storage);
    add_with_password(store, secrets, &sign_in)
        .await
        .map(|added| added.account)
}

/// Adds an account from a login name and whatever password the person typed. Passerelle never
/// keeps a login password: the secret is first offered to `/core/getapppassword`; a login
/// password comes back exchanged for a new app password, which alone is stored (the typed one
/// is only wiped from memory); an app password is refused there (403) and kept as it is.
pub async fn add_with_password(
    store: &Store,
    secrets: &Secrets,
    sign_in: &PasswordSignIn,
) -> Result<AccountAdded, CoreError> {
    let (profile_id, storage) = (sign_in.profile_id, sign_in.storage);
    let address = normalize_address(&sign_in.address)?;
    let login = sign_in.login_name.trim();
    let typed = sign_in.app_password.expose().trim();
    if login.is_empty() || typed.is_empty() {
        return Err(CoreError::InvalidValue {
            field: "login",
            value: String::new(),
        });
    }
    store.profile(profile_id)?;
    // Before the server makes an app password that could not be kept.
    if storage == SecretStorage::Keyring && !secrets.status().available {
        return Err(SecretError::Unavailable.into());
    }
    let exchange = client_with(store, &address.url, login, None, typed)?
        .exchange_for_app_password()
        .await?;
    let (secret, exchanged) = match &exchange {
        PasswordExchange::Exchanged(app_password) => (app_password.expose(), true),
        PasswordExchange::AlreadyAppPassword => (typed, false),
    };
    let recorded = record_account(
        store,
        secrets,
        profile_id,
        &address.url,
        login,
        secret,
        storage,
    )
    .await;
    match recorded {
        Ok(account) => Ok(AccountAdded {
            account,
            exchanged_login_password: exchanged,
        }),
        Err(e) => {
            // Not recorded: the app password just made for Passerelle must not linger.
            if exchanged && let Ok(client) = client_with(store, &address.url, login, None, secret) {
                let _ = client.revoke_app_password().await;
            }
            Err(e)
        }
    }
}

/// A Login Flow v2 that was started on a server.
#[derive(Debug)]
struct PendingLogin {
    flow: LoginFlow,
    url: String,
}

/// Starts Login Flow v2 on a server.
async fn start_login_flow(store: &Store, address: &str) -> Result<PendingLogin, CoreError> {
    let address = normalize_address(address)?;
    let client = anonymous_client(store, &address.url)?;
    let flow = client.start_login_flow().await?;
    Ok(PendingLogin {
        flow,
        url: address.url,
    })
}

/// A Login Flow v2 registered in [`LoginFlows`]: the shell opens [`LoginTask::login_url`] in
/// the browser, says whether that worked, then [`LoginTask::run`]s it in the background.
#[derive(Debug)]
pub struct LoginTask {
    id: u64,
    cancel: CancellationToken,
    pending: PendingLogin,
    profile_id: i64,
    storage: SecretStorage,
    browser_opened: bool,
}

/// Starts Login Flow v2 and registers it so it can be cancelled by id.
pub async fn begin_login_flow(
    store: &Store,
    flows: &LoginFlows,
    profile_id: i64,
    address: &str,
    storage: SecretStorage,
) -> Result<LoginTask, CoreError> {
    store.profile(profile_id)?;
    let pending = start_login_flow(store, address).await?;
    let (id, cancel) = flows.register();
    Ok(LoginTask {
        id,
        cancel,
        pending,
        profile_id,
        storage,
        browser_opened: false,
    })
}

impl LoginTask {
    /// The id to cancel it with.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The page to open in the system browser.
    pub fn login_url(&self) -> &str {
        self.pending.flow.login_url.as_str()
    }

    /// Says whether the shell managed to open [`LoginTask::login_url`] in a browser (`Started`
    /// tells the UI, which otherwise leads with the link to copy). Not opened until told.
    pub fn set_browser_opened(&mut self, opened: bool) {
        self.browser_opened = opened;
    }

    /// Waits for the approval and records the account, reporting every step to `emit`:
    /// `Started`, `Waiting`…, then exactly one of `Done`, `Failed` or `Cancelled`.
    pub async fn run(
        self,
        store: &Store,
        secrets: &Secrets,
        flows: &LoginFlows,
        options: WaitOptions,
        mut emit: impl FnMut(LoginFlowEvent),
    ) {
        emit(LoginFlowEvent::Started {
            flow_id: self.id,
            login_url: self.login_url().to_owned(),
            expires_in_seconds: options.deadline.as_secs(),
            browser_opened: self.browser_opened,
        });
        let result = async {
            let granted = self
                .pending
                .flow
                .wait(options, &self.cancel, |left| {
                    emit(LoginFlowEvent::Waiting {
                        remaining_seconds: left.as_secs(),
                    })
                })
                .await?;
            let LoginCredentials {
                login_name,
                app_password,
                ..
            } = granted;
            // The account lives at the address the flow started on (the grant's `server` may
            // name an internal address behind a proxy; a downgrade to http was refused).
            let url = &self.pending.url;
            let secret = app_password.expose();
            record_account(
                store,
                secrets,
                self.profile_id,
                url,
                &login_name,
                secret,
                self.storage,
            )
            .await
        }
        .await;
        flows.finish(self.id);
        emit(match result {
            Ok(account) => LoginFlowEvent::Done { account },
            Err(e) if e.code() == "login-flow-cancelled" => LoginFlowEvent::Cancelled,
            Err(e) => LoginFlowEvent::Failed { error: e.into() },
        });
    }
}

/// What the Accounts screen shows, asked from the server.
pub async fn overview(
    store: &Store,
    secrets: &Secrets,
    account_id: i64,
) -> Result<AccountOverview, CoreError> {
    let account = store.account(account_id)?;
    let client = account_client(store, secrets, &account)?;
    let user = client.current_user().await?;
    let caps = client.capabilities().await?;
    let version = caps.version.string.clone();
    let theming = theming(&client, caps).await;
    let quota = &user.quota;
    Ok(AccountOverview {
        version,
        theming,
        email: user.email.clone().filter(|e| !e.is_empty()),
        is_admin: user.groups.iter().any(|g| g == "admin"),
        groups: user.groups.clone(),
        sub_admin_groups: user.subadmin.clone(),
        quota: Some(AccountQuota {
            used: quota.used,
            total: if quota.is_unlimited() {
                None
            } else {
                quota.total
            },
            relative: quota.relative,
        }),
        account,
    })
}

/// Revokes the app password on the server (when it can be reached), deletes the secret and
/// forgets the account. Never leaves a secret behind locally.
pub async fn sign_out(
    store: &Store,
    secrets: &Secrets,
    account_id: i64,
) -> Result<SignOutReport, CoreError> {
    let account = store.account(account_id)?;
    let key = account.secret_key();
    let revoked_on_server = match account_client(store, secrets, &account) {
        Ok(client) => match client.revoke_app_password().await {
            Ok(()) => true,
            // The password no longer works there: nothing left to revoke.
            Err(e) if e.is_auth() => true,
            Err(_) => false,
        },
        // No secret (session ended): nothing this computer could still use.
        Err(_) => false,
    };
    let _ = secrets.delete(&key, account.secret_storage);
    store.delete_account(account_id)?;
    Ok(SignOutReport { revoked_on_server })
}

/// Login flows under way, so the UI can cancel one by id.
#[derive(Debug, Default)]
pub struct LoginFlows {
    next: AtomicU64,
    running: Mutex<HashMap<u64, CancellationToken>>,
}

impl LoginFlows {
    /// Registers a new flow; returns its id and cancel token.
    pub fn register(&self) -> (u64, CancellationToken) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let token = CancellationToken::new();
        self.lock().insert(id, token.clone());
        (id, token)
    }

    /// Cancels a flow; unknown ids (already finished) are ignored.
    pub fn cancel(&self, id: u64) {
        if let Some(token) = self.lock().remove(&id) {
            token.cancel();
        }
    }

    /// Forgets a finished flow.
    pub fn finish(&self, id: u64) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, CancellationToken>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_colours_pass() {
        assert!(is_hex_colour("#0082c9") && is_hex_colour("#fff"));
        assert!(!is_hex_colour("red") && !is_hex_colour("#12345") && !is_hex_colour("#0082c9;x"));
    }

    #[test]
    fn flows_cancel_by_id() {
        let flows = LoginFlows::default();
        let (a, ta) = flows.register();
        let (b, tb) = flows.register();
        assert_ne!(a, b);
        flows.cancel(a);
        assert!(ta.is_cancelled() && !tb.is_cancelled());
        flows.finish(b);
        flows.cancel(b);
        assert!(!tb.is_cancelled());
    }
}
