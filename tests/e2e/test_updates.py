"""End-to-end: Settings → Updates in the real app binary (a debug build: no update address built
in). An organisation's mirror file in the data folder (update-mirror.txt) names an https address
where nothing listens. Settings says where updates come from (that file); asking for updates says
"no connection" in the person's language; nothing is downloaded and the app keeps working.
The signed download and install paths are covered by src-tauri/tests/updates.rs."""

from selenium.webdriver.support import expected_conditions as EC

from conftest import ARTIFACTS, by_testid, fluent_message, free_port, visible, wait, save_shot
from flows import create_profile, norm


def test_an_unreachable_mirror_says_no_connection_only_when_asked(app):
    port = free_port()  # nothing listens there once the probe socket is closed
    mirror = f"https://127.0.0.1:{port}/latest.json"
    (app.data_dir / "update-mirror.txt").write_text(f"# Mirror of our CHATONS host\n{mirror}\n")
    s = app.start()
    create_profile(s, "en", "Camille")

    s.execute_script("location.hash = '#/settings'")
    section = visible(s, "update-section")
    wait(s).until(EC.text_to_be_present_in_element(by_testid("update-current"), "0.1.0"))
    source = norm(s.find_element(*by_testid("update-source")).text)
    assert "update-mirror.txt" in source and mirror in source, source
    # The quiet check at start does not show errors.
    assert norm(s.find_element(*by_testid("update-error")).text) == ""

    s.find_element(*by_testid("update-check")).click()
    wait(s).until(
        lambda d: d.find_element(*by_testid("update-error")).get_attribute("data-error-code") == "update-offline"
    )
    text = norm(s.find_element(*by_testid("update-error")).text)
    assert text == norm(fluent_message("en", "error-update-offline")), text
    assert not s.find_elements(*by_testid("update-download"))
    s.execute_script("arguments[0].scrollIntoView()", s.find_element(*by_testid("update-check")))
    save_shot(s, ARTIFACTS / "settings-updates-offline-en.png")

    # The app keeps working: another screen opens.
    s.execute_script("location.hash = '#/about'")
    wait(s).until(lambda d: not d.find_elements(*by_testid("update-section")))
    assert section is not None
