"""End-to-end: connecting a Nextcloud account in the real app, against the loopback Nextcloud
double (nextcloud_double.py, which replays real Nextcloud 29.0.6 captures).

The app opens the Login Flow page with `xdg-open`; tests/e2e/bin/xdg-open, first in the app's
PATH, is a fake browser that records the URL and, when asked, "approves" it with a GET.
The e2e app has no password safe (Secret Service), so the UI may first ask to keep the access
only until Passerelle closes: the helpers accept that whenever it is asked.

Screenshots: target/e2e/connect-*.png (one per test, taken at the end, pass or fail).
"""

import colorsys
import re
import subprocess

import pytest

from conftest import ARTIFACTS, by_testid, fluent_message, visible
from flows import (
    APP_PASSWORD,
    BROWSER_BUTTON,
    CONNECT_ERROR,
    CURRENT_PROFILE,
    LOGIN_COUNTDOWN,
    LOGIN_URL,
    LONG,
    SPACE_NAME,
    accept_session_storage,
    consent_shown,
    create_profile,
    error_code,
    norm,
    open_connect,
    shown,
    sign_in_with_app_password,
    submit_address,
    to_sign_in_choices,
    until,
    wait_connected,
)
from nextcloud_double import (
    ALICE,
    ALICE_APP_PASSWORD,
    THEME_COLOR,
    THEME_NAME,
    NextcloudDouble,
    fetch,
    ocs_headers,
)

# ---- UI contract ------------------------------------------------------------------------------
# The connect screen's test ids and the connecting steps are shared with other tests: flows.py.
# Sign out (accounts.ts): button, then the confirm dialog, then a result message.
SIGN_OUT, SIGN_OUT_DIALOG, DIALOG_CONFIRM, SIGN_OUT_RESULT = (
    "account-sign-out", "sign-out-dialog", "dialog-confirm", "sign-out-result")
# Passerelle's own --primary (ui/src/theme/palette.ts, light and dark).
DEFAULT_PRIMARIES = {"#0a5a8c", "#8cc4f2"}


# ---- fixtures -----------------------------------------------------------------------------------
# `opened` (the fake browser first in the app's PATH) is in conftest.py.


@pytest.fixture
def doubles():
    """Starts Nextcloud doubles on demand (`doubles("maintenance")`), stops them all after."""
    started = []

    def start(mode: str = "normal") -> NextcloudDouble:
        d = NextcloudDouble(mode=mode).start()
        started.append(d)
        return d

    yield start
    for d in started:
        d.stop()


@pytest.fixture
def nextcloud(doubles):
    return doubles("normal")


@pytest.fixture
def shot(app, request):
    """Saves target/e2e/connect-<test>.png when the test ends, whatever the outcome."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name.removeprefix("test_")).strip("-")
    name = name.removeprefix("connect-")
    yield
    if app.session is not None:
        try:
            app.session.save_screenshot(str(ARTIFACTS / f"connect-{name}.png"))
        except Exception:  # noqa: BLE001 - a screenshot must not hide the real failure
            pass


def lang_of(app) -> str:
    return app.system_lang[:2]


# ---- helpers ------------------------------------------------------------------------------------


def wait_error(s, code: str, lang: str) -> None:
    """The error with `code` is shown with its localised message (accepting storage if asked)."""
    while True:
        outcome = until(s, LONG, consent=consent_shown, error=error_code)
        if outcome == "consent":
            accept_session_storage(s)
            continue
        break
    el = shown(s, CONNECT_ERROR)
    assert el.get_attribute("data-error-code") == code, el.text
    expected = fluent_message(lang, f"error-{code}")
    assert norm(expected) in norm(el.text), f"{el.text!r} does not say {expected!r}"


def hex_of(css: str) -> str:
    css = css.strip().lower()
    m = re.fullmatch(r"#([0-9a-f]{3})", css)
    if m:
        return "#" + "".join(c * 2 for c in m.group(1))
    if re.fullmatch(r"#[0-9a-f]{6}", css):
        return css
    m = re.fullmatch(r"rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+).*\)", css)
    if m:
        return "#" + "".join(f"{int(x):02x}" for x in m.groups())
    raise AssertionError(f"cannot read the colour {css!r}")


def hue(hex_color: str) -> float:
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def assert_space_theming(s, profile: str) -> None:
    assert norm(visible(s, SPACE_NAME).text) == THEME_NAME
    assert profile in s.find_element(*by_testid(CURRENT_PROFILE)).text
    primary = s.execute_script(
        "return getComputedStyle(document.documentElement).getPropertyValue('--primary')").strip()
    assert primary, "--primary is empty"
    color = hex_of(primary)
    assert color not in DEFAULT_PRIMARIES, f"--primary is still Passerelle's own colour {color}"
    # Derived from the space colour: may be darkened or lightened for contrast, same hue.
    delta = abs(hue(color) - hue(THEME_COLOR)) % 360
    assert min(delta, 360 - delta) <= 20, f"--primary {color} is not derived from {THEME_COLOR}"


def polls(nextcloud) -> list[int]:
    return [e["status"] for e in nextcloud.log() if e["path"] == "/index.php/login/v2/poll"]


def login_with_browser(s, nextcloud) -> None:
    visible(s, BROWSER_BUTTON).click()
    outcome = until(
        s, LONG,
        consent=consent_shown,
        waiting=lambda d: shown(d, LOGIN_COUNTDOWN),
        connected=lambda d: shown(d, SPACE_NAME),
        error=error_code,
    )
    if outcome == "consent":
        accept_session_storage(s)


# ---- tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["en_US.UTF-8"], indirect=True, ids=["en"])
def test_connect_with_app_password(app, nextcloud, opened, shot):
    s = app.start()
    create_profile(s, lang_of(app), "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ALICE, ALICE_APP_PASSWORD)
    wait_connected(s)
    assert_space_theming(s, "Camille")

    seen = nextcloud.log()
    user_calls = [e for e in seen if e["path"] == "/ocs/v2.php/cloud/user"]
    assert any(e["auth"] == "ok" and e["credential"] == "static" and e["status"] == 200 for e in user_calls)
    assert all(e["ocs_apirequest"] for e in seen if e["path"].startswith("/ocs/"))
    assert not opened.exists(), "nothing should be opened in a browser for an app password"


@pytest.mark.parametrize("app", ["en_US.UTF-8"], indirect=True, ids=["en"])
def test_connect_with_login_flow(app, nextcloud, opened, shot):
    # The fake browser approves once the app is seen polling, as a person would.
    app.extra_env.update(PASSERELLE_E2E_BROWSER_GRANTS="1", PASSERELLE_E2E_BROWSER_WAIT_POLL="1")
    s = app.start()
    create_profile(s, lang_of(app), "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    login_with_browser(s, nextcloud)
    # While waiting: a countdown (mm:ss) and the link to copy, the one the double gave.
    countdown = visible(s, LOGIN_COUNTDOWN, LONG)
    assert re.fullmatch(r"\d{2}:\d{2}", countdown.text.strip()), countdown.text
    flow = nextcloud.latest_flow()
    assert flow is not None
    assert visible(s, LOGIN_URL).text.strip() == flow.login_url
    wait_connected(s)
    assert_space_theming(s, "Camille")

    assert opened.read_text().splitlines() == [flow.login_url], "the login page was not opened once"
    seen = nextcloud.log()
    inits = [e for e in seen if e["path"] == "/index.php/login/v2"]
    assert [(e["method"], e["status"]) for e in inits] == [("POST", 200)]
    statuses = polls(nextcloud)
    assert statuses and statuses[-1] == 200 and statuses.count(200) == 1, statuses
    assert set(statuses[:-1]) == {404}, f"expected 404… then 200, got {statuses}"
    ocs = [e for e in seen if e["path"].startswith("/ocs/")]
    assert ocs, "no OCS call seen"
    missing = [(e["method"], e["path"]) for e in ocs if not e["ocs_apirequest"]]
    assert not missing, f"OCS calls without OCS-APIRequest: true: {missing}"
    assert any(e["credential"] == "loginflow-1" and e["status"] == 200 for e in ocs), \
        "the app password from the Login Flow was not used"


@pytest.mark.parametrize("app", ["en_US.UTF-8", "fr_FR.UTF-8"], indirect=True, ids=["en", "fr"])
def test_connect_failures_are_explained(app, doubles, opened, shot):
    website = doubles("not-nextcloud")
    maintenance = doubles("maintenance")
    nextcloud = doubles("normal")
    lang = lang_of(app)
    s = app.start()
    create_profile(s, lang, "Dominique")
    open_connect(s)

    submit_address(s, website.base_url)
    wait_error(s, "not-nextcloud", lang)
    s.save_screenshot(str(ARTIFACTS / f"connect-error-not-nextcloud-{lang}.png"))

    submit_address(s, maintenance.base_url)
    wait_error(s, "maintenance", lang)
    s.save_screenshot(str(ARTIFACTS / f"connect-error-maintenance-{lang}.png"))

    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ALICE, "not-the-right-app-password")
    wait_error(s, "auth", lang)
    assert s.find_element(*by_testid(APP_PASSWORD)).get_attribute("aria-invalid") == "true"
    assert not shown(s, SPACE_NAME)
    assert any(e["auth"] == "wrong" and e["status"] == 401 for e in nextcloud.log())


@pytest.mark.parametrize("app", ["en_US.UTF-8"], indirect=True, ids=["en"])
def test_sign_out_revokes_the_app_password(app, nextcloud, opened, shot):
    app.extra_env.update(PASSERELLE_E2E_BROWSER_GRANTS="1")
    s = app.start()
    create_profile(s, lang_of(app), "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    login_with_browser(s, nextcloud)
    wait_connected(s)
    assert nextcloud.issued_app_passwords, "no app password was issued"
    secret = nextcloud.issued_app_passwords[-1]
    assert fetch(nextcloud.base_url + "/ocs/v2.php/cloud/user?format=json",
                 headers=ocs_headers(ALICE, secret)).status == 200

    s.execute_script("location.hash = '#/accounts'")
    visible(s, SIGN_OUT, LONG).click()
    dialog = visible(s, SIGN_OUT_DIALOG)
    dialog.find_element(*by_testid(DIALOG_CONFIRM)).click()
    result = visible(s, SIGN_OUT_RESULT, LONG)
    assert result.get_attribute("data-revoked") != "false", result.text

    deletes = [e for e in nextcloud.log() if e["method"] == "DELETE"]
    assert [(e["path"], e["status"], e["credential"], e["ocs_apirequest"]) for e in deletes] == [
        ("/ocs/v2.php/core/apppassword", 200, "loginflow-1", True)]
    r = fetch(nextcloud.base_url + "/ocs/v2.php/cloud/user?format=json", headers=ocs_headers(ALICE, secret))
    assert r.status == 401 and b"<statuscode>997</statuscode>" in r.body, "the app password still works"


@pytest.mark.parametrize("app", ["fr_FR.UTF-8"], indirect=True, ids=["fr"])
def test_connection_survives_a_restart_with_the_keyring(keyring, app, nextcloud, opened, shot):
    """With a real Secret Service the app password goes to the keyring without asking, and after
    a restart the person is still connected (the overview is read with the stored secret)."""
    app.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])
    s = app.start()
    create_profile(s, lang_of(app), "Sacha")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ALICE, ALICE_APP_PASSWORD)
    outcome = until(s, LONG, consent=consent_shown, connected=lambda d: shown(d, SPACE_NAME), error=error_code)
    assert outcome == "connected", f"with a keyring nothing should be asked ({outcome})"

    stored = subprocess.run(["secret-tool", "search", "--all", "service", "org.passerelle.app"],
                            env=keyring, capture_output=True, text=True)
    assert f"{nextcloud.base_url}|alice" in stored.stdout + stored.stderr, "the app password is not in the keyring"
    assert ALICE_APP_PASSWORD not in "".join(
        p.read_bytes().decode("latin-1") for p in app.data_dir.rglob("*") if p.is_file()
    ), "the app password was written in the data folder"

    s = app.restart()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    assert norm(visible(s, SPACE_NAME, LONG).text) == THEME_NAME
    overview = [e for e in nextcloud.log() if e["path"] == "/ocs/v2.php/cloud/user"]
    assert overview[-1]["auth"] == "ok", "after the restart the stored secret was not used"
