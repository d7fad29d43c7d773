"""Hand-over helpers shared by the real-server hand-over tests: which strategies a server can do,
the CLI's arguments for each, a departing member's space built the way real spaces are, what a
member holds as seen over HTTP (files with SHA-1, calendars and address books with UIDs), and a
hand-over run that is killed with SIGKILL once its journal shows progress, then resumed."""

from __future__ import annotations

import os
import signal
import time
import unicodedata
from dataclasses import dataclass, field

from conftest import Members
from realnc import Dav, Member, PatternFile, Server

STRATEGIES = ["copy", "share-copy", "native", "ownershiptransfer"]
MOVES_DATA = {"native", "ownershiptransfer"}
# Bigger than the chunked-upload threshold (and than the 150 MB the issue names).
BIG = int(os.environ.get("PTEST_BIG_FILE_BYTES", 160 * 1024 * 1024 + 12345))
SMALL_FILES = int(os.environ.get("PTEST_SMALL_FILES", 40))
# Longest a hand-over may take (moving strategies wait for the server's cron): the big scenario,
# and the small ones of the state tests.
RUN_TIMEOUT = float(os.environ.get("PTEST_RUN_TIMEOUT", 1800))
SMALL_RUN_TIMEOUT = min(RUN_TIMEOUT, 600.0)

NAMES = {
    "nfc": "Noms/caf\u00e9 cr\u00e8me.txt",
    "nfd": "Noms NFD/cafe\u0301 cre\u0300me.txt",
    "hash": "Noms/di\u00e8se #1.txt",
    "percent": "Noms/100 % s\u00fbr.txt",
    "emoji": "Noms/f\u00eate \U0001F389.txt",
    "200-bytes": "Noms/" + "\u00e9" * 95 + "-200ok.txt",
}
assert len(NAMES["200-bytes"].split("/")[1].encode()) == 200


def strategy_unavailable(nc: Server, strategy: str) -> str | None:
    """Why the server cannot do this strategy (None when it can)."""
    apps = nc.enabled_apps()
    if strategy == "share-copy" and not nc.capabilities().get("files_sharing", {}).get("api_enabled"):
        return "the sharing API is disabled on this server"
    if strategy == "native" and "notifications" not in apps:
        return "the notifications app is not enabled (Nextcloud's transfer gives its id there)"
    if strategy == "ownershiptransfer" and "ownershiptransfer" not in apps:
        return "Framasoft's OwnershipTransfer app is not installed on this server"
    return None


def secrets_for(nc: Server, src: Member, dst: Member) -> dict:
    out = {"PASSERELLE_ADMIN_APP_PASSWORD": nc.admin[1]}
    if src.app_password:
        out["PASSERELLE_FROM_APP_PASSWORD"] = src.app_password
    if dst.app_password:
        out["PASSERELLE_TO_APP_PASSWORD"] = dst.app_password
    return out


def sides(nc: Server, strategy: str, src: Member, dst: Member, nc_to: Server | None = None) -> list[str]:
    nc_to = nc_to or nc
    args = ["--from-server", nc.url, "--from-user", src.user_id, "--to-server", nc_to.url, "--to-user",
            dst.user_id, "--strategy", strategy]
    if strategy == "ownershiptransfer":
        args += ["--admin-server", nc.url, "--admin-user", nc.admin[0]]
    return args


def resume_args(nc: Server, strategy: str) -> list[str]:
    return ["--admin-server", nc.url, "--admin-user", nc.admin[0]] if strategy == "ownershiptransfer" else []


# --- what a space holds, as seen over HTTP -------------------------------------------------------

@dataclass
class Snapshot:
    files: dict  # relative path → (is_dir, size, etag)
    sha1: dict  # relative path → SHA-1 (files)
    calendars: dict  # uri → (display name, UIDs)
    books: dict  # uri → (display name, UIDs)


def snapshot(dav: Dav, root: str = "/", hashes: dict | None = None) -> Snapshot:
    """Everything `dav`'s member has: files under `root` (SHA-1 downloaded unless known by
    ETag in `hashes`), calendars and address books with their UIDs."""
    walked = dav.walk(root)
    files = {p: (e.is_dir, e.size, e.etag) for p, e in walked.items()}
    sha1 = {}
    for p, e in walked.items():
        if not e.is_dir:
            sha1[p] = (hashes or {}).get(e.etag) or dav.get_sha1(root.rstrip("/") + p)[0]
    cals = {c["uri"]: (c["name"], dav.calendar_uids(c["uri"])) for c in dav.calendars()}
    books = {b["uri"]: (b["name"], dav.card_uids(b["uri"])) for b in dav.addressbooks()}
    return Snapshot(files, sha1, cals, books)


def nfc(p: str) -> str:
    return unicodedata.normalize("NFC", p)


# --- building the departing member's space --------------------------------------------------------

@dataclass
class Space:
    src: Member
    dst: Member
    sharer: Member
    big_sha1: str = ""
    event_uids: set = field(default_factory=set)
    card_uids: set = field(default_factory=set)
    lock_status: int | None = None
    locked: str = "Ptest-Asso/Verrouillé.odt"


def build_space(nc: Server, members: Members, *, big: bool = True, small_files: int = SMALL_FILES,
                lock: bool = True, recipient_signs_in: bool = True) -> Space:
    src = members.new("depart")
    dst = members.new("recoit", sign_in=recipient_signs_in)
    sharer = members.new("partage")
    space = Space(src, dst, sharer)
    d = src.dav()
    d.makedirs("/Ptest-Asso/Vide")
    d.makedirs("/Ptest-Asso/Petits")
    d.makedirs("/Ptest-Asso/Noms NFD")
    d.mkcol("/Ptest-Asso/Noms")
    if big:
        body = PatternFile(BIG, seed=1)
        space.big_sha1 = body.digest()
        d.put("/Ptest-Asso/gros fichier.bin", body)
    for i in range(small_files):
        d.put(f"/Ptest-Asso/Petits/note-{i:03d}.txt", f"note {i}\n".encode() * (1 + i % 7))
    for key, name in NAMES.items():
        d.put(f"/Ptest-Asso/{name}", f"contenu {key}\n".encode())
    d.put(f"/{space.locked}", b"PK\x03\x04 document en cours")
    if lock:
        space.lock_status = sharer_lock(nc, src, space.locked)
    d.make_calendar("ptest-agenda", "Agenda de l’asso", color="#e9322d")
    for i in range(5):
        space.event_uids.add(d.put_event("ptest-agenda", summary=f"Réunion {i}", days_ahead=i + 1))
    d.make_addressbook("ptest-carnet", "Carnet de l’asso")
    space.card_uids.add(d.put_card("ptest-carnet", "Zoé Martin", bday="19900312"))  # → birthday calendar
    for name in ("Marc Dupont", "Inès Lefèvre", "Ana Núñez"):
        space.card_uids.add(d.put_card("ptest-carnet", name))
    s = sharer.dav()
    s.make_calendar("ptest-partage", "Agenda partagé par l’autre")
    s.put_event("ptest-partage", summary="Chez l’autre")
    s.share_calendar("ptest-partage", src.user_id)
    return space


def sharer_lock(nc: Server, src: Member, path: str) -> int:
    """Locks a file of the member as another client (a second app password of theirs) would."""
    other = Dav(nc, src.user_id, (src.user_id, nc.app_password(src.user_id, src.password)))
    return other.lock("/" + path)


# --- running a hand-over, killed mid-way and resumed ---------------------------------------------

@dataclass
class Run:
    strategy: str
    plan: dict | None
    plan_result: object
    job: int | None = None
    first_rc: int | None = None
    killed_at: dict | None = None  # journal states when SIGKILL was sent
    resume: object = None
    timed_out: bool = False  # the run (or its resume) did not end within its time and was killed
    resume_error: str = ""
    report: dict | None = None
    seconds: float = 0.0


def journal_states(cli, job: int) -> dict:
    return dict(cli.query("SELECT state, count(*) FROM handover_items WHERE job_id = ? GROUP BY state", job))


def latest_job(cli) -> int | None:
    rows = cli.query("SELECT max(id) FROM handover_jobs")
    return rows[0][0] if rows else None


def run_killed_and_resumed(cli, nc: Server, strategy: str, space: Space, kill: bool = True,
                           nc_to: Server | None = None, on_killed=None, select=("--all",),
                           timeout: float = RUN_TIMEOUT) -> Run:
    """Plans, runs with SIGKILL once the journal shows some items done and some still planned
    (`on_killed(cli, job)` then runs), and resumes when the run was killed or failed."""
    args = sides(nc, strategy, space.src, space.dst, nc_to)
    secrets = secrets_for(nc, space.src, space.dst)
    planned = cli.run("transfer", "plan", *args, *select, secrets=secrets, timeout=600)
    run = Run(strategy, planned.json if planned.rc == 0 else None, planned)
    if planned.rc != 0:
        return run
    start = time.monotonic()
    proc = cli.start("transfer", "run", *args, *select, "--parallel", "1", secrets=secrets)
    try:
        deadline = time.monotonic() + timeout
        while proc.poll() is None and time.monotonic() < deadline:
            run.job = run.job or latest_job(cli)
            if kill and run.job:
                states = journal_states(cli, run.job)
                moved = sum(states.get(s, 0) for s in ("copied", "verified", "failed"))
                if moved >= 1 and states.get("planned", 0) >= 1:
                    os.kill(proc.pid, signal.SIGKILL)
                    run.killed_at = states
                    break
            time.sleep(0.02)  # journal polling interval, not synchronisation
    finally:
        if proc.poll() is None and not run.killed_at:
            proc.kill()
            run.timed_out = True
        proc.communicate(timeout=60)
    run.first_rc = proc.returncode
    run.job = run.job or latest_job(cli)
    if run.killed_at and on_killed:
        on_killed(cli, run.job)
    if not run.timed_out and (run.killed_at or run.first_rc != 0):
        try:
            run.resume = cli.run("transfer", "resume", run.job, *resume_args(nc, strategy), secrets=secrets,
                                 timeout=timeout)
        except AssertionError as e:  # did not end in time (killed): recorded for the tests
            run.timed_out, run.resume_error = True, str(e)
    run.seconds = time.monotonic() - start
    rep = cli.run("transfer", "report", run.job, "--format", "json")
    run.report = rep.json if rep.rc == 0 else None
    return run


