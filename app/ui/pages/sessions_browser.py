"""The sessions browser: every session (a trainee: only their own) in a lazy, paged, sortable
table, filtered by trainee, scenario, emotion, date range, outcome, score range and example mark.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.auth import Viewer
from app.ui.file_dialogs import choose_save_target
from app.ui.labels import emotion_name, outcome_name
from app.ui.models.sessions_model import COLUMNS, SessionsTableModel
from app.ui.ports import BrowserFilter, TrainerStore
from app.ui.tasks import TaskRunner
from app.ui.widgets.common import RetranslateMixin, heading, mark_content

EMOTIONS = ("angry", "anxious", "disappointed")
OUTCOMES = ("resolved", "escalated", "abandoned")


def _local_day_start(day: QDate) -> datetime:
    # PySide6 stubs: QDate.toPython() is typed as returning object; it returns a datetime.date
    local = datetime.combine(cast(date, day.toPython()), time()).astimezone()
    return local.astimezone(UTC)


class SessionsBrowser(RetranslateMixin, QWidget):
    open_requested = Signal(str)  # session id

    def __init__(self, store: TrainerStore, runner: TaskRunner, viewer: Viewer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.viewer = store, runner, viewer
        self.model = SessionsTableModel(store, runner, viewer, self)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._on_failed)
        self._build_filter_widgets()
        grid = self._build_filter_grid()
        buttons = self._build_buttons()
        self._build_table()
        self._build_layout(grid, buttons)
        self._connect_actions()
        self.retranslate()
        if not viewer.is_trainer:
            self.trainee_box.setEnabled(False)  # a trainee sees only their own sessions
        self.runner.run(self.store.trainees, viewer, lane="browser", show_busy=False,
                        on_result=self.set_trainees, on_error=self._on_failed)

    # -- building the page -----------------------------------------------------------------------
    def _build_filter_widgets(self) -> None:
        self.title = heading()
        self.trainee_box = QComboBox()
        self.scenario_box = QComboBox()
        self.scenario_box.setEditable(True)
        mark_content(self.scenario_box)  # scenario titles, in the scenario's language
        self.emotion_box, self.outcome_box, self.example_box = QComboBox(), QComboBox(), QComboBox()
        self.from_check, self.to_check = QCheckBox(), QCheckBox()
        today = QDate.currentDate()
        self.from_date, self.to_date = QDateEdit(today.addDays(-30)), QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.min_score, self.max_score = QSpinBox(), QSpinBox()
        for spin, value in ((self.min_score, 0), (self.max_score, 100)):
            spin.setRange(0, 100)
            spin.setValue(value)
        self.apply_button, self.reset_button, self.open_button = QPushButton(), QPushButton(), QPushButton()
        self.csv_button, self.json_button = QPushButton(), QPushButton()
        self.status = QLabel()
        self.labels = {key: QLabel() for key in ("trainee", "scenario", "emotion", "outcome", "from", "to",
                                                 "score", "example")}

    def _build_filter_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.addWidget(self.labels["trainee"], 0, 0)
        grid.addWidget(self.trainee_box, 0, 1)
        grid.addWidget(self.labels["scenario"], 0, 2)
        grid.addWidget(self.scenario_box, 0, 3)
        grid.addWidget(self.labels["emotion"], 0, 4)
        grid.addWidget(self.emotion_box, 0, 5)
        grid.addWidget(self.labels["outcome"], 0, 6)
        grid.addWidget(self.outcome_box, 0, 7)
        grid.addWidget(self.labels["from"], 1, 0)
        dates_from = QHBoxLayout()
        dates_from.addWidget(self.from_check)
        dates_from.addWidget(self.from_date)
        grid.addLayout(dates_from, 1, 1)
        grid.addWidget(self.labels["to"], 1, 2)
        dates_to = QHBoxLayout()
        dates_to.addWidget(self.to_check)
        dates_to.addWidget(self.to_date)
        grid.addLayout(dates_to, 1, 3)
        grid.addWidget(self.labels["score"], 1, 4)
        scores = QHBoxLayout()
        scores.addWidget(self.min_score)
        scores.addWidget(QLabel("–"))
        scores.addWidget(self.max_score)
        grid.addLayout(scores, 1, 5)
        grid.addWidget(self.labels["example"], 1, 6)
        grid.addWidget(self.example_box, 1, 7)
        return grid

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.json_button)
        buttons.addWidget(self.open_button)
        return buttons

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COLUMNS.index("started_at"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))

    def _build_layout(self, grid: QGridLayout, buttons: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def _connect_actions(self) -> None:
        self.apply_button.clicked.connect(self.apply_filters)
        self.reset_button.clicked.connect(self.reset_filters)
        self.open_button.clicked.connect(self.open_selected)
        self.csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.json_button.clicked.connect(lambda: self.choose_export("json"))
        for button in (self.csv_button, self.json_button):
            button.setVisible(self.viewer.is_trainer)  # exports are a trainer's action
        for box in (self.trainee_box, self.emotion_box, self.outcome_box, self.example_box):
            box.activated.connect(self.apply_filters)

    # -- choices ---------------------------------------------------------------------------------
    def _fill(self, box: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for code, text in items:
            box.addItem(text, code)
        found = box.findData(current)
        box.setCurrentIndex(found if found >= 0 else 0)
        box.blockSignals(False)

    def set_trainees(self, names: list[str]) -> None:
        self.trainee_names = names
        if self.viewer.is_trainer:
            self._fill(self.trainee_box, self.tr("All trainees"), [(n, n) for n in names])
        else:
            self.trainee_box.clear()
            self.trainee_box.addItem(self.viewer.name, self.viewer.name)

    def set_scenarios(self, scenarios: list[tuple[str, str]]) -> None:
        """(id, title) pairs, from the scenario library."""
        self.scenario_choices = scenarios
        # titles only (a scenario's id is for files and IT, not for people); titles are scenario content
        self._fill(self.scenario_box, self.tr("All scenarios"), list(scenarios))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sessions") if self.viewer.is_trainer else self.tr("My sessions"))
        texts = {"trainee": self.tr("Trainee:"), "scenario": self.tr("Scenario:"), "emotion": self.tr("Emotion:"),
                 "outcome": self.tr("Outcome:"), "from": self.tr("From:"), "to": self.tr("To:"),
                 "score": self.tr("Score:"), "example": self.tr("Example:")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        self._fill(self.emotion_box, self.tr("All emotions"), [(e, emotion_name(e)) for e in EMOTIONS])
        self._fill(self.outcome_box, self.tr("All outcomes"), [(o, outcome_name(o)) for o in OUTCOMES])
        self._fill(self.example_box, self.tr("All sessions"), [("good", self.tr("Good examples")),
                                                               ("bad", self.tr("Bad examples"))])
        if self.viewer.is_trainer and hasattr(self, "trainee_names"):
            self._fill(self.trainee_box, self.tr("All trainees"), [(n, n) for n in self.trainee_names])
        if hasattr(self, "scenario_choices"):
            self.set_scenarios(self.scenario_choices)
        elif self.scenario_box.count() == 0:
            self._fill(self.scenario_box, self.tr("All scenarios"), [])
        self.from_check.setText(self.tr("on"))
        self.to_check.setText(self.tr("on"))
        self.apply_button.setText(self.tr("Apply filters"))
        self.reset_button.setText(self.tr("Clear filters"))
        self.open_button.setText(self.tr("Open the session"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.json_button.setText(self.tr("Export JSON…"))

    # -- filtering -------------------------------------------------------------------------------
    def current_filters(self) -> BrowserFilter | None:
        """The filters as set, or None (with the reason shown) when they contradict each other."""
        low, high = self.min_score.value(), self.max_score.value()
        if low > high:
            self.status.setText(self.tr("The lowest score is above the highest: change one of them."))
            return None
        start = _local_day_start(self.from_date.date()) if self.from_check.isChecked() else None
        end = _local_day_start(self.to_date.date()) + timedelta(days=1) if self.to_check.isChecked() else None
        if start is not None and end is not None and start >= end:
            self.status.setText(self.tr("The start date is after the end date: change one of them."))
            return None
        scenario = self.scenario_box.currentData()
        typed = self.scenario_box.currentText().strip()
        if scenario is None and typed and typed != self.scenario_box.itemText(0):
            by_title = {title.casefold(): sid for sid, title in self.scenario_choices}
            scenario = by_title.get(typed.casefold(), typed)  # a title typed in, or an id
        return BrowserFilter(
            trainee=self.trainee_box.currentData() if self.viewer.is_trainer else self.viewer.name,
            scenario_id=scenario, emotion=self.emotion_box.currentData(), outcome=self.outcome_box.currentData(),
            started_from=start, started_before=end, min_score=low if low > 0 else None,
            max_score=high if high < 100 else None, example=self.example_box.currentData(),
        )

    def apply_filters(self) -> None:
        filters = self.current_filters()
        if filters is None:
            return
        self.status.setText(self.tr("Loading sessions…"))
        self.model.set_filters(filters)

    def reset_filters(self) -> None:
        for box in (self.trainee_box, self.scenario_box, self.emotion_box, self.outcome_box, self.example_box):
            if box.isEnabled():
                box.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.min_score.setValue(0)
        self.max_score.setValue(100)
        self.apply_filters()

    def _on_loaded(self, total: int) -> None:
        self.status.setText(self.tr("{count} sessions. Double-click one to review it.").format(count=total)
                            if total else self.tr("No session matches these filters."))

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The sessions could not be loaded: {error}").format(error=error))

    # -- opening ---------------------------------------------------------------------------------
    def _open_row(self, row: int) -> None:
        session_id = self.model.session_id(row)
        if session_id is not None:
            self.open_requested.emit(session_id)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open_row(rows[0].row())
        else:
            self.status.setText(self.tr("Select a session first."))

    # -- exporting -------------------------------------------------------------------------------
    def choose_export(self, kind: str) -> None:
        title = self.tr("Export the sessions shown (one row per turn)") if kind == "csv" \
            else self.tr("Export the sessions shown, with review and audio")
        target = choose_save_target(self, title, f"sessions.{kind}", f"{kind.upper()} (*.{kind})")
        if target is not None:
            self.export_to(target, kind)

    def export_to(self, target: Path, kind: str) -> None:
        """Export the sessions the filters select (all of them, not just the page on screen)."""
        filters = self.current_filters()
        if filters is None:
            return
        self.status.setText(self.tr("Exporting…"))
        self.runner.run(self.store.export_sessions, self.viewer, target, kind, filters, lane="export",
                        label=self.tr("Exporting…"), on_result=partial(self._exported, kind),
                        on_error=self._export_failed)

    def _exported(self, kind: str, count: int) -> None:
        text = self.tr("Exported {count} turns.") if kind == "csv" else self.tr("Exported {count} sessions.")
        self.status.setText(text.format(count=count))

    def _export_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The export failed, nothing was written: {error}").format(error=error))
