// Looks for the highlight targets of tour steps on a real Nextcloud web interface, with the
// overlay's own lookup (ui/src/overlay/lookup.ts, bundled here by esbuild), in Debian's Chromium.
//
// Input (JSON on stdin):
//   { url, user, password, major, locale?, shots?, steps: [{ tour, step, page, target }] }
// where `page` is the step's page under index.php/ and `target` is an OverlayTarget
// (ui/src/overlay/types.ts). Output (stdout): one JSON object per step, one per line:
//   { tour, step, page, found, selector?, candidate?, opened?, openFailed?, tried, seen }
// where `seen` counts, for every candidate of the step (in range or not), the elements it
// matches and how many of them are visible when the lookup ended. Progress goes to stderr.
//
// Like the app's overlay, the lookup starts when the page's DOM is parsed and waits for DOM
// changes, bounded by the step's wait_ms: nothing here sleeps for a fixed time.

import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SIGN_IN_MS = 60_000;
const PAGE_MS = 60_000;

const log = (...args) => console.error("[highlights]", ...args);

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** The overlay's lookup as one script: `__passerelleCheck.start(target, major)` at DOMContentLoaded. */
async function bundleLookup() {
  // esbuild comes with the UI's dev dependencies (npm --prefix ui ci).
  const esbuild = createRequire(join(repo, "ui", "package.json"))("esbuild");
  const entry = `
    import { applicable, browserEnv, locate, visibleMatches } from "./ui/src/overlay/lookup.ts";
    function start(target, major) {
      if (window.top !== window || window.__passerelleCheck) return;
      let run;
      const go = () => {
        const env = browserEnv(document);
        run = locate(target, major, env).then((r) => ({
          found: r.found,
          selector: r.found ? r.selector : null,
          candidate: r.found ? target.candidates.findIndex((c) => c.selector === r.selector) : null,
          opened: r.found ? r.opened : false,
          openFailed: r.found ? false : r.openFailed,
          tried: applicable(target.candidates, major).map((c) => c.selector),
          seen: target.candidates.map((c) => {
            let all = 0;
            try { all = document.querySelectorAll(c.selector).length; } catch { all = -1; }
            return { selector: c.selector, matches: all, visible: visibleMatches(c.selector, env).length };
          }),
          url: location.href,
        }));
      };
      window.__passerelleCheck = { result: () => run };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go, { once: true });
      else go();
    }
    window.__passerelleStart = start;
  `;
  const out = await esbuild.build({
    stdin: { contents: entry, resolveDir: repo, sourcefile: "highlight-check.js", loader: "js" },
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

async function signIn(context, url, user, password, shots) {
  const page = await context.newPage();
  try {
    await page.goto(`${url}/index.php/login`, { waitUntil: "domcontentloaded", timeout: PAGE_MS });
    await page.locator("input[name='user']").fill(user, { timeout: SIGN_IN_MS });
    await page.locator("input[name='password']").fill(password);
    await page.locator("input[name='password']").press("Enter");
    await page.waitForURL((u) => !u.pathname.includes("/login"), { timeout: SIGN_IN_MS });
    await page.waitForLoadState("domcontentloaded");
    // Closes the first-run wizard for good, as its close button does (the firstrunwizard app
    // shows it once to each new member; a 404 where the app is absent): its modal keeps the
    // focus, so no `open` action could reveal a hover-only control while it shows.
    const wizard = await page.evaluate(async () => {
      const token = document.head.dataset.requesttoken ?? "";
      const url = `${window.OC?.webroot ?? ""}/index.php/apps/firstrunwizard/wizard`;
      const answer = await fetch(url, { method: "DELETE", headers: { requesttoken: token } });
      return answer.status;
    });
    log(`first-run wizard closed for good: HTTP ${wizard}`);
  } catch (error) {
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, "sign-in.png"), fullPage: true }).catch(() => undefined);
    }
    throw new Error(`could not sign in as ${user} at ${page.url()}: ${error.message.split("\n")[0]}`);
  } finally {
    await page.close();
  }
}

async function checkStep(context, bundle, url, major, step, shots) {
  const page = await context.newPage();
  try {
    await page.addInitScript(`${bundle}\n;window.__passerelleStart(${JSON.stringify(step.target)}, ${JSON.stringify(major)});`);
    const address = step.page ? `${url}/index.php/${step.page}` : `${url}/`;
    await page.goto(address, { waitUntil: "domcontentloaded", timeout: PAGE_MS });
    // Bounded by the lookup itself (wait_ms for the opener, then wait_ms for the target).
    const result = await page.evaluate(() => window.__passerelleCheck.result());
    if (!result.found && shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `${major}-${step.tour}-${step.step}.png`), fullPage: true });
    }
    return { tour: step.tour, step: step.step, page: step.page, ...result };
  } catch (error) {
    return {
      tour: step.tour,
      step: step.step,
      page: step.page,
      found: false,
      error: String(error?.message ?? error).split("\n")[0],
      tried: [],
      seen: [],
    };
  } finally {
    await page.close();
  }
}

async function main() {
  const input = await readStdin();
  const url = input.url.replace(/\/+$/, "");
  const bundle = await bundleLookup();
  const profile = await mkdtemp(join(tmpdir(), "passerelle-highlights-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The overlay is a webview initialization script in the app, out of the page's CSP's reach.
    bypassCSP: true,
    viewport: { width: 1366, height: 900 },
    locale: input.locale ?? "en-US",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    await signIn(context, url, input.user, input.password, input.shots);
    log(`signed in as ${input.user}`);
    for (const step of input.steps) {
      const result = await checkStep(context, bundle, url, input.major, step, input.shots);
      log(`${step.tour}/${step.step}: ${result.found ? `found (${result.selector})` : "not found"}`);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
