//! WebDAV files: PROPFIND (Depth 0/1/infinity) with Nextcloud's properties, streaming GET and PUT,
//! MKCOL, MOVE, COPY, DELETE, quota, Nextcloud's chunked upload v2 and its bulk upload (many
//! small files in one request).
//!
//! Paths are [`RemotePath`]s (validated names, percent-encoded segments): nothing here can
//! address a resource outside the DAV root. Works with any WebDAV server through
//! [`Files::at`]; chunked upload needs Nextcloud ([`Client::files`]).

use std::pin::Pin;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt, TryStreamExt};
use reqwest::Method;
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncReadExt};
use url::Url;

use super::multistatus::{DavResponse, parse_multistatus};
use super::{RemotePath, encode_segment, unquote_etag};
use crate::client::{Body, Client, Request, method, read_body};
use crate::error::{Error, ErrorKind, Result};

/// A stream of downloaded bytes.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>;

/// The PROPFIND body asking for the properties Passerelle uses.
const PROPFIND_BODY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
  <d:prop>
    <d:getlastmodified/>
    <d:getetag/>
    <d:getcontenttype/>
    <d:resourcetype/>
    <d:getcontentlength/>
    <d:quota-available-bytes/>
    <d:quota-used-bytes/>
    <oc:fileid/>
    <oc:size/>
    <oc:permissions/>
    <oc:checksums/>
    <oc:share-types/>
    <oc:owner-id/>
    <oc:owner-display-name/>
    <nc:has-preview/>
    <nc:mount-type/>
    <nc:upload_time/>
    <nc:is-encrypted/>
    <nc:lock/>
    <nc:lock-owner-displayname/>
  </d:prop>
</d:propfind>"#;

/// Default chunk size of [`Files::upload_chunked`] (Nextcloud wants 5 MiB–5 GiB).
pub const DEFAULT_CHUNK_SIZE: usize = 10 * 1024 * 1024;

/// One small file of a bulk upload ([`Files::upload_bulk`]), held in memory.
#[derive(Debug, Clone)]
pub struct BulkFile {
    /// Where it goes, below the account's files root.
    pub path: RemotePath,
    /// Its bytes.
    pub data: Bytes,
    /// Modification time to keep (seconds since the epoch).
    pub mtime: Option<i64>,
    /// Checksum to store (`SHA1:<hex>`): sent as `OC-Checksum`; Nextcloud 29 ignores it.
    pub checksum: Option<String>,
}

/// A file or folder.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    /// Path below the DAV root.
    pub path: RemotePath,
    /// Whether it is a folder.
    pub is_dir: bool,
    /// Size in bytes (`oc:size`, which covers folders, else `getcontentlength`).
    pub size: Option<u64>,
    /// ETag without quotes.
    pub etag: Option<String>,
    /// Last modification. Clients keep the original file's time on upload (`X-OC-MTime`), so
    /// it may be long before the upload.
    pub modified: Option<SystemTime>,
    /// When it was uploaded (`nc:upload_time`, Nextcloud 28 and later; `None` when not sent or
    /// unknown, e.g. files older than the property).
    pub upload_time: Option<SystemTime>,
    /// MIME type.
    pub content_type: Option<String>,
    /// Nextcloud file id.
    pub file_id: Option<u64>,
    /// Nextcloud permissions (`R` reshare, `G` read, `D` delete, `N` rename, `V` move,
    /// `W` write, `C`/`K` create, `S` shared with me, `M` mounted).
    pub permissions: Option<String>,
    /// Stored checksums (`SHA1:…`).
    pub checksums: Vec<String>,
    /// Share types set on it (0 user, 1 group, 3 link…).
    pub share_types: Vec<i64>,
    /// Owner id.
    pub owner_id: Option<String>,
    /// Owner display name.
    pub owner_display_name: Option<String>,
    /// Mount type (`shared`, `group`, `external`…), when not the user's own storage.
    pub mount_type: Option<String>,
    /// Quota left, for folders (bytes; negative values mean unknown/unlimited).
    pub quota_available: Option<i64>,
    /// Quota used, for folders.
    pub quota_used: Option<i64>,
    /// End-to-end encrypted (`nc:is-encrypted`): the server only holds ciphertext.
    pub encrypted: bool,
    /// Locked (`nc:lock`, files_lock app or a client editing it): who holds the lock, or an
    /// empty string when the server does not say.
    pub locked_by: Option<String>,
}

impl FileEntry {
    /// The name (empty for the root).
    pub fn name(&self) -> &str {
        self.path.name().unwrap_or("")
    }

    fn from_response(parent: &RemotePath, r: DavResponse) -> FileEntry {
        let p = r.props;
        let is_dir = p.resourcetype.as_ref().is_some_and(|t| t.is_collection());
        let num = |s: &Option<String>| s.as_deref().and_then(|v| v.trim().parse::<i64>().ok());
        let size = num(&p.size)
            .or_else(|| num(&p.getcontentlength))
            .and_then(|v| u64::try_from(v).ok());
        FileEntry {
            path: parent.extended(&r.path),
            is_dir,
            size,
            etag: p.getetag.as_deref().map(unquote_etag),
            modified: p
                .getlastmodified
                .as_deref()
                .and_then(|d| httpdate::parse_http_date(d.trim()).ok()),
            content_type: p.getcontenttype.filter(|s| !s.is_empty()),
            upload_time: num(&p.upload_time)
                .and_then(|v| u64::try_from(v).ok())
                .filter(|secs| *secs > 0)
                .map(|secs| SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
            file_id: num(&p.fileid).and_then(|v| u64::try_from(v).ok()),
            permissions: p.permissions.filter(|s| !s.is_empty()),
            checksums: p.checksums.map(|c| c.all()).unwrap_or_default(),
            share_types: p.share_types.map(|s| s.all()).unwrap_or_default(),
            owner_id: p.owner_id.filter(|s| !s.is_empty()),
            owner_display_name: p.owner_display_name.filter(|s| !s.is_empty()),
            mount_type: p.mount_type.filter(|s| !s.is_empty()),
            quota_available: num(&p.quota_available_bytes),
            quota_used: num(&p.quota_used_bytes),
            encrypted: p.is_encrypted.as_deref().map(str::trim) == Some("1"),
            locked_by: (p.lock.as_deref().map(str::trim) == Some("1"))
                .then(|| p.lock_owner_displayname.unwrap_or_default()),
        }
    }
}

/// Options of an upload.
#[derive(Debug, Clone, Default)]
pub struct UploadOptions {
    /// Modification time to keep (`X-OC-MTime`, seconds since the epoch).
    pub mtime: Option<i64>,
    /// Checksum to store (`OC-Checksum`, e.g. `SHA1:<hex>`).
    pub checksum: Option<String>,
    /// Only create: refuse (`conflict`) if the file exists (`If-None-Match: *`).
    pub create_only: bool,
    /// Only replace this version (`If-Match`), ETag without quotes.
    pub if_match: Option<String>,
    /// MIME type (default `application/octet-stream`).
    pub content_type: Option<String>,
}

/// What the server said about an upload.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UploadResult {
    /// New ETag (without quotes), when sent.
    pub etag: Option<String>,
    /// `OC-FileId` (file id + instance id), when sent.
    pub oc_file_id: Option<String>,
    /// Whether the server kept `X-OC-MTime`.
    pub mtime_accepted: bool,
}

impl UploadResult {
    fn from_headers(headers: &reqwest::header::HeaderMap) -> UploadResult {
        let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        UploadResult {
            etag: get("oc-etag").or_else(|| get("etag")).map(unquote_etag),
            oc_file_id: get("oc-fileid").map(str::to_owned),
            mtime_accepted: get("x-oc-mtime") == Some("accepted"),
        }
    }
}

/// A started download.
pub struct Download {
    /// ETag without quotes.
    pub etag: Option<String>,
    /// Length announced by the server.
    pub content_length: Option<u64>,
    /// The bytes.
    pub stream: ByteStream,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("etag", &self.etag)
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

/// Quota of a folder from WebDAV.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct DavQuota {
    /// Bytes available (0 when over quota; negative: unknown/unlimited).
    pub available: Option<i64>,
    /// Bytes used.
    pub used: Option<i64>,
}

/// WebDAV file operations below one root.
#[derive(Debug, Clone)]
pub struct Files {
    client: Client,
    root: Url,
    uploads: Option<Url>,
}

impl Client {
    /// The account's files (`/remote.php/dav/files/<user>/`), with chunked upload.
    pub fn files(&self) -> Result<Files> {
        let user = self.require_user_id()?.to_owned();
        let mut root = self.endpoint_segments("remote.php/dav/files", [user.as_str()]);
        root.set_path(&format!("{}/", root.path()));
        let mut uploads = self.endpoint_segments("remote.php/dav/uploads", [user.as_str()]);
        uploads.set_path(&format!("{}/", uploads.path()));
        Ok(Files {
            client: self.clone(),
            root,
            uploads: Some(uploads),
        })
    }
}

impl Files {
    /// Files below any WebDAV root URL (no chunked upload).
    pub fn at(client: &Client, root: Url) -> Files {
        let mut root = root;
        if !root.path().ends_with('/') {
            root.set_path(&format!("{}/", root.path()));
        }
        Files {
            client: client.clone(),
            root,
            uploads: None,
        }
    }

    /// The DAV root.
    pub fn root(&self) -> &Url {
        &self.root
    }

    /// Whether these are an account's files on Nextcloud (chunked and bulk upload apply).
    pub fn is_nextcloud(&self) -> bool {
        self.uploads.is_some()
    }

    /// The URL of a path.
    pub fn url_of(&self, path: &RemotePath, collection: bool) -> Url {
        path.to_url(&self.root, collection)
    }

    async fn propfind(&self, path: &RemotePath, depth: &str) -> Result<Vec<DavResponse>> {
        // Depth 1 lists a folder: use its slash form, as Nextcloud's hrefs do.
        let url = self.url_of(path, depth != "0");
        let resp = self
            .client
            .send(
                Request::new(method("PROPFIND"), url.clone())
                    .header("depth", depth)
                    .xml(PROPFIND_BODY),
            )
            .await?;
        let body = read_body(resp).await?;
        Ok(parse_multistatus(&body, &url)?.responses)
    }

    /// Properties of one file or folder (PROPFIND Depth 0).
    pub async fn stat(&self, path: &RemotePath) -> Result<FileEntry> {
        let responses = self.propfind(path, "0").await?;
        let r = responses
            .into_iter()
            .find(|r| r.path.is_empty())
            .ok_or_else(|| Error::protocol("the server did not describe the requested path"))?;
        Ok(FileEntry::from_response(path, r))
    }

    /// The children of a folder (PROPFIND Depth 1, the folder itself excluded).
    pub async fn list(&self, path: &RemotePath) -> Result<Vec<FileEntry>> {
        let responses = self.propfind(path, "1").await?;
        Ok(responses
            .into_iter()
            .filter(|r| !r.path.is_empty())
            .map(|r| FileEntry::from_response(path, r))
            .collect())
    }

    /// Everything below a folder in one request (PROPFIND `Depth: infinity`, the folder itself
    /// excluded), parents before their children. Nextcloud allows it on files (29 and 32
    /// answer it; a server that refuses answers 403). The whole answer is held in memory
    /// (about 1 KB an entry): list a tree known to be small this way, a big one folder by
    /// folder ([`Files::list`]).
    pub async fn list_tree(&self, path: &RemotePath) -> Result<Vec<FileEntry>> {
        let mut responses = self.propfind(path, "infinity").await?;
        responses.retain(|r| !r.path.is_empty());
        // Sabre answers depth first; parents before children whatever the order.
        responses.sort_by_key(|r| r.path.len());
        Ok(responses
            .into_iter()
            .map(|r| FileEntry::from_response(path, r))
            .collect())
    }

    /// Quota of a folder (the root for the account's quota).
    pub async fn quota(&self, path: &RemotePath) -> Result<DavQuota> {
        let e = self.stat(path).await?;
        Ok(DavQuota {
            available: e.quota_available,
            used: e.quota_used,
        })
    }

    /// Download a file as a stream.
    pub async fn download(&self, path: &RemotePath) -> Result<Download> {
        let url = self.url_of(path, false);
        let resp = self
            .client
            .send(Request::new(Method::GET, url.clone()).long_transfer())
            .await?;
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(unquote_etag);
        let content_length = resp.content_length();
        let stream = resp
            .bytes_stream()
            .map_err(move |e| Error::http(ErrorKind::Offline, e).with_url(&url));
        Ok(Download {
            etag,
            content_length,
            stream: Box::pin(stream),
        })
    }

    /// Download a whole (small) file into memory.
    pub async fn download_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        let mut d = self.download(path).await?;
        let mut buf = BytesMut::new();
        while let Some(chunk) = d.stream.next().await {
            buf.extend_from_slice(&chunk?);
        }
        Ok(buf.freeze())
    }

    fn put_request(&self, url: Url, options: &UploadOptions) -> Request {
        let mut req = Request::new(Method::PUT, url).header(
            "content-type",
            options
                .content_type
                .as_deref()
                .unwrap_or("application/octet-stream"),
        );
        if let Some(mtime) = options.mtime {
            req = req.header("x-oc-mtime", mtime.to_string());
        }
        if let Some(sum) = &options.checksum {
            req = req.header("oc-checksum", sum);
        }
        if options.create_only {
            req = req.header("if-none-match", "*");
        }
        if let Some(etag) = &options.if_match {
            req = req.header("if-match", format!("\"{etag}\""));
        }
        req
    }

    /// Upload bytes held in memory (retried on transient failures when `create_only`).
    pub async fn upload_bytes(
        &self,
        path: &RemotePath,
        data: impl Into<Bytes>,
        options: &UploadOptions,
    ) -> Result<UploadResult> {
        let req = self
            .put_request(self.url_of(path, false), options)
            .body(data.into())
            .long_transfer();
        let resp = self.client.send(req).await?;
        Ok(UploadResult::from_headers(resp.headers()))
    }

    /// Upload a stream (never retried). Give `length` when known so the server can check
    /// quota before receiving the body.
    pub async fn upload_stream<S>(
        &self,
        path: &RemotePath,
        stream: S,
        length: Option<u64>,
        options: &UploadOptions,
    ) -> Result<UploadResult>
    where
        S: Stream<Item = std::io::Result<Bytes>> + Send + 'static,
    {
        let mut req = self
            .put_request(self.url_of(path, false), options)
            .long_transfer();
        if let Some(len) = length {
            req = req.header("content-length", len.to_string());
        }
        req.body = Body::Stream(reqwest::Body::wrap_stream(stream));
        let resp = self.client.send(req).await?;
        Ok(UploadResult::from_headers(resp.headers()))
    }

    /// Create a folder (MKCOL). An existing folder gives `not-allowed` (405), a missing parent
    /// `conflict` (409).
    pub async fn create_folder(&self, path: &RemotePath) -> Result<()> {
        let url = self.url_of(path, true);
        self.client.send(Request::new(method("MKCOL"), url)).await?;
        Ok(())
    }

    async fn transfer(
        &self,
        verb: &str,
        from: &RemotePath,
        to: &RemotePath,
        overwrite: bool,
    ) -> Result<()> {
        if from.is_root() || to.is_root() {
            return Err(
                Error::new(ErrorKind::InvalidName).with_message("cannot move or copy the root")
            );
        }
        let req = Request::new(method(verb), self.url_of(from, false))
            .header("destination", self.url_of(to, false).as_str())
            .header("overwrite", if overwrite { "T" } else { "F" })
            .server_side_work();
        self.client.send(req).await?;
        Ok(())
    }

    /// MOVE (rename). With `overwrite` false an existing target gives `conflict` (412).
    pub async fn move_to(&self, from: &RemotePath, to: &RemotePath, overwrite: bool) -> Result<()> {
        self.transfer("MOVE", from, to, overwrite).await
    }

    /// COPY. With `overwrite` false an existing target gives `conflict` (412).
    pub async fn copy_to(&self, from: &RemotePath, to: &RemotePath, overwrite: bool) -> Result<()> {
        self.transfer("COPY", from, to, overwrite).await
    }

    /// DELETE a file or folder (Nextcloud moves it to the trash bin).
    pub async fn delete(&self, path: &RemotePath) -> Result<()> {
        if path.is_root() {
            return Err(Error::new(ErrorKind::InvalidName).with_message("cannot delete the root"));
        }
        self.client
            .send(Request::new(Method::DELETE, self.url_of(path, false)))
            .await?;
        Ok(())
    }

    /// Nextcloud chunked upload v2: MKCOL an upload folder with `Destination`, PUT numbered
    /// chunks (`00001`…) with `Destination` and `OC-Total-Length`, at most `in_flight` at once,
    /// then, once every chunk is stored, MOVE `.file` onto the target (the server assembles the
    /// chunks by their numbers, whatever order they arrived in). Each chunk is held in memory
    /// until the server has it, so it can be retried: `in_flight` × `chunk_size` bytes at most.
    /// A failure removes the upload folder; the file is then sent again whole.
    pub async fn upload_chunked<R>(
        &self,
        path: &RemotePath,
        mut reader: R,
        total_length: u64,
        chunk_size: usize,
        in_flight: usize,
        options: &UploadOptions,
    ) -> Result<UploadResult>
    where
        R: AsyncRead + Unpin,
    {
        let uploads = self.uploads.as_ref().ok_or_else(|| {
            Error::new(ErrorKind::Rejected).with_message("chunked upload needs a Nextcloud server")
        })?;
        if path.is_root() {
            return Err(
                Error::new(ErrorKind::InvalidName).with_message("cannot upload to the root")
            );
        }
        let dest = self.url_of(path, false);
        let upload_dir = RemotePath::root().join(&upload_id())?.to_url(uploads, true);
        self.client
            .send(
                Request::new(method("MKCOL"), upload_dir.clone())
                    .header("destination", dest.as_str()),
            )
            .await?;
        let outcome = self
            .send_chunks(
                &upload_dir,
                &dest,
                &mut reader,
                (total_length, chunk_size.max(1), in_flight.max(1)),
                options,
            )
            .await;
        if outcome.is_err() {
            // Best effort: do not leave chunks behind.
            let _ = self
                .client
                .send(Request::new(Method::DELETE, upload_dir))
                .await;
        }
        outcome
    }

    async fn send_chunks<R: AsyncRead + Unpin>(
        &self,
        upload_dir: &Url,
        dest: &Url,
        reader: &mut R,
        (total_length, chunk_size, in_flight_max): (u64, usize, usize),
        options: &UploadOptions,
    ) -> Result<UploadResult> {
        let total = total_length.to_string();
        let put = |index: u32, chunk: Bytes| {
            let mut url = upload_dir.clone();
            let name = format!("{index:05}");
            url.set_path(&format!("{}{}", upload_dir.path(), encode_segment(&name)));
            let len = chunk.len() as u64;
            let mut req = Request::new(Method::PUT, url)
                .header("destination", dest.as_str())
                .header("oc-total-length", &total)
                .header("content-type", "application/octet-stream")
                .body(chunk)
                .long_transfer();
            req.idempotent = Some(true);
            async move { self.client.send(req).await.map(|_| len) }
        };
        let mut in_flight = futures_util::stream::FuturesUnordered::new();
        let (mut read, mut sent, mut index) = (0u64, 0u64, 1u32);
        // One empty chunk for an empty file; reading stops at the announced length.
        let mut more = true;
        loop {
            if more && in_flight.len() < in_flight_max {
                // The next chunk is read while the others are being sent.
                let next = read_chunk(reader, chunk_size);
                tokio::pin!(next);
                let chunk = loop {
                    tokio::select! {
                        chunk = &mut next => break chunk?,
                        Some(r) = in_flight.next() => sent += r?,
                    }
                };
                if chunk.is_empty() && index > 1 {
                    more = false;
                    continue;
                }
                read += chunk.len() as u64;
                more = read < total_length;
                in_flight.push(put(index, chunk));
                index += 1;
                continue;
            }
            match in_flight.next().await {
                Some(r) => sent += r?,
                None => break,
            }
        }
        if sent != total_length {
            return Err(Error::protocol(format!(
                "the source gave {sent} bytes, {total_length} were announced"
            )));
        }
        let mut file = upload_dir.clone();
        file.set_path(&format!("{}.file", upload_dir.path()));
        let mut req = Request::new(method("MOVE"), file)
            .header("destination", dest.as_str())
            .header("oc-total-length", &total)
            .long_transfer();
        if let Some(mtime) = options.mtime {
            req = req.header("x-oc-mtime", mtime.to_string());
        }
        if let Some(sum) = &options.checksum {
            req = req.header("oc-checksum", sum);
        }
        if options.create_only {
            req = req.header("if-none-match", "*");
        }
        // Assembly of big files can take a while on the server.
        req.timeout = Some(Duration::from_secs(3600));
        let resp = self.client.send(req).await?;
        Ok(UploadResult::from_headers(resp.headers()))
    }
}

/// What a bulk upload part can carry: Nextcloud reads a part's headers line by line and trims
/// their values, so a path with a line break, another control character or a name starting or
/// ending with a space would arrive changed. Such files go through a plain PUT.
pub fn bulk_path_ok(path: &RemotePath) -> bool {
    !path.is_root()
        && path
            .segments()
            .iter()
            .all(|s| s.trim() == s && !s.chars().any(char::is_control))
}

impl crate::ocs::Capabilities {
    /// Whether the server takes bulk uploads (`dav.bulkupload` 1.x, Nextcloud 23 and later,
    /// unless `bulkupload.enabled` is false).
    pub fn bulk_upload(&self) -> bool {
        self.raw
            .pointer("/dav/bulkupload")
            .and_then(|v| v.as_str())
            .is_some_and(|v| v == "1" || v.starts_with("1."))
    }
}

impl Files {
    /// Nextcloud's bulk upload: several small files in one `POST /remote.php/dav/bulk`, a
    /// `multipart/related` body whose parts carry `X-File-Path` (below the account's files),
    /// `X-File-MD5` (checked by the server before writing), `X-OC-Mtime` and `Content-Length`.
    /// The server answers a JSON object keyed by path (`error`, `etag`, `fileid` or `message`);
    /// each file is replaced if it exists, its folder must exist.
    ///
    /// Returns one result per file, in order: a file the server refused, did not reach (a bad
    /// part stops it with a 400 that lists the files written before) or that [`bulk_path_ok`]
    /// rules out has its own error. `Err` when the whole request failed (its files may or may
    /// not have been written; writing them again replaces them).
    pub async fn upload_bulk(&self, files: &[BulkFile]) -> Result<Vec<Result<UploadResult>>> {
        if !self.is_nextcloud() {
            return Err(Error::new(ErrorKind::Rejected)
                .with_message("bulk upload needs a Nextcloud server"));
        }
        let boundary = format!("passerelle-bulk-{}", upload_id_hex());
        let mut body = BytesMut::new();
        let mut sent = Vec::with_capacity(files.len());
        for f in files {
            let name = f.path.to_string();
            if !bulk_path_ok(&f.path) {
                sent.push(None);
                continue;
            }
            use md5::Digest;
            let md5 = hex(&md5::Md5::digest(&f.data));
            body.extend_from_slice(
                format!("--{boundary}\r\nX-File-Path: {name}\r\nX-File-MD5: {md5}\r\n").as_bytes(),
            );
            if let Some(mtime) = f.mtime {
                body.extend_from_slice(format!("X-OC-Mtime: {mtime}\r\n").as_bytes());
            }
            if let Some(sum) = f
                .checksum
                .as_deref()
                .filter(|s| !s.chars().any(char::is_control))
            {
                body.extend_from_slice(format!("OC-Checksum: {sum}\r\n").as_bytes());
            }
            body.extend_from_slice(format!("Content-Length: {}\r\n\r\n", f.data.len()).as_bytes());
            body.extend_from_slice(&f.data);
            body.extend_from_slice(b"\r\n");
            sent.push(Some(name));
        }
        if sent.iter().all(Option::is_none) {
            return Ok(files.iter().map(|f| Err(not_bulk(&f.path))).collect());
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let url = self.client.endpoint("remote.php/dav/bulk");
        let mut req = Request::new(Method::POST, url.clone())
            .header(
                "content-type",
                format!("multipart/related; boundary={boundary}"),
            )
            .body(body.freeze())
            .long_transfer();
        // Sending the same files again replaces them with the same bytes.
        req.idempotent = Some(true);
        let resp = self.client.send_raw(req).await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = read_body(resp).await?;
        let answers: Option<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_slice(&text).ok();
        let answers = match answers {
            Some(a) if status.is_success() || status.as_u16() == 400 => a,
            _ if status.is_success() => {
                return Err(Error::protocol(
                    "the bulk upload answer is not a JSON object",
                ));
            }
            _ => {
                let text = String::from_utf8_lossy(&text);
                return Err(crate::client::error_from_parts(
                    status, &url, &headers, &text,
                ));
            }
        };
        Ok(files
            .iter()
            .zip(sent)
            .map(|(f, name)| {
                let Some(name) = name else {
                    return Err(not_bulk(&f.path));
                };
                bulk_answer(answers.get(&name), f.mtime.is_some())
            })
            .collect())
    }
}

impl Files {
    /// Several files of one folder in one request, as one zip: what Nextcloud's web interface
    /// downloads for a selection (`index.php/apps/files/ajax/download.php`, Nextcloud 29 and
    /// older; later versions do not have it). The server stores the files in the zip
    /// uncompressed, in the order asked, names in UTF-8. `limit`: the most bytes accepted.
    ///
    /// The caller reads the entries and falls back to one GET per file on any error: a name
    /// the server does not find fails the whole request.
    pub async fn download_zip(
        &self,
        folder: &RemotePath,
        names: &[String],
        limit: u64,
    ) -> Result<Bytes> {
        if !self.is_nextcloud() {
            return Err(Error::new(ErrorKind::Rejected)
                .with_message("zip downloads need a Nextcloud server"));
        }
        for name in names {
            super::validate_name(name)?;
        }
        let list = serde_json::to_string(names).map_err(Error::json)?;
        let mut url = self
            .client
            .endpoint("index.php/apps/files/ajax/download.php");
        url.query_pairs_mut()
            .append_pair("dir", &folder.to_string())
            .append_pair("files", &list);
        let resp = self
            .client
            .send(Request::new(Method::GET, url.clone()).long_transfer())
            .await?;
        let zip = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/zip"));
        if !zip {
            return Err(Error::protocol("the server did not answer with a zip")
                .with_status(resp.status().as_u16())
                .with_url(&url));
        }
        let mut stream = resp.bytes_stream();
        let mut buf = BytesMut::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| Error::http(ErrorKind::Offline, e).with_url(&url))?;
            buf.extend_from_slice(&chunk);
            if buf.len() as u64 > limit {
                return Err(Error::protocol(format!("the zip is over {limit} bytes")));
            }
        }
        Ok(buf.freeze())
    }
}

fn not_bulk(path: &RemotePath) -> Error {
    Error::new(ErrorKind::InvalidName)
        .with_message(format!("{path} cannot be sent in a bulk upload"))
}

/// One file's entry in a bulk upload answer.
fn bulk_answer(answer: Option<&serde_json::Value>, mtime_sent: bool) -> Result<UploadResult> {
    let Some(answer) = answer else {
        return Err(Error::new(ErrorKind::Rejected)
            .with_status(400)
            .with_message("the server stopped before this file (a bad part before it)"));
    };
    let text = |k: &str| answer.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    if answer.get("error").and_then(|v| v.as_bool()) != Some(false) {
        return Err(Error::new(ErrorKind::Rejected).with_message(
            text("message").unwrap_or_else(|| "the server did not write this file".into()),
        ));
    }
    Ok(UploadResult {
        etag: text("etag").as_deref().map(unquote_etag),
        oc_file_id: text("fileid"),
        mtime_accepted: mtime_sent,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn read_chunk<R: AsyncRead + Unpin>(reader: &mut R, size: usize) -> Result<Bytes> {
    let mut buf = BytesMut::with_capacity(size.min(64 * 1024 * 1024));
    while buf.len() < size {
        let n = (&mut *reader)
            .take((size - buf.len()) as u64)
            .read_buf(&mut buf)
            .await
            .map_err(|e| {
                Error::io(ErrorKind::Protocol, e).with_message("reading the local file")
            })?;
        if n == 0 {
            break;
        }
    }
    Ok(buf.freeze())
}

/// 24 random hex digits.
fn upload_id_hex() -> String {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 12];
    let _ = ring::rand::SystemRandom::new().fill(&mut bytes);
    hex(&bytes)
}

/// A random upload folder name.
fn upload_id() -> String {
    format!("passerelle-{}", upload_id_hex())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(body: &str) -> Vec<FileEntry> {
        let url = Url::parse("https://cloud.example.org/remote.php/dav/files/alice/Docs/").unwrap();
        let dir = RemotePath::parse("/Docs").unwrap();
        parse_multistatus(body.as_bytes(), &url)
            .unwrap()
            .responses
            .into_iter()
            .filter(|r| !r.path.is_empty())
            .map(|r| FileEntry::from_response(&dir, r))
            .collect()
    }

    #[test]
    fn the_propfind_asks_for_file_ids_and_upload_times() {
        assert!(PROPFIND_BODY.contains("<oc:fileid/>"));
        assert!(PROPFIND_BODY.contains("<nc:upload_time/>"));
    }

    #[test]
    fn encrypted_folders_and_locks_are_read() {
        // Property names and values as Nextcloud's DAV plugins (end_to_end_encryption,
        // files_lock) send them; the server's own answers were not captured here.
        assert!(
            PROPFIND_BODY.contains("<nc:is-encrypted/>") && PROPFIND_BODY.contains("<nc:lock/>")
        );
        let entries = listed(
            r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/Coffre/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype>
   <nc:is-encrypted>1</nc:is-encrypted></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/CR.odt</d:href>
  <d:propstat><d:prop><d:resourcetype/><nc:is-encrypted>0</nc:is-encrypted><nc:lock>1</nc:lock>
   <nc:lock-owner-displayname>Carol</nc:lock-owner-displayname></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/libre.txt</d:href>
  <d:propstat><d:prop><d:resourcetype/><nc:lock>0</nc:lock></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>"#,
        );
        let by_name = |n: &str| entries.iter().find(|e| e.name() == n).unwrap();
        assert!(by_name("Coffre").encrypted && by_name("Coffre").locked_by.is_none());
        assert!(!by_name("CR.odt").encrypted);
        assert_eq!(by_name("CR.odt").locked_by.as_deref(), Some("Carol"));
        assert_eq!(by_name("libre.txt").locked_by, None);
    }

    #[test]
    fn upload_time_is_parsed_and_zero_means_unknown() {
        // As Nextcloud 29 answers: the upload time apart from the kept modification time.
        let entries = listed(
            r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/scan%202015.pdf</d:href>
  <d:propstat><d:prop>
    <d:getlastmodified>Tue, 03 Mar 2015 10:00:00 GMT</d:getlastmodified>
    <d:getetag>"6d1f0c2a"</d:getetag>
    <d:resourcetype/>
    <oc:fileid>4242</oc:fileid>
    <nc:upload_time>1767225600</nc:upload_time>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/old.txt</d:href>
  <d:propstat><d:prop>
    <d:getlastmodified>Tue, 03 Mar 2015 10:00:00 GMT</d:getlastmodified>
    <d:resourcetype/>
    <nc:upload_time>0</nc:upload_time>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Docs/plain.txt</d:href>
  <d:propstat><d:prop><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><oc:fileid/><nc:upload_time/></d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
</d:multistatus>"#,
        );
        assert_eq!(entries.len(), 3);
        let scan = &entries[0];
        assert_eq!(scan.name(), "scan 2015.pdf");
        assert_eq!(scan.file_id, Some(4242));
        assert_eq!(
            scan.upload_time,
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
        );
        assert_eq!(
            scan.modified,
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_425_376_800))
        );
        assert_eq!(entries[1].upload_time, None, "0: unknown");
        assert_eq!((entries[2].upload_time, entries[2].file_id), (None, None));
    }
}
