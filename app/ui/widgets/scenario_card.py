"""A scenario in the library: title, tags, the briefing in short, and the trainee's best score."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.progress import PASS_SCORE
from app.domain.scenarios import Scenario
from app.ui.labels import difficulty_name, emotion_name, family_name, language_name
from app.ui.widgets.common import RetranslateMixin, content_label

SUMMARY_CHARS = 110
CARD_WIDTH = 300


def summarize(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _colour_text(label: QLabel, colour: str, bold: bool = False) -> None:
    """Colour a label through its palette (much cheaper than a style sheet per card)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)
    if bold != label.font().bold():
        font = label.font()
        font.setBold(bold)
        label.setFont(font)


class ScenarioCard(RetranslateMixin, QFrame):
    open_requested = Signal(str)  # scenario id

    def __init__(self, scenario: Scenario, best: int | None = None, recommended: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario, self.best, self.recommended = scenario, best, recommended
        self.setObjectName("ScenarioCard")
        self.setFixedWidth(CARD_WIDTH)
        self.badge = QLabel()
        _colour_text(self.badge, "#b07800", bold=True)
        self.badge.setVisible(recommended)
        self.title = content_label(scenario.title)
        font = self.title.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 1)
        self.title.setFont(font)
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        _colour_text(self.tags, "#606060")
        self.caller = content_label(scenario.briefing.caller)
        self.summary = content_label(summarize(scenario.briefing.situation))
        _colour_text(self.summary, "#404040")
        self.best_label = QLabel()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.badge)
        layout.addWidget(self.title)
        layout.addWidget(self.tags)
        layout.addWidget(self.caller)
        layout.addWidget(self.summary, 1)
        row = QHBoxLayout()
        row.addWidget(self.best_label, 1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.retranslate()

    def _open(self) -> None:
        self.open_requested.emit(self.scenario.id)

    def set_recommended(self, recommended: bool) -> None:
        """Mark (or unmark) this card as the one recommended next."""
        if recommended != self.recommended:
            self.recommended = recommended
            self.badge.setVisible(recommended)
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = 2 if self.recommended else 1
        painter.setPen(QPen(QColor("#e0a020" if self.recommended else "#c8c8c8"), width))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2), 6, 6)
        painter.end()

    def set_best(self, best: int | None) -> None:
        if best != self.best:
            self.best = best
            self.retranslate()

    def retranslate(self) -> None:
        s = self.scenario
        self.badge.setText(self.tr("★ Recommended next"))
        self.tags.setText(" · ".join([
            language_name(s.language.value), family_name(s.family.value),
            emotion_name(s.persona.emotion.value), difficulty_name(s.difficulty),
        ]))
        if self.best is None:
            self.best_label.setText(self.tr("Not played yet"))
            _colour_text(self.best_label, "#808080")
        else:
            self.best_label.setText(self.tr("Your best: {score}").format(score=self.best))
            _colour_text(self.best_label, "#2e9e5b" if self.best >= PASS_SCORE else "#b07800", bold=True)
        self.open_button.setText(self.tr("Open briefing"))
