"""The case file before the call, laid out like an agent's CRM record, with the call options and
the optional 4-2-6 breathing prompt."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.scenarios import Scenario
from app.ui.labels import difficulty_name, emotion_name, family_name, language_name, mood_name
from app.ui.widgets.breathing import BreathingPrompt
from app.ui.widgets.common import RetranslateMixin, content_label, heading, mark_content
from app.ui.widgets.meters import band_for

CASE_FILE_STYLE = """
QGroupBox { background: #ffffff; border: 1px solid #c9d3df; border-radius: 4px; margin-top: 18px;
            padding: 8px; font-weight: bold; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #2f5d8a; }
"""


class BriefingPage(RetranslateMixin, QWidget):
    start_requested = Signal(object, bool, bool)  # Scenario, subtitles, exam mode
    back_requested = Signal()
    breathing_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario: Scenario | None = None
        self.header = QLabel()
        self.header.setStyleSheet("color: #2f5d8a; font-weight: bold;")
        self.title = heading()
        self.title.setWordWrap(True)
        mark_content(self.title)
        self.tags = QLabel()
        self.tags.setStyleSheet("color: #606060;")

        self.customer_box, self.facts_box, self.situation_box, self.policy_box = (QGroupBox() for _ in range(4))
        self.caller = content_label(selectable=True)
        self.persona = QLabel()
        self.persona.setWordWrap(True)
        customer_layout = QVBoxLayout(self.customer_box)
        customer_layout.addWidget(self.caller)
        customer_layout.addWidget(self.persona)
        self.facts_form = QFormLayout(self.facts_box)
        self.situation = content_label(selectable=True)
        QVBoxLayout(self.situation_box).addWidget(self.situation)
        self.policy = content_label(selectable=True)
        QVBoxLayout(self.policy_box).addWidget(self.policy)
        case_file = QWidget()
        case_file.setObjectName("CaseFile")
        case_file.setStyleSheet(CASE_FILE_STYLE)
        case_layout = QVBoxLayout(case_file)
        for box in (self.customer_box, self.facts_box, self.situation_box, self.policy_box):
            case_layout.addWidget(box)
        case_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(case_file)

        self.options_box = QGroupBox()
        self.subtitles_check, self.exam_check, self.breathing_check = QCheckBox(), QCheckBox(), QCheckBox()
        self.limit_label = QLabel()
        self.limit_label.setWordWrap(True)
        options = QVBoxLayout(self.options_box)
        for widget in (self.subtitles_check, self.exam_check, self.breathing_check, self.limit_label):
            options.addWidget(widget)
        self.breathing = BreathingPrompt()
        self.breathing_check.toggled.connect(self._breathing_toggled)
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.start_button.setStyleSheet("font-weight: bold; padding: 8px 18px;")
        self.start_button.clicked.connect(self._start)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        side = QVBoxLayout()
        side.addWidget(self.options_box)
        side.addWidget(self.breathing, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        side.addLayout(buttons)

        top = QVBoxLayout()
        top.addWidget(self.header)
        top.addWidget(self.title)
        top.addWidget(self.tags)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.retranslate()

    def set_options(self, subtitles: bool, exam_mode: bool, breathing: bool) -> None:
        self.subtitles_check.setChecked(subtitles)
        self.exam_check.setChecked(exam_mode)
        self.breathing_check.setChecked(breathing)
        self.breathing.setVisible(breathing)

    def _breathing_toggled(self, on: bool) -> None:
        self.breathing.setVisible(on)
        self.breathing_toggled.emit(on)

    def show_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        b = scenario.briefing
        self.title.setText(scenario.title)
        self.caller.setText(b.caller)
        while self.facts_form.rowCount():
            self.facts_form.removeRow(0)
        for fact in b.facts:
            self.facts_form.addRow(content_label(fact.label + ":"), content_label(fact.value, selectable=True))
        self.situation.setText(" ".join(b.situation.split()))
        self.policy.setText("\n".join(f"• {item}" for item in b.policy_allows))
        self.retranslate()

    def _start(self) -> None:
        if self.scenario is not None:
            self.breathing.stop()
            self.start_requested.emit(self.scenario, self.subtitles_check.isChecked(), self.exam_check.isChecked())

    def retranslate(self) -> None:
        self.header.setText(self.tr("CASE FILE"))
        self.customer_box.setTitle(self.tr("Customer"))
        self.facts_box.setTitle(self.tr("Account and order facts"))
        self.situation_box.setTitle(self.tr("What happened"))
        self.policy_box.setTitle(self.tr("What policy allows"))
        self.options_box.setTitle(self.tr("Call options"))
        self.subtitles_check.setText(self.tr("Show subtitles of the customer's words"))
        self.exam_check.setText(self.tr("Exam mode: feedback only at the end"))
        self.breathing_check.setText(self.tr("Breathing prompt before the call (4-2-6)"))
        self.start_button.setText(self.tr("Start the call"))
        self.back_button.setText(self.tr("Back to the library"))
        s = self.scenario
        if s is None:
            return
        self.tags.setText(" · ".join([language_name(s.language.value), family_name(s.family.value),
                                      emotion_name(s.persona.emotion.value), difficulty_name(s.difficulty)]))
        mood = band_for(s.persona.intensity, s.thresholds)
        self.persona.setText(self.tr("Caller's mood at the start: {emotion}, {mood} ({value}/100)").format(
            emotion=emotion_name(s.persona.emotion.value), mood=mood_name(mood.value), value=s.persona.intensity))
        self.limit_label.setText(self.tr("Answer within {seconds:g} s of the customer finishing, or the "
                                         "silence counts against you.").format(
            seconds=s.thresholds.first_response_limit_s))
