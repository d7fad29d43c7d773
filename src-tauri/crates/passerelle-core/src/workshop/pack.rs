//! Workshop packs: a tour pack (`pack.toml`, `tours/<id>/…` with pictures, `locales/<lang>/…`)
//! plus `workshop.toml` naming the plan and its tours in order, exported to a folder or a
//! `.zip` for USB keys and imported on each laptop.
//!
//! Import reuses the tour pack reader and checks (`tours::catalog`): entries escaping the
//! pack, symbolic links, oversized files or packs (zip bombs) refuse it whole; every problem
//! points to a file and line. An export is read back and checked the same way before it is
//! reported as done.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use super::records::{self, WorkshopPlan};
use crate::tours::catalog::{self, FileSet, LoadedSource};
use crate::tours::format::is_valid_id;
use crate::tours::{TourOrigin, TourProblem};
use crate::workshop::error::WorkshopError;
use crate::{CoreError, DataPaths, Store};

/// The plan's file inside a workshop pack.
pub const WORKSHOP_FILE: &str = "workshop.toml";

/// The identity written to `pack.toml` on export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackIdentity {
    /// `[a-z0-9-]+`.
    pub id: String,
    /// Version, from 1.
    pub version: u32,
    /// Name shown to trainers.
    pub name: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackExport {
    /// Folder or `.zip` written.
    pub path: String,
    /// Files in the pack.
    #[ts(type = "number")]
    pub files: usize,
    /// Tours in it.
    pub tours: Vec<String>,
}

/// A checked workshop pack.
#[derive(Debug, Clone)]
pub struct ImportedWorkshop {
    /// The plan it carries.
    pub plan: WorkshopPlan,
    /// Its tours, as the catalog reads them.
    pub source: LoadedSource,
    /// Its files (to install a copy).
    pub files: FileSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkshop {
    name: Spanned<String>,
    tours: Vec<Spanned<String>>,
}

fn problem(file: &str, line: Option<u32>, message: String, fix: &str) -> TourProblem {
    TourProblem {
        file: file.to_owned(),
        line,
        message,
        fix: fix.to_owned(),
    }
}

fn line_of(text: &str, offset: usize) -> u32 {
    text[..offset.min(text.len())].matches('\n').count() as u32 + 1
}

/// Where a tour's files are in a source, and its locale files renamed for the pack. A pack
/// that keeps a tour's texts in `locales/<lang>/<id>.ftl` gives that file; one that keeps them
/// elsewhere gives all its locale files, prefixed with `source` so packs never collide.
fn tour_files(set: &FileSet, source: Option<usize>, id: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let prefix = format!("tours/{id}/");
    let mut own_file = std::collections::BTreeSet::new();
    for (path, bytes) in &set.files {
        if path.starts_with(&prefix) {
            out.insert(path.clone(), bytes.clone());
        }
        let mut parts = path.splitn(3, '/');
        let (Some("locales"), Some(lang), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let wanted = match source {
            None => rest == format!("tours/{id}.ftl"),
            Some(_) => rest == format!("{id}.ftl"),
        };
        if wanted {
            out.insert(format!("locales/{lang}/{id}.ftl"), bytes.clone());
            own_file.insert(lang.to_owned());
        }
    }
    if let Some(n) = source {
        for (path, bytes) in &set.files {
            let mut parts = path.splitn(3, '/');
            if let (Some("locales"), Some(lang), Some(rest)) =
                (parts.next(), parts.next(), parts.next())
                && rest.ends_with(".ftl")
                && !own_file.contains(lang)
            {
                let flat = rest.replace('/', "-");
                out.insert(format!("locales/{lang}/pack{n}-{flat}"), bytes.clone());
            }
        }
    }
    out
}

/// Builds a workshop pack for `plan` from the bundled tours and the given tour packs (later
/// ones win), writes it to `dest` (a `.zip` when the name ends so, else a folder, which must
/// not exist yet or be empty), then reads it back and checks it.
pub fn export_pack(
    plan: &WorkshopPlan,
    identity: &PackIdentity,
    packs: &[FileSet],
    dest: &Path,
) -> Result<PackExport, CoreError> {
    let invalid = |problems: Vec<String>| {
        CoreError::Workshop(WorkshopError::PackInvalid {
            path: dest.to_owned(),
            problems,
        })
    };
    if !is_valid_id(&identity.id) {
        return Err(CoreError::InvalidValue {
            field: "pack-id",
            value: identity.id.clone(),
        });
    }
    if plan.tours.is_empty() {
        return Err(invalid(vec![format!(
            "{WORKSHOP_FILE}: the plan has no tours — add at least one tour"
        )]));
    }
    let bundled = FileSet::bundled();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut missing = Vec::new();
    for id in &plan.tours {
        let key = format!("tours/{id}/tour.toml");
        let found = packs
            .iter()
            .rev()
            .enumerate()
            .find(|(_, p)| p.files.contains_key(&key))
            .map(|(n, p)| tour_files(p, Some(n), id))
            .or_else(|| {
                bundled
                    .files
                    .contains_key(&key)
                    .then(|| tour_files(&bundled, None, id))
            });
        match found {
            Some(f) => files.extend(f),
            None => missing.push(format!(
                "{WORKSHOP_FILE}: tour `{id}` is neither bundled nor in the packs given — remove it from the plan or add its pack"
            )),
        }
    }
    if !missing.is_empty() {
        return Err(invalid(missing));
    }
    files.insert(
        "pack.toml".into(),
        format!(
            "# Workshop pack written by Passerelle {}\nid = {}\nversion = {}\nname = {}\n",
            crate::VERSION,
            toml_string(&identity.id),
            identity.version,
            toml_string(&identity.name)
        )
        .into_bytes(),
    );
    let tours = plan
        .tours
        .iter()
        .map(|t| toml_string(t))
        .collect::<Vec<_>>()
        .join(", ");
    files.insert(
        WORKSHOP_FILE.into(),
        format!("name = {}\ntours = [{tours}]\n", toml_string(&plan.name)).into_bytes(),
    );
    write_files(dest, &files)?;
    let checked = import_pack(dest)?;
    Ok(PackExport {
        path: dest.display().to_string(),
        files: checked.files.files.len(),
        tours: checked.plan.tours,
    })
}

/// A TOML basic string (JSON string escapes are valid TOML escapes).
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn io_error(path: &Path, e: std::io::Error) -> CoreError {
    CoreError::DataDir {
        path: path.to_owned(),
        source: e,
    }
}

/// Writes files to a folder or a `.zip`.
fn write_files(dest: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), CoreError> {
    let is_zip = dest
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if is_zip {
        let file = std::fs::File::create(dest).map_err(|e| io_error(dest, e))?;
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options)
                .map_err(|e| io_error(dest, std::io::Error::other(e)))?;
            zip.write_all(bytes).map_err(|e| io_error(dest, e))?;
        }
        zip.finish()
            .map_err(|e| io_error(dest, std::io::Error::other(e)))?;
        return Ok(());
    }
    if dest.exists()
        && std::fs::read_dir(dest)
            .map_err(|e| io_error(dest, e))?
            .next()
            .is_some()
    {
        return Err(io_error(
            dest,
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "the folder is not empty"),
        ));
    }
    for (name, bytes) in files {
        let path = dest.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_error(&path, e))?;
    }
    Ok(())
}

/// Reads and checks a workshop pack (folder or `.zip`). Any problem refuses it whole, with
/// every problem as `file:line: message — fix`.
pub fn import_pack(path: &Path) -> Result<ImportedWorkshop, CoreError> {
    let files = FileSet::read(path)?;
    let source = catalog::load(&files, TourOrigin::Pack);
    let mut problems = source.problems();
    let in_pack: Vec<String> = source.tours.iter().map(|t| t.tour.id.clone()).collect();
    let broken_ids: Vec<String> = files
        .files
        .keys()
        .filter_map(|k| {
            let id = k.strip_prefix("tours/")?.strip_suffix("/tour.toml")?;
            (!in_pack.iter().any(|t| t == id)).then(|| id.to_owned())
        })
        .collect();
    let plan = match files.files.get(WORKSHOP_FILE) {
        None => {
            problems.push(problem(
                WORKSHOP_FILE,
                None,
                "this is a tour pack, not a workshop pack: workshop.toml is missing".into(),
                "add workshop.toml with name = \"…\" and tours = [\"…\"]",
            ));
            None
        }
        Some(bytes) => match std::str::from_utf8(bytes) {
            Err(_) => {
                problems.push(problem(
                    WORKSHOP_FILE,
                    None,
                    "the file is not UTF-8 text".into(),
                    "save it as UTF-8",
                ));
                None
            }
            Ok(text) => check_workshop(text, &in_pack, &broken_ids, &mut problems),
        },
    };
    problems.sort();
    match plan {
        Some(plan) if problems.is_empty() => Ok(ImportedWorkshop {
            plan,
            source,
            files,
        }),
        _ => Err(CoreError::Workshop(WorkshopError::PackInvalid {
            path: path.to_owned(),
            problems: problems.iter().map(ToString::to_string).collect(),
        })),
    }
}

fn check_workshop(
    text: &str,
    in_pack: &[String],
    broken: &[String],
    problems: &mut Vec<TourProblem>,
) -> Option<WorkshopPlan> {
    let raw: RawWorkshop = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            problems.push(problem(
                WORKSHOP_FILE,
                line,
                e.message().to_owned(),
                "write name = \"…\" and tours = [\"tour-id\", …], nothing else",
            ));
            return None;
        }
    };
    let before = problems.len();
    if raw.name.get_ref().trim().is_empty() {
        problems.push(problem(
            WORKSHOP_FILE,
            Some(line_of(text, raw.name.span().start)),
            "the workshop has an empty name".into(),
            "give it a name participants recognise",
        ));
    }
    if raw.tours.is_empty() {
        problems.push(problem(
            WORKSHOP_FILE,
            Some(line_of(text, 0)),
            "the workshop lists no tours".into(),
            "list at least one tour id in tours = [ … ]",
        ));
    }
    let bundled = catalog::bundled();
    for t in &raw.tours {
        let id = t.get_ref();
        let line = Some(line_of(text, t.span().start));
        if broken.iter().any(|b| b == id) {
            // Its own problems are already listed, with their lines.
            continue;
        }
        if !in_pack.iter().any(|p| p == id) && !bundled.tours.iter().any(|b| &b.tour.id == id) {
            problems.push(problem(
                WORKSHOP_FILE,
                line,
                format!("tour `{id}` is neither in this pack nor bundled with Passerelle"),
                "add tours/<id>/tour.toml to the pack, or remove it from the list",
            ));
        }
    }
    (problems.len() == before).then(|| WorkshopPlan {
        name: raw.name.get_ref().trim().to_owned(),
        tours: raw.tours.iter().map(|t| t.get_ref().clone()).collect(),
    })
}

/// Copies a checked pack into `<data folder>/workshop-packs/<pack-id>/` (replacing an older
/// copy), so the laptop keeps it after the USB key is gone. Returns the folder.
pub fn install_pack(paths: &DataPaths, pack: &ImportedWorkshop) -> Result<PathBuf, CoreError> {
    let id = pack
        .source
        .pack
        .as_ref()
        .map(|p| p.id.clone())
        .unwrap_or_else(|| "workshop".into());
    let root = paths.workshop_packs();
    let dest = root.join(&id);
    if dest.exists() {
        std::fs::remove_dir_all(&dest).map_err(|e| io_error(&dest, e))?;
    }
    std::fs::create_dir_all(&root).map_err(|e| io_error(&root, e))?;
    write_files(&dest, &pack.files.files)?;
    Ok(dest)
}

/// The folders of the packs this laptop keeps (none when it keeps none).
pub fn installed_packs(paths: &DataPaths) -> Vec<PathBuf> {
    match std::fs::read_dir(paths.workshop_packs()) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The tours of the packs this laptop keeps, to put into a new pack.
pub fn installed_sets(paths: &DataPaths) -> Result<Vec<FileSet>, CoreError> {
    installed_packs(paths)
        .iter()
        .map(|p| FileSet::read(p))
        .collect()
}

/// Checks a workshop pack, installs a copy on this laptop and saves its plan: what the
/// Workshop screen and the CLI both do on import. Returns the pack and where it now lives.
pub fn import_and_install(
    store: &Store,
    paths: &DataPaths,
    path: &Path,
) -> Result<(ImportedWorkshop, PathBuf), CoreError> {
    let imported = import_pack(path)?;
    let installed = install_pack(paths, &imported)?;
    records::save_plan(store, &imported.plan)?;
    Ok((imported, installed))
}

/// Writes a workshop pack of `plan` to `dest` (its folder created first) with tours from
/// `sets` besides the bundled ones, then saves the plan: the export of both front ends.
pub fn export_and_save(
    store: &Store,
    plan: &WorkshopPlan,
    id: &str,
    sets: &[FileSet],
    dest: &Path,
) -> Result<PackExport, CoreError> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    let identity = PackIdentity {
        id: id.trim().to_owned(),
        version: 1,
        name: plan.name.clone(),
    };
    let written = export_pack(plan, &identity, sets, dest)?;
    records::save_plan(store, plan)?;
    Ok(written)
}

/// A cheap fingerprint of a pack on disk (every file's path, size and modification time, or
/// the `.zip`'s), so an editor can re-read the pack as soon as it changes. Symbolic links are
/// not followed, as when reading.
pub fn pack_signature(path: &Path) -> Result<u64, CoreError> {
    use std::hash::{Hash, Hasher};
    let io = |p: &Path, e: std::io::Error| io_error(p, e);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut stack = vec![path.to_owned()];
    let mut entries = Vec::new();
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).map_err(|e| io(&p, e))?;
        if meta.is_dir() {
            for entry in std::fs::read_dir(&p).map_err(|e| io(&p, e))? {
                stack.push(entry.map_err(|e| io(&p, e))?.path());
            }
        } else if meta.is_file() {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            entries.push((p, meta.len(), modified));
        }
    }
    entries.sort();
    entries.hash(&mut hasher);
    Ok(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_changes_when_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tours/demo")).unwrap();
        std::fs::write(dir.path().join("tours/demo/tour.toml"), "id = 1").unwrap();
        let first = pack_signature(dir.path()).unwrap();
        assert_eq!(first, pack_signature(dir.path()).unwrap());
        std::fs::write(dir.path().join("tours/demo/tour.toml"), "id = 12").unwrap();
        let second = pack_signature(dir.path()).unwrap();
        assert_ne!(first, second);
        std::fs::write(dir.path().join("new.ftl"), "").unwrap();
        assert_ne!(second, pack_signature(dir.path()).unwrap());
    }
}
