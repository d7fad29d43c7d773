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

Known credentials: ``alice`` with :data:`ALICE_APP_PASSWORD`, and every app password issued by a
granted Login Flow. ``DELETE /ocs/v2.php/core/apppassword`` revokes the password used for it.

Real WebDAV (``NextcloudDouble(webdav=True)``): ``start()`` also starts ``rclone serve webdav`` on
a fresh folder (:attr:`NextcloudDouble.files_dir`, alice's files) with the base URL
``/remote.php/dav/files/alice``, and ``stop()`` stops it. Every request under
``/remote.php/dav/files/alice/`` (any method: PROPFIND, MKCOL, PUT, GET, MOVE, COPY, DELETE…) is
then forwarded to it with its headers (``Depth``, ``Overwrite``…; the ``Destination`` host is
rewritten to rclone's) once the double has checked the credentials as Nextcloud does (401
captures for none, wrong or revoked ones). Answers are rclone's own (Go's ``x/net/webdav``), not
Nextcloud's: no ``oc:``/``nc:`` properties. Without ``webdav=True`` only the captured root
PROPFIND is answered. Tests act "as the person did in their browser" by sending MKCOL, PUT or
MOVE through the double, or look at the files in :attr:`~NextcloudDouble.files_dir`.

Login Flow v2: the flow is granted when something GETs its login URL (what a person does in the
browser; the double answers a tiny "Access granted" page) or by ``POST /__control/grant``.

Control endpoints (never logged, available in every mode):
``GET /__control/log`` (JSON list of requests seen), ``DELETE /__control/log``,
``POST /__control/grant`` (latest pending flow), ``GET /__control/state``,
``POST /__control/mode`` (body ``mode=maintenance`` …).

The request log has, per request: ``method``, ``path``, ``query``, ``ocs_apirequest``, ``auth``
(None, "ok", "wrong", "revoked"), ``auth_user``, ``credential`` (which app password: "static",
"loginflow-N"), ``depth``, ``destination``, ``user_agent``, ``status``, ``capture`` (the capture
replayed, or ``"rclone"`` for a forwarded WebDAV request) and ``time``.

In-process use::

    with NextcloudDouble(mode="normal", webdav=True) as nc:
        nc.base_url   # http://127.0.0.1:<port>
        nc.files_dir  # alice's files, served over WebDAV

Manual use::

    python3 tests/e2e/nextcloud_double.py --port 8099 --mode normal [--webdav]

Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import email.utils
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
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
from urllib.parse import parse_qs, urlsplit

CAPTURES = Path(
    os.environ.get("PASSERELLE_NC_CAPTURES")
    or Path(__file__).resolve().parents[2] / ".." / "shared" / "nextcloud-captures"
)
CAPTURE_BASE = "http://127.0.0.1:8080"
CAPTURE_HOST = "127.0.0.1:8080"

MODES = ("normal", "maintenance", "not-nextcloud")

ALICE = "alice"
ALICE_APP_PASSWORD = "ALICE-APP-PASSWORD-0123456789"

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

# Real WebDAV behind the double (webdav=True): alice's files, served by rclone.
FILES_PREFIX = "/remote.php/dav/files/"
WEBDAV_START_TIMEOUT = 20.0  # seconds for rclone to open its port
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
                 captures: Path = CAPTURES, webdav: bool = False):
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
        self.app_passwords: dict[str, tuple[str, str]] = {ALICE_APP_PASSWORD: (ALICE, "static")}
        self.revoked: set[str] = set()
        self.issued_app_passwords: list[str] = []
        self.instance_id = "oc" + _random(10, string.ascii_lowercase + string.digits)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.webdav = webdav
        self._webdav_root: Path | None = None
        self._webdav_proc: subprocess.Popen | None = None
        self._webdav_port: int | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> "NextcloudDouble":
        double = self

        class Handler(_Handler):
            pass

        Handler.double = double
        if self.webdav:
            self._start_webdav()
        try:
            self._server = ThreadingHTTPServer((self._host, self._port), Handler)
        except BaseException:
            self._stop_webdav()
            raise
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"nextcloud-double-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._stop_webdav()

    def _start_webdav(self) -> None:
        """Starts rclone's WebDAV server on a fresh folder and waits (bounded) for its port."""
        exe = shutil.which("rclone")
        if exe is None:
            raise RuntimeError("rclone is missing: the double's real WebDAV (webdav=True) runs "
                               "`rclone serve webdav`; install it with `apt-get install rclone`")
        root = Path(tempfile.mkdtemp(prefix="nextcloud-double-webdav-"))
        (root / "files").mkdir()
        (root / "rclone.conf").touch()  # no remote is configured: keeps rclone off ~/.config
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        log = open(root / "rclone.log", "wb")  # noqa: SIM115 - rclone writes it until stop()
        cmd = [exe, "serve", "webdav", str(root / "files"),
               "--addr", f"127.0.0.1:{port}",
               "--baseurl", f"{FILES_PREFIX}{ALICE}",
               # Files made on disk by a test are seen at once, not after rclone's cache time.
               "--dir-cache-time", "0s",
               "--config", str(root / "rclone.conf")]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT)
        finally:
            log.close()
        self._webdav_root, self._webdav_proc, self._webdav_port = root, proc, port
        deadline = time.monotonic() + WEBDAV_START_TIMEOUT
        while True:
            problem = None
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
            tail = (root / "rclone.log").read_text("utf-8", "replace")[-2000:]
            self._stop_webdav()
            raise RuntimeError(f"rclone serve webdav {problem}: {' '.join(cmd)}\n{tail}")

    def _stop_webdav(self) -> None:
        proc, self._webdav_proc = self._webdav_proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        root, self._webdav_root = self._webdav_root, None
        self._webdav_port = None
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    @property
    def files_dir(self) -> Path:
        """The folder rclone serves as alice's files (``webdav=True`` only)."""
        if self._webdav_root is None:
            raise RuntimeError("no real WebDAV: start the double with webdav=True")
        return self._webdav_root / "files"

    @property
    def webdav_url(self) -> str:
        """rclone's own address (tests go through :attr:`base_url`, as the app does)."""
        if self._webdav_port is None:
            raise RuntimeError("no real WebDAV: start the double with webdav=True")
        return f"http://127.0.0.1:{self._webdav_port}"

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
            flow.app_password = _random(72)
            label = f"loginflow-{len(self.issued_app_passwords) + 1}"
            self.app_passwords[flow.app_password] = (ALICE, label)
            self.issued_app_passwords.append(flow.app_password)

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
                "revoked_count": len(self.revoked),
                "files_dir": str(self.files_dir) if self._webdav_root is not None else None,
            }

    def check_credentials(self, authorization: str | None) -> tuple[str | None, str | None, str | None]:
        """(result, user, label): result None (no credentials), "ok", "wrong" or "revoked"."""
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
        if known is None or known[0].lower() != user.lower():
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
        if self._forwards(path, auth, user):
            return self._forward(method, target, headers, body, base_url), facts
        return self._normal(method, path, query, headers, body, base_url, auth, label), facts

    def _forwards(self, path: str, auth: str | None, user: str | None) -> bool:
        """Whether this request goes to the real WebDAV: alice's files, with her credentials
        (anything else gets the double's answers, the 401 captures included)."""
        if self._webdav_port is None or auth != "ok" or (user or "").lower() != ALICE:
            return False
        own = f"{FILES_PREFIX}{ALICE}"
        return path == own or path.startswith(own + "/")

    def _forward(self, method: str, target: str, headers, body: bytes, base_url: str) -> Response:
        """The request as rclone answers it: same method, target and headers (Destination
        rebased on rclone), the answer read whole and sent back with ``Connection: close``."""
        port = self._webdav_port
        upstream = f"127.0.0.1:{port}"
        out: list[tuple[str, str]] = []
        for k, v in headers.items():
            lk = k.lower()
            if lk in _NOT_FORWARDED:
                continue
            if lk == "destination":
                v = _rebase(v, upstream)
            out.append((k, v))
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
            return _plain(502, "Bad Gateway", "text/plain; charset=utf-8",
                          f"nextcloud double: the real WebDAV (rclone) did not answer: {e}\n".encode())
        finally:
            conn.close()
        answer = []
        for k, v in resp.getheaders():
            if k.lower() in _NOT_RETURNED:
                continue
            answer.append((k, v.replace(f"http://{upstream}", base_url)))
        length = resp.getheader("Content-Length") if method == "HEAD" else None
        answer += [("Connection", "close"), ("Content-Length", length or str(len(data)))]
        return Response(f"HTTP/1.1 {resp.status} {resp.reason}", answer, data, "rclone")

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

    def _normal(self, method, path, query, headers, body, base_url, auth, label) -> Response:
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
                password = flow.app_password
            return self.replay("loginflow-v2-3-poll-granted-200", base_url, extra={
                "<APP_PASSWORD_ALICE_LOGINFLOW>": password.encode(),
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
            return self._ocs(method, m.group(1), "/" + m.group(2), headers, base_url, auth)

        if path.startswith("/remote.php/dav/"):
            return self._dav(method, path, headers, base_url, auth)

        return _plain(404, "Not Found", "text/html; charset=utf-8", NOT_FOUND_PAGE)

    def _ocs(self, method, version, route, headers, base_url, auth) -> Response:
        # Basic auth is checked first (base.php): bad credentials give the XML 401.
        if auth == "wrong":
            return self.replay("ocs-user-wrong-password-401", base_url)
        if auth == "revoked":
            return self.replay("ocs-user-revoked-app-password-401", base_url)
        if headers.get("OCS-APIRequest") != "true":
            if auth == "ok":
                return self.replay("ocs-user-alice-no-ocs-apirequest-header-412", base_url)
            return self.replay("ocs-capabilities-anon-no-ocs-apirequest-header-412", base_url)

        if route == "/cloud/capabilities" and method == "GET":
            name = "ocs-capabilities-alice" if auth == "ok" else "ocs-capabilities-anon"
            return self.themed_capabilities(name, base_url)
        needs_user = {
            ("GET", "v2", "/cloud/user"): "ocs-user-alice",
            ("GET", "v1", "/cloud/user"): "ocs-v1-user-alice",
            ("GET", "v2", "/core/navigation/apps"): "ocs-navigation-apps-alice",
            ("DELETE", "v2", "/core/apppassword"): "ocs-delete-apppassword-carol-200",
            ("GET", "v2", "/core/getapppassword"): "ocs-getapppassword-with-app-password-403",
        }
        name = needs_user.get((method, version, route))
        if name is None:
            return _ocs_json(404, "Not Found", 998, "Invalid query, please check the syntax. "
                             "API specifications are here: "
                             "http://www.freedesktop.org/wiki/Specifications/"
                             "open-collaboration-services.\n")
        if auth != "ok":
            return self.replay("ocs-user-no-auth-401", base_url)
        if name == "ocs-delete-apppassword-carol-200":
            secret = _basic_secret(headers.get("Authorization"))
            with self._lock:
                self.revoked.add(secret)
                self.app_passwords.pop(secret, None)
        return self.replay(name, base_url)

    def _dav(self, method, path, headers, base_url, auth) -> Response:
        if auth is None:
            return self.replay("webdav-propfind-no-auth-401", base_url)
        if auth == "wrong":
            return self.replay("webdav-propfind-wrong-password-401", base_url)
        if auth == "revoked":
            return self.replay("webdav-propfind-revoked-app-password-401", base_url)
        if method == "PROPFIND" and path.rstrip("/") == "/remote.php/dav/files/alice":
            depth = (headers.get("Depth") or "1").strip()
            name = "webdav-propfind-depth0-root" if depth == "0" else "webdav-propfind-depth1-root"
            return self.replay(name, base_url)
        return self.replay("webdav-propfind-missing-404", base_url)


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
        self.wfile.write(head.encode("latin-1"))
        if self.command != "HEAD":
            self.wfile.write(resp.body)
        self.wfile.flush()
        self.close_connection = True

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
                   help="serve alice's files over real WebDAV (rclone serve webdav)")
    args = p.parse_args(argv)
    double = NextcloudDouble(mode=args.mode, host=args.host, port=args.port,
                             webdav=args.webdav).start()
    double._server.verbose = args.verbose
    print(f"Nextcloud double ({args.mode}) on {double.base_url} — port {double.port}", flush=True)
    print(f"  app password: {ALICE}:{ALICE_APP_PASSWORD}; control: {double.base_url}/__control/log",
          flush=True)
    if args.webdav:
        print(f"  alice's files (WebDAV): {double.files_dir}", flush=True)
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
