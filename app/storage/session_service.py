"""The one session service: stored sessions as a viewer may see and change them, with the access
rules of `app.auth` applied here, below every front end (the trainer workspace, the trainee's
pages and `roleplay sessions` use it), so none of them can forget a rule.

A trainer `Viewer` is honoured only if this service signed them in (`sign_in`,
`create_first_trainer`: a password was checked in this run). A trainee viewer sees only their
own sessions whatever filter they ask for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

from app.auth import AccessDenied, LoginThrottle, Viewer
from app.auth.access import ROLE_TRAINER, check_can_view, check_trainer, visible_trainee
from app.domain.progress import OverrideStat, ScoreCell, SessionSummary, TeamPolicy, TraineeRow
from app.settings import load_site_settings
from app.storage.audio import AudioClip
from app.storage.records import SessionDetail, SessionFilter, SessionRecord
from app.storage.repository import SessionRepository
from app.storage.transfer import ImportReport


class SessionService:
    def __init__(self, repository: SessionRepository, *, clock: Callable[[], float] = time.time) -> None:
        self.repository = repository
        self.throttle = LoginThrottle(clock=clock)
        self._signed_in: set[str] = set()

    # -- who is looking -----------------------------------------------------------------------------
    def has_trainer(self) -> bool:
        return any(a.has_password for a in self.repository.trainer_accounts())

    @staticmethod
    def first_trainer_in_app() -> bool:
        """May the app create the first trainer? IT's site setting `"trainers": {"first_in_app": false}`
        leaves it to `roleplay trainers add`; by default the first trainer to ask sets a password."""
        trainers = load_site_settings().get("trainers")
        return not (isinstance(trainers, dict) and trainers.get("first_in_app") is False)

    def create_first_trainer(self, name: str, password: str) -> Viewer:
        if not self.first_trainer_in_app():
            raise AccessDenied("trainers_by_it")
        account = self.repository.create_first_trainer(name, password)
        self._signed_in.add(account.name)
        return Viewer(account.name, ROLE_TRAINER)

    def sign_in(self, name: str, password: str) -> Viewer | None:
        """The trainer, or None for a wrong password (`LockedOut` after too many)."""
        if not self.repository.sign_in_trainer(name, password, self.throttle):
            return None
        self._signed_in.add(name.strip())
        return Viewer(name.strip(), ROLE_TRAINER)

    def check_trainer(self, viewer: Viewer) -> None:
        check_trainer(viewer)
        if viewer.name not in self._signed_in:
            raise AccessDenied("trainer_only")

    def _check_viewer(self, viewer: Viewer) -> None:
        if viewer.is_trainer:
            self.check_trainer(viewer)

    def scoped(self, viewer: Viewer, filters: SessionFilter) -> SessionFilter:
        """The filter a listing uses: a trainee's own name, whatever they asked for."""
        self._check_viewer(viewer)
        trainee = visible_trainee(viewer, filters.trainee)
        return filters if trainee == filters.trainee else SessionFilter(**{**filters.__dict__, "trainee": trainee})

    # -- listing ------------------------------------------------------------------------------------
    def trainees(self, viewer: Viewer) -> list[str]:
        if not viewer.is_trainer:
            return [viewer.name]
        self.check_trainer(viewer)
        return [p.name for p in self.repository.list_people("trainee")]

    def count_sessions(self, viewer: Viewer, filters: SessionFilter) -> int:
        return self.repository.count_sessions(self.scoped(viewer, filters))

    def list_sessions(self, viewer: Viewer, filters: SessionFilter, *, limit: int = 100, offset: int = 0,
                      order_by: str = "started_at", descending: bool = True) -> list[SessionRecord]:
        return self.repository.list_sessions(self.scoped(viewer, filters), limit=limit, offset=offset,
                                             order_by=order_by, descending=descending)

    def trainee_trend(self, viewer: Viewer, name: str, limit: int = 100) -> list[SessionSummary]:
        self._check_viewer(viewer)
        check_can_view(viewer, name)
        return self.repository.recent_sessions(name, limit)

    # -- one session --------------------------------------------------------------------------------
    def load_session(self, viewer: Viewer, session_id: str) -> SessionDetail:
        self._check_viewer(viewer)
        detail = self.repository.load_session(session_id)
        check_can_view(viewer, detail.summary.trainee)
        return detail

    def session_document(self, viewer: Viewer, session_id: str) -> dict[str, Any]:
        """The session in the export's JSON shape."""
        detail = self.load_session(viewer, session_id)
        return self.repository.session_document(detail.summary.uuid)

    def session_audio(self, viewer: Viewer, session_id: str) -> dict[tuple[int, str], AudioClip]:
        self.load_session(viewer, session_id)
        return self.repository.load_session_audio(session_id)

    def add_comment(self, viewer: Viewer, session_id: str, text: str, turn_index: int | None = None,
                    offset_s: float | None = None) -> None:
        self.check_trainer(viewer)
        self.repository.add_comment(session_id, text, viewer.name, turn_index=turn_index, offset_s=offset_s)

    def add_override(self, viewer: Viewer, session_id: str, turn_index: int, dimension: str, score: int,
                     reason: str) -> None:
        self.check_trainer(viewer)
        self.repository.add_override(session_id, turn_index, dimension, score, reason, viewer.name)

    def mark_example(self, viewer: Viewer, session_id: str, mark: str | None, note: str) -> None:
        self.check_trainer(viewer)
        self.repository.mark_example(session_id, mark, viewer.name, note)

    # -- the team and its data ----------------------------------------------------------------------
    def team(self, viewer: Viewer, now: datetime, policy: TeamPolicy) -> tuple[
            list[TraineeRow], list[ScoreCell], list[OverrideStat], dict[str, str]]:
        """The team table, the score cells, the scorer-vs-trainer figures (aggregated in the
        database) and the scenarios' titles."""
        self.check_trainer(viewer)
        return (self.repository.team_rows(now, policy), self.repository.score_cells(),
                self.repository.override_stats(), self.repository.scenario_titles())

    def delete_trainee(self, viewer: Viewer, name: str) -> int:
        self.check_trainer(viewer)
        return self.repository.delete_trainee(name)

    def export(self, viewer: Viewer, out: IO[str], kind: str, filters: SessionFilter, *,
               with_audio: bool = True) -> int:
        self.check_trainer(viewer)
        if kind == "csv":
            return self.repository.export_csv(out, filters)
        return self.repository.export_json(out, filters, with_audio=with_audio)

    def import_sessions(self, viewer: Viewer, source: IO[str]) -> ImportReport:
        self.check_trainer(viewer)
        return self.repository.import_json(source)
