// Step 1, who leaves and who receives: two searchable, paged member pickers (and, to receive,
// the recorded accounts on other servers). Changes only who is chosen; the access step comes
// next.
import type { SpaceMember } from "../../bindings/types";
import { emptyState, formatDate } from "../../components/ui";
import { accountName, hostOf } from "../../context";
import { h, replaceChildren, uid } from "../../dom";
import { errorCode, showErrorIn } from "../../errors";
import { chooseSource, chooseTarget, chooseTargetAccount, isChosen, sameMember, whoReady } from "./state";
import { alertBox, button, stepHeading, texts, type Wizard } from "./wizard";

/** Members asked per page. */
const PAGE = 25;
/** Typing pauses this long before the search is sent (ms). */
const SEARCH_DELAY_MS = 250;

type Role = "source" | "target";

export function drawWho(w: Wizard): void {
  const { t } = w.ctx.i18n;
  const footer = h("div", { class: "actions" });
  const drawFooter = () => {
    const state = w.state();
    replaceChildren(
      footer,
      sameMember(state) ? h("p", { class: "alert", role: "alert" }, t("handover-same-member")) : null,
      button("handover-who-next", t("handover-next"), () => w.go("access"), true, !whoReady(state)),
    );
  };
  drawFooter();
  replaceChildren(
    w.stepBlock,
    stepHeading(w.ctx, "who"),
    h("p", null, t("handover-who-intro")),
    h("div", { class: "grid-2" }, memberPicker(w, "source", drawFooter), memberPicker(w, "target", drawFooter)),
    footer,
  );
}

function memberPicker(w: Wizard, role: Role, changed: () => void): HTMLElement {
  const { ctx, acting } = w;
  const { t, bytes, lang } = texts(ctx);
  const legendId = uid("member-legend");
  const search = h("input", {
    type: "search",
    class: "input",
    "data-testid": `handover-${role}-search`,
    "aria-label": role === "source" ? t("handover-source-search") : t("handover-target-search"),
    placeholder: t("handover-search-placeholder"),
  });
  const list = h("div", { role: "radiogroup", "aria-labelledby": legendId, class: "member-list", "data-testid": `handover-${role}-list` });
  const more = button(`handover-${role}-more`, t("handover-more-members"), () => void page(offset));
  more.hidden = true;
  const status = h("p", { class: "muted", role: "status" });
  let offset = 0;
  let query = "";
  let timer: ReturnType<typeof setTimeout> | undefined;

  function row(m: SpaceMember): HTMLElement {
    const id = uid("member");
    const input = h("input", {
      type: "radio",
      name: `handover-${role}`,
      id,
      value: m.userId,
      "data-testid": `handover-${role}-member`,
      "data-user": m.userId,
      checked: isChosen(w.state(), role, m),
      onchange: () => {
        w.update(role === "source" ? chooseSource(w.state(), m) : chooseTarget(w.state(), m));
        changed();
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
      const result = await ctx.api.handoverMembers(acting.id, query, from, PAGE);
      if (from === 0) replaceChildren(list);
      for (const m of result.members) list.append(row(m));
      offset = from + result.members.length;
      more.hidden = !result.more;
      status.textContent = offset === 0 ? t("handover-no-member-found") : t("handover-members-shown", { count: offset });
    } catch (error) {
      status.textContent = "";
      if (errorCode(error) === "forbidden" || errorCode(error) === "not-found") {
        replaceChildren(
          w.stepBlock,
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
    }, SEARCH_DELAY_MS);
  });
  void page(0);

  return h(
    "fieldset",
    { class: "stack-sm member-picker" },
    h("legend", { id: legendId }, role === "source" ? t("handover-source-legend") : t("handover-target-legend")),
    search,
    list,
    status,
    more,
    role === "target" ? elsewhere(w, changed) : null,
  );
}

/** To receive: the recorded accounts on other servers than the acting one's. */
function elsewhere(w: Wizard, changed: () => void): HTMLElement | null {
  const { t } = w.ctx.i18n;
  const others = w.ctx.state.accounts.filter(
    (a) => a.id !== w.acting.id && hostOf(a.serverUrl) !== hostOf(w.acting.serverUrl),
  );
  if (others.length === 0) return null;
  return h(
    "details",
    { class: "disclosure", "data-testid": "handover-target-elsewhere", open: w.state().targetAccount !== null },
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
            name: "handover-target",
            id,
            "data-testid": "handover-target-account",
            checked: w.state().targetAccount?.id === a.id,
            onchange: () => {
              w.update(chooseTargetAccount(w.state(), a));
              changed();
            },
          }),
          h("label", { for: id }, h("strong", null, accountName(a)), h("span", { class: "muted" }, " — ", hostOf(a.serverUrl))),
        );
      }),
    ),
  );
}
