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
    window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: "finish_session:completed" in store.calls, timeout=3000)
    window.close()
    assert "finish_session:interrupted" not in store.calls
