"""The voice commands as a user or another tool runs them: real subprocesses, real engines."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.conftest import run_cli
from tests.voice_fixtures import CURT_REPLY, EMPATHETIC_REPLY, sox_duration


@pytest.fixture(scope="module")
def stereo_44k_reply(render, tmp_path_factory):
    """The empathetic reply as a 44.1 kHz stereo 24-bit WAV (transcribe must resample it itself)."""
    path = tmp_path_factory.mktemp("cli") / "reply-44k-stereo.wav"
    subprocess.run(["sox", str(render(EMPATHETIC_REPLY)), "-r", "44100", "-c", "2", "-b", "24", str(path)], check=True)
    return path


def test_transcribe_json(stereo_44k_reply):
    proc = run_cli("transcribe", "--lang", "en", "--json", str(stereo_44k_reply))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"engine", "text", "duration", "words"} <= set(data)
    assert data["engine"] == "pocketsphinx"
    assert abs(data["duration"] - sox_duration(stereo_44k_reply)) < 0.05
    assert {"understand", "frustrating"} <= set(data["text"].split())
    assert all(set(w) == {"word", "start", "end", "conf"} for w in data["words"])
    assert all(a["start"] <= b["start"] for a, b in zip(data["words"], data["words"][1:], strict=False))


def test_transcribe_human_output_names_the_engine(stereo_44k_reply):
    proc = run_cli("transcribe", "--lang", "en", "--engine", "pocketsphinx", str(stereo_44k_reply))
    assert proc.returncode == 0, proc.stderr
    assert "pocketsphinx" in proc.stderr and "frustrating" in proc.stdout


def test_score_audio_fills_in_pace(stereo_44k_reply, render):
    proc = run_cli("score", "--lang", "en", "--json", "--audio", str(stereo_44k_reply))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"lang", "transcript", "overall", "dimensions", "tips"} <= set(data)
    pace = data["dimensions"]["pace"]
    assert pace is not None and pace["unit"] == "wpm" and pace["rate"] > 80 and 0 <= pace["score"] <= 100
    assert pace["latency_s"] is not None and pace["latency_s"] < 1.0
    assert data["dimensions"]["empathy"]["score"] > 0 and data["speech"]["engine"] == "pocketsphinx"
    curt = json.loads(run_cli("score", "--lang", "en", "--json", "--audio", str(render(CURT_REPLY))).stdout)
    assert curt["overall"] < data["overall"]
    human = run_cli("score", "--lang", "en", "--audio", str(stereo_44k_reply))
    assert human.returncode == 0 and "Pace:" in human.stdout and "wpm" in human.stdout


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "empty"),
    (b"GIF89a" + bytes(range(200)) * 20, "not a WAV"),
    (None, "truncated"),
])
def test_bad_audio_files_are_clear_errors(tmp_path, stereo_44k_reply, content, expected):
    path = tmp_path / "bad.wav"
    path.write_bytes(content if content is not None else stereo_44k_reply.read_bytes()[:5000])
    for args in (("transcribe", "--lang", "en", str(path)), ("score", "--lang", "en", "--audio", str(path))):
        proc = run_cli(*args)
        assert proc.returncode == 2, proc.stdout
        assert expected in proc.stderr and str(path) in proc.stderr
        assert "Traceback" not in proc.stderr


def test_errors_follow_the_language(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    proc = run_cli("transcribe", "--lang", "zh", str(path))
    assert proc.returncode == 2 and "空文件" in proc.stderr


def test_chinese_without_a_model_says_how_to_import_it(stereo_44k_reply):
    proc = run_cli("transcribe", "--lang", "zh", str(stereo_44k_reply))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "roleplay models import vosk-model-small-cn-0.22.zip" in proc.stderr and "中文" in proc.stderr


def test_missing_model_directory_is_a_clear_error(tmp_path, stereo_44k_reply):
    proc = run_cli("transcribe", "--lang", "en", "--engine", "vosk", "--model", str(tmp_path / "no-model"),
                   str(stereo_44k_reply))
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr


def test_vosk_on_the_command_line(korean_model, stereo_44k_reply):
    proc = run_cli("transcribe", "--lang", "en", "--engine", "vosk", "--model", str(korean_model), "--json",
                   str(stereo_44k_reply))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["engine"] == "vosk" and all(0 <= w["start"] < w["end"] <= data["duration"] for w in data["words"])


def test_render_audio_for_one_scenario(tmp_path):
    out = tmp_path / "audio"
    proc = run_cli("render-audio", "--scenario", "en-complaint-late-parcel", "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["rendered"] == 16 and summary["voices"] == {"en": "gmw/en-us"}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["entries"]) == 16
    for key, entry in manifest["entries"].items():
        assert entry["file"] == f"en/{key}.wav" and (out / entry["file"]).is_file()
        assert entry["voice"] == "gmw/en-us" and entry["scenarios"] == ["en-complaint-late-parcel"]
        assert set(entry["prosody"]) == {"rate_wpm", "pitch", "volume"}
    again = json.loads(run_cli("render-audio", "--scenario", "en-complaint-late-parcel", "--out", str(out),
                               "--json").stdout)
    assert again["rendered"] == 0 and again["reused"] == 16
    assert run_cli("render-audio", "--scenario", "nope", "--out", str(out)).returncode == 2


def test_demo_goes_through_real_speech():
    proc = run_cli("demo", "--lang", "en", timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "pocketsphinx" in out and "heard:" in out and "wpm" in out and "rendered now" in out
    assert "Session report" in out


def test_demo_in_chinese_falls_back_to_text_and_says_why():
    proc = run_cli("demo", "--lang", "zh", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "roleplay models import vosk-model-small-cn-0.22.zip" in proc.stdout
    assert "sit/cmn" in proc.stdout and "通话报告" in proc.stdout


def test_devices_command_lists_the_virtual_microphone(virtual_mic):
    proc = run_cli("devices", "--json", env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert any(d["name"] == "TraineeMic" for d in data["inputs"])
    assert any(d["name"] == "Null Output" for d in data["outputs"])
