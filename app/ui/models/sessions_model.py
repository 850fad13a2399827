"""The sessions browser's table model: lazy and paged, so 100,000 sessions never load at once.

Changing the filters or the sort asks the store, in one background task, for the total count
and the first page; further pages are fetched (in the background) when the view first shows one
of their rows, and only the pages around the last ones shown are kept. While a page is on its way
its rows read "…". A reply that arrives after the filters changed again is dropped.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.auth import Viewer
from app.ui.labels import emotion_name, outcome_name, session_status_name
from app.ui.ports import BrowserFilter, BrowserRow, TrainerStore
from app.ui.tasks import TaskRunner

PAGE_SIZE = 100
MAX_PAGES = 20  # pages kept in memory
LANE = "browser"

COLUMNS = ("started_at", "trainee", "scenario", "emotion", "difficulty", "outcome", "score", "turns",
           "example")
SORTABLE = {c for c in COLUMNS if c != "example"}


def _load_first(store: TrainerStore, viewer: Viewer, filters: BrowserFilter, sort_key: str, descending: bool
                ) -> tuple[int, list[BrowserRow]]:
    return (store.count_sessions(viewer, filters),
            store.list_sessions(viewer, filters, 0, PAGE_SIZE, sort_key, descending))


class SessionsTableModel(QAbstractTableModel):
    loaded = Signal(int)  # the total count, once the count and the first page are in
    failed = Signal(object)  # the exception

    def __init__(self, store: TrainerStore, runner: TaskRunner, viewer: Viewer, parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.viewer = store, runner, viewer
        self.filters = BrowserFilter()
        self.sort_key, self.descending = "started_at", True
        self.total = 0
        self.pages: dict[int, list[BrowserRow]] = {}
        self.pending: set[int] = set()
        self.generation = 0
        self.loading = False

    # -- loading ---------------------------------------------------------------------------------
    def set_filters(self, filters: BrowserFilter) -> None:
        self.filters = filters
        self.reload()

    def reload(self) -> None:
        self.generation += 1
        self.pending.clear()
        self.loading = True
        self.runner.run(_load_first, self.store, self.viewer, self.filters, self.sort_key, self.descending,
                        lane=LANE, label=self.tr("Loading sessions…"),
                        on_result=partial(self._on_first, self.generation), on_error=self._on_error)

    def _on_first(self, generation: int, value: tuple[int, list[BrowserRow]]) -> None:
        if generation != self.generation:
            return
        total, rows = value
        self.beginResetModel()
        self.total, self.pages = total, {0: rows}
        self.endResetModel()
        self.loading = False
        self.loaded.emit(total)

    def _on_error(self, error: BaseException) -> None:
        self.loading = False
        self.failed.emit(error)

    def _request(self, page: int) -> None:
        if page in self.pending:
            return
        self.pending.add(page)
        self.runner.run(self.store.list_sessions, self.viewer, self.filters, page * PAGE_SIZE, PAGE_SIZE,
                        self.sort_key, self.descending, lane=LANE, show_busy=False,
                        on_result=partial(self._on_page, self.generation, page), on_error=self._on_error)

    def _on_page(self, generation: int, page: int, rows: list[BrowserRow]) -> None:
        if generation != self.generation:
            return
        self.pending.discard(page)
        self.pages[page] = rows
        while len(self.pages) > MAX_PAGES:  # forget the page farthest from this one
            del self.pages[max(self.pages, key=lambda p: abs(p - page))]
        first = page * PAGE_SIZE
        last = min(self.total, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # -- reading ---------------------------------------------------------------------------------
    def row_at(self, row: int) -> BrowserRow | None:
        rows = self.pages.get(row // PAGE_SIZE)
        if rows is None:
            if 0 <= row < self.total:
                self._request(row // PAGE_SIZE)
            return None
        offset = row % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def session_id(self, row: int) -> str | None:
        item = self.row_at(row)
        return item.session_id if item else None

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            "started_at": self.tr("Date"), "trainee": self.tr("Trainee"), "scenario": self.tr("Scenario"),
            "emotion": self.tr("Emotion"), "difficulty": self.tr("Level"), "outcome": self.tr("Outcome"),
            "score": self.tr("Score"), "turns": self.tr("Replies"), "example": self.tr("Example"),
        }
        return names[COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.row_at(index.row())
        if item is None:
            return "…"
        column = COLUMNS[index.column()]
        if column == "started_at":
            return item.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == "trainee":
            return item.trainee
        if column == "scenario":
            return item.scenario_title if role == Qt.ItemDataRole.DisplayRole else item.scenario_id
        if column == "emotion":
            return emotion_name(item.emotion)
        if column == "difficulty":
            return str(item.difficulty)
        if column == "outcome":
            return outcome_name(item.outcome) if item.outcome else session_status_name(
                "interrupted" if item.status == "interrupted" else "in_progress")
        if column == "score":
            return "—" if item.score is None else str(item.score)
        if column == "turns":
            return str(item.turns)
        return {"good": self.tr("Good"), "bad": self.tr("Bad")}.get(item.example_mark or "", "")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column]
        if key not in SORTABLE:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self.generation == 0:
            return  # the view announcing the initial order: the first load is the caller's
        self.sort_key, self.descending = key, descending
        self.reload()
