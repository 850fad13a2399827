"""Shared by the voice commands: speech errors as clean CLI errors, and transcribing a WAV file on
a recogniser worker."""

from __future__ import annotations

from pathlib import Path

from app.cli.errors import CliError
from app.speech.errors import SpeechError
from app.speech.pcm import load_speech_audio
from app.speech.recognition_worker import RecognitionWorker
from app.speech.recognizer import Transcript
from app.speech.recognizer_choice import RecognizerChoice, choose_recognizer

RECOGNITION_TIMEOUT_S = 600.0


def cli_error(exc: SpeechError, lang: str | None) -> CliError:
    return CliError(exc.text(lang))


def transcribe_file(path: Path, lang: str, engine: str | None = None, model: Path | None = None,
                    timeout_s: float = RECOGNITION_TIMEOUT_S) -> tuple[Transcript, RecognizerChoice]:
    """Read and resample the file, pick the engine, recognise on a worker thread, wait for it
    (at most `timeout_s` for the engine to load, and as long again to recognise)."""
    try:
        audio = load_speech_audio(path)
        choice = choose_recognizer(lang, engine, model)
        with RecognitionWorker(choice.create, choice=choice) as worker:
            worker.ready.result(timeout_s)
            transcript = worker.transcribe(audio).result(timeout_s)
    except SpeechError as exc:
        raise cli_error(exc, lang) from exc
    except TimeoutError as exc:  # the worker is still recognising: the recording is too long for this machine
        raise cli_error(SpeechError("speech.err.recognition_timeout", path=str(path), seconds=timeout_s), lang) from exc
    return transcript, choice
