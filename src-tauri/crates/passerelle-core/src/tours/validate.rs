//! Reads a `tour.toml` (and a pack's `pack.toml` and `.ftl` files) into a checked [`Tour`],
//! collecting every problem with its file, line, an English message and a concrete fix, so an
//! author sees them all at once. Kinds, keys and check types come from the tables in
//! `format` and `checks`; nothing here is a second list of them.
//!
//! It must never panic on what an author wrote: a broken tour is only a list of problems.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::check_spec::{CHECK_TYPES, Check, check_spec};
use super::format::{
    ADVANCE_VALUES, Advance, AnswerDef, COMMON_STEP_KEYS, Candidate, ChoiceDef, GOTO_KEYWORDS,
    LocatedCheck, MsgRef, NEXTCLOUD_MAJOR_RANGE, PackInfo, RawCandidate, RawPack, RawRange,
    RawStep, RawTour, SHOW_VALUES, STEP_KINDS, ShowKind, Step, StepBody, StepKind, Target, Tour,
    VersionRange, is_valid_id, is_valid_page,
};
use super::types::TourProblem;
use crate::i18n::Language;

/// Fluent message ids available to tours, per language.
pub type MessageIndex = HashMap<Language, BTreeSet<String>>;

/// What a tour may refer to besides itself.
pub struct Resources<'a> {
    /// Message ids per language.
    pub messages: &'a MessageIndex,
    /// File names present in the tour's `pictures/`.
    pub pictures: &'a BTreeSet<String>,
    /// Where a message of this tour belongs, per language (`locales/en/tours/files.ftl`).
    pub ftl_file: &'a dyn Fn(Language, &str) -> String,
}

impl std::fmt::Debug for Resources<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resources")
            .field("pictures", &self.pictures)
            .finish_non_exhaustive()
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let end = (0..=end)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    text[..end].matches('\n').count() as u32 + 1
}

/// Collects problems of one file.
struct Report<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<TourProblem>,
}

impl<'a> Report<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            problems: Vec::new(),
        }
    }

    fn line(&self, offset: usize) -> u32 {
        line_of(self.text, offset)
    }

    fn at(&mut self, offset: Option<usize>, message: impl Into<String>, fix: impl Into<String>) {
        let line = offset.map(|o| self.line(o));
        self.at_line(line, message, fix);
    }

    fn at_line(&mut self, line: Option<u32>, message: impl Into<String>, fix: impl Into<String>) {
        self.problems.push(TourProblem {
            file: self.file.to_owned(),
            line,
            message: message.into(),
            fix: fix.into(),
        });
    }

    /// A serde/TOML error, with a fix chosen from what it says.
    fn toml_error(&mut self, err: &toml::de::Error, fallback: Option<usize>, keys: &str) {
        let message = err.message().trim().to_owned();
        let fix = if message.contains("unknown field") {
            format!("remove it or correct its spelling; allowed here: {keys}")
        } else if message.contains("missing field") {
            format!("add it; expected here: {keys}")
        } else if message.contains("unknown variant") {
            "use one of the values listed".to_owned()
        } else if message.contains("invalid type") {
            "write a value of the expected type (text in quotes, numbers without)".to_owned()
        } else {
            "correct the TOML syntax at this place".to_owned()
        };
        let offset = err.span().map(|s| s.start).or(fallback);
        self.at(offset, message, fix);
    }
}

fn one_of(names: impl IntoIterator<Item = &'static str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

const TOUR_KEYS: &str = "id, version, title, summary, audience, apps, nextcloud, minutes, steps";

/// Parses and checks one `tour.toml`. The tour is `Some` only when there is no problem.
pub fn check_tour(file: &str, text: &str, res: &Resources<'_>) -> (Option<Tour>, Vec<TourProblem>) {
    let mut r = Report::new(file, text);
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in &errors {
            r.at(
                e.span().map(|s| s.start),
                format!("TOML syntax: {}", e.message().trim()),
                "correct the syntax (quotes around text, `=` between key and value, one key per line)",
            );
        }
        return (None, r.problems);
    }
    let header = match RawTour::deserialize(table.clone().into_deserializer()) {
        Ok(h) => Some(h),
        Err(e) => {
            r.toml_error(&e, Some(0), TOUR_KEYS);
            None
        }
    };
    let header = header.and_then(|h| check_header(&mut r, h));

    let root = DeValue::Table(table.into_inner());
    let mut steps = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut gotos: Vec<(Spanned<String>, String)> = Vec::new();
    match root.get("steps") {
        None => r.at(
            None,
            "the tour has no steps",
            "add at least one [[steps]] table with id, kind and text",
        ),
        Some(value) => match value.get_ref() {
            DeValue::Array(items) if !items.is_empty() => {
                for item in items.iter() {
                    if let Some(step) = check_step(&mut r, item, &mut ids, &mut gotos, res) {
                        steps.push(step);
                    }
                }
            }
            _ => r.at(
                Some(value.span().start),
                "`steps` must be a list of [[steps]] tables",
                "write each step as a [[steps]] table with id, kind and text",
            ),
        },
    }
    for (goto, step_id) in &gotos {
        let target = goto.get_ref();
        if !GOTO_KEYWORDS.contains(&target.as_str()) && !ids.contains_key(target) {
            r.at(
                Some(goto.span().start),
                format!("step `{step_id}`: goto `{target}` is not a step of this tour"),
                format!(
                    "use a step id of this tour ({}) or `next` or `end`",
                    ids.keys()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    let Some(mut tour) = header else {
        return (None, r.problems);
    };
    tour.steps = steps;
    check_messages(&mut r, &tour, res);
    if r.problems.is_empty() {
        (Some(tour), r.problems)
    } else {
        (None, r.problems)
    }
}

/// `verified = [29, 30]`: majors the candidate was seen working on, inside its own range.
fn verified_versions(
    r: &mut Report<'_>,
    c: &RawCandidate,
    nextcloud: Option<VersionRange>,
) -> Vec<u32> {
    let Some(list) = &c.verified else {
        return Vec::new();
    };
    let (lo, hi) = NEXTCLOUD_MAJOR_RANGE;
    let mut out = Vec::new();
    for &v in list.get_ref() {
        if v < i64::from(lo) || v > i64::from(hi) {
            r.at(
                Some(list.span().start),
                format!("verified: {v} is not a Nextcloud major version Passerelle knows"),
                format!("use major versions between {lo} and {hi}"),
            );
        } else if nextcloud.is_some_and(|n| !n.contains(v as u32)) {
            r.at(
                Some(list.span().start),
                format!("verified: {v} is outside the candidate's nextcloud range"),
                "widen the range, or remove the version",
            );
        } else {
            out.push(v as u32);
        }
    }
    out
}

fn range(r: &mut Report<'_>, raw: &Spanned<RawRange>, what: &str) -> Option<VersionRange> {
    let (lo, hi) = NEXTCLOUD_MAJOR_RANGE;
    let RawRange { min, max } = *raw.get_ref();
    let at = Some(raw.span().start);
    let mut ok = true;
    for (name, v) in [("min", min), ("max", max)] {
        if let Some(v) = v
            && (v < i64::from(lo) || v > i64::from(hi))
        {
            ok = false;
            r.at(
                at,
                format!("{what}: {name} = {v} is not a Nextcloud major version Passerelle knows"),
                format!("use a major version between {lo} and {hi}"),
            );
        }
    }
    if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        ok = false;
        r.at(
            at,
            format!("{what}: min = {a} is above max = {b}"),
            "swap them, or set min ≤ max",
        );
    }
    ok.then(|| VersionRange {
        min: min.map(|v| v as u32),
        max: max.map(|v| v as u32),
    })
}

fn msg(r: &Report<'_>, s: &Spanned<String>) -> MsgRef {
    MsgRef {
        id: s.get_ref().clone(),
        line: r.line(s.span().start),
    }
}

fn check_header(r: &mut Report<'_>, h: RawTour) -> Option<Tour> {
    let before = r.problems.len();
    let id = h.id.get_ref().clone();
    if !is_valid_id(&id) {
        r.at(
            Some(h.id.span().start),
            format!("tour id `{id}` may only use a-z, 0-9 and -"),
            "use lower-case letters, digits and dashes, like `files-basics`",
        );
    }
    let version = *h.version.get_ref();
    if !(1..=i64::from(u32::MAX)).contains(&version) {
        r.at(
            Some(h.version.span().start),
            format!("version = {version} must be a positive whole number"),
            "start at version = 1 and raise it with each change",
        );
    }
    let minutes = *h.minutes.get_ref();
    if !(1..=600).contains(&minutes) {
        r.at(
            Some(h.minutes.span().start),
            format!("minutes = {minutes} is not a plausible duration"),
            "give the estimated duration in minutes, between 1 and 600",
        );
    }
    for app in &h.apps {
        let name = app.get_ref();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            r.at(
                Some(app.span().start),
                format!("app `{name}` is not a Nextcloud app id"),
                "use app ids as in Nextcloud, like `files`, `calendar`, `contacts`",
            );
        }
    }
    let nextcloud = match &h.nextcloud {
        Some(raw) => Some(range(r, raw, "nextcloud")?),
        None => None,
    };
    (r.problems.len() == before).then(|| Tour {
        title: msg(r, &h.title),
        summary: msg(r, &h.summary),
        id,
        version: version as u32,
        audience: *h.audience.get_ref(),
        apps: h.apps.iter().map(|a| a.get_ref().clone()).collect(),
        nextcloud,
        minutes: minutes as u32,
        steps: Vec::new(),
    })
}

/// The keys a step of `kind` may have.
fn allowed_keys(kind: StepKind) -> Vec<&'static str> {
    let spec = kind.spec();
    COMMON_STEP_KEYS
        .iter()
        .chain(spec.required)
        .chain(spec.optional)
        .copied()
        .collect()
}

fn all_step_keys() -> String {
    let mut keys: Vec<&str> = COMMON_STEP_KEYS.to_vec();
    for spec in STEP_KINDS {
        for k in spec.required.iter().chain(spec.optional) {
            if !keys.contains(k) {
                keys.push(k);
            }
        }
    }
    keys.join(", ")
}

fn check_step(
    r: &mut Report<'_>,
    item: &Spanned<DeValue<'_>>,
    ids: &mut BTreeMap<String, usize>,
    gotos: &mut Vec<(Spanned<String>, String)>,
    res: &Resources<'_>,
) -> Option<Step> {
    let start = item.span().start;
    if !item.get_ref().is_table() {
        r.at(
            Some(start),
            "a step must be a table",
            "write the step as a [[steps]] table with id, kind and text",
        );
        return None;
    }
    let before = r.problems.len();
    // The id first, so gotos can be resolved even when the rest of the step is broken.
    let id = item
        .get_ref()
        .get("id")
        .and_then(|v| v.get_ref().as_str().map(|s| (s.to_owned(), v.span().start)));
    let step_name = id.as_ref().map(|(s, _)| s.clone()).unwrap_or_default();
    match &id {
        None => r.at(
            Some(start),
            "a step has no `id`",
            "add id = \"…\" (a-z, 0-9 and -, unique in the tour)",
        ),
        Some((s, at)) if !is_valid_id(s) => r.at(
            Some(*at),
            format!("step id `{s}` may only use a-z, 0-9 and -"),
            "use lower-case letters, digits and dashes, like `create-folder`",
        ),
        Some((s, at)) => {
            if let Some(first) = ids.get(s) {
                let first_line = r.line(*first);
                r.at(
                    Some(*at),
                    format!("step id `{s}` is used twice (first on line {first_line})"),
                    "give each step its own id",
                );
            } else {
                ids.insert(s.clone(), *at);
            }
        }
    }

    let check_value = item.get_ref().get("check");
    let raw = match RawStep::deserialize(item.clone().into_deserializer()) {
        Ok(raw) => raw,
        Err(e) => {
            r.toml_error(&e, Some(start), &all_step_keys());
            return None;
        }
    };
    let Some(kind_name) = raw.kind.as_ref() else {
        r.at(
            Some(start),
            format!("step `{step_name}` has no `kind`"),
            format!(
                "add kind = one of {}",
                one_of(STEP_KINDS.iter().map(|s| s.name))
            ),
        );
        return None;
    };
    let Some(spec) = StepKind::spec_of(kind_name.get_ref()) else {
        r.at(
            Some(kind_name.span().start),
            format!("unknown step kind `{}`", kind_name.get_ref()),
            format!("use one of {}", one_of(STEP_KINDS.iter().map(|s| s.name))),
        );
        return None;
    };
    let kind = spec.kind;
    let allowed = allowed_keys(kind);
    for (key, at) in raw.present(check_value.map(|v| v.span().start)) {
        if !allowed.contains(&key) {
            let takers: Vec<&str> = STEP_KINDS
                .iter()
                .filter(|s| s.required.contains(&key) || s.optional.contains(&key))
                .map(|s| s.name)
                .collect();
            r.at(
                Some(at),
                format!("`{key}` is not used by `{}` steps", spec.name),
                format!(
                    "remove it, or use a kind that takes it: {}",
                    takers.join(", ")
                ),
            );
        }
    }
    let present: HashSet<&str> = raw
        .present(check_value.map(|v| v.span().start))
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for key in spec.required {
        if !present.contains(key) {
            r.at(
                Some(kind_name.span().start),
                format!("`{}` step `{step_name}` has no `{key}`", spec.name),
                format!("add `{key}`: a {} step is {}", spec.name, spec.doc),
            );
        }
    }
    let text = match &raw.text {
        Some(t) => Some(msg(r, t)),
        None => {
            r.at(
                Some(start),
                format!("step `{step_name}` has no `text`"),
                "add text = \"<fluent-message-id>\"",
            );
            None
        }
    };
    let check = check_value.and_then(|v| check_check(r, v));

    let body = match kind {
        StepKind::Explain => {
            let picture = raw.picture.as_ref().map(|p| {
                let name = p.get_ref().clone();
                let at = p.span().start;
                let is_image = name.ends_with(".svg") || name.ends_with(".png");
                if !is_image || name.contains('/') {
                    r.at(
                        Some(at),
                        format!("picture `{name}` is not an .svg or .png file name"),
                        "name a file of the tour's pictures/ folder, like \"files-app.svg\"",
                    );
                } else if !res.pictures.contains(&name) {
                    r.at(
                        Some(at),
                        format!("picture `{name}` is not in the tour's pictures/ folder"),
                        format!("add pictures/{name} next to tour.toml, or correct the name"),
                    );
                }
                (name, r.line(at))
            });
            let show = raw.show.as_ref().and_then(|v| {
                let found = ShowKind::spec_of(v.get_ref()).map(|s| s.kind);
                if found.is_none() {
                    r.at(
                        Some(v.span().start),
                        format!("show = `{}` is not known", v.get_ref()),
                        format!("use one of {}", one_of(SHOW_VALUES.iter().map(|s| s.name))),
                    );
                }
                found
            });
            Some(StepBody::Explain { picture, show })
        }
        StepKind::Task => check.clone().map(|check| StepBody::Task {
            hint: raw.hint.as_ref().map(|h| msg(r, h)),
            check,
        }),
        StepKind::Choice => {
            let options = raw
                .options
                .as_ref()
                .map(|o| o.get_ref().as_slice())
                .unwrap_or(&[]);
            if options.is_empty() && raw.options.is_some() {
                r.at(
                    raw.options.as_ref().map(|o| o.span().start),
                    format!("choice step `{step_name}` has no options"),
                    "add options = [{ label = \"…\", goto = \"next\" }, …]",
                );
            }
            for o in options {
                gotos.push((o.goto.clone(), step_name.clone()));
            }
            Some(StepBody::Choice {
                options: options
                    .iter()
                    .map(|o| ChoiceDef {
                        label: msg(r, &o.label),
                        goto: o.goto.get_ref().clone(),
                    })
                    .collect(),
            })
        }
        StepKind::Quiz => {
            let answers = raw
                .answers
                .as_ref()
                .map(|a| a.get_ref().as_slice())
                .unwrap_or(&[]);
            if let Some(list) = &raw.answers
                && !answers.iter().any(|a| a.correct)
            {
                r.at(
                    Some(list.span().start),
                    format!("quiz step `{step_name}` has no correct answer"),
                    "mark at least one answer with correct = true",
                );
            }
            Some(StepBody::Quiz {
                answers: answers
                    .iter()
                    .map(|a| AnswerDef {
                        label: msg(r, &a.label),
                        correct: a.correct,
                        feedback: msg(r, &a.feedback),
                    })
                    .collect(),
            })
        }
        StepKind::Highlight => {
            let advance = match raw
                .advance
                .as_ref()
                .map(|a| (a.get_ref().as_str(), a.span().start))
            {
                None | Some(("next", _)) => Advance::Next,
                Some(("click", _)) => Advance::Click,
                Some(("check", at)) => {
                    if check.is_none() {
                        r.at(
                            Some(at),
                            format!(
                                "highlight step `{step_name}` advances on a check but has none"
                            ),
                            "add check = { type = \"…\", … }, or use advance = \"next\"",
                        );
                    }
                    Advance::Check
                }
                Some((other, at)) => {
                    r.at(
                        Some(at),
                        format!("advance = `{other}` is not known"),
                        format!("use one of {}", one_of(ADVANCE_VALUES.iter().copied())),
                    );
                    Advance::Next
                }
            };
            let target = raw.target.as_ref().map(|t| {
                let raw_t = t.get_ref();
                let candidates = raw_t.candidates.as_deref().unwrap_or(&[]);
                if candidates.is_empty() {
                    r.at(
                        Some(t.span().start),
                        format!("highlight step `{step_name}` has no target candidates"),
                        "add candidates = [{ selector = \"…\", nextcloud = { min = 28, max = 32 } }]",
                    );
                }
                let candidates = candidates
                    .iter()
                    .map(|c| {
                        let nextcloud = c
                            .nextcloud
                            .as_ref()
                            .and_then(|n| range(r, n, "candidate nextcloud"));
                        Candidate {
                            selector: c.selector.get_ref().clone(),
                            verified: verified_versions(r, c, nextcloud),
                            nextcloud,
                        }
                    })
                    .collect();
                let page = raw_t.page.as_ref().and_then(|p| {
                    if is_valid_page(p.get_ref()) {
                        Some(p.get_ref().clone())
                    } else {
                        r.at(
                            Some(p.span().start),
                            format!("page = `{}` is not a page of the space", p.get_ref()),
                            "write the address after index.php/, like \"settings/user/security\"",
                        );
                        None
                    }
                });
                Target {
                    page,
                    wait_ms: raw_t.wait_ms,
                    open: raw_t.open.clone(),
                    candidates,
                }
            });
            match (&raw.fallback, target) {
                (Some(fallback), Some(target)) => Some(StepBody::Highlight {
                    fallback: msg(r, fallback),
                    advance,
                    target,
                    check: check.clone(),
                }),
                _ => None,
            }
        }
    };
    if r.problems.len() != before {
        return None;
    }
    Some(Step {
        line: r.line(id.as_ref().map(|(_, at)| *at).unwrap_or(start)),
        id: step_name,
        text: text?,
        body: body?,
    })
}

fn check_check(r: &mut Report<'_>, value: &Spanned<DeValue<'_>>) -> Option<LocatedCheck> {
    let at = value.span().start;
    let types = one_of(CHECK_TYPES.iter().map(|c| c.name));
    let Some(ty) = value.get_ref().get("type") else {
        r.at(
            Some(at),
            "the check has no `type`",
            format!("add type = one of {types}"),
        );
        return None;
    };
    let Some(name) = ty.get_ref().as_str() else {
        r.at(
            Some(ty.span().start),
            "the check's `type` must be text",
            format!("use one of {types}"),
        );
        return None;
    };
    let Some(spec) = check_spec(name) else {
        r.at(
            Some(ty.span().start),
            format!("unknown check type `{name}`"),
            format!("use one of {types}"),
        );
        return None;
    };
    let check = match Check::deserialize(value.clone().into_deserializer()) {
        Ok(c) => c,
        Err(e) => {
            r.at(
                Some(e.span().map(|s| s.start).unwrap_or(at)),
                format!("check `{name}`: {}", e.message().trim()),
                format!("`{name}` takes {}", spec.fields),
            );
            return None;
        }
    };
    let problems = check.problems();
    for (message, fix) in &problems {
        r.at(Some(at), format!("check `{name}`: {message}"), fix.clone());
    }
    problems.is_empty().then(|| LocatedCheck {
        check,
        line: r.line(at),
    })
}

fn check_messages(r: &mut Report<'_>, tour: &Tour, res: &Resources<'_>) {
    let mut seen = HashSet::new();
    for m in tour.message_refs() {
        if !seen.insert(m.id.clone()) {
            continue;
        }
        let missing: Vec<Language> = Language::ALL
            .into_iter()
            .filter(|l| !res.messages.get(l).is_some_and(|ids| ids.contains(&m.id)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let langs: Vec<&str> = missing.iter().map(|l| l.tag()).collect();
        let files: Vec<String> = missing
            .iter()
            .map(|l| (res.ftl_file)(*l, &tour.id))
            .collect();
        let fix = if m.id.starts_with("check-") {
            format!("add `{} = …` to locales/<lang>/checks.ftl", m.id)
        } else {
            format!("add `{} = …` to {}", m.id, files.join(" and "))
        };
        r.at_line(
            Some(m.line),
            format!("message `{}` is missing in {}", m.id, langs.join(" and ")),
            fix,
        );
    }
}

/// Parses and checks a `pack.toml`.
pub fn check_pack(file: &str, text: &str) -> (Option<PackInfo>, Vec<TourProblem>) {
    let mut r = Report::new(file, text);
    let raw = match toml::from_str::<RawPack>(text) {
        Ok(raw) => raw,
        Err(e) => {
            r.toml_error(&e, Some(0), "id, version, name");
            return (None, r.problems);
        }
    };
    let id = raw.id.get_ref().clone();
    if !is_valid_id(&id) {
        r.at(
            Some(raw.id.span().start),
            format!("pack id `{id}` may only use a-z, 0-9 and -"),
            "use lower-case letters, digits and dashes, like `asso-tours`",
        );
    }
    let version = *raw.version.get_ref();
    if !(1..=i64::from(u32::MAX)).contains(&version) {
        r.at(
            Some(raw.version.span().start),
            format!("version = {version} must be a positive whole number"),
            "start at version = 1",
        );
    }
    if raw.name.get_ref().trim().is_empty() {
        r.at(
            Some(raw.name.span().start),
            "the pack has an empty name",
            "give the pack a name trainers recognise",
        );
    }
    if !r.problems.is_empty() {
        return (None, r.problems);
    }
    let info = PackInfo {
        id,
        version: version as u32,
        name: raw.name.get_ref().clone(),
    };
    (Some(info), r.problems)
}

/// The line where message `id` is defined in an FTL text.
pub fn ftl_line_of(text: &str, id: &str) -> Option<u32> {
    text.lines()
        .position(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i as u32 + 1)
}

/// Parses an FTL file: its message ids, and its syntax problems.
pub fn check_ftl(file: &str, text: &str) -> (BTreeSet<String>, Vec<TourProblem>) {
    let mut r = Report::new(file, text);
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(res) => res,
        Err((res, errors)) => {
            for e in errors {
                r.at(
                    Some(e.pos.start),
                    format!("Fluent syntax: {}", e.kind),
                    "correct the message (`id = text`, continuation lines indented)",
                );
            }
            res
        }
    };
    let ids = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect();
    (ids, r.problems)
}

/// Messages of a pack defined in one language but not the other: one problem each, on the line
/// where it is defined.
pub fn check_ftl_parity(ftl: &HashMap<Language, Vec<(String, String)>>) -> Vec<TourProblem> {
    let ids_of = |lang: Language| -> BTreeSet<String> {
        ftl.get(&lang)
            .into_iter()
            .flatten()
            .flat_map(|(file, text)| check_ftl(file, text).0)
            .collect()
    };
    let mut out = Vec::new();
    for lang in Language::ALL {
        for other in Language::ALL.into_iter().filter(|o| *o != lang) {
            let theirs = ids_of(other);
            for (file, text) in ftl.get(&lang).into_iter().flatten() {
                for id in check_ftl(file, text).0.difference(&theirs) {
                    out.push(TourProblem {
                        file: file.clone(),
                        line: ftl_line_of(text, id),
                        message: format!(
                            "message `{id}` exists in {} but not in {}",
                            lang.tag(),
                            other.tag()
                        ),
                        fix: format!(
                            "add `{id} = …` to the {} files (locales/{}/)",
                            other.tag(),
                            other.tag()
                        ),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res_all() -> (MessageIndex, BTreeSet<String>) {
        (MessageIndex::new(), BTreeSet::new())
    }

    #[test]
    fn lines_from_offsets() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        assert_eq!(ftl_line_of("# c\nx = 1\nxy = 2\n", "xy"), Some(3));
    }

    #[test]
    fn syntax_errors_have_lines() {
        let (msgs, pics) = res_all();
        let f = |_: Language, _: &str| String::new();
        let res = Resources {
            messages: &msgs,
            pictures: &pics,
            ftl_file: &f,
        };
        let (tour, problems) = check_tour("t.toml", "id = \"a\"\nversion = \n", &res);
        assert!(tour.is_none());
        assert_eq!(problems[0].line, Some(2), "{problems:?}");
    }

    /// Issue #8: `verified` lists real versions inside the candidate's own range.
    #[test]
    fn verified_versions_are_checked() {
        let (mut msgs, pics) = res_all();
        for lang in [Language::Fr, Language::En] {
            msgs.insert(lang, ["t", "s", "x", "y"].map(String::from).into());
        }
        let f = |_: Language, _: &str| String::new();
        let res = Resources {
            messages: &msgs,
            pictures: &pics,
            ftl_file: &f,
        };
        let tour = |verified: &str| {
            format!(
                "id = \"a\"\nversion = 1\ntitle = \"t\"\nsummary = \"s\"\naudience = \"member\"\n\
                 minutes = 1\n\n[[steps]]\nid = \"h\"\nkind = \"highlight\"\ntext = \"x\"\n\
                 fallback = \"y\"\n[steps.target]\ncandidates = [\n  {{ selector = \"b\", \
                 nextcloud = {{ min = 28, max = 30 }}, verified = {verified} }},\n]\n"
            )
        };
        let (ok, problems) = check_tour("t.toml", &tour("[29]"), &res);
        let ok = ok.unwrap_or_else(|| panic!("{problems:?}"));
        let step = &ok.steps[0];
        let StepBody::Highlight { target, .. } = &step.body else {
            panic!("not a highlight")
        };
        assert_eq!(target.candidates[0].verified, vec![29]);
        for bad in ["[31]", "[12]"] {
            let (_, problems) = check_tour("t.toml", &tour(bad), &res);
            let verified: Vec<_> = problems
                .iter()
                .filter(|p| p.message.starts_with("verified:"))
                .collect();
            assert_eq!(verified.len(), 1, "{bad}: {problems:?}");
            assert_eq!(verified[0].line, Some(15), "{problems:?}");
        }
    }
}
