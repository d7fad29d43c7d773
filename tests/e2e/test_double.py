"""Fast checks (no app, no display) that the Nextcloud double answers like the captures of a real
Nextcloud 29.0.6: same status lines, header names in the same order, same bodies once the base
URL and placeholders are substituted."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nextcloud_double import (
    ALICE,
    ALICE_APP_PASSWORD,
    CAPTURE_BASE,
    LOGO_PATH,
    THEME_COLOR,
    THEME_NAME,
    NextcloudDouble,
    basic,
    fetch,
    load_capture,
    ocs_headers,
)

HERE = Path(__file__).resolve().parent
CAPS = "/ocs/v2.php/cloud/capabilities?format=json"
USER = "/ocs/v2.php/cloud/user?format=json"


@pytest.fixture
def nc():
    with NextcloudDouble(mode="normal") as double:
        yield double


def header_names(headers):
    return [k for k, _ in headers]


def assert_like_capture(reply, name, *, body_too=True):
    """Status line, header names/order/spelling, and (optionally) body as in the capture."""
    cap = load_capture(name)
    assert f"{reply.status} {reply.reason}" == cap.status_line.split(" ", 1)[1]
    # http.client adds nothing; the double writes the captured header list verbatim.
    assert header_names(reply.headers) == [k for k, _ in cap.headers]
    assert reply.header("Connection") == "close"
    for k, v in reply.headers:
        assert "127.0.0.1:8080" not in v, f"capture base URL left in {k}"
        assert not re.search(r"<[A-Z_]+>", v), f"placeholder left in {k}: {v}"
    assert b"127.0.0.1:8080" not in reply.body and b"127.0.0.1:8080" not in reply.body.replace(b"\\/", b"/")
    if cap.header("Content-Length") is not None:
        assert int(reply.header("Content-Length")) == len(reply.body)
    else:
        assert reply.header("Content-Length") is None  # delimited by the close, as captured
    if body_too:
        assert reply.body == cap.body


def test_status_php_is_the_capture(nc):
    r = fetch(nc.base_url + "/status.php")
    assert_like_capture(r, "status-php")
    assert r.json()["versionstring"] == "29.0.6"
    assert r.header("Content-Type") == "application/json"
    host = r.header("Host")
    assert host == f"127.0.0.1:{nc.port}"


def test_ocs_without_ocs_apirequest_is_412(nc):
    r = fetch(nc.base_url + CAPS)
    assert_like_capture(r, "ocs-capabilities-anon-no-ocs-apirequest-header-412")
    assert r.json() == {"message": "CSRF check failed"}
    r = fetch(nc.base_url + USER, headers={"Authorization": basic(ALICE, ALICE_APP_PASSWORD)})
    assert_like_capture(r, "ocs-user-alice-no-ocs-apirequest-header-412")
    log = nc.log()
    assert [e["ocs_apirequest"] for e in log] == [False, False]
    assert [e["auth_user"] for e in log] == [None, ALICE]


@pytest.mark.parametrize("auth", [False, True], ids=["anonymous", "alice"])
def test_capabilities_carry_the_test_theming(nc, auth):
    headers = ocs_headers(ALICE, ALICE_APP_PASSWORD) if auth else ocs_headers()
    r = fetch(nc.base_url + CAPS, headers=headers)
    name = "ocs-capabilities-alice" if auth else "ocs-capabilities-anon"
    assert_like_capture(r, name, body_too=False)
    data = r.json()["ocs"]["data"]
    theming = data["capabilities"]["theming"]
    assert theming["name"] == THEME_NAME
    assert theming["color"] == THEME_COLOR
    assert theming["logo"] == nc.base_url + LOGO_PATH
    # Everything else is the capture's.
    escaped = nc.base_url.replace("/", "\\/").encode()
    original = json.loads(load_capture(name).body.replace(b"http:\\/\\/127.0.0.1:8080", escaped))
    original = original["ocs"]["data"]
    assert data["version"] == original["version"]
    assert {k: v for k, v in data["capabilities"].items() if k != "theming"} == {
        k: v for k, v in original["capabilities"].items() if k != "theming"
    }
    assert b"http:\\/\\/127.0.0.1:" in r.body, "JSON keeps PHP's escaped slashes"
    assert r.header("ETag") != load_capture(name).header("ETag")
    logo = fetch(theming["logo"])
    assert logo.status == 200 and logo.header("Content-Type") == "image/svg+xml"
    assert logo.body.startswith(b"<svg")


def test_current_user_with_the_app_password(nc):
    r = fetch(nc.base_url + USER, headers=ocs_headers(ALICE, ALICE_APP_PASSWORD))
    assert_like_capture(r, "ocs-user-alice")
    assert r.json()["ocs"]["data"]["id"] == "alice"
    assert nc.log()[-1]["auth"] == "ok" and nc.log()[-1]["credential"] == "static"


def test_wrong_password_is_the_xml_401(nc):
    r = fetch(nc.base_url + USER, headers=ocs_headers(ALICE, "not-the-password"))
    assert_like_capture(r, "ocs-user-wrong-password-401")
    assert r.status == 401
    assert r.header("WWW-Authenticate") == 'Basic realm="Authorisation Required"'
    assert r.header("Content-type") == "text/xml; charset=UTF-8"
    assert b"<statuscode>997</statuscode>" in r.body
    # The 401 comes before the CSRF check, even for the public capabilities.
    r = fetch(nc.base_url + CAPS, headers={"Authorization": basic("bob", ALICE_APP_PASSWORD)})
    assert r.status == 401 and r.body.startswith(b"<?xml")


def test_no_credentials_is_the_json_401(nc):
    r = fetch(nc.base_url + USER, headers=ocs_headers())
    assert_like_capture(r, "ocs-user-no-auth-401")
    assert r.header("WWW-Authenticate") is None


def test_navigation_apps_and_propfind(nc):
    r = fetch(nc.base_url + "/ocs/v2.php/core/navigation/apps?format=json",
              headers=ocs_headers(ALICE, ALICE_APP_PASSWORD))
    assert_like_capture(r, "ocs-navigation-apps-alice")
    for depth, name in (("0", "webdav-propfind-depth0-root"), ("1", "webdav-propfind-depth1-root")):
        r = fetch(nc.base_url + "/remote.php/dav/files/alice/", method="PROPFIND",
                  headers={"Authorization": basic(ALICE, ALICE_APP_PASSWORD), "Depth": depth,
                           "Content-Type": "application/xml; charset=utf-8"},
                  body=b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>')
        assert_like_capture(r, name)
    r = fetch(nc.base_url + "/remote.php/dav/files/alice/", method="PROPFIND", headers={"Depth": "0"})
    assert_like_capture(r, "webdav-propfind-no-auth-401")


def start_flow(nc):
    r = fetch(nc.base_url + "/index.php/login/v2", method="POST", headers={"Accept": "application/json"})
    assert_like_capture(r, "loginflow-v2-1-init", body_too=False)
    init = r.json()
    assert len(init["poll"]["token"]) == 128
    assert init["poll"]["endpoint"] == nc.base_url + "/index.php/login/v2/poll"
    assert re.fullmatch(re.escape(nc.base_url) + r"/index\.php/login/v2/flow/[A-Za-z0-9]{128}", init["login"])
    return init


def poll(nc, token):
    return fetch(nc.base_url + "/index.php/login/v2/poll", method="POST",
                 headers={"Accept": "application/json",
                          "Content-Type": "application/x-www-form-urlencoded"},
                 body=f"token={token}")


def test_login_flow_404_grant_200_404(nc):
    init = start_flow(nc)
    token = init["poll"]["token"]
    r = poll(nc, token)
    assert_like_capture(r, "loginflow-v2-2-poll-before-grant-404")
    assert r.body == b"[]"

    page = fetch(init["login"])  # what the person's browser does
    assert page.status == 200 and "Access granted — you can go back to Passerelle" in page.body.decode()

    r = poll(nc, token)
    assert_like_capture(r, "loginflow-v2-3-poll-granted-200", body_too=False)
    grant = r.json()
    assert grant["server"] == nc.base_url and grant["loginName"] == "alice"
    assert len(grant["appPassword"]) == 72
    assert b'"server":"http:\\/\\/127.0.0.1:' in r.body

    r = poll(nc, token)
    assert_like_capture(r, "loginflow-v2-4-poll-again-404")

    r = fetch(nc.base_url + USER, headers=ocs_headers("alice", grant["appPassword"]))
    assert r.status == 200 and nc.log()[-1]["credential"] == "loginflow-1"
    assert nc.issued_app_passwords == [grant["appPassword"]]
    polls = [e["status"] for e in nc.log() if e["path"] == "/index.php/login/v2/poll"]
    assert polls == [404, 200, 404]


def test_control_grant_grants_the_latest_flow(nc):
    start_flow(nc)
    init = start_flow(nc)
    r = fetch(nc.base_url + "/__control/grant", method="POST")
    assert r.status == 200 and r.json()["login"] == init["login"]
    assert poll(nc, init["poll"]["token"]).status == 200
    assert fetch(nc.base_url + "/__control/grant", method="POST").status == 200  # the older one
    assert fetch(nc.base_url + "/__control/grant", method="POST").status == 409  # none left
    assert poll(nc, "unknown-token").status == 404
    assert all(not e["path"].startswith("/__control") for e in nc.log())


def test_delete_apppassword_revokes_it(nc):
    init = start_flow(nc)
    nc.grant_latest()
    secret = poll(nc, init["poll"]["token"]).json()["appPassword"]
    r = fetch(nc.base_url + "/ocs/v2.php/core/apppassword?format=json", method="DELETE",
              headers=ocs_headers("alice", secret))
    assert_like_capture(r, "ocs-delete-apppassword-carol-200")
    r = fetch(nc.base_url + USER, headers=ocs_headers("alice", secret))
    assert_like_capture(r, "ocs-user-revoked-app-password-401")
    r = fetch(nc.base_url + "/remote.php/dav/files/alice/", method="PROPFIND",
              headers={"Authorization": basic("alice", secret), "Depth": "0"})
    assert_like_capture(r, "webdav-propfind-revoked-app-password-401")
    # The other app password still works.
    assert fetch(nc.base_url + USER, headers=ocs_headers(ALICE, ALICE_APP_PASSWORD)).status == 200
    log = fetch(nc.base_url + "/__control/log").json()
    delete = [e for e in log if e["method"] == "DELETE"]
    assert delete == [dict(delete[0], path="/ocs/v2.php/core/apppassword", status=200, auth="ok",
                           auth_user="alice", ocs_apirequest=True)]
    assert [e["auth"] for e in log if e["path"] == "/ocs/v2.php/cloud/user"] == ["revoked", "ok"]


def test_maintenance_mode():
    with NextcloudDouble(mode="maintenance") as nc:
        r = fetch(nc.base_url + "/status.php")
        assert_like_capture(r, "maintenance-status-php")
        assert r.status == 200 and r.json()["maintenance"] is True
        r = fetch(nc.base_url + CAPS, headers=ocs_headers(ALICE, ALICE_APP_PASSWORD))
        assert_like_capture(r, "maintenance-ocs-capabilities-503")
        assert r.header("X-Nextcloud-Maintenance-Mode") == "1"
        r = fetch(nc.base_url + USER)  # maintenance comes before the CSRF check
        assert_like_capture(r, "maintenance-ocs-user-503")
        r = fetch(nc.base_url + "/index.php/login/v2", method="POST")
        assert_like_capture(r, "maintenance-loginflow-v2-init-503", body_too=False)
        assert r.header("Retry-After") == "120"
        assert r.header("Content-type") == "text/html; charset=UTF-8"
        assert b"maintenance mode" in r.body
        r = fetch(nc.base_url + "/remote.php/dav/files/alice/", method="PROPFIND")
        assert_like_capture(r, "maintenance-webdav-propfind-503")
        # The mode can be switched at run time.
        assert fetch(nc.base_url + "/__control/mode", method="POST", body="mode=normal").status == 200
        assert fetch(nc.base_url + "/status.php").json()["maintenance"] is False


def test_not_nextcloud_mode():
    with NextcloudDouble(mode="not-nextcloud") as nc:
        for path in ("/", "/index.php/login/v2", CAPS):
            r = fetch(nc.base_url + path, headers=ocs_headers())
            assert r.status == 200 and r.header("Content-Type").startswith("text/html")
            assert "Welcome to our association's website" in r.body.decode()
        r = fetch(nc.base_url + "/status.php")
        assert r.status == 404 and r.header("Content-Type").startswith("text/html")
        assert [e["path"] for e in nc.log()] == ["/", "/index.php/login/v2", "/ocs/v2.php/cloud/capabilities", "/status.php"]


def test_unknown_paths_and_no_capture_left_behind(nc):
    assert fetch(nc.base_url + "/nope").status == 404
    r = fetch(nc.base_url + "/ocs/v2.php/cloud/nope?format=json", headers=ocs_headers())
    assert r.status == 404 and r.json()["ocs"]["meta"]["statuscode"] == 998
    assert CAPTURE_BASE not in json.dumps(nc.state())


def test_two_doubles_are_independent(nc):
    with NextcloudDouble(mode="not-nextcloud") as other:
        assert other.port != nc.port
        assert fetch(other.base_url + "/status.php").status == 404
        assert fetch(nc.base_url + "/status.php").status == 200


def test_command_line_double():
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "nextcloud_double.py"), "--port", "0", "--mode", "maintenance"],
        stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"on (http://127\.0\.0\.1:(\d+))", line)
        assert m, line
        r = fetch(m.group(1) + "/status.php")
        assert r.status == 200 and r.json()["maintenance"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_fake_browser_records_and_grants(nc, tmp_path):
    init = start_flow(nc)
    opened = tmp_path / "opened.txt"
    env = dict(os.environ, PASSERELLE_E2E_OPENED=str(opened), PASSERELLE_E2E_BROWSER_GRANTS="1",
               PASSERELLE_E2E_BROWSER_WAIT_POLL="1")
    done = subprocess.run([str(HERE / "bin" / "xdg-open"), init["login"]], env=env, timeout=10)
    assert done.returncode == 0
    assert opened.read_text().splitlines() == [init["login"]]
    # It waits for the app to poll before granting: the first poll is still 404.
    assert poll(nc, init["poll"]["token"]).status == 404
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        r = poll(nc, init["poll"]["token"])
        if r.status == 200:
            break
        time.sleep(0.1)  # polling interval, like the app
    assert r.status == 200, "the fake browser did not grant the flow"
    assert any(e["path"].startswith("/index.php/login/v2/flow/") for e in nc.log())


def test_fake_browser_only_records_by_default(nc, tmp_path):
    opened = tmp_path / "opened.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PASSERELLE_E2E_")}
    env["PASSERELLE_E2E_OPENED"] = str(opened)
    assert subprocess.run([str(HERE / "bin" / "xdg-open"), nc.base_url + "/x"], env=env).returncode == 0
    assert opened.read_text() == nc.base_url + "/x\n"
    assert nc.log() == []


def test_login_passwords_are_exchanged_for_app_passwords(nc):
    """getapppassword: a login password gets a new app password (the carol-200 capture), an app
    password the captured 403; with two-factor the login password is dropped unchecked."""
    from nextcloud_double import LOGIN_PASSWORDS
    url = nc.base_url + "/ocs/v2.php/core/getapppassword?format=json"
    login = LOGIN_PASSWORDS[ALICE]
    # Like on the real server, the login password works on its own too.
    assert fetch(nc.base_url + USER, headers=ocs_headers(ALICE, login)).status == 200
    r = fetch(url, headers=ocs_headers(ALICE, login))
    assert_like_capture(r, "ocs-getapppassword-carol-200", body_too=False)
    made = r.json()["ocs"]["data"]["apppassword"]
    assert nc.exchanged_app_passwords == [made] and len(made) == 72
    r = fetch(nc.base_url + USER, headers=ocs_headers(ALICE, made))
    assert r.status == 200 and nc.log()[-1]["credential"] == "exchanged-1"
    r = fetch(url, headers=ocs_headers(ALICE, made))
    assert_like_capture(r, "ocs-getapppassword-with-app-password-403")
    r = fetch(url, headers=ocs_headers(ALICE, "not-the-password"))
    assert_like_capture(r, "ocs-user-wrong-password-401")
    nc.two_factor.add(ALICE)
    r = fetch(url, headers=ocs_headers(ALICE, login))
    assert_like_capture(r, "ocs-user-no-auth-401")
    assert nc.log()[-1]["auth"] == "password-forbidden"
    # App passwords still work for her.
    assert fetch(nc.base_url + USER, headers=ocs_headers(ALICE, made)).status == 200


def test_fake_browser_can_fail_like_a_computer_without_one(nc, tmp_path):
    opened = tmp_path / "opened.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PASSERELLE_E2E_")}
    env.update(PASSERELLE_E2E_OPENED=str(opened), PASSERELLE_E2E_BROWSER_FAILS="1")
    # xdg-open's "no tool found" (3), and gio's launch error (2) for the opener's fallback.
    assert subprocess.run([str(HERE / "bin" / "xdg-open"), nc.base_url + "/x"], env=env).returncode == 3
    assert subprocess.run([str(HERE / "bin" / "gio"), "open", nc.base_url + "/x"], env=env).returncode == 2
    assert not opened.exists()
    assert nc.log() == []
