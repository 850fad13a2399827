"""Moving sessions between machines (JSON, audio included) and out to spreadsheets (CSV).

JSON import is idempotent: sessions, turns, comments and overrides keep their UUIDs, so importing
the same file twice, or a file that overlaps what is already there, adds nothing twice.
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
from app.storage.errors import ImportFormatError, NotFoundError
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
    EXAMPLE_MARKS,
    ROLE_TRAINEE,
    ROLE_TRAINER,
    STATUS_IN_PROGRESS,
    STATUS_INTERRUPTED,
    SessionFilter,
    pack_words,
    unpack_words,
)
from app.storage.rows import person_row, refresh_session_scores, snapshot_row

EXPORT_FORMAT = "roleplay-sessions"
EXPORT_VERSION = 1
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


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


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
    """Add the sessions of an export that are not here yet; one transaction per session."""
    try:
        document = json.load(source)
    except ValueError as error:
        raise ImportFormatError(str(error)) from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportFormatError(f"not a {EXPORT_FORMAT} file")
    if int(document.get("version", 0)) > EXPORT_VERSION:
        raise ImportFormatError(f"made by a newer version (format {document.get('version')})")
    imported = skipped = comments = overrides = 0
    for number, session in enumerate(document.get("sessions") or [], start=1):
        try:
            with database.write() as db:
                existing = db.scalar(select(SessionRow).where(SessionRow.uuid == UUID(session["id"])))
                if existing is None:
                    existing = _insert_session(db, session)
                    imported += 1
                else:
                    skipped += 1
                added_comments, added_overrides = _merge_review(db, existing, session)
                comments += added_comments
                overrides += added_overrides
        except (KeyError, TypeError, ValueError) as error:
            raise ImportFormatError(f"session {number}: {type(error).__name__}: {error}") from error
    return ImportReport(imported, skipped, comments, overrides)


def _imported_call_score(data: dict[str, Any]) -> dict[str, Any]:
    """The call score of an exported session, when it is a plausible one (else none: the session
    is scored again by `sessions rescore`)."""
    score, items = data.get("call_score"), data.get("call_items")
    if not (isinstance(score, int) and not isinstance(score, bool) and 0 <= score <= 100 and isinstance(items, list)
            and all(isinstance(i, dict) and isinstance(i.get("name"), str) for i in items)):
        return {"call_score": None, "call_items": None, "scorer_version": None}
    version = data.get("scorer_version")
    return {"call_score": score, "call_items": items, "scorer_version": version if isinstance(version, str) else None}


def _insert_session(db: Session, data: dict[str, Any]) -> SessionRow:
    content = data["scenario"]["content"]
    status = data["status"]
    example = data.get("example") or {}
    row = SessionRow(
        uuid=UUID(data["id"]), trainee_id=person_row(db, data["trainee"], ROLE_TRAINEE).id,
        scenario_snapshot_id=snapshot_row(db, content).id, scenario_id=data["scenario"]["id"],
        scenario_version=int(data["scenario"]["version"]), language=data["language"], emotion=data["emotion"],
        difficulty=int(data["difficulty"]), started_at=_parse_time(data["started_at"]),
        ended_at=_parse_time(data.get("ended_at")),
        last_activity_at=_parse_time(data.get("last_activity_at") or data["started_at"]),
        status=STATUS_INTERRUPTED if status == STATUS_IN_PROGRESS else status,  # its recorder is elsewhere
        outcome=data.get("outcome"), end_reason=data.get("end_reason"), emotion_curve=list(data["emotion_curve"]),
        average_score=data.get("average_score"), score_totals={}, turn_count=len(data["turns"]),
        **_imported_call_score(data),
        app_version=str(data.get("app_version", "")), hostname=str(data.get("hostname", "")),
        owner_pid=None, owner_started=None,
        example_mark=example.get("mark") if example.get("mark") in EXAMPLE_MARKS else None,
        example_note=example.get("note") if example.get("mark") in EXAMPLE_MARKS else None,
    )
    for t in data["turns"]:
        row.turns.append(TurnRow(
            uuid=UUID(t["id"]), index=int(t["index"]), customer_text=t["customer"], stage=t.get("stage"),
            mood_band=t["mood_band"], reply_text=t["reply"], latency_s=t.get("latency_s"),
            intensity_before=int(t["intensity_before"]), intensity_after=int(t["intensity_after"]),
            overall=int(t["overall"]), overall_override=t.get("overall_override"), tips=list(t.get("tips", [])),
            recogniser=t.get("recogniser"), words=pack_words(t.get("words", [])), ended_at=_parse_time(t["ended_at"]),
            moment=t.get("moment") if isinstance(t.get("moment"), dict) else None,
            dimensions=[DimensionScoreRow(name=d["name"], score=int(d["score"]), score_override=d.get("override"),
                                          tip=d.get("tip", ""), details=dict(d.get("details", {})),
                                          evidence=list(d.get("evidence", [])))
                        for d in t["dimensions"]],
        ))
    db.add(row)
    refresh_session_scores(row)
    db.flush()  # the row's id, for its audio tracks and the review merged next
    for a in data.get("audio", []):
        track = AudioTrackRow(
            uuid=UUID(a["id"]), session_id=row.id, turn_index=int(a["turn_index"]), side=a["side"],
            sample_rate=int(a["sample_rate"]), channels=int(a["channels"]), codec=a["codec"],
            frames=sum(int(c["frames"]) for c in a["chunks"]), chunk_count=len(a["chunks"]),
            complete=bool(a["complete"]), created_at=row.started_at)
        db.add(track)
        db.flush()
        db.add_all(AudioChunkRow(track_id=track.id, seq=seq, frames=int(c["frames"]),
                                 data=base64.b64decode(c["data"])) for seq, c in enumerate(a["chunks"]))
    return row


def _merge_review(db: Session, row: SessionRow, data: dict[str, Any]) -> tuple[int, int]:
    turn_ids = {uuid: id_ for uuid, id_ in db.execute(select(TurnRow.uuid, TurnRow.id).where(TurnRow.session_id == row.id))}
    known_comments = set(db.scalars(select(CommentRow.uuid).where(CommentRow.session_id == row.id)))
    known_overrides = set(db.scalars(select(ScoreOverrideRow.uuid).where(ScoreOverrideRow.session_id == row.id)))

    def author_id(name: str | None) -> int | None:
        return person_row(db, name, ROLE_TRAINER).id if name else None

    comments = overrides = 0
    for c in data.get("comments", []):
        if UUID(c["id"]) in known_comments:
            continue
        db.add(CommentRow(uuid=UUID(c["id"]), session_id=row.id,
                          turn_id=turn_ids[UUID(c["turn"])] if c.get("turn") else None, offset_s=c.get("offset_s"),
                          author_id=author_id(c.get("author")), text=c["text"],
                          created_at=_parse_time(c["created_at"])))
        comments += 1
    for o in data.get("overrides", []):
        if UUID(o["id"]) in known_overrides:
            continue
        turn_id = turn_ids[UUID(o["turn"])]
        db.add(ScoreOverrideRow(uuid=UUID(o["id"]), session_id=row.id, turn_id=turn_id, dimension=o["dimension"],
                                original_score=int(o["original_score"]), new_score=int(o["new_score"]),
                                reason=o["reason"], author_id=author_id(o.get("author")),
                                created_at=_parse_time(o["created_at"])))
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
        if dimension == "overall":
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

