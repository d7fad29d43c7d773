"""Every tour check type (`passerelle-cli tours reference`) against a real member's space: the
check says "not done" first (with a near miss where one is easy to make), the test then does the
task on the server over HTTP as the member would, and the check says "done".

The tour comes from a pack written here, one task step per check type, run with
`passerelle-cli tours check <tour> <step> --profile … --account … --pack …` (exit 0 when done,
1 when not)."""

from __future__ import annotations

import datetime
import json
import subprocess

import pytest

from realnc import PatternFile

TOUR = "ptest-checks"

CHECKS = {
    "file-exists": '{ type = "file-exists", name = "*.pdf", folder = "/Ptest-docs", min_size = 10 }',
    "folder-exists": '{ type = "folder-exists", path = "Bureau ptest" }',
    "file-moved": '{ type = "file-moved", name = "*.odt", from = "/", to = "/Bureau" }',
    "share-exists": '{ type = "share-exists", path = "/Partage", to = "link", password = true, expiry = true }',
    "calendar-exists": '{ type = "calendar-exists", name = "Asso ptest" }',
    "event-exists": '{ type = "event-exists", within_days = 7, summary = "AG" }',
    "event-has-attendee": '{ type = "event-has-attendee", within_days = 60 }',
    "calendar-shared": '{ type = "calendar-shared" }',
    "contact-exists": '{ type = "contact-exists", name = "Zoé" }',
    "addressbook-shared": '{ type = "addressbook-shared" }',
    "app-password-valid": '{ type = "app-password-valid" }',
    "quota-used-above": None,  # the threshold depends on the member's space: written per test
}


def write_pack(root, quota_bytes: int = 0):
    steps = []
    for step, check in CHECKS.items():
        check = check or f'{{ type = "quota-used-above", bytes = {quota_bytes} }}'
        steps.append(f'[[steps]]\nid = "{step}"\nkind = "task"\ntext = "tour-{TOUR}-task"\ncheck = {check}\n')
    (root / "tours" / TOUR).mkdir(parents=True)
    (root / "pack.toml").write_text('id = "ptest-pack"\nversion = 1\nname = "Ptest pack"\n')
    (root / "tours" / TOUR / "tour.toml").write_text(
        f'id = "{TOUR}"\nversion = 1\ntitle = "tour-{TOUR}-title"\nsummary = "tour-{TOUR}-summary"\n'
        'audience = "member"\napps = []\nminutes = 5\n\n' + "\n".join(steps))
    for lang, words in [("fr", ("Vérifications", "Chaque type de vérification.", "Faites-le.")),
                        ("en", ("Checks", "Every check type.", "Do it."))]:
        (root / "locales" / lang).mkdir(parents=True)
        (root / "locales" / lang / f"{TOUR}.ftl").write_text(
            f"tour-{TOUR}-title = {words[0]}\ntour-{TOUR}-summary = {words[1]}\ntour-{TOUR}-task = {words[2]}\n")
    return root


class Checker:
    def __init__(self, cli, pack, account_id):
        self.cli, self.pack, self.account = cli, pack, account_id

    def __call__(self, step: str, typed: str | None = None) -> dict:
        secrets = {"PASSERELLE_APP_PASSWORD": typed} if typed else None
        r = self.cli.run("tours", "check", TOUR, step, "--profile", "Test", "--account", self.account,
                         "--pack", self.pack, secrets=secrets, timeout=120)
        assert r.error is None, f"{step}: the check failed instead of answering: {r}"
        outcome = r.json
        assert outcome["done"] == (r.rc == 0), f"{step}: exit {r.rc} but done={outcome['done']}"
        assert not outcome.get("offline"), f"{step}: the real server was seen as offline: {r}"
        return outcome

    def not_done(self, step: str, typed: str | None = None, why: str = "") -> None:
        outcome = self(step, typed)
        assert not outcome["done"], f"{step}: done before the task was done{why} (evidence {outcome.get('evidence')!r})"

    def done(self, step: str, typed: str | None = None) -> dict:
        outcome = self(step, typed)
        assert outcome["done"], f"{step}: still not done after the task: {outcome.get('missing')}"
        return outcome


@pytest.fixture
def member_checks(nc, cli, members, tmp_path):
    """A fresh member connected in the CLI, and a checker bound to the pack."""
    alice = members.new("alice")
    account = cli.add_account(nc, alice)

    def make(quota_bytes: int = 0) -> Checker:
        pack = write_pack(tmp_path / f"pack-{quota_bytes}", quota_bytes)
        v = cli.run("tours", "validate", pack)
        assert v.rc == 0, f"the test's pack does not validate: {v}"
        return Checker(cli, pack, account)

    return alice, make


def _run(step, nc, members, alice, make):
    dav = alice.dav()
    check = make()
    if step == "file-exists":
        dav.mkcol("/Ptest-docs")
        check.not_done(step, why=" (empty folder)")
        dav.put("/Ptest-docs/notes.txt", b"not a pdf at all")
        dav.put("/Ptest-docs/vide.pdf", b"%PDF")  # 4 bytes: below min_size
        check.not_done(step, why=" (only a too small pdf)")
        dav.put("/Ptest-docs/Compte rendu.pdf", b"%PDF-1.4 " + b"x" * 200)
        assert "Compte rendu.pdf" in check.done(step)["evidence"]
    elif step == "folder-exists":
        dav.mkcol("/Bureau")
        check.not_done(step)
        dav.mkcol("/Bureau ptest")
        check.done(step)
    elif step == "file-moved":
        dav.mkcol("/Bureau")
        dav.put("/compte-rendu.odt", b"odt" * 50)
        check.not_done(step, why=" (still in /)")
        dav.move("/compte-rendu.odt", "/Bureau/compte-rendu.odt")
        check.done(step)
    elif step == "share-exists":
        dav.mkcol("/Partage")
        check.not_done(step, why=" (not shared)")
        dav.share_link("/Partage")
        check.not_done(step, why=" (link without password nor expiry)")
        expiry = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
        dav.share_link("/Partage", password="Ptest-link-" + alice.password[-8:], expire=expiry)
        check.done(step)
    elif step == "calendar-exists":
        dav.make_calendar("autre", "Autre agenda")
        check.not_done(step, why=" (another calendar)")
        dav.make_calendar("asso-ptest", "Asso ptest")
        check.done(step)
    elif step == "event-exists":
        dav.make_calendar("agenda", "Agenda")
        dav.put_event("agenda", summary="Pique-nique", days_ahead=3)
        dav.put_event("agenda", summary="AG de l'an prochain", days_ahead=40)
        check.not_done(step, why=" (AG outside the 7-day window)")
        dav.put_event("agenda", summary="AG annuelle", days_ahead=3)
        check.done(step)
    elif step == "event-has-attendee":
        dav.make_calendar("agenda", "Agenda")
        dav.put_event("agenda", summary="Seule", days_ahead=5)
        check.not_done(step, why=" (no attendee)")
        dav.put_event("agenda", summary="Réunion", days_ahead=5, attendee="invitee@example.org")
        check.done(step)
    elif step == "calendar-shared":
        bob = members.new("bob", sign_in=False)
        dav.make_calendar("bureau", "Bureau")
        check.not_done(step)
        dav.share_calendar("bureau", bob.user_id)
        check.done(step)
    elif step == "contact-exists":
        dav.make_addressbook("carnet", "Carnet")
        dav.put_card("carnet", "Marc Dupont")
        check.not_done(step, why=" (another contact)")
        dav.put_card("carnet", "Zoé Martin")
        check.done(step)
    elif step == "addressbook-shared":
        bob = members.new("bob", sign_in=False)
        dav.make_addressbook("carnet", "Carnet")
        check.not_done(step)
        dav.share_addressbook("carnet", bob.user_id)
        check.done(step)
    elif step == "app-password-valid":
        check.not_done(step, typed="wrong-wrong-wrong-wrong-wrong", why=" (a wrong app password)")
        fresh = nc.app_password(alice.user_id, alice.password)  # created in Settings → Security
        check.done(step, typed=fresh)
    elif step == "quota-used-above":
        used = nc.user(alice.user_id)["quota"].get("used", 0)
        check = make(quota_bytes=used + 1_000_000)
        check.not_done(step)
        dav.put("/gros fichier.bin", PatternFile(2_000_000, seed=7))
        check.done(step)


@pytest.mark.feature("tour check")
@pytest.mark.parametrize("step", list(CHECKS))
def test_check_type_not_done_then_done(nc, members, member_checks, step):
    alice, make = member_checks
    _run(step, nc, members, alice, make)


@pytest.mark.feature("tour checks: every type covered")
def test_every_check_type_is_covered(cli_binary, nc):
    reference = subprocess.run([str(cli_binary), "--json", "tours", "reference"], capture_output=True,
                               text=True, timeout=60)
    types = {c["type"] for c in json.loads(reference.stdout)["checks"]}
    assert types == set(CHECKS), f"check types not covered by this suite: {sorted(types - set(CHECKS))}"
