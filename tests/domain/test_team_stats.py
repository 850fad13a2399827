"""Team figures for the trainer: the team table, scores by scenario and difficulty, and the
negative-emotion intervention rate (target >= 80 %)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.domain.progress import (
    PASS_SCORE,
    InterventionRate,
    SessionStatus,
    SessionSummary,
    TeamPolicy,
    TurnFacts,
    intervention_rates,
    scores_by_difficulty,
    scores_by_scenario,
    team_intervention_rate,
    team_table,
)
from app.domain.progress.team import week_start
from app.domain.scenarios import Ending

NOW = datetime(2025, 3, 13, 15, 0, tzinfo=UTC)  # a Thursday
_ids = itertools.count(1)


def session(trainee, overall, *, days_ago=0.0, scenario="en-a", difficulty=1, outcome=Ending.RESOLVED,
            status=SessionStatus.COMPLETED, dims=None):
    dims = dims if dims is not None else ({} if overall is None else
                                          {"empathy": overall, "forbidden": overall, "structure": overall})
    return SessionSummary(f"s{next(_ids)}", trainee, scenario, NOW - timedelta(days=days_ago), status, outcome,
                          overall, dims, 3, difficulty)


def test_week_starts_on_monday_midnight_in_the_clock_zone():
    assert week_start(NOW) == datetime(2025, 3, 10, tzinfo=UTC)
    beijing = timezone(timedelta(hours=8))
    late_sunday_utc = datetime(2025, 3, 16, 17, 0, tzinfo=UTC)  # Monday 01:00 in Beijing
    assert week_start(late_sunday_utc.astimezone(beijing)) == datetime(2025, 3, 17, tzinfo=beijing)


def test_team_table_rows_weakest_dimension_week_and_pass_rate():
    sessions = [
        session("Bo", PASS_SCORE + 10, days_ago=1),  # pass, this week
        session("Bo", PASS_SCORE - 1, days_ago=2),  # resolved but below the pass mark: this week
        session("Bo", 90, days_ago=4, outcome=Ending.ESCALATED),  # high score, not resolved: no pass (last week)
        session("Bo", None, days_ago=0.1, status=SessionStatus.INTERRUPTED, outcome=None),  # not in pass rate
        session("Ann", 60, days_ago=10, dims={"empathy": 80, "forbidden": 90, "structure": 30}),
        session("Ann", 65, days_ago=9, dims={"empathy": 70, "forbidden": 95, "structure": 40, "pace": 20}),
    ]
    rows = {r.trainee_id: r for r in team_table(sessions, NOW)}
    assert list(rows) == ["Ann", "Bo"]
    bo, ann = rows["Bo"], rows["Ann"]
    assert (bo.sessions, bo.sessions_this_week, bo.finished, bo.passed) == (4, 3, 3, 1)
    assert bo.pass_rate == pytest.approx(1 / 3)
    assert bo.average_overall == pytest.approx(round((80 + 69 + 90) / 3, 1))
    assert (ann.sessions_this_week, ann.passed, ann.pass_rate) == (0, 0, 0.0)
    assert ann.weakest_dimension == "pace"  # lowest average among the dimensions measured
    assert ann.last_session == NOW - timedelta(days=9)


def test_a_trainee_with_only_interrupted_sessions_has_no_pass_rate():
    rows = team_table([session("Cy", None, status=SessionStatus.INTERRUPTED, outcome=None)], NOW)
    assert rows[0].pass_rate is None and rows[0].weakest_dimension is None and rows[0].average_overall is None


def test_future_sessions_do_not_count_this_week():
    rows = team_table([session("Dee", 50, days_ago=-1)], NOW)
    assert rows[0].sessions_this_week == 0


def test_weakest_dimension_uses_recent_sessions_only():
    old = [session("Eve", 50, days_ago=30 + i, dims={"empathy": 10, "forbidden": 90, "structure": 90})
           for i in range(3)]
    recent = [session("Eve", 70, days_ago=i, dims={"empathy": 95, "forbidden": 90, "structure": 40})
              for i in range(2)]
    assert team_table(old + recent, NOW, policy=TeamPolicy(recent_sessions=2))[0].weakest_dimension == "structure"
    assert team_table(old + recent, NOW, policy=TeamPolicy(recent_sessions=5))[0].weakest_dimension == "empathy"


def test_scores_by_scenario_and_difficulty():
    sessions = [
        session("A", 60, scenario="en-b", difficulty=2),
        session("B", 80, scenario="en-b", difficulty=2),
        session("A", 50, scenario="en-a", difficulty=1),
        session("A", None, scenario="en-a", difficulty=1, status=SessionStatus.INTERRUPTED),
        session("A", 90, scenario="en-c", difficulty=None),  # difficulty from the library map
        session("A", 40, scenario="en-x", difficulty=None),  # unknown difficulty: left out
    ]
    cells = scores_by_scenario(sessions, {"en-c": 2})
    assert [(c.scenario_id, c.difficulty, c.sessions, c.average) for c in cells] == [
        ("en-a", 1, 1, 50.0), ("en-b", 2, 2, 70.0), ("en-c", 2, 1, 90.0)]
    by_level = scores_by_difficulty(cells)
    assert [(c.scenario_id, c.difficulty, c.sessions, c.average) for c in by_level] == [
        (None, 1, 1, 50.0), (None, 2, 3, pytest.approx(76.7))]


def test_intervention_rate_counts_high_intensity_turns_answered_with_empathy():
    turns = [
        TurnFacts("A", 85, 70),  # high, empathetic
        TurnFacts("A", 70, 40),  # at the threshold, at the empathy threshold: counts
        TurnFacts("A", 90, 39),  # high, not empathetic
        TurnFacts("A", 69, 0),  # not high: ignored
        TurnFacts("A", 95, None),  # high, no empathy score
        TurnFacts("B", 30, 100),  # never high
    ]
    rates = intervention_rates(turns)
    assert (rates["A"].high_turns, rates["A"].answered) == (4, 2)
    assert rates["A"].rate == 0.5 and rates["A"].meets_target is False
    assert rates["B"].rate is None and rates["B"].meets_target is None
    team = team_intervention_rate(rates.values())
    assert (team.high_turns, team.answered) == (4, 2)


def test_intervention_target_is_eighty_percent_and_configurable():
    assert InterventionRate(10, 8).meets_target is True
    assert InterventionRate(10, 7).meets_target is False
    strict = TeamPolicy(high_intensity=90, empathetic_score=80, intervention_target=0.9)
    rates = intervention_rates([TurnFacts("A", 85, 100), TurnFacts("A", 90, 80), TurnFacts("A", 99, 79)], strict)
    assert (rates["A"].high_turns, rates["A"].answered, rates["A"].target) == (2, 1, 0.9)


def test_team_table_carries_intervention_rates_and_trainees_without_sessions():
    rates = {"A": InterventionRate(5, 4), "Z": InterventionRate(2, 2)}
    rows = {r.trainee_id: r for r in team_table([session("A", 70)], NOW, interventions=rates)}
    assert rows["A"].intervention.rate == 0.8 and rows["A"].intervention.meets_target
    assert rows["Z"].sessions == 0 and rows["Z"].intervention.answered == 2


@pytest.mark.parametrize("kwargs", [{"high_intensity": 101}, {"empathetic_score": -1},
                                    {"intervention_target": 80}, {"recent_sessions": 0}])
def test_policy_rejects_out_of_range_thresholds(kwargs):
    with pytest.raises(ValueError):
        TeamPolicy(**kwargs)
