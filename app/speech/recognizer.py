"""The speech-recognition contract: streaming 16 kHz mono int16 in, partial text while the trainee
speaks, final words with start and end times when the utterance ends.

Recognizer methods block (they run the engine), so they are only ever called from a
`RecognitionWorker` thread, never from the caller's (GUI) thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from app.speech.pcm import PcmAudio
    from app.speech.recognizer_choice import RecognizerChoice

from app.domain.scoring.model import WordTiming

ENGINE_VOSK = "vosk"
ENGINE_POCKETSPHINX = "pocketsphinx"
ENGINES = (ENGINE_VOSK, ENGINE_POCKETSPHINX)


@dataclass(frozen=True)
class RecognizedWord:
    """Times in seconds from the start of the utterance; `conf` in 0..1."""

    word: str
    start: float
    end: float
    conf: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "start": round(self.start, 3), "end": round(self.end, 3),
                "conf": round(self.conf, 3)}

    def timing(self) -> WordTiming:
        return WordTiming(self.word, self.start, self.end, self.conf)


@dataclass(frozen=True)
class Transcript:
    engine: str
    lang: str
    text: str
    duration: float  # seconds of audio the recogniser was given
    words: tuple[RecognizedWord, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The `roleplay transcribe --json` object."""
        return {"engine": self.engine, "lang": self.lang, "text": self.text, "duration": round(self.duration, 3),
                "words": [w.to_dict() for w in self.words]}

    def word_timings(self) -> list[WordTiming]:
        return [w.timing() for w in self.words]

    @property
    def first_word_start(self) -> float | None:
        return self.words[0].start if self.words else None


# Called with the partial text and its timed words whenever the partial text changes.
PartialCallback = Callable[[str, tuple[RecognizedWord, ...]], None]


class Recognizer(Protocol):
    """One engine instance for one language, fed one utterance at a time."""

    engine: str
    lang: str
    sample_rate: int
    description: str  # e.g. the model's name, for "which engine is in use"

    def start_utterance(self) -> None: ...

    def accept(self, pcm: bytes) -> str:
        """Feed 16-bit mono PCM at `sample_rate`; returns the partial text so far."""
        ...

    def partial_words(self) -> tuple[RecognizedWord, ...]:
        """The timed words of the partial result so far (seconds from the utterance's start): what
        the live pace meter measures while the trainee is still speaking."""
        ...

    def finish_utterance(self) -> Transcript: ...

    def close(self) -> None: ...


class RecognitionStream(Protocol):
    """What drives recognition without blocking: `RecognitionWorker` (a thread) and
    `ProcessRecognitionWorker` (a child process) both are one. `ready` resolves once the engine
    is loaded (to an object with `engine`, `lang` and `description`)."""

    ready: Future[Any]
    on_partial: PartialCallback | None

    @property
    def choice(self) -> RecognizerChoice | None:
        """The engine and model it was made from (None: built from a factory)."""
        ...

    def start_utterance(self) -> None: ...

    def feed(self, pcm: bytes) -> None: ...

    def finish_utterance(self) -> Future[Transcript]: ...

    def cancel_utterance(self) -> None: ...

    def transcribe(self, audio: PcmAudio, chunk_s: float = 0.1) -> Future[Transcript]: ...

    def close(self) -> None: ...


def join_words(words: list[RecognizedWord], lang: str) -> str:
    separator = "" if lang == "zh" else " "
    return separator.join(w.word for w in words)
