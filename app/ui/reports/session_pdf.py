"""A reviewed session as a PDF, written with Qt's own PDF writer (QPdfWriter + QTextDocument).

The report holds the call's facts, the scores (each trainer override beside the scorer's
original, with its reason), the emotion curve as a chart, the highlighted transcript turn by turn
with latency, pace and the customer's intensity, and the trainer's comments. Chinese text uses
a CJK font (Noto Sans CJK when installed), which Qt embeds in the file.

Headings follow the UI language (Qt translations, context "SessionPdf"); the transcript stays in
the call's language. Safe to run on a worker thread (no widgets, images only). The file is
written beside the target and renamed into place, so a failure never leaves half a report.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.domain.progress import DIMENSIONS, ReviewedSession, split_into_segments
from app.domain.progress.review import OVERALL
from app.private_files import replaced_whole
from app.ui.labels import (
    call_item_name,
    dimension_name,
    end_reason_text,
    mood_name,
    outcome_name,
    pace_unit_name,
)
from app.ui.widgets.transcript_view import segment_html

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback")
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans")
CHART_URL = QUrl("chart://emotion")
DPI = 300


def texts() -> dict[str, str]:
    """The report's own words in the UI language (literal calls, so that pyside6-lupdate finds them)."""
    return {
        "trainer": QCoreApplication.translate("SessionPdf", "Trainer"),
        "session_report": QCoreApplication.translate("SessionPdf", "Session report"),
        "trainee": QCoreApplication.translate("SessionPdf", "Trainee"),
        "date": QCoreApplication.translate("SessionPdf", "Date"),
        "outcome": QCoreApplication.translate("SessionPdf", "Outcome"),
        "average_score_with_overrides": QCoreApplication.translate("SessionPdf", "Average of the replies (with overrides)"),
        "call_score": QCoreApplication.translate("SessionPdf", "Call score (scorer)"),
        "average_score_scorer": QCoreApplication.translate("SessionPdf", "Average score (scorer)"),
        "call_items": QCoreApplication.translate("SessionPdf", "The call, item by item"),
        "item": QCoreApplication.translate("SessionPdf", "Item"),
        "score": QCoreApplication.translate("SessionPdf", "Score"),
        "earned_in": QCoreApplication.translate("SessionPdf", "Turn"),
        "why": QCoreApplication.translate("SessionPdf", "Words and tip"),
        "good_example": QCoreApplication.translate("SessionPdf", "Good example"),
        "bad_example": QCoreApplication.translate("SessionPdf", "Bad example"),
        "team_training": QCoreApplication.translate("SessionPdf", "Team training"),
        "scores": QCoreApplication.translate("SessionPdf", "Scores"),
        "turn": QCoreApplication.translate("SessionPdf", "Turn"),
        "latency": QCoreApplication.translate("SessionPdf", "Latency"),
        "rate": QCoreApplication.translate("SessionPdf", "Speaking rate"),
        "override_mark": QCoreApplication.translate(
            "SessionPdf", "* changed by a trainer (the scorer's number in brackets); the reasons are under Score overrides."),
        "seconds": QCoreApplication.translate("SessionPdf", "{s} s"),
        "customer_emotion": QCoreApplication.translate("SessionPdf", "Customer emotion"),
        "chart_caption": QCoreApplication.translate("SessionPdf", "Intensity 0-100 after each turn; the shaded band is high intensity."),
        "transcript": QCoreApplication.translate("SessionPdf", "Transcript"),
        "turn_n": QCoreApplication.translate("SessionPdf", "Turn {n}"),
        "intensity_before_after": QCoreApplication.translate("SessionPdf", "intensity {before} → {after}"),
        "customer": QCoreApplication.translate("SessionPdf", "Customer"),
        "silence": QCoreApplication.translate("SessionPdf", "(silence)"),
        "tip": QCoreApplication.translate("SessionPdf", "Tip"),
        "score_overrides": QCoreApplication.translate("SessionPdf", "Score overrides"),
        "override_line": QCoreApplication.translate("SessionPdf", "Turn {n}, {dimension}: {original} → {new} by {author}: {reason}"),
        "write_failed": QCoreApplication.translate("SessionPdf", "The PDF could not be written."),
    }


def report_font(point_size: float = 9.5) -> QFont:
    """A Latin font with a Chinese one behind it, so the PDF never shows empty boxes."""
    available = set(QFontDatabase.families())
    # Latin first: Noto CJK's digits come out of Qt's PDF writer without a text mapping (pdftotext
    # and copy-paste lose them); Chinese falls through to the CJK family.
    families = [f for f in LATIN_FAMILIES + CJK_FAMILIES if f in available] or ["Sans Serif"]
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    return font


def emotion_chart(curve: list[int], width: int = 1800, height: int = 520, hostile_from: int = 70) -> QImage:
    """The customer's intensity (0-100) after each turn, with the high-intensity band shaded."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    left, right, top, bottom = 110, 30, 30, 70
    plot = QRectF(left, top, width - left - right, height - top - bottom)
    painter.fillRect(QRectF(plot.left(), plot.top(), plot.width(), plot.height() * (100 - hostile_from) / 100),
                     QColor("#fbe3e3"))
    painter.setPen(QPen(QColor("#999999"), 2))
    painter.drawRect(plot)
    font = QFont(report_font())
    font.setPixelSize(26)
    painter.setFont(font)
    for value in (0, 50, 100):
        y = plot.bottom() - plot.height() * value / 100
        painter.drawLine(QPointF(plot.left() - 8, y), QPointF(plot.left(), y))
        painter.drawText(QRectF(0, y - 18, left - 16, 36), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         str(value))
    points = []
    steps = max(1, len(curve) - 1)
    for i, value in enumerate(curve):
        x = plot.left() + plot.width() * i / steps
        points.append(QPointF(x, plot.bottom() - plot.height() * max(0, min(100, value)) / 100))
        painter.drawText(QRectF(x - 40, plot.bottom() + 10, 80, 40), Qt.AlignmentFlag.AlignCenter, str(i))
    painter.setPen(QPen(QColor("#c0392b"), 6))
    for a, b in zip(points, points[1:], strict=False):
        painter.drawLine(a, b)
    painter.setBrush(QColor("#c0392b"))
    for p in points:
        painter.drawEllipse(p, 9, 9)
    painter.end()
    return image


_NOWRAP = "style='white-space:nowrap'"  # a header or a score is never broken mid-word


def _esc(text: object) -> str:
    return html.escape(str(text))


def _score_cell(original: int, correction) -> str:
    """A score, or a trainer's override as "77* (80)": short enough for a narrow column (the
    reason is listed under Score overrides)."""
    if correction is None:
        return _esc(original)
    return f"<b>{_esc(correction.new)}*</b>&nbsp;({_esc(original)})"


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def _comment_html(comment) -> str:
    T = texts()
    who = _esc(comment.author or T['trainer'])
    at = f" [{_esc(_clock(comment.offset_s))}]" if comment.offset_s is not None else ""
    return f'<p style="background-color:#fff6d5">&#9998; <b>{who}</b>{at}: {_esc(comment.text)}</p>'


def session_html(session: ReviewedSession) -> str:
    T = texts()
    report = session.report
    parts = [f"<h1>{_esc(T['session_report'])}</h1>",
             f"<p><b>{_esc(session.scenario_title)}</b></p>",
             "<table cellspacing='0' cellpadding='3'>"]
    facts = [
        (T['trainee'], session.trainee),
        (T['date'], session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        (T['outcome'], f"{outcome_name(report.outcome.value if report.outcome else None)} — "
                        f"{end_reason_text(report.reason.value)}"),
        (T['average_score_with_overrides'], "—" if session.average_score is None else session.average_score),
        (T['call_score'] if report.call is not None else T['average_score_scorer'],
         "—" if report.overall is None else report.overall),
    ]
    if session.example_mark:
        mark = T['good_example'] if session.example_mark == "good" else T['bad_example']
        facts.append((T['team_training'], f"{mark}{': ' + session.example_note if session.example_note else ''}"))
    parts += [f"<tr><td><b>{_esc(k)}</b></td><td>{_esc(v)}</td></tr>" for k, v in facts]
    parts.append("</table>")

    if report.call is not None:
        parts.append(f"<h2>{_esc(T['call_items'])}</h2><table border='1' cellspacing='0' cellpadding='4'><tr>"
                     f"<th>{_esc(T['item'])}</th><th>{_esc(T['score'])}</th><th>{_esc(T['earned_in'])}</th>"
                     f"<th>{_esc(T['why'])}</th></tr>")
        for item in report.call.items:
            if item.score is None:
                continue
            words = "; ".join(f"“{e.text}”" for _turn, e in item.evidence[:2])
            why = " ".join(p for p in (words, item.tip) if p)
            parts.append(f"<tr><td>{_esc(call_item_name(item.name))}</td><td>{item.score}</td>"
                         f"<td>{'' if item.turn is None else item.turn + 1}</td><td>{_esc(why)}</td></tr>")
        parts.append("</table>")

    parts.append(f"<h2>{_esc(T['scores'])}</h2><table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>"
                 f"<th {_NOWRAP}>{_esc(T['turn'])}</th><th {_NOWRAP}>{_esc(dimension_name(OVERALL))}</th>")
    parts += [f"<th {_NOWRAP}>{_esc(dimension_name(d))}</th>" for d in DIMENSIONS]
    parts.append(f"<th {_NOWRAP}>{_esc(T['latency'])}</th><th {_NOWRAP}>{_esc(T['rate'])}</th></tr>")
    for turn in report.turns:
        fixes = session.corrections(turn.index)
        cells = [str(turn.index + 1), _score_cell(turn.overall, fixes.get(OVERALL))]
        for name in DIMENSIONS:
            cells.append(_score_cell(turn.dimensions[name], fixes.get(name)) if name in turn.dimensions else "—")
        cells.append("—" if turn.latency_s is None else _esc(T['seconds'].format(s=f"{turn.latency_s:.1f}")))
        cells.append("—" if turn.pace_rate is None else _esc(f"{turn.pace_rate:.0f} {pace_unit_name(turn.pace_unit)}"))
        parts.append("<tr>" + "".join(f"<td {_NOWRAP}>{c}</td>" for c in cells) + "</tr>")
    parts.append("</table>")
    if any(session.corrections(turn.index) for turn in report.turns):
        parts.append(f"<p><small>{_esc(T['override_mark'])}</small></p>")

    parts.append(f"<h2>{_esc(T['customer_emotion'])}</h2>"
                 f"<p><img src='{CHART_URL.toString()}' width='600' height='173'></p>"
                 f"<p>{_esc(T['chart_caption'])}</p>")

    parts.append(f"<h2>{_esc(T['transcript'])}</h2>")
    for comment in session.comments_for(None):
        parts.append(_comment_html(comment))
    for turn in report.turns:
        band = mood_name(turn.customer_band.value)
        parts.append(f"<h3>{_esc(T['turn_n'].format(n=turn.index + 1))}</h3>")
        intensity = T['intensity_before_after'].format(before=turn.intensity_before, after=turn.intensity_after)
        parts.append(f"<p><b>{_esc(T['customer'])}</b> ({_esc(band)}, {_esc(intensity)}): "
                     f"{_esc(turn.customer_text)}</p>")
        reply = "".join(segment_html(s) for s in split_into_segments(turn.reply_text, turn.highlights)) \
            or f"<i>{_esc(T['silence'])}</i>"
        parts.append(f"<p><b>{_esc(T['trainee'])}</b>: {reply}</p>")
        if turn.tip:
            parts.append(f"<p><i>{_esc(T['tip'])}: {_esc(turn.tip)}</i></p>")
        for comment in session.comments_for(turn.index):
            parts.append(_comment_html(comment))
    if session.overrides:
        parts.append(f"<h2>{_esc(T['score_overrides'])}</h2><ul>")
        for o in sorted(session.overrides, key=lambda o: o.created_at):
            line = T['override_line'].format(
                n=o.turn_index + 1, dimension=dimension_name(o.dimension), original=o.original, new=o.new,
                author=o.author or T['trainer'], reason=o.reason)
            parts.append(f"<li>{_esc(line)}</li>")
        parts.append("</ul>")
    return "\n".join(parts)


def build_document(session: ReviewedSession, writer: QPdfWriter | None = None) -> QTextDocument:
    """The report as a document; laid out on `writer`'s pages (headings kept with what follows)
    when one is given."""
    document = QTextDocument()
    if writer is not None:
        document.documentLayout().setPaintDevice(writer)  # fonts and images at the PDF's resolution
    document.setDefaultFont(report_font())
    document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL,
                         emotion_chart(session.report.emotion_curve))
    document.setHtml(session_html(session))
    if writer is not None:
        document.setPageSize(QSizeF(writer.pageLayout().paintRectPixels(writer.resolution()).size()))
        keep_headings_with_next(document)
    return document


def keep_headings_with_next(document: QTextDocument, rounds: int = 20) -> None:
    """A heading left alone at the foot of a page (its chart or text on the next) starts the next
    page instead. `document` must have its page size set (pages are laid out then)."""
    height = document.pageSize().height()
    layout = document.documentLayout()

    def page_of(y: float) -> int:
        return int(y // height)

    for _ in range(rounds):
        moved = False
        block = document.begin()
        while block.isValid():
            following = block.next()
            broken = block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            if block.blockFormat().headingLevel() > 0 and following.isValid() and not broken:
                heading = layout.blockBoundingRect(block)
                first_line = following.layout().lineAt(0) if following.layout().lineCount() else None
                below = layout.blockBoundingRect(following)
                line_bottom = below.top() + (first_line.height() if first_line is not None else below.height())
                if page_of(heading.top()) != page_of(line_bottom - 1):
                    while block.previous().isValid() and block.previous().blockFormat().headingLevel() > 0:
                        block = block.previous()  # a run of headings ("Transcript", "Turn 1") moves together
                    cursor = QTextCursor(block)
                    fmt = block.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    cursor.setBlockFormat(fmt)
                    moved = True
                    break  # the pages after it moved: measure again
            block = following
        if not moved:
            return


def write_session_pdf(session: ReviewedSession, target: Path) -> Path:
    """Write the report to `target` (replaced whole, or left as it was if writing fails)."""
    T = texts()
    target = Path(target)
    with replaced_whole(target) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(DPI)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setTitle(f"{T['session_report']} — {session.trainee} — {session.scenario_title}")
        writer.setCreator("Role-Play Trainer")
        build_document(session, writer).print_(writer)
        del writer  # closes the file
        if not partial.exists() or partial.stat().st_size == 0:
            raise OSError(T['write_failed'])
    return target
