//! Names in a hand-over: the destination folder's default name ("Transferred from … on …",
//! localised), names that are legal on the server but that other systems refuse (reported,
//! never renamed), and the table of reason codes that reports and plans use.

use crate::i18n::Localizer;

/// Every reason code an item can be skipped or failed with, besides the protocol crate's
/// error codes: each has a Fluent message `handover-reason-<code>` (checked by a test).
pub const REASONS: &[&str] = &[
    // Not movable.
    "shared-with-member",
    "group-folder",
    "external-storage",
    "other-storage",
    "birthday-calendar",
    "system-collection",
    "app-generated",
    "duplicate-name",
    "duplicate-uid",
    "unsafe-name",
    // Conflicts at the destination.
    "exists-at-destination",
    "collection-renamed",
    "destination-renamed",
    // Run and verification.
    "parent-failed",
    "missing-at-destination",
    "size-mismatch",
    "checksum-mismatch",
    "changed-during-copy",
    "throttled-long",
    "cancelled",
    "background-jobs-not-running",
    "transfer-refused",
    "share-failed",
    "share-left",
    "files-only-strategy",
    // Names other systems may refuse.
    "name-windows-characters",
    "name-windows-reserved",
    "name-trailing-dot-or-space",
    "name-too-long",
    "path-too-long",
    "name-control-characters",
];

/// The destination folder's default name, as Nextcloud names its own transfers:
/// "Transferred from <name> on <YYYY-MM-DD>" in the person's language. Characters that cannot
/// be in one path segment are replaced, so the name is always a single folder.
pub fn default_destination(l10n: &Localizer, member_name: &str, date: time::Date) -> String {
    let date = format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    );
    let text = l10n.t_args(
        "handover-destination-folder",
        &[("name", member_name.into()), ("date", date.into())],
    );
    let mut clean: String = text
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    clean = clean.trim().trim_end_matches('.').to_owned();
    truncate_bytes(&mut clean, 200);
    if clean.is_empty() || clean == ".." {
        clean = "Transferred".to_owned();
    }
    clean
}

fn truncate_bytes(s: &mut String, max: usize) {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
}

/// Longest path (in characters) that Windows tools handle without special settings.
const PORTABLE_PATH_CHARS: usize = 250;

/// Why a file or folder name may be refused by another system (Windows, FAT/exFAT drives, sync
/// clients), if it may. The name is kept as it is; this is only reported.
pub fn portability_issue(name: &str, full_path: &str) -> Option<&'static str> {
    if name.chars().any(|c| c.is_control()) {
        return Some("name-control-characters");
    }
    if name
        .chars()
        .any(|c| matches!(c, '<' | '>' | ':' | '"' | '\\' | '|' | '?' | '*'))
    {
        return Some("name-windows-characters");
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let reserved = ["CON", "PRN", "AUX", "NUL"]
        .iter()
        .any(|r| stem.eq_ignore_ascii_case(r))
        || ["COM", "LPT"].iter().any(|p| {
            stem.len() == 4
                && stem[..3].eq_ignore_ascii_case(p)
                && stem.as_bytes()[3].is_ascii_digit()
                && stem.as_bytes()[3] != b'0'
        });
    if reserved {
        return Some("name-windows-reserved");
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("name-trailing-dot-or-space");
    }
    if name.len() > 255 {
        return Some("name-too-long");
    }
    if full_path.chars().count() > PORTABLE_PATH_CHARS {
        return Some("path-too-long");
    }
    None
}

/// The date in the name of the folder Nextcloud's own transfer creates at the recipient's root
/// — "transferred from <name> on <Y-m-d H-i-s>" up to Nextcloud 29, "Transferred from …" or its
/// translation in the recipient's language later ("Transféré de … à …", seen on 32): only the
/// date is the same everywhere. `None`: not such a folder.
pub fn transfer_folder_date(name: &str) -> Option<&str> {
    // `Y-m-d H-i-s`: 4-2-2 digits, a space, 2-2-2 digits (ASCII, so byte offsets are safe).
    const SHAPE: &[u8] = b"dddd-dd-dd dd-dd-dd";
    let at = name.as_bytes().windows(SHAPE.len()).position(|w| {
        w.iter().zip(SHAPE).all(|(c, s)| match s {
            b'd' => c.is_ascii_digit(),
            s => c == s,
        })
    })?;
    Some(&name[at..at + SHAPE.len()])
}

/// Whether `name` is a folder made by Nextcloud's own transfer (see [`transfer_folder_date`]).
pub fn is_transfer_folder_name(name: &str) -> bool {
    transfer_folder_date(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn transfer_folders_are_known_by_their_date_in_any_language() {
        for name in [
            "transferred from Alix hsrc3 on 2026-12-06 03-00-05",
            "Transferred from Alix hsrc5 on 2026-12-06 03-07-40",
            "Transféré de Alix à 2026-12-06 03-07-40",
        ] {
            assert!(is_transfer_folder_name(name), "{name}");
        }
        for name in ["Projet", "2026-12-06", "Réunion 2026-12-06 03h00"] {
            assert!(!is_transfer_folder_name(name), "{name}");
        }
        assert_eq!(
            transfer_folder_date("Übertragen von A auf 2026-12-06 03-07-40"),
            Some("2026-12-06 03-07-40")
        );
    }

    #[test]
    fn destination_names_are_one_segment_in_both_languages() {
        let date = time::macros::date!(2026 - 11 - 21);
        let en = default_destination(&Localizer::new(Language::En), "Alice Martin", date);
        assert_eq!(en, "Transferred from Alice Martin on 2026-11-21");
        let fr = default_destination(&Localizer::new(Language::Fr), "Alice Martin", date);
        assert!(
            fr.contains("Alice Martin") && fr.contains("2026-11-21"),
            "{fr}"
        );
        assert_ne!(fr, en);
        let odd = default_destination(&Localizer::new(Language::En), "a/b\\c\n", date);
        assert!(!odd.contains('/') && !odd.contains('\\') && !odd.contains('\n'));
        let long = default_destination(&Localizer::new(Language::En), &"é".repeat(300), date);
        assert!(long.len() <= 200);
    }

    #[test]
    fn portability_is_reported_not_fixed() {
        assert_eq!(portability_issue("report.pdf", "/report.pdf"), None);
        assert_eq!(portability_issue("Noël 😀 #1 100%.txt", "/x"), None);
        assert_eq!(
            portability_issue("a:b.txt", "/a:b.txt"),
            Some("name-windows-characters")
        );
        assert_eq!(
            portability_issue("what?", "/what?"),
            Some("name-windows-characters")
        );
        assert_eq!(
            portability_issue("con.txt", "/con.txt"),
            Some("name-windows-reserved")
        );
        assert_eq!(
            portability_issue("COM1", "/COM1"),
            Some("name-windows-reserved")
        );
        assert_eq!(portability_issue("COM0", "/COM0"), None);
        assert_eq!(portability_issue("console", "/console"), None);
        assert_eq!(
            portability_issue("notes.", "/notes."),
            Some("name-trailing-dot-or-space")
        );
        let long = "x".repeat(256);
        assert_eq!(portability_issue(&long, "/x"), Some("name-too-long"));
        let deep = "/d".repeat(200);
        assert_eq!(portability_issue("d", &deep), Some("path-too-long"));
        assert_eq!(
            portability_issue("tab\there", "/x"),
            Some("name-control-characters")
        );
    }
}
