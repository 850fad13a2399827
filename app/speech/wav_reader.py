"""Read any PCM or float WAV file (8/16/24/32-bit integer, 32/64-bit float, any rate and channel
count) and give clear errors for anything else: a missing, empty, non-WAV or truncated file."""

from __future__ import annotations

import stat
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.speech.errors import AudioFileError

WAVE_FORMAT_PCM = 0x0001
WAVE_FORMAT_IEEE_FLOAT = 0x0003
WAVE_FORMAT_EXTENSIBLE = 0xFFFE
# A data chunk whose size the writer never filled in (a recording streamed to a pipe).
UNKNOWN_SIZES = (0, 0xFFFFFFFF)


@dataclass(frozen=True)
class WavAudio:
    """Decoded samples as float32 in [-1, 1], shape (frames, channels), at the file's own rate."""

    samples: np.ndarray
    sample_rate: int
    channels: int
    bits: int
    encoding: str  # "pcm" or "float"

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


@dataclass(frozen=True)
class _Format:
    tag: int
    channels: int
    sample_rate: int
    block_align: int
    bits: int


MIN_RATE, MAX_RATE = 4_000, 384_000  # Hz: telephone quality to studio; anything else is a broken header
MAX_WAV_BYTES = 200 * 1024 * 1024  # a reply is a few MB; 200 MB is over 17 minutes of 48 kHz stereo
MAX_SECONDS = 30 * 60


def read_wav(path: str | Path) -> WavAudio:
    """A WAV file from disk: a regular file (not a pipe or a device) of at most MAX_WAV_BYTES."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AudioFileError("speech.err.not_a_file", path=str(path))
        if info.st_size > MAX_WAV_BYTES:
            raise AudioFileError("speech.err.too_long", path=str(path),
                                 detail=f"{info.st_size // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise AudioFileError("speech.err.file_missing", path=str(path)) from exc
    except OSError as exc:
        raise AudioFileError("speech.err.file_unreadable", path=str(path), detail=exc.strerror or exc) from exc
    return decode_wav(data, str(path))


def decode_wav(data: bytes, name: str = "<audio>") -> WavAudio:
    if not data:
        raise AudioFileError("speech.err.file_empty", path=name)
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFileError("speech.err.not_wav", path=name)
    fmt: _Format | None = None
    payload: bytes | None = None
    offset = 12
    while offset + 8 <= len(data):
        chunk_id = data[offset:offset + 4]
        (size,) = struct.unpack_from("<I", data, offset + 4)
        body_start = offset + 8
        available = len(data) - body_start
        if chunk_id == b"data":
            if size in UNKNOWN_SIZES:
                size = available
            elif size > available:
                raise AudioFileError("speech.err.truncated", path=name,
                                     detail=f"the header promises {size} bytes of audio, the file holds {available}")
            payload = data[body_start:body_start + size]
            if fmt is not None:
                break
        elif chunk_id == b"fmt ":
            if size > available or size < 16:
                raise AudioFileError("speech.err.truncated", path=name, detail="the format chunk is cut short")
            fmt = _parse_format(data[body_start:body_start + size], name)
            if payload is not None:
                break
        offset = body_start + size + (size & 1)
    if fmt is None:
        raise AudioFileError("speech.err.truncated", path=name, detail="no format chunk")
    if payload is None:
        raise AudioFileError("speech.err.truncated", path=name, detail="no audio data chunk")
    if len(payload) // fmt.block_align > MAX_SECONDS * fmt.sample_rate:
        raise AudioFileError("speech.err.too_long", path=name,
                             detail=f"{len(payload) // fmt.block_align // fmt.sample_rate // 60} min")
    samples = _decode_samples(payload, fmt, name)
    if samples.shape[0] == 0:
        raise AudioFileError("speech.err.no_frames", path=name)
    return WavAudio(samples, fmt.sample_rate, fmt.channels, fmt.bits,
                    "float" if fmt.tag == WAVE_FORMAT_IEEE_FLOAT else "pcm")


def _parse_format(body: bytes, name: str) -> _Format:
    tag, channels, rate, _byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", body, 0)
    if tag == WAVE_FORMAT_EXTENSIBLE:
        if len(body) < 40:
            raise AudioFileError("speech.err.truncated", path=name, detail="the extensible format chunk is cut short")
        (tag,) = struct.unpack_from("<H", body, 24)  # the first two bytes of the sub-format GUID
    if channels < 1 or rate < 1 or block_align < 1:
        raise AudioFileError("speech.err.truncated", path=name,
                             detail=f"impossible format: {channels} channel(s) at {rate} Hz")
    if not MIN_RATE <= rate <= MAX_RATE or channels > 8:
        raise AudioFileError("speech.err.truncated", path=name,
                             detail=f"{rate} Hz, {channels} channel(s) is not a recording (expected 4-384 kHz)")
    supported = (tag == WAVE_FORMAT_PCM and bits in (8, 16, 24, 32)) or (
        tag == WAVE_FORMAT_IEEE_FLOAT and bits in (32, 64))
    if not supported:
        raise AudioFileError("speech.err.unsupported_wav", path=name, detail=f"format tag {tag:#06x}, {bits}-bit")
    if block_align != channels * bits // 8:
        raise AudioFileError("speech.err.unsupported_wav", path=name,
                             detail=f"block align {block_align} for {channels} x {bits}-bit")
    return _Format(tag, channels, rate, block_align, bits)


def _decode_samples(payload: bytes, fmt: _Format, name: str) -> np.ndarray:
    frames = len(payload) // fmt.block_align
    raw = payload[:frames * fmt.block_align]
    if fmt.tag == WAVE_FORMAT_IEEE_FLOAT:
        values = np.frombuffer(raw, dtype="<f4" if fmt.bits == 32 else "<f8").astype(np.float32)
        if not np.all(np.isfinite(values)):
            raise AudioFileError("speech.err.truncated", path=name, detail="float samples that are not numbers")
        values = np.clip(values, -1.0, 1.0)
    elif fmt.bits == 8:
        values = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif fmt.bits == 16:
        values = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif fmt.bits == 24:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        values = ints.astype(np.float32) / float(1 << 23)
    else:
        values = (np.frombuffer(raw, dtype="<i4").astype(np.float64) / float(1 << 31)).astype(np.float32)
    return values.reshape(frames, fmt.channels)
