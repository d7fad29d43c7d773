// Connect an account, one step at a time:
// 1. the address of the space (checked by the backend; a self-signed
//    certificate can be trusted after comparing its fingerprint; plain http
//    is allowed after a warning);
// 2. how to sign in: in the browser (Login Flow v2, preferred) or with an
//    app password. When the computer has no password safe (keyring), the
//    person must first agree to keep the access in memory only.
// Each step has its own <h1>, announced; focus goes to the address field on
// the address step, to the heading on the others.
import type {
  Account,
  AccountAdded,
  KeyringStatus,
  LoginFlowEvent,
  SecretStorage,
  ServerCheck,
  ServerInfo,
} from "../../bindings/types";
import { copyOrSelect } from "../../components/clipboard";
import { hostOf, type Ctx } from "../../context";
import { h, replaceChildren, uid, type Child } from "../../dom";
import { errorCode, showErrorIn } from "../../errors";
import { normalizeHex, readableOn } from "../../theme/contrast";
import { safeLogo } from "../../theme/spaceTheme";

type StepName = "address" | "certificate" | "insecure" | "method" | "keyring" | "waiting";
type Untrusted = Extract<ServerCheck, { kind: "untrustedCertificate" }>;

/** An error region and a busy status, shared by the steps. */
interface Feedback {
  error: HTMLElement;
  status: HTMLElement;
  fail(error: unknown): void;
  /** A message that is not a backend error (no `data-error-code`). */
  failText(text: string): void;
  clear(): void;
  busy(on: boolean, text?: string): void;
}

/** The method step, kept while the server stays the same (typed values survive). */
interface MethodStep {
  server: ServerInfo;
  nodes: HTMLElement[];
  feedback: Feedback;
  reset(): void;
}

/** `AB:CD:…` or `abcd…` as lines of 8 pairs: `AB CD EF …`. Other formats as they are. */
export function groupFingerprint(fingerprint: string): string {
  if (!/^[0-9a-f:\s-]+$/i.test(fingerprint)) return fingerprint.trim();
  const hex = fingerprint.replace(/[^0-9a-f]/gi, "").toUpperCase();
  const pairs = hex.match(/.{1,2}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) lines.push(pairs.slice(i, i + 8).join(" "));
  return lines.join("\n");
}

/** `mm:ss`. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export function render(ctx: Ctx): HTMLElement {
  const { t } = ctx.i18n;
  const { api, actions } = ctx;
  const titleId = uid("screen-title");
  const section = h("section", {
    class: "screen connect",
    "data-testid": "connect-screen",
    "aria-labelledby": titleId,
  });

  let firstStep = true;
  let address = "";
  let keyring: KeyringStatus | null = null;
  /** The person agreed to keep the access in memory only (no keyring). */
  let sessionConsent = false;
  let method: MethodStep | null = null;

  const profileId = () => ctx.state.profile!.id;

  /**
   * Shows a step; focus goes to `focus` when given, else to the heading. The
   * first step is focused by the app, which looks for `data-initial-focus`.
   */
  function show(step: StepName, title: string, progress: 1 | 2, focus: HTMLElement | null, ...children: Child[]): void {
    const heading = h("h1", { id: titleId, tabindex: -1 }, title);
    replaceChildren(
      section,
      heading,
      h("p", { class: "step-progress muted", "data-testid": "connect-progress" }, t("connect-step", { step: progress })),
      ...children,
    );
    section.dataset.step = step;
    // The first step is shown (and announced) by the app like any screen.
    if (firstStep) {
      firstStep = false;
      return;
    }
    document.title = t("window-title", { screen: title });
    (focus ?? heading).focus();
    actions.announce(t("announce-step", { title }));
  }

  function feedback(container: () => HTMLElement, buttons: () => HTMLButtonElement[]): Feedback {
    const error = h("p", { id: uid("connect-error"), class: "alert", role: "alert", "data-testid": "connect-error" });
    const status = h("p", { class: "busy", role: "status", "data-testid": "connect-busy" });
    return {
      error,
      status,
      fail: (e) => showErrorIn(error, ctx.i18n, e),
      failText: (text) => {
        delete error.dataset.errorCode;
        error.textContent = text;
      },
      clear: () => showErrorIn(error, ctx.i18n, null),
      busy: (on, text) => {
        const box = container();
        if (on) box.setAttribute("aria-busy", "true");
        else box.removeAttribute("aria-busy");
        status.textContent = on ? (text ?? t("loading")) : "";
        for (const button of buttons()) button.disabled = on;
      },
    };
  }

  function actionsRow(...buttons: Child[]): HTMLElement {
    return h("div", { class: "actions" }, ...buttons);
  }

  function button(testid: string, label: string, onclick: (event: Event) => void, primary = false): HTMLButtonElement {
    return h(
      "button",
      { type: "button", class: primary ? "btn btn-primary" : "btn", "data-testid": testid, onclick },
      label,
    );
  }

  // ---- step 1: the address ---------------------------------------------

  function showAddress(error?: unknown): void {
    const hintId = uid("hint");
    const input = h("input", {
      id: "connect-address",
      type: "text",
      name: "address",
      inputmode: "url",
      autocomplete: "url",
      autocapitalize: "none",
      spellcheck: "false",
      "data-testid": "server-address",
      // Typing the address is the first thing to do here (the app focuses it).
      "data-initial-focus": "",
    });
    input.value = address;
    const submit = h(
      "button",
      { type: "submit", class: "btn btn-primary", "data-testid": "server-check" },
      t("connect-check"),
    );
    const cancel = button("connect-cancel", t("connect-cancel"), () => ctx.router.navigate("accounts"));
    const fb = feedback(() => form, () => [submit]);
    input.setAttribute("aria-describedby", `${hintId} ${fb.error.id}`);

    const invalid = (e: unknown) => {
      fb.fail(e);
      input.setAttribute("aria-invalid", "true");
    };

    const form: HTMLFormElement = h(
      "form",
      {
        class: "card",
        novalidate: true,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          address = input.value.trim();
          fb.clear();
          input.removeAttribute("aria-invalid");
          if (!address) {
            invalid({ code: "invalid-address", message: "empty address" });
            input.focus();
            return;
          }
          fb.busy(true, t("connect-checking"));
          let result: ServerCheck;
          try {
            result = await api.serverCheck(address);
          } catch (e) {
            fb.busy(false);
            invalid(e);
            input.focus();
            return;
          }
          fb.busy(false);
          if (!section.isConnected) return;
          onChecked(result, (e) => {
            invalid(e);
            input.focus();
          });
        },
      },
      h(
        "div",
        { class: "field" },
        h("label", { for: "connect-address" }, t("connect-address-label")),
        h("p", { class: "hint", id: hintId }, t("connect-address-hint")),
        input,
      ),
      fb.error,
      fb.status,
      actionsRow(cancel, submit),
    );

    show("address", t("connect-title"), 1, input, h("p", { class: "lead" }, t("connect-intro")), form);
    if (error) invalid(error);
  }

  /** What to do with the answer to `serverCheck`. */
  function onChecked(result: ServerCheck, failHere: (error: unknown) => void): void {
    if (result.kind === "untrustedCertificate") {
      showCertificate(result);
      return;
    }
    const server = result.server;
    if (server.maintenance) {
      failHere({ code: "maintenance", message: "the server is in maintenance mode" });
      return;
    }
    method = null;
    if (server.insecureHttp) showInsecure(server);
    else showMethod(server);
  }

  // ---- a certificate to trust (self-hosted servers) --------------------

  function showCertificate(check: Untrusted): void {
    const cancel = button("cert-cancel", t("connect-cancel"), () => showAddress());
    const trust = button("cert-trust", t("cert-trust"), async () => {
      fb.clear();
      fb.busy(true, t("connect-checking"));
      let result: ServerCheck;
      try {
        await api.certificateTrust(check.url, check.fingerprint);
        result = await api.serverCheck(address || check.url);
      } catch (e) {
        fb.busy(false);
        fb.fail(e);
        return;
      }
      fb.busy(false);
      if (!section.isConnected) return;
      onChecked(result, (e) => showAddress(e));
    });
    const box = h(
      "div",
      { class: "card" },
      h("p", null, t("cert-intro")),
      h(
        "dl",
        { class: "info-list" },
        h(
          "div",
          { class: "info-row" },
          h("dt", null, t("cert-host")),
          h("dd", null, h("code", { "data-testid": "cert-host" }, check.host)),
        ),
        h(
          "div",
          { class: "info-row" },
          h("dt", null, t("cert-fingerprint")),
          h("dd", null, h("code", { class: "fingerprint", "data-testid": "cert-fingerprint" }, groupFingerprint(check.fingerprint))),
        ),
      ),
      h("p", null, t("cert-advice")),
      h("p", { class: "hint" }, t("cert-doubt")),
    );
    const fb = feedback(() => box, () => [trust, cancel]);
    box.append(fb.error, fb.status, actionsRow(cancel, trust));
    show("certificate", t("cert-title"), 1, null, box);
  }

  // ---- plain http: a warning first ---------------------------------------

  function showInsecure(server: ServerInfo): void {
    // Typed with http://, or typed without a scheme and found only over http.
    const typedHttp = /^\s*http:\/\//i.test(address);
    show(
      "insecure",
      t("insecure-title"),
      1,
      null,
      h(
        "div",
        { class: "notice", "data-testid": "insecure-warning", "data-typed-http": String(typedHttp) },
        h(
          "p",
          null,
          typedHttp
            ? t("insecure-body-typed", { server: hostOf(server.url) })
            : t("insecure-body-no-https", { server: hostOf(server.url) }),
        ),
        h("p", null, t("insecure-advice")),
      ),
      actionsRow(
        button("insecure-change", t("connect-change-address"), () => showAddress()),
        button("insecure-continue", t("insecure-continue"), () => showMethod(server)),
      ),
    );
  }

  // ---- step 2: how to sign in ---------------------------------------------

  function showMethod(server: ServerInfo, error?: unknown): void {
    if (!method || method.server !== server) method = buildMethod(server);
    method.reset();
    const name = server.theming?.name || server.productName;
    show("method", t("method-title", { space: name }), 2, null, ...method.nodes);
    if (error) method.feedback.fail(error);
  }

  function buildMethod(server: ServerInfo): MethodStep {
    const theming = server.theming;
    const name = theming?.name || server.productName;
    const logo = safeLogo(theming?.logo);
    const color = normalizeHex(theming?.color);

    const band = h(
      "div",
      { class: color ? "space-band has-color" : "space-band" },
      logo ? h("img", { class: "space-logo space-logo-lg", src: logo, alt: "" }) : null,
      h("strong", { "data-testid": "preview-name" }, name),
    );
    if (color) {
      // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
      band.style.setProperty("--space-color", color);
      band.style.setProperty("--space-on-color", readableOn(color));
      band.dataset.color = color;
    }
    const preview = h(
      "section",
      { class: "card space-preview", "aria-label": t("method-preview-label"), "data-testid": "space-preview" },
      band,
      // No slogan: the server gives it in a language of its own (often Nextcloud's English
      // default), which would be read with the screen's language.
      h("p", { "data-testid": "preview-version" }, t("method-version", { product: server.productName, version: server.version })),
      h("p", { class: "muted" }, t("method-address", { server: hostOf(server.url) })),
      server.insecureHttp
        ? h("p", { class: "warning-inline", "data-testid": "insecure-reminder" }, t("insecure-reminder"))
        : null,
    );

    const browserHintId = uid("hint");
    const browser = h(
      "button",
      { type: "button", class: "btn btn-primary", "data-testid": "login-browser", "aria-describedby": browserHintId },
      t("method-browser"),
    );
    const browserHint = h("p", { class: "hint", id: browserHintId }, t("method-browser-hint"));

    const loginInput = h("input", {
      id: "connect-login-name",
      type: "text",
      name: "login",
      autocomplete: "off",
      autocapitalize: "none",
      spellcheck: "false",
      "data-testid": "login-name",
    });
    const passwordInput = h("input", {
      id: "connect-app-password",
      type: "password",
      name: "app-password",
      autocomplete: "off",
      autocapitalize: "none",
      spellcheck: "false",
      "data-testid": "app-password",
    });
    const submit = h(
      "button",
      { type: "submit", class: "btn btn-primary", "data-testid": "app-password-submit" },
      t("app-password-submit"),
    );
    const back = button("connect-back", t("connect-change-address"), () => showAddress());

    const fb = feedback(() => section, () => [browser, submit, back]);
    const whereId = uid("hint");
    loginInput.setAttribute("aria-describedby", fb.error.id);
    passwordInput.setAttribute("aria-describedby", `${whereId} ${fb.error.id}`);

    const clearInvalid = () => {
      loginInput.removeAttribute("aria-invalid");
      passwordInput.removeAttribute("aria-invalid");
    };

    browser.addEventListener("click", () => {
      fb.clear();
      clearInvalid();
      void withStorage(server, fb, (storage) => void startFlow(server, storage));
    });

    const form = h(
      "form",
      {
        class: "stack-sm",
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          fb.clear();
          clearInvalid();
          const login = loginInput.value.trim();
          const password = passwordInput.value;
          const missing = !login ? loginInput : !password ? passwordInput : null;
          if (missing) {
            fb.failText(t("app-password-empty"));
            missing.setAttribute("aria-invalid", "true");
            missing.focus();
            return;
          }
          void withStorage(server, fb, (storage) => void submitAppPassword(storage, login, password));
        },
      },
      h("p", { class: "hint", id: whereId }, t("app-password-where")),
      h(
        "div",
        { class: "field" },
        h("label", { for: "connect-login-name" }, t("login-name-label")),
        loginInput,
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "connect-app-password" }, t("app-password-label")),
        passwordInput,
      ),
      h("div", { class: "actions actions-start" }, submit),
    );

    async function submitAppPassword(storage: SecretStorage, login: string, password: string): Promise<void> {
      if (section.dataset.step !== "method") showMethod(server);
      fb.busy(true, t("connecting"));
      let added: AccountAdded;
      try {
        added = await api.accountAddAppPassword({ profileId: profileId(), address: server.url, loginName: login, appPassword: password, storage });
      } catch (e) {
        fb.busy(false);
        fb.fail(e);
        if (errorCode(e) === "auth") {
          loginInput.setAttribute("aria-invalid", "true");
          passwordInput.setAttribute("aria-invalid", "true");
          passwordInput.focus();
          passwordInput.select();
        }
        return;
      }
      passwordInput.value = "";
      try {
        await actions.accountConnected(added.account, section.isConnected, {
          exchangedLoginPassword: added.exchangedLoginPassword,
        });
      } catch (e) {
        fb.busy(false);
        fb.fail(e);
      }
    }

    const nodes = [
      preview,
      fb.error,
      fb.status,
      h(
        "div",
        { class: "card" },
        h("h2", null, t("method-browser-title")),
        browserHint,
        h("div", { class: "actions actions-start" }, browser),
      ),
      h(
        "details",
        {
          class: "disclosure",
          "data-testid": "app-password-details",
          ontoggle: (event: Event) => {
            const details = event.currentTarget as HTMLDetailsElement;
            // Opened below the fold on a small screen: bring the form into view.
            if (details.open) details.scrollIntoView?.({ block: "nearest" });
          },
        },
        h("summary", null, t("method-app-password")),
        form,
      ),
      h("div", { class: "actions actions-start" }, back),
    ];
    return {
      server,
      nodes,
      feedback: fb,
      reset: () => {
        fb.busy(false);
        fb.clear();
      },
    };
  }

  /**
   * Runs `run` with where the secret may be kept: the keyring when there is
   * one; else memory only, once the person has agreed to it.
   */
  async function withStorage(server: ServerInfo, fb: Feedback, run: (storage: SecretStorage) => void): Promise<void> {
    if (!keyring) {
      fb.busy(true, t("connect-preparing"));
      try {
        keyring = await api.keyringStatus();
      } catch (e) {
        fb.busy(false);
        fb.fail(e);
        return;
      }
      fb.busy(false);
    }
    if (keyring.available) run("keyring");
    else if (sessionConsent) run("session");
    else
      showKeyring(server, () => {
        sessionConsent = true;
        run("session");
      });
  }

  // ---- no password safe on this computer: ask first ---------------------

  function showKeyring(server: ServerInfo, accept: () => void): void {
    show(
      "keyring",
      t("keyring-title"),
      2,
      null,
      h(
        "div",
        { class: "card", "data-testid": "keyring-consent" },
        h("p", null, t("keyring-body")),
        h("p", null, t("keyring-session-explain")),
        // One row: the long "keep until Passerelle closes" wraps inside its button rather
        // than dropping under "Cancel".
        h(
          "div",
          { class: "actions choice-row", "data-testid": "keyring-actions" },
          button("keyring-cancel", t("connect-cancel"), () => showMethod(server)),
          button("keyring-session", t("keyring-session-accept"), accept, true),
        ),
      ),
    );
  }

  // ---- waiting for the browser (Login Flow v2) ---------------------------

  async function startFlow(server: ServerInfo, storage: SecretStorage): Promise<void> {
    let flowId: number | null = null;
    let finished = false;
    let cancelWanted = false;
    let deadline = 0;
    let lastMinutes: number | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;

    const body = h(
      "div",
      { class: "stack-sm", "data-testid": "login-waiting" },
      h("p", { role: "status" }, t("waiting-opening")),
    );
    const countdown = h("span", { class: "countdown-value", role: "timer", "data-testid": "login-countdown" });
    const cancel = button("login-cancel", t("waiting-cancel"), () => void cancelFlow());
    const fb = feedback(() => body, () => []);

    const finish = () => {
      finished = true;
      if (timer !== null) clearInterval(timer);
      timer = null;
    };

    const remaining = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));

    const drawCountdown = () => {
      const seconds = remaining();
      countdown.textContent = formatCountdown(seconds);
      // Said once a minute, not every second.
      const minutes = Math.ceil(seconds / 60);
      if (lastMinutes !== null && minutes !== lastMinutes && seconds > 0) {
        actions.announce(t("waiting-remaining", { minutes }));
      }
      lastMinutes = minutes;
    };

    const setRemaining = (seconds: number) => {
      deadline = Date.now() + Math.max(0, seconds) * 1000;
      drawCountdown();
    };

    const tick = () => {
      if (finished) return;
      if (!section.isConnected) {
        // The person left the screen: stop waiting for the browser.
        void cancelFlow(true);
        return;
      }
      if (deadline > 0) drawCountdown();
    };

    async function cancelFlow(quiet = false): Promise<void> {
      if (finished) return;
      if (flowId === null) {
        cancelWanted = true;
        cancel.disabled = true;
        return;
      }
      cancel.disabled = true;
      try {
        await api.loginFlowCancel(flowId);
      } catch (e) {
        if (quiet) return;
        cancel.disabled = false;
        fb.fail(e);
        return;
      }
      if (finished) return;
      finish();
      if (!quiet && section.isConnected) showMethod(server);
    }

    const showStarted = (loginUrl: string, browserOpened: boolean) => {
      const linkId = uid("login-url");
      const link = h("code", { class: "login-url", id: linkId, "data-testid": "login-url" }, loginUrl);
      const copied = h("p", { class: "hint", role: "status", "data-testid": "login-copied" });
      const copy = button("login-copy", t("waiting-copy"), async () => {
        // No clipboard access: the link is selected so Ctrl+C copies it.
        copied.textContent = (await copyOrSelect(loginUrl, link)) ? t("waiting-copied") : t("waiting-copy-select");
      });
      copy.setAttribute("aria-describedby", linkId);
      const timeLeft = [
        h("p", { class: "countdown" }, h("span", null, t("waiting-countdown-label")), " ", countdown),
        h("p", { class: "hint" }, t("waiting-countdown-hint")),
      ];
      body.dataset.browserOpened = String(browserOpened);
      if (browserOpened) {
        replaceChildren(
          body,
          h("p", null, t("waiting-body")),
          ...timeLeft,
          h("p", null, t("waiting-link-label")),
          link,
          h("div", { class: "actions actions-start" }, copy),
          copied,
        );
        return;
      }
      // No browser could be opened: copying the link is the way, so it comes first.
      copy.classList.add("btn-primary");
      replaceChildren(
        body,
        h("p", { "data-testid": "login-no-browser" }, t("waiting-no-browser")),
        h("p", null, t("waiting-no-browser-link")),
        link,
        h("div", { class: "actions actions-start" }, copy),
        copied,
        ...timeLeft,
      );
      copy.focus();
      actions.announce(t("waiting-no-browser"));
    };

    const onEvent = (event: LoginFlowEvent) => {
      if (finished) return;
      switch (event.event) {
        case "started":
          flowId = event.data.flowId;
          showStarted(event.data.loginUrl, event.data.browserOpened);
          setRemaining(event.data.expiresInSeconds);
          if (cancelWanted) void cancelFlow();
          break;
        case "waiting":
          setRemaining(event.data.remainingSeconds);
          break;
        case "done":
          finish();
          void connected(event.data.account);
          break;
        case "failed":
          finish();
          if (section.isConnected) showMethod(server, event.data.error);
          else actions.showError(event.data.error);
          break;
        case "cancelled":
          finish();
          if (section.isConnected) showMethod(server);
          break;
      }
    };

    const connected = async (account: Account) => {
      try {
        await actions.accountConnected(account, section.isConnected);
      } catch (e) {
        if (section.isConnected) showMethod(server, e);
        else actions.showError(e);
      }
    };

    show("waiting", t("waiting-title"), 2, null, body, fb.error, actionsRow(cancel));
    timer = setInterval(tick, 1000);

    const channel = ctx.platform.channel<LoginFlowEvent>(onEvent);
    try {
      const id = await api.loginFlowStart(profileId(), server.url, storage, channel);
      flowId ??= id;
    } catch (e) {
      if (finished) return;
      finish();
      if (section.isConnected) showMethod(server, e);
      return;
    }
    if (cancelWanted) void cancelFlow();
  }

  showAddress();
  return section;
}
