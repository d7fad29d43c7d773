"""What a person does in the app, shared by the end-to-end tests: create a profile, connect a
Nextcloud account (address, http warning, app password, memory-only consent), and the waits and
texts these need. Moved here from test_connect.py so that other tests (test_tours.py) import the
same steps instead of copying them.

The e2e app has no password safe (Secret Service) unless a test brings the `keyring` fixture,
so the UI may first ask to keep the access only until Passerelle closes: the helpers accept that
whenever it is asked.
"""

import itertools
import re

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, by_testid, html_lang, visible, wait

# ---- UI contract ------------------------------------------------------------------------------
# Test ids given in the brief, checked against ui/src/features/connect/index.ts, features/accounts/index.ts and app.ts
# as they were being written. TODO(lead): re-check when the connect screen is final.
SERVER_ADDRESS, SERVER_CHECK, CONNECT_ERROR = "server-address", "server-check", "connect-error"
# Plain http (the double is http://127.0.0.1) gets a warning step first (connect.ts showInsecure).
INSECURE_CONTINUE = "insecure-continue"
# The "Sign in with my browser" button (Fluent `method-browser`).
BROWSER_BUTTON = "login-browser"
# The app-password form sits in a <details> disclosure (Fluent `method-app-password`).
APP_PASSWORD_DETAILS = "app-password-details"
LOGIN_NAME, APP_PASSWORD, APP_PASSWORD_SUBMIT = "login-name", "app-password", "app-password-submit"
LOGIN_COUNTDOWN, LOGIN_CANCEL, LOGIN_URL = "login-countdown", "login-cancel", "login-url"
# Consent to keep the access in memory only (no keyring): the brief says `session-consent`,
# connect.ts has `keyring-session` (inside `keyring-consent`). Either is clicked when shown.
SESSION_CONSENT = ("session-consent", "keyring-session")
SPACE_NAME, CURRENT_PROFILE = "space-name", "current-profile"

LONG = 60.0  # seconds: connecting runs several requests and a keyring probe


# ---- texts --------------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Text as compared: Fluent isolation marks dropped, all spaces (nbsp, thin) as one space."""
    text = re.sub("[\u2068\u2069]", "", text)
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text).strip()


def fluent_block(lang: str, msg_id: str) -> str:
    """The pattern of a Fluent message (after `id =`, with its indented lines), read from every
    .ftl file of locales/<lang> (tours/*.ftl included)."""
    for path in sorted((ROOT / "locales" / lang).rglob("*.ftl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if re.match(rf"{re.escape(msg_id)}\s*=", line):
                block = [line.split("=", 1)[1]]
                for more in lines[i + 1:]:
                    if more and not more[0].isspace() and not more.startswith("}"):
                        break
                    block.append(more)
                return "\n".join(block)
    raise KeyError(f"{msg_id} not in locales/{lang}")


def fluent_ids(lang: str, prefix: str) -> list[str]:
    """The ids of the messages of locales/<lang> that start with `prefix`."""
    ids = set()
    for path in (ROOT / "locales" / lang).rglob("*.ftl"):
        ids.update(re.findall(rf"^({re.escape(prefix)}[\w-]*)\s*=", path.read_text(encoding="utf-8"), re.M))
    return sorted(ids)


# A small Fluent reader for what the locale files here use: text, `{ $arg }`, `{ "literal" }` and
# select expressions (nested too) on an argument, with plural categories for numbers. Not a
# Fluent implementation; texts are compared after norm(), so line breaks do not matter.


def _closing(text: str, i: int) -> int:
    depth = 0
    for k in range(i, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    raise ValueError(f"unbalanced braces in {text!r}")


def _placeables(pattern: str):
    """(start, end, body) of each top-level `{ … }` of a pattern."""
    i = 0
    while i < len(pattern):
        if pattern[i] == "{":
            j = _closing(pattern, i)
            yield i, j + 1, pattern[i + 1:j]
            i = j + 1
        else:
            i += 1


_VARIANT_KEY = re.compile(r"(\*?)\[([\w-]+)\]")


def _variants(text: str) -> list[tuple[str, bool, str]]:
    """(key, is_default, pattern) of the variants after `$arg ->`."""
    marks, depth, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and (m := _VARIANT_KEY.match(text, i)) and not text[text.rfind("\n", 0, i) + 1:i].strip():
            marks.append((m.start(), m.end(), m.group(2), m.group(1) == "*"))
            i = m.end()
            continue
        i += 1
    return [(key, default, text[end:marks[n + 1][0] if n + 1 < len(marks) else len(text)])
            for n, (_, end, key, default) in enumerate(marks)]


def _plural(lang: str, n: int) -> str:
    if lang == "fr":
        return "one" if n in (0, 1) else "other"
    return "one" if n == 1 else "other"


def _render(pattern: str, args: dict, lang: str) -> str:
    out, last = [], 0
    for start, end, body in _placeables(pattern):
        out.append(pattern[last:start])
        last = end
        if m := re.match(r"\s*\$([\w-]+)\s*->", body):
            value = args[m.group(1)]
            variants = _variants(body[m.end():])
            wanted = [str(value)] + ([_plural(lang, value)] if isinstance(value, int) else [])
            chosen = next((pat for w in wanted for key, _, pat in variants if key == w), None)
            if chosen is None:
                chosen = next(pat for _, default, pat in variants if default)
            out.append(_render(chosen, args, lang))
        elif m := re.fullmatch(r"\s*\$([\w-]+)\s*", body):
            out.append(str(args[m.group(1)]))
        elif m := re.fullmatch(r'\s*"([^"]*)"\s*', body):
            out.append(m.group(1))
        else:
            raise ValueError(f"fluent_text cannot read {{{body}}}")
    out.append(pattern[last:])
    return "".join(out)


def _selectors(pattern: str) -> dict[str, set[str]]:
    """Every argument a select expression of `pattern` depends on, with its variant keys."""
    found: dict[str, set[str]] = {}
    for _, _, body in _placeables(pattern):
        if m := re.match(r"\s*\$([\w-]+)\s*->", body):
            for key, _, pat in _variants(body[m.end():]):
                found.setdefault(m.group(1), set()).add(key)
                for name, keys in _selectors(pat).items():
                    found.setdefault(name, set()).update(keys)
    return found


def fluent_text(lang: str, msg_id: str, **args) -> str:
    """A Fluent message as the app shows it (select expressions resolved with `args`), for
    comparing with norm()."""
    return norm(_render(fluent_block(lang, msg_id), args, lang))


def fluent_renderings(lang: str, msg_id: str, **args) -> list[tuple[dict, str]]:
    """Every text a message can show with `args`, trying each variant key of the selectors not
    given in `args`: (the selectors' values, the text)."""
    pattern = fluent_block(lang, msg_id)
    free = {name: sorted(keys) for name, keys in _selectors(pattern).items() if name not in args}
    out = []
    for values in itertools.product(*free.values()):
        chosen = dict(zip(free, values))
        try:
            out.append((chosen, norm(_render(pattern, {**args, **chosen}, lang))))
        except KeyError:  # an argument only some variants use, not given: not one of these
            continue
    return out


# ---- waiting ------------------------------------------------------------------------------------


def shown(driver, testid: str):
    for el in driver.find_elements(*by_testid(testid)):
        try:
            if el.is_displayed():
                return el
        except StaleElementReferenceException:
            continue
    return None


def error_code(driver) -> str | None:
    el = shown(driver, CONNECT_ERROR)
    if el is None:
        return None
    code = el.get_attribute("data-error-code")
    return code or None


def until(driver, timeout: float, **outcomes):
    """Waits until one of `outcomes` (name → condition on the driver) holds; returns its name."""
    def any_outcome(d):
        for name, cond in outcomes.items():
            if cond(d):
                return name
        return False

    return WebDriverWait(
        driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
    ).until(any_outcome, f"none of {list(outcomes)} happened")


# ---- profile and connection ---------------------------------------------------------------------


def accept_session_storage(driver) -> bool:
    for testid in SESSION_CONSENT:
        el = shown(driver, testid)
        if el is not None:
            el.click()
            return True
    return False


def consent_shown(d) -> bool:
    return any(shown(d, t) for t in SESSION_CONSENT)


def create_profile(s, lang: str, name: str) -> None:
    visible(s, "welcome-screen")
    s.find_element(*by_testid(f"lang-{lang}")).click()
    wait(s).until(lambda d: html_lang(d) == lang)
    s.find_element(*by_testid("profile-name-input")).send_keys(name)
    s.find_element(*by_testid("profile-create")).click()
    wait(s).until(EC.text_to_be_present_in_element(by_testid(CURRENT_PROFILE), name))


def open_connect(s) -> None:
    s.execute_script("location.hash = '#/accounts/connect'")
    visible(s, SERVER_ADDRESS)


def submit_address(s, url: str) -> None:
    field = visible(s, SERVER_ADDRESS)
    field.clear()
    field.send_keys(url)
    s.find_element(*by_testid(SERVER_CHECK)).click()


def to_sign_in_choices(s, url: str) -> None:
    """Address checked, the http warning accepted: the sign-in choices are shown."""
    submit_address(s, url)
    outcome = until(
        s, LONG,
        insecure=lambda d: shown(d, INSECURE_CONTINUE),
        method=lambda d: shown(d, BROWSER_BUTTON),
        error=error_code,
    )
    if outcome == "error":
        pytest.fail(f"checking {url} failed: {error_code(s)}: {shown(s, CONNECT_ERROR).text}")
    if outcome == "insecure":
        shown(s, INSECURE_CONTINUE).click()
        visible(s, BROWSER_BUTTON)


def sign_in_with_app_password(s, login: str, password: str) -> None:
    details = s.find_elements(*by_testid(APP_PASSWORD_DETAILS))
    if details and details[0].get_attribute("open") is None:
        details[0].find_element(By.TAG_NAME, "summary").click()
    name = visible(s, LOGIN_NAME)
    name.clear()
    name.send_keys(login)
    field = s.find_element(*by_testid(APP_PASSWORD))
    field.clear()
    field.send_keys(password)
    s.find_element(*by_testid(APP_PASSWORD_SUBMIT)).click()


def wait_connected(s) -> None:
    """Accepts the memory-only storage if asked, then waits for the space in the header."""
    while True:
        outcome = until(
            s, LONG,
            consent=consent_shown,
            connected=lambda d: shown(d, SPACE_NAME),
            error=error_code,
        )
        if outcome == "consent":
            accept_session_storage(s)
            continue
        if outcome == "error":
            pytest.fail(f"connecting failed: {error_code(s)}: {shown(s, CONNECT_ERROR).text}")
        return


def connect_with_app_password(s, lang: str, profile: str, base_url: str, login: str,
                              password: str) -> None:
    """A new profile `profile` in `lang`, connected to `base_url` with an app password (memory
    only if the app asks, as there is no keyring unless the test brings one)."""
    create_profile(s, lang, profile)
    open_connect(s)
    to_sign_in_choices(s, base_url)
    sign_in_with_app_password(s, login, password)
    wait_connected(s)
