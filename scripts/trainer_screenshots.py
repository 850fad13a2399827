"""Save screenshots of the trainer workspace (a session's review with the replay, and the team
view), in English and in 简体中文.

Run under Xvfb or Qt's offscreen platform (no display needed):
    QT_QPA_PLATFORM=offscreen python scripts/trainer_screenshots.py [--out docs/screenshots]

A throw-away SQLite database in a temporary folder is filled with calls played through the real
engine and scorer (the `roleplay demo` replies and a few weaker ones, with word timings and a
synthetic recording of each side), reviewed by a trainer. Nothing is written outside that folder
and `--out`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.cli.demo_cmd import DEMO_CALLS  # noqa: E402
from app.domain.dialogue import CallSession, ManualClock  # noqa: E402
from app.domain.scenarios import load_library  # noqa: E402
from app.domain.scoring import ReplyScorer, WordTiming  # noqa: E402
from app.storage import Database, SessionRepository, TurnData  # noqa: E402
from app.ui.adapters.trainer_adapter import RepositoryTrainerStore  # noqa: E402
from app.ui.app import create_application  # noqa: E402
from app.ui.i18n import UiTranslator  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402
from app.ui.trainer_window import TrainerWindow  # noqa: E402
from scripts.screenshots import settle, wait_until  # noqa: E402 - the main screenshots script's event waits

WINDOW_SIZE = (1366, 728)  # a 1366x768 laptop, less its panel
WEAK = {"en": ["Calm down, that is not my department.", "It is what it is."],
        "zh": ["你听我说，这不归我管。", "收到。"]}


def tone(seconds: float, rate: int = 16000, pitch: float = 180.0) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    wave = 5000 * np.sin(2 * np.pi * pitch * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    return wave.astype("<i2").tobytes()


def words_for(text: str, lang: str) -> list[WordTiming]:
    units = text.split() if lang == "en" else [text[i:i + 2] for i in range(0, len(text), 2)]
    return [WordTiming(u, 0.3 + 0.4 * i, 0.6 + 0.4 * i, 0.9) for i, u in enumerate(units)]


def record(repository: SessionRepository, scenario, trainee: str, replies: list[str], started: datetime) -> str:
    lang = scenario.language.value
    session = repository.start_session(trainee, scenario, started_at=started)
    call = CallSession(scenario, ReplyScorer(), ManualClock())
    call.start()
    for index, reply in enumerate(replies):
        if call.finished:
            break
        words = words_for(reply, lang)
        repository.store_audio(session, index, "customer", tone(2.5, pitch=140), 16000)
        turn = call.reply(reply, words)
        repository.append_turn(session, TurnData.from_domain(turn, recogniser="vosk"))
        repository.store_audio(session, index, "trainee", tone(words[-1].end + 0.4, pitch=220), 16000)
    if not call.finished:
        call.hang_up()
    result = call.result
    repository.finish_session(session, outcome=result.outcome.value if result.outcome else None,
                              end_reason=result.reason.value, emotion_curve=list(result.emotion_curve),
                              ended_at=started + timedelta(minutes=5))
    return str(session)


def fill(repository: SessionRepository) -> dict[str, str]:
    library = load_library([REPO / "scenarios"])
    rng = random.Random(6)
    now = datetime.now(UTC)
    showcase = {}
    trainees = {"en": ["Li Na", "Wang Fang", "Zhang Wei", "Chen Jie"], "zh": ["李娜", "王芳", "张伟"]}
    for lang, names in trainees.items():
        demo_scenario, demo_replies = DEMO_CALLS[lang]
        pool = [s for s in library.sorted() if s.language.value == lang]
        for n, name in enumerate(names):
            for k in range(4 + n):
                scenario = library.scenarios[demo_scenario] if k == 0 else rng.choice(pool)
                replies = list(demo_replies) if k % 2 == 0 else [rng.choice(WEAK[lang])] + list(demo_replies[1:])
                sid = record(repository, scenario, name, replies, now - timedelta(days=k * 2, hours=n))
                if k == 0 and n == 0:
                    showcase[lang] = sid
    for lang, sid in showcase.items():
        repository.add_comment(sid, "Good early apology." if lang == "en" else "开头道歉很及时。", "Coach Wang",
                               turn_index=0, offset_s=3.0)
        repository.add_override(sid, 1, "empathy", 80, "warm tone" if lang == "en" else "语气真诚", "Coach Wang")
        repository.mark_example(sid, "good", "Coach Wang", "case review" if lang == "en" else "案例复盘")
    return showcase


def take(app: QApplication, store, runner, viewer, session_id: str, language: str, out: Path, lang: str) -> None:
    translator = UiTranslator(app)
    translator.apply(language)
    window = TrainerWindow(store, runner, viewer, player=None)
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_until(app, lambda: not window.browser.model.loading)
    window.open_session(session_id)
    review = window.review
    wait_until(app, lambda: review.replay_loaded)
    timeline = review.replay.controller.timeline
    word = timeline.words[len(timeline.words) // 3]
    review.replay.controller.seek(word.start_s + 0.05)
    settle(app, 0.4)
    window.grab().save(str(out / f"replay-{lang}.png"))
    print(f"saved {out / f'replay-{lang}.png'}")
    window.show_team()
    wait_until(app, lambda: window.team.overview is not None)
    window.team.table.selectRow(0)
    settle(app, 0.4)
    window.grab().save(str(out / f"team-{lang}.png"))
    print(f"saved {out / f'team-{lang}.png'}")
    window.close()
    translator.apply("en")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        os.environ["ROLEPLAY_DATA_DIR"] = data
        app = create_application(["trainer-screenshots"])
        database = Database.open(f"sqlite+pysqlite:///{Path(data) / 'roleplay.sqlite3'}")
        repository = SessionRepository(database)
        showcase = fill(repository)
        runner = TaskRunner()
        store = RepositoryTrainerStore(repository, Path(data) / "replay")
        viewer = store.create_first_trainer("Coach Wang", "screenshot password")
        for language, lang in (("en", "en"), ("zh_CN", "zh")):
            take(app, store, runner, viewer, showcase[lang], language, args.out, lang)
        runner.shutdown(10000)
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
