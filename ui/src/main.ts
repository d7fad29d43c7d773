// Passerelle's user interface.
//
// No UI framework, on purpose: plain TypeScript modules and a tiny DOM helper
// (src/dom.ts), one module per screen, each a `render(ctx) -> HTMLElement`.
// - The screens are small; a framework would bring more code than they have.
// - Few dependencies to audit (Tauri's API and Fluent only at run time).
// - Fast to start and light on old laptops: no virtual DOM, no runtime to load.
// - Nothing remote: everything, fonts and translations included, is bundled.
// - Testable: vitest renders each screen with a context holding a fake backend.
// Start-up marks for the profiler (nothing reads them in production; they cost nothing).
performance.mark("passerelle-script");
import "virtual:palette.css";
import "./styles/app.css";
import { appBootstrap } from "./bindings/commands";

// What the first screen needs is asked at once; the rest of the interface (its own chunk) is
// loaded meanwhile, so the answer and the code arrive together.
const bootstrap = appBootstrap();
const root = document.getElementById("app");
if (root) void import("./app").then(({ startApp }) => startApp(root, undefined, undefined, bootstrap));
