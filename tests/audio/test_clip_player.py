"""The replay's audio player (QMediaPlayer) on a real PulseAudio output: what it plays is recorded
from the output's monitor with `parecord`, so offset, speed, the chosen device and failures are
checked on the sound itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.audio.clip_player import QtClipPlayer
from tests.voice_fixtures import _pactl, recording_of_output, sox_speech_seconds

SINK = "replay_check"
DESCRIPTION = "ReplayCheck"

pytestmark = pytest.mark.usefixtures("virtual_mic")


@pytest.fixture(scope="module")
def replay_output(virtual_mic) -> str:
    if SINK not in _pactl("list", "short", "sinks").stdout:
        _pactl("load-module", "module-null-sink", f"sink_name={SINK}", "norewinds=1",
               f"sink_properties=device.description={DESCRIPTION}")
    assert SINK in _pactl("list", "short", "sinks").stdout
    return DESCRIPTION


@pytest.fixture(scope="module")
def line(render) -> Path:
    return render("I am sorry for the trouble with your parcel. I will check where it is and call you back today.")


def play_and_record(qtbot, player: QtClipPlayer, wav: Path, offset_s: float, rate: float, target: Path) -> float:
    """Play the clip to its end and return the seconds of speech that reached the output."""
    from PySide6.QtMultimedia import QMediaPlayer

    with recording_of_output(SINK, target):
        player.play(wav, offset_s, rate)
        qtbot.waitUntil(lambda: player.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia, timeout=20000)
        qtbot.wait(300)
    return sox_speech_seconds(target)


def test_plays_on_the_chosen_output_from_an_offset_and_at_speed(qtbot, qapp, replay_output, line, tmp_path):
    full = sox_speech_seconds(line)
    player = QtClipPlayer(replay_output)
    problems = []
    player.set_problem_handler(problems.append)
    assert player.device_name == DESCRIPTION
    whole = play_and_record(qtbot, player, line, 0.0, 1.0, tmp_path / "whole.wav")
    assert whole == pytest.approx(full, abs=0.25)
    player.player.stop()
    later = QtClipPlayer(replay_output)  # a fresh player: the offset applies once the clip has loaded
    from_offset = play_and_record(qtbot, later, line, 2.0, 1.0, tmp_path / "offset.wav")
    assert from_offset == pytest.approx(full - 2.0, abs=0.3)
    faster = QtClipPlayer(replay_output)
    doubled = play_and_record(qtbot, faster, line, 0.0, 2.0, tmp_path / "doubled.wav")
    assert doubled == pytest.approx(full / 2, abs=0.3)
    assert not problems


def test_the_default_output_is_used_when_none_is_chosen(qtbot, qapp, replay_output, line, tmp_path):
    player = QtClipPlayer(None)
    assert player.device_name is None
    heard = play_and_record(qtbot, player, line, 0.0, 2.0, tmp_path / "elsewhere.wav")
    assert heard == 0.0  # played on the system default, not on the replay check output


@pytest.mark.parametrize("lang, words", [("en", "No audio output"), ("zh", "音频输出")])
def test_a_missing_device_or_a_broken_clip_is_reported(qtbot, qapp, replay_output, tmp_path, lang, words):
    player = QtClipPlayer("Headset That Was Unplugged", ui_lang=lang)
    problems = []
    player.set_problem_handler(problems.append)
    broken = tmp_path / "0-trainee.wav"
    broken.write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunk" + bytes(200))
    player.play(broken, 0.0, 1.0)
    qtbot.waitUntil(lambda: len(problems) == 2, timeout=10000)
    assert words in problems[0] and "Headset That Was Unplugged" in problems[0]
    assert problems[1].startswith("0-trainee.wav: ")


def test_the_next_clip_on_the_same_player_plays_too(qtbot, qapp, replay_output, line, render, tmp_path):
    """As the replay does it: the customer's line, then the trainee's reply, on one player."""
    reply = render("Thank you for waiting. I will call you back tomorrow morning.")
    player = QtClipPlayer(replay_output)
    first = play_and_record(qtbot, player, line, 0.0, 2.0, tmp_path / "first.wav")
    second = play_and_record(qtbot, player, reply, 0.0, 2.0, tmp_path / "second.wav")
    assert first == pytest.approx(sox_speech_seconds(line) / 2, abs=0.3)
    assert second == pytest.approx(sox_speech_seconds(reply) / 2, abs=0.3)
    again = play_and_record(qtbot, player, reply, 1.0, 1.0, tmp_path / "again.wav")  # the same clip, sought
    assert again == pytest.approx(sox_speech_seconds(reply) - 1.0, abs=0.3)
