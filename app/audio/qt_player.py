"""Playback of the customer's WAV lines through QtMultimedia (QAudioSink) on a chosen output.

The file is decoded by our own WAV reader and converted to a format the device accepts, then
played from memory; `on_finished(monotonic time)` marks the end of the customer's line, from which
the trainee's response latency is measured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soxr
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink

from app.audio.device_watchdog import DeviceWatchdog
from app.audio.devices import OUTPUT, AudioDevice, find_output
from app.audio.qt_audio_state import has_error, state_is
from app.speech.errors import AudioDeviceError
from app.speech.resampling import float_to_int16
from app.speech.wav_reader import WavAudio, read_wav


def playback_format(device: AudioDevice, audio: WavAudio) -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(audio.sample_rate)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if device.qt_device.isFormatSupported(fmt):
        return fmt
    preferred = device.qt_device.preferredFormat()
    fmt.setSampleRate(preferred.sampleRate())
    fmt.setChannelCount(preferred.channelCount())
    return fmt


def encode_for(audio: WavAudio, fmt: QAudioFormat) -> bytes:
    """Mono int16 at the format's rate, copied to each of its channels."""
    mono = audio.samples.mean(axis=1).astype(np.float32)
    if fmt.sampleRate() != audio.sample_rate:
        mono = soxr.resample(mono, audio.sample_rate, fmt.sampleRate(), quality="HQ")
    samples = float_to_int16(mono)
    if fmt.channelCount() > 1:
        samples = np.repeat(samples, fmt.channelCount())
    return samples.astype("<i2").tobytes()


class QtPlayer(QObject):
    """Plays a WAV file on an output device. Signals: started(), finished(float monotonic), device_lost(reason key)."""

    started = Signal()
    finished = Signal(float)
    device_lost = Signal(str)

    def __init__(self, device: AudioDevice | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device or find_output()
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._watchdog: DeviceWatchdog | None = None
        self._on_finished: Callable[[float], None] | None = None
        self.finished_at: float | None = None
        self.duration_s = 0.0

    @property
    def device_name(self) -> str:
        return self.device.name

    @property
    def playing(self) -> bool:
        return self._sink is not None

    def play(self, path: Path, on_finished: Callable[[float], None] | None = None) -> None:
        self.stop()
        audio = read_wav(path)
        fmt = playback_format(self.device, audio)
        payload = encode_for(audio, fmt)
        self.duration_s = audio.duration_s
        self.finished_at = None
        self._on_finished = on_finished
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(payload))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = QAudioSink(self.device.qt_device, fmt, self)
        sink.stateChanged.connect(self._on_state)
        self._sink = sink
        sink.start(self._buffer)
        if has_error(sink):
            self._release()
            raise AudioDeviceError("speech.err.device_open", device=self.device.name, detail=str(sink.error()))
        self._watchdog = DeviceWatchdog(self.device.id, OUTPUT, stall_ms=None, parent=self)
        self._watchdog.lost.connect(self._on_lost)
        self._watchdog.start()
        self.started.emit()

    def stop(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog.deleteLater()
            self._watchdog = None
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_state)
            sink.stop()
            sink.deleteLater()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _on_state(self, state: QAudio.State) -> None:  # importing QAudio registers this type
        sink = self._sink
        if sink is None:
            return
        if state_is(state, "IdleState") and self._buffer is not None and self._buffer.atEnd():
            self._done()
        elif state_is(state, "StoppedState") and has_error(sink):
            self._on_lost("audio.lost.error")

    def _done(self) -> None:
        self.finished_at = time.monotonic()
        self._release()
        callback, self._on_finished = self._on_finished, None
        if callback is not None:
            callback(self.finished_at)
        self.finished.emit(self.finished_at)

    def _on_lost(self, reason: str) -> None:
        self._release()
        self.device_lost.emit(reason)
