"""The call state machine: the customer's mood reacts to each scored reply.

The engine is deterministic for a given sequence of replies: the clock is only used to measure
response latency, never to decide what the customer says.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from app.domain.scenarios.schema import Ending, MoodBand, Scenario, Stage
from app.domain.scoring.call_score import CallScore, CallTurn, score_call
from app.domain.scoring.items import SEVERE_FAULTS
from app.domain.scoring.model import ReplyScore, WordTiming
from app.domain.scoring.moments import SILENCE, Moment
from app.domain.scoring.scorer import ReplyScorer
from app.domain.text_hygiene import clean_text


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic clock."""
        ...


class SystemClock:
    def now(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that moves only when told to; for tests and reproducible runs."""

    def __init__(self, start: float = 0.0) -> None:
        self.value = start

    def now(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


class EndReason(StrEnum):
    """Why a call ended. A code, so each front end can say it in the trainee's language."""

    MANAGER_REQUESTED = "manager_requested"
    AGREED = "agreed"
    REPEATED_SILENCE = "repeated_silence"
    OUT_OF_TURNS = "out_of_turns"
    TRAINEE_HUNG_UP = "trainee_hung_up"
    WINDOW_CLOSED = "window_closed"  # interrupted: the app was closed (or stopped) mid-call


@dataclass(frozen=True)
class MoodTuning:
    """How much each part of a reply moves the customer's intensity (0-100). One place to tune."""

    empathy_per_point: float = -0.15  # a 100-point empathy reply calms by 15
    restate: float = -5.0
    cause: float = -3.0
    solution: float = -10.0
    next_step: float = -5.0
    forbidden_hit: float = 12.0  # blame, dismissal, arguing, scenario phrases
    jargon_hit: float = 5.0
    mechanical: float = 10.0
    silence: float = 12.0
    ignored_feelings: float = 6.0  # no empathy while the customer is hostile
    max_silences: int = 2


@dataclass(frozen=True)
class CustomerLine:
    stage: Stage | None
    band: MoodBand
    text: str
    intensity: int
    ending: Ending | None = None
    silence: bool = False  # the prompt after the trainee said nothing

    @property
    def moment_stage(self) -> str:
        return SILENCE if self.silence else (self.stage.value if self.stage is not None else "wrap")


@dataclass(frozen=True)
class Turn:
    index: int
    customer: CustomerLine
    reply_text: str
    score: ReplyScore
    intensity_before: int
    intensity_after: int
    latency_s: float | None
    words: tuple[WordTiming, ...] = ()


@dataclass
class CallResult:
    scenario_id: str
    outcome: Ending | None
    reason: EndReason
    turns: list[Turn] = field(default_factory=list)
    emotion_curve: list[int] = field(default_factory=list)
    final_line: CustomerLine | None = None
    call_score: CallScore | None = None

    @property
    def average_score(self) -> int:
        if not self.turns:
            return 0
        return int(round(sum(t.score.overall for t in self.turns) / len(self.turns)))


def mood_change(score: ReplyScore, intensity: int, hostile_from: int, tuning: MoodTuning) -> float:
    if not score.transcript.strip():
        return tuning.silence
    delta = tuning.empathy_per_point * score.empathy.score
    for stage, shown in covered_stages(score).items():
        if shown:
            delta += getattr(tuning, stage)
    kinds = [e.kind for e in (score.items.faults if score.items is not None else score.forbidden.evidence)]
    delta += tuning.jargon_hit * sum(k in ("canned", "vague", "hard_sell") for k in kinds)
    delta += tuning.forbidden_hit * sum(k in ("blame", "dismissive", "argues", "scenario") for k in kinds)
    delta += tuning.jargon_hit * kinds.count("jargon")
    delta += tuning.mechanical * kinds.count("mechanical")
    if score.empathy.details.get("negated"):
        delta += tuning.forbidden_hit * 0.5 * score.empathy.details["negated"]
    if intensity >= hostile_from and score.empathy.score == 0:
        delta += tuning.ignored_feelings
    return delta


class CallSession:
    """One practice call. `start()` gives the opening line; each `reply()` gives the next one."""

    def __init__(
        self,
        scenario: Scenario,
        scorer: ReplyScorer,
        clock: Clock | None = None,
        tuning: MoodTuning | None = None,
    ) -> None:
        self.scenario = scenario
        self.scorer = scorer
        self.clock = clock or SystemClock()
        self.tuning = tuning or MoodTuning()
        self.intensity = scenario.persona.intensity
        self.turns: list[Turn] = []
        self.result: CallResult | None = None
        self._current: CustomerLine | None = None
        self._line_finished_at: float | None = None
        self._silences_in_a_row = 0
        self._covered = {"restate": False, "cause": False, "solution": False, "next_step": False}
        self._asked_why = False
        self._saying_goodbye = False  # the customer has agreed; the trainee's next reply closes the call

    # -- customer side -------------------------------------------------------------------------
    def band(self, intensity: int | None = None) -> MoodBand:
        value = self.intensity if intensity is None else intensity
        th = self.scenario.thresholds
        if value >= th.hostile_from:
            return MoodBand.HOSTILE
        if value >= th.tense_from:
            return MoodBand.TENSE
        return MoodBand.CALM

    def _line(self, stage: Stage) -> CustomerLine:
        band = self.band()
        text = getattr(getattr(self.scenario.lines, stage.value), band.value)
        return CustomerLine(stage, band, text, self.intensity)

    def _ending_line(self, ending: Ending) -> CustomerLine:
        return CustomerLine(None, self.band(), getattr(self.scenario.lines, ending.value), self.intensity, ending)

    @property
    def current_line(self) -> CustomerLine | None:
        return self._current

    @property
    def finished(self) -> bool:
        return self.result is not None

    def start(self) -> CustomerLine:
        if self._current is not None:
            raise RuntimeError("the call has already started")
        self._current = self._line(Stage.OPENING)
        self._line_finished_at = self.clock.now()
        return self._current

    def customer_finished_speaking(self) -> None:
        """Mark the end of the customer's line: response latency is measured from here."""
        self._line_finished_at = self.clock.now()

    def _next_stage(self) -> Stage:
        """Why (once, while the cause is unexplained), then what will you do, then who and when."""
        if not self._covered["cause"] and not self._asked_why:
            self._asked_why = True
            return Stage.PUSH
        if not self._covered["solution"]:
            return Stage.SOLUTION
        return Stage.WRAP

    # -- trainee side --------------------------------------------------------------------------
    def reply(
        self, text: str, words: Sequence[WordTiming] | None = None, latency_s: float | None = None
    ) -> Turn:
        """Score a reply, move the mood, and pick what the customer says next (or how it ends)."""
        if self._current is None:
            raise RuntimeError("start() the call first")
        if self.result is not None:
            raise RuntimeError("the call has ended")
        if latency_s is None and words:
            latency_s = min(w.start for w in words)
        if latency_s is None and self._line_finished_at is not None:
            latency_s = max(0.0, self.clock.now() - self._line_finished_at)
        text = clean_text(text)  # no NUL, control or invisible characters, and a bounded length
        line = self._current
        moment = Moment(line.moment_stage, line.band.value, line.text)
        done, heard = call_context([t.score for t in self.turns], [t.customer.text for t in self.turns])
        score = self.scorer.score(text, self.scenario.language.value, self.scenario, words, latency_s,
                                  moment=moment, done_before=done, customer_lines=heard)
        before = self.intensity
        delta = mood_change(score, before, self.scenario.thresholds.hostile_from, self.tuning)
        self.intensity = int(round(max(0.0, min(100.0, before + delta))))
        for stage, shown in covered_stages(score).items():
            self._covered[stage] = self._covered[stage] or shown
        self._silences_in_a_row = self._silences_in_a_row + 1 if not text.strip() else 0

        turn = Turn(len(self.turns), self._current, text, score, before, self.intensity, latency_s, tuple(words or ()))
        self.turns.append(turn)
        self._advance(silent=not text.strip())
        return turn

    def _advance(self, silent: bool) -> None:
        th = self.scenario.thresholds
        goodbye, self._saying_goodbye = self._saying_goodbye, False
        if self.intensity >= th.escalate_at:
            self._finish(Ending.ESCALATED, EndReason.MANAGER_REQUESTED)
        elif goodbye and not self._last_reply_failed():
            # the trainee's last word after the customer agreed: the call ends there, nothing more said
            self.result = self._make_result(Ending.RESOLVED, EndReason.AGREED, final_line=None)
        elif self._covered["solution"] and self._covered["next_step"] and self.intensity < th.resolve_below \
                and (self._last_reply_closed() or self._asked_to_wrap_twice()):
            if self._last_reply_closed() or len(self.turns) >= th.max_turns:
                self._finish(Ending.RESOLVED, EndReason.AGREED)
            else:
                # the customer agrees ("thank you for sorting it out") and the trainee closes the loop,
                # as an agent does after the customer accepts: one more reply, then the call ends
                self._saying_goodbye = True
                self._current = CustomerLine(Stage.WRAP, self.band(), self.scenario.lines.resolved, self.intensity)
                self._line_finished_at = self.clock.now()
        elif self._silences_in_a_row >= self.tuning.max_silences:
            self._finish(Ending.ABANDONED, EndReason.REPEATED_SILENCE)
        elif len(self.turns) >= th.max_turns:
            self._finish(Ending.ABANDONED, EndReason.OUT_OF_TURNS)
        else:
            if silent:
                self._current = CustomerLine(self._current.stage if self._current else Stage.OPENING,
                                             self.band(), self.scenario.lines.silence, self.intensity, silence=True)
            else:
                self._current = self._line(self._next_stage())
            self._line_finished_at = self.clock.now()

    # The customer agrees once the trainee has closed the loop, or has been asked for the wrap-up
    # (who and when) twice: the trainee always gets the chance to close.
    def _last_reply_closed(self) -> bool:
        items = self.turns[-1].score.items
        return items is not None and items.met("closing")

    def _asked_to_wrap_twice(self) -> bool:
        return sum(1 for t in self.turns if t.customer.stage == Stage.WRAP and not t.customer.silence) >= 2

    def _last_reply_failed(self) -> bool:
        """The last reply blamed, dismissed or argued: a goodbye like that does not end the call."""
        items = self.turns[-1].score.items
        return items is not None and any(f.kind in SEVERE_FAULTS for f in items.faults)

    @property
    def awaiting_goodbye(self) -> bool:
        """The customer has agreed and the trainee's closing words are all that is left."""
        return self._saying_goodbye and self.result is None

    def hang_up(self) -> CallResult:
        """The trainee ends the call before the customer does (once the customer has agreed, the
        call is resolved: only the closing words were left)."""
        if self.result is None:
            if self._saying_goodbye:  # the customer's agreement was their last line
                self.result = self._make_result(Ending.RESOLVED, EndReason.AGREED, final_line=self._current)
            else:
                self.result = self._make_result(Ending.ABANDONED, EndReason.TRAINEE_HUNG_UP, final_line=None)
        return self.result

    def _finish(self, ending: Ending, reason: EndReason) -> None:
        self._current = self._ending_line(ending)
        self.result = self._make_result(ending, reason, self._current)

    def _make_result(self, ending: Ending, reason: EndReason, final_line: CustomerLine | None) -> CallResult:
        curve = [self.scenario.persona.intensity] + [t.intensity_after for t in self.turns]
        return CallResult(self.scenario.id, ending, reason, list(self.turns), curve, final_line,
                          call_score_of(self.scenario, self.turns, ending.value, reason.value,
                                        self.scorer.call_weights))


def call_context(previous: Sequence[ReplyScore], lines_heard: Sequence[str]) -> tuple[set[str], tuple[str, ...]]:
    """What a reply is judged with besides its moment: the rubric items the trainee showed in
    the earlier replies, and the customer's earlier lines (whose words a restatement repeats)."""
    done = {name for score in previous if score.items is not None
            for name, hit in score.items.hits.items() if hit.met}
    return done, tuple(lines_heard)


def call_turn(index: int, moment: Moment, score: ReplyScore, latency_s: float | None) -> CallTurn:
    """One scored reply as the call score reads it."""
    return CallTurn(index, moment, score.items, score.pace.score if score.pace is not None else None, latency_s,
                    blank=not score.transcript.strip())


def call_turns(turns: Sequence[Turn]) -> list[CallTurn]:
    """The turns as the call score reads them."""
    return [call_turn(t.index, Moment(t.customer.moment_stage, t.customer.band.value, t.customer.text), t.score,
                      t.latency_s)
            for t in turns if t.score.items is not None]


def call_score_of(scenario: Scenario, turns: Sequence[Turn], outcome: str | None, reason: str | None,
                  weights: Mapping[str, float] | None = None) -> CallScore | None:
    """The call score, or None for a call in which the trainee said nothing (hung up at once):
    such a call has no score to count, as it had no reply to average before."""
    scored = call_turns(turns)
    if not any(not t.blank for t in scored):
        return None
    return score_call(scored, scenario.language.value, scenario, outcome, reason, weights)


def covered_stages(score: ReplyScore) -> dict[str, bool]:
    """Which stages of the call a reply moved on: its rubric items where known, else its stages."""
    stages = score.stages
    items = score.items
    if items is None:
        return {name: stages[name] for name in ("restate", "cause", "solution", "next_step")}
    return {"restate": items.met("restate") or stages["restate"], "cause": items.met("cause"),
            "solution": items.met("remedy") or stages["solution"],
            "next_step": items.met("timeline") or stages["next_step"]}
