//! Localisation with Fluent. The `.ftl` files under the repository's `locales/<lang>/` are the
//! single source of every visible text; they are embedded in the binary so the app and the CLI
//! work offline. The UI reads the same files at build time.

use std::collections::BTreeSet;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{Dir, include_dir};

pub use crate::model::Language;

/// The repository's `locales/` folder, embedded at build time.
static LOCALES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../../locales");

/// Every `.ftl` file of one language: `(path relative to locales/, contents)`.
pub fn ftl_sources(lang: Language) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if let Some(dir) = LOCALES.get_dir(lang.tag()) {
        collect(dir, &mut out);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "ftl")
            && let Some(text) = file.contents_utf8()
        {
            out.push((file.path().display().to_string(), text));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// Languages that have at least one message file.
pub fn available_languages() -> Vec<Language> {
    Language::ALL
        .into_iter()
        .filter(|l| !ftl_sources(*l).is_empty())
        .collect()
}

/// The language of the operating system (French or English).
pub fn system_language() -> Language {
    Language::from_system_tag(sys_locale::get_locale().as_deref())
}

/// Message ids (and term ids, with their leading `-`) of one language.
pub fn message_ids(lang: Language) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (_, text) in ftl_sources(lang) {
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(res, _)| res);
        for entry in resource.entries() {
            match entry {
                fluent_syntax::ast::Entry::Message(m) => {
                    ids.insert(m.id.name.to_owned());
                }
                fluent_syntax::ast::Entry::Term(t) => {
                    ids.insert(format!("-{}", t.id.name));
                }
                _ => {}
            }
        }
    }
    ids
}

/// Formats messages of one language.
pub struct Localizer {
    lang: Language,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// A localiser for `lang`, with every embedded message of that language.
    pub fn new(lang: Language) -> Self {
        let langid: unic_langid::LanguageIdentifier =
            lang.tag().parse().expect("language tags are valid");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Plain text output (terminal, dialogs): no bidi isolation marks.
        bundle.set_use_isolating(false);
        for (_, text) in ftl_sources(lang) {
            // Syntax errors are caught by the locale tests; keep what parsed.
            let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(res, _)| res);
            bundle.add_resource_overriding(resource);
        }
        Self { lang, bundle }
    }

    /// The language of this localiser.
    pub fn language(&self) -> Language {
        self.lang
    }

    /// Whether a message with this id exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` without arguments; the id itself when it is missing.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with named arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        self.format(id, Some(&fargs))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_are_embedded() {
        assert_eq!(available_languages(), vec![Language::Fr, Language::En]);
    }

    #[test]
    fn formats_with_arguments_in_both_languages() {
        let fr = Localizer::new(Language::Fr);
        let en = Localizer::new(Language::En);
        let fr_text = fr.t_args("cli-doctor-profiles", &[("count", 2.into())]);
        let en_text = en.t_args("cli-doctor-profiles", &[("count", 2.into())]);
        assert!(
            fr_text.contains('2') && en_text.contains('2'),
            "{fr_text} / {en_text}"
        );
        assert_ne!(fr_text, en_text);
        assert_eq!(en.t("no-such-message-id"), "no-such-message-id");
    }
}
