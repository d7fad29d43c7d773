"""End-to-end against a REAL Nextcloud (issue #16, items 1, 5 and 8): the space window on the
server's own login page and Files app, signed in by typing into that window with xdotool, as a
person would. Opt-in: it runs only when these are set (else it is skipped):

    NC_LAB_URL=http://127.0.0.1:8029  NC_LAB_USER=<a member>  NC_LAB_PASSWORD=<its login password>

and xdotool is installed. The member should have no two-factor provider. The test sets the
member's own language to the other language first (OCS, as the member), so that Passerelle's
offer to show the space in its language appears, and leaves it in the test's language.

WebDriver drives only the main window: what the overlay does in the space window is read from
the main window's status line (the overlay's reports) and from screenshots of the whole screen
(target/e2e/highlight-real-<moment>-<lang>.png). WebKit paints in its usual (compositing) mode
here: with WEBKIT_DISABLE_COMPOSITING_MODE=1, as test_highlight.py sets for its screenshots,
WebKitGTK crashed in Nextcloud's real Files page; screenshots may then miss the latest frame.
"""

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request

import pytest
from selenium.common.exceptions import TimeoutException

from conftest import visible, wait
from flows import LONG, connect_with_app_password, fluent_text
from test_highlight import keep_shot, lang_of, main_shot, screenshot, status_text, to_new_button
from test_tours import press_next, wait_step

LAB = os.environ.get("NC_LAB_URL", "").rstrip("/")
USER = os.environ.get("NC_LAB_USER", "")
PASSWORD = os.environ.get("NC_LAB_PASSWORD", "")

pytestmark = pytest.mark.skipif(
    not (LAB and USER and PASSWORD and shutil.which("xdotool")),
    reason="needs a real Nextcloud (NC_LAB_URL, NC_LAB_USER, NC_LAB_PASSWORD) and xdotool",
)
LANGS = pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])


def ocs(method: str, path: str, secret: str, form: dict | None = None) -> dict:
    """An OCS v2 call as the member (JSON)."""
    data = "&".join(f"{k}={v}" for k, v in (form or {}).items()).encode() if form else None
    req = urllib.request.Request(f"{LAB}/ocs/v2.php/{path}?format=json", data=data, method=method)
    token = base64.b64encode(f"{USER}:{secret}".encode()).decode()
    req.add_header("Authorization", f"Basic {token}")
    req.add_header("OCS-APIRequest", "true")
    if data:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["ocs"]["data"]


def xdotool(app, *args: str) -> str:
    env = dict(os.environ, DISPLAY=app.display)
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, f"xdotool {args}: {done.stderr}"
    return done.stdout


def type_into_space(app, text: str) -> None:
    """Keys typed into the space window (its title names the server), as a person would: the
    pointer rests on the window's empty top-left corner (Xvfb has no window manager: the
    keyboard follows the pointer), then the keys go to what the page focused."""
    ids = xdotool(app, "search", "--onlyvisible", "--class", ".").split()
    names = {w: xdotool(app, "getwindowname", w).strip() for w in ids}
    window = next((w for w, n in names.items() if LAB.split("://", 1)[1] in n), None)
    assert window, names
    xdotool(app, "mousemove", "--window", window, "12", "60")
    xdotool(app, "type", "--delay", "40", text)


def press_in_space(app, key: str) -> None:
    """A key pressed in the space window (the pointer still rests there)."""
    xdotool(app, "key", key)


def said(app, s, lang: str, msg_id: str, timeout: float) -> None:
    """Waits until the main window's status line says `msg_id`; else says what it said (and
    takes a screenshot: target/e2e/highlight-real-failed-<lang>.png)."""
    try:
        wait(s, timeout).until(lambda d: status_text(d) == fluent_text(lang, msg_id))
    except TimeoutException:
        screenshot(app, "real-failed")
        raise AssertionError(f"expected {msg_id}, the status says {status_text(s)!r}") from None


@LANGS
def test_real_login_page_menu_and_language(app, opened):
    lang = lang_of(app)
    app_password = ocs("GET", "core/getapppassword", PASSWORD)["apppassword"]
    other = "en" if lang == "fr" else "fr"
    ocs("PUT", f"cloud/users/{USER}", app_password, {"key": "language", "value": other})
    s = app.start()
    connect_with_app_password(s, lang, "Camille", LAB, USER, app_password)
    to_new_button(s)
    visible(s, "tour-show-in-space").click()

    # Item 1: Nextcloud's real login page; the overlay says "sign in first", past the 8 s search.
    said(app, s, lang, "highlight-sign-in", LONG)
    shown_at = time.monotonic()
    wait(s, 30).until(lambda d: time.monotonic() - shown_at > 10)  # longer than the step's wait_ms
    assert status_text(s) == fluent_text(lang, "highlight-sign-in")
    keep_shot(screenshot(app, "real-login"), f"real-login-{lang}")
    # The login field has the focus: the keys reach it (the bubble would have taken them).
    type_into_space(app, f"{USER}\t{PASSWORD}")
    press_in_space(app, "Return")
    said(app, s, lang, "highlight-shown", 90)
    keep_shot(screenshot(app, "real-new-button"), f"real-new-button-{lang}")

    # Item 8: the account has its own language (the other one): Passerelle offers its own.
    apply = visible(s, "space-language-apply", timeout=LONG)
    main_shot(app, s, "real-language-offer")
    apply.click()
    wait(s, LONG).until(lambda d: fluent_text(lang, "highlight-language-done")
                        in visible(d, "space-language-status").text)
    assert ocs("GET", "cloud/user", app_password)["language"] == lang
    main_shot(app, s, "real-language-done")
    said(app, s, lang, "highlight-shown", 90)

    # Item 5: Next in Passerelle, the menu closed: the overlay opens it and lights the entry.
    press_next(s)
    wait_step(s, "new-folder-entry", "highlight")
    said(app, s, lang, "highlight-shown", 60)
    keep_shot(screenshot(app, "real-menu-entry"), f"real-menu-entry-{lang}")

    s.execute_script("location.hash = '#/tour-health'")
    visible(s, "tour-health-empty")
