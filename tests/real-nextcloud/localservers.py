"""Tiny servers the suite starts on 127.0.0.1 to put `server check` in front of what a real
Nextcloud cannot easily be made to do: a web server that is not Nextcloud, a status.php in a
given state (not installed, needing a database upgrade, in maintenance), and a socket that
accepts a connection and then says nothing (a stalled server). Each runs in a thread of the
test process, on a free port, and is stopped by the `with` block that started it.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# What Nextcloud 29.0.6's status.php answers, field for field; the tests change one flag.
STATUS_29 = {
    "installed": True,
    "maintenance": False,
    "needsDbUpgrade": False,
    "version": "29.0.6.1",
    "versionstring": "29.0.6",
    "edition": "",
    "productname": "Nextcloud",
    "extendedSupport": False,
}


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):  # keep pytest's output clean
        pass

    def _answer(self):
        path = self.path.split("?", 1)[0]
        status, ctype, body = self.routes.get(path) or self.routes.get("*") or (404, "text/plain", b"not found")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = do_PROPFIND = _answer


class HttpServer:
    """A plain HTTP server answering fixed `routes` ({path: (status, content type, body)};
    `*` for any other path)."""

    def __init__(self, routes: dict):
        handler = type("Handler", (_Handler,), {"routes": routes})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def status_server(**changes) -> HttpServer:
    """A Nextcloud-looking status.php with `changes` applied (e.g. installed=False)."""
    body = json.dumps({**STATUS_29, **changes}).encode()
    return HttpServer({
        "/status.php": (200, "application/json", body),
        "*": (404, "text/html", b"<html><body>Nextcloud</body></html>"),
    })


def not_nextcloud_server() -> HttpServer:
    """An ordinary web site: HTML everywhere, status.php included (many hosts answer 200 with
    their home page for any path)."""
    page = b"<!doctype html><html><head><title>Mon association</title></head><body>Bienvenue</body></html>"
    return HttpServer({"*": (200, "text/html; charset=utf-8", page)})


class StalledServer:
    """Accepts TCP connections and never sends a byte (nor closes them) until stopped."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted.append(conn)  # held open, silent

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join(timeout=5)
        for c in self.accepted:
            c.close()
        self.sock.close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
