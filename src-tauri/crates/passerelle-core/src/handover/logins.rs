//! Sessions for a hand-over from what a person gives by hand (the command line's flags) rather
//! than from the accounts the app recorded: each side a recorded account, or a server and a
//! user (with a login, and an app password asked only when a session is needed), plus an
//! optional administrator. The app's screens start from recorded accounts
//! ([`super::engine::sessions_for`]); both end in the same [`Sessions`].
//!
//! Secrets are asked through a callback ([`AskSecret`]): this module never reads the
//! environment or a terminal, and keeps no secret beyond the clients it builds.

use passerelle_nextcloud::{Client, Secret};

use super::engine::{Sessions, nextcloud_user, recorded_member};
use super::model::{JobSummary, MemberSide, StrategyKind};
use super::nextcloud_member;
use crate::connect;
use crate::secrets::Secrets;
use crate::{IpcError, Store};

/// Whose app password is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The departing member.
    Source,
    /// The recipient.
    Target,
    /// The administrator.
    Admin,
}

/// Asks for an app password when a session needs one.
pub type AskSecret<'a> = dyn FnMut(Who) -> Result<Secret, IpcError> + 'a;

/// One side as given by hand.
#[derive(Debug, Clone, Default)]
pub struct SideLogin {
    /// A recorded account (its secret from the keyring); the fields below are then unused.
    pub account: Option<i64>,
    /// The server's address.
    pub server: Option<String>,
    /// The user id.
    pub user: Option<String>,
    /// The login name, when it differs from the user id.
    pub login: Option<String>,
    /// The display name (asked from the server when not given).
    pub name: Option<String>,
    /// A plain WebDAV server (not Nextcloud): the files' URL.
    pub files_url: Option<String>,
    /// With `files_url`: the CalDAV home, if any.
    pub calendars_url: Option<String>,
    /// With `files_url`: the CardDAV home, if any.
    pub contacts_url: Option<String>,
}

/// The administrator as given by hand: a recorded account, or a server and a user.
#[derive(Debug, Clone, Default)]
pub struct AdminLogin {
    /// A recorded account.
    pub account: Option<i64>,
    /// The server's address.
    pub server: Option<String>,
    /// The administrator's user id (also the login).
    pub user: Option<String>,
}

fn invalid(message: impl Into<String>) -> IpcError {
    IpcError::new("invalid-value", message)
}

fn normalized(server: &str) -> String {
    passerelle_nextcloud::normalize_address(server)
        .map(|a| a.url)
        .unwrap_or_else(|_| server.to_owned())
}

fn recorded(store: &Store, secrets: &Secrets, id: i64) -> Result<Client, IpcError> {
    let account = store.account(id)?;
    Ok(connect::account_client(store, secrets, &account)?)
}

/// The administrator's session, when one is given.
pub fn admin_session(
    store: &Store,
    secrets: &Secrets,
    admin: &AdminLogin,
    ask: &mut AskSecret<'_>,
) -> Result<Option<Client>, IpcError> {
    if let Some(id) = admin.account {
        return recorded(store, secrets, id).map(Some);
    }
    let (Some(server), Some(user)) = (admin.server.as_deref(), admin.user.as_deref()) else {
        return Ok(None);
    };
    let secret = ask(Who::Admin)?;
    Ok(Some(connect::client_with(
        store,
        &normalized(server),
        user,
        Some(user),
        secret.expose(),
    )?))
}

/// A side with its session.
async fn side_with_session(
    store: &Store,
    secrets: &Secrets,
    side: &SideLogin,
    who: Who,
    ask: &mut AskSecret<'_>,
) -> Result<(MemberSide, Client), IpcError> {
    if let Some(id) = side.account {
        let account = store.account(id)?;
        let client = connect::account_client(store, secrets, &account)?;
        let member = recorded_member(&client, &account, account.display_name.clone())?;
        return Ok((member, client));
    }
    let (Some(server), Some(user)) = (side.server.as_deref(), side.user.as_deref()) else {
        return Err(invalid(
            "each side needs a recorded account, or a server and a user",
        ));
    };
    let server = normalized(server);
    let login = side.login.as_deref().unwrap_or(user);
    let secret = ask(who)?;
    let client = connect::client_with(store, &server, login, Some(user), secret.expose())?;
    let member = match &side.files_url {
        Some(files_url) => MemberSide {
            server_url: server.clone(),
            user_id: user.to_owned(),
            login: login.to_owned(),
            display_name: side.name.clone(),
            account_id: None,
            files_url: files_url.clone(),
            calendars_url: side.calendars_url.clone(),
            contacts_url: side.contacts_url.clone(),
            nextcloud: false,
        },
        None => {
            let name = match &side.name {
                Some(n) => Some(n.clone()),
                None => client
                    .current_user()
                    .await
                    .ok()
                    .map(|u| u.display_name)
                    .filter(|n| !n.is_empty()),
            };
            let mut m = nextcloud_member(&client, name)?;
            m.server_url = server;
            m
        }
    };
    Ok((member, client))
}

/// A side without a session (the OwnershipTransfer app moves data with the admin's alone):
/// a recorded account gives its name and id; else the user on the given server or the
/// admin's.
fn side_without_session(
    store: &Store,
    side: &SideLogin,
    admin: &Client,
) -> Result<MemberSide, IpcError> {
    if let Some(id) = side.account {
        let account = store.account(id)?;
        return Ok(nextcloud_user(
            &account.server_url,
            &account.user_id,
            account.display_name.clone(),
        )?);
    }
    let user = side
        .user
        .as_deref()
        .ok_or_else(|| invalid("each side needs a user (or a recorded account)"))?;
    let server = match side.server.as_deref() {
        Some(server) => normalized(server),
        None => admin.base_url().to_string(),
    };
    Ok(nextcloud_user(&server, user, side.name.clone())?)
}

/// The error when the OwnershipTransfer app is asked for without an administrator.
pub fn needs_admin() -> IpcError {
    invalid(
        "the OwnershipTransfer app needs an administrator (a recorded account, or a server, \
         a user and their app password)",
    )
}

/// The sessions for a new hand-over. With the OwnershipTransfer app (`ownership_transfer`)
/// only the administrator's session is made; otherwise both members' are.
pub async fn sessions_from_logins(
    store: &Store,
    secrets: &Secrets,
    from: &SideLogin,
    to: &SideLogin,
    admin: Option<Client>,
    ownership_transfer: bool,
    ask: &mut AskSecret<'_>,
) -> Result<Sessions, IpcError> {
    if ownership_transfer {
        let admin_client = admin.as_ref().ok_or_else(needs_admin)?;
        return Ok(Sessions {
            source: side_without_session(store, from, admin_client)?,
            source_client: None,
            target: side_without_session(store, to, admin_client)?,
            target_client: None,
            admin,
            lost: Vec::new(),
        });
    }
    let (source, source_client) = side_with_session(store, secrets, from, Who::Source, ask).await?;
    let (target, target_client) = side_with_session(store, secrets, to, Who::Target, ask).await?;
    Ok(Sessions {
        source,
        source_client: Some(source_client),
        target,
        target_client: Some(target_client),
        admin,
        lost: Vec::new(),
    })
}

/// The session of a recorded side for a resume or a verification.
fn session_again(
    store: &Store,
    secrets: &Secrets,
    member: &MemberSide,
    who: Who,
    ask: &mut AskSecret<'_>,
) -> Result<Client, IpcError> {
    match member.account_id {
        Some(id) => recorded(store, secrets, id),
        None => {
            let secret = ask(who)?;
            Ok(connect::client_with(
                store,
                &member.server_url,
                &member.login,
                Some(&member.user_id),
                secret.expose(),
            )?)
        }
    }
}

/// The sessions to resume or verify a recorded job: the members' only when the strategy needs
/// them (`target_only`: the recipient's alone, for a verification).
pub fn sessions_again(
    store: &Store,
    secrets: &Secrets,
    job: &JobSummary,
    admin: Option<Client>,
    target_only: bool,
    ask: &mut AskSecret<'_>,
) -> Result<Sessions, IpcError> {
    let (source_client, target_client) = if target_only {
        // A copy is verified at the recipient's; a transfer by its journal (no session).
        if job.strategy.moves_data() {
            (None, None)
        } else {
            let target = session_again(store, secrets, &job.target, Who::Target, ask)?;
            (None, Some(target))
        }
    } else if job.strategy == StrategyKind::OwnershipTransfer {
        if admin.is_none() {
            return Err(needs_admin());
        }
        (None, None)
    } else {
        let source = session_again(store, secrets, &job.source, Who::Source, ask)?;
        let target = session_again(store, secrets, &job.target, Who::Target, ask)?;
        (Some(source), Some(target))
    };
    Ok(Sessions {
        source: job.source.clone(),
        source_client,
        target: job.target.clone(),
        target_client,
        admin,
        lost: Vec::new(),
    })
}
