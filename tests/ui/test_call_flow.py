"""A complete typed call in Chinese, from picking the scenario to the report, and what is stored."""

from __future__ import annotations

import re

from app.domain.progress import SessionStatus
from app.ui.stall_watchdog import StallWatchdog
from tests.conftest import REPO_ROOT
from tests.ui.conftest import choose_trainee, start_scenario, type_reply
from tests.ui.doubles import replies_for

SCENARIO = "zh-complaint-lost-baggage"


def test_typed_call_in_chinese_from_pick_to_report(qtbot, make_window, store):
    window = make_window(store=store, ui_language="zh_CN")
    watchdog = StallWatchdog(window)
    choose_trainee(qtbot, window, "王芳")
    assert window.history.trainee.name == "王芳"

    watchdog.start()
    start_scenario(qtbot, window, SCENARIO)
    page = window.call_page
    assert page.subtitle.text() == window.call.session.current_line.text  # no voice: the line is shown
    assert window.call.input_mode == "typed"
    assert "仅限文字回复" in page.mode_label.text()
    for reply in replies_for("zh"):
        type_reply(qtbot, window, reply)
        if not window.call.active:
            break
        assert page.feedback_score.isVisible()
        assert page.feedback_score.text().startswith("第")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    watchdog.stop()

    result = window.call.result
    assert result.outcome.value == "resolved"
    report = window.report_page
    assert report.report.overall == result.call_score.score  # the call score, item by item
    assert f"整通得分：{result.call_score.score}/100" in report.overall_label.text()
    shown = [label.text() for label in report.item_labels if not label.isHidden()]
    assert "复述并确认问题" in shown and "用语得当" in shown
    assert report.model_button.text() == "听参考答案" and report.model_button.isEnabled()
    assert report.outcome_label.text().startswith("结果：已解决")
    assert report.turns_table.rowCount() == len(result.turns)
    assert report.chart.points == [(float(i), float(v)) for i, v in enumerate(result.emotion_curve)]
    text = re.sub(r"\[[^\]]*\]", "", report.transcript.toPlainText())  # without the stage labels
    for turn in result.turns:
        assert turn.reply_text in text
    assert all(label.text() for label in report.tip_labels if label.isVisible())
    assert not report.play_button.isEnabled()  # typed replies: no audio to play

    # Stored through the SessionStore port, then shown in the history and the library.
    qtbot.waitUntil(lambda: "finish_session:completed" in store.calls, timeout=5000)
    assert store.calls.count("append_turn") == len(result.turns)
    (session,) = store.sessions.values()
    assert session.summary.status == SessionStatus.COMPLETED
    assert session.summary.scenario_id == SCENARIO
    assert not session.customer_audio  # no voice: nothing was spoken
    qtbot.waitUntil(lambda: len(window.history.sessions) == 1, timeout=5000)
    assert window.history.best[SCENARIO] == result.call_score.score
    card = next(c for c in window.library_page.cards if c.scenario.id == SCENARIO)
    assert str(result.call_score.score) in card.best_label.text()

    window.progress_button.click()
    assert window.stack.currentWidget() is window.progress_page
    assert window.progress_page.table.rowCount() == 1
    assert window.progress_page.chart.series_names()[0] == "overall"
    window.progress_page.table.selectRow(0)
    window.progress_page.open_button.click()
    qtbot.waitUntil(lambda: window.report_session_id == session.summary.session_id, timeout=5000)
    assert window.stack.currentWidget() is window.report_page

    print(f"longest GUI stall during the typed call: {watchdog.longest_stall_ms:.1f} ms")
    assert watchdog.ticks >= 1
    assert watchdog.longest_stall_ms < 1000


def test_exam_mode_hides_feedback_until_the_end(qtbot, make_window):
    window = make_window()
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, "en-complaint-late-parcel", exam_mode=True)
    type_reply(qtbot, window, "I'm so sorry about this. Your parcel is late because of a depot backlog.")
    page = window.call_page
    assert all(not label.isVisible() for label in page.stage_labels.values())
    assert not page.feedback_tip.isVisible()
    assert "Exam mode" in page.feedback_score.text()
    page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    assert window.report_page.report.reason.value == "trainee_hung_up"
    assert window.report_page.saved_label.text() == "Not saved (no storage)"


def test_dead_air_warning_after_the_briefs_limit(qtbot, make_window, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    text = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    text = text.replace("thresholds:\n", "thresholds:\n  first_response_limit_s: 0.4\n", 1)
    (folder / "en-complaint-late-parcel.yaml").write_text(text, encoding="utf-8")
    window = make_window(scenario_paths=[folder])
    assert window.library.scenarios["en-complaint-late-parcel"].thresholds.first_response_limit_s == 0.4
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    label = window.call_page.dead_air_label
    assert label.text().startswith("Silence:")
    qtbot.waitUntil(lambda: "Dead air" in label.text(), timeout=3000)
    assert "(limit 0.4 s)" in label.text()
    type_reply(qtbot, window, "I'm sorry, I'm checking this for you right now.")
    assert "Dead air" not in label.text()


def test_open_mic_dead_air_past_the_limit_makes_the_customer_ask(qtbot, make_window, tmp_path):
    """Hands-free, nothing said for longer than the brief's limit: the turn ends silent and the
    customer says the scenario's silence line (twice in a row and they give up, as on the phone)."""
    from tests.ui.doubles import ScriptedVoice

    folder = tmp_path / "scenarios"
    folder.mkdir()
    text = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    (folder / "en-complaint-late-parcel.yaml").write_text(
        text.replace("thresholds:\n", "thresholds:\n  first_response_limit_s: 0.5\n", 1), encoding="utf-8")
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice, scenario_paths=[folder])
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    call = window.call
    assert call.input_mode == "voice" and call.listening
    scenario = window.library.scenarios["en-complaint-late-parcel"]
    qtbot.waitUntil(lambda: len(call.session.turns) == 1, timeout=5000)
    assert call.session.turns[0].reply_text == ""  # the silent turn
    qtbot.waitUntil(lambda: call.session.current_line is not None and call.session.current_line.silence
                    or call.result is not None, timeout=5000)
    assert call.result is not None or call.session.current_line.text == scenario.lines.silence


def test_typed_replies_are_never_cut_short_by_dead_air(qtbot, make_window, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    text = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    (folder / "en-complaint-late-parcel.yaml").write_text(
        text.replace("thresholds:\n", "thresholds:\n  first_response_limit_s: 0.3\n", 1), encoding="utf-8")
    window = make_window(scenario_paths=[folder])
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    qtbot.wait(1200)
    assert not window.call.session.turns and window.call.awaiting  # the trainee may take their time typing


def test_no_scenario_id_is_shown_on_the_library_briefing_or_call(qtbot, make_window):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = make_window()
    window.profile_page.guest_button.click()
    scenario_id = "en-complaint-late-parcel"

    def shown() -> list[str]:
        return [w.text() for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)
                if w.isVisible()]

    page = window.library_page
    page.language_box.setCurrentIndex(page.language_box.findData("en"))
    assert not [t for t in shown() if scenario_id in t]
    next(c for c in page.visible_cards() if c.scenario.id == scenario_id).open_button.click()
    assert window.stack.currentWidget() is window.briefing_page
    assert not [t for t in shown() if scenario_id in t], "the briefing shows the scenario's id"


def test_the_call_shows_its_turn_budget(qtbot, make_window):
    window = make_window()
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    budget = window.library.scenarios["en-complaint-late-parcel"].thresholds.max_turns
    label = window.call_page.turn_label
    assert label.isVisible() and label.text() == f"Reply 1 of {budget}"
    type_reply(qtbot, window, "I'm so sorry about this, I can hear how frustrating it is.")
    if window.call.active:
        assert label.text() == f"Reply 2 of {budget}"
