"""Hearing a model answer: the scenario's model call, scored by the same engine, spoken clip by
clip (each customer line in the customer's voice, each reply in a neutral agent voice), in order.

Rendering runs on the task runner; each clip's end comes back through a GUI inbox (the player
may report it from another thread), and the handle of the clip playing is kept until it ends.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.domain.dialogue import CallResult
from app.domain.scenarios import Scenario
from app.ui.gui_inbox import GuiInbox
from app.ui.ports import Playback, VoiceServices
from app.ui.tasks import Task, TaskRunner

CUSTOMER, AGENT = "customer", "agent"
FINAL_LINE = -1  # the turn index of the customer's last words


class ModelAnswerPlayer(QObject):
    clip_started = Signal(int, str)  # turn index (FINAL_LINE for the last words), CUSTOMER or AGENT
    finished = Signal()
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, voice: VoiceServices, scenario: Scenario, call: CallResult,
                 output_device: str | None = None, customer_voice: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.voice, self.scenario, self.call = runner, voice, scenario, call
        self.output_device, self.customer_voice = output_device, customer_voice
        self.playing = False
        self._queue: list[tuple[int, str, Path]] = []
        self._playback: Playback | None = None  # kept until the clip has played
        self._render_task: Task | None = None
        self._inbox = GuiInbox(self)
        self._clip_done = self._inbox.channel(self._next, keep_awake=False)

    def start(self) -> None:
        if self.playing:
            return
        self.playing = True
        self._inbox.wake()
        self._render_task = self.runner.run(
            render_model_call, self.voice, self.scenario, self.call, self.customer_voice,
            label=self.tr("Preparing the model answer…"), on_result=self._play, on_error=self._render_failed, owner=self)

    def stop(self) -> None:
        if self._render_task is not None:
            self._render_task.cancel()  # a render still running is never played
            self._render_task = None
        self._queue.clear()
        if self._playback is not None:
            self._playback.stop()
            self._playback = None
        self._end()

    # -- GUI thread ----------------------------------------------------------------------------
    def _play(self, clips: list[tuple[int, str, Path]]) -> None:
        self._render_task = None
        if not self.playing:
            return
        self._queue = list(clips)
        self._next()

    def _next(self) -> None:
        self._playback = None
        if not self.playing:
            return
        if not self._queue:
            self._end()
            return
        index, side, wav = self._queue.pop(0)
        self.clip_started.emit(index, side)
        try:
            self._playback = self.voice.play(wav, self.output_device, self._clip_done)
        except Exception as exc:  # noqa: BLE001 - a device that cannot play: say so, keep the text
            self._queue.clear()
            self.failed.emit(str(exc) or type(exc).__name__)
            self._end()

    def _render_failed(self, exc: BaseException) -> None:
        self._render_task = None
        self.failed.emit(str(exc) or type(exc).__name__)
        self._end()

    def _end(self) -> None:
        if self.playing:
            self.playing = False
            self._inbox.sleep()
            self.finished.emit()


def render_model_call(voice: VoiceServices, scenario: Scenario, call: CallResult,
                      customer_voice: str | None) -> list[tuple[int, str, Path]]:
    """Every clip of the model call, in order (a worker thread: plain data in, paths out)."""
    lang = scenario.language.value
    clips: list[tuple[int, str, Path]] = []
    for turn in call.turns:
        clips.append((turn.index, CUSTOMER, voice.synthesize(turn.customer, scenario, customer_voice)))
        clips.append((turn.index, AGENT, voice.synthesize_text(turn.reply_text, lang, None)))
    if call.final_line is not None:
        clips.append((FINAL_LINE, CUSTOMER, voice.synthesize(call.final_line, scenario, customer_voice)))
    return clips
