"""The call: the customer's line (with subtitles), the emotion meter, the reply (spoken or typed),
the dead-air timer, live voice cues and the feedback strip after each reply."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.dialogue import CustomerLine, Turn
from app.domain.scenarios import Scenario
from app.domain.scoring.model import STAGE_NAMES
from app.domain.text_hygiene import MAX_REPLY_CHARS, kept_length
from app.ui.controllers.call_controller import CallController, InputMode
from app.ui.labels import language_name, reply_stage_name
from app.ui.widgets.common import RetranslateMixin, content_label, heading, mark_content, set_style
from app.ui.widgets.meters import EmotionMeter, LevelMeter, PaceMeter
from app.ui.widgets.push_to_talk import PushToTalk

WARNING_STYLE = "color: #d03b3b; font-weight: bold;"


class CallPage(RetranslateMixin, QWidget):
    import_model_requested = Signal(str)  # a language: the trainee wants a better recognition model for it

    def __init__(self, controller: CallController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.scenario: Scenario | None = None
        self.exam_mode = False
        self.line: CustomerLine | None = None
        self.last_turn: Turn | None = None
        self.speaking = False
        self.dead_air_s = 0.0
        self.dead_air_over = False
        self.mode_reason = ""
        self.log_entries: list[tuple[str, str]] = []  # (who, text)
        self._build_header()
        self._build_customer_section()
        self._build_status_labels()
        self._build_voice_section()
        reply_row = self._build_conversation_and_reply()
        self._build_feedback_strip()
        self._build_notice()
        self._build_layout(reply_row)
        self._connect_controller()
        self.retranslate()

    # -- building the page ------------------------------------------------------------------------
    def _build_header(self) -> None:
        self.title = heading()
        self.title.setWordWrap(True)
        mark_content(self.title)
        self.hang_up_button = QPushButton()
        self.hang_up_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hang_up_button.setStyleSheet("background: #d03b3b; color: white; font-weight: bold; padding: 6px 16px;")
        self.hang_up_button.clicked.connect(self.controller.hang_up)
        self.emotion = EmotionMeter()

    def _build_customer_section(self) -> None:
        self.customer_box = QGroupBox()
        self.subtitle = content_label(selectable=True)
        font = self.subtitle.font()
        font.setPointSize(font.pointSize() + 2)
        self.subtitle.setFont(font)
        self.subtitles_check = QCheckBox()
        self.subtitles_check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.subtitles_check.toggled.connect(lambda *_: self._show_line())
        self.speaking_label = QLabel()
        customer_layout = QVBoxLayout(self.customer_box)
        customer_layout.addWidget(self.subtitle)
        row = QHBoxLayout()
        row.addWidget(self.speaking_label, 1)
        row.addWidget(self.subtitles_check)
        customer_layout.addLayout(row)

    def _build_status_labels(self) -> None:
        self.dead_air_label = QLabel()
        self.mode_label = QLabel()
        self.mode_label.setWordWrap(True)

    def _build_voice_section(self) -> None:
        self.voice_box = QGroupBox()
        self.level_meter = LevelMeter()
        self.pace_meter = PaceMeter()
        self.partial_label = content_label()
        self.partial_label.setStyleSheet("color: #505050; font-style: italic;")
        self.talk_button = QPushButton()
        self.talk_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.push_to_talk = PushToTalk(self)
        self.talk_button.pressed.connect(self.push_to_talk.press)
        self.talk_button.released.connect(self.push_to_talk.release)
        self.push_to_talk.pressed.connect(self._talk_pressed)
        self.push_to_talk.released.connect(self._talk_released)
        voice_layout = QVBoxLayout(self.voice_box)
        meters = QHBoxLayout()
        meters.addWidget(self.level_meter, 1)
        meters.addWidget(self.pace_meter, 1)
        meters.addWidget(self.talk_button)
        voice_layout.addLayout(meters)
        voice_layout.addWidget(self.partial_label)

    def _build_conversation_and_reply(self) -> QHBoxLayout:
        self.conversation = QTextBrowser()
        mark_content(self.conversation)
        self.reply_box = QPlainTextEdit()
        self.reply_box.setMaximumHeight(90)
        self.reply_box.installEventFilter(self)
        mark_content(self.reply_box)
        self.send_button = QPushButton()
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_button.clicked.connect(self._send)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_box, 1)
        reply_row.addWidget(self.send_button)
        return reply_row

    def _build_feedback_strip(self) -> None:
        self.feedback = QFrame()
        self.feedback.setObjectName("FeedbackStrip")
        self.feedback.setStyleSheet("#FeedbackStrip { background: #f1f5fa; border-radius: 4px; }")
        self.feedback_score = QLabel()
        self.stage_labels = {name: QLabel() for name in STAGE_NAMES}
        self.feedback_tip = content_label()
        strip = QVBoxLayout(self.feedback)
        stages_row = QHBoxLayout()
        stages_row.addWidget(self.feedback_score)
        for label in self.stage_labels.values():
            stages_row.addWidget(label)
        stages_row.addStretch(1)
        strip.addLayout(stages_row)
        strip.addWidget(self.feedback_tip)

    def _render_turn_budget(self) -> None:
        """"Reply 4 of 6": the trainee sees the call running out."""
        session, scenario = self.controller.session, self.controller.scenario
        if session is None or scenario is None or self.controller.result is not None:
            self.turn_label.setText("")
            return
        budget = scenario.thresholds.max_turns
        current = min(len(session.turns) + (0 if self.controller.processing else 1), budget)
        self.turn_label.setText(self.tr("Reply {n} of {total}").format(n=current, total=budget))
        set_style(self.turn_label, "font-weight: bold; color: #b03030;" if budget - current <= 1 else "color: #505050;")

    def _build_notice(self) -> None:
        self.turn_label = QLabel()  # the turn budget
        self.better_model_button = QPushButton()  # English on the built-in recogniser: a better one, one click away
        self.better_model_button.setVisible(False)
        self.better_model_button.clicked.connect(
            lambda: self.import_model_requested.emit(self.better_model_button.property("language")))
        self._cut_notice = ""  # the "only the first … characters" notice, while it is shown
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("background: #fff3cd; padding: 4px;")
        self.notice_label.setVisible(False)

    def _build_layout(self, reply_row: QHBoxLayout) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.turn_label)
        header.addWidget(self.hang_up_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.emotion)
        layout.addWidget(self.customer_box)
        layout.addWidget(self.dead_air_label)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode_label, 1)
        mode_row.addWidget(self.better_model_button)
        layout.addLayout(mode_row)
        layout.addWidget(self.voice_box)
        layout.addWidget(self.conversation, 1)
        layout.addLayout(reply_row)
        layout.addWidget(self.feedback)
        layout.addWidget(self.notice_label)

    def _connect_controller(self) -> None:
        c = self.controller
        c.customer_line.connect(self._on_customer_line)
        c.better_model_available.connect(self._on_better_model)
        c.customer_speaking.connect(self._on_speaking)
        c.customer_audio_changed.connect(lambda *_: self._show_line())
        c.awaiting_reply.connect(self._on_awaiting)
        c.reply_processing.connect(self._on_processing)
        c.turn_scored.connect(self._on_turn)
        c.input_mode_changed.connect(self._on_mode)
        c.notice.connect(self.show_notice)
        c.dead_air.connect(self._on_dead_air)
        c.mic_level.connect(self.level_meter.set_level)
        c.partial_transcript.connect(self.partial_label.setText)
        c.live_pace.connect(self.pace_meter.set_rate)
        c.draft_text.connect(self._on_draft)
        c.call_ended.connect(lambda *_: self.push_to_talk.set_enabled(False))

    # -- set-up -----------------------------------------------------------------------------------
    def begin(self, scenario: Scenario, subtitles: bool, exam_mode: bool) -> None:
        """Reset the page for a new call (before the controller starts it)."""
        self.scenario, self.exam_mode = scenario, exam_mode
        self.line, self.last_turn, self.log_entries = None, None, []
        self.speaking, self.dead_air_s, self.dead_air_over = False, 0.0, False
        self.title.setText(scenario.title)
        self.emotion.set_thresholds(scenario.thresholds)
        self.emotion.set_intensity(scenario.persona.intensity)
        self.subtitles_check.setChecked(subtitles)
        self.reply_box.clear()
        self.partial_label.clear()
        self.level_meter.set_level(0.0)
        lang = scenario.language.value
        rules = self.controller.scorer.pace_rules
        band, unit = rules.band(lang), ("cpm" if lang == "zh" else "wpm")
        self.pace_meter.set_band(band, unit)
        self.pace_meter.set_rate(None)
        self.notice_label.setVisible(False)
        self.feedback.setVisible(True)
        self.retranslate()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._update_push_to_talk()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.push_to_talk.set_enabled(False)
        super().hideEvent(event)

    def _update_push_to_talk(self) -> None:
        voice = self.controller.input_mode == InputMode.VOICE and self.controller.active
        self.push_to_talk.set_enabled(voice and self.isVisible())
        self.talk_button.setEnabled(voice)
        self.level_meter.setEnabled(voice)
        self.pace_meter.setEnabled(voice)

    # -- controller events ------------------------------------------------------------------------
    def _on_customer_line(self, line: CustomerLine) -> None:
        self.line = line
        self.emotion.set_intensity(line.intensity)
        self.log_entries.append(("customer", line.text))
        self._show_line()

    def _on_speaking(self, speaking: bool) -> None:
        self.speaking = speaking
        self._render_status()

    def _on_awaiting(self) -> None:
        self.dead_air_s, self.dead_air_over = 0.0, False
        self.send_button.setEnabled(True)
        self.partial_label.clear()
        if self.controller.input_mode == InputMode.TYPED:
            self.reply_box.setFocus()
        else:
            self.setFocus()
        self._render_status()

    def _on_processing(self) -> None:
        self.send_button.setEnabled(False)
        self._render_status()

    def _on_turn(self, turn: Turn) -> None:
        self.last_turn = turn
        self.emotion.set_intensity(turn.intensity_after)
        self.log_entries.append(("you", turn.reply_text))
        self._render_log()
        self._render_feedback()
        self._render_status()

    def _on_better_model(self, language: str) -> None:
        self.better_model_button.setProperty("language", language)
        self.better_model_button.setVisible(bool(language))
        self.retranslate()

    def _on_mode(self, mode: str, reason: str) -> None:
        self.mode_reason = reason
        self._update_push_to_talk()
        self._render_status()

    def _on_dead_air(self, seconds: float, over: bool) -> None:
        self.dead_air_s, self.dead_air_over = seconds, over
        self._render_dead_air()

    def _on_draft(self, text: str) -> None:
        self.reply_box.setPlainText(text)
        self.reply_box.setFocus()

    def show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    # -- trainee actions --------------------------------------------------------------------------
    def _send(self) -> None:
        text = self.reply_box.toPlainText().strip()
        if self.controller.submit_text(text):
            self.reply_box.clear()
            length = kept_length(text)
            if length > MAX_REPLY_CHARS:  # the scorer reads that much: say so rather than cut in silence
                self._cut_notice = self.tr("Only the first {limit} characters of this reply were scored "
                                           "(it has {length}).").format(limit=f"{MAX_REPLY_CHARS:,}", length=f"{length:,}")
                self.show_notice(self._cut_notice)
            elif self._cut_notice and self.notice_label.text() == self._cut_notice:
                self.show_notice("")  # it was about the previous reply
                self._cut_notice = ""

    def _talk_pressed(self) -> None:
        self.controller.talk_pressed()
        self._render_status()

    def _talk_released(self) -> None:
        self.controller.talk_released()
        self._render_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.reply_box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self._send()
            return True
        return super().eventFilter(watched, event)

    # -- rendering --------------------------------------------------------------------------------
    @property
    def subtitles_shown(self) -> bool:
        return self.subtitles_check.isChecked() or not self.controller.customer_audio

    def _show_line(self) -> None:
        if self.line is None:
            self.subtitle.setText("")
        elif self.subtitles_shown:
            self.subtitle.setText(self.line.text)
        else:
            self.subtitle.setText(self.tr("(subtitles off: listen to the customer)"))
        self._render_log()

    def _render_log(self) -> None:
        parts = []
        for who, text in self.log_entries:
            if who == "customer" and not self.subtitles_shown:
                text = "…"
            name = self.tr("Customer") if who == "customer" else self.tr("You")
            colour = "#8a3b12" if who == "customer" else "#1f4e79"
            parts.append(f'<p><b style="color: {colour}">{html.escape(name)}:</b> {html.escape(text)}</p>')
        self.conversation.setHtml("".join(parts))
        bar = self.conversation.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _render_dead_air(self) -> None:
        if not self.controller.awaiting:
            self.dead_air_label.clear()
            return
        limit = self.scenario.thresholds.first_response_limit_s if self.scenario else 30.0
        if self.dead_air_over:
            self.dead_air_label.setText(self.tr("Dead air: {seconds:.0f} s. Say something now, even \"one moment, "
                                                "I'm checking\" (limit {limit:g} s).").format(
                seconds=self.dead_air_s, limit=limit))
            set_style(self.dead_air_label, WARNING_STYLE)
        else:
            self.dead_air_label.setText(self.tr("Silence: {seconds:.0f} s (answer within {limit:g} s)").format(
                seconds=self.dead_air_s, limit=limit))
            set_style(self.dead_air_label, "color: #505050;")

    def _render_feedback(self) -> None:
        turn = self.last_turn
        if self.exam_mode:
            self.feedback_score.setText(self.tr("Exam mode: feedback at the end of the call."))
            for label in self.stage_labels.values():
                label.setVisible(False)
            self.feedback_tip.setVisible(False)
            return
        if turn is None:
            self.feedback_score.setText(self.tr("Feedback on each reply appears here."))
            for label in self.stage_labels.values():
                label.setVisible(False)
            self.feedback_tip.setVisible(False)
            return
        self.feedback_score.setText(self.tr("Reply {n}: {score}/100").format(n=turn.index + 1, score=turn.score.overall))
        stages = turn.score.stages
        for name, label in self.stage_labels.items():
            done = stages.get(name, False)
            label.setText(("✓ " if done else "✗ ") + reply_stage_name(name))
            set_style(label, "color: #2e9e5b;" if done else "color: #b0b0b0;")
            label.setToolTip(self.tr("done") if done else self.tr("missing"))
            label.setVisible(True)
        self.feedback_tip.setText(turn.score.tips[0] if turn.score.tips else "")
        self.feedback_tip.setVisible(bool(turn.score.tips))

    def _render_status(self) -> None:
        """The parts that change during the call: who speaks, push-to-talk, input mode, dead air."""
        if self.speaking:
            self.speaking_label.setText(self.tr("The customer is speaking…"))
        elif self.controller.processing:
            self.speaking_label.setText(self.tr("Scoring your reply…"))
        elif self.controller.awaiting:
            self.speaking_label.setText(self.tr("Your turn."))
        else:
            self.speaking_label.setText("")
        talking = self.push_to_talk.held
        self.talk_button.setText(self.tr("Talking… release to finish") if talking else self.tr("Hold to talk (Space)"))
        self._render_turn_budget()
        self.mode_label.setText(self.mode_reason)
        set_style(self.mode_label,
                  "color: #2e9e5b;" if self.controller.input_mode == InputMode.VOICE else "color: #8a6d00;")
        self._render_dead_air()

    def retranslate(self) -> None:
        self.hang_up_button.setText(self.tr("Hang up"))
        self.customer_box.setTitle(self.tr("The customer"))
        self.subtitles_check.setText(self.tr("Subtitles"))
        self.voice_box.setTitle(self.tr("Your voice"))
        self.reply_box.setPlaceholderText(self.tr("Type your reply and press Enter (Shift+Enter for a new line)"))
        self.send_button.setText(self.tr("Send"))
        language = self.better_model_button.property("language")
        self.better_model_button.setText(self.tr("Import a better {language} model…").format(
            language=language_name(language)) if language else "")
        self._show_line()
        self._render_status()
        self._render_feedback()
