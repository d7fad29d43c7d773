// Things that would break the Content-Security-Policy, privacy or
// accessibility promises, checked in the sources.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A string, not `new URL()`: the test DOM replaces the global URL.
const uiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const sources = [
  "index.html",
  ...(readdirSync(join(uiDir, "src"), { recursive: true }) as string[])
    .filter((f) => /\.(ts|css|html)$/.test(f))
    .map((f) => join("src", f)),
].map((file) => ({ file, text: readFileSync(join(uiDir, file), "utf8") }));

function offenders(pattern: RegExp): string[] {
  return sources.filter(({ text }) => pattern.test(text)).map(({ file }) => relative(".", file));
}

/** The sources without their comments (doc comments of the generated bindings may show addresses). */
function codeOffenders(pattern: RegExp): string[] {
  return sources
    .filter(({ file, text }) => {
      const code = /\.(ts|css)$/.test(file)
        ? text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
        : text;
      return pattern.test(code);
    })
    .map(({ file }) => relative(".", file));
}

describe("sources", () => {
  it("load nothing remote (no http(s) URLs, no web fonts)", () => {
    // The SVG namespace (for the QR code drawn with createElementNS) names, loads nothing.
    expect(codeOffenders(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/)).toEqual([]);
    expect(offenders(/@import|@font-face|url\(/)).toEqual([]);
  });

  it("use no inline handlers, eval or innerHTML", () => {
    expect(offenders(/\son[a-z]+\s*=\s*["']/)).toEqual([]);
    expect(offenders(/\beval\(|new Function\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write/)).toEqual([]);
  });

  it("have no inline script or style in index.html", () => {
    const html = readFileSync(join(uiDir, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
  });

  it("disable motion when asked and style the focus ring", () => {
    const css = readFileSync(join(uiDir, "src/styles/app.css"), "utf8");
    expect(css).toContain("prefers-reduced-motion: reduce");
    expect(css).toMatch(/:focus-visible\s*{[^}]*outline:\s*3px solid var\(--focus\)/);
    expect(css).toContain("--target: 2.75rem");
  });
});
