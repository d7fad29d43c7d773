// Workshop (`#/workshop`), for trainers: prepare (a named plan of tours, exported as a pack for
// USB keys, or a pack imported on this laptop), practice accounts (a count or a CSV checked line
// by line, created in the background with progress, the printable sign-in sheet, clean-up after
// a confirmation listing them), progress at a glance (participants' files merged into one
// table, CSV) and resetting this laptop. Files go where the trainer types (a USB key…); the
// default folder is Passerelle's own.
import type {
  AccountPlan,
  CreationDone,
  CreationEvent,
  MembersRequest,
  PracticeAccount,
  ProgressCell,
  SheetEntry,
  TourSummary,
  WorkshopOverview,
  WorkshopPlan,
} from "../../bindings/types";
import { openConfirmDialog } from "../../components/dialog";
import { runBusy } from "../../components/busy";
import { emptyState, screen } from "../../components/ui";
import { accountName, type Ctx } from "../../context";
import { h, replaceChildren, uid, type Child } from "../../dom";
import { showErrorIn } from "../../errors";
import { loadTourMessages, tourArgs, tourText } from "../../tourTexts";
import {
  countStates,
  joinPath,
  packIdOf,
  parseSheetList,
  pathLines,
  problemText,
  progressMatrix,
  stateText,
} from "./state";

/** A labelled text field. */
function field(label: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string): HTMLElement {
  input.id ||= uid("field");
  const hintId = hint ? uid("hint") : undefined;
  if (hintId) input.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "field" },
    h("label", { for: input.id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    input,
  );
}

function section(testid: string, title: string, ...children: Child[]): HTMLElement {
  const id = uid("workshop-section");
  return h("section", { class: "card stack workshop-section", "data-testid": testid, "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

function statusLine(testid: string): HTMLElement {
  return h("p", { class: "hint", role: "status", "aria-live": "polite", "data-testid": testid });
}

function errorLine(testid: string): HTMLElement {
  return h("p", { class: "alert", role: "alert", "data-testid": testid });
}

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const root = screen("workshop-screen", t("workshop-ui-title"), h("p", { class: "lead" }, t("workshop-ui-intro")));
  const overview: Promise<WorkshopOverview> = ctx.api.workshopOverview();
  overview.catch(() => undefined);
  root.append(
    prepareSection(ctx, overview),
    accountsSection(ctx, overview),
    progressSection(ctx, overview),
    resetSection(ctx),
  );
  return root;
}

// ---- Prepare ---------------------------------------------------------------------------------

function prepareSection(ctx: Ctx, overview: Promise<WorkshopOverview>): HTMLElement {
  const { t } = ctx.i18n;
  const { api } = ctx;
  const profileId = ctx.state.profile?.id ?? 0;
  const name = h("input", { type: "text", class: "input", "data-testid": "workshop-plan-name", autocomplete: "off" });
  const packId = h("input", { type: "text", class: "input", "data-testid": "workshop-pack-id", autocomplete: "off", pattern: "[a-z0-9-]+" });
  const dest = h("input", { type: "text", class: "input", "data-testid": "workshop-pack-dest", autocomplete: "off" });
  const importPath = h("input", { type: "text", class: "input", "data-testid": "workshop-pack-path", autocomplete: "off" });
  const plansSelect = h("select", { class: "input", "data-testid": "workshop-plans" });
  const toursBox = h("fieldset", { class: "workshop-tours", "data-testid": "workshop-tours", "aria-busy": "true" }, h("legend", null, t("workshop-ui-tours-legend")));
  const status = statusLine("workshop-prepare-status");
  const error = errorLine("workshop-prepare-error");
  const problems = h("ul", { class: "problem-list", "data-testid": "workshop-pack-problems" });
  let folder = "";
  let packIdTouched = false;
  // Defaults arrive later: never over what the person started typing.
  const touched = new WeakSet<HTMLElement>();
  for (const input of [dest, importPath]) {
    for (const type of ["focus", "input"]) input.addEventListener(type, () => touched.add(input));
  }
  let tours: TourSummary[] = [];
  let text = (id: string) => id;

  const chosen = (): string[] =>
    [...toursBox.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((c) => c.checked).map((c) => c.value);

  const suggestDest = () => {
    if (folder && !touched.has(dest)) dest.value = joinPath(folder, `${packId.value || "atelier"}.zip`);
  };
  name.addEventListener("input", () => {
    if (!packIdTouched) {
      packId.value = packIdOf(name.value);
      suggestDest();
    }
  });
  packId.addEventListener("input", () => {
    packIdTouched = true;
    suggestDest();
  });

  const drawTours = (checked: string[]) => {
    replaceChildren(
      toursBox,
      h("legend", null, t("workshop-ui-tours-legend")),
      tours.map((tour) =>
        h(
          "label",
          { class: "checkbox" },
          h("input", { type: "checkbox", value: tour.id, checked: checked.includes(tour.id), "data-testid": `workshop-tour-${tour.id}` }),
          " ",
          text(tour.title),
        ),
      ),
    );
    toursBox.removeAttribute("aria-busy");
  };

  const drawPlans = (plans: WorkshopPlan[]) => {
    replaceChildren(
      plansSelect,
      h("option", { value: "" }, t("workshop-ui-plans-new")),
      plans.map((p) => h("option", { value: JSON.stringify(p) }, t("workshop-ui-plan-option", { name: p.name, count: p.tours.length }))),
    );
  };
  plansSelect.addEventListener("change", () => {
    if (!plansSelect.value) return;
    const plan = JSON.parse(plansSelect.value) as WorkshopPlan;
    name.value = plan.name;
    packId.value = packIdOf(plan.name);
    packIdTouched = false;
    suggestDest();
    drawTours(plan.tours);
    ctx.memory.projectorTours = [...plan.tours];
  });

  const reload = async () => {
    try {
      const [o, list, args] = await Promise.all([
        overview,
        api.toursList(profileId, ctx.state.accountId),
        tourArgs(ctx, 300),
        loadTourMessages(ctx, true),
      ]);
      folder = o.folder;
      text = (id: string) => tourText(ctx, id, args);
      tours = list;
      drawTours(chosen());
      drawPlans(o.plans);
      if (!importPath.value && !touched.has(importPath)) importPath.value = joinPath(folder, "atelier.zip");
      suggestDest();
    } catch (e) {
      showErrorIn(error, ctx.i18n, e);
    }
  };

  const run = (button: HTMLButtonElement, action: () => Promise<void>) => {
    showErrorIn(error, ctx.i18n, null);
    void runBusy(button, action, (e) => showErrorIn(error, ctx.i18n, e));
  };

  const save: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-plan-save",
      onclick: () =>
        run(save, async () => {
          const plan = await api.workshopPlanSave(name.value, chosen());
          ctx.memory.projectorTours = [...plan.tours];
          status.textContent = t("workshop-ui-plan-saved", { name: plan.name, count: plan.tours.length });
          drawPlans((await api.workshopOverview()).plans);
        }),
    },
    t("workshop-ui-plan-save"),
  );
  const exportButton: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "workshop-pack-export",
      onclick: () =>
        run(exportButton, async () => {
          const written = await api.workshopPackExport(name.value, chosen(), packId.value, dest.value);
          ctx.memory.projectorTours = [...written.tours];
          status.textContent = t("workshop-ui-pack-exported", { path: written.path, count: written.tours.length });
        }),
    },
    t("workshop-ui-pack-export"),
  );
  const importButton: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "workshop-pack-import",
      onclick: () =>
        run(importButton, async () => {
          replaceChildren(problems);
          const result = await api.workshopPackImport(importPath.value);
          if (!result.plan) {
            status.textContent = t("workshop-ui-pack-refused", { count: result.problems.length });
            replaceChildren(problems, result.problems.map((p) => h("li", { class: "problem" }, h("code", null, p))));
            return;
          }
          status.textContent = t("workshop-ui-pack-imported", { name: result.plan.name, count: result.plan.tours.length });
          ctx.memory.projectorTours = [...result.plan.tours];
          // Its tours are on offer now: show them, checked as the plan says.
          name.value = result.plan.name;
          packId.value = packIdOf(result.plan.name);
          const [list, args] = await Promise.all([api.toursList(profileId, ctx.state.accountId), tourArgs(ctx, 300), loadTourMessages(ctx, true)]);
          text = (id: string) => tourText(ctx, id, args);
          tours = list;
          drawTours(result.plan.tours);
          drawPlans((await api.workshopOverview()).plans);
          ctx.actions.announce(status.textContent);
        }),
    },
    t("workshop-ui-pack-import"),
  );
  const projector = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-projector-open",
      onclick: () => {
        const picked = chosen();
        if (picked.length) ctx.memory.projectorTours = [...picked];
        ctx.router.navigate("workshop-projector");
      },
    },
    t("workshop-ui-projector-open"),
  );

  void reload();
  return section(
    "workshop-prepare",
    t("workshop-ui-prepare-title"),
    h("p", { class: "hint" }, t("workshop-ui-prepare-intro")),
    field(t("workshop-ui-plans-label"), plansSelect),
    field(t("workshop-ui-plan-name"), name),
    toursBox,
    h("p", { class: "actions-start" }, save, " ", projector),
    field(t("workshop-ui-pack-id"), packId, t("workshop-ui-pack-id-hint")),
    field(t("workshop-ui-pack-dest"), dest, t("workshop-ui-pack-dest-hint")),
    h("p", { class: "actions-start" }, exportButton),
    h("h3", null, t("workshop-ui-import-title")),
    field(t("workshop-ui-pack-path"), importPath, t("workshop-ui-pack-path-hint")),
    h("p", { class: "actions-start" }, importButton),
    status,
    error,
    problems,
  );
}

// ---- Practice accounts -----------------------------------------------------------------------

function accountsSection(ctx: Ctx, overview: Promise<WorkshopOverview>): HTMLElement {
  const { t } = ctx.i18n;
  const { api } = ctx;
  const account = ctx.state.accounts.find((a) => a.id === ctx.state.accountId) ?? null;
  const sheetPart = sheetSection(ctx, overview);
  if (!account) {
    return section(
      "workshop-accounts",
      t("workshop-ui-accounts-title"),
      h("p", { class: "hint", "data-testid": "workshop-accounts-no-account" }, t("workshop-ui-accounts-no-account")),
      sheetPart.element,
    );
  }
  const accountId = account.id;
  const useCsv = h("input", { type: "checkbox", "data-testid": "workshop-use-csv" });
  const count = h("input", { type: "number", class: "input", min: 1, max: 500, value: 10, "data-testid": "workshop-count" });
  const prefix = h("input", { type: "text", class: "input", value: "atelier", "data-testid": "workshop-prefix" });
  const group = h("input", { type: "text", class: "input", value: "atelier", "data-testid": "workshop-group" });
  const csv = h("textarea", { class: "input", rows: 6, spellcheck: false, "data-testid": "workshop-csv" });
  const csvFile = h("input", { type: "file", accept: ".csv,.txt,text/csv", "data-testid": "workshop-csv-file" });
  const framaspace = h("input", { type: "checkbox", checked: /frama\.space/i.test(account.serverUrl), "data-testid": "workshop-framaspace" });
  const emailLink = h("input", { type: "checkbox", "data-testid": "workshop-email-link" });
  const label = h("input", { type: "text", class: "input", value: new Date().toISOString().slice(0, 10), "data-testid": "workshop-run-label" });
  const status = statusLine("workshop-accounts-status");
  const error = errorLine("workshop-accounts-error");
  const problems = h("ul", { class: "problem-list", "data-testid": "workshop-plan-problems" });
  const bar = h("progress", { max: 1, value: 0, hidden: true, "data-testid": "workshop-create-progress", "aria-label": t("workshop-ui-create-progress") });
  const cleanupList = h("div", { class: "stack-sm", "data-testid": "workshop-cleanup-list" });
  const countPart = h("div", { class: "grid-2" }, field(t("workshop-ui-count"), count), field(t("workshop-ui-prefix"), prefix), field(t("workshop-ui-group"), group));
  const csvPart = h("div", { class: "stack-sm", hidden: true }, field(t("workshop-ui-csv"), csv, t("workshop-ui-csv-hint")), field(t("workshop-ui-csv-file"), csvFile));
  let checked: AccountPlan | null = null;

  useCsv.addEventListener("change", () => {
    countPart.hidden = useCsv.checked;
    csvPart.hidden = !useCsv.checked;
    invalidate();
  });
  csvFile.addEventListener("change", () => {
    const file = csvFile.files?.[0];
    if (!file) return;
    file.text().then(
      (text) => {
        csv.value = text;
        invalidate();
      },
      (e: unknown) => showErrorIn(error, ctx.i18n, e),
    );
  });
  const invalidate = () => {
    checked = null;
    create.disabled = true;
  };
  for (const input of [count, prefix, group, csv, framaspace, emailLink]) input.addEventListener("input", invalidate);
  for (const input of [framaspace, emailLink]) input.addEventListener("change", invalidate);

  const members = (): MembersRequest => ({
    csv: useCsv.checked ? csv.value : null,
    count: useCsv.checked ? null : Number(count.value) || 0,
    prefix: prefix.value,
    group: group.value.trim() || null,
    limit: framaspace.checked ? 50 : null,
    emailLink: emailLink.checked,
  });

  const showPlan = (plan: AccountPlan) => {
    replaceChildren(problems, plan.problems.map((p) => h("li", { class: "problem", "data-line": p.line }, problemText(ctx.i18n, p))));
    if (plan.problems.length) {
      status.textContent = t("workshop-ui-plan-problems", { count: plan.problems.length });
      checked = null;
      create.disabled = true;
    } else {
      status.textContent = t("workshop-ui-plan-ok", {
        count: plan.accounts.length,
        groups: plan.groupsToCreate.length,
        logins: plan.accounts.map((a) => a.userId).join(", "),
      });
      checked = plan;
      create.disabled = false;
    }
  };

  const check: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-plan-check",
      onclick: () => {
        check.disabled = true;
        showErrorIn(error, ctx.i18n, null);
        status.textContent = t("workshop-ui-checking");
        api
          .workshopAccountsPlan(accountId, members())
          .then(showPlan)
          .catch((e: unknown) => {
            status.textContent = "";
            showErrorIn(error, ctx.i18n, e);
          })
          .finally(() => (check.disabled = false));
      },
    },
    t("workshop-ui-plan-check"),
  );

  const finished = (done: CreationDone) => {
    bar.value = bar.max;
    status.textContent = t("workshop-ui-created", { count: done.accounts.length });
    ctx.actions.announce(status.textContent);
    check.disabled = false;
    sheetPart.show(done.serverUrl, done.accounts);
  };

  const create: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      disabled: true,
      "data-testid": "workshop-create",
      onclick: () => {
        if (!checked) return;
        create.disabled = true;
        check.disabled = true;
        showErrorIn(error, ctx.i18n, null);
        bar.hidden = false;
        bar.max = Math.max(1, checked.accounts.length);
        bar.value = 0;
        status.textContent = t("workshop-ui-creating", { done: 0, total: checked.accounts.length });
        const channel = ctx.platform.channel<CreationEvent>((event) => {
          if (event.event === "progress") {
            bar.max = Math.max(1, event.data.total);
            bar.value = event.data.done;
            status.textContent = t("workshop-ui-creating", { done: event.data.done, total: event.data.total });
          } else if (event.event === "finished") {
            checked = null;
            finished(event.data);
          } else {
            check.disabled = false;
            bar.hidden = true;
            status.textContent = t("workshop-ui-create-failed");
            showErrorIn(error, ctx.i18n, event.data);
          }
        });
        api.workshopAccountsCreate(accountId, members(), label.value, channel).catch((e: unknown) => {
          check.disabled = false;
          bar.hidden = true;
          status.textContent = "";
          showErrorIn(error, ctx.i18n, e);
        });
      },
    },
    t("workshop-ui-create"),
  );

  const cleanupButton = (remove: boolean, list: PracticeAccount[]) => {
    const button: HTMLButtonElement = h(
      "button",
      {
        type: "button",
        class: remove ? "btn btn-danger" : "btn",
        "data-testid": remove ? "workshop-cleanup-delete" : "workshop-cleanup-disable",
        onclick: () =>
          openConfirmDialog(ctx, button, {
            title: remove ? t("workshop-ui-delete-title", { count: list.length }) : t("workshop-ui-disable-title", { count: list.length }),
            body: t("workshop-ui-cleanup-body", { logins: list.map((a) => `${a.userId} (${a.displayName})`).join(", ") }),
            confirmLabel: remove ? t("workshop-ui-delete-confirm") : t("workshop-ui-disable-confirm"),
            cancelLabel: t("dialog-cancel"),
            danger: remove,
            testid: "workshop-cleanup-dialog",
            onConfirm: async () => {
              const report = await api.workshopAccountsCleanup(accountId, remove, list.map((a) => a.userId));
              status.textContent = t("workshop-ui-cleanup-done", {
                done: report.done.length,
                gone: report.alreadyGone.length,
                failed: report.failed.length,
              });
              ctx.actions.announce(status.textContent);
              await listAccounts();
            },
          }),
      },
      remove ? t("workshop-ui-cleanup-delete") : t("workshop-ui-cleanup-disable"),
    );
    return button;
  };

  const listAccounts = async () => {
    const list = await api.workshopAccountsList(accountId);
    if (!list.length) {
      replaceChildren(cleanupList, emptyState("workshop-cleanup-empty", t("workshop-ui-cleanup-none")));
      return;
    }
    replaceChildren(
      cleanupList,
      h(
        "ul",
        { class: "plain-list", "data-testid": "workshop-practice-accounts" },
        list.map((a) => h("li", { "data-user-id": a.userId }, t("workshop-ui-practice-account", { login: a.userId, name: a.displayName, state: a.state }))),
      ),
      h("p", { class: "actions-start" }, cleanupButton(false, list), " ", cleanupButton(true, list)),
    );
  };
  const listButton: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-cleanup-show",
      onclick: () => {
        listButton.disabled = true;
        listAccounts()
          .catch((e: unknown) => showErrorIn(error, ctx.i18n, e))
          .finally(() => (listButton.disabled = false));
      },
    },
    t("workshop-ui-cleanup-show"),
  );

  return section(
    "workshop-accounts",
    t("workshop-ui-accounts-title"),
    h("p", { class: "hint" }, t("workshop-ui-accounts-intro", { account: accountName(account) })),
    h("label", { class: "checkbox" }, useCsv, " ", t("workshop-ui-use-csv")),
    countPart,
    csvPart,
    h("label", { class: "checkbox" }, framaspace, " ", t("workshop-ui-framaspace")),
    h("label", { class: "checkbox" }, emailLink, " ", t("workshop-ui-email-link")),
    field(t("workshop-ui-run-label"), label),
    h("p", { class: "actions-start" }, check, " ", create),
    bar,
    status,
    error,
    problems,
    sheetPart.element,
    h("h3", null, t("workshop-ui-cleanup-title")),
    h("p", { class: "hint" }, t("workshop-ui-cleanup-intro")),
    h("p", { class: "actions-start" }, listButton),
    cleanupList,
  );
}

/** The sign-in sheet: shown after a creation run, or made from a typed list. */
function sheetSection(ctx: Ctx, overview: Promise<WorkshopOverview>): { element: HTMLElement; show(server: string, cards: SheetEntry[]): void } {
  const { t } = ctx.i18n;
  const { api } = ctx;
  const account = ctx.state.accounts.find((a) => a.id === ctx.state.accountId) ?? null;
  const server = h("input", { type: "text", class: "input", value: account?.serverUrl ?? "", "data-testid": "workshop-sheet-server" });
  const title = h("input", { type: "text", class: "input", "data-testid": "workshop-sheet-title" });
  const list = h("textarea", { class: "input", rows: 4, spellcheck: false, "data-testid": "workshop-sheet-list" });
  const path = h("input", { type: "text", class: "input", "data-testid": "workshop-sheet-path" });
  const status = statusLine("workshop-sheet-status");
  const error = errorLine("workshop-sheet-error");
  const preview = h("div", { class: "workshop-sheet-preview", "data-testid": "workshop-sheet-preview" });
  let cards: SheetEntry[] = [];
  let pathTouched = false;
  for (const type of ["focus", "input"]) path.addEventListener(type, () => (pathTouched = true));
  void overview.then(
    (o) => {
      if (!pathTouched) path.value ||= joinPath(o.folder, "fiche-connexion.html");
    },
    () => undefined,
  );

  const showPreview = async () => {
    const html = await api.workshopSheetRender(server.value, title.value, cards);
    const frame = h("iframe", {
      class: "workshop-sheet-frame",
      sandbox: "",
      title: t("workshop-ui-sheet-preview"),
      "data-testid": "workshop-sheet-frame",
    });
    frame.srcdoc = html;
    replaceChildren(preview, frame);
  };

  const fromList: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-sheet-make",
      onclick: () => {
        showErrorIn(error, ctx.i18n, null);
        const parsed = parseSheetList(list.value);
        if (!Array.isArray(parsed)) {
          status.textContent = "";
          error.textContent = t("workshop-ui-sheet-list-line", { line: parsed.line });
          return;
        }
        cards = parsed;
        showPreview()
          .then(() => (status.textContent = t("workshop-ui-sheet-ready", { count: cards.length })))
          .catch((e: unknown) => showErrorIn(error, ctx.i18n, e));
      },
    },
    t("workshop-ui-sheet-make"),
  );
  const save: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "workshop-sheet-save",
      onclick: () => {
        if (!cards.length) {
          error.textContent = t("workshop-ui-sheet-empty");
          return;
        }
        save.disabled = true;
        showErrorIn(error, ctx.i18n, null);
        api
          .workshopSheetSave(path.value, server.value, title.value, cards, true)
          .then((written) => (status.textContent = t("workshop-ui-sheet-saved", { path: written.path, count: written.count })))
          .catch((e: unknown) => showErrorIn(error, ctx.i18n, e))
          .finally(() => (save.disabled = false));
      },
    },
    t("workshop-ui-sheet-save"),
  );
  const element = h(
    "div",
    { class: "stack-sm", "data-testid": "workshop-sheet" },
    h("h3", null, t("workshop-ui-sheet-title")),
    h("p", { class: "hint" }, t("workshop-ui-sheet-intro")),
    field(t("workshop-ui-sheet-server"), server),
    field(t("workshop-ui-sheet-name"), title),
    field(t("workshop-ui-sheet-list"), list, t("workshop-ui-sheet-list-hint")),
    h("p", { class: "actions-start" }, fromList),
    preview,
    field(t("workshop-ui-sheet-path"), path, t("workshop-ui-sheet-path-hint")),
    h("p", { class: "actions-start" }, save),
    status,
    error,
  );
  return {
    element,
    show(address, made) {
      server.value = address;
      cards = made.filter((c) => c.password);
      if (!cards.length) return;
      showPreview()
        .then(() => (status.textContent = t("workshop-ui-sheet-ready", { count: cards.length })))
        .catch((e: unknown) => showErrorIn(error, ctx.i18n, e));
    },
  };
}

// ---- Progress at a glance --------------------------------------------------------------------

/** What the table knows of a tour on offer here: its title and its steps in order. */
export interface TourOutline {
  title: string;
  steps: string[];
}

export function progressTable(ctx: Ctx, cells: ProgressCell[], tours: ReadonlyMap<string, TourOutline> = new Map()): HTMLElement {
  const { t } = ctx.i18n;
  const m = progressMatrix(cells, new Map([...tours].map(([id, o]) => [id, o.steps])));
  // One header cell per tour over its steps' columns (they are contiguous).
  const groups: Array<[string, number]> = [];
  for (const c of m.columns) {
    const last = groups[groups.length - 1];
    if (last && last[0] === c.tour) last[1] += 1;
    else groups.push([c.tour, 1]);
  }
  const stepLabel = (tour: string, step: string) => {
    const n = tours.get(tour)?.steps.indexOf(step) ?? -1;
    return n < 0 ? step : t("workshop-ui-col-step", { n: n + 1, step });
  };
  return h(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": t("workshop-ui-table-label") },
    h(
      "table",
      { class: "data-table workshop-table", "data-testid": "workshop-progress-table" },
      h("caption", { class: "visually-hidden" }, t("workshop-ui-table-label")),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", { scope: "col", rowspan: 2 }, t("workshop-ui-col-participant")),
          h("th", { scope: "col", rowspan: 2 }, t("workshop-ui-col-summary")),
          groups.map(([tour, n]) => h("th", { scope: "colgroup", colspan: n, "data-tour": tour }, tours.get(tour)?.title ?? tour)),
        ),
        h("tr", null, m.columns.map((c) => h("th", { scope: "col", "data-tour": c.tour, "data-step": c.step }, stepLabel(c.tour, c.step)))),
      ),
      h(
        "tbody",
        null,
        m.participants.map((p) => {
          const counts = countStates(cells, p);
          return h(
            "tr",
            { "data-testid": "workshop-progress-row", "data-participant": p },
            h("th", { scope: "row" }, p),
            h("td", { class: "workshop-row-summary" }, t("workshop-ui-row-summary", { done: counts.done, skipped: counts.skipped, struggling: counts.struggling })),
            m.columns.map((c) => {
              const state = m.state(p, c.tour, c.step);
              return h(
                "td",
                { class: state ? `state state-${state}` : "state", "data-tour": c.tour, "data-step": c.step, "data-state": state ?? "", title: m.laptop(p, c.tour, c.step) ?? undefined },
                state ? stateText(ctx.i18n, state) : "—",
              );
            }),
          );
        }),
      ),
    ),
  );
}

function progressSection(ctx: Ctx, overview: Promise<WorkshopOverview>): HTMLElement {
  const { t } = ctx.i18n;
  const { api } = ctx;
  const files = h("textarea", { class: "input", rows: 3, spellcheck: false, "data-testid": "workshop-progress-files" });
  const csvPath = h("input", { type: "text", class: "input", "data-testid": "workshop-progress-csv-path" });
  const status = statusLine("workshop-progress-status");
  const error = errorLine("workshop-progress-error");
  const table = h("div", { "data-testid": "workshop-progress" });
  let csvTouched = false;
  for (const type of ["focus", "input"]) csvPath.addEventListener(type, () => (csvTouched = true));
  void overview.then(
    (o) => {
      if (!csvTouched) csvPath.value ||= joinPath(o.folder, "progression.csv");
    },
    () => undefined,
  );

  const profileId = ctx.state.profile?.id ?? 0;
  const load = async () => {
    const cells = await api.workshopProgressTable();
    // The tours on offer here give the steps' order and the titles; others keep their ids.
    const ids = [...new Set(cells.map((c) => c.tour))];
    const [details, args] = await Promise.all([
      Promise.all(ids.map((id) => Promise.resolve().then(() => api.tourOpen(profileId, null, id)).catch(() => null))),
      tourArgs(ctx, 300),
      loadTourMessages(ctx),
    ]);
    const outlines = new Map<string, TourOutline>();
    details.forEach((d, i) => {
      if (d) outlines.set(ids[i]!, { title: tourText(ctx, d.summary.title, args), steps: d.steps.map((s) => s.id) });
    });
    replaceChildren(table, cells.length ? progressTable(ctx, cells, outlines) : emptyState("workshop-progress-empty", t("workshop-ui-progress-empty")));
  };
  const act = (button: HTMLButtonElement, action: () => Promise<void>) => {
    showErrorIn(error, ctx.i18n, null);
    void runBusy(button, action, (e) => showErrorIn(error, ctx.i18n, e));
  };
  const importButton: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-primary",
      "data-testid": "workshop-progress-import",
      onclick: () =>
        act(importButton, async () => {
          const paths = pathLines(files.value);
          const summaries = await api.workshopProgressImport(paths);
          status.textContent = t("workshop-ui-progress-imported", {
            files: summaries.length,
            participants: summaries.reduce((n, s) => n + s.participants, 0),
            updated: summaries.reduce((n, s) => n + s.stepsUpdated, 0),
          });
          ctx.actions.announce(status.textContent);
          await load();
        }),
    },
    t("workshop-ui-progress-import"),
  );
  const csvButton: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-progress-csv",
      onclick: () =>
        act(csvButton, async () => {
          const written = await api.workshopProgressCsv(csvPath.value);
          status.textContent = t("workshop-ui-progress-csv-written", { path: written.path, count: written.count });
        }),
    },
    t("workshop-ui-progress-csv"),
  );
  const clearButton: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "workshop-progress-clear",
      onclick: () =>
        openConfirmDialog(ctx, clearButton, {
          title: t("workshop-ui-progress-clear-title"),
          body: t("workshop-ui-progress-clear-body"),
          confirmLabel: t("workshop-ui-progress-clear"),
          cancelLabel: t("dialog-cancel"),
          danger: true,
          testid: "workshop-progress-clear-dialog",
          onConfirm: async () => {
            await api.workshopProgressClear();
            status.textContent = t("workshop-ui-progress-cleared");
            await load();
          },
        }),
    },
    t("workshop-ui-progress-clear"),
  );
  load().catch((e: unknown) => showErrorIn(error, ctx.i18n, e));
  return section(
    "workshop-progress-section",
    t("workshop-ui-progress-title"),
    h("p", { class: "hint" }, t("workshop-ui-progress-intro")),
    field(t("workshop-ui-progress-files"), files, t("workshop-ui-progress-files-hint")),
    h("p", { class: "actions-start" }, importButton),
    status,
    error,
    table,
    field(t("workshop-ui-progress-csv-path"), csvPath),
    h("p", { class: "actions-start" }, csvButton, " ", clearButton),
  );
}

// ---- Reset -----------------------------------------------------------------------------------

function resetSection(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const status = statusLine("workshop-reset-status");
  const body = h("div", { class: "stack-sm" });
  const button: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-danger",
      "data-testid": "workshop-reset",
      onclick: () => {
        const names = ctx.state.profiles.map((p) => p.name);
        openConfirmDialog(ctx, button, {
          title: t("workshop-ui-reset-title"),
          body: t("workshop-ui-reset-body", { count: names.length, names: names.join(", ") }),
          confirmLabel: t("workshop-ui-reset-confirm"),
          cancelLabel: t("dialog-cancel"),
          danger: true,
          testid: "workshop-reset-dialog",
          onConfirm: async () => {
            const report = await ctx.api.workshopReset(names);
            const done = t("workshop-ui-reset-done", {
              profiles: report.profiles.length,
              accounts: report.accounts,
              secrets: report.secrets,
              web: report.webSessionEntries,
            });
            status.textContent = done;
            ctx.actions.announce(done);
            const next: HTMLButtonElement = h("button", { type: "button", class: "btn btn-primary", "data-testid": "workshop-reset-continue", onclick: () => ctx.platform.restart() }, t("workshop-ui-reset-continue"));
            replaceChildren(
              body,
              report.secretFailures.length
                ? h("p", { class: "alert", role: "alert" }, t("workshop-ui-reset-secret-failures", { count: report.secretFailures.length }))
                : null,
              h("p", null, next),
            );
            button.hidden = true;
          },
          afterConfirm: () => body.querySelector<HTMLButtonElement>("button")?.focus(),
        });
      },
    },
    t("workshop-ui-reset"),
  );
  return section("workshop-reset-section", t("workshop-ui-reset-section"), h("p", { class: "hint" }, t("workshop-ui-reset-intro")), h("p", { class: "actions-start" }, button), status, body);
}
