"""WAV reading: any rate, channel count and sample format becomes 16 kHz mono int16; broken files
give a clear AudioFileError naming the file."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from app.speech import AudioFileError, load_speech_audio, read_wav
from app.speech.resampling import StreamConverter


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    return float(np.argmax(spectrum) * rate / len(samples))


@pytest.mark.parametrize(("rate", "channels", "bits", "encoding"), [
    (16000, 1, 16, "signed-integer"),
    (44100, 2, 16, "signed-integer"),
    (48000, 2, 24, "signed-integer"),
    (8000, 1, 8, "unsigned-integer"),
    (22050, 1, 32, "signed-integer"),
    (48000, 2, 32, "floating-point"),
    (32000, 1, 64, "floating-point"),
    (96000, 6, 16, "signed-integer"),
])
def test_any_wav_becomes_16k_mono_int16(tmp_path, rate, channels, bits, encoding):
    path = tmp_path / f"tone-{rate}-{channels}-{bits}.wav"
    subprocess.run(["sox", "-n", "-r", str(rate), "-c", str(channels), "-b", str(bits), "-e", encoding,
                    str(path), "synth", "1.5", "sine", "440", "vol", "0.5"], check=True)
    wav = read_wav(path)
    assert (wav.sample_rate, wav.channels, wav.bits) == (rate, channels, bits)
    pcm = load_speech_audio(path)
    assert pcm.sample_rate == 16000 and pcm.samples.dtype == np.int16 and pcm.samples.ndim == 1
    assert abs(pcm.duration_s - 1.5) < 0.01
    assert abs(dominant_hz(pcm.samples, 16000) - 440) < 3
    peak = np.abs(pcm.samples).max() / 32768
    assert 0.4 < peak < 0.6  # the level survives conversion


def test_wav_whose_writer_never_filled_in_the_size_is_read_to_the_end(tmp_path):
    samples = (np.sin(np.arange(16000) / 16000 * 2 * np.pi * 300) * 10000).astype("<i2")
    header = b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
    data = b"data" + struct.pack("<I", 0xFFFFFFFF) + samples.tobytes()
    path = tmp_path / "streamed.wav"
    path.write_bytes(header + fmt + data)
    assert abs(load_speech_audio(path).duration_s - 1.0) < 1e-6


def _error_for(path: Path) -> AudioFileError:
    with pytest.raises(AudioFileError) as info:
        load_speech_audio(path)
    assert str(path) in str(info.value)
    assert str(path) in info.value.text("zh")
    return info.value


def test_garbage_file_is_not_a_wav(tmp_path):
    path = tmp_path / "garbage.wav"
    path.write_bytes(bytes(range(256)) * 40)
    assert "not a WAV" in str(_error_for(path))


def test_zero_byte_wav(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    error = _error_for(path)
    assert "empty" in str(error) and "空文件" in error.text("zh")


def test_truncated_wav(tmp_path):
    good = tmp_path / "good.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(good), "synth", "2", "sine", "300"],
                   check=True)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(good.read_bytes()[:20000])
    assert "truncated" in str(_error_for(cut))
    header_only = tmp_path / "header.wav"
    header_only.write_bytes(good.read_bytes()[:30])
    assert "truncated" in str(_error_for(header_only))


def test_missing_file(tmp_path):
    assert "does not exist" in str(_error_for(tmp_path / "nope.wav"))


def test_unsupported_encoding_is_named(tmp_path):
    path = tmp_path / "alaw.wav"
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-e", "a-law", str(path), "synth", "0.5", "sine", "300"],
                   check=True)
    assert "unsupported" in str(_error_for(path))


def test_wav_with_no_samples(tmp_path):
    path = tmp_path / "nothing.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(path), "trim", "0", "0"], check=True)
    assert "no audio samples" in str(_error_for(path))


def test_stream_converter_matches_whole_file_conversion():
    rate = 48000
    t = np.arange(rate * 2) / rate
    stereo = np.stack([np.sin(2 * np.pi * 500 * t), np.sin(2 * np.pi * 500 * t)], axis=1).astype("<f4") * 0.5
    converter = StreamConverter(rate, 2, "float32")
    raw = stereo.tobytes()
    out = b"".join(converter.convert(raw[i:i + 3001]) for i in range(0, len(raw), 3001)) + converter.flush()
    mono = np.frombuffer(out, dtype="<i2")
    assert abs(len(mono) - 32000) <= 2
    assert abs(dominant_hz(mono, 16000) - 500) < 3
    passthrough = StreamConverter(16000, 1, "int16")
    assert passthrough.convert(b"\x01\x02\x03") == b"\x01\x02"  # whole samples only; the odd byte waits
    assert passthrough.convert(b"\x04") == b"\x03\x04"


def test_impossible_rates_oversized_files_and_pipes_are_refused_in_words(tmp_path):
    import os
    import struct

    import pytest as _pytest

    from app.speech import AudioFileError, read_wav

    def wav(rate: int, frames: int = 1000) -> bytes:
        body = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
        data = b"\0\0" * frames
        return b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<I", 16) + body + \
            b"data" + struct.pack("<I", len(data)) + data

    one_hz = tmp_path / "one-hz.wav"
    one_hz.write_bytes(wav(1, 10_000))  # 20 KB that would be upsampled to 160 M samples
    with _pytest.raises(AudioFileError) as refused:
        read_wav(one_hz)
    assert "4-384 kHz" in refused.value.text("en")
    fifo = tmp_path / "x.wav"
    os.mkfifo(fifo)
    with _pytest.raises(AudioFileError) as not_file:
        read_wav(fifo)  # returns at once instead of waiting for a writer
    assert "not a regular file" in not_file.value.text("en") and "普通文件" in not_file.value.text("zh")
