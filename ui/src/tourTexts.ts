// Tour texts are Fluent messages whose ids come from the tour files: the
// bundled tours' in locales/<lang>/tours/*.ftl (bundled with the app), the
// loaded packs' from the backend (`tourMessages`), added at run time.
import type { Language } from "./bindings/types";
import type { Ctx } from "./context";
import { h } from "./dom";
import type { Args, I18n } from "./i18n";

/** Per I18n (one per app), the pack messages asked per language. */
const asked = new WeakMap<I18n, Map<Language, Promise<void>>>();

/**
 * Makes sure the loaded packs' messages for the current language are in the
 * i18n's run-time messages. Asked once per language; `again` after a pack
 * was loaded (every language is asked again when needed).
 */
export function loadTourMessages(ctx: Ctx, again = false): Promise<void> {
  const i18n = ctx.i18n;
  let perLanguage = asked.get(i18n);
  if (!perLanguage || again) {
    perLanguage = new Map();
    asked.set(i18n, perLanguage);
  }
  const lang = i18n.language;
  let pending = perLanguage.get(lang);
  if (!pending) {
    pending = ctx.api.tourMessages(lang).then(
      (source) => i18n.setRuntimeMessages(lang, source),
      (error: unknown) => {
        // The bundled tours still have their texts; ask again next time.
        console.warn("[tours] pack messages unavailable", error);
        perLanguage!.delete(lang);
      },
    );
    perLanguage.set(lang, pending);
  }
  return pending;
}

/** The current account, if any. */
function currentAccount(ctx: Ctx) {
  return ctx.state.accounts.find((a) => a.id === ctx.state.accountId) ?? null;
}

/**
 * The arguments every tour message gets: `space` (the space's name, or a
 * generic word) and `name` (the account's display name, else the profile's
 * name). Waits at most `waitMs` for the server to tell the space's name.
 */
export async function tourArgs(ctx: Ctx, waitMs: number): Promise<Args> {
  const account = currentAccount(ctx);
  const name = account?.displayName?.trim() || ctx.state.profile?.name || "";
  let space: string | null = null;
  const overview = account ? ctx.actions.currentOverview() : null;
  if (overview) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    space = await Promise.race([
      overview.then(
        (o) => o.theming.name?.trim() || null,
        () => null,
      ),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      }),
    ]);
    clearTimeout(timer);
  }
  return { space: space ?? ctx.i18n.t("tour-space-generic"), name };
}

/** A tour message, formatted; its id as a last resort (a broken tour shows where). */
export function tourText(ctx: Ctx, id: string, args: Args): string {
  const text = ctx.i18n.content(id, args);
  if (text !== undefined) return text;
  console.warn(`[tours] missing message: ${id}`);
  return id;
}

// ---- a text's layout ----------------------------------------------------------

/** A piece of a tour text: a paragraph (its single line breaks kept), or a list. */
export type TextPart =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; start: number; items: string[] };

export interface SplitOptions {
  /**
   * The text is a task's instructions (what to do, then checked): the lines
   * after a line ending with « : » are steps to follow in order, numbered
   * when there are at least 3 (two lines are most often two ways to do it).
   * Elsewhere such lines are listed without numbers (the parts of a menu,
   * three ways to find a file…).
   */
  instructions?: boolean;
}

/** A line numbered by its author: "1. ", "2) ". */
const NUMBERED = /^(\d{1,2})[.)]\s+(?=\S)/;
/** A line bulleted by its author: "- ", "• ", "– ". */
const BULLETED = /^[-•–]\s+(?=\S)/;
/** Longer than this, a line after « : » is prose, not an item. */
export const LONGEST_ITEM = 300;
/** A list has at least 2 items (a lone "1." line stays in its paragraph). */
const MIN_ITEMS = 2;
/** A task's instructions after « : » are numbered from 3 lines on. */
const MIN_NUMBERED_STEPS = 3;

function markerOf(line: string): { ordered: boolean; start: number; length: number } | null {
  const numbered = NUMBERED.exec(line);
  if (numbered) return { ordered: true, start: Number(numbered[1]), length: numbered[0].length };
  const bulleted = BULLETED.exec(line);
  return bulleted ? { ordered: false, start: 1, length: bulleted[0].length } : null;
}

/**
 * How a text is laid out: a blank line starts a new paragraph; inside a
 * paragraph, lines that look like steps make a list:
 * - at least 2 lines in a row numbered ("1.", "2)") → an ordered list (its
 *   first number kept), or bulleted ("-", "•", "–") → an unordered one;
 * - at least 2 lines that are not too long after a line ending with « : »
 *   (that line stays a paragraph, introducing the list) → a list, ordered
 *   only for a task's instructions (see `SplitOptions`).
 * Items keep their text as written (« ; » and all), only the marker goes.
 * The other lines stay together as a paragraph, their line breaks kept.
 */
export function splitText(text: string, options: SplitOptions = {}): TextPart[] {
  const parts: TextPart[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    let prose: string[] = [];
    const flush = () => {
      if (prose.length > 0) parts.push({ kind: "paragraph", text: prose.join("\n") });
      prose = [];
    };
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      const marker = markerOf(line);
      if (marker) {
        const items: string[] = [];
        let j = i;
        while (j < lines.length) {
          const m = markerOf(lines[j]!);
          if (!m || m.ordered !== marker.ordered) break;
          items.push(lines[j]!.slice(m.length));
          j += 1;
        }
        if (items.length >= MIN_ITEMS) {
          flush();
          parts.push({ kind: "list", ordered: marker.ordered, start: marker.start, items });
          i = j;
          continue;
        }
      }
      prose.push(line);
      i += 1;
      if (/:$/.test(line)) {
        let j = i;
        while (j < lines.length && !markerOf(lines[j]!) && lines[j]!.length <= LONGEST_ITEM) j += 1;
        const items = lines.slice(i, j);
        if (items.length >= MIN_ITEMS) {
          flush();
          const ordered = options.instructions === true && items.length >= MIN_NUMBERED_STEPS;
          parts.push({ kind: "list", ordered, start: 1, items });
          i = j;
        }
      }
    }
    flush();
  }
  return parts;
}

/**
 * A text as paragraphs and lists (see `splitText`). Text nodes only: a
 * text never brings markup. `id` names the block (for aria-labelledby).
 */
export function textBlock(text: string, options: SplitOptions & { id?: string } = {}): HTMLElement {
  return h(
    "div",
    { class: "tour-text", id: options.id },
    splitText(text, options).map((part) =>
      part.kind === "paragraph"
        ? h("p", null, part.text)
        : h(
            part.ordered ? "ol" : "ul",
            { class: "tour-text-list", start: part.ordered && part.start !== 1 ? part.start : null },
            part.items.map((item) => h("li", null, item)),
          ),
    ),
  );
}

// ---- what a check found ----------------------------------------------------------

/**
 * What a check found, as shown to the person: the server's evidence (a
 * folder, a file, a calendar, an event, a contact…) without its technical
 * details; null when it says nothing a person needs (a password that works,
 * bytes used).
 */
export function readableEvidence(evidence: string | null | undefined): string | null {
  const found = evidence?.trim();
  if (!found) return null;
  if (/^app password works for /i.test(found) || /^\d+ bytes used$/i.test(found)) return null;
  // A share: "/Essai partage (share 12, type 3)" → "/Essai partage".
  return found.replace(/\s*\(share [^()]*, type [^()]*\)$/i, "") || null;
}
