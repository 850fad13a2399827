"""Trainer workspace speed on a large database: open the sessions browser, apply filters, open a
replay (the session, its review and both sides' audio as WAV, ready to play), and the team view.

Run:  QT_QPA_PLATFORM=offscreen python bench/trainer_bench.py                  # 100,000 sessions, SQLite
      QT_QPA_PLATFORM=offscreen python bench/trainer_bench.py --sessions 10000 # smaller, quicker
      ... --url postgresql+psycopg://roleplay@127.0.0.1:54329/bench            # an empty PostgreSQL database
Goals (issue 6): apply a filter <= 100 ms; open a replay <= 200 ms. Times are wall clock on the GUI
thread, from the action to the result on screen (the model reset, or the replay loaded), median of 7.

The database is filled as `bench/storage_bench.py` fills it (real scorer output, word timings, ten
turns a session), plus sessions recorded with both sides' audio through the repository.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from uuid import UUID

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import text  # noqa: E402
from storage_bench import fill, record_with_audio  # noqa: E402

from app.domain.scenarios import load_library  # noqa: E402
from app.storage import Database, SessionRepository  # noqa: E402
from app.ui.adapters.trainer_adapter import RepositoryTrainerStore  # noqa: E402
from app.ui.models.sessions_model import COLUMNS  # noqa: E402
from app.ui.ports import BrowserFilter  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402
from app.ui.trainer_window import TrainerWindow  # noqa: E402

ROUNDS = 7


def wait_until(app: QCoreApplication, done, timeout_s: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Run the Qt event loop (idle between events, as in the app, so the worker threads are not
    starved of the GIL by a busy wait) until `done()` holds; checked every millisecond."""
    if done():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    timer = QTimer()
    timer.setInterval(1)

    def check() -> None:
        if done() or time.perf_counter() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not done():
        raise TimeoutError("the GUI did not finish in time")


def median_ms(action, rounds: int = ROUNDS) -> float:  # type: ignore[no-untyped-def]
    action()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an empty database to fill (default: a new SQLite file in a temp folder)")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    parser.add_argument("--reuse", action="store_true",
                        help="measure a database this bench filled before (with --url), without filling it")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv)
    folder = None
    url = args.url
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="roleplay-trainer-bench-"))
        url = f"sqlite+pysqlite:///{folder / 'bench.sqlite3'}"
    database = Database.open(url)
    repository = SessionRepository(database)
    print(f"Database: {database.description}")
    library = load_library([REPO / "scenarios"])
    if args.reuse:
        with database.engine.connect() as conn:  # the sessions recorded with audio (not bulk-filled)
            replays = [row[0] for row in conn.execute(text("SELECT uuid FROM sessions WHERE app_version != 'bench'"))]
        print(f"  reusing {repository.count_sessions():,} sessions")
    elif repository.count_sessions():
        print("The database is not empty: give an empty one (or --reuse one this bench filled).", file=sys.stderr)
        return 2
    else:
        started = time.perf_counter()
        fill(database, library, args.sessions, args.trainees, seed=6)
        replays = record_with_audio(repository, library, 3)
        print(f"  fill took {time.perf_counter() - started:.0f} s; {repository.count_sessions():,} sessions")
    gc.collect()
    gc.freeze()  # the fill's own objects are not the app's: keep them out of the timed collections

    runner = TaskRunner()
    cache = Path(tempfile.mkdtemp(prefix="roleplay-trainer-bench-cache-"))
    store = RepositoryTrainerStore(repository, cache)
    viewer = (store.sign_in("Bench Trainer", "bench password 1") if store.has_trainer()
              else store.create_first_trainer("Bench Trainer", "bench password 1"))
    scenarios = [(s.id, s.title) for s in library.sorted()]
    windows: list[TrainerWindow] = []

    def open_browser() -> None:
        window = TrainerWindow(store, runner, viewer, scenarios)
        window.resize(1300, 860)
        window.show()
        wait_until(app, lambda: not window.browser.model.loading and window.browser.model.total > 0)
        app.processEvents()  # the first page painted
        windows.append(window)

    print(f"\nopen the sessions browser (count + first page of 100): {median_ms(open_browser):6.0f} ms")
    for window in windows[1:]:
        window.close()
    window = windows[0]
    model = window.browser.model

    def apply(filters: BrowserFilter) -> float:
        def action() -> None:
            model.set_filters(filters)
            wait_until(app, lambda: not model.loading)
            app.processEvents()
        return median_ms(action)

    middle = repository.list_sessions(limit=1, offset=repository.count_sessions() // 2)[0].started_at
    month = middle - timedelta(days=15)  # a month around the median session
    cases = [
        ("one trainee", BrowserFilter(trainee="Trainee 007")),
        ("scenario + outcome", BrowserFilter(scenario_id=scenarios[0][0], outcome="resolved")),
        ("emotion + score 60-80", BrowserFilter(emotion="angry", min_score=60, max_score=80)),
        ("one month", BrowserFilter(started_from=month, started_before=month + timedelta(days=30))),
        ("no filter", BrowserFilter()),
    ]
    print("apply a filter (goal <= 100 ms): count + first page, model reset")
    worst = 0.0
    for name, filters in cases:
        ms = apply(filters)
        worst = max(worst, ms)
        print(f"  {name:<24} {ms:6.0f} ms  ({model.total:,} sessions)")

    def sort_by_score() -> None:
        order = Qt.SortOrder.AscendingOrder if model.descending else Qt.SortOrder.DescendingOrder
        model.sort(COLUMNS.index("average_score"), order)  # alternating, so each round really sorts
        wait_until(app, lambda: not model.loading)

    print(f"  sort by score            {median_ms(sort_by_score):6.0f} ms")

    def deep_page() -> None:
        row = (model.total // 2) // 100 * 100 + 7
        model.pages.clear()
        model.row_at(row)
        wait_until(app, lambda: model.row_at(row) is not None)

    print(f"  a page half-way down     {median_ms(deep_page):6.0f} ms")

    review = window.review
    replay_ids = [str(UUID(str(u))) for u in replays]

    def open_replay() -> None:
        review.replay_session_id = None  # as if another session had been open
        review.session = review.replay.session = None
        review.replay_loaded = False
        window.open_session(replay_ids[0])
        wait_until(app, lambda: review.replay_loaded)
        app.processEvents()

    ms_replay = median_ms(open_replay)
    ms_review = median_ms(lambda: store.load_review(viewer, replay_ids[0]))
    ms_clips = median_ms(lambda: store.replay_clips(viewer, replay_ids[0]))
    clips = len(review.replay.controller.clips)
    print(f"\nopen a replay (goal <= 200 ms): {ms_replay:6.0f} ms  "
          f"({len(review.session.report.turns)} turns, {clips} recordings, "
          f"{review.replay.controller.timeline.total_s:.0f} s of call)")
    print(f"  of which, off the GUI thread in parallel: the review {ms_review:.0f} ms, "
          f"both sides' audio as WAV files {ms_clips:.0f} ms")

    def team() -> None:
        window.team.overview = None
        window.team.refresh()
        wait_until(app, lambda: window.team.overview is not None, timeout_s=600)
        app.processEvents()

    print(f"team view (every trainee, intervention rate): {median_ms(team, rounds=3):6.0f} ms "
          f"({len(window.team.overview.rows)} trainees, {window.team.overview.intervention.high_turns:,} "
          "high-intensity turns)")
    print(f"\nverdict: filter {'OK' if worst <= 100 else 'SLOW'} (worst {worst:.0f} ms), "
          f"replay {'OK' if ms_replay <= 200 else 'SLOW'}")

    for w in windows:
        w.close()
    runner.shutdown(10000)
    database.close()
    shutil.rmtree(cache, ignore_errors=True)
    if folder is not None:
        if args.keep:
            print(f"\nKept {folder}")
        else:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
