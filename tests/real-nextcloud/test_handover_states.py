"""Hand-over in the states real spaces are in, per strategy: a recipient who has never signed
in, a departing member whose account is already disabled, a recipient whose quota is too small,
and a failure a retry cannot cure (a file deleted at the source while the hand-over was
interrupted), which must not be offered as "resume". Plus a hand-over between two servers when
NC2_* are set."""

from __future__ import annotations

import pytest

from handovers import (SMALL_RUN_TIMEOUT, STRATEGIES, build_space, journal_states, run_killed_and_resumed,
                       secrets_for, sides, snapshot, strategy_unavailable)
from realnc import Member, PatternFile

NEEDS_MEMBER_SESSIONS = {"copy", "share-copy", "native"}


def need(nc, strategy):
    why = strategy_unavailable(nc, strategy)
    if why:
        pytest.skip(why)


def report_failures(run) -> list[str]:
    if not run.report:
        return ["(no report)"]
    return [f"{i['kind']} {i['source']}: {i['reason']}" for i in run.report["items"]
            if i["state"] in ("failed", "planned")]


def arrived(nc, dst: Member, before_files: set) -> dict:
    """The recipient's new files (signing them in first if they never did)."""
    if not dst.app_password:
        dst.app_password = nc.app_password(dst.user_id, dst.password)
    snap = snapshot(dst.dav())
    return {p: snap.sha1.get(p) for p in snap.files if p not in before_files}


@pytest.mark.feature("hand-over state: recipient never signed in")
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_recipient_who_never_signed_in(nc, cli, members, strategy):
    need(nc, strategy)
    if strategy in NEEDS_MEMBER_SESSIONS:
        pytest.skip("this strategy works with the recipient's own session (an app password), and "
                    "getting one is a sign-in: only the OwnershipTransfer app hands over to a "
                    "member who never signed in")
    space = build_space(nc, members, big=False, small_files=3, lock=False, recipient_signs_in=False)
    assert nc.user(space.dst.user_id)["lastLogin"] == 0, "the recipient has signed in already"
    run = run_killed_and_resumed(cli, nc, strategy, space, kill=False, timeout=SMALL_RUN_TIMEOUT)
    assert run.plan is not None, f"the plan failed: {run.plan_result}"
    assert not run.timed_out, (f"the hand-over did not end within {SMALL_RUN_TIMEOUT:.0f} s (killed); journal: "
                               f"{report_failures(run)[:2]}")
    final = run.resume
    assert run.first_rc == 0, (f"the hand-over to a member who never signed in ended with exit {run.first_rc}"
                               f" ({report_failures(run)[:2]}); resume: exit {final and final.rc}")
    got = arrived(nc, space.dst, set())
    names = {p.rsplit("/", 1)[-1] for p in got}
    assert {"note-000.txt", "note-002.txt"} <= names, f"files at the recipient: {sorted(names)[:10]}"


@pytest.mark.feature("hand-over state: departing account already disabled")
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_departing_member_already_disabled(nc, cli, members, strategy):
    need(nc, strategy)
    space = build_space(nc, members, big=False, small_files=3, lock=False)
    before = set(snapshot(space.dst.dav()).files)
    nc.disable_user(space.src.user_id)
    if strategy in NEEDS_MEMBER_SESSIONS:
        r = cli.run("transfer", "plan", *sides(nc, strategy, space.src, space.dst), "--all",
                    secrets=secrets_for(nc, space.src, space.dst), timeout=300)
        assert r.rc == 1 and r.error_code not in (None, "unknown", "protocol"), \
            f"a disabled departing account (no session possible) must be refused clearly: {r}"
        assert cli.query("SELECT count(*) FROM handover_jobs") in ([], [(0,)]), "a job was recorded"
        return
    run = run_killed_and_resumed(cli, nc, strategy, space, kill=False, timeout=SMALL_RUN_TIMEOUT)
    assert run.plan is not None, f"the plan failed for a disabled account: {run.plan_result}"
    assert not run.timed_out, f"the hand-over did not end within {SMALL_RUN_TIMEOUT:.0f} s (killed)"
    assert run.first_rc == 0, f"exit {run.first_rc}: {report_failures(run)[:3]}"
    names = {p.rsplit("/", 1)[-1] for p in arrived(nc, space.dst, before)}
    assert "note-001.txt" in names, f"files at the recipient: {sorted(names)[:10]}"


@pytest.mark.feature("hand-over state: recipient quota too small")
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_recipient_quota_too_small(nc, cli, members, strategy):
    need(nc, strategy)
    space = build_space(nc, members, big=False, small_files=2, lock=False)
    space.src.dav().put("/Ptest-Asso/trois-mega.bin", PatternFile(3_000_000, seed=3))
    nc.set_quota(space.dst.user_id, "1 MB")
    dst_before = snapshot(space.dst.dav())
    args = sides(nc, strategy, space.src, space.dst)
    secrets = secrets_for(nc, space.src, space.dst)
    plan = cli.run("transfer", "plan", *args, "--all", secrets=secrets, timeout=300)
    assert plan.rc == 0, f"plan failed: {plan}"
    assert plan.json["quota"]["fit"] == "does-not-fit", f"the plan says the quota {plan.json['quota']}"
    r = cli.run("transfer", "run", *args, "--all", secrets=secrets, timeout=300)
    assert r.rc == 1 and r.error_code == "handover-quota", f"the run was not refused for the quota: {r}"
    after = snapshot(space.dst.dav())
    assert after.files == dst_before.files and after.calendars.keys() == dst_before.calendars.keys(), \
        "something was written at the recipient"


@pytest.mark.feature("hand-over: a failure a retry cannot cure is not offered as resume")
def test_incurable_failure_is_not_offered_as_resume(nc, cli, members):
    """Killed mid-way; a file still to copy is deleted at the source; the resume cannot copy it
    and must say so, not ask to resume again."""
    space = build_space(nc, members, big=False, small_files=60, lock=False)
    deleted = []

    def delete_a_planned_file(cli, job):
        rows = cli.query("SELECT source FROM handover_items WHERE job_id = ? AND kind = 'file' "
                         "AND state = 'planned' ORDER BY id DESC LIMIT 1", job)
        assert rows, f"no file left to copy when killed: {journal_states(cli, job)}"
        deleted.append(rows[0][0])
        space.src.dav().delete(rows[0][0])

    run = run_killed_and_resumed(cli, nc, "copy", space, on_killed=delete_a_planned_file,
                                 select=("--files", "/Ptest-Asso"), timeout=SMALL_RUN_TIMEOUT)
    assert not run.timed_out, f"the hand-over did not end within {SMALL_RUN_TIMEOUT:.0f} s (killed)"
    if not run.killed_at:
        pytest.skip(f"the run ended (exit {run.first_rc}) before its journal showed partial progress")
    r = run.resume
    assert r.rc == 1, f"resume says all is well though a source file is gone: {r}"
    item = [i for i in run.report["items"] if i["source"] == deleted[0]]
    assert item and item[0]["state"] in ("failed", "skipped") and item[0]["reason"], f"the deleted file: {item}"
    others = [i for i in run.report["items"] if i["source"] != deleted[0] and i["state"] not in ("verified", "skipped")]
    assert not others, f"other items not verified: {others[:3]}"
    assert r.error_code != "handover-incomplete", \
        f"a file missing at the source is offered as “resume” ({r.error})"


@pytest.mark.feature("hand-over between two servers (copy)")
def test_handover_between_two_servers(nc, nc2, cli, members, members2):
    space = build_space(nc, members, big=False, small_files=5, lock=False)
    dst = members2.new("recoit")
    space.dst = dst
    before = snapshot(dst.dav())
    # What the member's calendars and address books hold at the source: the test's events and
    # cards, and what the server put there itself (Nextcloud 31 and later add an example event
    # and contact to a new account's own ones).
    source = snapshot(space.src.dav(), root="/Ptest-Asso")
    run = run_killed_and_resumed(cli, nc, "copy", space, nc_to=nc2, timeout=SMALL_RUN_TIMEOUT)
    assert not run.timed_out, f"the hand-over did not end within {SMALL_RUN_TIMEOUT:.0f} s (killed)"
    assert run.plan is not None, f"the plan failed: {run.plan_result}"
    final_rc = run.resume.rc if run.resume is not None else run.first_rc
    assert final_rc == 0, f"the hand-over between servers did not end verified: {report_failures(run)[:3]}"
    after = snapshot(dst.dav())
    new_cals = [u for u in after.calendars if u not in before.calendars and u != "contact_birthdays"]
    held = next(uids for _, uids in source.calendars.values() if space.event_uids <= uids)
    assert [after.calendars[u][1] for u in new_cals if after.calendars[u][1] & space.event_uids] \
        == [held], "events between servers: the calendar as it was at the source"
    new_books = [u for u in after.books if u not in before.books]
    held = next(uids for _, uids in source.books.values() if space.card_uids <= uids)
    assert [after.books[u][1] for u in new_books if after.books[u][1] & space.card_uids] \
        == [held], "contacts between servers: the address book as it was at the source"
