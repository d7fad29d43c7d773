// How a tour text is laid out (paragraphs, lists of steps), checked on the
// bundled tours' real texts, read here from locales/<lang>/tours/*.ftl and
// the tours' tour.toml; and what a check's evidence looks like to a person.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { LONGEST_ITEM, readableEvidence, splitText, textBlock, type TextPart } from "../src/tourTexts";

// A string, not `new URL()`: the test DOM replaces the global URL.
const repoDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const toursDir = join(repoDir, "src-tauri", "crates", "passerelle-core", "tours");
const LANGS = ["fr", "en"] as const;
const ARGS = { space: "Mon asso", name: "Camille" };

/** Every message of locales/<lang>/tours/*.ftl, formatted as the player shows it. */
function tourMessages(lang: string): Map<string, string> {
  const dir = join(repoDir, "locales", lang, "tours");
  const bundle = new FluentBundle(lang, { useIsolating: false });
  const ids: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    const resource = new FluentResource(readFileSync(join(dir, file), "utf8"));
    expect(bundle.addResource(resource), file).toEqual([]);
    ids.push(...resource.body.map((entry) => entry.id).filter((id) => !id.startsWith("-")));
  }
  return new Map(
    ids.map((id) => {
      const message = bundle.getMessage(id)!;
      return [id, message.value ? bundle.formatPattern(message.value, ARGS) : ""] as const;
    }),
  );
}

const texts = { fr: tourMessages("fr"), en: tourMessages("en") };

function text(lang: "fr" | "en", id: string): string {
  const found = texts[lang].get(id);
  if (found === undefined) throw new Error(`${id} not in locales/${lang}/tours`);
  return found;
}

/** The message ids of the bundled tours' task texts (`kind = "task"`, `text = …` in tour.toml). */
function taskTextIds(): Set<string> {
  const ids = new Set<string>();
  for (const tour of readdirSync(toursDir)) {
    const toml = readFileSync(join(toursDir, tour, "tour.toml"), "utf8");
    for (const step of toml.split("[[steps]]").slice(1)) {
      const textId = /^text\s*=\s*"([^"]+)"/m.exec(step)?.[1];
      if (/^kind\s*=\s*"task"/m.test(step) && textId) ids.add(textId);
    }
  }
  return ids;
}

const tasks = taskTextIds();

/** A part's shape, to compare the languages: "p", "ol 4", "ul 2". */
function shape(parts: TextPart[]): string[] {
  return parts.map((p) => (p.kind === "paragraph" ? "p" : `${p.ordered ? "ol" : "ul"} ${p.items.length}`));
}

/** No-break spaces (« Bureau », « : ») as plain spaces, to write the expected texts here. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/[\u00a0\u202f]/g, " ")) as T;
}

/** The lines of a text, without blank lines nor leading/trailing spaces. */
function lines(value: string): string[] {
  return value
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

describe("splitText on the bundled tours", () => {
  it("finds the tours' texts and tasks", () => {
    expect(texts.fr.size).toBeGreaterThan(100);
    expect(tasks.has("tour-files-move-file")).toBe(true);
    expect(tasks.has("tour-files-new-menu")).toBe(false);
  });

  it("lists the steps of « Rangez un fichier » in order, keeping their words", () => {
    const parts = splitText(text("fr", "tour-files-move-file"), { instructions: true });
    expect(plain(parts)).toEqual([
      { kind: "paragraph", text: "Rangez un fichier dans « Bureau », par exemple celui que vous venez d’envoyer :" },
      {
        kind: "list",
        ordered: true,
        start: 1,
        items: [
          "au bout de la ligne du fichier, cliquez sur « … » (« Actions ») ;",
          "choisissez « Déplacer ou copier » ;",
          "dans la fenêtre « Choisir la destination », cliquez sur « Bureau » ;",
          "cliquez sur « Déplacer vers Bureau ».",
        ],
      },
      { kind: "paragraph", text: "Plus rapide : faites glisser le fichier et lâchez-le sur le dossier « Bureau »." },
    ]);
    expect(shape(splitText(text("en", "tour-files-move-file"), { instructions: true }))).toEqual(["p", "ol 4", "p"]);
  });

  it("lists the steps of sharing with a member", () => {
    const parts = splitText(text("fr", "tour-sharing-share-member"), { instructions: true });
    expect(shape(parts)).toEqual(["p", "ol 4", "p"]);
    expect(plain(parts[0])).toEqual({ kind: "paragraph", text: "Partagez le dossier avec un·e membre :" });
    expect(plain((parts[1] as Extract<TextPart, { kind: "list" }>).items[0])).toBe(
      "dans le champ de recherche, tapez les premières lettres de son nom ;",
    );
    expect(shape(splitText(text("fr", "tour-sharing-share-link"), { instructions: true }))).toEqual(["p", "ol 6"]);
  });

  it("lists without numbers outside a task's instructions (a menu, ways to do something)", () => {
    const menu = splitText(text("fr", "tour-files-new-menu"));
    expect(shape(menu)).toEqual(["p", "ul 2", "p"]);
    expect(plain((menu[1] as Extract<TextPart, { kind: "list" }>).items[1])).toBe(
      "« Nouveau dossier » crée un dossier à l’endroit où vous êtes.",
    );
    expect(shape(splitText(text("fr", "tour-files-find-file")))).toEqual(["p", "ul 3", "p"]);
    // A paragraph's first sentences stay with the line that introduces the list.
    expect(plain(splitText(text("fr", "tour-sharing-welcome"))[1])).toEqual({
      kind: "paragraph",
      text: "Il y a trois façons de partager :",
    });
    // Two ways to do a task are not two steps.
    expect(shape(splitText(text("fr", "tour-sync-add-file"), { instructions: true }))).toEqual(["p", "ul 2", "p"]);
  });

  it("keeps texts without steps as paragraphs", () => {
    expect(splitText(text("fr", "tour-files-upload"), { instructions: true })).toEqual(
      lines(text("fr", "tour-files-upload")).map((line) => ({ kind: "paragraph", text: line })),
    );
    expect(splitText(text("fr", "tour-files-title"))).toEqual([{ kind: "paragraph", text: "Ranger vos fichiers" }]);
    expect(plain(splitText(text("fr", "tour-files-welcome"))[0])).toEqual({
      kind: "paragraph",
      text: "Sur Mon asso, l’application « Fichiers » garde les documents de l’association : comptes-rendus, affiches, photos… Ouvrez-la avec l’icône en forme de dossier, en haut de la page.",
    });
  });

  it.each(LANGS)("loses no line of any %s text, and numbers only task instructions", (lang) => {
    for (const [id, value] of texts[lang]) {
      const instructions = tasks.has(id);
      const parts = splitText(value, { instructions });
      const shown = parts.flatMap((p) => (p.kind === "paragraph" ? p.text.split("\n") : p.items));
      expect(shown, id).toEqual(lines(value));
      for (const part of parts) {
        if (part.kind === "list") {
          expect(part.ordered && !instructions, `${id}: numbered outside a task`).toBe(false);
          expect(part.items.every((item) => item.length <= LONGEST_ITEM), id).toBe(true);
        }
      }
    }
  });

  it("lays out French and English texts alike", () => {
    const different: string[] = [];
    for (const [id, fr] of texts.fr) {
      const options = { instructions: tasks.has(id) };
      const en = texts.en.get(id) ?? "";
      const [a, b] = [shape(splitText(fr, options)), shape(splitText(en, options))];
      if (a.join() !== b.join()) different.push(`${id}: fr ${a.join(", ")} / en ${b.join(", ")}`);
    }
    expect(different).toEqual([]);
  });

  it("makes lists of most bundled tasks' instructions", () => {
    const numbered = [...tasks].filter((id) =>
      splitText(text("fr", id), { instructions: true }).some((p) => p.kind === "list" && p.ordered),
    );
    expect(numbered.length).toBeGreaterThanOrEqual(10);
  });
});

describe("splitText with markers", () => {
  it("makes an ordered list of numbered lines, markers stripped", () => {
    expect(splitText("Pour commencer :\n1. ouvrez « Fichiers » ;\n2) cliquez sur « + Nouveau » ;\n3. choisissez.")).toEqual([
      { kind: "paragraph", text: "Pour commencer :" },
      {
        kind: "list",
        ordered: true,
        start: 1,
        items: ["ouvrez « Fichiers » ;", "cliquez sur « + Nouveau » ;", "choisissez."],
      },
    ]);
    expect(splitText("4. la suite ;\n5. la fin.")).toEqual([
      { kind: "list", ordered: true, start: 4, items: ["la suite ;", "la fin."] },
    ]);
  });

  it("makes an unordered list of bulleted lines, between paragraph lines", () => {
    expect(splitText("Avant\n- un ;\n• deux ;\n– trois.\nAprès")).toEqual([
      { kind: "paragraph", text: "Avant" },
      { kind: "list", ordered: false, start: 1, items: ["un ;", "deux ;", "trois."] },
      { kind: "paragraph", text: "Après" },
    ]);
  });

  it("ends a list where the marker changes", () => {
    expect(shape(splitText("1. a\n2. b\n- c\n- d"))).toEqual(["ol 2", "ul 2"]);
  });

  it("leaves lone or unmarked lines alone", () => {
    // One numbered line, a number without a space, a negative number, a time.
    for (const value of ["1. Une seule ligne", "3.5 Go utilisés\n2024 : l’année", "-5 degrés\n-2 degrés", "À 10:30 :\nvenez."]) {
      expect(splitText(value).every((p) => p.kind === "paragraph"), value).toBe(true);
    }
  });

  it("needs two lines, not too long, after « : »", () => {
    expect(shape(splitText("Un seul :\ncliquez."))).toEqual(["p"]);
    const prose = "Une phrase longue. ".repeat(20).trim();
    expect(shape(splitText(`Attention :\n${prose}\n${prose}`))).toEqual(["p"]);
    expect(shape(splitText("Deux :\nun ;\ndeux.", { instructions: true }))).toEqual(["p", "ul 2"]);
    expect(shape(splitText("Trois :\nun ;\ndeux ;\ntrois.", { instructions: true }))).toEqual(["p", "ol 3"]);
    expect(shape(splitText("Trois :\nun ;\ndeux ;\ntrois."))).toEqual(["p", "ul 3"]);
  });

  it("separates paragraphs on blank lines and keeps single line breaks", () => {
    expect(splitText("  Un\ndeux  \n\n \n\nTrois\n")).toEqual([
      { kind: "paragraph", text: "Un\ndeux" },
      { kind: "paragraph", text: "Trois" },
    ]);
    expect(splitText("")).toEqual([]);
  });
});

describe("textBlock", () => {
  it("renders paragraphs and lists", () => {
    const block = textBlock(text("fr", "tour-files-move-file"), { instructions: true, id: "the-text" });
    expect(block.id).toBe("the-text");
    expect([...block.children].map((c) => c.tagName)).toEqual(["P", "OL", "P"]);
    const items = [...block.querySelectorAll("ol > li")].map((li) => li.textContent);
    expect(items).toHaveLength(4);
    expect(plain(items[3])).toBe("cliquez sur « Déplacer vers Bureau ».");
    expect(block.querySelector("ol")!.hasAttribute("start")).toBe(false);
    expect(textBlock(text("fr", "tour-files-new-menu")).querySelector("ul > li")).not.toBeNull();
    expect(textBlock("7. sept\n8. huit").querySelector("ol")!.getAttribute("start")).toBe("7");
  });

  it("never turns a text into markup", () => {
    const block = textBlock('<b>gras</b> <img src=x onerror="alert(1)">\n- <i>un</i>\n- deux &amp; trois');
    expect(block.querySelector("b, i, img")).toBeNull();
    expect(block.querySelector("p")!.textContent).toBe('<b>gras</b> <img src=x onerror="alert(1)">');
    expect([...block.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["<i>un</i>", "deux &amp; trois"]);
  });
});

describe("readableEvidence", () => {
  it("keeps what a person recognises", () => {
    expect(readableEvidence("/Bureau/compte-rendu-AG.txt")).toBe("/Bureau/compte-rendu-AG.txt");
    expect(readableEvidence("Réunion d’essai")).toBe("Réunion d’essai");
  });

  it("drops the technical details", () => {
    expect(readableEvidence("/Essai partage (share 12, type 3)")).toBe("/Essai partage");
    expect(readableEvidence("app password works for alice")).toBeNull();
    expect(readableEvidence("123456 bytes used")).toBeNull();
    expect(readableEvidence("  ")).toBeNull();
    expect(readableEvidence(null)).toBeNull();
  });
});
