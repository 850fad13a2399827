"""The report's transcript highlights sit on the right characters, in the right colours."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from app.domain.dialogue import CallSession, ManualClock
from app.domain.progress import build_call_report
from app.domain.progress.call_report import EMPATHY, FILLER, FORBIDDEN, STAGE
from app.domain.scoring import ReplyScorer
from app.ui.widgets.transcript_view import HIGHLIGHT_BACKGROUNDS

REPLIES = [
    "Um, I'm really sorry about this, that's not my department, but you know, calm down.",
    "The delay is because the depot has a backlog. I'll refund the express fee and email you by 5 pm today.",
]


def coloured_runs(view) -> list[tuple[str, str]]:
    """(text, background colour) of each run of same-coloured text in the rendered document;
    the stage labels inside a run are left out."""
    runs: list[tuple[str, str]] = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            text = fragment.text()
            brush = fragment.charFormat().background()
            colour = brush.color().name() if brush.style() != 0 else ""
            is_label = text.startswith("[") and text.endswith("]")
            if is_label:
                pass
            elif runs and runs[-1][1] == colour:
                runs[-1] = (runs[-1][0] + text, colour)
            else:
                runs.append((text, colour))
            it += 1
        block = block.next()
    return [(text, colour) for text, colour in runs if colour]


def test_highlights_map_to_the_right_transcript_spans(qtbot, library):
    scenario = library.get("en-complaint-late-parcel")
    session = CallSession(scenario, ReplyScorer(), ManualClock())
    session.start()
    for reply in REPLIES:
        session.reply(reply)
    report = build_call_report(session.hang_up(), "en")

    first, second = report.turns
    # Every span is exactly the evidence text at those offsets of the reply as typed.
    for turn in report.turns:
        for span in turn.highlights:
            assert turn.reply_text[span.start:span.end] == span.text
    kinds = {(s.category, s.text.lower()) for s in first.highlights}
    assert (EMPATHY, "i'm really sorry") in kinds
    assert (FORBIDDEN, "that's not my department") in kinds
    assert (FORBIDDEN, "calm down") in kinds
    assert (FILLER, "um") in kinds and (FILLER, "you know") in kinds  # found although the reply was typed
    stages = {s.label for s in second.highlights if s.category == STAGE}
    assert {"cause", "solution", "next_step"} <= stages

    from app.ui.pages.report_page import ReportPage

    page = ReportPage()
    qtbot.addWidget(page)
    page.show_report(report, scenario)
    runs = coloured_runs(page.transcript)
    colour = {category: HIGHLIGHT_BACKGROUNDS[category].name() for category in (EMPATHY, FORBIDDEN, FILLER)}
    for turn in report.turns:
        others = [s for s in turn.highlights if s.category != STAGE]
        for span in others:
            if any(o is not span and o.start < span.end and span.start < o.end for o in others):
                continue  # overlapping highlights: one colour wins
            # The span's text is shown in its category's colour.
            assert any(span.text in text for text, col in runs if col == colour[span.category]), (span, runs)
    assert ("Um", colour[FILLER]) in runs
    assert ("that's not my department", colour[FORBIDDEN]) in runs
    assert ("I'm really sorry", colour[EMPATHY]) in runs

    # Stage evidence is underlined and labelled after the span.
    plain = page.transcript.toPlainText()
    assert "[cause]" in plain and "[solution]" in plain and "[next step]" in plain
    cursor = QTextCursor(page.transcript.document())
    index = plain.index("because")
    cursor.setPosition(index + 1)
    assert cursor.charFormat().fontUnderline()
