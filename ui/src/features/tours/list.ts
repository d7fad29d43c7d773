// Tours: guided tours of the Nextcloud space, verified by the server.
// Sections In progress / New / Done, then the tours the space cannot offer
// (collapsed, with the reason) and, on demand, the hidden ones. Each tour:
// its progress, Start / Resume / Replay, and a small menu (reset, hide).
// Everything here is local: the list works offline and without an account.
// At the bottom: reset all progress, and (trainer mode) load a tour pack (folder or .zip).
import type { BrokenTour, PackReport, TourSummary } from "../../bindings/types";
import type { Ctx } from "../../context";
import { openConfirmDialog } from "../../components/dialog";
import { runBusy } from "../../components/busy";
import { emptyState, routeLink, screen } from "../../components/ui";
import { h, replaceChildren, uid, type Child } from "../../dom";
import { errorText, showErrorIn } from "../../errors";
import type { Args } from "../../i18n";
import { routeHref, tourRoute } from "../../router";
import { loadTourMessages, tourArgs, tourText } from "../../tourTexts";

/** How long the list waits for the space's name before using a generic word. */
const SPACE_NAME_WAIT_MS = 500;

type SectionName = "in-progress" | "new" | "done";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { api, state, actions } = ctx;
  const profileId = state.profile!.id;
  const accountId = state.accountId;

  /** What just happened (reset, hidden…), focused so it is read. */
  const messages = h("div", { class: "messages", "data-testid": "tours-messages" });
  const body = h(
    "div",
    { class: "stack", "aria-busy": "true" },
    h("p", { class: "muted", role: "status" }, t("loading")),
  );
  const footer = h("div", { class: "stack" });
  const brokenBlock = h("div", { class: "stack-sm", "data-testid": "tours-broken" });

  let tours: TourSummary[] = [];
  let args: Args = {};
  let showHidden = false;

  const text = (id: string) => tourText(ctx, id, args);

  async function load(): Promise<void> {
    try {
      const [list, , shownArgs] = await Promise.all([
        api.toursList(profileId, accountId),
        loadTourMessages(ctx),
        tourArgs(ctx, SPACE_NAME_WAIT_MS),
      ]);
      tours = list;
      args = shownArgs;
      draw();
    } catch (error) {
      body.removeAttribute("aria-busy");
      const alert = h("p", { class: "alert", role: "alert", "data-testid": "tours-error" });
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(
        body,
        alert,
        h(
          "button",
          { type: "button", class: "btn", "data-testid": "tours-retry", onclick: () => void load() },
          t("tours-retry"),
        ),
      );
    }
  }

  /** Says `message` (focused, so screen readers read it). */
  function tell(message: string): void {
    const note = h("p", { class: "success", tabindex: -1, "data-testid": "tours-message" }, message);
    replaceChildren(messages, note);
    note.focus();
  }

  function draw(): void {
    body.removeAttribute("aria-busy");
    const visible = tours.filter((tour) => !tour.hidden);
    const offered = visible.filter((tour) => tour.available);
    const unavailable = visible.filter((tour) => !tour.available);
    const hidden = tours.filter((tour) => tour.hidden);
    const byStatus = (status: TourSummary["status"]) => offered.filter((tour) => tour.status === status);

    const sections: Child[] = [
      section("in-progress", t("tours-section-in-progress"), byStatus("inProgress")),
      section("new", t("tours-section-new"), byStatus("new")),
      section("done", t("tours-section-done"), byStatus("done")),
    ];
    if (offered.length === 0) {
      sections.unshift(
        emptyState(
          "tours-empty",
          t("tours-empty-title"),
          h("p", null, hidden.length > 0 ? t("tours-empty-hidden") : t("tours-empty-body")),
        ),
      );
    }
    if (unavailable.length > 0) {
      sections.push(
        h(
          "details",
          { class: "disclosure tours-unavailable", "data-testid": "tours-section-unavailable" },
          h("summary", null, t("tours-section-unavailable", { count: unavailable.length })),
          h("p", { class: "hint" }, t("tours-unavailable-intro")),
          tourList(unavailable),
        ),
      );
    }
    if (showHidden && hidden.length > 0) {
      const titleId = uid("tours-hidden-title");
      sections.push(
        h(
          "section",
          { class: "tours-section", "aria-labelledby": titleId, "data-testid": "tours-section-hidden" },
          h("h2", { id: titleId, tabindex: -1 }, t("tours-section-hidden")),
          tourList(hidden),
        ),
      );
    }
    replaceChildren(body, ...sections);
    drawFooter(hidden.length);
  }

  function section(name: SectionName, title: string, list: TourSummary[]): HTMLElement | null {
    if (list.length === 0) return null;
    const titleId = uid("tours-section-title");
    return h(
      "section",
      { class: "tours-section", "aria-labelledby": titleId, "data-testid": `tours-section-${name}` },
      h("h2", { id: titleId }, title),
      tourList(list),
    );
  }

  function tourList(list: TourSummary[]): HTMLElement {
    return h("ul", { class: "tour-list", role: "list" }, list.map((tour) => tourCard(tour)));
  }

  function tourCard(tour: TourSummary): HTMLElement {
    const titleId = uid("tour-title");
    const title = text(tour.title);
    return h(
      "li",
      {
        class: "card tour-card",
        "data-testid": "tour-card",
        "data-tour-id": tour.id,
        "data-status": tour.status,
      },
      h("h3", { id: titleId, class: "tour-title" }, title),
      h(
        "p",
        { class: "badges" },
        h("span", { class: "badge" }, t("tour-minutes", { minutes: tour.minutes })),
        tour.audience === "admin"
          ? h("span", { class: "badge badge-admin", "data-testid": "tour-audience" }, t("tour-audience-admin"))
          : null,
        tour.source === "pack"
          ? h("span", { class: "badge", "data-testid": "tour-source" }, t("tour-source-pack"))
          : null,
      ),
      h("p", { class: "tour-summary" }, text(tour.summary)),
      tour.available ? progressBar(tour, title) : null,
      tour.available
        ? null
        : h(
            "p",
            { class: "warning-inline", "data-testid": "tour-unavailable-reason" },
            unavailableText(tour.unavailableReason),
          ),
      h(
        "div",
        { class: "actions actions-start tour-actions" },
        tour.available && !tour.hidden ? startLink(tour, titleId) : null,
        tourMenu(tour, title),
      ),
    );
  }

  function unavailableText(reason: string | null): string {
    return (reason ? ctx.i18n.content(reason, args) : undefined) ?? t("tour-unavailable-other");
  }

  function progressBar(tour: TourSummary, title: string): HTMLElement {
    const total = Math.max(tour.stepsTotal, 0);
    const done = Math.min(Math.max(tour.stepsDone, 0), total);
    const fill = h("div", { class: "progress-fill" });
    fill.style.width = `${total > 0 ? Math.round((done / total) * 100) : 0}%`;
    const valueText = t("tour-progress-text", { done, total });
    return h(
      "div",
      { class: "tour-progress" },
      h(
        "div",
        {
          class: "progress-track",
          role: "progressbar",
          "aria-label": t("tour-progress-label", { title }),
          "aria-valuemin": 0,
          "aria-valuemax": total,
          "aria-valuenow": done,
          "aria-valuetext": valueText,
          "data-testid": "tour-progress",
        },
        fill,
      ),
      h("p", { class: "muted tour-progress-text", "aria-hidden": "true" }, valueText),
    );
  }

  function startLink(tour: TourSummary, titleId: string): HTMLElement {
    const label =
      tour.status === "new" ? t("tour-start") : tour.status === "inProgress" ? t("tour-resume") : t("tour-replay");
    return routeLink(
      ctx.router,
      tourRoute(tour.id),
      { class: "btn btn-primary", id: `tour-start-${tour.id}`, "aria-describedby": titleId, "data-testid": "tour-start" },
      label,
    );
  }

  /** "Options": reset this tour, don't suggest it again (or again). */
  function tourMenu(tour: TourSummary, title: string): HTMLElement | null {
    const items: HTMLElement[] = [];
    if (tour.status !== "new") {
      items.push(
        h(
          "button",
          {
            type: "button",
            class: "btn",
            "data-testid": "tour-reset",
            onclick: (event: Event) => confirmReset(event.currentTarget as HTMLElement, tour, title),
          },
          t("tour-reset"),
        ),
      );
    }
    items.push(
      h(
        "button",
        {
          type: "button",
          class: "btn",
          "data-testid": tour.hidden ? "tour-unhide" : "tour-hide",
          onclick: (event: Event) => void setHidden(event.currentTarget as HTMLButtonElement, tour, title),
        },
        tour.hidden ? t("tour-unhide") : t("tour-hide"),
      ),
    );
    return h(
      "details",
      { class: "tour-menu", "data-testid": "tour-menu" },
      h("summary", { class: "btn", "aria-label": t("tour-menu-label", { title }) }, t("tour-menu")),
      h("div", { class: "tour-menu-items" }, items),
    );
  }

  function confirmReset(opener: HTMLElement, tour: TourSummary, title: string): void {
    openConfirmDialog(ctx, opener, {
      title: t("tour-reset-title", { title }),
      body: t("tour-reset-body"),
      confirmLabel: t("tour-reset-confirm"),
      cancelLabel: t("dialog-cancel"),
      danger: true,
      testid: "tour-reset-dialog",
      onConfirm: async () => {
        await api.tourReset(profileId, accountId, tour.id);
        tours = await api.toursList(profileId, accountId);
      },
      afterConfirm: () => {
        draw();
        tell(t("tour-reset-done", { title }));
      },
    });
  }

  async function setHidden(button: HTMLButtonElement, tour: TourSummary, title: string): Promise<void> {
    const hidden = async () => {
      await api.tourHide(profileId, tour.id, !tour.hidden);
      tours = await api.toursList(profileId, accountId);
    };
    if (!(await runBusy(button, hidden, actions.showError, true))) return;
    if (!tours.some((x) => x.hidden)) showHidden = false;
    draw();
    tell(tour.hidden ? t("tour-unhidden-done", { title }) : t("tour-hidden-done", { title }));
  }

  function drawFooter(hiddenCount: number): void {
    const titleId = uid("tours-progress-title");
    const showHiddenButton =
      hiddenCount > 0
        ? h(
            "button",
            {
              type: "button",
              class: "btn",
              id: "tours-show-hidden",
              "aria-pressed": showHidden ? "true" : "false",
              "data-testid": "tours-show-hidden",
              onclick: () => {
                showHidden = !showHidden;
                draw();
                document.getElementById("tours-show-hidden")?.focus();
              },
            },
            t("tours-show-hidden", { count: hiddenCount }),
          )
        : null;
    const anyProgress = tours.some((tour) => tour.status !== "new");
    replaceChildren(
      footer,
      showHiddenButton || anyProgress
        ? h(
            "section",
            { class: "card", "aria-labelledby": titleId, "data-testid": "tours-your-progress" },
            h("h2", { id: titleId }, t("tours-progress-title")),
            h(
              "div",
              { class: "actions actions-start" },
              showHiddenButton,
              anyProgress
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "btn btn-danger",
                      "data-testid": "tours-reset-all",
                      onclick: (event: Event) => confirmResetAll(event.currentTarget as HTMLElement),
                    },
                    t("tours-reset-all"),
                  )
                : null,
            ),
          )
        : null,
      // Loading packs (and the tours' health) is for trainers: Settings → Trainer mode.
      state.settings.trainerMode ? packLoader : null,
    );
  }

  function confirmResetAll(opener: HTMLElement): void {
    openConfirmDialog(ctx, opener, {
      title: t("tours-reset-all-title"),
      body: t("tours-reset-all-body"),
      confirmLabel: t("tours-reset-all-confirm"),
      cancelLabel: t("dialog-cancel"),
      danger: true,
      testid: "tours-reset-all-dialog",
      onConfirm: async () => {
        await api.tourReset(profileId, accountId, null);
        tours = await api.toursList(profileId, accountId);
      },
      afterConfirm: () => {
        draw();
        tell(t("tours-reset-all-done"));
      },
    });
  }

  // ---- tour packs --------------------------------------------------------

  const pathId = uid("tour-pack-path");
  const pathHintId = uid("tour-pack-hint");
  const pathInput = h("input", {
    type: "text",
    id: pathId,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": pathHintId,
    "data-testid": "tour-pack-path",
  });
  const packError = h("p", { class: "alert", role: "alert", "data-testid": "tour-pack-error" });
  const packStatus = h("p", { class: "busy", role: "status" });
  const packReport = h("div", { class: "stack-sm", "data-testid": "tour-pack-report" });
  const loadButton = h(
    "button",
    { type: "submit", class: "btn btn-primary", "data-testid": "tour-pack-load" },
    t("tour-pack-load"),
  );
  const packForm = h(
    "form",
    {
      class: "stack-sm",
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void loadPack();
      },
    },
    h(
      "div",
      { class: "field" },
      h("label", { for: pathId }, t("tour-pack-path-label")),
      h("p", { class: "hint", id: pathHintId }, t("tour-pack-path-hint")),
      pathInput,
    ),
    packError,
    h("div", { class: "actions actions-start" }, loadButton),
    packStatus,
  );
  const packLoader = h(
    "details",
    { class: "disclosure", "data-testid": "tour-pack" },
    h("summary", null, t("tour-pack-title")),
    h("div", { class: "stack-sm" }, h("p", null, t("tour-pack-intro")), packForm, packReport, brokenBlock),
    h("p", null, h("a", { href: routeHref("tour-health"), "data-testid": "tour-health-link" }, t("tour-health-link"))),
  );

  async function loadPack(): Promise<void> {
    const path = pathInput.value.trim();
    packError.textContent = "";
    delete packError.dataset.errorCode;
    if (!path) {
      packError.textContent = t("tour-pack-empty-path");
      pathInput.setAttribute("aria-invalid", "true");
      pathInput.focus();
      return;
    }
    pathInput.removeAttribute("aria-invalid");
    loadButton.disabled = true;
    packStatus.textContent = t("tour-pack-loading");
    let report: PackReport;
    try {
      report = await api.tourPackLoad(path);
    } catch (error) {
      loadButton.disabled = false;
      packStatus.textContent = "";
      showErrorIn(packError, ctx.i18n, error);
      pathInput.focus();
      return;
    }
    // The pack's texts, then the list with its tours.
    await loadTourMessages(ctx, true);
    try {
      tours = await api.toursList(profileId, accountId);
      draw();
    } catch (error) {
      actions.showError(error);
    }
    loadButton.disabled = false;
    packStatus.textContent = "";
    showReport(report);
  }

  function showReport(report: PackReport): void {
    const titleId = uid("tour-pack-report-title");
    const title = h(
      "h3",
      { id: titleId, tabindex: -1 },
      report.loaded.length > 0 ? t("tour-pack-loaded", { count: report.loaded.length }) : t("tour-pack-nothing"),
    );
    replaceChildren(
      packReport,
      h(
        "section",
        { class: report.broken.length > 0 ? "notice" : "success", "aria-labelledby": titleId },
        title,
        report.loaded.length > 0
          ? h(
              "ul",
              { class: "bullets", "data-testid": "tour-pack-loaded" },
              report.loaded.map((tour) => h("li", { "data-tour-id": tour.id }, text(tour.title))),
            )
          : null,
        report.broken.length > 0 ? brokenList(report.broken, "tour-pack-broken") : null,
      ),
    );
    title.focus();
    actions.announce(title.textContent ?? "");
  }

  /** Tours that could not be read, with each problem: where, what, how to fix it. */
  function brokenList(broken: BrokenTour[], testid: string): HTMLElement {
    return h(
      "div",
      { class: "stack-sm", "data-testid": testid },
      h("p", { class: "broken-title" }, t("tour-broken-title", { count: broken.length })),
      h("p", { class: "hint" }, t("tour-problem-english")),
      broken.map((tour) =>
        h(
          "div",
          { class: "broken-tour", "data-testid": "tour-broken", "data-source": tour.source },
          h("p", null, t("tour-broken-source", { source: tour.source })),
          h(
            "ul",
            { class: "problem-list", role: "list" },
            tour.problems.map((problem) =>
              h(
                "li",
                { class: "problem", "data-testid": "tour-problem" },
                h("code", null, problem.line === null ? problem.file : `${problem.file}:${problem.line}`),
                " ",
                h("span", { lang: "en" }, problem.message),
                h("span", { class: "problem-fix" }, t("tour-problem-fix"), " ", h("span", { lang: "en" }, problem.fix)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  async function loadBroken(): Promise<void> {
    try {
      const broken = await api.toursBroken();
      replaceChildren(brokenBlock, broken.length > 0 ? brokenList(broken, "tours-broken-list") : null);
    } catch (error) {
      // Only for tour authors: the list itself still works.
      console.warn("[tours] broken tours unavailable", errorText(ctx.i18n, error));
    }
  }

  // ---- without an account --------------------------------------------------

  const noAccount =
    accountId === null
      ? h(
          "div",
          { class: "notice tours-no-account", "data-testid": "tours-no-account" },
          h("p", null, t("tours-no-account")),
          routeLink(ctx.router, "accounts/connect", { class: "btn", "data-testid": "tours-connect" }, t("accounts-connect")),
        )
      : null;

  drawFooter(0);
  void load();
  void loadBroken();
  return screen(
    "tours-screen",
    t("tours-title"),
    h("p", { class: "lead" }, t("tours-intro")),
    noAccount,
    messages,
    body,
    footer,
  );
}
