// The page's own behaviour (see nc29-files.html): everything renders late, ids change per load.
(function () {
  "use strict";
  const rid = (p) => `${p}-${Math.random().toString(36).slice(2, 7)}`;
  const NAMES = ["Documents", "Photos", "Readme.md", "Essai partage", "welcome.txt"];
  for (let i = 1; i <= 20; i++) NAMES.push(`Compte rendu ${i}.odt`);
  // Like Nextcloud's own view settings: something the site keeps in the web session. What was
  // there when the page loaded tells whether the session was kept or cleared.
  window.__fixture = { times: {}, storedBefore: localStorage.getItem("files:view"),
    loadId: Math.random().toString(36).slice(2) };
  localStorage.setItem("files:view", "list");
  const t0 = performance.now();
  const mark = (k) => (window.__fixture.times[k] = Math.round(performance.now() - t0));

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  function openSidebar() {
    setTimeout(() => {
      if (document.getElementById("app-sidebar-vue")) return;
      const tab = el("button", { role: "tab", "aria-controls": "tab-sharing", id: rid("tab") }, "Sharing");
      const panel = el("section", { id: "tab-sharing" });
      const aside = el("aside", { id: "app-sidebar-vue", "data-cy-sidebar": "" }, tab, panel);
      document.body.append(aside);
      mark("sidebar");
      setTimeout(() => {
        panel.append(el("input", { id: "sharing-search-input", role: "combobox",
          placeholder: "Name, email, or Federated Cloud ID …" }));
        mark("shareInput");
      }, 550);
    }, 300);
  }

  // Nextcloud 29's "+ New" (NcActions, read on the real 29.0.6): aria-expanded turns "true" on
  // Vue's next tick after the click; the menu, appended to <body> on the first opening ≈ 59 ms
  // later, fades in (opacity 1 at ≈ 111 ms) and takes the focus; a second click closes it: it
  // stays in the page and fades out, then is hidden (visibility) but still there.
  let menu = null;
  function openNewMenu() {
    setTimeout(() => {
      if (!menu) {
        menu = el("ul", { role: "menu", id: rid("menu") });
        for (const [entry, label] of [["upload-file", "Upload files"], ["newFolder", "New folder"]]) {
          menu.append(el("li", { "data-cy-upload-picker-menu-entry": entry },
            el("button", { role: "menuitem", class: "action-button" }, label)));
        }
        document.body.append(menu);
      }
      menu.style.visibility = "visible";
      menu.style.opacity = "0";
      setTimeout(() => {
        menu.style.opacity = "1";
        menu.querySelector("button").focus();
        mark("newMenu");
      }, 52);
    }, 59);
  }
  function closeNewMenu() {
    if (!menu) return;
    setTimeout(() => {
      menu.style.opacity = "0";
      menu.style.visibility = "hidden";
      mark("newMenuClosed");
    }, 150);
  }

  // ≈ 2 s after navigation, as measured on Nextcloud 29 on a 2-core machine.
  setTimeout(() => {
    const newButton = el("button", { type: "button", class: "button-vue action-item__menutoggle",
      id: rid("trigger-menu"), "aria-haspopup": "menu", "aria-expanded": "false" }, "New");
    window.__fixture.newClicks = 0;
    newButton.addEventListener("click", () => {
      window.__fixture.newClicks++;
      const open = newButton.getAttribute("aria-expanded") === "true";
      Promise.resolve().then(() => newButton.setAttribute("aria-expanded", String(!open)));
      if (open) closeNewMenu();
      else openNewMenu();
    });
    document.getElementById("files-header").append(
      el("form", { "data-cy-upload-picker": "", class: "upload-picker" }, newButton));
    const tbody = el("tbody");
    NAMES.forEach((name, i) => {
      const share = el("button", { "data-cy-files-list-row-action": "sharing-status",
        title: "Show sharing options", class: "button-vue", id: rid("share") }, "⤴");
      share.addEventListener("click", openSidebar);
      const actions = el("td", { class: "files-list__row-actions", "data-cy-files-list-row-actions": "" },
        share, el("button", { "aria-label": "Actions", class: "button-vue" }, "…"));
      tbody.append(el("tr", { "data-cy-files-list-row": "", "data-cy-files-list-row-name": name,
        "data-cy-files-list-row-fileid": String(30 + i) }, el("td", {}, name), actions));
    });
    document.querySelector("[data-cy-files-list]").append(el("table", {}, tbody));
    mark("rows");
  }, 2000);
})();
