//! Framasoft's OwnershipTransfer server app (admin-only OCS routes under
//! `/ocs/v2.php/apps/ownershiptransfer/`), as reconstructed from captures of its public source
//! on Nextcloud 29 (`shared/nextcloud-captures/ownershiptransfer-*`).
//!
//! Facts the callers must know:
//! - every route needs an admin: anyone else gets 403 ("Logged in account must be an admin"),
//!   mapped to [`ErrorKind::Forbidden`];
//! - the app's own errors put the reason in `data.message` (the OCS `meta.message` is empty):
//!   unknown user → 400 (500 on `nodelist`), unknown calendar/address book → **500**
//!   ("Calendar not found" / "AddressBook not found"); the message is kept on the [`Error`], and
//!   the 500s the app throws for something missing are classified [`ErrorKind::NotFound`]
//!   ([`app_kind`]): retrying them cannot help, unlike a real server failure;
//! - `nodelist` of a user who never signed in answers 500 "Folder does not exist" for the root
//!   (their home is created at the first sign-in, or by the first files transfer's background
//!   job — seen on Nextcloud 29.0.6): [`ErrorKind::NotFound`], never a server failure;
//! - `PUT files` only queues a background job (nothing moves before cron runs);
//!   `PUT calendar`/`PUT contacts` move synchronously and rename the collection
//!   `<uri>-<sourceUserId>-<YmdHis>`;
//! - an empty calendar/address book URI means "all", which fails midway as soon as the user
//!   has a received share: [`OwnershipTransferApi`] refuses empty URIs.
//!
//! The capabilities do not list the app: it is detected by calling a route
//! ([`OwnershipTransferApi::calendar_list`] for the admin).

use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::lenient;

const APP: [&str; 2] = ["apps", "ownershiptransfer"];

/// A calendar or address book as the app lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtCollection {
    /// URI (last path segment).
    pub uri: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_name: Option<String>,
    /// Objects in it (`eventsCount` / `cardsCount`); `None` when the app does not say.
    #[serde(default, alias = "eventsCount", alias = "cardsCount")]
    pub count: Option<u64>,
    /// Shared with someone (or a received share's row exists).
    #[serde(default)]
    pub shared: bool,
    /// Shared *to* the user (only ever true in `addressbookslist`).
    #[serde(default)]
    pub received_share: bool,
}

/// A file or folder as `nodelist` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtNode {
    /// File id.
    #[serde(default)]
    pub id: u64,
    /// Name.
    pub node_name: String,
    /// Path in the user's files (`/OTProject`).
    pub path: String,
    /// Size in bytes (folders: of their content).
    #[serde(default)]
    pub size: u64,
    /// Modification time (seconds).
    #[serde(default)]
    pub mtime: i64,
    /// `dir` or `file`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Owner's user id (differs from the user for received shares).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub owner: Option<String>,
}

impl OtNode {
    /// Whether it is a folder.
    pub fn is_dir(&self) -> bool {
        self.kind == "dir"
    }
}

/// The app's routes, called with an admin's client.
#[derive(Debug, Clone)]
pub struct OwnershipTransferApi {
    client: Client,
}

impl OwnershipTransferApi {
    /// Over `client` (whose account must be an admin).
    pub fn new(client: Client) -> Self {
        OwnershipTransferApi { client }
    }

    /// The client used.
    pub fn client(&self) -> &Client {
        &self.client
    }

    async fn call(
        &self,
        method: Method,
        route: &[&str],
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Result<Value> {
        let mut req = self
            .client
            .ocs_request(method, APP.iter().chain(route), query);
        if let Some(body) = body {
            req = req
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let answer = self.client.ocs_answer(req).await?;
        if !answer.status.is_success() {
            let mut err = answer.error();
            if let Some(m) = app_message(&answer.body) {
                if let Some(kind) = app_kind(answer.status.as_u16(), &m) {
                    err = err.with_kind(kind);
                }
                err = err.with_message(m);
            }
            return Err(err);
        }
        answer.envelope()
    }

    /// The user's own writable calendars (`GET calendarlist`): the birthday calendar and
    /// received shares never appear.
    pub async fn calendar_list(&self, user_id: &str) -> Result<Vec<OtCollection>> {
        let data = self
            .call(Method::GET, &["calendarlist"], &[("userId", user_id)], None)
            .await?;
        serde_json::from_value(data).map_err(Error::json)
    }

    /// The user's address books (`GET addressbookslist`), received read-write shares included
    /// (`received_share`).
    pub async fn address_book_list(&self, user_id: &str) -> Result<Vec<OtCollection>> {
        let data = self
            .call(
                Method::GET,
                &["addressbookslist"],
                &[("userId", user_id)],
                None,
            )
            .await?;
        serde_json::from_value(data).map_err(Error::json)
    }

    /// The children of `dir` (`/` or empty = the root) in the user's files (`GET nodelist[/dir]`).
    pub async fn node_list(&self, user_id: &str, dir: &str) -> Result<Vec<OtNode>> {
        let mut route = vec!["nodelist"];
        route.extend(dir.split('/').filter(|s| !s.is_empty()));
        let data = self
            .call(Method::GET, &route, &[("userId", user_id)], None)
            .await?;
        serde_json::from_value(data).map_err(Error::json)
    }

    /// Queues the transfer of `path` (`/` = everything) from `source` to `destination`
    /// (`PUT files`). Only queues a background job.
    pub async fn transfer_files(&self, source: &str, destination: &str, path: &str) -> Result<()> {
        let body = serde_json::json!({
            "sourceUserId": source, "destinationUserId": destination, "path": path,
        });
        self.call(Method::PUT, &["files"], &[], Some(body)).await?;
        Ok(())
    }

    /// Moves one calendar (`PUT calendar`). An empty URI ("all") is refused here.
    pub async fn transfer_calendar(
        &self,
        source: &str,
        destination: &str,
        uri: &str,
    ) -> Result<()> {
        self.transfer_collection("calendar", "calendarUri", source, destination, uri)
            .await
    }

    /// Moves one address book (`PUT contacts`). An empty URI ("all") is refused here.
    pub async fn transfer_address_book(
        &self,
        source: &str,
        destination: &str,
        uri: &str,
    ) -> Result<()> {
        self.transfer_collection("contacts", "addressBookUri", source, destination, uri)
            .await
    }

    /// `PUT <route>` moving the collection `uri`, named by `key` in the body. An empty URI
    /// ("all") is refused here.
    async fn transfer_collection(
        &self,
        route: &str,
        key: &str,
        source: &str,
        destination: &str,
        uri: &str,
    ) -> Result<()> {
        refuse_all(uri)?;
        let mut body = serde_json::json!({
            "sourceUserId": source, "destinationUserId": destination,
        });
        body[key] = Value::from(uri);
        self.call(Method::PUT, &[route], &[], Some(body)).await?;
        Ok(())
    }
}

/// "All" fails midway on the server without rollback: never sent.
fn refuse_all(uri: &str) -> Result<()> {
    if uri.trim().is_empty() {
        return Err(Error::new(ErrorKind::Rejected)
            .with_message("transferring every collection at once is refused (it fails midway)"));
    }
    Ok(())
}

/// What the app's own 500s mean: something missing or not the user's — a permanent refusal,
/// not a server failure that a retry could cure. `None`: keep the status's kind.
fn app_kind(status: u16, message: &str) -> Option<ErrorKind> {
    if status != 500 {
        return None;
    }
    match message {
        // `nodelist`: a folder that is not there, or the home of a user who never signed in.
        "Folder does not exist"
        // `nodelist` for an unknown user (NoUserException).
        | "Backends provided no user object"
        | "Calendar not found"
        | "AddressBook not found" => Some(ErrorKind::NotFound),
        // Sic: the app writes "Adressbook".
        m if m.ends_with("not owned by the source user") => Some(ErrorKind::Rejected),
        _ => None,
    }
}

/// The app's reason: `data.message`, else a non-empty `meta.message`.
fn app_message(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let ocs = v.get("ocs")?;
    ocs.get("data")
        .and_then(|d| d.get("message"))
        .and_then(Value::as_str)
        .or_else(|| ocs.get("meta")?.get("message")?.as_str())
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reason_from_data_message() {
        let body = br#"{"ocs":{"meta":{"status":"failure","statuscode":500,"message":""},"data":{"message":"Calendar not found"}}}"#;
        assert_eq!(app_message(body).as_deref(), Some("Calendar not found"));
        let body = br#"{"ocs":{"meta":{"status":"failure","statuscode":403,"message":"Logged in account must be an admin"},"data":[]}}"#;
        assert_eq!(
            app_message(body).as_deref(),
            Some("Logged in account must be an admin")
        );
        assert!(refuse_all(" ").is_err());
    }

    #[test]
    fn the_apps_missing_things_are_not_server_failures() {
        assert_eq!(
            app_kind(500, "Folder does not exist"),
            Some(ErrorKind::NotFound)
        );
        assert_eq!(
            app_kind(500, "Calendar not found"),
            Some(ErrorKind::NotFound)
        );
        assert_eq!(
            app_kind(500, "Adressbook not owned by the source user"),
            Some(ErrorKind::Rejected)
        );
        // A real failure (SQLite busy, seen on the lab server) stays a server error.
        assert_eq!(
            app_kind(500, "An exception occurred while executing a query"),
            None
        );
        assert_eq!(app_kind(400, "Folder does not exist"), None);
    }
}
