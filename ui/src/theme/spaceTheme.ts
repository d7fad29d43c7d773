// The Nextcloud space's colour applied to Passerelle: `--primary` (buttons,
// quota bar…) and `--on-primary` (text on it), always readable.
import type { Theming } from "../bindings/types";
import { contrastRatio, ensureContrast, normalizeHex, readableOn } from "./contrast";
import type { Palette } from "./palette";

export interface SpaceColors {
  primary: string;
  onPrimary: string;
}

/**
 * The colours to use for `theming` on `palette` (light or dark), or null when
 * the space has no usable colour (Passerelle's own colours stay).
 * - primary: the space's colour, darkened or lightened until it has 3:1
 *   against the page and card backgrounds (WCAG 1.4.11);
 * - onPrimary: the text colour the server suggests if it has 4.5:1 on
 *   primary, else black or white, whichever reads better.
 */
export function spaceColors(
  theming: Pick<Theming, "color" | "colorText"> | null | undefined,
  palette: Pick<Palette, "bg" | "surface">,
): SpaceColors | null {
  const color = normalizeHex(theming?.color);
  if (!color) return null;
  const primary = ensureContrast(color, [palette.bg, palette.surface], 3);
  const suggested = normalizeHex(theming?.colorText);
  const onPrimary =
    suggested && contrastRatio(suggested, primary) >= 4.5 ? suggested : readableOn(primary);
  return { primary, onPrimary };
}

/** A logo we may show: only `data:image/…` URLs, never anything remote. */
export function safeLogo(logo: string | null | undefined): string | null {
  return typeof logo === "string" && /^data:image\/[a-z0-9.+-]+[;,]/i.test(logo) ? logo : null;
}
