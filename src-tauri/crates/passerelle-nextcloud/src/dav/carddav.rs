//! CardDAV: the address books of a home (own, shared with me, system), their vCards via
//! addressbook-query, get/put by UID with `If-None-Match: *`, creation by extended MKCOL and
//! deletion. Works with Nextcloud ([`Client::carddav`]) and any CardDAV server
//! ([`CardDav::at`]). It must not parse vCards beyond the UID.

use serde::Serialize;
use url::Url;

use super::collections::{CollectionInfo, Collections, Flavor, home_url};
use super::multistatus::Sharee;
use super::xml_escape;
use crate::client::{Client, Request, method};
use crate::error::Result;

pub use super::collections::{DavObject, Ownership, PutMode};

/// An address book.
#[derive(Debug, Clone, Serialize)]
pub struct AddressBook {
    /// Its URL (with a trailing slash).
    pub url: Url,
    /// The last path segment (`contacts`).
    pub uri: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// CTag.
    pub ctag: Option<String>,
    /// Sync token.
    pub sync_token: Option<String>,
    /// Owner principal.
    pub owner_principal: Option<String>,
    /// Owner display name (Nextcloud).
    pub owner_display_name: Option<String>,
    /// Owned, shared with me, or system (Nextcloud's "Accounts").
    pub ownership: Ownership,
    /// Sharees (only visible to the owner).
    pub shared_with: Vec<Sharee>,
    /// The current user may change cards.
    pub writable: bool,
    /// Number of cards, when counted.
    pub object_count: Option<u64>,
}

/// CardDAV operations below one address book home.
#[derive(Debug, Clone)]
pub struct CardDav {
    inner: Collections,
}

impl Client {
    /// The account's address books (`/remote.php/dav/addressbooks/users/<user>/`).
    pub fn carddav(&self) -> Result<CardDav> {
        let user = self.require_user_id()?;
        Ok(CardDav::at(
            self,
            home_url(self, "remote.php/dav/addressbooks/users", user),
        ))
    }
}

impl CardDav {
    /// CardDAV below any address book home URL; the user id is its last segment.
    pub fn at(client: &Client, home: Url) -> CardDav {
        CardDav {
            inner: Collections::new(client, home, Flavor::AddressBook),
        }
    }

    /// The address book home.
    pub fn home(&self) -> &Url {
        &self.inner.home
    }

    /// The address books (PROPFIND Depth 1 on the home).
    pub async fn address_books(&self) -> Result<Vec<AddressBook>> {
        let me = self.inner.me();
        let listing = self.inner.home_listing().await?;
        Ok(listing
            .iter()
            .filter(|r| {
                r.props
                    .resourcetype
                    .as_ref()
                    .is_some_and(|t| t.is_addressbook())
            })
            .filter_map(|r| {
                let info = CollectionInfo::from_response(&self.inner.home, &me, r)?;
                Some(AddressBook {
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

    /// Count the cards of an address book.
    pub async fn count_objects(&self, book: &Url) -> Result<u64> {
        self.inner.count(book).await
    }

    /// All cards with their data and UID (addressbook-query REPORT).
    pub async fn objects(&self, book: &Url) -> Result<Vec<DavObject>> {
        self.inner.objects(book).await
    }

    /// The card with this UID, if any.
    pub async fn get_by_uid(&self, book: &Url, uid: &str) -> Result<Option<DavObject>> {
        self.inner.get_by_uid(book, uid).await
    }

    /// Store a vCard under its UID (see [`PutMode`]).
    pub async fn put(&self, book: &Url, vcard: &str, mode: &PutMode) -> Result<DavObject> {
        self.inner.put_by_uid(book, vcard, mode).await
    }

    /// Delete a card.
    pub async fn delete_object(&self, object: &DavObject, if_match: Option<&str>) -> Result<()> {
        self.inner.delete(object, if_match).await
    }

    /// Create an address book with an extended MKCOL (RFC 5689).
    pub async fn create_address_book(
        &self,
        slug: &str,
        display_name: &str,
        description: Option<&str>,
    ) -> Result<Url> {
        let url = self.inner.collection_url(slug)?;
        let mut props = format!(
            "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>\
             <d:displayname>{}</d:displayname>",
            xml_escape(display_name)
        );
        if let Some(d) = description {
            props.push_str(&format!(
                "<card:addressbook-description>{}</card:addressbook-description>",
                xml_escape(d)
            ));
        }
        let body = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
  <d:set><d:prop>{props}</d:prop></d:set>
</d:mkcol>"#
        );
        self.inner
            .client
            .send(Request::new(method("MKCOL"), url.clone()).xml(body))
            .await?;
        Ok(url)
    }

    /// Delete an address book.
    pub async fn delete_address_book(&self, book: &Url) -> Result<()> {
        self.inner.delete_collection(book, false).await
    }
}
