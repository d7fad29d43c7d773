//! A small CSV reader for lists of members as spreadsheets save them: `,` `;` or tab (guessed
//! from the header line), quoted fields with `""` escapes and line breaks inside quotes, a
//! UTF-8 BOM tolerated. Every record keeps the line it starts on, for per-line reports. It
//! decodes nothing else than UTF-8: the caller reports other encodings.

/// One record: the line where it starts (1-based) and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line of the file where the record starts.
    pub line: u32,
    /// Fields, untrimmed.
    pub fields: Vec<String>,
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

/// Splits `text` into records. Blank lines are skipped. An unclosed quote runs to the end of
/// the file (the caller sees one long last field and reports it).
pub fn records(text: &str, sep: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line: u32 = 1;
    let mut start_line: u32 = 1;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
                any = true;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if any || fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push(Record {
                        line: start_line,
                        fields: std::mem::take(&mut fields),
                    });
                }
                fields.clear();
                any = false;
                line += 1;
                start_line = line;
            }
            c if c == sep => {
                fields.push(std::mem::take(&mut field));
                any = true;
            }
            _ => {
                field.push(c);
                any = true;
            }
        }
    }
    fields.push(field);
    if any || fields.iter().any(|f| !f.trim().is_empty()) {
        out.push(Record {
            line: start_line,
            fields,
        });
    }
    out
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
    fn comma_wins_ties_and_tabs_are_seen() {
        assert_eq!(guess_separator("name"), ',');
        assert_eq!(guess_separator("name\temail\tgroup"), '\t');
    }
}
