"""End-to-end: a workshop, in the real app, on two "laptops" (two data folders, one app at a time).

1. The trainer's laptop prepares a workshop pack (the Files tour) onto the "USB key" (a folder),
   and shows the projector view and a printable sign-in sheet (screenshots).
2. The participant's laptop imports the pack, the participant (profile Camille, alice's account
   on the Nextcloud double with real WebDAV, app password in a real gnome-keyring) starts the
   Files tour, the network cable is pulled (tests/e2e/workshop/cable.py: the app reaches the
   double through a loopback forwarder that is closed), the participant goes through the first
   steps and presses Check on the upload task: the app says calmly it will check when the space
   is back; the cable is plugged in again, the file is sent, Check says done. The participant
   exports their progress to the USB key (Settings → Export my progress).
3. The trainer's laptop imports that file and shows the merged table.
4. The participant's laptop is reset for the next person; nothing of Camille remains: no
   profile on the Welcome screen, no row in the database (read with sqlite3), no app password in
   the keyring, an empty web-session folder, and not even her name in the database file.

Screenshots: target/e2e/workshop-{sheet,projector,table,offline}-<lang>.png. Texts are compared
with the locale files. No fixed sleeps: every wait is for a condition.
"""

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.common.exceptions import StaleElementReferenceException

from conftest import APP, ARTIFACTS, AppDriver, by_testid, visible, wait, save_shot
from flows import LONG, SPACE_NAME, connect_with_app_password, create_profile, fluent_text, norm, shown
from nextcloud_double import ADMIN, ADMIN_APP_PASSWORD, ALICE, ALICE_APP_PASSWORD, NextcloudDouble, basic, fetch
from workshop.cable import Cable

LANGS = pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])
CHECK_TIMEOUT = 30.0
LAPTOP = "poste-3"


@pytest.fixture
def space():
    """The double with alice's files on real WebDAV (an account's old files, so only a file
    sent during the test is "new"), behind a cable that can be pulled."""
    with NextcloudDouble(mode="normal", webdav=True) as nc:
        (nc.files_dir / "Documents").mkdir()
        (nc.files_dir / "Readme.md").write_text("# Nextcloud\n")
        month_ago = time.time() - 30 * 24 * 3600
        for p in [*nc.files_dir.rglob("*"), nc.files_dir]:
            os.utime(p, (month_ago, month_ago))
        cable = Cable(nc.port)
        try:
            yield nc, cable
        finally:
            cable.close()


@pytest.fixture
def trainer(app):
    """The trainer's laptop: the same display and language, its own data folder."""
    data_dir = Path(tempfile.mkdtemp(prefix="passerelle-e2e-trainer-"))
    driver = AppDriver(app.display, data_dir, app.system_lang)
    yield driver
    driver.quit()
    shutil.rmtree(data_dir, ignore_errors=True)


def quit_app(driver: AppDriver) -> None:
    """Ends the session and waits until this laptop's app is gone: a second start on the same
    data folder would otherwise only focus it (single instance) and never open a window. An app
    still there after 15 s is stopped — only the one whose data folder is this laptop's."""
    driver.quit()
    deadline = time.monotonic() + 15
    while (pids := app_pids(driver.data_dir)) and time.monotonic() < deadline:
        time.sleep(0.1)  # polling interval, not synchronisation
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while app_pids(driver.data_dir) and time.monotonic() < deadline:
        time.sleep(0.1)  # polling interval, not synchronisation


def app_pids(data_dir: Path) -> list[int]:
    """Running Passerelle processes whose data folder is `data_dir` (as test_handover.kill_app)."""
    out = subprocess.run(["pgrep", "-f", f"^{APP}"], capture_output=True, text=True).stdout.split()
    mine = []
    for pid in out:
        try:
            env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if f"PASSERELLE_DATA_DIR={data_dir}".encode() in env and state != "Z":
            mine.append(int(pid))
    return mine


def lang_of(app) -> str:
    return app.system_lang[:2]


def snap(s, name: str, lang: str) -> None:
    save_shot(s, ARTIFACTS / f"workshop-{name}-{lang}.png")


def open_route(s, route: str, testid: str):
    s.execute_script(f"location.hash = '#/{route}'")
    el = visible(s, testid, LONG)
    if route == "workshop":  # its tours and default paths are there
        wait(s, LONG).until(lambda d: d.find_element(*by_testid("workshop-tours")).get_attribute("aria-busy") is None)
    return el


def type_into(s, testid: str, text: str) -> None:
    # A typed path that exists must stay text, not become a file upload.
    s.file_detector = UselessFileDetector()
    field = visible(s, testid)
    s.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.clear()
    field.send_keys(text)


def click(s, testid: str) -> None:
    el = visible(s, testid)
    s.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def loose(text: str) -> str:
    """Text as compared: flows.norm, and no space just inside brackets (flows' Fluent renderer
    keeps the line breaks around a multi-line select expression)."""
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([).,:])", r"\1", norm(text)))


def status_is(s, testid: str, text: str, timeout: float = LONG) -> None:
    def said(d):
        el = shown(d, testid)
        return el is not None and loose(el.text) == loose(text)

    try:
        wait(s, timeout).until(said)
    except Exception:
        save_shot(s, ARTIFACTS / "workshop-failure.png")
        el = shown(s, testid)
        errors = [e.text for e in s.find_elements(By.CSS_SELECTOR, '[role="alert"]') if e.text.strip()]
        print("alerts:", errors)
        raise AssertionError(f"{testid}: {el.text if el else None!r} != {text!r}")


def wait_step(s, step_id: str):
    def on_step(d):
        try:
            el = shown(d, "tour-step")
            return el if el is not None and el.get_attribute("data-step-id") == step_id else False
        except StaleElementReferenceException:
            return False

    return wait(s, LONG).until(on_step, f"step {step_id} was not shown")


def press_next(s) -> None:
    button = visible(s, "tour-next")
    assert button.get_attribute("aria-disabled") != "true", "Next is unavailable"
    button.click()


def check_result(d):
    found = d.find_elements(*by_testid("tour-check-result"))
    if not found or not found[0].text.strip():
        return None
    busy = d.find_elements(*by_testid("tour-checking"))
    if busy and busy[0].text.strip():
        return None
    return found[0]


# ---- the trainer's laptop ---------------------------------------------------------------------


def reflows_at_200_percent(s, lang: str) -> None:
    """At 200 % zoom the Workshop screen still fits the window's width (nothing to scroll
    sideways but the progress table, which scrolls in its own region)."""
    widths = s.execute_script(
        "document.documentElement.style.zoom = '2';"
        "const el = document.querySelector('[data-testid=workshop-screen]');"
        "return [el.scrollWidth, el.clientWidth];")
    try:
        assert widths[0] <= widths[1] + 1, f"the Workshop screen overflows at 200 %: {widths}"
        snap(s, "zoom200", lang)
    finally:
        s.execute_script("document.documentElement.style.zoom = '';")


def prepare_pack(s, lang: str, usb: Path) -> Path:
    create_profile(s, lang, "Dominique")
    open_route(s, "workshop", "workshop-screen")
    reflows_at_200_percent(s, lang)
    type_into(s, "workshop-plan-name", "Atelier fichiers")
    box = wait(s, LONG).until(lambda d: shown(d, "workshop-tour-files"))
    s.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    assert norm(visible(s, "workshop-pack-id").get_attribute("value")) == "atelier-fichiers"
    pack = usb / "atelier-fichiers.zip"
    type_into(s, "workshop-pack-dest", str(pack))
    click(s, "workshop-pack-export")
    status_is(s, "workshop-prepare-status",
              fluent_text(lang, "workshop-ui-pack-exported", path=str(pack), count=1))
    assert pack.is_file()
    return pack


def projector(s, lang: str) -> None:
    click(s, "workshop-projector-open")
    visible(s, "workshop-projector", LONG)

    def on(step_id: str, n: int):
        def shown_step(d):
            el = d.find_elements(By.CSS_SELECTOR, '[data-testid="projector-step"] [data-step-id]')
            return bool(el) and el[0].get_attribute("data-step-id") == step_id and norm(
                d.find_element(*by_testid("projector-counter")).text) == norm(
                fluent_text(lang, "workshop-ui-projector-counter", n=n, total=11))
        wait(s, LONG).until(shown_step, f"projector is not on {step_id}")

    on("welcome", 1)
    keys = ActionChains(s)
    keys.send_keys(Keys.ARROW_RIGHT).send_keys(Keys.SPACE).perform()
    on("new-menu", 3)
    ActionChains(s).send_keys(Keys.ARROW_LEFT).perform()
    on("already-know", 2)
    ActionChains(s).send_keys(Keys.ARROW_RIGHT).perform()
    on("new-menu", 3)
    # Big, on its own: the projector covers the window.
    size = s.execute_script(
        "const r = document.querySelector('[data-testid=workshop-projector]').getBoundingClientRect();"
        "return [r.width, r.height, window.innerWidth, window.innerHeight,"
        " parseFloat(getComputedStyle(document.querySelector('.projector-text')).fontSize)];")
    assert size[0] >= size[2] - 1 and size[1] >= size[3] - 1, size
    assert size[4] >= 28, f"projector text is not large: {size[4]}px"
    snap(s, "projector", lang)
    ActionChains(s).send_keys(Keys.ESCAPE).perform()
    visible(s, "workshop-screen", LONG)


def sign_in_sheet(s, lang: str) -> None:
    type_into(s, "workshop-sheet-server", "monasso.frama.space")
    type_into(s, "workshop-sheet-title", "Atelier du jeudi")
    # WebKitWebDriver types "\n" as nothing: Enter makes the new lines, as a person would.
    type_into(s, "workshop-sheet-list", Keys.ENTER.join([
        "Anne Martin,atelier-01,Kbtw-7mqa-Hx3p", "Bilal Haddad,atelier-02,Rfz4-Np8c-Wd2k",
        "Chloé Dubois,atelier-03,Tq9v-Mj3s-Ye6b", "David Leroy,atelier-04,Xg2h-Pc5n-Zk7r"]))
    click(s, "workshop-sheet-make")
    status_is(s, "workshop-sheet-status", fluent_text(lang, "workshop-ui-sheet-ready", count=4))
    frame = visible(s, "workshop-sheet-frame")
    s.execute_script("arguments[0].scrollIntoView({block: 'start'})", frame)
    s.switch_to.frame(frame)
    try:
        cards = wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".card"))
        text = norm(s.find_element(By.TAG_NAME, "body").text)
        assert len(cards) == 4, text
        assert "atelier-03" in text and "Tq9v-Mj3s-Ye6b" in text and "Atelier du jeudi" in text, text
        assert len(s.find_elements(By.CSS_SELECTOR, "svg")) >= 4, "a card has no QR code"
        assert s.execute_script("return document.documentElement.lang") == lang
    finally:
        s.switch_to.default_content()
    snap(s, "sheet", lang)


# ---- the participant's laptop ------------------------------------------------------------------


def import_pack(s, lang: str, pack: Path) -> None:
    open_route(s, "workshop", "workshop-screen")
    type_into(s, "workshop-pack-path", str(pack))
    click(s, "workshop-pack-import")
    status_is(s, "workshop-prepare-status",
              fluent_text(lang, "workshop-ui-pack-imported", name="Atelier fichiers", count=1))


def tour_offline_then_back(s, lang: str, nc: NextcloudDouble, cable: Cable) -> None:
    open_route(s, "tours", "tours-screen")
    css = '[data-testid="tour-card"][data-tour-id="files"] [data-testid="tour-start"]'
    start = wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))[0]
    s.execute_script("arguments[0].scrollIntoView({block: 'center'})", start)
    start.click()
    wait_step(s, "welcome")

    cable.unplug()  # the room's network is gone
    press_next(s)
    wait_step(s, "already-know")
    [c for c in s.find_elements(*by_testid("tour-choice")) if c.get_attribute("data-goto") == "next"][0].click()
    wait_step(s, "new-menu")
    press_next(s)
    wait_step(s, "new-button")
    press_next(s)
    wait_step(s, "new-folder-entry")
    press_next(s)
    wait_step(s, "upload")
    click(s, "tour-check")
    result = wait(s, CHECK_TIMEOUT).until(check_result, "no answer to Check while offline")
    assert result.get_attribute("data-offline") == "true", result.text
    assert result.get_attribute("data-done") != "true"
    assert norm(result.text) == norm(fluent_text(lang, "tour-offline-wait"))
    snap(s, "offline", lang)

    cable.plug()  # back; the person sends a file from their browser
    url = nc.base_url + f"/remote.php/dav/files/{ALICE}/premier-envoi.txt"
    reply = fetch(url, method="PUT", body=b"Bonjour\n",
                  headers={"Authorization": basic(ALICE, ALICE_APP_PASSWORD), "Content-Type": "text/plain"})
    assert reply.status in (201, 204)
    visible(s, "tour-check").click()
    wait(s, CHECK_TIMEOUT).until(
        lambda d: (r := check_result(d)) is not None and r.get_attribute("data-done") == "true",
        "the task was not seen as done once the space was back")
    press_next(s)
    wait_step(s, "create-folder")


def export_progress(s, lang: str, usb: Path) -> Path:
    open_route(s, "settings", "progress-export-section")
    type_into(s, "progress-export-laptop", LAPTOP)
    out = usb / f"progression-{LAPTOP}.json"
    type_into(s, "progress-export-path", str(out))
    click(s, "progress-export")
    status_is(s, "progress-export-status", fluent_text(lang, "workshop-ui-export-done", path=str(out), count=1))
    assert out.is_file() and out.stat().st_size < 10_000, "the progress file is not small"
    assert ALICE_APP_PASSWORD not in out.read_text(encoding="utf-8")
    return out


def reset_laptop(s, lang: str) -> None:
    open_route(s, "workshop", "workshop-screen")
    click(s, "workshop-reset")
    dialog = visible(s, "workshop-reset-dialog")
    assert "Camille" in norm(dialog.text)
    dialog.find_element(*by_testid("dialog-confirm")).click()
    status_is(s, "workshop-reset-status",
              fluent_text(lang, "workshop-ui-reset-done", profiles=1, accounts=1, secrets=1, web=1))
    click(s, "workshop-reset-continue")
    visible(s, "welcome-screen", LONG)
    assert not s.find_elements(*by_testid("profile-choice")), "a profile is still offered"


# ---- the test ----------------------------------------------------------------------------------


@LANGS
def test_workshop_pack_offline_tour_progress_and_reset(keyring, app, trainer, opened, space, tmp_path):
    lang = lang_of(app)
    nc, cable = space
    usb = tmp_path / "usb"
    usb.mkdir()

    # Both laptops use the test's keyring bus, never the machine's.
    trainer.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])

    # 1. At home, the trainer prepares the pack; projector view and sign-in sheet.
    s = trainer.start()
    pack = prepare_pack(s, lang, usb)
    projector(s, lang)
    sign_in_sheet(s, lang)
    quit_app(trainer)

    # 2. On a participant's laptop.
    app.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])
    s = app.start()
    connect_with_app_password(s, lang, "Camille", cable.base_url, ALICE, ALICE_APP_PASSWORD)
    visible(s, SPACE_NAME, LONG)
    import_pack(s, lang, pack)
    assert (app.data_dir / "workshop-packs" / "atelier-fichiers" / "workshop.toml").is_file()
    tour_offline_then_back(s, lang, nc, cable)
    progress_file = export_progress(s, lang, usb)
    # The space window's web session would live here (seeded: this test opens no space window).
    session = app.data_dir / "web-sessions" / "1"
    session.mkdir(parents=True, exist_ok=True)
    (session / "cookies.sqlite").write_bytes(b"session of Camille")
    quit_app(app)

    # 3. Back on the trainer's laptop: the merged table.
    s = trainer.start()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    visible(s, "tours-screen", LONG)  # where a chosen profile lands, before going elsewhere
    open_route(s, "workshop", "workshop-screen")
    type_into(s, "workshop-progress-files", str(progress_file))
    click(s, "workshop-progress-import")
    status_is(s, "workshop-progress-status",
              fluent_text(lang, "workshop-ui-progress-imported", files=1, participants=1,
                          updated=_steps(progress_file)))
    row = visible(s, "workshop-progress-row")
    assert row.get_attribute("data-participant") == "Camille"
    cell = row.find_element(By.CSS_SELECTOR, 'td[data-tour="files"][data-step="upload"]')
    assert cell.get_attribute("data-state") == "done"
    assert norm(cell.text) == norm(fluent_text(lang, "workshop-state-done"))
    welcome = row.find_element(By.CSS_SELECTOR, 'td[data-tour="files"][data-step="welcome"]')
    assert welcome.get_attribute("data-state") in ("seen", "done")
    s.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    snap(s, "table", lang)
    quit_app(trainer)

    # 4. The participant's laptop is reset for the next person.
    stored = lambda: subprocess.run(["secret-tool", "search", "--all", "service", "org.passerelle.app"],
                                    env=keyring, capture_output=True, text=True)
    assert f"|{ALICE}" in stored().stdout + stored().stderr, "the app password was not in the keyring"
    s = app.start()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    visible(s, SPACE_NAME, LONG)
    visible(s, "tours-screen", LONG)
    reset_laptop(s, lang)
    quit_app(app)

    db = app.data_dir / "passerelle.sqlite3"
    with sqlite3.connect(db) as conn:
        for table in ("profiles", "accounts", "tour_progress", "tour_state", "tour_hidden"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    leftovers = b"".join(p.read_bytes() for p in app.data_dir.glob("passerelle.sqlite3*"))
    assert b"Camille" not in leftovers, "Camille's name lingers in the database file"
    assert ALICE_APP_PASSWORD.encode() not in leftovers
    assert not any((app.data_dir / "web-sessions").iterdir()), "the web session is still there"
    gone = stored()
    assert f"|{ALICE}" not in gone.stdout + gone.stderr, "the app password is still in the keyring"
    # The workshop pack stays on the laptop for the next participant.
    assert (app.data_dir / "workshop-packs" / "atelier-fichiers" / "workshop.toml").is_file()


def _steps(progress_file: Path) -> int:
    data = json.loads(progress_file.read_text(encoding="utf-8"))
    return sum(len(p["steps"]) for p in data["participants"])


# ---- practice accounts: a list with mistakes is refused line by line, nothing sent --------------


@LANGS
def test_practice_accounts_list_is_checked_line_by_line_and_nothing_is_created(app, opened):
    """The trainer (the double's admin) pastes a list of members with mistakes: each is shown with
    its line, Create stays unavailable, and the server only received reads. (The double serves
    the captured users and groups; it has no user creation, so creation itself is covered by the
    core's tests against the provisioning captures.)"""
    lang = lang_of(app)
    with NextcloudDouble(mode="normal") as nc:
        s = app.start()
        connect_with_app_password(s, lang, "Dominique", nc.base_url, ADMIN, ADMIN_APP_PASSWORD)
        open_route(s, "workshop", "workshop-screen")
        click(s, "workshop-use-csv")
        type_into(s, "workshop-csv", Keys.ENTER.join([
            "nom,identifiant,courriel,groupe",
            "Anne Martin,anne,anne@asso.example,atelier",
            f"Alice Bis,{ALICE},alice2@asso.example,atelier",
            "Anne Bis,anne,anne@",
            ",vide,,",
        ]))
        nc.clear_log()
        click(s, "workshop-plan-check")
        wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="workshop-plan-problems"] li'))
        items = s.find_elements(By.CSS_SELECTOR, '[data-testid="workshop-plan-problems"] li')
        lines = sorted({int(li.get_attribute("data-line")) for li in items})
        assert lines == [3, 4, 5], [li.text for li in items]
        texts = " | ".join(norm(li.text) for li in items)
        assert norm(fluent_text(lang, "workshop-reason-exists-on-server")) in texts, texts
        assert norm(fluent_text(lang, "workshop-reason-invalid-email")) in texts, texts
        assert visible(s, "workshop-create").get_attribute("disabled") is not None, "Create is offered"
        s.execute_script("arguments[0].scrollIntoView({block: 'center'})", items[0])
        snap(s, "plan-problems", lang)
        sent = [(e["method"], e["path"]) for e in nc.log() if e["method"] != "GET"]
        assert sent == [], f"the check changed something on the server: {sent}"
        assert any(e["path"].startswith("/ocs/v2.php/cloud/users") for e in nc.log()), \
            "the list was not checked against the space's accounts"
