"""End-to-end: the real app binary, under Xvfb, driven through WebDriver (tauri-driver and
WebKitWebDriver). The system speaks French; the person picks English, creates a profile,
restarts the app, and finds both kept. Screenshots are saved under target/e2e/."""

from selenium.webdriver.support import expected_conditions as EC

from conftest import ARTIFACTS, by_testid, fluent_message, html_lang, visible, wait, save_shot


def test_language_and_profile_survive_a_restart(app):
    s = app.start()
    welcome = visible(s, "welcome-screen")
    # System language is French, nothing chosen yet: the app speaks French.
    assert html_lang(s) == "fr"
    assert fluent_message("fr", "welcome-title") in welcome.text

    s.find_element(*by_testid("lang-en")).click()
    wait(s).until(lambda d: html_lang(d) == "en")
    wait(s).until(EC.text_to_be_present_in_element(by_testid("welcome-screen"), fluent_message("en", "welcome-title")))

    name = s.find_element(*by_testid("profile-name-input"))
    name.send_keys("Camille")
    s.find_element(*by_testid("profile-create")).click()
    wait(s).until(EC.text_to_be_present_in_element(by_testid("current-profile"), "Camille"))
    save_shot(s, ARTIFACTS / "after-profile-created-en.png")

    s = app.restart()
    welcome = visible(s, "welcome-screen")
    assert html_lang(s) == "en", "the chosen language was not kept"
    assert fluent_message("en", "welcome-title") in welcome.text
    choices = s.find_elements(*by_testid("profile-choice"))
    assert [c.text.strip() for c in choices] == ["Camille"], "the profile was not kept"
    save_shot(s, ARTIFACTS / "welcome-en.png")

    choices[0].click()
    wait(s).until(EC.text_to_be_present_in_element(by_testid("current-profile"), "Camille"))


def test_keyboard_only_profile_creation(app):
    """No mouse: Tab to the name field, type, Enter submits; the focus is visible."""
    from selenium.webdriver.common.keys import Keys

    s = app.start()
    visible(s, "welcome-screen")
    field = s.find_element(*by_testid("profile-name-input"))
    # Reach the field with Tab only, counting presses (bounded).
    body = s.find_element("css selector", "body")
    for _ in range(30):
        body = s.switch_to.active_element
        if body == field:
            break
        body.send_keys(Keys.TAB)
    assert s.switch_to.active_element == field, "the name field cannot be reached with Tab"
    outline = s.execute_script(
        "const cs = getComputedStyle(document.activeElement); return cs.outlineStyle + ' ' + cs.boxShadow;"
    )
    assert outline != "none none", "no visible focus indicator on the name field"
    field.send_keys("Dominique", Keys.ENTER)
    wait(s).until(EC.text_to_be_present_in_element(by_testid("current-profile"), "Dominique"))
