// "Add your calendar (or contacts) to a phone": an explain step with
// `show = "caldav-address" | "carddav-address" | "server-address"` shows the
// address to type in the phone for the current account, the user name, a Copy
// button and a QR code made here (qrcode-generator, no network). Without an
// account, a sentence and a link to connect one.
import qrcode from "qrcode-generator";
import type { Account } from "../bindings/types";
import type { Ctx } from "../context";
import { h, uid } from "../dom";
import { copyOrSelect } from "./clipboard";
import { routeLink } from "./ui";

/** The `show` values of explain steps (`format::SHOW_VALUES` in passerelle-core). */
export type DavShow = "caldav-address" | "carddav-address" | "server-address";

const SVG_NS = "http://www.w3.org/2000/svg";

export function isDavShow(value: string | null | undefined): value is DavShow {
  return value === "caldav-address" || value === "carddav-address" || value === "server-address";
}

/**
 * The address to type in a phone. CalDAV and CardDAV: the DAV root
 * `<server>/remote.php/dav`, which DAVx⁵ and iOS accept and from which they
 * find the person's calendars and address books.
 */
export function davAddressOf(serverUrl: string, show: DavShow): string {
  const base = serverUrl.replace(/\/+$/, "");
  return show === "server-address" ? base : `${base}/remote.php/dav`;
}

/** The QR code of `text` (UTF-8, byte mode) as an `<svg>` of dark modules on a light square. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const qr = qrcode(0, "M");
  // The library writes each character's low byte: hand it the UTF-8 bytes.
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  qr.addData(binary, "Byte");
  qr.make();
  const count = qr.getModuleCount();
  const margin = 4;
  const size = count + margin * 2;
  let path = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("width", "192");
  svg.setAttribute("height", "192");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("data-testid", "dav-qr");
  svg.setAttribute("class", "dav-qr");
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = label;
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#ffffff");
  const modules = document.createElementNS(SVG_NS, "path");
  modules.setAttribute("d", path);
  modules.setAttribute("fill", "#000000");
  svg.append(title, background, modules);
  return svg;
}

function currentAccount(ctx: Ctx): Account | null {
  const { accounts, accountId } = ctx.state;
  return accountId === null ? null : (accounts.find((a) => a.id === accountId) ?? null);
}

/**
 * What an explain step with `show` adds below its words; `null` for a value
 * this version does not know (the step's words still say what to do).
 * `beforeLeave` runs before the link to connect an account navigates.
 */
export function davAddress(ctx: Ctx, show: string | null, beforeLeave?: () => void): HTMLElement | null {
  if (!isDavShow(show)) return null;
  const { t } = ctx.i18n;
  const account = currentAccount(ctx);
  if (!account) {
    return h(
      "div",
      { class: "notice", "data-testid": "dav-address-no-account" },
      h("p", null, t("dav-address-no-account")),
      routeLink(
        ctx.router,
        "accounts/connect",
        { class: "btn", "data-testid": "dav-address-connect" },
        t("dav-address-connect"),
        beforeLeave,
      ),
    );
  }

  const address = davAddressOf(account.serverUrl, show);
  const labelId = uid("dav-address-label");
  const addressId = uid("dav-address");
  const code = h("code", { class: "login-url", id: addressId, "data-testid": "dav-address" }, address);
  const copied = h("p", { class: "hint", role: "status", "data-testid": "dav-address-copied" });
  const copy = h(
    "button",
    {
      type: "button",
      class: "btn",
      "data-testid": "dav-address-copy",
      "aria-describedby": addressId,
      onclick: async () => {
        // No clipboard access: the address is selected so Ctrl+C copies it.
        copied.textContent = (await copyOrSelect(address, code)) ? t("dav-address-copied") : t("dav-address-copy-select");
      },
    },
    t("dav-address-copy"),
  );
  const label =
    show === "caldav-address"
      ? t("dav-address-caldav-label")
      : show === "carddav-address"
        ? t("dav-address-carddav-label")
        : t("dav-address-server-label");

  return h(
    "div",
    { class: "card stack-sm", "data-testid": "dav-address-box", "data-show": show, role: "group", "aria-labelledby": labelId },
    h("p", { id: labelId }, h("strong", null, label)),
    code,
    h("div", { class: "actions actions-start" }, copy),
    copied,
    h("p", null, t("dav-address-user-label")),
    h("code", { class: "login-url", "data-testid": "dav-address-user" }, account.loginName),
    h("p", { class: "hint" }, t("dav-address-password-hint")),
    h(
      "figure",
      { class: "dav-qr-figure" },
      qrSvg(address, t("dav-address-qr-alt", { address })),
      h("figcaption", { class: "hint" }, t("dav-address-qr-hint")),
    ),
  );
}
