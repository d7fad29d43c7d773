//! Nextcloud's own ownership transfer (files app, `/ocs/v2.php/apps/files/api/v1/
//! transferownership`): the member asks, the recipient accepts or rejects; and the
//! notifications API (`/ocs/v2.php/apps/notifications/api/v2/notifications`), which is the only
//! place where the recipient learns the transfer's id.
//!
//! Facts seen on Nextcloud 29.0.6 (`shared/nextcloud-captures/transfer-*`):
//! - the request's answer carries no id (`data: []`); a path that does not exist → HTTP 400 with
//!   an empty OCS message ([`ErrorKind::Rejected`]);
//! - the recipient's notification (`object_type` `transfer`, `object_id` = the id) names the
//!   member in `subjectRichParameters.user` and only the *base name* of the path in
//!   `messageRichParameters.path.name`, with Accept (`POST`) and Reject (`DELETE`) actions;
//! - accepting by anyone else than the recipient → 403 ([`ErrorKind::Forbidden`]); accepting
//!   only queues a background job: nothing moves before cron runs;
//! - the member may get a false "Ownership transfer denied" notification next to "done".
//!
//! Without the notifications app the route does not exist (404); with no notifier at all the app
//! answers 204 without a body, read here as "no notification".

use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::Result;
use crate::lenient;

const TRANSFER: [&str; 6] = ["apps", "files", "api", "v1", "transferownership", ""];
const NOTIFICATIONS: [&str; 5] = ["apps", "notifications", "api", "v2", "notifications"];

/// One notification of the current user (the fields Passerelle reads).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Notification {
    /// The notification's own id.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub notification_id: i64,
    /// The app that sent it (`files` for transfers).
    #[serde(default, deserialize_with = "lenient::string")]
    pub app: String,
    /// What it is about (`transfer`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub object_type: String,
    /// The object's id (for `transfer`: the transfer id, a string).
    #[serde(default, deserialize_with = "lenient::string")]
    pub object_id: String,
    /// ISO 8601 date.
    #[serde(default, deserialize_with = "lenient::string")]
    pub datetime: String,
    /// Plain subject (in the user's language).
    #[serde(default, deserialize_with = "lenient::string")]
    pub subject: String,
    /// Plain message.
    #[serde(default, deserialize_with = "lenient::string")]
    pub message: String,
    /// Parameters of the rich subject (PHP sends `[]` when there are none).
    #[serde(
        default,
        rename = "subjectRichParameters",
        deserialize_with = "rich_parameters"
    )]
    pub subject_rich_parameters: Vec<(String, RichObject)>,
    /// Parameters of the rich message.
    #[serde(
        default,
        rename = "messageRichParameters",
        deserialize_with = "rich_parameters"
    )]
    pub message_rich_parameters: Vec<(String, RichObject)>,
    /// What the user can do (Accept / Reject for an incoming transfer).
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub actions: Vec<NotificationAction>,
}

/// A rich-text parameter (`{"type":"user","id":"alice","name":"Alice"}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RichObject {
    /// `user`, `highlight`, `file`…
    #[serde(rename = "type", default, deserialize_with = "lenient::string")]
    pub kind: String,
    /// Its id (a user id; for a transfer's `path`, `<user>::<name>`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// Its shown name (for a transfer's `path`: the base name only).
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
}

/// A button of a notification.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NotificationAction {
    /// Shown label.
    #[serde(default, deserialize_with = "lenient::string")]
    pub label: String,
    /// Absolute URL the action calls.
    #[serde(default, deserialize_with = "lenient::string")]
    pub link: String,
    /// HTTP method (`POST`, `DELETE`, `WEB`…).
    #[serde(rename = "type", default, deserialize_with = "lenient::string")]
    pub method: String,
    /// The main action.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub primary: bool,
}

/// A transfer waiting for the recipient's answer, read from their notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingTransfer {
    /// The transfer id (for [`Client::accept_ownership_transfer`]).
    pub id: String,
    /// The notification's id.
    pub notification_id: i64,
    /// Who asked (user id).
    pub from_user: String,
    /// Base name of the transferred file or folder.
    pub name: String,
}

fn rich_parameters<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<(String, RichObject)>, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(match v {
        Value::Object(map) => map
            .into_iter()
            .filter_map(|(k, v)| serde_json::from_value(v).ok().map(|o| (k, o)))
            .collect(),
        _ => Vec::new(),
    })
}

impl Notification {
    /// A rich parameter of the subject or, failing that, of the message.
    pub fn parameter(&self, key: &str) -> Option<&RichObject> {
        self.subject_rich_parameters
            .iter()
            .chain(&self.message_rich_parameters)
            .find(|(k, _)| k == key)
            .map(|(_, o)| o)
    }

    /// The transfer this notification asks to accept: `object_type` `transfer` with an Accept
    /// (`POST`) action. "Done" and "denied" notices have no action and give `None`.
    pub fn incoming_transfer(&self) -> Option<IncomingTransfer> {
        if self.object_type != "transfer" || self.object_id.is_empty() {
            return None;
        }
        let accept = self.actions.iter().any(|a| {
            a.method.eq_ignore_ascii_case("POST")
                && a.link
                    .trim_end_matches('/')
                    .ends_with(&format!("/transferownership/{}", self.object_id))
        });
        if !accept {
            return None;
        }
        Some(IncomingTransfer {
            id: self.object_id.clone(),
            notification_id: self.notification_id,
            from_user: self.parameter("user").map(|u| u.id.clone())?,
            name: self.parameter("path").map(|p| p.name.clone())?,
        })
    }
}

impl Client {
    async fn transfer_call(
        &self,
        method: Method,
        segments: &[&str],
        form: Option<&[(&str, &str)]>,
    ) -> Result<Option<Value>> {
        let answer = self.ocs_send(method, segments, &[], form).await?;
        if !answer.status.is_success() {
            return Err(answer.error());
        }
        if answer.status.as_u16() == 204 || answer.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        answer.envelope().map(Some)
    }

    /// Asks to transfer `path` (in the client's own files) to `recipient` (a user id). The
    /// answer carries no id: the recipient finds it in [`Client::notifications`]. A path that
    /// does not exist → [`ErrorKind::Rejected`](crate::ErrorKind::Rejected) (HTTP 400).
    pub async fn request_ownership_transfer(&self, path: &str, recipient: &str) -> Result<()> {
        let form = [("path", path), ("recipient", recipient)];
        self.transfer_call(Method::POST, &TRANSFER[..5], Some(&form))
            .await?;
        Ok(())
    }

    /// Accepts transfer `id` (as its recipient; anyone else gets
    /// [`ErrorKind::Forbidden`](crate::ErrorKind::Forbidden)). Only queues a background job.
    pub async fn accept_ownership_transfer(&self, id: &str) -> Result<()> {
        let mut segments = TRANSFER;
        segments[5] = id;
        self.transfer_call(Method::POST, &segments, None).await?;
        Ok(())
    }

    /// Rejects transfer `id` (as its recipient).
    pub async fn reject_ownership_transfer(&self, id: &str) -> Result<()> {
        let mut segments = TRANSFER;
        segments[5] = id;
        self.transfer_call(Method::DELETE, &segments, None).await?;
        Ok(())
    }

    /// The current user's notifications, newest first as the server sends them. Without the
    /// notifications app: [`ErrorKind::NotFound`](crate::ErrorKind::NotFound).
    pub async fn notifications(&self) -> Result<Vec<Notification>> {
        let data = self
            .transfer_call(Method::GET, &NOTIFICATIONS, None)
            .await?;
        Ok(data.map(lenient::map_values).unwrap_or_default())
    }

    /// The transfers waiting for the current user's answer.
    pub async fn incoming_transfers(&self) -> Result<Vec<IncomingTransfer>> {
        Ok(self
            .notifications()
            .await?
            .iter()
            .filter_map(Notification::incoming_transfer)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    //! Against doubles replaying the real Nextcloud 29.0.6 captures (`transfer-*`).

    use std::path::PathBuf;

    use wiremock::matchers::{body_string, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::ErrorKind;

    const BASE: &str = "/ocs/v2.php/apps/files/api/v1/transferownership";
    const NOTES: &str = "/ocs/v2.php/apps/notifications/api/v2/notifications";

    /// The captured status and body (base URL substituted).
    fn capture(name: &str, base: &str) -> ResponseTemplate {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../../shared/nextcloud-captures")
            .join(name);
        let head = std::fs::read_to_string(dir.join("response.headers")).unwrap();
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        let body = std::fs::read_to_string(dir.join("response.body"))
            .unwrap()
            .replace("http:\\/\\/127.0.0.1:8080", &base.replace('/', "\\/"));
        ResponseTemplate::new(status)
            .insert_header("content-type", "application/json; charset=utf-8")
            .set_body_string(body)
    }

    fn client(base: &str, user: &str) -> Client {
        Client::builder(base)
            .credentials(user, "pw")
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn request_accept_and_the_notification_that_carries_the_id() {
        let server = MockServer::start().await;
        let base = server.uri();
        Mock::given(method("POST"))
            .and(path(BASE))
            .and(header("ocs-apirequest", "true"))
            .and(body_string("path=%2FCaptures%2FTransferMe&recipient=bob"))
            .respond_with(capture("transfer-1-request-200", &base))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(NOTES))
            .respond_with(capture("transfer-2-notifications-bob", &base))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(format!("{BASE}/7")))
            .respond_with(capture("transfer-4-accept-bob-200", &base))
            .expect(1)
            .mount(&server)
            .await;
        let alice = client(&base, "alice");
        alice
            .request_ownership_transfer("/Captures/TransferMe", "bob")
            .await
            .unwrap();
        let bob = client(&base, "bob");
        let notes = bob.notifications().await.unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[1].subject_rich_parameters, Vec::new());
        let incoming = bob.incoming_transfers().await.unwrap();
        assert_eq!(
            incoming,
            vec![IncomingTransfer {
                id: "7".into(),
                notification_id: 8,
                from_user: "alice".into(),
                name: "TransferMe".into(),
            }]
        );
        bob.accept_ownership_transfer("7").await.unwrap();
    }

    #[tokio::test]
    async fn done_and_false_denied_notices_are_not_incoming_transfers() {
        let server = MockServer::start().await;
        let base = server.uri();
        Mock::given(method("GET"))
            .and(path(NOTES))
            .respond_with(capture("transfer-6-notifications-alice-after", &base))
            .mount(&server)
            .await;
        let alice = client(&base, "alice");
        let notes = alice.notifications().await.unwrap();
        assert_eq!(notes.len(), 4);
        assert!(
            notes
                .iter()
                .any(|n| n.subject == "Ownership transfer denied")
        );
        assert!(alice.incoming_transfers().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn errors_bad_path_wrong_user_no_app_and_no_notifier() {
        let server = MockServer::start().await;
        let base = server.uri();
        Mock::given(method("POST"))
            .and(path(BASE))
            .respond_with(capture("transfer-request-bad-path-400", &base))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(format!("{BASE}/7")))
            .respond_with(capture("transfer-3-accept-wrong-user-403", &base))
            .mount(&server)
            .await;
        let alice = client(&base, "alice");
        let e = alice
            .request_ownership_transfer("/Captures/no-such-folder", "bob")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Rejected);
        assert_eq!(e.status(), Some(400));
        let e = client(&base, "carol")
            .accept_ownership_transfer("7")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Forbidden);
        // No notifications app: the route is unknown.
        let e = alice.notifications().await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        // No notifier at all: 204 without a body.
        Mock::given(method("GET"))
            .and(path(NOTES))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        assert!(alice.notifications().await.unwrap().is_empty());
    }
}
