"""Loudness of captured audio, for a VU meter: RMS and peak in dBFS and a 0..1 meter position."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FLOOR_DBFS = -100.0
METER_RANGE_DB = 60.0  # the meter shows -60 dBFS .. 0 dBFS


@dataclass(frozen=True)
class AudioLevel:
    rms_dbfs: float
    peak_dbfs: float

    @property
    def meter(self) -> float:
        """0.0 (silent) .. 1.0 (full scale), linear in dB over the last 60 dB."""
        return max(0.0, min(1.0, (self.rms_dbfs + METER_RANGE_DB) / METER_RANGE_DB))


def to_dbfs(value: float) -> float:
    return FLOOR_DBFS if value <= 0 else max(FLOOR_DBFS, 20.0 * float(np.log10(value)))


def measure_level(samples: np.ndarray) -> AudioLevel:
    """`samples`: int16 mono."""
    if len(samples) == 0:
        return AudioLevel(FLOOR_DBFS, FLOOR_DBFS)
    values = samples.astype(np.float64) / 32768.0
    rms = float(np.sqrt(np.mean(values * values)))
    peak = float(np.max(np.abs(values)))
    return AudioLevel(to_dbfs(rms), to_dbfs(peak))


def pcm_samples(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
