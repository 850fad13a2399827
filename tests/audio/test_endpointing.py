"""Endpointing, level metering and the turn logic, driven by a scripted microphone (no Qt), so the
exact audio timing is known."""

from __future__ import annotations

import numpy as np

from app.audio.endpointing import EndpointConfig, Endpointer
from app.audio.level_meter import measure_level
from app.audio.turn_capture import TurnCapture
from app.speech import PcmAudio, load_speech_audio, read_wav
from tests.voice_fixtures import EMPATHETIC_REPLY

RATE = 16000


def tone(seconds: float, amplitude: float = 0.3, hz: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * hz * t) * amplitude * 32767).astype(np.int16)


def silence(seconds: float, noise: float = 0.0) -> np.ndarray:
    rng = np.random.default_rng(7)
    return (rng.standard_normal(int(seconds * RATE)) * noise * 32767).astype(np.int16)


def feed(endpointer: Endpointer, samples: np.ndarray, chunk: int = 1600):
    events = []
    for i in range(0, len(samples), chunk):
        events += endpointer.process(samples[i:i + chunk])
    return events


def test_turn_ends_after_the_trailing_silence():
    audio = np.concatenate([silence(0.5, 0.001), tone(1.2), silence(2.0, 0.001)])
    endpointer = Endpointer(EndpointConfig(trailing_silence_s=0.8))
    events = feed(endpointer, audio)
    assert [e.kind for e in events] == ["speech_started", "ended"]
    assert abs(endpointer.speech_started_at - 0.5) < 0.05
    assert abs(endpointer.last_voice_end - 1.7) < 0.05
    assert abs(events[-1].at_s - (1.7 + 0.8)) < 0.05


def test_short_pauses_inside_speech_do_not_end_the_turn():
    audio = np.concatenate([tone(0.6), silence(0.5), tone(0.6), silence(1.0)])
    events = feed(Endpointer(EndpointConfig(trailing_silence_s=0.8)), audio)
    assert [e.kind for e in events] == ["speech_started", "ended"]
    assert abs(events[-1].at_s - (1.7 + 0.8)) < 0.05


def test_configurable_silence_and_push_to_talk():
    audio = np.concatenate([tone(1.0), silence(3.0)])
    quick = feed(Endpointer(EndpointConfig(trailing_silence_s=0.3)), audio)
    assert abs(quick[-1].at_s - 1.3) < 0.05
    held = feed(Endpointer(EndpointConfig(trailing_silence_s=None)), audio)
    assert [e.kind for e in held] == ["speech_started"]


def test_steady_background_noise_is_not_speech():
    noisy = silence(3.0, noise=0.02)
    endpointer = Endpointer(EndpointConfig(no_speech_timeout_s=2.0))
    events = feed(endpointer, noisy)
    assert [e.kind for e in events] == ["no_speech"]
    speech_over_noise = np.concatenate([silence(1.0, 0.02), tone(1.0) + silence(1.0, 0.02), silence(1.5, 0.02)])
    events = feed(Endpointer(), speech_over_noise)
    assert [e.kind for e in events] == ["speech_started", "ended"]


def test_level_meter():
    quiet, loud = measure_level(tone(0.1, 0.01)), measure_level(tone(0.1, 0.5))
    assert loud.rms_dbfs > quiet.rms_dbfs + 30
    assert abs(loud.peak_dbfs - 20 * np.log10(0.5)) < 0.2
    assert 0.0 <= quiet.meter < loud.meter <= 1.0
    assert measure_level(np.zeros(100, dtype=np.int16)).meter == 0.0


class ScriptedMicrophone:
    """A Microphone that plays a prepared recording in 100 ms chunks when told to."""

    device_name = "scripted"

    def __init__(self, samples: np.ndarray, lose_after_s: float | None = None) -> None:
        self.samples = samples
        self.lose_after_s = lose_after_s
        self.listener = None
        self.stopped = False

    def start(self, listener) -> None:
        self.listener = listener

    def stop(self) -> None:
        self.stopped = True

    def run(self) -> None:
        chunk = RATE // 10
        for i in range(0, len(self.samples), chunk):
            if self.stopped:
                return
            if self.lose_after_s is not None and i >= self.lose_after_s * RATE:
                self.listener.on_device_lost("audio.lost.removed")
                return
            self.listener.on_audio(self.samples[i:i + chunk].astype("<i2").tobytes())


def test_turn_capture_records_recognises_and_measures_latency(render, english_recognition, tmp_path):
    reply = load_speech_audio(render(EMPATHETIC_REPLY))
    lead_in = 0.7  # the trainee starts speaking 0.7 s into the recording
    samples = np.concatenate([PcmAudio.silence(lead_in).samples, reply.samples, PcmAudio.silence(3.0).samples])
    microphone = ScriptedMicrophone(samples)
    clock_now = [100.0]
    levels, finished = [], []
    capture = TurnCapture(microphone, english_recognition, clock=lambda: clock_now[0],
                          on_level=levels.append, on_finished=finished.append)
    # the customer's line ended 1.2 s before the microphone opened
    future = capture.start(tmp_path / "turn.wav", customer_finished_at=98.8)
    microphone.run()
    result = future.result(60)
    assert result.ended_by == "silence" and microphone.stopped and finished == [result]
    assert {"understand", "frustrating"} <= set(result.text.split())
    first_word = result.transcript.words[0].start
    assert abs(result.latency_s - (1.2 + first_word)) < 1e-6
    assert lead_in - 0.1 < first_word < lead_in + 1.0
    assert abs(result.endpoint_s - (result.speech_ended_s + 0.8)) < 0.05
    assert result.audio_s < len(samples) / RATE  # capture stopped at the endpoint
    recorded = read_wav(result.recording)
    assert recorded.sample_rate == 16000 and abs(recorded.duration_s - result.audio_s) < 0.01
    assert levels and max(level.meter for level in levels) > 0.3


def test_device_lost_mid_turn_keeps_what_was_captured(render, english_recognition, tmp_path):
    reply = load_speech_audio(render(EMPATHETIC_REPLY))
    microphone = ScriptedMicrophone(reply.samples, lose_after_s=3.0)
    capture = TurnCapture(microphone, english_recognition)
    future = capture.start(tmp_path / "lost.wav")
    microphone.run()
    result = future.result(60)
    assert result.ended_by == "device_lost" and result.device_lost_reason == "audio.lost.removed"
    assert abs(result.audio_s - 3.0) < 0.01 and abs(read_wav(result.recording).duration_s - 3.0) < 0.01
    assert "understand" in result.text.split()
    assert result.latency_s is None  # no customer line to measure from


def test_push_to_talk_release_ends_the_turn(render, english_recognition):
    reply = load_speech_audio(render(EMPATHETIC_REPLY))
    samples = np.concatenate([reply.samples, PcmAudio.silence(3.0).samples])
    microphone = ScriptedMicrophone(samples)
    capture = TurnCapture(microphone, english_recognition)
    future = capture.start(None, push_to_talk=True)
    microphone.run()  # 3 s of trailing silence do not end a push-to-talk turn
    assert not future.done() and capture.active
    capture.release()
    result = future.result(60)
    assert result.ended_by == "push_to_talk" and result.recording is None
    assert "frustrating" in result.text.split(), result.text
