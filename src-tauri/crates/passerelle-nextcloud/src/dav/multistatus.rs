//! WebDAV `207 Multi-Status` parsing, by namespace, whatever prefixes the server chose
//! (Nextcloud answers `x1:calendar-color`, `x2:owner-displayname`…).
//!
//! Two steps: a namespace-resolving pass (quick-xml `NsReader`) rewrites every element name to
//! a canonical `<prefix>.<local>` form (`d.href`, `cal.calendar-data`, `ncc.deleted-calendar`),
//! then serde + quick-xml deserialise typed structs. Only `200` propstats are kept. Every
//! href is percent-decoded, NFC-normalised and checked to stay under the listed collection
//! (`href-escape` otherwise). This module must not issue requests.

use percent_encoding::percent_decode_str;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use serde::Deserialize;
use serde::de::IgnoredAny;
use unicode_normalization::UnicodeNormalization;
use url::Url;

use crate::error::{Error, ErrorKind, Result};

/// Canonical prefixes for the namespaces Passerelle reads. Unknown namespaces become `x`.
fn canonical_prefix(ns: &str) -> &'static str {
    match ns {
        "DAV:" => "d",
        "http://owncloud.org/ns" => "oc",
        "http://nextcloud.org/ns" => "nc",
        "http://nextcloud.com/ns" => "ncc",
        "urn:ietf:params:xml:ns:caldav" => "cal",
        "urn:ietf:params:xml:ns:carddav" => "card",
        "http://apple.com/ns/ical/" => "apple",
        "http://calendarserver.org/ns/" => "cs",
        "http://sabredav.org/ns" => "s",
        _ => "x",
    }
}

/// Rewrite element names to `<canonical prefix>.<local name>` and drop namespace
/// declarations, so serde (which only sees local names) can match by namespace.
fn canonicalize(body: &[u8]) -> Result<Vec<u8>> {
    let xml_err = |e: &dyn std::fmt::Display| Error::protocol(format!("invalid XML: {e}"));
    let mut reader = NsReader::from_reader(body);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(body.len()));
    let mut stack: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let (ns, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| xml_err(&e))?;
        let prefix = match ns {
            ResolveResult::Bound(ns) => canonical_prefix(ns.into_inner()),
            _ => "x",
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name().into_inner().to_owned();
                let name = format!("{prefix}.{local}");
                let mut out = BytesStart::new(name.clone());
                for attr in e.attributes().flatten() {
                    let key = attr.key;
                    let key_str: &str = key.as_ref();
                    if key_str == "xmlns" || key_str.starts_with("xmlns:") {
                        continue;
                    }
                    // Keep the raw (still escaped) value: no double escaping.
                    out.push_attribute(quick_xml::events::attributes::Attribute {
                        key: quick_xml::name::QName(key.local_name().into_inner()),
                        value: attr.value.clone(),
                    });
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                    writer.write_event(Event::Start(out))
                } else {
                    writer.write_event(Event::Empty(out))
                }
                .map_err(|e| xml_err(&e))?;
            }
            Event::End(_) => {
                let name = stack.pop().ok_or_else(|| xml_err(&"unbalanced end tag"))?;
                writer
                    .write_event(Event::End(BytesEnd::new(name)))
                    .map_err(|e| xml_err(&e))?;
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                writer
                    .write_event(event.into_owned())
                    .map_err(|e| xml_err(&e))?;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(writer.into_inner())
}

#[derive(Deserialize)]
struct RawMultistatus {
    #[serde(rename = "d.response", default)]
    responses: Vec<RawResponse>,
    #[serde(rename = "d.sync-token", default)]
    sync_token: Option<String>,
}

#[derive(Deserialize)]
struct RawResponse {
    #[serde(rename = "d.href")]
    href: String,
    #[serde(rename = "d.propstat", default)]
    propstats: Vec<RawPropstat>,
    #[serde(rename = "d.status", default)]
    status: Option<String>,
}

#[derive(Deserialize)]
struct RawPropstat {
    #[serde(rename = "d.prop", default)]
    prop: Prop,
    #[serde(rename = "d.status", default)]
    status: String,
}

/// `<d:href>` wrapper (e.g. inside `d:owner`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Href {
    /// The href, as sent.
    #[serde(rename = "d.href", default)]
    pub href: Option<String>,
}

/// `d:resourcetype` children that matter to Passerelle.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ResourceType {
    #[serde(rename = "d.collection", default)]
    collection: Option<IgnoredAny>,
    #[serde(rename = "cal.calendar", default)]
    calendar: Option<IgnoredAny>,
    #[serde(rename = "card.addressbook", default)]
    addressbook: Option<IgnoredAny>,
    #[serde(rename = "ncc.deleted-calendar", default)]
    deleted_calendar: Option<IgnoredAny>,
    #[serde(rename = "cs.subscribed", default)]
    subscribed: Option<IgnoredAny>,
}

impl ResourceType {
    /// A collection (folder, calendar, address book).
    pub fn is_collection(&self) -> bool {
        self.collection.is_some()
    }
    /// A CalDAV calendar.
    pub fn is_calendar(&self) -> bool {
        self.calendar.is_some()
    }
    /// A CardDAV address book.
    pub fn is_addressbook(&self) -> bool {
        self.addressbook.is_some()
    }
    /// A Nextcloud soft-deleted calendar (in the trash bin).
    pub fn is_deleted_calendar(&self) -> bool {
        self.deleted_calendar.is_some()
    }
    /// A subscription to an external calendar (webcal).
    pub fn is_subscription(&self) -> bool {
        self.subscribed.is_some()
    }
}

/// `d:current-user-privilege-set`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PrivilegeSet {
    #[serde(rename = "d.privilege", default)]
    privileges: Vec<Privilege>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Privilege {
    #[serde(rename = "d.all", default)]
    all: Option<IgnoredAny>,
    #[serde(rename = "d.write", default)]
    write: Option<IgnoredAny>,
    #[serde(rename = "d.write-content", default)]
    write_content: Option<IgnoredAny>,
    #[serde(rename = "d.bind", default)]
    bind: Option<IgnoredAny>,
}

impl PrivilegeSet {
    /// The current user may change the content (write, write-content, bind or all).
    pub fn can_write(&self) -> bool {
        self.privileges.iter().any(|p| {
            p.all.is_some() || p.write.is_some() || p.write_content.is_some() || p.bind.is_some()
        })
    }
}

/// `cal:supported-calendar-component-set`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ComponentSet {
    #[serde(rename = "cal.comp", default)]
    comps: Vec<Comp>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Comp {
    #[serde(rename = "@name", default)]
    name: String,
}

impl ComponentSet {
    /// Component names (`VEVENT`, `VTODO`…).
    pub fn names(&self) -> Vec<String> {
        self.comps
            .iter()
            .map(|c| c.name.to_ascii_uppercase())
            .collect()
    }
}

/// `oc:checksums`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Checksums {
    #[serde(rename = "oc.checksum", default)]
    items: Vec<String>,
}

impl Checksums {
    /// Every `TYPE:hex` checksum (Nextcloud may put several in one element, space-separated).
    pub fn all(&self) -> Vec<String> {
        self.items
            .iter()
            .flat_map(|s| s.split_whitespace())
            .map(str::to_owned)
            .collect()
    }
}

/// `oc:share-types`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ShareTypes {
    #[serde(rename = "oc.share-type", default)]
    items: Vec<String>,
}

impl ShareTypes {
    /// Share types as numbers (0 user, 1 group, 3 link…).
    pub fn all(&self) -> Vec<i64> {
        self.items
            .iter()
            .filter_map(|s| s.trim().parse().ok())
            .collect()
    }
}

/// `oc:invite` (sharees of a calendar/address book, as seen by its owner).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Invite {
    #[serde(rename = "oc.user", default)]
    users: Vec<InviteUser>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct InviteUser {
    #[serde(rename = "d.href", default)]
    href: String,
    #[serde(rename = "oc.common-name", default)]
    common_name: Option<String>,
    #[serde(rename = "oc.access", default)]
    access: Option<Access>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Access {
    #[serde(rename = "oc.read-write", default)]
    read_write: Option<IgnoredAny>,
}

/// A sharee listed in `oc:invite`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sharee {
    /// Principal, e.g. `principal:principals/users/bob` or `…/groups/asso`.
    pub principal: String,
    /// Display name.
    pub name: Option<String>,
    /// Read-write (else read-only).
    pub read_write: bool,
}

impl Invite {
    /// The sharees.
    pub fn sharees(&self) -> Vec<Sharee> {
        self.users
            .iter()
            .map(|u| Sharee {
                principal: u.href.clone(),
                name: u.common_name.clone(),
                read_write: u.access.as_ref().is_some_and(|a| a.read_write.is_some()),
            })
            .collect()
    }
}

macro_rules! props {
    ($( $(#[$doc:meta])* $xml:literal => $field:ident : $ty:ty, )*) => {
        /// Properties of one DAV resource (from its `200` propstats). Missing ones are `None`.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[non_exhaustive]
        pub struct Prop {
            $( $(#[$doc])* #[serde(rename = $xml, default)] pub $field: Option<$ty>, )*
        }

        impl Prop {
            /// Fill the properties missing here from `other` (several 200 propstats).
            fn merge(&mut self, other: Prop) {
                $( if self.$field.is_none() { self.$field = other.$field; } )*
            }
        }
    };
}

props! {
    /// `d:displayname`
    "d.displayname" => displayname: String,
    /// `d:getetag` (with quotes, as sent)
    "d.getetag" => getetag: String,
    /// `d:getlastmodified` (HTTP date)
    "d.getlastmodified" => getlastmodified: String,
    /// `d:getcontentlength`
    "d.getcontentlength" => getcontentlength: String,
    /// `d:getcontenttype`
    "d.getcontenttype" => getcontenttype: String,
    /// `d:resourcetype`
    "d.resourcetype" => resourcetype: ResourceType,
    /// `d:quota-available-bytes`
    "d.quota-available-bytes" => quota_available_bytes: String,
    /// `d:quota-used-bytes`
    "d.quota-used-bytes" => quota_used_bytes: String,
    /// `d:sync-token`
    "d.sync-token" => sync_token: String,
    /// `d:owner`
    "d.owner" => owner: Href,
    /// `d:current-user-privilege-set`
    "d.current-user-privilege-set" => privileges: PrivilegeSet,
    /// `cs:getctag`
    "cs.getctag" => getctag: String,
    /// `oc:fileid`
    "oc.fileid" => fileid: String,
    /// `oc:size`
    "oc.size" => size: String,
    /// `oc:permissions` (`RGDNVCK`…)
    "oc.permissions" => permissions: String,
    /// `oc:checksums`
    "oc.checksums" => checksums: Checksums,
    /// `oc:share-types`
    "oc.share-types" => share_types: ShareTypes,
    /// `oc:owner-id`
    "oc.owner-id" => owner_id: String,
    /// `oc:owner-display-name`
    "oc.owner-display-name" => owner_display_name: String,
    /// `oc:owner-principal` (calendars/address books)
    "oc.owner-principal" => owner_principal: String,
    /// `oc:invite`
    "oc.invite" => invite: Invite,
    /// `nc:has-preview`
    "nc.has-preview" => has_preview: String,
    /// `nc:mount-type` (`shared`, `group`, `external`…)
    "nc.mount-type" => mount_type: String,
    /// `nc:is-encrypted` (`1` for an end-to-end encrypted folder)
    "nc.is-encrypted" => is_encrypted: String,
    /// `nc:lock` (`1` when locked)
    "nc.lock" => lock: String,
    /// `nc:lock-owner-displayname`
    "nc.lock-owner-displayname" => lock_owner_displayname: String,
    /// `nc:upload_time` (seconds since the epoch; `0` when the server does not know)
    "nc.upload_time" => upload_time: String,
    /// `{http://nextcloud.com/ns}owner-displayname`
    "ncc.owner-displayname" => owner_displayname: String,
    /// `{http://nextcloud.com/ns}deleted-at`
    "ncc.deleted-at" => deleted_at: String,
    /// `apple:calendar-color`
    "apple.calendar-color" => calendar_color: String,
    /// `cal:supported-calendar-component-set`
    "cal.supported-calendar-component-set" => components: ComponentSet,
    /// `cal:calendar-description`
    "cal.calendar-description" => calendar_description: String,
    /// `cal:calendar-data`
    "cal.calendar-data" => calendar_data: String,
    /// `card:addressbook-description`
    "card.addressbook-description" => addressbook_description: String,
    /// `card:address-data`
    "card.address-data" => address_data: String,
}

/// One `d:response`, with a verified location.
#[derive(Debug, Clone)]
pub struct DavResponse {
    /// The href's path as the server sent it (percent-encoded), already verified.
    pub href: String,
    /// Decoded, NFC-normalised path segments below the listed collection; empty for the
    /// collection itself.
    pub path: Vec<String>,
    /// Properties from the `200` propstats.
    pub props: Prop,
    /// A response-level status (e.g. 404 for members deleted in a sync-collection report).
    pub status: Option<u16>,
}

impl DavResponse {
    /// The last decoded segment (the name), or `""` for the collection itself.
    pub fn name(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }

    /// Whether this is a collection.
    pub fn is_collection(&self) -> bool {
        self.props
            .resourcetype
            .as_ref()
            .is_some_and(ResourceType::is_collection)
    }
}

/// A parsed multistatus.
#[derive(Debug, Clone, Default)]
pub struct Multistatus {
    /// The responses, in the server's order.
    pub responses: Vec<DavResponse>,
    /// The top-level `d:sync-token` (sync-collection reports).
    pub sync_token: Option<String>,
}

fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Parse a multistatus body listed from `collection` (the request URL).
pub fn parse_multistatus(body: &[u8], collection: &Url) -> Result<Multistatus> {
    let canonical = canonicalize(body)?;
    let raw: RawMultistatus =
        quick_xml::de::from_reader(canonical.as_slice()).map_err(Error::xml)?;
    let base = decoded_segments(collection.path())?;
    let mut responses = Vec::with_capacity(raw.responses.len());
    for r in raw.responses {
        let (href, path) = check_href(&r.href, collection, &base)?;
        let mut props: Option<Prop> = None;
        for ps in r.propstats {
            if status_code(&ps.status) != Some(200) {
                continue;
            }
            match &mut props {
                None => props = Some(ps.prop),
                Some(p) => p.merge(ps.prop),
            }
        }
        responses.push(DavResponse {
            href,
            path,
            props: props.unwrap_or_default(),
            status: r.status.as_deref().and_then(status_code),
        });
    }
    Ok(Multistatus {
        responses,
        sync_token: raw.sync_token.filter(|s| !s.is_empty()),
    })
}

fn escape(message: String, href: &str) -> Error {
    // The href is not a secret (a path on the server); keep it short in the message.
    let shown: String = href.chars().take(200).collect();
    Error::new(ErrorKind::HrefEscape).with_message(format!("{message}: {shown}"))
}

/// Decode a URL path into NFC segments (trailing slash ignored).
fn decoded_segments(path: &str) -> Result<Vec<String>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|seg| {
            let decoded = percent_decode_str(seg)
                .decode_utf8()
                .map_err(|_| Error::protocol("href is not UTF-8"))?;
            Ok(decoded.nfc().collect::<String>())
        })
        .collect()
}

/// Verify an href: same origin as the collection, no `.`/`..` segments, no decoded `/` or
/// NUL, and under the collection's path. Returns (encoded path, decoded relative segments).
fn check_href(href: &str, collection: &Url, base: &[String]) -> Result<(String, Vec<String>)> {
    let href = href.trim();
    let raw_path = match Url::parse(href) {
        Ok(abs) => {
            let same_origin = abs.scheme() == collection.scheme()
                && abs.host_str() == collection.host_str()
                && abs.port_or_known_default() == collection.port_or_known_default();
            if !same_origin {
                return Err(escape("href on another server".into(), href));
            }
            abs.path().to_owned()
        }
        Err(_) => {
            if !href.starts_with('/') {
                // A relative href: resolve against the collection.
                let joined = collection
                    .join(href)
                    .map_err(|_| escape("unreadable href".into(), href))?;
                joined.path().to_owned()
            } else {
                href.to_owned()
            }
        }
    };
    // Check raw segments before any normalisation can hide them.
    for seg in raw_path.split('/') {
        let decoded = percent_decode_str(seg).decode_utf8_lossy();
        if decoded == ".." || decoded == "." {
            return Err(escape("href with a dot segment".into(), href));
        }
        if decoded.contains('/') || decoded.contains('\0') {
            return Err(escape("href with an encoded slash or NUL".into(), href));
        }
    }
    let segments = decoded_segments(&raw_path)?;
    if segments.len() < base.len() || segments[..base.len()] != *base {
        return Err(escape("href outside the listed collection".into(), href));
    }
    Ok((raw_path, segments[base.len()..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col() -> Url {
        Url::parse("https://cloud.example.org/remote.php/dav/files/alice/Docs/").unwrap()
    }

    fn base() -> Vec<String> {
        decoded_segments(col().path()).unwrap()
    }

    #[test]
    fn hrefs_inside_are_decoded_and_nfc() {
        let (_, p) = check_href(
            "/remote.php/dav/files/alice/Docs/r%c3%a9sum%c3%a9.txt",
            &col(),
            &base(),
        )
        .unwrap();
        assert_eq!(p, vec!["résumé.txt".to_owned()]);
        // NFD on the wire becomes NFC.
        let (_, p) = check_href(
            "/remote.php/dav/files/alice/Docs/Noe%CC%88l.txt",
            &col(),
            &base(),
        )
        .unwrap();
        assert_eq!(p, vec!["No\u{eb}l.txt".to_owned()]);
        let (_, p) = check_href(
            "https://cloud.example.org/remote.php/dav/files/alice/Docs/",
            &col(),
            &base(),
        )
        .unwrap();
        assert!(p.is_empty());
    }

    #[test]
    fn hrefs_outside_are_refused() {
        for bad in [
            "/remote.php/dav/files/alice/Docs/../Secret/x",
            "/remote.php/dav/files/alice/Docs/%2e%2e/x",
            "/remote.php/dav/files/bob/x",
            "/remote.php/dav/files/alice/Docsxyz/x",
            "https://evil.example.org/remote.php/dav/files/alice/Docs/x",
            "http://cloud.example.org/remote.php/dav/files/alice/Docs/x",
            "/remote.php/dav/files/alice/Docs/a%2Fb",
            "/remote.php/dav/files/alice/Docs/a%00b",
        ] {
            let e = check_href(bad, &col(), &base()).unwrap_err();
            assert_eq!(e.code(), "href-escape", "{bad}");
        }
    }

    #[test]
    fn parses_by_namespace_with_any_prefix() {
        let body = br#"<?xml version="1.0"?>
<A:multistatus xmlns:A="DAV:" xmlns:Z="http://apple.com/ns/ical/" xmlns:q="http://nextcloud.com/ns">
 <A:response>
  <A:href>/remote.php/dav/files/alice/Docs/cal/</A:href>
  <A:propstat><A:prop>
    <A:displayname>Tom &amp; Jerry</A:displayname>
    <Z:calendar-color>#ff0000</Z:calendar-color>
    <A:resourcetype><A:collection/><q:deleted-calendar/></A:resourcetype>
  </A:prop><A:status>HTTP/1.1 200 OK</A:status></A:propstat>
  <A:propstat><A:prop><A:getetag/></A:prop><A:status>HTTP/1.1 404 Not Found</A:status></A:propstat>
 </A:response>
</A:multistatus>"#;
        let ms = parse_multistatus(body, &col()).unwrap();
        assert_eq!(ms.responses.len(), 1);
        let r = &ms.responses[0];
        assert_eq!(r.path, vec!["cal".to_owned()]);
        assert_eq!(r.props.displayname.as_deref(), Some("Tom & Jerry"));
        assert_eq!(r.props.calendar_color.as_deref(), Some("#ff0000"));
        let rt = r.props.resourcetype.as_ref().unwrap();
        assert!(rt.is_collection() && rt.is_deleted_calendar() && !rt.is_calendar());
        assert!(r.props.getetag.is_none());
    }
}
