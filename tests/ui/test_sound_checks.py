# ruff: noqa: F811 - the fixtures imported below are used as test arguments
"""Settings lets the trainee hear the speakers and each language's customer voice before a call:
espeak-ng renders a sentence, the app plays it on the chosen output, and the sound is recorded back
from that PulseAudio sink (heard, not silent)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import choose_trainee
from tests.ui.test_spoken_call import SPEAKERS, open_real_window, real_window, speakers  # noqa: F401
from tests.voice_fixtures import recording_of_output, sox_speech_seconds, virtual_mic  # noqa: F401


@pytest.mark.parametrize("what", ["speakers", "zh voice"])
def test_the_speakers_and_a_voice_can_be_heard_from_settings(qtbot, real_window, tmp_path, what):
    window = real_window
    choose_trainee(qtbot, window, "Ada")
    window.settings_button.click()
    page = window.settings_page
    button = page.speaker_test_button if what == "speakers" else page.preview_buttons["zh"]
    with recording_of_output(SPEAKERS, tmp_path / "sample.wav") as heard:
        button.click()
        qtbot.waitUntil(lambda: page.sample_status.text().startswith("Playing"), timeout=60000)
        assert not button.isEnabled()  # one sample at a time
        qtbot.waitUntil(lambda: page.sample_status.text().startswith("Played"), timeout=60000)
    assert button.isEnabled()
    assert sox_speech_seconds(heard) > 1.5, f"the {what} sample was silent"
