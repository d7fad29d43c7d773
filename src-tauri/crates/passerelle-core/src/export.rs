//! Small helpers for the files people export: CSV tables (tour health, workshop progress,
//! hand-over reports) and sizes for people. (HTML pages come from templates, escaped by askama.)
//!
//! CSV has one writer, [`CsvWriter`] (the `csv` crate), with one documented choice: RFC 4180,
//! a field quoted only when it needs it (a comma, a quote or a line break in it) and every
//! record ended by CRLF, which every spreadsheet opens. Before a cell is written,
//! [`defuse_formula`] puts a `'` before a leading `=`, `+`, `-`, `@`, tab or CR, so a
//! spreadsheet shows a name or a selector such as `=cmd()` as text instead of running it.
//! Nothing here reads files or knows what the tables hold.

/// The cell as a spreadsheet must show it: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`
/// in front (OWASP's advice against CSV injection); any other text is left as it is.
pub fn defuse_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// A CSV table written in memory: RFC 4180 (quoted when needed, CRLF), every cell defused.
pub struct CsvWriter {
    inner: csv::Writer<Vec<u8>>,
}

impl std::fmt::Debug for CsvWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvWriter").finish_non_exhaustive()
    }
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    /// An empty table.
    pub fn new() -> Self {
        Self {
            inner: csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Necessary)
                .terminator(csv::Terminator::CRLF)
                // Rows of a table may be of different lengths; nothing is refused.
                .flexible(true)
                .from_writer(Vec::new()),
        }
    }

    /// Adds one record (the header is a record too).
    pub fn record<I, S>(&mut self, fields: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let fields: Vec<String> = fields
            .into_iter()
            .map(|f| defuse_formula(f.as_ref()).into_owned())
            .collect();
        self.inner
            .write_record(&fields)
            .expect("writing CSV to memory cannot fail");
        self
    }

    /// The table's text.
    pub fn finish(self) -> String {
        let bytes = self
            .inner
            .into_inner()
            .expect("flushing CSV to memory cannot fail");
        String::from_utf8(bytes).expect("UTF-8 cells make UTF-8 CSV")
    }
}

/// One CSV field as [`CsvWriter`] writes it (defused, quoted only when it needs it).
pub fn csv_field(s: &str) -> String {
    let line = csv_line(&[s, ""]);
    // The field, without the separator of the empty field after it and the line end.
    line[..line.len() - 3].to_owned()
}

/// One CSV record of `fields` as [`CsvWriter`] writes it, with its CRLF.
pub fn csv_line(fields: &[&str]) -> String {
    let mut w = CsvWriter::new();
    w.record(fields);
    w.finish()
}

/// A size for people, in powers of 1000 as Nextcloud shows them: `999 B`, `1.5 MB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        // Records end with CRLF (RFC 4180); a line break inside a field stays as it is.
        assert_eq!(csv_line(&["x", "-1", "a\nb"]), "x,'-1,\"a\nb\"\r\n");
    }

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
        assert_eq!(human_bytes(3_000_000_000_000_000), "3000.0 TB");
    }

    #[test]
    fn every_formula_start_is_defused_and_the_table_reads_back() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let cell = format!("{start}cmd|' /C calc'!A0");
            assert!(
                csv_field(&cell).trim_start_matches('"').starts_with('\''),
                "{cell:?}"
            );
        }
        let mut w = CsvWriter::new();
        w.record(["name", "note"])
            .record(["Anne, \"la\" trésorière", "ligne 1\r\nligne 2"])
            .record(["@x", ""]);
        let text = w.finish();
        assert!(
            text.ends_with("\r\n") && text.starts_with("name,note\r\n"),
            "{text:?}"
        );
        let read: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(
            read,
            [
                vec!["name", "note"],
                vec!["Anne, \"la\" trésorière", "ligne 1\r\nligne 2"],
                vec!["'@x", ""],
            ]
        );
    }
}
