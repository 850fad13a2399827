"""The report's transcript: each customer line and reply, with the reply's highlights.

Empathy is green, forbidden wording red, fillers grey; stage evidence is underlined and labelled.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.domain.progress import CallReport, TranscriptSegment, split_into_segments
from app.domain.progress.call_report import EMPATHY, FILLER, FORBIDDEN
from app.ui.labels import reply_stage_name
from app.ui.widgets.common import RetranslateMixin, mark_content

HIGHLIGHT_BACKGROUNDS = {
    FORBIDDEN: QColor("#f6c1c1"),
    EMPATHY: QColor("#c6efd0"),
    FILLER: QColor("#e4e4e4"),
}
FILLER_TEXT = QColor("#707070")
STAGE_COLOUR = QColor("#2f6fbf")


def segment_html(segment: TranscriptSegment) -> str:
    text = html.escape(segment.text)
    styles = []
    for category in (FORBIDDEN, EMPATHY, FILLER):
        if category in segment.categories:
            styles.append(f"background-color: {HIGHLIGHT_BACKGROUNDS[category].name()}")
            break
    if FILLER in segment.categories and FORBIDDEN not in segment.categories and EMPATHY not in segment.categories:
        styles.append(f"color: {FILLER_TEXT.name()}")
    if segment.stages:
        styles.append("text-decoration: underline")
    out = f'<span style="{"; ".join(styles)}">{text}</span>' if styles else text
    for stage in segment.stages_ending:
        out += f'<sup style="color: {STAGE_COLOUR.name()}">[{html.escape(reply_stage_name(stage))}]</sup>'
    return out


class TranscriptView(RetranslateMixin, QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: CallReport | None = None
        self.setOpenExternalLinks(False)
        mark_content(self)  # the transcript itself is in the scenario's language
        self.retranslate()

    def set_report(self, report: CallReport | None) -> None:
        self.report = report
        self.retranslate()

    def legend_html(self) -> str:
        def chip(category: str, text: str) -> str:
            colour = HIGHLIGHT_BACKGROUNDS[category].name()
            return f'<span style="background-color: {colour}">&nbsp;{html.escape(text)}&nbsp;</span>'

        stage = html.escape(self.tr("stage"))
        example = html.escape(reply_stage_name("solution"))
        return "&nbsp; ".join([
            chip(EMPATHY, self.tr("empathy")),
            chip(FORBIDDEN, self.tr("forbidden wording")),
            chip(FILLER, self.tr("filler")),
            f'<u>{stage}</u><sup style="color: {STAGE_COLOUR.name()}">[{example}]</sup>',
        ])

    def retranslate(self) -> None:
        if self.report is None:
            self.setHtml("")
            return
        customer = html.escape(self.tr("Customer"))
        you = html.escape(self.tr("You"))
        silence = html.escape(self.tr("(silence)"))
        parts = [f"<p>{self.legend_html()}</p>"]
        for turn in self.report.turns:
            title = html.escape(self.tr("Turn {n}").format(n=turn.index + 1))
            reply = "".join(segment_html(s) for s in split_into_segments(turn.reply_text, turn.highlights))
            if not turn.reply_text.strip():
                reply = f"<i>{silence}</i>"
            parts.append(f"<p><b>{title}</b><br><b>{customer}:</b> {html.escape(turn.customer_text)}<br>"
                         f"<b>{you}:</b> {reply}</p>")
        if self.report.final_line:
            parts.append(f"<p><b>{customer}:</b> {html.escape(self.report.final_line)}</p>")
        self.setHtml("".join(parts))
