"""One stored session under review: the highlighted transcript, every turn's scores (an override
shown beside the scorer's original), the trainer's comments, and the review actions: a comment at
a moment, an override of one dimension with a required reason, the good/bad example mark, and the
PDF report. A trainee sees the same page read-only, for their own sessions only.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auth import Viewer
from app.domain.progress import DIMENSIONS, ReviewedSession
from app.domain.progress.review import OVERALL
from app.ui.file_dialogs import choose_save_target
from app.ui.labels import dimension_name, outcome_name
from app.ui.ports import ClipPlayer, ReplayClip, TrainerStore
from app.ui.reports.session_pdf import write_session_pdf
from app.ui.tasks import TaskRunner
from app.ui.widgets.common import RetranslateMixin, content_label, heading
from app.ui.widgets.replay_view import ReplayView
from app.ui.widgets.transcript_view import TranscriptView

SCORE_COLUMNS = (OVERALL, *DIMENSIONS)


class SessionReviewPage(RetranslateMixin, QWidget):
    back_requested = Signal()
    changed = Signal(str)  # session id, after a comment, override or mark was saved

    def __init__(self, store: TrainerStore, runner: TaskRunner, viewer: Viewer,
                 player: ClipPlayer | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.viewer = store, runner, viewer
        self.replay = ReplayView(player)
        self.replay_session_id: str | None = None
        self.replay_loaded = False  # the recordings are in the replay
        self.clips: list[ReplayClip] | None = None  # the open session's recordings, once loaded
        self.session: ReviewedSession | None = None
        self.session_id: str | None = None
        self._build_views()
        self._build_review_section()
        self._build_layout()
        self._connect_signals()
        self.retranslate()

    # -- building the page -----------------------------------------------------------------------
    def _build_views(self) -> None:
        self.title, self.scenario_title = heading(), content_label()
        self.facts, self.message = QLabel(), QLabel()
        self.facts.setWordWrap(True)
        self.message.setWordWrap(True)
        self.back_button, self.pdf_button = QPushButton(), QPushButton()
        self.transcript = TranscriptView()
        self.scores = QTableWidget(0, len(SCORE_COLUMNS))
        self.comments, self.overrides = QListWidget(), QListWidget()
        for view, height in ((self.comments, 80), (self.overrides, 80), (self.scores, 150)):
            view.setMaximumHeight(height)

    def _build_review_section(self) -> None:
        self.review_box = QGroupBox()
        self.turn_box, self.dimension_box = QComboBox(), QComboBox()
        self.score_spin = QSpinBox()
        self.score_spin.setRange(0, 100)
        self.reason_edit = QLineEdit()
        self.override_button = QPushButton()
        self.comment_turn_box = QComboBox()
        self._comment_target_chosen = False  # the trainer picked the reply (or moment) to comment on
        self.moment_spin = QDoubleSpinBox()
        self.moment_spin.setRange(0, 24 * 3600)
        self.moment_spin.setDecimals(1)
        self.comment_edit = QLineEdit()
        self.comment_button = QPushButton()
        self.example_box = QComboBox()
        self.example_note = QLineEdit()
        self.example_button = QPushButton()
        self.form_labels = {k: QLabel() for k in ("turn", "dimension", "score", "reason", "comment_turn", "moment",
                                                  "comment", "example", "note")}
        form = QFormLayout(self.review_box)
        override_row = QHBoxLayout()
        for widget in (self.turn_box, self.dimension_box, self.score_spin):
            override_row.addWidget(widget)
        form.addRow(self.form_labels["turn"], override_row)
        form.addRow(self.form_labels["reason"], self.reason_edit)
        form.addRow(QLabel(), self.override_button)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_turn_box)
        comment_row.addWidget(self.form_labels["moment"])
        comment_row.addWidget(self.moment_spin)
        form.addRow(self.form_labels["comment_turn"], comment_row)
        form.addRow(self.form_labels["comment"], self.comment_edit)
        form.addRow(QLabel(), self.comment_button)
        example_row = QHBoxLayout()
        example_row.addWidget(self.example_box)
        example_row.addWidget(self.example_note, 1)
        example_row.addWidget(self.example_button)
        form.addRow(self.form_labels["example"], example_row)
        self.review_box.setVisible(self.viewer.is_trainer)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.pdf_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        self.replay_slot = QVBoxLayout()  # the replay widget goes here
        side_layout.addLayout(self.replay_slot)
        self.replay_slot.addWidget(self.replay, 2)
        side_layout.addWidget(self.scores)
        self.comments_label, self.overrides_label = QLabel(), QLabel()
        side_layout.addWidget(self.comments_label)
        side_layout.addWidget(self.comments)
        side_layout.addWidget(self.overrides_label)
        side_layout.addWidget(self.overrides)
        side_layout.addWidget(self.review_box)
        splitter = QSplitter()
        splitter.addWidget(self.transcript)
        splitter.addWidget(side)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.scenario_title)
        layout.addWidget(self.facts)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.pdf_button.clicked.connect(self.choose_pdf_target)
        self.override_button.clicked.connect(self.submit_override)
        self.comment_button.clicked.connect(self.submit_comment)
        self.example_button.clicked.connect(self.submit_example)
        self.turn_box.currentIndexChanged.connect(self._suggest_score)
        self.dimension_box.currentIndexChanged.connect(self._suggest_score)
        self.replay.moment_changed.connect(self._follow_playhead)
        self.comment_turn_box.activated.connect(self._choose_comment_target)  # the trainer's own choice
        self.moment_spin.valueChanged.connect(self._choose_comment_target)

    # -- loading ---------------------------------------------------------------------------------
    def open_session(self, session_id: str) -> None:
        self.session_id = session_id
        self._comment_target_chosen = False
        self.message.setText(self.tr("Loading the session…"))
        if self.replay_session_id != session_id:  # the recordings load beside the review, on their own lane
            self.replay_session_id, self.replay_loaded, self.clips = session_id, False, None
            self.runner.run(self.store.replay_clips, self.viewer, session_id, lane="replay", show_busy=False,
                            on_result=partial(self._on_clips, session_id), on_error=self._on_clips_error)
        self.runner.run(self.store.load_review, self.viewer, session_id, lane="review",
                        label=self.tr("Loading the session…"), on_result=self.show_session, on_error=self._on_error)

    def show_session(self, session: ReviewedSession) -> None:
        self.session, self.session_id = session, session.session_id
        self.message.setText("")
        self.transcript.set_report(session.report)
        self.retranslate()
        if self.replay.session is not None and self.replay.session.session_id == session.session_id:
            self.replay.update_session(session)  # a fresher review of the same call: the playhead stays
        else:
            self.replay.set_session(session, self.clips or [])  # the timeline at once; the sound when it is in
            self.replay_loaded = self.clips is not None

    def _on_clips(self, session_id: str, clips: list[ReplayClip]) -> None:
        if session_id != self.replay_session_id:
            return
        self.clips = clips
        if self.session is not None and self.session.session_id == session_id:
            self.replay.set_session(self.session, clips)
            self.replay_loaded = True

    def _on_clips_error(self, error: BaseException) -> None:
        self.clips = []
        if getattr(error, "key", None) is None:  # access errors are reported by the review itself
            self.message.setText(self.tr("The recordings could not be loaded: {error}").format(error=error))

    def _follow_playhead(self, seconds: float, turn_index: object) -> None:
        """A comment goes, by default, to the moment and the reply under the playhead; once the
        trainer picks a reply (or a moment) themselves, it goes there, until it is saved."""
        if self._comment_target_chosen:
            return
        self.moment_spin.blockSignals(True)
        self.moment_spin.setValue(seconds)
        self.moment_spin.blockSignals(False)
        found = self.comment_turn_box.findData(turn_index)
        if found >= 0:
            self.comment_turn_box.setCurrentIndex(found)

    def _choose_comment_target(self, *_: object) -> None:
        self._comment_target_chosen = True

    def _on_error(self, error: BaseException) -> None:
        if getattr(error, "key", None) == "not_yours":
            self.message.setText(self.tr("This session belongs to another trainee: you can open only your own."))
        elif getattr(error, "key", None) == "trainer_only":
            self.message.setText(self.tr("Only a signed-in trainer can do this."))
        else:
            self.message.setText(self.tr("That did not work: {error}").format(error=error))

    # -- display ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← Sessions"))
        self.pdf_button.setText(self.tr("Export PDF…"))
        self.review_box.setTitle(self.tr("Review"))
        labels = {"turn": self.tr("Override:"), "reason": self.tr("Reason (required):"),
                  "comment_turn": self.tr("Comment on:"), "moment": self.tr("at second"),
                  "comment": self.tr("Comment:"), "example": self.tr("Team training:")}
        for key, text in labels.items():
            self.form_labels[key].setText(text)
        self.override_button.setText(self.tr("Save the override"))
        self.comment_button.setText(self.tr("Add the comment"))
        self.example_button.setText(self.tr("Save the mark"))
        self.reason_edit.setPlaceholderText(self.tr("Why the automatic score is wrong"))
        self.example_note.setPlaceholderText(self.tr("What the team should learn from it"))
        self.comments_label.setText(self.tr("Comments"))
        self.overrides_label.setText(self.tr("Score overrides (the original stays)"))
        self._fill_choices()
        self._fill_session()

    def _fill_choices(self) -> None:
        keep = (self.turn_box.currentIndex(), self.dimension_box.currentIndex(), self.comment_turn_box.currentIndex(),
                self.example_box.currentIndex())
        for box in (self.turn_box, self.dimension_box, self.comment_turn_box, self.example_box):
            box.blockSignals(True)
            box.clear()
        turns = self.session.report.turns if self.session else []
        for turn in turns:
            self.turn_box.addItem(self.tr("Reply {n}").format(n=turn.index + 1), turn.index)
        for name in SCORE_COLUMNS:
            self.dimension_box.addItem(dimension_name(name), name)
        self.comment_turn_box.addItem(self.tr("the whole call"), None)
        for turn in turns:
            self.comment_turn_box.addItem(self.tr("Reply {n}").format(n=turn.index + 1), turn.index)
        self.example_box.addItem(self.tr("Not an example"), None)
        self.example_box.addItem(self.tr("Good example"), "good")
        self.example_box.addItem(self.tr("Bad example"), "bad")
        for box, index in zip((self.turn_box, self.dimension_box, self.comment_turn_box, self.example_box), keep,
                              strict=True):
            box.setCurrentIndex(index if 0 <= index < box.count() else 0)
            box.blockSignals(False)
        if self.session is not None:
            found = self.example_box.findData(self.session.example_mark)
            self.example_box.setCurrentIndex(max(0, found))
            self.example_note.setText(self.session.example_note or "")
        self._suggest_score()

    def score_text(self, turn_index: int, dimension: str) -> str:
        """A score cell: the scorer's number, or "new (was original)" when a trainer overrode it."""
        assert self.session is not None
        turn = next(t for t in self.session.report.turns if t.index == turn_index)
        original = turn.overall if dimension == OVERALL else turn.dimensions.get(dimension)
        if original is None:
            return "—"
        fix = self.session.corrections(turn_index).get(dimension)
        if fix is None:
            return str(original)
        return self.tr("{new} (was {original})").format(new=fix.new, original=original)

    def _fill_session(self) -> None:
        session = self.session
        self.scores.setHorizontalHeaderLabels([dimension_name(n) for n in SCORE_COLUMNS])
        if session is None:
            self.title.setText(self.tr("Session"))
            return
        report = session.report
        self.title.setText(self.tr("Session of {trainee}").format(trainee=session.trainee))
        self.scenario_title.setText(session.scenario_title)
        mark = {"good": self.tr("good example"), "bad": self.tr("bad example")}.get(session.example_mark or "", "")
        facts = self.tr("{date} · {outcome} · call score {call} · replies' average {score} (with overrides)").format(
            date=session.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            outcome=outcome_name(report.outcome.value if report.outcome else None),
            call="—" if report.call is None else report.call.score,
            score="—" if session.average_score is None else session.average_score)
        self.facts.setText(f"{facts} · {mark}" if mark else facts)
        self.scores.setRowCount(len(report.turns))
        self.scores.setVerticalHeaderLabels([str(t.index + 1) for t in report.turns])
        for row, turn in enumerate(report.turns):
            for column, name in enumerate(SCORE_COLUMNS):
                self.scores.setItem(row, column, QTableWidgetItem(self.score_text(turn.index, name)))
        self.comments.clear()
        for c in session.comments:
            where = self.tr("whole call") if c.turn_index is None else self.tr("reply {n}").format(n=c.turn_index + 1)
            moment = "" if c.offset_s is None else f" @{c.offset_s:.1f}s"
            self.comments.addItem(f"{c.author or ''} ({where}{moment}): {c.text}")
        self.overrides.clear()
        for o in session.overrides:
            self.overrides.addItem(self.tr("Reply {n}, {dimension}: {original} → {new} ({author}): {reason}").format(
                n=o.turn_index + 1, dimension=dimension_name(o.dimension), original=o.original, new=o.new,
                author=o.author or "", reason=o.reason))

    def _suggest_score(self) -> None:
        if self.session is None or self.turn_box.currentData() is None:
            return
        text = self.score_text(self.turn_box.currentData(), self.dimension_box.currentData() or OVERALL)
        if text.split(" ")[0].isdigit():
            self.score_spin.setValue(int(text.split(" ")[0]))

    # -- actions ---------------------------------------------------------------------------------
    def _saved(self, _value: object = None) -> None:
        if self.session_id is not None:
            self.changed.emit(self.session_id)
            self.open_session(self.session_id)

    def submit_override(self) -> None:
        reason = self.reason_edit.text().strip()
        if self.session_id is None or self.turn_box.currentData() is None:
            return
        if not reason:
            self.message.setText(self.tr("An override needs a reason: say why the automatic score is wrong."))
            self.reason_edit.setFocus()
            return
        self.message.setText(self.tr("Saving…"))
        self.runner.run(self.store.add_override, self.viewer, self.session_id, self.turn_box.currentData(),
                        self.dimension_box.currentData(), self.score_spin.value(), reason, lane="review",
                        on_result=self._override_saved, on_error=self._on_error)

    def _override_saved(self, value: object) -> None:
        self.reason_edit.clear()
        self._saved(value)

    def submit_comment(self, offset_s: float | None = None) -> None:
        text = self.comment_edit.text().strip()
        if self.session_id is None:
            return
        if not text:
            self.message.setText(self.tr("Write the comment first."))
            return
        offset = self.moment_spin.value() if offset_s is None or offset_s is False else offset_s
        self.message.setText(self.tr("Saving…"))
        self.runner.run(self.store.add_comment, self.viewer, self.session_id, text, self.comment_turn_box.currentData(),
                        offset, lane="review", on_result=self._comment_saved, on_error=self._on_error)

    def _comment_saved(self, value: object) -> None:
        self.comment_edit.clear()
        self._comment_target_chosen = False  # the next comment follows the playhead again
        self._saved(value)

    def submit_example(self) -> None:
        if self.session_id is None:
            return
        self.runner.run(self.store.mark_example, self.viewer, self.session_id, self.example_box.currentData(),
                        self.example_note.text(), lane="review", on_result=self._saved, on_error=self._on_error)

    def choose_pdf_target(self) -> None:
        if self.session is None:
            return
        name = f"{self.session.trainee}-{self.session.started_at:%Y%m%d-%H%M}.pdf"
        target = choose_save_target(self, self.tr("Export the session as PDF"), name, "PDF (*.pdf)")
        if target is not None:
            self.export_pdf(target)

    def export_pdf(self, target: Path) -> None:
        if self.session is None:
            return
        self.message.setText(self.tr("Writing the PDF…"))
        self.runner.run(write_session_pdf, self.session, target, label=self.tr("Writing the PDF…"),
                        on_result=lambda path: self.message.setText(self.tr("Saved: {path}").format(path=path)),
                        on_error=self._on_error, owner=self)
