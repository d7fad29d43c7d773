"""Fast checks (no app, no display) of the double's real WebDAV (`NextcloudDouble(webdav=True)`):
alice's files served by `rclone serve webdav`, reached through the double once it has checked
the credentials as Nextcloud does."""

import re

import pytest

from nextcloud_double import ALICE, ALICE_APP_PASSWORD, NextcloudDouble, basic, fetch, ocs_headers

FILES = f"/remote.php/dav/files/{ALICE}"
AUTH = {"Authorization": basic(ALICE, ALICE_APP_PASSWORD)}


@pytest.fixture
def nc():
    with NextcloudDouble(mode="normal", webdav=True) as double:
        yield double


def hrefs(body: bytes) -> list[str]:
    return re.findall(r"<D:href>([^<]*)</D:href>", body.decode())


def test_credentials_are_checked_before_anything_reaches_the_files(nc):
    url = nc.base_url + FILES + "/Bureau"
    assert fetch(url, "MKCOL").status == 401
    assert fetch(url, "MKCOL", headers={"Authorization": basic(ALICE, "wrong")}).status == 401
    assert fetch(url, "MKCOL", headers={"Authorization": basic("bob", ALICE_APP_PASSWORD)}).status == 401
    assert not (nc.files_dir / "Bureau").exists()
    assert [(e["auth"], e["capture"]) for e in nc.log()] == [
        (None, "webdav-propfind-no-auth-401"),
        ("wrong", "webdav-propfind-wrong-password-401"),
        ("wrong", "webdav-propfind-wrong-password-401"),
    ]
    # Someone else's files are not alice's folder.
    assert fetch(nc.base_url + "/remote.php/dav/files/bob/", "PROPFIND", headers=AUTH).status == 404
    # Revoked: the 401 capture, and the files stay out of reach.
    fetch(nc.base_url + "/ocs/v2.php/core/apppassword", "DELETE", headers=ocs_headers(ALICE, ALICE_APP_PASSWORD))
    r = fetch(url, "MKCOL", headers=AUTH)
    assert r.status == 401 and nc.log()[-1]["capture"] == "webdav-propfind-revoked-app-password-401"
    assert not (nc.files_dir / "Bureau").exists()


def test_every_method_goes_to_the_real_server(nc):
    root = nc.base_url + FILES
    assert fetch(root + "/Bureau", "MKCOL", headers=AUTH).status == 201
    assert fetch(root + "/notes.txt", "PUT", headers=AUTH, body=b"ordre du jour").status == 201
    assert fetch(root + "/notes.txt", "GET", headers=AUTH).body == b"ordre du jour"
    head = fetch(root + "/notes.txt", "HEAD", headers=AUTH)
    assert head.status == 200 and head.header("Content-Length") == "13" and head.body == b""

    # Destination names the double's host: rewritten to rclone's, the path kept.
    r = fetch(root + "/notes.txt", "COPY", headers={**AUTH, "Destination": root + "/copie.txt"})
    assert r.status == 201
    r = fetch(root + "/notes.txt", "MOVE", headers={**AUTH, "Destination": root + "/Bureau/notes.txt"})
    assert r.status == 201
    r = fetch(root + "/copie.txt", "MOVE", headers={**AUTH, "Destination": root + "/Bureau/notes.txt",
                                                     "Overwrite": "F"})
    assert r.status == 412, "Overwrite: F is passed on"
    assert fetch(root + "/copie.txt", "DELETE", headers=AUTH).status == 204
    assert sorted(p.relative_to(nc.files_dir).as_posix() for p in nc.files_dir.rglob("*")) == [
        "Bureau", "Bureau/notes.txt"]

    # Depth is passed on: 0 describes the folder, 1 lists it too.
    r = fetch(root + "/Bureau", "PROPFIND", headers={**AUTH, "Depth": "0"})
    assert r.status == 207 and hrefs(r.body) == [f"{FILES}/Bureau/"]
    r = fetch(root + "/Bureau/", "PROPFIND", headers={**AUTH, "Depth": "1"})
    assert r.status == 207 and hrefs(r.body) == [f"{FILES}/Bureau/", f"{FILES}/Bureau/notes.txt"]
    assert r.header("Connection") == "close" and r.header("Content-Length") == str(len(r.body))
    assert fetch(root + "/Nope", "PROPFIND", headers={**AUTH, "Depth": "0"}).status == 404

    log = nc.log()
    assert {e["capture"] for e in log} == {"rclone"}
    assert all(e["auth"] == "ok" and e["credential"] == "static" for e in log)
    moves = [e for e in log if e["method"] == "MOVE"]
    assert moves[0]["destination"] == root + "/Bureau/notes.txt"
    assert [e["depth"] for e in log if e["method"] == "PROPFIND"] == ["0", "1", "0"]


def test_files_made_on_disk_are_seen_at_once_and_stop_cleans_up():
    nc = NextcloudDouble(mode="normal", webdav=True).start()
    try:
        listing = nc.base_url + FILES + "/"
        assert FILES + "/later.txt" not in hrefs(fetch(listing, "PROPFIND", headers={**AUTH, "Depth": "1"}).body)
        (nc.files_dir / "later.txt").write_text("x")
        assert FILES + "/later.txt" in hrefs(fetch(listing, "PROPFIND", headers={**AUTH, "Depth": "1"}).body)
        files_dir, webdav = nc.files_dir, nc.webdav_url
        assert nc.state()["files_dir"] == str(files_dir)
    finally:
        nc.stop()
    assert not files_dir.exists()
    with pytest.raises(OSError):
        fetch(webdav + FILES + "/", "PROPFIND", timeout=2)
    with pytest.raises(RuntimeError, match="webdav=True"):
        _ = NextcloudDouble(mode="normal").files_dir


def test_a_missing_rclone_is_said_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="rclone is missing.*apt-get install rclone"):
        NextcloudDouble(mode="normal", webdav=True).start()
