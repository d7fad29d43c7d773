#!/usr/bin/env python3
"""A loopback Nextcloud test double for Passerelle's end-to-end tests.

It **replays real captures from Nextcloud 29.0.6** (``../shared/nextcloud-captures/``, see the
README there): status line, header order and spelling (``Content-type`` vs ``Content-Type``) and
body bytes are the server's own. Only what must change is changed:

- the capture base URL ``http://127.0.0.1:8080`` (also JSON-escaped, and the ``Host`` header)
  becomes the double's own base URL;
- placeholders get fresh values (``<REDACTED>`` cookies, ``<INSTANCE_ID>``, CSP nonce, Login Flow
  tokens, the app password issued by the Login Flow); ``Date`` is now;
- ``Content-Length`` is recomputed when the capture had one (captures without one stay delimited
  by the connection close, as the server sent them; every connection is closed);
- the ``theming`` block of capabilities is overridden with a distinctive space
  (:data:`THEME_NAME`, :data:`THEME_COLOR`, a logo served by the double at ``/themed/logo.svg``)
  and the capabilities ``ETag`` recomputed.

Modes: ``normal`` (status, OCS, Login Flow v2, app password revocation, a WebDAV PROPFIND),
``maintenance`` (the maintenance captures) and ``not-nextcloud`` (an association's plain website).
Order of checks on OCS, as on the real server: maintenance → bad credentials (401, OCS *XML*
even for ``format=json``) → missing ``OCS-APIRequest: true`` (412) → the route.

Members: the captured server's accounts ``admin`` (group ``admin``), ``alice``, ``bob``, ``carol``
(group ``asso``), each with a static app password (:data:`ADMIN_APP_PASSWORD`,
:data:`ALICE_APP_PASSWORD`, :data:`BOB_APP_PASSWORD`, :data:`CAROL_APP_PASSWORD`;
``NextcloudDouble.app_password(user)``), plus every app password issued by a granted Login Flow.
``DELETE /ocs/v2.php/core/apppassword`` revokes the password used for it. A member disabled
through OCS gets the wrong-password 401s from then on.

Login passwords (:data:`LOGIN_PASSWORDS`) work like on the real server: any request accepts them
(credential label ``"login"`` in the log), and ``GET /ocs/v2.php/core/getapppassword`` exchanges
one for a new app password (``ocs-getapppassword-carol-200``, label ``"exchanged-N"``, listed in
:attr:`NextcloudDouble.exchanged_app_passwords`) while an app password gets the captured 403
(``ocs-getapppassword-with-app-password-403``). For the members in
:attr:`NextcloudDouble.two_factor` the login password is dropped unchecked, as Nextcloud does
when two-factor authentication is on: OCS answers ``ocs-user-no-auth-401`` (what 29.0.6 and
32.0.2 answered on the lab servers in that case).

OCS per user (all built from captures): ``cloud/user`` (v1 and v2) is alice's capture with the
signed-in member's identity fields (id, display names, e-mail, groups, last login, quota) taken
from the captured user set (admin's ``cloud/users/details``, kept in :attr:`NextcloudDouble.users`;
alice's own answer is her capture byte for byte); capabilities are alice's for every member (they
hold no identity). Admin only (others get the captured 403 ``ocs-alice-users-list-403``):
``GET cloud/users`` and ``cloud/users/details`` with ``search`` (case-insensitive, in id, display
name, e-mail), ``offset`` and ``limit`` applied by the double over the captured user set in the
server's order, ``cloud/groups``, ``cloud/groups/{g}/users/details`` (same filters), and
``PUT cloud/users/{id}/disable`` / ``enable`` (OCS 200 with empty data, the shape of the closest
capture; recorded in :attr:`NextcloudDouble.disabled` and the user's ``enabled``).
``cloud/users/{id}`` answers admins, and members about themselves (else the captured 404).

Real WebDAV (``NextcloudDouble(webdav=True)``): ``start()`` also starts one ``rclone serve webdav``
with the base URL ``/remote.php/dav/files`` over a fresh folder holding one sub-folder per member
(``nc.files_of(user)``; :attr:`NextcloudDouble.files_dir` is alice's), and ``stop()`` stops it.
Every request under ``/remote.php/dav/files/<user>/`` (any method: PROPFIND, MKCOL, PUT, GET,
MOVE, COPY, DELETE…) is then forwarded to it with its headers (``Depth``, ``Overwrite``…; the
``Destination`` host is rewritten to rclone's) once the double has checked the credentials as
Nextcloud does (401 captures for none, wrong or revoked ones) and only when ``<user>`` is the
authenticated member: another member's path, or a ``Destination`` outside one's own space, gets
the 404 capture and never reaches rclone. Answers are rclone's own (Go's ``x/net/webdav``), not
Nextcloud's: no ``oc:``/``nc:`` properties. Without ``webdav=True`` only the captured root
PROPFIND of alice is answered. Tests act "as the person did in their browser" by sending MKCOL,
PUT or MOVE through the double, or look at the files in ``nc.files_of(user)``. Chunked upload v2
(``/remote.php/dav/uploads/<user>/…``: MKCOL, numbered PUTs, MOVE ``.file``, DELETE; Passerelle
uses it above 10 MiB) is served by the double, which PUTs the assembled file to rclone; answers
replay the ``chunked-upload-v2-*`` captures. ``X-OC-MTime`` on a PUT (or the chunked MOVE) is
applied by the double to the file rclone wrote (rclone 1.60 ignores it), answered
``X-OC-MTime: accepted`` as Nextcloud does.

Real calendars and address books (``NextcloudDouble(dav=True)``, independent of ``webdav``):
``start()`` also starts Radicale (``auth type = none``) and the double forwards
``/remote.php/dav/calendars/<user>/…`` and ``/remote.php/dav/addressbooks/users/<user>/…`` of
the authenticated member to it (same checks and 404 as for files), sending Basic ``<user>:x``
upstream. Radicale keeps calendars in its ``/calendars/<user>/`` tree and address books in
``/addressbooks/users/<user>/`` (plain collections made at start), so a calendar home lists only
calendars and an address-book home only address books; the double strips ``/remote.php/dav`` and
sends ``X-Script-Name: /remote.php/dav``, which Radicale writes in front of every href: hrefs are
Nextcloud's (``/remote.php/dav/calendars/alice/personal/``), and the owner and current-user
principal hrefs are rewritten to Nextcloud's ``/remote.php/dav/principals/users/<user>/`` (so
Passerelle sees the member's own collections as owned). Properties are Radicale's (no
``oc:``/``nc:`` ones: no shares, no trash bin, no birthday calendar). Principals
(``/remote.php/dav/principals/…``) are not served: Passerelle builds the homes from the user id.
Test helpers (straight to Radicale, not logged): ``make_calendar(user, uri, name, color,
events=[ics…])``, ``make_address_book(user, uri, name, cards=[vcf…])`` (objects stored as
``<UID>.ics``/``.vcf``), ``calendar_uids(user, uri)``, ``card_uids(user, uri)``,
``calendars_of(user)``, ``address_books_of(user)`` (read from Radicale's storage).

Framasoft's OwnershipTransfer app (``NextcloudDouble(ownership_transfer=True)``): its read-only
lists ``GET apps/ownershiptransfer/calendarlist``, ``addressbookslist`` and ``nodelist[/<dir>]``
answer admins with carol's captures (whatever the ``userId``) and others with the captured 403;
its transfer routes are not served. Without the option they are unknown OCS routes (404), as on
a server without the app.

The sharing OCS API is not served (answers the OCS 404 of an unknown route), so a hand-over must
not pick Passerelle's copy through a share or Nextcloud's own transfer: with
``apps_off=("files_sharing", "notifications")`` those capability blocks are left out of the
capabilities answers and Passerelle's ``auto`` picks the streamed copy, which the double serves
end to end (files, calendars, address books).

Stopping a transfer in the middle, deterministically: ``nc.hold(("PUT",), after=3)`` lets the
first 3 PUTs to the real servers through and keeps the next ones waiting in the double;
``nc.wait_held()`` returns once one waits (no sleep); ``nc.release(forward=False)`` answers them
503 without writing anything (e.g. after killing the app), ``nc.release()`` lets them through.
The log marks dropped ones with ``held: "dropped"``.

Processes: rclone and Radicale are waited for on their ports (no fixed sleeps), stopped by
``stop()`` each by its PID, their temporary folder removed; on Linux they also get SIGTERM from
the kernel if the thread that started them dies (``PR_SET_PDEATHSIG``: start the double from a
thread that lives as long as it, e.g. the test's main thread), and ``stop()`` runs at exit if a
test forgot it.

Login Flow v2: the flow is granted when something GETs its login URL (what a person does in the
browser; the double answers a tiny "Access granted" page) or by ``POST /__control/grant``.

Control endpoints (never logged, available in every mode):
``GET /__control/log`` (JSON list of requests seen), ``DELETE /__control/log``,
``POST /__control/grant`` (latest pending flow), ``GET /__control/state``,
``POST /__control/mode`` (body ``mode=maintenance`` …), ``POST /__control/login-as`` (body
``user=bob``: every Login Flow granted from then on, until the next call, issues an app password
for that member and its poll answer's ``loginName`` is theirs; alice by default; also
``nc.login_as("bob")``).

The request log has, per request: ``method``, ``path``, ``query``, ``ocs_apirequest``, ``auth``
(None, "ok", "wrong", "revoked", "password-forbidden"), ``auth_user``, ``credential`` (which
app password: "static", "loginflow-N", "exchanged-N", or "login" for a login password), ``depth``, ``destination``, ``user_agent``, ``status``, ``capture`` (the capture
replayed, or ``"rclone"`` / ``"radicale"`` for a forwarded request) and ``time``.

In-process use::

    with NextcloudDouble(mode="normal", webdav=True, dav=True) as nc:
        nc.base_url         # http://127.0.0.1:<port>
        nc.files_of("bob")  # bob's files, served over WebDAV
        nc.login_as("admin")
        nc.make_calendar("carol", "reunions", "Réunions", "#0082c9", events=[ics])

Manual use::

    python3 tests/e2e/nextcloud_double.py --port 8099 --mode normal [--webdav] [--dav]

Standard library only (plus the Debian ``rclone`` and ``radicale`` programs).
"""

from __future__ import annotations

import argparse
import atexit
import base64
import copy
import ctypes
import email.utils
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

CAPTURES = Path(
    os.environ.get("PASSERELLE_NC_CAPTURES")
    or Path(__file__).resolve().parents[2] / ".." / "shared" / "nextcloud-captures"
)
CAPTURE_BASE = "http://127.0.0.1:8080"
CAPTURE_HOST = "127.0.0.1:8080"

MODES = ("normal", "maintenance", "not-nextcloud")

# The captured server's accounts (README of the captures): admin (group admin), alice, bob,
# carol (group asso). Each has one static app password known to the double.
ADMIN, ALICE, BOB, CAROL = "admin", "alice", "bob", "carol"
MEMBERS = (ADMIN, ALICE, BOB, CAROL)
ADMIN_APP_PASSWORD = "ADMIN-APP-PASSWORD-0123456789"
ALICE_APP_PASSWORD = "ALICE-APP-PASSWORD-0123456789"
BOB_APP_PASSWORD = "BOB-APP-PASSWORD-0123456789"
CAROL_APP_PASSWORD = "CAROL-APP-PASSWORD-0123456789"
APP_PASSWORDS = {ADMIN: ADMIN_APP_PASSWORD, ALICE: ALICE_APP_PASSWORD, BOB: BOB_APP_PASSWORD,
                 CAROL: CAROL_APP_PASSWORD}
# Their login passwords (the ones typed on the login page). Nextcloud accepts them over Basic
# auth too, unless the member has two-factor authentication (`NextcloudDouble.two_factor`).
LOGIN_PASSWORDS = {user: f"{user}-login-password-Zq7" for user in MEMBERS}
ADMIN_GROUP = "admin"
# The captured user set (admin's `GET cloud/users/details`): identities, groups, quotas.
USERS_CAPTURE = "ocs-admin-users-details"

THEME_NAME = "Asso des Essais"
THEME_COLOR = "#7a1f5c"
THEME_SLOGAN = "L’espace de test de Passerelle"
LOGO_PATH = "/themed/logo.svg"
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
    '<rect width="64" height="64" rx="12" fill="#7a1f5c"/>'
    '<path d="M14 44 L32 16 L50 44 Z" fill="none" stroke="#ffffff" stroke-width="5" '
    'stroke-linejoin="round"/></svg>\n'
).encode()

GRANT_PAGE = (
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Access granted</title>"
    "</head><body><h1>Access granted — you can go back to Passerelle</h1>"
    "<p>Nextcloud test double: this Login Flow is now granted.</p></body></html>\n"
).encode()

# The real 503 page is a 10,001-byte template that was not captured; this is a short stand-in
# with the template's wording.
MAINTENANCE_PAGE = (
    "<!DOCTYPE html>\n<html class=\"ng-csp\" data-placeholder-focus=\"false\" lang=\"en\" >\n"
    "<head><meta charset=\"utf-8\"><title>Nextcloud</title></head>\n<body id=\"body-login\">\n"
    "<div class=\"guest-box\"><h2>Maintenance mode</h2>\n"
    "<p>This Nextcloud instance is currently in maintenance mode, which may take a while.</p>\n"
    "<p>This page will refresh itself when the instance is available again.</p>\n"
    "<p>Contact your system administrator if this message persists or appeared unexpectedly.</p>\n"
    "</div></body></html>\n"
).encode()

NOT_NEXTCLOUD_PAGE = (
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Our association</title></head><body>"
    "<h1>Welcome to our association's website</h1>"
    "<p>News, events and how to join us.</p></body></html>\n"
).encode()

NOT_FOUND_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>"
    "<h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n"
).encode()

# Real WebDAV behind the double (webdav=True): every member's files, served by one rclone.
DAV_ROOT = "/remote.php/dav"
FILES_PREFIX = "/remote.php/dav/files/"
UPLOADS_PREFIX = "/remote.php/dav/uploads/"  # chunked upload v2 (webdav=True)
# Real CalDAV/CardDAV behind the double (dav=True): Radicale, below DAV_ROOT.
CALENDARS_PREFIX = "/remote.php/dav/calendars/"
ADDRESSBOOKS_PREFIX = "/remote.php/dav/addressbooks/users/"
WEBDAV_START_TIMEOUT = 20.0  # seconds for rclone (or Radicale) to open its port
WEBDAV_FORWARD_TIMEOUT = 60.0
# Not passed on to rclone: hop-by-hop headers, the credentials (checked by the double) and the
# ones http.client sets itself from the body.
_NOT_FORWARDED = {
    "authorization", "connection", "content-length", "expect", "host", "keep-alive",
    "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade",
}
_NOT_RETURNED = {"connection", "content-length", "keep-alive", "transfer-encoding"}

_ALNUM = string.ascii_letters + string.digits


def _random(n: int, alphabet: str = _ALNUM) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def php_json(value) -> bytes:
    """JSON the way PHP's json_encode writes it (compact, ASCII, escaped slashes)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/").encode()


# --------------------------------------------------------------------------------------------
# Child processes (rclone, Radicale)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the child gets SIGTERM when the thread that started it dies, so even a test
    process killed with SIGKILL leaves no server behind (stop() is the normal way)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _spawn(cmd: list[str], log_path: Path) -> subprocess.Popen:
    log = open(log_path, "wb")  # noqa: SIM115 - the child writes it until stop()
    try:
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, preexec_fn=preexec)
    finally:
        log.close()


def _wait_for_port(proc: subprocess.Popen, port: int, what: str, cmd: list[str],
                   log_path: Path) -> None:
    """Waits (bounded) until the child accepts connections on `port`; else stops it and says why."""
    deadline = time.monotonic() + WEBDAV_START_TIMEOUT
    while True:
        if proc.poll() is not None:
            problem = f"exited with code {proc.returncode}"
        elif time.monotonic() > deadline:
            problem = f"did not open port {port} within {WEBDAV_START_TIMEOUT:.0f} s"
        else:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)  # polling interval, not synchronisation
                continue
        _stop_process(proc)
        tail = log_path.read_text("utf-8", "replace")[-2000:] if log_path.exists() else ""
        raise RuntimeError(f"{what} {problem}: {' '.join(cmd)}\n{tail}")


def _stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------------------------
# Captures


@dataclass(frozen=True)
class Capture:
    name: str
    status_line: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def status(self) -> int:
        return int(self.status_line.split(" ", 2)[1])

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


_cache: dict[str, Capture] = {}
_cache_lock = threading.Lock()


def load_capture(name: str, captures: Path = CAPTURES) -> Capture:
    """Read one capture folder (status line, ordered headers, body bytes)."""
    key = f"{captures}::{name}"
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    folder = captures / name
    raw = (folder / "response.headers").read_bytes().decode("latin-1")
    lines = [line for line in raw.split("\r\n") if line]
    headers = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.append((k, v.strip()))
    body_file = folder / "response.body"
    body = body_file.read_bytes() if body_file.exists() else b""
    cap = Capture(name, lines[0], tuple(headers), body)
    with _cache_lock:
        _cache[key] = cap
    return cap


# --------------------------------------------------------------------------------------------
# State


@dataclass
class Flow:
    poll_token: str
    login_token: str
    base_url: str
    created: float = field(default_factory=time.time)
    granted: bool = False
    consumed: bool = False
    app_password: str | None = None
    user: str = ALICE  # whose app password the grant issues (see NextcloudDouble.login_as)

    @property
    def login_url(self) -> str:
        return f"{self.base_url}/index.php/login/v2/flow/{self.login_token}"


@dataclass
class Response:
    status_line: str
    headers: list[tuple[str, str]]
    body: bytes
    capture: str | None = None

    @property
    def status(self) -> int:
        return int(self.status_line.split(" ", 2)[1])


class NextcloudDouble:
    """The double: a threaded HTTP server on loopback plus its state. Thread-safe."""

    def __init__(self, mode: str = "normal", host: str = "127.0.0.1", port: int = 0,
                 captures: Path = CAPTURES, webdav: bool = False, dav: bool = False,
                 apps_off: tuple[str, ...] = (), ownership_transfer: bool = False):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {MODES}")
        if not (captures / "README.md").exists():
            raise FileNotFoundError(f"Nextcloud captures not found at {captures}")
        self.mode = mode
        self.captures = captures
        self._host, self._port = host, port
        self._lock = threading.RLock()
        self._log: list[dict] = []
        self.flows: list[Flow] = []
        # app password -> (user, credential label)
        self.app_passwords: dict[str, tuple[str, str]] = {
            secret: (user, "static") for user, secret in APP_PASSWORDS.items()}
        self.revoked: set[str] = set()
        self.issued_app_passwords: list[str] = []
        self.exchanged_app_passwords: list[str] = []
        # Members whose login password is refused in apps (two-factor authentication).
        self.two_factor: set[str] = set()
        self.instance_id = "oc" + _random(10, string.ascii_lowercase + string.digits)
        # The captured user set, in the server's order (by id). Tests may change a record
        # (e.g. an e-mail) before the requests; `enabled` follows PUT …/disable and …/enable.
        users = json.loads(load_capture(USERS_CAPTURE, captures).body)["ocs"]["data"]["users"]
        self.users: dict[str, dict] = users
        self.disabled: list[str] = []  # users disabled through OCS, in order
        self._login_as = ALICE
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.webdav = webdav
        self.dav = dav
        # Capability blocks left out of the capabilities answers (see the module docstring).
        self.apps_off = tuple(apps_off)
        # Framasoft's OwnershipTransfer app (see the module docstring): its read-only lists.
        self.ownership_transfer = ownership_transfer
        self._root: Path | None = None  # temporary folder of the real servers
        self._hold: dict | None = None  # see hold()
        self._hold_cond = threading.Condition(self._lock)
        self._procs: dict[str, subprocess.Popen] = {}  # "rclone"/"radicale" -> process
        self._webdav_port: int | None = None
        self._dav_port: int | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> "NextcloudDouble":
        double = self

        class Handler(_Handler):
            pass

        Handler.double = double
        try:
            if self.webdav or self.dav:
                self._root = Path(tempfile.mkdtemp(prefix="nextcloud-double-"))
            if self.webdav:
                self._start_webdav()
            if self.dav:
                self._start_radicale()
            self._server = ThreadingHTTPServer((self._host, self._port), Handler)
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)  # a test that forgets stop() still leaves nothing behind
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"nextcloud-double-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops the HTTP server and every process started (each by its own PID), then
        removes the temporary folder. Safe to call more than once."""
        atexit.unregister(self.stop)
        self.release(forward=False)  # held requests would keep the server from shutting down
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        for name in list(self._procs):
            _stop_process(self._procs.pop(name))
        self._webdav_port = self._dav_port = None
        root, self._root = self._root, None
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    def _start_webdav(self) -> None:
        """Starts one `rclone serve webdav` over `files/` (one sub-folder per member) with the
        base URL ``/remote.php/dav/files``, and waits (bounded) for its port."""
        exe = shutil.which("rclone")
        if exe is None:
            raise RuntimeError("rclone is missing: the double's real WebDAV (webdav=True) runs "
                               "`rclone serve webdav`; install it with `apt-get install rclone`")
        root = self._root
        for user in MEMBERS:
            (root / "files" / user).mkdir(parents=True)
        (root / "rclone.conf").touch()  # no remote is configured: keeps rclone off ~/.config
        port = _free_port()
        cmd = [exe, "serve", "webdav", str(root / "files"),
               "--addr", f"127.0.0.1:{port}",
               "--baseurl", FILES_PREFIX.rstrip("/"),
               # Files made on disk by a test are seen at once, not after rclone's cache time.
               "--dir-cache-time", "0s",
               "--config", str(root / "rclone.conf")]
        self._procs["rclone"] = _spawn(cmd, root / "rclone.log")
        _wait_for_port(self._procs["rclone"], port, "rclone serve webdav", cmd, root / "rclone.log")
        self._webdav_port = port

    def _start_radicale(self) -> None:
        """Starts Radicale (no authentication: the double checks the credentials and sends the
        user name upstream) storing its collections under `radicale/`. Calendars live in
        Radicale's ``/calendars/<user>/`` tree and address books in ``/addressbooks/users/<user>/``
        (plain collections made on disk here, one per member), so a home lists only its own
        kind, and with ``X-Script-Name: /remote.php/dav`` Radicale's hrefs are Nextcloud's."""
        exe = shutil.which("radicale")
        if exe is None:
            raise RuntimeError("radicale is missing: the double's real CalDAV/CardDAV (dav=True) "
                               "runs Radicale; install it with `apt-get install radicale`")
        root = self._root
        storage = root / "radicale"
        for user in MEMBERS:
            (storage / "collection-root" / "calendars" / user).mkdir(parents=True)
            (storage / "collection-root" / "addressbooks" / "users" / user).mkdir(parents=True)
        # Each user may read the tree down to their homes and read/write below their own homes
        # (the double already forwards only a user's own homes; this is a second fence).
        (root / "radicale.rights").write_text(
            "[own]\nuser: .+\n"
            "collection: (|calendars|addressbooks|addressbooks/users|"
            "calendars/{user}(/.*)?|addressbooks/users/{user}(/.*)?)\n"
            "permissions: RrWw\n")
        port = _free_port()
        (root / "radicale.conf").write_text(
            f"[server]\nhosts = 127.0.0.1:{port}\n\n[auth]\ntype = none\n\n"
            f"[rights]\ntype = from_file\nfile = {root / 'radicale.rights'}\n\n"
            f"[storage]\nfilesystem_folder = {storage}\n\n[web]\ntype = none\n\n"
            "[logging]\nlevel = warning\n")
        cmd = [exe, "--config", str(root / "radicale.conf")]
        self._procs["radicale"] = _spawn(cmd, root / "radicale.log")
        _wait_for_port(self._procs["radicale"], port, "radicale", cmd, root / "radicale.log")
        self._dav_port = port

    @property
    def files_dir(self) -> Path:
        """The folder rclone serves as alice's files (``webdav=True`` only)."""
        return self.files_of(ALICE)

    def files_of(self, user: str) -> Path:
        """The folder rclone serves as this member's files (``webdav=True`` only)."""
        if self._webdav_port is None or self._root is None:
            raise RuntimeError("no real WebDAV: start the double with webdav=True")
        if user not in MEMBERS:
            raise ValueError(f"unknown member {user!r}; one of {MEMBERS}")
        return self._root / "files" / user

    @property
    def webdav_url(self) -> str:
        """rclone's own address (tests go through :attr:`base_url`, as the app does)."""
        if self._webdav_port is None:
            raise RuntimeError("no real WebDAV: start the double with webdav=True")
        return f"http://127.0.0.1:{self._webdav_port}"

    @property
    def dav_url(self) -> str:
        """Radicale's own address (tests go through :attr:`base_url`, as the app does)."""
        if self._dav_port is None:
            raise RuntimeError("no real CalDAV/CardDAV: start the double with dav=True")
        return f"http://127.0.0.1:{self._dav_port}"

    # -- calendars and address books for tests (dav=True) -------------------------------------
    #
    # They talk to Radicale directly (as the member, with the same X-Script-Name as the
    # double's forwarding), so they leave nothing in the double's request log.

    def _radicale(self, user: str, method: str, dav_path: str, body: str = "",
                  headers: dict[str, str] | None = None) -> Reply:
        if self._dav_port is None:
            raise RuntimeError("no real CalDAV/CardDAV: start the double with dav=True")
        if user not in MEMBERS:
            raise ValueError(f"unknown member {user!r}; one of {MEMBERS}")
        assert dav_path.startswith(DAV_ROOT + "/")
        h = {"Authorization": basic(user, "x"), "X-Script-Name": DAV_ROOT, **(headers or {})}
        return fetch(self.dav_url + quote(dav_path[len(DAV_ROOT):]), method, headers=h,
                     body=body.encode())

    def _collection_dir(self, prefix: str, user: str, uri: str) -> Path:
        if self._root is None or self._dav_port is None:
            raise RuntimeError("no real CalDAV/CardDAV: start the double with dav=True")
        rel = (prefix + f"{user}/{uri}")[len(DAV_ROOT) + 1:]
        folder = self._root / "radicale" / "collection-root" / rel
        if not folder.is_dir() or "/" in uri or uri.startswith("."):
            raise FileNotFoundError(f"no collection {prefix}{user}/{uri}/")
        return folder

    def _fill(self, user: str, path: str, objects, ext: str, content_type: str) -> None:
        for text in objects:
            uid = _uids(text)[0] if _uids(text) else _random(12)
            r = self._radicale(user, "PUT", f"{path}{_object_name(uid)}.{ext}", text,
                               {"Content-Type": content_type, "If-None-Match": "*"})
            if r.status not in (201, 204):
                raise RuntimeError(f"Radicale refused an object in {path}: {r.status} "
                                   f"{r.body[:300]!r}")

    def make_calendar(self, user: str, uri: str, name: str, color: str | None = None,
                      events=()) -> str:
        """Creates the member's calendar `uri` (display name, colour) holding `events` (iCalendar
        texts, each stored as ``<UID>.ics``); returns its Nextcloud URL on the double."""
        path = f"{CALENDARS_PREFIX}{user}/{uri}/"
        props = f"<d:displayname>{_xml(name)}</d:displayname>"
        if color:
            props += f"<a:calendar-color>{_xml(color)}</a:calendar-color>"
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" '
                'xmlns:a="http://apple.com/ns/ical/">'
                f"<d:set><d:prop>{props}</d:prop></d:set></c:mkcalendar>")
        r = self._radicale(user, "MKCALENDAR", path, body,
                           {"Content-Type": "application/xml; charset=utf-8"})
        if r.status != 201:
            raise RuntimeError(f"Radicale refused calendar {path}: {r.status} {r.body[:300]!r}")
        self._fill(user, path, events, "ics", "text/calendar; charset=utf-8")
        return self.base_url + path

    def make_address_book(self, user: str, uri: str, name: str, cards=()) -> str:
        """Creates the member's address book `uri` holding `cards` (vCard texts, each stored as
        ``<UID>.vcf``); returns its Nextcloud URL on the double."""
        path = f"{ADDRESSBOOKS_PREFIX}{user}/{uri}/"
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">'
                "<d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/>"
                f"</d:resourcetype><d:displayname>{_xml(name)}</d:displayname>"
                "</d:prop></d:set></d:mkcol>")
        r = self._radicale(user, "MKCOL", path, body,
                           {"Content-Type": "application/xml; charset=utf-8"})
        if r.status != 201:
            raise RuntimeError(f"Radicale refused address book {path}: {r.status} "
                               f"{r.body[:300]!r}")
        self._fill(user, path, cards, "vcf", "text/vcard; charset=utf-8")
        return self.base_url + path

    def calendar_uids(self, user: str, uri: str) -> list[str]:
        """The UIDs of the events, tasks and journal entries in the member's calendar, sorted,
        read from Radicale's storage (one file per object)."""
        return _stored_uids(self._collection_dir(CALENDARS_PREFIX, user, uri))

    def card_uids(self, user: str, uri: str) -> list[str]:
        """The UIDs of the cards in the member's address book, sorted, read from Radicale's
        storage."""
        return _stored_uids(self._collection_dir(ADDRESSBOOKS_PREFIX, user, uri))

    def calendars_of(self, user: str) -> list[str]:
        """The uris of the member's calendars (Radicale's storage), sorted."""
        return self._collections(CALENDARS_PREFIX, user)

    def address_books_of(self, user: str) -> list[str]:
        """The uris of the member's address books (Radicale's storage), sorted."""
        return self._collections(ADDRESSBOOKS_PREFIX, user)

    def _collections(self, prefix: str, user: str) -> list[str]:
        if self._root is None or self._dav_port is None:
            raise RuntimeError("no real CalDAV/CardDAV: start the double with dav=True")
        home = self._root / "radicale" / "collection-root" / (prefix + user)[len(DAV_ROOT) + 1:]
        return sorted(p.name for p in home.iterdir() if p.is_dir() and not p.name.startswith("."))

    def __enter__(self) -> "NextcloudDouble":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}"

    # -- state helpers for tests --------------------------------------------------------------

    def log(self) -> list[dict]:
        with self._lock:
            return [dict(e) for e in self._log]

    def clear_log(self) -> None:
        with self._lock:
            self._log.clear()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        with self._lock:
            self.mode = mode

    def latest_flow(self) -> Flow | None:
        with self._lock:
            return self.flows[-1] if self.flows else None

    def grant_latest(self) -> Flow | None:
        """Grant the most recent flow not granted yet (like a person clicking "Grant access")."""
        with self._lock:
            for flow in reversed(self.flows):
                if not flow.granted:
                    self._grant(flow)
                    return flow
            return None

    def _grant(self, flow: Flow) -> None:
        flow.granted = True
        if flow.app_password is None:
            flow.user = self._login_as
            flow.app_password = _random(72)
            label = f"loginflow-{len(self.issued_app_passwords) + 1}"
            self.app_passwords[flow.app_password] = (flow.user, label)
            self.issued_app_passwords.append(flow.app_password)

    # -- holding requests to the real servers (e.g. to stop a transfer in the middle) --------

    def hold(self, methods=("PUT",), after: int = 0) -> None:
        """From now on, requests with one of `methods` that would reach the real servers
        (files, chunked uploads, calendars, contacts) pass for the first `after` of them, then
        wait in the double until :meth:`release`. With :meth:`wait_held` a test knows, without
        sleeping, that a transfer is stuck in the middle (e.g. to kill the app then)."""
        with self._lock:
            self._hold = {"methods": {m.upper() for m in methods}, "left": after, "held": 0,
                          "passed": 0, "released": None}

    def wait_held(self, count: int = 1, timeout: float = 30.0) -> int:
        """Waits (bounded) until at least `count` requests are held; returns how many."""
        with self._hold_cond:
            ok = self._hold_cond.wait_for(
                lambda: self._hold is not None and self._hold["held"] >= count, timeout)
            if not ok:
                passed = self._hold["passed"] if self._hold else 0
                raise TimeoutError(f"no request held within {timeout} s ({passed} passed)")
            return self._hold["held"]

    def release(self, forward: bool = True) -> None:
        """Ends the hold: held requests go on to the real servers (`forward`) or are answered
        503 without reaching them (their client is gone, e.g. a killed app: nothing lands)."""
        with self._hold_cond:
            if self._hold is not None:
                self._hold["released"] = forward
                self._hold_cond.notify_all()
            self._hold = None

    def _pass_hold(self, method: str) -> bool:
        with self._hold_cond:
            hold = self._hold
            if hold is None or method.upper() not in hold["methods"]:
                return True
            if hold["left"] > 0:
                hold["left"] -= 1
                hold["passed"] += 1
                return True
            hold["held"] += 1
            self._hold_cond.notify_all()
            self._hold_cond.wait_for(lambda: hold["released"] is not None)
            return bool(hold["released"])

    def login_as(self, user: str) -> None:
        """Who signs in in the browser: every Login Flow granted from now on (until the next
        call) issues an app password for `user`, and its poll answer's ``loginName`` is `user`.
        Alice until told otherwise. Same as ``POST /__control/login-as`` (body ``user=bob``)."""
        if user not in MEMBERS:
            raise ValueError(f"unknown member {user!r}; one of {MEMBERS}")
        with self._lock:
            self._login_as = user

    @staticmethod
    def app_password(user: str) -> str:
        """The member's static app password (valid from the start, like alice's)."""
        if user not in APP_PASSWORDS:
            raise ValueError(f"unknown member {user!r}; one of {MEMBERS}")
        return APP_PASSWORDS[user]

    def is_admin(self, user: str | None) -> bool:
        record = self.users.get(user or "")
        return record is not None and ADMIN_GROUP in record.get("groups", [])

    def state(self) -> dict:
        with self._lock:
            return {
                "mode": self.mode,
                "base_url": self.base_url,
                "flows": [
                    {"login": f.login_url, "granted": f.granted, "consumed": f.consumed,
                     "app_password_issued": f.app_password is not None}
                    for f in self.flows
                ],
                "issued_app_passwords": list(self.issued_app_passwords),
                "exchanged_app_passwords": list(self.exchanged_app_passwords),
                "revoked_count": len(self.revoked),
                "files_dir": str(self.files_dir) if self._webdav_port is not None else None,
                "login_as": self._login_as,
                "disabled": list(self.disabled),
                "dav_url": self.dav_url if self._dav_port is not None else None,
            }

    def check_credentials(self, authorization: str | None) -> tuple[str | None, str | None, str | None]:
        """(result, user, label): result None (no credentials), "ok", "wrong", "revoked" or
        "password-forbidden" (a right login password of a member with two-factor)."""
        if not authorization:
            return None, None, None
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "basic":
            return "wrong", None, None
        try:
            user, _, secret = base64.b64decode(value.strip(), validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return "wrong", None, None
        with self._lock:
            if secret in self.revoked:
                return "revoked", user, None
            known = self.app_passwords.get(secret)
            member = user.lower()
            if known is None and LOGIN_PASSWORDS.get(member) == secret:
                if member in self.two_factor:
                    return "password-forbidden", user, None
                known = (member, "login")
        if known is None or known[0].lower() != user.lower():
            return "wrong", user, None
        with self._lock:
            record = self.users.get(known[0])
            if record is not None and record.get("enabled") is False:
                # A disabled account cannot sign in any more: Nextcloud answers 401 as for a
                # wrong password (the double reuses the wrong-password captures).
                return "wrong", user, None
        return "ok", known[0], known[1]

    # -- responses ----------------------------------------------------------------------------

    def replay(self, name: str, base_url: str, *, body: bytes | None = None,
               extra: dict[str, bytes] | None = None) -> Response:
        """A capture with the base URL, placeholders, Date and Content-Length brought up to date."""
        cap = load_capture(name, self.captures)
        host = urlsplit(base_url).netloc
        data = cap.body if body is None else body
        data = data.replace(CAPTURE_BASE.encode(), base_url.encode())
        data = data.replace(CAPTURE_BASE.replace("/", "\\/").encode(), base_url.replace("/", "\\/").encode())
        data = data.replace(b"<INSTANCE_ID>", self.instance_id.encode())
        for placeholder, value in (extra or {}).items():
            data = data.replace(placeholder.encode(), value)
        headers = []
        for k, v in cap.headers:
            lk = k.lower()
            v = v.replace(CAPTURE_BASE, base_url).replace(CAPTURE_HOST, host)
            v = v.replace("<INSTANCE_ID>", self.instance_id)
            while "<REDACTED>" in v:
                v = v.replace("<REDACTED>", _random(26, string.ascii_lowercase + string.digits), 1)
            v = v.replace("<CSP_NONCE_REQUEST_TOKEN>",
                          base64.b64encode(secrets.token_bytes(48)).decode())
            if lk == "date":
                v = email.utils.formatdate(usegmt=True)
            elif lk == "content-length":
                v = str(len(data))
            elif lk == "etag" and body is not None:
                v = '"' + hashlib.md5(data).hexdigest() + '"'
            headers.append((k, v))
        return Response(cap.status_line, headers, data, name)

    def themed_capabilities(self, name: str, base_url: str) -> Response:
        cap = load_capture(name, self.captures)
        doc = json.loads(cap.body)
        theming = doc["ocs"]["data"]["capabilities"]["theming"]
        logo = f"{CAPTURE_BASE}{LOGO_PATH}"  # rewritten to the double's base by replay()
        theming.update({
            "name": THEME_NAME,
            "url": CAPTURE_BASE,
            "slogan": THEME_SLOGAN,
            "color": THEME_COLOR,
            "color-text": "#ffffff",
            "color-element": THEME_COLOR,
            "color-element-bright": THEME_COLOR,
            "color-element-dark": THEME_COLOR,
            "logo": logo,
            "background": THEME_COLOR,
            "background-plain": True,
            "logoheader": logo,
            "favicon": logo,
        })
        for app in self.apps_off:
            doc["ocs"]["data"]["capabilities"].pop(app, None)
        return self.replay(name, base_url, body=php_json(doc))

    # -- routing ------------------------------------------------------------------------------

    def route(self, method: str, target: str, headers, body: bytes, base_url: str) -> tuple[Response, dict]:
        """Answer one request; returns the response and facts for the log."""
        url = urlsplit(target)
        path = url.path
        query = parse_qs(url.query)
        auth, user, label = self.check_credentials(headers.get("Authorization"))
        facts = {
            "method": method,
            "path": path,
            "query": url.query,
            "ocs_apirequest": headers.get("OCS-APIRequest") == "true",
            "auth": auth,
            "auth_user": user,
            "credential": label,
            "depth": headers.get("Depth"),
            "destination": headers.get("Destination"),
            "user_agent": headers.get("User-Agent"),
        }
        with self._lock:
            mode = self.mode
        if mode == "not-nextcloud":
            return self._not_nextcloud(path), facts
        if path == LOGO_PATH and method in ("GET", "HEAD"):
            return _plain(200, "OK", "image/svg+xml", LOGO_SVG), facts
        if mode == "maintenance":
            return self._maintenance(path, base_url), facts
        chunked = (self._webdav_port is not None and auth == "ok" and user
                   and (path + "/").startswith(UPLOADS_PREFIX + user + "/"))
        upstream = self._upstream(path, auth, user)
        if (chunked or upstream is not None) and not self._pass_hold(method):
            facts["held"] = "dropped"
            return _plain(503, "Service Unavailable", "text/plain; charset=utf-8",
                          b"nextcloud double: held request dropped\n"), facts
        if chunked:
            return self._chunked(method, path, headers, body, base_url, user), facts
        if upstream is not None:
            destination = headers.get("Destination")
            if destination and self._upstream(urlsplit(destination).path, auth, user) != upstream:
                # Copying or moving into someone else's space (or another kind of collection)
                # never reaches the real servers: Nextcloud's 404 for a path not found.
                return self.replay("webdav-propfind-missing-404", base_url), facts
            return self._forward(method, target, headers, body, base_url, upstream, user), facts
        return self._normal(method, path, query, headers, body, base_url, auth, user, label), facts

    def _chunked(self, method: str, path: str, headers, body: bytes, base_url: str,
                 user: str) -> Response:
        """Nextcloud's chunked upload v2 below ``/remote.php/dav/uploads/<user>/`` (what
        Passerelle uses for big files), served by the double itself on top of rclone: MKCOL
        an upload folder, PUT numbered chunks, MOVE ``.file`` onto the member's own files (the
        assembled bytes are then PUT to rclone), DELETE to give up. Answers replay the
        ``chunked-upload-v2-*`` captures; the ETag is rclone's."""
        rest = path[len(UPLOADS_PREFIX + user):].strip("/")
        parts = rest.split("/") if rest else []
        if not parts or any(p in ("", ".", "..") for p in parts) or len(parts) > 2:
            return self.replay("webdav-propfind-missing-404", base_url)
        folder = self._root / "uploads" / user / unquote(parts[0])
        if len(parts) == 1 and method == "MKCOL":
            if folder.exists():
                return self.replay("webdav-mkcol-existing-405", base_url)
            folder.mkdir(parents=True)
            return self.replay("chunked-upload-v2-1-mkcol-201", base_url)
        if len(parts) == 1 and method == "DELETE" and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            return self.replay("webdav-delete-204", base_url)
        if not folder.is_dir():
            return self.replay("webdav-propfind-missing-404", base_url)
        name = unquote(parts[1]) if len(parts) == 2 else ""
        if method == "PUT" and name and name != ".file":
            (folder / name).write_bytes(body)
            return self.replay("chunked-upload-v2-2-put-chunk1-201", base_url)
        if method == "MOVE" and name == ".file":
            destination = urlsplit(headers.get("Destination") or "").path
            if self._upstream(destination, "ok", user) != "rclone":
                return self.replay("webdav-propfind-missing-404", base_url)
            data = b"".join((folder / n).read_bytes() for n in sorted(os.listdir(folder)))
            total = headers.get("OC-Total-Length")
            if total is not None and total.strip() != str(len(data)):
                # Not captured: Nextcloud's Sabre BadRequest for chunks that do not add up.
                return _plain(400, "Bad Request", "application/xml; charset=utf-8",
                              f"Chunks on server do not sum up to {total.strip()} but to "
                              f"{len(data)} bytes\n".encode())
            put = {"Content-Type": "application/octet-stream"}
            for h in ("X-OC-MTime", "If-None-Match", "If-Match", "OC-Checksum"):
                if headers.get(h) is not None:
                    put[h] = headers[h]
            stored = self._forward("PUT", destination, put, data, base_url, "rclone", user)
            if stored.status not in (200, 201, 204):
                return stored
            shutil.rmtree(folder, ignore_errors=True)
            answer = self.replay("chunked-upload-v2-6-move-file-201", base_url)
            etag = next((v for k, v in stored.headers if k.lower() == "etag"), None)
            etag = etag or '"' + hashlib.md5(data).hexdigest() + '"'
            accepted = any(k.lower() == "x-oc-mtime" for k, _ in stored.headers)
            answer.headers = [(k, etag if k.lower() in ("etag", "oc-etag") else v)
                              for k, v in answer.headers
                              if accepted or k.lower() != "x-oc-mtime"]
            answer.capture = "chunked-upload-v2-6-move-file-201+rclone"
            return answer
        return self.replay("webdav-propfind-missing-404", base_url)

    def _upstream(self, path: str, auth: str | None, user: str | None) -> str | None:
        """Which real server answers this request, if any: ``"rclone"`` for the authenticated
        user's own files (``webdav=True``), ``"radicale-cal"`` / ``"radicale-card"`` for their
        own calendar or address book home (``dav=True``). Anything else (no or bad
        credentials, someone else's path) gets the double's capture-based answers."""
        if auth != "ok" or not user:
            return None
        own = [(self._webdav_port, FILES_PREFIX, "rclone"),
               (self._dav_port, CALENDARS_PREFIX, "radicale-cal"),
               (self._dav_port, ADDRESSBOOKS_PREFIX, "radicale-card")]
        for port, prefix, label in own:
            home = prefix + user
            if port is not None and (path == home or path.startswith(home + "/")):
                return label
        return None

    def _forward(self, method: str, target: str, headers, body: bytes, base_url: str,
                 upstream_name: str, user: str) -> Response:
        """The request as the real server answers it: same method, target and headers
        (Destination rebased on the upstream host), the answer read whole and sent back with
        ``Connection: close``. For Radicale the ``/remote.php/dav`` prefix is taken off the path
        and announced in ``X-Script-Name`` (Radicale then writes it in front of every href it
        answers, see radicale/app/__init__.py), and the user goes as Basic ``user:x`` (Radicale
        runs with ``auth type = none``: the double has checked the real credentials)."""
        radicale = upstream_name != "rclone"
        port = self._dav_port if radicale else self._webdav_port
        upstream = f"127.0.0.1:{port}"
        out: list[tuple[str, str]] = []
        for k, v in headers.items():
            lk = k.lower()
            if lk in _NOT_FORWARDED or lk == "x-script-name":
                continue
            if lk == "destination":
                v = _rebase(v, upstream)
            out.append((k, v))
        if radicale:
            target = target[len(DAV_ROOT):]
            out += [("X-Script-Name", DAV_ROOT), ("Authorization", basic(user, "x"))]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WEBDAV_FORWARD_TIMEOUT)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", upstream)
            for k, v in out:
                conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
        except OSError as e:
            what = "Radicale" if radicale else "rclone"
            return _plain(502, "Bad Gateway", "text/plain; charset=utf-8",
                          f"nextcloud double: the real DAV server ({what}) did not answer: {e}\n"
                          .encode())
        finally:
            conn.close()
        if radicale and b"<multistatus" in data[:400]:
            data = _nextcloud_principals(data, user)
        answer = []
        for k, v in resp.getheaders():
            if k.lower() in _NOT_RETURNED:
                continue
            answer.append((k, v.replace(f"http://{upstream}", base_url)))
        length = resp.getheader("Content-Length") if method == "HEAD" else None
        if not radicale and method == "PUT" and resp.status in (200, 201, 204):
            if self._apply_mtime(target, headers.get("X-OC-MTime")):
                answer.append(("X-OC-MTime", "accepted"))
        answer += [("Connection", "close"), ("Content-Length", length or str(len(data)))]
        return Response(f"HTTP/1.1 {resp.status} {resp.reason}", answer, data,
                        "radicale" if radicale else "rclone")

    def _apply_mtime(self, target: str, mtime: str | None) -> bool:
        """rclone 1.60 ignores ``X-OC-MTime``; Nextcloud sets the file's modification time and
        answers ``X-OC-MTime: accepted``. The double does the same on the file rclone wrote."""
        if not mtime or self._root is None:
            return False
        try:
            when = int(mtime.strip())
        except ValueError:
            return False
        files = (self._root / "files").resolve()
        disk = (files / unquote(urlsplit(target).path)[len(FILES_PREFIX):]).resolve()
        if not disk.is_file() or files not in disk.parents:
            return False
        os.utime(disk, (when, when))
        return True

    def _not_nextcloud(self, path: str) -> Response:
        if path == "/status.php":
            return _plain(404, "Not Found", "text/html; charset=utf-8", NOT_FOUND_PAGE)
        return _plain(200, "OK", "text/html; charset=utf-8", NOT_NEXTCLOUD_PAGE)

    def _maintenance(self, path: str, base_url: str) -> Response:
        if path == "/status.php":
            return self.replay("maintenance-status-php", base_url)
        if path.startswith(("/ocs/v1.php/", "/ocs/v2.php/")):
            if path.endswith("/cloud/capabilities"):
                return self.replay("maintenance-ocs-capabilities-503", base_url)
            return self.replay("maintenance-ocs-user-503", base_url)
        if path.startswith("/remote.php/"):
            return self.replay("maintenance-webdav-propfind-503", base_url)
        return self.replay("maintenance-loginflow-v2-init-503", base_url, body=MAINTENANCE_PAGE)

    def _normal(self, method, path, query, headers, body, base_url, auth, user,
                label=None) -> Response:
        if path == "/status.php" and method in ("GET", "HEAD"):
            return self.replay("status-php", base_url)

        if path == "/index.php/login/v2" and method == "POST":
            flow = Flow(_random(128), _random(128), base_url)
            with self._lock:
                self.flows.append(flow)
            return self.replay("loginflow-v2-1-init", base_url, extra={
                "<LOGIN_FLOW_POLL_TOKEN>": flow.poll_token.encode(),
                "<LOGIN_FLOW_LOGIN_TOKEN>": flow.login_token.encode(),
            })
        if path == "/index.php/login/v2/poll" and method == "POST":
            form = parse_qs(body.decode("utf-8", "replace"))
            token = (form.get("token") or query.get("token") or [""])[0]
            with self._lock:
                flow = next((f for f in self.flows if f.poll_token == token), None)
                if flow is None or not flow.granted:
                    return self.replay("loginflow-v2-2-poll-before-grant-404", base_url)
                if flow.consumed:
                    return self.replay("loginflow-v2-4-poll-again-404", base_url)
                flow.consumed = True
                password, login = flow.app_password, flow.user
            # The capture is alice's grant; loginName follows the member who signed in.
            return self.replay("loginflow-v2-3-poll-granted-200", base_url, extra={
                "<APP_PASSWORD_ALICE_LOGINFLOW>": password.encode(),
                '"loginName":"alice"': b'"loginName":' + php_json(login),
            })
        m = re.fullmatch(r"/index\.php/login/v2/flow/([A-Za-z0-9]+)", path)
        if m and method in ("GET", "POST"):
            with self._lock:
                flow = next((f for f in self.flows if f.login_token == m.group(1)), None)
                if flow is not None and not flow.consumed:
                    self._grant(flow)
            if flow is None:
                return _plain(404, "Not Found", "text/html; charset=utf-8", NOT_FOUND_PAGE)
            return _plain(200, "OK", "text/html; charset=UTF-8", GRANT_PAGE)

        m = re.fullmatch(r"/ocs/(v1|v2)\.php/(.*)", path)
        if m:
            return self._ocs(method, m.group(1), "/" + m.group(2), query, headers, base_url,
                             auth, user, label)

        if path.startswith("/remote.php/dav/"):
            return self._dav(method, path, headers, base_url, auth)

        return _plain(404, "Not Found", "text/html; charset=utf-8", NOT_FOUND_PAGE)

    def _ocs(self, method, version, route, query, headers, base_url, auth, user,
             label=None) -> Response:
        # Basic auth is checked first (base.php): bad credentials give the XML 401.
        if auth == "wrong":
            return self.replay("ocs-user-wrong-password-401", base_url)
        if auth == "password-forbidden":
            # Dropped unchecked (two-factor): the request goes on signed out.
            return self.replay("ocs-user-no-auth-401", base_url)
        if auth == "revoked":
            return self.replay("ocs-user-revoked-app-password-401", base_url)
        if headers.get("OCS-APIRequest") != "true":
            if auth == "ok":
                return self.replay("ocs-user-alice-no-ocs-apirequest-header-412", base_url)
            return self.replay("ocs-capabilities-anon-no-ocs-apirequest-header-412", base_url)

        if route == "/cloud/capabilities" and method == "GET":
            # Alice's capabilities serve every signed-in member: they hold no identity field.
            name = "ocs-capabilities-alice" if auth == "ok" else "ocs-capabilities-anon"
            return self.themed_capabilities(name, base_url)
        fixed = {
            ("GET", "v2", "/core/navigation/apps"): "ocs-navigation-apps-alice",
            ("DELETE", "v2", "/core/apppassword"): "ocs-delete-apppassword-carol-200",
            ("GET", "v2", "/core/getapppassword"): "ocs-getapppassword-with-app-password-403",
        }
        name = fixed.get((method, version, route))
        handler = None
        if name is None:
            handler = self._ocs_users_route(method, version, route)
        if name is None and handler is None:
            return _ocs_json(404, "Not Found", 998, "Invalid query, please check the syntax. "
                             "API specifications are here: "
                             "http://www.freedesktop.org/wiki/Specifications/"
                             "open-collaboration-services.\n")
        if auth != "ok":
            return self.replay("ocs-user-no-auth-401", base_url)
        if handler is not None:
            return handler(query, base_url, user)
        if route == "/core/getapppassword" and label == "login":
            return self._exchange_login_password(user, base_url)
        if name == "ocs-delete-apppassword-carol-200":
            secret = _basic_secret(headers.get("Authorization"))
            with self._lock:
                self.revoked.add(secret)
                self.app_passwords.pop(secret, None)
        return self.replay(name, base_url)

    def _exchange_login_password(self, user: str, base_url: str) -> Response:
        """A new app password for `user`, made from their login password."""
        with self._lock:
            secret = _random(72)
            label = f"exchanged-{len(self.exchanged_app_passwords) + 1}"
            self.app_passwords[secret] = (user, label)
            self.exchanged_app_passwords.append(secret)
        return self.replay("ocs-getapppassword-carol-200", base_url,
                           extra={"<APP_PASSWORD_CAROL>": secret.encode()})

    # -- OCS: the signed-in user, users and groups ----------------------------------------------
    #
    # Built from the captures: `cloud/user` is alice's capture with the identity fields of the
    # signed-in member taken from the captured user set (admin's `cloud/users/details`); the
    # admin routes replay the `ocs-admin-*` captures' status and headers with a body computed
    # over that captured user set: `search` (case-insensitive, in id, display name and e-mail),
    # then `offset` and `limit` are applied by the double, in the server's order (by id).

    def _ocs_users_route(self, method, version, route):
        """The handler (query, base_url, user) -> Response for a user/group route, or None."""
        if method == "GET" and route == "/cloud/user":
            return lambda q, b, u: self._ocs_me(version, b, u)
        if version != "v2":
            return None
        m = re.fullmatch(r"/apps/ownershiptransfer/(calendarlist|addressbookslist|nodelist)(/.*)?", route)
        if method == "GET" and m and self.ownership_transfer:
            return lambda q, b, u: self._ot_list(m.group(1), m.group(2), b, u)
        if method == "GET" and route == "/cloud/users":
            return lambda q, b, u: self._ocs_users(q, b, u, details=False)
        if method == "GET" and route == "/cloud/users/details":
            return lambda q, b, u: self._ocs_users(q, b, u, details=True)
        if method == "GET" and route == "/cloud/groups":
            return self._ocs_groups
        m = re.fullmatch(r"/cloud/groups/([^/]+)/users/details", route)
        if method == "GET" and m:
            group = unquote(m.group(1))
            return lambda q, b, u: self._ocs_users(q, b, u, details=True, group=group)
        m = re.fullmatch(r"/cloud/users/([^/]+)", route)
        if method == "GET" and m:
            target = unquote(m.group(1))
            return lambda q, b, u: self._ocs_user(target, b, u)
        m = re.fullmatch(r"/cloud/users/([^/]+)/(disable|enable)", route)
        if method == "PUT" and m:
            target, enable = unquote(m.group(1)), m.group(2) == "enable"
            return lambda q, b, u: self._ocs_set_enabled(target, enable, b, u)
        return None

    def _ot_list(self, what: str, sub: str | None, base_url: str, user: str) -> Response:
        """The OwnershipTransfer app's lists, for admins only (others get the captured 403).
        Whoever the `userId`, the answer is carol's capture: enough for Passerelle to see that
        the app answers and to show a member's folders and collections."""
        if not self.is_admin(user):
            return self.replay("ownershiptransfer-calendarlist-non-admin-403", base_url)
        name = {"calendarlist": "ownershiptransfer-calendarlist-carol",
                "addressbookslist": "ownershiptransfer-addressbookslist-carol",
                "nodelist": "ownershiptransfer-nodelist-dir-carol" if sub else "ownershiptransfer-nodelist-carol"}[what]
        return self.replay(name, base_url)

    def _record(self, user: str) -> dict:
        with self._lock:
            return copy.deepcopy(self.users[user])

    def _ocs_me(self, version: str, base_url: str, user: str) -> Response:
        name = "ocs-user-alice" if version == "v2" else "ocs-v1-user-alice"
        doc = json.loads(load_capture(name, self.captures).body)
        data, record = doc["ocs"]["data"], self._record(user)
        fields = ["id", "displayname", "display-name", "email", "groups", "lastLogin"]
        if user != ALICE:
            # Alice keeps her own captured quota (cloud/user was captured a moment apart from
            # cloud/users/details); the others get theirs from the captured user set.
            fields.append("quota")
        for key in fields:
            data[key] = record[key]
        return self.replay(name, base_url, body=php_json(doc))

    def _not_sub_admin(self, base_url: str) -> Response:
        return self.replay("ocs-alice-users-list-403", base_url)

    def _ocs_users(self, query, base_url, user, *, details: bool, group: str | None = None):
        if not self.is_admin(user):
            return self._not_sub_admin(base_url)
        with self._lock:
            records = copy.deepcopy(self.users)
        if group is not None:
            if not any(group in r.get("groups", []) for r in records.values()):
                # Not captured: Nextcloud's OCSNotFoundException for an unknown group.
                return _ocs_json(404, "Not Found", 404, "The requested group could not be found")
            records = {k: r for k, r in records.items() if group in r.get("groups", [])}
        search = (query.get("search") or [""])[0].lower()
        if search:
            records = {k: r for k, r in records.items()
                       if any(search in str(r.get(f) or "").lower()
                              for f in ("id", "displayname", "email"))}
        ids = list(records)
        offset = _int_arg(query, "offset") or 0
        limit = _int_arg(query, "limit")
        ids = ids[offset:] if limit is None or limit < 0 else ids[offset:offset + limit]
        if details:
            # PHP's json_encode writes an empty array as [], not {}.
            data = {"users": {k: records[k] for k in ids} or []}
            name = ("ocs-admin-group-asso-users-details" if group is not None
                    else "ocs-admin-users-details")
        else:
            data, name = {"users": ids}, "ocs-admin-users-limit2"
        return self.replay(name, base_url, body=_ocs_ok(data))

    def _ocs_groups(self, query, base_url, user) -> Response:
        if not self.is_admin(user):
            return self._not_sub_admin(base_url)
        return self.replay("ocs-admin-groups", base_url)

    def _ocs_user(self, target: str, base_url: str, user: str) -> Response:
        with self._lock:
            known = target in self.users
        if not known or (target != user and not self.is_admin(user)):
            # Captured for a non-admin reading another user; also used (not captured) for an
            # admin asking for an unknown id.
            return self.replay("ocs-alice-user-bob-404", base_url)
        return self.replay("ocs-admin-user-alice", base_url, body=_ocs_ok(self._record(target)))

    def _ocs_set_enabled(self, target: str, enable: bool, base_url: str, user: str) -> Response:
        if not self.is_admin(user):
            return self._not_sub_admin(base_url)
        with self._lock:
            if target not in self.users:
                return self.replay("ocs-alice-user-bob-404", base_url)  # not captured, see above
            self.users[target]["enabled"] = enable
            if enable and target in self.disabled:
                self.disabled.remove(target)
            elif not enable and target not in self.disabled:
                self.disabled.append(target)
        # Not captured: the answer has the shape of the closest capture, an OCS v2 200 with
        # empty data (`ocs-delete-apppassword-carol-200`), which is what Nextcloud's
        # UsersController returns for disable/enable.
        return self.replay("ocs-delete-apppassword-carol-200", base_url)

    def _dav(self, method, path, headers, base_url, auth) -> Response:
        if auth is None:
            return self.replay("webdav-propfind-no-auth-401", base_url)
        if auth in ("wrong", "password-forbidden"):
            return self.replay("webdav-propfind-wrong-password-401", base_url)
        if auth == "revoked":
            return self.replay("webdav-propfind-revoked-app-password-401", base_url)
        if method == "PROPFIND" and path.rstrip("/") == "/remote.php/dav/files/alice":
            depth = (headers.get("Depth") or "1").strip()
            name = "webdav-propfind-depth0-root" if depth == "0" else "webdav-propfind-depth1-root"
            return self.replay(name, base_url)
        return self.replay("webdav-propfind-missing-404", base_url)


def _nextcloud_principals(data: bytes, user: str) -> bytes:
    """Radicale names the owner of a collection after the first segment of its path (here
    ``/remote.php/dav/calendars/`` or ``/remote.php/dav/addressbooks/``) and the current user
    ``/remote.php/dav/<user>/``; Nextcloud says ``/remote.php/dav/principals/users/<user>/`` for
    both. Only the user's own homes are forwarded, so the owner is always that user."""
    principal = f"<href>{DAV_ROOT}/principals/users/{quote(user)}/</href>".encode()
    for radicale_owner in ("calendars", "addressbooks", quote(user)):
        data = data.replace(f"<href>{DAV_ROOT}/{radicale_owner}/</href>".encode(), principal)
    return data


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _object_name(uid: str) -> str:
    """``<uid>`` when it is a plain token (as Passerelle names objects), else its SHA-256."""
    if re.fullmatch(r"[A-Za-z0-9@_.\-]{1,150}", uid) and not uid.startswith("."):
        return uid
    return hashlib.sha256(uid.encode()).hexdigest()


def _uids(text: str) -> list[str]:
    """UIDs of the top-level objects of an iCalendar or vCard text: VEVENT/VTODO/VJOURNAL
    directly inside VCALENDAR, or VCARD (not those of nested VALARMs, RFC 9074)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    stack: list[str] = []
    found = []
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if key == "BEGIN":
            stack.append(value.strip().upper())
        elif key == "END":
            if stack:
                stack.pop()
        elif key == "UID" and stack and (
                stack == ["VCARD"]
                or (len(stack) == 2 and stack[0] == "VCALENDAR"
                    and stack[1] in ("VEVENT", "VTODO", "VJOURNAL"))):
            if value.strip() not in found:
                found.append(value.strip())
    return found


def _stored_uids(folder: Path) -> list[str]:
    uids: set[str] = set()
    for item in folder.iterdir():
        if item.is_file() and not item.name.startswith("."):
            uids.update(_uids(item.read_text("utf-8", "replace")))
    return sorted(uids)


def _rebase(url: str, netloc: str) -> str:
    """`url` on another host (a WebDAV Destination): same path and query."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url  # a bare path: already right for any host
    return f"http://{netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def _basic_secret(authorization: str | None) -> str:
    value = (authorization or "").partition(" ")[2]
    return base64.b64decode(value).decode().partition(":")[2]


def _plain(status: int, reason: str, content_type: str, body: bytes) -> Response:
    return Response(f"HTTP/1.1 {status} {reason}", [
        ("Date", email.utils.formatdate(usegmt=True)),
        ("Connection", "close"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
    ], body)


def _ocs_ok(data) -> bytes:
    return php_json({"ocs": {"meta": {"status": "ok", "statuscode": 200, "message": "OK"},
                             "data": data}})


def _int_arg(query: dict, name: str) -> int | None:
    try:
        return int((query.get(name) or [""])[0])
    except ValueError:
        return None


def _ocs_json(status: int, reason: str, statuscode: int, message: str) -> Response:
    body = php_json({"ocs": {"meta": {"status": "failure", "statuscode": statuscode,
                                      "message": message}, "data": []}})
    return _plain(status, reason, "application/json; charset=utf-8", body)


# --------------------------------------------------------------------------------------------
# HTTP handler


class _Handler(BaseHTTPRequestHandler):
    double: NextcloudDouble
    protocol_version = "HTTP/1.0"  # one request per connection, like the captured server
    server_version = "nextcloud-double"

    def __getattr__(self, name: str):
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def log_message(self, format, *args):  # noqa: A002 - quiet unless run by hand
        if getattr(self.server, "verbose", False):
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _base_url(self) -> str:
        host = self.headers.get("Host")
        if host and re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", host):
            return f"http://{host}"
        return self.double.base_url

    def _dispatch(self) -> None:
        body = self._read_body()
        path = urlsplit(self.path).path
        if path.startswith("/__control/"):
            resp = self._control(path, body)
        else:
            resp, facts = self.double.route(self.command, self.path, self.headers, body,
                                            self._base_url())
            facts["status"] = resp.status
            facts["capture"] = resp.capture
            facts["time"] = time.time()
            with self.double._lock:
                self.double._log.append(facts)
        self._send(resp)

    def _send(self, resp: Response) -> None:
        head = resp.status_line + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in resp.headers) + "\r\n"
        self.close_connection = True
        try:
            self.wfile.write(head.encode("latin-1"))
            if self.command != "HEAD":
                self.wfile.write(resp.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client is gone (e.g. an app killed in the middle of a transfer)

    def _control(self, path: str, body: bytes) -> Response:
        d = self.double
        ctype = "application/json"
        if path == "/__control/log" and self.command == "GET":
            return _plain(200, "OK", ctype, json.dumps(d.log()).encode())
        if path == "/__control/log" and self.command == "DELETE":
            d.clear_log()
            return _plain(200, "OK", ctype, b"{}")
        if path == "/__control/state" and self.command == "GET":
            return _plain(200, "OK", ctype, json.dumps(d.state()).encode())
        if path == "/__control/grant" and self.command == "POST":
            flow = d.grant_latest()
            if flow is None:
                return _plain(409, "Conflict", ctype, b'{"granted":false}')
            return _plain(200, "OK", ctype, json.dumps({"granted": True, "login": flow.login_url}).encode())
        if path == "/__control/login-as" and self.command == "POST":
            text = body.decode("utf-8", "replace").strip()
            user = (json.loads(text).get("user") if text.startswith("{")
                    else (parse_qs(text).get("user") or [""])[0])
            try:
                d.login_as(user)
            except ValueError as e:
                return _plain(400, "Bad Request", ctype, json.dumps({"error": str(e)}).encode())
            return _plain(200, "OK", ctype, json.dumps({"login_as": user}).encode())
        if path == "/__control/mode" and self.command == "POST":
            text = body.decode("utf-8", "replace").strip()
            mode = json.loads(text).get("mode") if text.startswith("{") else (parse_qs(text).get("mode") or [""])[0]
            try:
                d.set_mode(mode)
            except ValueError as e:
                return _plain(400, "Bad Request", ctype, json.dumps({"error": str(e)}).encode())
            return _plain(200, "OK", ctype, json.dumps({"mode": mode}).encode())
        return _plain(404, "Not Found", ctype, b'{"error":"unknown control endpoint"}')


# --------------------------------------------------------------------------------------------
# A small client for tests (no proxies, reads until the server closes)


@dataclass
class Reply:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def json(self):
        return json.loads(self.body)


def basic(user: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None,
          body: bytes | str | None = None, timeout: float = 10.0) -> Reply:
    """One HTTP request straight to a loopback URL."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target or "/", body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Reply(resp.status, resp.reason, list(resp.getheaders()), data)
    finally:
        conn.close()


def ocs_headers(user: str | None = None, secret: str | None = None) -> dict[str, str]:
    h = {"OCS-APIRequest": "true", "Accept": "application/json"}
    if user is not None:
        h["Authorization"] = basic(user, secret or "")
    return h


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port (printed)")
    p.add_argument("--mode", choices=MODES, default="normal")
    p.add_argument("--verbose", action="store_true", help="log each request on stderr")
    p.add_argument("--webdav", action="store_true",
                   help="serve every member's files over real WebDAV (rclone serve webdav)")
    p.add_argument("--dav", action="store_true",
                   help="serve calendars and address books over real CalDAV/CardDAV (Radicale)")
    args = p.parse_args(argv)
    # `kill PID` ends the double like Ctrl-C: its servers stopped, its folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    double = NextcloudDouble(mode=args.mode, host=args.host, port=args.port,
                             webdav=args.webdav, dav=args.dav).start()
    double._server.verbose = args.verbose
    print(f"Nextcloud double ({args.mode}) on {double.base_url} — port {double.port}", flush=True)
    for user, secret in APP_PASSWORDS.items():
        print(f"  app password: {user}:{secret}", flush=True)
    print(f"  control: {double.base_url}/__control/log", flush=True)
    if args.webdav:
        print(f"  members' files (WebDAV): {double.files_dir.parent}", flush=True)
    if args.dav:
        print(f"  calendars and address books (Radicale): {double.dav_url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        double.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
