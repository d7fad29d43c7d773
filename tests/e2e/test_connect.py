"""End-to-end: connecting a Nextcloud account in the real app, against the loopback Nextcloud
double (nextcloud_double.py, which replays real Nextcloud 29.0.6 captures).

The app opens the Login Flow page with `xdg-open`; tests/e2e/bin/xdg-open, first in the app's
PATH, is a fake browser that records the URL and, when asked, "approves" it with a GET.
The e2e app has no password safe (Secret Service), so the UI may first ask to keep the access
only until Passerelle closes: the helpers accept that whenever it is asked.

Screenshots: target/e2e/connect-*.png (one per test, taken at the end, pass or fail).
"""

import colorsys
import json
import os
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, ROOT, by_testid, fluent_message, html_lang, visible, wait, save_shot
from flows import (
    APP_PASSWORD,
    APP_PASSWORD_DETAILS,
    LOGIN_NAME,
    SERVER_ADDRESS,
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
    fluent_text,
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
    ADMIN,
    ALICE,
    ALICE_APP_PASSWORD,
    LOGIN_PASSWORDS,
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
            save_shot(app.session, ARTIFACTS / f"connect-{name}.png")
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
    save_shot(s, ARTIFACTS / f"connect-error-not-nextcloud-{lang}.png")

    submit_address(s, maintenance.base_url)
    wait_error(s, "maintenance", lang)
    save_shot(s, ARTIFACTS / f"connect-error-maintenance-{lang}.png")

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


# ---- issue #16: connecting an account -------------------------------------------------------


def save(s, name: str) -> None:
    """target/e2e/connect-<name>.png, a screenshot of a screen this issue changed."""
    save_shot(s, ARTIFACTS / f"connect-{name}.png")


def secrets_in_keyring(keyring) -> str:
    """Every item of Passerelle's service in the test keyring, secrets included."""
    out = subprocess.run(["secret-tool", "search", "--all", "--unlock", "service", "org.passerelle.app"],
                         env=keyring, capture_output=True, text=True)
    return out.stdout + out.stderr


def data_folder_text(app) -> str:
    return "".join(p.read_bytes().decode("latin-1") for p in app.data_dir.rglob("*") if p.is_file())


def focused_testid(s) -> str | None:
    return s.execute_script("return document.activeElement && document.activeElement.dataset.testid || null")


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_a_login_password_is_exchanged_and_never_kept(keyring, app, nextcloud, opened, shot):
    """Issue #16, item 3: the login password typed in the app-password field is exchanged for an
    app password of Passerelle's own; only that one is kept, and sign-out revokes it."""
    lang = lang_of(app)
    login_password = LOGIN_PASSWORDS[ALICE]
    app.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])
    s = app.start()
    create_profile(s, lang, "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ALICE, login_password)
    wait_connected(s)
    told = visible(s, "password-exchanged", LONG)
    assert norm(told.text) == fluent_text(lang, "app-password-exchanged")
    save(s, f"accounts-password-exchanged-{lang}")

    assert len(nextcloud.exchanged_app_passwords) == 1, "no app password was made on the server"
    made = nextcloud.exchanged_app_passwords[0]
    seen = nextcloud.log()
    # The login password went to getapppassword, once; everything else used the new app password.
    assert [(e["path"], e["status"]) for e in seen if e["credential"] == "login"] == [
        ("/ocs/v2.php/core/getapppassword", 200)]
    assert any(e["credential"] == "exchanged-1" and e["path"] == "/ocs/v2.php/cloud/user" for e in seen)
    stored = secrets_in_keyring(keyring)
    assert made in stored, "the keyring does not hold the exchanged app password"
    assert login_password not in stored, "the login password is in the keyring"
    assert login_password not in data_folder_text(app), "the login password was written in the data folder"

    s.execute_script("location.hash = '#/accounts'")
    visible(s, SIGN_OUT, LONG).click()
    visible(s, SIGN_OUT_DIALOG).find_element(*by_testid(DIALOG_CONFIRM)).click()
    result = visible(s, SIGN_OUT_RESULT, LONG)
    assert result.get_attribute("data-revoked") != "false", result.text
    deletes = [(e["path"], e["status"], e["credential"]) for e in nextcloud.log() if e["method"] == "DELETE"]
    assert deletes == [("/ocs/v2.php/core/apppassword", 200, "exchanged-1")]
    r = fetch(nextcloud.base_url + "/ocs/v2.php/cloud/user?format=json", headers=ocs_headers(ALICE, made))
    assert r.status == 401, "the exchanged app password still works after signing out"
    assert made not in secrets_in_keyring(keyring)


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_a_login_password_refused_by_two_factor_says_why(app, nextcloud, opened, shot):
    lang = lang_of(app)
    nextcloud.two_factor.add(ALICE)
    s = app.start()
    create_profile(s, lang, "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ALICE, LOGIN_PASSWORDS[ALICE])
    wait_error(s, "password-login-forbidden", lang)
    save(s, f"error-password-login-forbidden-{lang}")
    assert not nextcloud.exchanged_app_passwords and not shown(s, SPACE_NAME)


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_without_a_browser_the_link_to_copy_comes_first(app, nextcloud, opened, shot):
    """Issue #16, item 7: the app said the page had opened in the browser when none could be
    opened (here xdg-open and gio both fail, as on a computer without a browser)."""
    lang = lang_of(app)
    app.extra_env.update(PASSERELLE_E2E_BROWSER_FAILS="1")
    s = app.start()
    create_profile(s, lang, "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    visible(s, BROWSER_BUTTON).click()
    if until(s, LONG, consent=consent_shown, started=lambda d: shown(d, LOGIN_URL)) == "consent":
        accept_session_storage(s)
    told = visible(s, "login-no-browser", LONG)
    assert norm(told.text) == fluent_text(lang, "waiting-no-browser")
    waiting = norm(visible(s, "login-waiting").text)
    assert fluent_text(lang, "waiting-body") not in waiting, "it still says the page opened"
    assert visible(s, LOGIN_URL).text.strip() == nextcloud.latest_flow().login_url
    wait(s).until(lambda d: focused_testid(d) == "login-copy")
    assert "btn-primary" in s.find_element(*by_testid("login-copy")).get_attribute("class")
    save(s, f"waiting-no-browser-{lang}")
    assert not opened.exists(), "nothing could have been opened"


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_the_http_warning_says_what_is_true(app, nextcloud, opened, shot):
    """Issue #16, item 6: "the address 127.0.0.1:8080 starts with http://" when no scheme was
    typed. Without a scheme Passerelle tried https first: the server offers none."""
    lang = lang_of(app)
    host = nextcloud.base_url.removeprefix("http://")
    s = app.start()
    create_profile(s, lang, "Camille")
    open_connect(s)
    wait(s).until(lambda d: focused_testid(d) == SERVER_ADDRESS)
    submit_address(s, host)
    warning = visible(s, "insecure-warning", LONG)
    assert fluent_text(lang, "insecure-body-no-https", server=host) in norm(warning.text)
    assert "http://" not in warning.text.split("\n")[0]
    save(s, f"insecure-untyped-{lang}")

    s.find_element(*by_testid("insecure-change")).click()
    # Back on the address step, focus is in the field again.
    wait(s).until(lambda d: focused_testid(d) == SERVER_ADDRESS)
    submit_address(s, nextcloud.base_url)
    wait(s).until(lambda d: shown(d, "insecure-warning")
                  and shown(d, "insecure-warning").get_attribute("data-typed-http") == "true")
    assert fluent_text(lang, "insecure-body-typed", server=host) in norm(visible(s, "insecure-warning").text)
    save(s, f"insecure-typed-{lang}")


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_focus_in_the_address_and_a_real_disclosure(app, nextcloud, opened, shot):
    """Issue #16, item 11: focus in the address field; the app-password section has an arrow
    and comes into view when opened (here with the largest text, where it opens below the fold)."""
    lang = lang_of(app)
    s = app.start()
    create_profile(s, lang, "Camille")
    s.find_element(*by_testid("nav-accounts")).click()
    visible(s, "account-connect").click()
    wait(s).until(lambda d: focused_testid(d) == SERVER_ADDRESS)
    save(s, f"address-focus-{lang}")
    s.execute_script("document.documentElement.dataset.textSize = 'larger'")
    to_sign_in_choices(s, nextcloud.base_url)
    details = visible(s, APP_PASSWORD_DETAILS)
    summary = details.find_element(By.TAG_NAME, "summary")
    arrow = s.execute_script(
        "const st = getComputedStyle(arguments[0], '::before');"
        "return [st.content, st.borderRightStyle, st.transform];", summary)
    assert arrow[0] not in ("none", "normal") and arrow[1] == "solid", f"no disclosure arrow: {arrow}"
    closed_transform = arrow[2]
    in_view = ("const r = arguments[0].getBoundingClientRect();"
               "return r.top >= 0 && r.bottom <= window.innerHeight;")
    field = details.find_element(*by_testid(LOGIN_NAME))
    s.execute_script("arguments[0].scrollIntoView({block: 'end'})", summary)
    before = s.execute_script("return window.scrollY")
    summary.click()
    wait(s).until(lambda d: details.get_attribute("open") is not None)
    # Opened at the bottom of the window: the page scrolls to show the form.
    wait(s).until(lambda d: d.execute_script("return window.scrollY") > before, "the page did not scroll")
    wait(s).until(lambda d: d.execute_script(in_view, field), "the opened form is not brought into view")
    turned = "return getComputedStyle(arguments[0], '::before').transform"
    wait(s).until(lambda d: d.execute_script(turned, summary) != closed_transform, "the arrow does not turn")
    save(s, f"app-password-open-larger-{lang}")
    s.execute_script("document.documentElement.dataset.textSize = 'normal'")
    s.execute_script("arguments[0].scrollIntoView({block: 'end'})", details)
    save(s, f"method-app-password-open-{lang}")
    summary.click()
    wait(s).until(lambda d: details.get_attribute("open") is None)
    s.execute_script("arguments[0].scrollIntoView({block: 'end'})", details)
    save(s, f"method-app-password-closed-{lang}")


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_another_account_never_becomes_current_without_asking(app, nextcloud, opened, shot):
    """Issue #16, item 10: connecting an admin's account silently made it the one in use."""
    lang = lang_of(app)
    name = {u: nextcloud.users[u]["displayname"] for u in (ADMIN, ALICE)}
    s = app.start()
    create_profile(s, lang, "Camille")
    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ALICE, ALICE_APP_PASSWORD)
    wait_connected(s)
    # The first account of the profile is the one in use.
    assert norm(visible(s, "current-account").text) == name[ALICE]

    open_connect(s)
    to_sign_in_choices(s, nextcloud.base_url)
    sign_in_with_app_password(s, ADMIN, nextcloud.app_password(ADMIN))
    asked = lambda d: shown(d, "account-added-question")  # noqa: E731
    if until(s, LONG, consent=consent_shown, asked=asked, error=error_code) == "consent":
        accept_session_storage(s)
    question = visible(s, "account-added-question", LONG)
    assert norm(question.text) == fluent_text(lang, "account-added-question", name=name[ADMIN], current=name[ALICE])
    assert norm(s.find_element(*by_testid("current-account")).text) == name[ALICE]
    save(s, f"accounts-added-question-{lang}")
    s.find_element(*by_testid("account-added-keep")).click()
    kept = visible(s, "account-added-kept")
    assert norm(kept.text) == fluent_text(lang, "account-added-kept", current=name[ALICE])
    assert norm(s.find_element(*by_testid("current-account")).text) == name[ALICE]

    # Kept across a restart too: the profile's account in use is still Alice's.
    s = app.restart()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    wait(s, LONG).until(lambda d: shown(d, "current-account") and norm(shown(d, "current-account").text) == name[ALICE])


@pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
def test_ctrl_plus_minus_zero_change_the_text_size(app, opened, shot):
    """Issue #16, item 13: the desktop's text-size shortcuts, bound to the Settings text size."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    lang = lang_of(app)
    s = app.start()
    create_profile(s, lang, "Camille")
    size = lambda d: d.execute_script("return document.documentElement.dataset.textSize")  # noqa: E731

    def ctrl(key: str) -> None:
        ActionChains(s).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()

    s.find_element(*by_testid("nav-settings")).click()
    visible(s, "text-size-normal")
    assert size(s) == "normal"
    ctrl("+")
    wait(s).until(lambda d: size(d) == "large")
    ctrl("=")
    wait(s).until(lambda d: size(d) == "larger")
    wait(s).until(lambda d: d.find_element(*by_testid("text-size-larger")).is_selected())
    save(s, f"settings-text-larger-{lang}")
    ctrl(Keys.SUBTRACT)  # the numeric keypad's minus
    wait(s).until(lambda d: size(d) == "large")
    # Kept like a choice made in Settings.
    s = app.restart()
    visible(s, "welcome-screen")
    assert size(s) == "large"
    ctrl("0")
    wait(s).until(lambda d: size(d) == "normal")
    ctrl(Keys.ADD)  # the numeric keypad's plus
    wait(s).until(lambda d: size(d) == "large")
    ctrl("-")
    wait(s).until(lambda d: size(d) == "normal")
    assert html_lang(s) == lang


def test_cli_account_add_exchanges_a_login_password(keyring, nextcloud, tmp_path):
    """Issue #16, item 3, in `passerelle-cli account add`: a login password given there is
    exchanged too, said so, and `account remove` revokes the app password made."""
    cli = ROOT / "target" / "debug" / "passerelle-cli"
    assert cli.exists(), f"build the CLI first: {cli} is missing"
    env = dict(keyring, PASSERELLE_DATA_DIR=str(tmp_path / "data"), NO_PROXY="127.0.0.1",
               no_proxy="127.0.0.1", PASSERELLE_APP_PASSWORD=LOGIN_PASSWORDS[ALICE])
    args = [str(cli), "--lang", "en", "account", "add", "--profile", "Lab", "--server", nextcloud.base_url,
            "--login", ALICE]
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert fluent_text("en", "cli-account-password-exchanged") in norm(out.stdout), out.stdout
    made = nextcloud.exchanged_app_passwords[0]
    stored = secrets_in_keyring(keyring)
    assert made in stored and LOGIN_PASSWORDS[ALICE] not in stored
    listed = subprocess.run([args[0], "--json", "account", "list", "--profile", "Lab"], env=env,
                            capture_output=True, text=True, timeout=60)
    account_id = json.loads(listed.stdout)[0]["id"]
    out = subprocess.run([args[0], "account", "remove", str(account_id)], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    deletes = [e["credential"] for e in nextcloud.log() if e["method"] == "DELETE"]
    assert deletes == ["exchanged-1"], "account remove did not revoke the exchanged app password"
    assert fetch(nextcloud.base_url + "/ocs/v2.php/cloud/user?format=json",
                 headers=ocs_headers(ALICE, made)).status == 401

    # An app password is kept as it is, and the JSON says which happened.
    env["PASSERELLE_APP_PASSWORD"] = ALICE_APP_PASSWORD
    out = subprocess.run([args[0], "--json", *args[1:]], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    added = json.loads(out.stdout)
    assert added["exchangedLoginPassword"] is False and added["userId"] == ALICE
    assert len(nextcloud.exchanged_app_passwords) == 1
    assert ALICE_APP_PASSWORD in secrets_in_keyring(keyring)


REAL_NC = os.environ.get("PASSERELLE_E2E_REAL_NC_URL")


@pytest.mark.skipif(not REAL_NC, reason="set PASSERELLE_E2E_REAL_NC_URL, _USER and _PASSWORD (a "
                    "throwaway account's login password) to run against a real Nextcloud")
@pytest.mark.parametrize("app", ["fr_FR.UTF-8"], indirect=True, ids=["fr"])
def test_real_nextcloud_a_login_password_is_exchanged(keyring, app, opened, shot):
    """Issue #16, item 3, against a real Nextcloud: the login password typed in the app-password
    field is exchanged; the keyring holds an app password (which the server refuses to exchange
    again: 403), and signing out revokes it (401 after)."""
    user = os.environ["PASSERELLE_E2E_REAL_NC_USER"]
    password = os.environ["PASSERELLE_E2E_REAL_NC_PASSWORD"]
    lang = lang_of(app)
    app.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])
    s = app.start()
    create_profile(s, lang, "Essai")
    open_connect(s)
    to_sign_in_choices(s, REAL_NC)
    sign_in_with_app_password(s, user, password)
    wait_connected(s)
    assert norm(visible(s, "password-exchanged", LONG).text) == fluent_text(lang, "app-password-exchanged")
    save(s, f"real-nextcloud-password-exchanged-{lang}")
    base = REAL_NC.rstrip("/")
    # One entry, `<server>|<user>|profile-<id>` (passerelle-core's secrets.rs).
    listed = secrets_in_keyring(keyring)
    assert f"attribute.username = {base}|{user}|profile-" in listed, listed
    stored = re.search(r"^secret = (.*)$", listed, re.M).group(1).strip()
    assert stored and stored != password, "the keyring holds the login password, or nothing"
    assert password not in data_folder_text(app)
    me = base + "/ocs/v2.php/cloud/user?format=json"
    assert fetch(me, headers=ocs_headers(user, stored)).status == 200
    again = fetch(base + "/ocs/v2.php/core/getapppassword?format=json", headers=ocs_headers(user, stored))
    assert again.status == 403, "what the keyring holds is not an app password"

    s.execute_script("location.hash = '#/accounts'")
    visible(s, SIGN_OUT, LONG).click()
    visible(s, SIGN_OUT_DIALOG).find_element(*by_testid(DIALOG_CONFIRM)).click()
    result = visible(s, SIGN_OUT_RESULT, LONG)
    assert result.get_attribute("data-revoked") != "false", result.text
    assert fetch(me, headers=ocs_headers(user, stored)).status == 401, "the app password still works"
