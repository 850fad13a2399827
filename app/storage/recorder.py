"""`CallRecorder`: stores a dialogue-engine call as it happens (used by the CLI and the GUI).

The engine stays free of storage; the front end hands each finished `Turn` to the recorder.
A turn that cannot be written (database locked, disk full, connection lost) stays in memory and
is retried, in order, at the next turn, at `flush()` or at `finish()`; the `StorageError` is
raised so the front end can say what happened.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from app.domain.dialogue import CallResult, Turn
from app.domain.scenarios import Scenario
from app.storage.audio import AudioChunkWriter
from app.storage.records import SIDE_CUSTOMER, SIDE_TRAINEE, TurnData
from app.storage.repository import SessionRepository

LIVE_CHUNK_SECONDS = 0.5  # the trainee's reply is committed this often while they speak


class CallRecorder:
    def __init__(self, repository: SessionRepository, trainee: str, scenario: Scenario) -> None:
        self.repository = repository
        self.trainee = trainee
        self.scenario = scenario
        self.session_uuid: UUID = uuid4()
        self.started = False
        self.finished = False
        self._pending: list[TurnData] = []
        self._result: CallResult | None = None

    @property
    def pending_turns(self) -> int:
        """Turns kept in memory because the database refused them so far."""
        return len(self._pending)

    def start(self) -> UUID:
        if not self.started:
            self.repository.start_session(self.trainee, self.scenario, session_uuid=self.session_uuid)
            self.started = True
        return self.session_uuid

    def record_turn(self, turn: Turn, recogniser: str | None = None) -> None:
        """Commit a turn the moment it ends (after any turns still waiting from before)."""
        self._pending.append(TurnData.from_domain(turn, recogniser))
        self.flush()

    def flush(self) -> None:
        """Write whatever is waiting; raises `StorageError` (keeping the rest) if the database refuses."""
        self.start()
        while self._pending:
            self.repository.append_turn(self.session_uuid, self._pending[0])
            self._pending.pop(0)
        if self._result is not None and not self.finished:
            result = self._result
            self.repository.finish_session(
                self.session_uuid, outcome=result.outcome.value if result.outcome else None,
                end_reason=result.reason.value, emotion_curve=list(result.emotion_curve),
                call_score=result.call_score)
            self.finished = True

    def finish(self, result: CallResult) -> None:
        """Write any waiting turns, then close the session with the call's outcome. A call without
        a single reply (the trainee hung up at once) has nothing to keep: it is discarded."""
        if not result.turns and not self._pending:
            self.discard()
            return
        self._result = result
        self.flush()

    def interrupt(self) -> None:
        """The call stopped mid-way (the app closed, the trainee left): write any waiting turns,
        then mark the session interrupted (a finished session is left alone)."""
        self.flush()
        if not self.finished:
            self.repository.interrupt_session(self.session_uuid)
            self.finished = True

    def discard(self) -> None:
        """The call ended before the trainee said anything: nothing is kept."""
        self._pending.clear()
        if self.started and not self.finished:
            self.repository.delete_session(self.session_uuid)
        self.finished = True

    def open_trainee_audio(self, turn_index: int, sample_rate: int, channels: int = 1,
                           chunk_seconds: float = LIVE_CHUNK_SECONDS) -> AudioChunkWriter:
        """Stream the trainee's answer to `turn_index` into the database while they speak (committed
        every `chunk_seconds`: a crash loses at most that much of the reply)."""
        self.start()
        return self.repository.open_audio(self.session_uuid, turn_index, SIDE_TRAINEE, sample_rate, channels,
                                          chunk_seconds)

    def store_customer_audio(self, turn_index: int, pcm: bytes, sample_rate: int, channels: int = 1) -> None:
        """Store the customer's line that opened `turn_index` (16-bit PCM)."""
        self.start()
        self.repository.store_audio(self.session_uuid, turn_index, SIDE_CUSTOMER, pcm, sample_rate, channels)
