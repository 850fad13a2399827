""""Hear a model answer": the scenario's model call as text, each reply with the rubric items it
shows, the call score, and the call spoken clip by clip (the clip playing is marked)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.dialogue import CallResult
from app.domain.scenarios import Scenario
from app.ui.controllers.model_answer import AGENT, FINAL_LINE, ModelAnswerPlayer
from app.ui.labels import call_item_name, rubric_item_name
from app.ui.widgets.common import RetranslateMixin, content_label

DIALOG_SIZE = (860, 600)  # fits a 1280×720 screen with its window frame


class ModelAnswerDialog(RetranslateMixin, QDialog):
    def __init__(self, scenario: Scenario, call: CallResult, player: ModelAnswerPlayer | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario, self.call, self.player = scenario, call, player
        self.current: tuple[int, str] | None = None
        self.play_error: str | None = None
        self.heading = content_label()
        self.text = QTextBrowser()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.play_button = QPushButton()
        self.play_button.clicked.connect(self.toggle)
        self.play_button.setEnabled(player is not None)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        if player is not None:
            player.clip_started.connect(self._clip_started)
            player.finished.connect(self._finished)
            player.failed.connect(self._failed)
        self.resize(*DIALOG_SIZE)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # with its player: a new one opens each time
        self.retranslate()

    def toggle(self) -> None:
        if self.player is None:
            return
        if self.player.playing:
            self.player.stop()
        else:
            self.play_error = None
            self.player.start()
            self.status.setText(self.tr("Preparing the voices…"))
        self.retranslate()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.player is not None:
            self.player.stop()
        super().closeEvent(event)

    def _clip_started(self, index: int, side: str) -> None:
        self.current = (index, side)
        if index == FINAL_LINE:
            self.status.setText(self.tr("Playing: the customer's last words"))
        elif side == AGENT:
            self.status.setText(self.tr("Playing: the agent's reply {n}").format(n=index + 1))
        else:
            self.status.setText(self.tr("Playing: the customer, before reply {n}").format(n=index + 1))
        self._fill()

    def _finished(self) -> None:
        self.current = None
        if self.play_error is None:
            self.status.setText(self.tr("Finished."))
        self.retranslate()

    def _failed(self, message: str) -> None:
        self.play_error = message
        self.status.setText(self.tr("The model answer could not be played ({error}); read it here.").format(
            error=message))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Model answer: {title}").format(title=self.scenario.title))
        score = self.call.call_score.score if self.call.call_score is not None else None
        self.heading.setText(self.tr("What an excellent agent says in this call. Call score: {score}/100").format(
            score="–" if score is None else score))
        playing = self.player is not None and self.player.playing
        self.play_button.setText(self.tr("Stop") if playing else self.tr("Hear it"))
        self.close_button.setText(self.tr("Close"))
        if self.player is None:
            self.status.setText(self.tr("Voice is not available: read the model answer here."))
        self._fill()

    def _fill(self) -> None:
        customer, agent = html.escape(self.tr("Customer")), html.escape(self.tr("Agent"))
        by_item = html.escape(self.tr("The call, item by item"))
        parts = []
        for turn in self.call.turns:
            customer_now = self.current == (turn.index, "customer")
            agent_now = self.current == (turn.index, AGENT)
            shown = turn.score.moment.met if turn.score.moment is not None else ()
            marks = " · ".join("✓ " + html.escape(rubric_item_name(i)) for i in shown)
            parts.append(
                f"<p>{'<b>' if customer_now else ''}{customer}: "
                f"{html.escape(turn.customer.text)}{'</b>' if customer_now else ''}</p>"
                f"<p style='margin-left:16px'>{'<b>' if agent_now else ''}{agent}: "
                f"{html.escape(turn.reply_text)}{'</b>' if agent_now else ''}"
                + (f"<br/><span style='color:#2e7d32'>{marks}</span>" if marks else "") + "</p>")
        if self.call.final_line is not None:
            final_now = self.current == (FINAL_LINE, "customer")
            parts.append(f"<p>{'<b>' if final_now else ''}{customer}: "
                         f"{html.escape(self.call.final_line.text)}{'</b>' if final_now else ''}</p>")
        if self.call.call_score is not None:
            rows = "".join(f"<li>{html.escape(call_item_name(i.name))}: {i.score}/100</li>"
                           for i in self.call.call_score.items if i.score is not None)
            parts.append(f"<p><b>{by_item}</b></p><ul>{rows}</ul>")
        scroll = self.text.verticalScrollBar().value()
        self.text.setHtml("".join(parts))
        self.text.verticalScrollBar().setValue(scroll)
