// What kind of page the space window shows, so the overlay knows whether a step can be shown
// here at all: Nextcloud's sign-in pages (login, two-factor, Login Flow consent) come before
// any step; other guest pages (errors, the "page not found" of a signed-out visitor) never
// hold a target; and an app page may or may not be the step's page. Reads only the page's
// address and a few layout markers, never its content.

/** `signIn`: login, two-factor or consent; `guest`: another page of the signed-out layout. */
export type PageKind = "signIn" | "guest" | "app";

/**
 * Sign-in addresses of Nextcloud 27–32, after the web root: `/login` (the form), its
 * `/login/challenge/…`, `/login/selectchallenge` and `/login/setupchallenge/…` (two-factor),
 * `/login/v2/flow/…` and `/login/v2/grant` (Login Flow v2), `/login/flow/…` (v1), and
 * `/lostpassword/…` (reset). With or without `index.php` (pretty addresses).
 */
const SIGN_IN_PATH = /^(?:\/index\.php)?\/(?:login|lostpassword)(?:\/|$)/;

/** The path under the web root (`/nextcloud/index.php/login` → `/index.php/login`). */
function underWebRoot(path: string, webRoot: string): string {
  const i = path.indexOf("/index.php/");
  if (i >= 0) return path.slice(i);
  if (path === `${webRoot}/index.php` || path.endsWith("/index.php")) return "/index.php";
  return webRoot && path.startsWith(`${webRoot}/`) ? path.slice(webRoot.length) : path;
}

/** Whether `path` is one of Nextcloud's sign-in addresses. */
export function isSignInPath(path: string, webRoot = ""): boolean {
  return SIGN_IN_PATH.test(underWebRoot(path, webRoot));
}

/** Nextcloud's web root (`""` or `/nextcloud`), as its pages declare it. */
function webRootOf(doc: Document): string {
  const declared = (doc.defaultView as { _oc_webroot?: unknown } | null)?._oc_webroot;
  return typeof declared === "string" ? declared.replace(/\/+$/, "") : "";
}

/**
 * The kind of page `doc` is. Sign-in pages use Nextcloud's guest layout (`<body id="body-login">`)
 * with the login form (`form[name=login]`, rendered late by Vue), a two-factor box
 * (`.body-login-container.two-factor`), a Login Flow form posting to `/login/…`, or a sign-in
 * address; these were read on a real Nextcloud 29.0.6 (login, selectchallenge, v2 flow and grant).
 */
export function pageKind(doc: Document, path = doc.location?.pathname ?? "/"): PageKind {
  const webRoot = webRootOf(doc);
  if (isSignInPath(path, webRoot)) return "signIn";
  const body = doc.body;
  const guest = body?.id === "body-login" || body?.classList.contains("body-login") === true;
  if (!guest) return "app";
  const signIn =
    doc.querySelector("form[name='login'], .body-login-container.two-factor, #login-form") !== null ||
    Array.from(doc.querySelectorAll("form[action]")).some((f) => {
      try {
        return isSignInPath(new URL(f.getAttribute("action")!, doc.baseURI).pathname, webRoot);
      } catch {
        return false;
      }
    });
  return signIn ? "signIn" : "guest";
}

/** Whether `path` shows `page` (`apps/files/`) or a page under it; mirrors `space::shows_page`. */
export function showsPage(path: string, page: string): boolean {
  const p = page.replace(/\/+$/, "");
  return p === "" || path.endsWith(`/${p}`) || path.includes(`/${p}/`);
}

/** The address of `page` in the space the window shows (`…/index.php/<page>`). */
export function pageHref(doc: Document, page: string): string {
  const loc = doc.location;
  const path = loc?.pathname ?? "/";
  const i = path.indexOf("/index.php/");
  const base = i >= 0 ? path.slice(0, i) : webRootOf(doc);
  return `${loc?.origin ?? ""}${base}/index.php/${page.replace(/^\/+/, "")}`;
}
