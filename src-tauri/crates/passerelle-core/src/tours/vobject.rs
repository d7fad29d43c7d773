//! Just enough iCalendar and vCard reading for the checks: unfolded properties, the start,
//! summary, attendees and recurrence of events, and the formatted names of cards. It must not
//! grow into a calendar library: anything unclear is read generously.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// One property: name (upper case, group removed), parameters, value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

/// Unfolds continuation lines and splits each line into a property.
pub(crate) fn properties(text: &str) -> Vec<Property> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some(last) = lines.last_mut()
        {
            last.push_str(rest);
            continue;
        }
        lines.push(line.to_owned());
    }
    lines
        .into_iter()
        .filter_map(|line| {
            let (head, value) = split_value(&line)?;
            let mut parts = head.split(';');
            let name = parts
                .next()?
                .rsplit('.')
                .next()?
                .trim()
                .to_ascii_uppercase();
            let params = parts
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| {
                    (
                        k.trim().to_ascii_uppercase(),
                        v.trim_matches('"').to_owned(),
                    )
                })
                .collect();
            Some(Property {
                name,
                params,
                value: value.to_owned(),
            })
        })
        .collect()
}

/// Splits at the first `:` that is not inside a quoted parameter value.
fn split_value(line: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some((&line[..i], &line[i + 1..])),
            _ => {}
        }
    }
    None
}

/// `\,` `\;` `\n` `\\` as in text values.
pub(crate) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What the checks need of an event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Event {
    pub summary: Option<String>,
    pub start: Option<OffsetDateTime>,
    pub has_attendee: bool,
    pub recurring: bool,
    pub until: Option<OffsetDateTime>,
}

impl Event {
    /// Whether it starts (or, recurring, may occur) between `from` and `to`.
    pub fn occurs_between(&self, from: OffsetDateTime, to: OffsetDateTime) -> bool {
        let Some(start) = self.start else {
            return false;
        };
        if self.recurring {
            start <= to && self.until.is_none_or(|u| u >= from)
        } else {
            start >= from && start <= to
        }
    }
}

/// The events (`VEVENT`) of an iCalendar text.
pub(crate) fn events(ics: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut current: Option<Event> = None;
    let mut depth_in_event = 0usize;
    for p in properties(ics) {
        match (
            p.name.as_str(),
            p.value.trim().to_ascii_uppercase().as_str(),
        ) {
            ("BEGIN", "VEVENT") => {
                current = Some(Event::default());
                depth_in_event = 0;
            }
            ("BEGIN", _) if current.is_some() => depth_in_event += 1,
            ("END", "VEVENT") => out.extend(current.take()),
            ("END", _) if current.is_some() => depth_in_event = depth_in_event.saturating_sub(1),
            _ => {
                // Properties of a nested VALARM are not the event's.
                let Some(event) = current.as_mut().filter(|_| depth_in_event == 0) else {
                    continue;
                };
                match p.name.as_str() {
                    "SUMMARY" => event.summary = Some(unescape(&p.value)),
                    "DTSTART" => event.start = parse_datetime(&p.value),
                    "ATTENDEE" => event.has_attendee = true,
                    "RRULE" => {
                        event.recurring = true;
                        event.until = p
                            .value
                            .split(';')
                            .find_map(|part| part.strip_prefix("UNTIL="))
                            .and_then(parse_datetime);
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// The formatted names (`FN`) of the cards of a vCard text.
pub(crate) fn card_names(vcf: &str) -> Vec<String> {
    properties(vcf)
        .into_iter()
        .filter(|p| p.name == "FN")
        .map(|p| unescape(&p.value))
        .collect()
}

/// `20261201T090000Z`, `20261201T090000` (floating or with TZID: read as UTC, the checks'
/// windows are a day wider than needed) or `20261201`.
pub(crate) fn parse_datetime(value: &str) -> Option<OffsetDateTime> {
    let v = value.trim();
    let digits = |s: &str| -> Option<u32> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = digits(v.get(0..4)?)? as i32;
    let month = Month::try_from(digits(v.get(4..6)?)? as u8).ok()?;
    let day = digits(v.get(6..8)?)? as u8;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = match v.get(8..9) {
        Some("T") => Time::from_hms(
            digits(v.get(9..11)?)? as u8,
            digits(v.get(11..13)?)? as u8,
            digits(v.get(13..15)?)?.min(59) as u8,
        )
        .ok()?,
        _ => Time::MIDNIGHT,
    };
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn events_with_folding_alarms_and_recurrence() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Europe/Paris:20261201T090000\r\n\
                   SUMMARY:Réunion\\, bureau\r\n  de l'asso\r\nATTENDEE;CN=\"Bob: trésorier\":mailto:bob@x.org\r\n\
                   BEGIN:VALARM\r\nSUMMARY:alarm\r\nEND:VALARM\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=WEEKLY;UNTIL=20250301T000000Z\r\n\
                   END:VEVENT\r\nEND:VCALENDAR\r\n";
        let evs = events(ics);
        assert_eq!(evs.len(), 2);
        assert_eq!(evs[0].summary.as_deref(), Some("Réunion, bureau de l'asso"));
        assert_eq!(evs[0].start, Some(datetime!(2026-12-01 09:00 UTC)));
        assert!(evs[0].has_attendee && !evs[0].recurring);
        assert!(evs[1].recurring);
        assert_eq!(evs[1].until, Some(datetime!(2025-03-01 00:00 UTC)));
        let (from, to) = (
            datetime!(2025-02-01 0:00 UTC),
            datetime!(2025-02-28 0:00 UTC),
        );
        assert!(evs[1].occurs_between(from, to));
        assert!(!evs[0].occurs_between(from, to));
        let later = (
            datetime!(2025-04-01 0:00 UTC),
            datetime!(2025-05-01 0:00 UTC),
        );
        assert!(!evs[1].occurs_between(later.0, later.1));
    }

    #[test]
    fn card_names_are_unescaped() {
        let vcf = "BEGIN:VCARD\nVERSION:3.0\nitem1.FN:Martin\\, Zoé\nEND:VCARD\n";
        assert_eq!(card_names(vcf), vec!["Martin, Zoé"]);
        assert_eq!(parse_datetime("2026"), None);
        assert_eq!(parse_datetime("20261301"), None);
    }
}
