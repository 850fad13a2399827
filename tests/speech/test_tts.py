"""The customer's voice: real espeak-ng through the pyttsx3 worker, voices by language, prosody,
and the pre-rendered / cached line audio."""

from __future__ import annotations

import threading

import pytest

from app.domain.scenarios.schema import Emotion
from app.speech import (
    CustomerVoice,
    SpeechProsody,
    SynthesisError,
    VoiceNotFoundError,
    customer_prosody,
    emotion_prosody,
    read_wav,
)
from app.speech.audio_manifest import AudioManifest
from app.speech.audio_prerender import customer_lines, prerender
from app.speech.voices import VoiceInfo, choose_voice
from tests.voice_fixtures import sox_duration, sox_stat

SAME_TEXT = "I have been waiting for three weeks and nobody has called me back about my order."


def test_voices_are_chosen_by_language(synthesizer):
    en = synthesizer.voice_for("en").result(30)
    zh = synthesizer.voice_for("zh").result(30)
    assert en.id == "gmw/en-us" and "en-us" in en.languages
    assert zh.id == "sit/cmn"


def test_no_voice_for_a_language_is_said_clearly(synthesizer):
    with pytest.raises(VoiceNotFoundError) as info:
        synthesizer.voice_for("xx").result(30)
    assert "no xx voice" in str(info.value)
    only_english = [VoiceInfo("gmw/en-us", "English (America)", ("en-us",))]
    with pytest.raises(VoiceNotFoundError) as info:
        choose_voice(only_english, "zh")
    assert "no Chinese voice" in str(info.value) and "en-us" in str(info.value)
    assert "中文语音" in info.value.text("zh")
    with pytest.raises(VoiceNotFoundError):
        synthesizer.render("Hello", "en", SpeechProsody(), "/tmp/never.wav", voice_id="no/such-voice").result(30)


def test_render_writes_a_wav_on_the_worker_thread(synthesizer, tmp_path):
    callers = []
    future = synthesizer.render("Hello, I am calling about my parcel.", "en", SpeechProsody(), tmp_path / "a.wav")
    future.add_done_callback(lambda _f: callers.append(threading.current_thread().name))
    rendered = future.result(30)
    assert rendered.voice_id == "gmw/en-us" and rendered.path.is_file()
    wav = read_wav(rendered.path)
    assert wav.sample_rate == rendered.sample_rate and wav.duration_s > 1.0
    assert abs(wav.duration_s - rendered.duration_s) < 0.01
    zh = synthesizer.render("非常抱歉让您久等了。", "zh", SpeechProsody(), tmp_path / "zh.wav").result(30)
    assert zh.voice_id == "sit/cmn" and read_wav(zh.path).duration_s > 1.0
    assert threading.current_thread().name not in callers or callers == []


def test_empty_text_is_an_error(synthesizer, tmp_path):
    with pytest.raises(SynthesisError):
        synthesizer.render("   ", "en", SpeechProsody(), tmp_path / "x.wav").result(30)


def test_long_lines_are_rendered_completely(synthesizer, tmp_path):
    """espeak-ng synthesises asynchronously; the worker must wait for the whole line."""
    text = " ".join(["This is a long sentence that keeps going for a while."] * 8)
    rendered = synthesizer.render(text, "en", SpeechProsody(rate_wpm=175), tmp_path / "long.wav").result(60)
    assert rendered.duration_s > 20
    assert abs(sox_duration(rendered.path) - rendered.duration_s) < 0.05


def test_emotion_prosody_profiles():
    angry, anxious, disappointed = (emotion_prosody(e) for e in (Emotion.ANGRY, Emotion.ANXIOUS, Emotion.DISAPPOINTED))
    assert angry.rate_wpm > disappointed.rate_wpm and angry.volume > disappointed.volume
    assert anxious.rate_wpm > disappointed.rate_wpm and anxious.pitch > angry.pitch > disappointed.pitch


def test_scenario_personas_get_their_voice(library):
    parcel = customer_prosody(library.get("en-complaint-late-parcel").persona)  # angry
    repair = customer_prosody(library.get("en-complaint-missed-repair").persona)  # disappointed
    assert parcel.rate_wpm > repair.rate_wpm and parcel.volume > repair.volume and parcel.pitch > repair.pitch


def test_angry_and_disappointed_renderings_differ_measurably(synthesizer, tmp_path):
    angry = synthesizer.render(SAME_TEXT, "en", emotion_prosody(Emotion.ANGRY), tmp_path / "angry.wav").result(30)
    sad = synthesizer.render(SAME_TEXT, "en", emotion_prosody(Emotion.DISAPPOINTED), tmp_path / "sad.wav").result(30)
    angry_s, sad_s = sox_duration(angry.path), sox_duration(sad.path)
    angry_rms, sad_rms = sox_stat(angry.path)["RMS amplitude"], sox_stat(sad.path)["RMS amplitude"]
    assert angry_s < sad_s * 0.8, (angry_s, sad_s)  # angry is faster
    assert angry_rms > sad_rms * 1.2, (angry_rms, sad_rms)  # and louder


def test_customer_line_is_rendered_once_then_cached(synthesizer, tmp_path, library):
    scenario = library.get("en-complaint-late-parcel")
    voice = CustomerVoice(synthesizer, bundled_dir=tmp_path / "bundled", cache_dir=tmp_path / "cache")
    try:
        line = scenario.lines.opening.hostile
        first = voice.audio_for_scenario_line(scenario, line).result(30)
        second = voice.audio_for_scenario_line(scenario, line).result(30)
    finally:
        voice.close()
    assert first.source == "rendered" and second.source == "cache" and first.path == second.path
    assert first.path.is_relative_to(tmp_path / "cache")
    assert AudioManifest.load(tmp_path / "cache").entries[first.key].text == line


def test_prerendered_audio_is_used_when_present(synthesizer, tmp_path, library):
    scenario = library.get("zh-complaint-lost-baggage")
    bundled = tmp_path / "assets-audio"
    report = prerender([scenario], synthesizer, bundled)
    lines = customer_lines(scenario)
    assert report.rendered == len(lines) == 16 and report.voices == {"zh": "sit/cmn"}
    manifest = AudioManifest.load(bundled)
    assert len(manifest.entries) == len(lines)
    assert all(manifest.path_for(key) is not None for key in manifest.entries)
    again = prerender([scenario], synthesizer, bundled)
    assert again.rendered == 0 and again.reused == len(lines)
    voice = CustomerVoice(synthesizer, bundled_dir=bundled, cache_dir=tmp_path / "cache")
    try:
        found = voice.audio_for_scenario_line(scenario, scenario.lines.push.tense).result(30)
    finally:
        voice.close()
    assert found.source == "bundled" and found.path.is_relative_to(bundled)
    assert not (tmp_path / "cache").exists()
