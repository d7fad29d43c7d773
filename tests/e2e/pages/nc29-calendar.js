// The Calendar page's own behaviour (see nc29-calendar.html).
(function () {
  "use strict";
  window.__fixture = { times: {}, storedBefore: null, loadId: Math.random().toString(36).slice(2) };
  const t0 = performance.now();
  const mark = (k) => (window.__fixture.times[k] = Math.round(performance.now() - t0));
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }
  setTimeout(() => {
    const nav = document.getElementById("app-navigation-vue");
    nav.append(el("header", { class: "app-navigation-header" },
      el("button", { class: "button-vue new-event", "aria-label": "Create new event" }, "+ Event")));
    const list = el("ul");
    for (const name of ["Personal", "Association"]) {
      const actions = el("div", { class: "app-navigation-entry__actions" });
      const li = el("li", { class: "draggable-calendar-list-item" },
        el("a", { class: "app-navigation-entry-link", title: name, href: "#" }, name), actions);
      // Hover-only: the pencil exists while the entry is hovered or has focus.
      const show = () => {
        if (!actions.firstChild) {
          actions.append(el("button", { "aria-label": "Edit and share calendar", class: "button-vue" }, "✎"));
          mark(`pencil-${name}`);
        }
      };
      const hide = (e) => {
        if (!li.contains(e.relatedTarget)) actions.replaceChildren();
      };
      li.addEventListener("mouseover", show);
      li.addEventListener("focusin", show);
      li.addEventListener("mouseleave", hide);
      li.addEventListener("focusout", hide);
      list.append(li);
    }
    nav.append(list);
    mark("rendered");
  }, 2000);
})();
