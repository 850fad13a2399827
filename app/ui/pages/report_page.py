"""The report at the end of a call: scores, the emotion curve, the highlighted transcript, each
turn's response time and pace, the top three tips, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.progress import DIMENSIONS, CallReport, ReviewComment, ScoreCorrection
from app.domain.scenarios import Scenario
from app.ui.labels import (
    call_item_name,
    dimension_name,
    end_reason_text,
    mood_name,
    outcome_name,
    pace_unit_name,
)
from app.ui.widgets.charts import EmotionCurveChart
from app.ui.widgets.common import RetranslateMixin, content_label, heading
from app.ui.widgets.transcript_view import TranscriptView

ITEM_ROWS = 12  # room for every call item, two to a row


class ReportPage(RetranslateMixin, QWidget):
    retry_requested = Signal(str)  # scenario id
    next_requested = Signal()
    back_requested = Signal()
    play_requested = Signal(int)  # turn index
    model_answer_requested = Signal(str)  # scenario id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: CallReport | None = None
        self.scenario: Scenario | None = None
        self.audio_turns: frozenset[int] = frozenset()
        self.saved: bool | str | None = None
        self._build_header()
        self._build_scores_section()
        self._build_turns_section()
        self._build_tips_section()
        self._build_review_section()
        self._build_transcript_section()
        self._build_buttons()
        self._build_layout()
        self.retranslate()

    def _build_header(self) -> None:
        self.title = heading()
        self.scenario_title = content_label()
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.saved_label = QLabel()

    def _build_scores_section(self) -> None:
        self.scores_box = QGroupBox()
        self.overall_label = heading(size=22)
        self.limit_label = content_label()  # why the call score was capped or raised, when it was
        scores_layout = QVBoxLayout(self.scores_box)
        scores_layout.addWidget(self.overall_label)
        scores_layout.addWidget(self.limit_label)
        self.items_grid = QGridLayout()
        scores_layout.addLayout(self.items_grid)
        # one row per item of the call score (or, for a session scored before call scores, per dimension)
        self.item_labels: list[QLabel] = []
        self.item_bars: list[QProgressBar] = []
        self.item_notes: list[QLabel] = []
        for row in range(ITEM_ROWS):
            label, bar, note = QLabel(), QProgressBar(), QLabel()
            bar.setRange(0, 100)
            bar.setFormat("%v")
            bar.setMaximumHeight(14)
            self.item_labels.append(label)
            self.item_bars.append(bar)
            self.item_notes.append(note)
            self.items_grid.addWidget(label, row // 2, (row % 2) * 3)
            self.items_grid.addWidget(bar, row // 2, (row % 2) * 3 + 1)
            self.items_grid.addWidget(note, row // 2, (row % 2) * 3 + 2)

    def _build_turns_section(self) -> None:
        self.chart = EmotionCurveChart()
        self.turns_table = QTableWidget(0, 5)
        self.turns_table.verticalHeader().setVisible(False)
        self.turns_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.turns_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def _build_tips_section(self) -> None:
        self.tips_box = QGroupBox()
        self.tip_labels = [content_label() for _ in range(3)]
        tips_layout = QVBoxLayout(self.tips_box)
        for label in self.tip_labels:
            tips_layout.addWidget(label)

    def _build_review_section(self) -> None:
        self.review_box = QGroupBox()  # the trainer's overrides and comments, when there are any
        self.review_label = content_label(selectable=True)
        QVBoxLayout(self.review_box).addWidget(self.review_label)
        self.overrides: list[ScoreCorrection] = []
        self.comments: list[ReviewComment] = []

    def _build_transcript_section(self) -> None:
        self.transcript_box = QGroupBox()
        self.transcript = TranscriptView()
        QVBoxLayout(self.transcript_box).addWidget(self.transcript)

    def _build_buttons(self) -> None:
        self.turn_box = QComboBox()
        self.turn_box.currentIndexChanged.connect(lambda *_: self._update_play_button())
        self.play_button = QPushButton()
        self.playing = False
        self.play_button.clicked.connect(self._play)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self._request_retry)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_requested)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.model_button = QPushButton()
        self.model_button.clicked.connect(self._request_model_answer)

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.scores_box)
        left_layout.addWidget(self.chart, 1)
        left_layout.addWidget(self.turns_table)
        left_layout.addWidget(self.tips_box)
        left_layout.addWidget(self.review_box)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.transcript_box)
        splitter.setSizes([520, 480])
        buttons = QHBoxLayout()
        buttons.addWidget(self.turn_box)
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.model_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.scenario_title, 1)
        header.addWidget(self.saved_label)
        layout.addLayout(header)
        layout.addWidget(self.outcome_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def show_report(self, report: CallReport, scenario: Scenario, audio_turns: frozenset[int] = frozenset(),
                    saved: bool | str | None = None, can_recommend: bool = True) -> None:
        """`saved`: True (in the trainee's history), False (no storage), "discarded" (the trainee
        hung up before saying anything: nothing to keep) or None (a stored session, shown again)."""
        self.report, self.scenario, self.audio_turns, self.saved = report, scenario, frozenset(audio_turns), saved
        self.scenario_title.setText(scenario.title)
        self.chart.set_curve(report.emotion_curve, scenario.thresholds)
        self.transcript.set_report(report)
        for label, tip in zip(self.tip_labels, report.top_tips + [""] * 3, strict=False):
            label.setText(f"• {tip}" if tip else "")
            label.setVisible(bool(tip))
        self.next_button.setEnabled(can_recommend)
        self.retranslate()

    def set_review(self, overrides: list[ScoreCorrection] | tuple = (), comments: list[ReviewComment] | tuple = ()
                   ) -> None:
        """A trainer's review of a stored session: each override beside the original, and the comments."""
        self.overrides, self.comments = list(overrides), list(comments)
        self.retranslate()

    def overall_text(self, turn) -> str:
        fix = next((o for o in reversed(self.overrides) if o.turn_index == turn.index and o.dimension == "overall"),
                   None)
        if fix is None:
            return str(turn.overall)
        return self.tr("{new} (was {original})").format(new=fix.new, original=turn.overall)

    def _fill_review(self) -> None:
        lines = [self.tr("Reply {n}, {dimension}: {original} → {new} ({author}): {reason}").format(
            n=o.turn_index + 1, dimension=dimension_name(o.dimension), original=o.original, new=o.new,
            author=o.author or "", reason=o.reason) for o in self.overrides]
        for c in self.comments:
            where = "" if c.turn_index is None else self.tr("Reply {n}").format(n=c.turn_index + 1) + ": "
            lines.append(f"✎ {where}{c.text} ({c.author or ''})")
        self.review_box.setTitle(self.tr("Trainer's review (the original scores stay as they were)"))
        self.review_label.setText("\n".join(lines))
        self.review_box.setVisible(bool(lines))

    def _request_retry(self) -> None:
        if self.scenario:
            self.retry_requested.emit(self.scenario.id)

    def _request_model_answer(self) -> None:
        if self.scenario:
            self.model_answer_requested.emit(self.scenario.id)

    def _play(self) -> None:
        index = self.turn_box.currentData()
        if index is not None and index in self.audio_turns:
            self.play_requested.emit(int(index))

    def _update_play_button(self) -> None:
        index = self.turn_box.currentData()
        self.play_button.setEnabled(not self.playing and index is not None and index in self.audio_turns)
        self.play_button.setText(self.tr("Playing…") if self.playing else self.tr("Play my reply"))

    def set_playing(self, playing: bool) -> None:
        """While a reply plays the button says so (and waits for the end before playing another)."""
        self.playing = playing
        self._update_play_button()

    def _fill_turns(self) -> None:
        report = self.report
        headers = [self.tr("Reply"), self.tr("Score"), self.tr("Response time"), self.tr("Pace"), self.tr("Mood")]
        self.turns_table.setHorizontalHeaderLabels(headers)
        turns = report.turns if report else []
        self.turns_table.setRowCount(len(turns))
        self._fit_turns_table(len(turns))
        for row, turn in enumerate(turns):
            latency = self.tr("{seconds:.1f} s").format(seconds=turn.latency_s) if turn.latency_s is not None else "–"
            if turn.pace_rate is not None:
                pace = self.tr("{rate:.0f} {unit}").format(rate=turn.pace_rate, unit=pace_unit_name(turn.pace_unit))
            else:
                pace = self.tr("not measured")
            mood = f"{turn.intensity_before} → {turn.intensity_after} ({mood_name(turn.customer_band.value)})"
            for col, text in enumerate([str(turn.index + 1), self.overall_text(turn), latency, pace, mood]):
                self.turns_table.setItem(row, col, QTableWidgetItem(text))
        current = self.turn_box.currentData()
        self.turn_box.blockSignals(True)
        self.turn_box.clear()
        for turn in turns:
            self.turn_box.addItem(self.tr("Reply {n}").format(n=turn.index + 1), turn.index)
        self.turn_box.setCurrentIndex(max(0, self.turn_box.findData(current)))
        self.turn_box.blockSignals(False)
        self._update_play_button()

    def _fit_turns_table(self, rows: int, most: int = 6) -> None:
        """Tall enough for every reply of the call (up to `most`; more scroll inside the table),
        whatever the window's height: the page scrolls instead of squeezing the table."""
        table = self.turns_table
        shown = max(1, min(rows, most))
        height = (table.horizontalHeader().sizeHint().height() + shown * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + 2)
        table.setFixedHeight(height)

    def _fill_items(self) -> None:
        """The call's items (score, the reply that earned or lost it, the words and the tip on hover);
        a session scored before call scores shows its reply dimensions instead."""
        report = self.report
        rows: list[tuple[str, int | None, str, str]] = []
        if report is not None and report.call is not None:
            for item in report.call.items:
                if item.score is None:
                    continue
                where = self.tr("reply {n}").format(n=item.turn + 1) if item.turn is not None else ""
                words = "\n".join(f"{self.tr('Reply {n}').format(n=t + 1)}: “{e.text}”" for t, e in item.evidence[:4])
                rows.append((call_item_name(item.name), item.score, where, "\n".join(p for p in (words, item.tip) if p)))
        elif report is not None:
            for name in DIMENSIONS:
                score = report.dimensions.get(name)
                reason = "" if score is not None else (
                    self.tr("not measured (typed replies)") if name == "pace" else self.tr("no replies"))
                rows.append((dimension_name(name), score, reason, ""))
        for row in range(ITEM_ROWS):
            label, bar, note = self.item_labels[row], self.item_bars[row], self.item_notes[row]
            used = row < len(rows)
            for widget in (label, bar, note):
                widget.setVisible(used)
            if not used:
                continue
            name, score, where, detail = rows[row]
            label.setText(name)
            bar.setValue(score or 0)
            bar.setVisible(score is not None)
            note.setText(where)
            for widget in (label, bar, note):
                widget.setToolTip(detail)

    def _limit_text(self) -> str:
        call = self.report.call if self.report is not None else None
        if call is None:
            return ""
        if call.capped_by is not None and call.capped_for == "mechanical":
            return self.tr("Capped at {cap}: stock phrases, jargon, vague promises or a sales pitch in three "
                           "replies or more make a mechanical call, which cannot pass.").format(cap=call.capped_by)
        if call.capped_by is not None and call.capped_for == "no_remedy":
            return self.tr("Capped at {cap}: no remedy the policy allows was firmly offered, and a call without "
                           "a solution cannot pass.").format(cap=call.capped_by)
        if call.capped_by is not None:
            return self.tr("Capped at {cap}: blaming, dismissive or arguing wording fails a call.").format(cap=call.capped_by)
        if call.raised_to is not None:
            return self.tr("Raised to {floor}: every line was answered civilly, which ranks above any call "
                           "that blames.").format(floor=call.raised_to)
        return ""

    def retranslate(self) -> None:
        self.title.setText(self.tr("Call report"))
        self.scores_box.setTitle(self.tr("Scores"))
        self.tips_box.setTitle(self.tr("Top three tips"))
        self.transcript_box.setTitle(self.tr("Transcript"))
        self._update_play_button()
        self.play_button.setToolTip(self.tr("Available for spoken replies"))
        self.retry_button.setText(self.tr("Try again"))
        self.next_button.setText(self.tr("Next recommended"))
        self.back_button.setText(self.tr("Back to the library"))
        self.saved_label.setText({True: self.tr("Saved to your history"), False: self.tr("Not saved (no storage)"),
                                  "discarded": self.tr("You hung up before replying: nothing was scored or saved."),
                                  None: ""}[self.saved])
        self.model_button.setText(self.tr("Hear a model answer"))
        self.model_button.setEnabled(bool(self.scenario and self.scenario.model_answer))
        report = self.report
        self._fill_items()
        self.limit_label.setText(self._limit_text())
        self.limit_label.setVisible(bool(self.limit_label.text()))
        if report is None:
            self.overall_label.setText("")
            self.outcome_label.setText("")
        else:
            overall = "–" if report.overall is None else str(report.overall)
            text = self.tr("Call score: {score}/100") if report.call is not None else self.tr("Overall: {score}/100")
            self.overall_label.setText(text.format(score=overall))
            outcome = outcome_name(report.outcome.value if report.outcome else None)
            self.outcome_label.setText(self.tr("Outcome: {outcome}. {reason}").format(
                outcome=outcome, reason=end_reason_text(report.reason.value)))
        self._fill_turns()
        self._fill_review()
