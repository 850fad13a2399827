"""The replay: a timeline with one marker per turn (click to seek), play/pause, speed 0.75-2x,
the transcript with the word being said lit as the playhead passes it, the current turn's scores,
latency, pace and customer intensity, and the emotion curve with the playhead on it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.progress import ReviewedSession
from app.domain.progress.replay import CUSTOMER, ReplayTimeline, ReplayWord, TurnMedia, build_timeline
from app.ui.controllers.replay_controller import SPEEDS, ReplayController
from app.ui.labels import dimension_name, mood_name, pace_unit_name
from app.ui.ports import ClipPlayer, ReplayClip
from app.ui.widgets.common import RetranslateMixin, mark_content

WORD_LIGHT = "#ffe066"


def clock_text(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


class TimelineBar(QWidget):
    """The call as coloured segments (customer grey, trainee blue), a numbered marker per turn
    and the playhead. A click seeks."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = ReplayTimeline([])
        self.position = 0.0
        self.setMinimumHeight(42)

    def set_timeline(self, timeline: ReplayTimeline) -> None:
        self.timeline = timeline
        self.update()

    def set_position(self, seconds: float) -> None:
        self.position = seconds
        self.update()

    def x_of(self, seconds: float) -> float:
        total = self.timeline.total_s or 1.0
        return 4 + (self.width() - 8) * seconds / total

    def seconds_at(self, x: float) -> float:
        total = self.timeline.total_s
        return max(0.0, min(total, (x - 4) / max(1.0, self.width() - 8) * total))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        bar = QRectF(4, 16, self.width() - 8, self.height() - 22)
        painter.fillRect(bar, QColor("#f0f0f0"))
        for segment in self.timeline.segments:
            colour = QColor("#b9b9b9" if segment.side == CUSTOMER else "#7fa7e0")
            if not segment.has_audio:
                colour.setAlpha(110)
            left, right = self.x_of(segment.start_s), self.x_of(segment.end_s)
            painter.fillRect(QRectF(left, bar.top(), max(1.0, right - left), bar.height()), colour)
        painter.setPen(QPen(QColor("#303030"), 1))
        for turn, start in self.timeline.markers():
            x = self.x_of(start)
            painter.drawLine(QPointF(x, 2), QPointF(x, bar.bottom()))
            painter.drawText(QPointF(x + 3, 12), str(turn + 1))
        painter.setPen(QPen(QColor("#d03b3b"), 2))
        x = self.x_of(self.position)
        painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.seek_requested.emit(self.seconds_at(event.position().x()))


class EmotionStrip(QWidget):
    """The customer's intensity over the call with the playhead on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curve: list[int] = []
        self.playhead = 0.0  # a position on the curve: point index, fractional
        self.setMinimumHeight(90)

    def set_curve(self, curve: list[int]) -> None:
        self.curve = list(curve)
        self.update()

    def set_playhead(self, position: float) -> None:
        self.playhead = position
        self.update()

    def point(self, index: float, value: float) -> QPointF:
        steps = max(1, len(self.curve) - 1)
        return QPointF(6 + (self.width() - 12) * index / steps, self.height() - 6 - (self.height() - 12) * value / 100)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.fillRect(QRectF(6, 6, self.width() - 12, (self.height() - 12) * 0.3), QColor("#fbe3e3"))
        painter.setPen(QPen(QColor("#c0392b"), 2))
        points = [self.point(i, v) for i, v in enumerate(self.curve)]
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        painter.setPen(QPen(QColor("#202020"), 2))
        x = self.point(min(self.playhead, max(0, len(self.curve) - 1)), 0).x()
        painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.end()


class ReplayView(RetranslateMixin, QWidget):
    moment_changed = Signal(float, object)  # seconds, turn index (or None)

    def __init__(self, player: ClipPlayer | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = ReplayController(player, self)
        self.session: ReviewedSession | None = None
        self.current_word: ReplayWord | None = None
        self.current_turn: int | None = None
        self.play_button = QPushButton()
        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.time_label, self.turn_label = QLabel(), QLabel()
        self.turn_label.setWordWrap(True)
        self.audio_problem_label = QLabel()  # a clip that could not be played; the replay goes on
        self.audio_problem_label.setWordWrap(True)
        self.audio_problem_label.setStyleSheet("color:#a15c00")
        self.audio_problem_label.hide()
        self.audio_problem: str | None = None
        self.bar = TimelineBar()
        self.strip = EmotionStrip()
        self.transcript = QTextBrowser()
        mark_content(self.transcript)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.speed_box)
        controls.addWidget(self.time_label)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.bar)
        layout.addWidget(self.strip)
        layout.addWidget(self.turn_label)
        layout.addWidget(self.audio_problem_label)
        layout.addWidget(self.transcript, 1)
        if player is not None:
            player.set_problem_handler(self.show_audio_problem)
        self.play_button.clicked.connect(self.controller.toggle)
        self.speed_box.currentIndexChanged.connect(lambda _i: self.controller.set_rate(self.speed_box.currentData()))
        self.bar.seek_requested.connect(self.controller.seek)
        self.controller.position_changed.connect(self._on_position)
        self.controller.playing_changed.connect(lambda _p: self.retranslate())
        self.retranslate()

    def set_session(self, session: ReviewedSession, clips: list[ReplayClip]) -> None:
        self.session = session
        lengths = {(c.turn_index, c.side): c for c in clips}
        media = []
        for turn in session.report.turns:
            customer, trainee = lengths.get((turn.index, "customer")), lengths.get((turn.index, "trainee"))
            media.append(TurnMedia(turn.index, turn.customer_text, turn.reply_text,
                                   customer.duration_s if customer else None, trainee.duration_s if trainee else None,
                                   tuple(session.words.get(turn.index, ()))))
        timeline = build_timeline(media)
        self.bar.set_timeline(timeline)
        self.strip.set_curve(session.report.emotion_curve)
        self.current_word, self.current_turn = None, None
        self.controller.load(timeline, {(c.turn_index, c.side): c.wav for c in clips})
        self._render_transcript()

    def update_session(self, session: ReviewedSession) -> None:
        """The same call with a fresher review (a new override): keep the playhead where it is."""
        self.session = session
        self._show_turn()
        self._render_transcript()

    # -- following the playhead ------------------------------------------------------------------
    def _on_position(self, seconds: float) -> None:
        timeline = self.controller.timeline
        self.bar.set_position(seconds)
        self.strip.set_playhead(timeline.curve_position(seconds))
        self.time_label.setText(f"{clock_text(seconds)} / {clock_text(timeline.total_s)}")
        word, turn = timeline.word_at(seconds), timeline.turn_at(seconds)
        if turn != self.current_turn:
            self.current_turn = turn
            self._show_turn()
        if word != self.current_word:
            self.current_word = word
            self._render_transcript()
        self.moment_changed.emit(seconds, turn)

    def _show_turn(self) -> None:
        if self.session is None or self.current_turn is None:
            self.turn_label.setText("")
            return
        turn = next((t for t in self.session.report.turns if t.index == self.current_turn), None)
        if turn is None:
            return
        fixes = self.session.corrections(turn.index)
        was = self.tr("was {original}")
        scores = ", ".join(
            f"{dimension_name(name)} {fixes[name].new if name in fixes else value}"
            + (f" ({was.format(original=value)})" if name in fixes else "")
            for name, value in {"overall": turn.overall, **turn.dimensions}.items())
        latency = "—" if turn.latency_s is None else self.tr("{s:.1f} s").format(s=turn.latency_s)
        pace = "—" if turn.pace_rate is None else f"{turn.pace_rate:.0f} {pace_unit_name(turn.pace_unit)}"
        self.turn_label.setText(self.tr(
            "Reply {n}: {scores}. Response time {latency}; pace {pace}; customer {mood}, intensity {before} → {after}."
        ).format(n=turn.index + 1, scores=scores, latency=latency, pace=pace, mood=mood_name(turn.customer_band.value),
                 before=turn.intensity_before, after=turn.intensity_after))

    def _render_transcript(self) -> None:
        if self.session is None:
            self.transcript.setHtml("")
            return
        lit = self.current_word
        customer, trainee = html.escape(self.tr("Customer")), html.escape(self.tr("Trainee"))
        parts = []
        # only the turn being played: the whole call's transcript, with its highlights, is beside the replay
        playing = self.current_turn if self.current_turn is not None else 0
        for turn in (t for t in self.session.report.turns if t.index == playing):
            style = ' style="background-color:#eef3fb"'
            parts.append(f"<p{style}><b>{customer}:</b> {html.escape(turn.customer_text)}<br>")
            words = self.session.words.get(turn.index)
            if words:
                spans = []
                for index, (word, _start, _end) in enumerate(words):
                    text = html.escape(word)
                    if lit is not None and lit.turn_index == turn.index and lit.index == index:
                        text = f'<span style="background-color:{WORD_LIGHT}"><b>{text}</b></span>'
                    spans.append(text)
                joiner = "" if self.session.report.language == "zh" else " "
                reply = joiner.join(spans)
            else:
                reply = html.escape(turn.reply_text) or html.escape(self.tr("(silence)"))
            parts.append(f"<b>{trainee}:</b> {reply}</p>")
        bar = self.transcript.verticalScrollBar().value()
        self.transcript.setHtml("".join(parts))
        self.transcript.verticalScrollBar().setValue(bar)

    def show_audio_problem(self, detail: str) -> None:
        self.audio_problem = detail
        self.audio_problem_label.show()
        self.retranslate()

    def retranslate(self) -> None:
        if self.audio_problem is not None:
            self.audio_problem_label.setText(self.tr(
                "Some of the recording cannot be played; the transcript still follows the replay. ({detail})"
            ).format(detail=self.audio_problem))
        self.play_button.setText(self.tr("Pause") if self.controller.playing else self.tr("Play"))
        self.speed_box.setToolTip(self.tr("Playback speed"))
        self._show_turn()
        self._render_transcript()
