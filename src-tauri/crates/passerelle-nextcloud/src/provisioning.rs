//! User provisioning (admins and group admins): create, delete and disable accounts, create
//! groups, add members, list a group's members (`/ocs/v2.php/cloud/users|groups`).
//!
//! Nextcloud answers refusals with HTTP 400 and an OCS `statuscode` whose meaning depends on
//! the route (102 is "user exists" on creation but "unknown group" when adding to a group).
//! Each call maps its own codes into a [`Refusal`] so callers can report a typed reason per
//! account. The server's messages are translated into the admin's language: never branch on
//! them. This module never prints a password (the [`Secret`] type hides it).
//!
//! Observed on Nextcloud 29.0.6: a user created with an invalid `quota` stays created while the
//! call fails (102). So [`Client::create_user`] never sends a quota; [`Client::set_user_quota`]
//! sets it afterwards, and a failure there is unambiguous.

use reqwest::Method;
use serde_json::Value;

use crate::client::{Client, Secret};
use crate::error::{Error, ErrorKind};
use crate::lenient;

/// Why the server refused a provisioning call, as a closed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefusalReason {
    /// An account with this id already exists.
    UserExists,
    /// Something sent was refused as invalid (OCS 101): an empty login or one with characters
    /// Nextcloud refuses, a password too long, or any failure the server only calls "Bad
    /// request" (some hosts' account limits end here). The message says which.
    InvalidInput,
    /// The password is too long or empty when it cannot be.
    InvalidPassword,
    /// The password policy refused the password (too short, too common, breached…).
    PasswordRejected,
    /// The group does not exist.
    UnknownGroup,
    /// The group already exists.
    GroupExists,
    /// A group admin may not use this group.
    GroupNotAllowed,
    /// Group admins must put new accounts into one of their groups.
    GroupRequired,
    /// An e-mail address is needed (no password given, or required by the space).
    EmailRequired,
    /// The quota value is not accepted (format, above the maximum, unlimited forbidden).
    InvalidQuota,
    /// No account with this id.
    UnknownUser,
    /// Another refusal (see [`Refusal::ocs_status`]).
    Other,
}

impl RefusalReason {
    /// Stable kebab-case code (Fluent id `workshop-reason-<code>` on the core side).
    pub fn code(self) -> &'static str {
        match self {
            Self::UserExists => "user-exists",
            Self::InvalidInput => "invalid-input",
            Self::InvalidPassword => "invalid-password",
            Self::PasswordRejected => "password-rejected",
            Self::UnknownGroup => "unknown-group",
            Self::GroupExists => "group-exists",
            Self::GroupNotAllowed => "group-not-allowed",
            Self::GroupRequired => "group-required",
            Self::EmailRequired => "email-required",
            Self::InvalidQuota => "invalid-quota",
            Self::UnknownUser => "unknown-user",
            Self::Other => "refused",
        }
    }
}

/// A refusal: the typed reason, the OCS status and the server's (translated) message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What it means.
    pub reason: RefusalReason,
    /// The OCS `statuscode` (101…110).
    pub ocs_status: i64,
    /// The server's message, in the admin's language (may be empty).
    pub message: String,
}

/// A provisioning call failed: refused by the server for a stated reason, or failed as any
/// other call fails (offline, forbidden, server error…).
#[derive(Debug, thiserror::Error)]
pub enum ProvisioningError {
    /// The server refused this request (HTTP 400 with an OCS status).
    #[error("refused by the server ({}, OCS {}): {}", .0.reason.code(), .0.ocs_status, .0.message)]
    Refused(Refusal),
    /// The request failed.
    #[error(transparent)]
    Failed(#[from] Error),
}

impl ProvisioningError {
    /// The refusal reason, when the server refused.
    pub fn reason(&self) -> Option<RefusalReason> {
        match self {
            Self::Refused(r) => Some(r.reason),
            Self::Failed(_) => None,
        }
    }

    /// Stable code: the refusal's, or the transport error's.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Refused(r) => r.reason.code(),
            Self::Failed(e) => e.code(),
        }
    }
}

/// An account to create.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    /// The account id (also the login).
    pub user_id: String,
    /// Its password; `None` lets the server send a "set your password" e-mail (needs `email`).
    pub password: Option<Secret>,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail address (the server sends its welcome e-mail when it can).
    pub email: Option<String>,
    /// Groups to join (they must exist).
    pub groups: Vec<String>,
}

/// Which route a status code comes from: the same code means different things on each.
#[derive(Debug, Clone, Copy)]
enum Route {
    CreateUser,
    EditUser,
    AddToGroup,
    CreateGroup,
    DeleteUser,
    DisableUser,
    Read,
}

fn reason_for(route: Route, ocs: i64) -> Option<RefusalReason> {
    use RefusalReason as R;
    Some(match (route, ocs) {
        (Route::CreateUser, 101) => R::InvalidInput,
        (Route::CreateUser, 102) => R::UserExists,
        (Route::CreateUser, 104) => R::UnknownGroup,
        (Route::CreateUser, 105) => R::GroupNotAllowed,
        (Route::CreateUser, 106) => R::GroupRequired,
        (Route::CreateUser, 107) => R::PasswordRejected,
        (Route::CreateUser, 108 | 110) => R::EmailRequired,
        (Route::EditUser, 102) => R::InvalidQuota,
        (Route::EditUser, 101) => R::UnknownUser,
        (Route::AddToGroup, 102) => R::UnknownGroup,
        (Route::AddToGroup, 103) => R::UnknownUser,
        (Route::AddToGroup, 104) => R::GroupNotAllowed,
        (Route::CreateGroup, 101) => R::InvalidInput,
        (Route::CreateGroup, 102) => R::GroupExists,
        (Route::DisableUser, 101) => R::UnknownUser,
        (Route::Read, _) => return None,
        (_, 101..=199) => R::Other,
        _ => return None,
    })
}

impl Client {
    /// One OCS v2 provisioning call; refusals (HTTP 400 + OCS 1xx) become [`Refusal`]s.
    async fn provisioning_call(
        &self,
        route: Route,
        method: Method,
        segments: &[&str],
        form: &[(&str, &str)],
    ) -> Result<Value, ProvisioningError> {
        let form = (!form.is_empty()).then_some(form);
        let answer = self.ocs_send(method, segments, &[], form).await?;
        if answer.status.as_u16() == 400
            && let Some((ocs, message)) = ocs_meta(&answer.body)
            && let Some(reason) = reason_for(route, ocs)
        {
            return Err(ProvisioningError::Refused(Refusal {
                reason,
                ocs_status: ocs,
                message,
            }));
        }
        if !answer.status.is_success() {
            return Err(answer.error().into());
        }
        Ok(answer.envelope()?)
    }

    /// Creates an account (`POST /cloud/users`). Admins may omit groups; group admins must
    /// name one of theirs. No quota here: see [`Client::set_user_quota`].
    pub async fn create_user(&self, new: &NewUser) -> Result<(), ProvisioningError> {
        let mut form: Vec<(&str, &str)> = vec![("userid", &new.user_id)];
        if let Some(p) = &new.password {
            form.push(("password", p.expose()));
        }
        if let Some(name) = &new.display_name {
            form.push(("displayName", name));
        }
        if let Some(email) = &new.email {
            form.push(("email", email));
        }
        for g in &new.groups {
            form.push(("groups[]", g));
        }
        self.provisioning_call(Route::CreateUser, Method::POST, &["cloud", "users"], &form)
            .await?;
        Ok(())
    }

    /// Sets an account's quota (`PUT /cloud/users/{id}`, key `quota`): `"1 GB"`, `"500 MB"`,
    /// `"none"`, or bytes.
    pub async fn set_user_quota(
        &self,
        user_id: &str,
        quota: &str,
    ) -> Result<(), ProvisioningError> {
        self.provisioning_call(
            Route::EditUser,
            Method::PUT,
            &["cloud", "users", user_id],
            &[("key", "quota"), ("value", quota)],
        )
        .await?;
        Ok(())
    }

    /// Deletes an account and all its data (`DELETE /cloud/users/{id}`). An account that is
    /// already gone gives `not-found` (OCS 998, HTTP 404).
    pub async fn delete_user(&self, user_id: &str) -> Result<(), ProvisioningError> {
        self.provisioning_call(
            Route::DeleteUser,
            Method::DELETE,
            &["cloud", "users", user_id],
            &[],
        )
        .await?;
        Ok(())
    }

    /// Disables an account, keeping its data; unlike [`Client::disable_user`] an unknown
    /// account is a typed refusal ([`RefusalReason::UnknownUser`]).
    pub async fn disable_account(&self, user_id: &str) -> Result<(), ProvisioningError> {
        self.provisioning_call(
            Route::DisableUser,
            Method::PUT,
            &["cloud", "users", user_id, "disable"],
            &[],
        )
        .await?;
        Ok(())
    }

    /// Adds an account to a group (`POST /cloud/users/{id}/groups`).
    pub async fn add_user_to_group(
        &self,
        user_id: &str,
        group: &str,
    ) -> Result<(), ProvisioningError> {
        self.provisioning_call(
            Route::AddToGroup,
            Method::POST,
            &["cloud", "users", user_id, "groups"],
            &[("groupid", group)],
        )
        .await?;
        Ok(())
    }

    /// Creates a group (admins only; `POST /cloud/groups`).
    pub async fn create_group(&self, group: &str) -> Result<(), ProvisioningError> {
        self.provisioning_call(
            Route::CreateGroup,
            Method::POST,
            &["cloud", "groups"],
            &[("groupid", group)],
        )
        .await?;
        Ok(())
    }

    /// Deletes a group (admins only; `DELETE /cloud/groups/{g}`); its members stay.
    pub async fn delete_group(&self, group: &str) -> Result<(), ProvisioningError> {
        self.provisioning_call(
            Route::CreateGroup,
            Method::DELETE,
            &["cloud", "groups", group],
            &[],
        )
        .await?;
        Ok(())
    }

    /// User ids of a group's members (`GET /cloud/groups/{g}/users`); an unknown group gives
    /// `not-found`.
    pub async fn group_user_ids(&self, group: &str) -> Result<Vec<String>, ProvisioningError> {
        let data = self
            .provisioning_call(
                Route::Read,
                Method::GET,
                &["cloud", "groups", group, "users"],
                &[],
            )
            .await?;
        Ok(lenient::map_values(
            data.get("users").cloned().unwrap_or_default(),
        ))
    }

    /// Every user id of the space (admins), following pages of `page_size`.
    pub async fn all_user_ids(&self, page_size: u32) -> Result<Vec<String>, Error> {
        let mut all = Vec::new();
        let page_size = page_size.max(1);
        loop {
            let page = self
                .list_users("", crate::Page::new(page_size, all.len() as u32))
                .await?;
            let n = page.len();
            all.extend(page);
            if n < page_size as usize {
                return Ok(all);
            }
        }
    }
}

/// `(statuscode, message)` of an OCS body, when it is one.
fn ocs_meta(body: &[u8]) -> Option<(i64, String)> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let meta = v.get("ocs")?.get("meta")?;
    let code = match meta.get("statuscode")? {
        Value::Number(n) => n.as_i64()?,
        Value::String(s) => s.parse().ok()?,
        _ => return None,
    };
    let message = meta
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    Some((code, message))
}

/// The `ErrorKind` a refusal would have as a plain error (for callers that do not branch).
impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        let kind = match r.reason {
            RefusalReason::UserExists | RefusalReason::GroupExists => ErrorKind::Conflict,
            RefusalReason::UnknownUser | RefusalReason::UnknownGroup => ErrorKind::NotFound,
            RefusalReason::GroupNotAllowed => ErrorKind::Forbidden,
            _ => ErrorKind::Rejected,
        };
        Error::new(kind).with_status(400).with_message(r.message)
    }
}

#[cfg(test)]
mod tests {
    //! Answers below were recorded by hand from the Nextcloud 29.0.6 lab (2026-11-21): the
    //! shared captures hold no provisioning writes. Bodies are byte for byte what it sent.
    use super::*;
    use wiremock::matchers::{body_string_contains, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn refusal(code: i64, message: &str) -> ResponseTemplate {
        ResponseTemplate::new(400).set_body_raw(
            format!(
                r#"{{"ocs":{{"meta":{{"status":"failure","statuscode":{code},"message":"{message}"}},"data":[]}}}}"#
            ),
            "application/json; charset=utf-8",
        )
    }

    fn ok(data: &str) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_raw(
            format!(
                r#"{{"ocs":{{"meta":{{"status":"ok","statuscode":200,"message":"OK"}},"data":{data}}}}}"#
            ),
            "application/json; charset=utf-8",
        )
    }

    fn client(server: &MockServer) -> Client {
        Client::builder(server.uri())
            .credentials("admin", "admin-password")
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn create_user_sends_the_form_and_maps_refusals() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users"))
            .and(header("ocs-apirequest", "true"))
            .and(body_string_contains("userid=ws-new"))
            .and(body_string_contains("groups%5B%5D=atelier"))
            .and(body_string_contains("displayName=Camille+Martin"))
            .respond_with(ok(r#"{"id":"ws-new"}"#))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users"))
            .and(body_string_contains("userid=alice"))
            .respond_with(refusal(102, "User already exists"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users"))
            .and(body_string_contains("userid=ws-bad"))
            .respond_with(refusal(
                101,
                r#"Only the following characters are allowed in an Login: \"a-z\", \"A-Z\", \"0-9\", spaces and \"_.@-'\""#,
            ))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users"))
            .and(body_string_contains("userid=ws-group"))
            .respond_with(refusal(104, "Group nosuchgroup does not exist"))
            .mount(&server)
            .await;
        let c = client(&server);
        let mut new = NewUser {
            user_id: "ws-new".into(),
            password: Some(Secret::new("Xyz-123456789-long")),
            display_name: Some("Camille Martin".into()),
            email: None,
            groups: vec!["atelier".into()],
        };
        c.create_user(&new).await.unwrap();
        for (id, reason) in [
            ("alice", RefusalReason::UserExists),
            ("ws-bad", RefusalReason::InvalidInput),
            ("ws-group", RefusalReason::UnknownGroup),
        ] {
            new.user_id = id.into();
            let err = c.create_user(&new).await.unwrap_err();
            assert_eq!(err.reason(), Some(reason), "{id}: {err}");
            assert!(!err.to_string().contains("Xyz-123456789"), "{err}");
        }
    }

    #[tokio::test]
    async fn same_status_means_different_things_per_route() {
        let server = MockServer::start().await;
        // Adding to an unknown group: 102 with an empty message (lab answer).
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users/ws-test1/groups"))
            .respond_with(refusal(102, ""))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/users/nosuchuser/groups"))
            .respond_with(refusal(103, ""))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/ocs/v2.php/cloud/groups"))
            .respond_with(refusal(102, "group exists"))
            .mount(&server)
            .await;
        Mock::given(method("PUT"))
            .and(path("/ocs/v2.php/cloud/users/ws-test5"))
            .respond_with(refusal(102, "Invalid quota value: lots"))
            .mount(&server)
            .await;
        Mock::given(method("PUT"))
            .and(path("/ocs/v2.php/cloud/users/nosuchuser/disable"))
            .respond_with(refusal(101, ""))
            .mount(&server)
            .await;
        let c = client(&server);
        let reason = |r: Result<(), ProvisioningError>| r.unwrap_err().reason();
        assert_eq!(
            reason(c.add_user_to_group("ws-test1", "nosuch").await),
            Some(RefusalReason::UnknownGroup)
        );
        assert_eq!(
            reason(c.add_user_to_group("nosuchuser", "atelier").await),
            Some(RefusalReason::UnknownUser)
        );
        assert_eq!(
            reason(c.create_group("atelier").await),
            Some(RefusalReason::GroupExists)
        );
        assert_eq!(
            reason(c.set_user_quota("ws-test5", "lots").await),
            Some(RefusalReason::InvalidQuota)
        );
        assert_eq!(
            reason(c.disable_account("nosuchuser").await),
            Some(RefusalReason::UnknownUser)
        );
    }

    #[tokio::test]
    async fn delete_of_a_missing_user_is_not_found_and_lists_read_ids() {
        let server = MockServer::start().await;
        // Lab answer for a second DELETE of the same user: OCS 998, HTTP 404.
        Mock::given(method("DELETE"))
            .and(path("/ocs/v2.php/cloud/users/gone"))
            .respond_with(ResponseTemplate::new(404).set_body_raw(
                r#"{"ocs":{"meta":{"status":"failure","statuscode":998,"message":""},"data":[]}}"#,
                "application/json; charset=utf-8",
            ))
            .mount(&server)
            .await;
        Mock::given(method("DELETE"))
            .and(path("/ocs/v2.php/cloud/users/ws-test1"))
            .respond_with(ok("[]"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/ocs/v2.php/cloud/groups/atelier-test/users"))
            .respond_with(ok(r#"{"users":["ws-test1"]}"#))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/ocs/v2.php/cloud/groups/nosuch/users"))
            .respond_with(ResponseTemplate::new(404).set_body_raw(
                r#"{"ocs":{"meta":{"status":"failure","statuscode":404,"message":"The requested group could not be found"},"data":[]}}"#,
                "application/json; charset=utf-8",
            ))
            .mount(&server)
            .await;
        let c = client(&server);
        c.delete_user("ws-test1").await.unwrap();
        match c.delete_user("gone").await.unwrap_err() {
            ProvisioningError::Failed(e) => assert!(e.is_not_found(), "{e}"),
            other => panic!("{other}"),
        }
        assert_eq!(
            c.group_user_ids("atelier-test").await.unwrap(),
            ["ws-test1"]
        );
        assert_eq!(
            c.group_user_ids("nosuch").await.unwrap_err().code(),
            "not-found"
        );
    }
}
