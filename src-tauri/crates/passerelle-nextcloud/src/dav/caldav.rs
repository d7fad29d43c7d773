//! CalDAV: the calendars of a home (own, shared with me, the birthday calendar; soft-deleted
//! calendars and non-calendar collections filtered out), their objects via calendar-query,
//! get/put by UID with `If-None-Match: *`, MKCALENDAR with display name and colour, and
//! deletion (Nextcloud's trash bin or purge).
//!
//! Works with Nextcloud ([`Client::caldav`]) and any CalDAV server ([`CalDav::at`]).
//! It must not parse iCalendar beyond the UID.

use reqwest::Method;
use serde::Serialize;
use url::Url;

use super::collections::{CollectionInfo, Collections, Flavor, home_url};
use super::multistatus::Sharee;
use super::xml_escape;
use crate::client::{Client, Request, method};
use crate::error::Result;

pub use super::collections::{DavObject, Ownership, PutMode};

/// Nextcloud's automatic birthday calendar.
pub const BIRTHDAY_CALENDAR_URI: &str = "contact_birthdays";

/// A calendar.
#[derive(Debug, Clone, Serialize)]
pub struct Calendar {
    /// Its URL (with a trailing slash).
    pub url: Url,
    /// The last path segment (`personal`, `personal_shared_by_alice`).
    pub uri: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Colour (`#RRGGBB` or `#RRGGBBAA`).
    pub color: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// CTag (changes with any content change).
    pub ctag: Option<String>,
    /// Sync token.
    pub sync_token: Option<String>,
    /// Supported components (`VEVENT`, `VTODO`…); empty when the server did not say.
    pub components: Vec<String>,
    /// Owner principal (`principals/users/alice` or a principal URL).
    pub owner_principal: Option<String>,
    /// Owner display name (Nextcloud).
    pub owner_display_name: Option<String>,
    /// Owned, shared with me, or system.
    pub ownership: Ownership,
    /// Sharees (only visible to the owner).
    pub shared_with: Vec<Sharee>,
    /// The current user may change events.
    pub writable: bool,
    /// Nextcloud's automatic birthday calendar.
    pub is_birthday: bool,
    /// Number of objects, when counted ([`CalDav::calendars_with_counts`]).
    pub object_count: Option<u64>,
}

/// CalDAV operations below one calendar home.
#[derive(Debug, Clone)]
pub struct CalDav {
    inner: Collections,
}

impl Client {
    /// The account's calendars (`/remote.php/dav/calendars/<user>/`).
    pub fn caldav(&self) -> Result<CalDav> {
        let user = self.require_user_id()?;
        Ok(CalDav::at(
            self,
            home_url(self, "remote.php/dav/calendars", user),
        ))
    }
}

impl CalDav {
    /// CalDAV below any calendar home URL; the user id is its last segment.
    pub fn at(client: &Client, home: Url) -> CalDav {
        CalDav {
            inner: Collections::new(client, home, Flavor::Calendar),
        }
    }

    /// The calendar home.
    pub fn home(&self) -> &Url {
        &self.inner.home
    }

    /// The calendars (PROPFIND Depth 1 on the home), soft-deleted ones excluded.
    pub async fn calendars(&self) -> Result<Vec<Calendar>> {
        let me = self.inner.me();
        let listing = self.inner.home_listing().await?;
        Ok(listing
            .iter()
            .filter(|r| {
                r.props.resourcetype.as_ref().is_some_and(|t| {
                    t.is_calendar() && !t.is_deleted_calendar() && !t.is_subscription()
                })
            })
            .filter_map(|r| {
                let info = CollectionInfo::from_response(&self.inner.home, &me, r)?;
                Some(Calendar {
                    is_birthday: info.uri == BIRTHDAY_CALENDAR_URI,
                    color: r.props.calendar_color.clone().filter(|s| !s.is_empty()),
                    components: r
                        .props
                        .components
                        .as_ref()
                        .map(|c| c.names())
                        .unwrap_or_default(),
                    url: info.url,
                    uri: info.uri,
                    display_name: info.display_name,
                    description: info.description,
                    ctag: info.ctag,
                    sync_token: info.sync_token,
                    owner_principal: info.owner_principal,
                    owner_display_name: info.owner_display_name,
                    ownership: info.ownership,
                    shared_with: info.shared_with,
                    writable: info.writable,
                    object_count: None,
                })
            })
            .collect())
    }

    /// The calendars with [`Calendar::object_count`] filled (one request per calendar).
    pub async fn calendars_with_counts(&self) -> Result<Vec<Calendar>> {
        let mut calendars = self.calendars().await?;
        for cal in &mut calendars {
            cal.object_count = Some(self.inner.count(&cal.url).await?);
        }
        Ok(calendars)
    }

    /// Count the objects of a calendar.
    pub async fn count_objects(&self, calendar: &Url) -> Result<u64> {
        self.inner.count(calendar).await
    }

    /// All objects with their data and UID (calendar-query REPORT).
    pub async fn objects(&self, calendar: &Url) -> Result<Vec<DavObject>> {
        self.inner.objects(calendar).await
    }

    /// The object with this UID, if any.
    pub async fn get_by_uid(&self, calendar: &Url, uid: &str) -> Result<Option<DavObject>> {
        self.inner.get_by_uid(calendar, uid).await
    }

    /// Store an iCalendar object under its UID (see [`PutMode`]).
    pub async fn put(&self, calendar: &Url, ics: &str, mode: &PutMode) -> Result<DavObject> {
        self.inner.put_by_uid(calendar, ics, mode).await
    }

    /// Delete an object (only this version when `if_match` is given).
    pub async fn delete_object(&self, object: &DavObject, if_match: Option<&str>) -> Result<()> {
        self.inner.delete(object, if_match).await
    }

    /// MKCALENDAR `slug` with a display name, an optional colour and optional components
    /// (`["VEVENT"]`). An existing (or soft-deleted) calendar gives `not-allowed`.
    pub async fn create_calendar(
        &self,
        slug: &str,
        display_name: &str,
        color: Option<&str>,
        components: &[&str],
    ) -> Result<Url> {
        let url = self.inner.collection_url(slug)?;
        let mut props = format!(
            "<d:displayname>{}</d:displayname>",
            xml_escape(display_name)
        );
        if let Some(color) = color {
            props.push_str(&format!(
                "<a:calendar-color>{}</a:calendar-color>",
                xml_escape(color)
            ));
        }
        if !components.is_empty() {
            props.push_str("<c:supported-calendar-component-set>");
            for comp in components {
                props.push_str(&format!(r#"<c:comp name="{}"/>"#, xml_escape(comp)));
            }
            props.push_str("</c:supported-calendar-component-set>");
        }
        let body = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/">
  <d:set><d:prop>{props}</d:prop></d:set>
</c:mkcalendar>"#
        );
        self.inner
            .client
            .send(Request::new(method("MKCALENDAR"), url.clone()).xml(body))
            .await?;
        Ok(url)
    }

    /// Delete a calendar. On Nextcloud it goes to the trash bin unless `purge`.
    pub async fn delete_calendar(&self, calendar: &Url, purge: bool) -> Result<()> {
        self.inner.delete_collection(calendar, purge).await
    }

    /// Export a whole Nextcloud calendar as one iCalendar file (`?export`).
    pub async fn export(&self, calendar: &Url) -> Result<String> {
        let mut url = calendar.clone();
        url.set_query(Some("export"));
        let resp = self
            .inner
            .client
            .send(Request::new(Method::GET, url))
            .await?;
        let body = crate::client::read_body(resp).await?;
        Ok(String::from_utf8_lossy(&body).into_owned())
    }
}
