// The colour palette: the one source of truth for colours. vite.config.ts
// turns it into CSS variables (`virtual:palette.css`), and
// tests/contrast.test.ts checks every pair below against WCAG 2.1 AA.
// No DOM here: this module is also loaded by the Vite config under Node.

export const TOKENS = [
  "bg", // page background
  "surface", // cards, inputs, dialogs
  "surface-alt", // header, nav, quiet panels
  "text",
  "text-muted",
  "primary", // main buttons; later set from the Nextcloud space's colour
  "on-primary", // text on --primary
  "accent-text", // links and highlighted text on bg/surface
  "border", // input and card borders (non-text, 3:1)
  "focus", // focus ring (non-text, 3:1)
  "danger",
  "on-danger",
  "danger-text",
  "error-bg",
  "error-text",
  "notice-bg",
  "notice-text",
  "notice-border",
  "current-bg", // active navigation link
  "current-text",
] as const;

export type Token = (typeof TOKENS)[number];
export type Palette = Record<Token, string>;
export type ThemeName = "light" | "dark";

export const PALETTES: Record<ThemeName, Palette> = {
  light: {
    bg: "#f7f5f0",
    surface: "#ffffff",
    "surface-alt": "#ece8de",
    text: "#1c2024",
    "text-muted": "#4d545d",
    primary: "#0a5a8c",
    "on-primary": "#ffffff",
    "accent-text": "#0a5a8c",
    border: "#767c84",
    focus: "#1b4fd1",
    danger: "#b42318",
    "on-danger": "#ffffff",
    "danger-text": "#a8201a",
    "error-bg": "#fdecea",
    "error-text": "#8a1c14",
    "notice-bg": "#fff4d6",
    "notice-text": "#4a3600",
    "notice-border": "#a47400",
    "current-bg": "#0a5a8c",
    "current-text": "#ffffff",
  },
  dark: {
    bg: "#15181c",
    surface: "#1e2227",
    "surface-alt": "#262b32",
    text: "#eef0f3",
    "text-muted": "#b7bfc9",
    primary: "#8cc4f2",
    "on-primary": "#0b1a26",
    "accent-text": "#9ccdf5",
    border: "#8a929c",
    focus: "#ffd166",
    danger: "#ff8a80",
    "on-danger": "#2a0704",
    "danger-text": "#ffa39b",
    "error-bg": "#3a1614",
    "error-text": "#ffd0cb",
    "notice-bg": "#372c0a",
    "notice-text": "#ffe6a6",
    "notice-border": "#c99a1e",
    "current-bg": "#8cc4f2",
    "current-text": "#0b1a26",
  },
};

/** Text on background: WCAG AA for normal text, 4.5:1. */
export const TEXT_PAIRS: ReadonlyArray<readonly [Token, Token]> = [
  ["text", "bg"],
  ["text", "surface"],
  ["text", "surface-alt"],
  ["text-muted", "bg"],
  ["text-muted", "surface"],
  ["text-muted", "surface-alt"],
  ["on-primary", "primary"],
  ["accent-text", "bg"],
  ["accent-text", "surface"],
  ["accent-text", "surface-alt"],
  ["on-danger", "danger"],
  ["danger-text", "bg"],
  ["danger-text", "surface"],
  ["error-text", "error-bg"],
  ["notice-text", "notice-bg"],
  ["current-text", "current-bg"],
];

/** User-interface components (borders, focus ring): WCAG 1.4.11, 3:1. */
export const UI_PAIRS: ReadonlyArray<readonly [Token, Token]> = [
  ["border", "bg"],
  ["border", "surface"],
  ["focus", "bg"],
  ["focus", "surface"],
  ["focus", "surface-alt"],
  ["focus", "notice-bg"],
  ["focus", "error-bg"],
  ["notice-border", "notice-bg"],
  ["primary", "bg"],
  ["primary", "surface"],
];

function block(selector: string, palette: Palette, scheme: ThemeName): string {
  const lines = TOKENS.map((token) => `  --${token}: ${palette[token]};`);
  return `${selector} {\n  color-scheme: ${scheme};\n${lines.join("\n")}\n}\n`;
}

/**
 * The CSS for all themes. `<html data-theme="light|dark">` forces a theme;
 * `data-theme="system"` (or none) follows `prefers-color-scheme`.
 */
export function paletteCss(): string {
  const system = ':root:not([data-theme="light"]):not([data-theme="dark"])';
  return [
    "/* Generated from src/theme/palette.ts. */",
    block(':root, :root[data-theme="light"]', PALETTES.light, "light"),
    block(':root[data-theme="dark"]', PALETTES.dark, "dark"),
    "@media (prefers-color-scheme: dark) {",
    block(system, PALETTES.dark, "dark"),
    "}",
  ].join("\n");
}
