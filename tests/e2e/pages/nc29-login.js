// The login page's own behaviour (see nc29-login.html): Vue draws the form ≈ 300 ms after load.
(function () {
  "use strict";
  window.__fixture = { times: {}, loadId: Math.random().toString(36).slice(2), storedBefore: null };
  const t0 = performance.now();
  const fr = document.documentElement.lang === "fr";
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }
  setTimeout(() => {
    const redirect = new URLSearchParams(location.search).get("redirect_url") || "";
    const form = el("form", { class: "login-form", name: "login", method: "post", action: "/index.php/login" },
      el("input", { id: "user", name: "user", type: "text", autocomplete: "username", value: "alice",
        "aria-label": fr ? "Identifiant ou adresse e-mail" : "Login or email" }),
      el("input", { id: "password", name: "password", type: "password", autocomplete: "current-password",
        "aria-label": fr ? "Mot de passe" : "Password" }),
      el("input", { type: "hidden", name: "redirect_url", value: redirect }),
      el("button", { type: "submit" }, fr ? "Se connecter" : "Log in"));
    document.getElementById("login").append(el("div", { class: "guest-box login-box" }, form));
    document.getElementById("password").focus();
    window.__fixture.times.form = Math.round(performance.now() - t0);
  }, 300);
})();
