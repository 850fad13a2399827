"""Microphone capture through QtMultimedia's QAudioSource, delivered as 16 kHz mono int16.

The device is opened at 16 kHz mono int16 when it offers that; otherwise at its preferred format
(e.g. 48 kHz stereo float) and converted on the fly. Reading happens on readyRead (pull mode), on
the thread that owns this object (the GUI thread): it only copies bytes and hands them on.
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QObject, Signal
from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSource

from app.audio.device_watchdog import DeviceWatchdog
from app.audio.devices import INPUT, AudioDevice, find_input
from app.audio.level_meter import measure_level, pcm_samples
from app.audio.protocols import MicrophoneListener
from app.audio.qt_audio_state import has_error, state_is
from app.speech.errors import AudioDeviceError
from app.speech.resampling import StreamConverter

SPEECH_RATE = 16000
# Qt's audio thread fills this buffer without Python; a few seconds of room means a busy Python
# thread (an engine call holding the GIL) delays the reading but never loses audio.
CAPTURE_BUFFER_S = 5.0
QT_SAMPLE_FORMATS = {
    QAudioFormat.SampleFormat.UInt8: "uint8",
    QAudioFormat.SampleFormat.Int16: "int16",
    QAudioFormat.SampleFormat.Int32: "int32",
    QAudioFormat.SampleFormat.Float: "float32",
}


def speech_format() -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(SPEECH_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


def capture_format_for(device: AudioDevice) -> QAudioFormat:
    wanted = speech_format()
    if device.qt_device.isFormatSupported(wanted):
        return wanted
    return device.qt_device.preferredFormat()


class QtMicrophone(QObject):
    """A `Microphone`. Signals for a GUI: level_changed(AudioLevel), device_lost(reason key),
    capture_error(str)."""

    level_changed = Signal(object)
    device_lost = Signal(str)
    capture_error = Signal(str)

    def __init__(self, device: AudioDevice | None = None, capture_format: QAudioFormat | None = None,
                 watchdog_poll_ms: int = 250, stall_ms: int | None = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device or find_input()
        self._forced_format = capture_format
        self._watchdog_poll_ms = watchdog_poll_ms
        self._stall_ms = stall_ms
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._listener: MicrophoneListener | None = None
        self._converter: StreamConverter | None = None
        self._watchdog: DeviceWatchdog | None = None
        self.format: QAudioFormat | None = None
        self.bytes_captured = 0

    @property
    def device_name(self) -> str:
        return self.device.name

    @property
    def converting(self) -> bool:
        return self._converter is not None and not self._converter.passthrough

    def start(self, listener: MicrophoneListener) -> None:
        if self._source is not None:
            self.stop()
        fmt = self._forced_format or capture_format_for(self.device)
        sample_format = QT_SAMPLE_FORMATS.get(fmt.sampleFormat())
        if sample_format is None or fmt.sampleRate() <= 0 or fmt.channelCount() <= 0:
            raise AudioDeviceError("speech.err.device_open", device=self.device.name,
                                   detail=f"unusable format {fmt.sampleRate()} Hz {fmt.sampleFormat()}")
        self.format = fmt
        self._converter = StreamConverter(fmt.sampleRate(), fmt.channelCount(), sample_format, SPEECH_RATE)
        self._listener = listener
        self.bytes_captured = 0
        source = QAudioSource(self.device.qt_device, fmt, self)
        source.setBufferSize(fmt.bytesForDuration(int(CAPTURE_BUFFER_S * 1_000_000)))
        source.stateChanged.connect(self._on_state)
        self._source = source
        io = source.start()
        if io is None or has_error(source):
            self._source = None
            raise AudioDeviceError("speech.err.device_open", device=self.device.name, detail=str(source.error()))
        self._io = io
        io.readyRead.connect(self._read)
        self._watchdog = DeviceWatchdog(self.device.id, INPUT, self._watchdog_poll_ms, self._stall_ms, self)
        self._watchdog.lost.connect(self._on_lost)
        self._watchdog.start()

    def stop(self) -> None:
        """Deliver what is still buffered, then close the device."""
        if self._source is None:
            return
        self._read()
        self._shutdown()
        if self._converter is not None and self._listener is not None:
            tail = self._converter.flush()
            if tail:
                self._listener.on_audio(tail)

    def _shutdown(self) -> None:
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog.deleteLater()
            self._watchdog = None
        source, self._source = self._source, None
        if self._io is not None:
            self._io.readyRead.disconnect(self._read)
            self._io = None
        if source is not None:
            source.stateChanged.disconnect(self._on_state)
            source.stop()
            source.deleteLater()

    def _read(self) -> None:
        if self._io is None or self._converter is None:
            return
        raw = bytes(self._io.readAll().data())
        if not raw:
            return
        self.bytes_captured += len(raw)
        if self._watchdog is not None:
            self._watchdog.note_data()
        pcm = self._converter.convert(raw)
        if pcm:
            self.level_changed.emit(measure_level(pcm_samples(pcm)))
            if self._listener is not None:
                self._listener.on_audio(pcm)

    def _on_state(self, state: QAudio.State) -> None:  # importing QAudio registers this type
        source = self._source
        if source is not None and state_is(state, "StoppedState") and has_error(source):
            self._on_lost("audio.lost.error")

    def _on_lost(self, reason: str) -> None:
        """The device went away: keep everything captured so far, stop, tell the listener."""
        if self._source is None:
            return
        self._read()
        self._shutdown()
        listener = self._listener
        if listener is not None and self._converter is not None:
            tail = self._converter.flush()
            if tail:
                listener.on_audio(tail)
            listener.on_device_lost(reason)
        self.device_lost.emit(reason)
