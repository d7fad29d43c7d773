// Hand-over: an admin gives a departing member's files, calendars and contacts to another
// member. Steps: who leaves and who receives → access check (which way, why, what each side
// must do) → what to move (lazy tree, calendars, address books) → plan summary → progress
// (background run, cancel, survives closing the app) → report (exports, disable the account).
// Above the steps: hand-overs that were interrupted (resume) and the past ones (reports).
//
// The draft survives leaving the screen (e.g. to connect the departing member's account) in a
// module variable; the run itself lives in the backend and is found again through
// `handoverJobs` and the `handover-progress` / `handover-finished` events.
import type {
  Account,
  BrowseEntry,
  CollectionEntry,
  HandoverAccess,
  HandoverPlan,
  HandoverReport,
  JobListing,
  JobSummary,
  MemberCollections,
  Progress,
  SidesRequest,
  SpaceMember,
  StrategyKind,
  StrategyOption,
} from "../bindings/types";
import type { Ctx } from "../context";
import type { UnlistenFn } from "../platform";
import { accountName, hostOf, needsReconnect } from "../context";
import { reconnectBlock, reconnectNotice } from "../components/reconnect";
import { formatDate } from "../components/ui";
import { openConfirmDialog } from "../components/dialog";
import { runBusy } from "../components/busy";
import { formatBytes } from "./accounts";
import { emptyState, screen } from "../components/ui";
import { h, replaceChildren, uid, type Child } from "../dom";
import { errorCode, showErrorIn } from "../errors";
import {
  checkOf,
  everythingChecked,
  loaded,
  node,
  parentOf,
  selectedPaths,
  setEverything,
  toggle,
  visibleNodes,
  type Tree,
  type TreeNode,
} from "../handoverTree";

type Step = "who" | "access" | "what" | "plan" | "run" | "report";

interface Draft {
  step: Step;
  source: SpaceMember | null;
  /** A member of the same space… */
  target: SpaceMember | null;
  /** …or a recorded account elsewhere. */
  targetAccount: Account | null;
  tree: Tree;
  calendars: Set<string>;
  addressBooks: Set<string>;
  collections: MemberCollections | null;
  destination: string;
  plan: HandoverPlan | null;
  /** The way chosen at the access step (null: the best one available). */
  strategy: StrategyKind | null;
  jobId: number | null;
  /**
   * The account the hand-over was started with (an admin's). Connecting the departing member's
   * account on the way makes that one current: the hand-over goes on with the admin's.
   */
  actingAccountId: number | null;
}

function freshDraft(): Draft {
  return {
    step: "who",
    source: null,
    target: null,
    targetAccount: null,
    tree: { roots: null },
    calendars: new Set(),
    addressBooks: new Set(),
    collections: null,
    destination: "",
    plan: null,
    strategy: null,
    jobId: null,
    actingAccountId: null,
  };
}

/** Kept while the app runs, so connecting an account on the way does not lose the choices. */
let draft: Draft = freshDraft();

/** Forget the draft (tests). */
export function resetDraft(): void {
  draft = freshDraft();
}

const PAGE = 25;

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** The Fluent id of a job's state: an incomplete job a resume cannot finish says so. */
export function jobStateText(job: Pick<JobSummary, "state" | "resumable">): string {
  return job.state === "incomplete" && !job.resumable ? "handover-job-needs-action" : `handover-job-${job.state}`;
}

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { api, state } = ctx;
  const lang = ctx.i18n.language;
  const bytes = (n: number) => formatBytes(n, lang);
  /** A message whose id is a code from the backend (strategy, state, kind, reason). */
  const code = (id: string) => ctx.i18n.dynamic(id) ?? id;
  const stepTitle = (step: Step) =>
    ({
      who: t("handover-step-who"),
      access: t("handover-step-access"),
      what: t("handover-step-what"),
      plan: t("handover-step-plan"),
      run: t("handover-step-run"),
      report: t("handover-step-report"),
    })[step];
  const exportLabel = (format: string) =>
    format === "html" ? t("handover-export-html") : format === "csv" ? t("handover-export-csv") : t("handover-export-json");
  const groupLabel = (group: string) =>
    group === "files" ? t("handover-group-files") : group === "calendars" ? t("handover-group-calendars") : t("handover-group-contacts");
  const current = state.accounts.find((a) => a.id === state.accountId) ?? null;
  const kept = state.accounts.find((a) => a.id === draft.actingAccountId) ?? null;
  const account = kept ?? current;
  if (account) draft.actingAccountId = account.id;

  const jobsBlock = h("div", { class: "stack", "data-testid": "handover-jobs" });
  const stepBlock = h("div", { class: "stack", "data-testid": "handover-step" });
  const unlisten: Promise<UnlistenFn>[] = [];

  const root = screen(
    "handover-screen",
    t("handover-title"),
    h("p", { class: "lead" }, t("handover-intro")),
    account
      ? h(
          "p",
          { class: "hint", "data-testid": "handover-acting" },
          t("handover-acting-as", { name: accountName(account), space: hostOf(account.serverUrl) }),
        )
      : null,
    jobsBlock,
    stepBlock,
  );

  // The accounts this screen needs are reconnected in place (acting account, access step).
  root.dataset.reconnectHere = "";

  if (!account || !state.profile) {
    replaceChildren(
      stepBlock,
      emptyState(
        "handover-no-account",
        t("handover-no-account-title"),
        h("p", null, t("handover-no-account-body")),
        h("a", { class: "btn btn-primary", href: "#/accounts/connect" }, t("handover-connect-account")),
      ),
    );
    return root;
  }
  const acting = account;
  const profileId = state.profile.id;
  if (needsReconnect(state, acting)) {
    // Nothing can be asked of the space without the acting account: reconnect it here.
    replaceChildren(stepBlock, reconnectNotice(ctx, acting, "handover-acting-lost", () => root.replaceWith(render(ctx))));
    return root;
  }

  // The screen stops listening once it is gone.
  const observer = new MutationObserver(() => {
    if (!root.isConnected) {
      observer.disconnect();
      for (const u of unlisten) void u.then((f) => f());
    }
  });
  queueMicrotask(() => {
    if (root.parentNode) observer.observe(root.parentNode, { childList: true });
  });

  function sides(): SidesRequest {
    return {
      profileId,
      actingAccountId: acting.id,
      sourceUserId: draft.source?.userId ?? "",
      sourceName: draft.source?.displayName ?? null,
      targetUserId: draft.targetAccount ? null : (draft.target?.userId ?? null),
      targetName: draft.targetAccount ? accountName(draft.targetAccount) : (draft.target?.displayName ?? null),
      targetAccountId: draft.targetAccount?.id ?? null,
    };
  }

  const sourceName = () => draft.source?.displayName ?? "";
  const targetName = () =>
    draft.targetAccount ? accountName(draft.targetAccount) : (draft.target?.displayName ?? "");

  function go(step: Step): void {
    draft.step = step;
    drawStep();
  }

  function stepHeading(step: Step, n: number): HTMLElement {
    const title = h("h2", { tabindex: -1, "data-testid": `handover-step-${step}` }, stepTitle(step));
    queueMicrotask(() => title.focus());
    return h(
      "div",
      { class: "stack-sm" },
      h("p", { class: "muted step-progress" }, t("handover-step-count", { n, total: 6 })),
      title,
    );
  }

  function alertBox(testid: string): HTMLElement {
    return h("p", { class: "alert", role: "alert", "data-testid": testid });
  }

  function button(
    testid: string,
    label: string,
    onclick: (e: Event) => void,
    primary = false,
    disabled = false,
  ): HTMLButtonElement {
    return h(
      "button",
      { type: "button", class: primary ? "btn btn-primary" : "btn", "data-testid": testid, onclick, disabled },
      label,
    );
  }

  // ---------------------------------------------------------------- jobs (resume / reports)

  async function loadJobs(): Promise<void> {
    let jobs: JobListing[];
    try {
      jobs = await api.handoverJobs();
    } catch (error) {
      const alert = alertBox("handover-jobs-error");
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(jobsBlock, alert);
      return;
    }
    const interrupted = jobs.filter((j) => j.resumable && j.job.state !== "planned");
    const running = jobs.filter((j) => j.runningNow);
    const items: Child[] = [];
    for (const j of running) {
      if (draft.step !== "run" || draft.jobId !== j.job.id) {
        items.push(
          h(
            "div",
            { class: "notice", "data-testid": "handover-running" },
            h("p", null, t("handover-running-banner", { from: j.job.source.displayName ?? j.job.source.userId, to: j.job.target.displayName ?? j.job.target.userId })),
            button("handover-follow", t("handover-follow"), () => {
              draft.jobId = j.job.id;
              go("run");
            }),
          ),
        );
      }
    }
    for (const j of interrupted) {
      items.push(
        h(
          "div",
          { class: "notice", role: "status", "data-testid": "handover-interrupted" },
          h(
            "p",
            null,
            t("handover-interrupted", {
              from: j.job.source.displayName ?? j.job.source.userId,
              to: j.job.target.displayName ?? j.job.target.userId,
            }),
          ),
          h("p", { class: "hint" }, code(`handover-job-${j.job.state}`)),
          button("handover-resume", t("handover-resume"), () => void resume(j.job.id), true),
        ),
      );
    }
    const past = jobs.filter((j) => !j.runningNow);
    if (past.length > 0) {
      items.push(
        h(
          "details",
          { class: "disclosure", "data-testid": "handover-past" },
          h("summary", null, t("handover-past", { count: past.length })),
          h(
            "ul",
            { class: "plain-list" },
            past.map((j) =>
              h(
                "li",
                { "data-testid": "handover-past-job" },
                h(
                  "span",
                  null,
                  t("handover-past-job", {
                    from: j.job.source.displayName ?? j.job.source.userId,
                    to: j.job.target.displayName ?? j.job.target.userId,
                    date: formatDate(j.job.createdAt, lang),
                  }),
                  " — ",
                  code(jobStateText(j.job)),
                ),
                " ",
                button("handover-open-report", t("handover-open-report"), () => {
                  draft.jobId = j.job.id;
                  go("report");
                }),
              ),
            ),
          ),
        ),
      );
    }
    replaceChildren(jobsBlock, items);
  }

  async function resume(jobId: number): Promise<void> {
    try {
      await api.handoverResume(jobId, acting.id);
      draft.jobId = jobId;
      go("run");
      void loadJobs();
    } catch (error) {
      ctx.actions.showError(error);
    }
  }

  // ---------------------------------------------------------------- step 1: who

  function memberPicker(role: "source" | "target"): HTMLElement {
    const legendId = uid("member-legend");
    const search = h("input", {
      type: "search",
      class: "input",
      "data-testid": `handover-${role}-search`,
      "aria-label": (role === "source" ? t("handover-source-search") : t("handover-target-search")),
      placeholder: t("handover-search-placeholder"),
    });
    const list = h("div", { role: "radiogroup", "aria-labelledby": legendId, class: "member-list", "data-testid": `handover-${role}-list` });
    const more = button(`handover-${role}-more`, t("handover-more-members"), () => void page(offset));
    more.hidden = true;
    const status = h("p", { class: "muted", role: "status" });
    let offset = 0;
    let query = "";
    let timer: ReturnType<typeof setTimeout> | undefined;

    function current(): SpaceMember | null {
      return role === "source" ? draft.source : draft.target;
    }

    function row(m: SpaceMember): HTMLElement {
      const id = uid("member");
      const input = h("input", {
        type: "radio",
        name: `handover-${role}`,
        id,
        value: m.userId,
        "data-testid": `handover-${role}-member`,
        "data-user": m.userId,
        checked: current()?.userId === m.userId && !(role === "target" && draft.targetAccount),
        onchange: () => {
          if (role === "source") draft.source = m;
          else {
            draft.target = m;
            draft.targetAccount = null;
          }
          drawWhoFooter();
        },
      });
      const details: string[] = [m.userId];
      if (m.email) details.push(m.email);
      details.push(
        m.lastLoginMs ? t("handover-last-login", { date: formatDate(m.lastLoginMs, lang) }) : t("handover-never-logged-in"),
      );
      details.push(t("handover-quota-used", { size: bytes(m.quotaUsed) }));
      return h(
        "div",
        { class: "member-row" },
        input,
        h("label", { for: id }, h("strong", null, m.displayName), h("span", { class: "muted" }, " — ", details.join(" · "))),
      );
    }

    async function page(from: number): Promise<void> {
      status.textContent = t("loading");
      try {
        const result = await api.handoverMembers(acting.id, query, from, PAGE);
        if (from === 0) replaceChildren(list);
        for (const m of result.members) list.append(row(m));
        offset = from + result.members.length;
        more.hidden = !result.more;
        status.textContent =
          offset === 0 ? t("handover-no-member-found") : t("handover-members-shown", { count: offset });
      } catch (error) {
        status.textContent = "";
        if (errorCode(error) === "forbidden" || errorCode(error) === "not-found") {
          replaceChildren(
            stepBlock,
            emptyState(
              "handover-not-admin",
              t("handover-not-admin-title"),
              h("p", null, t("handover-not-admin-body", { space: hostOf(acting.serverUrl) })),
            ),
          );
          return;
        }
        const alert = alertBox(`handover-${role}-error`);
        showErrorIn(alert, ctx.i18n, error);
        replaceChildren(list, alert);
      }
    }

    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        query = search.value;
        void page(0);
      }, 250);
    });
    void page(0);

    const others =
      role === "target"
        ? state.accounts.filter((a) => a.id !== acting.id && hostOf(a.serverUrl) !== hostOf(acting.serverUrl))
        : [];
    const elsewhere =
      others.length > 0
        ? h(
            "details",
            { class: "disclosure", "data-testid": "handover-target-elsewhere", open: draft.targetAccount !== null },
            h("summary", null, t("handover-target-elsewhere")),
            h(
              "div",
              { role: "radiogroup", "aria-label": t("handover-target-elsewhere") },
              others.map((a) => {
                const id = uid("account");
                return h(
                  "div",
                  { class: "member-row" },
                  h("input", {
                    type: "radio",
                    name: `handover-${role}`,
                    id,
                    "data-testid": "handover-target-account",
                    checked: draft.targetAccount?.id === a.id,
                    onchange: () => {
                      draft.targetAccount = a;
                      draft.target = null;
                      drawWhoFooter();
                    },
                  }),
                  h("label", { for: id }, h("strong", null, accountName(a)), h("span", { class: "muted" }, " — ", hostOf(a.serverUrl))),
                );
              }),
            ),
          )
        : null;

    return h(
      "fieldset",
      { class: "stack-sm member-picker" },
      h("legend", { id: legendId }, (role === "source" ? t("handover-source-legend") : t("handover-target-legend"))),
      search,
      list,
      status,
      more,
      elsewhere,
    );
  }

  const whoFooter = h("div", { class: "actions" });

  function drawWhoFooter(): void {
    const same = draft.source && draft.target && !draft.targetAccount && draft.source.userId === draft.target.userId;
    const ready = draft.source !== null && (draft.target !== null || draft.targetAccount !== null) && !same;
    replaceChildren(
      whoFooter,
      same ? h("p", { class: "alert", role: "alert" }, t("handover-same-member")) : null,
      button("handover-who-next", t("handover-next"), () => go("access"), true, !ready),
    );
  }

  function drawWho(): void {
    drawWhoFooter();
    replaceChildren(
      stepBlock,
      stepHeading("who", 1),
      h("p", null, t("handover-who-intro")),
      h("div", { class: "grid-2" }, memberPicker("source"), memberPicker("target")),
      whoFooter,
    );
  }

  // ---------------------------------------------------------------- step 2: access

  function drawAccess(): void {
    const body = h("div", { class: "stack", "aria-busy": "true" }, h("p", { class: "muted", role: "status" }, t("handover-checking-access")));
    replaceChildren(stepBlock, stepHeading("access", 2), body);
    void (async () => {
      let access: HandoverAccess;
      try {
        access = await api.handoverAccess(sides());
      } catch (error) {
        const alert = alertBox("handover-access-error");
        showErrorIn(alert, ctx.i18n, error);
        replaceChildren(body, alert, button("handover-back", t("handover-back"), () => go("who")));
        return;
      }
      body.removeAttribute("aria-busy");
      const names = { from: sourceName(), to: targetName() };
      // Every way that works with the sessions held, in the core's order (the admin-only
      // OwnershipTransfer app first); the one kept from before if it still works.
      const routes = access.options.filter((o) => o.available);
      if (access.chosen && !routes.some((o) => o.kind === access.chosen)) {
        routes.unshift({ kind: access.chosen, available: true, reason: access.reason, movesData: access.movesData });
      }
      if (!routes.some((o) => o.kind === draft.strategy)) draft.strategy = access.chosen;
      const chosenBox = h("div", { class: "stack-sm" });
      const drawChosen = () => {
        const option = routes.find((o) => o.kind === draft.strategy) ?? null;
        replaceChildren(
          chosenBox,
          option
            ? h(
                "div",
                { class: "notice", "data-testid": "handover-strategy", "data-strategy": option.kind },
                h("p", null, h("strong", null, code(`handover-strategy-${option.kind}`))),
                h("p", null, code(option.reason)),
                h("p", { class: "hint" }, option.movesData ? t("handover-note-moves-data") : t("handover-note-copies-data")),
              )
            : h("p", { class: "hint", role: "status", "data-testid": "handover-no-strategy" }, t("handover-why-nothing-yet")),
        );
        next.disabled = option === null;
      };
      const next = button("handover-access-next", t("handover-next"), () => go("what"), true, true);
      const routeList =
        routes.length > 1
          ? h(
              "fieldset",
              { class: "stack-sm route-list", "data-testid": "handover-routes" },
              h("legend", null, t("handover-routes-legend")),
              routes.map((o) => routeChoice(o, drawChosen)),
            )
          : null;
      drawChosen();

      const lostFor = (side: "source" | "target") => access.lost.find((l) => l.side === side) ?? null;
      const lost = access.lost.map((l) => {
        const name = l.side === "source" ? names.from : names.to;
        return h(
          "div",
          { class: "notice", "data-testid": `handover-lost-${l.side}`, "data-account-id": l.accountId },
          h(
            "p",
            null,
            l.side === "source"
              ? t("handover-lost-source", { name: name || (l.displayName ?? l.userId), user: l.userId, space: hostOf(l.serverUrl) })
              : t("handover-lost-target", { name: name || (l.displayName ?? l.userId), user: l.userId, space: hostOf(l.serverUrl) }),
          ),
          h("p", { class: "hint" }, routes.length > 0 ? t("handover-lost-other-ways") : t("handover-lost-needed")),
          reconnectBlock(
            ctx,
            { accountId: l.accountId, serverUrl: l.serverUrl, userId: l.userId, name: name || l.userId },
            {
              label: t("handover-reconnect", { name: name || (l.displayName ?? l.userId) }),
              testid: `handover-lost-${l.side}-reconnect`,
              primary: routes.length === 0,
              // Asked again: the reconnected session may open more ways.
              onDone: () => drawAccess(),
            },
          ),
        );
      });
      // A side to connect for the first time (no recorded account); one to reconnect is above.
      const todo = access.todo
        .filter((item) => !lostFor(item === "connect-source" ? "source" : "target"))
        .map((item) =>
          h(
            "div",
            { class: "notice", "data-testid": `handover-todo-${item}` },
            h("p", null, (item === "connect-source" ? t("handover-todo-connect-source", names) : t("handover-todo-connect-target", names))),
            h("p", { class: "hint" }, t("handover-todo-how", { space: hostOf(acting.serverUrl) })),
            h(
              "a",
              { class: "btn", href: "#/accounts/connect", "data-testid": `handover-todo-${item}-connect` },
              t("handover-todo-connect", { name: item === "connect-source" ? names.from : names.to }),
            ),
          ),
        );
      const others = access.options.filter((o) => !o.available);
      const options = others.length
        ? h(
            "details",
            { class: "disclosure", "data-testid": "handover-options" },
            h("summary", null, t("handover-other-ways")),
            h(
              "ul",
              { class: "bullets" },
              others.map((o) =>
                h(
                  "li",
                  { "data-available": String(o.available), "data-strategy": o.kind },
                  h("strong", null, code(`handover-strategy-${o.kind}`)),
                  " — ",
                  code(o.reason),
                ),
              ),
            ),
          )
        : null;
      replaceChildren(
        body,
        h("p", null, t("handover-access-summary", names)),
        lost,
        routeList,
        chosenBox,
        todo,
        options,
        h("div", { class: "actions" }, button("handover-back", t("handover-back"), () => go("who")), next),
      );
    })();
  }

  /** One way to hand over, as a radio in the access step. */
  function routeChoice(o: StrategyOption, changed: () => void): HTMLElement {
    const id = uid("route");
    const adminOnly = o.kind === "ownership-transfer";
    return h(
      "div",
      { class: "member-row" },
      h("input", {
        type: "radio",
        name: "handover-route",
        id,
        value: o.kind,
        "data-testid": "handover-route",
        "data-strategy": o.kind,
        checked: draft.strategy === o.kind,
        onchange: () => {
          draft.strategy = o.kind;
          draft.plan = null;
          changed();
        },
      }),
      h(
        "label",
        { for: id },
        h("strong", null, code(`handover-strategy-${o.kind}`)),
        adminOnly ? h("span", { class: "badge badge-admin" }, t("handover-route-admin-only")) : null,
      ),
    );
  }

  // ---------------------------------------------------------------- step 3: what

  function drawWhat(): void {
    const treeBox = h("ul", {
      role: "tree",
      class: "file-tree",
      "aria-label": t("handover-files-tree", { name: sourceName() }),
      "aria-multiselectable": "true",
      "data-testid": "handover-tree",
    });
    const everything = h("input", {
      type: "checkbox",
      id: uid("everything"),
      "data-testid": "handover-everything",
      onchange: () => {
        setEverything(draft.tree, everything.checked);
        for (const c of draft.collections?.calendars ?? []) if (!c.excluded) toggleSet(draft.calendars, c.uri, everything.checked);
        for (const c of draft.collections?.addressBooks ?? []) if (!c.excluded) toggleSet(draft.addressBooks, c.uri, everything.checked);
        drawTree();
        drawCollections();
        drawWhatFooter();
      },
    });
    const collectionsBox = h("div", { class: "stack-sm", "data-testid": "handover-collections" });
    const footer = h("div", { class: "actions" });
    const destination = h("input", {
      type: "text",
      class: "input",
      id: uid("destination"),
      "data-testid": "handover-destination",
      value: draft.destination,
      placeholder: t("handover-destination-default", { name: sourceName() }),
      oninput: () => {
        draft.destination = destination.value;
      },
    });
    let focusedPath: string | null = null;

    function toggleSet(set: Set<string>, key: string, on: boolean): void {
      if (on) set.add(key);
      else set.delete(key);
    }

    async function expand(n: TreeNode): Promise<void> {
      if (!n.entry.isFolder) return;
      if (n.children === null) {
        n.expanded = true;
        drawTree();
        try {
          loaded(n, await api.handoverBrowse(sides(), n.entry.path));
        } catch (error) {
          n.expanded = false;
          ctx.actions.showError(error);
        }
      } else {
        n.expanded = true;
      }
      drawTree();
    }

    function treeItem(n: TreeNode, level: number, index: number, count: number): HTMLElement {
      const state = checkOf(n);
      const label = [n.entry.name];
      if (n.entry.size !== null) label.push(bytes(n.entry.size));
      const item = h(
        "li",
        {
          role: "treeitem",
          "aria-level": level,
          "aria-setsize": count,
          "aria-posinset": index + 1,
          "aria-checked": state === "mixed" ? "mixed" : String(state === "checked"),
          "aria-expanded": n.entry.isFolder ? String(n.expanded) : null,
          "aria-disabled": n.entry.excluded ? "true" : null,
          tabindex: focusedPath === n.entry.path ? 0 : -1,
          "data-path": n.entry.path,
          "data-testid": "handover-tree-item",
          class: `tree-item level-${Math.min(level, 8)}`,
          style: `padding-inline-start: ${(level - 1) * 1.25}rem`,
        },
        n.entry.isFolder
          ? h(
              "button",
              {
                type: "button",
                class: "tree-twisty",
                tabindex: -1,
                "aria-hidden": "true",
                onclick: () => {
                  if (n.expanded) {
                    n.expanded = false;
                    drawTree();
                  } else void expand(n);
                },
              },
              n.expanded ? "▾" : "▸",
            )
          : h("span", { class: "tree-twisty", "aria-hidden": "true" }),
        h("input", {
          type: "checkbox",
          tabindex: -1,
          "aria-hidden": "true",
          "data-testid": "handover-tree-check",
          disabled: Boolean(n.entry.excluded),
          checked: state === "checked",
          onclick: (e: Event) => {
            e.stopPropagation();
            focusedPath = n.entry.path;
            toggle(n);
            drawTree();
            drawWhatFooter();
          },
        }),
        h("span", null, label.join(" — ")),
        n.entry.shared ? h("span", { class: "badge", title: t("handover-shared") }, t("handover-shared")) : null,
        n.entry.excluded ? h("span", { class: "muted" }, " — ", ctx.i18n.dynamic(`handover-reason-${n.entry.excluded}`) ?? n.entry.excluded) : null,
      );
      if (state === "mixed") {
        queueMicrotask(() => {
          const box = item.querySelector("input");
          if (box) box.indeterminate = true;
        });
      }
      return item;
    }

    function drawTree(): void {
      const roots = draft.tree.roots;
      if (roots === null) return;
      if (roots.length === 0) {
        replaceChildren(treeBox, h("li", { class: "muted" }, t("handover-no-files")));
        return;
      }
      const rows = visibleNodes(draft.tree);
      if (!focusedPath || !rows.some((r) => r.node.entry.path === focusedPath)) focusedPath = rows[0]!.node.entry.path;
      const hadFocus = treeBox.contains(document.activeElement);
      const siblings = (n: TreeNode) => (parentOf(draft.tree, n)?.children ?? roots);
      replaceChildren(
        treeBox,
        rows.map((r) => {
          const sib = siblings(r.node);
          return treeItem(r.node, r.level, sib.indexOf(r.node), sib.length);
        }),
      );
      everything.checked = everythingChecked(draft.tree) && collectionsAllChecked();
      if (hadFocus) focusRow();
    }
    function focusRow(): void {
      const row = treeBox.querySelector<HTMLElement>(`[data-path="${CSS.escape(focusedPath ?? "")}"]`);
      row?.focus();
    }

    treeBox.addEventListener("keydown", (e) => {
      const rows = visibleNodes(draft.tree);
      const i = rows.findIndex((r) => r.node.entry.path === focusedPath);
      if (i < 0) return;
      const cur = rows[i]!.node;
      const move = (j: number) => {
        const target = rows[Math.max(0, Math.min(rows.length - 1, j))];
        if (target) {
          // Moving only changes which row is in the tab order: no redraw, so folders with
          // thousands of entries stay smooth.
          treeBox.querySelector<HTMLElement>('[tabindex="0"]')?.setAttribute("tabindex", "-1");
          focusedPath = target.node.entry.path;
          const row = treeBox.querySelector<HTMLElement>(`[data-path="${CSS.escape(focusedPath)}"]`);
          row?.setAttribute("tabindex", "0");
          row?.focus();
        }
      };
      switch (e.key) {
        case "ArrowDown":
          move(i + 1);
          break;
        case "ArrowUp":
          move(i - 1);
          break;
        case "Home":
          move(0);
          break;
        case "End":
          move(rows.length - 1);
          break;
        case "ArrowRight":
          if (cur.entry.isFolder && !cur.expanded) void expand(cur).then(focusRow);
          else if (cur.expanded) move(i + 1);
          break;
        case "ArrowLeft": {
          if (cur.expanded) {
            cur.expanded = false;
            drawTree();
            focusRow();
          } else {
            const parent = parentOf(draft.tree, cur);
            if (parent) {
              focusedPath = parent.entry.path;
              drawTree();
              focusRow();
            }
          }
          break;
        }
        case " ":
          if (!cur.entry.excluded) {
            toggle(cur);
            drawTree();
            focusRow();
            drawWhatFooter();
          }
          break;
        default:
          return;
      }
      e.preventDefault();
    });
    treeBox.addEventListener("focusin", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>("[data-path]");
      if (row) focusedPath = row.dataset["path"] ?? focusedPath;
    });

    function collectionsAllChecked(): boolean {
      const c = draft.collections;
      if (!c) return true;
      return (
        c.calendars.every((x) => x.excluded || draft.calendars.has(x.uri)) &&
        c.addressBooks.every((x) => x.excluded || draft.addressBooks.has(x.uri))
      );
    }

    function collectionRow(c: CollectionEntry, set: Set<string>): HTMLElement {
      const id = uid("collection");
      const count =
        c.count === null
          ? ""
          : c.kind === "calendar"
            ? t("handover-events-count", { count: c.count })
            : t("handover-contacts-count", { count: c.count });
      return h(
        "div",
        { class: "member-row" },
        h("input", {
          type: "checkbox",
          id,
          "data-testid": c.kind === "calendar" ? "handover-calendar" : "handover-address-book",
          "data-uri": c.uri,
          disabled: Boolean(c.excluded),
          checked: set.has(c.uri),
          onchange: (e: Event) => {
            toggleSet(set, c.uri, (e.target as HTMLInputElement).checked);
            everything.checked = everythingChecked(draft.tree) && collectionsAllChecked();
            drawWhatFooter();
          },
        }),
        c.color ? h("span", { class: "swatch", style: `background:${/^#[0-9a-fA-F]{3,8}$/.test(c.color) ? c.color : "transparent"}`, "aria-hidden": "true" }) : null,
        h(
          "label",
          { for: id },
          h("strong", null, c.displayName ?? c.uri),
          count ? h("span", { class: "muted" }, " — ", count) : null,
          c.shared ? h("span", { class: "badge" }, t("handover-shared")) : null,
          c.excluded ? h("span", { class: "muted" }, " — ", ctx.i18n.dynamic(`handover-reason-${c.excluded}`) ?? c.excluded) : null,
        ),
      );
    }

    function drawCollections(): void {
      const c = draft.collections;
      if (!c) return;
      replaceChildren(
        collectionsBox,
        h("h3", null, t("handover-calendars-title")),
        c.calendars.length ? c.calendars.map((x) => collectionRow(x, draft.calendars)) : h("p", { class: "muted" }, t("handover-none")),
        h("h3", null, t("handover-address-books-title")),
        c.addressBooks.length ? c.addressBooks.map((x) => collectionRow(x, draft.addressBooks)) : h("p", { class: "muted" }, t("handover-none")),
      );
    }

    function drawWhatFooter(): void {
      const any = selectedPaths(draft.tree).length + draft.calendars.size + draft.addressBooks.size > 0;
      replaceChildren(
        footer,
        button("handover-back", t("handover-back"), () => go("access")),
        button("handover-what-next", t("handover-see-plan"), () => go("plan"), true, !any),
      );
    }

    replaceChildren(
      stepBlock,
      stepHeading("what", 3),
      h("div", { class: "check-row" }, everything, h("label", { for: everything.id }, h("strong", null, t("handover-everything", { name: sourceName() })))),
      h("h3", null, t("handover-files-title")),
      h("p", { class: "hint" }, t("handover-tree-help")),
      treeBox,
      collectionsBox,
      h("div", { class: "field" }, h("label", { for: destination.id }, t("handover-destination-label")), destination),
      footer,
    );
    drawWhatFooter();
    if (draft.tree.roots === null) {
      replaceChildren(treeBox, h("li", { class: "muted", role: "status" }, t("loading")));
      void api
        .handoverBrowse(sides(), "/")
        .then((entries: BrowseEntry[]) => {
          draft.tree = { roots: entries.map((e) => node(e)) };
          drawTree();
        })
        .catch((error: unknown) => {
          const alert = alertBox("handover-tree-error");
          showErrorIn(alert, ctx.i18n, error);
          replaceChildren(treeBox, h("li", null, alert));
        });
    } else drawTree();
    if (draft.collections === null) {
      replaceChildren(collectionsBox, h("p", { class: "muted", role: "status" }, t("loading")));
      void api
        .handoverCollections(sides())
        .then((c) => {
          draft.collections = c;
          drawCollections();
        })
        .catch((error: unknown) => {
          const alert = alertBox("handover-collections-error");
          showErrorIn(alert, ctx.i18n, error);
          replaceChildren(collectionsBox, alert);
        });
    } else drawCollections();
  }

  // ---------------------------------------------------------------- step 4: plan

  function drawPlan(): void {
    const body = h("div", { class: "stack", "aria-busy": "true" }, h("p", { class: "muted", role: "status" }, t("handover-planning")));
    replaceChildren(stepBlock, stepHeading("plan", 4), body);
    const everythingSelected =
      everythingChecked(draft.tree) &&
      (draft.collections?.calendars ?? []).every((x) => x.excluded || draft.calendars.has(x.uri)) &&
      (draft.collections?.addressBooks ?? []).every((x) => x.excluded || draft.addressBooks.has(x.uri));
    const selection = {
      everything: everythingSelected,
      files: everythingSelected ? [] : selectedPaths(draft.tree),
      calendars: everythingSelected ? [] : [...draft.calendars],
      addressBooks: everythingSelected ? [] : [...draft.addressBooks],
    };
    void (async () => {
      let plan: HandoverPlan;
      try {
        plan = await api.handoverPlan(sides(), selection, draft.destination.trim() || null, draft.strategy);
      } catch (error) {
        body.removeAttribute("aria-busy");
        const alert = alertBox("handover-plan-error");
        showErrorIn(alert, ctx.i18n, error);
        replaceChildren(body, alert, button("handover-back", t("handover-back"), () => go("what")));
        return;
      }
      draft.plan = plan;
      body.removeAttribute("aria-busy");
      const tt = plan.totals;
      const fits = plan.quota.fit !== "does-not-fit";
      const excluded = [...plan.excluded, ...plan.conflicts];
      const sentenceArgs = { from: sourceName(), to: targetName(), destination: plan.destination };
      const sentence = plan.strategy.movesData
        ? t("handover-plan-sentence-move", sentenceArgs)
        : t("handover-plan-sentence-copy", sentenceArgs);
      replaceChildren(
        body,
        h("p", { class: "lead", "data-testid": "handover-plan-sentence" }, sentence),
        h(
          "dl",
          { class: "facts", "data-testid": "handover-plan-facts" },
          h("dt", null, t("handover-plan-files")),
          h("dd", null, t("handover-plan-files-value", { files: tt.files, folders: tt.folders, size: bytes(tt.bytes) })),
          h("dt", null, t("handover-plan-calendars")),
          h(
            "dd",
            null,
            // A count the server did not give is shown as unknown, never as 0.
            tt.calendarObjects === null
              ? t("handover-plan-calendars-value-uncounted", { calendars: tt.calendars })
              : t("handover-plan-calendars-value", { calendars: tt.calendars, events: tt.calendarObjects }),
          ),
          h("dt", null, t("handover-plan-contacts")),
          h(
            "dd",
            null,
            tt.contacts === null
              ? t("handover-plan-contacts-value-uncounted", { books: tt.addressBooks })
              : t("handover-plan-contacts-value", { books: tt.addressBooks, contacts: tt.contacts }),
          ),
          h("dt", null, t("handover-report-destination")),
          h("dd", null, plan.destination),
          h("dt", null, t("handover-report-strategy")),
          h("dd", null, code(`handover-strategy-${plan.strategy.chosen}`)),
          h("dt", null, t("handover-plan-quota")),
          h(
            "dd",
            { "data-testid": "handover-plan-quota" },
            plan.quota.available === null
              ? t("handover-plan-quota-unknown", { needed: bytes(plan.quota.needed) })
              : fits
                ? t("handover-plan-quota-fits", { needed: bytes(plan.quota.needed), available: bytes(plan.quota.available) })
                : t("handover-plan-quota-too-small", { needed: bytes(plan.quota.needed), available: bytes(plan.quota.available) }),
          ),
          h("dt", null, t("handover-plan-duration")),
          h("dd", null, t("handover-plan-duration-value", { minutes: Math.max(1, Math.ceil(plan.estimatedSeconds / 60)) })),
        ),
        excluded.length
          ? h(
              "details",
              { class: "disclosure", open: true, "data-testid": "handover-plan-excluded" },
              h("summary", null, t("handover-plan-excluded", { count: excluded.length })),
              h(
                "ul",
                { class: "bullets" },
                excluded.map((x) => h("li", null, h("strong", null, x.source), " — ", ctx.i18n.dynamic(`handover-reason-${x.reason}`) ?? x.reason)),
              ),
            )
          : null,
        plan.notes.map((note) => h("p", { class: "hint" }, ctx.i18n.dynamic(note) ?? note)),
        fits ? null : h("p", { class: "alert", role: "alert" }, t("handover-plan-cannot-start")),
        h(
          "div",
          { class: "actions" },
          button("handover-back", t("handover-back"), () => go("what")),
          button("handover-start", t("handover-start"), (e) => void start(e.currentTarget as HTMLButtonElement), true, !fits),
        ),
      );
    })();
  }

  async function start(btn: HTMLButtonElement): Promise<void> {
    const plan = draft.plan;
    if (!plan) return;
    if (await runBusy(btn, async () => (draft.jobId = await api.handoverStart(plan, acting.id)), ctx.actions.showError, true)) {
      go("run");
    }
  }

  // ---------------------------------------------------------------- step 5: progress

  function drawRun(): void {
    const jobId = draft.jobId;
    if (jobId === null) return go("who");
    const overall = h("progress", { class: "quota-bar", max: 1, value: 0, "data-testid": "handover-progress-bar", "aria-label": t("handover-progress-overall") });
    const groups = h("div", { class: "stack-sm", "data-testid": "handover-progress-groups" });
    const line = h("p", { "data-testid": "handover-progress-line", "aria-live": "polite" }, t("handover-starting"));
    const current = h("p", { class: "muted", "data-testid": "handover-progress-current" });
    const cancel = button("handover-cancel", t("handover-cancel"), () => {
      cancel.disabled = true;
      void api.handoverCancel(jobId).catch((e: unknown) => ctx.actions.showError(e));
    });
    let lastAnnounced = 0;

    function show(p: Progress): void {
      if (p.jobId !== jobId || !overall.isConnected) return;
      const total = Math.max(1, p.itemsTotal);
      overall.value = p.itemsDone / total;
      overall.setAttribute("aria-valuetext", t("handover-progress-items", { done: p.itemsDone, total: p.itemsTotal }));
      replaceChildren(
        groups,
        p.groups.map((g) =>
          h(
            "div",
            { class: "stack-sm" },
            h("span", null, groupLabel(g.group), " — ", t("handover-progress-items", { done: g.done, total: g.total })),
            h("progress", { class: "quota-bar", max: Math.max(1, g.total), value: g.done, "aria-label": groupLabel(g.group) }),
          ),
        ),
      );
      line.textContent = t("handover-progress-line", {
        done: p.itemsDone,
        total: p.itemsTotal,
        failed: p.itemsFailed,
        bytes: bytes(p.bytesDone),
        bytesTotal: bytes(p.bytesTotal),
        speed: bytes(p.bytesPerSecond),
        eta: p.etaSeconds === null ? "–" : formatDuration(p.etaSeconds),
      });
      current.textContent = p.current ? t("handover-progress-current", { item: p.current }) : "";
      const now = Date.now();
      if (now - lastAnnounced > 15000) {
        lastAnnounced = now;
        ctx.actions.announce(t("handover-progress-items", { done: p.itemsDone, total: p.itemsTotal }));
      }
    }

    replaceChildren(
      stepBlock,
      stepHeading("run", 5),
      h("p", null, t("handover-run-intro", { from: sourceName() || "…", to: targetName() || "…" })),
      h("p", { class: "hint" }, t("handover-run-safe")),
      overall,
      line,
      current,
      groups,
      h("div", { class: "actions" }, cancel),
    );
    unlisten.push(ctx.platform.listen<Progress>("handover-progress", show));
    void api.handoverJobs().then((jobs) => {
      const mine = jobs.find((j) => j.job.id === jobId);
      if (mine?.progress) show(mine.progress);
      if (mine && !mine.runningNow) go("report");
    });
  }

  // ---------------------------------------------------------------- step 6: report

  function drawReport(): void {
    const jobId = draft.jobId;
    if (jobId === null) return go("who");
    const body = h("div", { class: "stack", "aria-busy": "true" }, h("p", { class: "muted", role: "status" }, t("loading")));
    replaceChildren(stepBlock, stepHeading("report", 6), body);
    void (async () => {
      let report: HandoverReport;
      try {
        report = await api.handoverReport(jobId);
      } catch (error) {
        const alert = alertBox("handover-report-error");
        showErrorIn(alert, ctx.i18n, error);
        replaceChildren(body, alert);
        return;
      }
      body.removeAttribute("aria-busy");
      const job = report.job;
      const verified = job.state === "verified";
      // Only what a resume can finish is offered as "resume"; the rest says who must do what.
      const todo = report.actions.length
        ? h(
            "section",
            { class: "stack-sm", "data-testid": "handover-report-todo" },
            h("h3", null, t("handover-report-todo")),
            h(
              "ul",
              { class: "bullets" },
              report.actions.map((a) => h("li", null, code(a.todo), " ", h("span", { class: "muted" }, `(${a.items})`))),
            ),
          )
        : null;
      const saved = h("p", { class: "success", role: "status", "data-testid": "handover-export-path" });
      const exportButton = (format: string) =>
        button(`handover-export-${format}`, exportLabel(format), () => {
          void api
            .handoverExport(jobId, format)
            .then((r) => {
              saved.textContent = t("handover-exported", { path: r.path });
            })
            .catch((e: unknown) => ctx.actions.showError(e));
        });
      const problems = report.items.filter((i) => i.state === "failed" || i.state === "skipped");
      const disable = verified
        ? h(
            "section",
            { class: "stack-sm", "data-testid": "handover-after" },
            h("h3", null, t("handover-after-title")),
            h("p", null, t("handover-after-body", { name: job.source.displayName ?? job.source.userId })),
            button("handover-disable", t("handover-disable", { name: job.source.displayName ?? job.source.userId }), (e) => {
              const opener = e.currentTarget as HTMLElement;
              openConfirmDialog(ctx, opener, {
                title: t("handover-disable-confirm-title", { name: job.source.displayName ?? job.source.userId }),
                body: t("handover-disable-confirm-body", { name: job.source.displayName ?? job.source.userId }),
                confirmLabel: t("handover-disable-confirm"),
                cancelLabel: t("handover-disable-keep"),
                danger: true,
                testid: "handover-disable-dialog",
                onConfirm: async () => {
                  await api.handoverDisableSource(jobId, acting.id, true);
                  ctx.actions.announce(t("handover-disabled", { name: job.source.displayName ?? job.source.userId }));
                },
              });
            }),
          )
        : null;
      replaceChildren(
        body,
        h(
          "p",
          { class: verified ? "success" : "alert", role: "status", "data-testid": "handover-report-state", "data-state": job.state },
          verified ? t("handover-report-complete") : job.resumable ? t("handover-report-incomplete") : code(jobStateText(job)),
        ),
        h(
          "table",
          { class: "table", "data-testid": "handover-report-totals" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              [t("handover-report-kind"), t("handover-item-verified"), t("handover-item-copied"), t("handover-item-failed"), t("handover-item-skipped")].map((x) =>
                h("th", { scope: "col" }, x),
              ),
            ),
          ),
          h(
            "tbody",
            null,
            report.totals.map((k) =>
              h(
                "tr",
                null,
                h("th", { scope: "row" }, code(`handover-kind-${k.kind}`)),
                h("td", null, String(k.states.verified)),
                h("td", null, String(k.states.copied)),
                h("td", null, String(k.states.failed)),
                h("td", null, String(k.states.skipped)),
              ),
            ),
          ),
        ),
        problems.length
          ? h(
              "details",
              { class: "disclosure", open: true, "data-testid": "handover-report-problems" },
              h("summary", null, t("handover-report-not-handed-over")),
              h(
                "ul",
                { class: "bullets" },
                problems.map((i) =>
                  h("li", null, h("strong", null, i.source), " — ", ctx.i18n.dynamic(`handover-reason-${i.reason ?? ""}`) ?? i.reason ?? code(`handover-item-${i.state}`)),
                ),
              ),
            )
          : null,
        h(
          "details",
          { class: "disclosure", "data-testid": "handover-report-items" },
          h("summary", null, t("handover-report-items"), ` (${report.items.length})`),
          h(
            "ul",
            { class: "plain-list" },
            report.items.map((i) => h("li", null, `${i.source} → ${i.target} — `, code(`handover-item-${i.state}`))),
          ),
        ),
        todo,
        job.resumable
          ? button("handover-resume", t("handover-resume"), () => void resume(jobId), true)
          : !verified
            ? button("handover-retry-after-action", t("handover-retry-after-action"), () => void resume(jobId))
            : null,
        h("div", { class: "actions" }, exportButton("html"), exportButton("csv"), exportButton("json")),
        saved,
        disable,
        h(
          "div",
          { class: "actions" },
          button("handover-new", t("handover-new"), () => {
            resetDraft();
            drawStep();
            void loadJobs();
          }),
        ),
      );
    })();
  }

  function drawStep(): void {
    switch (draft.step) {
      case "who":
        return drawWho();
      case "access":
        return drawAccess();
      case "what":
        return drawWhat();
      case "plan":
        return drawPlan();
      case "run":
        return drawRun();
      case "report":
        return drawReport();
    }
  }

  unlisten.push(
    ctx.platform.listen<{ jobId: number; error: unknown }>("handover-finished", (f) => {
      if (!root.isConnected) return;
      if (f.error) ctx.actions.showError(f.error);
      else ctx.actions.announce(t("handover-finished-announce"));
      if (draft.step === "run" && draft.jobId === f.jobId) go("report");
      void loadJobs();
    }),
  );
  void loadJobs();
  drawStep();
  return root;
}
