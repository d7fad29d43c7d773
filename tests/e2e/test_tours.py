"""End-to-end: guided tours in the real app, each task verified by asking the server.

The space is the loopback Nextcloud double (nextcloud_double.py) with **real WebDAV** behind it
(`webdav=True`: `rclone serve webdav` on a fresh folder as alice's files). What the person does
"in their browser" on Nextcloud is done here as the browser's WebDAV requests, through the double
(MKCOL, PUT, MOVE with alice's app password); the app's checks PROPFIND the same files.

Bundled tours used (src-tauri/crates/passerelle-core/tours/): `files` (11 steps, 3 tasks, 2 highlights) and
`sharing` (10 steps). Texts are compared with the locale files (locales/<lang>/…), so every test
runs in French and in English (the app's system language, and the language picked on Welcome).

Screenshots: target/e2e/tours-<moment>-<lang>.png at the key moments (a task not done, a task
done, finished, before quitting, resumed), and target/e2e/tours-<test>-end.png when each test
ends, pass or fail. No fixed sleeps: every wait is for a condition (the player also checks by
itself every 5 s; the tests press "Check" instead of waiting for that).
"""

import os
import re
import time
import tomllib

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, ROOT, by_testid, visible, wait, save_shot
from flows import (
    LONG,
    SPACE_NAME,
    connect_with_app_password,
    fluent_ids,
    fluent_renderings,
    fluent_text,
    norm,
    shown,
    until,
)
from nextcloud_double import ALICE, ALICE_APP_PASSWORD, THEME_NAME, NextcloudDouble, basic, fetch

TOURS = ROOT / "src-tauri" / "crates" / "passerelle-core" / "tours"
LANGS = pytest.mark.parametrize("app", ["fr_FR.UTF-8", "en_US.UTF-8"], indirect=True, ids=["fr", "en"])

FILES_ROOT = f"/remote.php/dav/files/{ALICE}"
# What the person's browser says it is, to tell its requests from the app's in the double's log.
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) e2e-person-in-nextcloud-web"
UPLOADED = "compte-rendu-AG.txt"
CHECK_TIMEOUT = 30.0  # a Check, or the player's next automatic check (every 5 s), has answered


# ---- the space ----------------------------------------------------------------------------------


def seed_new_account(files_dir) -> None:
    """What a new Nextcloud account holds (a few of the skeleton files), modified long ago: they
    must not count as "a new file" for the upload task."""
    (files_dir / "Documents").mkdir()
    (files_dir / "Photos").mkdir()
    (files_dir / "Documents" / "Welcome to Nextcloud Hub.md").write_text("# Welcome\n")
    (files_dir / "Readme.md").write_text("# Nextcloud\nYour files are here.\n")
    month_ago = time.time() - 30 * 24 * 3600
    for p in [*files_dir.rglob("*"), files_dir]:
        os.utime(p, (month_ago, month_ago))


@pytest.fixture
def space():
    """The double with alice's files on real WebDAV, holding a new account's files."""
    with NextcloudDouble(mode="normal", webdav=True) as nc:
        seed_new_account(nc.files_dir)
        yield nc


class PersonsBrowser:
    """What the person does on Nextcloud's web page, as the WebDAV requests the page sends."""

    def __init__(self, nc: NextcloudDouble):
        self.nc = nc

    def _send(self, method: str, path: str, body: bytes | None = None, **headers) -> int:
        headers = {"Authorization": basic(ALICE, ALICE_APP_PASSWORD), "User-Agent": BROWSER_UA, **headers}
        reply = fetch(self.url(path), method=method, headers=headers, body=body)
        return reply.status

    def url(self, path: str) -> str:
        return self.nc.base_url + FILES_ROOT + "/" + "/".join(
            re.sub(r"[^A-Za-z0-9._~-]", lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), part)
            for part in path.strip("/").split("/"))

    def new_folder(self, path: str) -> None:
        assert self._send("MKCOL", path) == 201, f"MKCOL {path}"

    def upload(self, path: str, data: bytes) -> None:
        assert self._send("PUT", path, data, **{"Content-Type": "text/plain"}) in (201, 204), f"PUT {path}"

    def move(self, path: str, to: str) -> None:
        status = self._send("MOVE", path, Destination=self.url(to), Overwrite="F")
        assert status in (201, 204), f"MOVE {path} → {to}: {status}"


# ---- the app ------------------------------------------------------------------------------------


def lang_of(app) -> str:
    return app.system_lang[:2]


@pytest.fixture
def snap(app, request):
    """`snap("task-not-done")` saves target/e2e/tours-task-not-done-<lang>.png now; when the test
    ends, pass or fail, target/e2e/tours-<test>-end.png is saved too."""
    lang = lang_of(app)

    def take(moment: str) -> None:
        if app.session is not None:
            save_shot(app.session, ARTIFACTS / f"tours-{moment}-{lang}.png")

    yield take
    name = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name.removeprefix("test_")).strip("-")
    if app.session is not None:
        try:
            save_shot(app.session, ARTIFACTS / f"tours-{name}-end.png")
        except Exception:  # noqa: BLE001 - a screenshot must not hide the real failure
            pass


def open_tours(s):
    s.execute_script("location.hash = '#/tours'")
    return visible(s, "tours-screen")


def tour_card(s, tour_id: str):
    css = f'[data-testid="tour-card"][data-tour-id="{tour_id}"]'
    wait(s, LONG).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
    return s.find_element(By.CSS_SELECTOR, css)


def into_view(s, el) -> None:
    """Scrolls `el` to the middle of the window (for the screenshots)."""
    s.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)


def progress_of(card) -> tuple[int, int, str]:
    bar = card.find_element(*by_testid("tour-progress"))
    return (int(bar.get_attribute("aria-valuenow")), int(bar.get_attribute("aria-valuemax")),
            norm(bar.get_attribute("aria-valuetext")))


def current_step(s):
    """The step shown: (element, id, kind), waiting for the player to show one."""
    el = visible(s, "tour-step", LONG)
    return el, el.get_attribute("data-step-id"), el.get_attribute("data-step-kind")


def wait_step(s, step_id: str, kind: str | None = None):
    def shown_step(d):
        try:
            el = shown(d, "tour-step")
            return el if el is not None and el.get_attribute("data-step-id") == step_id else False
        except StaleElementReferenceException:
            return False

    el = wait(s, LONG).until(shown_step, f"step {step_id} was not shown")
    if kind is not None:
        assert el.get_attribute("data-step-kind") == kind, f"{step_id} is not a {kind} step"
    return el


def counter_text(s) -> str:
    return norm(visible(s, "tour-step-counter").text)


def assert_counter(s, lang: str, step: int, total: int) -> None:
    assert counter_text(s) == fluent_text(lang, "tour-step-counter", step=step, total=total)


def press_next(s) -> None:
    button = visible(s, "tour-next")
    assert button.get_attribute("aria-disabled") != "true", "Next is still unavailable"
    button.click()


def next_is_blocked(s) -> bool:
    return visible(s, "tour-next").get_attribute("aria-disabled") == "true"


def result_state(d) -> str | None:
    """The check result shown: "true", "false", or None while none is shown (or it is busy)."""
    found = d.find_elements(*by_testid("tour-check-result"))
    el = found[0] if found else None
    if el is None or not el.text.strip():
        return None
    busy = d.find_elements(*by_testid("tour-checking"))
    if busy and busy[0].text.strip():
        return None
    return el.get_attribute("data-done")


def result_text(s) -> str:
    return norm(s.find_element(*by_testid("tour-check-result")).text)


def task_check(tour_id: str, step_id: str) -> dict:
    """The `check` of a task step of a bundled tour, as written in its tour.toml."""
    tour = tomllib.loads((TOURS / tour_id / "tour.toml").read_text(encoding="utf-8"))
    return next(step["check"] for step in tour["steps"] if step["id"] == step_id)


def missing_message(lang: str, check: dict, text: str) -> dict:
    """Which localised "missing" message of the check's type (`check-<type>-missing…` in
    locales/<lang>/checks.ftl, with the check's own fields as arguments) `text` is: the values
    of its selectors (`reason`…). Fails when `text` is none of them."""
    args = {k: v for k, v in check.items() if k != "type"}
    args.setdefault("min_size", 0)
    seen = []
    for msg_id in fluent_ids(lang, f"check-{check['type']}-missing"):
        for selectors, rendering in fluent_renderings(lang, msg_id, **args):
            if rendering == text:
                return selectors
            seen.append(rendering)
    raise AssertionError(f"{text!r} is not a {check['type']} message of locales/{lang}; "
                         f"one of: {sorted(set(seen))}")


def check_not_done(s, lang: str) -> str:
    """Presses Check before the task is done: the server says no, with a localised reason.
    Returns the text shown."""
    assert next_is_blocked(s), "Next must wait for the task (or Skip)"
    visible(s, "tour-check").click()
    state = until(s, CHECK_TIMEOUT, answered=result_state)
    assert state == "answered"
    result = s.find_element(*by_testid("tour-check-result"))
    assert result.get_attribute("data-done") == "false", result.text
    assert result.get_attribute("data-offline") != "true", "the space was reachable"
    assert next_is_blocked(s)
    text = result_text(s)
    assert text != fluent_text(lang, "tour-check-not-yet"), "the reason was not said"
    return text


def check_done(s) -> str:
    """Presses Check after the person acted: done (the answer of a check begun before the
    person acted may come first; then the player's next check, 5 s later, says done)."""
    visible(s, "tour-check").click()
    wait(s, CHECK_TIMEOUT).until(lambda d: result_state(d) == "true", "the task was not seen as done")
    assert not next_is_blocked(s), "Next stays unavailable after the task is done"
    assert not shown(s, "tour-check"), "Check is still offered once done"
    return result_text(s)


# ---- (a) the Files tour, every task verified ----------------------------------------------------


@LANGS
def test_files_tour_with_server_verified_tasks(app, opened, space, snap):
    lang = lang_of(app)
    person = PersonsBrowser(space)
    s = app.start()
    connect_with_app_password(s, lang, "Camille", space.base_url, ALICE, ALICE_APP_PASSWORD)
    assert norm(visible(s, SPACE_NAME).text) == THEME_NAME

    open_tours(s)
    card = tour_card(s, "files")
    assert card.get_attribute("data-status") == "new"
    assert progress_of(card)[:2] == (0, 11)
    card.find_element(*by_testid("tour-start")).click()
    visible(s, "tour-player")
    space.clear_log()

    # 1 welcome → 2 a choice ("show me") → 3 the "+ New" menu, with its picture.
    wait_step(s, "welcome", "explain")
    assert_counter(s, lang, 1, 11)
    press_next(s)
    wait_step(s, "already-know", "choice")
    assert not shown(s, "tour-next"), "a choice step is answered with its buttons"
    choices = {c.get_attribute("data-goto"): c for c in s.find_elements(*by_testid("tour-choice"))}
    assert set(choices) == {"create-folder", "next"}
    choices["next"].click()
    step = wait_step(s, "new-menu", "explain")
    assert step.find_elements(*by_testid("tour-picture")), "the step's picture is missing"
    press_next(s)

    # 4-5 the "+ New" button and its "New folder" entry: highlight steps, read here as words
    # (tests/e2e/test_highlight.py drives them in the space window).
    wait_step(s, "new-button", "highlight")
    press_next(s)
    wait_step(s, "new-folder-entry", "highlight")
    press_next(s)

    # 6 upload: the account's old files are not "new"; a file sent now is.
    wait_step(s, "upload", "task")
    assert_counter(s, lang, 6, 11)
    said = missing_message(lang, task_check("files", "upload"), check_not_done(s, lang))
    assert said["reason"] == "not-new", f"the account's old files were taken for new ones: {said}"
    snap("task-not-done-upload")
    person.upload(UPLOADED, "Compte rendu de l'assemblée générale\n".encode())
    text = check_done(s)
    assert fluent_text(lang, "tour-check-success") in text and UPLOADED in text, text
    snap("task-done-upload")
    press_next(s)

    # 7 create the « Bureau » folder.
    wait_step(s, "create-folder", "task")
    assert task_check("files", "create-folder") == {"type": "folder-exists", "path": "Bureau"}
    assert check_not_done(s, lang) == fluent_text(lang, "check-folder-exists-missing", path="Bureau")
    snap("task-not-done")
    person.new_folder("Bureau")
    text = check_done(s)
    assert fluent_text(lang, "tour-check-success") in text and "Bureau" in text, text
    snap("task-done")
    press_next(s)

    # 8 move the file into it.
    wait_step(s, "move-file", "task")
    said = missing_message(lang, task_check("files", "move-file"), check_not_done(s, lang))
    assert said["reason"] == "none", said
    snap("task-not-done-move")
    person.move(UPLOADED, f"Bureau/{UPLOADED}")
    text = check_done(s)
    assert fluent_text(lang, "tour-check-success") in text and UPLOADED in text, text
    press_next(s)

    # 9 finding files → 10 the quiz (a wrong answer first, then the right one) → 11 well done.
    wait_step(s, "find-file", "explain")
    press_next(s)
    wait_step(s, "quiz-deleted", "quiz")
    assert next_is_blocked(s), "Next must wait for an answer"
    answers = s.find_elements(*by_testid("tour-quiz-answer"))
    assert len(answers) == 3
    answers[0].click()
    s.find_element(*by_testid("tour-quiz-check")).click()
    feedback = visible(s, "tour-quiz-feedback")
    wait(s).until(lambda d: feedback.get_attribute("data-correct") == "false")
    assert fluent_text(lang, "tour-files-quiz-deleted-a-feedback") in norm(feedback.text)
    answers[1].click()
    s.find_element(*by_testid("tour-quiz-check")).click()
    wait(s).until(lambda d: feedback.get_attribute("data-correct") == "true")
    assert fluent_text(lang, "tour-quiz-right") in norm(feedback.text)
    press_next(s)
    wait_step(s, "well-done", "explain")
    assert_counter(s, lang, 11, 11)
    assert norm(visible(s, "tour-next").text) == fluent_text(lang, "tour-finish")
    press_next(s)

    finished = visible(s, "tour-finished", LONG)
    assert fluent_text(lang, "tour-finished-title") in norm(finished.text)
    tasks = {t.get_attribute("data-step-id"): t.get_attribute("data-status")
             for t in s.find_elements(*by_testid("tour-finished-task"))}
    assert tasks == {"upload": "done", "create-folder": "done", "move-file": "done"}
    assert norm(s.find_element(*by_testid("tour-finished-count")).text) == fluent_text(
        lang, "tour-progress-text", done=11, total=11)
    snap("finished")

    # The server really has the files, and the checks asked it with alice's app password.
    assert (space.files_dir / "Bureau" / UPLOADED).is_file()
    assert not (space.files_dir / UPLOADED).exists()
    log = space.log()
    checks = [e for e in log if e["method"] == "PROPFIND" and e["path"].startswith(FILES_ROOT)]
    assert checks, "no PROPFIND of alice's files: the tasks were not checked on the server"
    bad = [e for e in checks if (e["auth"], e["auth_user"], e["credential"]) != ("ok", ALICE, "static")]
    assert not bad, f"checks without alice's app password: {bad}"
    assert all(e["capture"] == "rclone" and e["status"] in (207, 404) for e in checks), checks
    assert all((e["user_agent"] or "").startswith("Passerelle/") for e in checks), \
        {e["user_agent"] for e in checks}
    listed = {(e["path"].rstrip("/"), e["depth"]) for e in checks}
    assert {(FILES_ROOT, "1"), (FILES_ROOT + "/Bureau", "0"), (FILES_ROOT + "/Bureau", "1")} <= listed, listed
    # The folder was looked for before it existed (404) and found after the MKCOL (207).
    mkcol = next(e["time"] for e in log if e["method"] == "MKCOL")
    bureau = [e for e in checks if e["path"].rstrip("/") == FILES_ROOT + "/Bureau" and e["depth"] == "0"]
    assert any(e["status"] == 404 and e["time"] < mkcol for e in bureau), bureau
    assert any(e["status"] == 207 and e["time"] > mkcol for e in bureau), bureau
    person_acts = [(e["method"], e["status"]) for e in log if e["user_agent"] == BROWSER_UA]
    assert person_acts == [("PUT", 201), ("MKCOL", 201), ("MOVE", 201)], person_acts

    # Back to the list: Files is done, its progress bar full.
    s.find_element(*by_testid("tour-finished-back")).click()
    visible(s, "tours-screen")
    card = tour_card(s, "files")
    assert card.get_attribute("data-status") == "done"
    assert s.find_elements(By.CSS_SELECTOR, '[data-testid="tours-section-done"] [data-tour-id="files"]')
    done, total, valuetext = progress_of(card)
    assert (done, total) == (11, 11)
    assert valuetext == fluent_text(lang, "tour-progress-text", done=11, total=11)
    fill = card.find_element(By.CSS_SELECTOR, ".progress-fill")
    assert fill.get_attribute("style").replace(" ", "") == "width:100%;"
    assert norm(card.find_element(*by_testid("tour-start")).text) == fluent_text(lang, "tour-replay")
    into_view(s, card)
    snap("list-files-done")


# ---- (b) quit in the middle of the Sharing tour, resume at the same step -----------------------


@LANGS
def test_sharing_tour_resumes_after_restart(keyring, app, opened, space, snap):
    """The app password is in a real keyring, so after the restart the person is still
    connected, as on their own computer.

    The person quits while reading step 4 (a highlight step, already seen): after the restart
    they come back to that very step, not to the one after it."""
    lang = lang_of(app)
    person = PersonsBrowser(space)
    app.extra_env.update(DBUS_SESSION_BUS_ADDRESS=keyring["DBUS_SESSION_BUS_ADDRESS"])
    s = app.start()
    connect_with_app_password(s, lang, "Sacha", space.base_url, ALICE, ALICE_APP_PASSWORD)

    open_tours(s)
    card = tour_card(s, "sharing")
    assert card.get_attribute("data-status") == "new"
    card.find_element(*by_testid("tour-start")).click()
    wait_step(s, "welcome", "explain")
    press_next(s)
    wait_step(s, "create-folder", "task")
    person.new_folder("Essai partage")
    check_done(s)
    press_next(s)
    wait_step(s, "share-icon", "highlight")
    assert_counter(s, lang, 3, 10)
    press_next(s)
    wait_step(s, "share-input", "highlight")
    step, step_id, kind = current_step(s)
    assert (step_id, kind) == ("share-input", "highlight")
    counter = counter_text(s)
    assert counter == fluent_text(lang, "tour-step-counter", step=4, total=10)
    snap("before-quit")

    # Quit the app in the middle, start it again, choose the profile.
    s = app.restart()
    visible(s, "welcome-screen")
    s.find_element(*by_testid("profile-choice")).click()
    assert norm(visible(s, SPACE_NAME, LONG).text) == THEME_NAME, "not connected after the restart"

    open_tours(s)
    card = tour_card(s, "sharing")
    assert card.get_attribute("data-status") == "inProgress"
    assert s.find_elements(By.CSS_SELECTOR, '[data-testid="tours-section-in-progress"] [data-tour-id="sharing"]')
    done, total, valuetext = progress_of(card)
    # welcome (seen), create-folder (done), share-icon and share-input (seen).
    assert (done, total) == (4, 10)
    assert valuetext == fluent_text(lang, "tour-progress-text", done=4, total=10)
    assert card.find_element(By.CSS_SELECTOR, ".progress-fill").get_attribute("style").replace(" ", "") == "width:40%;"
    resume = card.find_element(*by_testid("tour-start"))
    assert norm(resume.text) == fluent_text(lang, "tour-resume")
    into_view(s, card)
    snap("list-in-progress")
    resume.click()

    wait_step(s, step_id, kind)
    assert counter_text(s) == counter
    snap("resumed")
    # The person goes on from there: the next step is the task of sharing with a member.
    press_next(s)
    wait_step(s, "share-member", "task")
    assert next_is_blocked(s), "the task is still to do after the restart"
