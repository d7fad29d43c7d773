// Reconnecting a recorded account in place, where the account is needed (the start notice, the
// Accounts card, the tours, the hand-over's access step): a button that starts the browser
// sign-in (Login Flow v2) for that account's server and follows it right there — the link to
// copy, the countdown-free "waiting" line, Cancel — without leaving the screen or losing what
// the person was doing. It must not change the current account: the app only updates the one
// reconnected (`actions.accountReconnected`).
import type { Account, LoginFlowEvent, SecretStorage } from "../bindings/types";
import { accountName, hostOf, type Ctx } from "../context";
import { copyOrSelect } from "./clipboard";
import { h, replaceChildren, uid } from "../dom";
import { showErrorIn } from "../errors";

/** What the account to reconnect is, as far as the caller knows it. */
export interface ReconnectTarget {
  /** The recorded account, when there is one (else the id only is known). */
  accountId: number;
  serverUrl: string;
  userId: string;
  /** How the person is called on screen. */
  name: string;
}

export interface ReconnectOptions {
  /** The button's label ("Me reconnecter", "Reconnecter le compte d’Alice"). */
  label: string;
  /** `data-testid` of the block; the button is `<testid>-start`. */
  testid: string;
  /** A primary button (the main thing to do here) or a plain one. */
  primary?: boolean;
  /** Called once the account is connected again (after the app knows it). */
  onDone?: (account: Account) => void;
}

/** The target of a recorded account. */
export function targetOf(account: Account): ReconnectTarget {
  return { accountId: account.id, serverUrl: account.serverUrl, userId: account.userId, name: accountName(account) };
}

/** A "reconnect" button that runs the browser sign-in in place. */
export function reconnectBlock(ctx: Ctx, target: ReconnectTarget, opts: ReconnectOptions): HTMLElement {
  const { t } = ctx.i18n;
  const { api, actions } = ctx;
  const block = h("div", { class: "reconnect stack-sm", "data-testid": opts.testid });
  const status = h("div", { class: "stack-sm", "aria-live": "polite" });
  const error = h("p", { class: "alert", role: "alert", "data-testid": `${opts.testid}-error` });
  let flowId: number | null = null;
  let finished = true;

  const start = h(
    "button",
    {
      type: "button",
      class: opts.primary ? "btn btn-primary" : "btn",
      "data-testid": `${opts.testid}-start`,
      onclick: () => void begin(),
    },
    opts.label,
  );

  function idle(): void {
    finished = true;
    watch(false);
    flowId = null;
    start.hidden = false;
    start.disabled = false;
    replaceChildren(status);
  }

  async function storage(): Promise<SecretStorage> {
    // The person agreed to memory-only access when they first connected without a keyring.
    const keyring = await api.keyringStatus();
    return keyring.available ? "keyring" : "session";
  }

  async function begin(): Promise<void> {
    showErrorIn(error, ctx.i18n, null);
    start.disabled = true;
    finished = false;
    watch(true);
    replaceChildren(status, h("p", { role: "status" }, t("waiting-opening")));
    const channel = ctx.platform.channel<LoginFlowEvent>((event) => onEvent(event));
    try {
      const where = await storage();
      if (finished) return;
      const id = await api.loginFlowStart(ctx.state.profile!.id, target.serverUrl, where, channel);
      flowId ??= id;
    } catch (e) {
      idle();
      showErrorIn(error, ctx.i18n, e);
    }
  }

  async function cancel(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    if (flowId === null) {
      idle();
      return;
    }
    try {
      await api.loginFlowCancel(flowId);
    } catch (e) {
      button.disabled = false;
      showErrorIn(error, ctx.i18n, e);
      return;
    }
    idle();
  }

  function started(loginUrl: string): void {
    start.hidden = true;
    const linkId = uid("reconnect-url");
    const link = h("code", { class: "login-url", id: linkId, "data-testid": `${opts.testid}-url` }, loginUrl);
    const copied = h("p", { class: "hint", role: "status" });
    const copy = h(
      "button",
      {
        type: "button",
        class: "btn",
        "aria-describedby": linkId,
        onclick: async () => {
          // No clipboard access: the link is selected, as the message says.
          copied.textContent = (await copyOrSelect(loginUrl, link)) ? t("waiting-copied") : t("waiting-copy-select");
        },
      },
      t("waiting-copy"),
    );
    const stop = h(
      "button",
      { type: "button", class: "btn", "data-testid": `${opts.testid}-cancel`, onclick: (e: Event) => void cancel(e.currentTarget as HTMLButtonElement) },
      t("waiting-cancel"),
    );
    replaceChildren(
      status,
      h(
        "p",
        { "data-testid": `${opts.testid}-waiting` },
        t("reconnect-waiting", { user: target.userId, space: hostOf(target.serverUrl) }),
      ),
      h("p", { class: "hint" }, t("waiting-link-label")),
      link,
      h("div", { class: "actions actions-start" }, copy, stop),
      copied,
    );
  }

  async function done(account: Account): Promise<void> {
    finished = true;
    watch(false);
    if (account.userId !== target.userId || hostOf(account.serverUrl) !== hostOf(target.serverUrl)) {
      // Someone else signed in (an admin still signed in in the browser, say): that account is
      // recorded as well, but this one is still to reconnect.
      idle();
      error.textContent = t("reconnect-other-account", { other: accountName(account), name: target.name });
      delete error.dataset.errorCode;
      await actions.accountReconnected(account).catch(() => undefined);
      return;
    }
    try {
      await actions.accountReconnected(account);
    } catch (e) {
      idle();
      showErrorIn(error, ctx.i18n, e);
      return;
    }
    replaceChildren(status, h("p", { class: "success", role: "status", "data-testid": `${opts.testid}-done` }, t("reconnect-done", { name: accountName(account) })));
    start.hidden = true;
    opts.onDone?.(account);
  }

  function onEvent(event: LoginFlowEvent): void {
    if (finished) return;
    switch (event.event) {
      case "started":
        flowId = event.data.flowId;
        started(event.data.loginUrl);
        break;
      case "waiting":
        break;
      case "done":
        void done(event.data.account);
        break;
      case "failed":
        idle();
        showErrorIn(error, ctx.i18n, event.data.error);
        break;
      case "cancelled":
        idle();
        break;
    }
  }

  // Leaving the screen stops the sign-in under way (the browser page then says it expired).
  const observer = new MutationObserver(() => {
    if (block.isConnected) return;
    observer.disconnect();
    if (!finished && flowId !== null) void api.loginFlowCancel(flowId).catch(() => undefined);
    finished = true;
  });
  const watch = (on: boolean) => {
    if (on) observer.observe(document.body, { childList: true, subtree: true });
    else observer.disconnect();
  };

  block.append(start, status, error);
  return block;
}

/**
 * A calm notice for a place that needs `account` while its access is gone: what happened, and
 * "Me reconnecter" right there. Marked `data-reconnect-here`: the app's own notice steps aside
 * on a screen that has one.
 */
export function reconnectNotice(ctx: Ctx, account: Account, testid: string, onDone?: (a: Account) => void): HTMLElement {
  const { t } = ctx.i18n;
  return h(
    "section",
    { class: "notice", role: "status", "data-testid": testid, "data-reconnect-here": "" },
    h("p", null, t("reconnect-needed", { name: accountName(account), space: hostOf(account.serverUrl) })),
    reconnectBlock(ctx, targetOf(account), {
      label: t("reconnect-me"),
      testid: `${testid}-reconnect`,
      primary: true,
      onDone,
    }),
  );
}
