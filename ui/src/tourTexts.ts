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

/** A text as paragraphs (blank lines separate them; single line breaks stay). */
export function textBlock(text: string, id?: string): HTMLElement {
  return h(
    "div",
    { class: "tour-text", id },
    text
      .split(/\n\s*\n/)
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map((part) => h("p", null, part)),
  );
}
