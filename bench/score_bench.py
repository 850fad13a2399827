"""Scoring speed: per-reply time of the scorer (alone, and judged against its moment of a call as a
call's turns are), throughput of a 10,000-line `score --batch`, and rescoring stored sessions on
SQLite (`roleplay sessions rescore`).

Run: python bench/score_bench.py [--lines 10000] [--rescore-sessions 100000]
Goals: <= 1 ms median per reply; 100,000 characters of a repeated lexicon word under 0.5 s; the 10k-line batch in under 20 s; rescoring 100,000 stored
sessions in <= 60 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.domain.scenarios import load_library  # noqa: E402
from app.domain.scoring import ReplyScorer  # noqa: E402


def labelled_replies() -> list[dict]:
    rows: list[dict] = []
    for path in sorted((REPO / "tests" / "data").glob("*.jsonl")):
        rows += [row for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
                 if "text" in (row := json.loads(line))]
    return rows


def per_reply_times(rows: list[dict], rounds: int) -> list[float]:
    scorer = ReplyScorer()
    library = load_library([REPO / "scenarios"])
    scenario = {"en": library.scenarios["en-complaint-late-parcel"], "zh": library.scenarios["zh-complaint-lost-baggage"]}
    for row in rows:  # warm-up: compile patterns, fill caches
        scorer.score(row["text"], row["lang"])
    times = []
    for _ in range(rounds):
        for row in rows:
            start = time.perf_counter()
            scorer.score(row["text"], row["lang"], scenario[row["lang"]])
            times.append(time.perf_counter() - start)
    return times


def per_turn_times(rows: list[dict], rounds: int) -> list[float]:
    """A reply scored as a call's turn is: against the moment it answers, with what was done before."""
    from app.domain.scoring.moments import Moment

    scorer = ReplyScorer()
    library = load_library([REPO / "scenarios"])
    scenario = {"en": library.scenarios["en-complaint-late-parcel"], "zh": library.scenarios["zh-complaint-lost-baggage"]}
    stages = ("opening", "push", "solution", "wrap")
    times = []
    for _ in range(rounds):
        for n, row in enumerate(rows):
            sc = scenario[row["lang"]]
            stage = stages[n % 4]
            line = getattr(sc.lines, stage).tense
            start = time.perf_counter()
            scorer.score(row["text"], row["lang"], sc, moment=Moment(stage, "tense", line),
                         done_before={"acknowledge"}, customer_lines=(sc.lines.opening.tense,))
            times.append(time.perf_counter() - start)
    return times


WORST_CASE = (("en", "en-complaint-late-parcel", ("sorry ", "I understand ", "so your order ", "um ")),
              ("zh", "zh-complaint-lost-baggage", ("非常", "我理解您的心情", "您别着急", "嗯")))


def worst_case_times(chars: int) -> list[tuple[str, str, float, float]]:
    """100,000 characters of a repeated lexicon word: (lang, word, seconds as the app scores it
    (cut at the reply cap), seconds with the cap lifted: the matching itself)."""
    from app.domain.scoring.moments import Moment

    library = load_library([REPO / "scenarios"])
    capped, uncapped = ReplyScorer(), ReplyScorer(max_reply_chars=chars)
    out = []
    for lang, scenario_id, words in WORST_CASE:
        scenario = library.scenarios[scenario_id]
        moment = Moment("opening", "hostile", scenario.lines.opening.hostile)
        for word in words:
            text = (word * (chars // len(word) + 1))[:chars]
            seconds = []
            for scorer in (capped, uncapped):
                start = time.perf_counter()
                scorer.score(text, lang, scenario, moment=moment)
                seconds.append(time.perf_counter() - start)
            out.append((lang, word, seconds[0], seconds[1]))
    return out


def rescore_run(sessions: int, jobs: int = 1) -> tuple[float, int]:
    """Fill a temporary SQLite database with `sessions` stored calls (storage_bench's generator:
    10 turns each, real scored replies), then rescore them all in `jobs` processes; (seconds,
    sessions rescored)."""
    from app.storage import Database
    from app.storage.rescore import rescore_sessions
    from bench.storage_bench import fill

    library = load_library([REPO / "scenarios"])
    with tempfile.TemporaryDirectory() as tmp:
        database = Database.open(f"sqlite:///{Path(tmp) / 'rescore.sqlite3'}")
        try:
            fill(database, library, sessions, trainees=100, seed=7)
            start = time.perf_counter()
            report = rescore_sessions(database, only_outdated=False, jobs=jobs)
            return time.perf_counter() - start, report.rescored
        finally:
            database.close()


def batch_run(rows: list[dict], lines: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as out:
            for i in range(lines):
                row = rows[i % len(rows)]
                out.write(json.dumps({"id": i, "lang": row["lang"], "text": row["text"]}, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "app", "score", "--batch", str(batch)], cwd=REPO,
                              capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        produced = proc.stdout.count("\n")
        if proc.returncode != 0 or produced != lines:
            raise SystemExit(f"batch failed: exit {proc.returncode}, {produced} lines\n{proc.stderr[-2000:]}")
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--rescore-sessions", type=int, default=100_000,
                        help="stored sessions to rescore (0: skip; 100,000 takes many minutes)")
    parser.add_argument("--rescore-jobs", default="1,2", help="worker processes to rescore with, comma-separated")
    args = parser.parse_args()
    rows = labelled_replies()
    times = sorted(per_reply_times(rows, args.rounds))
    ms = [t * 1000 for t in times]
    print(f"replies scored: {len(ms)} ({len(rows)} labelled replies x {args.rounds} rounds, with a scenario)")
    print(f"per reply: mean {statistics.mean(ms):.3f} ms, median {statistics.median(ms):.3f} ms, "
          f"p95 {ms[int(len(ms) * 0.95)]:.3f} ms, max {ms[-1]:.3f} ms  (goal <= 1 ms)")
    turns = sorted(t * 1000 for t in per_turn_times(rows, max(1, args.rounds // 4)))
    print(f"per reply as a call's turn (moment, what was done before): mean {statistics.mean(turns):.3f} ms, "
          f"median {statistics.median(turns):.3f} ms, p95 {turns[int(len(turns) * 0.95)]:.3f} ms  (goal <= 1 ms)")
    for lang, word, capped, uncapped in worst_case_times(100_000):
        print(f"worst case {lang} {word.strip()!r} x 100,000 characters: {capped:.3f} s as scored (cut at "
              f"the reply cap), {uncapped:.3f} s with no cap  (goal < 0.5 s each)")
    elapsed = batch_run(rows, args.lines)
    print(f"batch: {args.lines} lines in {elapsed:.2f} s = {args.lines / elapsed:.0f} lines/s "
          f"(goal < 20 s, includes interpreter start-up)")
    for jobs in (int(j) for j in args.rescore_jobs.split(",") if args.rescore_sessions):
        seconds, count = rescore_run(args.rescore_sessions, jobs)
        print(f"rescore ({jobs} process{'es' if jobs > 1 else ''}): {count:,} stored sessions (10 turns each, SQLite) in "
              f"{seconds:.1f} s = {count / seconds:,.0f} sessions/s  (goal: 100,000 in <= 60 s)")


if __name__ == "__main__":
    main()
