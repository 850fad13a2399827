"""The current trainee and their history: loaded from the session store in the background, and
the figures the pages show (best score per scenario, the recommended next scenario)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from app.domain.progress import Recommendation, SessionSummary, best_scores, recommend_next
from app.domain.scenarios import Scenario
from app.ui.ports import SessionStore, StoredSession, Trainee
from app.ui.tasks import TaskRunner

STORE_LANE = "store"


class TraineeHistory(QObject):
    trainees_loaded = Signal(object)  # list[Trainee]
    trainee_changed = Signal(object)  # Trainee | None
    history_changed = Signal()
    session_loaded = Signal(object)  # StoredSession
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, store: SessionStore | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.store = runner, store
        self.trainees: list[Trainee] = []
        self.trainee: Trainee | None = None
        self.sessions: list[SessionSummary] = []
        self.best: dict[str, int] = {}

    @property
    def available(self) -> bool:
        return self.store is not None

    def load_trainees(self) -> None:
        if self.store is None:
            self.trainees_loaded.emit([])
            return
        self.runner.run(self.store.list_trainees, lane=STORE_LANE, label=self.tr("Loading trainees…"),
                        on_result=self._trainees_loaded, on_error=self._failed)

    def _trainees_loaded(self, trainees: list[Trainee]) -> None:
        self.trainees = list(trainees)
        self.trainees_loaded.emit(self.trainees)

    def create_trainee(self, name: str) -> None:
        if self.store is None or not name.strip():
            return
        self.runner.run(self.store.create_trainee, name.strip(), lane=STORE_LANE,
                        label=self.tr("Creating the profile…"), on_result=self._created, on_error=self._failed)

    def _created(self, trainee: Trainee) -> None:
        self.trainees.append(trainee)
        self.trainees_loaded.emit(self.trainees)
        self.select(trainee)

    def select(self, trainee: Trainee | None) -> None:
        self.trainee = trainee
        self.sessions, self.best = [], {}
        self.trainee_changed.emit(trainee)
        self.history_changed.emit()
        self.refresh()

    def refresh(self) -> None:
        if self.store is None or self.trainee is None:
            return
        trainee_id = self.trainee.id
        self.runner.run(self.store.progress, trainee_id, lane=STORE_LANE, label=self.tr("Loading your history…"),
                        on_result=lambda sessions: self._history_loaded(trainee_id, sessions), on_error=self._failed,
                        owner=self)

    def _history_loaded(self, trainee_id: str, sessions: list[SessionSummary]) -> None:
        if self.trainee is None or self.trainee.id != trainee_id:
            return  # the trainee changed meanwhile
        self.sessions = sorted(sessions, key=lambda s: s.started_at)
        self.best = best_scores(self.sessions)
        self.history_changed.emit()

    def open_session(self, session_id: str) -> None:
        if self.store is None:
            return
        self.runner.run(self.store.load_session, session_id, lane=STORE_LANE, label=self.tr("Opening the session…"),
                        on_result=self._session_loaded, on_error=self._failed)

    def _session_loaded(self, stored: StoredSession) -> None:
        self.session_loaded.emit(stored)

    def recommend(self, scenarios: Sequence[Scenario], language: str | None = None) -> Recommendation | None:
        return recommend_next(scenarios, self.sessions, language)

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(self.tr("Storage error: {error}").format(error=str(exc) or type(exc).__name__))
