"""The hand-over screens, end to end: the real app under Xvfb drives a complete hand-over
against loopback servers — the Nextcloud double (captures of a real Nextcloud 29.0.6 for OCS)
with real files (rclone) and real calendars and address books (Radicale) behind Nextcloud's
paths, see ``nextcloud_double.py``.

An admin picks the departing member (alice) and the recipient (bob), selects one folder, one
calendar and one address book, starts; the app is killed (SIGKILL) in the middle of the copy,
restarted, the interrupted hand-over resumed, and the report read. The test then checks on
the servers that everything arrived complete and that nothing else was copied. Screenshots of
each step go to ``target/e2e/handover-<lang>-<step>.png``.
"""

import os
import re
import signal

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ARTIFACTS, APP, by_testid, visible, wait, save_shot
from flows import (
    LONG,
    accept_session_storage,
    consent_shown,
    create_profile,
    error_code,
    fluent_text,
    norm,
    open_connect,
    shown,
    sign_in_with_app_password,
    to_sign_in_choices,
    until,
)
from nextcloud_double import ADMIN, ALICE, BOB

FOLDER = "Dossier Asso"
FILES = 24  # enough for the run to be stopped with files still to copy


def ics(uid: str, summary: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Passerelle e2e//FR\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261120T090000Z\r\nDTSTART:20261201T090000Z\r\n"
        f"DTEND:20261201T100000Z\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def vcf(uid: str, name: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{name};;;;\r\nEND:VCARD\r\n"


def populate(nc) -> dict:
    """Alice's data: the folder to hand over (with a sub-folder and accented names), a folder
    that is not selected, a calendar and an address book to hand over and one of each not."""
    root = nc.files_of(ALICE)
    folder = root / FOLDER
    (folder / "Comptes rendus").mkdir(parents=True)
    expected = {}
    for i in range(FILES):
        sub = folder / "Comptes rendus" if i % 3 == 0 else folder
        name = f"réunion-{i:02d}.txt" if i % 2 else f"budget {i:02d}.ods"
        data = (f"Document {i} de l’association\n" * (40 + i * 7)).encode()
        (sub / name).write_bytes(data)
        expected[str((sub / name).relative_to(root))] = data
    (root / "Personnel").mkdir()
    (root / "Personnel" / "privé.txt").write_text("pas pour Bob")
    nc.make_calendar(ALICE, "bureau", "Bureau de l’asso", "#0082C9",
                     [ics(f"evt-{i}@asso", f"Réunion {i}") for i in range(3)])
    nc.make_calendar(ALICE, "perso", "Perso", "#E9322D", [ics("perso-1@asso", "Dentiste")])
    nc.make_address_book(ALICE, "adherents", "Adhérents",
                         [vcf(f"card-{i}@asso", f"Adhérent {i}") for i in range(2)])
    nc.make_address_book(ALICE, "famille", "Famille", [vcf("fam-1@asso", "Tante Jo")])
    return expected


def connect(s, nc, login: str, first: bool, lang: str) -> None:
    if first:
        create_profile(s, lang, "Camille")
    open_connect(s)
    to_sign_in_choices(s, nc.base_url)
    sign_in_with_app_password(s, login, nc.app_password(login))
    outcome = until(s, LONG, consent=consent_shown, connected=lambda d: shown(d, "account-connected"),
                    error=error_code)
    assert outcome == "connected", f"connecting {login} failed: {outcome}"


def connect_admin_again(s) -> None:
    """Makes the admin's account the current one again (Accounts screen)."""
    select_account(s, "admin")


def shot(s, lang: str, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Two frames, so the picture shows what was just changed.
    s.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")
    save_shot(s, ARTIFACTS / f"handover-{lang}-{name}.png")


def click(s, testid: str, timeout: float = 20.0):
    el = wait(s, timeout).until(EC.element_to_be_clickable(by_testid(testid)))
    el.click()
    return el


def kill_app(app) -> int:
    """SIGKILL this test's app (the process whose data folder is the test's; other e2e runs
    on the machine are left alone): no chance to record anything more. Returns its pid."""
    mine = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            exe = os.readlink(f"/proc/{entry}/exe")
            env = open(f"/proc/{entry}/environ", "rb").read().split(b"\0")
        except OSError:
            continue
        if exe == str(APP) and f"PASSERELLE_DATA_DIR={app.data_dir}".encode() in env:
            mine.append(int(entry))
    assert len(mine) == 1, f"expected this test's app to run once, found {mine}"
    os.kill(mine[0], signal.SIGKILL)
    return mine[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_handover_survives_a_kill_and_arrives_complete(keyring, app, members_space, opened, lang):
    nc = members_space
    expected = populate(nc)
    app.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])
    s = app.start()
    # The admin and the recipient are connected; the departing member is not yet.
    connect(s, nc, ADMIN, True, lang)
    connect(s, nc, BOB, False, lang)
    connect_admin_again(s)

    s.execute_script("location.hash = '#/handover'")
    visible(s, "handover-step-who")
    # Who leaves, who receives (the admin listing comes from the captures).
    wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-testid="handover-source-member"][data-user="{ALICE}"]'))
    s.find_element(By.CSS_SELECTOR, f'[data-testid="handover-source-member"][data-user="{ALICE}"]').click()
    s.find_element(By.CSS_SELECTOR, f'[data-testid="handover-target-member"][data-user="{BOB}"]').click()
    shot(s, lang, "1-who")
    click(s, "handover-who-next")

    # Access: Alice must approve Passerelle first; the way to do it is offered.
    todo = visible(s, "handover-todo-connect-source", LONG)
    assert "Alice" in norm(todo.text)
    shot(s, lang, "2-access-todo")
    # Alice signs in (here with her app password); connecting her account does not make it the
    # current one without asking, and the hand-over goes on with the admin's account and choices.
    connect(s, nc, ALICE, False, lang)
    s.find_element(*by_testid("nav-handover")).click()
    acting = norm(visible(s, "handover-acting").text)
    assert "admin" in acting, acting

    # Access: both sessions are held, no sharing API on the double → the streamed copy.
    strategy = visible(s, "handover-strategy", LONG)
    assert strategy.get_attribute("data-strategy") == "streamed-copy"
    assert norm(fluent_text(lang, "handover-strategy-streamed-copy")) in norm(strategy.text)
    shot(s, lang, "2-access")
    click(s, "handover-access-next")

    # What: one folder, one calendar, one address book.
    row = wait(s, LONG).until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="handover-tree-item"][data-path="/{FOLDER}"]'))
    row.find_element(By.CSS_SELECTOR, '[data-testid="handover-tree-check"]').click()
    # The tree is drawn again on each change: look the row up again.
    wait(s).until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-path="/{FOLDER}"]')
                  .get_attribute("aria-checked") == "true")
    wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="handover-calendar"][data-uri="bureau"]'))
    s.find_element(By.CSS_SELECTOR, '[data-testid="handover-calendar"][data-uri="bureau"]').click()
    s.find_element(By.CSS_SELECTOR, '[data-testid="handover-address-book"][data-uri="adherents"]').click()
    # Keyboard: the tree answers the arrow keys (focus moves to the next row).
    shot(s, lang, "3-what")
    click(s, "handover-what-next")

    # Plan: nothing written yet; counts of what was chosen.
    start = visible(s, "handover-start", LONG)
    facts = norm(visible(s, "handover-plan-facts").text)
    assert re.search(rf"(?<!\d){FILES}(?!\d)", facts), f"the plan should count {FILES} files: {facts}"
    assert not (nc.files_of(BOB) / FOLDER).exists() and not any(nc.files_of(BOB).iterdir())
    shot(s, lang, "4-plan")

    # Start, and kill the app once the copy is stuck in the middle.
    nc.hold(methods=("PUT",), after=FILES // 3)
    start.click()
    visible(s, "handover-progress-bar", LONG)
    nc.wait_held(1, timeout=60)
    shot(s, lang, "5-progress")
    kill_app(app)
    try:
        app.quit()
    except Exception:  # noqa: BLE001 - the session died with the app, as intended
        app.session = None
        app.quit()
    nc.release(forward=False)  # the killed app's requests never land
    copied_before = sum(1 for p in nc.files_of(BOB).rglob("*") if p.is_file())
    assert 0 < copied_before < FILES, f"the kill should land in the middle ({copied_before} copied)"

    # Restart: the profile, then the hand-over screen offers to resume.
    s = app.start()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    visible(s, "tours-screen", LONG)  # the profile is open (it shows the tours first)
    s.find_element(*by_testid("nav-handover")).click()
    try:
        visible(s, "handover-interrupted", LONG)
    finally:
        shot(s, lang, "6-interrupted")
    click(s, "handover-resume")

    state = wait(s, 120).until(lambda d: shown(d, "handover-report-state"))
    assert state.get_attribute("data-state") == "verified", norm(state.text)
    assert norm(fluent_text(lang, "handover-report-complete")) in norm(state.text)
    visible(s, "handover-disable")
    click(s, "handover-export-html")
    saved = wait(s).until(lambda d: norm(shown(d, "handover-export-path").text) if shown(d, "handover-export-path") else None)
    assert ".html" in saved, saved
    report = app.data_dir / "reports" / "passerelle-handover-1.html"
    assert report.is_file() and "Alice" in report.read_text(), f"no report at {report}"
    shot(s, lang, "7-report")

    # On the servers: the folder complete and identical, only it; the calendar and address
    # book with every UID; nothing of what was not chosen.
    bob = nc.files_of(BOB)
    dest = [p for p in bob.iterdir() if p.is_dir()]
    assert len(dest) == 1, f"one destination folder expected, found {[p.name for p in dest]}"
    got = {str(p.relative_to(dest[0])): p.read_bytes() for p in dest[0].rglob("*") if p.is_file()}
    assert got == expected, f"missing or different: {sorted(set(expected) ^ set(got))}"
    assert not any("privé" in p.name for p in bob.rglob("*"))
    cals = [c for c in nc.calendars_of(BOB) if c != "personal"]
    assert any(nc.calendar_uids(BOB, c) == [f"evt-{i}@asso" for i in range(3)] for c in cals), cals
    assert not any("perso-1@asso" in nc.calendar_uids(BOB, c) for c in cals)
    books = nc.address_books_of(BOB)
    assert any(nc.card_uids(BOB, b) == ["card-0@asso", "card-1@asso"] for b in books), books
    assert not any("fam-1@asso" in nc.card_uids(BOB, b) for b in books)
    # The departing member's data is untouched by a copy.
    assert sum(1 for p in (nc.files_of(ALICE) / FOLDER).rglob("*") if p.is_file()) == FILES


def connect_for_session(s, nc, login: str, first: bool, lang: str) -> None:
    """Like connect(), without a keyring: the access is kept until Passerelle closes (asked)."""
    if first:
        create_profile(s, lang, "Camille")
    open_connect(s)
    to_sign_in_choices(s, nc.base_url)
    sign_in_with_app_password(s, login, nc.app_password(login))
    while True:
        outcome = until(s, LONG, consent=consent_shown, connected=lambda d: shown(d, "account-connected"),
                        error=error_code)
        if outcome != "consent":
            break
        accept_session_storage(s)
        # The sign-in goes on once agreed; the app password form is sent again by the app.
    assert outcome == "connected", f"connecting {login} failed: {outcome}"


def select_account(s, user: str) -> None:
    """Makes `user`'s account the current one (Accounts screen)."""
    s.execute_script("location.hash = '#/accounts'")
    def item(d):
        for el in d.find_elements(*by_testid("account-item")):
            if norm(el.text).lower().startswith(user):
                return el
        return None
    def current(d) -> bool:
        el = item(d)
        if el is None:
            return False
        if el.find_elements(*by_testid("account-current")):
            return True
        # (Again if the list was drawn anew under the click.)
        buttons = el.find_elements(*by_testid("account-select"))
        if buttons and buttons[0].is_enabled():
            buttons[0].click()
        return False

    until(s, LONG, current=current)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_access_step_after_a_restart_names_the_lost_account_and_offers_the_admin_way(app, opened, lang):
    """Issue #16 (2 and 4). No keyring: the admin's and Alice's access are kept until Passerelle
    closes. After a restart the app says so at once (a notice, the header); the admin reconnects
    from the Accounts card; at the access step Alice's lost account is named, the
    OwnershipTransfer app (admin only; the double serves its lists from the captures) is offered
    and the hand-over can go on; Alice is then reconnected right there, which opens the copy
    too."""
    from nextcloud_double import NextcloudDouble

    with NextcloudDouble(mode="normal", webdav=True, dav=True, ownership_transfer=True,
                         apps_off=("files_sharing", "notifications")) as nc:
        (nc.files_of(ALICE) / FOLDER).mkdir()
        app.extra_env.update(PASSERELLE_E2E_BROWSER_GRANTS="1")
        s = app.start()
        connect_for_session(s, nc, ADMIN, True, lang)
        connect_for_session(s, nc, ALICE, False, lang)
        connect_for_session(s, nc, BOB, False, lang)

        s = app.restart()
        visible(s, "welcome-screen")
        s.find_element(*by_testid("profile-choice")).click()
        # Said at once: both accesses are gone, each can be reconnected right there.
        notice = visible(s, "reconnect-notice", LONG)
        assert norm(fluent_text(lang, "reconnect-notice-title", count=3)) in norm(notice.text)
        names = [norm(e.text) for e in s.find_elements(*by_testid("reconnect-notice-account"))]
        assert sorted(n.split(" ")[0] for n in names) == ["Alice", "Bob", "admin"], names
        visible(s, "current-account-reconnect")
        shot(s, lang, "r1-reconnect-notice")

        # The admin reconnects from the Accounts card (the browser signs in as the admin).
        select_account(s, "admin")
        nc.login_as(ADMIN)
        card = visible(s, "account-reconnect", LONG)
        assert norm(fluent_text(lang, "reconnect-me")) in norm(card.text)
        shot(s, lang, "r2-accounts-card")
        click(s, "account-reconnect-flow-start")
        visible(s, "overview-space", LONG)
        assert not s.find_elements(*by_testid("current-account-reconnect"))

        # Passation is in the menu for an admin.
        click(s, "nav-handover", LONG)
        wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-testid="handover-source-member"][data-user="{ALICE}"]'))
        source_list = norm(s.find_element(*by_testid("handover-source-list")).text)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", source_list), f"an ISO date is shown: {source_list}"
        s.find_element(By.CSS_SELECTOR, f'[data-testid="handover-source-member"][data-user="{ALICE}"]').click()
        s.find_element(By.CSS_SELECTOR, f'[data-testid="handover-target-member"][data-user="{BOB}"]').click()
        click(s, "handover-who-next")

        # No dead end: Alice's and Bob's accounts are named, the admin-only way is there, Next
        # works.
        lost = visible(s, "handover-lost-source", LONG)
        assert "Alice" in lost.text and f"{ALICE} " in lost.text, lost.text
        assert "Bob" in visible(s, "handover-lost-target").text
        strategy = visible(s, "handover-strategy")
        assert strategy.get_attribute("data-strategy") == "ownership-transfer"
        assert s.find_element(*by_testid("handover-access-next")).is_enabled()
        assert not s.find_elements(*by_testid("handover-access-error"))
        s.execute_script("arguments[0].scrollIntoView()", lost)
        shot(s, lang, "r3-access-lost")

        # Alice, then Bob, sign in again right here: the copy becomes possible too.
        nc.login_as(ALICE)
        click(s, "handover-lost-source-reconnect-start")
        wait(s, LONG).until(lambda d: not d.find_elements(*by_testid("handover-lost-source")))
        assert visible(s, "handover-strategy", LONG).get_attribute("data-strategy") == "ownership-transfer"
        nc.login_as(BOB)
        click(s, "handover-lost-target-reconnect-start", LONG)
        routes = wait(s, LONG).until(lambda d: d.find_elements(*by_testid("handover-route")))
        assert [r.get_attribute("data-strategy") for r in routes] == ["ownership-transfer", "streamed-copy"]
        assert not s.find_elements(*by_testid("handover-lost-target"))
        s.execute_script("arguments[0].scrollIntoView()", s.find_element(*by_testid("handover-step-access")))
        shot(s, lang, "r4-access-routes")
        routes[1].click()
        assert visible(s, "handover-strategy").get_attribute("data-strategy") == "streamed-copy"
        click(s, "handover-access-next")
        # On with the copy: the member's own files, through her session again.
        wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-testid="handover-tree-item"][data-path="/{FOLDER}"]'))
