"""Trainee progress in the domain: session summaries, the recommended next scenario, report data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.dialogue import CallSession, ManualClock
from app.domain.progress import (
    PASS_SCORE,
    RecommendationReason,
    SessionStatus,
    SessionSummary,
    best_scores,
    build_call_report,
    recommend_next,
    split_into_segments,
    summarize_call,
)
from app.domain.progress.call_report import EMPATHY, FORBIDDEN, HighlightSpan
from app.domain.progress.recommend import dimension_fit, weakest_dimension
from app.domain.scenarios import Ending

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def summary(scenario_id, overall, dims=None, outcome=Ending.RESOLVED, status=SessionStatus.COMPLETED, n=0):
    dims = dims or {"empathy": overall, "forbidden": overall, "structure": overall}
    return SessionSummary(f"s{n}-{scenario_id}", "t1", scenario_id, T0 + timedelta(hours=n), status, outcome,
                          overall, dims, 3)


def test_first_call_is_the_easiest_in_the_language(library):
    rec = recommend_next(library.sorted(), [], "zh")
    assert rec.reason == RecommendationReason.FIRST_CALL
    assert rec.difficulty == 1
    assert library.get(rec.scenario_id).language.value == "zh"
    assert rec.passed_level == 0


def test_weakest_dimension_picks_a_scenario_that_trains_it(library):
    scenarios = library.sorted()
    played = next(s for s in scenarios if s.language.value == "en" and s.difficulty == 1)
    history = [summary(played.id, 50, {"empathy": 20, "forbidden": 90, "structure": 60}, outcome=Ending.ESCALATED)]
    assert weakest_dimension(history) == "empathy"
    rec = recommend_next(scenarios, history)
    assert rec.reason == RecommendationReason.PRACTISE_WEAKEST
    assert rec.weakest_dimension == "empathy"
    assert rec.difficulty == 1  # level 1 not passed yet
    chosen = library.get(rec.scenario_id)
    assert chosen.language.value == "en"  # the language of the latest session
    best_fit = max(dimension_fit(s, "empathy") for s in scenarios if s.language.value == "en" and s.difficulty == 1)
    assert dimension_fit(chosen, "empathy") == best_fit


def test_next_difficulty_once_a_level_is_passed(library):
    scenarios = library.sorted()
    level1 = next(s for s in scenarios if s.language.value == "en" and s.difficulty == 1)
    history = [summary(level1.id, PASS_SCORE + 5, {"empathy": 90, "forbidden": 100, "structure": 70, "pace": 40})]
    rec = recommend_next(scenarios, history)
    assert rec.reason == RecommendationReason.LEVEL_UP
    assert rec.passed_level == 1 and rec.difficulty == 2
    assert rec.weakest_dimension == "pace"
    assert library.get(rec.scenario_id).difficulty == 2


def test_a_pass_needs_a_resolved_completed_call_with_a_good_score(library):
    scenarios = library.sorted()
    level1 = next(s for s in scenarios if s.language.value == "en" and s.difficulty == 1)
    not_passes = [
        summary(level1.id, 95, outcome=Ending.ESCALATED, n=1),
        summary(level1.id, PASS_SCORE - 1, n=2),
        summary(level1.id, 95, status=SessionStatus.INTERRUPTED, n=3),
    ]
    assert recommend_next(scenarios, not_passes).difficulty == 1


def test_top_level_stays_at_the_top(library):
    scenarios = library.sorted()
    level3 = next(s for s in scenarios if s.language.value == "zh" and s.difficulty == 3)
    rec = recommend_next(scenarios, [summary(level3.id, 90)])
    assert rec.difficulty == 3 and rec.passed_level == 3
    assert rec.reason == RecommendationReason.PRACTISE_WEAKEST
    assert rec.scenario_id != level3.id  # another level-3 call, not the one already passed


def test_no_scenarios_in_the_language():
    assert recommend_next([], [], "en") is None


def test_summaries_and_best_scores(library, scorer):
    scenario = library.get("en-complaint-late-parcel")
    call = CallSession(scenario, scorer, ManualClock())
    call.start()
    call.reply("I'm so sorry. Your parcel is stuck at the depot; I'll refund the express fee today.")
    result = call.hang_up()
    overall, dims = summarize_call(result)
    assert result.call_score is not None and overall == result.call_score.score  # the call score, not the average
    assert set(dims) == {"empathy", "forbidden", "structure"}  # no pace for typed replies
    history = [summary("a", 40, n=1), summary("a", 70, n=2), summary("b", None, n=3)]
    assert best_scores(history) == {"a": 70}


def test_segments_cover_the_text_once_with_their_highlights():
    text = "so sorry, not my job"
    spans = [HighlightSpan(3, 8, EMPATHY, "apology", "sorry"), HighlightSpan(10, 20, FORBIDDEN, "dismissive", "not my job"),
             HighlightSpan(0, 8, "stage", "acknowledge", "so sorry")]
    segments = split_into_segments(text, spans)
    assert "".join(s.text for s in segments) == text
    by_text = {s.text: s for s in segments}
    assert by_text["sorry"].categories == {EMPATHY}
    assert by_text["sorry"].stages_ending == ("acknowledge",)
    assert by_text["not my job"].categories == {FORBIDDEN}
    assert by_text["so "].stages == {"acknowledge"}


def test_call_report_figures(library, scorer):
    scenario = library.get("zh-complaint-lost-baggage")
    call = CallSession(scenario, scorer, ManualClock())
    call.start()
    call.reply("非常抱歉让您着急了，嗯，那个，我马上帮您加急查找。")
    report = build_call_report(call.hang_up(), "zh")
    assert report.language == "zh" and report.outcome == Ending.ABANDONED
    assert len(report.top_tips) <= 3 and report.top_tips
    (turn,) = report.turns
    assert turn.latency_s == 0.0 and turn.pace_rate is None
    assert {h.category for h in turn.highlights} >= {"empathy", "filler", "stage"}
