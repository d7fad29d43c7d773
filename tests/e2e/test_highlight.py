"""End-to-end: highlight steps in the member's space window (issue #8), in the real app.

The space is the loopback Nextcloud double, which here also serves pages/nc29-files.html at
the web interface's addresses: a stand-in for Nextcloud 29's Files page built from
../shared/nextcloud-dom (same data-cy-* hooks, the ~2 s render, the sidebar opened by the
share icon, menus appended to <body>, regenerated ids, no user menu). WebDriver only drives
the main window (WebKit lets one web context be automated, and the space window has its own
session), so pages/probe.js, loaded by that page, reports what the space window shows
(overlay, boxes, IPC answers) to the double every 200 ms and runs the test's commands there
(a click on the share icon, a scroll), as the person would.

Also pages/nc29-calendar.html (Calendar 4.7.20: "+ Event", the calendar list, the pencil that
exists only while an entry is hovered or focused) at /index.php/apps/calendar/.

Covered, in French and in English: the Sharing tour lights up the inline share button of a
row that appears late; the person's click moves the tour on; the share input, inside the
sidebar that click opened, is lit up next; the spotlight follows the list's own scrolling;
the Discover tour's user menu never comes: the popover is centred with the fallback words and
the miss is in Tour health; signing out of the web space deletes its session; the page cannot
call Passerelle's other commands; the Files tour's "+ New" menu, appended to <body> after the
click, is lit up; the Calendar tour then takes the same window to the Calendar page, where the
hover-only pencil is revealed and lit up.
Screenshots of the whole screen: target/e2e/highlight-<moment>-<lang>.png.
"""

import json
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from conftest import ARTIFACTS, by_testid, visible, wait, save_shot
from flows import LONG, connect_with_app_password, fluent_text, norm
from nextcloud_double import ALICE, ALICE_APP_PASSWORD, NextcloudDouble, _plain
from test_tours import open_tours, press_next, tour_card, wait_step

PAGES = Path(__file__).resolve().parent / "pages"
LANGS = pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
WEB_PATHS = ("/", "/index.php", "/index.php/", "/index.php/apps/files", "/index.php/apps/files/")


SESSION_COOKIE = "nc_e2e_session"


class PagesDouble(NextcloudDouble):
    """The double, plus the fixture pages and the probe's mailbox. With `sign_in_first`, the web
    pages need a web session: without its cookie they send the window to the login page
    (pages/nc29-login.html), whose form sets it and goes back, as Nextcloud 29 does
    (`/index.php/login?redirect_url=…`, read on the real 29.0.6)."""

    def __init__(self, sign_in_first: bool = False, **kw):
        super().__init__(**kw)
        self.sign_in_first = sign_in_first
        self.probe_lock = threading.Condition()
        self.probe_state: dict | None = None
        self.probe_history: list[dict] = []
        self.commands: list[str] = []
        # (path, Accept-Language) of every web page the space window asked for.
        self.page_requests: list[tuple[str, str | None]] = []

    @staticmethod
    def _redirect(location: str, cookie: str | None = None):
        resp = _plain(303, "See Other", "text/html; charset=utf-8", b"")
        resp.headers.append(("Location", location))
        if cookie:
            resp.headers.append(("Set-Cookie", cookie))
        return resp

    def route(self, method, target, headers, body, base_url):
        path = urlsplit(target).path
        facts = {"method": method, "path": path, "fixture": True}
        web_page = method == "GET" and (path in WEB_PATHS or path.startswith(("/index.php/apps/", "/index.php/login")))
        if web_page:
            self.page_requests.append((path, headers.get("Accept-Language")))
        signed_in = f"{SESSION_COOKIE}=1" in (headers.get("Cookie") or "")
        if method == "GET" and path == "/index.php/login":
            lang = (headers.get("Accept-Language") or "en")[:2]
            page = (PAGES / "nc29-login.html").read_text(encoding="utf-8")
            page = page.replace('lang="en" data-locale="en"', f'lang="{lang}" data-locale="{lang}"')
            return _plain(200, "OK", "text/html; charset=utf-8", page.encode()), facts
        if method == "POST" and path == "/index.php/login":
            back = parse_qs((body or b"").decode()).get("redirect_url", ["/index.php/apps/files/"])[0]
            return self._redirect(back, f"{SESSION_COOKIE}=1; Path=/; HttpOnly"), facts
        if web_page and self.sign_in_first and not signed_in:
            return self._redirect(f"/index.php/login?redirect_url={quote(target, safe='/')}"), facts
        if method == "GET" and (path in WEB_PATHS or path.startswith("/index.php/apps/files/")):
            return _plain(200, "OK", "text/html; charset=utf-8", (PAGES / "nc29-files.html").read_bytes()), facts
        if method == "GET" and path.startswith("/index.php/apps/calendar"):
            return _plain(200, "OK", "text/html; charset=utf-8", (PAGES / "nc29-calendar.html").read_bytes()), facts
        if method == "GET" and path.startswith("/__pages/") and path.endswith(".js"):
            name = path.removeprefix("/__pages/")
            if name in ("nc29-files.js", "nc29-calendar.js", "nc29-login.js", "probe.js"):
                return _plain(200, "OK", "text/javascript; charset=utf-8", (PAGES / name).read_bytes()), facts
        if method == "POST" and path == "/__probe":
            state = json.loads(body or b"{}")
            with self.probe_lock:
                self.probe_state = state
                self.probe_history.append(state)
                commands, self.commands = self.commands, []
                self.probe_lock.notify_all()
            return _plain(200, "OK", "application/json", json.dumps({"commands": commands}).encode()), facts
        return super().route(method, target, headers, body, base_url)

    def command(self, name: str) -> None:
        with self.probe_lock:
            self.commands.append(name)

    def until(self, what: str, predicate, timeout: float = 30.0) -> dict:
        """The first probe report (from now on) that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self.probe_lock:
            seen = len(self.probe_history)
            while True:
                for state in self.probe_history[seen:]:
                    if predicate(state):
                        return state
                seen = len(self.probe_history)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"space window: {what}; last report: {json.dumps(self.probe_state)[:1500]}")
                self.probe_lock.wait(left)


@pytest.fixture(autouse=True)
def paint_for_screenshots(app):
    """WebKit's accelerated compositing draws where `import` does not see it under Xvfb: the
    screenshots of the whole screen (both windows) need the plain painting path."""
    app.extra_env.update(WEBKIT_DISABLE_COMPOSITING_MODE="1")


@pytest.fixture
def space():
    with PagesDouble(mode="normal") as nc:
        yield nc


def lang_of(app) -> str:
    return app.system_lang[:2]


def screenshot(app, moment: str) -> Path:
    """The whole X screen (both windows), as the person sees it."""
    path = ARTIFACTS / f"highlight-{moment}-{lang_of(app)}.png"
    subprocess.run(["import", "-display", app.display, "-window", "root", str(path)], check=True,
                   capture_output=True, timeout=30)
    return path


def inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (outer["left"] - slack <= inner["left"] and outer["top"] - slack <= inner["top"]
            and inner["left"] + inner["width"] <= outer["left"] + outer["width"] + slack
            and inner["top"] + inner["height"] <= outer["top"] + outer["height"] + slack)


def lit(target: str):
    """A report where the spotlight surrounds `target` and the popover is shown beside it."""
    def check(st):
        o, box = st["overlay"], st.get(target)
        return (o.get("present") and not o["popHidden"] and o["mode"] == "target" and box
                and o["spot"] and inside(box, o["spot"]) and o["pop"] is not None)
    return check


def status_text(s) -> str:
    return norm(visible(s, "tour-space-status").text)


SHOTS = Path("/tmp/notes/shots/space")


def keep_shot(path: Path, name: str) -> None:
    """A copy of a screenshot for the review notes, when that folder exists on this machine."""
    if SHOTS.is_dir():
        shutil.copy(path, SHOTS / f"{name}.png")


def main_shot(app, s, name: str) -> Path:
    """The main window alone (WebDriver's own screenshot), kept for the review notes too."""
    path = ARTIFACTS / f"highlight-main-{name}-{lang_of(app)}.png"
    save_shot(s, path)
    keep_shot(path, f"main-{name}-{lang_of(app)}")
    return path


def to_new_button(s) -> None:
    """The Files tour, up to its "+ New" highlight step."""
    open_tours(s)
    tour_card(s, "files").find_element(*by_testid("tour-start")).click()
    wait_step(s, "welcome", "explain")
    press_next(s)
    wait_step(s, "already-know", "choice")
    s.find_element("css selector", '[data-testid="tour-choice"][data-goto="next"]').click()
    wait_step(s, "new-menu", "explain")
    press_next(s)
    wait_step(s, "new-button", "highlight")


@LANGS
def test_sharing_tour_in_the_space_window(app, opened, space):
    lang = lang_of(app)
    s = app.start()
    connect_with_app_password(s, lang, "Camille", space.base_url, ALICE, ALICE_APP_PASSWORD)
    open_tours(s)
    tour_card(s, "sharing").find_element(*by_testid("tour-start")).click()
    wait_step(s, "welcome", "explain")
    press_next(s)
    wait_step(s, "create-folder", "task")
    visible(s, "tour-skip").click()
    wait_step(s, "share-icon", "highlight")

    # "Show me in my space": the space window opens on the server; the row renders ≈ 2 s later.
    visible(s, "tour-show-in-space").click()
    wait(s, LONG).until(lambda d: status_text(d) == fluent_text(lang, "highlight-shown"))
    st = space.until("the share icon of « Essai partage » is lit up", lit("share"))
    o = st["overlay"]
    assert st["times"]["rows"] >= 2000, st["times"]
    assert o["role"] == "dialog" and o["labelledBy"] and o["focused"], o
    assert fluent_text(lang, "tour-sharing-share-icon") in norm(o["text"]), o["text"]
    assert fluent_text(lang, "highlight-click-hint") in norm(o["text"])
    assert norm(fluent_text(lang, "tour-step-counter", step=3, total=10)) in norm(o["title"]), o["title"]
    assert o["placement"] in ("below", "above", "left", "right"), o
    screenshot(app, "share-icon")

    # Nextcloud's own scripts run as in a browser (Object.prototype is frozen only in
    # Passerelle's window: Nextcloud assigns inherited properties such as `constructor`).
    assert st["prototypeFrozen"] is False
    assert s.execute_script("return Object.isFrozen(Object.prototype)") is True

    # The remote page got none of Passerelle's commands, only the overlay's channel.
    ipc = space.until("the page's IPC attempts answered",
                      lambda x: "accountsList" in x["ipc"] and "overlayStep" in x["ipc"] and "tourHealth" in x["ipc"])["ipc"]
    assert ipc["overlayStep"] == {"ok": True, "stepId": "share-icon"}, ipc
    assert ipc["accountsList"]["ok"] is False and "not allowed" in ipc["accountsList"]["error"], ipc
    assert ipc["tourHealth"]["ok"] is False and "not allowed" in ipc["tourHealth"]["error"], ipc

    # The spotlight follows the list when it scrolls inside its own container.
    before = st["overlay"]["spot"]["top"]
    space.command("scroll-list")
    st = space.until("the spotlight followed the scroll",
                     lambda x: lit("share")(x) and abs(x["overlay"]["spot"]["top"] - (before - 60)) < 2)

    # The person clicks the share icon: the tour goes on; the sidebar opens, then its input.
    space.command("click-share")
    wait_step(s, "share-input", "highlight")
    st = space.until("the share input in the sidebar is lit up", lit("input"))
    assert st["times"]["shareInput"] > st["times"]["sidebar"], st["times"]
    assert fluent_text(lang, "tour-sharing-share-input") in norm(st["overlay"]["text"])
    screenshot(app, "share-input")

    # Next, in the app: a task step, the overlay goes away.
    press_next(s)
    wait_step(s, "share-member", "task")
    space.until("the overlay left", lambda x: not x["overlay"].get("present") or x["overlay"]["popHidden"])


@LANGS
def test_a_missing_target_falls_back_and_shows_in_tour_health(app, opened, space):
    lang = lang_of(app)
    s = app.start()
    connect_with_app_password(s, lang, "Camille", space.base_url, ALICE, ALICE_APP_PASSWORD)
    open_tours(s)
    tour_card(s, "discover").find_element(*by_testid("tour-start")).click()
    for step in ("welcome", "top-bar", "search-bell"):
        wait_step(s, step)
        press_next(s)
    wait_step(s, "user-menu", "highlight")
    visible(s, "tour-show-in-space").click()

    # No user menu on this page: after the step's 8 s, a centred popover with the words.
    st = space.until("the fallback is shown", lambda x: x["overlay"].get("mode") == "missing", timeout=40)
    o = st["overlay"]
    assert o["placement"] == "center" and o["spot"] is None, o
    assert fluent_text(lang, "tour-discover-user-menu-fallback") in norm(o["text"]), o["text"]
    assert fluent_text(lang, "highlight-not-found") in norm(o["text"])
    vp, pop = st["viewport"], o["pop"]
    assert abs(pop["left"] + pop["width"] / 2 - vp["width"] / 2) < 2, (pop, vp)
    wait(s, LONG).until(lambda d: status_text(d) == fluent_text(lang, "highlight-missed"))
    screenshot(app, "fallback")

    # Signing out of the web space closes the window and clears its session: opened again,
    # the page finds nothing of what it stored on its first visit.
    first = st["loadId"]
    assert st["storedBefore"] is None, st
    visible(s, "tour-space-forget").click()
    wait(s, LONG).until(lambda d: status_text(d) == fluent_text(lang, "highlight-forgotten"),
                        "not signed out of the web space")
    sessions = app.data_dir / "web-sessions"
    assert not any(p.name.startswith(".forgotten-") for p in sessions.iterdir()), list(sessions.iterdir())

    # Tour health lists the miss: tour, step, version, the selectors tried for Nextcloud 29.
    s.execute_script("location.hash = '#/tour-health'")
    row = wait(s, LONG).until(lambda d: d.find_elements(*by_testid("tour-health-row")))[0]
    assert row.get_attribute("data-tour-id") == "discover" and row.get_attribute("data-step-id") == "user-menu"
    assert "29.0.6" in row.text
    tried = [c.text for c in row.find_elements("css selector", "code")]
    assert tried == ["button[aria-controls='header-menu-user-menu']"], tried
    screenshot(app, "tour-health")

    # Back to the tour (it resumes at the same step): the space opens again with a fresh session.
    s.execute_script("location.hash = '#/tours/discover'")
    wait_step(s, "user-menu", "highlight")
    visible(s, "tour-show-in-space").click()
    again = space.until("the space window opened again", lambda x: x.get("loadId") not in (None, first))
    assert again["storedBefore"] is None, "the web session was kept after signing out"


@LANGS
def test_files_then_calendar_menus_and_hover_only_buttons(app, opened, space):
    lang = lang_of(app)
    s = app.start()
    connect_with_app_password(s, lang, "Camille", space.base_url, ALICE, ALICE_APP_PASSWORD)
    open_tours(s)
    tour_card(s, "files").find_element(*by_testid("tour-start")).click()
    wait_step(s, "welcome", "explain")
    press_next(s)
    wait_step(s, "already-know", "choice")
    s.find_element("css selector", '[data-testid="tour-choice"][data-goto="next"]').click()
    wait_step(s, "new-menu", "explain")
    press_next(s)
    wait_step(s, "new-button", "highlight")
    visible(s, "tour-show-in-space").click()
    st = space.until("the + New button is lit up", lit("newButton"))
    assert st["url"] == "/index.php/apps/files/", st["url"]

    # The person opens the menu: the tour goes on, and the entry in the menu that the page
    # appends to <body> ≈ 110 ms later is lit up.
    space.command("click-new")
    wait_step(s, "new-folder-entry", "highlight")
    st = space.until("the New folder entry is lit up", lit("newFolder"))
    assert st["menuParent"] == "BODY", st["menuParent"]
    assert fluent_text(lang, "tour-files-new-folder-entry") in norm(st["overlay"]["text"])
    screenshot(app, "new-folder")

    # Another tour, another app: the same window goes to the Calendar page.
    s.execute_script("location.hash = '#/tours/calendar'")
    wait_step(s, "welcome", "explain")
    press_next(s)
    wait_step(s, "new-event-button", "highlight")
    visible(s, "tour-show-in-space").click()
    st = space.until("the + Event button is lit up on the Calendar page", lit("newEvent"))
    assert st["url"] == "/index.php/apps/calendar/", st["url"]
    press_next(s)
    for task in ("create-event", "invite", "create-calendar"):
        wait_step(s, task, "task")
        visible(s, "tour-skip").click()
        if task == "create-event":
            wait_step(s, "email-first", "explain")
            press_next(s)
    wait_step(s, "edit-share-button", "highlight")

    # The pencil exists only while the first calendar's entry is hovered or focused: the
    # overlay hovers and focuses it, lights the pencil up, and leaves focus on the page.
    st = space.until("the hover-only pencil is lit up", lit("pencil"))
    assert "pencil-Personal" in st["times"], st["times"]
    assert st["overlay"]["focused"] is False
    assert fluent_text(lang, "tour-calendar-edit-share-button") in norm(st["overlay"]["text"])
    screenshot(app, "hover-pencil")


@pytest.fixture
def guarded():
    with PagesDouble(mode="normal", sign_in_first=True) as nc:
        yield nc


@LANGS
def test_the_login_page_gets_a_strip_not_the_tour_bubble(app, opened, guarded):
    """Issue #16, items 1, 8 and 14: the space window opens on Nextcloud's login page (the web
    session is new). The overlay shows no step there, only a strip, and never takes the focus
    from the password field, for longer than the step's 8 s search; no miss is recorded; once
    signed in, the Files page comes and "+ New" is lit up by itself. The window asked for
    Passerelle's language, and fits the 1280×800 screen."""
    lang = lang_of(app)
    s = app.start()
    connect_with_app_password(s, lang, "Camille", guarded.base_url, ALICE, ALICE_APP_PASSWORD)
    to_new_button(s)
    visible(s, "tour-show-in-space").click()

    def on_form(x):
        strip = x["overlay"].get("strip") or {}
        return x["url"] == "/index.php/login" and strip.get("mode") == "signIn" and x["focusedId"] == "password"
    st = guarded.until("the sign-in strip over the login form", on_form)
    assert norm(st["overlay"]["strip"]["text"]) == fluent_text(lang, "highlight-sign-in-strip")
    wait(s, LONG).until(lambda d: status_text(d) == fluent_text(lang, "highlight-sign-in"))
    main_shot(app, s, "sign-in-status")

    # The person types their password, past the step's 8 s search: every key lands in the field.
    started = st["now"]
    typed = 0
    while True:
        guarded.command("type-password")
        typed += 1
        st = guarded.until(f"key {typed} in the password field", lambda x, n=typed: (x["password"] or "").count("x") >= n)
        if st["now"] - started > 9000:
            break
    seen = [x for x in guarded.probe_history if x["url"] == "/index.php/login" and x.get("password") is not None]
    assert all(x["focusedId"] == "password" for x in seen), [x["focusedId"] for x in seen]
    assert all(x["overlay"].get("popHidden", True) and not x["overlay"].get("spot") for x in seen)
    assert st["password"] == "x" * typed
    shot = screenshot(app, "sign-in-strip")
    keep_shot(shot, f"sign-in-strip-{lang}")

    # Item 8: the login page was asked for in Passerelle's language (Accept-Language).
    asked = [h for p, h in guarded.page_requests if p == "/index.php/login"]
    assert asked and (asked[-1] or "").lower().startswith(lang), asked
    assert st["lang"] == lang
    # Item 14: the window fits the 800-pixel screen (it used to open 820 pixels high).
    assert st["outer"]["height"] <= st["screen"]["availHeight"], (st["outer"], st["screen"])
    assert st["outer"]["y"] + st["outer"]["height"] <= st["screen"]["height"], (st["outer"], st["screen"])
    assert st["outer"]["x"] + st["outer"]["width"] <= st["screen"]["width"], (st["outer"], st["screen"])

    # Signed in: back to the Files page, where the step resumes by itself.
    guarded.command("submit-login")
    st = guarded.until("the + New button is lit up after signing in", lit("newButton"))
    assert st["url"] == "/index.php/apps/files/", st["url"]
    assert st["overlay"].get("strip") is None
    wait(s, LONG).until(lambda d: status_text(d) == fluent_text(lang, "highlight-shown"))
    keep_shot(screenshot(app, "signed-in-lit"), f"signed-in-lit-{lang}")

    # No miss for the login page in Tour health.
    s.execute_script("location.hash = '#/tour-health'")
    visible(s, "tour-health-empty")


@LANGS
def test_a_target_in_a_menu_is_revealed_not_clicked_shut(app, opened, space):
    """Issue #16, item 5. The "+ New" menu of pages/nc29-files.js behaves as Nextcloud 29.0.6's
    (read on the real server): aria-expanded at once, the menu fades in ≈ 110 ms after the click
    and takes the focus, a second click closes it and leaves its entries in the page, hidden.
    The person's click that moves the tour on opens the menu: the overlay must not click it shut;
    when the person closes it, the spotlight must not stay on the empty place and no miss is
    recorded; reached with the menu closed, the step opens it once."""
    lang = lang_of(app)
    s = app.start()
    connect_with_app_password(s, lang, "Camille", space.base_url, ALICE, ALICE_APP_PASSWORD)
    to_new_button(s)
    visible(s, "tour-show-in-space").click()
    space.until("the + New button is lit up", lit("newButton"))

    space.command("click-new")
    wait_step(s, "new-folder-entry", "highlight")
    st = space.until("the New folder entry is lit up", lit("newFolder"))
    st = space.until("the entry is still lit once the menu settled",
                     lambda x: lit("newFolder")(x) and x["menuShown"] and "newMenu" in x["times"])
    assert st["newClicks"] == 1 and st["newExpanded"] == "true", st
    assert st["overlay"]["focused"] is False, "the popover took the focus from the open menu"
    wait(s, LONG).until(lambda d: status_text(d) == fluent_text(lang, "highlight-shown"))
    keep_shot(screenshot(app, "menu-entry"), f"menu-entry-{lang}")

    # The person closes the menu: nothing is framed where it was; after the search, the words.
    space.command("click-new")
    st = space.until("the spotlight left the closed menu",
                     lambda x: x["menuShown"] is False and x["overlay"].get("spot") is None)
    st = space.until("the words after the search", lambda x: x["overlay"].get("mode") == "missing", timeout=30)
    assert status_text(s) != fluent_text(lang, "highlight-missed")

    # Back, then Next in Passerelle (no click in the space): the step opens the menu itself, once.
    visible(s, "tour-back").click()
    wait_step(s, "new-button", "highlight")
    space.until("+ New lit again", lit("newButton"))
    clicks = space.until("a report", lambda x: True)["newClicks"]
    press_next(s)
    wait_step(s, "new-folder-entry", "highlight")
    st = space.until("the entry lit in the menu the step opened", lambda x: lit("newFolder")(x) and x["menuShown"])
    assert st["newClicks"] == clicks + 1, (clicks, st["newClicks"])

    s.execute_script("location.hash = '#/tour-health'")
    visible(s, "tour-health-empty")
