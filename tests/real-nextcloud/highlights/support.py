"""Fixtures and helpers of test_highlights.py: the real server, a throwaway member, the
bundled tours' highlight steps as the overlay receives them, and the state earlier task steps
of a tour leave behind (a folder, a calendar), so a step finds what the tour made.

Kept apart from tests/real-nextcloud/conftest.py (shared fixtures) on purpose: small and
self-contained."""

from __future__ import annotations

import base64
import json
import os
import secrets
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
TOURS = REPO / "src-tauri" / "crates" / "passerelle-core" / "tours"
HERE = Path(__file__).resolve().parent
TIMEOUT = 30


@dataclass(frozen=True)
class Server:
    url: str
    admin: str
    admin_password: str = field(repr=False)
    major: int
    version: str


@dataclass(frozen=True)
class Member:
    user: str
    password: str = field(repr=False)


def _request(method: str, url: str, user: str, password: str, body: bytes | None = None, headers=None):
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", f"Basic {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _ocs(server: Server, method: str, path: str, form: dict | None = None) -> dict:
    body = urllib.parse.urlencode(form).encode() if form else None
    headers = {"OCS-APIRequest": "true", "Accept": "application/json"}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    status, data = _request(
        method, f"{server.url}/ocs/v2.php/{path}", server.admin, server.admin_password, body, headers
    )
    try:
        return json.loads(data)["ocs"]
    except (ValueError, KeyError) as e:
        raise AssertionError(f"{method} {path}: HTTP {status}: {data[:200]!r}") from e


@pytest.fixture(scope="module")
def highlight_server() -> Server:
    """The Nextcloud named by NC_URL, NC_ADMIN_USER and NC_ADMIN_APP_PASSWORD."""
    url = os.environ.get("NC_URL", "").rstrip("/")
    if not url:
        pytest.skip("NC_URL is unset: set NC_URL, NC_ADMIN_USER and NC_ADMIN_APP_PASSWORD to check a real Nextcloud")
    admin = os.environ.get("NC_ADMIN_USER", "admin")
    password = os.environ.get("NC_ADMIN_APP_PASSWORD")
    if not password:
        pytest.skip("NC_ADMIN_APP_PASSWORD is unset: an admin app password is needed to create a throwaway member")
    with urllib.request.urlopen(f"{url}/status.php", timeout=TIMEOUT) as resp:
        status = json.load(resp)
    return Server(url, admin, password, int(status["version"].split(".")[0]), status["versionstring"])


@pytest.fixture(scope="module")
def highlight_member(highlight_server: Server):
    """A member created for this test through the provisioning API, deleted afterwards."""
    user = f"passerelle-hl-{secrets.token_hex(4)}"
    password = f"Hl-{secrets.token_urlsafe(18)}"
    ocs = _ocs(highlight_server, "POST", "cloud/users", {"userid": user, "password": password})
    assert ocs["meta"]["statuscode"] == 200, f"could not create {user}: {ocs['meta']}"
    try:
        yield Member(user, password)
    finally:
        _ocs(highlight_server, "DELETE", f"cloud/users/{user}")


def set_language(server: Server, member: Member, language: str) -> None:
    """The member's language in the web interface (its texts, aria-labels included)."""
    ocs = _ocs(server, "PUT", f"cloud/users/{member.user}", {"key": "language", "value": language})
    assert ocs["meta"]["statuscode"] == 200, f"could not set the language of {member.user}: {ocs['meta']}"


def highlight_steps() -> list[dict]:
    """Every highlight step of every bundled tour, as check.mjs takes it: the page the space
    window goes to (the step's `page`, else its tour's first app, as
    passerelle_core::tours::highlight::HighlightLive does) and the target as the overlay gets it
    (ui/src/overlay/types.ts), with the checks of the task steps before it."""
    steps = []
    for path in sorted(TOURS.glob("*/tour.toml")):
        tour = tomllib.loads(path.read_text(encoding="utf-8"))
        apps = tour.get("apps", [])
        earlier = []
        for step in tour["steps"]:
            if step["kind"] == "task":
                earlier.append(step["check"])
            if step["kind"] != "highlight":
                continue
            target = step["target"]
            page = target.get("page") or (f"apps/{apps[0]}/" if apps else None)
            steps.append(
                {
                    "tour": tour["id"],
                    "step": step["id"],
                    "page": page,
                    "earlier": list(earlier),
                    "target": {
                        "waitMs": target.get("wait_ms"),
                        "open": target.get("open"),
                        "candidates": [
                            {
                                "selector": c["selector"],
                                "nextcloud": {"min": c["nextcloud"].get("min"), "max": c["nextcloud"].get("max")}
                                if "nextcloud" in c
                                else None,
                            }
                            for c in target["candidates"]
                        ],
                    },
                }
            )
    return steps


def prepare(server: Server, member: Member, checks: list[dict]) -> list[str]:
    """Leaves what earlier task steps ask the member to make: folders (`folder-exists`) and a
    calendar (`calendar-exists`). Other checks leave nothing a highlight target depends on.
    Returns what was made."""
    made = []
    dav = f"{server.url}/remote.php/dav"
    user = urllib.parse.quote(member.user)
    for check in checks:
        if check["type"] == "folder-exists":
            parts = [p for p in check["path"].split("/") if p]
            for i in range(1, len(parts) + 1):
                where = "/".join(urllib.parse.quote(p) for p in parts[:i])
                status, body = _request("MKCOL", f"{dav}/files/{user}/{where}", member.user, member.password)
                assert status in (201, 405), f"MKCOL {where}: HTTP {status}: {body[:200]!r}"
            made.append(f"folder {check['path']}")
        elif check["type"] == "calendar-exists":
            name = check.get("name") or "Passerelle"
            slug = f"passerelle-{secrets.token_hex(3)}"
            xml = (
                '<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                f"<d:set><d:prop><d:displayname>{name}</d:displayname></d:prop></d:set></c:mkcalendar>"
            ).encode()
            status, body = _request(
                "MKCALENDAR",
                f"{dav}/calendars/{user}/{slug}/",
                member.user,
                member.password,
                xml,
                {"Content-Type": "application/xml"},
            )
            assert status == 201, f"MKCALENDAR {slug}: HTTP {status}: {body[:200]!r}"
            made.append(f"calendar {name}")
    return made
