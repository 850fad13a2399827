"""Storage speed: 100,000 sessions (1,000,000 turns), then the queries the apps depend on.

Run:  python bench/storage_bench.py                       # SQLite in a temporary folder
      python bench/storage_bench.py --sessions 10000      # smaller, quicker
      python bench/storage_bench.py --url postgresql+psycopg://roleplay@127.0.0.1:54329/bench
          (an existing, empty database: it is filled, and left for inspection)
Goals (issue 4): list and filter a page <= 100 ms; open one session with its audio <= 200 ms.
Also printed: the per-trainee progress query time, and the database size per hour of audio.

The fill writes realistic rows (real scorer output, evidence and word timings for each turn)
with bulk inserts; the sessions with audio are recorded through the repository and the audio
chunk writer exactly as the app records them.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import column, func, select, table, text  # noqa: E402

from app.domain.dialogue import CallSession, ManualClock  # noqa: E402
from app.domain.scenarios import load_library  # noqa: E402
from app.domain.scoring import ReplyScorer, WordTiming  # noqa: E402
from app.storage import Database, SessionFilter, SessionRepository, TurnData  # noqa: E402
from app.storage.database import compact_json  # noqa: E402
from app.storage.models import AudioChunkRow  # noqa: E402
from app.storage.records import pack_words  # noqa: E402
from app.storage.rows import (  # noqa: E402
    COUNTED_EMPATHETIC_SCORE,
    COUNTED_HIGH_INTENSITY,
    person_uuid,
    snapshot_hash,
)

TURNS_PER_SESSION = 10
BATCH_SESSIONS = 2000


def fake_words(text: str, start: float = 1.2) -> list[WordTiming]:
    words, t = [], start
    for word in text.split():
        words.append(WordTiming(word, round(t, 2), round(t + 0.3, 2), 0.9))
        t += 0.38
    return words


def turn_templates(library, rng: random.Random) -> dict[str, list[list[TurnData]]]:
    """For each scenario, a few real calls played with labelled replies: scores, evidence, words."""
    replies: dict[str, list[str]] = {"en": [], "zh": []}
    for path in sorted((REPO / "tests" / "data").glob("replies_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                replies[row["lang"]].append(row["text"])
    scorer = ReplyScorer()
    templates: dict[str, list[list[TurnData]]] = {}
    for scenario in library.sorted():
        lang = scenario.language.value
        calls = []
        for _ in range(4):
            call = CallSession(scenario, scorer, ManualClock())
            call.start()
            turns = []
            while not call.finished and len(turns) < TURNS_PER_SESSION:
                reply = rng.choice(replies[lang])
                words = fake_words(reply) if lang == "en" else fake_words(" ".join(reply[i:i + 2] for i in range(0, len(reply), 2)))
                turns.append(TurnData.from_domain(call.reply(reply, words=words), recogniser=f"vosk:{lang}"))
            calls.append(turns)
        templates[scenario.id] = calls
    return templates


class RowWriter:
    """Bulk inserts that skip per-row type processing: JSON is serialised once per template and
    UUIDs and timestamps are given in the form each engine stores them (as SQLAlchemy would)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.sqlite = database.dialect == "sqlite"

    def uuid(self, value: uuid.UUID):  # type: ignore[no-untyped-def]
        return value.hex if self.sqlite else value

    def time(self, value: datetime):  # type: ignore[no-untyped-def]
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else value

    def insert(self, conn, name: str, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
        if not rows:
            return
        columns = list(rows[0])
        if self.sqlite:
            conn.execute(table(name, *(column(key) for key in columns)).insert(), rows)
            return
        quoted = ", ".join(f'"{key}"' for key in columns)  # PostgreSQL: COPY, far faster than INSERT
        with conn.connection.driver_connection.cursor() as cursor, \
                cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[key] for key in columns])


def fill(database: Database, library, sessions: int, trainees: int, seed: int) -> None:
    rng = random.Random(seed)
    templates = turn_templates(library, rng)
    scenarios = library.sorted()
    now = datetime.now(UTC)
    w = RowWriter(database)
    with database.engine.begin() as conn:
        names = [f"Trainee {n:03d}" for n in range(trainees)]
        w.insert(conn, "people", [
            {"id": n + 1, "uuid": w.uuid(person_uuid(name, "trainee")), "name": name, "role": "trainee",
             "created_at": w.time(now)} for n, name in enumerate(names)])
        snapshot_ids = {}
        for n, scenario in enumerate(scenarios, start=1):
            content = scenario.model_dump(mode="json")
            w.insert(conn, "scenario_snapshots", [{
                "id": n, "scenario_id": scenario.id, "version": scenario.version, "language": content["language"],
                "title": scenario.title, "content": compact_json(content), "content_hash": snapshot_hash(content),
                "created_at": w.time(now)}])
            snapshot_ids[scenario.id] = n
    # Each template turn's JSON, serialised once.
    frozen = {id(t): {"tips": compact_json(list(t.tips)), "words": compact_json(pack_words(t.words)),
                      "dims": [(d.name, d.score, d.tip, compact_json(d.details), compact_json(d.evidence))
                               for d in t.dimensions]}
              for calls in templates.values() for call in calls for t in call}
    turn_id = dim_id = 0
    started = time.perf_counter()
    for first in range(0, sessions, BATCH_SESSIONS):
        session_rows, turn_rows, dim_rows = [], [], []
        for session_id in range(first + 1, min(sessions, first + BATCH_SESSIONS) + 1):
            scenario = rng.choice(scenarios)
            call = rng.choice(templates[scenario.id])
            begun = now - timedelta(days=365) + timedelta(seconds=session_id * 300 + rng.randint(0, 200))
            overall = []
            totals: dict[str, list[float]] = {}
            high = answered = 0  # the intervention counts, as the repository stores them
            for index in range(TURNS_PER_SESSION):
                t = call[index % len(call)]
                json_of = frozen[id(t)]
                turn_id += 1
                overall.append(t.overall)
                if t.intensity_before >= COUNTED_HIGH_INTENSITY:
                    high += 1
                    answered += any(d.name == "empathy" and d.score >= COUNTED_EMPATHETIC_SCORE for d in t.dimensions)
                for name, score in [("overall", t.overall)] + [(d.name, d.score) for d in t.dimensions]:
                    total = totals.setdefault(name, [0.0, 0])
                    total[0] += score
                    total[1] += 1
                turn_rows.append({
                    "id": turn_id, "uuid": w.uuid(uuid.uuid4()), "session_id": session_id, "index": index,
                    "customer_text": t.customer_text, "stage": t.stage, "mood_band": t.mood_band,
                    "reply_text": t.reply_text, "latency_s": t.latency_s, "intensity_before": t.intensity_before,
                    "intensity_after": t.intensity_after, "overall": t.overall, "overall_override": None,
                    "tips": json_of["tips"], "recogniser": t.recogniser, "words": json_of["words"],
                    "ended_at": w.time(begun + timedelta(seconds=30 * (index + 1)))})
                for name, score, tip, details, evidence in json_of["dims"]:
                    dim_id += 1
                    dim_rows.append({"id": dim_id, "turn_id": turn_id, "name": name, "score": score,
                                     "score_override": None, "tip": tip, "details": details, "evidence": evidence})
            outcome = rng.choice(("resolved", "escalated", "abandoned"))
            curve = [scenario.persona.intensity] + [t.intensity_after for t in call][:TURNS_PER_SESSION]
            session_rows.append({
                "id": session_id, "uuid": w.uuid(uuid.uuid4()), "trainee_id": rng.randint(1, trainees),
                "scenario_snapshot_id": snapshot_ids[scenario.id], "scenario_id": scenario.id,
                "scenario_version": scenario.version, "language": scenario.language.value,
                "emotion": scenario.persona.emotion.value, "difficulty": scenario.difficulty,
                "started_at": w.time(begun), "ended_at": w.time(begun + timedelta(minutes=6)),
                "last_activity_at": w.time(begun), "status": "finished", "outcome": outcome,
                "end_reason": "agreed" if outcome == "resolved" else "out_of_turns",
                "emotion_curve": compact_json(curve), "average_score": round(sum(overall) / len(overall)),
                "score_totals": compact_json(dict(sorted(totals.items()))),
                "turn_count": TURNS_PER_SESSION, "high_turns": high, "high_turns_answered": answered,
                "app_version": "bench", "hostname": "bench-laptop",
                "owner_pid": None, "owner_started": None})
        with database.engine.begin() as conn:
            w.insert(conn, "sessions", session_rows)
            w.insert(conn, "turns", turn_rows)
            w.insert(conn, "dimension_scores", dim_rows)
        done = min(sessions, first + BATCH_SESSIONS)
        rate = done / (time.perf_counter() - started)
        if sys.stdout.isatty() or done == sessions or done % 20_000 == 0:
            end = "" if sys.stdout.isatty() and done < sessions else "\n"
            print(f"\r  filled {done:,} sessions ({done * TURNS_PER_SESSION:,} turns), {rate:,.0f} sessions/s",
                  end=end, flush=True)
    with database.engine.begin() as conn:
        if database.dialect == "postgresql":  # explicit ids were used: move the sequences on
            for name in ("people", "scenario_snapshots", "sessions", "turns", "dimension_scores"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"))
        conn.execute(text("ANALYZE"))


def speech_pcm(seconds: float, rate: int) -> bytes:
    """Real speech from espeak-ng when it is installed (it compresses like speech does), else a
    speech-like synthetic signal; looped or cut to `seconds`."""
    samples = None
    if shutil.which("espeak-ng"):
        with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
            subprocess.run(["espeak-ng", "-w", wav.name, "I'm so sorry for the wait, I can hear how frustrating "
                            "this is. So the parcel still hasn't arrived, is that right? I will send a replacement "
                            "by courier and email you the tracking number within the hour."], check=True)
            import wave

            with wave.open(wav.name) as w:
                source_rate = w.getframerate()
                source = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
            positions = np.arange(0, len(source) / source_rate, 1 / rate)
            samples = np.interp(positions, np.arange(len(source)) / source_rate, source)
    if samples is None:
        rng = np.random.default_rng(1)
        t = np.arange(int(rate * 4)) / rate
        envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3 * t)
        samples = envelope * (3000 * np.sin(2 * np.pi * 140 * t) + 1500 * np.sin(2 * np.pi * 280 * t)
                              + rng.normal(0, 300, len(t)))
    samples = np.resize(samples, int(seconds * rate)) + np.random.default_rng(2).normal(0, 60, int(seconds * rate))
    return np.clip(samples, -32768, 32767).astype("<i2").tobytes()


def record_with_audio(repository: SessionRepository, library, count: int) -> list[uuid.UUID]:
    """Sessions recorded the way the app records them: turns, then both sides' audio in chunks."""
    scenario = library.scenarios["en-complaint-late-parcel"]
    customer = speech_pcm(4.0, 22050)
    trainee = speech_pcm(8.0, 16000)
    made = []
    for _ in range(count):
        session_uuid = repository.start_session("Trainee 000", scenario)
        call = CallSession(scenario, ReplyScorer(), ManualClock())
        call.start()
        for index in range(TURNS_PER_SESSION):
            if call.finished:
                break
            repository.store_audio(session_uuid, index, "customer", customer, 22050)
            with repository.open_audio(session_uuid, index, "trainee", 16000) as writer:
                for start in range(0, len(trainee), 3200):  # 0.1 s blocks, as a microphone delivers them
                    writer.write(trainee[start:start + 3200])
            reply = "I understand, let me look into that for you." if index % 2 else "I'm sorry, I can hear that."
            repository.append_turn(session_uuid, TurnData.from_domain(call.reply(reply, words=fake_words(reply))))
        repository.finish_session(session_uuid, outcome="abandoned", end_reason="out_of_turns")
        made.append(session_uuid)
    return made


def timed(action, rounds: int = 7) -> float:
    """Median wall time of `action` in milliseconds (after one warm-up run)."""
    action()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(repository: SessionRepository, with_audio: list[uuid.UUID]) -> None:
    total = repository.count_sessions()
    print(f"\n{total:,} sessions in the database")
    page = 50
    cases = {
        "newest page (no filter)": SessionFilter(),
        "one trainee": SessionFilter(trainee="Trainee 042"),
        "scenario + outcome": SessionFilter(scenario_id="en-complaint-late-parcel", outcome="resolved"),
        "emotion + score 60-80": SessionFilter(emotion="anxious", min_score=60, max_score=80),
        "emotion + outcome": SessionFilter(emotion="angry", outcome="escalated"),
        "date range (one month)": SessionFilter(started_from=datetime.now(UTC) - timedelta(days=200),
                                                started_before=datetime.now(UTC) - timedelta(days=170)),
        "trainee + language + score": SessionFilter(trainee="Trainee 007", language="zh", min_score=50),
    }
    print(f"\nList and filter one page of {page}, goal <= 100 ms (and the total count, for a scroll bar):")
    for label, filters in cases.items():
        ms = timed(lambda f=filters: repository.list_sessions(f, limit=page))
        count_ms = timed(lambda f=filters: repository.count_sessions(f))
        print(f"  {label:32s} {ms:7.1f} ms   count {count_ms:6.1f} ms ({repository.count_sessions(filters):,})")
    deep = timed(lambda: repository.list_sessions(limit=page, offset=total // 2))
    print(f"  {'page in the middle (offset)':32s} {deep:7.1f} ms")
    by_score = timed(lambda: repository.list_sessions(limit=page, order_by="average_score"))
    print(f"  {'sorted by score':32s} {by_score:7.1f} ms")

    def open_with_audio() -> None:
        detail = repository.load_session(with_audio[0])
        for clip in repository.load_session_audio(detail.uuid).values():
            clip.to_wav()

    def open_turn_by_turn() -> None:
        detail = repository.load_session(with_audio[0])
        for track in detail.audio:
            repository.load_audio(detail.uuid, track.turn_index, track.side).to_wav()

    detail = repository.load_session(with_audio[0])
    seconds = sum(a.duration_s for a in detail.audio)
    print(f"\nOpen one session with its audio ({len(detail.turns)} turns, {len(detail.audio)} tracks, "
          f"{seconds:.0f} s of sound, as WAV), goal <= 200 ms:")
    print(f"  {'session + all audio':32s} {timed(open_with_audio):7.1f} ms")
    print(f"  {'session + each track on its own':32s} {timed(open_turn_by_turn):7.1f} ms")
    first = detail.audio[0]
    one = timed(lambda: repository.load_audio(detail.uuid, first.turn_index, first.side))
    print(f"  {'one track (lazy, on demand)':32s} {one:7.1f} ms")
    print(f"  {'session only (audio lazily)':32s} {timed(lambda: repository.load_session(with_audio[0])):7.1f} ms")

    progress = repository.trainee_progress("Trainee 042")
    ms = timed(lambda: repository.trainee_progress("Trainee 042"), rounds=5)
    print(f"\nPer-trainee progress ({progress.sessions:,} sessions, "
          f"{sum(1 for _ in progress.timeline) * TURNS_PER_SESSION:,} turns): {ms:.1f} ms")


def audio_size_per_hour(repository: SessionRepository, library, sessions: int) -> list[uuid.UUID]:
    database = repository.database
    before = database.size_bytes()
    started = time.perf_counter()
    made = record_with_audio(repository, library, sessions)
    elapsed = time.perf_counter() - started
    after = database.size_bytes()
    with database.read() as db:
        stored = db.scalar(select(func.sum(func.length(AudioChunkRow.data)))) or 0
        frames = db.execute(text("SELECT sum(frames * 1.0 / sample_rate) FROM audio_tracks")).scalar() or 0
    hours = float(frames) / 3600
    print(f"\nAudio: {sessions} sessions recorded with both sides ({float(frames) / 60:.1f} min of sound) in "
          f"{elapsed:.1f} s")
    print(f"  compressed audio per hour of sound: {stored / hours / 1e6:7.1f} MB "
          f"(raw 16 kHz 16-bit mono would be {16000 * 2 * 3600 / 1e6:.1f} MB)")
    print(f"  database growth per hour of sound:  {(after - before) / hours / 1e6:7.1f} MB")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an empty database to fill (default: a new SQLite file in a temp folder)")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--audio-sessions", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    args = parser.parse_args()

    folder = None
    url = args.url
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="roleplay-bench-"))
        url = f"sqlite+pysqlite:///{folder / 'bench.sqlite3'}"
    database = Database.open(url)
    repository = SessionRepository(database)
    print(f"Database: {database.description}")
    if repository.count_sessions():
        print("The database is not empty: give an empty one.", file=sys.stderr)
        return 2
    library = load_library([REPO / "scenarios"])
    started = time.perf_counter()
    fill(database, library, args.sessions, args.trainees, seed=4)
    print(f"  fill took {time.perf_counter() - started:.0f} s; database {database.size_bytes() / 1e6:,.0f} MB")
    with_audio = audio_size_per_hour(repository, library, args.audio_sessions)
    measure(repository, with_audio)
    database.close()
    if folder is not None:
        if args.keep:
            print(f"\nKept {folder}")
        else:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
