//! OCS API: the JSON envelope (`ocs.meta.statuscode` 100 for v1, 200 for v2, `ocs.data`),
//! capabilities and theming, navigation apps, the current user and quota, admin user/group
//! listings, shares, and app passwords.
//!
//! Every OCS request carries `OCS-APIRequest: true` (without it Nextcloud answers 412 "CSRF
//! check failed"). Nextcloud's JSON is loosely typed: read it leniently (see `lenient`).
//! This module must never expose a share password hash or an app password in `Debug`.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{Client, Request, Secret, error_from_parts};
use crate::error::{Error, ErrorKind, Result};
use crate::lenient;

/// Parse an OCS JSON body (v1 or v2) and return its `data` when the OCS status is OK.
pub fn parse_envelope(body: &[u8]) -> Result<Value> {
    #[derive(Deserialize)]
    struct Envelope {
        ocs: Ocs,
    }
    #[derive(Deserialize)]
    struct Ocs {
        meta: Meta,
        #[serde(default)]
        data: Value,
    }
    #[derive(Deserialize)]
    struct Meta {
        #[serde(default, deserialize_with = "lenient::i64_or_zero")]
        statuscode: i64,
        #[serde(default, deserialize_with = "lenient::opt_string")]
        message: Option<String>,
    }
    let env: Envelope = serde_json::from_slice(body).map_err(Error::json)?;
    let code = env.ocs.meta.statuscode;
    if code == 100 || code == 200 {
        return Ok(env.ocs.data);
    }
    let kind = match code {
        997 => ErrorKind::Auth,
        998 => ErrorKind::NotFound,
        996 => ErrorKind::ServerError,
        c @ 400..=599 => ErrorKind::from_status(c as u16),
        _ => ErrorKind::Rejected,
    };
    let message = env.ocs.meta.message.or_else(|| {
        env.ocs
            .data
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    Err(Error::new(kind).with_message(message.unwrap_or_else(|| format!("OCS status {code}"))))
}

/// The raw answer of one OCS v2 request, before its status is judged: each caller decides
/// (an error, a refusal with its OCS code, an empty 204…).
pub(crate) struct OcsAnswer {
    pub(crate) url: url::Url,
    pub(crate) status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    pub(crate) body: bytes::Bytes,
}

impl OcsAnswer {
    /// The typed error of a non-success answer.
    pub(crate) fn error(&self) -> Error {
        error_from_parts(
            self.status,
            &self.url,
            &self.headers,
            &String::from_utf8_lossy(&self.body),
        )
    }

    /// Its `ocs.data` when the OCS status is OK.
    pub(crate) fn envelope(&self) -> Result<Value> {
        parse_envelope(&self.body)
            .map_err(|e| e.with_url(&self.url).with_status(self.status.as_u16()))
    }
}

impl Client {
    /// An OCS v2 request: `segments` under `/ocs/v2.php/`, `query` added after `format=json`,
    /// with the headers OCS asks for. The caller adds a body.
    pub(crate) fn ocs_request<S: AsRef<str>>(
        &self,
        method: Method,
        segments: impl IntoIterator<Item = S>,
        query: &[(&str, &str)],
    ) -> Request {
        let mut url = self.endpoint_segments("ocs/v2.php", segments);
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("format", "json");
            for (k, v) in query {
                q.append_pair(k, v);
            }
        }
        Request::new(method, url)
            .header("ocs-apirequest", "true")
            .header("accept", "application/json")
    }

    /// Sends an OCS request ([`Client::ocs_request`]) and reads its answer whole, whatever
    /// its status.
    pub(crate) async fn ocs_answer(&self, req: Request) -> Result<OcsAnswer> {
        let url = req.url.clone();
        let resp = self.send_raw(req).await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = crate::client::read_body(resp).await?;
        Ok(OcsAnswer {
            url,
            status,
            headers,
            body,
        })
    }

    /// Sends one OCS v2 request ([`Client::ocs_request`]), `form` sent as
    /// `application/x-www-form-urlencoded`.
    pub(crate) async fn ocs_send(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        form: Option<&[(&str, &str)]>,
    ) -> Result<OcsAnswer> {
        let mut req = self.ocs_request(method, segments, query);
        if let Some(form) = form {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form.iter())
                .finish();
            req = req
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body);
        }
        self.ocs_answer(req).await
    }

    /// One OCS v2 call ([`Client::ocs_send`]): a non-success answer is an error, else its data.
    pub(crate) async fn ocs_call(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        form: Option<&[(&str, &str)]>,
    ) -> Result<Value> {
        let answer = self.ocs_send(method, segments, query, form).await?;
        if !answer.status.is_success() {
            return Err(answer.error());
        }
        answer.envelope()
    }

    async fn ocs_get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> Result<T> {
        let data = self.ocs_call(Method::GET, segments, query, None).await?;
        serde_json::from_value(data).map_err(Error::json)
    }

    /// Server version, theming and enabled apps (`/cloud/capabilities`). Works anonymously
    /// too (public subset).
    pub async fn capabilities(&self) -> Result<Capabilities> {
        let data = self
            .ocs_call(Method::GET, &["cloud", "capabilities"], &[], None)
            .await?;
        Capabilities::from_data(data)
    }

    /// Apps shown in the current user's navigation (`/core/navigation/apps`).
    pub async fn navigation_apps(&self) -> Result<Vec<NavigationApp>> {
        let data = self
            .ocs_call(Method::GET, &["core", "navigation", "apps"], &[], None)
            .await?;
        Ok(lenient::map_values(data))
    }

    /// The account the client is logged in as (`/cloud/user`).
    pub async fn current_user(&self) -> Result<UserInfo> {
        self.ocs_get(&["cloud", "user"], &[]).await
    }

    /// Admin/subadmin: user ids, searched and paged (`/cloud/users`).
    pub async fn list_users(&self, search: &str, page: Page) -> Result<Vec<String>> {
        let query = page.query(search);
        let data = self
            .ocs_call(Method::GET, &["cloud", "users"], &pairs(&query), None)
            .await?;
        Ok(ids_in(&data, "users"))
    }

    /// Admin/subadmin: users with details, searched and paged (`/cloud/users/details`).
    pub async fn list_users_details(&self, search: &str, page: Page) -> Result<Vec<UserInfo>> {
        let query = page.query(search);
        let data = self
            .ocs_call(
                Method::GET,
                &["cloud", "users", "details"],
                &pairs(&query),
                None,
            )
            .await?;
        Ok(lenient::map_values(
            data.get("users").cloned().unwrap_or_default(),
        ))
    }

    /// One user's details (`/cloud/users/{id}`): admins see everyone, others only themselves
    /// (another user gives `not-found`).
    pub async fn user(&self, user_id: &str) -> Result<UserInfo> {
        self.ocs_get(&["cloud", "users", user_id], &[]).await
    }

    /// Group ids, searched and paged (`/cloud/groups`).
    pub async fn list_groups(&self, search: &str, page: Page) -> Result<Vec<String>> {
        let query = page.query(search);
        let data = self
            .ocs_call(Method::GET, &["cloud", "groups"], &pairs(&query), None)
            .await?;
        Ok(ids_in(&data, "groups"))
    }

    /// Members of a group with their details (`/cloud/groups/{g}/users/details`).
    pub async fn group_members(&self, group: &str) -> Result<Vec<UserInfo>> {
        let data = self
            .ocs_call(
                Method::GET,
                &["cloud", "groups", group, "users", "details"],
                &[],
                None,
            )
            .await?;
        Ok(lenient::map_values(
            data.get("users").cloned().unwrap_or_default(),
        ))
    }

    /// Groups a user administers as subadmin (`/cloud/users/{id}/subadmins`).
    pub async fn subadmin_groups(&self, user_id: &str) -> Result<Vec<String>> {
        let data = self
            .ocs_call(
                Method::GET,
                &["cloud", "users", user_id, "subadmins"],
                &[],
                None,
            )
            .await?;
        Ok(lenient::map_values(data))
    }

    /// Shares (`/apps/files_sharing/api/v1/shares`), see [`ShareQuery`].
    pub async fn list_shares(&self, query: &ShareQuery) -> Result<Vec<Share>> {
        let mut q: Vec<(&str, &str)> = Vec::new();
        if let Some(path) = &query.path {
            q.push(("path", path));
        }
        if query.reshares {
            q.push(("reshares", "true"));
        }
        if query.subfiles {
            q.push(("subfiles", "true"));
        }
        if query.shared_with_me {
            q.push(("shared_with_me", "true"));
        }
        let data = self.ocs_call(Method::GET, &SHARES, &q, None).await?;
        Ok(shares_from(data))
    }

    /// One share by id.
    pub async fn share(&self, id: &str) -> Result<Share> {
        let data = self
            .ocs_call(Method::GET, &share_path(id), &[], None)
            .await?;
        // A single share comes as a one-element list.
        shares_from(match data {
            Value::Array(_) => data,
            other => Value::Array(vec![other]),
        })
        .into_iter()
        .next()
        .ok_or_else(|| Error::new(ErrorKind::NotFound))
    }

    /// Create a share.
    pub async fn create_share(&self, new: &NewShare) -> Result<Share> {
        let mut form: Vec<(&str, &str)> = vec![("path", &new.path)];
        match &new.target {
            ShareTarget::User(u) => {
                form.push(("shareType", "0"));
                form.push(("shareWith", u));
            }
            ShareTarget::Group(g) => {
                form.push(("shareType", "1"));
                form.push(("shareWith", g));
            }
            ShareTarget::PublicLink { password } => {
                form.push(("shareType", "3"));
                if let Some(p) = password {
                    form.push(("password", p.expose()));
                }
            }
        }
        let permissions = new.permissions.map(|p| p.to_string());
        if let Some(p) = &permissions {
            form.push(("permissions", p));
        }
        if let Some(date) = &new.expire_date {
            form.push(("expireDate", date));
        }
        if let Some(label) = &new.label {
            form.push(("label", label));
        }
        let data = self
            .ocs_call(Method::POST, &SHARES, &[], Some(&form))
            .await?;
        shares_from(Value::Array(vec![data]))
            .pop()
            .ok_or_else(|| Error::protocol("no share in the answer"))
    }

    /// Disable a user account (admin or group admin; `PUT /cloud/users/{id}/disable`). The
    /// account keeps its data and can be enabled again.
    pub async fn disable_user(&self, user_id: &str) -> Result<()> {
        self.ocs_call(
            Method::PUT,
            &["cloud", "users", user_id, "disable"],
            &[],
            None,
        )
        .await?;
        Ok(())
    }

    /// Delete a share by id.
    pub async fn delete_share(&self, id: &str) -> Result<()> {
        self.ocs_call(Method::DELETE, &share_path(id), &[], None)
            .await?;
        Ok(())
    }

    /// Exchange the login password the client was built with for an app password
    /// (`/core/getapppassword`). Refused (`forbidden`) when already using an app password.
    pub async fn get_app_password(&self) -> Result<Secret> {
        let data = self
            .ocs_call(Method::GET, &["core", "getapppassword"], &[], None)
            .await?;
        data.get("apppassword")
            .and_then(Value::as_str)
            .map(Secret::new)
            .ok_or_else(|| Error::protocol("no apppassword in the answer"))
    }

    /// Offers the secret this client was built with to `/core/getapppassword`: a login password
    /// comes back exchanged for a new app password (which the caller keeps instead, dropping
    /// the login password); an app password is refused with an OCS 403, which says it already is
    /// one. Errors: [`ErrorKind::Auth`] for a wrong login or password,
    /// [`ErrorKind::PasswordLoginForbidden`] when the account only accepts app passwords
    /// (two-factor authentication, or `token_auth_enforced`), whatever else the server says.
    pub async fn exchange_for_app_password(&self) -> Result<PasswordExchange> {
        let answer = self
            .ocs_send(Method::GET, &["core", "getapppassword"], &[], None)
            .await?;
        match answer.status.as_u16() {
            200..=299 => {
                let data = answer.envelope()?;
                data.get("apppassword")
                    .and_then(Value::as_str)
                    .filter(|p| !p.is_empty())
                    .map(|p| PasswordExchange::Exchanged(Secret::new(p)))
                    .ok_or_else(|| Error::protocol("no apppassword in the answer"))
            }
            // Nextcloud's own refusal (an OCS envelope), not a proxy's 403 page.
            403 if ocs_status_kind(&answer.body) == Some(ErrorKind::Forbidden) => {
                Ok(PasswordExchange::AlreadyAppPassword)
            }
            // Basic auth with a login password is dropped before it is even checked when the
            // account needs two factors (or the server wants app passwords only): the request
            // then arrives signed out, which the controller answers with this message. A wrong
            // password gets "Unauthorised" instead (Nextcloud 29 and 32 alike).
            401 if ocs_message(&answer.body).as_deref() == Some(NOT_LOGGED_IN) => {
                Err(answer.error().with_kind(ErrorKind::PasswordLoginForbidden))
            }
            _ => Err(answer.error()),
        }
    }

    /// Revoke the app password this client authenticates with (`DELETE /core/apppassword`).
    /// The client is unusable afterwards.
    pub async fn revoke_app_password(&self) -> Result<()> {
        self.ocs_call(Method::DELETE, &["core", "apppassword"], &[], None)
            .await?;
        Ok(())
    }
}

/// What `/core/getapppassword` made of the secret a client signs in with.
#[derive(Debug, Clone)]
pub enum PasswordExchange {
    /// It was the login password: this new app password replaces it (keep only this one).
    Exchanged(Secret),
    /// It already is an app password (Nextcloud will not make one from another).
    AlreadyAppPassword,
}

/// Nextcloud's answer to a request whose credentials were not even checked.
const NOT_LOGGED_IN: &str = "Current user is not logged in";

/// The error an OCS JSON envelope reports, if the body is one and reports an error.
fn ocs_refusal(body: &[u8]) -> Option<Error> {
    parse_envelope(body)
        .err()
        .filter(|e| e.kind() != ErrorKind::Protocol)
}

/// The error kind an OCS JSON envelope reports.
fn ocs_status_kind(body: &[u8]) -> Option<ErrorKind> {
    ocs_refusal(body).map(|e| e.kind())
}

/// `ocs.meta.message` of an OCS JSON envelope that reports an error.
fn ocs_message(body: &[u8]) -> Option<String> {
    ocs_refusal(body).and_then(|e| e.server_message().map(str::to_owned))
}

const SHARE_TYPE_LINK: i64 = 3;

const SHARES: [&str; 5] = ["apps", "files_sharing", "api", "v1", "shares"];

fn share_path(id: &str) -> [&str; 6] {
    let [a, b, c, d, e] = SHARES;
    [a, b, c, d, e, id]
}

/// Shares from a list, noting which links have a password (the hash itself is dropped).
fn shares_from(data: Value) -> Vec<Share> {
    let Value::Array(items) = data else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| {
            let has_password = item
                .get("password")
                .and_then(Value::as_str)
                .is_some_and(|p| !p.is_empty());
            let mut share: Share = serde_json::from_value(item).ok()?;
            share.has_password = has_password;
            if share.share_type == SHARE_TYPE_LINK {
                // For links Nextcloud puts the password hash (or null) in share_with.
                share.share_with = None;
            }
            Some(share)
        })
        .collect()
}

fn pairs<'a>(query: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    query.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn ids_in(data: &Value, key: &str) -> Vec<String> {
    lenient::map_values::<String>(data.get(key).cloned().unwrap_or_default())
}

/// Paging for admin listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    /// Maximum number of results (`None`: server default, all).
    pub limit: Option<u32>,
    /// Results to skip.
    pub offset: u32,
}

impl Page {
    /// `limit` results starting at `offset`.
    pub fn new(limit: u32, offset: u32) -> Self {
        Page {
            limit: Some(limit),
            offset,
        }
    }

    /// `search`, then `limit` and `offset` only when paging.
    fn query(&self, search: &str) -> Vec<(&'static str, String)> {
        let mut q = vec![("search", search.to_owned())];
        if let Some(limit) = self.limit {
            q.push(("limit", limit.to_string()));
            q.push(("offset", self.offset.to_string()));
        }
        q
    }
}

/// Capabilities of the server, as far as Passerelle needs them.
#[derive(Debug, Clone, Serialize)]
pub struct Capabilities {
    /// Server version.
    pub version: ServerVersion,
    /// Theming, when the theming app is enabled.
    pub theming: Option<Theming>,
    /// Apps that publish capabilities (`files`, `files_sharing`, `theming`, `notifications`…),
    /// sorted. Not every enabled app publishes capabilities.
    pub apps: Vec<String>,
    /// The whole `capabilities` object, for checks not modelled here.
    pub raw: Value,
}

impl Capabilities {
    fn from_data(data: Value) -> Result<Self> {
        let version: ServerVersion = data
            .get("version")
            .cloned()
            .map(serde_json::from_value)
            .transpose()
            .map_err(Error::json)?
            .unwrap_or_default();
        let raw = data.get("capabilities").cloned().unwrap_or_default();
        let mut apps: Vec<String> = raw
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        apps.sort();
        let theming = raw
            .get("theming")
            .and_then(|t| serde_json::from_value(t.clone()).ok());
        Ok(Capabilities {
            version,
            theming,
            apps,
            raw,
        })
    }

    /// Whether an app publishes capabilities (a sign it is enabled).
    pub fn has_app(&self, app: &str) -> bool {
        self.apps.iter().any(|a| a == app)
    }
}

/// The `version` block of capabilities.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ServerVersion {
    /// Major version.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub major: i64,
    /// Minor version.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub minor: i64,
    /// Micro (patch) version.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub micro: i64,
    /// Human string, e.g. `"29.0.6"`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub string: String,
    /// Edition (usually empty).
    #[serde(default, deserialize_with = "lenient::string")]
    pub edition: String,
    /// Extended support.
    #[serde(
        default,
        rename = "extendedSupport",
        deserialize_with = "lenient::bool"
    )]
    pub extended_support: bool,
}

/// The instance's look (theming capability).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Theming {
    /// Instance name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The organisation's web site.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    /// Slogan.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub slogan: Option<String>,
    /// Primary colour (`#00679e`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub color: Option<String>,
    /// Text colour on the primary colour.
    #[serde(
        default,
        rename = "color-text",
        deserialize_with = "lenient::opt_string"
    )]
    pub color_text: Option<String>,
    /// Colour for elements.
    #[serde(
        default,
        rename = "color-element",
        deserialize_with = "lenient::opt_string"
    )]
    pub color_element: Option<String>,
    /// Logo URL.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub logo: Option<String>,
    /// Header logo URL.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub logoheader: Option<String>,
    /// Favicon URL.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub favicon: Option<String>,
    /// Background image URL (or a colour when `background_plain`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub background: Option<String>,
    /// The background is a plain colour.
    #[serde(
        default,
        rename = "background-plain",
        deserialize_with = "lenient::bool"
    )]
    pub background_plain: bool,
}

/// An app entry of the navigation menu.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct NavigationApp {
    /// Entry id (`files`, `dashboard`…).
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// Displayed name (translated by the server).
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// Link, relative to the server.
    #[serde(default, deserialize_with = "lenient::string")]
    pub href: String,
    /// Icon URL, relative to the server.
    #[serde(default, deserialize_with = "lenient::string")]
    pub icon: String,
    /// Sort order.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub order: i64,
    /// App id, when the entry belongs to an app.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app: Option<String>,
}

/// Storage quota of a user. Sizes in bytes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct Quota {
    /// Free bytes (absent for users who never logged in).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub free: Option<i64>,
    /// Used bytes.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub used: i64,
    /// Total bytes (used + free).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total: Option<i64>,
    /// Used share in percent (can exceed 100 when the quota was lowered).
    #[serde(default, deserialize_with = "lenient::f64_or_zero")]
    pub relative: f64,
    /// The configured quota in bytes; negative means unlimited (-3) or unknown.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub quota: Option<i64>,
}

impl Quota {
    /// No quota limit (Nextcloud reports -3 for "unlimited").
    pub fn is_unlimited(&self) -> bool {
        self.quota.is_none_or(|q| q < 0)
    }
}

/// What the backend lets the user change.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct BackendCapabilities {
    /// The display name can be changed.
    #[serde(default, rename = "setDisplayName", deserialize_with = "lenient::bool")]
    pub set_display_name: bool,
    /// The password can be changed.
    #[serde(default, rename = "setPassword", deserialize_with = "lenient::bool")]
    pub set_password: bool,
}

/// A user (current user, or an admin listing entry).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct UserInfo {
    /// User id (used in DAV paths). May differ from the login name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// Display name.
    #[serde(default, rename = "displayname", deserialize_with = "lenient::string")]
    pub display_name: String,
    /// Email address.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub email: Option<String>,
    /// Quota.
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub quota: Quota,
    /// Groups the user belongs to.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub groups: Vec<String>,
    /// Groups the user administers as subadmin.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub subadmin: Vec<String>,
    /// Language (`fr`), possibly empty.
    #[serde(default, deserialize_with = "lenient::string")]
    pub language: String,
    /// Locale, possibly empty.
    #[serde(default, deserialize_with = "lenient::string")]
    pub locale: String,
    /// Enabled (only in admin listings).
    #[serde(default, deserialize_with = "lenient_opt_bool")]
    pub enabled: Option<bool>,
    /// Last login, milliseconds since the epoch (0 = never).
    #[serde(default, rename = "lastLogin", deserialize_with = "lenient::opt_i64")]
    pub last_login_ms: Option<i64>,
    /// User backend (`Database`, `LDAP`…).
    #[serde(default, deserialize_with = "lenient::string")]
    pub backend: String,
    /// What the backend allows.
    #[serde(
        default,
        rename = "backendCapabilities",
        deserialize_with = "lenient::or_default"
    )]
    pub backend_capabilities: BackendCapabilities,
}

fn lenient_opt_bool<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        v => Some(matches!(v, Value::Bool(true)) || v == "1" || v == 1),
    })
}

/// Which shares to list.
#[derive(Debug, Clone, Default)]
pub struct ShareQuery {
    /// Only shares of this path (relative to the user's root, e.g. `/Docs`).
    pub path: Option<String>,
    /// Include reshares by others of the user's files.
    pub reshares: bool,
    /// With `path` on a folder: the shares of its direct children.
    pub subfiles: bool,
    /// Shares received instead of shares given.
    pub shared_with_me: bool,
}

/// Whom a new share is for.
#[derive(Debug, Clone)]
pub enum ShareTarget {
    /// A user (share type 0).
    User(String),
    /// A group (share type 1).
    Group(String),
    /// A public link (share type 3), optionally password-protected.
    PublicLink {
        /// Link password.
        password: Option<Secret>,
    },
}

/// A share to create.
#[derive(Debug, Clone)]
pub struct NewShare {
    /// Path relative to the user's root (`/Docs/report.pdf`).
    pub path: String,
    /// Recipient.
    pub target: ShareTarget,
    /// Permission bits (1 read, 2 update, 4 create, 8 delete, 16 share); server default if None.
    pub permissions: Option<u32>,
    /// Expiry date `YYYY-MM-DD`.
    pub expire_date: Option<String>,
    /// Link label.
    pub label: Option<String>,
}

/// A share as the server describes it. The link password hash is deliberately not kept.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Share {
    /// Share id.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// 0 user, 1 group, 3 public link, 4 email, 6 federated, 7 team, 10 Talk room.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub share_type: i64,
    /// Who created the share.
    #[serde(default, deserialize_with = "lenient::string")]
    pub uid_owner: String,
    /// Their display name.
    #[serde(default, deserialize_with = "lenient::string")]
    pub displayname_owner: String,
    /// Owner of the shared file.
    #[serde(default, deserialize_with = "lenient::string")]
    pub uid_file_owner: String,
    /// Permission bits.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub permissions: i64,
    /// Path, relative to the user's root.
    #[serde(default, deserialize_with = "lenient::string")]
    pub path: String,
    /// `file` or `folder`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub item_type: String,
    /// MIME type.
    #[serde(default, deserialize_with = "lenient::string")]
    pub mimetype: String,
    /// Recipient (user or group id); for links Nextcloud puts the password hash here, which
    /// is dropped (see [`Share::share_with`]).
    #[serde(default, deserialize_with = "share_with")]
    pub share_with: Option<String>,
    /// Recipient display name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub share_with_displayname: Option<String>,
    /// Link token.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub token: Option<String>,
    /// Public link URL.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    /// Expiry, `YYYY-MM-DD HH:MM:SS`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub expiration: Option<String>,
    /// Label (`null` in lists, `""` on creation: both read as `None`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub label: Option<String>,
    /// Note to the recipient.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub note: Option<String>,
    /// Creation time (seconds since the epoch).
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub stime: i64,
    /// Where the recipient sees it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub file_target: Option<String>,
    /// The link has a password.
    #[serde(skip_deserializing)]
    pub has_password: bool,
}

/// `share_with` without password hashes (`3|$argon2id$…`, `$2y$…`).
fn share_with<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = lenient::opt_string(d)?;
    Ok(s.filter(|s| !(s.contains("$argon2") || s.starts_with("$2") || s.starts_with("3|$"))))
}
