"""`TrainerStore` over the real repository: the trainer workspace's storage, through the shared
`SessionService` (`app/storage/session_service.py`), which applies the access rules below the UI
and the command line alike, so no page can forget them."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.auth import Viewer
from app.domain.progress import SessionSummary, TeamPolicy, scores_by_difficulty, team_intervention_rate
from app.private_files import written_whole
from app.storage import SIDE_CUSTOMER, SIDE_TRAINEE, SessionFilter, SessionRepository
from app.storage.domain_mapping import reviewed_from_detail
from app.storage.session_service import SessionService
from app.ui.ports import BrowserFilter, BrowserRow, ReplayClip, ReviewedSession, TeamOverview

SORT_TO_STORAGE = {"started_at": "started_at", "trainee": "trainee", "scenario": "scenario", "emotion": "emotion",
                   "difficulty": "difficulty", "outcome": "outcome", "score": "average_score",
                   "turns": "turns"}


def storage_filter(filters: BrowserFilter, trainee: str | None) -> SessionFilter:
    return SessionFilter(trainee=trainee, scenario_id=filters.scenario_id, emotion=filters.emotion,
                         outcome=filters.outcome, started_from=filters.started_from,
                         started_before=filters.started_before, min_score=filters.min_score,
                         max_score=filters.max_score, example=filters.example)


class RepositoryTrainerStore:
    """The trainer workspace's `TrainerStore`: the shared `SessionService` (which applies the access
    rules) mapped to what the pages show."""

    def __init__(self, repository: SessionRepository, audio_cache: Path, *, policy: TeamPolicy | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.service = SessionService(repository, clock=clock)
        self.repository = repository
        self.audio_cache = audio_cache
        self.policy = policy or TeamPolicy()

    # -- sign-in ------------------------------------------------------------------------------------
    def has_trainer(self) -> bool:
        return self.service.has_trainer()

    def first_trainer_in_app(self) -> bool:
        return self.service.first_trainer_in_app()

    def create_first_trainer(self, name: str, password: str) -> Viewer:
        return self.service.create_first_trainer(name, password)

    def sign_in(self, name: str, password: str) -> Viewer | None:
        return self.service.sign_in(name, password)

    # -- browsing -----------------------------------------------------------------------------------
    def trainees(self, viewer: Viewer) -> list[str]:
        return self.service.trainees(viewer)

    def count_sessions(self, viewer: Viewer, filters: BrowserFilter) -> int:
        return self.service.count_sessions(viewer, storage_filter(filters, filters.trainee))

    def list_sessions(self, viewer: Viewer, filters: BrowserFilter, offset: int, limit: int,
                      sort_key: str = "started_at", descending: bool = True) -> list[BrowserRow]:
        rows = self.service.list_sessions(viewer, storage_filter(filters, filters.trainee), limit=limit,
                                          offset=offset, order_by=SORT_TO_STORAGE.get(sort_key, "started_at"),
                                          descending=descending)
        return [BrowserRow(str(s.uuid), s.trainee, s.scenario_id, s.scenario_title, s.emotion, s.difficulty,
                           s.started_at, s.status, s.outcome, s.score, s.turn_count, s.example_mark)
                for s in rows]

    # -- one session ---------------------------------------------------------------------------------
    def load_review(self, viewer: Viewer, session_id: str) -> ReviewedSession:
        return reviewed_from_detail(self.service.load_session(viewer, session_id))

    def add_comment(self, viewer: Viewer, session_id: str, text: str, turn_index: int | None,
                    offset_s: float | None) -> None:
        self.service.add_comment(viewer, session_id, text, turn_index, offset_s)

    def add_override(self, viewer: Viewer, session_id: str, turn_index: int, dimension: str, score: int,
                     reason: str) -> None:
        self.service.add_override(viewer, session_id, turn_index, dimension, score, reason)

    def mark_example(self, viewer: Viewer, session_id: str, mark: str | None, note: str) -> None:
        self.service.mark_example(viewer, session_id, mark, note)

    def replay_clips(self, viewer: Viewer, session_id: str) -> list[ReplayClip]:
        sound = self.service.session_audio(viewer, session_id)  # every track in one transaction
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
        rows, cells, overrides, titles = self.service.team(viewer, now, self.policy)
        return TeamOverview(rows, cells, scores_by_difficulty(cells),
                            team_intervention_rate((r.intervention for r in rows), self.policy), overrides=overrides,
                            scenario_titles=titles)

    def trainee_trend(self, viewer: Viewer, name: str, limit: int = 100) -> list[SessionSummary]:
        return self.service.trainee_trend(viewer, name, limit)

    def delete_trainee(self, viewer: Viewer, name: str) -> int:
        return self.service.delete_trainee(viewer, name)

    def export_sessions(self, viewer: Viewer, target: Path, kind: str, filters: BrowserFilter) -> int:
        self.service.check_trainer(viewer)
        with written_whole(target, newline="") as out:
            return self.service.export(viewer, out, kind, storage_filter(filters, filters.trainee))
