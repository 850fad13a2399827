"""Meters of the call page: the customer's emotion, the microphone level and the speaking pace."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.scenarios.schema import MoodBand, Thresholds
from app.ui.labels import mood_name, pace_unit_name
from app.ui.widgets.common import RetranslateMixin, set_style

BAND_COLOURS = {
    MoodBand.CALM: QColor("#2e9e5b"),
    MoodBand.TENSE: QColor("#e0a020"),
    MoodBand.HOSTILE: QColor("#d03b3b"),
}


def band_for(intensity: int, thresholds: Thresholds) -> MoodBand:
    if intensity >= thresholds.hostile_from:
        return MoodBand.HOSTILE
    if intensity >= thresholds.tense_from:
        return MoodBand.TENSE
    return MoodBand.CALM


class _BarView(QWidget):
    """A horizontal bar painted in zones; `value` 0-1 fills it in `colour`."""

    def __init__(self, parent: QWidget | None = None, height: int = 18) -> None:
        super().__init__(parent)
        self.value = 0.0
        self.colour = QColor("#2e9e5b")
        self.zones: list[tuple[float, float, QColor]] = []  # (from, to, colour) as fractions
        self.marker: float | None = None
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self.minimumHeight())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e6e6e6"))
        painter.drawRoundedRect(rect, 4, 4)
        for start, end, colour in self.zones:
            faint = QColor(colour)
            faint.setAlpha(60)
            painter.setBrush(faint)
            painter.drawRect(QRectF(rect.left() + rect.width() * start, rect.top(),
                                    rect.width() * (end - start), rect.height()))
        painter.setBrush(self.colour)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), rect.width() * max(0.0, min(1.0, self.value)),
                                       rect.height()), 4, 4)
        if self.marker is not None:
            painter.setPen(QPen(QColor("#202020"), 2))
            x = rect.left() + rect.width() * max(0.0, min(1.0, self.marker))
            painter.drawLine(int(x), int(rect.top()), int(x), int(rect.bottom()))
        painter.end()


class EmotionMeter(RetranslateMixin, QWidget):
    """The customer's intensity 0-100, coloured calm / tense / hostile by the scenario's thresholds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thresholds = Thresholds()
        self.intensity = 0
        self.caption = QLabel()
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(90)
        self.bar = _BarView(height=22)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.value_label)
        self.retranslate()

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self.bar.zones = [
            (0.0, thresholds.tense_from / 100, BAND_COLOURS[MoodBand.CALM]),
            (thresholds.tense_from / 100, thresholds.hostile_from / 100, BAND_COLOURS[MoodBand.TENSE]),
            (thresholds.hostile_from / 100, 1.0, BAND_COLOURS[MoodBand.HOSTILE]),
        ]
        self.set_intensity(self.intensity)

    @property
    def band(self) -> MoodBand:
        return band_for(self.intensity, self.thresholds)

    def set_intensity(self, intensity: int) -> None:
        self.intensity = max(0, min(100, int(intensity)))
        self.bar.value = self.intensity / 100
        self.bar.colour = BAND_COLOURS[self.band]
        self.bar.update()
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Customer's mood"))
        self.value_label.setText(self.tr("{mood} {value}").format(mood=mood_name(self.band.value), value=self.intensity))
        colour = BAND_COLOURS[self.band].name()
        set_style(self.value_label, f"color: {colour}; font-weight: bold;")


class LevelMeter(RetranslateMixin, QWidget):
    """The microphone level, 0-1; fed by the voice adapter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.bar = _BarView(height=14)
        self.bar.colour = QColor("#3b7dd8")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.bar, 1)
        self.retranslate()

    @property
    def level(self) -> float:
        return self.bar.value

    def set_level(self, value: float) -> None:
        self.bar.value = max(0.0, min(1.0, float(value)))
        self.bar.colour = QColor("#d03b3b") if self.bar.value > 0.95 else QColor("#3b7dd8")
        self.bar.update()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Mic"))


class PaceMeter(RetranslateMixin, QWidget):
    """The live speaking rate against the band for the language (words or characters per minute)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rate: float | None = None
        self.band = (140.0, 170.0)
        self.unit = "wpm"
        self.scale_max = 300.0
        self.caption = QLabel()
        self.value_label = QLabel()
        self.bar = _BarView(height=14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.caption)
        row.addStretch(1)
        row.addWidget(self.value_label)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        self.set_band(self.band, self.unit)

    def set_band(self, band: tuple[float, float], unit: str) -> None:
        self.band, self.unit = band, unit
        self.scale_max = max(band[1] * 1.8, 1.0)
        low, high = band[0] / self.scale_max, band[1] / self.scale_max
        self.bar.zones = [(low, high, QColor("#2e9e5b"))]
        self.set_rate(self.rate)

    def set_rate(self, rate: float | None) -> None:
        self.rate = rate
        self.bar.value = 0.0
        self.bar.marker = None if rate is None else rate / self.scale_max
        self.bar.update()
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Pace"))
        band = self.tr("band {low:.0f}–{high:.0f} {unit}").format(
            low=self.band[0], high=self.band[1], unit=pace_unit_name(self.unit))
        if self.rate is None:
            self.value_label.setText(band)
        else:
            self.value_label.setText(self.tr("{rate:.0f} ({band})").format(rate=self.rate, band=band))
