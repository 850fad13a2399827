"""Scoring a recorded call again from its transcript: each stored reply against the moment it
answered (the customer's line, its stage and mood band), with what the trainee had done before
it, then the call score. The stored turn is all it needs; the mood and the outcome stay as they
were played."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.dialogue.engine import call_context, call_turn
from app.domain.scenarios.schema import Scenario
from app.domain.scoring.call_score import CallScore, CallTurn, score_call
from app.domain.scoring.model import ReplyScore, WordTiming
from app.domain.scoring.moments import SILENCE, Moment
from app.domain.scoring.scorer import ReplyScorer


@dataclass(frozen=True)
class RecordedTurn:
    customer_text: str
    stage: str | None  # opening, push, solution, wrap (None: not recorded)
    band: str
    reply_text: str
    words: tuple[WordTiming, ...] = ()
    latency_s: float | None = None


def recorded_moment(scenario: Scenario, turn: RecordedTurn) -> Moment:
    silence = turn.customer_text.strip() == scenario.lines.silence.strip()
    return Moment(SILENCE if silence else (turn.stage or "wrap"), turn.band, turn.customer_text)


def rescore_call(scenario: Scenario, scorer: ReplyScorer, turns: Sequence[RecordedTurn],
                 outcome: str | None, end_reason: str | None) -> tuple[list[ReplyScore], CallScore | None]:
    """Each reply's score, and the call score (None when the trainee said nothing)."""
    lang = scenario.language.value
    scores: list[ReplyScore] = []
    call_turns: list[CallTurn] = []
    for index, turn in enumerate(turns):
        done, heard = call_context(scores, [t.customer_text for t in turns[:index]])
        moment = recorded_moment(scenario, turn)
        score = scorer.score(turn.reply_text, lang, scenario, turn.words or None, turn.latency_s,
                             moment=moment, done_before=done, customer_lines=heard)
        scores.append(score)
        call_turns.append(call_turn(index, moment, score, turn.latency_s))
    if all(t.blank for t in call_turns):
        return scores, None
    return scores, score_call(call_turns, lang, scenario, outcome, end_reason, scorer.call_weights)
