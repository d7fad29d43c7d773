"""The bundled tours' highlight targets on a real Nextcloud web interface.

For every highlight step of every bundled tour, a throwaway member signs in (Debian's Chromium
driven by playwright-core, highlights/check.mjs), goes to the step's page, and the overlay's own
lookup (ui/src/overlay/lookup.ts, bundled into the page) runs the step's `open` action and tries
the candidates for the server's major version, within the step's wait_ms. The list
"tour/step → found (which candidate) / not found" is printed; a step with no candidate found
fails the test (fix the step's candidates in its tour.toml, and mark `verified` the majors where
a candidate was seen working).

Needs NC_URL, NC_ADMIN_USER and NC_ADMIN_APP_PASSWORD (skipped without them), and
`npm ci` in tests/real-nextcloud/highlights plus `npm ci` in ui (both done by .ci/setup).
Screenshots of the pages where a target was not found go to the test's temporary folder.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from highlights.support import (  # noqa: F401 (fixtures)
    HERE,
    REPO,
    highlight_member,
    highlight_server,
    highlight_steps,
    prepare,
    set_language,
)

# The tours' languages: the member's web interface in each (selectors must not hang on words).
LOCALES = {"fr": "fr-FR", "en": "en-US"}
# Sign-in, then per step at most twice its wait_ms (opener, then target) plus page loads.
CHECK_TIMEOUT_S = 900


def run_check(server, member, language, steps, shots) -> list[dict]:
    if not (HERE / "node_modules" / "playwright-core").is_dir():
        pytest.fail("playwright-core is missing: run .ci/setup (or npm ci in tests/real-nextcloud/highlights)")
    if not (REPO / "ui" / "node_modules" / "esbuild").is_dir():
        pytest.fail("esbuild is missing: run .ci/setup (or npm --prefix ui ci)")
    plan = {
        "url": server.url,
        "user": member.user,
        "password": member.password,
        "major": server.major,
        "locale": LOCALES[language],
        "shots": str(shots),
        "steps": [{k: s[k] for k in ("tour", "step", "page", "target")} for s in steps],
    }
    done = subprocess.run(
        ["node", str(HERE / "check.mjs")],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, f"check.mjs failed ({done.returncode}):\n{done.stderr}"
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def describe(result: dict) -> str:
    name = f"{result['tour']}/{result['step']}"
    if result["found"]:
        opened = ", after its open action" if result.get("opened") else ""
        # Other candidates for this version that matched one visible element too (at the end).
        also = [
            str(i + 1)
            for i, s in enumerate(result["seen"])
            if i != result["candidate"] and s["selector"] in result["tried"] and s["visible"] == 1
        ]
        also = f"; candidate {', '.join(also)} too" if also else ""
        return f"{name} → found (candidate {result['candidate'] + 1}: {result['selector']}{opened}{also})"
    if result.get("error"):
        why = result["error"]
    elif result.get("openFailed"):
        why = "its open action's element was not found"
    elif not result["tried"]:
        why = "no candidate for this version"
    else:
        why = "; ".join(f"{s['selector']}: {s['visible']}/{s['matches']} visible" for s in result["seen"])
    return f"{name} → not found ({why})"


@pytest.fixture(scope="module")
def prepared(highlight_server, highlight_member) -> list[str]:
    """What earlier task steps of the tours leave, made once for the member."""
    checks = []
    for s in highlight_steps():
        checks += [c for c in s["earlier"] if c not in checks]
    return prepare(highlight_server, highlight_member, checks)


@pytest.mark.parametrize("language", list(LOCALES))
def test_every_highlight_step_finds_its_target(
    highlight_server, highlight_member, prepared, language, tmp_path, capsys
):
    steps = highlight_steps()
    assert steps, "no highlight step in the bundled tours"
    set_language(highlight_server, highlight_member, language)

    results = run_check(highlight_server, highlight_member, language, steps, tmp_path / "shots")

    lines = [describe(r) for r in results]
    with capsys.disabled():
        server = f"Nextcloud {highlight_server.version} ({highlight_server.url})"
        print(f"\nHighlight targets on {server}, in {language}")
        if prepared:
            print(f"made first, as earlier task steps would: {', '.join(prepared)}")
        for line in lines:
            print(f"  {line}")
    assert [(r["tour"], r["step"]) for r in results] == [(s["tour"], s["step"]) for s in steps]
    missed = [line for r, line in zip(results, lines) if not r["found"]]
    assert not missed, "highlight targets not found (screenshots in {}):\n{}".format(
        tmp_path / "shots", "\n".join(missed)
    )
