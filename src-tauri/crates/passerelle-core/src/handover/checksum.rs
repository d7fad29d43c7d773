//! Nextcloud's checksums as the hand-over reads and writes them (`SHA1:<hex>`), shared by the
//! streamed copy, which computes them, and the verification, which compares them.

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `SHA1:<hex>` (Nextcloud's checksum format), lower-case.
pub(crate) fn sha1_label(digest: &[u8]) -> String {
    format!("SHA1:{}", hex(digest))
}

/// The `SHA1:` checksum among a file's stored checksums, normalised.
pub(crate) fn sha1_of(checksums: &[String]) -> Option<String> {
    checksums.iter().find_map(|c| {
        let (algo, value) = c.split_once(':')?;
        algo.eq_ignore_ascii_case("sha1")
            .then(|| format!("SHA1:{}", value.trim().to_ascii_lowercase()))
    })
}
