// The Fluent bundles are parsed per language, the first time a language is
// needed: parsing both languages' files took ~50 ms before the first screen
// (issue 15, start-up).
import { describe, expect, it } from "vitest";
import { createI18n, type FtlSources } from "../src/i18n";

/** Sources whose texts record when they are read (parsed). */
function recordingSources(files: Record<string, string>): { sources: FtlSources; read: string[] } {
  const read: string[] = [];
  const sources: FtlSources = {};
  for (const [path, text] of Object.entries(files)) {
    Object.defineProperty(sources, path, {
      enumerable: true,
      get() {
        read.push(path);
        return text;
      },
    });
  }
  return { sources, read };
}

const FILES = {
  "../../locales/fr/ui.ftl": "hello = Bonjour\nonly-fr = Seulement en français\n",
  "../../locales/fr/tours/a.ftl": "tour-a = Visite A\n",
  "../../locales/en/ui.ftl": "hello = Hello\n",
  "../../locales/en/tours/a.ftl": "tour-a = Tour A\n",
};

describe("i18n start-up", () => {
  it("parses nothing before the first text is asked for", () => {
    const { sources, read } = recordingSources(FILES);
    createI18n("fr", sources);
    expect(read).toEqual([]);
  });

  it("parses only the language shown", () => {
    const { sources, read } = recordingSources(FILES);
    const i18n = createI18n("fr", sources);
    expect(i18n.t("hello")).toBe("Bonjour");
    expect(i18n.content("tour-a")).toBe("Visite A");
    expect(i18n.has("hello")).toBe(true);
    expect(read.sort()).toEqual(["../../locales/fr/tours/a.ftl", "../../locales/fr/ui.ftl"]);
  });

  it("parses another language when switching to it, once", () => {
    const { sources, read } = recordingSources(FILES);
    const i18n = createI18n("fr", sources);
    i18n.t("hello");
    i18n.setLanguage("en");
    expect(i18n.t("hello")).toBe("Hello");
    expect(i18n.t("tour-a")).toBe("Tour A");
    expect(read.filter((p) => p.includes("/en/")).sort()).toEqual([
      "../../locales/en/tours/a.ftl",
      "../../locales/en/ui.ftl",
    ]);
  });

  it("still falls back to another language for a missing message", () => {
    const { sources } = recordingSources(FILES);
    const i18n = createI18n("en", sources);
    expect(i18n.t("only-fr")).toBe("Seulement en français");
    expect(i18n.content("only-fr")).toBe("Seulement en français");
    expect(i18n.dynamic("only-fr")).toBeUndefined();
  });
});
