"""The model-answer player on the scripted voice: clips in order, one at a time, and a stop while
the voices are being prepared drops that render (a new start plays each clip once)."""

from __future__ import annotations

from app.domain.dialogue.model_call import play_model_answer
from app.ui.controllers.model_answer import AGENT, CUSTOMER, FINAL_LINE, ModelAnswerPlayer
from app.ui.dialogs.model_answer_dialog import ModelAnswerDialog
from app.ui.tasks import TaskRunner
from tests.ui.doubles import ScriptedVoice


def test_clips_play_in_order_and_a_restart_plays_each_once(qtbot, library, tmp_path):
    scenario = library.get("zh-complaint-lost-baggage")
    call = play_model_answer(scenario)
    voice = ScriptedVoice(tmp_path)
    runner = TaskRunner()
    player = ModelAnswerPlayer(runner, voice, scenario, call)
    started: list[tuple[int, str]] = []
    player.clip_started.connect(lambda index, side: started.append((index, side)))
    player.start()
    player.stop()  # while the voices are rendered
    player.start()
    qtbot.waitUntil(lambda: not player.playing, timeout=10000)
    clips = 2 * len(call.turns) + 1
    assert started[:2] == [(0, CUSTOMER), (0, AGENT)] and started[-1] == (FINAL_LINE, CUSTOMER)
    assert len(started) == clips and len(voice.played) == clips
    runner.shutdown(3000)


def test_the_dialog_speaks_the_trainees_language(qtbot, library, tmp_path, qapp):
    from app.ui.i18n import UiTranslator

    translator = UiTranslator(qapp)
    translator.apply("zh_CN")
    try:
        scenario = library.get("zh-complaint-lost-baggage")
        dialog = ModelAnswerDialog(scenario, play_model_answer(scenario), None)
        qtbot.addWidget(dialog)
        text = dialog.text.toPlainText()
        assert "客户" in text and "坐席" in text and "逐项评分" in text and "Customer" not in text
        assert "语音不可用" in dialog.status.text() and dialog.heading.text().startswith("优秀坐席")
    finally:
        translator.apply("en")
