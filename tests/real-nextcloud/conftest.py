"""Harness of the real-server suite: runs the real `passerelle-cli` against ANY real Nextcloud
given by environment variables, and checks the server's state with plain HTTP (realnc.py).

- Skipped as a whole, with one clear message, unless NC_URL, NC_ADMIN_USER and
  NC_ADMIN_APP_PASSWORD are set (NC2_URL, NC2_ADMIN_USER, NC2_ADMIN_APP_PASSWORD add a second
  server for hand-overs between servers).
- Each test gets a fresh PASSERELLE_DATA_DIR and a private D-Bus session bus with an unlocked
  gnome-keyring (the CLI keeps recorded accounts' app passwords there).
- Members are throwaway accounts named `ptest-<run>-<role><n>`, created through the
  provisioning API; each test deletes its own (with everything they own) in a finalizer, and
  the session ends with a sweep of every account and group carrying the run's prefix, so
  nothing is left even when a test fails or is interrupted.
- At the end, a table: feature × result (pass / FAIL + cause / not available + reason), with
  the server's version.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets as pysecrets
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from realnc import Member, Server

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from private_keyring import private_keyring  # noqa: E402 (tests/private_keyring.py)

CLI = Path(os.environ.get("PASSERELLE_CLI") or ROOT / "target" / "debug" / "passerelle-cli")
REQUIRED = ("NC_URL", "NC_ADMIN_USER", "NC_ADMIN_APP_PASSWORD")
SECOND = ("NC2_URL", "NC2_ADMIN_USER", "NC2_ADMIN_APP_PASSWORD")
SKIP_REASON = (
    "real-server suite not run: set NC_URL, NC_ADMIN_USER and NC_ADMIN_APP_PASSWORD to a "
    "dedicated test Nextcloud (README, “Real-server suite”)"
)
# A run's throwaway accounts and groups all start with this (unique per run).
RUN_PREFIX = os.environ.get("PTEST_PREFIX") or f"ptest-{pysecrets.token_hex(3)}"

_results: list[tuple[str, str, str]] = []
_server_line: list[str] = []


def configured(names=REQUIRED) -> bool:
    return all(os.environ.get(n, "").strip() for n in names)


def pytest_configure(config):
    config.addinivalue_line("markers", "feature(label): the feature a test covers, for the summary table")


def pytest_collection_modifyitems(config, items):
    skip = None if configured() else pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        marker = item.get_closest_marker("feature")
        label = marker.args[0] if marker else item.originalname
        if hasattr(item, "callspec"):
            label = f"{label} [{item.callspec.id}]"
        item.user_properties.append(("feature", label))
        if skip:
            item.add_marker(skip)


def _one_line(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash else str(report.longrepr)
    text = " ".join(text.split())
    for cut in (" assert ", " + where ", " where "):
        if cut in text:
            text = text[: text.index(cut)]
    for prefix in ("AssertionError: ", "realnc.ServerError: ", "Failed: "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text[:220]


def pytest_runtest_logreport(report):
    feature = dict(report.user_properties).get("feature", report.nodeid)
    if report.skipped and report.when in ("setup", "call"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        _results.append((feature, "not available", reason))
    elif report.failed:
        kind = "FAIL" if report.when == "call" else f"ERROR ({report.when})"
        _results.append((feature, kind, _one_line(report)))
    elif report.passed and report.when == "call":
        _results.append((feature, "pass", ""))


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    if not _results:
        return
    if all(r[2] == SKIP_REASON for r in _results):
        tr.write_sep("=", "real-server suite")
        tr.write_line(SKIP_REASON)
        return
    tr.write_sep("=", "real-server suite: feature × result")
    for line in _server_line:
        tr.write_line(line)
    width = min(max(len(r[0]) for r in _results), 70)
    for feature, outcome, detail in _results:
        tr.write_line(f"{feature[:70]:<{width}}  {outcome:<13}  {detail}")
    counts = {}
    for _, outcome, _ in _results:
        key = "ERROR" if outcome.startswith("ERROR") else outcome
        counts[key] = counts.get(key, 0) + 1
    tr.write_line("totals: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


# --- the server(s) -----------------------------------------------------------------------------

def _sweep(server: Server, prefix: str) -> None:
    for user_id in server.search_users(prefix):
        server.delete_user(user_id)
    for group_id in server.search_groups(prefix):
        server.delete_group(group_id)


@pytest.fixture(scope="session")
def nc() -> Server:
    """The server under test, with its version recorded for the summary; every account and
    group with this run's prefix is deleted at the end of the session."""
    server = Server(os.environ["NC_URL"], os.environ["NC_ADMIN_USER"], os.environ["NC_ADMIN_APP_PASSWORD"])
    status = server.status()
    assert status.get("installed") and not status.get("maintenance"), f"{server.url} is not usable: {status}"
    server.ocs("GET", "/ocs/v2.php/cloud/user")  # the admin's app password works
    _server_line.append(
        f"server: {server.url} — {status.get('productname')} {server.version} (major {server.major}); "
        f"run prefix {RUN_PREFIX}")
    yield server
    _sweep(server, RUN_PREFIX)


@pytest.fixture(scope="session")
def nc2() -> Server:
    """The second server (hand-overs between servers), when NC2_* are set."""
    if not configured(SECOND):
        pytest.skip("no second server: set NC2_URL, NC2_ADMIN_USER and NC2_ADMIN_APP_PASSWORD")
    server = Server(os.environ["NC2_URL"], os.environ["NC2_ADMIN_USER"], os.environ["NC2_ADMIN_APP_PASSWORD"])
    server.ocs("GET", "/ocs/v2.php/cloud/user")
    _server_line.append(f"second server: {server.url} — Nextcloud {server.version} (major {server.major})")
    yield server
    _sweep(server, RUN_PREFIX)


@pytest.fixture(scope="session")
def cli_binary() -> Path:
    assert CLI.exists(), f"build the CLI first (cargo build -p passerelle-cli) or set PASSERELLE_CLI: {CLI} is missing"
    return CLI


_counter = [0]


class Members:
    """Creates throwaway members on a server and deletes them (and all they own) at the end of
    the test."""

    def __init__(self, server: Server):
        self.server = server
        self.created: list[str] = []
        self.groups: list[str] = []

    def user_id(self, role: str) -> str:
        _counter[0] += 1
        return f"{RUN_PREFIX}-{role}{_counter[0]}"

    def new(self, role: str, sign_in: bool = True, display_name: str | None = None,
            quota: str | None = None, groups: tuple[str, ...] = ()) -> Member:
        """A member; `sign_in` gets an app password with the login password (the member's
        first sign-in); without it, the member never signed in."""
        user_id = self.user_id(role)
        member = self.server.create_user(user_id, display_name or f"Ptest {role.capitalize()} {_counter[0]}",
                                         groups=groups, quota=quota)
        self.created.append(user_id)
        if sign_in:
            member.app_password = self.server.app_password(user_id, member.password)
        return member

    def adopt(self, user_id: str) -> None:
        """Deletes this account at the end too (made by the CLI)."""
        self.created.append(user_id)

    def group(self, name: str) -> str:
        group_id = f"{RUN_PREFIX}-{name}"
        self.server.create_group(group_id)
        self.groups.append(group_id)
        return group_id

    def cleanup(self) -> None:
        for user_id in reversed(self.created):
            self.server.delete_user(user_id)
        for group_id in self.groups:
            self.server.delete_group(group_id)


@pytest.fixture
def members(nc):
    m = Members(nc)
    yield m
    m.cleanup()


@pytest.fixture
def members2(nc2):
    m = Members(nc2)
    yield m
    m.cleanup()


# --- the CLI -----------------------------------------------------------------------------------


@pytest.fixture
def keyring(tmp_path):
    with private_keyring(tmp_path, b"real-nextcloud-keyring") as env:
        yield env


@dataclass
class Result:
    rc: int
    stdout: str
    stderr: str
    seconds: float

    def docs(self) -> list:
        """Every JSON document printed on standard output (a failed run prints its outcome,
        then the error)."""
        dec, out, i, s = json.JSONDecoder(), [], 0, self.stdout
        while True:
            while i < len(s) and s[i].isspace():
                i += 1
            if i >= len(s):
                return out
            try:
                value, i = dec.raw_decode(s, i)
            except ValueError:
                i = s.find("\n", i)
                if i < 0:
                    return out
                continue
            out.append(value)

    @property
    def json(self):
        docs = [d for d in self.docs() if not (isinstance(d, dict) and set(d) == {"error"})]
        assert docs, f"no JSON result (exit {self.rc}): {self.stdout[-500:]!r} {self.stderr[-500:]!r}"
        return docs[0]

    @property
    def error(self) -> dict | None:
        for d in self.docs():
            if isinstance(d, dict) and set(d) == {"error"}:
                return d["error"]
        return None

    @property
    def error_code(self) -> str | None:
        return (self.error or {}).get("code")

    def __str__(self):
        return f"exit {self.rc} after {self.seconds:.1f} s; stdout {self.stdout[-600:]!r}; stderr {self.stderr[-600:]!r}"


class Cli:
    """The real `passerelle-cli`, with this test's data folder and keyring; secrets only through
    the environment, as the CLI wants."""

    def __init__(self, binary: Path, data_dir: Path, keyring_env: dict):
        self.binary, self.data_dir = binary, data_dir
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PASSERELLE_", "DBUS_"))}
        env.update(keyring_env)
        env.update(PASSERELLE_DATA_DIR=str(data_dir), LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="",
                   NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
        self.env = env

    @property
    def db(self) -> Path:
        return self.data_dir / "passerelle.sqlite3"

    def command(self, args, json_output=True) -> list[str]:
        return [str(self.binary), "--lang", "en", *(["--json"] if json_output else []), *map(str, args)]

    def run(self, *args, secrets: dict | None = None, stdin: str = "", timeout: float = 900,
            json_output: bool = True) -> Result:
        start = time.monotonic()
        try:
            p = subprocess.run(self.command(args, json_output), env={**self.env, **(secrets or {})},
                               input=stdin, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise AssertionError(f"`passerelle-cli {' '.join(map(str, args))}` did not end within {timeout:.0f} s "
                                 f"(killed); stderr: {(e.stderr or b'')[-300:]!r}") from None
        return Result(p.returncode, p.stdout, p.stderr, time.monotonic() - start)

    def start(self, *args, secrets: dict | None = None, json_output: bool = True) -> subprocess.Popen:
        return subprocess.Popen(self.command(args, json_output), env={**self.env, **(secrets or {})},
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def query(self, sql: str, *params) -> list[tuple]:
        """Reads the CLI's SQLite file (read-only, while it may be writing)."""
        if not self.db.exists():
            return []
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []  # tables not created yet
        finally:
            con.close()

    def add_account(self, server: Server, member: Member, profile: str = "Test") -> int:
        r = self.run("account", "add", "--profile", profile, "--server", server.url, "--login", member.user_id,
                     secrets={"PASSERELLE_APP_PASSWORD": member.app_password})
        assert r.rc == 0, f"account add failed: {r}"
        return r.json["id"]


@pytest.fixture
def cli(cli_binary, tmp_path, keyring) -> Cli:
    data = tmp_path / "data"
    data.mkdir()
    return Cli(cli_binary, data, keyring)


@contextlib.contextmanager
def module_cli(cli_binary: Path, folder: Path):
    """A CLI with its own data folder and keyring for a module-scoped scenario."""
    folder.mkdir(parents=True, exist_ok=True)
    with private_keyring(folder, b"real-nextcloud-keyring") as env:
        data = folder / "data"
        data.mkdir()
        yield Cli(cli_binary, data, env)
