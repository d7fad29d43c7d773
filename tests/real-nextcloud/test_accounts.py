"""Connecting an account to the real server: with an app password (`account add`), through
Login Flow v2 approved in the server's own web pages, and signing out (`account remove`), which
must revoke the app password on the server.

The CLI has no Login Flow v2 command (the app drives it, the CLI only takes app passwords):
the flow is driven here at the HTTP level, as the app's core does it (init, the person signs in
and grants access in a browser, poll), and the app password it gives is then connected with the
CLI."""

import re
import subprocess

import pytest
import requests


def keyring_secret(cli, server_url: str, user_id: str) -> str | None:
    """What the CLI stored in the keyring for this account (service org.passerelle.app, user
    `<server url>|<user id>|profile-<id>`, see passerelle-core's secrets.rs)."""
    # One stream: secret-tool writes an item's attributes and its secret to different ones.
    p = subprocess.run(["secret-tool", "search", "--all", "--unlock", "service", "org.passerelle.app"],
                       env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)
    found = None
    for block in re.split(r"^\[", p.stdout, flags=re.M):
        fields = dict(line.split(" = ", 1) for line in block.splitlines() if " = " in line)
        if fields.get("attribute.username", "").startswith(f"{server_url}|{user_id}|profile-"):
            assert found is None, "two entries for one account of one profile"
            found = fields.get("secret") or None
    return found


@pytest.mark.feature("account: connect with an app password")
def test_connect_with_an_app_password(nc, cli, members):
    alice = members.new("alice")
    r = cli.run("account", "add", "--profile", "Camille", "--server", nc.url, "--login", alice.user_id,
                secrets={"PASSERELLE_APP_PASSWORD": alice.app_password})
    assert r.rc == 0, f"account add failed: {r}"
    account = r.json
    assert account["userId"] == alice.user_id and account["displayName"] == alice.display_name, account
    assert account["secretStorage"] == "keyring", account
    listed = cli.run("account", "list", "--profile", "Camille").json
    assert [a["id"] for a in listed] == [account["id"]], listed
    kept = keyring_secret(cli, account["serverUrl"], alice.user_id) == alice.app_password
    assert kept, "the keyring does not hold the app password"  # (secrets never in failure output)


@pytest.mark.feature("account: wrong app password refused")
def test_wrong_app_password_is_refused(nc, cli, members):
    alice = members.new("alice")
    r = cli.run("account", "add", "--profile", "Camille", "--server", nc.url, "--login", alice.user_id,
                secrets={"PASSERELLE_APP_PASSWORD": "aaaaa-bbbbb-ccccc-ddddd-eeeee"})
    assert r.rc == 1 and r.error_code == "auth", f"a wrong app password was not refused as such: {r}"
    assert cli.run("account", "list", "--profile", "Camille").json == []


@pytest.mark.feature("account: login password typed as app password")
def test_login_password_is_not_kept_as_an_app_password(nc, cli, members):
    """Someone types their login password where the app password goes. Passerelle must not keep
    the login password: it either refuses it, or exchanges it for an app password of its own."""
    alice = members.new("alice")
    r = cli.run("account", "add", "--profile", "Camille", "--server", nc.url, "--login", alice.user_id,
                secrets={"PASSERELLE_APP_PASSWORD": alice.password})
    if r.rc != 0:
        assert r.error_code not in (None, "unknown"), f"refused without a clear reason: {r}"
        assert keyring_secret(cli, nc.url, alice.user_id) is None
        return
    stored = keyring_secret(cli, r.json["serverUrl"], alice.user_id)
    login_password_kept = stored == alice.password
    assert not login_password_kept, "the login password was kept in the keyring as the account's app password"
    assert nc.sign_in_status(alice.user_id, stored) == 200, "the stored secret does not work"


@pytest.mark.feature("account: Login Flow v2")
def test_login_flow_v2_approved_in_the_servers_pages(nc, cli, members):
    alice = members.new("alice")
    init = requests.post(f"{nc.url}/index.php/login/v2", headers={"User-Agent": "Passerelle tests"}, timeout=60)
    assert init.status_code == 200, init.text[:300]
    flow = init.json()
    poll = flow["poll"]
    assert poll["endpoint"].startswith(nc.url), f"poll endpoint on another origin: {poll['endpoint']}"
    before = requests.post(poll["endpoint"], data={"token": poll["token"]}, timeout=60)
    assert before.status_code == 404, f"poll before approval: HTTP {before.status_code}"

    nc.login_flow_approve(flow["login"], alice.user_id, alice.password)

    done = requests.post(poll["endpoint"], data={"token": poll["token"]}, timeout=60)
    assert done.status_code == 200, f"poll after approval: HTTP {done.status_code}"
    creds = done.json()
    assert creds["loginName"] == alice.user_id and creds["server"].rstrip("/") == nc.url, creds
    assert nc.sign_in_status(creds["loginName"], creds["appPassword"]) == 200
    again = requests.post(poll["endpoint"], data={"token": poll["token"]}, timeout=60)
    assert again.status_code == 404, "the poll token gave the app password twice"

    r = cli.run("account", "add", "--profile", "Camille", "--server", creds["server"], "--login",
                creds["loginName"], secrets={"PASSERELLE_APP_PASSWORD": creds["appPassword"]})
    assert r.rc == 0 and r.json["userId"] == alice.user_id, f"the flow's app password was not accepted: {r}"


@pytest.mark.feature("account: sign-out revokes the app password")
def test_sign_out_revokes_the_app_password(nc, cli, members):
    alice = members.new("alice")
    # A second app password of hers that Passerelle does not hold: it must keep working.
    other = nc.app_password(alice.user_id, alice.password)
    account_id = cli.add_account(nc, alice)
    assert nc.sign_in_status(alice.user_id, alice.app_password) == 200
    r = cli.run("account", "remove", account_id)
    assert r.rc == 0, f"account remove failed: {r}"
    assert r.json["revokedOnServer"] is True, r.json
    assert nc.sign_in_status(alice.user_id, alice.app_password) == 401, "the app password still works after sign-out"
    assert nc.sign_in_status(alice.user_id, other) == 200, "sign-out revoked another app password too"
    assert keyring_secret(cli, nc.url, alice.user_id) is None, "the app password stayed in the keyring"
    assert cli.run("account", "list", "--profile", "Test").json == []
    # The person's own space is untouched by a sign-out.
    assert nc.ocs("GET", f"/ocs/v2.php/cloud/users/{alice.user_id}")["enabled"] is True
