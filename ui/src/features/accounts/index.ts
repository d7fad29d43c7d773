// Accounts: the Nextcloud accounts linked to this profile. One is current
// (shown in the header, its space's colour applied); for it, what the server
// says (space, version, e-mail, groups, storage) and "Sign out".
import type { Account, AccountOverview, Quota, SignOutReport } from "../../bindings/types";
import { accountName, hostOf, needsReconnect, type Ctx, type JustConnected } from "../../context";
import { reconnectBlock, targetOf } from "../../components/reconnect";
import { openConfirmDialog } from "../../components/dialog";
import { runBusy } from "../../components/busy";
import { emptyState, formatBytes, routeLink, screen } from "../../components/ui";
import { h, replaceChildren, uid } from "../../dom";
import { showErrorIn } from "../../errors";
import { safeLogo } from "../../theme/spaceTheme";

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { state, actions } = ctx;

  /** Messages about what just happened (connected, signed out). */
  const messages = h("div", { class: "messages" });
  const body = h("div", { class: "stack" });

  const justConnected = actions.takeJustConnected();
  if (justConnected) messages.append(connectedMessage(justConnected));

  /**
   * What connecting did. When another account stays in use, a clear choice:
   * use the new one now, or keep the current one (nothing changes without asking).
   */
  function connectedMessage(just: JustConnected): HTMLElement {
    const name = accountName(just.account);
    const exchanged = just.exchangedLoginPassword
      ? h("p", { class: "hint", "data-testid": "password-exchanged" }, t("app-password-exchanged"))
      : null;
    const current = state.accounts.find((a) => a.id === state.accountId) ?? null;
    if (!just.askToUse || !current) {
      return h(
        "div",
        { class: "stack-sm" },
        h("p", { class: "success", "data-testid": "account-connected" }, t("account-connected", { name })),
        exchanged,
      );
    }
    const currentName = accountName(current);
    const questionId = uid("account-added-question");
    const choice = h(
      "section",
      { class: "notice stack-sm", "aria-labelledby": questionId, "data-testid": "account-added-choice" },
      h("p", { "data-testid": "account-connected" }, h("strong", null, t("account-added", { name }))),
      exchanged,
      h("p", { id: questionId, "data-testid": "account-added-question" }, t("account-added-question", { name, current: currentName })),
      h(
        "div",
        { class: "actions actions-start" },
        h(
          "button",
          {
            type: "button",
            class: "btn btn-primary",
            "data-testid": "account-added-switch",
            onclick: async (event: Event) => {
              const button = event.currentTarget as HTMLButtonElement;
              if (!(await runBusy(button, () => actions.selectAccount(just.account), actions.showError, true))) return;
              replaceChildren(messages);
              draw();
              focusOverview();
              actions.announce(t("announce-account-selected", { name }));
            },
          },
          t("account-added-switch", { name }),
        ),
        h(
          "button",
          {
            type: "button",
            class: "btn",
            "data-testid": "account-added-keep",
            onclick: () => {
              const kept = h(
                "p",
                { class: "success", tabindex: -1, "data-testid": "account-added-kept" },
                t("account-added-kept", { current: currentName }),
              );
              replaceChildren(messages, kept);
              kept.focus();
              actions.announce(t("account-added-kept", { current: currentName }));
            },
          },
          t("account-added-keep", { current: currentName }),
        ),
      ),
    );
    return choice;
  }

  const connectButton = () =>
    routeLink(ctx.router, "accounts/connect", { class: "btn btn-primary", "data-testid": "account-connect" }, t("accounts-connect"));

  function draw(): void {
    if (state.accounts.length === 0) {
      replaceChildren(
        body,
        emptyState(
          "accounts-empty",
          t("accounts-empty-title"),
          h("p", null, t("accounts-empty-body")),
          connectButton(),
        ),
      );
      return;
    }
    const current = state.accounts.find((a) => a.id === state.accountId) ?? null;
    const listTitleId = uid("accounts-list-title");
    replaceChildren(
      body,
      current ? overviewCard(current) : null,
      h(
        "section",
        { class: "card", "aria-labelledby": listTitleId },
        h("h2", { id: listTitleId }, t("accounts-list-title")),
        h(
          "ul",
          { class: "account-list", role: "list", "data-testid": "account-list" },
          state.accounts.map((account) => accountItem(account, account.id === state.accountId)),
        ),
        connectButton(),
      ),
    );
  }

  function accountItem(account: Account, isCurrent: boolean): HTMLElement {
    const nameId = `account-name-${account.id}`;
    return h(
      "li",
      {
        class: isCurrent ? "account-item is-current" : "account-item",
        "data-testid": "account-item",
        "data-account-id": account.id,
      },
      h(
        "div",
        { class: "account-text" },
        h("p", { class: "account-name", id: nameId }, accountName(account)),
        h("p", { class: "muted" }, t("account-user-id", { userId: account.userId })),
        h("p", { class: "muted account-server" }, t("account-server", { server: hostOf(account.serverUrl) })),
        h(
          "p",
          { class: "badges" },
          isCurrent ? h("span", { class: "badge badge-current", "data-testid": "account-current" }, t("account-current-badge")) : null,
          account.secretStorage === "session"
            ? h("span", { class: "badge badge-session", "data-testid": "account-session" }, t("account-session-badge"))
            : null,
          needsReconnect(state, account)
            ? h("span", { class: "badge badge-session", "data-testid": "account-reconnect-badge" }, t("account-reconnect-badge"))
            : null,
        ),
      ),
      isCurrent
        ? null
        : h(
            "button",
            {
              type: "button",
              class: "btn",
              id: `account-select-${account.id}`,
              "aria-describedby": nameId,
              "data-testid": "account-select",
              onclick: async (event: Event) => {
                const button = event.currentTarget as HTMLButtonElement;
                const selected = async () => {
                  await actions.selectAccount(account);
                  draw();
                  // The selected item has no button any more: go to the overview.
                  focusOverview();
                  actions.announce(t("announce-account-selected", { name: accountName(account) }));
                };
                await runBusy(button, selected, actions.showError, true);
              },
            },
            t("account-select"),
          ),
    );
  }

  function focusOverview(): void {
    body.querySelector<HTMLElement>("[data-testid=account-overview] h2")?.focus();
  }

  function overviewCard(account: Account): HTMLElement {
    if (needsReconnect(state, account)) return reconnectCard(account);
    const titleId = uid("overview-title");
    const title = h("h2", { id: titleId, tabindex: -1 }, accountName(account));
    const content = h("div", { class: "stack-sm" }, h("p", { class: "muted", role: "status" }, t("overview-loading")));
    const card = h(
      "section",
      { class: "card overview", "aria-labelledby": titleId, "aria-busy": "true", "data-testid": "account-overview" },
      title,
      content,
      h(
        "div",
        { class: "actions actions-start" },
        h(
          "button",
          {
            type: "button",
            class: "btn btn-danger",
            "data-testid": "account-sign-out",
            onclick: (event: Event) => confirmSignOut(event.currentTarget as HTMLElement, account, overview),
          },
          t("account-sign-out"),
        ),
      ),
    );
    let overview: AccountOverview | null = null;
    const pending = actions.currentOverview();
    if (!pending) {
      content.textContent = "";
      card.removeAttribute("aria-busy");
      return card;
    }
    pending.then(
      (value) => {
        if (state.accountId !== account.id) return;
        overview = value;
        card.removeAttribute("aria-busy");
        replaceChildren(title, spaceTitle(value));
        replaceChildren(content, overviewDetails(value));
      },
      (error) => {
        if (state.accountId !== account.id) return;
        card.removeAttribute("aria-busy");
        const alert = h("p", { class: "alert", role: "alert", "data-testid": "overview-error" });
        showErrorIn(alert, ctx.i18n, error);
        replaceChildren(content, alert, h("p", null, t("account-server", { server: hostOf(account.serverUrl) })));
      },
    );
    return card;
  }

  /**
   * The current account's card while its access is gone: what happened and "Me reconnecter"
   * first; signing out (which forgets the account) apart, below.
   */
  function reconnectCard(account: Account): HTMLElement {
    const titleId = uid("overview-title");
    return h(
      "section",
      { class: "card overview", "aria-labelledby": titleId, "data-testid": "account-overview", "data-reconnect-here": "" },
      h("h2", { id: titleId, tabindex: -1 }, accountName(account)),
      h(
        "div",
        { class: "notice", role: "status", "data-testid": "account-reconnect" },
        h("p", null, t("reconnect-needed", { name: accountName(account), space: hostOf(account.serverUrl) })),
        reconnectBlock(ctx, targetOf(account), {
          label: t("reconnect-me"),
          testid: "account-reconnect-flow",
          primary: true,
          onDone: () => {
            draw();
            focusOverview();
          },
        }),
      ),
      h(
        "div",
        { class: "danger-zone" },
        h(
          "button",
          {
            type: "button",
            class: "btn btn-danger",
            "data-testid": "account-sign-out",
            onclick: (event: Event) => confirmSignOut(event.currentTarget as HTMLElement, account, null),
          },
          t("account-sign-out"),
        ),
      ),
    );
  }

  function spaceTitle(overview: AccountOverview): HTMLElement[] {
    const logo = safeLogo(overview.theming.logo);
    return [
      logo ? h("img", { class: "space-logo space-logo-lg", src: logo, alt: "" }) : null,
      h("span", { "data-testid": "overview-space" }, overview.theming.name),
    ].filter((x): x is HTMLElement => x !== null);
  }

  function overviewDetails(ov: AccountOverview): HTMLElement[] {
    const account = ov.account;
    const row = (label: string, value: Node | string, testid: string) =>
      h("div", { class: "info-row" }, h("dt", null, label), h("dd", { "data-testid": testid }, value));
    return [
      ov.isAdmin
        ? h("p", { class: "badges" }, h("span", { class: "badge badge-admin", "data-testid": "overview-admin" }, t("overview-admin-badge")))
        : null,
      h(
        "dl",
        { class: "info-list" },
        row(t("overview-account"), accountName(account), "overview-name"),
        row(t("overview-user-id"), account.userId, "overview-user-id"),
        row(t("overview-address"), hostOf(account.serverUrl), "overview-address"),
        row(t("overview-email"), ov.email ?? t("overview-email-none"), "overview-email"),
        row(
          t("overview-groups"),
          ov.groups.length > 0
            ? h("ul", { class: "inline-list", role: "list" }, ov.groups.map((g) => h("li", null, g)))
            : t("overview-groups-none"),
          "overview-groups",
        ),
        row(t("overview-version"), ov.version, "overview-version"),
      ),
      quotaBlock(ov.quota),
      account.secretStorage === "session" ? h("p", { class: "hint" }, t("account-session-hint")) : null,
    ].filter((x): x is HTMLElement => x !== null);
  }

  function quotaBlock(quota: Quota | null): HTMLElement {
    const titleId = uid("quota-title");
    const lang = ctx.i18n.language;
    let text: string;
    let bar: HTMLElement | null = null;
    if (!quota) {
      text = t("overview-quota-unknown");
    } else if (quota.total === null) {
      text = t("overview-quota-unlimited", { used: formatBytes(quota.used, lang) });
    } else {
      text = t("overview-quota-used", { used: formatBytes(quota.used, lang), total: formatBytes(quota.total, lang) });
      const max = Math.max(quota.total, 1);
      bar = h("progress", {
        class: "quota-bar",
        max,
        value: Math.min(Math.max(quota.used, 0), max),
        "aria-labelledby": titleId,
        "aria-describedby": `${titleId}-text`,
        "data-testid": "quota-bar",
      });
    }
    return h(
      "div",
      { class: "quota", "data-testid": "overview-quota" },
      h("p", { class: "quota-title", id: titleId }, t("overview-quota")),
      bar,
      h("p", { id: `${titleId}-text`, "data-testid": "quota-text" }, text),
    );
  }

  function confirmSignOut(opener: HTMLElement, account: Account, overview: AccountOverview | null): void {
    const space = overview?.theming.name ?? hostOf(account.serverUrl);
    let report: SignOutReport | null = null;
    openConfirmDialog(ctx, opener, {
      title: t("sign-out-title", { space }),
      body: t("sign-out-body"),
      confirmLabel: t("sign-out-confirm"),
      cancelLabel: t("dialog-cancel"),
      danger: true,
      testid: "sign-out-dialog",
      onConfirm: async () => {
        report = await actions.signOut(account);
      },
      afterConfirm: () => {
        if (!report) return;
        draw();
        const result = signOutResult(report, account);
        replaceChildren(messages, result);
        result.focus();
        actions.announce(
          report.revokedOnServer
            ? t("signed-out")
            : `${t("signed-out-not-revoked-title")}. ${t("signed-out-not-revoked", { server: hostOf(account.serverUrl) })}`,
        );
      },
    });
  }

  function signOutResult(report: SignOutReport, account: Account): HTMLElement {
    if (report.revokedOnServer) {
      return h("p", { class: "success", tabindex: -1, "data-testid": "sign-out-result" }, t("signed-out"));
    }
    const titleId = uid("not-revoked-title");
    return h(
      "section",
      {
        class: "notice",
        tabindex: -1,
        "aria-labelledby": titleId,
        "data-testid": "sign-out-result",
        "data-revoked": "false",
      },
      h("h2", { id: titleId }, t("signed-out-not-revoked-title")),
      h("p", null, t("signed-out-not-revoked", { server: hostOf(account.serverUrl) })),
      h("p", null, t("signed-out-not-revoked-how")),
    );
  }

  draw();
  return screen("accounts-screen", t("accounts-title"), h("p", { class: "lead" }, t("accounts-intro")), messages, body);
}
