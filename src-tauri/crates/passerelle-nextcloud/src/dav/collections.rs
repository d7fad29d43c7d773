//! What CalDAV and CardDAV share: listing a home's collections, ownership (owned, shared
//! with me, system), objects listed by a query REPORT with their UID, get/put/delete by UID,
//! and counting objects. The public types are re-exported by [`super::caldav`] and
//! [`super::carddav`]; this module must not know calendar- or vCard-specific XML beyond the
//! `Flavor` table.

use reqwest::Method;
use serde::Serialize;
use url::Url;

use super::multistatus::{DavResponse, Multistatus, Sharee, parse_multistatus};
use super::{RemotePath, encode_segment, extract_uid, unquote_etag, xml_escape};
use crate::client::{Client, Request, method, read_body};
use crate::error::{Error, ErrorKind, Result};

/// CalDAV or CardDAV specifics, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Calendar,
    AddressBook,
}

impl Flavor {
    fn extension(self) -> &'static str {
        match self {
            Flavor::Calendar => "ics",
            Flavor::AddressBook => "vcf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Flavor::Calendar => "text/calendar; charset=utf-8",
            Flavor::AddressBook => "text/vcard; charset=utf-8",
        }
    }

    fn home_propfind(self) -> &'static str {
        match self {
            Flavor::Calendar => {
                r#"<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:a="http://apple.com/ns/ical/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.com/ns">
  <d:prop>
    <d:displayname/>
    <a:calendar-color/>
    <c:calendar-description/>
    <d:resourcetype/>
    <c:supported-calendar-component-set/>
    <cs:getctag/>
    <d:sync-token/>
    <d:owner/>
    <oc:invite/>
    <oc:owner-principal/>
    <nc:owner-displayname/>
    <nc:deleted-at/>
    <d:current-user-privilege-set/>
  </d:prop>
</d:propfind>"#
            }
            Flavor::AddressBook => {
                r#"<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.com/ns">
  <d:prop>
    <d:displayname/>
    <card:addressbook-description/>
    <d:resourcetype/>
    <cs:getctag/>
    <d:sync-token/>
    <d:owner/>
    <oc:invite/>
    <oc:owner-principal/>
    <nc:owner-displayname/>
    <d:current-user-privilege-set/>
  </d:prop>
</d:propfind>"#
            }
        }
    }

    /// A query REPORT for all objects, or those whose `UID` equals `uid` in `component`.
    fn query(self, uid: Option<(&str, &str)>) -> String {
        match self {
            Flavor::Calendar => {
                let filter = match uid {
                    None => r#"<c:comp-filter name="VCALENDAR"/>"#.to_owned(),
                    Some((component, uid)) => format!(
                        r#"<c:comp-filter name="VCALENDAR"><c:comp-filter name="{component}"><c:prop-filter name="UID"><c:text-match collation="i;octet">{}</c:text-match></c:prop-filter></c:comp-filter></c:comp-filter>"#,
                        xml_escape(uid)
                    ),
                };
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter>{filter}</c:filter>
</c:calendar-query>"#
                )
            }
            Flavor::AddressBook => {
                let filter = match uid {
                    None => String::new(),
                    Some((_, uid)) => format!(
                        r#"<card:filter><card:prop-filter name="UID"><card:text-match collation="i;octet" match-type="equals">{}</card:text-match></card:prop-filter></card:filter>"#,
                        xml_escape(uid)
                    ),
                };
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?>
<card:addressbook-query xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
  <d:prop><d:getetag/><card:address-data/></d:prop>
  {filter}
</card:addressbook-query>"#
                )
            }
        }
    }

    fn uid_components(self) -> &'static [&'static str] {
        match self {
            Flavor::Calendar => &["VEVENT", "VTODO", "VJOURNAL"],
            Flavor::AddressBook => &["VCARD"],
        }
    }
}

/// Who a calendar or address book belongs to, from the current user's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ownership {
    /// The user's own.
    Owned,
    /// Shared with the user by someone else (Nextcloud: `…_shared_by_<owner>`).
    SharedWithMe,
    /// Managed by the server (Nextcloud's "Accounts" address book).
    System,
}

/// Properties shared by calendars and address books.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CollectionInfo {
    pub url: Url,
    pub uri: String,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub ctag: Option<String>,
    pub sync_token: Option<String>,
    pub owner_principal: Option<String>,
    pub owner_display_name: Option<String>,
    pub ownership: Ownership,
    pub shared_with: Vec<Sharee>,
    pub writable: bool,
}

impl CollectionInfo {
    pub(crate) fn from_response(home: &Url, me: &str, r: &DavResponse) -> Option<Self> {
        let uri = r.path.first()?.clone();
        if r.path.len() != 1 {
            return None;
        }
        let p = &r.props;
        let owner_principal = p
            .owner_principal
            .clone()
            .filter(|s| !s.is_empty())
            .or_else(|| p.owner.as_ref().and_then(|o| o.href.clone()));
        let ownership = ownership(&uri, me, owner_principal.as_deref());
        let url = RemotePath::from_segments([uri.as_str()])
            .ok()?
            .to_url(home, true);
        Some(CollectionInfo {
            url,
            display_name: p.displayname.clone().filter(|s| !s.is_empty()),
            description: p
                .calendar_description
                .clone()
                .or_else(|| p.addressbook_description.clone())
                .filter(|s| !s.is_empty()),
            ctag: p.getctag.clone().filter(|s| !s.is_empty()),
            sync_token: p.sync_token.clone().filter(|s| !s.is_empty()),
            owner_display_name: p.owner_displayname.clone().filter(|s| !s.is_empty()),
            shared_with: p.invite.as_ref().map(|i| i.sharees()).unwrap_or_default(),
            writable: p.privileges.as_ref().is_none_or(|ps| ps.can_write()),
            owner_principal,
            ownership,
            uri,
        })
    }
}

fn ownership(uri: &str, me: &str, owner: Option<&str>) -> Ownership {
    if let Some(owner) = owner {
        let owner = owner.trim_end_matches('/');
        if owner.contains("principals/system/") {
            return Ownership::System;
        }
        let owner_id = owner.rsplit('/').next().unwrap_or_default();
        let owner_id = percent_encoding::percent_decode_str(owner_id).decode_utf8_lossy();
        if owner_id != me {
            return Ownership::SharedWithMe;
        }
    }
    if uri.contains("_shared_by_") {
        Ownership::SharedWithMe
    } else {
        Ownership::Owned
    }
}

/// A calendar object or a vCard.
#[derive(Debug, Clone, Serialize)]
pub struct DavObject {
    /// Its URL.
    pub url: Url,
    /// The resource name in its collection (`event.ics`).
    pub name: String,
    /// ETag without quotes.
    pub etag: Option<String>,
    /// The UID found in the data.
    pub uid: Option<String>,
    /// The iCalendar/vCard text.
    pub data: Option<String>,
}

/// How a PUT treats an existing object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutMode {
    /// Only create (`If-None-Match: *`): an existing object gives `conflict`.
    Create,
    /// Only replace this version (`If-Match`), ETag without quotes.
    Replace {
        /// The ETag last seen.
        etag: String,
    },
    /// Create or replace unconditionally.
    Overwrite,
}

/// The resource name Passerelle uses for a UID: `<uid>.<ext>` when the UID is a plain
/// token, else a SHA-256 of it (UIDs may contain `/` or be very long).
pub(crate) fn name_for_uid(uid: &str, ext: &str) -> String {
    let plain = !uid.is_empty()
        && uid.len() <= 150
        && uid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
        && !uid.starts_with('.');
    if plain {
        format!("{uid}.{ext}")
    } else {
        let digest = ring::digest::digest(&ring::digest::SHA256, uid.as_bytes());
        let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        format!("{hex}.{ext}")
    }
}

/// The engine behind [`super::caldav::CalDav`] and [`super::carddav::CardDav`].
#[derive(Debug, Clone)]
pub(crate) struct Collections {
    pub client: Client,
    pub home: Url,
    pub flavor: Flavor,
}

impl Collections {
    /// Operations below `home` (a trailing slash is added when missing).
    pub(crate) fn new(client: &Client, mut home: Url, flavor: Flavor) -> Collections {
        if !home.path().ends_with('/') {
            home.set_path(&format!("{}/", home.path()));
        }
        Collections {
            client: client.clone(),
            home,
            flavor,
        }
    }

    pub(crate) fn me(&self) -> String {
        self.home
            .path_segments()
            .and_then(|mut s| s.rfind(|s| !s.is_empty()))
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .unwrap_or_default()
    }

    /// PROPFIND Depth 1 on the home.
    pub(crate) async fn home_listing(&self) -> Result<Vec<DavResponse>> {
        let resp = self
            .client
            .send(
                Request::new(method("PROPFIND"), self.home.clone())
                    .header("depth", "1")
                    .xml(self.flavor.home_propfind()),
            )
            .await?;
        let body = read_body(resp).await?;
        Ok(parse_multistatus(&body, &self.home)?.responses)
    }

    /// Count objects with a light PROPFIND Depth 1 (getetag only).
    pub(crate) async fn count(&self, collection: &Url) -> Result<u64> {
        let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>"#;
        let ms = self
            .depth_one("PROPFIND", collection, body.to_owned())
            .await?;
        Ok(ms
            .responses
            .iter()
            .filter(|r| !r.path.is_empty() && !r.is_collection())
            .count() as u64)
    }

    /// A `Depth: 1` PROPFIND or REPORT on `collection`, its multistatus parsed.
    async fn depth_one(&self, verb: &str, collection: &Url, body: String) -> Result<Multistatus> {
        let resp = self
            .client
            .send(
                Request::new(method(verb), collection.clone())
                    .header("depth", "1")
                    .xml(body),
            )
            .await?;
        let body = read_body(resp).await?;
        parse_multistatus(&body, collection)
    }

    async fn report(&self, collection: &Url, body: String) -> Result<Vec<DavObject>> {
        let ms = self.depth_one("REPORT", collection, body).await?;
        Ok(ms
            .responses
            .into_iter()
            .filter(|r| r.path.len() == 1 && r.status.is_none_or(|s| s == 200))
            .map(|r| {
                let data = r
                    .props
                    .calendar_data
                    .clone()
                    .or_else(|| r.props.address_data.clone());
                let name = r.name().to_owned();
                DavObject {
                    url: RemotePath::from_segments([name.as_str()])
                        .map(|p| p.to_url(collection, false))
                        .unwrap_or_else(|_| collection.clone()),
                    name,
                    etag: r.props.getetag.as_deref().map(unquote_etag),
                    uid: data.as_deref().and_then(extract_uid),
                    data,
                }
            })
            .collect())
    }

    /// All objects with their data (query REPORT).
    pub(crate) async fn objects(&self, collection: &Url) -> Result<Vec<DavObject>> {
        self.report(collection, self.flavor.query(None)).await
    }

    /// The object with this UID: first at Passerelle's conventional name, then by query.
    pub(crate) async fn get_by_uid(
        &self,
        collection: &Url,
        uid: &str,
    ) -> Result<Option<DavObject>> {
        let name = name_for_uid(uid, self.flavor.extension());
        match self.get(collection, &name).await {
            Ok(obj) if obj.uid.as_deref() == Some(uid) => return Ok(Some(obj)),
            Ok(_) => {}
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e),
        }
        for component in self.flavor.uid_components() {
            let found = self
                .report(collection, self.flavor.query(Some((component, uid))))
                .await?;
            if let Some(obj) = found.into_iter().find(|o| o.uid.as_deref() == Some(uid)) {
                return Ok(Some(obj));
            }
        }
        Ok(None)
    }

    /// GET one object by resource name.
    pub(crate) async fn get(&self, collection: &Url, name: &str) -> Result<DavObject> {
        let url = RemotePath::from_segments([name])?.to_url(collection, false);
        let resp = self
            .client
            .send(Request::new(Method::GET, url.clone()))
            .await?;
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(unquote_etag);
        let body = read_body(resp).await?;
        let data = String::from_utf8_lossy(&body).into_owned();
        Ok(DavObject {
            url,
            name: name.to_owned(),
            etag,
            uid: extract_uid(&data),
            data: Some(data),
        })
    }

    /// PUT `data` as resource `name`; returns the new ETag when the server sends one.
    pub(crate) async fn put(
        &self,
        collection: &Url,
        name: &str,
        data: &str,
        mode: &PutMode,
    ) -> Result<Option<String>> {
        let url = RemotePath::from_segments([name])?.to_url(collection, false);
        let mut req = Request::new(Method::PUT, url)
            .header("content-type", self.flavor.content_type())
            .body(data.to_owned());
        match mode {
            PutMode::Create => req = req.header("if-none-match", "*"),
            PutMode::Replace { etag } => req = req.header("if-match", format!("\"{etag}\"")),
            PutMode::Overwrite => {}
        }
        let resp = self.client.send(req).await?;
        Ok(resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(unquote_etag))
    }

    /// PUT by the UID found in `data`: a new object goes to `<uid>.<ext>`; replacing reuses
    /// the existing object's name.
    pub(crate) async fn put_by_uid(
        &self,
        collection: &Url,
        data: &str,
        mode: &PutMode,
    ) -> Result<DavObject> {
        let uid = extract_uid(data).ok_or_else(|| {
            Error::new(ErrorKind::InvalidName).with_message("the object has no UID")
        })?;
        let name = match mode {
            PutMode::Create => name_for_uid(&uid, self.flavor.extension()),
            _ => match self.get_by_uid(collection, &uid).await? {
                Some(existing) => existing.name,
                None => name_for_uid(&uid, self.flavor.extension()),
            },
        };
        let etag = self.put(collection, &name, data, mode).await?;
        Ok(DavObject {
            url: RemotePath::from_segments([name.as_str()])?.to_url(collection, false),
            name,
            etag,
            uid: Some(uid),
            data: Some(data.to_owned()),
        })
    }

    /// DELETE one object (optionally only this version).
    pub(crate) async fn delete(&self, object: &DavObject, if_match: Option<&str>) -> Result<()> {
        let mut req = Request::new(Method::DELETE, object.url.clone());
        if let Some(etag) = if_match {
            req = req.header("if-match", format!("\"{etag}\""));
        }
        self.client.send(req).await?;
        Ok(())
    }

    /// The URL of a new collection `slug` in the home.
    pub(crate) fn collection_url(&self, slug: &str) -> Result<Url> {
        Ok(RemotePath::from_segments([slug])?.to_url(&self.home, true))
    }

    /// DELETE a collection; `purge` skips Nextcloud's calendar trash bin.
    pub(crate) async fn delete_collection(&self, url: &Url, purge: bool) -> Result<()> {
        let mut req = Request::new(Method::DELETE, url.clone());
        if purge {
            req = req.header("x-nc-caldav-no-trashbin", "1");
        }
        self.client.send(req).await?;
        Ok(())
    }
}

/// `home` for a DAV root + user segment(s), with a trailing slash.
pub(crate) fn home_url(client: &Client, relative: &str, user: &str) -> Url {
    let mut url = client.endpoint(relative);
    let path = format!(
        "{}/{}/",
        url.path().trim_end_matches('/'),
        encode_segment(user)
    );
    url.set_path(&path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ownership_rules() {
        assert_eq!(
            ownership("personal", "alice", Some("principals/users/alice")),
            Ownership::Owned
        );
        assert_eq!(
            ownership(
                "personal_shared_by_alice",
                "bob",
                Some("principals/users/alice")
            ),
            Ownership::SharedWithMe
        );
        assert_eq!(
            ownership("x", "bob", Some("/remote.php/dav/principals/users/alice/")),
            Ownership::SharedWithMe
        );
        assert_eq!(
            ownership("personal_shared_by_alice", "bob", None),
            Ownership::SharedWithMe
        );
        assert_eq!(ownership("calendar", "bob", None), Ownership::Owned);
        assert_eq!(
            ownership(
                "z-server-generated--system",
                "alice",
                Some("principals/system/system")
            ),
            Ownership::System
        );
    }

    #[test]
    fn names_for_uids() {
        assert_eq!(name_for_uid("abc-1@x.org", "ics"), "abc-1@x.org.ics");
        let n = name_for_uid("a/b", "vcf");
        assert!(n.ends_with(".vcf") && n.len() == 64 + 4 && !n.contains('/'));
    }
}
