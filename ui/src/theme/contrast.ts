// WCAG 2.1 relative luminance and contrast ratio, for the palette test and,
// later, for picking a readable text colour on the Nextcloud space's colour.

/** Parses `#rgb` or `#rrggbb` into [r, g, b] (0–255). */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  let digits = m[1]!;
  if (digits.length === 3) digits = [...digits].map((c) => c + c).join("");
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function readableOn(background: string): "#000000" | "#ffffff" {
  return contrastRatio("#000000", background) >= contrastRatio("#ffffff", background)
    ? "#000000"
    : "#ffffff";
}

/** `#rgb` / `#rrggbb` (any case, spaces around) as lowercase `#rrggbb`, or null. */
export function normalizeHex(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  try {
    return toHex(parseHex(value));
  } catch {
    return null;
  }
}

function toHex(rgb: readonly number[]): string {
  return "#" + rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("");
}

/**
 * `color`, darkened or lightened as little as possible (mixed with black or
 * white, so the hue stays) until it has at least `minimum` contrast against
 * every one of `backgrounds`. For buttons and links: 3:1 (WCAG 1.4.11).
 * If no mix passes (backgrounds both very dark and very light), the best of
 * black and white.
 */
export function ensureContrast(color: string, backgrounds: readonly string[], minimum = 3): string {
  const rgb = parseHex(color);
  const passes = (hex: string) => backgrounds.every((bg) => contrastRatio(hex, bg) >= minimum);
  const original = toHex(rgb);
  if (passes(original)) return original;
  // Try the direction away from the backgrounds first: darker on light pages.
  const lightPage =
    backgrounds.reduce((sum, bg) => sum + relativeLuminance(bg), 0) / Math.max(1, backgrounds.length) > 0.18;
  const targets = lightPage ? [0, 255] : [255, 0];
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    for (const target of targets) {
      const candidate = toHex(rgb.map((v) => v + (target - v) * t));
      if (passes(candidate)) return candidate;
    }
  }
  const worst = (hex: string) => Math.min(...backgrounds.map((bg) => contrastRatio(hex, bg)));
  return worst("#000000") >= worst("#ffffff") ? "#000000" : "#ffffff";
}
