"""What the app says about its limits, in English and Chinese: the report says why a call score
was capped (a mechanical call typed into the app: a written tuning call of stock phrases and
jargon, at both laptop sizes), and the call page says when a typed reply was longer than the
scorer reads."""

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


def typed_call_to_the_report(qtbot, window, scenario_id: str, replies: list[str]) -> None:
    """Ada types the replies (while the call lasts), hangs up if it is still on, and the report opens."""
    choose_trainee(qtbot, window, "Ada")
    start_scenario(qtbot, window, scenario_id)
    for reply in replies:
        if window.call.active:
            type_reply(qtbot, window, reply)
    if window.call.active:
        window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_mechanical_call_is_capped_and_the_report_says_why(qtbot, make_window, store, language):
    lang = "zh" if language == "zh_CN" else "en"
    row = written_call(CALLS[lang])
    window = make_window(store=store, ui_language=language)
    typed_call_to_the_report(qtbot, window, row["scenario"], row["replies"])
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


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_typed_reply_longer_than_the_scorer_reads_is_said_to_be_cut(qtbot, make_window, store, language):
    window = make_window(store=store, ui_language=language)
    choose_trainee(qtbot, window, "Ada")
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    long_reply = "I'm so sorry about the parcel, Daniel. " * 120  # 4,680 characters
    type_reply(qtbot, window, long_reply)
    notice = window.call_page.notice_label
    assert notice.isVisible()
    assert ("4,000" in notice.text() and "4,679" in notice.text())
    assert ("只评了前" in notice.text()) == (language == "zh_CN")


def test_the_cut_notice_goes_with_the_next_reply(qtbot, make_window, store):
    window = make_window(store=store, ui_language="en")
    choose_trainee(qtbot, window, "Ada")
    start_scenario(qtbot, window, "en-complaint-late-parcel")
    type_reply(qtbot, window, "I'm so sorry about the parcel, Daniel. " * 120)
    assert window.call_page.notice_label.isVisible()
    if window.call.active:
        type_reply(qtbot, window, "It's stuck because the depot has a backlog since the 17th.")
        assert not window.call_page.notice_label.isVisible()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_call_without_a_firm_remedy_is_capped_and_the_report_says_why(qtbot, make_window, store, language):
    from tests.domain.test_call_rules_remedy_cap import WITHOUT_REMEDY

    window = make_window(store=store, ui_language=language)
    typed_call_to_the_report(qtbot, window, "en-complaint-late-parcel", WITHOUT_REMEDY)
    page = window.report_page
    call = page.report.call
    assert call.capped_for == "no_remedy" and call.score <= call.capped_by
    assert page.limit_label.isVisible()
    text = page.limit_label.text()
    assert str(call.capped_by) in text
    assert ("没有明确提出政策允许的解决办法" in text) == (language == "zh_CN")
    assert ("no remedy the policy allows" in text) == (language == "en")
