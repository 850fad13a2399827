"""`TrainerStore` over the real repository: the trainer workspace's storage, with the access
rules applied here, below the UI, so no page can forget them.

A trainer `Viewer` is honoured only if it was returned by `sign_in` or `create_first_trainer` of
this store (a password was checked in this run of the app).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.auth import AccessDenied, LoginThrottle, Viewer
from app.auth.access import ROLE_TRAINER, check_can_view, check_trainer, visible_trainee
from app.domain.progress import SessionSummary, TeamPolicy, scores_by_difficulty, team_intervention_rate
from app.storage import SIDE_CUSTOMER, SIDE_TRAINEE, SessionFilter, SessionRepository
from app.ui.adapters.review_mapping import reviewed_from_detail
from app.ui.ports import BrowserFilter, BrowserRow, ReplayClip, TeamOverview

SORT_TO_STORAGE = {"started_at": "started_at", "trainee": "trainee", "scenario": "scenario", "emotion": "emotion",
                   "difficulty": "difficulty", "outcome": "outcome", "score": "average_score",
                   "turns": "turns"}


def storage_filter(filters: BrowserFilter, trainee: str | None) -> SessionFilter:
    return SessionFilter(trainee=trainee, scenario_id=filters.scenario_id, emotion=filters.emotion,
                         outcome=filters.outcome, started_from=filters.started_from,
                         started_before=filters.started_before, min_score=filters.min_score,
                         max_score=filters.max_score, example=filters.example)


class RepositoryTrainerStore:
    def __init__(self, repository: SessionRepository, audio_cache: Path, *, policy: TeamPolicy | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.repository = repository
        self.audio_cache = audio_cache
        self.policy = policy or TeamPolicy()
        self.throttle = LoginThrottle(clock=clock)
        self._signed_in: set[str] = set()

    # -- access ------------------------------------------------------------------------------------
    def _check_trainer(self, viewer: Viewer) -> None:
        check_trainer(viewer)
        if viewer.name not in self._signed_in:
            raise AccessDenied("trainer_only")

    def _trainee_scope(self, viewer: Viewer, requested: str | None) -> str | None:
        if viewer.is_trainer:
            self._check_trainer(viewer)
        return visible_trainee(viewer, requested)

    # -- sign-in ------------------------------------------------------------------------------------
    def has_trainer(self) -> bool:
        return any(a.has_password for a in self.repository.trainer_accounts())

    def create_first_trainer(self, name: str, password: str) -> Viewer:
        account = self.repository.create_first_trainer(name, password)
        self._signed_in.add(account.name)
        return Viewer(account.name, ROLE_TRAINER)

    def sign_in(self, name: str, password: str) -> Viewer | None:
        if not self.repository.sign_in_trainer(name, password, self.throttle):
            return None
        self._signed_in.add(name.strip())
        return Viewer(name.strip(), ROLE_TRAINER)

    # -- browsing -----------------------------------------------------------------------------------
    def trainees(self, viewer: Viewer) -> list[str]:
        if not viewer.is_trainer:
            return [viewer.name]
        self._check_trainer(viewer)
        return [p.name for p in self.repository.list_people("trainee")]

    def count_sessions(self, viewer: Viewer, filters: BrowserFilter) -> int:
        return self.repository.count_sessions(storage_filter(filters, self._trainee_scope(viewer, filters.trainee)))

    def list_sessions(self, viewer: Viewer, filters: BrowserFilter, offset: int, limit: int,
                      sort_key: str = "started_at", descending: bool = True) -> list[BrowserRow]:
        scope = storage_filter(filters, self._trainee_scope(viewer, filters.trainee))
        rows = self.repository.list_sessions(scope, limit=limit, offset=offset,
                                             order_by=SORT_TO_STORAGE.get(sort_key, "started_at"),
                                             descending=descending)
        return [BrowserRow(str(s.uuid), s.trainee, s.scenario_id, s.scenario_title, s.emotion, s.difficulty,
                           s.started_at, s.status, s.outcome, s.score, s.turn_count, s.example_mark)
                for s in rows]

    # -- one session ---------------------------------------------------------------------------------
    def load_review(self, viewer: Viewer, session_id: str):
        if viewer.is_trainer:
            self._check_trainer(viewer)
        detail = self.repository.load_session(session_id)
        check_can_view(viewer, detail.summary.trainee)
        return reviewed_from_detail(detail)

    def add_comment(self, viewer: Viewer, session_id: str, text: str, turn_index: int | None,
                    offset_s: float | None) -> None:
        self._check_trainer(viewer)
        self.repository.add_comment(session_id, text, viewer.name, turn_index=turn_index, offset_s=offset_s)

    def add_override(self, viewer: Viewer, session_id: str, turn_index: int, dimension: str, score: int,
                     reason: str) -> None:
        self._check_trainer(viewer)
        self.repository.add_override(session_id, turn_index, dimension, score, reason, viewer.name)

    def mark_example(self, viewer: Viewer, session_id: str, mark: str | None, note: str) -> None:
        self._check_trainer(viewer)
        self.repository.mark_example(session_id, mark, viewer.name, note)

    def replay_clips(self, viewer: Viewer, session_id: str) -> list[ReplayClip]:
        if viewer.is_trainer:
            self._check_trainer(viewer)
        detail = self.repository.load_session(session_id)
        check_can_view(viewer, detail.summary.trainee)
        sound = self.repository.load_session_audio(session_id)  # every track in one transaction
        clips = []
        folder = self.audio_cache / session_id
        for (turn_index, side), clip in sorted(sound.items(), key=lambda kv: (kv[0][0], kv[0][1] != SIDE_CUSTOMER)):
            if side not in (SIDE_CUSTOMER, SIDE_TRAINEE) or not clip.pcm:
                continue
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{turn_index}-{side}.wav"
            path.write_bytes(clip.to_wav())
            clips.append(ReplayClip(turn_index, side, path, clip.frames / clip.sample_rate))
        return clips

    # -- team and data --------------------------------------------------------------------------------
    def team_overview(self, viewer: Viewer, now: datetime) -> TeamOverview:
        """Aggregated in the database: 100,000 sessions are never read into memory."""
        self._check_trainer(viewer)
        rows = self.repository.team_rows(now, self.policy)
        cells = self.repository.score_cells()
        return TeamOverview(rows, cells, scores_by_difficulty(cells),
                            team_intervention_rate((r.intervention for r in rows), self.policy),
                            overrides=self.repository.override_stats())

    def trainee_trend(self, viewer: Viewer, name: str, limit: int = 100) -> list[SessionSummary]:
        if viewer.is_trainer:
            self._check_trainer(viewer)
        check_can_view(viewer, name)
        return self.repository.recent_sessions(name, limit)

    def delete_trainee(self, viewer: Viewer, name: str) -> int:
        self._check_trainer(viewer)
        return self.repository.delete_trainee(name)

    def export_sessions(self, viewer: Viewer, target: Path, kind: str, filters: BrowserFilter) -> int:
        self._check_trainer(viewer)
        scope = storage_filter(filters, filters.trainee)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = (self.repository.export_csv(out, scope) if kind == "csv"
                         else self.repository.export_json(out, scope))
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return count
