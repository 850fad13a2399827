"""A scenario's model answer played through the engine: the call an excellent agent makes, scored
like any other (what the report's "Hear a model answer" and `play --model-answer` show)."""

from __future__ import annotations

from app.domain.dialogue.engine import CallResult, CallSession, ManualClock
from app.domain.scenarios.schema import Scenario
from app.domain.scoring.scorer import ReplyScorer

# The model call answers each line after this long (well inside the first-response limit).
MODEL_ANSWER_LATENCY_S = 2.0


def play_model_answer(scenario: Scenario, scorer: ReplyScorer | None = None) -> CallResult | None:
    """The model call, or None when the scenario has no model answer. A call that has not ended
    when the answer runs out is closed as the trainee hanging up."""
    if not scenario.model_answer:
        return None
    session = CallSession(scenario, scorer or ReplyScorer(), ManualClock())
    session.start()
    for reply in scenario.model_answer:
        if session.finished:
            break
        session.reply(reply, latency_s=MODEL_ANSWER_LATENCY_S)
    return session.result or session.hang_up()
