"""The optional 4-2-6 breathing prompt before a call: inhale 4 s, hold 2 s, exhale 6 s."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.widgets.common import RetranslateMixin

PHASES = (("inhale", 4.0), ("hold", 2.0), ("exhale", 6.0))
CYCLE_S = sum(d for _, d in PHASES)
DEFAULT_CYCLES = 3
TICK_MS = 40


def phase_at(elapsed_s: float) -> tuple[str, float, float]:
    """(phase, seconds left in it, circle size 0-1) at a time into the exercise."""
    t = elapsed_s % CYCLE_S
    for name, duration in PHASES:
        if t < duration:
            fraction = t / duration
            size = {"inhale": fraction, "hold": 1.0, "exhale": 1.0 - fraction}[name]
            return name, duration - t, size
        t -= duration
    return "exhale", 0.0, 0.0


class _Circle(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.size_fraction = 0.0
        self.setMinimumSize(140, 140)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(160, 160)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 4
        radius = side / 2 * (0.35 + 0.65 * self.size_fraction)
        centre = self.rect().center()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#dbe9f7"))
        painter.drawEllipse(QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side))
        painter.setBrush(QColor("#4a90d9"))
        painter.drawEllipse(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius))
        painter.end()


class BreathingPrompt(RetranslateMixin, QWidget):
    """A growing and shrinking circle with the phase and a countdown, for a few cycles."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None, cycles: int = DEFAULT_CYCLES) -> None:
        super().__init__(parent)
        self.cycles = cycles
        self.phase = ""
        self.seconds_left = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.title = QLabel()
        self.circle = _Circle()
        self.phase_label = QLabel()
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.toggle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.circle, 1)
        layout.addWidget(self.phase_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        self._clock.start()
        self._timer.start()
        self._tick()

    def stop(self) -> None:
        self._timer.stop()
        self.phase = ""
        self.circle.size_fraction = 0.0
        self.circle.update()
        self.retranslate()

    def _tick(self) -> None:
        elapsed = self._clock.elapsed() / 1000.0
        if elapsed >= self.cycles * CYCLE_S:
            self.stop()
            self.finished.emit()
            return
        self.phase, self.seconds_left, self.circle.size_fraction = phase_at(elapsed)
        self.circle.update()
        self.retranslate()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Breathing before the call: in 4 s, hold 2 s, out 6 s"))
        texts = {
            "inhale": self.tr("Breathe in… {s}"),
            "hold": self.tr("Hold… {s}"),
            "exhale": self.tr("Breathe out… {s}"),
        }
        if self.phase:
            self.phase_label.setText(texts[self.phase].format(s=int(self.seconds_left) + 1))
        else:
            self.phase_label.setText(self.tr("Press start and follow the circle."))
        self.start_button.setText(self.tr("Stop") if self.running else self.tr("Start breathing"))
