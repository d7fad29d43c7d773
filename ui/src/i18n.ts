// Localisation with Fluent. Every .ftl file under locales/<lang>/ is bundled
// at build time (nothing is fetched at run time). Message ids passed to `t()`
// are always string literals: tests/locales.test.ts scans the sources for
// them and checks that each exists.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { Language } from "./bindings/types";

export const LANGUAGES: readonly Language[] = ["fr", "en"];

/** Each language's own name, the only text allowed outside Fluent files. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  fr: "Français",
  en: "English",
};

export type FtlSources = Record<string, string>;

const bundledSources: FtlSources = import.meta.glob<string>("../../locales/*/**/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
});

export type Args = Record<string, FluentVariable>;

export interface I18n {
  readonly language: Language;
  setLanguage(language: Language): void;
  /** Formats the message `id`. Pass ids as string literals only. */
  t(id: string, args?: Args): string;
  /**
   * Like `t()` for ids built at run time (only `error-<code>` from the
   * backend). Returns undefined when the id does not exist.
   */
  dynamic(id: string, args?: Args): string | undefined;
  /** Whether `id` exists in the current language. */
  has(id: string): boolean;
  /**
   * Replaces the messages added at run time for `lang` (the FTL of the
   * loaded tour packs). They are kept apart from the bundled files: they
   * never change the interface's own texts.
   */
  setRuntimeMessages(lang: Language, source: string): void;
  /**
   * Formats a content message whose id comes from data (tour texts, check
   * results): the run-time messages first (a pack may update a bundled
   * tour's texts), then the bundled ones, in the current language, then in
   * the others. Undefined when no language has it.
   */
  content(id: string, args?: Args): string | undefined;
}

/** The language folder of a path such as `../../locales/fr/sub/x.ftl`. */
function languageOf(path: string): string | undefined {
  return /(?:^|\/)locales\/([^/]+)\//.exec(path)?.[1];
}

/** One language's bundle: its files in `sources`, parsed now. */
export function buildBundle(lang: Language, sources: FtlSources = bundledSources): FluentBundle {
  // Fluent's bidi isolation marks are useless for French and English and
  // would end up inside paths and names.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  for (const path of Object.keys(sources).sort()) {
    if (languageOf(path) !== lang) continue;
    const errors = bundle.addResource(new FluentResource(sources[path]!));
    for (const error of errors) console.warn(`[i18n] ${path}: ${error.message}`);
  }
  return bundle;
}

export function buildBundles(sources: FtlSources = bundledSources): Map<Language, FluentBundle> {
  return new Map(LANGUAGES.map((lang) => [lang, buildBundle(lang, sources)]));
}

/**
 * Each language's bundle, parsed the first time that language is needed: at
 * start only the language shown is parsed (parsing every language took ~50 ms
 * before the first screen could be drawn, issue 15).
 */
function lazyBundles(sources: FtlSources): (lang: Language) => FluentBundle {
  const parsed = new Map<Language, FluentBundle>();
  return (lang) => {
    let bundle = parsed.get(lang);
    if (!bundle) {
      bundle = buildBundle(lang, sources);
      parsed.set(lang, bundle);
    }
    return bundle;
  };
}

let sharedBundles: ((lang: Language) => FluentBundle) | undefined;

export function createI18n(language: Language, sources?: FtlSources): I18n {
  const bundled = sources ? lazyBundles(sources) : (sharedBundles ??= lazyBundles(bundledSources));
  let current: Language = language;
  /** Per language, the messages added at run time (tour packs). */
  const runtime = new Map<Language, FluentBundle>();

  function format(lang: Language, id: string, args?: Args): string | undefined {
    return formatIn(bundled(lang), lang, id, args);
  }

  function formatIn(
    bundle: FluentBundle | undefined,
    lang: Language,
    id: string,
    args?: Args,
  ): string | undefined {
    const message = bundle?.getMessage(id);
    if (!bundle || !message?.value) return undefined;
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, args ?? null, errors);
    for (const error of errors) console.warn(`[i18n] ${lang}/${id}: ${error.message}`);
    return text;
  }

  return {
    get language() {
      return current;
    },
    setLanguage(lang) {
      current = lang;
    },
    t(id, args) {
      const text = format(current, id, args);
      if (text !== undefined) return text;
      // Fall back to another language rather than showing nothing.
      for (const other of LANGUAGES) {
        const fallback = other === current ? undefined : format(other, id, args);
        if (fallback !== undefined) return fallback;
      }
      console.warn(`[i18n] missing message: ${id}`);
      return id;
    },
    dynamic(id, args) {
      return format(current, id, args);
    },
    has(id) {
      return bundled(current).hasMessage(id);
    },
    setRuntimeMessages(lang, source) {
      const bundle = new FluentBundle(lang, { useIsolating: false });
      const errors = bundle.addResource(new FluentResource(source));
      for (const error of errors) console.warn(`[i18n] tour packs (${lang}): ${error.message}`);
      runtime.set(lang, bundle);
    },
    content(id, args) {
      const order = [current, ...LANGUAGES.filter((l) => l !== current)];
      for (const lang of order) {
        const text = formatIn(runtime.get(lang), lang, id, args) ?? format(lang, id, args);
        if (text !== undefined) return text;
      }
      return undefined;
    },
  };
}

/** The language to use before the backend has answered. */
export function guessLanguage(): Language {
  const nav = typeof navigator !== "undefined" ? navigator.language : "";
  return nav.toLowerCase().startsWith("en") ? "en" : "fr";
}
