"""The call score: the handbooks' rubric applied once to the whole call.

Each item is scored 0-100 once, with the turn and the words that earned or lost it and a tip;
an item that does not apply to this call (no hostile moment, no word timings) is left out and the
others are re-weighted. `CALL_WEIGHTS` is the one place the items are weighted; a call centre passes
its own to `score_call`.

    first_empathy          the first reply acknowledges the feeling
    hostile_acknowledged   every reply to a hostile line acknowledges the feeling
    restated               the problem restated (and confirmed)
    cause                  why it happened, in plain words
    remedy                 a remedy the policy allows
    ownership_time         who does what (ownership) and by when (a time)
    closed_loop            a summary and thanks at the end
    clean_wording          no blame, dismissal, arguing, jargon, canned phrases, vague promises
    pace                   speaking pace in band (spoken calls)
    first_response         the first reply within the first-response limit
    outcome                resolved, or how it ended

Blaming, dismissing or arguing fails a call (the handbooks' "things that fail the reply"): the call
score is capped by `SEVERE_CALL_CAP` for the number of turns with such wording. A call answered
mechanically (jargon, canned phrases, vague promises or a sales pitch in three replies or more, the
handbooks' "mechanical acknowledgements") is capped by `MECHANICAL_CALL_CAP`: it cannot pass. Nor
can a call in which no remedy the policy allows was firmly offered (`NO_REMEDY_CALL_CAP`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.scenarios.schema import Scenario
from app.domain.scoring.items import SEVERE_FAULTS, ReplyItems
from app.domain.scoring.model import Evidence
from app.domain.scoring.moments import Moment
from app.domain.scoring.scenario_tips import fault_tip, item_tip

# Stored with each session: a change to the rubric, the weights or the lexicons that changes the
# scores bumps it, and `roleplay sessions rescore` scores older sessions again.
SCORER_VERSION = "6"
CALL_ITEMS = ("first_empathy", "hostile_acknowledged", "restated", "cause", "remedy", "ownership_time",
              "closed_loop", "clean_wording", "pace", "first_response", "outcome")
# Calibrated on the tuning calls (tests/data/calls_tune*.jsonl): the remedy is the heart of a call;
# the outcome counts little because the customer's mood already follows the other items.
CALL_WEIGHTS: dict[str, float] = {
    "first_empathy": 7, "hostile_acknowledged": 5, "restated": 13, "cause": 11, "remedy": 23,
    "ownership_time": 13, "closed_loop": 7, "clean_wording": 15, "pace": 2, "first_response": 2, "outcome": 2,
}
# The call's cap by the number of turns with blame, dismissal or arguing: 1, 2, 3 or more.
SEVERE_CALL_CAP = (20, 12, 6)
# The call's cap by the number of turns with hollow wording (jargon, canned, vague, hard sell): 3, 4 or more.
MECHANICAL_CALL_CAP = {3: 45, 4: 40}
# The call's cap when no remedy the policy allows was firmly offered (none, only a generic one, or
# one named in noncommittal words): the solution is the heart of the call, without it it cannot pass.
NO_REMEDY_CALL_CAP = 45
CIVIL_CALL_FLOOR = SEVERE_CALL_CAP[0] + 1  # the least a call with every line answered and no such wording scores
FAULT_CALL_COST = {"blame": 50, "dismissive": 45, "argues": 45, "scenario": 50, "mechanical": 40, "jargon": 20,
                   "canned": 20, "vague": 20, "hard_sell": 30}
HOLLOW_WORDING_FLOOR = 25  # clean wording with faults but no blame, dismissal or arguing
RESTATED_UNCONFIRMED = 60  # said back, but never checked with the customer
CLOSING_WITHOUT_SUMMARY = 50  # thanks and "anything else?", with nothing agreed said back
OUTCOME_POINTS = {"resolved": 100, "out_of_turns": 40, "escalated": 0, "repeated_silence": 0,
                  "trainee_hung_up": 0, "window_closed": 0}
# The dimension each call item belongs to (what a scenario exercises, for the recommendation).
ITEM_DIMENSION = {"first_empathy": "empathy", "hostile_acknowledged": "empathy", "restated": "structure",
                  "cause": "structure", "remedy": "structure", "ownership_time": "structure",
                  "closed_loop": "structure", "clean_wording": "forbidden", "pace": "pace",
                  "first_response": "pace", "outcome": "structure"}


@dataclass(frozen=True)
class CallTurn:
    """What the call score needs of one turn."""

    index: int
    moment: Moment
    items: ReplyItems
    pace: int | None = None
    latency_s: float | None = None
    blank: bool = False


@dataclass(frozen=True)
class CallItem:
    name: str
    score: int | None  # None: does not apply to this call
    weight: float
    turn: int | None = None  # the turn that earned it (or lost it)
    evidence: tuple[tuple[int, Evidence], ...] = ()  # (turn index, span)
    tip: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "score": self.score, "weight": self.weight, "turn": self.turn,
                "evidence": [{"turn": turn, **span.to_dict()} for turn, span in self.evidence], "tip": self.tip}


@dataclass(frozen=True)
class CallScore:
    score: int
    items: tuple[CallItem, ...]
    outcome: str | None = None
    capped_by: int | None = None  # the cap that applied (blame, dismissal, arguing; or hollow wording)
    raised_to: int | None = None  # the floor that applied (a civil call ranks above any blaming one)
    capped_for: str | None = None  # "severe" (blame, dismissal, arguing), "mechanical" (hollow wording), "no_remedy"

    def item(self, name: str) -> CallItem:
        return next(i for i in self.items if i.name == name)

    @property
    def tips(self) -> list[str]:
        """The tips of the weakest applicable items first."""
        weak = sorted((i for i in self.items if i.score is not None and i.score < 100 and i.tip),
                      key=lambda i: (i.score or 0) - i.weight)
        return [i.tip for i in weak]

    def to_dict(self) -> dict:
        return {"call_score": self.score, "outcome": self.outcome, "capped_by": self.capped_by,
                "capped_for": self.capped_for, "raised_to": self.raised_to,
                "items": [i.to_dict() for i in self.items]}

    def item_scores(self) -> dict[str, int]:
        """The applicable items' scores, by name (what a session stores and the team view adds up)."""
        return {i.name: i.score for i in self.items if i.score is not None}

    @classmethod
    def from_stored(cls, score: int, items: Sequence[Mapping], outcome: str | None = None) -> CallScore:
        """A call score as stored with a session (`CallItem.to_dict` rows)."""
        def item(row: Mapping) -> CallItem:
            evidence = tuple((int(e["turn"]), Evidence(int(e["start"]), int(e["end"]), str(e["text"]),
                                                       str(e.get("kind", "")), str(e.get("label", ""))))
                             for e in row.get("evidence", ()))
            value = row.get("score")
            return CallItem(str(row["name"]), None if value is None else int(value), float(row.get("weight", 0.0)),
                            row.get("turn"), evidence, str(row.get("tip", "")))
        return cls(int(score), tuple(item(r) for r in items), outcome)


SUMMARY_LABELS = ("summarises", "总结")


def _sums_up(turn: CallTurn) -> bool:
    """A closing turn that says back what was agreed: a summary, or a remedy, a time or an owner in it."""
    return (any(e.label in SUMMARY_LABELS for e in turn.items.hits["closing"].evidence)
            or any(turn.items.met(item) for item in ("remedy", "timeline", "ownership")))


def score_call(turns: Sequence[CallTurn], lang: str, scenario: Scenario | None = None,
               outcome: str | None = None, end_reason: str | None = None,
               weights: Mapping[str, float] | None = None, first_response_limit_s: float | None = None) -> CallScore:
    weights = dict(CALL_WEIGHTS if weights is None else weights)
    spoken = [t for t in turns if not t.blank]
    limit = first_response_limit_s or (scenario.thresholds.first_response_limit_s if scenario else 30.0)

    def tip_for(item: str) -> str:
        return item_tip(item, lang, scenario)

    def first_with(item: str) -> CallTurn | None:
        return next((t for t in spoken if t.items.met(item)), None)

    def spans(turn: CallTurn | None, item: str) -> tuple[tuple[int, Evidence], ...]:
        return () if turn is None else tuple((turn.index, e) for e in turn.items.hits[item].evidence)

    items: list[CallItem] = []

    def add(name: str, score: float | None, turn: int | None = None,
            evidence: tuple[tuple[int, Evidence], ...] = (), tip: str = "") -> None:
        value = None if score is None else int(round(max(0.0, min(100.0, score))))
        items.append(CallItem(name, value, float(weights.get(name, 0.0)), turn, evidence,
                              "" if value == 100 else tip))

    def acknowledged(turn: CallTurn) -> float:
        """1 for the feeling acknowledged, half for a bare apology ("sorry about that") or for one
        said in the same sentence as a stock phrase (items.py: the formula, not this customer's feeling)."""
        hit = turn.items.hits["acknowledge"]
        return (0.5 if hit.partial else 1.0) if hit.met else 0.0

    first = spoken[0] if spoken else None
    add("first_empathy", 100 * acknowledged(first) if first is not None else 0,
        first.index if first else None, spans(first, "acknowledge"), tip_for("acknowledge"))
    hostile = [t for t in spoken if t.moment.band == "hostile"]
    if hostile:
        heard = [t for t in hostile if t.items.met("acknowledge")]
        missed = next((t for t in hostile if acknowledged(t) < 1), None)
        add("hostile_acknowledged", 100 * sum(acknowledged(t) for t in hostile) / len(hostile),
            missed.index if missed else heard[0].index,
            tuple(pair for t in heard for pair in spans(t, "acknowledge")), tip_for("acknowledge"))
    else:
        add("hostile_acknowledged", None)
    restated = first_with("restate")
    confirmed = next((t for t in spoken if t.items.met("restate") and t.items.hits["restate"].partial is False), None)
    add("restated", 100 if confirmed else (RESTATED_UNCONFIRMED if restated else 0),
        (confirmed or restated).index if restated else None, spans(confirmed or restated, "restate"),
        tip_for("restate"))
    cause = first_with("cause")
    add("cause", 100 if cause else 0, cause.index if cause else None, spans(cause, "cause"), tip_for("cause"))
    remedy = first_with("remedy")
    partial = next((t for t in spoken if t.items.hits["remedy"].partial), None)
    if remedy is not None:
        add("remedy", 100, remedy.index, tuple(p for t in spoken for p in spans(t, "remedy") if t.items.met("remedy")))
    else:
        add("remedy", 50 if partial else 0, partial.index if partial else None, spans(partial, "remedy"),
            tip_for("remedy"))
    owner, when = first_with("ownership"), first_with("timeline")
    committed = when or owner
    add("ownership_time", 50 * (owner is not None) + 50 * (when is not None),
        committed.index if committed else None,
        spans(owner, "ownership") + spans(when, "timeline"), tip_for("timeline" if owner else "ownership"))
    # the loop is closed at the end, after the customer was heard out: a "thank you for your
    # call" that opens the call (or is all of a call cut short) closes nothing
    closing = [t for t in spoken[1:] if t.items.met("closing")]
    late = [t for t in closing if spoken and t.index >= spoken[max(0, len(spoken) - 2)].index]
    # closed with what was agreed said back (a summary, or the remedy, time or owner named again in
    # the closing turn), or only with thanks and "anything else?" (the loop is not tied off: half)
    summed = next((t for t in late if _sums_up(t)), None)
    closer = summed or (late[0] if late else None)
    add("closed_loop", 100 if summed else (CLOSING_WITHOUT_SUMMARY if late else 0),
        closer.index if closer else None, spans(closer, "closing"), tip_for("closing"))

    faults = [(t.index, f) for t in spoken for f in t.items.faults]
    worst = max(faults, key=lambda pair: FAULT_CALL_COST.get(pair[1].kind, 20), default=None)
    # blame, dismissal or arguing fails the wording of the call outright
    severe = any(f.kind in SEVERE_FAULTS for _i, f in faults)
    # hollow wording (jargon, canned phrases, vague promises) costs much, never all: less than blame
    add("clean_wording", 0 if severe else max(HOLLOW_WORDING_FLOOR,
                                              100 - sum(FAULT_CALL_COST.get(f.kind, 20) for _i, f in faults)),
        worst[0] if worst else None, tuple(faults), fault_tip(worst[1].kind, lang) if worst else "")
    paced = [t.pace for t in spoken if t.pace is not None]
    add("pace", sum(paced) / len(paced) if paced else None)
    opening = turns[0] if turns else None  # the first answer, silent or not
    if opening is not None and opening.blank:
        add("first_response", 0, opening.index, (), tip_for("holding"))
    elif opening is not None and opening.latency_s is not None:
        add("first_response", 100 - max(0.0, opening.latency_s - limit) * 5, opening.index, (), tip_for("holding"))
    else:
        add("first_response", None)
    key = end_reason if end_reason in ("out_of_turns", "trainee_hung_up", "repeated_silence", "window_closed") \
        else outcome
    add("outcome", OUTCOME_POINTS.get(key or "") if key else None,
        turns[-1].index if turns else None)

    applicable = [i for i in items if i.score is not None and i.weight > 0]
    total = sum(i.weight for i in applicable)
    value = sum(i.weight * (i.score or 0) for i in applicable) / total if total else 0.0
    severe_turns = len({i for i, f in faults if f.kind in SEVERE_FAULTS})
    cap = SEVERE_CALL_CAP[min(severe_turns, len(SEVERE_CALL_CAP)) - 1] if severe_turns else None
    capped_for = "severe" if cap is not None else None
    # a reply that also commits to something real (an owner with a time) is not a mechanical one,
    # whatever stock phrase it uses on the way
    substantive = {t.index for t in spoken if t.items.met("ownership") and t.items.met("timeline")}
    hollow_turns = len({i for i, f in faults if f.kind not in SEVERE_FAULTS and i not in substantive})
    mechanical_cap = min((cap_ for turns_, cap_ in MECHANICAL_CALL_CAP.items() if hollow_turns >= turns_), default=None)
    if cap is None and mechanical_cap is not None and value > mechanical_cap:
        cap, capped_for = mechanical_cap, "mechanical"
    if cap is None and remedy is None and value > NO_REMEDY_CALL_CAP:
        cap, capped_for = NO_REMEDY_CALL_CAP, "no_remedy"
    if cap is not None:
        value = min(value, cap)
    floor = None
    if cap is None and len(spoken) >= 2 and len(spoken) == len(turns) and value < CIVIL_CALL_FLOOR:
        # hollow but civil (every line answered, nothing blamed or dismissed) still ranks above any
        # call that blames, dismisses or argues, the handbooks' worst failure; reported as `raised_to`
        value, floor = CIVIL_CALL_FLOOR, CIVIL_CALL_FLOOR
    if not spoken:
        value = 0.0
    return CallScore(int(round(value)), tuple(items), outcome, cap, floor, capped_for)
