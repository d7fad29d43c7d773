// The tour player's highlight steps with the space window (issue #8), against the fake
// backend; the space commands and the overlay's reports (sent on the channel of the latest
// call that set the step) are stubbed here.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OverlayStep, SpaceEvent, TourStep } from "../src/bindings/types";
import { createI18n } from "../src/i18n";
import { majorOf } from "../src/features/tours/player";
import { FakePlatform } from "./fakePlatform";
import { allByTestId, byTestId, startWith, waitFor, type Started } from "./helpers";
import { allTours, TOUR_MESSAGES } from "./tourFixtures";

const fr = createI18n("fr");
fr.setRuntimeMessages("fr", TOUR_MESSAGES.fr);

const ACCOUNT = 100;
const LIVE_STEP: TourStep = {
  kind: "highlight",
  id: "share-icon",
  text: "tour-test-share-icon",
  fallback: "tour-test-share-icon-fallback",
  live: {
    advance: "click",
    page: "apps/files/",
    target: {
      waitMs: 8000,
      open: null,
      candidates: [{ selector: "[data-cy-files-list-row-action='sharing-status']", nextcloud: { min: 28, max: 32 }, verified: [29] }],
    },
  },
};

let started: Started | undefined;
let emit: ((e: SpaceEvent) => void) | null = null;
let spaceCalls: Array<{ cmd: string; args: Record<string, unknown> }> = [];

afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
  vi.useRealTimers();
});

async function enterAtHighlight(withAccount = true, highlight: TourStep = LIVE_STEP): Promise<Started> {
  spaceCalls = [];
  emit = null;
  const platform = new FakePlatform();
  const tours = allTours();
  const discover = tours.find((t) => t.summary.id === "discover")!;
  const at = discover.steps.findIndex((s) => s.id === "share-icon");
  discover.steps[at] = highlight;
  started = await startWith(
    {
      profiles: ["Camille"],
      tours,
      tourMessages: { ...TOUR_MESSAGES },
      accounts: withAccount ? [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille" }] : [],
    },
    platform,
  );
  const backend = started.backend;
  const handle = backend.handle.bind(backend);
  backend.handle = (cmd: string, args: Record<string, unknown>) => {
    if (cmd.startsWith("space_")) {
      spaceCalls.push({ cmd, args });
      // The overlay's reports go on the channel of the latest call that set the step.
      const channel = args.onEvent as { onmessage: (e: unknown) => void } | undefined;
      if (channel) emit = (e) => channel.onmessage(e);
      return cmd === "space_show_step" ? true : null;
    }
    return handle(cmd, args);
  };
  backend.setProgress(1, withAccount ? ACCOUNT : null, "discover", [{ stepId: "welcome", status: "seen" }], "share-icon");
  byTestId<HTMLButtonElement>("profile-choice").click();
  await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
  const card = document.querySelector<HTMLElement>('[data-testid="tour-card"][data-tour-id="discover"]')!;
  byTestId<HTMLAnchorElement>("tour-start", card).click();
  await waitFor(() => expect(byTestId("tour-step").dataset.stepId).toBe("share-icon"));
  return started;
}

describe("highlight steps and the space window", () => {
  it("reads the major version", () => {
    expect(majorOf("29.0.6")).toBe(29);
    expect(majorOf(null)).toBeNull();
    expect(majorOf("garbage")).toBeNull();
  });

  // Issue #16 (14): "Sign out of the web space" sat right under "Show me in my space".
  it("keeps signing out of the space apart from the main button, below the step's words", async () => {
    await enterAtHighlight();
    const step = byTestId("tour-step");
    const forget = byTestId("tour-space-forget", step);
    const zone = forget.closest(".danger-zone")!;
    expect(zone).not.toBeNull();
    expect(zone.textContent).toContain(fr.t("highlight-forget-hint"));
    expect(zone.contains(byTestId("tour-show-in-space"))).toBe(false);
    // After the fallback words, the last thing of the step.
    expect(step.textContent!.indexOf("Elle est à droite du nom du fichier.")).toBeLessThan(step.textContent!.indexOf(forget.textContent!));
  });

  it("opens the space window with the step, localised, and the server's version", async () => {
    await enterAtHighlight();
    const step = byTestId("tour-step");
    expect(step.textContent).toContain("Cliquez sur l’icône de partage.");
    expect(step.textContent).toContain("Elle est à droite du nom du fichier.");
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(spaceCalls.map((c) => c.cmd)).toContain("space_open"));
    const open = spaceCalls.find((c) => c.cmd === "space_open")!;
    expect(open.args.accountId).toBe(ACCOUNT);
    const shown = open.args.step as OverlayStep;
    expect(shown).toMatchObject({
      tourId: "discover",
      stepId: "share-icon",
      text: "Cliquez sur l’icône de partage.",
      fallback: "Elle est à droite du nom du fichier.",
      advance: "click",
      page: "apps/files/",
    });
    expect(shown.labels.progress).toBe(fr.t("tour-step-counter", { step: shown.index + 1, total: shown.total }));
    expect(shown.labels.notFound).toBe(fr.t("highlight-not-found"));
    expect(shown.target.candidates[0]!.selector).toContain("sharing-status");
    expect(shown.labels.signIn).toBe(fr.t("highlight-sign-in-strip"));
    // "Lit up" only once the overlay says so; until then Passerelle says it is looking.
    await waitFor(() => expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-looking")));
    emit!({ accountId: ACCOUNT, report: { event: "shown", tourId: "discover", stepId: "share-icon" } });
    expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-shown"));
  });

  it("goes on when the person clicks the target, and the space follows the player", async () => {
    await enterAtHighlight();
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(emit).not.toBeNull());
    await waitFor(() => expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-looking")));
    emit!({ accountId: ACCOUNT, report: { event: "shown", tourId: "discover", stepId: "share-icon" } });
    expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-shown"));
    // A report about another step is ignored.
    emit!({ accountId: ACCOUNT, report: { event: "clicked", tourId: "discover", stepId: "welcome" } });
    expect(byTestId("tour-step").dataset.stepId).toBe("share-icon");
    emit!({ accountId: ACCOUNT, report: { event: "clicked", tourId: "discover", stepId: "share-icon" } });
    await waitFor(() => expect(byTestId("tour-step").dataset.stepId).toBe("quiz"));
    // The next step is not a highlight: the overlay is told to go away.
    await waitFor(() =>
      expect(spaceCalls.some((c) => c.cmd === "space_show_step" && c.args.step === null)).toBe(true),
    );
    // Back from the overlay comes back here, and the step is shown in the space again.
    emit!({ accountId: ACCOUNT, report: { event: "back", tourId: "discover", stepId: "quiz" } });
    await waitFor(() => expect(byTestId("tour-step").dataset.stepId).toBe("share-icon"));
    await waitFor(() =>
      expect(
        spaceCalls.some(
          (c) => c.cmd === "space_show_step" && (c.args.step as OverlayStep | null)?.stepId === "share-icon",
        ),
      ).toBe(true),
    );
    // Each call that sets the step brings its own channel (a channel serves one backend call).
    const setting = spaceCalls.filter((c) => c.cmd === "space_open" || c.cmd === "space_show_step");
    expect(setting.length).toBeGreaterThan(2);
    const channels = setting.map((c) => c.args.onEvent);
    expect(channels.every(Boolean)).toBe(true);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it("hands no report on once the player is left", async () => {
    await enterAtHighlight();
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-looking")));
    const opened = emit!;
    byTestId<HTMLAnchorElement>("tour-close").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    // The overlay is told to go away, on a channel of its own.
    const last = spaceCalls[spaceCalls.length - 1]!;
    expect(last).toMatchObject({ cmd: "space_show_step", args: { step: null } });
    expect(last.args.onEvent).not.toBe(spaceCalls[0]!.args.onEvent);
    opened({ accountId: ACCOUNT, report: { event: "next", tourId: "discover", stepId: "share-icon" } });
    expect(byTestId("tours-screen")).toBeTruthy();
  });

  it("goes on by itself when the step's task check passes in the space", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const checkStep: TourStep = { ...LIVE_STEP, live: { ...LIVE_STEP.live!, advance: "check" } };
    const at = await enterAtHighlight(true, checkStep);
    let done = false;
    const handle = at.backend.handle.bind(at.backend);
    at.backend.handle = (cmd: string, args: Record<string, unknown>) => {
      if (cmd === "tour_check") {
        expect(args).toMatchObject({ tourId: "discover", stepId: "share-icon" });
        return { done, offline: false, evidence: done ? "/Essai partage" : null, missing: null };
      }
      return handle(cmd, args);
    };
    expect(byTestId("tour-step").textContent).toContain(fr.t("highlight-check-waiting"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(byTestId("tour-step").dataset.stepId).toBe("share-icon");
    done = true;
    await vi.advanceTimersByTimeAsync(5_000);
    await waitFor(() => expect(byTestId("tour-step").dataset.stepId).toBe("quiz"));
  });

  it("says when the overlay could not find the place", async () => {
    await enterAtHighlight();
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-looking")));
    emit!({ accountId: ACCOUNT, report: { event: "shown", tourId: "discover", stepId: "share-icon" } });
    expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-shown"));
    emit!({ accountId: ACCOUNT, report: { event: "missed", tourId: "discover", stepId: "share-icon", tried: ["x"] } });
    expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-missed"));
    expect(byTestId("tour-step").dataset.stepId).toBe("share-icon");
  });

  // Issue #16, item 1: the main window said "not found" for a login page.
  it("says to sign in while the space window shows Nextcloud's login, then that the place is lit", async () => {
    await enterAtHighlight();
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(emit).not.toBeNull());
    emit!({ accountId: ACCOUNT, report: { event: "signIn", tourId: "discover", stepId: "share-icon" } });
    await waitFor(() => expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-sign-in")));
    emit!({ accountId: ACCOUNT, report: { event: "shown", tourId: "discover", stepId: "share-icon" } });
    expect(byTestId("tour-space-status").textContent).toBe(fr.t("highlight-shown"));
    expect(byTestId("tour-step").dataset.stepId).toBe("share-icon");
  });

  // Issue #16, item 8: the space showed Nextcloud in English next to a French Passerelle.
  it("offers to show the space in Passerelle's language, and changes it only on the person's click", async () => {
    const at = await enterAtHighlight();
    const handle = at.backend.handle.bind(at.backend);
    at.backend.handle = (cmd: string, args: Record<string, unknown>) => {
      if (cmd === "space_language") return { account: "en", wanted: "fr", matches: false };
      if (cmd === "space_set_language") {
        spaceCalls.push({ cmd, args });
        return { account: "fr", wanted: "fr", matches: true };
      }
      return handle(cmd, args);
    };
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(byTestId("space-language").hidden).toBe(false));
    expect(byTestId("space-language").textContent).toContain(fr.t("highlight-language-question"));
    expect(spaceCalls.some((c) => c.cmd === "space_set_language")).toBe(false);
    const apply = byTestId<HTMLButtonElement>("space-language-apply");
    expect(apply.textContent).toBe("Afficher mon espace en français");
    apply.click();
    await waitFor(() => expect(byTestId("space-language-status").textContent).toBe(fr.t("highlight-language-done")));
    expect(spaceCalls.filter((c) => c.cmd === "space_set_language").map((c) => c.args.accountId)).toEqual([ACCOUNT]);
  });

  it("offers nothing when the account's language already fits", async () => {
    const at = await enterAtHighlight();
    const handle = at.backend.handle.bind(at.backend);
    let asked = 0;
    at.backend.handle = (cmd: string, args: Record<string, unknown>) => {
      if (cmd === "space_language") {
        asked++;
        return { account: null, wanted: "fr", matches: true };
      }
      return handle(cmd, args);
    };
    byTestId<HTMLButtonElement>("tour-show-in-space").click();
    await waitFor(() => expect(asked).toBe(1));
    expect(byTestId("space-language").hidden).toBe(true);
  });

  it("offers no space button without an account, only the words", async () => {
    await enterAtHighlight(false);
    expect(document.querySelector("[data-testid=tour-show-in-space]")).toBeNull();
    expect(byTestId("tour-step").textContent).toContain(fr.t("highlight-no-account"));
    expect(byTestId("tour-step").textContent).toContain("Elle est à droite du nom du fichier.");
  });
});

describe("tour health", () => {
  it("lists the misses for trainers, exports and clears them", async () => {
    started = await startWith({ profiles: ["Camille"], tours: allTours(), tourMessages: { ...TOUR_MESSAGES }, settings: { trainerMode: true } });
    const backend = started.backend;
    const handle = backend.handle.bind(backend);
    let misses = [
      {
        id: 2,
        tourId: "sharing",
        stepId: "share-icon",
        nextcloudVersion: "29.0.6",
        candidates: ["[data-cy-files-list-row-action='sharing-status']", "tr a.action-share"],
        seenAt: "2026-11-21T09:00:00.000000Z",
      },
      { id: 1, tourId: "files", stepId: "new-button", nextcloudVersion: null, candidates: [], seenAt: "2026-11-20T09:00:00.000000Z" },
    ];
    const exported: string[] = [];
    backend.handle = (cmd: string, args: Record<string, unknown>) => {
      if (cmd === "tour_health_list") return misses;
      if (cmd === "tour_health_export") {
        exported.push(args.format as string);
        return `/data/exports/tour-health-1.${args.format as string}`;
      }
      if (cmd === "tour_health_clear") {
        const n = misses.length;
        misses = [];
        return n;
      }
      return handle(cmd, args);
    };
    byTestId<HTMLButtonElement>("profile-choice").click();
    await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
    byTestId<HTMLAnchorElement>("tour-health-link").click();
    await waitFor(() => expect(allByTestId("tour-health-row").length).toBe(2));
    const rows = allByTestId("tour-health-row");
    expect(rows[0]!.textContent).toContain("29.0.6");
    expect(rows[0]!.querySelectorAll("code").length).toBe(2);
    expect(rows[1]!.textContent).toContain(fr.t("tour-health-version-unknown"));
    byTestId<HTMLButtonElement>("tour-health-export-csv").click();
    await waitFor(() =>
      expect(byTestId("tour-health-status").textContent).toBe(
        fr.t("tour-health-exported", { path: "/data/exports/tour-health-1.csv" }),
      ),
    );
    expect(exported).toEqual(["csv"]);
    byTestId<HTMLButtonElement>("tour-health-clear").click();
    await waitFor(() => expect(document.querySelector("[data-testid=tour-health-empty]")).not.toBeNull());
    expect(byTestId("tour-health-status").textContent).toBe(fr.t("tour-health-cleared", { count: 2 }));
  });
});
