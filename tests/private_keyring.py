"""A private D-Bus session bus with a real, unlocked gnome-keyring (Secret Service) on it, for
the end-to-end tests and the real-server suite (both conftests use it): nothing touches the
person's own keyring."""

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def private_keyring(folder: Path, password: bytes = b"test-keyring-password"):
    """Yields the environment a process needs to use the keyring (PATH, HOME, XDG folders and
    DBUS_SESSION_BUS_ADDRESS); both daemons are stopped at the end, even on failure."""
    for tool, package in [("dbus-daemon", "dbus-daemon"), ("gnome-keyring-daemon", "gnome-keyring"),
                          ("dbus-send", "dbus-bin"), ("secret-tool", "libsecret-tools")]:
        assert shutil.which(tool), f"{tool} is missing: apt-get install {package}"
    home, run = folder / "keyring-home", folder / "keyring-run"
    (home / ".local" / "share").mkdir(parents=True)
    run.mkdir(mode=0o700)
    conf = folder / "bus.conf"
    conf.write_text(BUS_CONFIG.format(dir=run))
    bus = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address=1", f"--config-file={conf}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    address = bus.stdout.readline().decode().strip()
    assert address, "dbus-daemon printed no address"
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_RUNTIME_DIR": str(run), "DBUS_SESSION_BUS_ADDRESS": address}
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock"],
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        daemon.stdin.write(password)
        daemon.stdin.close()
        ask = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
               "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"]
        deadline = time.monotonic() + 15
        while "boolean true" not in subprocess.run(ask, env=env, capture_output=True, text=True).stdout:
            assert daemon.poll() is None and time.monotonic() < deadline, "gnome-keyring did not start"
            time.sleep(0.05)  # polling interval, not synchronisation
        yield env
    finally:
        stop(daemon)
        stop(bus)
