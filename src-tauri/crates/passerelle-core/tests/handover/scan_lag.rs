//! A destination that lags like Nextcloud 29.0.6 after a server-side COPY (what the share copy
//! does), over files held in memory. The files are all there, but the server's file cache knows
//! a copied folder's children only once that folder has been listed alone (`Depth: 1`): the
//! COPY scans the top folder it wrote, shallow, and a `Depth: infinity` listing shows a folder
//! not scanned yet without its children, `oc:size` -1 (both seen on the lab's Nextcloud 29.0.6:
//! `View::copy` → `Updater::update`). A folder listed while its parent's own listing is still
//! running is answered 404: the race that once made a verification report a whole folder
//! missing although it was there.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use passerelle_core::handover::{Fetched, FileTarget, FileTree, TransferResult, UploadBody};
use passerelle_nextcloud::ErrorKind;
use passerelle_nextcloud::dav::RemotePath;
use passerelle_nextcloud::dav::files::{FileEntry, UploadOptions, UploadResult};

use super::memory::{MemoryFiles, err};

#[derive(Default)]
struct Lag {
    /// Folders whose children the cache does not know yet.
    unscanned: HashSet<RemotePath>,
    /// Folders being listed now.
    listing: HashSet<RemotePath>,
    /// Folders listed alone, in order.
    listed: Vec<String>,
    /// `Depth: infinity` listings.
    trees: u32,
    /// Listings that ran beside their parent's or child's.
    raced: Vec<String>,
}

/// The lagging destination (see the module's comment).
#[derive(Default)]
pub struct ScanLag {
    pub disk: MemoryFiles,
    lag: Mutex<Lag>,
}

impl ScanLag {
    fn lag(&self) -> std::sync::MutexGuard<'_, Lag> {
        self.lag.lock().unwrap()
    }

    /// What a server-side COPY of `top` leaves: `top` scanned, every folder below it not.
    pub fn copied_on_server(&self, top: &str) {
        let top = RemotePath::parse(top).unwrap();
        let below: Vec<RemotePath> = self
            .disk
            .tree(&top.to_string())
            .into_iter()
            .filter(|(_, (dir, _))| *dir)
            .map(|(rel, _)| RemotePath::parse(&format!("{top}/{rel}")).unwrap())
            .collect();
        let mut lag = self.lag();
        lag.unscanned.extend(below);
        lag.listed.clear();
        lag.trees = 0;
    }

    /// Folders listed alone since the last [`ScanLag::copied_on_server`].
    pub fn listed(&self) -> Vec<String> {
        self.lag().listed.clone()
    }

    pub fn trees(&self) -> u32 {
        self.lag().trees
    }

    pub fn raced(&self) -> Vec<String> {
        self.lag().raced.clone()
    }

    /// A folder the cache does not know yet shows no size.
    fn as_cached(&self, mut e: FileEntry) -> FileEntry {
        if e.is_dir && self.lag().unscanned.contains(&e.path) {
            e.size = None;
        }
        e
    }
}

impl FileTree for ScanLag {
    async fn list(&self, path: &RemotePath) -> TransferResult<Vec<FileEntry>> {
        {
            let mut lag = self.lag();
            let parent_busy = path.parent().is_some_and(|p| lag.listing.contains(&p));
            let child_busy = lag
                .listing
                .iter()
                .any(|l| l.parent().as_ref() == Some(path));
            if parent_busy || child_busy {
                lag.raced.push(path.to_string());
            }
            if parent_busy {
                return Err(err(ErrorKind::NotFound, 404));
            }
            lag.listing.insert(path.clone());
            lag.listed.push(path.to_string());
        }
        // Long enough for listings started together to overlap.
        tokio::time::sleep(Duration::from_millis(5)).await;
        let r = self.disk.list(path).await;
        {
            let mut lag = self.lag();
            lag.listing.remove(path);
            if r.is_ok() {
                lag.unscanned.remove(path);
            }
        }
        Ok(r?.into_iter().map(|e| self.as_cached(e)).collect())
    }

    async fn list_tree(&self, path: &RemotePath) -> TransferResult<Option<Vec<FileEntry>>> {
        self.lag().trees += 1;
        let mut out = Vec::new();
        let mut todo = vec![path.clone()];
        while let Some(folder) = todo.pop() {
            if self.lag().unscanned.contains(&folder) {
                continue;
            }
            for e in self.disk.list(&folder).await? {
                if e.is_dir {
                    todo.push(e.path.clone());
                }
                out.push(self.as_cached(e));
            }
        }
        out.sort_by_key(|e| e.path.segments().len());
        Ok(Some(out))
    }

    async fn stat(&self, path: &RemotePath) -> TransferResult<FileEntry> {
        self.disk.stat(path).await
    }

    async fn download(&self, path: &RemotePath) -> TransferResult<Fetched> {
        self.disk.download(path).await
    }
}

impl FileTarget for ScanLag {
    async fn available_bytes(&self) -> TransferResult<Option<u64>> {
        self.disk.available_bytes().await
    }

    async fn create_folder(&self, path: &RemotePath) -> TransferResult<()> {
        self.disk.create_folder(path).await
    }

    async fn upload(
        &self,
        path: &RemotePath,
        body: UploadBody,
        length: u64,
        options: UploadOptions,
    ) -> TransferResult<UploadResult> {
        self.disk.upload(path, body, length, options).await
    }
}
