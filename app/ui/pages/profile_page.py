"""Pick or create the trainee's profile (or practise as a guest when there is no storage)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.ports import Trainee
from app.ui.widgets.common import RetranslateMixin, heading, mark_content


class ProfilePage(RetranslateMixin, QWidget):
    trainee_chosen = Signal(object)  # Trainee, or None for a guest
    create_requested = Signal(str)

    def __init__(self, storage_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.storage_available = storage_available
        self.loaded = False
        self.title = heading(size=18)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff3cd; padding: 8px; border-radius: 4px;")
        self.notice.setVisible(not storage_available)
        self.trainee_list = QListWidget()
        mark_content(self.trainee_list)
        self.trainee_list.itemDoubleClicked.connect(lambda _item: self._continue())
        self.trainee_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.continue_button = QPushButton()
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self._continue)
        self.guest_button = QPushButton()
        self.guest_button.clicked.connect(lambda: self.trainee_chosen.emit(None))
        self.new_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.textChanged.connect(lambda *_: self._update_buttons())
        self.name_edit.returnPressed.connect(self._create)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self._create)

        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.intro)
        box.addWidget(self.notice)
        box.addWidget(self.trainee_list, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.guest_button)
        row.addWidget(self.continue_button)
        box.addLayout(row)
        box.addWidget(self.new_label)
        create_row = QHBoxLayout()
        create_row.addWidget(self.name_edit, 1)
        create_row.addWidget(self.create_button)
        box.addLayout(create_row)
        box.addStretch(0 if self.storage_available else 1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box, 3)
        outer.addStretch(1)
        self.retranslate()

    def set_trainees(self, trainees: list[Trainee], selected_id: str | None = None) -> None:
        self.loaded = True
        self.trainee_list.clear()
        for trainee in trainees:
            item = QListWidgetItem(trainee.name)
            item.setData(Qt.ItemDataRole.UserRole, trainee)
            self.trainee_list.addItem(item)
            if trainee.id == selected_id:
                self.trainee_list.setCurrentItem(item)
        if self.trainee_list.currentItem() is None and self.trainee_list.count():
            self.trainee_list.setCurrentRow(0)
        self.retranslate()

    def _selected(self) -> Trainee | None:
        item = self.trainee_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _continue(self) -> None:
        trainee = self._selected()
        if trainee is not None:
            self.trainee_chosen.emit(trainee)

    def _create(self) -> None:
        name = self.name_edit.text().strip()
        if name and self.storage_available:
            self.name_edit.clear()
            self.create_requested.emit(name)

    def _update_buttons(self) -> None:
        self.continue_button.setEnabled(self._selected() is not None)
        self.create_button.setEnabled(self.storage_available and bool(self.name_edit.text().strip()))
        for widget in (self.trainee_list, self.continue_button, self.new_label, self.name_edit, self.create_button):
            widget.setVisible(self.storage_available)
        self.guest_button.setVisible(not self.storage_available)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Who is practising today?"))
        if not self.storage_available:
            self.intro.setText(self.tr("Practise difficult customer calls and get feedback after every reply."))
        elif not self.loaded:
            self.intro.setText(self.tr("Loading profiles…"))
        elif self.trainee_list.count():
            self.intro.setText(self.tr("Pick your profile to see your scores and recommendations."))
        else:
            self.intro.setText(self.tr("No profiles yet: create yours below."))
        self.notice.setText(self.tr(
            "Storage is not available in this build: profiles, sessions and progress cannot be saved. "
            "You can still practise as a guest; reports are shown but not kept."))
        self.continue_button.setText(self.tr("Continue"))
        self.guest_button.setText(self.tr("Practise as a guest"))
        self.new_label.setText(self.tr("New trainee:"))
        self.name_edit.setPlaceholderText(self.tr("Your name"))
        self.create_button.setText(self.tr("Create profile"))
        self._update_buttons()
