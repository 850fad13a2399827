"""My progress: the trend of my scores, and my sessions (each opens its report)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.progress import SessionSummary
from app.ui.labels import outcome_name, session_status_name
from app.ui.widgets.charts import TrendChart
from app.ui.widgets.common import RetranslateMixin, heading

ScenarioTitle = Callable[[str], str]


class ProgressPage(RetranslateMixin, QWidget):
    open_session_requested = Signal(str)  # session id

    def __init__(self, storage_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.storage_available = storage_available
        self.sessions: list[SessionSummary] = []
        self.scenario_title: ScenarioTitle = lambda scenario_id: scenario_id
        self.title = heading()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = TrendChart()
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        self.table.itemSelectionChanged.connect(self._update_button)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.chart.setVisible(storage_available)
        self.table.setVisible(storage_available)
        self.open_button.setVisible(storage_available)
        self.retranslate()

    def set_sessions(self, sessions: list[SessionSummary], scenario_title: ScenarioTitle | None = None) -> None:
        self.sessions = list(sessions)
        if scenario_title is not None:
            self.scenario_title = scenario_title
        self.chart.set_sessions(self.sessions)
        self.retranslate()

    def _open(self, row: int) -> None:
        newest_first = list(reversed(self.sessions))
        if 0 <= row < len(newest_first):
            self.open_session_requested.emit(newest_first[row].session_id)

    def _update_button(self) -> None:
        self.open_button.setEnabled(self.table.currentRow() >= 0 and bool(self.sessions))

    def _fill_table(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Scenario"), self.tr("Status"), self.tr("Outcome"), self.tr("Score")])
        locale = QLocale()
        rows = list(reversed(self.sessions))
        self.table.setRowCount(len(rows))
        for row, s in enumerate(rows):
            when = locale.toString(s.started_at.astimezone() if s.started_at.tzinfo else s.started_at,  # type: ignore[call-overload]  # PySide6 stubs: a datetime converts to QDateTime, the stubs lack it
                                   QLocale.FormatType.ShortFormat)
            cells = [when, self.scenario_title(s.scenario_id), session_status_name(s.status.value),
                     outcome_name(s.outcome.value if s.outcome else None) if s.status.value == "completed" else "–",
                     "–" if s.overall is None else str(s.overall)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self._update_button()

    def retranslate(self) -> None:
        self.title.setText(self.tr("My progress"))
        self.open_button.setText(self.tr("Open the report"))
        if not self.storage_available:
            self.summary.setText(self.tr("Progress needs storage, which is not available in this build: "
                                         "sessions are not kept."))
            return
        scores = [s.overall for s in self.sessions if s.overall is not None]
        if not self.sessions:
            self.summary.setText(self.tr("No sessions yet. Your scores will appear here after your first call."))
        else:
            average = round(sum(scores) / len(scores)) if scores else 0
            self.summary.setText(self.tr("{count} sessions; average score {average}/100. Double-click a session "
                                         "to open its report.").format(count=len(self.sessions), average=average))
        self._fill_table()
