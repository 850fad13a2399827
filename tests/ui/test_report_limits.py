"""The report says why a call score was capped: a mechanical call typed into the app (a written
tuning call of stock phrases and jargon), in English and Chinese, at both laptop sizes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO_ROOT
from tests.ui.conftest import choose_trainee, start_scenario, type_reply
from tests.ui.test_fits_the_screen import SIZES, problems_on, settle

CALLS = {"en": "tuneg-en-followup-refund-missing-mechanical", "zh": "tuneg-zh-enquiry-price-protection-mechanical"}


def written_call(call_id: str) -> dict:
    path = REPO_ROOT / "tests" / "data" / "calls_tune_g.jsonl"
    return next(row for line in path.read_text(encoding="utf-8").splitlines() if (row := json.loads(line))["id"] == call_id)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_mechanical_call_is_capped_and_the_report_says_why(qtbot, make_window, store, language):
    lang = "zh" if language == "zh_CN" else "en"
    row = written_call(CALLS[lang])
    window = make_window(store=store, ui_language=language)
    choose_trainee(qtbot, window, "Ada")
    start_scenario(qtbot, window, row["scenario"])
    for reply in row["replies"]:
        if window.call.active:
            type_reply(qtbot, window, reply)
    if window.call.active:
        window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    page = window.report_page
    call = page.report.call
    assert call.capped_for == "mechanical" and call.score == call.capped_by
    assert page.limit_label.isVisible()
    text = page.limit_label.text()
    assert str(call.capped_by) in text and ("机械应答" in text if lang == "zh" else "mechanical call" in text)
    found: list[str] = []
    for size in SIZES:
        settle(qtbot, window, size)
        found += problems_on(window, page)
    assert not found, "\n".join(found)
