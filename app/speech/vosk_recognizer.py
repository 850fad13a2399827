"""Vosk (Kaldi) recognition, the main engine for English and Chinese, with imported models.

Loading a model takes seconds and hundreds of MB, so one `VoskRecognizer` keeps its model for its
whole life; each utterance gets a fresh, cheap KaldiRecognizer whose times start at 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.speech.errors import ModelNotFoundError, RecognizerUnavailableError
from app.speech.recognizer import ENGINE_VOSK, RecognizedWord, Transcript, join_words
from app.speech.vosk_models import looks_like_vosk_model

SAMPLE_RATE = 16000


class VoskRecognizer:
    engine = ENGINE_VOSK
    sample_rate = SAMPLE_RATE

    def __init__(self, model_path: str | Path, lang: str) -> None:
        path = Path(model_path)
        if not path.is_dir():
            raise ModelNotFoundError("speech.err.model_missing", path=str(path))
        if not looks_like_vosk_model(path):
            raise ModelNotFoundError("speech.err.model_invalid", path=str(path))
        try:
            import vosk
        except ImportError as exc:
            raise RecognizerUnavailableError("speech.err.recognition", detail=str(exc)) from exc
        vosk.SetLogLevel(-1)  # before Model(): Kaldi logs to stderr otherwise
        try:
            self._model = vosk.Model(str(path))  # a path, never lang=...: that would download
        except Exception as exc:
            raise ModelNotFoundError("speech.err.model_load", path=str(path)) from exc
        self._vosk = vosk
        self.lang = lang
        self.model_path = path
        self.description = f"vosk {path.name}"
        self._recognizer: Any = None
        self._words: list[RecognizedWord] = []
        self._samples = 0

    def start_utterance(self) -> None:
        self._recognizer = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE)
        self._recognizer.SetWords(True)
        self._recognizer.SetPartialWords(True)  # timed words in partial results, for the live pace
        self._words = []
        self._samples = 0

    def accept(self, pcm: bytes) -> str:
        if self._recognizer is None:
            self.start_utterance()
        if not pcm:
            return self._partial()
        self._samples += len(pcm) // 2
        if self._recognizer.AcceptWaveform(pcm):
            self._collect(self._recognizer.Result())
            return join_words(self._words, self.lang)
        return self._partial()

    def _partial(self) -> str:
        partial = json.loads(self._recognizer.PartialResult()).get("partial", "")
        done = join_words(self._words, self.lang)
        separator = "" if self.lang == "zh" or not done or not partial else " "
        return done + separator + (partial.replace(" ", "") if self.lang == "zh" else partial)

    def partial_words(self) -> tuple[RecognizedWord, ...]:
        if self._recognizer is None:
            return ()
        pending = json.loads(self._recognizer.PartialResult()).get("partial_result", [])
        return tuple(self._words) + tuple(_word(item) for item in pending)

    def _collect(self, raw: str) -> None:
        self._words.extend(_word(item) for item in json.loads(raw).get("result", []))

    def finish_utterance(self) -> Transcript:
        if self._recognizer is None:
            self.start_utterance()
        self._collect(self._recognizer.FinalResult())
        words = tuple(self._words)
        transcript = Transcript(self.engine, self.lang, join_words(list(words), self.lang),
                                self._samples / SAMPLE_RATE, words)
        self._recognizer = None
        self._words = []
        return transcript

    def close(self) -> None:
        self._recognizer = None
        self._model = None


def _word(item: dict) -> RecognizedWord:
    return RecognizedWord(str(item["word"]), float(item["start"]), float(item["end"]), float(item.get("conf", 1.0)))
