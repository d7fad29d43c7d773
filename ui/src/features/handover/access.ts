// Step 2, the access check: which ways work with the sessions held (./strategy.ts), which
// account to reconnect or connect first, and the ways that do not work and why. Asks the
// backend once per drawing; changes only the strategy.
import type { HandoverAccess } from "../../bindings/types";
import { reconnectBlock } from "../../components/reconnect";
import { accountName, hostOf } from "../../context";
import { h, replaceChildren } from "../../dom";
import { showErrorIn } from "../../errors";
import { afterAccess, routesOf, sourceName, targetName } from "./state";
import { strategyPanel } from "./strategy";
import { alertBox, button, sidesOf, stepHeading, texts, waiting, type Wizard } from "./wizard";

export function drawAccess(w: Wizard): void {
  const { ctx } = w;
  const { t } = ctx.i18n;
  const body = waiting(t("handover-checking-access"));
  replaceChildren(w.stepBlock, stepHeading(ctx, "access"), body);
  void (async () => {
    let access: HandoverAccess;
    try {
      access = await ctx.api.handoverAccess(sidesOf(w));
    } catch (error) {
      const alert = alertBox("handover-access-error");
      showErrorIn(alert, ctx.i18n, error);
      replaceChildren(body, alert, button("handover-back", t("handover-back"), () => w.go("who")));
      return;
    }
    body.removeAttribute("aria-busy");
    const names = { from: sourceName(w.state()), to: targetName(w.state(), accountName) };
    const routes = routesOf(access);
    w.update(afterAccess(w.state(), access, routes));
    const next = button("handover-access-next", t("handover-next"), () => w.go("what"), true, true);
    const { routeList, chosenBox } = strategyPanel(w, routes, (chosen) => (next.disabled = !chosen));
    replaceChildren(
      body,
      h("p", null, t("handover-access-summary", names)),
      lostAccounts(w, access, names, routes.length > 0),
      routeList,
      chosenBox,
      toConnect(w, access, names),
      otherWays(w, access),
      h("div", { class: "actions" }, button("handover-back", t("handover-back"), () => w.go("who")), next),
    );
  })();
}

type Names = { from: string; to: string };

/** A side whose recorded account lost its access: reconnect it here (then ask again). */
function lostAccounts(w: Wizard, access: HandoverAccess, names: Names, otherWays: boolean): HTMLElement[] {
  const { ctx } = w;
  const { t } = ctx.i18n;
  return access.lost.map((l) => {
    const name = l.side === "source" ? names.from : names.to;
    const args = { name: name || (l.displayName ?? l.userId), user: l.userId, space: hostOf(l.serverUrl) };
    return h(
      "div",
      { class: "notice", "data-testid": `handover-lost-${l.side}`, "data-account-id": l.accountId },
      h("p", null, l.side === "source" ? t("handover-lost-source", args) : t("handover-lost-target", args)),
      h("p", { class: "hint" }, otherWays ? t("handover-lost-other-ways") : t("handover-lost-needed")),
      reconnectBlock(
        ctx,
        { accountId: l.accountId, serverUrl: l.serverUrl, userId: l.userId, name: name || l.userId },
        {
          label: t("handover-reconnect", { name: args.name }),
          testid: `handover-lost-${l.side}-reconnect`,
          primary: !otherWays,
          // Asked again: the reconnected session may open more ways.
          onDone: () => drawAccess(w),
        },
      ),
    );
  });
}

/** A side to connect for the first time (no recorded account); one to reconnect is above. */
function toConnect(w: Wizard, access: HandoverAccess, names: Names): HTMLElement[] {
  const { t } = w.ctx.i18n;
  const lostFor = (side: "source" | "target") => access.lost.some((l) => l.side === side);
  return access.todo
    .filter((item) => !lostFor(item === "connect-source" ? "source" : "target"))
    .map((item) =>
      h(
        "div",
        { class: "notice", "data-testid": `handover-todo-${item}` },
        h("p", null, item === "connect-source" ? t("handover-todo-connect-source", names) : t("handover-todo-connect-target", names)),
        h("p", { class: "hint" }, t("handover-todo-how", { space: hostOf(w.acting.serverUrl) })),
        h(
          "a",
          { class: "btn", href: "#/accounts/connect", "data-testid": `handover-todo-${item}-connect` },
          t("handover-todo-connect", { name: item === "connect-source" ? names.from : names.to }),
        ),
      ),
    );
}

/** The ways that do not work, and why. */
function otherWays(w: Wizard, access: HandoverAccess): HTMLElement | null {
  const { t, code } = texts(w.ctx);
  const others = access.options.filter((o) => !o.available);
  if (!others.length) return null;
  return h(
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
  );
}
