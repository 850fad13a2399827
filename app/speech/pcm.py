"""Speech audio as the recognisers want it (16 kHz, mono, signed 16-bit) and WAV writing."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.private_files import replaced_whole
from app.speech.resampling import to_mono_int16
from app.speech.wav_reader import WavAudio, read_wav

SPEECH_RATE = 16000
BYTES_PER_SAMPLE = 2


@dataclass(frozen=True)
class PcmAudio:
    """Mono signed 16-bit samples."""

    samples: np.ndarray
    sample_rate: int = SPEECH_RATE

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate

    def to_bytes(self) -> bytes:
        return self.samples.astype("<i2").tobytes()

    def chunks(self, seconds: float = 0.1) -> list[bytes]:
        """The audio cut into chunks of `seconds`, as a microphone would deliver it."""
        step = max(1, int(self.sample_rate * seconds))
        raw = self.to_bytes()
        size = step * BYTES_PER_SAMPLE
        return [raw[i:i + size] for i in range(0, len(raw), size)]

    @classmethod
    def from_bytes(cls, raw: bytes, sample_rate: int = SPEECH_RATE) -> PcmAudio:
        usable = len(raw) - len(raw) % BYTES_PER_SAMPLE
        return cls(np.frombuffer(raw[:usable], dtype="<i2").copy(), sample_rate)

    @classmethod
    def silence(cls, seconds: float, sample_rate: int = SPEECH_RATE) -> PcmAudio:
        return cls(np.zeros(int(seconds * sample_rate), dtype=np.int16), sample_rate)


def speech_pcm(audio: WavAudio, rate: int = SPEECH_RATE) -> PcmAudio:
    return PcmAudio(to_mono_int16(audio.samples, audio.sample_rate, rate), rate)


def load_speech_audio(path: str | Path, rate: int = SPEECH_RATE) -> PcmAudio:
    """Any WAV file, converted to 16 kHz mono int16. Raises AudioFileError with a clear message."""
    return speech_pcm(read_wav(path), rate)


def write_wav(path: str | Path, audio: PcmAudio) -> Path:
    """Write atomically (temporary file, then rename), so a reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replaced_whole(path) as temporary, wave.open(str(temporary), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(BYTES_PER_SAMPLE)
        out.setframerate(audio.sample_rate)
        out.writeframes(audio.to_bytes())
    return path


class WavRecorder:
    """Appends mono int16 chunks to a WAV file as they arrive; the header is fixed up on close.

    The header is rewritten after every `flush_every_s` of audio, so even a crash leaves a valid
    file with everything up to the last flush.
    """

    def __init__(self, path: str | Path, sample_rate: int = SPEECH_RATE, flush_every_s: float = 1.0) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.sample_rate = sample_rate
        self._out: wave.Wave_write | None = wave.open(str(self.path), "wb")  # noqa: SIM115 (open for the recording)
        self._out.setnchannels(1)
        self._out.setsampwidth(BYTES_PER_SAMPLE)
        self._out.setframerate(sample_rate)
        self._flush_every = int(flush_every_s * sample_rate * BYTES_PER_SAMPLE)
        self._since_flush = 0
        self.bytes_written = 0

    @property
    def duration_s(self) -> float:
        return self.bytes_written / BYTES_PER_SAMPLE / self.sample_rate

    def write(self, chunk: bytes) -> None:
        if self._out is None or not chunk:
            return
        self._out.writeframes(chunk)
        self.bytes_written += len(chunk)
        self._since_flush += len(chunk)
        if self._since_flush >= self._flush_every:
            self._since_flush = 0
            # keep the header valid on disk while recording
            self._out._patchheader()  # type: ignore[attr-defined]  # typeshed: wave.Wave_write._patchheader is private, not in the stubs

    def close(self) -> Path:
        if self._out is not None:
            self._out.close()
            self._out = None
        return self.path
