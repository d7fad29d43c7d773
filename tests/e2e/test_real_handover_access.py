"""Issue #16 (2) on a REAL Nextcloud 29 with Framasoft's OwnershipTransfer app: no keyring, the
admin's and the departing member's access kept until Passerelle closes; after a restart the
admin connects again, and the hand-over goes through the access step (the member's lost account
named, the app offered with the admin alone) to a real transfer of a folder, checked on the
server.

Opt-in, with the real-server suite's variables (NC_URL, NC_ADMIN_USER, NC_ADMIN_APP_PASSWORD):
runs only when they are set and the server answers; two throwaway members are created through the provisioning API
and deleted at the end. Screenshots: target/e2e/real-handover-<lang>-<step>.png.
"""

import base64
import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, by_testid, visible, wait, save_shot
from flows import (
    LONG,
    accept_session_storage,
    consent_shown,
    create_profile,
    error_code,
    fluent_text,
    norm,
    open_connect,
    shown,
    sign_in_with_app_password,
    to_sign_in_choices,
    until,
)

def server_env() -> dict | None:
    env = {k: os.environ[k] for k in ("NC_URL", "NC_ADMIN_USER", "NC_ADMIN_APP_PASSWORD") if os.environ.get(k)}
    if len(env) < 3:
        return None
    try:
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"{env['NC_URL']}/status.php", timeout=5)
    except (OSError, KeyError):
        return None
    return env


NC = server_env()
pytestmark = pytest.mark.skipif(NC is None, reason="no real Nextcloud given (NC_URL, NC_ADMIN_USER, NC_ADMIN_APP_PASSWORD)")


def call(method: str, path: str, user: str, password: str, data: dict | None = None,
         headers: dict | None = None, body: bytes | None = None) -> tuple[int, bytes]:
    url = f"{NC['NC_URL']}{path}"
    payload = body
    if data is not None:
        payload = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(url, data=payload, method=method)
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    req.add_header("Authorization", f"Basic {token}")
    req.add_header("OCS-APIRequest", "true")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def admin(method: str, path: str, data: dict | None = None) -> tuple[int, bytes]:
    return call(method, path, NC["NC_ADMIN_USER"], NC["NC_ADMIN_APP_PASSWORD"], data)


def shot(s, lang: str, name: str, el=None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if el is not None:
        s.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    s.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")
    save_shot(s, ARTIFACTS / f"real-handover-{lang}-{name}.png")


def connect(s, login: str, password: str) -> None:
    """Connects `login` with an app password, keeping the access until Passerelle closes."""
    open_connect(s)
    to_sign_in_choices(s, NC["NC_URL"])
    sign_in_with_app_password(s, login, password)
    while True:
        outcome = until(s, LONG, consent=consent_shown, connected=lambda d: shown(d, "account-connected"),
                        error=error_code)
        if outcome != "consent":
            break
        accept_session_storage(s)
    assert outcome == "connected", f"connecting {login} failed: {outcome}: {error_code(s)}"


def pick(s, role: str, user: str) -> None:
    search = visible(s, f"handover-{role}-search", LONG)
    search.clear()
    search.send_keys(user)
    css = f'[data-testid="handover-{role}-member"][data-user="{user}"]'
    wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
    s.find_element(By.CSS_SELECTOR, css).click()


@pytest.fixture
def members():
    """Two throwaway members: one leaving (a folder with a file, an app password), one
    receiving. Deleted at the end."""
    tag = secrets.token_hex(3)
    leaving, receiving = f"e2eleave{tag}", f"e2erecv{tag}"
    password = f"Pw-{secrets.token_hex(8)}-x"
    for user, name in ((leaving, "Léa Départ"), (receiving, "Rémi Arrivée")):
        # The shared server runs on SQLite: "database is locked" may refuse a first try.
        for _ in range(5):
            status, body = admin("POST", "/ocs/v2.php/cloud/users?format=json",
                                 {"userid": user, "password": password, "displayName": name})
            if status == 200 or admin("GET", f"/ocs/v2.php/cloud/users/{user}?format=json")[0] == 200:
                break
        assert status == 200 or admin("GET", f"/ocs/v2.php/cloud/users/{user}?format=json")[0] == 200, body
    folder = "Dossier à transmettre"
    quoted = urllib.parse.quote(folder)
    status, _ = call("MKCOL", f"/remote.php/dav/files/{leaving}/{quoted}", leaving, password)
    assert status == 201, status
    status, _ = call("PUT", f"/remote.php/dav/files/{leaving}/{quoted}/compte-rendu.txt", leaving, password,
                     body="Compte rendu de la réunion\n".encode())
    assert status in (201, 204), status
    # The recipient has signed in once, as an active member has: a never-signed-in account has
    # no files home yet, and the app's lists answer 500 for it.
    status, _ = call("PROPFIND", f"/remote.php/dav/files/{receiving}/", receiving, password, headers={"Depth": "0"})
    assert status == 207, status
    status, body = call("GET", "/ocs/v2.php/core/getapppassword?format=json", leaving, password)
    assert status == 200, body
    app_password = json.loads(body)["ocs"]["data"]["apppassword"]
    yield {"leaving": leaving, "receiving": receiving, "password": password, "app_password": app_password,
           "folder": folder}
    for user in (leaving, receiving):
        admin("DELETE", f"/ocs/v2.php/cloud/users/{user}?format=json")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_after_a_restart_the_admin_hands_over_with_the_ownership_transfer_app(app, members, lang):
    leaving, receiving = members["leaving"], members["receiving"]
    app.extra_env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    s = app.start()
    create_profile(s, lang, "Camille")
    connect(s, NC["NC_ADMIN_USER"], NC["NC_ADMIN_APP_PASSWORD"])
    connect(s, leaving, members["app_password"])

    s = app.restart()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    notice = visible(s, "reconnect-notice", LONG)
    assert norm(fluent_text(lang, "reconnect-notice-title", count=2)) in norm(notice.text)
    shot(s, lang, "1-notice")

    # The admin connects again (app password), and opens the hand-over.
    connect(s, NC["NC_ADMIN_USER"], NC["NC_ADMIN_APP_PASSWORD"])
    wait(s, LONG).until(lambda d: d.find_element(*by_testid("nav-handover")).is_displayed())
    s.find_element(*by_testid("nav-handover")).click()
    pick(s, "source", leaving)
    pick(s, "target", receiving)
    s.find_element(*by_testid("handover-who-next")).click()

    # The departing member's account is named, the OwnershipTransfer app offered: no dead end.
    lost = visible(s, "handover-lost-source", LONG)
    assert leaving in lost.text and "Léa Départ" in lost.text, lost.text
    strategy = visible(s, "handover-strategy", LONG)
    assert strategy.get_attribute("data-strategy") == "ownership-transfer"
    assert not s.find_elements(*by_testid("handover-access-error"))
    shot(s, lang, "2-access", lost)
    s.find_element(*by_testid("handover-access-next")).click()

    # What: the member's folders, listed by the app for the admin.
    folder = f'[data-testid="handover-tree-item"][data-path="/{members["folder"]}"]'
    row = wait(s, LONG).until(lambda d: d.find_element(By.CSS_SELECTOR, folder))
    row.find_element(By.CSS_SELECTOR, '[data-testid="handover-tree-check"]').click()
    wait(s).until(lambda d: d.find_element(By.CSS_SELECTOR, folder).get_attribute("aria-checked") == "true")
    s.find_element(*by_testid("handover-what-next")).click()
    start = visible(s, "handover-start", LONG)
    wait(s, LONG).until(lambda d: start.is_enabled())
    shot(s, lang, "3-plan")
    start.click()

    # The server moves the folder (its background jobs run every few seconds here). This
    # server is shared and runs on SQLite: a "database is locked" answer (a server error, which
    # a retry cures) is resumed once, as the report offers.
    state = wait(s, 240).until(lambda d: shown(d, "handover-report-state"))
    shot(s, lang, "4-report", state)
    if state.get_attribute("data-state") != "verified":
        s.find_element(*by_testid("handover-resume")).click()
        until(s, 240, done=lambda d: shown(d, "handover-report-state")
              and shown(d, "handover-report-state").get_attribute("data-state") != "incomplete")
        state = shown(s, "handover-report-state")
        shot(s, lang, "5-report-resumed", state)
    assert state.get_attribute("data-state") == "verified", norm(state.text)

    # On the server: the file is the recipient's now.
    status, body = call("PROPFIND", f"/remote.php/dav/files/{receiving}/", receiving, members["password"],
                        headers={"Depth": "infinity"})
    assert status == 207, status
    assert b"compte-rendu.txt" in body, body[:2000]
