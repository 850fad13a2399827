"""Database health: the engine's own integrity check plus the app's consistency rules.

Used by `roleplay db check`, by the kill and fault tests, and by IT after an incident.
An empty list means healthy.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select, text

from app.storage.database import Database
from app.storage.errors import DamagedDatabaseError
from app.storage.models import AudioChunkRow, AudioTrackRow, DimensionScoreRow, SessionRow, TurnRow
from app.storage.records import OVERALL, STATUS_FINISHED
from app.storage.rows import intervention_counts

REQUIRED_DIMENSIONS = ("empathy", "forbidden", "structure")


def check_database(database: Database) -> list[str]:
    problems: list[str] = []
    if database.dialect == "sqlite":
        try:
            with database.read() as db:
                verdict = [row[0] for row in db.execute(text("PRAGMA integrity_check"))]
                if verdict != ["ok"]:
                    problems += [f"integrity_check: {line}" for line in verdict]
                problems += [f"foreign_key_check: {tuple(row)}"
                             for row in db.execute(text("PRAGMA foreign_key_check"))]
        except DamagedDatabaseError as error:  # too damaged for the check itself to run
            return [f"unreadable: {error.detail}"]
    try:
        return problems + _consistency_problems(database)
    except DamagedDatabaseError as error:  # a damaged page the engine's check reported already
        return problems + [f"unreadable: {error.detail}"]


def _consistency_problems(database: Database) -> list[str]:
    """The app's own rules: counts, indexes and totals that must agree with the rows."""
    problems: list[str] = []
    with database.read() as db:
        turns = (select(TurnRow.session_id, func.count(TurnRow.id).label("n"), func.max(TurnRow.index).label("last"))
                 .group_by(TurnRow.session_id).subquery())
        for uuid, stored, counted, last in db.execute(
                select(SessionRow.uuid, SessionRow.turn_count, func.coalesce(turns.c.n, 0), turns.c.last)
                .outerjoin(turns, turns.c.session_id == SessionRow.id)):
            if counted and last != counted - 1:
                problems.append(f"session {uuid}: turn indexes are not 0..{counted - 1}")
            if stored != counted:
                problems.append(f"session {uuid}: turn_count {stored} but {counted} turns stored")

        scored = (select(DimensionScoreRow.turn_id, func.count(DimensionScoreRow.id).label("n"))
                  .where(DimensionScoreRow.name.in_(REQUIRED_DIMENSIONS))
                  .group_by(DimensionScoreRow.turn_id).subquery())
        for uuid, count in db.execute(
                select(TurnRow.uuid, func.coalesce(scored.c.n, 0)).outerjoin(scored, scored.c.turn_id == TurnRow.id)
                .where(func.coalesce(scored.c.n, 0) != len(REQUIRED_DIMENSIONS))):
            problems.append(f"turn {uuid}: {count} of the {len(REQUIRED_DIMENSIONS)} required dimension scores")

        chunks = (select(AudioChunkRow.track_id, func.count(AudioChunkRow.id).label("n"),
                         func.coalesce(func.sum(AudioChunkRow.frames), 0).label("frames"),
                         func.max(AudioChunkRow.seq).label("last"))
                  .group_by(AudioChunkRow.track_id).subquery())
        for uuid, chunk_count, frames, n, chunk_frames, last in db.execute(
                select(AudioTrackRow.uuid, AudioTrackRow.chunk_count, AudioTrackRow.frames,
                       func.coalesce(chunks.c.n, 0), func.coalesce(chunks.c.frames, 0), chunks.c.last)
                .outerjoin(chunks, chunks.c.track_id == AudioTrackRow.id)):
            if chunk_count != n or frames != chunk_frames:
                problems.append(f"audio {uuid}: header says {chunk_count} chunks/{frames} frames, "
                                f"found {n}/{chunk_frames}")
            if n and last != n - 1:
                problems.append(f"audio {uuid}: chunk sequence has gaps")

        problems += _score_total_problems(db)
        problems += _intervention_count_problems(db)

        for (uuid,) in db.execute(select(SessionRow.uuid).where(SessionRow.status == STATUS_FINISHED,
                                                                 SessionRow.ended_at.is_(None))):
            problems.append(f"session {uuid}: finished without an end time")
    return problems


def _score_total_problems(db) -> list[str]:
    """Each session's stored score totals must equal what its turns add up to."""
    actual: dict[int, dict[str, list[float]]] = defaultdict(dict)
    for session_id, total, count in db.execute(
            select(TurnRow.session_id, func.sum(func.coalesce(TurnRow.overall_override, TurnRow.overall)),
                   func.count(TurnRow.id)).group_by(TurnRow.session_id)):
        actual[session_id][OVERALL] = [float(total), int(count)]
    for session_id, name, total, count in db.execute(
            select(TurnRow.session_id, DimensionScoreRow.name,
                   func.sum(func.coalesce(DimensionScoreRow.score_override, DimensionScoreRow.score)),
                   func.count(DimensionScoreRow.id))
            .join(TurnRow, DimensionScoreRow.turn_id == TurnRow.id)
            .group_by(TurnRow.session_id, DimensionScoreRow.name)):
        actual[session_id][name] = [float(total), int(count)]
    problems = []
    for session_id, uuid, stored in db.execute(select(SessionRow.id, SessionRow.uuid, SessionRow.score_totals)):
        expected = actual.get(session_id, {})
        if {k: [float(t), int(c)] for k, (t, c) in (stored or {}).items()} != expected:
            problems.append(f"session {uuid}: stored score totals {stored} but the turns add up to {expected}")
    return problems


def _intervention_count_problems(db) -> list[str]:
    """Each session's stored intervention counts must equal what its turns count up to."""
    counted = {session_id: (int(high), int(answered)) for session_id, high, answered in db.execute(intervention_counts())}
    return [f"session {uuid}: stored intervention counts {(high, answered)} but the turns count "
            f"{counted.get(session_id, (0, 0))}"
            for session_id, uuid, high, answered in db.execute(
                select(SessionRow.id, SessionRow.uuid, SessionRow.high_turns, SessionRow.high_turns_answered))
            if (high, answered) != counted.get(session_id, (0, 0))]
