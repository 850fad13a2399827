"""The read side of the repository: session lists with filters and paging, one session in full,
and per-trainee progress. Functions take an open ORM session and return plain records.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.storage.errors import NotFoundError
from app.storage.models import (
    AudioTrackRow,
    CommentRow,
    PersonRow,
    ScenarioSnapshotRow,
    ScoreOverrideRow,
    SessionRow,
    TurnRow,
)
from app.storage.records import (
    OVERALL,
    ROLE_TRAINEE,
    STATUS_FINISHED,
    AudioTrackInfo,
    CommentDetail,
    DimensionDetail,
    OverrideDetail,
    ProgressPoint,
    SessionDetail,
    SessionFilter,
    SessionRecord,
    TraineeProgress,
    TurnDetail,
    unpack_words,
)
from app.storage.rows import SESSION_SCORE

SORT_COLUMNS: dict[str, Any] = {
    "started_at": SessionRow.started_at,
    "average_score": SESSION_SCORE,
    "trainee": PersonRow.name,
    "scenario": SessionRow.scenario_id,
    "outcome": SessionRow.outcome,
    "status": SessionRow.status,
    "turns": SessionRow.turn_count,
    "emotion": SessionRow.emotion,
    "difficulty": SessionRow.difficulty,
}


def _trainee_id(name: str) -> Any:
    return (select(PersonRow.id).where(PersonRow.role == ROLE_TRAINEE, PersonRow.name == name)
            .scalar_subquery())


def filtered(query: Select, filters: SessionFilter) -> Select:
    f = filters
    conditions = []
    if f.trainee is not None:
        conditions.append(SessionRow.trainee_id == _trainee_id(f.trainee))
    for column, value in ((SessionRow.scenario_id, f.scenario_id), (SessionRow.emotion, f.emotion),
                          (SessionRow.language, f.language), (SessionRow.outcome, f.outcome),
                          (SessionRow.status, f.status), (SessionRow.difficulty, f.difficulty)):
        if value is not None:
            conditions.append(column == value)
    if f.started_from is not None:
        conditions.append(SessionRow.started_at >= f.started_from)
    if f.started_before is not None:
        conditions.append(SessionRow.started_at < f.started_before)
    if f.min_score is not None:
        conditions.append(f.min_score <= SESSION_SCORE)
    if f.max_score is not None:
        conditions.append(f.max_score >= SESSION_SCORE)
    if f.example is not None:
        conditions.append(SessionRow.example_mark == f.example)
    return query.where(*conditions) if conditions else query


def _summary(row: SessionRow, trainee: str, title: str) -> SessionRecord:
    return SessionRecord(
        uuid=row.uuid, trainee=trainee, scenario_id=row.scenario_id, scenario_version=row.scenario_version,
        scenario_title=title, language=row.language, emotion=row.emotion, difficulty=row.difficulty,
        started_at=row.started_at, ended_at=row.ended_at, status=row.status, outcome=row.outcome,
        end_reason=row.end_reason, average_score=row.average_score, turn_count=row.turn_count,
        hostname=row.hostname, app_version=row.app_version, example_mark=row.example_mark,
        call_score=row.call_score, call_items=list(row.call_items or ()),
    )


def list_sessions(db: Session, filters: SessionFilter, limit: int, offset: int, order_by: str,
                  descending: bool) -> list[SessionRecord]:
    if order_by not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {order_by!r}; one of {', '.join(SORT_COLUMNS)}")
    column = SORT_COLUMNS[order_by]
    ordering = [column.desc(), SessionRow.id.desc()] if descending else [column.asc(), SessionRow.id.asc()]
    # Find the page's ids on the indexes alone, then fetch just those rows: deep pages stay fast.
    ids = filtered(select(SessionRow.id), filters)
    if order_by == "trainee":
        ids = ids.join(PersonRow, SessionRow.trainee_id == PersonRow.id)
    page = ids.order_by(*ordering).limit(max(0, limit)).offset(max(0, offset)).subquery()
    query = (select(SessionRow, PersonRow.name, ScenarioSnapshotRow.title)
             .join(page, page.c.id == SessionRow.id)
             .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
             .join(ScenarioSnapshotRow, SessionRow.scenario_snapshot_id == ScenarioSnapshotRow.id)
             .order_by(*ordering))
    return [_summary(row, name, title) for row, name, title in db.execute(query)]


def count_sessions(db: Session, filters: SessionFilter) -> int:
    return int(db.scalar(filtered(select(func.count(SessionRow.id)), filters)) or 0)


def load_session(db: Session, session_uuid: UUID) -> SessionDetail:
    row = db.scalar(select(SessionRow).where(SessionRow.uuid == session_uuid).options(
        selectinload(SessionRow.turns).selectinload(TurnRow.dimensions),
        selectinload(SessionRow.trainee), selectinload(SessionRow.scenario)))
    if row is None:
        raise NotFoundError(str(session_uuid), id=str(session_uuid))
    index_of = {turn.id: turn.index for turn in row.turns}
    turns = [
        TurnDetail(
            uuid=t.uuid, index=t.index, customer_text=t.customer_text, stage=t.stage, mood_band=t.mood_band,
            reply_text=t.reply_text, latency_s=t.latency_s, intensity_before=t.intensity_before,
            intensity_after=t.intensity_after, overall=t.overall, overall_override=t.overall_override,
            tips=list(t.tips), recogniser=t.recogniser, words=unpack_words(t.words), ended_at=t.ended_at,
            dimensions={d.name: DimensionDetail(d.name, d.score, d.score_override, d.tip, dict(d.details),
                                                list(d.evidence)) for d in t.dimensions},
            moment=dict(t.moment) if t.moment is not None else None,
        )
        for t in row.turns
    ]
    audio = [
        AudioTrackInfo(a.uuid, a.turn_index, a.side, a.sample_rate, a.channels, a.frames, a.complete)
        for a in db.scalars(select(AudioTrackRow).where(AudioTrackRow.session_id == row.id)
                            .order_by(AudioTrackRow.turn_index, AudioTrackRow.side))
    ]
    comments = [
        CommentDetail(c.uuid, index_of.get(c.turn_id) if c.turn_id else None, c.offset_s,
                      c.author.name if c.author else None, c.text, c.created_at)
        for c in db.scalars(select(CommentRow).where(CommentRow.session_id == row.id)
                            .options(selectinload(CommentRow.author)).order_by(CommentRow.created_at, CommentRow.id))
    ]
    overrides = [
        OverrideDetail(o.uuid, index_of[o.turn_id], o.dimension, o.original_score, o.new_score, o.reason,
                       o.author.name if o.author else None, o.created_at)
        for o in db.scalars(select(ScoreOverrideRow).where(ScoreOverrideRow.session_id == row.id)
                            .options(selectinload(ScoreOverrideRow.author))
                            .order_by(ScoreOverrideRow.created_at, ScoreOverrideRow.id))
    ]
    marked_by = db.scalar(select(PersonRow.name).where(PersonRow.id == row.example_marked_by)) \
        if row.example_marked_by is not None else None
    return SessionDetail(_summary(row, row.trainee.name, row.scenario.title), list(row.emotion_curve),
                         dict(row.scenario.content), turns, audio, comments, overrides,
                         row.example_note, marked_by)


def trainee_progress(db: Session, trainee: str, recent: int) -> TraineeProgress:
    """From each session's stored score totals: one indexed read of the trainee's sessions."""
    rows = db.execute(
        select(SessionRow.uuid, SessionRow.started_at, SessionRow.scenario_id, SessionRow.difficulty,
               SessionRow.status, SessionRow.outcome, SessionRow.score_totals)
        .where(SessionRow.trainee_id == _trainee_id(trainee))
        .order_by(SessionRow.started_at, SessionRow.id)).all()
    status_counts: dict[str, int] = defaultdict(int)
    outcome_counts: dict[str, int] = defaultdict(int)
    grand: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    timeline = []
    for s in rows:
        status_counts[s.status] += 1
        if s.outcome:
            outcome_counts[s.outcome] += 1
        totals = s.score_totals or {}
        if OVERALL not in totals:
            continue  # no turn yet
        for name, (total, count) in totals.items():
            grand[name][0] += total
            grand[name][1] += count
        overall_total, overall_count = totals[OVERALL]
        dims = {name: round(t / c, 1) for name, (t, c) in sorted(totals.items()) if name != OVERALL and c}
        timeline.append(ProgressPoint(s.uuid, s.started_at, s.scenario_id, s.difficulty, s.status, s.outcome,
                                      round(overall_total / overall_count, 1), dims))
    overall = grand.pop(OVERALL, None)
    return TraineeProgress(
        trainee=trainee, sessions=len(rows), status_counts=dict(status_counts), outcome_counts=dict(outcome_counts),
        average_overall=round(overall[0] / overall[1], 1) if overall else None,
        average_by_dimension={name: round(t / c, 1) for name, (t, c) in sorted(grand.items()) if c},
        timeline=timeline, recent=timeline[-recent:] if recent > 0 else [],
    )


def best_scores(db: Session, trainee: str) -> dict[str, int]:
    rows = db.execute(
        select(SessionRow.scenario_id, func.max(SESSION_SCORE))
        .where(SessionRow.trainee_id == _trainee_id(trainee), SessionRow.status == STATUS_FINISHED,
               SESSION_SCORE.is_not(None))
        .group_by(SessionRow.scenario_id))
    return {scenario_id: int(best) for scenario_id, best in rows}
