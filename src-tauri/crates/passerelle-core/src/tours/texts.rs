//! Tour texts outside the UI (the CLI, reports): every embedded message plus the loaded packs'
//! messages, formatted in one language. The UI does the same with its own Fluent bundle and
//! `tourMessages`.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::catalog::Catalog;
use crate::i18n::{self, Language};

/// Formats tour, check and engine messages in one language.
pub struct TourTexts {
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for TourTexts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TourTexts").finish_non_exhaustive()
    }
}

impl TourTexts {
    /// Embedded messages and the catalog's packs (a pack may reword a bundled tour's ids).
    pub fn new(catalog: &Catalog, lang: Language) -> Self {
        let langid: unic_langid::LanguageIdentifier =
            lang.tag().parse().expect("language tags are valid");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        let packs = catalog.pack_messages(lang);
        let sources = i18n::ftl_sources(lang)
            .into_iter()
            .map(|(_, text)| text.to_owned())
            .chain([packs]);
        for text in sources {
            let resource = FluentResource::try_new(text).unwrap_or_else(|(res, _)| res);
            bundle.add_resource_overriding(resource);
        }
        Self { bundle }
    }

    /// The message `id` with string arguments; the id itself when it is missing.
    pub fn format(&self, id: &str, args: &BTreeMap<String, String>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(k.as_str(), v.as_str());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// The message `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &BTreeMap::new())
    }
}
