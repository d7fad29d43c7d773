//! WebDAV family: multistatus parsing, files, CalDAV and CardDAV, plus what they share —
//! safe remote paths built from validated names and percent-encoded segments, calendar/contact
//! objects, and UID extraction. Nothing here knows about OCS.

pub mod caldav;
pub mod carddav;
mod collections;
pub mod files;
pub mod multistatus;

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use url::Url;

use crate::error::{Error, ErrorKind, Result};

pub use collections::{DavObject, PutMode};

/// Everything but unreserved characters (and `@`, common in UIDs) is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// Percent-encode one path segment (spaces, `#`, `%`, `&`, `+`, accents, emoji…).
pub fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// Check that a name can be one path segment: not empty, not `.` or `..`, no `/`, no NUL.
pub fn validate_name(name: &str) -> Result<()> {
    let bad = |why: &str| Error::new(ErrorKind::InvalidName).with_message(why.to_owned());
    if name.is_empty() {
        return Err(bad("empty name"));
    }
    if name == "." || name == ".." {
        return Err(bad("'.' and '..' are not names"));
    }
    if name.contains('/') {
        return Err(bad("a name cannot contain '/'"));
    }
    if name.contains('\0') {
        return Err(bad("a name cannot contain NUL"));
    }
    Ok(())
}

/// A path below a DAV root, as validated, NFC-normalised segments. It cannot escape the root.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RemotePath {
    segments: Vec<String>,
}

impl RemotePath {
    /// The root itself.
    pub fn root() -> Self {
        RemotePath::default()
    }

    /// Parse `/a/b/c` (leading/trailing/double slashes ignored); every segment is validated.
    pub fn parse(path: &str) -> Result<Self> {
        let mut out = RemotePath::root();
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            out = out.join(seg)?;
        }
        Ok(out)
    }

    /// Build from segments; each is validated.
    pub fn from_segments<I, S>(segments: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = RemotePath::root();
        for s in segments {
            out = out.join(s.as_ref())?;
        }
        Ok(out)
    }

    /// This path plus one validated name.
    pub fn join(&self, name: &str) -> Result<Self> {
        validate_name(name)?;
        let mut segments = self.segments.clone();
        segments.push(name.nfc().collect());
        Ok(RemotePath { segments })
    }

    /// The segments.
    pub fn segments(&self) -> &[String] {
        &self.segments
    }

    /// The last segment (`None` for the root).
    pub fn name(&self) -> Option<&str> {
        self.segments.last().map(String::as_str)
    }

    /// The parent (`None` for the root).
    pub fn parent(&self) -> Option<RemotePath> {
        let (_, rest) = self.segments.split_last()?;
        Some(RemotePath {
            segments: rest.to_vec(),
        })
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// `root` + encoded segments; a trailing slash when `collection`.
    pub fn to_url(&self, root: &Url, collection: bool) -> Url {
        let mut path = root.path().trim_end_matches('/').to_owned();
        for seg in &self.segments {
            path.push('/');
            path.push_str(&encode_segment(seg));
        }
        if collection || self.segments.is_empty() {
            path.push('/');
        }
        let mut url = root.clone();
        url.set_path(&path);
        url
    }

    /// Segments already verified by the multistatus parser.
    pub(crate) fn extended(&self, rest: &[String]) -> RemotePath {
        let mut segments = self.segments.clone();
        segments.extend(rest.iter().cloned());
        RemotePath { segments }
    }
}

impl fmt::Display for RemotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for s in &self.segments {
            write!(f, "/{s}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RemotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RemotePath({self})")
    }
}

/// Escape text for an XML request body.
pub(crate) fn xml_escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// An ETag without its quotes (and without a weak `W/` marker).
pub(crate) fn unquote_etag(etag: &str) -> String {
    etag.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .to_owned()
}

/// The first `UID` property of an iCalendar or vCard text (unfolding continuation lines).
pub fn extract_uid(data: &str) -> Option<String> {
    let mut unfolded: Vec<String> = Vec::new();
    for line in data.split('\n') {
        let line = line.trim_end_matches('\r');
        if let Some(cont) = line.strip_prefix([' ', '\t'])
            && let Some(last) = unfolded.last_mut()
        {
            last.push_str(cont);
            continue;
        }
        unfolded.push(line.to_owned());
    }
    unfolded.into_iter().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        let prop = name.split(';').next()?.trim();
        // vCards may group properties: `item1.UID`.
        let prop = prop.rsplit('.').next()?;
        prop.eq_ignore_ascii_case("UID")
            .then(|| value.trim().to_owned())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_validated() {
        for bad in ["", ".", "..", "a/b", "a\0b"] {
            assert_eq!(
                validate_name(bad).unwrap_err().code(),
                "invalid-name",
                "{bad:?}"
            );
        }
        for good in ["..a", "a..", "name with spaces", "#%&+", "emoji 😀", "…"] {
            validate_name(good).unwrap();
        }
        assert!(RemotePath::parse("/Docs/../x").is_err());
    }

    #[test]
    fn urls_are_encoded() {
        let root = Url::parse("https://h.example/remote.php/dav/files/alice/").unwrap();
        let p = RemotePath::parse("/Special names/100% sure #1 & a+b.txt").unwrap();
        assert_eq!(
            p.to_url(&root, false).as_str(),
            "https://h.example/remote.php/dav/files/alice/Special%20names/100%25%20sure%20%231%20%26%20a%2Bb.txt"
        );
        let p = RemotePath::parse("Noe\u{308}l 😀").unwrap();
        assert_eq!(p.name(), Some("No\u{eb}l 😀"));
        assert_eq!(
            p.to_url(&root, true).path(),
            "/remote.php/dav/files/alice/No%C3%ABl%20%F0%9F%98%80/"
        );
        assert_eq!(RemotePath::root().to_url(&root, false), root);
    }

    #[test]
    fn uid_extraction() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:abc-\r\n 123@x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(extract_uid(ics).as_deref(), Some("abc-123@x"));
        let vcf = "BEGIN:VCARD\nVERSION:4.0\nUID;VALUE=text:urn:uuid:42\nEND:VCARD\n";
        assert_eq!(extract_uid(vcf).as_deref(), Some("urn:uuid:42"));
        assert_eq!(extract_uid("BEGIN:VCARD\nEND:VCARD"), None);
    }
}
