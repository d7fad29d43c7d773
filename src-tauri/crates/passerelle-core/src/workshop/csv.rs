//! The one CSV reader (the `csv` crate) for lists people make in a spreadsheet: members to
//! welcome, cards for a sign-in sheet. `,` `;` or tab (guessed from the header line), quoted
//! fields with `""` escapes and line breaks inside quotes, a UTF-8 BOM tolerated, blank lines
//! skipped. Every record keeps the line it starts on, for per-line reports. It decodes nothing
//! else than UTF-8 text: the caller reports other encodings. It knows no column.

/// One record: the line where it starts (1-based) and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line of the file where the record starts.
    pub line: u32,
    /// Fields, untrimmed.
    pub fields: Vec<String>,
    /// The record's text as in the file (quotes and separators included, line end excluded).
    pub text: String,
}

/// Another separator than `sep` (`;`, `,` or tab) that `text` holds outside quotes, if any:
/// in a record read as one field, the sign that its line was written with a different
/// separator than the header's.
pub fn other_separator(text: &str, sep: char) -> Option<char> {
    let mut in_quotes = false;
    for c in text.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && c != sep && matches!(c, ';' | ',' | '\t') {
            return Some(c);
        }
    }
    None
}

/// The separator the header line uses most (outside quotes): `;`, `,` or tab.
pub fn guess_separator(text: &str) -> char {
    let header = text.lines().next().unwrap_or_default();
    let mut in_quotes = false;
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0)];
    for c in header.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if !in_quotes && let Some(slot) = counts.iter_mut().find(|(s, _)| *s == c) {
            slot.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(sep, n)| (*n, *sep == ','))
        .map(|(sep, _)| *sep)
        .unwrap_or(',')
}

/// Splits `text` into records, the header included. Lines may hold different numbers of
/// fields. An unclosed quote runs to the end of the file (the caller sees one long last field
/// and reports it). As RFC 4180 says, a quote opens a quoted field only as its first character.
pub fn records(text: &str, sep: char) -> Vec<Record> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let (mut counted, mut line) = (0usize, 1u32);
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // Reading text that is already UTF-8 from memory cannot fail.
    while reader.read_record(&mut record).unwrap_or(false) {
        // The reader's own line numbers lag behind CRLF and blank lines: count from where the
        // record's text starts, past the line ends the reader skipped.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        line += line_breaks(&bytes[counted..start.max(counted)]);
        counted = start.max(counted);
        let end = (reader.position().byte() as usize).clamp(counted, bytes.len());
        let raw = String::from_utf8_lossy(&bytes[counted..end]);
        out.push(Record {
            line,
            fields: record.iter().map(str::to_owned).collect(),
            text: raw.trim_end_matches(['\r', '\n']).to_owned(),
        });
    }
    out
}

/// Line breaks in `bytes`: `\n`, `\r\n` or a lone `\r`.
fn line_breaks(bytes: &[u8]) -> u32 {
    let mut n = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_and_lines() {
        let text = "nom;courriel\r\n\"Martin; Camille\";c@example.org\n\n\"Line\nbreak\";\"a \"\"b\"\"\"\nlast;x";
        assert_eq!(guess_separator(text), ';');
        let r = records(text, ';');
        assert_eq!(r.len(), 4);
        assert_eq!(r[1].fields, ["Martin; Camille", "c@example.org"]);
        assert_eq!(r[2].line, 4);
        assert_eq!(r[2].fields, ["Line\nbreak", "a \"b\""]);
        assert_eq!(r[3].line, 6);
    }

    #[test]
    fn a_record_keeps_its_text_and_shows_another_separator() {
        let text = "name,email\r\nAnne;a@x.org\r\n\"Martin; Camille\",c@x.org\nBob\tb@x.org";
        let r = records(text, ',');
        assert_eq!(r[1].text, "Anne;a@x.org");
        assert_eq!(r[1].fields, ["Anne;a@x.org"]);
        assert_eq!(other_separator(&r[1].text, ','), Some(';'));
        // Inside quotes a `;` is text.
        assert_eq!(r[2].text, "\"Martin; Camille\",c@x.org");
        assert_eq!(other_separator(&r[2].text, ','), None);
        assert_eq!(other_separator(&r[3].text, ','), Some('\t'));
        assert_eq!(other_separator("Anne", ','), None);
    }

    #[test]
    fn comma_wins_ties_and_tabs_are_seen() {
        assert_eq!(guess_separator("name"), ',');
        assert_eq!(guess_separator("name\temail\tgroup"), '\t');
    }

    #[test]
    fn ragged_lines_a_bom_and_an_unclosed_quote() {
        let r = records(
            "\u{feff}name,email\r\nAnne\r\nBob,b@x.org,extra\r\n\"open,\nend",
            ',',
        );
        assert_eq!(r[0].fields, ["name", "email"]);
        assert_eq!(r[1].fields, ["Anne"]);
        assert_eq!((r[2].line, r[2].fields.len()), (3, 3));
        assert_eq!(
            (r[3].line, r[3].fields.clone()),
            (4, vec!["open,\nend".to_owned()])
        );
        // Old Mac line ends (CR alone) end lines too.
        let r = records("name\rAnne\r\rBob", ',');
        assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn a_quote_opens_a_field_only_as_its_first_character() {
        // RFC 4180 (the `csv` crate): after `, ` the quote is text; the caller trims fields.
        let r = records("name,email\n\"Martin, Camille\", c@x.org\nAnne, \"a\"", ',');
        assert_eq!(r[1].fields, ["Martin, Camille", " c@x.org"]);
        assert_eq!(r[2].fields, ["Anne", " \"a\""]);
    }
}
