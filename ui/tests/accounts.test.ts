// Accounts screen and the "Connect an account" wizard, against the fake backend.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { createI18n } from "../src/i18n";
import { formatBytes } from "../src/components/ui";
import { contrastRatio } from "../src/theme/contrast";
import { PALETTES } from "../src/theme/palette";
import type { Platform } from "../src/platform";
import { FINGERPRINT, LOGO, type FakeOptions } from "./fakeBackend";
import { FakePlatform } from "./fakePlatform";
import { byTestId, choose, settle, startWith, typeInto, waitFor, type Started } from "./helpers";

const fr = createI18n("fr");
const en = createI18n("en");

let started: Started | undefined;
afterEach(() => {
  started?.app.stop();
  started = undefined;
  clearMocks();
  document.documentElement.style.removeProperty("--primary");
  document.documentElement.style.removeProperty("--on-primary");
});

function h1(): HTMLElement {
  return document.querySelector("main h1")!;
}

function query(testid: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
}

function primary(): string {
  return getComputedStyle(document.documentElement).getPropertyValue("--primary").trim();
}

function onPrimary(): string {
  return getComputedStyle(document.documentElement).getPropertyValue("--on-primary").trim();
}

async function enter(opts: FakeOptions = {}, platform?: Platform): Promise<Started> {
  started = await startWith({ profiles: ["Camille"], ...opts }, platform);
  byTestId<HTMLButtonElement>("profile-choice").click();
  await waitFor(() => expect(byTestId("tours-screen")).toBeTruthy());
  return started;
}

async function openConnect(opts: FakeOptions = {}, platform?: Platform): Promise<Started> {
  const s = await enter(opts, platform);
  byTestId<HTMLAnchorElement>("nav-accounts").click();
  byTestId<HTMLAnchorElement>("account-connect").click();
  expect(byTestId("connect-screen")).toBeTruthy();
  expect(window.location.hash).toBe("#/accounts/connect");
  return s;
}

function step(): string | undefined {
  return byTestId("connect-screen").dataset.step;
}

async function checkAddress(address: string): Promise<void> {
  typeInto(byTestId<HTMLInputElement>("server-address"), address);
  byTestId<HTMLButtonElement>("server-check").click();
}

async function toMethodStep(opts: FakeOptions = {}, address = "monasso.frama.space", platform?: Platform): Promise<Started> {
  const s = await openConnect(opts, platform);
  await checkAddress(address);
  await waitFor(() => expect(step()).toBe("method"));
  return s;
}

describe("Connect: the address", () => {
  // Issue #16, item 11: focus landed on the heading, whose focus ring looks like a field.
  it("has a labelled input with an example, and focus in it", async () => {
    await openConnect();
    const input = byTestId<HTMLInputElement>("server-address");
    const label = document.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`);
    expect(label?.textContent).toBe(fr.t("connect-address-label"));
    const hints = (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(hints).toContain(fr.t("connect-address-hint"));
    expect(fr.t("connect-address-hint")).toContain("monasso.frama.space");
    expect(h1().textContent).toBe(fr.t("connect-title"));
    expect(document.activeElement).toBe(input);
    expect(byTestId("nav-accounts").getAttribute("aria-current")).toBe("true");
  });

  it("puts focus back in the address field when coming back to change it", async () => {
    await toMethodStep();
    byTestId<HTMLButtonElement>("connect-back").click();
    expect(step()).toBe("address");
    const input = byTestId<HTMLInputElement>("server-address");
    expect(input.value).toBe("monasso.frama.space");
    expect(document.activeElement).toBe(input);
    expect(byTestId("announcer").textContent).toBe(fr.t("announce-step", { title: fr.t("connect-title") }));
  });

  it("shows the localised error with its code when the address is not a Nextcloud", async () => {
    const { backend } = await openConnect();
    await checkAddress("example.org");
    const error = byTestId("connect-error");
    await waitFor(() => expect(error.textContent).toBe(fr.t("error-not-nextcloud")));
    expect(error.dataset.errorCode).toBe("not-nextcloud");
    expect(error.getAttribute("role")).toBe("alert");
    const input = byTestId<HTMLInputElement>("server-address");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain(error.id);
    expect(document.activeElement).toBe(input);
    expect(backend.countCalls("server_check")).toBe(1);
    expect(step()).toBe("address");
  });

  it("refuses an empty address without asking the backend", async () => {
    const { backend } = await openConnect();
    await checkAddress("   ");
    const error = byTestId("connect-error");
    expect(error.dataset.errorCode).toBe("invalid-address");
    expect(error.textContent).toBe(fr.t("error-invalid-address"));
    expect(backend.countCalls("server_check")).toBe(0);
  });

  it("is busy while the server is checked", async () => {
    const { backend } = await openConnect();
    const original = backend.handle.bind(backend);
    let release!: () => void;
    backend.handle = (cmd, args) => {
      if (cmd !== "server_check") return original(cmd, args);
      return new Promise((resolve) => {
        release = () => resolve(original(cmd, args));
      });
    };
    await checkAddress("monasso.frama.space");
    const form = byTestId("server-address").closest("form")!;
    await waitFor(() => expect(form.getAttribute("aria-busy")).toBe("true"));
    expect(byTestId<HTMLButtonElement>("server-check").disabled).toBe(true);
    expect(byTestId("connect-busy").textContent).toBe(fr.t("connect-checking"));
    expect(byTestId("connect-busy").getAttribute("role")).toBe("status");
    release();
    await waitFor(() => expect(step()).toBe("method"));
  });

  it("stops with the maintenance message", async () => {
    await openConnect({ servers: { "monasso.frama.space": { maintenance: true } } });
    await checkAddress("monasso.frama.space");
    const error = byTestId("connect-error");
    await waitFor(() => expect(error.dataset.errorCode).toBe("maintenance"));
    expect(error.textContent).toBe(fr.t("error-maintenance"));
    expect(step()).toBe("address");
  });

  it("says what to do when the server is too old (with the minimum version)", async () => {
    await openConnect({ servers: { "vieux.example": { checkError: "server-too-old" } } });
    await checkAddress("vieux.example");
    const error = byTestId("connect-error");
    await waitFor(() => expect(error.dataset.errorCode).toBe("server-too-old"));
    expect(error.textContent).toContain("27");
    expect(error.textContent).not.toContain("{");
  });

  it("shows the fingerprint of an untrusted certificate, trusts it and checks again", async () => {
    const { backend } = await openConnect({
      servers: {
        "nuage.asso.local": {
          fingerprint: FINGERPRINT,
          theming: { name: "Nuage", color: null, colorText: null, logo: null, slogan: null },
          users: {},
        },
      },
    });
    await checkAddress("nuage.asso.local");
    await waitFor(() => expect(step()).toBe("certificate"));
    expect(h1().textContent).toBe(fr.t("cert-title"));
    expect(document.activeElement).toBe(h1());
    expect(byTestId("announcer").textContent).toBe(fr.t("announce-step", { title: fr.t("cert-title") }));
    expect(byTestId("cert-host").textContent).toBe("nuage.asso.local");
    const fingerprint = byTestId("cert-fingerprint");
    expect(fingerprint.tagName).toBe("CODE");
    expect(fingerprint.textContent).toBe(
      "3A 9F 4C 12 7B E0 55 C1\n08 AA 6D F2 93 1E BC 47\n60 D8 2F 9A C3 71 0E B5\n4A E9 86 13 FD 27 5C 08",
    );
    expect(byTestId("cert-trust").textContent).toBe(fr.t("cert-trust"));

    // Cancel goes back to the address, kept.
    byTestId<HTMLButtonElement>("cert-cancel").click();
    expect(step()).toBe("address");
    expect(byTestId<HTMLInputElement>("server-address").value).toBe("nuage.asso.local");
    expect(backend.trusted.size).toBe(0);

    await checkAddress("nuage.asso.local");
    await waitFor(() => expect(step()).toBe("certificate"));
    byTestId<HTMLButtonElement>("cert-trust").click();
    await waitFor(() => expect(step()).toBe("method"));
    expect(backend.trusted.get("https://nuage.asso.local")).toBe(FINGERPRINT);
    const trustCall = backend.calls.find((c) => c.cmd === "certificate_trust");
    expect(trustCall?.args).toEqual({ url: "https://nuage.asso.local", fingerprint: FINGERPRINT });
    expect(backend.countCalls("server_check")).toBe(3);
    expect(h1().textContent).toBe(fr.t("method-title", { space: "Nuage" }));
  });

  it("warns before an unencrypted (http) connection", async () => {
    await openConnect({
      servers: { "atelier.local": { url: "http://atelier.local", insecureHttp: true, users: {} } },
    });
    await checkAddress("http://atelier.local");
    await waitFor(() => expect(step()).toBe("insecure"));
    expect(byTestId("insecure-warning").textContent).toContain(fr.t("insecure-advice"));
    expect(byTestId("insecure-warning").textContent).toContain(fr.t("insecure-body-typed", { server: "atelier.local" }));
    expect(document.activeElement).toBe(h1());
    byTestId<HTMLButtonElement>("insecure-continue").click();
    expect(step()).toBe("method");
    expect(byTestId("insecure-reminder").textContent).toBe(fr.t("insecure-reminder"));
  });
});

// Issue #16, item 6: "the address 127.0.0.1:8080 starts with http://" when no scheme was typed.
describe("Connect: what the http warning says", () => {
  const servers = { "127.0.0.1:8080": { url: "http://127.0.0.1:8080", insecureHttp: true, users: {} } };

  it.each([
    ["fr", "127.0.0.1:8080", "insecure-body-no-https"],
    ["fr", "http://127.0.0.1:8080", "insecure-body-typed"],
    ["en", "127.0.0.1:8080", "insecure-body-no-https"],
    ["en", "HTTP://127.0.0.1:8080/", "insecure-body-typed"],
  ] as const)("%s, typed %s: %s", async (lang, typed, id) => {
    await openConnect({ servers, settings: { language: lang } });
    await checkAddress(typed);
    await waitFor(() => expect(step()).toBe("insecure"));
    const i18n = lang === "fr" ? fr : en;
    const warning = byTestId("insecure-warning").textContent ?? "";
    expect(warning).toContain(i18n.t(id, { server: "127.0.0.1:8080" }));
    if (id === "insecure-body-no-https") expect(warning).not.toContain("http://");
  });
});

describe("Connect: how to sign in", () => {
  it("previews the space: name, logo, colour and version", async () => {
    await toMethodStep();
    expect(h1().textContent).toBe(fr.t("method-title", { space: "Mon asso" }));
    expect(document.activeElement).toBe(h1());
    const preview = byTestId("space-preview");
    expect(byTestId("preview-name").textContent).toBe("Mon asso");
    const logo = preview.querySelector("img")!;
    expect(logo.getAttribute("src")).toBe(LOGO);
    expect(logo.getAttribute("alt")).toBe("");
    expect(preview.querySelector<HTMLElement>(".space-band")!.dataset.color).toBe("#0082c9");
    expect(byTestId("preview-version").textContent).toBe("Nextcloud 29.0.4");
    expect(byTestId("login-browser").textContent).toBe(fr.t("method-browser"));
    const details = byTestId<HTMLDetailsElement>("app-password-details");
    expect(details.tagName).toBe("DETAILS");
    expect(details.open).toBe(false);
    const password = byTestId<HTMLInputElement>("app-password");
    expect(password.type).toBe("password");
    expect(password.getAttribute("autocomplete")).toBe("off");
    expect(document.querySelector(`label[for="${password.id}"]`)?.textContent).toBe(fr.t("app-password-label"));
    expect(document.querySelector(`label[for="${byTestId("login-name").id}"]`)?.textContent).toBe(
      fr.t("login-name-label"),
    );
    expect(details.textContent).toContain(fr.t("app-password-where"));
  });

  it("shows no logo but a data: URL", async () => {
    await toMethodStep({
      servers: {
        "monasso.frama.space": {
          theming: { name: "Mon asso", color: null, colorText: null, logo: "//evil.example/logo.png", slogan: null },
        },
      },
    });
    expect(byTestId("space-preview").querySelector("img")).toBeNull();
  });

  it("Login Flow: link, countdown announced once a minute, cancel", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(step()).toBe("waiting"));
    await waitFor(() => expect(backend.flow).not.toBeNull());
    expect(h1().textContent).toBe(fr.t("waiting-title"));
    expect(document.activeElement).toBe(h1());
    const start = backend.calls.find((c) => c.cmd === "login_flow_start")!.args as Record<string, unknown>;
    expect(start.profileId).toBe(backend.profiles[0]!.id);
    expect(start.address).toBe("https://monasso.frama.space");
    expect(start.storage).toBe("keyring");
    expect(backend.countCalls("keyring_status")).toBe(1);

    backend.flowStarted(1200);
    const countdown = byTestId("login-countdown");
    expect(countdown.textContent).toBe("20:00");
    expect(countdown.getAttribute("role")).toBe("timer");
    expect(byTestId("login-url").textContent).toBe("https://monasso.frama.space/login/v2/flow/abc123");
    expect(byTestId("login-copy").textContent).toBe(fr.t("waiting-copy"));

    const announcer = byTestId("announcer");
    const before = announcer.textContent;
    backend.flowWaiting(1199);
    expect(countdown.textContent).toBe("19:59");
    expect(announcer.textContent).toBe(before);
    backend.flowWaiting(1139);
    expect(countdown.textContent).toBe("18:59");
    expect(announcer.textContent).toBe(fr.t("waiting-remaining", { minutes: 19 }));
    announcer.textContent = "";
    backend.flowWaiting(1130);
    expect(countdown.textContent).toBe("18:50");
    expect(announcer.textContent).toBe("");

    byTestId<HTMLButtonElement>("login-cancel").click();
    await waitFor(() => expect(step()).toBe("method"));
    const cancel = backend.calls.find((c) => c.cmd === "login_flow_cancel");
    expect(cancel?.args).toEqual({ flowId: 1 });
    expect(document.activeElement).toBe(h1());
    expect(backend.accounts).toHaveLength(0);
  });

  // Issue #16, item 7: "the page opened in your browser" although none could be opened.
  it("Login Flow: when no browser could be opened, the link to copy comes first", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    backend.flowStarted(1200, false);
    const waiting = byTestId("login-waiting");
    expect(waiting.textContent).not.toContain(fr.t("waiting-body"));
    expect(byTestId("login-no-browser").textContent).toBe(fr.t("waiting-no-browser"));
    const copy = byTestId<HTMLButtonElement>("login-copy");
    expect(copy.classList.contains("btn-primary")).toBe(true);
    expect(document.activeElement).toBe(copy);
    // The link and its button come before the countdown.
    const order = [byTestId("login-no-browser"), byTestId("login-url"), copy, byTestId("login-countdown")];
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(byTestId("announcer").textContent).toBe(fr.t("waiting-no-browser"));
  });

  it("Login Flow: when the browser opened, says so", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    backend.flowStarted(1200, true);
    expect(byTestId("login-waiting").textContent).toContain(fr.t("waiting-body"));
    expect(query("login-no-browser")).toBeNull();
    expect(byTestId("login-copy").classList.contains("btn-primary")).toBe(false);
  });

  it("Login Flow: done → Accounts screen with the account selected and the space's theme", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    backend.flowStarted();
    backend.flowWaiting(1100);
    backend.flowDone("camille");
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    expect(window.location.hash).toBe("#/accounts");
    const text = fr.t("account-connected", { name: "Camille Dupont" });
    expect(byTestId("account-connected").textContent).toBe(text);
    expect(byTestId("announcer").textContent).toBe(text);
    expect(byTestId("current-account").textContent).toBe("Camille Dupont");
    expect(backend.countCalls("account_select")).toBe(1);
    await waitFor(() => expect(byTestId("space-name").textContent).toBe("Mon asso"));
    expect(primary()).toBe("#0082c9");
    expect(document.activeElement).toBe(h1());
  });

  it("Login Flow: streams on a channel made by the context's platform", async () => {
    const platform = new FakePlatform();
    const { backend } = await toMethodStep({}, "monasso.frama.space", platform);
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    expect(platform.channels).toHaveLength(1);
    backend.flowStarted();
    backend.flowDone("camille");
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    expect(byTestId("current-account").textContent).toBe("Camille Dupont");
  });

  it("Login Flow: failed → back to the choice with the error", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    backend.flowStarted();
    backend.flowFailed("login-flow-timeout");
    expect(step()).toBe("method");
    const error = byTestId("connect-error");
    expect(error.dataset.errorCode).toBe("login-flow-timeout");
    expect(error.textContent).toBe(fr.t("error-login-flow-timeout"));
  });

  it("app password: wrong one shows error-auth, the right one connects", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLDetailsElement>("app-password-details").open = true;
    typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
    const password = byTestId<HTMLInputElement>("app-password");
    typeInto(password, "wrong");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    const error = byTestId("connect-error");
    await waitFor(() => expect(error.dataset.errorCode).toBe("auth"));
    expect(error.textContent).toBe(fr.t("error-auth"));
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(password);
    expect(backend.accounts).toHaveLength(0);

    typeInto(password, "abcde-fghij-klmno-pqrst-uvwxy");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    expect(byTestId("account-connected").textContent).toBe(fr.t("account-connected", { name: "Camille Dupont" }));
    const add = backend.calls.find((c) => c.cmd === "account_add_app_password" && backend.accounts.length)!;
    expect(add.args.signIn).toMatchObject({ loginName: "camille", storage: "keyring", address: "https://monasso.frama.space" });
    expect(backend.accounts[0]!.secretStorage).toBe("keyring");
  });

  // Issue #16, item 3: a login password typed there is exchanged, and the person is told.
  it("app password: a login password is exchanged, and the Accounts screen says so", async () => {
    const servers = {
      "monasso.frama.space": {
        theming: { name: "Mon asso", color: null, colorText: null, logo: null, slogan: null },
        users: { camille: { displayName: "Camille Dupont", appPassword: "abcde", loginPassword: "mon-mot-de-passe" } },
      },
    };
    await toMethodStep({ servers });
    byTestId<HTMLDetailsElement>("app-password-details").open = true;
    typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
    const password = byTestId<HTMLInputElement>("app-password");
    typeInto(password, "mon-mot-de-passe");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    expect(password.value).toBe("");
    expect(byTestId("account-connected").textContent).toBe(fr.t("account-connected", { name: "Camille Dupont" }));
    expect(byTestId("password-exchanged").textContent).toBe(fr.t("app-password-exchanged"));
    expect(byTestId("announcer").textContent).toContain(fr.t("app-password-exchanged"));
  });

  it("app password: with an app password nothing is said about an exchange", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLDetailsElement>("app-password-details").open = true;
    typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
    typeInto(byTestId<HTMLInputElement>("app-password"), "abcde-fghij-klmno-pqrst-uvwxy");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    expect(query("password-exchanged")).toBeNull();
    expect(backend.accounts).toHaveLength(1);
  });

  it("app password: refusals of a login password say why", async () => {
    await toMethodStep({
      servers: { "monasso.frama.space": { checkError: undefined, users: { camille: { appPassword: "x" } } } },
    });
    const { backend } = started!;
    const original = backend.handle.bind(backend);
    backend.handle = (cmd, args) => {
      if (cmd === "account_add_app_password") throw { code: "password-login-forbidden", message: "fake" };
      return original(cmd, args);
    };
    byTestId<HTMLDetailsElement>("app-password-details").open = true;
    typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
    typeInto(byTestId<HTMLInputElement>("app-password"), "mon-mot-de-passe");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    const error = byTestId("connect-error");
    await waitFor(() => expect(error.dataset.errorCode).toBe("password-login-forbidden"));
    expect(error.textContent).toBe(fr.t("error-password-login-forbidden"));
  });

  // Issue #16, item 11: the section had no disclosure arrow and could open out of sight.
  it("app password: a real disclosure, brought into view when opened", async () => {
    await toMethodStep();
    const details = byTestId<HTMLDetailsElement>("app-password-details");
    const summary = details.querySelector("summary")!;
    expect(summary.textContent).toBe(fr.t("method-app-password"));
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      // Opened as a click on the summary would (the browser fires "toggle").
      details.open = true;
      await waitFor(() => expect(scrolled).toEqual([details]));
      details.open = false;
      await settle();
      expect(scrolled).toEqual([details]);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it("app password: empty fields are caught before the backend", async () => {
    const { backend } = await toMethodStep();
    byTestId<HTMLButtonElement>("app-password-submit").click();
    expect(byTestId("connect-error").textContent).toBe(fr.t("app-password-empty"));
    expect(byTestId("connect-error").hasAttribute("data-error-code")).toBe(false);
    expect(document.activeElement).toBe(byTestId("login-name"));
    expect(backend.countCalls("account_add_app_password")).toBe(0);
  });

  it("no keyring: asks for consent before the browser sign-in, then keeps it in session", async () => {
    const { backend } = await toMethodStep({ keyringAvailable: false });
    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(step()).toBe("keyring"));
    expect(h1().textContent).toBe(fr.t("keyring-title"));
    expect(document.activeElement).toBe(h1());
    expect(byTestId("keyring-consent").textContent).toContain(fr.t("keyring-session-explain"));
    expect(byTestId("keyring-session").textContent).toBe(fr.t("keyring-session-accept"));
    expect(backend.countCalls("login_flow_start")).toBe(0);

    // Cancel: nothing starts.
    byTestId<HTMLButtonElement>("keyring-cancel").click();
    expect(step()).toBe("method");
    expect(backend.countCalls("login_flow_start")).toBe(0);

    byTestId<HTMLButtonElement>("login-browser").click();
    await waitFor(() => expect(step()).toBe("keyring"));
    byTestId<HTMLButtonElement>("keyring-session").click();
    await waitFor(() => expect(backend.flow).not.toBeNull());
    expect(step()).toBe("waiting");
    const start = backend.calls.find((c) => c.cmd === "login_flow_start")!.args as Record<string, unknown>;
    expect(start.storage).toBe("session");
    expect(backend.countCalls("keyring_status")).toBe(1);

    backend.flowStarted();
    backend.flowDone("camille");
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    expect(byTestId("account-session").textContent).toBe(fr.t("account-session-badge"));
  });

  it("no keyring: the app password waits for consent too", async () => {
    const { backend } = await toMethodStep({ keyringAvailable: false });
    byTestId<HTMLDetailsElement>("app-password-details").open = true;
    typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
    typeInto(byTestId<HTMLInputElement>("app-password"), "abcde-fghij-klmno-pqrst-uvwxy");
    byTestId<HTMLButtonElement>("app-password-submit").click();
    await waitFor(() => expect(step()).toBe("keyring"));
    expect(backend.countCalls("account_add_app_password")).toBe(0);
    byTestId<HTMLButtonElement>("keyring-session").click();
    await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
    const add = backend.calls.find((c) => c.cmd === "account_add_app_password")!;
    expect(add.args.signIn).toMatchObject({ storage: "session", loginName: "camille" });
    expect(backend.accounts[0]!.secretStorage).toBe("session");
  });

  it("speaks English too", async () => {
    await openConnect({ settings: { language: "en" } });
    expect(h1().textContent).toBe(en.t("connect-title"));
    await checkAddress("nowhere.example");
    await waitFor(() => expect(byTestId("connect-error").textContent).toBe(en.t("error-not-nextcloud")));
  });
});

describe("Accounts screen", () => {
  const seeded: FakeOptions = {
    accounts: [
      { profile: "Camille", host: "autre.frama.space", loginName: "camille", secretStorage: "session", lastUsedAt: "2025-01-01T09:00:00Z" },
      { profile: "Camille", host: "monasso.frama.space", loginName: "camille", lastUsedAt: "2025-01-01T09:30:00Z" },
    ],
  };

  async function openAccounts(opts: FakeOptions = seeded): Promise<Started> {
    const s = await enter(opts);
    byTestId<HTMLAnchorElement>("nav-accounts").click();
    expect(byTestId("accounts-screen")).toBeTruthy();
    return s;
  }

  it("lists the accounts, last selected first and current, with the overview", async () => {
    await openAccounts();
    const items = [...document.querySelectorAll<HTMLElement>("[data-testid=account-item]")];
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("Camille Dupont");
    expect(items[0]!.textContent).toContain(fr.t("account-user-id", { userId: "camille" }));
    expect(items[0]!.textContent).toContain(fr.t("account-server", { server: "monasso.frama.space" }));
    expect(items[0]!.querySelector("[data-testid=account-current]")).toBeTruthy();
    expect(items[0]!.querySelector("[data-testid=account-session]")).toBeNull();
    expect(items[1]!.querySelector("[data-testid=account-session]")?.textContent).toBe(fr.t("account-session-badge"));
    expect(items[1]!.querySelector("[data-testid=account-select]")).toBeTruthy();
    expect(byTestId("current-account").textContent).toBe("Camille Dupont");
    expect(byTestId("current-profile").textContent).toBe("Camille");

    const overview = byTestId("account-overview");
    await waitFor(() => expect(overview.hasAttribute("aria-busy")).toBe(false));
    expect(byTestId("overview-space").textContent).toBe("Mon asso");
    expect(byTestId("overview-version").textContent).toBe("29.0.4");
    expect(byTestId("overview-email").textContent).toBe("camille@monasso.example");
    expect(byTestId("overview-groups").textContent).toContain("Bureau");
    expect(byTestId("overview-groups").textContent).toContain("Bénévoles");
    expect(byTestId("overview-admin").textContent).toBe(fr.t("overview-admin-badge"));
    const bar = byTestId<HTMLProgressElement>("quota-bar");
    expect(bar.getAttribute("max")).toBe(String(10 * 1024 ** 3));
    expect(bar.getAttribute("value")).toBe(String(2.5 * 1024 ** 3));
    expect(byTestId("quota-text").textContent).toBe(
      fr.t("overview-quota-used", { used: formatBytes(2.5 * 1024 ** 3, "fr"), total: formatBytes(10 * 1024 ** 3, "fr") }),
    );
    expect(formatBytes(2.5 * 1024 ** 3, "fr")).toMatch(/^2,5\sGo$/);

    // Header: space name and logo; theming applied.
    expect(byTestId("space-name").textContent).toBe("Mon asso");
    const logo = byTestId<HTMLImageElement>("space-logo");
    expect(logo.getAttribute("src")).toBe(LOGO);
    expect(logo.getAttribute("alt")).toBe("");
    expect(primary()).toBe("#0082c9");
    // The server's white text has only 4.1:1 on #0082c9: replaced.
    expect(onPrimary()).toBe("#000000");
  });

  it("selects another account: header, overview and theme follow", async () => {
    const { backend } = await openAccounts();
    await waitFor(() => expect(byTestId("space-name").textContent).toBe("Mon asso"));
    const select = byTestId<HTMLButtonElement>("account-select");
    select.click();
    await waitFor(() => expect(byTestId("current-account").textContent).toBe("Camille D."));
    expect(backend.countCalls("account_select")).toBe(1);
    expect(byTestId("announcer").textContent).toBe(fr.t("announce-account-selected", { name: "Camille D." }));
    expect(document.activeElement).toBe(byTestId("account-overview").querySelector("h2"));
    await waitFor(() => expect(byTestId("space-name").textContent).toBe("Autre asso"));
    const color = primary();
    expect(color).toMatch(/^#[0-9a-f]{6}$/);
    expect(color).not.toBe("#ffff00");
    expect(contrastRatio(color, PALETTES.light.bg)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(color, PALETTES.light.surface)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(onPrimary(), color)).toBeGreaterThanOrEqual(4.5);
    // This server does not say: no bar.
    expect(query("quota-bar")).toBeNull();
    expect(byTestId("quota-text").textContent).toBe(fr.t("overview-quota-unknown"));
  });

  it("shows an unlimited quota without a bar", async () => {
    await openAccounts({ accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "dominique" }] });
    await waitFor(() => expect(byTestId("account-overview").hasAttribute("aria-busy")).toBe(false));
    expect(query("quota-bar")).toBeNull();
    expect(byTestId("quota-text").textContent).toBe(
      fr.t("overview-quota-unlimited", { used: formatBytes(1024 ** 2, "fr") }),
    );
  });

  it("shows the overview's error with its code", async () => {
    await openAccounts({
      servers: { "monasso.frama.space": { overviewError: "session-secret-lost", users: { camille: {} } } },
      accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille", secretStorage: "session" }],
    });
    const error = byTestId("overview-error");
    await waitFor(() => expect(error.dataset.errorCode).toBe("session-secret-lost"));
    expect(error.textContent).toBe(fr.t("error-session-secret-lost"));
    expect(query("space-name")).toBeNull();
    expect(primary()).toBe("");
    expect(byTestId("account-sign-out")).toBeTruthy();
  });

  it.each(["#ffff00", "#000000", "#0082c9", "#ffffff", "#777777", "#f7f5f0"])(
    "theme colour %s: --primary has 3:1 on the backgrounds, light and dark",
    async (color) => {
      const servers = {
        "monasso.frama.space": {
          theming: { name: "Mon asso", color, colorText: null, logo: null, slogan: null },
          users: { camille: {} },
        },
      };
      const accounts = [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille" }];
      await enter({ servers, accounts });
      await waitFor(() => expect(primary()).not.toBe(""));
      for (const bg of [PALETTES.light.bg, PALETTES.light.surface]) {
        expect(contrastRatio(primary(), bg)).toBeGreaterThanOrEqual(3);
      }
      expect(contrastRatio(onPrimary(), primary())).toBeGreaterThanOrEqual(4.5);

      // Dark theme: recomputed for the dark backgrounds.
      byTestId<HTMLAnchorElement>("nav-settings").click();
      choose(byTestId<HTMLInputElement>("theme-dark"));
      await waitFor(() => expect(document.documentElement.dataset.theme).toBe("dark"));
      for (const bg of [PALETTES.dark.bg, PALETTES.dark.surface]) {
        expect(contrastRatio(primary(), bg)).toBeGreaterThanOrEqual(3);
      }
      expect(contrastRatio(onPrimary(), primary())).toBeGreaterThanOrEqual(4.5);
    },
  );

  it("signs out after a confirmation; says the access still exists when the server was unreachable", async () => {
    const { backend } = await openAccounts({
      servers: { "monasso.frama.space": { reachable: false, theming: { name: "Mon asso", color: "#0082c9", colorText: null, logo: null, slogan: null }, users: { camille: {} } } },
      accounts: [{ profile: "Camille", host: "monasso.frama.space", loginName: "camille" }],
    });
    await waitFor(() => expect(byTestId("space-name").textContent).toBe("Mon asso"));
    const opener = byTestId<HTMLButtonElement>("account-sign-out");
    opener.focus();
    opener.click();
    const dialog = byTestId<HTMLDialogElement>("sign-out-dialog");
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain(fr.t("sign-out-title", { space: "Mon asso" }));
    expect(dialog.textContent).toContain(fr.t("sign-out-body"));
    expect(document.activeElement).toBe(byTestId("dialog-cancel"));

    // Esc closes it, nothing happens.
    dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(query("sign-out-dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(backend.countCalls("account_sign_out")).toBe(0);

    opener.click();
    byTestId<HTMLButtonElement>("dialog-confirm").click();
    await waitFor(() => expect(query("sign-out-result")).not.toBeNull());
    const result = byTestId("sign-out-result");
    expect(result.dataset.revoked).toBe("false");
    expect(result.textContent).toContain(fr.t("signed-out-not-revoked-title"));
    expect(result.textContent).toContain(fr.t("signed-out-not-revoked", { server: "monasso.frama.space" }));
    expect(result.textContent).toContain(fr.t("signed-out-not-revoked-how"));
    expect(document.activeElement).toBe(result);
    expect(query("sign-out-dialog")).toBeNull();
    expect(backend.accounts).toHaveLength(0);
    expect(byTestId("accounts-empty")).toBeTruthy();
    expect(query("current-account")).toBeNull();
    expect(query("space-name")).toBeNull();
    expect(primary()).toBe("");
  });

  it("signs out and says so when the server removed the access", async () => {
    const { backend } = await openAccounts();
    await waitFor(() => expect(byTestId("space-name").textContent).toBe("Mon asso"));
    byTestId<HTMLButtonElement>("account-sign-out").click();
    byTestId<HTMLButtonElement>("dialog-confirm").click();
    await waitFor(() => expect(byTestId("sign-out-result").textContent).toBe(fr.t("signed-out")));
    expect(backend.accounts).toHaveLength(1);
    // The other account becomes current.
    expect(byTestId("current-account").textContent).toBe("Camille D.");
    await waitFor(() => expect(byTestId("space-name").textContent).toBe("Autre asso"));
  });

  it("forgets the account and the theme when changing profile", async () => {
    await openAccounts();
    await waitFor(() => expect(primary()).toBe("#0082c9"));
    byTestId<HTMLButtonElement>("change-profile").click();
    expect(byTestId("welcome-screen")).toBeTruthy();
    expect(primary()).toBe("");
  });

  // Issue #16, item 10: connecting an admin's account silently made it the one in use.
  describe("connecting another account", () => {
    const one: FakeOptions = {
      accounts: [{ profile: "Camille", host: "autre.frama.space", loginName: "camille", lastUsedAt: "2025-01-01T09:00:00Z" }],
    };

    async function connectCamilleOnMonAsso(): Promise<Started> {
      const s = await openConnect(one);
      await checkAddress("monasso.frama.space");
      await waitFor(() => expect(step()).toBe("method"));
      byTestId<HTMLDetailsElement>("app-password-details").open = true;
      typeInto(byTestId<HTMLInputElement>("login-name"), "camille");
      typeInto(byTestId<HTMLInputElement>("app-password"), "abcde-fghij-klmno-pqrst-uvwxy");
      byTestId<HTMLButtonElement>("app-password-submit").click();
      await waitFor(() => expect(byTestId("accounts-screen")).toBeTruthy());
      return s;
    }

    it("keeps the account in use and asks", async () => {
      const { backend } = await connectCamilleOnMonAsso();
      expect(backend.countCalls("account_select")).toBe(0);
      expect(byTestId("current-account").textContent).toBe("Camille D.");
      const choice = byTestId("account-added-choice");
      expect(byTestId("account-connected").textContent).toBe(fr.t("account-added", { name: "Camille Dupont" }));
      expect(byTestId("account-added-question").textContent).toBe(
        fr.t("account-added-question", { name: "Camille Dupont", current: "Camille D." }),
      );
      expect(choice.getAttribute("aria-labelledby")).toBe(byTestId("account-added-question").id);
      expect(byTestId("account-added-switch").textContent).toBe(fr.t("account-added-switch", { name: "Camille Dupont" }));
      expect(byTestId("account-added-keep").textContent).toBe(fr.t("account-added-keep", { current: "Camille D." }));
      expect(byTestId("announcer").textContent).toContain(
        fr.t("account-added-question", { name: "Camille Dupont", current: "Camille D." }),
      );
      // Both accounts are listed; the old one is still current.
      const items = [...document.querySelectorAll<HTMLElement>("[data-testid=account-item]")];
      expect(items).toHaveLength(2);
      const current = items.find((i) => i.querySelector("[data-testid=account-current]"))!;
      expect(current.textContent).toContain("Camille D.");
    });

    it("switches when asked to", async () => {
      const { backend } = await connectCamilleOnMonAsso();
      byTestId<HTMLButtonElement>("account-added-switch").click();
      await waitFor(() => expect(byTestId("current-account").textContent).toBe("Camille Dupont"));
      expect(backend.countCalls("account_select")).toBe(1);
      expect(query("account-added-choice")).toBeNull();
      expect(document.activeElement).toBe(byTestId("account-overview").querySelector("h2"));
      expect(byTestId("announcer").textContent).toBe(fr.t("announce-account-selected", { name: "Camille Dupont" }));
      await waitFor(() => expect(byTestId("space-name").textContent).toBe("Mon asso"));
    });

    it("keeps the current one when asked to", async () => {
      const { backend } = await connectCamilleOnMonAsso();
      byTestId<HTMLButtonElement>("account-added-keep").click();
      expect(query("account-added-choice")).toBeNull();
      const kept = byTestId("account-added-kept");
      expect(kept.textContent).toBe(fr.t("account-added-kept", { current: "Camille D." }));
      expect(document.activeElement).toBe(kept);
      expect(backend.countCalls("account_select")).toBe(0);
      expect(byTestId("current-account").textContent).toBe("Camille D.");
    });
  });

  it("opens the wizard from a typed address", async () => {
    await enter();
    window.location.hash = "#/accounts/connect";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await waitFor(() => expect(byTestId("connect-screen")).toBeTruthy());
    expect(document.activeElement).toBe(byTestId("server-address"));
  });
});
