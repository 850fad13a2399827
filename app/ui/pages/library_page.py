"""The scenario library as cards, with filters and the recommended next scenario."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.progress import Recommendation
from app.domain.scenarios import Emotion, Family, Language, Scenario, ScenarioLibrary
from app.ui.controllers.library_filter import LibraryFilter
from app.ui.labels import (
    difficulty_name,
    emotion_name,
    family_name,
    language_name,
    recommendation_reason_text,
)
from app.ui.widgets.common import RetranslateMixin, heading
from app.ui.widgets.scenario_card import CARD_WIDTH, ScenarioCard

GRID_SPACING = 12
CARDS_PER_STEP = 4


class LibraryPage(RetranslateMixin, QWidget):
    scenario_chosen = Signal(str)
    filters_changed = Signal()
    cards_ready = Signal()  # every card of the library is made

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library: ScenarioLibrary | None = None
        self.best: dict[str, int] = {}
        self.recommendation: Recommendation | None = None
        self.cards: list[ScenarioCard] = []
        self.cards_complete = False
        self._pending: list[Scenario] = []
        self._positions: dict[ScenarioCard, tuple[int, int]] = {}
        self._columns = 0
        self._restored_filters: dict[str, object] = {}  # as left last time, applied once the boxes are filled

        self.title = heading()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.filter_labels = [QLabel() for _ in range(4)]
        self.emotion_box, self.family_box, self.difficulty_box, self.language_box = (QComboBox() for _ in range(4))
        filters = QHBoxLayout()
        for label, box in zip(self.filter_labels, self.filter_boxes, strict=True):
            filters.addWidget(label)
            filters.addWidget(box)
            box.currentIndexChanged.connect(self._on_filter_box_changed)
        filters.addStretch(1)

        self.recommended_frame = QFrame()
        self.recommended_frame.setObjectName("RecommendedFrame")
        self.recommended_frame.setStyleSheet("#RecommendedFrame { background: #fff6e0; border-radius: 6px; }")
        self.recommended_title = heading(size=12)
        self.recommended_reason = QLabel()
        self.recommended_reason.setWordWrap(True)
        self.recommended_open = QPushButton()
        self.recommended_open.clicked.connect(self._open_recommended)
        rec_layout = QVBoxLayout(self.recommended_frame)
        rec_layout.addWidget(self.recommended_title)
        rec_layout.addWidget(self.recommended_reason)
        rec_row = QHBoxLayout()
        rec_row.addWidget(self.recommended_open)
        rec_row.addStretch(1)
        rec_layout.addLayout(rec_row)
        self.recommended_card: ScenarioCard | None = None  # the grid's card of the recommended scenario

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(GRID_SPACING)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label = QLabel()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.recommended_frame)
        body_layout.addWidget(self.empty_label)
        body_layout.addWidget(self.grid_host)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(filters)
        layout.addWidget(self.scroll_area, 1)
        self.retranslate()

    @property
    def filter_boxes(self) -> tuple[QComboBox, QComboBox, QComboBox, QComboBox]:
        return self.emotion_box, self.family_box, self.difficulty_box, self.language_box

    # -- data -------------------------------------------------------------------------------------
    def set_loading(self) -> None:
        self.status.setText(self.tr("Loading the scenario library…"))

    def set_library(self, library: ScenarioLibrary) -> None:
        self.library = library
        self._rebuild_cards()
        self.retranslate()

    def set_history(self, best: dict[str, int], recommendation: Recommendation | None) -> None:
        self.best, self.recommendation = dict(best), recommendation
        for card in self.cards:
            card.set_best(self.best.get(card.scenario.id))
        self._show_recommendation()

    def current_filter(self) -> LibraryFilter:
        return LibraryFilter(
            emotion=self.emotion_box.currentData(), family=self.family_box.currentData(),
            difficulty=self.difficulty_box.currentData(), language=self.language_box.currentData(),
        )

    def filter_values(self) -> dict[str, object]:
        """The filters as the settings keep them (what is not set is left out)."""
        return {name: value for name, value in vars(self.current_filter()).items() if value is not None}

    def restore_filters(self, values: dict[str, object]) -> None:
        """The filters as they were left (a value no box offers any more is ignored)."""
        self._restored_filters = dict(values)
        if self.emotion_box.count():
            self._apply_restored_filters()

    def _apply_restored_filters(self) -> None:
        if not self._restored_filters:
            return
        boxes = {"emotion": self.emotion_box, "family": self.family_box, "difficulty": self.difficulty_box,
                 "language": self.language_box}
        for name, box in boxes.items():
            index = box.findData(self._restored_filters.get(name)) if name in self._restored_filters else 0
            box.blockSignals(True)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)
        self._restored_filters = {}
        self._refilter()

    def visible_cards(self) -> list[ScenarioCard]:
        """The cards shown, in the grid's order."""
        return sorted((c for c in self.cards if not c.isHidden()), key=lambda c: self._positions.get(c, (0, 0)))

    # -- layout -----------------------------------------------------------------------------------
    def _rebuild_cards(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards, self._positions = [], {}
        self._pending = self.library.sorted() if self.library is not None else []
        self.cards_complete = False
        self._build_some_cards()

    def _build_some_cards(self) -> None:
        """Cards are made a few at a time, so that no single step keeps the GUI busy for long."""
        batch, self._pending = self._pending[:CARDS_PER_STEP], self._pending[CARDS_PER_STEP:]
        for scenario in batch:
            card = ScenarioCard(scenario, self.best.get(scenario.id), parent=self.grid_host)
            card.setVisible(False)
            card.open_requested.connect(self.scenario_chosen)
            self.cards.append(card)
        self._refilter()
        if self._pending:
            QTimer.singleShot(0, self._build_some_cards)
            return
        self.cards_complete = True
        self._show_recommendation()
        self.cards_ready.emit()

    def _refilter(self) -> None:
        """Place the cards the filters accept (the recommended one first), moving or showing only
        those that change."""
        wanted = self.current_filter()
        shown = [c for c in self.cards if wanted.accepts(c.scenario)]
        shown.sort(key=lambda c: not c.recommended)  # stable: the library's order otherwise
        columns = self._column_count()
        for card in self.cards:
            if card not in shown and card in self._positions:
                self.grid.removeWidget(card)
                del self._positions[card]
                card.setVisible(False)
        for i, card in enumerate(shown):
            place = (i // columns, i % columns)
            if self._positions.get(card) != place:
                if card in self._positions:
                    self.grid.removeWidget(card)
                self.grid.addWidget(card, *place)
                self._positions[card] = place
            if card.isHidden():
                card.setVisible(True)
        self._columns = columns
        self.empty_label.setVisible(self.cards_complete and not shown)
        self._show_count(len(shown))

    def _on_filter_box_changed(self) -> None:
        self._refilter()
        self.filters_changed.emit()

    def _column_count(self) -> int:
        width = self.scroll_area.viewport().width() - 24
        return max(1, width // (CARD_WIDTH + GRID_SPACING))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.cards and self._column_count() != self._columns:
            self._refilter()

    def _show_recommendation(self) -> None:
        """The recommended scenario is marked on its own card, placed first (not shown twice); the
        frame above says why, with a button to open it."""
        rec = self.recommendation
        wanted = rec.scenario_id if rec is not None else None
        self.recommended_card = next((c for c in self.cards if c.scenario.id == wanted), None)
        for card in self.cards:
            card.set_recommended(card is self.recommended_card)
        self.recommended_frame.setVisible(self.recommended_card is not None)
        self._refilter()
        if self.recommended_card is None or rec is None:
            return
        self.recommended_title.setText(self.tr("Recommended next: {title}").format(
            title=self.recommended_card.scenario.title))
        self.recommended_reason.setText(recommendation_reason_text(rec.reason.value, rec.weakest_dimension,
                                                                   rec.passed_level))

    def _open_recommended(self) -> None:
        if self.recommended_card is not None:
            self.scenario_chosen.emit(self.recommended_card.scenario.id)

    def _show_count(self, shown: int) -> None:
        if self.library is None:
            return
        total = len(self.library.scenarios)
        if self.library.problems:
            self.status.setText(self.tr("{shown} of {count} scenarios; {bad} file(s) could not be loaded and were "
                                        "skipped.").format(shown=shown, count=total,
                                                           bad=len({p.path for p in self.library.problems})))
            self.status.setToolTip("\n".join(str(p) for p in self.library.problems))
        elif shown == total:
            self.status.setText(self.tr("{count} scenarios. Pick one to read its case file.").format(count=total))
        else:
            self.status.setText(self.tr("{shown} of {count} scenarios match the filters. Pick one to read its case "
                                        "file.").format(shown=shown, count=total))

    # -- text -------------------------------------------------------------------------------------
    def _fill_box(self, box: QComboBox, any_text: str, items: list[tuple[str, object]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(any_text, None)
        for text, data in items:
            box.addItem(text, data)
        index = box.findData(current)
        box.setCurrentIndex(max(0, index))
        box.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Scenario library"))
        for label, text in zip(self.filter_labels, (self.tr("Emotion:"), self.tr("Type:"), self.tr("Difficulty:"),
                                                     self.tr("Language:")), strict=True):
            label.setText(text)
        self._fill_box(self.emotion_box, self.tr("All emotions"), [(emotion_name(e.value), e.value) for e in Emotion])
        self._fill_box(self.family_box, self.tr("All types"), [(family_name(f.value), f.value) for f in Family])
        self._fill_box(self.difficulty_box, self.tr("All levels"), [(difficulty_name(d), d) for d in (1, 2, 3)])
        self._fill_box(self.language_box, self.tr("All languages"),
                       [(language_name(lang.value), lang.value) for lang in Language])
        self._apply_restored_filters()
        self.recommended_open.setText(self.tr("Open its case file"))
        self.empty_label.setText(self.tr("No scenario matches these filters."))
        if self.library is None:
            self.status.setText(self.tr("Loading the scenario library…"))
        else:
            self._show_count(len(self.visible_cards()))
        rec, card = self.recommendation, self.recommended_card
        if rec is not None and card is not None:
            self.recommended_title.setText(self.tr("Recommended next: {title}").format(title=card.scenario.title))
            self.recommended_reason.setText(recommendation_reason_text(rec.reason.value, rec.weakest_dimension,
                                                                       rec.passed_level))
