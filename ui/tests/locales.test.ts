// Checks the Fluent files under locales/ and the ids the UI code uses:
// 1. every id exists in every language;
// 2. every literal id passed to t() exists in some language;
// 3. every .ftl parses (and formats) without errors with @fluent/bundle.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { buildBundles, LANGUAGES } from "../src/i18n";

// A string, not `new URL()`: the test DOM replaces the global URL.
const uiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const localesDir = join(uiDir, "..", "locales");
const srcDir = join(uiDir, "src");

function filesUnder(dir: string, ext: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f))
    .sort();
}

interface FtlFile {
  path: string; // relative to locales/
  lang: string;
  source: string;
  resource: FluentResource;
}

const ftlFiles: FtlFile[] = filesUnder(localesDir, ".ftl").map((full) => {
  const path = relative(localesDir, full).split(sep).join("/");
  const source = readFileSync(full, "utf8");
  return { path, lang: path.split("/")[0]!, source, resource: new FluentResource(source) };
});

const languages = [...new Set(ftlFiles.map((f) => f.lang))].sort();

/** id → files defining it, per language. */
function idsOf(lang: string): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const file of ftlFiles.filter((f) => f.lang === lang)) {
    for (const entry of file.resource.body) {
      ids.set(entry.id, [...(ids.get(entry.id) ?? []), file.path]);
    }
  }
  return ids;
}

/** Names of the `$variables` a parsed message uses (walks the AST). */
function variablesOf(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) variablesOf(item, found);
  } else if (node && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    if (obj.type === "var" && typeof obj.name === "string") found.add(obj.name);
    for (const value of Object.values(obj)) variablesOf(value, found);
  }
  return found;
}

/** Literal ids in `t("id")` / `t('id')` calls of the UI sources. */
function literalIds(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const full of filesUnder(srcDir, ".ts")) {
    const text = readFileSync(full, "utf8");
    const file = relative(uiDir, full);
    for (const m of text.matchAll(/\bt\(\s*(["'])([^"'\n]+)\1/g)) {
      found.set(m[2]!, [...(found.get(m[2]!) ?? []), file]);
    }
  }
  return found;
}

describe("locale files", () => {
  it("exist for French and English", () => {
    expect(languages).toEqual(expect.arrayContaining([...LANGUAGES]));
    for (const lang of LANGUAGES) {
      expect(ftlFiles.some((f) => f.lang === lang && f.path === `${lang}/ui.ftl`)).toBe(true);
    }
  });

  it("define the same ids in every language", () => {
    const all = new Map(languages.map((lang) => [lang, idsOf(lang)]));
    const problems: string[] = [];
    for (const [lang, ids] of all) {
      for (const [other, otherIds] of all) {
        if (other === lang) continue;
        for (const [id, files] of ids) {
          if (!otherIds.has(id)) problems.push(`${id} is in ${files.join(", ")} but not in ${other}/`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(ftlFiles.map((f) => [f.path, f] as const))("%s parses without errors", (_path, file) => {
    const problems: string[] = [];
    // The runtime parser skips invalid entries silently, so check the shape:
    // at column 0 only comments and `id =` / `-term =` may start a line…
    const starts: string[] = [];
    file.source.split(/\r?\n/).forEach((line, i) => {
      if (line === "" || /^\s/.test(line) || line.startsWith("#")) return;
      const m = /^(-?[a-zA-Z][\w-]*)\s*=/.exec(line);
      if (m) starts.push(m[1]!);
      else if (!/^[}\]*.[]/.test(line)) problems.push(`line ${i + 1}: not a message: ${line}`);
    });
    // …and every entry that starts must have been parsed.
    const parsed = new Set(file.resource.body.map((e) => e.id));
    for (const id of starts) if (!parsed.has(id)) problems.push(`${id}: could not be parsed`);

    // Duplicates inside the file or with the other files of the language.
    const bundle = new FluentBundle(file.lang, { useIsolating: false });
    for (const other of ftlFiles.filter((f) => f.lang === file.lang && f !== file)) {
      bundle.addResource(other.resource);
    }
    for (const error of bundle.addResource(file.resource)) problems.push(error.message);
    const ids = file.resource.body.map((e) => e.id);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
      problems.push(`${id}: defined twice`);
    }

    // Every message formats without errors (missing references, …), given
    // a value for each variable it uses.
    for (const entry of file.resource.body) {
      if (entry.id.startsWith("-")) continue;
      const message = bundle.getMessage(entry.id);
      if (!message) continue;
      const args: Record<string, number> = {};
      for (const name of variablesOf(message)) args[name] = 1;
      const errors: Error[] = [];
      if (message.value) bundle.formatPattern(message.value, args, errors);
      for (const attr of Object.values(message.attributes)) bundle.formatPattern(attr, args, errors);
      for (const error of errors) problems.push(`${entry.id}: ${error.message}`);
    }
    expect(problems).toEqual([]);
  });

  it("are all bundled by the app (import.meta.glob path)", () => {
    const bundles = buildBundles();
    for (const lang of LANGUAGES) {
      const missing = [...idsOf(lang).keys()].filter(
        (id) => !id.startsWith("-") && !bundles.get(lang)!.hasMessage(id),
      );
      expect(missing, lang).toEqual([]);
      expect(bundles.get(lang)!.hasMessage("welcome-title")).toBe(true);
    }
  });

  it("have the ids the app needs from errors.ftl", () => {
    for (const lang of LANGUAGES) {
      const ids = idsOf(lang);
      for (const id of ["error-unknown", "error-profile-name-empty", "error-profile-name-taken", "error-store"]) {
        expect(ids.has(id), `${lang}: ${id}`).toBe(true);
      }
    }
  });
});

describe("ids used in the code", () => {
  const used = literalIds();

  it("are found by the scan", () => {
    expect(used.size).toBeGreaterThan(40);
    expect(used.has("welcome-title")).toBe(true);
  });

  it("exist in a locale", () => {
    const known = new Set(languages.flatMap((lang) => [...idsOf(lang).keys()]));
    const missing = [...used].filter(([id]) => !known.has(id)).map(([id, files]) => `${id} (${files.join(", ")})`);
    expect(missing).toEqual([]);
  });

  it("are string literals", () => {
    // t(variable) would escape the checks above; dynamic ids go through
    // i18n.dynamic() (only for `error-<code>` / `notice-<code>`).
    const offenders: string[] = [];
    for (const full of filesUnder(srcDir, ".ts")) {
      if (full.endsWith(`${sep}i18n.ts`)) continue;
      const text = readFileSync(full, "utf8");
      for (const m of text.matchAll(/\bt\(\s*([^"'\s)])/g)) {
        offenders.push(`${relative(uiDir, full)}: t(${m[1]}…`);
      }
      for (const m of text.matchAll(/\bt\(\s*`/g)) offenders.push(`${relative(uiDir, full)}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
