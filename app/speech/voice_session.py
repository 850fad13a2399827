"""The one voice session of a front end (the desktop app and `roleplay demo` alike): the customer's
voice and the trainee's ears, made when first needed and kept until `close()`.

- Text-to-speech: one synthesizer (pyttsx3 on its own thread) and the customer voice over it,
  created on the first call that needs them.
- Recognition: one `RecognitionStream` per language (pocketsphinx in a child process, Vosk on a
  thread: `RecognitionWorker.for_language`), loaded once and shared by every turn; a model that
  fails to load is forgotten, so the next call tries again. Partial results carry timed words.

Blocking calls (loading a model, listing voices) belong on a worker thread; `loaded_recognizer()`
never blocks, for the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.speech.customer_voice import CustomerVoice
from app.speech.errors import SpeechError
from app.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from app.speech.recognition_worker import RecognitionWorker
from app.speech.recognizer import RecognitionStream
from app.speech.recognizer_choice import choose_recognizer
from app.speech.voices import VoiceInfo

LOAD_TIMEOUT_S = 180.0


class VoiceSession:
    def __init__(self, synthesizer_factory: Callable[[], Pyttsx3Synthesizer] = Pyttsx3Synthesizer) -> None:
        self._synthesizer_factory = synthesizer_factory
        self._lock = threading.Lock()
        self._synthesizer: Pyttsx3Synthesizer | None = None
        self._customer: CustomerVoice | None = None
        self._recognizers: dict[str, RecognitionStream] = {}

    # -- text-to-speech ---------------------------------------------------------------------------
    def voice(self) -> tuple[Pyttsx3Synthesizer, CustomerVoice]:
        """The synthesizer and the customer voice (created on first use; raises `SpeechError`
        when text-to-speech is not available)."""
        with self._lock:
            if self._synthesizer is None:
                self._synthesizer = self._synthesizer_factory()
                self._customer = CustomerVoice(self._synthesizer)
            assert self._customer is not None
            return self._synthesizer, self._customer

    def voices(self, language: str, timeout_s: float = LOAD_TIMEOUT_S) -> list[VoiceInfo]:
        """The installed voices that speak `language` (en, zh)."""
        synthesizer, _customer = self.voice()
        found = synthesizer.voices().result(timeout_s)
        tag = {"en": "en", "zh": "cmn"}.get(language, language)
        return [v for v in found if any(lang.lower().startswith((language, tag)) for lang in v.languages)]

    # -- recognition ------------------------------------------------------------------------------
    def recognizer(self, language: str, timeout_s: float = LOAD_TIMEOUT_S) -> RecognitionStream:
        """The language's recogniser, loaded (blocks until it is; raises `SpeechError` when nothing
        can recognise the language, or the model did not load: it is tried again next time)."""
        with self._lock:
            worker = self._recognizers.get(language)
            if worker is None:
                choice = choose_recognizer(language)
                worker = RecognitionWorker.for_language(language, engine=choice.engine,
                                                        model_path=choice.model.path if choice.model else None)
                self._recognizers[language] = worker
        try:
            worker.ready.result(timeout_s)
        except BaseException:
            self.forget_recognizer(language, worker)
            raise
        return worker

    def loaded_recognizer(self, language: str) -> RecognitionStream | None:
        """The language's recogniser if `recognizer()` has made it (never blocks)."""
        with self._lock:
            return self._recognizers.get(language)

    def forget_recognizer(self, language: str, worker: RecognitionStream | None = None) -> None:
        """Close the language's recogniser (a new model was imported, or it failed to load): the
        next `recognizer()` loads it afresh."""
        with self._lock:
            current = self._recognizers.get(language)
            if current is None or (worker is not None and current is not worker):
                current = None
            else:
                del self._recognizers[language]
        for stale in {id(w): w for w in (current, worker) if w is not None}.values():
            stale.close()

    def close(self) -> None:
        with self._lock:
            workers, self._recognizers = list(self._recognizers.values()), {}
            customer, synthesizer = self._customer, self._synthesizer
            self._customer = self._synthesizer = None
        for worker in workers:
            worker.close()
        if customer is not None:
            customer.close()
        if synthesizer is not None:
            synthesizer.close()


__all__ = ["LOAD_TIMEOUT_S", "SpeechError", "VoiceSession"]
