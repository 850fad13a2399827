"""The trainer workspace window: the sessions browser, a session's review and replay, and the
team view. A trainer opens it after signing in; a trainee gets the same browser and review, limited
to their own sessions and read-only (the store enforces it, the window only hides the actions).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Viewer
from app.ui.gc_guard import MainThreadGarbageCollector
from app.ui.pages.session_review_page import SessionReviewPage
from app.ui.pages.sessions_browser import SessionsBrowser
from app.ui.pages.team_page import TeamPage
from app.ui.ports import ClipPlayer, TrainerStore
from app.ui.tasks import TaskRunner
from app.ui.widgets.common import RetranslateMixin
from app.ui.widgets.page_stack import PageStack


class TrainerWindow(RetranslateMixin, QMainWindow):
    closing = Signal()  # about to close: its size and place can be remembered

    def __init__(self, store: TrainerStore, runner: TaskRunner, viewer: Viewer,
                 scenarios: list[tuple[str, str]] | None = None, player: ClipPlayer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.viewer = store, runner, viewer
        # Reference cycles of Qt objects must be collected on this thread, never in a worker's.
        self.collector = MainThreadGarbageCollector(self)
        self.browser = SessionsBrowser(store, runner, viewer)
        self.review = SessionReviewPage(store, runner, viewer, player)
        self.team = TeamPage(store, runner, viewer) if viewer.is_trainer else None
        if scenarios:
            self.browser.set_scenarios(scenarios)
        self.stack = PageStack()  # each page scrolls when the window is smaller than it
        for page in (self.browser, self.review, self.team):
            if page is not None:
                self.stack.addWidget(page)
        self.sessions_button, self.team_button = QPushButton(), QPushButton()
        self.who = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.sessions_button)
        bar.addWidget(self.team_button)
        bar.addStretch(1)
        bar.addWidget(self.who)
        self.team_button.setVisible(self.team is not None)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sessions_button.clicked.connect(self.show_browser)
        self.team_button.clicked.connect(self.show_team)
        self.browser.open_requested.connect(self.open_session)
        self.review.back_requested.connect(self.show_browser)
        self.review.changed.connect(lambda _id: self.browser.model.reload())
        if self.team is not None:
            self.team.trainee_deleted.connect(lambda _name: self.browser.model.reload())
        self.retranslate()
        self.browser.apply_filters()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Trainer workspace") if self.viewer.is_trainer else self.tr("My sessions"))
        self.sessions_button.setText(self.tr("Sessions"))
        self.team_button.setText(self.tr("Team"))
        who = self.tr("Trainer: {name}") if self.viewer.is_trainer else self.tr("Trainee: {name}")
        self.who.setText(who.format(name=self.viewer.name))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.closing.emit()
        self.review.replay.controller.pause()
        self.runner.cancel_owned_by(self)  # late results for these pages are dropped
        self.collector.stop()
        super().closeEvent(event)

    def show_browser(self) -> None:
        self.stack.setCurrentWidget(self.browser)

    def show_team(self) -> None:
        if self.team is not None:
            self.stack.setCurrentWidget(self.team)
            self.team.refresh()

    def open_session(self, session_id: str) -> None:
        self.review.open_session(session_id)
        self.stack.setCurrentWidget(self.review)
