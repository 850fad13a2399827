"""Moving sessions between machines (JSON, audio included) and out to spreadsheets (CSV).

JSON import is idempotent: sessions, turns, comments and overrides keep their UUIDs, so importing
the same file twice, or a file that overlaps what is already there, adds nothing twice. What an
import accepts is `app.storage.import_schema`: the whole file is checked before anything is written.
"""

from __future__ import annotations

import base64
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.scoring import OVERALL_WEIGHTS
from app.domain.scoring.call_score import CALL_ITEMS
from app.storage.database import Database
from app.storage.errors import NotFoundError
from app.storage.import_schema import EXPORT_FORMAT, EXPORT_VERSION, SessionDoc, field_error, parse_export
from app.storage.models import (
    AudioChunkRow,
    AudioTrackRow,
    CommentRow,
    DimensionScoreRow,
    ScoreOverrideRow,
    SessionRow,
    TurnRow,
)
from app.storage.queries import filtered
from app.storage.records import (
    OVERALL,
    ROLE_TRAINEE,
    ROLE_TRAINER,
    STATUS_IN_PROGRESS,
    STATUS_INTERRUPTED,
    SessionFilter,
    pack_words,
    unpack_words,
)
from app.storage.rows import person_row, refresh_session_scores, snapshot_row

DIMENSIONS = tuple(OVERALL_WEIGHTS)  # empathy, structure, forbidden, pace
BATCH = 200


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: int  # already there (their new comments and overrides are still added)
    comments_added: int
    overrides_added: int


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def iter_session_rows(database: Database, filters: SessionFilter) -> Iterator[tuple[Session, SessionRow]]:
    """Matching sessions, oldest first, loaded a batch at a time with their turns and scores."""
    with database.read() as db:
        ids = list(db.scalars(filtered(select(SessionRow.id), filters)
                              .order_by(SessionRow.started_at, SessionRow.id)))
        for start in range(0, len(ids), BATCH):
            batch = db.scalars(
                select(SessionRow).where(SessionRow.id.in_(ids[start:start + BATCH]))
                .order_by(SessionRow.started_at, SessionRow.id)
                .options(selectinload(SessionRow.turns).selectinload(TurnRow.dimensions),
                         selectinload(SessionRow.trainee), selectinload(SessionRow.scenario))).all()
            for row in batch:
                yield db, row
            db.expunge_all()


# -- JSON ---------------------------------------------------------------------------------------
def session_to_json(db: Session, row: SessionRow, with_audio: bool) -> dict[str, Any]:
    turn_uuid = {t.id: str(t.uuid) for t in row.turns}
    data: dict[str, Any] = {
        "id": str(row.uuid), "trainee": row.trainee.name,
        "scenario": {"id": row.scenario_id, "version": row.scenario_version, "content": row.scenario.content},
        "language": row.language, "emotion": row.emotion, "difficulty": row.difficulty,
        "started_at": _time(row.started_at), "ended_at": _time(row.ended_at),
        "last_activity_at": _time(row.last_activity_at), "status": row.status, "outcome": row.outcome,
        "end_reason": row.end_reason, "emotion_curve": row.emotion_curve, "average_score": row.average_score,
        "call_score": row.call_score, "call_items": row.call_items, "scorer_version": row.scorer_version,
        "app_version": row.app_version, "hostname": row.hostname,
        "example": {"mark": row.example_mark, "note": row.example_note} if row.example_mark else None,
        "turns": [{
            "id": str(t.uuid), "index": t.index, "customer": t.customer_text, "stage": t.stage,
            "mood_band": t.mood_band, "reply": t.reply_text, "latency_s": t.latency_s,
            "intensity_before": t.intensity_before, "intensity_after": t.intensity_after,
            "overall": t.overall, "overall_override": t.overall_override, "tips": t.tips,
            "recogniser": t.recogniser, "words": unpack_words(t.words), "ended_at": _time(t.ended_at),
            "moment": t.moment,
            "dimensions": [{"name": d.name, "score": d.score, "override": d.score_override, "tip": d.tip,
                            "details": d.details, "evidence": d.evidence} for d in t.dimensions],
        } for t in row.turns],
        "comments": [{
            "id": str(c.uuid), "turn": turn_uuid.get(c.turn_id) if c.turn_id else None, "offset_s": c.offset_s,
            "author": c.author.name if c.author else None, "text": c.text, "created_at": _time(c.created_at),
        } for c in db.scalars(select(CommentRow).where(CommentRow.session_id == row.id).order_by(CommentRow.id))],
        "overrides": [{
            "id": str(o.uuid), "turn": turn_uuid[o.turn_id], "dimension": o.dimension,
            "original_score": o.original_score, "new_score": o.new_score, "reason": o.reason,
            "author": o.author.name if o.author else None, "created_at": _time(o.created_at),
        } for o in db.scalars(select(ScoreOverrideRow).where(ScoreOverrideRow.session_id == row.id)
                              .order_by(ScoreOverrideRow.id))],
    }
    if with_audio:
        data["audio"] = [{
            "id": str(a.uuid), "turn_index": a.turn_index, "side": a.side, "sample_rate": a.sample_rate,
            "channels": a.channels, "codec": a.codec, "complete": a.complete,
            "chunks": [{"frames": frames, "data": base64.b64encode(blob).decode("ascii")}
                       for frames, blob in db.execute(select(AudioChunkRow.frames, AudioChunkRow.data)
                                                      .where(AudioChunkRow.track_id == a.id)
                                                      .order_by(AudioChunkRow.seq))],
        } for a in db.scalars(select(AudioTrackRow).where(AudioTrackRow.session_id == row.id)
                              .order_by(AudioTrackRow.turn_index, AudioTrackRow.side))]
    return data


def session_document(database: Database, session_uuid: UUID, with_audio: bool = False) -> dict[str, Any]:
    """One session in the export's JSON shape (`sessions show --json` prints this, `export` writes
    a list of them); raises `NotFoundError` for an unknown session."""
    with database.read() as db:
        row = db.scalar(select(SessionRow).where(SessionRow.uuid == session_uuid)
                        .options(selectinload(SessionRow.turns).selectinload(TurnRow.dimensions),
                                 selectinload(SessionRow.trainee), selectinload(SessionRow.scenario)))
        if row is None:
            raise NotFoundError(str(session_uuid), id=str(session_uuid))
        return session_to_json(db, row, with_audio)


def export_json(database: Database, out: IO[str], filters: SessionFilter | None = None,
                with_audio: bool = True) -> int:
    """Write matching sessions as one JSON document, streaming; returns how many."""
    out.write(json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION})[:-1] + ', "sessions": [')
    count = 0
    for db, row in iter_session_rows(database, filters or SessionFilter()):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(session_to_json(db, row, with_audio), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def import_json(database: Database, source: IO[str]) -> ImportReport:
    """Add the sessions of an export that are not here yet, and the review of those that are.

    The whole file is checked first (`parse_export`), then written in one transaction: a bad
    session anywhere writes nothing. A turn's original scores are never taken from the file for a
    session already here, nor for its overrides' "original" (that is this database's own score).
    """
    sessions = parse_export(source)
    imported = skipped = comments = overrides = 0
    with database.write() as db:
        for number, session in enumerate(sessions, start=1):
            existing = db.scalar(select(SessionRow).where(SessionRow.uuid == session.id))
            if existing is None:
                _check_ids_free(db, number, session)
                existing = _insert_session(db, session)
                imported += 1
            else:
                skipped += 1
            added_comments, added_overrides = _merge_review(db, number, existing, session)
            comments += added_comments
            overrides += added_overrides
    return ImportReport(imported, skipped, comments, overrides)


def _check_ids_free(db: Session, number: int, data: SessionDoc) -> None:
    """A new session's turns and recordings must not carry ids that rows of another session have."""
    for kind, model, ids in (("turns", TurnRow, [t.id for t in data.turns]),
                             ("audio", AudioTrackRow, [a.id for a in data.audio])):
        taken = set(db.scalars(select(model.uuid).where(model.uuid.in_(ids)))) if ids else set()
        for position, uuid in enumerate(ids):
            if uuid in taken:
                raise field_error(number, data.id, f"{kind}[{position}].id", "@import.taken")


def _insert_session(db: Session, data: SessionDoc) -> SessionRow:
    example = data.example
    in_progress = data.status == STATUS_IN_PROGRESS  # its recorder is elsewhere: interrupted here
    row = SessionRow(
        uuid=data.id, trainee_id=person_row(db, data.trainee, ROLE_TRAINEE).id,
        scenario_snapshot_id=snapshot_row(db, data.scenario.content).id, scenario_id=data.scenario.id,
        scenario_version=data.scenario.version, language=data.language, emotion=data.emotion,
        difficulty=data.difficulty, started_at=data.started_at,
        ended_at=data.ended_at or (data.last_activity_at or data.started_at if in_progress else None),
        last_activity_at=data.last_activity_at or data.started_at,
        status=STATUS_INTERRUPTED if in_progress else data.status,
        outcome=data.outcome, end_reason=data.end_reason, emotion_curve=list(data.emotion_curve),
        average_score=None, score_totals={}, turn_count=len(data.turns),
        call_score=data.call_score,
        call_items=[item.model_dump() for item in data.call_items or ()] if data.call_score is not None else None,
        scorer_version=data.scorer_version if data.call_score is not None else None,
        app_version=data.app_version, hostname=data.hostname, owner_pid=None, owner_started=None,
        example_mark=example.mark if example else None, example_note=example.note if example else None,
    )
    for t in data.turns:  # overrides come from the file's override records (merged next), never inline
        row.turns.append(TurnRow(
            uuid=t.id, index=t.index, customer_text=t.customer, stage=t.stage, mood_band=t.mood_band,
            reply_text=t.reply, latency_s=t.latency_s, intensity_before=t.intensity_before,
            intensity_after=t.intensity_after, overall=t.overall, overall_override=None, tips=list(t.tips),
            recogniser=t.recogniser, words=pack_words(w.model_dump() for w in t.words), ended_at=t.ended_at,
            moment=t.moment,
            dimensions=[DimensionScoreRow(name=d.name, score=d.score, score_override=None, tip=d.tip,
                                          details=d.details, evidence=[e.model_dump() for e in d.evidence])
                        for d in t.dimensions],
        ))
    db.add(row)
    refresh_session_scores(row)
    db.flush()  # the row's id, for its audio tracks and the review merged next
    for a in data.audio:
        track = AudioTrackRow(
            uuid=a.id, session_id=row.id, turn_index=a.turn_index, side=a.side, sample_rate=a.sample_rate,
            channels=a.channels, codec=a.codec, frames=sum(c.frames for c in a.chunks),
            chunk_count=len(a.chunks), complete=a.complete, created_at=row.started_at)
        db.add(track)
        db.flush()
        db.add_all(AudioChunkRow(track_id=track.id, seq=seq, frames=c.frames, data=c.decoded())
                   for seq, c in enumerate(a.chunks))
    return row


def _merge_review(db: Session, number: int, row: SessionRow, data: SessionDoc) -> tuple[int, int]:
    """Add the file's comments and overrides this database lacks. An override's original score is
    this database's own score of that turn, whatever the file says."""
    turns = {t.uuid: t for t in db.scalars(select(TurnRow).where(TurnRow.session_id == row.id)
                                           .options(selectinload(TurnRow.dimensions)))}
    comment_ids = [c.id for c in data.comments]
    override_ids = [o.id for o in data.overrides]
    comment_owner: dict[UUID, int] = {uuid: owner for uuid, owner in db.execute(
        select(CommentRow.uuid, CommentRow.session_id).where(CommentRow.uuid.in_(comment_ids)))} if comment_ids else {}
    override_owner: dict[UUID, int] = {uuid: owner for uuid, owner in db.execute(
        select(ScoreOverrideRow.uuid, ScoreOverrideRow.session_id)
        .where(ScoreOverrideRow.uuid.in_(override_ids)))} if override_ids else {}

    def author_id(name: str | None) -> int | None:
        return person_row(db, name, ROLE_TRAINER).id if name else None

    comments = overrides = 0
    for position, c in enumerate(data.comments):
        if c.id in comment_owner:
            if comment_owner[c.id] != row.id:
                raise field_error(number, data.id, f"comments[{position}].id", "@import.taken")
            continue
        turn = turns.get(c.turn) if c.turn is not None else None
        if c.turn is not None and turn is None:
            raise field_error(number, data.id, f"comments[{position}].turn", "@import.unknown_turn")
        db.add(CommentRow(uuid=c.id, session_id=row.id, turn_id=turn.id if turn else None, offset_s=c.offset_s,
                          author_id=author_id(c.author), text=c.text, created_at=c.created_at))
        comments += 1
    for position, o in enumerate(data.overrides):
        if o.id in override_owner:
            if override_owner[o.id] != row.id:
                raise field_error(number, data.id, f"overrides[{position}].id", "@import.taken")
            continue
        turn = turns.get(o.turn)
        if turn is None:
            raise field_error(number, data.id, f"overrides[{position}].turn", "@import.unknown_turn")
        original = turn.overall if o.dimension == OVERALL else next(
            (d.score for d in turn.dimensions if d.name == o.dimension), None)
        if original is None:
            raise field_error(number, data.id, f"overrides[{position}].dimension", "@import.unknown_score")
        db.add(ScoreOverrideRow(uuid=o.id, session_id=row.id, turn_id=turn.id, dimension=o.dimension,
                                original_score=original, new_score=o.new_score, reason=o.reason,
                                author_id=author_id(o.author), created_at=o.created_at))
        overrides += 1
    if overrides:
        _apply_latest_overrides(db, row.id)
    return comments, overrides


def _apply_latest_overrides(db: Session, session_id: int) -> None:
    db.flush()
    latest: dict[tuple[int, str], int] = {}
    for o in db.scalars(select(ScoreOverrideRow).where(ScoreOverrideRow.session_id == session_id)
                        .order_by(ScoreOverrideRow.created_at, ScoreOverrideRow.id)):
        latest[(o.turn_id, o.dimension)] = o.new_score
    for (turn_id, dimension), value in latest.items():
        turn = db.get(TurnRow, turn_id)
        assert turn is not None
        if dimension == OVERALL:
            turn.overall_override = value
        else:
            for d in turn.dimensions:
                if d.name == dimension:
                    d.score_override = value
    session = db.get(SessionRow, session_id)
    assert session is not None
    refresh_session_scores(session)


# -- CSV ----------------------------------------------------------------------------------------
CSV_SESSION_FIELDS = ("session_id", "trainee", "scenario", "scenario_id", "scenario_version", "language", "emotion",
                      "difficulty", "started_at", "ended_at", "status", "outcome", "end_reason", "session_average",
                      "call_score", *(f"item_{name}" for name in CALL_ITEMS))
CSV_TURN_FIELDS = ("turn", "turn_id", "stage", "mood_band", "customer", "reply", "latency_s",
                   "intensity_before", "intensity_after", "recogniser", "overall", "overall_override")


def _item_cells(session: SessionRow) -> list[Any]:
    """The call items' scores in `CALL_ITEMS` order ("" where an item does not apply)."""
    scores = {i.get("name"): i.get("score") for i in (session.call_items or ())}
    return ["" if scores.get(name) is None else scores[name] for name in CALL_ITEMS]


def csv_header() -> list[str]:
    dims = [f"{name}{suffix}" for name in DIMENSIONS for suffix in ("", "_override")]
    return [*CSV_SESSION_FIELDS, *CSV_TURN_FIELDS, *dims]


def export_csv(database: Database, out: IO[str], filters: SessionFilter | None = None) -> int:
    """One row per turn with every dimension score (and any trainer override); returns the row count.
    Starts with a UTF-8 byte-order mark, so that Excel reads Chinese names and replies as UTF-8."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(csv_header())
    rows = 0
    for _db, s in iter_session_rows(database, filters or SessionFilter()):
        head = [str(s.uuid), s.trainee.name, s.scenario.title, s.scenario_id, s.scenario_version, s.language, s.emotion,
                s.difficulty, _time(s.started_at), _time(s.ended_at) or "", s.status, s.outcome or "",
                s.end_reason or "", "" if s.average_score is None else s.average_score,
                "" if s.call_score is None else s.call_score, *_item_cells(s)]
        for t in s.turns:
            dims = {d.name: d for d in t.dimensions}
            scores: list[Any] = []
            for name in DIMENSIONS:
                d = dims.get(name)
                scores += ["", ""] if d is None else [d.score, "" if d.score_override is None else d.score_override]
            writer.writerow([*head, t.index, str(t.uuid), t.stage or "", t.mood_band, t.customer_text,
                             t.reply_text, "" if t.latency_s is None else round(t.latency_s, 3),
                             t.intensity_before, t.intensity_after, t.recogniser or "", t.overall,
                             "" if t.overall_override is None else t.overall_override, *scores])
            rows += 1
    return rows

