"""Fuzz: WAV files, made valid in the test (PCM 8/16/24/32-bit, float, extensible, any rate and
channel count) and then broken: header fields (rate, channels, bits, block align, chunk sizes and
ids), chunks moved, doubled or missing, samples that are not numbers, truncation, flipped bytes.
Through `roleplay transcribe` and `roleplay score --audio`: exit 0 (recognised) or 2 (refused in
one line), never a traceback; a file the reader accepts is recognised by pocketsphinx for a share
of the cases (the rest stop at the missing Chinese model, after reading and resampling)."""

from __future__ import annotations

import json
import random
import struct
from dataclasses import dataclass, field, replace

import numpy as np

from app.speech import AudioFileError, read_wav
from tests.fuzz.harness import Cli, Findings, cases, mutate_bytes, save

SEED = 17
CASES = 160
RECOGNISED = 5  # cases that reach pocketsphinx (about 0.6 s each); the others stop after resampling
TEST_FILE = "tests/fuzz/test_fuzz_wav.py"

FORMATS = ((1, 16), (1, 8), (1, 24), (1, 32), (3, 32), (3, 64))  # (format tag, bits)


@dataclass
class Wav:
    """A WAV file as the fields of its header, so each can be set to a wrong value."""

    rate: int = 16000
    channels: int = 1
    tag: int = 1
    bits: int = 16
    seconds: float = 0.6
    extensible: bool = False
    fmt_size: int | None = None
    byte_rate: int | None = None
    block_align: int | None = None
    riff_size: int | None = None
    data_size: int | None = None
    riff_id: bytes = b"RIFF"
    wave_id: bytes = b"WAVE"
    fmt_id: bytes = b"fmt "
    data_id: bytes = b"data"
    payload: bytes | None = None
    before: list[bytes] = field(default_factory=list)  # chunks before the format chunk
    data_first: bool = False
    second_fmt: bytes = b""

    def samples(self) -> bytes:
        frames = int(self.seconds * self.rate) if 0 < self.rate < 400_000 else 800
        t = np.arange(frames) / max(self.rate, 1)
        wave = 0.4 * np.sin(2 * np.pi * 440 * t)
        wave = np.repeat(wave[:, None], max(1, min(self.channels, 16)), axis=1).ravel()
        if self.tag == 3:
            return wave.astype("<f4" if self.bits == 32 else "<f8").tobytes()
        if self.bits == 8:
            return (wave * 127 + 128).astype(np.uint8).tobytes()
        if self.bits == 24:
            ints = (wave * (1 << 23)).astype("<i4").tobytes()
            return b"".join(ints[i:i + 3] for i in range(0, len(ints), 4))
        if self.bits == 32:
            return (wave * (1 << 31)).astype("<i4").tobytes()
        return (wave * 32767).astype("<i2").tobytes()

    def to_bytes(self) -> bytes:
        align = self.block_align if self.block_align is not None else max(1, self.channels * self.bits // 8)
        byte_rate = self.byte_rate if self.byte_rate is not None else self.rate * align
        tag = 0xFFFE if self.extensible else self.tag
        body = struct.pack("<HHIIHH", tag & 0xFFFF, self.channels & 0xFFFF, self.rate & 0xFFFFFFFF,
                           byte_rate & 0xFFFFFFFF, align & 0xFFFF, self.bits & 0xFFFF)
        if self.extensible:
            body += struct.pack("<HHI", 22, self.bits, 0) + struct.pack("<H", self.tag) + bytes.fromhex(
                "000000001000800000aa00389b71")
        fmt = self.fmt_id + struct.pack("<I", (self.fmt_size if self.fmt_size is not None else len(body))
                                        & 0xFFFFFFFF) + body
        payload = self.payload if self.payload is not None else self.samples()
        size = self.data_size if self.data_size is not None else len(payload)
        data = self.data_id + struct.pack("<I", size & 0xFFFFFFFF) + payload + b"\0" * (len(payload) & 1)
        chunks = b"".join(self.before) + (data + fmt if self.data_first else fmt + self.second_fmt + data)
        riff = self.riff_size if self.riff_size is not None else 4 + len(chunks)
        return self.riff_id + struct.pack("<I", riff & 0xFFFFFFFF) + self.wave_id + chunks


def _chunk(name: bytes, body: bytes, size: int | None = None) -> bytes:
    return name + struct.pack("<I", (len(body) if size is None else size) & 0xFFFFFFFF) + body


def mutate(rng: random.Random) -> tuple[bytes, str]:
    tag, bits = rng.choice(FORMATS)
    wav = Wav(rate=rng.choice((8000, 16000, 22050, 44100, 48000)), channels=rng.choice((1, 1, 2, 6)), tag=tag,
              bits=bits, extensible=rng.random() < 0.15, seconds=rng.choice((0.3, 0.6, 1.0)))
    what = [f"{wav.rate} Hz x{wav.channels} {'float' if tag == 3 else 'pcm'}{bits}" + (" extensible" * wav.extensible)]
    for _ in range(rng.randint(1, 3)):
        name, value = _field_change(rng, wav)
        wav = replace(wav, **{name: value})
        what.append(f"{name}={_short(value)}")
    data = wav.to_bytes()
    if rng.random() < 0.3:
        data, done = mutate_bytes(rng, data, 12 if rng.random() < 0.9 else 0, 80)
        what.append("header bytes: " + ", ".join(done))
    if rng.random() < 0.15:
        cut = rng.randrange(len(data) + 1)
        data = data[:cut]
        what.append(f"truncated to {cut} bytes")
    return data, "; ".join(what)


def _short(value) -> str:
    if isinstance(value, bytes):
        return f"{len(value)} bytes" if len(value) > 12 else repr(value)
    if isinstance(value, list):
        return f"[{len(value)} chunk(s)]"
    return str(value)


def _field_change(rng: random.Random, wav: Wav):
    exact = len(wav.samples())
    choices = {
        "rate": (0, 1, 2, 3999, 4000, 8000, 11025, 96000, 384000, 384001, 2**31, 2**32 - 1),
        "channels": (0, 1, 2, 3, 8, 9, 255, 65535),
        "bits": (0, 1, 4, 7, 8, 12, 16, 20, 24, 32, 48, 64, 65535),
        "tag": (0, 1, 2, 3, 6, 7, 0x55, 0xFFFE, 0xFFFF),
        "block_align": (0, 1, 2, 3, 4, 6, 65535),
        "byte_rate": (0, 1, 2**32 - 1),
        "fmt_size": (0, 2, 14, 15, 16, 17, 18, 39, 40, 41, 2**31, 2**32 - 1),
        "data_size": (0, 1, 2, 3, exact - 1, exact + 1, exact * 100, 2**31, 2**32 - 2, 2**32 - 1),
        "riff_size": (0, 4, 2**32 - 1),
        "riff_id": (b"RIFX", b"RF64", b"riff", b""),
        "wave_id": (b"AVI ", b"WAV", b"wave"),
        "fmt_id": (b"FMT ", b"fmt\0", b"fmt"),
        "data_id": (b"DATA", b"dat", b"LIST"),
        "payload": (b"", b"\x01", b"\x01\x02\x03", b"\xff" * 4097, b"\x00\x00\xc0\x7f" * 2000,
                    b"\x00\x00\x80\x7f" * 2000, b"\x00" * 7_400_000),
        "before": ([_chunk(b"LIST", b"abc")], [_chunk(b"JUNK", b"", 2**32 - 1)], [_chunk(b"JUNK", b"", 0)],
                   [_chunk(b"fact", b"\0\0\0\0") * 50], [_chunk(b"JUNK", b"x" * 10, 9)]),
        "data_first": (True,),
        "second_fmt": (_chunk(b"fmt ", struct.pack("<HHIIHH", 1, 2, 1, 4, 4, 16)), _chunk(b"fmt ", b"\0" * 16)),
        "seconds": (0.0, 0.001, 0.03, 0.06, 5.0),
    }
    name = rng.choice(sorted(choices))
    return name, rng.choice(choices[name])


def _readable(path) -> bool:
    try:
        read_wav(path)
    except AudioFileError:
        return False
    except Exception:  # noqa: BLE001 - the command will show it as a finding
        return True
    return True


def test_mutated_wav_files(tmp_path):
    cli = Cli(tmp_path / "data")
    findings = Findings("wav", TEST_FILE)
    recognised = 0
    for index, rng in cases("wav", SEED, CASES):
        data, what = mutate(rng)
        path = save(tmp_path / "wav", f"case-{index}.wav", data)
        lang = "zh"
        if rng.random() < 0.4 and recognised < RECOGNISED and len(data) < 1_000_000 and _readable(path):
            lang = "en"
            recognised += 1
        env = {"ROLEPLAY_LANG": rng.choice(("en", "zh"))}  # the messages in both languages
        if rng.random() < 0.3:
            outcome = cli.run("score", "--audio", path, "--lang", lang, "--json", env=env)
        else:
            outcome = cli.run("transcribe", "--lang", lang, path, "--json", env=env)
        extra = []
        if outcome.code == 0:
            try:
                json.loads(outcome.stdout)
            except ValueError:
                extra.append("stdout is not one JSON object")
        findings.check(index, what, outcome, [0, 2], extra)
    findings.assert_clean()
