"""The team view: one row per trainee (weakest dimension, sessions this week, pass rate, the
negative-emotion intervention rate against the handbooks' 80 % target), the selected trainee's
score trend, and the average score by scenario and difficulty.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auth import Viewer
from app.domain.progress import InterventionRate
from app.ui.labels import call_item_name, difficulty_name, dimension_name
from app.ui.ports import TeamOverview, TrainerStore
from app.ui.tasks import TaskRunner
from app.ui.widgets.charts import TrendChart
from app.ui.widgets.common import RetranslateMixin, heading

TREND_SESSIONS = 100  # the trend chart shows a trainee's latest sessions


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


class TraineeTrendChart(TrendChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.trainee = ""
        super().__init__(parent)

    def retranslate(self) -> None:
        super().retranslate()
        self.chart_.setTitle(self.tr("Scores of {trainee}").format(trainee=self.trainee) if self.trainee else "")


class SortableItem(QTableWidgetItem):
    """A cell that sorts by its value (numbers as numbers; no value after every value)."""

    def __init__(self, text: str, key: object) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if not isinstance(other, SortableItem):
            return super().__lt__(other)
        mine, theirs = self.key, other.key
        if mine is None or theirs is None:
            return theirs is None and mine is not None
        return mine < theirs  # type: ignore[operator]  # one column holds one kind of value


class ScenarioScoreChart(RetranslateMixin, QChartView):
    """Average score per scenario (one bar each, down the side), coloured by difficulty level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_ = QChart()
        self.setChart(self.chart_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(320)
        self.overview: TeamOverview | None = None
        self._sets: list[QBarSet] = []

    def set_overview(self, overview: TeamOverview) -> None:
        self.overview = overview
        self.retranslate()

    def category_labels(self) -> list[str]:
        """The names down the side, as drawn."""
        axes = [a for a in self.chart_.axes() if isinstance(a, QBarCategoryAxis)]
        return list(axes[0].categories()) if axes else []

    def bar_values(self) -> dict[str, list[float]]:
        """The bars as drawn: {level name: average per scenario}."""
        return {s.label(): [s.at(i) for i in range(s.count())] for s in self._sets}

    def retranslate(self) -> None:
        self.chart_.removeAllSeries()
        for axis in self.chart_.axes():
            self.chart_.removeAxis(axis)
        self._sets = []
        self.chart_.setTitle(self.tr("Average score by scenario and difficulty"))
        if self.overview is None or not self.overview.by_scenario:
            return
        cells = self.overview.by_scenario
        scenarios = list(dict.fromkeys(c.scenario_id for c in cells))
        series = QHorizontalStackedBarSeries()  # a scenario has one level: one thick bar in its colour
        for level in sorted({c.difficulty for c in cells}):
            bars = QBarSet(difficulty_name(level))
            values = {c.scenario_id: c.average for c in cells if c.difficulty == level}
            bars.append([values.get(s, 0.0) for s in scenarios])
            series.append(bars)
            self._sets.append(bars)
        self.chart_.addSeries(series)
        categories = QBarCategoryAxis()  # scenario titles down the side, where long names fit
        titles = self.overview.scenario_titles
        categories.append([titles.get(s, s) if s else "" for s in scenarios])
        small = categories.labelsFont()
        small.setPointSizeF(max(6.0, small.pointSizeF() - 2))
        categories.setLabelsFont(small)
        categories.setTruncateLabels(False)
        scores = QValueAxis()
        scores.setRange(0, 100)
        scores.setLabelFormat("%d")
        self.chart_.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.chart_.addAxis(scores, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(scores)


class TeamPage(RetranslateMixin, QWidget):
    trainee_deleted = Signal(str)

    HEADERS = ("trainee", "sessions", "week", "pass_rate", "average", "weakest", "intervention")

    def __init__(self, store: TrainerStore, runner: TaskRunner, viewer: Viewer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.viewer = store, runner, viewer
        self.overview: TeamOverview | None = None
        self._confirm_box: QMessageBox | None = None  # the open "delete?" question
        self._sorted_once = False  # the table's first order is by name; then the trainer's choice
        self.notice = ""  # the outcome of the last action, kept above the figures
        self.title = heading()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button, self.delete_button = QPushButton(), QPushButton()
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.trend = TraineeTrendChart()
        self.by_scenario = ScenarioScoreChart()
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        charts = QSplitter()
        charts.addWidget(self.trend)
        charts.addWidget(self.by_scenario)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(charts, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.delete_button.clicked.connect(self._ask_to_delete)  # clicked(bool) must not reach `confirm`
        self.table.itemSelectionChanged.connect(self._show_trend)
        self.retranslate()

    def refresh(self) -> None:
        self.summary.setText(self.tr("Loading the team figures…"))
        self.runner.run(self.store.team_overview, self.viewer, datetime.now().astimezone(), lane="team",
                        label=self.tr("Loading the team figures…"), on_result=self.show_overview,
                        on_error=self._on_error)

    def _on_error(self, error: BaseException) -> None:
        self.summary.setText(self.tr("That did not work: {error}").format(error=error))

    def show_overview(self, overview: TeamOverview) -> None:
        self.overview = overview
        self.by_scenario.set_overview(overview)
        self.retranslate()

    def intervention_text(self, rate: InterventionRate) -> str:
        if rate.rate is None:
            return self.tr("no high-intensity turns")
        verdict = self.tr("meets the target") if rate.meets_target else self.tr("below the target")
        return self.tr("{rate} of {turns} high-intensity turns ({verdict})").format(
            rate=percent(rate.rate), turns=rate.high_turns, verdict=verdict)

    def scorer_vs_trainer_text(self) -> str:
        """How often and by how much trainers override each scored dimension."""
        stats = self.overview.overrides if self.overview is not None else []
        if not stats:
            return self.tr("Scorer vs trainer: no score overridden yet.")
        parts = [self.tr("{dimension} {share} of replies ({change:+.0f} on average)").format(
            dimension=dimension_name(s.dimension), share=percent(s.share), change=s.mean_change) for s in stats]
        return self.tr("Scorer vs trainer: overridden {list}.").format(list="; ".join(parts))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Team"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.delete_button.setText(self.tr("Delete trainee and recordings…"))
        names = {"trainee": self.tr("Trainee"), "sessions": self.tr("Sessions"), "week": self.tr("This week"),
                 "pass_rate": self.tr("Pass rate"), "average": self.tr("Average"),
                 "weakest": self.tr("Weakest item"), "intervention": self.tr("Intervention rate (target 80 %)")}
        self.table.setHorizontalHeaderLabels([names[h] for h in self.HEADERS])
        self.trend.retranslate()
        if self.overview is None:
            return
        team = self.overview.intervention
        figures = self.tr("Negative-emotion intervention rate, whole team: {text}.").format(
            text=self.intervention_text(team))
        figures += " " + self.scorer_vs_trainer_text()
        self.summary.setText(f"{self.notice} {figures}" if self.notice else figures)
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if not self._sorted_once:  # first time: by name, A to Z, and the arrow says so
            column, order = 0, Qt.SortOrder.AscendingOrder
            self._sorted_once = True
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.overview.rows))
        for row, item in enumerate(self.overview.rows):
            weakest = call_item_name(item.weakest_dimension) if item.weakest_dimension else "—"
            cells = [(item.trainee_id, item.trainee_id.casefold()), (str(item.sessions), item.sessions),
                     (str(item.sessions_this_week), item.sessions_this_week),
                     (percent(item.pass_rate), item.pass_rate),
                     ("—" if item.average_overall is None else f"{item.average_overall:.0f}", item.average_overall),
                     (weakest, weakest.casefold()), (percent(item.intervention.rate), item.intervention.rate)]
            for index, (text, key) in enumerate(cells):
                cell = SortableItem(text, key)
                if index == len(cells) - 1 and item.intervention.meets_target is False:
                    cell.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, index, cell)
        self.table.setSortingEnabled(True)
        self.table.sortItems(column, order)  # the rows in the order the arrow shows
        self.table.resizeColumnsToContents()

    def selected_trainee(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return item.text() if item is not None else None

    def _show_trend(self) -> None:
        name = self.selected_trainee()
        if self.overview is None or name is None:
            return
        if name in self.overview.trends:
            self.trend.trainee = name
            self.trend.set_sessions(self.overview.trends[name])
            return
        self.runner.run(self.store.trainee_trend, self.viewer, name, TREND_SESSIONS, lane="team", show_busy=False,
                        on_result=partial(self._on_trend, self.overview, name), on_error=self._on_error)

    def _on_trend(self, overview: TeamOverview, name: str, sessions: list) -> None:
        overview.trends[name] = sessions
        if overview is self.overview and self.selected_trainee() == name:
            self._show_trend()

    def _ask_to_delete(self) -> None:
        self.delete_selected()

    def delete_selected(self, *, confirm: bool = True) -> None:
        name = self.selected_trainee()
        if name is None:
            self.summary.setText(self.tr("Select a trainee first."))
            return
        if confirm:
            row = next((r for r in self.overview.rows if r.trainee_id == name), None) if self.overview else None
            sessions = row.sessions if row is not None else 0
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete a trainee"),
                              self.tr("Delete {name}, their {count} sessions and every recording of their calls? "
                                      "This cannot be undone.").format(name=name, count=sessions),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps everything
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep"))
            self._confirm_box = box  # kept, so a test (or a screen reader) can find it
            answer = box.exec()
            self._confirm_box = None
            if answer != QMessageBox.StandardButton.Yes:
                self.summary.setText(self.tr("Nothing was deleted."))
                return
        self.runner.run(self.store.delete_trainee, self.viewer, name, lane="team",
                        on_result=lambda count: self._deleted(name, count), on_error=self._on_error,
                        owner=self)

    def _deleted(self, name: str, count: int) -> None:
        self.notice = self.tr("Deleted {name} with {count} sessions.").format(name=name, count=count)
        self.trainee_deleted.emit(name)
        self.refresh()
