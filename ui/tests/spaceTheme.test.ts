// The space's colour made readable, whatever the colour.
import { describe, expect, it } from "vitest";
import { formatCountdown, groupFingerprint } from "../src/features/connect";
import { formatBytes } from "../src/components/ui";
import { contrastRatio, ensureContrast, normalizeHex } from "../src/theme/contrast";
import { PALETTES } from "../src/theme/palette";
import { safeLogo, spaceColors } from "../src/theme/spaceTheme";

/** Every colour on a 16-step grid (4096 colours), plus some known ones. */
function colours(): string[] {
  const steps = Array.from({ length: 16 }, (_, i) => i * 17);
  const list = ["#0082c9", "#ffff00", "#000000", "#ffffff", "#777777", "#f7f5f0", "#15181c", "#fff", "#0a5a8c"];
  for (const r of steps) for (const g of steps) for (const b of steps) {
    list.push("#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join(""));
  }
  return list;
}

describe("ensureContrast", () => {
  it("keeps a colour that already passes", () => {
    expect(ensureContrast("#0A5A8C", ["#ffffff"], 3)).toBe("#0a5a8c");
    expect(ensureContrast("#0082c9", [PALETTES.light.bg, PALETTES.light.surface])).toBe("#0082c9");
  });

  it("darkens a light colour on a light page and lightens a dark one on a dark page", () => {
    const yellow = ensureContrast("#ffff00", [PALETTES.light.bg, PALETTES.light.surface]);
    expect(contrastRatio(yellow, "#ffffff")).toBeGreaterThanOrEqual(3);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(yellow.slice(i, i + 2), 16));
    expect(r).toBe(g); // still a yellow
    expect(b).toBe(0);
    const black = ensureContrast("#000000", [PALETTES.dark.bg, PALETTES.dark.surface]);
    expect(contrastRatio(black, PALETTES.dark.bg)).toBeGreaterThanOrEqual(3);
  });

  it.each(Object.keys(PALETTES))("passes 3:1 on the %s backgrounds for any colour", (theme) => {
    const palette = PALETTES[theme as keyof typeof PALETTES];
    const failures: string[] = [];
    for (const colour of colours()) {
      const result = ensureContrast(colour, [palette.bg, palette.surface], 3);
      if (contrastRatio(result, palette.bg) < 3 || contrastRatio(result, palette.surface) < 3) {
        failures.push(`${colour} → ${result}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("passes against any single background, including mid greys", () => {
    const failures: string[] = [];
    for (const bg of ["#777777", "#808080", "#5a5a5a", "#ff0000", "#00ff00", "#0000ff"]) {
      for (const colour of colours().filter((_, i) => i % 7 === 0)) {
        const result = ensureContrast(colour, [bg], 3);
        if (contrastRatio(result, bg) < 3) failures.push(`${colour} on ${bg} → ${result}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("spaceColors", () => {
  it.each(Object.keys(PALETTES))("gives readable text on a usable primary (%s)", (theme) => {
    const palette = PALETTES[theme as keyof typeof PALETTES];
    for (const colour of colours().filter((_, i) => i % 3 === 0)) {
      for (const colorText of [null, "#ffffff", "#000000", "#777777"]) {
        const result = spaceColors({ color: colour, colorText }, palette)!;
        expect(contrastRatio(result.primary, palette.bg)).toBeGreaterThanOrEqual(3);
        expect(contrastRatio(result.primary, palette.surface)).toBeGreaterThanOrEqual(3);
        expect(contrastRatio(result.onPrimary, result.primary)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("uses the server's text colour only when it reads well", () => {
    expect(spaceColors({ color: "#0a5a8c", colorText: "#FFFFFF" }, PALETTES.light)).toEqual({
      primary: "#0a5a8c",
      onPrimary: "#ffffff",
    });
    // White on #0082c9 is 4.1:1: black instead.
    expect(spaceColors({ color: "#0082c9", colorText: "#ffffff" }, PALETTES.light)?.onPrimary).toBe("#000000");
    expect(spaceColors({ color: "#0a5a8c", colorText: "not a colour" }, PALETTES.light)?.onPrimary).toBe("#ffffff");
  });

  it("gives nothing for a missing or invalid colour", () => {
    expect(spaceColors({ color: null, colorText: null }, PALETTES.light)).toBeNull();
    expect(spaceColors({ color: "red", colorText: null }, PALETTES.light)).toBeNull();
    expect(spaceColors({ color: "#12345", colorText: null }, PALETTES.light)).toBeNull();
    expect(spaceColors(null, PALETTES.light)).toBeNull();
  });

  it("normalizes hex colours", () => {
    expect(normalizeHex(" #ABC ")).toBe("#aabbcc");
    expect(normalizeHex("#0082C9")).toBe("#0082c9");
    expect(normalizeHex("0082c9")).toBeNull();
    expect(normalizeHex(undefined)).toBeNull();
  });
});

describe("helpers", () => {
  it("accept only data: image logos", () => {
    expect(safeLogo("data:image/png;base64,AAAA")).toBe("data:image/png;base64,AAAA");
    expect(safeLogo("data:image/svg+xml;base64,AAAA")).toBe("data:image/svg+xml;base64,AAAA");
    expect(safeLogo("//evil.example/logo.png")).toBeNull();
    expect(safeLogo("javascript:alert(1)")).toBeNull();
    expect(safeLogo("data:text/html,<b>")).toBeNull();
    expect(safeLogo(null)).toBeNull();
  });

  it("group fingerprints by pairs, 8 per line", () => {
    const hex = "3a9f4c127be055c108aa6df2931ebc4760d82f9ac3710eb54ae98613fd275c08";
    expect(groupFingerprint(hex)).toBe(
      "3A 9F 4C 12 7B E0 55 C1\n08 AA 6D F2 93 1E BC 47\n60 D8 2F 9A C3 71 0E B5\n4A E9 86 13 FD 27 5C 08",
    );
    expect(groupFingerprint("SHA256:abc+/=")).toBe("SHA256:abc+/=");
  });

  it("format the countdown as mm:ss", () => {
    expect(formatCountdown(1200)).toBe("20:00");
    expect(formatCountdown(61)).toBe("01:01");
    expect(formatCountdown(0)).toBe("00:00");
    expect(formatCountdown(-5)).toBe("00:00");
  });

  it("format sizes in the person's language", () => {
    expect(formatBytes(0, "en")).toBe("0 byte");
    expect(formatBytes(1536, "en")).toBe("1.5 kB");
    expect(formatBytes(10 * 1024 ** 3, "fr")).toMatch(/^10\sGo$/);
  });
});
