"""Sample-rate and channel conversion to the recognisers' 16 kHz mono int16, whole clips or streams."""

from __future__ import annotations

import numpy as np
import soxr

# Sample layouts a capture device may deliver, as numpy dtypes and the scale to [-1, 1].
SAMPLE_FORMATS: dict[str, tuple[str, float, float]] = {
    "uint8": ("u1", 128.0, 128.0),
    "int16": ("<i2", 0.0, 32768.0),
    "int32": ("<i4", 0.0, 2147483648.0),
    "float32": ("<f4", 0.0, 1.0),
}


def float_to_int16(mono: np.ndarray) -> np.ndarray:
    return np.clip(np.round(mono * 32767.0), -32768, 32767).astype(np.int16)


def to_mono_int16(samples: np.ndarray, rate: int, target_rate: int) -> np.ndarray:
    """float samples (frames, channels) or (frames,) at `rate` -> mono int16 at `target_rate`."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    mono = mono.astype(np.float32, copy=False)
    if rate != target_rate and len(mono):
        mono = soxr.resample(mono, rate, target_rate, quality="HQ")
    return float_to_int16(mono)


class StreamConverter:
    """Converts a live stream of interleaved frames (any rate, channels, sample format) to
    16 kHz mono int16 bytes, chunk by chunk, keeping resampler state between chunks."""

    def __init__(self, sample_rate: int, channels: int, sample_format: str, target_rate: int = 16000) -> None:
        if sample_format not in SAMPLE_FORMATS:
            raise ValueError(f"unsupported sample format {sample_format!r}")
        self.sample_rate = sample_rate
        self.channels = channels
        self.target_rate = target_rate
        self._dtype, self._offset, self._scale = SAMPLE_FORMATS[sample_format]
        self._frame_bytes = np.dtype(self._dtype).itemsize * channels
        self._pending = b""
        self.passthrough = sample_rate == target_rate and channels == 1 and sample_format == "int16"
        self._resampler = (None if sample_rate == target_rate
                           else soxr.ResampleStream(sample_rate, target_rate, 1, dtype="float32", quality="HQ"))

    def convert(self, raw: bytes, last: bool = False) -> bytes:
        data = self._pending + raw
        usable = len(data) - len(data) % self._frame_bytes
        self._pending = data[usable:]
        if self.passthrough:
            return data[:usable]
        values = np.frombuffer(data[:usable], dtype=self._dtype).astype(np.float32)
        values = (values - self._offset) / self._scale
        mono = values.reshape(-1, self.channels).mean(axis=1).astype(np.float32)
        if self._resampler is not None:
            mono = self._resampler.resample_chunk(mono, last=last)
        return float_to_int16(mono).astype("<i2").tobytes()

    def flush(self) -> bytes:
        return self.convert(b"", last=True) if self._resampler is not None else b""
