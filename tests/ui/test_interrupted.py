"""Closing the window mid-call keeps the session, marked interrupted, through the SessionStore port."""

from __future__ import annotations

from app.domain.progress import SessionStatus
from tests.ui.conftest import choose_trainee, start_scenario, type_reply
from tests.ui.doubles import replies_for


def test_closing_mid_call_marks_the_session_interrupted(qtbot, make_window, store):
    window = make_window(store=store)
    choose_trainee(qtbot, window)
    start_scenario(qtbot, window, "zh-complaint-lost-baggage")
    type_reply(qtbot, window, replies_for("zh")[0])
    assert window.call.active

    window.close()  # blocks until the store lane has written the session's end

    assert store.calls == ["create_trainee", "start_session", "append_turn", "finish_session:interrupted"]
    (session,) = store.sessions.values()
    assert session.summary.status == SessionStatus.INTERRUPTED
    assert [t.reply_text for t in session.turns] == [replies_for("zh")[0]]
    assert not window.call.active


def test_closing_while_a_reply_is_being_scored_keeps_that_reply(qtbot, make_window, store):
    window = make_window(store=store)
    choose_trainee(qtbot, window)
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    window.call_page.reply_box.setPlainText("I'm so sorry, let me sort this out for you today.")
    window.call_page.send_button.click()
    window.close()  # straight away, without waiting for the score
    assert store.calls[-2:] == ["append_turn", "finish_session:interrupted"]


def test_closing_after_the_call_changes_nothing(qtbot, make_window, store):
    window = make_window(store=store)
    choose_trainee(qtbot, window)
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    type_reply(qtbot, window, "I'm so sorry, I can hear how frustrating this is.")
    window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: "finish_session:completed" in store.calls, timeout=3000)
    window.close()
    assert "finish_session:interrupted" not in store.calls


def test_hanging_up_before_a_word_keeps_no_empty_report(qtbot, make_window, store):
    window = make_window(store=store)
    choose_trainee(qtbot, window)
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: "finish_session:discarded" in store.calls, timeout=3000)
    assert window.report_page.saved_label.text() == "You hung up before replying: nothing was scored or saved."
    assert not store.sessions and "finish_session:completed" not in store.calls
    window.progress_button.click()
    qtbot.wait(200)
    assert window.progress_page.table.rowCount() == 0  # no "–/100" call in My progress


def test_closing_mid_call_asks_first_and_no_keeps_the_call(qtbot, make_window, store):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    window = make_window(store=store)
    window.confirm_close_mid_call = window._ask_to_close_mid_call  # the real question, answered below
    choose_trainee(qtbot, window)
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    type_reply(qtbot, window, "I'm so sorry, I can hear how frustrating this is.")
    asked: list[str] = []

    def answer(end_call: bool) -> None:
        box = window._close_question
        assert box is not None, "closing mid-call must ask first"
        asked.append(box.text())
        (box.button(QMessageBox.StandardButton.Yes) if end_call else box.defaultButton()).click()

    QTimer.singleShot(200, lambda: answer(end_call=False))
    assert window.close() is False  # "Keep practising" (the default): nothing changes
    assert asked and "interrupted" in asked[0]
    assert window.isVisible() and window.call.active and "finish_session:interrupted" not in store.calls
    QTimer.singleShot(200, lambda: answer(end_call=True))
    assert window.close() is True
    assert store.calls[-1] == "finish_session:interrupted" and not window.call.active
