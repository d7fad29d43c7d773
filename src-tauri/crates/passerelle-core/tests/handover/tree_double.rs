//! A Nextcloud-shaped WebDAV double that generates a big tree on the fly (nothing stored):
//! PROPFIND Depth 0, 1 and infinity on `/remote.php/dav/files/<user>/…`, answered in the
//! shape Nextcloud 29.0.6 uses (namespaces, props, the 404 propstat of what a folder lacks —
//! `shared/nextcloud-captures/ownershiptransfer-files-propfind-bob-transferred-folder`).
//!
//! The source member `alice` holds `folders` folders of `subfolders` folders of `files` files
//! of `file_size` bytes each; the recipient `bob` has an empty account. Optionally a folder
//! `Partagé` shared with alice (mount type `shared`, with two files inside), and a server that
//! refuses `Depth: infinity` (403, as Sabre does when it is disabled).
//!
//! Used by the plan tests (the tree listing must plan exactly what the walk plans) and by the
//! ignored 100,000-entry plan benchmark: 100,000 files cannot reasonably be put into the real
//! Nextcloud of the lab (a 2-core machine), so the big plan runs against this double.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'?')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'&');

/// The tree's shape.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub folders: usize,
    pub subfolders: usize,
    pub files: usize,
    pub file_size: u64,
    /// A folder shared with alice at the root (excluded from plans with what is inside).
    pub shared: bool,
    /// Refuse `Depth: infinity` (403).
    pub refuse_infinity: bool,
}

impl Shape {
    /// Entries below the root (folders and files).
    pub fn entries(&self) -> usize {
        self.folders * (1 + self.subfolders * (1 + self.files))
    }
}

/// Requests answered, by depth.
#[derive(Debug, Default)]
pub struct Counts {
    pub depth0: AtomicU64,
    pub depth1: AtomicU64,
    pub infinity: AtomicU64,
}

struct Tree {
    shape: Shape,
    counts: Arc<Counts>,
}

enum Node {
    Root,
    Folder(usize),
    Sub(usize, usize),
    File(usize, usize, usize),
    Shared,
    SharedFile(usize),
}

fn folder_name(i: usize) -> String {
    format!("Dossier {i:03}")
}

fn sub_name(j: usize) -> String {
    format!("Sous-dossier {j:02}")
}

fn file_name(k: usize) -> String {
    format!("fichier {k:03}.pdf")
}

impl Tree {
    fn find(&self, segments: &[String]) -> Option<Node> {
        let s = &self.shape;
        let index = |name: &str, prefix: &str, n: usize| {
            name.strip_prefix(prefix)
                .and_then(|r| r.strip_suffix(".pdf").unwrap_or(r).parse::<usize>().ok())
                .filter(|i| *i < n)
        };
        match segments {
            [] => Some(Node::Root),
            [a] if s.shared && a == "Partagé" => Some(Node::Shared),
            [a, b] if s.shared && a == "Partagé" => index(b, "fichier ", 2).map(Node::SharedFile),
            [a] => index(a, "Dossier ", s.folders).map(Node::Folder),
            [a, b] => Some(Node::Sub(
                index(a, "Dossier ", s.folders)?,
                index(b, "Sous-dossier ", s.subfolders)?,
            )),
            [a, b, c] => Some(Node::File(
                index(a, "Dossier ", s.folders)?,
                index(b, "Sous-dossier ", s.subfolders)?,
                index(c, "fichier ", s.files)?,
            )),
            _ => None,
        }
    }

    fn children(&self, node: &Node) -> Vec<(String, Node)> {
        let s = &self.shape;
        match *node {
            Node::Root => {
                let mut out: Vec<(String, Node)> = (0..s.folders)
                    .map(|i| (folder_name(i), Node::Folder(i)))
                    .collect();
                if s.shared {
                    out.push(("Partagé".into(), Node::Shared));
                }
                out
            }
            Node::Folder(i) => (0..s.subfolders)
                .map(|j| (sub_name(j), Node::Sub(i, j)))
                .collect(),
            Node::Sub(i, j) => (0..s.files)
                .map(|k| (file_name(k), Node::File(i, j, k)))
                .collect(),
            Node::Shared => (0..2)
                .map(|k| (file_name(k), Node::SharedFile(k)))
                .collect(),
            Node::File(..) | Node::SharedFile(_) => Vec::new(),
        }
    }

    fn size(&self, node: &Node) -> u64 {
        let s = &self.shape;
        let sub = s.files as u64 * s.file_size;
        match node {
            Node::Root => s.folders as u64 * s.subfolders as u64 * sub,
            Node::Folder(_) => s.subfolders as u64 * sub,
            Node::Sub(..) => sub,
            Node::File(..) | Node::SharedFile(_) => s.file_size,
            Node::Shared => 2 * s.file_size,
        }
    }

    fn write(&self, out: &mut String, href: &str, node: &Node, id: u64) {
        let dir = !matches!(node, Node::File(..) | Node::SharedFile(_));
        let shared = matches!(node, Node::Shared | Node::SharedFile(_));
        let (owner, mount, perms) = if shared {
            ("carol", "shared", if dir { "SRGDNVCK" } else { "SRGDNVW" })
        } else {
            ("alice", "", if dir { "RGDNVCK" } else { "RGDNVW" })
        };
        let size = self.size(node);
        let _ = write!(
            out,
            "<d:response><d:href>{href}</d:href><d:propstat><d:prop>\
             <d:getlastmodified>Sat, 21 Nov 2026 06:37:04 GMT</d:getlastmodified>\
             <d:getetag>&quot;{id:013x}&quot;</d:getetag>"
        );
        if dir {
            out.push_str("<d:resourcetype><d:collection/></d:resourcetype>");
        } else {
            let _ = write!(
                out,
                "<d:getcontenttype>application/pdf</d:getcontenttype><d:resourcetype/>\
                 <d:getcontentlength>{size}</d:getcontentlength>"
            );
        }
        let _ = write!(
            out,
            "<oc:fileid>{id}</oc:fileid><oc:size>{size}</oc:size>\
             <oc:permissions>{perms}</oc:permissions><oc:share-types/>\
             <oc:owner-id>{owner}</oc:owner-id><oc:owner-display-name>{owner}\
             </oc:owner-display-name><nc:has-preview>false</nc:has-preview>\
             <nc:mount-type>{mount}</nc:mount-type>"
        );
        if !dir {
            let _ = write!(
                out,
                "<oc:checksums><oc:checksum>SHA1:{id:040x} MD5:{id:032x}</oc:checksum>\
                 </oc:checksums>"
            );
        }
        out.push_str("</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
    }

    /// The same id whatever the request (a file id, also its made-up checksum).
    fn id(&self, node: &Node) -> u64 {
        let s = &self.shape;
        let (i, j, k) = match *node {
            Node::Root => return 1,
            Node::Shared => return 2,
            Node::SharedFile(k) => return 3 + k as u64,
            Node::Folder(i) => (i, 0, 0),
            Node::Sub(i, j) => (i, j + 1, 0),
            Node::File(i, j, k) => (i, j + 1, k + 1),
        };
        10 + ((i * (s.subfolders + 1) + j) * (s.files + 1) + k) as u64
    }

    fn walk(&self, out: &mut String, href: &str, node: &Node, depth: u32) {
        self.write(out, href, node, self.id(node));
        if depth == 0 {
            return;
        }
        for (name, child) in self.children(node) {
            let dir = !matches!(child, Node::File(..) | Node::SharedFile(_));
            let slash = if dir { "/" } else { "" };
            let child_href = format!("{href}{}{slash}", utf8_percent_encode(&name, SEGMENT));
            self.walk(out, &child_href, &child, depth - 1);
        }
    }
}

impl Respond for Tree {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path = request.url.path();
        let Some(rest) = path.strip_prefix("/remote.php/dav/files/") else {
            return ResponseTemplate::new(404);
        };
        let (user, rest) = rest.split_once('/').unwrap_or((rest, ""));
        let segments: Vec<String> = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let depth = request
            .headers
            .get("depth")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("infinity");
        let depth = match depth {
            "0" => {
                self.counts.depth0.fetch_add(1, Ordering::Relaxed);
                0
            }
            "1" => {
                self.counts.depth1.fetch_add(1, Ordering::Relaxed);
                1
            }
            _ if self.shape.refuse_infinity => return ResponseTemplate::new(403),
            _ => {
                self.counts.infinity.fetch_add(1, Ordering::Relaxed);
                u32::MAX
            }
        };
        let node = match user {
            "alice" => self.find(&segments),
            // The recipient: an empty account (its root below).
            _ => None,
        };
        let mut out = String::from(
            "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" \
             xmlns:s=\"http://sabredav.org/ns\" xmlns:oc=\"http://owncloud.org/ns\" \
             xmlns:nc=\"http://nextcloud.org/ns\">",
        );
        match node {
            Some(node) => {
                let href = if matches!(node, Node::File(..) | Node::SharedFile(_)) {
                    path.trim_end_matches('/').to_owned()
                } else {
                    format!("{}/", path.trim_end_matches('/'))
                };
                self.walk(&mut out, &href, &node, depth);
            }
            None if user == "bob" && segments.is_empty() => {
                let _ = write!(
                    out,
                    "<d:response><d:href>/remote.php/dav/files/bob/</d:href><d:propstat>\
                     <d:prop><d:resourcetype><d:collection/></d:resourcetype>\
                     <d:quota-available-bytes>-3</d:quota-available-bytes>\
                     <oc:size>0</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status>\
                     </d:propstat></d:response>"
                );
            }
            None => return ResponseTemplate::new(404),
        }
        out.push_str("</d:multistatus>");
        ResponseTemplate::new(207).set_body_raw(out, "application/xml; charset=utf-8")
    }
}

/// Starts the double; returns it with its request counts.
pub async fn start(shape: Shape) -> (MockServer, Arc<Counts>) {
    let server = MockServer::start().await;
    let counts = Arc::new(Counts::default());
    Mock::given(method("PROPFIND"))
        .respond_with(Tree {
            shape,
            counts: counts.clone(),
        })
        .mount(&server)
        .await;
    (server, counts)
}
