//! The two sides of a hand-over as the engine sees them: traits over the protocol crate, so
//! the engine is generic and tests can inject faults or use in-memory sides. Sources are
//! read-only by type ([`FileSource`], [`CollectionSource`] have no write method): a copy
//! cannot change or delete the member's data. [`DavFiles`] and [`DavCollections`] implement
//! them over `passerelle-nextcloud` for Nextcloud and any WebDAV/CalDAV/CardDAV server.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::caldav::{CalDav, PutMode};
use passerelle_nextcloud::dav::carddav::CardDav;
use passerelle_nextcloud::dav::files::{BulkFile, FileEntry, Files, UploadOptions, UploadResult};
use passerelle_nextcloud::dav::{DavObject, encode_segment};
use passerelle_nextcloud::{Client, ErrorKind};
use url::Url;

pub use passerelle_nextcloud::dav::caldav::Ownership;

pub use super::error::{TransferError, TransferResult};

/// Bytes read from a source.
pub type DownloadStream = Pin<Box<dyn Stream<Item = TransferResult<Bytes>> + Send>>;

/// Bytes given to a target.
pub type UploadBody = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// A started download.
pub struct Fetched {
    /// Length announced by the server.
    pub length: Option<u64>,
    /// The bytes.
    pub stream: DownloadStream,
}

impl std::fmt::Debug for Fetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetched")
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

/// What both sides' files offer: reading a folder, a tree, one entry and a file's bytes.
pub trait FileTree: Send + Sync {
    /// Children of a folder.
    fn list(
        &self,
        path: &RemotePath,
    ) -> impl Future<Output = TransferResult<Vec<FileEntry>>> + Send;
    /// One file or folder.
    fn stat(&self, path: &RemotePath) -> impl Future<Output = TransferResult<FileEntry>> + Send;
    /// A file's bytes (at the target: deep verification).
    fn download(&self, path: &RemotePath) -> impl Future<Output = TransferResult<Fetched>> + Send;
    /// Everything below a folder in one request, parents before children (`Ok(None)`: not
    /// offered here; the caller lists folder by folder, as after an `Err`). Only for a tree
    /// known to be small: the answer is held whole in memory.
    fn list_tree(
        &self,
        path: &RemotePath,
    ) -> impl Future<Output = TransferResult<Option<Vec<FileEntry>>>> + Send {
        let _ = path;
        std::future::ready(Ok(None))
    }
}

/// The departing member's files: read only.
pub trait FileSource: FileTree {
    /// Several small files of one folder in one request, at most `limit` bytes in all: one
    /// entry per name (`None`: not in the answer). `Ok(None)`: not offered here; the caller
    /// reads them one by one, as after an `Err`.
    fn download_batch(
        &self,
        folder: &RemotePath,
        names: &[String],
        limit: u64,
    ) -> impl Future<Output = TransferResult<Option<Vec<Option<Bytes>>>>> + Send {
        let _ = (folder, names, limit);
        std::future::ready(Ok(None))
    }
}

/// The recipient's files.
pub trait FileTarget: FileTree {
    /// Bytes available (`None`: unknown or unlimited).
    fn available_bytes(&self) -> impl Future<Output = TransferResult<Option<u64>>> + Send;
    /// Create a folder; `Ok` when it already exists as a folder.
    fn create_folder(&self, path: &RemotePath) -> impl Future<Output = TransferResult<()>> + Send;
    /// Write a file of `length` bytes (replacing what is there): big files go through
    /// Nextcloud's chunked upload when the target has it.
    fn upload(
        &self,
        path: &RemotePath,
        body: UploadBody,
        length: u64,
        options: UploadOptions,
    ) -> impl Future<Output = TransferResult<UploadResult>> + Send;
    /// How the target takes small files several at a time (`None`: one request per file).
    fn bulk_upload(&self) -> impl Future<Output = Option<BulkUpload>> + Send {
        std::future::ready(None)
    }
    /// Writes small files (replacing what is there) in one request: one result per file, in
    /// order. `Err` when the request as a whole failed.
    fn upload_bulk(
        &self,
        files: &[BulkFile],
    ) -> impl Future<Output = TransferResult<Vec<TransferResult<UploadResult>>>> + Send {
        let _ = files;
        std::future::ready(Err(TransferError::new(ErrorKind::Rejected)
            .with_message("this target takes one file per request")))
    }
}

/// A calendar or address book as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionMeta {
    /// Last path segment.
    pub uri: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Colour (calendars).
    pub color: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Supported components (calendars).
    pub components: Vec<String>,
    /// Owned, shared with the member, or system.
    pub ownership: Ownership,
    /// Nextcloud's automatic birthday calendar.
    pub is_birthday: bool,
}

/// The departing member's calendars or address books: read only.
pub trait CollectionSource: Send + Sync {
    /// The collections of the home.
    fn collections(&self) -> impl Future<Output = TransferResult<Vec<CollectionMeta>>> + Send;
    /// The objects of one collection, with their data.
    fn objects(&self, uri: &str) -> impl Future<Output = TransferResult<Vec<DavObject>>> + Send;
}

/// The recipient's calendars or address books.
pub trait CollectionTarget: Send + Sync {
    /// The collections of the home.
    fn collections(&self) -> impl Future<Output = TransferResult<Vec<CollectionMeta>>> + Send;
    /// The objects of one collection, with their data.
    fn objects(&self, uri: &str) -> impl Future<Output = TransferResult<Vec<DavObject>>> + Send;
    /// Create collection `uri` with `meta`'s name, colour, description and components. An
    /// existing one gives a `not-allowed` (or `conflict`) error.
    fn create_collection(
        &self,
        uri: &str,
        meta: &CollectionMeta,
    ) -> impl Future<Output = TransferResult<()>> + Send;
    /// Store a new object, only if absent (`If-None-Match: *`): by its UID when it has one,
    /// else under `name`. An existing one gives a `conflict` error.
    fn put_new(
        &self,
        uri: &str,
        name: &str,
        uid: Option<&str>,
        data: &str,
    ) -> impl Future<Output = TransferResult<()>> + Send;
    /// The object with this UID, if any.
    fn find_uid(
        &self,
        uri: &str,
        uid: &str,
    ) -> impl Future<Output = TransferResult<Option<DavObject>>> + Send;
}

/// A side's three parts; any may be absent (a plain WebDAV server has no calendars).
#[derive(Debug, Clone)]
pub struct Side<F, C> {
    /// Files.
    pub files: Option<F>,
    /// Calendars.
    pub calendars: Option<C>,
    /// Address books.
    pub contacts: Option<C>,
}

// ---- Over passerelle-nextcloud -------------------------------------------------------------

/// Chunked upload settings (Nextcloud targets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunking {
    /// Files strictly larger than this go through chunked upload v2.
    pub threshold: u64,
    /// Chunk size (Nextcloud wants 5 MiB or more, except for the last chunk).
    pub chunk_size: usize,
    /// Chunks of one file sent at once (each held in memory until the server has it).
    pub in_flight: usize,
}

impl Default for Chunking {
    /// One PUT up to 64 MiB (under common proxy limits such as 100 MB): on Nextcloud 29 a
    /// chunked upload of a 20 MB file took five times as long as one PUT (the server
    /// assembles the chunks into the file afterwards).
    fn default() -> Self {
        Chunking {
            threshold: 64 * 1024 * 1024,
            chunk_size: passerelle_nextcloud::dav::files::DEFAULT_CHUNK_SIZE,
            // A big file alone at the end of a run still keeps a few requests busy.
            in_flight: 3,
        }
    }
}

/// Bulk upload settings (Nextcloud targets that offer it): small files travel in batches, one
/// request per batch, each held in memory while it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkUpload {
    /// Files up to this size go in batches.
    pub max_file_size: u64,
    /// Files per batch (the desktop client sends 100).
    pub max_files: usize,
    /// Bytes per batch.
    pub max_bytes: u64,
}

impl Default for BulkUpload {
    fn default() -> Self {
        BulkUpload {
            max_file_size: 4 * 1024 * 1024,
            max_files: 100,
            max_bytes: 32 * 1024 * 1024,
        }
    }
}

/// Whether the server takes bulk uploads: asked once (capabilities), and forgotten for the
/// rest of the session when it refuses one (a proxy may block the endpoint).
#[derive(Debug, Default)]
struct BulkState {
    offered: tokio::sync::OnceCell<bool>,
    refused: AtomicBool,
    /// The zip download of a selection answered with something else (Nextcloud 30 and later
    /// serve their web page there): not asked again in this session.
    no_zip: AtomicBool,
}

/// Files over WebDAV.
#[derive(Debug, Clone)]
pub struct DavFiles {
    files: Files,
    client: Client,
    chunking: Option<Chunking>,
    bulk: Option<BulkUpload>,
    bulk_state: Arc<BulkState>,
}

impl DavFiles {
    /// A Nextcloud account's files, with chunked upload v2 for big files and bulk upload for
    /// small ones when the server offers it.
    pub fn nextcloud(client: &Client) -> TransferResult<Self> {
        Ok(DavFiles {
            files: client.files()?,
            client: client.clone(),
            chunking: Some(Chunking::default()),
            bulk: Some(BulkUpload::default()),
            bulk_state: Arc::default(),
        })
    }

    /// Any WebDAV root (plain PUT for every file).
    pub fn at(client: &Client, root: Url) -> Self {
        DavFiles {
            files: Files::at(client, root),
            client: client.clone(),
            chunking: None,
            bulk: None,
            bulk_state: Arc::default(),
        }
    }

    /// Change (or turn off) bulk upload; it is only used where the server offers it.
    pub fn with_bulk(mut self, bulk: Option<BulkUpload>) -> Self {
        if self.files.is_nextcloud() {
            self.bulk = bulk;
        }
        self
    }

    /// Change (or turn off) chunking; it is only used where the server offers it.
    pub fn with_chunking(mut self, chunking: Option<Chunking>) -> Self {
        if self.chunking.is_some() {
            self.chunking = chunking;
        }
        self
    }

    /// The DAV root.
    pub fn root(&self) -> &Url {
        self.files.root()
    }
}

fn fetched(d: passerelle_nextcloud::dav::files::Download) -> Fetched {
    Fetched {
        length: d.content_length,
        stream: Box::pin(d.stream.map(|r| r.map_err(TransferError::from))),
    }
}

/// The entries of a zip named in `names`, in that order (stored or deflated; Nextcloud
/// stores them).
fn unzip(zip: Bytes, names: &[String]) -> TransferResult<Vec<Option<Bytes>>> {
    use std::io::Read;
    let bad = |e: &dyn std::fmt::Display| {
        TransferError::new(ErrorKind::Protocol).with_message(format!("reading the zip: {e}"))
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(|e| bad(&e))?;
    let mut found: std::collections::HashMap<String, Bytes> = std::collections::HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bad(&e))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| bad(&e))?.into_owned();
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| bad(&e))?;
        found.insert(name, Bytes::from(data));
    }
    Ok(names.iter().map(|n| found.remove(n)).collect())
}

/// The names cut into groups whose list fits in a request line: the names travel in the query
/// string, and servers refuse long request lines (Apache: 8,190 bytes, nginx: 8 KiB).
pub(crate) fn url_sized(names: &[String]) -> Vec<&[String]> {
    const BUDGET: usize = 6000;
    let encoded = |n: &String| {
        let json = serde_json::to_string(n).unwrap_or_default();
        url::form_urlencoded::byte_serialize(json.as_bytes())
            .map(str::len)
            .sum::<usize>()
            + 3
    };
    let mut groups = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, n) in names.iter().enumerate() {
        let len = encoded(n);
        if i > start && used + len > BUDGET {
            groups.push(&names[start..i]);
            (start, used) = (i, 0);
        }
        used += len;
    }
    if start < names.len() {
        groups.push(&names[start..]);
    }
    groups
}

impl FileTree for DavFiles {
    async fn list(&self, path: &RemotePath) -> TransferResult<Vec<FileEntry>> {
        Ok(self.files.list(path).await?)
    }

    async fn list_tree(&self, path: &RemotePath) -> TransferResult<Option<Vec<FileEntry>>> {
        // Depth infinity: Nextcloud's own WebDAV allows it; other servers are walked.
        if !self.files.is_nextcloud() {
            return Ok(None);
        }
        Ok(Some(self.files.list_tree(path).await?))
    }

    async fn stat(&self, path: &RemotePath) -> TransferResult<FileEntry> {
        Ok(self.files.stat(path).await?)
    }

    async fn download(&self, path: &RemotePath) -> TransferResult<Fetched> {
        Ok(fetched(self.files.download(path).await?))
    }
}

impl FileSource for DavFiles {
    async fn download_batch(
        &self,
        folder: &RemotePath,
        names: &[String],
        limit: u64,
    ) -> TransferResult<Option<Vec<Option<Bytes>>>> {
        if !self.files.is_nextcloud() || self.bulk_state.no_zip.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let mut files = Vec::with_capacity(names.len());
        for group in url_sized(names) {
            // The zip's own headers: 22 bytes, plus about 100 per entry and its name.
            let overhead = 1024 + group.iter().map(|n| 200 + 2 * n.len() as u64).sum::<u64>();
            let zip = match self
                .files
                .download_zip(folder, group, limit.saturating_add(overhead))
                .await
            {
                Ok(zip) => zip,
                Err(e) => {
                    // Answered, but not with a zip: not there (404) or another page.
                    if e.status().is_some_and(|s| s < 500) {
                        self.bulk_state.no_zip.store(true, Ordering::Relaxed);
                    }
                    return Err(e.into());
                }
            };
            let read = tokio::task::spawn_blocking({
                let names = group.to_vec();
                move || unzip(zip, &names)
            })
            .await
            .map_err(|e| TransferError::new(ErrorKind::Protocol).with_message(e.to_string()))??;
            files.extend(read);
        }
        Ok(Some(files))
    }
}

impl FileTarget for DavFiles {
    async fn available_bytes(&self) -> TransferResult<Option<u64>> {
        let quota = self.files.quota(&RemotePath::root()).await?;
        // Negative values mean unknown or unlimited.
        Ok(quota.available.and_then(|a| u64::try_from(a).ok()))
    }

    async fn create_folder(&self, path: &RemotePath) -> TransferResult<()> {
        match self.files.create_folder(path).await {
            Ok(()) => Ok(()),
            // 405: something is there already; fine when it is a folder.
            Err(e) if e.kind() == ErrorKind::NotAllowed => {
                let existing = self.files.stat(path).await?;
                if existing.is_dir {
                    Ok(())
                } else {
                    Err(TransferError::new(ErrorKind::Conflict)
                        .with_message(format!("a file named {path} is in the way")))
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn upload(
        &self,
        path: &RemotePath,
        body: UploadBody,
        length: u64,
        options: UploadOptions,
    ) -> TransferResult<UploadResult> {
        match self.chunking {
            Some(c) if length > c.threshold => {
                let reader = tokio_util::io::StreamReader::new(body);
                Ok(self
                    .files
                    .upload_chunked(path, reader, length, c.chunk_size, c.in_flight, &options)
                    .await?)
            }
            _ => Ok(self
                .files
                .upload_stream(path, body, Some(length), &options)
                .await?),
        }
    }

    async fn bulk_upload(&self) -> Option<BulkUpload> {
        let wanted = self.bulk?;
        if self.bulk_state.refused.load(Ordering::Relaxed) {
            return None;
        }
        let offered = self
            .bulk_state
            .offered
            .get_or_init(|| async {
                // No answer is taken as no: every file then goes through a plain PUT.
                self.client
                    .capabilities()
                    .await
                    .is_ok_and(|c| c.bulk_upload())
            })
            .await;
        offered.then_some(wanted)
    }

    async fn upload_bulk(
        &self,
        files: &[BulkFile],
    ) -> TransferResult<Vec<TransferResult<UploadResult>>> {
        match self.files.upload_bulk(files).await {
            Ok(results) => Ok(results
                .into_iter()
                .map(|r| r.map_err(TransferError::from))
                .collect()),
            Err(e) => {
                // The endpoint is not there after all (or blocked on the way): stop asking.
                if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotAllowed)
                    || matches!(e.status(), Some(400 | 411 | 415 | 501))
                {
                    self.bulk_state.refused.store(true, Ordering::Relaxed);
                }
                Err(e.into())
            }
        }
    }
}

/// Calendars (CalDAV) or address books (CardDAV).
#[derive(Debug, Clone)]
pub enum DavCollections {
    /// A calendar home.
    Calendars {
        /// Protocol client of the home.
        dav: CalDav,
        /// For objects without UID.
        client: Client,
    },
    /// An address book home.
    AddressBooks {
        /// Protocol client of the home.
        dav: CardDav,
        /// For objects without UID.
        client: Client,
    },
}

impl DavCollections {
    /// A calendar home.
    pub fn calendars(client: &Client, home: Url) -> Self {
        DavCollections::Calendars {
            dav: CalDav::at(client, home),
            client: client.clone(),
        }
    }

    /// An address book home.
    pub fn address_books(client: &Client, home: Url) -> Self {
        DavCollections::AddressBooks {
            dav: CardDav::at(client, home),
            client: client.clone(),
        }
    }

    fn home(&self) -> &Url {
        match self {
            DavCollections::Calendars { dav, .. } => dav.home(),
            DavCollections::AddressBooks { dav, .. } => dav.home(),
        }
    }

    fn url_of(&self, uri: &str) -> TransferResult<Url> {
        let mut url = self.home().clone();
        passerelle_nextcloud::dav::validate_name(uri)?;
        url.set_path(&format!("{}{}/", url.path(), encode_segment(uri)));
        Ok(url)
    }

    async fn list(&self) -> TransferResult<Vec<CollectionMeta>> {
        Ok(match self {
            DavCollections::Calendars { dav, .. } => dav
                .calendars()
                .await?
                .into_iter()
                .map(|c| CollectionMeta {
                    uri: c.uri,
                    display_name: c.display_name,
                    color: c.color,
                    description: c.description,
                    components: c.components,
                    ownership: c.ownership,
                    is_birthday: c.is_birthday,
                })
                .collect(),
            DavCollections::AddressBooks { dav, .. } => dav
                .address_books()
                .await?
                .into_iter()
                .map(|b| CollectionMeta {
                    uri: b.uri,
                    display_name: b.display_name,
                    color: None,
                    description: b.description,
                    components: Vec::new(),
                    ownership: b.ownership,
                    is_birthday: false,
                })
                .collect(),
        })
    }

    async fn list_objects(&self, uri: &str) -> TransferResult<Vec<DavObject>> {
        let url = self.url_of(uri)?;
        Ok(match self {
            DavCollections::Calendars { dav, .. } => dav.objects(&url).await?,
            DavCollections::AddressBooks { dav, .. } => dav.objects(&url).await?,
        })
    }
}

impl CollectionSource for DavCollections {
    async fn collections(&self) -> TransferResult<Vec<CollectionMeta>> {
        self.list().await
    }

    async fn objects(&self, uri: &str) -> TransferResult<Vec<DavObject>> {
        self.list_objects(uri).await
    }
}

impl CollectionTarget for DavCollections {
    async fn collections(&self) -> TransferResult<Vec<CollectionMeta>> {
        self.list().await
    }

    async fn objects(&self, uri: &str) -> TransferResult<Vec<DavObject>> {
        self.list_objects(uri).await
    }

    async fn create_collection(&self, uri: &str, meta: &CollectionMeta) -> TransferResult<()> {
        let name = meta.display_name.as_deref().unwrap_or(uri);
        match self {
            DavCollections::Calendars { dav, .. } => {
                let components: Vec<&str> = meta.components.iter().map(String::as_str).collect();
                dav.create_calendar(uri, name, meta.color.as_deref(), &components)
                    .await?;
            }
            DavCollections::AddressBooks { dav, .. } => {
                dav.create_address_book(uri, name, meta.description.as_deref())
                    .await?;
            }
        }
        Ok(())
    }

    async fn put_new(
        &self,
        uri: &str,
        name: &str,
        uid: Option<&str>,
        data: &str,
    ) -> TransferResult<()> {
        let url = self.url_of(uri)?;
        match (self, uid) {
            (DavCollections::Calendars { dav, .. }, Some(_)) => {
                dav.put(&url, data, &PutMode::Create).await?;
            }
            (DavCollections::AddressBooks { dav, .. }, Some(_)) => {
                dav.put(&url, data, &PutMode::Create).await?;
            }
            (DavCollections::Calendars { client, .. }, None)
            | (DavCollections::AddressBooks { client, .. }, None) => {
                let content_type = match self {
                    DavCollections::Calendars { .. } => "text/calendar; charset=utf-8",
                    DavCollections::AddressBooks { .. } => "text/vcard; charset=utf-8",
                };
                let options = UploadOptions {
                    create_only: true,
                    content_type: Some(content_type.to_owned()),
                    ..Default::default()
                };
                Files::at(client, url)
                    .upload_bytes(&RemotePath::root().join(name)?, data.to_owned(), &options)
                    .await?;
            }
        }
        Ok(())
    }

    async fn find_uid(&self, uri: &str, uid: &str) -> TransferResult<Option<DavObject>> {
        let url = self.url_of(uri)?;
        Ok(match self {
            DavCollections::Calendars { dav, .. } => dav.get_by_uid(&url, uid).await?,
            DavCollections::AddressBooks { dav, .. } => dav.get_by_uid(&url, uid).await?,
        })
    }
}

/// Both sides' DAV parts for a member, as recorded in a job.
pub type DavSide = Side<DavFiles, DavCollections>;

/// Builds the DAV side of `member` with a ready client (its credentials already set).
pub fn dav_side(client: &Client, member: &super::MemberSide) -> TransferResult<DavSide> {
    let parse = |u: &str| {
        Url::parse(u).map_err(|e| {
            TransferError::new(ErrorKind::InvalidAddress).with_message(format!("{u}: {e}"))
        })
    };
    let files = if member.nextcloud {
        DavFiles::nextcloud(client)?
    } else {
        DavFiles::at(client, parse(&member.files_url)?)
    };
    let calendars = match &member.calendars_url {
        Some(u) => Some(DavCollections::calendars(client, parse(u)?)),
        None => None,
    };
    let contacts = match &member.contacts_url {
        Some(u) => Some(DavCollections::address_books(client, parse(u)?)),
        None => None,
    };
    Ok(Side {
        files: Some(files),
        calendars,
        contacts,
    })
}

#[cfg(test)]
mod tests {
    use super::url_sized;

    #[test]
    fn zip_selections_stay_under_the_request_line_limits() {
        let short: Vec<String> = (0..100).map(|i| format!("fichier {i:04}.bin")).collect();
        assert_eq!(
            url_sized(&short).len(),
            1,
            "the benchmark's names: one request"
        );
        let long: Vec<String> = (0..100)
            .map(|i| format!("Compte rendu de l'assemblée générale n°{i} — version définitive.odt"))
            .collect();
        let groups = url_sized(&long);
        assert!(groups.len() > 1);
        assert_eq!(groups.iter().map(|g| g.len()).sum::<usize>(), 100);
        for g in &groups {
            let json = serde_json::to_string(g).unwrap();
            let encoded: usize = url::form_urlencoded::byte_serialize(json.as_bytes())
                .map(str::len)
                .sum();
            assert!(encoded <= 6000, "{encoded}");
        }
        assert!(url_sized(&[]).is_empty());
    }
}
