// Page kinds, on the markers read on a real Nextcloud 29.0.6 (login, two-factor provider
// selection, Login Flow v2 start and grant pages, captured in French with Chromium).
import { afterEach, describe, expect, it } from "vitest";
import { isSignInPath, pageHref, pageKind, showsPage } from "./page";
import { add } from "./testEnv";

afterEach(() => {
  document.body.removeAttribute("id");
  document.body.replaceChildren();
  delete (window as { _oc_webroot?: string })._oc_webroot;
});

/** A page of Nextcloud's guest layout holding one element. */
function guest(tag: string, attrs: Record<string, string>): Document {
  document.body.id = "body-login";
  document.body.replaceChildren();
  add(document.body, tag, attrs);
  return document;
}
/** Login Flow forms post to an absolute address on the server. */
const onServer = (path: string) => `${location.origin}${path}`;

describe("sign-in addresses", () => {
  it("knows login, two-factor, Login Flow and password reset, with or without index.php", () => {
    for (const path of [
      "/login",
      "/index.php/login",
      "/index.php/login/selectchallenge",
      "/index.php/login/challenge/backup_codes",
      "/login/setupchallenge/totp",
      "/index.php/login/v2/flow/kJQsq5V4t2",
      "/index.php/login/v2/grant",
      "/index.php/login/flow/grant",
      "/nextcloud/index.php/login",
      "/index.php/lostpassword/reset/form/abc/alice",
    ]) {
      expect(isSignInPath(path), path).toBe(true);
    }
    expect(isSignInPath("/nextcloud/login", "/nextcloud")).toBe(true);
  });

  it("leaves app pages alone, even a folder called login", () => {
    for (const path of ["/index.php/apps/files/", "/apps/files/files/32", "/index.php/settings/user/security", "/index.php/loginhelp", "/"]) {
      expect(isSignInPath(path), path).toBe(false);
    }
  });
});

describe("page kinds", () => {
  it("reads the login form Vue renders late (form name=login) on a guest page", () => {
    expect(pageKind(guest("div", { id: "login" }), "/nextcloud/x")).toBe("guest");
    expect(pageKind(guest("form", { class: "login-form", name: "login", action: "/index.php/login" }), "/x")).toBe("signIn");
  });

  it("reads two-factor and consent pages", () => {
    expect(pageKind(guest("div", { class: "body-login-container update two-factor" }), "/x")).toBe("signIn");
    expect(pageKind(guest("form", { id: "login-form", action: onServer("/index.php/login/v2/grant?stateToken=x") }), "/x")).toBe("signIn");
    expect(pageKind(guest("form", { action: onServer("/index.php/login/v2/grant") }), "/x")).toBe("signIn");
  });

  it("tells other guest pages (an error page) from sign-in pages, and app pages from both", () => {
    expect(pageKind(guest("div", { class: "body-login-container update" }), "/index.php/apps/nope")).toBe("guest");
    document.body.id = "body-user";
    document.body.replaceChildren();
    add(document.body, "header", {});
    expect(pageKind(document, "/index.php/apps/files/")).toBe("app");
    expect(pageKind(document, "/index.php/login")).toBe("signIn");
  });
});

describe("the step's page", () => {
  it("matches the page or one under it", () => {
    expect(showsPage("/index.php/apps/files/", "apps/files/")).toBe(true);
    expect(showsPage("/index.php/apps/files/files/32", "apps/files/")).toBe(true);
    expect(showsPage("/index.php/apps/calendar/", "apps/files/")).toBe(false);
    expect(showsPage("/index.php/settings/user/security", "settings/user/security")).toBe(true);
  });

  it("links to the step's page under the same web root", () => {
    history.replaceState(null, "", "/nextcloud/index.php/apps/calendar/");
    expect(pageHref(document, "apps/files/")).toBe(`${location.origin}/nextcloud/index.php/apps/files/`);
    history.replaceState(null, "", "/apps/calendar/");
    (window as { _oc_webroot?: string })._oc_webroot = "";
    expect(pageHref(document, "settings/user/security")).toBe(`${location.origin}/index.php/settings/user/security`);
  });
});
