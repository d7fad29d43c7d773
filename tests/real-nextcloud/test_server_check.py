"""`passerelle-cli server check` against the real server, and against what a person may type
instead: a wrong address, a closed port, a web site that is not Nextcloud, a server that
accepts the connection and then says nothing, and a Nextcloud status.php saying it is not
installed, needs a database upgrade or is in maintenance (tiny local servers, localservers.py).
Every refusal must come with its own error code (each code is a Fluent message telling the
person what to do next) within a bounded time."""

import pytest

from localservers import StalledServer, closed_port, not_nextcloud_server, status_server

# Longest a refusal may take (the brief: a stalled server answers with an error within 30 s).
BOUND = 30.0


@pytest.mark.feature("server check: the real server")
def test_real_server_is_ready_with_its_version(nc, cli):
    r = cli.run("server", "check", nc.url)
    assert r.rc == 0, f"server check refused the real server: {r}"
    assert r.json["kind"] == "ok", r.json
    assert r.json["server"]["version"] == nc.version, r.json["server"]
    assert r.json["server"]["productName"] == nc.status()["productname"]
    assert r.json["server"]["maintenance"] is False
    text = cli.run("server", "check", nc.url, json_output=False)
    assert text.rc == 0 and nc.version in text.stdout, text


def refused(cli, address, timeout=BOUND + 30):
    r = cli.run("server", "check", address, timeout=timeout)
    kinds = [d.get("kind") for d in r.docs() if isinstance(d, dict) and "kind" in d]
    assert r.rc == 1, f"{address} was not refused: exit {r.rc}, answer {kinds} (“Ready”)"
    assert r.error_code, f"{address}: no error code: {r}"
    assert r.seconds < BOUND, f"{address}: refused only after {r.seconds:.1f} s (bound {BOUND} s)"
    return r


@pytest.mark.feature("server check: wrong address")
def test_wrong_address(nc, cli):
    r = refused(cli, "this-space-does-not-exist.invalid")
    assert r.error_code == "dns", r


@pytest.mark.feature("server check: closed port")
def test_closed_port(nc, cli):
    r = refused(cli, f"http://127.0.0.1:{closed_port()}")
    assert r.error_code == "offline", r


@pytest.mark.feature("server check: not a Nextcloud")
def test_web_site_that_is_not_nextcloud(nc, cli):
    with not_nextcloud_server() as site:
        r = refused(cli, site.url)
    assert r.error_code == "not-nextcloud", r


@pytest.mark.feature("server check: stalled server")
def test_stalled_server_gives_an_error_within_30_s(nc, cli):
    with StalledServer() as stalled:
        r = refused(cli, stalled.url, timeout=BOUND + 15)
    assert r.error_code == "timeout", r


STATES = {
    "installed-false": {"installed": False},
    "needs-db-upgrade": {"needsDbUpgrade": True},
    "maintenance": {"maintenance": True},
}


@pytest.mark.feature("server check: status.php state")
@pytest.mark.parametrize("state", STATES)
def test_status_states_are_refused(nc, cli, state):
    with status_server(**STATES[state]) as fake:
        r = refused(cli, fake.url)
    assert r.error_code not in ("unknown", "not-nextcloud", "protocol"), r
    if state == "maintenance":
        assert r.error_code == "maintenance", r


@pytest.mark.feature("server check: each state its own message")
def test_each_status_state_has_its_own_message(nc, cli):
    codes = {}
    for state, changes in STATES.items():
        with status_server(**changes) as fake:
            codes[state] = cli.run("server", "check", fake.url, timeout=BOUND + 30).error_code
    assert None not in codes.values(), f"a state was not refused: {codes}"
    assert len(set(codes.values())) == len(codes), f"states share one message: {codes}"
