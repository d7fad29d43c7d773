// WCAG 2.1 AA for the palette, in every theme: text 4.5:1, components 3:1.
import { describe, expect, it } from "vitest";
import { contrastRatio, readableOn } from "../src/theme/contrast";
import { PALETTES, paletteCss, TEXT_PAIRS, TOKENS, UI_PAIRS } from "../src/theme/palette";

describe("contrast helpers", () => {
  it("match known values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#fff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#0082c9", "#ffffff")).toBeCloseTo(4.13, 1);
    expect(readableOn("#0082c9")).toBe("#000000");
    expect(readableOn("#1c2024")).toBe("#ffffff");
  });
});

describe.each(Object.entries(PALETTES))("%s palette", (_name, palette) => {
  it("defines every token as a hex colour", () => {
    for (const token of TOKENS) expect(palette[token], token).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it.each(TEXT_PAIRS.map(([fg, bg]) => [fg, bg]))("text %s on %s ≥ 4.5:1", (fg, bg) => {
    expect(contrastRatio(palette[fg], palette[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS.map(([fg, bg]) => [fg, bg]))("component %s on %s ≥ 3:1", (fg, bg) => {
    expect(contrastRatio(palette[fg], palette[bg])).toBeGreaterThanOrEqual(3);
  });
});

describe("generated CSS", () => {
  it("declares every token for light, dark and system", () => {
    const css = paletteCss();
    for (const token of TOKENS) {
      expect(css.split(`--${token}: `).length - 1, token).toBe(3);
    }
    expect(css).toContain('[data-theme="dark"]');
    expect(css).toContain("@media (prefers-color-scheme: dark)");
  });
});
