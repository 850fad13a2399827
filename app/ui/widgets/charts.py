"""QtCharts views: the customer's emotion over a call, and a trainee's scores over sessions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis, QXYSeries
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.domain.progress import DIMENSIONS, SessionSummary
from app.domain.scenarios.schema import MoodBand, Thresholds
from app.ui.labels import dimension_name, mood_name
from app.ui.widgets.common import RetranslateMixin
from app.ui.widgets.meters import BAND_COLOURS

SERIES_COLOURS = {
    "overall": QColor("#202020"),
    "empathy": QColor("#2e9e5b"),
    "forbidden": QColor("#d03b3b"),
    "structure": QColor("#3b7dd8"),
    "pace": QColor("#9b59b6"),
}


def _axis(low: float, high: float, ticks: int, integer: bool = True) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setTickCount(ticks)
    if integer:
        axis.setLabelFormat("%d")
    return axis


class _ChartBase(RetranslateMixin, QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_ = QChart()
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self.chart_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def _reset(self) -> None:
        self.chart_.removeAllSeries()
        for axis in self.chart_.axes():
            self.chart_.removeAxis(axis)

    def _attach(self, series: QLineSeries, x_axis: QValueAxis, y_axis: QValueAxis) -> None:
        self.chart_.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)


class EmotionCurveChart(_ChartBase):
    """Intensity before the first reply and after each one, with the tense and hostile lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curve: list[int] = []
        self.thresholds = Thresholds()
        self.retranslate()

    def set_curve(self, curve: Sequence[int], thresholds: Thresholds) -> None:
        self.curve, self.thresholds = list(curve), thresholds
        self.retranslate()

    @property
    def points(self) -> list[tuple[float, float]]:
        series = [s for s in self.chart_.series() if isinstance(s, QXYSeries) and s.objectName() == "emotion"]
        return [(p.x(), p.y()) for p in series[0].points()] if series else []

    def retranslate(self) -> None:
        self._reset()
        self.chart_.setTitle(self.tr("Customer's emotion during the call"))
        last = max(1, len(self.curve) - 1)
        x_axis, y_axis = _axis(0, last, min(last + 1, 11)), _axis(0, 100, 6)
        x_axis.setTitleText(self.tr("Reply"))
        y_axis.setTitleText(self.tr("Intensity"))
        self.chart_.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for band, value in ((MoodBand.TENSE, self.thresholds.tense_from), (MoodBand.HOSTILE, self.thresholds.hostile_from)):
            line = QLineSeries()
            line.setName(self.tr("{mood} from {value}").format(mood=mood_name(band.value), value=value))
            line.append([QPointF(0, value), QPointF(last, value)])
            line.setPen(QPen(BAND_COLOURS[band], 1, Qt.PenStyle.DashLine))
            self._attach(line, x_axis, y_axis)
        series = QLineSeries()
        series.setObjectName("emotion")
        series.setName(self.tr("Intensity"))
        series.append([QPointF(i, v) for i, v in enumerate(self.curve)])
        series.setPen(QPen(QColor("#202020"), 2.5))
        series.setPointsVisible(True)
        self._attach(series, x_axis, y_axis)


def _session_score(session: SessionSummary, name: str) -> int | None:
    """The session's overall score, or its average for one dimension; None where it has none."""
    return session.overall if name == "overall" else session.dimensions.get(name)


class TrendChart(_ChartBase):
    """Overall and per-dimension average scores, session after session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions: list[SessionSummary] = []
        self.setMinimumHeight(260)
        self.retranslate()

    def set_sessions(self, sessions: Sequence[SessionSummary]) -> None:
        self.sessions = [s for s in sessions if s.overall is not None]
        self.retranslate()

    def series_names(self) -> list[str]:
        return [s.objectName() for s in self.chart_.series()]

    def retranslate(self) -> None:
        self._reset()
        self.chart_.setTitle(self.tr("My scores over my sessions"))
        count = max(2, len(self.sessions))
        x_axis, y_axis = _axis(1, count, min(count, 10)), _axis(0, 100, 6)
        x_axis.setTitleText(self.tr("Session"))
        y_axis.setTitleText(self.tr("Score"))
        self.chart_.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for name in ("overall", *DIMENSIONS):
            scores = [(i + 1, _session_score(s, name)) for i, s in enumerate(self.sessions)]
            points = [QPointF(x, y) for x, y in scores if y is not None]
            if not points and name != "overall":
                continue
            series = QLineSeries()
            series.setObjectName(name)
            series.setName(dimension_name(name))
            series.append(points)
            series.setPen(QPen(SERIES_COLOURS[name], 3 if name == "overall" else 1.5))
            series.setPointsVisible(True)
            self._attach(series, x_axis, y_axis)
