//! In-memory sides for the hand-over engine's scenario tests: files and collections held in
//! maps, every operation counted, and faults injected by rule — "fail `times` times after
//! `after` successes" of one operation on matching paths (kitchen-fridge's style).

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures_util::stream;
use passerelle_core::handover::{
    CollectionMeta, CollectionSource, CollectionTarget, Fetched, FileSource, FileTarget, FileTree,
    TransferError, TransferResult, UploadBody,
};
use passerelle_nextcloud::ErrorKind;
use passerelle_nextcloud::dav::caldav::Ownership;
use passerelle_nextcloud::dav::files::{FileEntry, UploadOptions, UploadResult};
use passerelle_nextcloud::dav::{DavObject, RemotePath, extract_uid};
use url::Url;

/// The operations faults can target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    List,
    Stat,
    Download,
    /// The download starts, then breaks after the first chunk.
    DownloadBody,
    Upload,
    CreateFolder,
    Collections,
    Objects,
    CreateCollection,
    Put,
}

/// "Fail `times` times after `after` successes" of `op` on paths containing `path`.
#[derive(Debug, Clone)]
pub struct Fault {
    pub op: Op,
    pub path: String,
    pub after: u32,
    pub times: u32,
    pub error: TransferError,
    seen: u32,
}

impl Fault {
    pub fn new(op: Op, path: &str, after: u32, times: u32, error: TransferError) -> Self {
        Fault {
            op,
            path: path.to_owned(),
            after,
            times,
            error,
            seen: 0,
        }
    }
}

/// Shorthand for an error of `kind` with `status`.
pub fn err(kind: ErrorKind, status: u16) -> TransferError {
    TransferError::new(kind).with_status(status)
}

#[derive(Default)]
struct Faults {
    rules: Vec<Fault>,
    calls: HashMap<(Op, String), u32>,
}

impl Faults {
    fn check(&mut self, op: Op, path: &str) -> TransferResult<()> {
        *self.calls.entry((op, path.to_owned())).or_default() += 1;
        for rule in &mut self.rules {
            if rule.op != op || !path.contains(&rule.path) {
                continue;
            }
            let n = rule.seen;
            rule.seen += 1;
            if n >= rule.after && n < rule.after + rule.times {
                return Err(rule.error.clone());
            }
        }
        Ok(())
    }
}

/// A file or folder in memory.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub dir: bool,
    pub data: Vec<u8>,
    pub mtime: Option<i64>,
    pub mount_type: Option<String>,
    pub permissions: Option<String>,
    pub checksum: Option<String>,
    pub encrypted: bool,
    pub locked_by: Option<String>,
}

#[derive(Default)]
struct FilesState {
    nodes: BTreeMap<RemotePath, Node>,
    faults: Faults,
    available: Option<u64>,
    /// Extra entries a listing returns as they are (to test hostile listings).
    injected: Vec<(RemotePath, FileEntry)>,
}

/// Files in memory (a source or a target).
#[derive(Default)]
pub struct MemoryFiles {
    state: Mutex<FilesState>,
}

fn entry(path: &RemotePath, node: &Node) -> FileEntry {
    FileEntry {
        path: path.clone(),
        is_dir: node.dir,
        size: Some(node.data.len() as u64),
        etag: Some(format!("e{}", node.data.len())),
        modified: node
            .mtime
            .map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s as u64)),
        upload_time: None,
        content_type: None,
        file_id: None,
        permissions: node.permissions.clone(),
        checksums: node.checksum.iter().cloned().collect(),
        share_types: Vec::new(),
        owner_id: None,
        owner_display_name: None,
        mount_type: node.mount_type.clone(),
        quota_available: None,
        quota_used: None,
        encrypted: node.encrypted,
        locked_by: node.locked_by.clone(),
    }
}

fn p(path: &str) -> RemotePath {
    RemotePath::parse(path).unwrap()
}

impl MemoryFiles {
    fn lock(&self) -> std::sync::MutexGuard<'_, FilesState> {
        self.state.lock().unwrap()
    }

    /// Adds a folder (and its parents).
    pub fn folder(&self, path: &str) -> &Self {
        let mut st = self.lock();
        let mut cur = p(path);
        loop {
            st.nodes.entry(cur.clone()).or_insert(Node {
                dir: true,
                ..Default::default()
            });
            match cur.parent() {
                Some(parent) if !parent.is_root() => cur = parent,
                _ => break,
            }
        }
        self
    }

    /// Adds a file (and its parent folders).
    pub fn file(&self, path: &str, data: &[u8]) -> &Self {
        self.node(
            path,
            Node {
                data: data.to_vec(),
                mtime: Some(1_600_000_000),
                ..Default::default()
            },
        )
    }

    /// Adds any node.
    pub fn node(&self, path: &str, node: Node) -> &Self {
        let path = p(path);
        if let Some(parent) = path.parent().filter(|p| !p.is_root()) {
            self.folder(&parent.to_string());
        }
        self.lock().nodes.insert(path, node);
        self
    }

    /// Removes a file or a folder with everything below it.
    pub fn remove(&self, path: &str) {
        let path = p(path);
        self.lock()
            .nodes
            .retain(|k, _| !k.segments().starts_with(path.segments()));
    }

    /// A listing entry returned as is by `list(parent)`.
    pub fn inject(&self, parent: &str, entry: FileEntry) {
        self.lock().injected.push((p(parent), entry));
    }

    pub fn fault(&self, f: Fault) {
        self.lock().faults.rules.push(f);
    }

    pub fn clear_faults(&self) {
        self.lock().faults.rules.clear();
    }

    pub fn set_available(&self, bytes: Option<u64>) {
        self.lock().available = bytes;
    }

    /// Calls of `op` on exactly `path`.
    pub fn calls(&self, op: Op, path: &str) -> u32 {
        self.lock()
            .faults
            .calls
            .get(&(op, path.to_owned()))
            .copied()
            .unwrap_or(0)
    }

    /// Total calls of `op`.
    pub fn total_calls(&self, op: Op) -> u32 {
        self.lock()
            .faults
            .calls
            .iter()
            .filter(|((o, _), _)| *o == op)
            .map(|(_, n)| *n)
            .sum()
    }

    /// `path → (is_dir, data)` below `root` (paths relative to it).
    pub fn tree(&self, root: &str) -> BTreeMap<String, (bool, Vec<u8>)> {
        let root = p(root);
        self.lock()
            .nodes
            .iter()
            .filter(|(k, _)| k.segments().starts_with(root.segments()) && **k != root)
            .map(|(k, n)| {
                let rel = k.segments()[root.segments().len()..].join("/");
                (rel, (n.dir, n.data.clone()))
            })
            .collect()
    }

    fn do_list(&self, path: &RemotePath) -> TransferResult<Vec<FileEntry>> {
        let mut st = self.lock();
        st.faults.check(Op::List, &path.to_string())?;
        if !path.is_root() && !st.nodes.get(path).is_some_and(|n| n.dir) {
            return Err(err(ErrorKind::NotFound, 404));
        }
        let mut out: Vec<FileEntry> = st
            .nodes
            .iter()
            .filter(|(k, _)| k.parent().as_ref() == Some(path))
            .map(|(k, n)| entry(k, n))
            .collect();
        out.extend(
            st.injected
                .iter()
                .filter(|(parent, _)| parent == path)
                .map(|(_, e)| e.clone()),
        );
        Ok(out)
    }

    fn do_stat(&self, path: &RemotePath) -> TransferResult<FileEntry> {
        let mut st = self.lock();
        st.faults.check(Op::Stat, &path.to_string())?;
        if path.is_root() {
            return Ok(entry(
                path,
                &Node {
                    dir: true,
                    ..Default::default()
                },
            ));
        }
        st.nodes
            .get(path)
            .map(|n| entry(path, n))
            .ok_or_else(|| err(ErrorKind::NotFound, 404))
    }

    fn do_download(&self, path: &RemotePath) -> TransferResult<Fetched> {
        let mut st = self.lock();
        st.faults.check(Op::Download, &path.to_string())?;
        let data = match st.nodes.get(path) {
            Some(n) if !n.dir => n.data.clone(),
            _ => return Err(err(ErrorKind::NotFound, 404)),
        };
        let broken = st.faults.check(Op::DownloadBody, &path.to_string()).err();
        let mut chunks: Vec<TransferResult<Bytes>> = data
            .chunks(1000)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        if let Some(e) = broken {
            chunks.truncate(1);
            chunks.push(Err(e));
        }
        Ok(Fetched {
            length: Some(data.len() as u64),
            stream: Box::pin(stream::iter(chunks)),
        })
    }
}

impl FileTree for MemoryFiles {
    async fn list(&self, path: &RemotePath) -> TransferResult<Vec<FileEntry>> {
        self.do_list(path)
    }

    async fn stat(&self, path: &RemotePath) -> TransferResult<FileEntry> {
        self.do_stat(path)
    }

    async fn download(&self, path: &RemotePath) -> TransferResult<Fetched> {
        self.do_download(path)
    }
}

impl FileSource for MemoryFiles {}

impl FileTarget for MemoryFiles {
    async fn available_bytes(&self) -> TransferResult<Option<u64>> {
        Ok(self.lock().available)
    }

    async fn create_folder(&self, path: &RemotePath) -> TransferResult<()> {
        let mut st = self.lock();
        st.faults.check(Op::CreateFolder, &path.to_string())?;
        if let Some(parent) = path.parent().filter(|p| !p.is_root())
            && !st.nodes.get(&parent).is_some_and(|n| n.dir)
        {
            return Err(err(ErrorKind::Conflict, 409));
        }
        match st.nodes.get(path) {
            Some(n) if n.dir => Ok(()),
            Some(_) => Err(err(ErrorKind::Conflict, 409)),
            None => {
                st.nodes.insert(
                    path.clone(),
                    Node {
                        dir: true,
                        ..Default::default()
                    },
                );
                Ok(())
            }
        }
    }

    async fn upload(
        &self,
        path: &RemotePath,
        body: UploadBody,
        length: u64,
        options: UploadOptions,
    ) -> TransferResult<UploadResult> {
        use futures_util::StreamExt;
        self.lock().faults.check(Op::Upload, &path.to_string())?;
        let mut data = Vec::new();
        let mut body = body;
        while let Some(chunk) = body.next().await {
            let chunk = chunk
                .map_err(|e| TransferError::new(ErrorKind::Offline).with_message(e.to_string()))?;
            data.extend_from_slice(&chunk);
        }
        if data.len() as u64 != length {
            return Err(TransferError::new(ErrorKind::Rejected).with_message("length"));
        }
        let mut st = self.lock();
        if let Some(parent) = path.parent().filter(|p| !p.is_root())
            && !st.nodes.get(&parent).is_some_and(|n| n.dir)
        {
            return Err(err(ErrorKind::Conflict, 409));
        }
        st.nodes.insert(
            path.clone(),
            Node {
                data,
                mtime: options.mtime,
                ..Default::default()
            },
        );
        Ok(UploadResult {
            etag: Some("new".into()),
            oc_file_id: None,
            mtime_accepted: options.mtime.is_some(),
        })
    }
}

#[derive(Default)]
struct CollState {
    colls: BTreeMap<String, (CollectionMeta, BTreeMap<String, String>)>,
    faults: Faults,
}

/// Calendars or address books in memory.
#[derive(Default)]
pub struct MemoryCollections {
    state: Mutex<CollState>,
}

pub fn meta(uri: &str, name: &str) -> CollectionMeta {
    CollectionMeta {
        uri: uri.to_owned(),
        display_name: Some(name.to_owned()),
        color: Some("#0082C9".to_owned()),
        description: None,
        components: vec!["VEVENT".to_owned()],
        ownership: Ownership::Owned,
        is_birthday: false,
    }
}

pub fn event(uid: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

impl MemoryCollections {
    fn lock(&self) -> std::sync::MutexGuard<'_, CollState> {
        self.state.lock().unwrap()
    }

    pub fn collection(&self, meta: CollectionMeta) -> &Self {
        self.lock()
            .colls
            .insert(meta.uri.clone(), (meta, BTreeMap::new()));
        self
    }

    pub fn object(&self, uri: &str, name: &str, data: &str) -> &Self {
        self.lock()
            .colls
            .get_mut(uri)
            .unwrap()
            .1
            .insert(name.to_owned(), data.to_owned());
        self
    }

    pub fn fault(&self, f: Fault) {
        self.lock().faults.rules.push(f);
    }

    pub fn clear_faults(&self) {
        self.lock().faults.rules.clear();
    }

    pub fn meta_of(&self, uri: &str) -> Option<CollectionMeta> {
        self.lock().colls.get(uri).map(|c| c.0.clone())
    }

    /// UIDs (or names) of a collection's objects, with repetitions.
    pub fn uids(&self, uri: &str) -> Vec<String> {
        let st = self.lock();
        let mut out: Vec<String> = st
            .colls
            .get(uri)
            .map(|c| {
                c.1.iter()
                    .map(|(n, d)| extract_uid(d).unwrap_or_else(|| n.clone()))
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    fn list_objects(&self, uri: &str) -> TransferResult<Vec<DavObject>> {
        let mut st = self.lock();
        st.faults.check(Op::Objects, uri)?;
        let (_, objects) = st
            .colls
            .get(uri)
            .ok_or_else(|| err(ErrorKind::NotFound, 404))?;
        Ok(objects
            .iter()
            .map(|(name, data)| DavObject {
                url: Url::parse(&format!("http://memory.invalid/{uri}/{name}")).unwrap(),
                name: name.clone(),
                etag: None,
                uid: extract_uid(data),
                data: Some(data.clone()),
            })
            .collect())
    }

    fn list(&self) -> TransferResult<Vec<CollectionMeta>> {
        let mut st = self.lock();
        st.faults.check(Op::Collections, "")?;
        Ok(st.colls.values().map(|c| c.0.clone()).collect())
    }
}

impl CollectionSource for MemoryCollections {
    async fn collections(&self) -> TransferResult<Vec<CollectionMeta>> {
        self.list()
    }

    async fn objects(&self, uri: &str) -> TransferResult<Vec<DavObject>> {
        self.list_objects(uri)
    }
}

impl CollectionTarget for MemoryCollections {
    async fn collections(&self) -> TransferResult<Vec<CollectionMeta>> {
        self.list()
    }

    async fn objects(&self, uri: &str) -> TransferResult<Vec<DavObject>> {
        self.list_objects(uri)
    }

    async fn create_collection(&self, uri: &str, meta: &CollectionMeta) -> TransferResult<()> {
        let mut st = self.lock();
        st.faults.check(Op::CreateCollection, uri)?;
        if st.colls.contains_key(uri) {
            return Err(err(ErrorKind::NotAllowed, 405));
        }
        let mut m = meta.clone();
        m.uri = uri.to_owned();
        st.colls.insert(uri.to_owned(), (m, BTreeMap::new()));
        Ok(())
    }

    async fn put_new(
        &self,
        uri: &str,
        name: &str,
        uid: Option<&str>,
        data: &str,
    ) -> TransferResult<()> {
        let mut st = self.lock();
        st.faults.check(Op::Put, &format!("{uri}/{name}"))?;
        let (_, objects) = st
            .colls
            .get_mut(uri)
            .ok_or_else(|| err(ErrorKind::NotFound, 404))?;
        let clash = match uid {
            Some(uid) => objects
                .values()
                .any(|d| extract_uid(d).as_deref() == Some(uid)),
            None => objects.contains_key(name),
        };
        if clash {
            return Err(err(ErrorKind::Conflict, 412));
        }
        objects.insert(name.to_owned(), data.to_owned());
        Ok(())
    }

    async fn find_uid(&self, uri: &str, uid: &str) -> TransferResult<Option<DavObject>> {
        Ok(self
            .list_objects(uri)?
            .into_iter()
            .find(|o| o.uid.as_deref() == Some(uid)))
    }
}
