/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { paletteCss } from "./src/theme/palette";

const uiDir = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const host = process.env.TAURI_DEV_HOST;

/**
 * `import "virtual:palette.css"` gives the CSS variables generated from
 * src/theme/palette.ts, the single source of truth for colours (the contrast
 * test reads the same module). Generated at build time: no inline <style>.
 */
function palettePlugin(): Plugin {
  const id = "virtual:palette.css";
  const resolved = "\0" + id;
  return {
    name: "passerelle-palette",
    resolveId: (source) => (source === id ? resolved : undefined),
    load: (source) => (source === resolved ? paletteCss() : undefined),
  };
}

/**
 * `vite build --mode overlay`: the overlay injected into the space window (src/overlay), one
 * self-contained IIFE file that the Rust shell embeds (`dist/overlay/passerelle-overlay.js`).
 * Runs after the main build, which empties `dist/`.
 */
const overlayConfig = defineConfig({
  root: uiDir,
  clearScreen: false,
  build: {
    outDir: "dist/overlay",
    emptyOutDir: false,
    target: "safari13",
    minify: "esbuild",
    lib: {
      entry: fileURLToPath(new URL("./src/overlay/main.ts", import.meta.url)),
      formats: ["iife"],
      name: "passerelleOverlay",
      fileName: () => "passerelle-overlay.js",
    },
  },
});

const appConfig = defineConfig({
  root: uiDir,
  plugins: [palettePlugin()],
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: "ws", host, port: 1421 } : undefined,
    // locales/ lives at the repository root, outside ui/.
    fs: { allow: [uiDir, repoRoot] },
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Tauri uses WebView2 (Chromium) on Windows and WebKit elsewhere.
    target: process.env.TAURI_ENV_PLATFORM === "windows" ? "chrome105" : "safari13",
    minify: process.env.TAURI_ENV_DEBUG ? false : "esbuild",
    sourcemap: !!process.env.TAURI_ENV_DEBUG,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts", "src/overlay/**/*.test.ts"],
    restoreMocks: true,
  },
});

export default defineConfig(({ mode }) => (mode === "overlay" ? overlayConfig : appConfig));
