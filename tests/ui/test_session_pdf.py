"""The session report as PDF (Qt's own writer), read back with `pdftotext`: the transcript, the
scores with the override beside the original, the comment and the emotion chart, in English and
in Chinese, with the fonts embedded."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.storage import Database, SessionRepository
from app.storage.domain_mapping import reviewed_from_detail
from app.ui.i18n import UiTranslator
from app.ui.reports.session_pdf import emotion_chart, session_html, write_session_pdf
from tests.storage.conftest import record_call

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

EN_REPLIES = ("I'm so sorry for the wait, I understand how frustrating this is.",
              "So the parcel you ordered still hasn't arrived, is that right?")
ZH_REPLIES = ("非常抱歉让您久等了，我特别理解您的着急。", "您是说行李到现在还没有送到，对吗？")


def pdf_text(path: Path) -> str:
    """The PDF's text. NFKC: Qt maps some CJK glyphs back to their compatibility code points
    (the Kangxi radical ⾮ for 非), which NFKC folds to the ideographs a reader sees."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", " ".join(out.stdout.split()))


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def fonts_embedded(path: Path) -> list[tuple[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in out if line.strip()]


def assert_score_table_one_line_per_reply(path: Path, replies: int) -> str:
    """In the laid-out text, the score table's rows: one line each, starting with the turn number
    and ending with its latency and speaking rate (no cell wrapped onto a second line)."""
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    start = next(i for i, line in enumerate(layout) if line.strip().startswith(("Turn ", "轮次", "轮")) and
                 ("Overall" in line or "总分" in line))
    rows = []
    for line in layout[start + 1:]:
        if not line.strip():
            continue
        if not line.strip()[0].isdigit():
            break  # the end of the table (or a cell wrapped onto a line of its own)
        rows.append(line)
    assert len(rows) == replies, layout[start:start + 2 * replies]
    assert all(re.search(r"\d+\.\d ?(?:s|秒)\s+(?:—|\d+)", row) for row in rows), rows
    return layout[start]


def assert_pages_render(path: Path) -> None:
    """Every page rendered to an image (pdftoppm), none of them blank."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                                                            check=True).stdout).group(1))
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), str(path.with_suffix(""))], check=True)
    images = sorted(path.parent.glob(path.stem + "-*.pgm"))
    assert len(images) == pages
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]  # after "P5", the size and the maximum value
        assert min(pixels) < 128, f"{image.name} is blank"


@pytest.fixture
def repository(tmp_path):
    database = Database.open(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}")
    yield SessionRepository(database)
    database.close()


@pytest.fixture
def translator(qapp):
    translator = UiTranslator(qapp)
    yield translator
    translator.apply("en")


def reviewed(repository, scenario, replies, comment, reason):
    uuid = record_call(repository, scenario, replies, trainee="Li Na").session_uuid
    detail = repository.load_session(uuid)
    turn = detail.turns[0]
    repository.add_comment(uuid, comment, "Coach Wang", turn_index=0, offset_s=3.5)
    repository.add_override(uuid, 0, "structure", 77, reason, "Coach Wang")
    return reviewed_from_detail(repository.load_session(uuid)), turn


def test_english_pdf_has_transcript_scores_override_and_comment(qapp, repository, library, tmp_path):
    session, turn = reviewed(repository, library.scenarios["en-complaint-late-parcel"], EN_REPLIES,
                             "Good early apology, keep it.", "restated the problem clearly")
    target = write_session_pdf(session, tmp_path / "report.pdf")
    text = pdf_text(target)
    assert "Session report" in text and "Li Na" in text
    assert "I'm so sorry for the wait" in text and "still hasn't arrived" in text  # the replies
    assert " ".join(turn.customer_text.split()[:6]) in text  # the customer's line
    assert "Good early apology, keep it." in text and "[0:03.5]" in text  # the comment and its moment
    original = turn.dimensions["structure"].score
    assert f"77* ({original})" in text  # the override in its narrow cell; the reason below
    assert f"Turn 1, Structure: {original} → 77 by Coach Wang: restated the problem clearly" in text
    assert "en-complaint-late-parcel" not in text  # the title, not the scenario's id
    header = assert_score_table_one_line_per_reply(target, len(session.report.turns))
    assert all(word in header for word in ("Empathy", "Structure", "Latency", "Speaking rate")), header  # unbroken
    assert header.count("Pace") == 1  # the pace score; the rate has its own name
    assert_pages_render(target)
    assert "Empathy" in text and str(turn.dimensions["empathy"].score) in text
    assert "Customer emotion" in text
    fonts = fonts_embedded(target)
    assert fonts and all(embedded == "yes" for _name, embedded in fonts), fonts
    assert not list(tmp_path.glob(".*.partial"))


def test_chinese_pdf_with_chinese_headings_and_transcript(qapp, repository, library, tmp_path, translator):
    assert translator.apply("zh_CN")
    session, turn = reviewed(repository, library.scenarios["zh-complaint-lost-baggage"], ZH_REPLIES,
                             "开头道歉很及时，保持。", "复述了问题")
    target = write_session_pdf(session, tmp_path / "报告.pdf")
    text = pdf_text(target)
    assert "会话报告" in text and "转写" in text and "评分" in text  # headings in the UI language
    assert "非常抱歉让您久等了" in text and "行李到现在还没有送到" in text
    assert nfkc("开头道歉很及时，保持。") in text and "复述了问题" in text
    original = turn.dimensions["structure"].score
    assert nfkc(f"77* ({original})") in text
    assert_score_table_one_line_per_reply(target, len(session.report.turns))
    assert nfkc(f"第 1 轮，结构：{original} → 77，Coach Wang：复述了问题") in text
    fonts = fonts_embedded(target)
    assert any("CJK" in name for name, _ in fonts) and all(e == "yes" for _n, e in fonts), fonts


def test_a_failed_write_leaves_the_previous_report(qapp, repository, library, tmp_path, monkeypatch):
    session, _turn = reviewed(repository, library.scenarios["en-complaint-late-parcel"], EN_REPLIES[:1],
                              "note", "reason")
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous")
    import app.ui.reports.session_pdf as module

    def broken(_session, _writer=None):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(module, "build_document", broken)
    with pytest.raises(RuntimeError):
        write_session_pdf(session, target)
    assert target.read_bytes() == b"previous" and not list(tmp_path.glob(".*.partial"))


def test_emotion_chart_draws_the_curve(qapp):
    image = emotion_chart([80, 60, 30], width=600, height=300)
    red = sum(1 for x in range(0, 600, 3) for y in range(0, 300, 3) if image.pixelColor(x, y).name() == "#c0392b")
    assert red > 20
    flat = emotion_chart([], width=600, height=300)
    assert flat.width() == 600


def test_html_lists_every_override_with_author(qapp, repository, library):
    session, _turn = reviewed(repository, library.scenarios["en-complaint-late-parcel"], EN_REPLIES,
                              "note", "too harsh")
    assert "by Coach Wang: too harsh" in session_html(session)
