//! Where tours come from: the bundled ones (embedded from `passerelle-core/tours/` and the
//! repository's `locales/`) and tour packs (a folder or a `.zip`: `pack.toml`, `tours/<id>/…`,
//! `locales/<lang>/*.ftl`). Every source is first read into memory as a [`FileSet`] (zip
//! entries that would escape the pack, or are too big, refuse the pack), then checked the same
//! way. The [`Catalog`] merges them: a pack's tour replaces a bundled one of the same id only
//! with a higher `version`. A broken tour never stops the others: it is listed with its
//! problems.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Component, Path};
use std::sync::{Arc, LazyLock};

use include_dir::{Dir, include_dir};

use super::format::{PackInfo, Tour};
use super::types::{BrokenTour, TourOrigin, TourProblem};
use super::validate::{self, MessageIndex, Resources};
use crate::CoreError;
use crate::i18n::{self, Language};
use crate::tours::error::TourError;

/// The bundled tours, embedded at build time.
static BUNDLED_TOURS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/tours");

/// Largest file accepted in a pack.
pub const MAX_PACK_FILE: u64 = 8 * 1024 * 1024;
/// Largest pack (all files together).
pub const MAX_PACK_TOTAL: u64 = 64 * 1024 * 1024;
/// Most files in a pack.
pub const MAX_PACK_FILES: usize = 2000;

/// The files of a source, by relative path with `/` separators.
#[derive(Debug, Clone, Default)]
pub struct FileSet {
    /// Shown in problems and reports (a path, or `bundled`).
    pub label: String,
    /// `tours/files/tour.toml` → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl FileSet {
    /// The bundled tours and every embedded locale file.
    pub fn bundled() -> FileSet {
        let mut files = BTreeMap::new();
        add_dir(&BUNDLED_TOURS, "tours", &mut files);
        for lang in Language::ALL {
            for (path, text) in i18n::ftl_sources(lang) {
                files.insert(format!("locales/{path}"), text.as_bytes().to_vec());
            }
        }
        FileSet {
            label: "bundled".into(),
            files,
        }
    }

    /// A pack folder or `.zip` file.
    pub fn read(path: &Path) -> Result<FileSet, CoreError> {
        let meta = std::fs::metadata(path).map_err(|e| unreadable(path, e.to_string()))?;
        let mut set = if meta.is_dir() {
            read_folder(path)?
        } else {
            read_zip(path)?
        };
        set.strip_wrapping_folder();
        Ok(set)
    }

    /// A zip of `mypack/` holds `mypack/pack.toml`: read it as if it were at the root.
    fn strip_wrapping_folder(&mut self) {
        if self.files.contains_key("pack.toml") {
            return;
        }
        let tops: BTreeSet<&str> = self
            .files
            .keys()
            .filter_map(|k| k.split_once('/').map(|(top, _)| top))
            .collect();
        let loose = self.files.keys().any(|k| !k.contains('/'));
        if let (1, false) = (tops.len(), loose) {
            let top = format!("{}/", tops.into_iter().next().unwrap_or_default());
            if self.files.contains_key(&format!("{top}pack.toml")) {
                self.files = std::mem::take(&mut self.files)
                    .into_iter()
                    .map(|(k, v)| (k[top.len()..].to_owned(), v))
                    .collect();
            }
        }
    }

    fn text(&self, path: &str) -> Option<Result<&str, ()>> {
        self.files
            .get(path)
            .map(|b| std::str::from_utf8(b).map_err(|_| ()))
    }

    /// FTL files per language: `(path, text)`.
    fn ftl(&self) -> HashMap<Language, Vec<(String, String)>> {
        let mut out: HashMap<Language, Vec<(String, String)>> = HashMap::new();
        for (path, bytes) in &self.files {
            let mut parts = path.split('/');
            if parts.next() != Some("locales") || !path.ends_with(".ftl") {
                continue;
            }
            let Some(lang) = parts.next().and_then(Language::from_tag) else {
                continue;
            };
            out.entry(lang)
                .or_default()
                .push((path.clone(), String::from_utf8_lossy(bytes).into_owned()));
        }
        out
    }
}

fn add_dir(dir: &Dir<'_>, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        files.insert(format!("{prefix}/{rel}"), file.contents().to_vec());
    }
    for sub in dir.dirs() {
        add_dir(sub, prefix, files);
    }
}

fn unreadable(path: &Path, reason: impl Into<String>) -> CoreError {
    CoreError::Tour(TourError::PackUnreadable {
        path: path.to_owned(),
        reason: reason.into(),
    })
}

fn unsafe_pack(path: &Path, entry: &str, reason: &str) -> CoreError {
    CoreError::Tour(TourError::PackUnsafe {
        path: path.to_owned(),
        entry: entry.to_owned(),
        reason: reason.to_owned(),
    })
}

/// Adds one file, enforcing the pack limits.
fn admit(
    pack: &Path,
    files: &mut BTreeMap<String, Vec<u8>>,
    total: &mut u64,
    name: String,
    data: Vec<u8>,
) -> Result<(), CoreError> {
    if data.len() as u64 > MAX_PACK_FILE {
        return Err(unsafe_pack(pack, &name, "file too big"));
    }
    *total += data.len() as u64;
    if *total > MAX_PACK_TOTAL {
        return Err(unsafe_pack(pack, &name, "pack too big"));
    }
    if files.len() >= MAX_PACK_FILES {
        return Err(unsafe_pack(pack, &name, "too many files"));
    }
    files.insert(name, data);
    Ok(())
}

fn read_folder(root: &Path) -> Result<FileSet, CoreError> {
    let mut files = BTreeMap::new();
    let mut total = 0;
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| unreadable(&dir, e.to_string()))?;
        for entry in entries {
            let entry = entry.map_err(|e| unreadable(&dir, e.to_string()))?;
            // Symbolic links are not followed: a pack only holds its own files.
            let kind = entry
                .file_type()
                .map_err(|e| unreadable(&dir, e.to_string()))?;
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(root)
                    .map_err(|_| unreadable(&path, "outside the pack"))?
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                if size > MAX_PACK_FILE {
                    return Err(unsafe_pack(root, &rel, "file too big"));
                }
                let data = std::fs::read(&path).map_err(|e| unreadable(&path, e.to_string()))?;
                admit(root, &mut files, &mut total, rel, data)?;
            }
        }
    }
    Ok(FileSet {
        label: root.display().to_string(),
        files,
    })
}

/// Whether a zip entry name stays inside the pack: relative, no `..`, no drive or root.
fn is_safe_entry(name: &str) -> bool {
    // `C:` drive prefixes (and any colon) are refused too: they mean something on Windows.
    if name.starts_with('/') || name.starts_with('\\') || name.contains(['\0', ':']) {
        return false;
    }
    Path::new(&name.replace('\\', "/"))
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && !name.split(['/', '\\']).any(|part| part == "..")
}

fn read_zip(path: &Path) -> Result<FileSet, CoreError> {
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, e.to_string()))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| unreadable(path, format!("not a zip file: {e}")))?;
    if archive.len() > MAX_PACK_FILES {
        return Err(unsafe_pack(path, "", "too many files"));
    }
    let mut files = BTreeMap::new();
    let mut total = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| unreadable(path, e.to_string()))?;
        let name = entry
            .name()
            .map_err(|e| unreadable(path, format!("entry {i}: {e}")))?
            .into_owned();
        if !is_safe_entry(&name) || entry.enclosed_name().is_none() {
            return Err(unsafe_pack(
                path,
                &name,
                "the entry would be written outside the pack",
            ));
        }
        if entry.is_symlink() {
            return Err(unsafe_pack(path, &name, "symbolic links are not allowed"));
        }
        if entry.is_dir() {
            continue;
        }
        if entry.size() > MAX_PACK_FILE {
            return Err(unsafe_pack(path, &name, "file too big"));
        }
        // The declared size may lie: never read more than the limit.
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_PACK_FILE + 1)
            .read_to_end(&mut data)
            .map_err(|e| unreadable(path, format!("{name}: {e}")))?;
        let clean = name.replace('\\', "/").trim_start_matches("./").to_owned();
        admit(path, &mut files, &mut total, clean, data)?;
    }
    Ok(FileSet {
        label: path.display().to_string(),
        files,
    })
}

/// A tour ready to be offered, with where it comes from and its pictures.
#[derive(Debug, Clone)]
pub struct LoadedTour {
    /// The tour.
    pub tour: Tour,
    /// Bundled or pack.
    pub origin: TourOrigin,
    /// The pack's id (for packs).
    pub pack: Option<String>,
    /// Pictures by file name.
    pub pictures: BTreeMap<String, Arc<Vec<u8>>>,
    /// Line of `version = …` in its tour.toml (for "not a higher version" problems).
    pub version_line: Option<u32>,
}

/// What one source gave.
#[derive(Debug, Clone, Default)]
pub struct LoadedSource {
    /// Where it was read from.
    pub label: String,
    /// The pack's identity (`None` for bundled tours or a broken `pack.toml`).
    pub pack: Option<PackInfo>,
    /// Tours without problems.
    pub tours: Vec<Arc<LoadedTour>>,
    /// Tours (or the pack itself) with problems.
    pub broken: Vec<BrokenTour>,
    /// The pack's FTL per language (empty for bundled tours).
    pub ftl: HashMap<Language, String>,
}

impl LoadedSource {
    /// Every problem, in file and line order.
    pub fn problems(&self) -> Vec<TourProblem> {
        let mut all: Vec<TourProblem> = self
            .broken
            .iter()
            .flat_map(|b| b.problems.clone())
            .collect();
        all.sort();
        all
    }
}

/// Reads the tours of a file set. `pack` says whether it must be a pack (with `pack.toml`)
/// or is the bundled layout.
pub fn load(set: &FileSet, origin: TourOrigin) -> LoadedSource {
    let mut out = LoadedSource {
        label: set.label.clone(),
        ..Default::default()
    };
    // Messages: the source's own `locales/`, plus (for packs) everything Passerelle embeds,
    // so a pack may use bundled and `check-*` messages.
    let mut messages: MessageIndex = match origin {
        TourOrigin::Pack => Language::ALL
            .into_iter()
            .map(|l| (l, i18n::message_ids(l)))
            .collect(),
        TourOrigin::Bundled => MessageIndex::new(),
    };
    let mut source_problems = Vec::new();
    let ftl = set.ftl();
    for lang in Language::ALL {
        let Some(files) = ftl.get(&lang) else {
            continue;
        };
        let mut joined = String::new();
        for (file, text) in files {
            let (ids, problems) = validate::check_ftl(file, text);
            if origin == TourOrigin::Pack {
                source_problems.extend(problems);
                joined.push_str(&format!("# {file}\n{text}\n"));
            }
            messages.entry(lang).or_default().extend(ids);
        }
        if origin == TourOrigin::Pack {
            out.ftl.insert(lang, joined);
        }
    }
    if origin == TourOrigin::Pack {
        match set.text("pack.toml") {
            None => source_problems.push(TourProblem {
                file: "pack.toml".into(),
                line: None,
                message: "this is not a tour pack: pack.toml is missing".into(),
                fix: "add pack.toml with id, version and name at the top of the pack".into(),
            }),
            Some(Err(())) => source_problems.push(not_utf8("pack.toml")),
            Some(Ok(text)) => {
                let (info, problems) = validate::check_pack("pack.toml", text);
                out.pack = info;
                source_problems.extend(problems);
            }
        }
        // A message a tour.toml names is reported there, with its line; only the others here.
        let named = |id: &str| {
            let quoted = format!("\"{id}\"");
            set.files.iter().any(|(k, v)| {
                k.ends_with("/tour.toml") && String::from_utf8_lossy(v).contains(&quoted)
            })
        };
        source_problems.extend(
            validate::check_ftl_parity(&ftl)
                .into_iter()
                .filter(|p| !p.message.split('`').nth(1).is_some_and(named)),
        );
    }
    if !source_problems.is_empty() {
        source_problems.sort();
        out.broken.push(BrokenTour {
            source: set.label.clone(),
            problems: source_problems,
        });
    }

    let tour_files: Vec<&String> = set
        .files
        .keys()
        .filter(|k| {
            let parts: Vec<&str> = k.split('/').collect();
            parts.len() == 3 && parts[0] == "tours" && parts[2] == "tour.toml"
        })
        .collect();
    if origin == TourOrigin::Pack && tour_files.is_empty() && out.broken.is_empty() {
        out.broken.push(BrokenTour {
            source: set.label.clone(),
            problems: vec![TourProblem {
                file: "tours/".into(),
                line: None,
                message: "the pack has no tours".into(),
                fix: "add tours/<tour-id>/tour.toml".into(),
            }],
        });
    }
    for file in tour_files {
        let folder = file.split('/').nth(1).unwrap_or_default().to_owned();
        let source = match origin {
            TourOrigin::Bundled => folder.clone(),
            TourOrigin::Pack => format!("{}:{file}", set.label),
        };
        let prefix = format!("tours/{folder}/pictures/");
        let pictures: BTreeMap<String, Arc<Vec<u8>>> = set
            .files
            .iter()
            .filter_map(|(k, v)| {
                let name = k.strip_prefix(&prefix)?;
                (!name.contains('/')).then(|| (name.to_owned(), Arc::new(v.clone())))
            })
            .collect();
        let names: BTreeSet<String> = pictures.keys().cloned().collect();
        let ftl_file = |lang: Language, id: &str| match origin {
            TourOrigin::Bundled => format!("locales/{}/tours/{id}.ftl", lang.tag()),
            TourOrigin::Pack => format!("locales/{}/{id}.ftl (in the pack)", lang.tag()),
        };
        let res = Resources {
            messages: &messages,
            pictures: &names,
            ftl_file: &ftl_file,
        };
        let (tour, mut problems) = match set.text(file) {
            Some(Ok(text)) => validate::check_tour(file, text, &res),
            _ => (None, vec![not_utf8(file)]),
        };
        // Folder names are unique, so "id = folder" also makes tour ids unique in a source.
        if let Some(t) = tour.as_ref().filter(|t| t.id != folder) {
            let clash = set.files.contains_key(&format!("tours/{}/tour.toml", t.id));
            let also = if clash {
                format!(" and duplicates the id of tours/{}/", t.id)
            } else {
                String::new()
            };
            problems.push(TourProblem {
                file: file.clone(),
                line: set
                    .text(file)
                    .and_then(Result::ok)
                    .and_then(|text| key_line(text, "id")),
                message: format!(
                    "tour id `{}` differs from its folder `{folder}`{also}",
                    t.id
                ),
                fix: format!("set id = \"{folder}\", or rename the folder to the tour's id"),
            });
        }
        match tour {
            Some(tour) if problems.is_empty() => out.tours.push(Arc::new(LoadedTour {
                tour,
                origin,
                pack: out.pack.as_ref().map(|p| p.id.clone()),
                pictures,
                version_line: set
                    .text(file)
                    .and_then(Result::ok)
                    .and_then(|text| key_line(text, "version")),
            })),
            _ => {
                problems.sort();
                out.broken.push(BrokenTour { source, problems });
            }
        }
    }
    out
}

/// The line of a top-level `key = …` in a TOML text.
fn key_line(text: &str, key: &str) -> Option<u32> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i as u32 + 1)
}

fn not_utf8(file: &str) -> TourProblem {
    TourProblem {
        file: file.into(),
        line: None,
        message: "the file is not UTF-8 text".into(),
        fix: "save it as UTF-8".into(),
    }
}

static BUNDLED: LazyLock<LoadedSource> =
    LazyLock::new(|| load(&FileSet::bundled(), TourOrigin::Bundled));

/// The bundled tours, read once.
pub fn bundled() -> &'static LoadedSource {
    &BUNDLED
}

/// The bundled tours in the order a beginner takes them: find one's way first (`discover`),
/// then one's files, sharing them, the calendar and contacts, the sync client, security. Tours
/// not listed (from packs) come after these, by id; the admins' tours come last in any case.
pub const BEGINNER_PATH: &[&str] = &[
    "discover", "files", "sharing", "calendar", "contacts", "sync", "security",
];

/// Where a tour sits in the list on offer.
fn offer_key(tour: &Tour) -> (super::types::Audience, usize, &str) {
    let step = BEGINNER_PATH
        .iter()
        .position(|id| *id == tour.id)
        .unwrap_or(BEGINNER_PATH.len());
    (tour.audience, step, tour.id.as_str())
}

/// The tours on offer: bundled ones and loaded packs, merged. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Catalog {
    bundled: LoadedSource,
    packs: Vec<LoadedSource>,
    tours: Vec<Arc<LoadedTour>>,
    rejected: Vec<BrokenTour>,
}

impl Default for Catalog {
    fn default() -> Self {
        Self::with_bundled(bundled().clone())
    }
}

impl Catalog {
    /// The bundled tours only.
    pub fn new() -> Self {
        Self::default()
    }

    /// A catalog over these bundled tours (tests).
    pub fn with_bundled(bundled: LoadedSource) -> Self {
        let mut c = Catalog {
            bundled,
            packs: Vec::new(),
            tours: Vec::new(),
            rejected: Vec::new(),
        };
        c.merge();
        c
    }

    /// Reads a pack (folder or `.zip`) and adds it; loading the same pack again replaces it.
    pub fn load_pack(&mut self, path: &Path) -> Result<&LoadedSource, CoreError> {
        let set = FileSet::read(path)?;
        Ok(self.add_pack(load(&set, TourOrigin::Pack)))
    }

    /// Adds a loaded pack (same pack id or path: replaces the earlier one).
    pub fn add_pack(&mut self, pack: LoadedSource) -> &LoadedSource {
        let key = |s: &LoadedSource| {
            s.pack
                .as_ref()
                .map(|p| p.id.clone())
                .unwrap_or(s.label.clone())
        };
        let new_key = key(&pack);
        let index = match self.packs.iter().position(|p| key(p) == new_key) {
            Some(i) => {
                self.packs[i] = pack;
                i
            }
            None => {
                self.packs.push(pack);
                self.packs.len() - 1
            }
        };
        self.merge();
        &self.packs[index]
    }

    fn merge(&mut self) {
        let mut by_id: BTreeMap<String, Arc<LoadedTour>> = BTreeMap::new();
        for t in &self.bundled.tours {
            by_id.insert(t.tour.id.clone(), t.clone());
        }
        self.rejected.clear();
        for pack in &self.packs {
            for t in &pack.tours {
                match by_id.get(&t.tour.id) {
                    Some(current) if current.tour.version >= t.tour.version => {
                        self.rejected.push(BrokenTour {
                            source: format!("{}:tours/{}/tour.toml", pack.label, t.tour.id),
                            problems: vec![TourProblem {
                                file: format!("tours/{}/tour.toml", t.tour.id),
                                line: t.version_line,
                                message: format!(
                                    "tour `{}` version {} is already offered in version {}",
                                    t.tour.id, t.tour.version, current.tour.version
                                ),
                                fix: format!(
                                    "raise `version` above {} to replace it",
                                    current.tour.version
                                ),
                            }],
                        });
                    }
                    _ => {
                        by_id.insert(t.tour.id.clone(), t.clone());
                    }
                }
            }
        }
        let mut tours: Vec<_> = by_id.into_values().collect();
        tours.sort_by(|a, b| offer_key(&a.tour).cmp(&offer_key(&b.tour)));
        self.tours = tours;
    }

    /// The tours on offer: members' tours first, the bundled ones along [`BEGINNER_PATH`], then
    /// the others by id.
    pub fn tours(&self) -> &[Arc<LoadedTour>] {
        &self.tours
    }

    /// A tour on offer by id.
    pub fn get(&self, id: &str) -> Option<&Arc<LoadedTour>> {
        self.tours.iter().find(|t| t.tour.id == id)
    }

    /// Tours that could not be offered, with their problems.
    pub fn broken(&self) -> Vec<BrokenTour> {
        self.bundled
            .broken
            .iter()
            .chain(self.packs.iter().flat_map(|p| &p.broken))
            .chain(&self.rejected)
            .cloned()
            .collect()
    }

    /// The tours of this pack that are on offer, and its broken or rejected ones.
    pub fn pack_outcome(&self, pack: &LoadedSource) -> (Vec<Arc<LoadedTour>>, Vec<BrokenTour>) {
        let loaded = pack
            .tours
            .iter()
            .filter(|t| self.get(&t.tour.id).is_some_and(|on| Arc::ptr_eq(on, t)))
            .cloned()
            .collect();
        let prefix = format!("{}:", pack.label);
        let broken = pack
            .broken
            .iter()
            .chain(
                self.rejected
                    .iter()
                    .filter(|b| b.source.starts_with(&prefix)),
            )
            .cloned()
            .collect();
        (loaded, broken)
    }

    /// The FTL of every loaded pack in one language, for the UI's Fluent bundle.
    pub fn pack_messages(&self, lang: Language) -> String {
        self.packs
            .iter()
            .filter_map(|p| p.ftl.get(&lang))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_entry_names() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "\\x",
            "a\\..\\..\\x",
            "C:/x",
            "a\0b",
        ] {
            assert!(!is_safe_entry(bad), "{bad}");
        }
        for good in [
            "pack.toml",
            "tours/a/tour.toml",
            "./locales/fr/a.ftl",
            "a..b/c",
        ] {
            assert!(is_safe_entry(good), "{good}");
        }
    }
}
