// The Tours screen and the tour player, against the fake backend.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TourDetail } from "../src/bindings/types";
import { createI18n } from "../src/i18n";
import { navRouteOf, parseRoute } from "../src/router";
import { POLL_FAST_MS, POLL_SLOW_AFTER_MS, POLL_SLOW_MS, resumeIndex } from "../src/features/tours/player";
import type { FakeOptions } from "./fakeBackend";
import { allByTestId, byTestId, choose, startWith, typeInto, waitFor, type Started } from "./helpers";
import { allTours, DISCOVER_STEPS, fakePack, PACK_PATH, TOUR_MESSAGES } from "./tourFixtures";

const fr = createI18n("fr");
const en = createI18n("en");
fr.setRuntimeMessages("fr", TOUR_MESSAGES.fr);
en.setRuntimeMessages("en", TOUR_MESSAGES.en);

/** The fake's first profile and account ids. */
const PROFILE = 1;
const ACCOUNT = 100;
const WITH_ACCOUNT: FakeOptions = {
  accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille" }],
};
/** Loading packs is for trainers: Settings → Trainer mode. */
const AS_TRAINER: FakeOptions = { ...WITH_ACCOUNT, settings: { trainerMode: true } };

let started: Started | undefined;
afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
  vi.useRealTimers();
  document.documentElement.style.removeProperty("--primary");
  document.documentElement.style.removeProperty("--on-primary");
});

function query(testid: string, scope: ParentNode = document): HTMLElement | null {
  return scope.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
}

function card(tourId: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="tour-card"][data-tour-id="${tourId}"]`);
  if (!el) throw new Error(`no card for ${tourId}`);
  return el;
}

function cardIds(section: string): string[] {
  const el = query(`tours-section-${section}`);
  return el ? [...el.querySelectorAll<HTMLElement>("[data-testid=tour-card]")].map((c) => c.dataset.tourId!) : [];
}

function step(): HTMLElement {
  return byTestId("tour-step");
}

function nextButton(): HTMLButtonElement {
  return byTestId<HTMLButtonElement>("tour-next");
}

function seenSteps(backend: Started["backend"]): string[] {
  return backend.calls.filter((c) => c.cmd === "tour_step_seen").map((c) => (c.args as { stepId: string }).stepId);
}

/**
 * Starts with the fixture tours, lets `before` seed the backend, enters as
 * Camille (with an account unless `opts.accounts` says otherwise) and waits
 * for the list.
 */
async function enter(opts: FakeOptions = WITH_ACCOUNT, before?: (s: Started) => void): Promise<Started> {
  started = await startWith({ profiles: ["Camille"], tours: allTours(), tourMessages: { ...TOUR_MESSAGES }, ...opts });
  before?.(started);
  byTestId<HTMLButtonElement>("profile-choice").click();
  await waitFor(() => expect(allByTestId("tour-card").length).toBeGreaterThan(0));
  return started;
}

/** Opens `tourId` from its card and waits for the step `stepId`. */
async function openTour(tourId: string, stepId: string): Promise<void> {
  byTestId<HTMLAnchorElement>("tour-start", card(tourId)).click();
  await waitFor(() => expect(step().dataset.stepId).toBe(stepId));
}

async function next(stepId: string): Promise<void> {
  nextButton().click();
  await waitFor(() => expect(step().dataset.stepId).toBe(stepId));
}

describe("Tours screen", () => {
  it("sorts tours into sections with labelled progress bars", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "calendar", [{ stepId: "c1", status: "seen" }]);
      backend.setProgress(PROFILE, ACCOUNT, "contacts", [
        { stepId: "k1", status: "seen" },
        { stepId: "k2", status: "seen" },
      ]);
    });
    expect(backend.calls.find((c) => c.cmd === "tours_list")?.args).toEqual({ profileId: PROFILE, accountId: ACCOUNT });
    expect(cardIds("in-progress")).toEqual(["calendar"]);
    expect(cardIds("new")).toEqual(["discover", "admin"]);
    expect(cardIds("done")).toEqual(["contacts"]);
    expect(cardIds("unavailable")).toEqual(["talk"]);

    // Titles are the tours' Fluent messages, with the space's name.
    const discover = card("discover");
    await waitFor(() => expect(discover.querySelector("h3")?.textContent).toBe("Découvrir Mon asso"));
    expect(discover.textContent).toContain("Les premiers pas dans Mon asso.");
    expect(discover.textContent).toContain(fr.t("tour-minutes", { minutes: 10 }));

    const bar = byTestId("tour-progress", card("calendar"));
    expect(bar.getAttribute("role")).toBe("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("1");
    expect(bar.getAttribute("aria-valuemin")).toBe("0");
    expect(bar.getAttribute("aria-valuemax")).toBe("3");
    expect(bar.getAttribute("aria-valuetext")).toBe(fr.t("tour-progress-text", { done: 1, total: 3 }));
    expect(bar.getAttribute("aria-label")).toBe(fr.t("tour-progress-label", { title: "L’agenda" }));
    expect(byTestId("tour-progress", card("contacts")).getAttribute("aria-valuenow")).toBe("2");
    expect(byTestId("tour-progress", discover).getAttribute("aria-valuenow")).toBe("0");

    expect(byTestId("tour-start", discover).textContent).toBe(fr.t("tour-start"));
    expect(byTestId("tour-start", card("calendar")).textContent).toBe(fr.t("tour-resume"));
    expect(byTestId("tour-start", card("contacts")).textContent).toBe(fr.t("tour-replay"));
    expect(byTestId("tour-audience", card("admin")).textContent).toBe(fr.t("tour-audience-admin"));
    expect(query("tour-audience", discover)).toBeNull();

    // Not available: collapsed, with the reason, nothing to start.
    const unavailable = byTestId<HTMLDetailsElement>("tours-section-unavailable");
    expect(unavailable.tagName).toBe("DETAILS");
    expect(unavailable.open).toBe(false);
    expect(byTestId("tour-unavailable-reason", card("talk")).textContent).toBe(fr.t("tour-unavailable-app"));
    expect(query("tour-start", card("talk"))).toBeNull();
    expect(query("tours-no-account")).toBeNull();
  });

  it("resets a tour after confirming, and everything with Reset all", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "calendar", [{ stepId: "c1", status: "seen" }]);
      backend.setProgress(PROFILE, ACCOUNT, "contacts", [{ stepId: "k1", status: "seen" }]);
    });
    // A new tour has nothing to reset.
    expect(query("tour-reset", card("discover"))).toBeNull();

    const reset = byTestId<HTMLButtonElement>("tour-reset", card("calendar"));
    reset.click();
    const dialog = byTestId("tour-reset-dialog");
    expect(dialog.textContent).toContain(fr.t("tour-reset-title", { title: "L’agenda" }));
    byTestId<HTMLButtonElement>("dialog-cancel", dialog).click();
    expect(backend.countCalls("tour_reset")).toBe(0);
    expect(document.activeElement).toBe(reset);

    reset.click();
    byTestId<HTMLButtonElement>("dialog-confirm").click();
    await waitFor(() => expect(byTestId("tours-message").textContent).toBe(fr.t("tour-reset-done", { title: "L’agenda" })));
    expect(backend.calls.find((c) => c.cmd === "tour_reset")?.args).toEqual({
      profileId: PROFILE,
      accountId: ACCOUNT,
      tourId: "calendar",
    });
    expect(cardIds("new")).toContain("calendar");
    expect(cardIds("in-progress")).toEqual(["contacts"]);
    expect(document.activeElement).toBe(byTestId("tours-message"));

    byTestId<HTMLButtonElement>("tours-reset-all").click();
    expect(byTestId("tours-reset-all-dialog").textContent).toContain(fr.t("tours-reset-all-body"));
    byTestId<HTMLButtonElement>("dialog-confirm").click();
    await waitFor(() => expect(byTestId("tours-message").textContent).toBe(fr.t("tours-reset-all-done")));
    expect(backend.calls.filter((c) => c.cmd === "tour_reset").at(-1)?.args).toEqual({
      profileId: PROFILE,
      accountId: ACCOUNT,
      tourId: null,
    });
    expect(cardIds("in-progress")).toEqual([]);
    // Nothing left to reset.
    expect(query("tours-reset-all")).toBeNull();
  });

  it("hides a tour, shows hidden tours on demand and suggests it again", async () => {
    const { backend } = await enter();
    byTestId<HTMLButtonElement>("tour-hide", card("admin")).click();
    await waitFor(() => expect(byTestId("tours-message").textContent).toBe(fr.t("tour-hidden-done", { title: "Gérer les comptes" })));
    expect(backend.calls.find((c) => c.cmd === "tour_hide")?.args).toEqual({ profileId: PROFILE, tourId: "admin", hidden: true });
    expect(cardIds("new")).toEqual(["discover", "calendar", "contacts"]);
    expect(query("tours-section-hidden")).toBeNull();

    const toggle = byTestId<HTMLButtonElement>("tours-show-hidden");
    expect(toggle.textContent).toBe(fr.t("tours-show-hidden", { count: 1 }));
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    toggle.click();
    expect(cardIds("hidden")).toEqual(["admin"]);
    expect(byTestId("tours-show-hidden").getAttribute("aria-pressed")).toBe("true");
    expect(document.activeElement).toBe(byTestId("tours-show-hidden"));
    expect(query("tour-start", card("admin"))).toBeNull();

    byTestId<HTMLButtonElement>("tour-unhide", card("admin")).click();
    await waitFor(() => expect(byTestId("tours-message").textContent).toBe(fr.t("tour-unhidden-done", { title: "Gérer les comptes" })));
    expect(cardIds("new")).toContain("admin");
    expect(query("tours-section-hidden")).toBeNull();
    expect(query("tours-show-hidden")).toBeNull();
  });

  it("loads a tour pack and shows its broken tours with their problems", async () => {
    const { backend } = await enter(AS_TRAINER, ({ backend }) => {
      backend.packs[PACK_PATH] = fakePack();
    });
    const messagesBefore = backend.countCalls("tour_messages");
    const input = byTestId<HTMLInputElement>("tour-pack-path");
    const label = document.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent).toBe(fr.t("tour-pack-path-label"));

    byTestId<HTMLButtonElement>("tour-pack-load").click();
    expect(byTestId("tour-pack-error").textContent).toBe(fr.t("tour-pack-empty-path"));
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(backend.countCalls("tour_pack_load")).toBe(0);

    typeInto(input, "/nowhere.zip");
    byTestId<HTMLButtonElement>("tour-pack-load").click();
    await waitFor(() => expect(byTestId("tour-pack-error").dataset.errorCode).toBe("tour-pack-not-found"));

    typeInto(input, `  ${PACK_PATH} `);
    byTestId<HTMLButtonElement>("tour-pack-load").click();
    await waitFor(() => expect(query("tour-pack-loaded")).not.toBeNull());
    expect(backend.calls.filter((c) => c.cmd === "tour_pack_load").at(-1)?.args).toEqual({ path: PACK_PATH });
    expect(byTestId("tour-pack-error").textContent).toBe("");
    // The pack's messages were asked again: its titles are there.
    expect(backend.countCalls("tour_messages")).toBe(messagesBefore + 1);
    expect(byTestId("tour-pack-loaded").textContent).toBe("Le parcours du pack");
    expect(document.activeElement?.textContent).toBe(fr.t("tour-pack-loaded", { count: 1 }));

    const broken = allByTestId("tour-broken");
    expect(broken).toHaveLength(1);
    expect(broken[0]!.textContent).toContain(fr.t("tour-broken-source", { source: "tours/broken/tour.toml" }));
    const problems = allByTestId("tour-problem").map((p) => p.textContent);
    expect(problems[0]).toContain("tours/broken/tour.toml:12");
    expect(problems[0]).toContain('unknown step kind "video"');
    expect(problems[0]).toContain(`${fr.t("tour-problem-fix")} Use one of: explain, task, choice, quiz, highlight.`);
    expect(problems[1]).toContain("locales/fr/broken.ftl missing message");
    expect(problems[1]).not.toContain("null");

    // The new tour is in the list, marked as coming from a pack.
    const packCard = card("pack-tour");
    expect(packCard.querySelector("h3")?.textContent).toBe("Le parcours du pack");
    expect(byTestId("tour-source", packCard).textContent).toBe(fr.t("tour-source-pack"));
    expect(cardIds("new")).toContain("pack-tour");
  });

  it("shows the tours that could not be loaded at start", async () => {
    await enter(AS_TRAINER, ({ backend }) => {
      backend.brokenTours = fakePack().broken;
    });
    await waitFor(() => expect(query("tours-broken-list")).not.toBeNull());
    expect(byTestId("tours-broken-list").textContent).toContain("tours/broken/tour.toml:12");
  });

  it("works without an account: tours can be read, with a way to connect", async () => {
    const { backend } = await enter({});
    expect(backend.calls.find((c) => c.cmd === "tours_list")?.args).toEqual({ profileId: PROFILE, accountId: null });
    const notice = byTestId("tours-no-account");
    expect(notice.textContent).toContain(fr.t("tours-no-account"));
    expect(byTestId<HTMLAnchorElement>("tours-connect").getAttribute("href")).toBe("#/accounts/connect");
    // No space known: the generic word.
    expect(card("discover").querySelector("h3")?.textContent).toBe(`Découvrir ${fr.t("tour-space-generic")}`);

    await openTour("discover", "welcome");
    expect(step().textContent).toContain("Bonjour Camille, bienvenue dans votre espace !");
    await next("create-folder");
    const hint = byTestId("tour-connect-hint");
    expect(hint.textContent).toContain(fr.t("tour-no-account"));
    expect(byTestId<HTMLAnchorElement>("tour-connect").textContent).toBe(fr.t("tour-no-account-link"));
    expect(query("tour-check")).toBeNull();
    // Reading on is allowed.
    expect(nextButton().hasAttribute("aria-disabled")).toBe(false);
    await next("already-know");
    expect(backend.countCalls("tour_check")).toBe(0);

    byTestId<HTMLButtonElement>("tour-back").click();
    await waitFor(() => expect(step().dataset.stepId).toBe("create-folder"));
    byTestId<HTMLAnchorElement>("tour-connect").click();
    expect(byTestId("connect-screen")).toBeTruthy();
    expect(window.location.hash).toBe("#/accounts/connect");
  });

  it("follows the language: the pack messages are asked in the new language", async () => {
    const { backend } = await enter();
    byTestId<HTMLAnchorElement>("nav-settings").click();
    choose(byTestId<HTMLInputElement>("settings-language-en"));
    await waitFor(() => expect(document.documentElement.lang).toBe("en"));
    byTestId<HTMLAnchorElement>("nav-tours").click();
    await waitFor(() => expect(card("discover").querySelector("h3")?.textContent).toBe("Discover Mon asso"));
    expect(backend.calls.filter((c) => c.cmd === "tour_messages").map((c) => (c.args as { lang: string }).lang)).toEqual([
      "fr",
      "en",
    ]);
    expect(byTestId("tour-start", card("discover")).textContent).toBe(en.t("tour-start"));
  });
});

describe("Tour player", () => {
  it("starts at the first step, records it as seen and announces it", async () => {
    const { backend } = await enter();
    await openTour("discover", "welcome");
    expect(window.location.hash).toBe("#/tours/discover");
    expect(byTestId("nav-tours").getAttribute("aria-current")).toBe("true");
    const player = byTestId("tour-player");
    expect(player.querySelector("h1")?.textContent).toBe("Découvrir Mon asso");
    expect(document.title).toBe(fr.t("window-title", { screen: "Découvrir Mon asso" }));
    expect(step().dataset.stepKind).toBe("explain");
    const counter = byTestId("tour-step-counter");
    expect(counter.textContent).toBe(fr.t("tour-step-counter", { step: 1, total: 7 }));
    expect(counter.tagName).toBe("H2");
    expect(byTestId("announcer").textContent).toBe(counter.textContent);
    // Texts get the space's and the person's names; paragraphs stay apart.
    const paragraphs = [...step().querySelectorAll(".tour-text p")].map((p) => p.textContent);
    expect(paragraphs).toEqual(["Bonjour Camille Dupont, bienvenue dans Mon asso !", "Suivez le guide."]);
    expect(byTestId<HTMLImageElement>("tour-picture").getAttribute("alt")).toBe("");
    expect(byTestId<HTMLButtonElement>("tour-back").disabled).toBe(true);
    await waitFor(() => expect(seenSteps(backend)).toEqual(["welcome"]));
    expect(backend.calls.find((c) => c.cmd === "tour_step_seen")?.args).toEqual({
      profileId: PROFILE,
      accountId: ACCOUNT,
      tourId: "discover",
      stepId: "welcome",
    });

    await next("create-folder");
    expect(document.activeElement).toBe(byTestId("tour-step-counter"));
    expect(byTestId("announcer").textContent).toBe(fr.t("tour-step-counter", { step: 2, total: 7 }));
    await waitFor(() => expect(seenSteps(backend)).toEqual(["welcome", "create-folder"]));
    expect(step().dataset.stepKind).toBe("task");
    expect(byTestId("tour-hint").tagName).toBe("DETAILS");
    expect(byTestId("tour-hint").textContent).toContain("Le bouton « + Nouveau », en haut.");

    byTestId<HTMLButtonElement>("tour-back").click();
    await waitFor(() => expect(step().dataset.stepId).toBe("welcome"));
    expect(document.activeElement).toBe(byTestId("tour-step-counter"));
  });

  it("resumes where the person left off, and Close keeps the progress", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [
        { stepId: "welcome", status: "seen" },
        { stepId: "create-folder", status: "done" },
      ]);
    });
    // The current step is done: on to the next one.
    await openTour("discover", "already-know");
    expect(byTestId("tour-step-counter").textContent).toBe(fr.t("tour-step-counter", { step: 3, total: 7 }));
    // Back goes to the previous step even when resuming.
    byTestId<HTMLButtonElement>("tour-back").click();
    await waitFor(() => expect(step().dataset.stepId).toBe("create-folder"));
    expect(byTestId("tour-check-result").dataset.done).toBe("true");
    expect(byTestId("tour-check-result").textContent).toBe(fr.t("tour-check-already-done"));
    expect(nextButton().hasAttribute("aria-disabled")).toBe(false);
    await next("already-know");
    byTestId<HTMLButtonElement>("tour-choice").click(); // → quiz
    await waitFor(() => expect(step().dataset.stepId).toBe("quiz"));

    byTestId<HTMLAnchorElement>("tour-close").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    expect(window.location.hash).toBe("#/tours");
    await waitFor(() => expect(byTestId("tour-start", card("discover")).textContent).toBe(fr.t("tour-resume")));
    expect(cardIds("in-progress")).toEqual(["discover"]);
    // The quiz was seen: the backend resumes after it.
    expect(backend.summaryOf(backend.tours[0]!, PROFILE, ACCOUNT).currentStep).toBe("app-password");
    await openTour("discover", "app-password");
  });

  it("opens from the address (typed or from history)", async () => {
    await enter();
    window.location.hash = "#/tours/calendar";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await waitFor(() => expect(step().dataset.stepId).toBe("c1"));
    expect(byTestId("tour-player").dataset.tourId).toBe("calendar");
  });

  it("says when a tour cannot be opened", async () => {
    await enter();
    window.location.hash = "#/tours/no-such-tour";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await waitFor(() => expect(byTestId("tour-error").dataset.errorCode).toBe("tour-not-found"));
    byTestId<HTMLAnchorElement>("tour-finished-back").click();
    expect(byTestId("tours-screen")).toBeTruthy();
  });

  it("checks a task: the precise missing message, then done", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "create-folder", status: "seen" }]);
    });
    await openTour("discover", "create-folder");
    // Next waits for the step (announced as unavailable, still focusable).
    expect(nextButton().getAttribute("aria-disabled")).toBe("true");
    nextButton().click();
    expect(step().dataset.stepId).toBe("create-folder");
    expect(byTestId("tour-blocked").hidden).toBe(false);
    expect(byTestId("tour-blocked").textContent).toBe(fr.t("tour-next-blocked-task"));

    byTestId<HTMLButtonElement>("tour-check").click();
    const result = byTestId("tour-check-result");
    await waitFor(() => expect(result.dataset.done).toBe("false"));
    expect(result.textContent).toBe("Pas encore de dossier « Bureau » dans vos Fichiers.");
    expect(result.getAttribute("role")).toBe("status");
    expect(backend.calls.find((c) => c.cmd === "tour_check")?.args).toEqual({
      profileId: PROFILE,
      accountId: ACCOUNT,
      tourId: "discover",
      stepId: "create-folder",
      input: null,
    });
    expect(nextButton().getAttribute("aria-disabled")).toBe("true");

    backend.folders.add("Bureau");
    const check = byTestId<HTMLButtonElement>("tour-check");
    check.focus();
    check.click();
    await waitFor(() => expect(result.dataset.done).toBe("true"));
    expect(result.textContent).toBe(`${fr.t("tour-check-success")} ${fr.t("tour-check-evidence", { evidence: "/Bureau" })}`);
    expect(nextButton().hasAttribute("aria-disabled")).toBe(false);
    expect(check.hidden).toBe(true);
    // Focus does not get lost with the hidden button.
    expect(document.activeElement).toBe(nextButton());
    expect(backend.progressOf(PROFILE, ACCOUNT, "discover").find((p) => p.stepId === "create-folder")?.status).toBe("done");
    await next("already-know");
  });

  it("skips a task step", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "create-folder", status: "seen" }]);
    });
    await openTour("discover", "create-folder");
    byTestId<HTMLButtonElement>("tour-skip").click();
    await waitFor(() => expect(step().dataset.stepId).toBe("already-know"));
    expect(backend.progressOf(PROFILE, ACCOUNT, "discover").find((p) => p.stepId === "create-folder")?.status).toBe(
      "skipped",
    );
  });

  it("sends the pasted app password once, then clears the field", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "app-password", status: "seen" }]);
    });
    await openTour("discover", "app-password");
    const input = byTestId<HTMLInputElement>("tour-input");
    expect(input.type).toBe("password");
    expect(document.querySelector(`label[for="${input.id}"]`)?.textContent).toBe(fr.t("tour-input-label"));

    byTestId<HTMLButtonElement>("tour-check").click();
    expect(byTestId("tour-input-error").textContent).toBe(fr.t("tour-input-empty"));
    expect(backend.countCalls("tour_check")).toBe(0);

    typeInto(input, "wrong");
    byTestId<HTMLButtonElement>("tour-check").click();
    await waitFor(() => expect(byTestId("tour-check-result").textContent).toBe("Ce mot de passe ne fonctionne pas."));
    expect((backend.calls.find((c) => c.cmd === "tour_check")?.args as { input: string }).input).toBe("wrong");
    expect(input.value).toBe("");
    expect(byTestId("tour-input-error").textContent).toBe("");

    typeInto(input, "good-password");
    byTestId<HTMLButtonElement>("tour-check").click();
    await waitFor(() => expect(byTestId("tour-check-result").dataset.done).toBe("true"));
    expect(input.value).toBe("");
  });

  it("follows a choice's goto: a step id, or next", async () => {
    await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "welcome", status: "seen" }], "already-know");
    });
    await openTour("discover", "already-know");
    expect(step().dataset.stepKind).toBe("choice");
    // The options are the way on.
    expect(nextButton().hidden).toBe(true);
    const options = allByTestId<HTMLButtonElement>("tour-choice");
    expect(options.map((o) => o.textContent)).toEqual(["Oui, je passe", "Non, montrez-moi"]);
    expect(options.map((o) => o.dataset.goto)).toEqual(["quiz", "next"]);
    options[0]!.click();
    await waitFor(() => expect(step().dataset.stepId).toBe("quiz"));
    expect(document.activeElement).toBe(byTestId("tour-step-counter"));

    // Back returns to the choice, not to the step before the quiz.
    byTestId<HTMLButtonElement>("tour-back").click();
    await waitFor(() => expect(step().dataset.stepId).toBe("already-know"));
    allByTestId<HTMLButtonElement>("tour-choice")[1]!.click();
    await waitFor(() => expect(step().dataset.stepId).toBe("share-icon"));
    // A highlight step is shown like an explanation, with where to look.
    expect(step().dataset.stepKind).toBe("highlight");
    expect(step().textContent).toContain("Cliquez sur l’icône de partage.");
    expect(step().textContent).toContain("Elle est à droite du nom du fichier.");
  });

  it("ends the tour from a choice going to end", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.tours[0]!.steps[2] = {
        kind: "choice",
        id: "already-know",
        text: "tour-test-already-know",
        options: [{ label: "tour-test-already-know-skip", goto: "end" }],
      };
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "welcome", status: "seen" }], "already-know");
    });
    await openTour("discover", "already-know");
    byTestId<HTMLButtonElement>("tour-choice").click();
    await waitFor(() => expect(query("tour-finished")).not.toBeNull());
    expect(backend.countCalls("tour_open")).toBe(2);
  });

  it("gives quiz feedback, right or wrong, then lets the person go on", async () => {
    await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "welcome", status: "seen" }], "quiz");
    });
    await openTour("discover", "quiz");
    expect(nextButton().getAttribute("aria-disabled")).toBe("true");
    const feedback = byTestId("tour-quiz-feedback");
    byTestId<HTMLButtonElement>("tour-quiz-check").click();
    expect(feedback.textContent).toBe(fr.t("tour-quiz-pick"));

    const answers = allByTestId<HTMLInputElement>("tour-quiz-answer");
    expect(answers.map((a) => a.type)).toEqual(["radio", "radio"]);
    expect(answers.map((a) => document.querySelector(`label[for="${a.id}"]`)?.textContent)).toEqual([
      "Toute personne qui a le lien",
      "Personne",
    ]);
    choose(answers[1]!);
    byTestId<HTMLButtonElement>("tour-quiz-check").click();
    expect(feedback.dataset.correct).toBe("false");
    expect(feedback.textContent).toContain(fr.t("tour-quiz-wrong"));
    expect(feedback.textContent).toContain("Si : toute personne qui a le lien.");
    expect(nextButton().hasAttribute("aria-disabled")).toBe(false);

    choose(answers[0]!);
    byTestId<HTMLButtonElement>("tour-quiz-check").click();
    expect(feedback.dataset.correct).toBe("true");
    expect(feedback.textContent).toContain(fr.t("tour-quiz-right"));
    expect(feedback.textContent).toContain("Oui : gardez le lien pour vous.");
    await next("app-password");
  });

  it("finishes with what was done, then back to Tours", async () => {
    const { backend } = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(
        PROFILE,
        ACCOUNT,
        "discover",
        [
          { stepId: "create-folder", status: "done", evidence: "/Bureau" },
          { stepId: "app-password", status: "skipped" },
        ],
        "bye",
      );
    });
    await openTour("discover", "bye");
    expect(nextButton().textContent).toBe(fr.t("tour-finish"));
    nextButton().click();
    await waitFor(() => expect(query("tour-finished")).not.toBeNull());
    const title = byTestId("tour-finished").querySelector("h2")!;
    expect(title.textContent).toBe(fr.t("tour-finished-title"));
    expect(document.activeElement).toBe(title);
    expect(byTestId("announcer").textContent).toBe(fr.t("tour-finished-title"));
    expect(query("tour-next")).toBeNull();
    const tasks = allByTestId("tour-finished-task");
    expect(tasks.map((t) => [t.dataset.stepId, t.dataset.status])).toEqual([
      ["create-folder", "done"],
      ["app-password", "skipped"],
    ]);
    // Each task: a ✓ (for the eyes only), its step number, what the server found — not its instructions.
    const parts = (li: HTMLElement) => [...li.querySelectorAll(".task-summary-text > span")].map((s) => s.textContent);
    expect(parts(tasks[0]!)).toEqual([
      fr.t("tour-finished-step", { step: 2 }),
      fr.t("tour-finished-evidence", { evidence: "/Bureau" }),
    ]);
    expect(fr.t("tour-finished-evidence", { evidence: "/Bureau" })).toBe("Vérifié sur votre espace : /Bureau");
    const mark = tasks[0]!.querySelector(".task-mark")!;
    expect([mark.textContent, mark.getAttribute("aria-hidden")]).toEqual(["✓", "true"]);
    expect(tasks[0]!.textContent).not.toContain("Créez un dossier");
    expect(parts(tasks[1]!)).toEqual([fr.t("tour-finished-step", { step: 6 }), fr.t("tour-finished-skipped")]);
    expect(tasks[1]!.querySelector(".task-mark")!.textContent).toBe("");
    expect(backend.countCalls("tour_open")).toBe(2);

    byTestId<HTMLAnchorElement>("tour-finished-back").click();
    await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
    expect(window.location.hash).toBe("#/tours");
  });

  it("finishes with a task done without evidence, and one not done", async () => {
    await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(
        PROFILE,
        ACCOUNT,
        "discover",
        [
          { stepId: "create-folder", status: "seen" },
          { stepId: "app-password", status: "done", evidence: "app password works for camille" },
        ],
        "bye",
      );
    });
    await openTour("discover", "bye");
    nextButton().click();
    await waitFor(() => expect(query("tour-finished")).not.toBeNull());
    const tasks = allByTestId("tour-finished-task");
    expect(tasks.map((t) => [t.dataset.stepId, t.dataset.status])).toEqual([
      ["create-folder", "seen"],
      ["app-password", "done"],
    ]);
    expect(tasks.map((t) => t.querySelector(".task-summary-found")?.textContent)).toEqual([
      fr.t("tour-finished-todo"),
      fr.t("tour-finished-checked"),
    ]);
    expect(tasks[1]!.textContent).not.toContain("app password");
  });

  it("shows a task's steps as a numbered list, and other lists with bullets", async () => {
    await enter(WITH_ACCOUNT, ({ backend }) => {
      // The real texts of the Files tour (bundled with the app).
      const task = backend.tours[0]!.steps[1]!;
      if (task.kind === "task") Object.assign(task, { text: "tour-files-move-file", hint: "tour-files-new-menu" });
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "welcome", status: "seen" }], "create-folder");
    });
    await openTour("discover", "create-folder");
    const texts = step().querySelectorAll<HTMLElement>(".tour-text");
    const [instructions, hint] = [texts[0]!, texts[1]!];
    expect([...instructions.children].map((c) => c.tagName)).toEqual(["P", "OL", "P"]);
    expect(instructions.querySelector("p")!.textContent).toMatch(/^Rangez un fichier dans .*:$/);
    const steps = [...instructions.querySelectorAll("ol > li")].map((li) => li.textContent);
    expect(steps).toHaveLength(4);
    expect(steps[1]).toMatch(/^choisissez .*Déplacer ou copier.*\s;$/);
    expect(byTestId("tour-hint").contains(hint)).toBe(true);
    expect([...hint.children].map((c) => c.tagName)).toEqual(["P", "UL", "P"]);
  });

  it("replays a finished tour from the start", async () => {
    await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "contacts", [
        { stepId: "k1", status: "seen" },
        { stepId: "k2", status: "seen" },
      ]);
    });
    expect(byTestId("tour-start", card("contacts")).textContent).toBe(fr.t("tour-replay"));
    await openTour("contacts", "k1");
  });
});

describe("Tour player: checking by itself", () => {
  /** Enters with fake timers, the current step being the folder task. */
  async function atTask(): Promise<Started> {
    vi.useFakeTimers();
    const s = await enter(WITH_ACCOUNT, ({ backend }) => {
      backend.setProgress(PROFILE, ACCOUNT, "discover", [{ stepId: "create-folder", status: "seen" }]);
    });
    await openTour("discover", "create-folder");
    return s;
  }

  const flush = () => vi.advanceTimersByTimeAsync(0);

  it("polls every 5 s, quietly until there is news, and stops when done", async () => {
    const { backend } = await atTask();
    const result = byTestId("tour-check-result");
    expect(backend.countCalls("tour_check")).toBe(0);
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS);
    expect(backend.countCalls("tour_check")).toBe(1);
    // Not done yet, and the person has not tried: nothing said.
    expect(result.textContent).toBe("");
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS);
    expect(backend.countCalls("tour_check")).toBe(2);

    backend.folders.add("Bureau");
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS);
    expect(backend.countCalls("tour_check")).toBe(3);
    expect(result.dataset.done).toBe("true");
    expect(nextButton().hasAttribute("aria-disabled")).toBe(false);
    await vi.advanceTimersByTimeAsync(POLL_SLOW_MS * 3);
    expect(backend.countCalls("tour_check")).toBe(3);
  });

  it("says calmly when the space is offline, keeps checking, never two at once", async () => {
    const { backend } = await atTask();
    backend.offline = true;
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS);
    const result = byTestId("tour-check-result");
    expect(result.textContent).toBe(fr.t("tour-offline-wait"));
    expect(result.dataset.offline).toBe("true");
    expect(result.dataset.done).toBe("false");

    // A slow server: the next check hangs.
    let release!: () => void;
    backend.checkGate = new Promise((resolve) => (release = resolve));
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS);
    expect(backend.countCalls("tour_check")).toBe(2);
    await vi.advanceTimersByTimeAsync(POLL_SLOW_MS * 2);
    expect(backend.countCalls("tour_check")).toBe(2);
    // Check while one is under way: no second request, its answer is shown.
    byTestId<HTMLButtonElement>("tour-check").click();
    await flush();
    expect(backend.countCalls("tour_check")).toBe(2);
    expect(byTestId<HTMLButtonElement>("tour-check").disabled).toBe(true);
    expect(byTestId("tour-checking").textContent).toBe(fr.t("tour-checking"));

    backend.offline = false;
    backend.checkGate = null;
    release();
    await flush();
    expect(result.dataset.done).toBe("false");
    expect(result.dataset.offline).toBeUndefined();
    expect(result.textContent).toBe("Pas encore de dossier « Bureau » dans vos Fichiers.");
    expect(byTestId<HTMLButtonElement>("tour-check").disabled).toBe(false);

    // The next one comes 5 s after the answer.
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS - 1);
    expect(backend.countCalls("tour_check")).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.countCalls("tour_check")).toBe(3);
  });

  it("slows down to every 30 s after 2 minutes, and stops when the step is left", async () => {
    const { backend } = await atTask();
    await vi.advanceTimersByTimeAsync(POLL_SLOW_AFTER_MS);
    const fast = backend.countCalls("tour_check");
    expect(fast).toBe(POLL_SLOW_AFTER_MS / POLL_FAST_MS);
    await vi.advanceTimersByTimeAsync(POLL_SLOW_MS * 2);
    expect(backend.countCalls("tour_check")).toBe(fast + 2);

    // Another step: no more checks for this one.
    byTestId<HTMLButtonElement>("tour-back").click();
    await flush();
    expect(step().dataset.stepId).toBe("welcome");
    const before = backend.countCalls("tour_check");
    await vi.advanceTimersByTimeAsync(POLL_SLOW_MS * 4);
    expect(backend.countCalls("tour_check")).toBe(before);
  });

  it("stops checking when the player is left", async () => {
    const { backend } = await atTask();
    await vi.advanceTimersByTimeAsync(POLL_FAST_MS);
    expect(backend.countCalls("tour_check")).toBe(1);
    byTestId<HTMLAnchorElement>("nav-settings").click();
    await vi.advanceTimersByTimeAsync(POLL_SLOW_MS * 4);
    expect(backend.countCalls("tour_check")).toBe(1);
  });
});

describe("routes and resume", () => {
  it("parses tour routes", () => {
    expect(parseRoute("#/tours/discover")).toBe("tours/discover");
    expect(parseRoute("#/tours/files-2/")).toBe("tours/files-2");
    expect(parseRoute("#/tours/Bad_Id")).toBeNull();
    expect(parseRoute("#/tours")).toBe("tours");
    expect(navRouteOf("tours/discover")).toBe("tours");
  });

  function detail(progress: TourDetail["progress"], currentStep: string | null, status: TourDetail["summary"]["status"] = "inProgress"): TourDetail {
    const tour = allTours()[0]!;
    return {
      summary: { ...tour.summary, hidden: false, status, stepsTotal: 7, stepsDone: 0, currentStep },
      steps: tour.steps,
      progress,
    };
  }
  const p = (stepId: string, status: "seen" | "done" | "skipped", updatedAt = "2025-01-01T10:00:00Z") => ({
    stepId,
    status,
    evidence: null,
    updatedAt,
  });

  it("resumes at the current step, after it when done or skipped, from the start when finished", () => {
    expect(resumeIndex(detail([], null))).toBe(0);
    expect(resumeIndex(detail([p("welcome", "seen")], "welcome"))).toBe(0);
    expect(resumeIndex(detail([p("create-folder", "seen")], "create-folder"))).toBe(1);
    expect(resumeIndex(detail([p("create-folder", "done")], "create-folder"))).toBe(2);
    expect(resumeIndex(detail([p("app-password", "skipped")], "app-password"))).toBe(6);
    expect(resumeIndex(detail([p("bye", "seen")], "bye"))).toBe(6);
    // A current step the tour no longer has: after the latest progress.
    expect(
      resumeIndex(detail([p("quiz", "seen", "2025-01-02T10:00:00Z"), p("welcome", "seen", "2025-01-01T10:00:00Z")], "gone")),
    ).toBe(DISCOVER_STEPS.indexOf("quiz") + 1);
    expect(resumeIndex(detail([p("bye", "seen")], "bye", "done"))).toBe(0);
  });
});

describe("run-time tour messages", () => {
  it("are found by content(), after a pack update, and never change the interface's texts", () => {
    const i18n = createI18n("fr");
    expect(i18n.content("tour-test-bye")).toBeUndefined();
    i18n.setRuntimeMessages("fr", "tour-test-bye = Au revoir { $name }\ntours-title = Piraté\n");
    expect(i18n.content("tour-test-bye", { name: "Sam" })).toBe("Au revoir Sam");
    expect(i18n.t("tours-title")).toBe(fr.t("tours-title"));
    // Bundled messages (check results…) are found too, in the other language as a last resort.
    expect(i18n.content("tour-check-success")).toBe(fr.t("tour-check-success"));
    i18n.setRuntimeMessages("en", "tour-only-en = Only in English\n");
    expect(i18n.content("tour-only-en")).toBe("Only in English");
    // Loading again replaces (a pack's new version), without "already defined" errors.
    i18n.setRuntimeMessages("fr", "tour-test-bye = Salut\n");
    expect(i18n.content("tour-test-bye")).toBe("Salut");
  });
});
