"""Team figures for trainers: one row per trainee, scores by scenario and difficulty, and the
handbooks' negative-emotion intervention rate.

All figures are computed from plain records (`SessionSummary`, `TurnFacts`), so the same rules hold
whatever the records come from. The thresholds are the training brief's defaults and can be changed
per call centre (`TeamPolicy`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.progress.history import SessionStatus, SessionSummary
from app.domain.progress.recommend import RECENT_SESSIONS, is_pass, weakest_dimension

INTERVENTION_TARGET = 0.80  # the handbooks: negative-emotion intervention rate >= 80 %
HIGH_INTENSITY = 70  # customer intensity (0-100) from which a turn counts as high (the "hostile" band)
EMPATHETIC_SCORE = 40  # an empathy score from which a reply counts as empathetic (one sincere acknowledgement)


@dataclass(frozen=True)
class TeamPolicy:
    """The thresholds behind the team figures; defaults from the training brief."""

    high_intensity: int = HIGH_INTENSITY
    empathetic_score: int = EMPATHETIC_SCORE
    intervention_target: float = INTERVENTION_TARGET
    recent_sessions: int = RECENT_SESSIONS

    def __post_init__(self) -> None:
        if not 0 <= self.high_intensity <= 100 or not 0 <= self.empathetic_score <= 100:
            raise ValueError("thresholds are between 0 and 100")
        if not 0.0 <= self.intervention_target <= 1.0:
            raise ValueError("the intervention target is a share between 0 and 1")
        if self.recent_sessions < 1:
            raise ValueError("recent_sessions must be at least 1")


@dataclass(frozen=True)
class TurnFacts:
    """What the intervention rate needs of one turn (scores with any trainer override applied)."""

    trainee_id: str
    intensity_before: int  # the customer's intensity when they spoke this turn's line
    empathy: int | None  # the reply's empathy score


@dataclass(frozen=True)
class InterventionRate:
    """Customer turns at high intensity, and how many of them got an empathetic reply."""

    high_turns: int = 0
    answered: int = 0
    target: float = INTERVENTION_TARGET

    @property
    def rate(self) -> float | None:
        return self.answered / self.high_turns if self.high_turns else None

    @property
    def meets_target(self) -> bool | None:
        rate = self.rate
        return None if rate is None else rate >= self.target

    def __add__(self, other: InterventionRate) -> InterventionRate:
        return InterventionRate(self.high_turns + other.high_turns, self.answered + other.answered, self.target)


def is_high_intensity(intensity: int, policy: TeamPolicy = TeamPolicy()) -> bool:
    return intensity >= policy.high_intensity


def is_empathetic(empathy: int | None, policy: TeamPolicy = TeamPolicy()) -> bool:
    return empathy is not None and empathy >= policy.empathetic_score


def intervention_rates(turns: Iterable[TurnFacts], policy: TeamPolicy = TeamPolicy()
                       ) -> dict[str, InterventionRate]:
    """The intervention rate per trainee id (only trainees with turns appear)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for turn in turns:
        entry = counts[turn.trainee_id]
        if is_high_intensity(turn.intensity_before, policy):
            entry[0] += 1
            if is_empathetic(turn.empathy, policy):
                entry[1] += 1
    return {trainee: InterventionRate(high, answered, policy.intervention_target)
            for trainee, (high, answered) in counts.items()}


def team_intervention_rate(rates: Iterable[InterventionRate], policy: TeamPolicy = TeamPolicy()) -> InterventionRate:
    """The whole team's rate: every high-intensity turn counts once (not an average of averages)."""
    total = InterventionRate(0, 0, policy.intervention_target)
    for rate in rates:
        total = total + rate
    return total


def week_start(now: datetime) -> datetime:
    """Monday 00:00 of `now`'s week, in `now`'s own time zone."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=midnight.weekday())


@dataclass(frozen=True)
class TraineeRow:
    """One line of the team table."""

    trainee_id: str
    sessions: int
    sessions_this_week: int
    finished: int  # completed sessions (the pass rate's base)
    passed: int
    average_overall: float | None
    weakest_dimension: str | None
    last_session: datetime | None
    intervention: InterventionRate

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.finished if self.finished else None


def team_table(sessions: Iterable[SessionSummary], now: datetime, *,
               interventions: dict[str, InterventionRate] | None = None,
               policy: TeamPolicy = TeamPolicy()) -> list[TraineeRow]:
    """One row per trainee, sorted by name. `now` must be timezone-aware like the sessions' times.

    Pass rate = passed / completed sessions (a pass: resolved with an average of at least
    `PASS_SCORE`); the weakest dimension is judged on the trainee's recent scored sessions.
    """
    by_trainee: dict[str, list[SessionSummary]] = defaultdict(list)
    for item in sessions:
        by_trainee[item.trainee_id].append(item)
    monday = week_start(now)
    interventions = interventions or {}
    rows = []
    for trainee, items in sorted(by_trainee.items()):
        scored = [i.overall for i in items if i.overall is not None]
        finished = [i for i in items if i.status == SessionStatus.COMPLETED]
        rows.append(TraineeRow(
            trainee_id=trainee,
            sessions=len(items),
            sessions_this_week=sum(1 for i in items if monday <= i.started_at <= now),
            finished=len(finished),
            passed=sum(1 for i in finished if is_pass(i)),
            average_overall=round(sum(scored) / len(scored), 1) if scored else None,
            weakest_dimension=weakest_dimension(items, policy.recent_sessions),
            last_session=max(i.started_at for i in items),
            intervention=interventions.get(trainee, InterventionRate(0, 0, policy.intervention_target)),
        ))
    for trainee in sorted(set(interventions) - set(by_trainee)):
        rows.append(TraineeRow(trainee, 0, 0, 0, 0, None, None, None, interventions[trainee]))
    return sorted(rows, key=lambda r: r.trainee_id)


@dataclass(frozen=True)
class OverrideStat:
    """Scorer vs trainer for one scored dimension (or "overall"): how often trainers corrected it,
    over how many scored replies, and the mean correction (trainer minus scorer)."""

    dimension: str
    overrides: int
    replies: int
    mean_change: float

    @property
    def share(self) -> float | None:
        return self.overrides / self.replies if self.replies else None


@dataclass(frozen=True)
class ScoreCell:
    """The average score of one scenario (or all scenarios, `scenario_id` None) at one difficulty."""

    scenario_id: str | None
    difficulty: int
    sessions: int
    average: float


def scores_by_scenario(sessions: Iterable[SessionSummary], difficulty_of: dict[str, int] | None = None
                       ) -> list[ScoreCell]:
    """Average overall score per (scenario, difficulty), over scored sessions; sorted by difficulty
    then scenario. A session's difficulty is its own, else `difficulty_of[scenario_id]`; a session
    with neither is left out."""
    sums: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0.0, 0])
    for item in sessions:
        difficulty = item.difficulty if item.difficulty is not None else (difficulty_of or {}).get(item.scenario_id)
        if item.overall is None or difficulty is None:
            continue
        entry = sums[(item.scenario_id, difficulty)]
        entry[0] += item.overall
        entry[1] += 1
    return [ScoreCell(scenario, difficulty, int(n), round(total / n, 1))
            for (scenario, difficulty), (total, n) in sorted(sums.items(), key=lambda kv: (kv[0][1], kv[0][0]))]


def scores_by_difficulty(cells: Sequence[ScoreCell]) -> list[ScoreCell]:
    """The per-scenario cells folded into one cell per difficulty (weighted by sessions)."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
    for cell in cells:
        sums[cell.difficulty][0] += cell.average * cell.sessions
        sums[cell.difficulty][1] += cell.sessions
    return [ScoreCell(None, d, int(n), round(total / n, 1)) for d, (total, n) in sorted(sums.items()) if n]
