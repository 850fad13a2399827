"""`roleplay --self-test` (and `RolePlayTrainer --self-test` in the packaged app): the checks IT runs
after installing. Headless; one line per check; a non-zero exit status when any check fails.

Checks: the scenario library, scoring, text-to-speech rendering, the recogniser on a bundled clip,
a migrated temporary database, and the Qt platform, multimedia and translation plugins.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.texts import msg, text_lang

SELF_TEST_CLIP = "understand-frustrating-en.wav"  # espeak-ng saying "I understand how frustrating this is..."
EXPECTED_WORDS = {"understand", "frustrating"}


class CheckFailed(Exception):
    """A check ran and found a problem (the message says which)."""


def text(key: str, lang: str, **values: object) -> str:
    return msg(f"selftest.{key}", lang, **values)


def check_scenarios(lang: str) -> str:
    from app.domain.scenarios import load_library
    from app.resources import scenarios_dir

    library = load_library([scenarios_dir()])
    if library.problems or not library.scenarios:
        first = str(library.problems[0]) if library.problems else "-"
        raise CheckFailed(text("scenarios.bad", lang, count=len(library.problems), first=first))
    return text("scenarios.ok", lang, count=len(library.scenarios))


def check_scoring(lang: str) -> str:
    from app.domain.scoring import ReplyScorer

    scorer = ReplyScorer()
    english = scorer.score("I'm so sorry, I understand how frustrating this is. I will send a replacement today.", "en")
    chinese = scorer.score("非常抱歉，我理解您的心情。我今天就给您补发，明天上午给您回电。", "zh")
    if english.empathy.score <= 0 or chinese.empathy.score <= 0:
        raise CheckFailed(text("scoring.bad", lang))
    return text("scoring.ok", lang, en=english.overall, zh=chinese.overall)


def check_tts(lang: str, workdir: Path) -> str:
    from app.speech import Pyttsx3Synthesizer, SpeechError, SpeechProsody

    with Pyttsx3Synthesizer() as synthesizer:
        voice = synthesizer.voice_for("en").result(60)
        rendered = synthesizer.render("This is the self test.", "en", SpeechProsody(rate_wpm=160),
                                      workdir / "tts.wav", voice.id).result(60)
        try:
            chinese = synthesizer.voice_for("zh").result(60).id
        except SpeechError:
            chinese = text("tts.no_zh", lang)
    if rendered.duration_s < 0.3:
        raise CheckFailed(f"{rendered.duration_s:.2f} s")
    return text("tts.ok", lang, seconds=rendered.duration_s, voice=voice.id, zh=chinese)


def check_recognizer(lang: str) -> str:
    from app.resources import resource_root
    from app.speech import RecognitionWorker, choose_recognizer, load_speech_audio

    choice = choose_recognizer("en")
    clip = load_speech_audio(resource_root() / "assets" / "selftest" / SELF_TEST_CLIP)
    with RecognitionWorker(choice.create, choice=choice) as worker:  # a thread: no child process to spawn
        transcript = worker.transcribe(clip).result(120)
    words = set(transcript.text.split())
    engine = choice.engine if choice.model is None else f"{choice.engine} ({choice.model.name})"
    timed = [w for w in transcript.words if 0 <= w.start < w.end <= clip.duration_s + 0.05]
    if choice.engine == "pocketsphinx" and not words >= EXPECTED_WORDS or not timed:
        raise CheckFailed(text("recognizer.bad", lang, engine=engine, text=transcript.text,
                               expected=", ".join(sorted(EXPECTED_WORDS))))
    return text("recognizer.ok", lang, engine=engine, text=transcript.text, words=len(timed))


def check_database(lang: str, workdir: Path) -> str:
    from app.domain.dialogue import CallSession
    from app.domain.scenarios import load_library
    from app.domain.scoring import ReplyScorer
    from app.resources import scenarios_dir
    from app.storage import CallRecorder, open_storage

    url = f"sqlite+pysqlite:///{workdir / 'self-test.sqlite3'}"
    repository = open_storage(url)
    try:
        scenario = next(iter(load_library([scenarios_dir()]).scenarios.values()))
        session = CallSession(scenario, ReplyScorer())
        session.start()
        recorder = CallRecorder(repository, "self-test", scenario)
        recorder.start()
        recorder.record_turn(session.reply("I'm so sorry about this, I understand."))
        recorder.finish(session.hang_up())
        detail = repository.load_session(recorder.session_uuid)
        problems = repository.check()
        revision = repository.database.schema_revision()
    finally:
        repository.database.close()
    if problems or len(detail.turns) != 1:
        raise CheckFailed(text("database.bad", lang, problems="; ".join(problems) or "turn missing"))
    return text("database.ok", lang, revision=revision)


def media_backend_loads(workdir: Path, timeout_ms: int = 10000) -> str | None:
    """Load a short WAV in QMediaPlayer, as the trainer's replay does; None when it loaded, else
    the backend's error (a packaged app without Qt's FFmpeg media plugin fails here)."""
    import numpy as np
    from PySide6.QtCore import QEventLoop, QLoggingCategory, QTimer, QUrl
    from PySide6.QtMultimedia import QMediaPlayer

    from app.speech import PcmAudio, write_wav

    QLoggingCategory.setFilterRules("qt.multimedia.ffmpeg*=false")  # FFmpeg's file dump is not for IT's eyes

    clip = write_wav(workdir / "replay-check.wav", PcmAudio(np.zeros(1600, dtype=np.int16)))  # 0.1 s of silence
    player = QMediaPlayer()
    loop = QEventLoop()
    outcome: list[str | None] = []

    def on_status(status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia):
            outcome.append(None)
            loop.quit()

    def on_error(_error: QMediaPlayer.Error, detail: str) -> None:
        outcome.append(detail or "error")
        loop.quit()

    player.mediaStatusChanged.connect(on_status)
    player.errorOccurred.connect(on_error)
    QTimer.singleShot(timeout_ms, loop.quit)
    player.setSource(QUrl.fromLocalFile(str(clip)))
    if not outcome:
        loop.exec()
    player.deleteLater()
    return outcome[0] if outcome else "timed out"


def check_qt(lang: str, workdir: Path) -> str:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QMediaDevices

    from app.ui.i18n import compiled_translation

    app = QGuiApplication.instance() or QGuiApplication(["self-test"])
    translator = QTranslator()
    qm = compiled_translation("zh_CN")
    if qm is None or not translator.load(str(qm)):
        raise CheckFailed(text("qt.no_translation", lang))
    media_problem = media_backend_loads(workdir)
    if media_problem is not None:
        raise CheckFailed(text("qt.no_media", lang, detail=media_problem))
    assert isinstance(app, QGuiApplication)  # the self-test's own, or the app's (a QApplication)
    return text("qt.ok", lang, platform=app.platformName(), inputs=len(QMediaDevices.audioInputs()),
                outputs=len(QMediaDevices.audioOutputs()))


def run_self_test(lang: str | None = None) -> int:
    from app import __version__

    lang = text_lang(lang)
    print(text("title", lang, version=__version__), flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="roleplay-self-test-") as folder:
        workdir = Path(folder)
        checks: list[tuple[str, Callable[[], str]]] = [
            ("scenarios", lambda: check_scenarios(lang)),
            ("scoring", lambda: check_scoring(lang)),
            ("tts", lambda: check_tts(lang, workdir)),
            ("recognizer", lambda: check_recognizer(lang)),
            ("database", lambda: check_database(lang, workdir)),
            ("qt", lambda: check_qt(lang, workdir)),
        ]
        failed = 0
        for key, check in checks:
            began = time.perf_counter()
            try:
                detail, ok = check(), True
            except Exception as exc:  # every failure is reported, and the next check still runs
                detail, ok = f"{type(exc).__name__}: {exc}" if not isinstance(exc, CheckFailed) else str(exc), False
                failed += not ok
            status = text("pass" if ok else "fail", lang)
            print(f"{status:4} {text(key, lang)}: {detail} ({time.perf_counter() - began:.1f} s)", flush=True)
    print(text("summary", lang, passed=len(checks) - failed, failed=failed, seconds=time.perf_counter() - started))
    return 1 if failed else 0
