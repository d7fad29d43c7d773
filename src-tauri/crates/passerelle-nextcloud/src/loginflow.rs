//! Login Flow v2: `POST /index.php/login/v2` gives a URL to open in the browser and a poll
//! token; polling `…/login/v2/poll` answers 404 until the person grants access, then once
//! `{server, loginName, appPassword}`.
//!
//! This module owns starting, polling (once or in a cancellable, deadline-bound loop) and the
//! safety checks on the result (no https → http downgrade; polling stays on the server the
//! flow started on). It must not open the browser or store the app password.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde::Deserialize;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::client::{Client, Request, Secret, error_from_response, read_body};
use crate::error::{Error, ErrorKind, Result};

/// Default time a person has to log in in the browser.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(20 * 60);
/// Default interval between polls.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(2);

/// A started Login Flow v2.
#[derive(Debug, Clone)]
pub struct LoginFlow {
    client: Client,
    /// The page to open in the browser.
    pub login_url: Url,
    poll_endpoint: Url,
    poll_token: Secret,
}

/// What a granted Login Flow returns.
#[derive(Debug, Clone)]
pub struct LoginCredentials {
    /// The server's base URL as Nextcloud reports it.
    pub server: Url,
    /// The login name (may differ from the user id: see [`LoginCredentials::resolve_user_id`]).
    pub login_name: String,
    /// The new app password.
    pub app_password: Secret,
}

/// Options of [`LoginFlow::wait`].
#[derive(Debug, Clone, Copy)]
pub struct WaitOptions {
    /// Time between polls.
    pub interval: Duration,
    /// Give up after this long (`login-flow-timeout`).
    pub deadline: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            interval: DEFAULT_INTERVAL,
            deadline: DEFAULT_DEADLINE,
        }
    }
}

#[derive(Deserialize)]
struct InitAnswer {
    poll: PollInfo,
    login: String,
}

#[derive(Deserialize)]
struct PollInfo {
    token: String,
    endpoint: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GrantAnswer {
    server: String,
    login_name: String,
    app_password: String,
}

impl Client {
    /// Start a Login Flow v2 on this client's server (anonymous request).
    pub async fn start_login_flow(&self) -> Result<LoginFlow> {
        LoginFlow::start(self).await
    }
}

impl LoginFlow {
    /// `POST /index.php/login/v2`. The client's User-Agent becomes the app password's name.
    pub async fn start(client: &Client) -> Result<LoginFlow> {
        let url = client.endpoint("index.php/login/v2");
        let resp = client
            .send(
                Request::new(Method::POST, url.clone())
                    .anonymous()
                    .header("accept", "application/json"),
            )
            .await?;
        let body = read_body(resp).await?;
        let init: InitAnswer = serde_json::from_slice(&body).map_err(|e| {
            Error::json(e)
                .with_kind(ErrorKind::NotNextcloud)
                .with_url(&url)
        })?;
        let base = client.base_url();
        let poll = Url::parse(&init.poll.endpoint)
            .map_err(|_| Error::protocol("invalid poll endpoint").with_url(&url))?;
        let login = Url::parse(&init.login)
            .map_err(|_| Error::protocol("invalid login URL").with_url(&url))?;
        Ok(LoginFlow {
            client: client.clone(),
            login_url: on_origin_of(base, &login),
            poll_endpoint: on_origin_of(base, &poll),
            poll_token: Secret::new(init.poll.token),
        })
    }

    /// Poll once: `Ok(None)` while the person has not granted access yet (404).
    pub async fn poll_once(&self) -> Result<Option<LoginCredentials>> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("token", self.poll_token.expose())
            .finish();
        let resp = self
            .client
            .send_raw(
                Request::new(Method::POST, self.poll_endpoint.clone())
                    .anonymous()
                    .header("accept", "application/json")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body),
            )
            .await?;
        match resp.status().as_u16() {
            404 => Ok(None),
            200 => {
                let body = read_body(resp).await?;
                let grant: GrantAnswer = serde_json::from_slice(&body).map_err(Error::json)?;
                self.check_grant(grant).map(Some)
            }
            _ => Err(error_from_response(resp).await),
        }
    }

    fn check_grant(&self, grant: GrantAnswer) -> Result<LoginCredentials> {
        let server = Url::parse(grant.server.trim())
            .map_err(|_| Error::protocol("invalid server address in the login answer"))?;
        let started_https = self.client.base_url().scheme() == "https";
        if started_https && server.scheme() != "https" {
            return Err(Error::new(ErrorKind::LoginFlowDowngrade).with_url(&server));
        }
        if grant.login_name.is_empty() || grant.app_password.is_empty() {
            return Err(Error::protocol("incomplete login answer"));
        }
        Ok(LoginCredentials {
            server,
            login_name: grant.login_name,
            app_password: Secret::new(grant.app_password),
        })
    }

    /// Poll every `interval` until granted, cancelled (`login-flow-cancelled`) or past the
    /// deadline (`login-flow-timeout`). `on_tick` receives the remaining time before each poll.
    /// Transient failures (offline, timeout, 5xx, throttling) are tolerated until the deadline.
    pub async fn wait(
        &self,
        options: WaitOptions,
        cancel: &CancellationToken,
        mut on_tick: impl FnMut(Duration),
    ) -> Result<LoginCredentials> {
        let end = Instant::now() + options.deadline;
        loop {
            let now = Instant::now();
            if now >= end {
                return Err(Error::new(ErrorKind::LoginFlowTimeout));
            }
            on_tick(end - now);
            let outcome = tokio::select! {
                _ = cancel.cancelled() => return Err(Error::new(ErrorKind::LoginFlowCancelled)),
                outcome = self.poll_once() => outcome,
            };
            match outcome {
                Ok(Some(credentials)) => return Ok(credentials),
                Ok(None) => {}
                Err(e) if is_transient(&e) => {}
                Err(e) => return Err(e),
            }
            let pause = options
                .interval
                .min(end.saturating_duration_since(Instant::now()));
            tokio::select! {
                _ = cancel.cancelled() => return Err(Error::new(ErrorKind::LoginFlowCancelled)),
                _ = tokio::time::sleep(pause) => {}
            }
        }
    }
}

fn is_transient(e: &Error) -> bool {
    e.is_offline()
        || e.is_timeout()
        || e.is_rate_limited()
        || e.is_maintenance()
        || e.kind() == ErrorKind::ServerError
}

/// Keep the path of `url` but the scheme/host/port of `base`: polling must stay on the server
/// the flow started on, even behind a proxy that makes Nextcloud report `http://` URLs.
fn on_origin_of(base: &Url, url: &Url) -> Url {
    let mut out = base.clone();
    out.set_path(url.path());
    out.set_query(url.query());
    out
}

impl LoginCredentials {
    /// A client for the new account, on `base` (the address the flow started on).
    pub fn client(&self, base: &Client) -> Result<Client> {
        Client::builder(base.base_url().as_str())
            .credentials(self.login_name.clone(), self.app_password.clone())
            .build()
    }

    /// The user id of the new account (`/cloud/user` with the new credentials): the login
    /// name can be an email address or differ in case from the id used in DAV paths.
    pub async fn resolve_user_id(&self, base: &Client) -> Result<String> {
        let user = self.client(base)?.current_user().await?;
        if user.id.is_empty() {
            return Err(Error::protocol("the server returned no user id"));
        }
        Ok(user.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_stays_on_the_start_origin() {
        let base = Url::parse("https://cloud.example.org/nc/").unwrap();
        let poll = Url::parse("http://cloud.example.org/nc/index.php/login/v2/poll").unwrap();
        assert_eq!(
            on_origin_of(&base, &poll).as_str(),
            "https://cloud.example.org/nc/index.php/login/v2/poll"
        );
    }

    fn flow_on(base: &str) -> LoginFlow {
        let client = Client::builder(base).build().unwrap();
        LoginFlow {
            login_url: client.endpoint("index.php/login/v2/flow/x"),
            poll_endpoint: client.endpoint("index.php/login/v2/poll"),
            poll_token: Secret::new("token"),
            client,
        }
    }

    fn grant(server: &str) -> GrantAnswer {
        GrantAnswer {
            server: server.into(),
            login_name: "alice".into(),
            app_password: "app-password".into(),
        }
    }

    #[test]
    fn https_flow_refuses_an_http_server() {
        let flow = flow_on("https://cloud.example.org");
        let e = flow
            .check_grant(grant("http://cloud.example.org"))
            .unwrap_err();
        assert_eq!(e.code(), "login-flow-downgrade");
        assert!(flow.check_grant(grant("https://cloud.example.org")).is_ok());
        // A flow started on local http may return http.
        let local = flow_on("http://192.168.1.5");
        assert!(local.check_grant(grant("http://192.168.1.5")).is_ok());
    }

    #[test]
    fn credentials_debug_hides_the_app_password() {
        let c = LoginCredentials {
            server: Url::parse("https://x.example").unwrap(),
            login_name: "alice".into(),
            app_password: Secret::new("very-secret-app-password"),
        };
        assert!(!format!("{c:?}").contains("very-secret"));
    }
}
