"""Recognition in a child process, for engines that hold Python's GIL while they decode.

pocketsphinx keeps the GIL for the whole of each decoding call (up to a second at the end of a long
utterance), which would freeze the GUI thread; in its own process it cannot. The interface is the
same as `RecognitionWorker`'s, and nothing here blocks the caller: commands go through a queue to a
sender thread, results come back on a reader thread as futures and `on_partial` calls.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from app.speech.errors import SpeechError
from app.speech.pcm import PcmAudio
from app.speech.recognizer import PartialCallback, Transcript
from app.speech.recognizer_choice import RecognizerChoice

_CLOSE = ("close",)


@dataclass(frozen=True)
class RecognizerInfo:
    engine: str
    lang: str
    description: str


def serve_recognizer(conn: Any, choice: RecognizerChoice) -> None:
    """The child process: create the engine, then obey commands until "close"."""
    try:
        recognizer = choice.create()
    except BaseException as exc:
        conn.send(("ready_failed", exc))
        return
    conn.send(("ready", RecognizerInfo(recognizer.engine, recognizer.lang, recognizer.description)))
    partial = ""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        command = message[0]
        try:
            if command == "close":
                break
            if command == "start":
                recognizer.start_utterance()
                partial = ""
            elif command == "feed":
                text = recognizer.accept(message[1])
                if text != partial:
                    partial = text
                    conn.send(("partial", text, recognizer.partial_words()))
            elif command == "finish":
                conn.send(("done", message[1], recognizer.finish_utterance()))
                partial = ""
            elif command == "transcribe":
                _job, job_id, raw, chunk_s = message
                recognizer.start_utterance()
                for chunk in PcmAudio.from_bytes(raw).chunks(chunk_s):
                    recognizer.accept(chunk)
                conn.send(("done", job_id, recognizer.finish_utterance()))
        except BaseException as exc:
            conn.send(("failed", message[1] if command in ("finish", "transcribe") else None, exc))
    recognizer.close()
    conn.close()


class ProcessRecognitionWorker:
    """A `RecognitionWorker` whose engine lives in a child process (spawned, so it is safe with Qt)."""

    def __init__(self, choice: RecognizerChoice, on_partial: PartialCallback | None = None) -> None:
        self.choice = choice
        self.on_partial = on_partial
        self.ready: Future[RecognizerInfo] = Future()
        self._jobs: dict[int, Future[Transcript]] = {}
        self._ids = itertools.count(1)
        self._pending_error: BaseException | None = None
        self._lock = threading.Lock()
        self._outbox: queue.SimpleQueue[tuple] = queue.SimpleQueue()
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=serve_recognizer, args=(child_conn, choice), daemon=True,
                                        name=f"recognizer-{choice.engine}-{choice.lang}")
        self._process.start()
        child_conn.close()
        self._sender = threading.Thread(target=self._send_loop, name="recognizer-send", daemon=True)
        self._reader = threading.Thread(target=self._read_loop, name="recognizer", daemon=True)
        self._sender.start()
        self._reader.start()

    @property
    def engine(self) -> str:
        return self.choice.engine

    # -- the RecognitionWorker interface -----------------------------------------------------------
    def start_utterance(self) -> None:
        self._outbox.put(("start",))

    def feed(self, pcm: bytes) -> None:
        self._outbox.put(("feed", pcm))

    def finish_utterance(self) -> Future[Transcript]:
        return self._submit(lambda job_id: ("finish", job_id))

    def cancel_utterance(self) -> None:
        self._submit(lambda job_id: ("finish", job_id))

    def transcribe(self, audio: PcmAudio, chunk_s: float = 0.1) -> Future[Transcript]:
        return self._submit(lambda job_id: ("transcribe", job_id, audio.to_bytes(), chunk_s))

    def close(self) -> None:
        self._outbox.put(_CLOSE)
        self._sender.join(10)
        self._process.join(10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
        self._reader.join(5)

    def __enter__(self) -> ProcessRecognitionWorker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------------
    def _submit(self, make: Callable[[int], tuple]) -> Future[Transcript]:
        future: Future[Transcript] = Future()
        with self._lock:
            job_id = next(self._ids)
            self._jobs[job_id] = future
        self._outbox.put(make(job_id))
        return future

    def _send_loop(self) -> None:
        while True:
            message = self._outbox.get()
            try:
                self._conn.send(message)
            except (OSError, ValueError):
                return
            if message is _CLOSE:
                return

    def _read_loop(self) -> None:
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "ready":
                self.ready.set_result(message[1])
            elif kind == "ready_failed":
                self.ready.set_exception(message[1])
            elif kind == "partial":
                if self.on_partial is not None:
                    self.on_partial(message[1], message[2])
            elif kind == "done":
                self._resolve(message[1], message[2])
            elif kind == "failed":
                job_id, error = message[1], message[2]
                if job_id is None:
                    with self._lock:
                        self._pending_error = self._pending_error or error
                else:
                    self._resolve(job_id, error)
        self._fail_all(SpeechError("speech.err.recognition", detail="the recogniser process has ended"))

    def _resolve(self, job_id: int, outcome: Transcript | BaseException) -> None:
        """Settle a job with its transcript or its error (an error reported earlier wins over a transcript)."""
        with self._lock:
            future = self._jobs.pop(job_id, None)
            pending, self._pending_error = self._pending_error, None
        if future is None:
            return
        if pending is not None and not isinstance(outcome, BaseException):
            outcome = pending
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)

    def _fail_all(self, error: BaseException) -> None:
        if not self.ready.done():
            self.ready.set_exception(error)
        with self._lock:
            jobs, self._jobs = self._jobs, {}
        for future in jobs.values():
            if not future.done():
                future.set_exception(error)
