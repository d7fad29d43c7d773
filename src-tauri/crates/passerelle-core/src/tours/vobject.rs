//! What the checks read of iCalendar and vCard texts: the start, summary, attendees and
//! recurrence of events, and the formatted names of cards. Parsing (folding, escaping,
//! parameters) is Stalwart's `calcard`; this module only turns its values into instants.
//!
//! Start times become instants the way a calendar application would show them: `Z` is UTC, a
//! `TZID` is an IANA zone (or a Windows, Outlook or VTIMEZONE-hinted name `calcard` knows,
//! or else the rules of the object's own `VTIMEZONE`), and floating times and all-day dates are
//! in the person's own zone (the computer's). Anything unclear is read generously.

use std::str::FromStr;

use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty,
    ICalendarRecurrenceRule, ICalendarValue,
};
use calcard::vcard::{VCardProperty, VCardValue};
use calcard::{Entry, Parser};
use chrono::{Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone};
use time::{OffsetDateTime, UtcOffset};

/// What the checks need of an event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Event {
    pub summary: Option<String>,
    /// When it starts, at the offset of its own zone (the person's for floating times).
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

/// The person's time zone: the computer's, UTC when it cannot be told.
pub(crate) fn local_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| Tz::from_str(&name).ok())
        .unwrap_or(Tz::UTC)
}

/// The objects of a text, whatever their kind; lines that are not properties are skipped.
fn entries(text: &str) -> impl Iterator<Item = Entry> + '_ {
    let mut parser = Parser::new(text);
    std::iter::from_fn(move || match parser.entry() {
        Entry::Eof => None,
        entry => Some(entry),
    })
}

/// The events (`VEVENT`) of an iCalendar text, floating times in the person's zone.
pub(crate) fn events(ics: &str) -> Vec<Event> {
    events_in(ics, local_zone())
}

/// The events of an iCalendar text, floating times and dates in `local`.
pub(crate) fn events_in(ics: &str, local: Tz) -> Vec<Event> {
    let mut out = Vec::new();
    for entry in entries(ics) {
        let Entry::ICalendar(calendar) = entry else {
            continue;
        };
        let zones = Zones {
            calendar: &calendar,
            local,
        };
        for component in &calendar.components {
            if component.component_type == ICalendarComponentType::VEvent {
                out.push(zones.event(component));
            }
        }
    }
    out
}

/// The formatted names (`FN`) of the cards of a vCard text.
pub(crate) fn card_names(vcf: &str) -> Vec<String> {
    entries(vcf)
        .filter_map(|entry| match entry {
            Entry::VCard(card) => Some(card),
            _ => None,
        })
        .flat_map(|card| card.entries)
        .filter(|e| e.name == VCardProperty::Fn)
        .map(|e| {
            let parts: Vec<&str> = e
                .values
                .iter()
                .filter_map(|v| match v {
                    VCardValue::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect();
            parts.join(",")
        })
        .collect()
}

/// Resolves the dates of one calendar object.
struct Zones<'a> {
    calendar: &'a ICalendar,
    local: Tz,
}

impl Zones<'_> {
    fn event(&self, component: &ICalendarComponent) -> Event {
        let mut event = Event::default();
        let mut start_tzid = None;
        let mut rule: Option<&ICalendarRecurrenceRule> = None;
        // A nested VALARM is a component of its own: its properties are not among these.
        for entry in &component.entries {
            match (&entry.name, entry.values.first()) {
                (ICalendarProperty::Summary, _) => event.summary = Some(text(&entry.values)),
                (ICalendarProperty::Dtstart, Some(ICalendarValue::PartialDateTime(dt))) => {
                    start_tzid = entry.tz_id();
                    event.start = self.instant(dt, start_tzid);
                }
                (ICalendarProperty::Attendee, _) => event.has_attendee = true,
                (ICalendarProperty::Rrule, Some(ICalendarValue::RecurrenceRule(r))) => {
                    event.recurring = true;
                    rule = Some(r);
                }
                (ICalendarProperty::Rrule, _) => event.recurring = true,
                _ => {}
            }
        }
        // UNTIL is UTC, a date, or (loosely written) local to the start's zone.
        event.until = rule
            .and_then(|r| r.until.as_ref())
            .and_then(|until| self.instant(until, start_tzid));
        event
    }

    /// The instant of a date or date-time written in the zone `tzid` (`None`: floating).
    fn instant(&self, value: &PartialDateTime, tzid: Option<&str>) -> Option<OffsetDateTime> {
        let value = value.to_date_time()?;
        let local = value.date_time;
        let offset = match (value.offset, tzid) {
            (Some(offset), _) => offset,
            (None, Some(tzid)) => match self.calendar.build_tz_resolver().resolve(tzid) {
                Some(tz) => offset_in(tz, local)?,
                None => self
                    .vtimezone_offset(tzid, local)
                    .or_else(|| offset_in(self.local, local))?,
            },
            (None, None) => offset_in(self.local, local)?,
        };
        let utc = (local - offset).and_utc().timestamp();
        let offset = UtcOffset::from_whole_seconds(offset.local_minus_utc()).ok()?;
        Some(
            OffsetDateTime::from_unix_timestamp(utc)
                .ok()?
                .to_offset(offset),
        )
    }

    /// The offset of `local` by the rules of the object's `VTIMEZONE` named `tzid`, for names
    /// no registry knows (RFC 5545, 3.6.5: the observance with the last onset before it).
    /// Onsets are the observance's start and, for the usual yearly rules ("last Sunday of
    /// October"), their dates this year and last year.
    fn vtimezone_offset(&self, tzid: &str, local: NaiveDateTime) -> Option<FixedOffset> {
        let zone = self.calendar.timezones().find(|c| {
            c.entries.iter().any(|e| {
                e.name == ICalendarProperty::Tzid
                    && matches!(e.values.first(), Some(ICalendarValue::Text(t)) if t == tzid)
            })
        })?;
        let mut latest: Option<(NaiveDateTime, FixedOffset)> = None;
        let mut first: Option<(NaiveDateTime, FixedOffset)> = None;
        for id in &zone.component_ids {
            let Some(observance) = self.calendar.components.get(*id as usize) else {
                continue;
            };
            let mut start = None;
            let mut from = None;
            let mut to = None;
            let mut rule = None;
            for entry in &observance.entries {
                match (&entry.name, entry.values.first()) {
                    (ICalendarProperty::Dtstart, Some(ICalendarValue::PartialDateTime(dt))) => {
                        start = dt.to_date_time().map(|d| d.date_time);
                    }
                    (ICalendarProperty::Tzoffsetfrom, Some(ICalendarValue::PartialDateTime(o))) => {
                        from = utc_offset(o);
                    }
                    (ICalendarProperty::Tzoffsetto, Some(ICalendarValue::PartialDateTime(o))) => {
                        to = utc_offset(o);
                    }
                    (ICalendarProperty::Rrule, Some(ICalendarValue::RecurrenceRule(r))) => {
                        rule = Some(r);
                    }
                    _ => {}
                }
            }
            let (Some(start), Some(to)) = (start, to) else {
                continue;
            };
            if first.is_none_or(|(at, _)| start < at) {
                first = Some((start, from.unwrap_or(to)));
            }
            let until = rule
                .and_then(|r| r.until.as_ref())
                .and_then(|u| u.to_date_time())
                .map(|u| u.date_time);
            let yearly = rule.and_then(|r| {
                let month = r.bymonth.first()?.month();
                let day = r.byday.first()?;
                Some((u32::from(month), day.ordwk.unwrap_or(1), day.weekday.into()))
            });
            let mut onsets = vec![start];
            if let Some((month, nth, weekday)) = yearly {
                for year in [local.year() - 1, local.year()] {
                    if let Some(date) = nth_weekday(year, month, nth, weekday) {
                        onsets.push(date.and_time(start.time()));
                    }
                }
            }
            for onset in onsets {
                if onset >= start
                    && onset <= local
                    && until.is_none_or(|u| onset <= u)
                    && latest.is_none_or(|(at, _)| onset > at)
                {
                    latest = Some((onset, to));
                }
            }
        }
        latest.or(first).map(|(_, offset)| offset)
    }
}

/// The offset of the zone `tz` at the wall-clock time `local` (the earlier one when the clocks
/// go back, the one after the jump when they go forward).
fn offset_in(tz: Tz, local: NaiveDateTime) -> Option<FixedOffset> {
    let tz = if tz.is_floating() { Tz::UTC } else { tz };
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|dt| dt.offset().fix())
}

/// A `TZOFFSETTO`/`TZOFFSETFROM` value.
fn utc_offset(value: &PartialDateTime) -> Option<FixedOffset> {
    let seconds = i32::from(value.tz_hour?) * 3600 + i32::from(value.tz_minute.unwrap_or(0)) * 60;
    FixedOffset::east_opt(if value.tz_minus { -seconds } else { seconds })
}

/// The `nth` (negative: from the end) `weekday` of a month.
fn nth_weekday(year: i32, month: u32, nth: i16, weekday: chrono::Weekday) -> Option<NaiveDate> {
    if nth > 0 {
        return NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(nth).ok()?);
    }
    let next_month =
        NaiveDate::from_ymd_opt(year, month, 1)?.checked_add_months(chrono::Months::new(1))?;
    let mut day = next_month.pred_opt()?;
    while day.weekday() != weekday {
        day = day.pred_opt()?;
    }
    day.checked_sub_days(Days::new(7 * u64::from((-nth).unsigned_abs() - 1)))
        .filter(|d| d.month() == month)
}

/// A text property's value, its parts joined again where the parser split them.
fn text(values: &[ICalendarValue]) -> String {
    values
        .iter()
        .filter_map(|v| match v {
            ICalendarValue::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(",")
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
        let evs = events_in(ics, Tz::UTC);
        assert_eq!(evs.len(), 2);
        assert_eq!(evs[0].summary.as_deref(), Some("Réunion, bureau de l'asso"));
        // 09:00 in Paris (the old reader took it for 09:00 UTC).
        assert_eq!(evs[0].start, Some(datetime!(2026-12-01 08:00 UTC)));
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
    }

    #[test]
    fn tzid_is_honoured_around_midnight() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:m\r\n\
                   DTSTART;TZID=Europe/Paris:20261207T003000\r\nSUMMARY:AG\r\nEND:VEVENT\r\n\
                   END:VCALENDAR\r\n";
        let start = events(ics)[0].start.unwrap();
        assert_eq!(start, datetime!(2026-12-06 23:30 UTC));
        assert_eq!(
            start.to_offset(time::macros::offset!(+1)).date(),
            time::macros::date!(2026 - 12 - 07)
        );
        assert_eq!(
            start.to_offset(time::UtcOffset::UTC).date(),
            time::macros::date!(2026 - 12 - 06)
        );
    }

    #[test]
    fn vtimezone_defined_tzid() {
        // Outlook's names, and a zone known only by its VTIMEZONE rules.
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Asso Time\r\n\
                   BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n\
                   TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
                   BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n\
                   TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
                   END:VTIMEZONE\r\n\
                   BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Asso Time:20261207T003000\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Asso Time:20260701T003000\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=Romance Standard Time:20261207T003000\r\n\
                   END:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(
            Tz::from_str("Asso Time").is_err(),
            "known only by its rules"
        );
        let evs = events(ics);
        assert_eq!(evs[0].start, Some(datetime!(2026-12-06 23:30 UTC)));
        assert_eq!(evs[1].start, Some(datetime!(2026-06-30 22:30 UTC)));
        assert_eq!(evs[2].start, Some(datetime!(2026-12-06 23:30 UTC)));
    }

    #[test]
    fn folded_lines_anywhere() {
        // Folded inside the name, a parameter and the value; CRLF and bare LF; space and tab.
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:f\r\nDTST\r\n ART;TZID=Europe/Pa\r\n\
                   \tris:20261207T0\n 03000\r\nSUMM\r\n ARY:Assemblée\r\n  générale\r\nEND:VEVENT\r\n\
                   END:VCALENDAR\r\n";
        let evs = events(ics);
        assert_eq!(evs[0].summary.as_deref(), Some("Assemblée générale"));
        assert_eq!(evs[0].start, Some(datetime!(2026-12-06 23:30 UTC)));
    }

    #[test]
    fn escaped_commas_and_semicolons_in_names() {
        let vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Martin\\, Dupont;Zoé\\;Léa;;;\r\n\
                   FN:Zoé\\; Léa Martin\\, Dupont\r\nEND:VCARD\r\n\
                   BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Asso\\, \\\\ section\r\n  locale\r\nEND:VCARD\r\n";
        assert_eq!(
            card_names(vcf),
            vec!["Zoé; Léa Martin, Dupont", "Asso, \\ section locale"]
        );
    }

    #[test]
    fn floating_times_and_dates_are_the_persons() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART:20261207T003000\r\n\
                   END:VEVENT\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20260701\r\n\
                   END:VEVENT\r\nBEGIN:VEVENT\r\nUID:z\r\nDTSTART:20261207T003000Z\r\n\
                   END:VEVENT\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261301T003000Z\r\n\
                   END:VEVENT\r\nEND:VCALENDAR\r\n";
        let paris = Tz::from_str("Europe/Paris").unwrap();
        let evs = events_in(ics, paris);
        assert_eq!(evs[0].start, Some(datetime!(2026-12-06 23:30 UTC)));
        assert_eq!(
            evs[0].start.unwrap().date(),
            time::macros::date!(2026 - 12 - 07)
        );
        assert_eq!(evs[1].start, Some(datetime!(2026-06-30 22:00 UTC)));
        assert_eq!(evs[2].start, Some(datetime!(2026-12-07 00:30 UTC)));
        assert_eq!(evs[3].start, None);
        let evs = events_in(ics, Tz::UTC);
        assert_eq!(evs[0].start, Some(datetime!(2026-12-07 00:30 UTC)));
        assert_eq!(evs[1].start, Some(datetime!(2026-07-01 00:00 UTC)));
    }

    #[test]
    fn odd_texts_are_read_generously() {
        for text in [
            "",
            "not a calendar",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:cut",
            "END:VEVENT\r\n:\r\n;;;\r\nBEGIN:\r\n",
            "\u{feff}BEGIN:VCARD\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=A9\nEND:VCARD\n",
        ] {
            assert!(events(text).iter().all(|e| e.start.is_none()), "{text:?}");
            let _ = card_names(text);
        }
        let cut = events("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261207T003000Z\r\n");
        assert!(cut.len() <= 1);
        let qp = "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=A9\nEND:VCARD\n";
        assert_eq!(card_names(qp), vec!["Zoé"]);
    }
}
