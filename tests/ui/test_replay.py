"""Replay of a stored call with both sides' audio and the recogniser's word timings: call order,
the lit word advancing with playback time, seek, pause, speed, the emotion-curve playhead, and a
comment placed at the playhead."""

from __future__ import annotations

import pytest

from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer, WordTiming
from app.storage import SIDE_CUSTOMER, SIDE_TRAINEE, CallRecorder, Database, SessionRepository
from app.ui.adapters.trainer_adapter import RepositoryTrainerStore
from app.ui.controllers.replay_controller import SPEEDS
from app.ui.tasks import TaskRunner
from app.ui.trainer_window import TrainerWindow
from tests.storage.conftest import pcm_tone
from tests.ui.test_trainer_workspace import close_all

REPLIES = (("I'm so sorry for the wait", 1.6), ("I will call you back by five", 1.8))


class SilentPlayer:
    """A ClipPlayer that remembers what it was asked to play."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def play(self, wav, offset_s, rate):
        self.calls.append(("play", wav.name, round(offset_s, 2), rate))

    def set_rate(self, rate):
        self.calls.append(("rate", rate))

    def pause(self):
        self.calls.append(("pause",))

    def stop(self):
        self.calls.append(("stop",))

    def set_problem_handler(self, handler):
        self.problem_handler = handler

    def played(self):
        return [c[1] for c in self.calls if c[0] == "play"]


def words_for(text: str, length: float) -> list[WordTiming]:
    parts = text.split()
    step = (length - 0.2) / len(parts)
    return [WordTiming(w, 0.1 + i * step, 0.1 + (i + 1) * step, 0.9) for i, w in enumerate(parts)]


@pytest.fixture
def spoken_session(tmp_path, library):
    url = f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}"
    with Database.open(url) as database:
        repository = SessionRepository(database)
        scenario = library.scenarios["en-complaint-late-parcel"]
        recorder = CallRecorder(repository, "Alice", scenario)
        call = CallSession(scenario, ReplyScorer(), ManualClock())
        call.start()
        recorder.start()
        for index, (text, length) in enumerate(REPLIES):
            repository.store_audio(recorder.session_uuid, index, SIDE_CUSTOMER, pcm_tone(0.8), 16000)
            recorder.record_turn(call.reply(text, words_for(text, length)), recogniser="vosk")
            repository.store_audio(recorder.session_uuid, index, SIDE_TRAINEE, pcm_tone(length, frequency=330), 16000)
        call.hang_up()
        recorder.finish(call.result)
        session_id = str(recorder.session_uuid)
    database = Database.open(url)
    repository = SessionRepository(database)
    repository.create_first_trainer("Coach", "correct horse 42")
    yield repository, session_id
    database.close()


@pytest.fixture
def window(qtbot, qapp, spoken_session, tmp_path):
    repository, session_id = spoken_session
    runner = TaskRunner()
    store = RepositoryTrainerStore(repository, tmp_path / "replay")
    viewer = store.sign_in("Coach", "correct horse 42")
    player = SilentPlayer()
    window = TrainerWindow(store, runner, viewer, player=player)
    window.resize(1300, 860)
    window.show()
    window.open_session(session_id)
    qtbot.waitUntil(lambda: window.review.replay_loaded, timeout=10000)
    yield window, player
    window.review.replay.controller.pause()
    close_all(qapp, runner, [window])


def test_replay_plays_in_call_order_and_the_lit_word_follows_the_playhead(qtbot, window):
    window, player = window
    replay = window.review.replay
    timeline = replay.controller.timeline
    assert [(m[0]) for m in timeline.markers()] == [0, 1]  # one marker per turn
    assert [(s.turn_index, s.side, s.has_audio) for s in timeline.segments] == [
        (0, "customer", True), (0, "trainee", True), (1, "customer", True), (1, "trainee", True)]
    assert timeline.segments[1].duration_s == pytest.approx(1.6, abs=0.01)

    replay.speed_box.setCurrentIndex(SPEEDS.index(2.0))
    replay.play_button.click()
    assert replay.controller.playing and replay.play_button.text() == "Pause"
    lit = []

    def record():
        word = replay.current_word
        if word is not None and (not lit or lit[-1] != (word.turn_index, word.text)):
            lit.append((word.turn_index, word.text))
        return not replay.controller.playing

    qtbot.waitUntil(record, timeout=15000)
    expected = [(i, w) for i, (text, _l) in enumerate(REPLIES) for w in text.split()]
    assert len(lit) >= 6 and all(item in expected for item in lit)
    assert [expected.index(item) for item in lit] == sorted(expected.index(item) for item in lit)  # forward only
    assert player.played() == ["0-customer.wav", "0-trainee.wav", "1-customer.wav", "1-trainee.wav"]
    assert all(c[3] == 2.0 for c in player.calls if c[0] == "play")
    assert replay.controller.position == pytest.approx(timeline.total_s)
    assert replay.strip.playhead == pytest.approx(2.0)  # the end of the emotion curve


def test_seek_pause_speed_and_a_comment_at_the_playhead(qtbot, window):
    window, player = window
    review = window.review
    replay = review.replay
    controller = replay.controller
    reply_2 = controller.timeline.segments[3]
    controller.seek(reply_2.start_s + 0.5)
    assert replay.current_word.turn_index == 1 and replay.current_word.text == "will"
    assert "background-color:#ffe066" in replay.transcript.toHtml().replace(" ", "")
    assert "Reply 2:" in replay.turn_label.text() and "intensity" in replay.turn_label.text()
    assert 1.0 < replay.strip.playhead < 2.0
    controller.play()
    assert player.calls[-1] == ("play", "1-trainee.wav", 0.5, 1.0)
    qtbot.wait(200)
    controller.pause()
    paused_at = controller.position
    assert paused_at > reply_2.start_s + 0.5
    qtbot.wait(150)
    assert controller.position == paused_at and not controller.playing
    with pytest.raises(ValueError):
        controller.set_rate(0.5)
    replay.speed_box.setCurrentIndex(SPEEDS.index(0.75))
    assert controller.rate == 0.75 and ("rate", 0.75) in player.calls

    assert review.moment_spin.value() == pytest.approx(paused_at, abs=0.05)
    assert review.comment_turn_box.currentData() == 1
    review.comment_edit.setText("Give a precise time, not 'by five'.")
    review.submit_comment()
    qtbot.waitUntil(lambda: len(review.session.comments) == 1, timeout=5000)
    comment = review.session.comments[0]
    assert comment.turn_index == 1 and comment.offset_s == pytest.approx(paused_at, abs=0.05)
    assert controller.position == paused_at  # saving did not reset the replay


def test_a_click_on_the_timeline_seeks(qtbot, window):
    window, _player = window
    replay = window.review.replay
    bar = replay.bar
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() // 2, bar.height() // 2))
    assert replay.controller.position == pytest.approx(bar.seconds_at(bar.width() // 2), abs=0.01)
    assert replay.controller.position > 0


def test_acceptance_sign_in_filter_play_review_and_the_trainees_report_after_a_restart(
        qtbot, qapp, make_window, spoken_session, tmp_path):
    from app.storage import Database
    from app.ui.adapters.storage_adapter import RepositorySessionStore
    from app.ui.dialogs.trainer_login import TrainerLoginDialog
    from tests.ui.conftest import choose_trainee, open_trainees_only_session

    repository, session_id = spoken_session
    runner = TaskRunner()
    store = RepositoryTrainerStore(repository, tmp_path / "replay")
    dialog = TrainerLoginDialog(store, runner)
    qtbot.waitUntil(lambda: dialog.first_trainer is False, timeout=5000)
    dialog.name_edit.setText("Coach")
    dialog.password_edit.setText("correct horse 42")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.viewer is not None, timeout=10000)

    player = SilentPlayer()
    window = TrainerWindow(store, runner, dialog.viewer, player=player)
    window.show()
    review = open_trainees_only_session(qtbot, window, "Alice")

    replay = review.replay
    replay.speed_box.setCurrentIndex(SPEEDS.index(2.0))
    replay.controller.play()
    seen = []

    def three_words_lit() -> bool:
        word = replay.current_word
        if word is not None and (not seen or seen[-1] != word):
            seen.append(word)
        return len(seen) >= 3

    qtbot.waitUntil(three_words_lit, timeout=10000)
    replay.controller.pause()
    assert [w.start_s for w in seen] == sorted(w.start_s for w in seen)  # the lit word moved forward in time
    review.comment_edit.setText("Slow down here.")
    review.submit_comment()
    qtbot.waitUntil(lambda: len(review.session.comments) == 1, timeout=5000)
    review.turn_box.setCurrentIndex(review.turn_box.findData(0))
    review.dimension_box.setCurrentIndex(review.dimension_box.findData("overall"))
    review.score_spin.setValue(88)
    review.reason_edit.setText("a model opening")
    review.submit_override()
    qtbot.waitUntil(lambda: len(review.session.overrides) == 1, timeout=5000)
    original = review.session.report.turns[0].overall
    close_all(qapp, runner, [window, dialog])

    url = str(repository.database.engine.url.render_as_string(hide_password=False))
    database = Database.open(url)  # the trainee's app, started again
    main = None
    try:
        main = make_window(store=RepositorySessionStore(SessionRepository(database), tmp_path / "cache"))
        choose_trainee(qtbot, main, "Alice")
        qtbot.waitUntil(lambda: len(main.history.sessions) == 1, timeout=5000)
        main.history.open_session(session_id)
        page = main.report_page
        qtbot.waitUntil(lambda: main.stack.currentWidget() is page, timeout=5000)
        assert page.turns_table.item(0, 1).text() == f"88 (was {original})"
        assert "a model opening" in page.review_label.text() and "Slow down here." in page.review_label.text()
    finally:
        if main is not None:
            main.runner.shutdown(5000)
        database.close()


def test_a_clip_that_cannot_play_is_shown_and_the_replay_goes_on(qtbot, window):
    window, player = window
    replay = window.review.replay
    assert replay.audio_problem_label.isHidden()
    replay.controller.play()
    player.problem_handler("0-customer.wav: Could not open file")
    assert not replay.audio_problem_label.isHidden()
    assert "cannot be played" in replay.audio_problem_label.text()
    assert "0-customer.wav: Could not open file" in replay.audio_problem_label.text()
    qtbot.waitUntil(lambda: replay.controller.position > 0.2, timeout=5000)  # the playhead still moves


def test_a_comment_goes_to_the_reply_the_trainer_selected_not_the_one_under_the_playhead(qtbot, window):
    window, _player = window
    review = window.review
    controller = review.replay.controller
    controller.seek(controller.timeline.segments[3].start_s + 0.5)  # the playhead in reply 2
    assert review.comment_turn_box.currentData() == 1
    first = review.comment_turn_box.findData(0)
    review.comment_turn_box.setCurrentIndex(first)
    review.comment_turn_box.activated.emit(first)  # the trainer picks reply 1
    controller.seek(controller.timeline.segments[3].start_s + 1.0)  # the playhead moves on
    assert review.comment_turn_box.currentData() == 0
    review.comment_edit.setText("The apology came too late in reply 1.")
    review.submit_comment()
    qtbot.waitUntil(lambda: len(review.session.comments) == 1, timeout=5000)
    assert review.session.comments[0].turn_index == 0
    controller.seek(controller.timeline.segments[3].start_s + 0.5)  # saved: following the playhead again
    assert review.comment_turn_box.currentData() == 1


def test_the_replay_shows_the_turn_being_played_beside_the_whole_transcript(qtbot, window):
    window, _player = window
    review = window.review
    replay = review.replay
    replay.controller.seek(replay.controller.timeline.segments[3].start_s + 0.5)
    turns = review.session.report.turns
    shown = replay.transcript.toPlainText()
    assert turns[1].customer_text[:30] in shown and turns[0].customer_text[:30] not in shown
    assert turns[0].customer_text[:30] in review.transcript.toPlainText()  # the whole call, once, beside it
