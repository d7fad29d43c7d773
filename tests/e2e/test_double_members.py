"""Fast checks (no app, no display) of the double's members: Login Flow v2 for a chosen member,
per-user OCS built from the captures, admin user listings with search and paging, disabling an
account, every member's real files (rclone) and real calendars and address books (Radicale)
behind the Nextcloud paths, each member kept to their own."""

import json
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from nextcloud_double import (
    ADMIN,
    ALICE,
    BOB,
    CAROL,
    MEMBERS,
    NextcloudDouble,
    basic,
    fetch,
    load_capture,
    ocs_headers,
)

HERE = Path(__file__).resolve().parent
OCS = "/ocs/v2.php"


@pytest.fixture(scope="module")
def nc():
    """One double with real files and DAV for the module (starting Radicale and rclone for
    each test would double the time); tests use distinct names and members' state."""
    with NextcloudDouble(mode="normal", webdav=True, dav=True) as double:
        yield double


@pytest.fixture
def plain():
    with NextcloudDouble(mode="normal") as double:
        yield double


def as_(nc, user: str) -> dict[str, str]:
    return ocs_headers(user, nc.app_password(user))


def dav_auth(nc, user: str) -> dict[str, str]:
    return {"Authorization": basic(user, nc.app_password(user))}


def ocs_get(nc, route: str, user: str):
    sep = "&" if "?" in route else "?"
    return fetch(f"{nc.base_url}{OCS}{route}{sep}format=json", headers=as_(nc, user))


def hrefs(body: bytes) -> list[str]:
    """The href of each response of a multistatus (not those inside properties)."""
    return re.findall(r"<(?:[A-Za-z]+:)?response(?:\s[^>]*)?>\s*<(?:[A-Za-z]+:)?href>([^<]*)<",
                      body.decode())


def listing(body: bytes) -> list[str]:
    """A Depth 1 listing's hrefs: the collection first, then its members sorted (servers may
    list them in any order)."""
    found = hrefs(body)
    return found[:1] + sorted(found[1:])


# -- Login Flow v2 and cloud/user -------------------------------------------------------------


def login_flow(nc) -> dict:
    init = fetch(nc.base_url + "/index.php/login/v2", "POST").json()
    fetch(init["login"])  # the person grants access in the browser
    token = init["poll"]["token"]
    return fetch(init["poll"]["endpoint"], "POST", body=f"token={token}",
                 headers={"Content-Type": "application/x-www-form-urlencoded"}).json()


def test_login_as_issues_the_members_app_password_and_cloud_user_follows(plain):
    assert login_flow(plain)["loginName"] == ALICE, "alice by default, as before"

    r = fetch(plain.base_url + "/__control/login-as", "POST", body="user=bob")
    assert r.status == 200 and plain.state()["login_as"] == BOB
    grant = login_flow(plain)
    assert grant["loginName"] == BOB and grant["server"] == plain.base_url
    me = fetch(plain.base_url + OCS + "/cloud/user?format=json",
               headers=ocs_headers(BOB, grant["appPassword"]))
    assert me.status == 200
    data = me.json()["ocs"]["data"]
    assert (data["id"], data["display-name"], data["displayname"]) == ("bob", "Bob", "Bob")
    captured = json.loads(load_capture("ocs-admin-users-details").body)["ocs"]["data"]["users"]
    assert data["quota"] == captured["bob"]["quota"], "bob's quota from the captured user set"
    # The alice capture's other fields are kept (scopes, backend capabilities…).
    assert data["displaynameScope"] == "v2-federated" and data["backend"] == "Database"
    assert me.header("Content-Length") == str(len(me.body))
    # Bob's app password is not alice's.
    assert fetch(plain.base_url + OCS + "/cloud/user?format=json",
                 headers=ocs_headers(ALICE, grant["appPassword"])).status == 401

    # Helper and validation.
    plain.login_as(CAROL)
    assert login_flow(plain)["loginName"] == CAROL
    r = fetch(plain.base_url + "/__control/login-as", "POST", body="user=mallory")
    assert r.status == 400 and "mallory" in r.json()["error"]
    with pytest.raises(ValueError):
        plain.login_as("mallory")


def test_every_member_has_a_static_app_password(plain):
    for user in MEMBERS:
        r = ocs_get(plain, "/cloud/user", user)
        assert r.status == 200 and r.json()["ocs"]["data"]["id"] == user
        caps = fetch(plain.base_url + OCS + "/cloud/capabilities?format=json",
                     headers=as_(plain, user))
        assert caps.status == 200 and "theming" in caps.json()["ocs"]["data"]["capabilities"]
    assert ocs_get(plain, "/cloud/user", ADMIN).json()["ocs"]["data"]["groups"] == ["admin"]
    v1 = fetch(plain.base_url + "/ocs/v1.php/cloud/user?format=json", headers=as_(plain, CAROL))
    assert v1.json()["ocs"]["meta"]["statuscode"] == 100 and v1.json()["ocs"]["data"]["id"] == CAROL
    # One member's password does not open another's account.
    r = fetch(plain.base_url + OCS + "/cloud/user?format=json",
              headers=ocs_headers(BOB, plain.app_password(CAROL)))
    assert r.status == 401


# -- admin listings -----------------------------------------------------------------------------


def test_admin_lists_users_with_search_and_paging(plain):
    r = ocs_get(plain, "/cloud/users?search=&limit=2&offset=0", ADMIN)
    assert r.status == 200 and r.body == load_capture("ocs-admin-users-limit2").body
    assert ocs_get(plain, "/cloud/users?search=ali", ADMIN).body == \
        load_capture("ocs-admin-users-search-ali").body
    def ids(route):
        return ocs_get(plain, route, ADMIN).json()["ocs"]["data"]["users"]

    assert ids("/cloud/users?limit=2&offset=2") == ["bob", "carol"]
    assert ids("/cloud/users?offset=3") == ["carol"]
    # Search looks at display names too, case-insensitively.
    assert ids("/cloud/users?search=BO") == ["bob"]

    details = ocs_get(plain, "/cloud/users/details?limit=10", ADMIN)
    assert details.body == load_capture("ocs-admin-users-details").body
    page = ocs_get(plain, "/cloud/users/details?search=o&limit=1&offset=1", ADMIN)
    assert list(page.json()["ocs"]["data"]["users"]) == ["carol"]  # matches: bob, carol
    none = ocs_get(plain, "/cloud/users/details?search=zzz", ADMIN)
    assert none.json()["ocs"]["data"]["users"] == []

    one = ocs_get(plain, "/cloud/users/bob", ADMIN)
    assert one.status == 200 and one.json()["ocs"]["data"]["id"] == "bob"
    assert ocs_get(plain, "/cloud/users/nobody", ADMIN).status == 404
    assert ocs_get(plain, "/cloud/groups", ADMIN).body == load_capture("ocs-admin-groups").body
    group = ocs_get(plain, "/cloud/groups/asso/users/details", ADMIN)
    captured = load_capture("ocs-admin-group-asso-users-details")
    assert [k for k, _ in group.headers] == [k for k, _ in captured.headers]
    members = group.json()["ocs"]["data"]["users"]
    # The same members as captured, their records from the captured user set.
    assert list(members) == list(json.loads(captured.body)["ocs"]["data"]["users"])
    everyone = json.loads(load_capture("ocs-admin-users-details").body)["ocs"]["data"]["users"]
    assert members == {k: v for k, v in everyone.items() if k != "admin"}
    admins = ocs_get(plain, "/cloud/groups/admin/users/details", ADMIN)
    assert list(admins.json()["ocs"]["data"]["users"]) == ["admin"]
    assert ocs_get(plain, "/cloud/groups/nope/users/details", ADMIN).status == 404


def test_a_non_admin_cannot_list_users(plain):
    forbidden = load_capture("ocs-alice-users-list-403")
    for route in ("/cloud/users", "/cloud/users/details", "/cloud/users?search=b&limit=1",
                  "/cloud/groups", "/cloud/groups/asso/users/details"):
        r = ocs_get(plain, route, ALICE)
        assert r.status == 403 and r.body == forbidden.body, route
    not_found = load_capture("ocs-alice-user-bob-404")
    assert ocs_get(plain, "/cloud/users/bob", ALICE).body == not_found.body
    own = ocs_get(plain, "/cloud/users/alice", ALICE)
    assert own.status == 200 and own.json()["ocs"]["data"]["id"] == "alice"
    # Unauthenticated: the 401 capture.
    r = fetch(plain.base_url + OCS + "/cloud/users?format=json", headers=ocs_headers())
    assert r.status == 401


def test_admin_disables_an_account(plain):
    url = plain.base_url + OCS + "/cloud/users/carol/disable?format=json"
    r = fetch(url, "PUT", headers=as_(plain, BOB))
    assert r.status == 403 and plain.disabled == []
    r = fetch(url, "PUT", headers=as_(plain, ADMIN))
    assert r.status == 200 and r.json()["ocs"] == {
        "meta": {"status": "ok", "statuscode": 200, "message": "OK"}, "data": []}
    assert plain.disabled == ["carol"] and plain.state()["disabled"] == ["carol"]
    assert plain.log()[-1]["path"] == "/ocs/v2.php/cloud/users/carol/disable"
    details = ocs_get(plain, "/cloud/users/details", ADMIN).json()["ocs"]["data"]["users"]
    assert details["carol"]["enabled"] is False and details["bob"]["enabled"] is True
    # A disabled account cannot sign in any more.
    assert ocs_get(plain, "/cloud/user", CAROL).status == 401
    assert fetch(plain.base_url + OCS + "/cloud/users/nobody/disable?format=json", "PUT",
                 headers=as_(plain, ADMIN)).status == 404
    r = fetch(plain.base_url + OCS + "/cloud/users/carol/enable?format=json", "PUT",
              headers=as_(plain, ADMIN))
    assert r.status == 200 and plain.disabled == []
    assert ocs_get(plain, "/cloud/user", CAROL).status == 200


# -- files ----------------------------------------------------------------------------------


def test_each_member_reaches_only_their_own_files(nc):
    for user in MEMBERS:
        assert nc.files_of(user).is_dir() and nc.files_of(user).name == user
    assert nc.files_dir == nc.files_of(ALICE)
    (nc.files_of(BOB) / "Rapport.txt").write_text("bilan")
    bob = nc.base_url + "/remote.php/dav/files/bob"
    r = fetch(bob + "/", "PROPFIND", headers={**dav_auth(nc, BOB), "Depth": "1"})
    assert r.status == 207 and "/remote.php/dav/files/bob/Rapport.txt" in hrefs(r.body)
    assert fetch(bob + "/Dossier", "MKCOL", headers=dav_auth(nc, BOB)).status == 201
    assert (nc.files_of(BOB) / "Dossier").is_dir()

    # Alice cannot see or touch bob's files: Nextcloud's 404 capture, nothing reaches rclone.
    r = fetch(bob + "/Rapport.txt", "GET", headers=dav_auth(nc, ALICE))
    assert r.status == 404 and nc.log()[-1]["capture"] == "webdav-propfind-missing-404"
    assert fetch(bob + "/Intrus", "MKCOL", headers=dav_auth(nc, ALICE)).status == 404
    assert not (nc.files_of(BOB) / "Intrus").exists()
    # Nor move her file into his space.
    alice = nc.base_url + "/remote.php/dav/files/alice"
    assert fetch(alice + "/a.txt", "PUT", headers=dav_auth(nc, ALICE), body=b"a").status == 201
    r = fetch(alice + "/a.txt", "MOVE",
              headers={**dav_auth(nc, ALICE), "Destination": bob + "/a.txt"})
    assert r.status == 404 and not (nc.files_of(BOB) / "a.txt").exists()
    assert (nc.files_of(ALICE) / "a.txt").read_text() == "a"


# -- calendars and address books -------------------------------------------------------------

EVENT = textwrap.dedent("""\
    BEGIN:VCALENDAR
    VERSION:2.0
    PRODID:-//Passerelle//e2e//FR
    BEGIN:VEVENT
    UID:{uid}
    DTSTAMP:20261121T080000Z
    DTSTART:20261201T180000Z
    DTEND:20261201T190000Z
    SUMMARY:Assemblée générale
    BEGIN:VALARM
    UID:alarm-of-{uid}
    ACTION:DISPLAY
    DESCRIPTION:Rappel
    TRIGGER:-PT15M
    END:VALARM
    END:VEVENT
    END:VCALENDAR
    """).replace("\n", "\r\n")

CARD = textwrap.dedent("""\
    BEGIN:VCARD
    VERSION:3.0
    UID:{uid}
    FN:Dominique Martin
    N:Martin;Dominique;;;
    EMAIL:dominique@example.org
    END:VCARD
    """).replace("\n", "\r\n")


def test_calendars_through_the_nextcloud_paths(nc):
    url = nc.make_calendar(CAROL, "reunions", "Réunions", "#0082C9",
                           events=[EVENT.format(uid="ev-1"), EVENT.format(uid="ev-2")])
    home = "/remote.php/dav/calendars/carol/"
    assert url == nc.base_url + home + "reunions/"
    assert nc.calendar_uids(CAROL, "reunions") == ["ev-1", "ev-2"]
    nc.make_address_book(CAROL, "contacts", "Contacts", cards=[CARD.format(uid="card-1")])

    # The calendar home lists only calendars, with Nextcloud-style hrefs.
    body = """<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:a="http://apple.com/ns/ical/">
      <d:prop><d:displayname/><d:resourcetype/><a:calendar-color/></d:prop></d:propfind>"""
    r = fetch(nc.base_url + home, "PROPFIND", headers={**dav_auth(nc, CAROL), "Depth": "1"},
              body=body)
    assert r.status == 207 and nc.log()[-1]["capture"] == "radicale"
    assert listing(r.body) == [home, home + "reunions/"]
    assert "Réunions" in r.body.decode() and "#0082C9" in r.body.decode()
    # The owner is Nextcloud's principal of the member (Radicale would say /calendars/).
    owner = """<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:owner/>
      <d:current-user-principal/></d:prop></d:propfind>"""
    r = fetch(nc.base_url + home + "reunions/", "PROPFIND", body=owner,
              headers={**dav_auth(nc, CAROL), "Depth": "0"})
    assert re.findall(r"<owner><href>([^<]*)</href></owner>", r.body.decode()) == [
        "/remote.php/dav/principals/users/carol/"]
    assert "<href>/remote.php/dav/calendars/</href>" not in r.body.decode()
    assert r.header("Content-Length") == str(len(r.body))

    # Made through the double, as the app does: MKCALENDAR then PUT.
    mk = """<?xml version="1.0" encoding="UTF-8"?>
    <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"
      xmlns:a="http://apple.com/ns/ical/"><d:set><d:prop><d:displayname>Bureau</d:displayname>
      <a:calendar-color>#7a1f5c</a:calendar-color></d:prop></d:set></c:mkcalendar>"""
    r = fetch(nc.base_url + home + "bureau/", "MKCALENDAR", headers=dav_auth(nc, CAROL), body=mk)
    assert r.status == 201
    r = fetch(nc.base_url + home + "bureau/ev-3.ics", "PUT", body=EVENT.format(uid="ev-3"),
              headers={**dav_auth(nc, CAROL), "Content-Type": "text/calendar; charset=utf-8",
                       "If-None-Match": "*"})
    assert r.status == 201
    assert nc.calendar_uids(CAROL, "bureau") == ["ev-3"]
    report = """<?xml version="1.0" encoding="UTF-8"?>
    <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
      <d:prop><d:getetag/><c:calendar-data/></d:prop>
      <c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>"""
    r = fetch(nc.base_url + home + "reunions/", "REPORT", body=report,
              headers={**dav_auth(nc, CAROL), "Depth": "1"})
    assert r.status == 207 and sorted(hrefs(r.body)) == [
        home + "reunions/ev-1.ics", home + "reunions/ev-2.ics"]
    r = fetch(nc.base_url + home, "PROPFIND", headers={**dav_auth(nc, CAROL), "Depth": "1"},
              body=body)
    assert listing(r.body) == [home, home + "bureau/", home + "reunions/"]

    # Someone else's calendars stay out of reach.
    r = fetch(nc.base_url + home, "PROPFIND", headers={**dav_auth(nc, ALICE), "Depth": "1"})
    assert r.status == 404 and nc.log()[-1]["capture"] == "webdav-propfind-missing-404"
    r = fetch(nc.base_url + home + "reunions/x.ics", "PUT", body=EVENT.format(uid="x"),
              headers=dav_auth(nc, BOB))
    assert r.status == 404 and nc.calendar_uids(CAROL, "reunions") == ["ev-1", "ev-2"]
    assert fetch(nc.base_url + home, "PROPFIND", headers={"Depth": "1"}).status == 401


def test_address_books_through_the_nextcloud_paths(nc):
    url = nc.make_address_book(BOB, "amis", "Amis", cards=[CARD.format(uid="c-1")])
    home = "/remote.php/dav/addressbooks/users/bob/"
    assert url == nc.base_url + home + "amis/"
    nc.make_calendar(BOB, "perso", "Perso", "#ff0000")

    r = fetch(nc.base_url + home, "PROPFIND", headers={**dav_auth(nc, BOB), "Depth": "1"})
    assert r.status == 207 and listing(r.body) == [home, home + "amis/"], "no calendar here"

    mkcol = """<?xml version="1.0" encoding="UTF-8"?>
    <d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>
      <d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>
      <d:displayname>Bénévoles</d:displayname></d:prop></d:set></d:mkcol>"""
    assert fetch(nc.base_url + home + "benevoles/", "MKCOL", headers=dav_auth(nc, BOB),
                 body=mkcol).status == 201
    r = fetch(nc.base_url + home + "benevoles/c-2.vcf", "PUT", body=CARD.format(uid="c-2"),
              headers={**dav_auth(nc, BOB), "Content-Type": "text/vcard; charset=utf-8"})
    assert r.status == 201
    assert nc.card_uids(BOB, "benevoles") == ["c-2"] and nc.card_uids(BOB, "amis") == ["c-1"]
    r = fetch(nc.base_url + home, "PROPFIND", headers={**dav_auth(nc, BOB), "Depth": "1"})
    assert listing(r.body) == [home, home + "amis/", home + "benevoles/"]
    assert "Bénévoles" in r.body.decode()
    r = fetch(nc.base_url + home + "benevoles/c-2.vcf", "GET", headers=dav_auth(nc, BOB))
    assert r.status == 200 and "UID:c-2" in r.body.decode()

    # An event MOVEd into another member's calendar never arrives.
    cal = nc.base_url + "/remote.php/dav/calendars/bob/perso/"
    assert fetch(cal + "e.ics", "PUT", body=EVENT.format(uid="e"),
                 headers=dav_auth(nc, BOB)).status == 201
    carols = nc.base_url + "/remote.php/dav/calendars/carol/reunions/e.ics"
    r = fetch(cal + "e.ics", "MOVE", headers={**dav_auth(nc, BOB), "Destination": carols})
    assert r.status == 404 and nc.calendar_uids(BOB, "perso") == ["e"]
    # Unknown collections are said plainly by the helpers.
    with pytest.raises(FileNotFoundError):
        nc.card_uids(BOB, "nope")


# -- lifecycle ------------------------------------------------------------------------------


def test_stop_ends_every_server_and_removes_the_folders():
    nc = NextcloudDouble(mode="normal", webdav=True, dav=True).start()
    procs = list(nc._procs.values())
    root = nc.files_dir.parents[1]
    files, dav = nc.webdav_url, nc.dav_url
    assert len(procs) == 2 and all(p.poll() is None for p in procs)
    nc.stop()
    nc.stop()  # twice is harmless
    assert all(p.poll() is not None for p in procs)
    assert not root.exists()
    for url in (files, dav):
        with pytest.raises(OSError):
            fetch(url + "/", "PROPFIND", timeout=2)
    with pytest.raises(RuntimeError, match="dav=True"):
        _ = nc.dav_url


def test_a_killed_test_process_leaves_no_server_behind(tmp_path):
    """SIGKILL of the process that started the double: its children get SIGTERM from the
    kernel (PR_SET_PDEATHSIG), so no rclone or Radicale survives."""
    script = tmp_path / "holder.py"
    script.write_text(textwrap.dedent(f"""\
        import sys, time
        sys.path.insert(0, {str(HERE)!r})
        from nextcloud_double import NextcloudDouble
        nc = NextcloudDouble(webdav=True, dav=True).start()
        print(" ".join(str(p.pid) for p in nc._procs.values()), flush=True)
        print(nc.files_dir.parents[1], flush=True)
        time.sleep(600)
        """))
    holder = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE)
    try:
        pids = [int(p) for p in holder.stdout.readline().split()]
        root = Path(holder.stdout.readline().decode().strip())
        assert len(pids) == 2 and root.is_dir()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        for pid in pids:
            # Waits (bounded) for each child to end; /proc tells whether it still exists.
            deadline = time.monotonic() + 10
            while Path(f"/proc/{pid}").exists() and _state(pid) != "Z":
                assert time.monotonic() < deadline, f"pid {pid} survived"
                time.sleep(0.05)  # polling interval, not synchronisation
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if "root" in locals():
            shutil.rmtree(root, ignore_errors=True)  # the killed process could not remove it


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_capability_blocks_can_be_left_out():
    """With the sharing and notifications blocks left out, Passerelle's `auto` hand-over picks
    the streamed copy (the double serves no sharing API)."""
    with NextcloudDouble(apps_off=("files_sharing", "notifications")) as nc:
        r = fetch(nc.base_url + OCS + "/cloud/capabilities?format=json", headers=as_(nc, ADMIN))
        caps = r.json()["ocs"]["data"]["capabilities"]
        assert "files_sharing" not in caps and "notifications" not in caps
        assert "dav" in caps and "theming" in caps
        assert r.header("Content-Length") == str(len(r.body))


def test_the_members_space_fixture(members_space):
    nc = members_space
    assert all(nc.files_of(u).is_dir() for u in MEMBERS)
    assert nc.calendars_of(ALICE) == [] and nc.address_books_of(ALICE) == []
    caps = fetch(nc.base_url + OCS + "/cloud/capabilities?format=json", headers=as_(nc, ALICE))
    assert "files_sharing" not in caps.json()["ocs"]["data"]["capabilities"]


def test_chunked_upload_v2_lands_in_the_members_files(nc):
    """What Passerelle does above 10 MiB: MKCOL an upload folder, PUT chunks, MOVE .file."""
    uploads = nc.base_url + "/remote.php/dav/uploads/bob/up-1"
    target = nc.base_url + "/remote.php/dav/files/bob/Gros%20fichier.bin"
    auth = {**dav_auth(nc, BOB), "Destination": target}
    chunks = [bytes([i]) * 1000 for i in range(3)] + [b"end"]
    total = str(sum(len(c) for c in chunks))
    r = fetch(uploads, "MKCOL", headers=auth)
    assert r.status == 201 and nc.log()[-1]["capture"] == "chunked-upload-v2-1-mkcol-201"
    assert fetch(uploads, "MKCOL", headers=auth).status == 405
    for i, chunk in enumerate(chunks, 1):
        r = fetch(f"{uploads}/{i:05}", "PUT", body=chunk,
                  headers={**auth, "OC-Total-Length": total})
        assert r.status == 201
    # Someone else cannot assemble or peek into it.
    assert fetch(uploads + "/.file", "MOVE", headers={**dav_auth(nc, ALICE),
                                                       "Destination": target}).status == 404
    r = fetch(uploads + "/.file", "MOVE", headers={**auth, "OC-Total-Length": "5"})
    assert r.status == 400 and not (nc.files_of(BOB) / "Gros fichier.bin").exists()
    r = fetch(uploads + "/.file", "MOVE",
              headers={**auth, "OC-Total-Length": total, "X-OC-MTime": "1700000200"})
    assert r.status == 201 and r.header("OC-ETag") and r.header("ETag") == r.header("OC-ETag")
    assert r.header("OC-FileId") and "<INSTANCE_ID>" not in r.header("OC-FileId")
    assert (nc.files_of(BOB) / "Gros fichier.bin").read_bytes() == b"".join(chunks)
    assert int((nc.files_of(BOB) / "Gros fichier.bin").stat().st_mtime) == 1700000200
    assert fetch(uploads + "/.file", "MOVE", headers=auth).status == 404, "folder gone"
    # Giving up: DELETE removes the upload folder.
    other = nc.base_url + "/remote.php/dav/uploads/bob/up-2"
    assert fetch(other, "MKCOL", headers=auth).status == 201
    assert fetch(other, "DELETE", headers=auth).status == 204
    assert fetch(other + "/00001", "PUT", body=b"x", headers=auth).status == 404


def test_a_put_keeps_the_modification_time_as_nextcloud_does(nc):
    url = nc.base_url + "/remote.php/dav/files/carol/horodate.txt"
    r = fetch(url, "PUT", body=b"x", headers={**dav_auth(nc, CAROL), "X-OC-MTime": "1700000000"})
    assert r.status == 201 and r.header("X-OC-MTime") == "accepted"
    assert int((nc.files_of(CAROL) / "horodate.txt").stat().st_mtime) == 1700000000
    r = fetch(url, "PUT", body=b"y", headers=dav_auth(nc, CAROL))
    assert r.status in (201, 204) and r.header("X-OC-MTime") is None


def test_the_command_line_double_cleans_up_on_sigterm():
    cmd = [sys.executable, str(HERE / "nextcloud_double.py"), "--webdav", "--dav"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        lines = []
        while not any("Radicale" in line for line in lines):
            line = proc.stdout.readline()  # blocks until the double printed its next line
            assert line, f"the double ended early: {lines}"
            lines.append(line)
        folder = Path(re.search(r"(/\S*nextcloud-double-\S+)/files", "".join(lines)).group(1))
        assert folder.is_dir()
        children = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)],
                                                   capture_output=True, text=True).stdout.split()]
        assert len(children) == 2
        proc.terminate()
        assert proc.wait(timeout=20) == 0
        assert not folder.exists()
        assert all(not Path(f"/proc/{pid}").exists() or _state(pid) == "Z" for pid in children)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_requests_to_the_real_servers_can_be_held_then_dropped_or_let_through(nc):
    base = nc.base_url + "/remote.php/dav/files/admin/"
    auth = dav_auth(nc, ADMIN)
    nc.hold(("PUT",), after=1)
    assert fetch(base + "un.txt", "PUT", body=b"1", headers=auth).status == 201
    replies = {}

    def put(name):
        replies[name] = fetch(base + name, "PUT", body=b"2", headers=auth, timeout=30)

    worker = threading.Thread(target=put, args=("deux.txt",))
    worker.start()
    assert nc.wait_held() == 1
    # Other methods still pass while the PUT waits.
    r = fetch(base, "PROPFIND", headers={**auth, "Depth": "1"})
    assert r.status == 207 and base[len(nc.base_url):] + "deux.txt" not in hrefs(r.body)
    nc.release(forward=False)
    worker.join(timeout=30)
    assert replies["deux.txt"].status == 503 and not (nc.files_of(ADMIN) / "deux.txt").exists()
    assert [e.get("held") for e in nc.log() if e["method"] == "PUT"][-1] == "dropped"

    nc.hold(("PUT", "MKCALENDAR"))
    worker = threading.Thread(target=put, args=("trois.txt",))
    worker.start()
    nc.wait_held()
    nc.release()
    worker.join(timeout=30)
    assert replies["trois.txt"].status == 201
    assert (nc.files_of(ADMIN) / "trois.txt").read_bytes() == b"2"
    with pytest.raises(TimeoutError):
        nc.hold(("DELETE",))
        nc.wait_held(timeout=0.2)
    nc.release()
