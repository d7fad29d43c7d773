// The test's eye in the space window: every 200 ms it sends what it sees (the overlay's
// spotlight and popover, the targets' boxes, what the overlay channel and another command
// answered) to the loopback server, and runs the commands it gets back (a click, a scroll),
// as the person would. Test fixture only.
(function () {
  "use strict";
  const box = (e) => {
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  };
  const SHARE = "[data-cy-files-list-row-name='Essai partage'] button[data-cy-files-list-row-action='sharing-status']";
  const ipc = { internals: typeof window.__TAURI_INTERNALS__ };
  function tryIpc() {
    const tauri = window.__TAURI_INTERNALS__;
    if (!tauri) return;
    tauri.invoke("accounts_list", { profileId: 1 }).then(
      (v) => (ipc.accountsList = { ok: true, value: JSON.stringify(v).slice(0, 200) }),
      (e) => (ipc.accountsList = { ok: false, error: String(e) }));
    tauri.invoke("tour_health_list").then(
      () => (ipc.tourHealth = { ok: true }),
      (e) => (ipc.tourHealth = { ok: false, error: String(e) }));
    tauri.invoke("plugin:space|overlay_step").then(
      (v) => (ipc.overlayStep = { ok: true, stepId: v && v.stepId }),
      (e) => (ipc.overlayStep = { ok: false, error: String(e) }));
  }
  function overlay() {
    const host = document.querySelector("passerelle-overlay");
    const root = host && host.shadowRoot;
    if (!root) return { present: false };
    const pop = root.querySelector(".pop");
    const spot = root.querySelector(".spot");
    const strip = root.querySelector(".strip");
    return {
      present: true,
      // Drawn, as the person sees it (a CSS display rule could beat the hidden attribute).
      strip: strip && getComputedStyle(strip).display !== "none" ? { text: strip.textContent, mode: strip.dataset.mode || null, box: box(strip),
        link: (strip.querySelector("a") || {}).href || null } : null,
      popHidden: pop.hidden,
      mode: pop.dataset.mode || null,
      placement: pop.dataset.placement || null,
      role: pop.getAttribute("role"),
      labelledBy: pop.getAttribute("aria-labelledby"),
      title: (root.getElementById(pop.getAttribute("aria-labelledby")) || {}).textContent || null,
      text: pop.textContent,
      live: (root.querySelector("[aria-live]") || {}).textContent || null,
      pop: pop.hidden ? null : box(pop),
      spot: spot.hidden ? null : box(spot),
      focused: root.activeElement === pop,
    };
  }
  const run = {
    "click-share": () => document.querySelector(SHARE).click(),
    "scroll-list": () => (document.querySelector("[data-cy-files-list]").scrollTop += 60),
    "click-new": () => document.querySelector("[data-cy-upload-picker] button").click(),
    // The person types in the login page's password field (what has the focus gets the key).
    "type-password": () => {
      const field = document.activeElement;
      if (field && field.id === "password") field.value += "x";
    },
    "submit-login": () => document.forms.login.submit(),
  };
  function send() {
    const state = {
      url: location.pathname,
      now: Math.round(performance.now()),
      times: (window.__fixture || {}).times,
      storedBefore: (window.__fixture || {}).storedBefore,
      loadId: (window.__fixture || {}).loadId,
      ipc,
      prototypeFrozen: Object.isFrozen(Object.prototype),
      overlay: overlay(),
      share: box(document.querySelector(SHARE)),
      input: box(document.getElementById("sharing-search-input")),
      newButton: box(document.querySelector("[data-cy-upload-picker] button")),
      newFolder: box(document.querySelector("[data-cy-upload-picker-menu-entry='newFolder'] button")),
      menuParent: ((document.querySelector("[role=menu]") || {}).parentElement || {}).tagName || null,
      newEvent: box(document.querySelector("button.new-event")),
      pencil: box(document.querySelector("button[aria-label='Edit and share calendar']")),
      viewport: { width: innerWidth, height: innerHeight },
      outer: { width: outerWidth, height: outerHeight, x: screenX, y: screenY },
      screen: { width: screen.width, height: screen.height, availWidth: screen.availWidth, availHeight: screen.availHeight },
      lang: document.documentElement.lang,
      focusedId: (document.activeElement || {}).id || null,
      password: (document.getElementById("password") || {}).value ?? null,
      newClicks: (window.__fixture || {}).newClicks ?? null,
      newExpanded: (document.querySelector("[data-cy-upload-picker] button") || { getAttribute: () => null }).getAttribute("aria-expanded"),
      menuShown: (() => {
        const m = document.querySelector("[role=menu]");
        return m ? getComputedStyle(m).visibility === "visible" && getComputedStyle(m).opacity !== "0" : null;
      })(),
    };
    fetch("/__probe", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(state) })
      .then((r) => r.json())
      .then((reply) => {
        for (const c of reply.commands || []) run[c] && run[c]();
      })
      .catch(() => undefined);
  }
  setTimeout(tryIpc, 100);
  setInterval(send, 200);
})();
