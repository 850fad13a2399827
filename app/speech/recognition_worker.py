"""Recognition on a worker thread: the caller streams chunks in and gets futures and callbacks back,
so the GUI thread never waits for an engine. (`ProcessRecognitionWorker` has the same interface
with the engine in a child process.)"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from app.speech.pcm import PcmAudio
from app.speech.recognition_process import ProcessRecognitionWorker
from app.speech.recognizer import ENGINE_POCKETSPHINX, PartialCallback, Recognizer, Transcript
from app.speech.recognizer_choice import RecognizerChoice, choose_recognizer
from app.speech.worker_thread import WorkerThread


class RecognitionWorker:
    """Owns one recogniser, created and used only on its own thread.

    `feed()` and `start_utterance()` return at once; `finish_utterance()` and `transcribe()` return
    futures. `on_partial(text, words)` is called on the worker thread whenever the partial text changes
    (a Qt adapter re-emits it as a signal on the GUI thread).
    """

    def __init__(self, recognizer_factory: Callable[[], Recognizer], on_partial: PartialCallback | None = None,
                 choice: RecognizerChoice | None = None) -> None:
        self.choice = choice
        self.on_partial = on_partial
        self._worker = WorkerThread("recognizer")
        self._recognizer: Recognizer | None = None
        self._partial = ""
        self._error: BaseException | None = None
        self._error_lock = threading.Lock()
        self.ready: Future[Recognizer] = self._worker.submit(self._create, recognizer_factory)

    @classmethod
    def for_language(cls, lang: str, engine: str | None = None, model_path: str | Path | None = None,
                     on_partial: PartialCallback | None = None,
                     isolated: bool | None = None) -> RecognitionWorker | ProcessRecognitionWorker:
        """Choose the engine for `lang` (raises RecognizerUnavailableError at once when there is
        none) and start loading it in the background; `ready` resolves when it is loaded.

        `isolated` runs the engine in a child process; by default pocketsphinx (which holds the GIL
        while decoding) is isolated and Vosk (which releases it) runs on a thread."""
        choice = choose_recognizer(lang, engine, model_path)
        if isolated is None:
            isolated = choice.engine == ENGINE_POCKETSPHINX
        if isolated:
            return ProcessRecognitionWorker(choice, on_partial)
        return cls(choice.create, on_partial, choice)

    @property
    def engine(self) -> str | None:
        return self.choice.engine if self.choice else (self._recognizer.engine if self._recognizer else None)

    # -- streaming -----------------------------------------------------------------------------
    def start_utterance(self) -> None:
        self._worker.submit(self._guarded, self._start)

    def feed(self, pcm: bytes) -> None:
        self._worker.submit(self._guarded, self._accept, pcm)

    def finish_utterance(self) -> Future[Transcript]:
        return self._worker.submit(self._finish)

    def cancel_utterance(self) -> None:
        self._worker.submit(self._guarded, self._cancel)

    # -- whole clips ---------------------------------------------------------------------------
    def transcribe(self, audio: PcmAudio, chunk_s: float = 0.1) -> Future[Transcript]:
        """Stream a whole clip through the recogniser in microphone-sized chunks."""
        return self._worker.submit(self._transcribe, audio, chunk_s)

    def close(self) -> None:
        self._worker.submit(self._close)
        self._worker.close(wait=True)

    def __enter__(self) -> RecognitionWorker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- on the worker thread ------------------------------------------------------------------
    def _create(self, factory: Callable[[], Recognizer]) -> Recognizer:
        self._recognizer = factory()
        return self._recognizer

    def _engine_instance(self) -> Recognizer:
        if self._recognizer is None:  # creation failed: report that error again
            self.ready.result()
        assert self._recognizer is not None
        return self._recognizer

    def _guarded(self, job: Callable[..., None], *args: object) -> None:
        try:
            job(*args)
        except BaseException as exc:
            with self._error_lock:
                self._error = self._error or exc

    def _raise_pending(self) -> None:
        with self._error_lock:
            error, self._error = self._error, None
        if error is not None:
            raise error

    def _start(self) -> None:
        self._partial = ""
        self._engine_instance().start_utterance()

    def _accept(self, pcm: bytes) -> None:
        engine = self._engine_instance()
        partial = engine.accept(pcm)
        if partial != self._partial:
            self._partial = partial
            if self.on_partial is not None:
                self.on_partial(partial, engine.partial_words())

    def _finish(self) -> Transcript:
        self._raise_pending()
        transcript = self._engine_instance().finish_utterance()
        self._partial = ""
        return transcript

    def _cancel(self) -> None:
        self._engine_instance().finish_utterance()
        self._partial = ""

    def _transcribe(self, audio: PcmAudio, chunk_s: float) -> Transcript:
        self._raise_pending()
        recognizer = self._engine_instance()
        recognizer.start_utterance()
        for chunk in audio.chunks(chunk_s):
            self._accept(chunk)
        transcript = recognizer.finish_utterance()
        self._partial = ""
        return transcript

    def _close(self) -> None:
        if self._recognizer is not None:
            self._recognizer.close()
            self._recognizer = None
