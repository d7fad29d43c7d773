"""Harness for end-to-end tests of the real Passerelle binary.

Starts Xvfb on a free display and tauri-driver (which drives WebKitWebDriver) on free loopback
ports, with a fresh data folder per test, and stops them by PID at the end. Readiness is waited
for by polling the port, never by sleeping a fixed time.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import urllib3
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from private_keyring import private_keyring  # noqa: E402 (tests/private_keyring.py)

APP = ROOT / "target" / "debug" / "passerelle"
ARTIFACTS = ROOT / "target" / "e2e"
# Longest a single WebDriver command may take before the test fails (Selenium waits forever by
# default: a WebKitWebDriver that stops answering once hung a whole run).
COMMAND_SECONDS = 90
FAKE_BROWSER_DIR = Path(__file__).resolve().parent / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """Every process under `pid` (from /proc), for tests that look at the app's processes."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def wait_for_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling interval, not synchronisation
    raise RuntimeError(f"{what} did not open port {port} within {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def display():
    """An Xvfb server on a free display number."""
    assert APP.exists(), f"build the app first: {APP} is missing"
    for _ in range(20):
        num = 90 + (os.getpid() + _) % 400
        if not Path(f"/tmp/.X11-unix/X{num}").exists() and not Path(f"/tmp/.X{num}-lock").exists():
            break
    proc = subprocess.Popen(
        ["Xvfb", f":{num}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{num}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    yield f":{num}"
    stop(proc)


class AppDriver:
    """Starts and restarts the real app through tauri-driver, keeping one data folder."""

    def __init__(self, display: str, data_dir: Path, system_lang: str):
        self.display = display
        self.data_dir = data_dir
        self.system_lang = system_lang
        self.driver_proc = None
        self.session = None
        # Extra environment for the app (merged last in _start_driver), e.g. PATH with
        # tests/e2e/bin first so the app's `xdg-open` is the fake browser.
        self.extra_env: dict[str, str] = {}

    def _start_driver(self) -> int:
        port, native = free_port(), free_port()
        env = dict(os.environ)
        env.update(
            DISPLAY=self.display,
            PASSERELLE_DATA_DIR=str(self.data_dir),
            LANG=self.system_lang,
            LC_ALL=self.system_lang,
            LANGUAGE="",
            NO_AT_BRIDGE="1",
        )
        env.update(self.extra_env)
        env.pop("WAYLAND_DISPLAY", None)
        log = open(ARTIFACTS / "tauri-driver.log", "ab")
        self.driver_proc = subprocess.Popen(
            [shutil.which("tauri-driver") or "tauri-driver", "--port", str(port), "--native-port", str(native)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(port, self.driver_proc, "tauri-driver")
        # tauri-driver forwards to WebKitWebDriver, which may still be starting.
        wait_for_port(native, self.driver_proc, "WebKitWebDriver")
        return port

    def start(self) -> webdriver.Remote:
        try:
            return self._start_session()
        except urllib3.exceptions.ProtocolError as e:
            # Once in about a hundred starts under load, WebKitWebDriver drops the connection
            # of the new-session request before answering (tauri-driver logs "connection closed
            # before message completed"; the app never showed a window). Start the drivers
            # again, once: an app that cannot start fails the second time too.
            print(f"[e2e] new session dropped by the driver ({e}); starting it again", file=sys.stderr)
            self.quit()
            return self._start_session()

    def _start_session(self) -> webdriver.Remote:
        port = self._start_driver()
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP)})
        url = f"http://127.0.0.1:{port}"
        config = ClientConfig(remote_server_addr=url, timeout=COMMAND_SECONDS)
        self.session = webdriver.Remote(command_executor=RemoteConnection(client_config=config), options=options)
        return self.session

    def quit(self) -> None:
        if self.session is not None:
            try:
                self.session.quit()
            finally:
                self.session = None
        if self.driver_proc is not None:
            stop(self.driver_proc)
            self.driver_proc = None

    def restart(self) -> webdriver.Remote:
        self.quit()
        return self.start()


@pytest.fixture
def app(display, request):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="passerelle-e2e-"))
    lang = getattr(request, "param", "fr_FR.UTF-8")
    driver = AppDriver(display, data_dir, lang)
    yield driver
    driver.quit()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def opened(app, tmp_path):
    """The app's environment: the fake browser (tests/e2e/bin/xdg-open) first in PATH, recording
    the URLs the app opens into this file, and no proxy for loopback."""
    record = tmp_path / "opened-urls.txt"
    app.extra_env.update(
        PATH=f"{FAKE_BROWSER_DIR}{os.pathsep}{os.environ.get('PATH', '')}",
        PASSERELLE_E2E_OPENED=str(record),
        PASSERELLE_E2E_BROWSER_GRANTS="0",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return record


# A transparent pixel whose colour changes: WebKit draws the page again, nothing visible changes.
_REPAINT = """
let pixel = document.getElementById("e2e-repaint");
if (!pixel) {
  pixel = document.createElement("div");
  pixel.id = "e2e-repaint";
  pixel.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none";
  document.documentElement.appendChild(pixel);
}
pixel.style.backgroundColor = `rgba(${arguments[0] % 256}, 0, 0, 0)`;
"""
_REPAINT_DONE = 'document.getElementById("e2e-repaint")?.remove()'


def save_shot(session, path, timeout: float = 30.0) -> None:
    """A WebDriver screenshot of the main window into `path`.

    WebKitGTK's WebDriver takes the screenshot at the page's next drawing. A page where nothing
    moves (no caret blinking, no animation: the http warning, the page after a dialog closed)
    is not drawn again, and the screenshot never came (it hung whole runs). So while it is not
    there, the page is made to draw again by changing a transparent pixel."""
    done = threading.Event()
    failure: list[BaseException] = []

    def take() -> None:
        try:
            session.save_screenshot(str(path))
        except BaseException as e:  # noqa: BLE001 - handed to the caller below
            failure.append(e)
        finally:
            done.set()

    threading.Thread(target=take, daemon=True).start()
    deadline = time.monotonic() + timeout
    nudges = 0
    while not done.wait(0.2):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no screenshot within {timeout:.0f} s: {path}")
        nudges += 1
        session.execute_script(_REPAINT, nudges)
    if nudges:
        session.execute_script(_REPAINT_DONE)
    if failure:
        raise failure[0]


def wait(session, timeout: float = 20.0) -> WebDriverWait:
    return WebDriverWait(session, timeout)


def by_testid(testid: str):
    return (By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def visible(session, testid: str, timeout: float = 20.0):
    return wait(session, timeout).until(EC.visibility_of_element_located(by_testid(testid)))


def html_lang(session) -> str:
    return session.execute_script("return document.documentElement.lang")


def fluent_message(lang: str, msg_id: str) -> str:
    """The plain value of a single-line Fluent message, read from the locale files."""
    for path in sorted((ROOT / "locales" / lang).rglob("*.ftl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{msg_id} ="):
                return line.split("=", 1)[1].strip()
    raise KeyError(f"{msg_id} not in locales/{lang}")


@pytest.fixture
def keyring(tmp_path):
    """A private D-Bus session bus with a real, unlocked gnome-keyring (Secret Service) on it.
    Yields the environment a process needs to use it (DBUS_SESSION_BUS_ADDRESS)."""
    with private_keyring(tmp_path, b"e2e-keyring-password") as env:
        yield env


@pytest.fixture
def members_space():
    """The Nextcloud double with its four members (admin, alice, bob, carol), each member's real
    files (rclone) and real calendars and address books (Radicale) behind the Nextcloud paths;
    stopped (servers and temporary folders) at the end. The sharing and notifications
    capabilities are left out: the double serves no sharing API, so a hand-over's `auto` picks
    the streamed copy. See nextcloud_double.py for the helpers (login_as, files_of,
    make_calendar, calendar_uids, …)."""
    from nextcloud_double import NextcloudDouble

    with NextcloudDouble(mode="normal", webdav=True, dav=True,
                         apps_off=("files_sharing", "notifications")) as nc:
        yield nc
