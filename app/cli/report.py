"""Human-readable terminal reports of a scored reply and of a whole call."""

from __future__ import annotations

from app.domain.dialogue import CallResult
from app.domain.scenarios import Scenario
from app.domain.scoring import ReplyScore
from app.domain.scoring.model import STAGE_NAMES
from app.texts import msg


def _bar(score: int, width: int = 20) -> str:
    filled = int(round(score / 100 * width))
    return "#" * filled + "." * (width - filled)


def _moment_marks(moment, lang: str) -> str:
    """What the moment needed, each item ticked (shown) or crossed (missing)."""
    return "  ".join(("✓ " if item in moment.met else "✗ ") + msg("rubric." + item, lang)
                     for item in moment.required + moment.welcome)


def format_reply_score(score: ReplyScore) -> str:
    lang = score.lang
    lines = [f"{msg('overall', lang)}: {score.overall}/100  [{_bar(score.overall)}]"]
    moment = score.moment
    if moment is not None and (moment.required or moment.welcome):
        lines.append(f"  {msg('expected', lang)}: {_moment_marks(moment, lang)}")
    for name in ("empathy", "forbidden", "structure"):
        dim = score.dimensions[name]
        lines.append(f"  {msg(name, lang)}: {dim.score}/100")
        for ev in dim.evidence:
            lines.append(f"      [{ev.start}:{ev.end}] {ev.kind}: \"{ev.text}\" ({ev.label})")
    stages = score.stages
    marks = "  ".join(("✓ " if stages[s] else "✗ ") + msg(f"stage.{s}", lang) for s in STAGE_NAMES)
    lines.append(f"  {msg('stages', lang)}: {marks}")
    if not score.structure.details.get("order_ok", True):
        lines.append(f"      {msg('order_bad', lang)}: {', '.join(score.structure.details['out_of_order'])}")
    if score.pace is None:
        lines.append(f"  {msg('pace', lang)}: {msg('no_timing', lang)}")
    else:
        d = score.pace.details
        lines.append(
            f"  {msg('pace', lang)}: {score.pace.score}/100  {d['rate']} {d['unit']} "
            + msg("pace_detail", lang, low=f"{d['band'][0]:.0f}", high=f"{d['band'][1]:.0f}",
                  pauses=len(d["long_pauses"]), fillers=d["fillers"], latency=d["latency_s"])
        )
    if score.tips:
        lines.append(f"{msg('tips', lang)}:")
        lines.extend(f"  - {t}" for t in score.tips)
    return "\n".join(lines)


def format_briefing(scenario: Scenario) -> str:
    lang = scenario.language.value
    b = scenario.briefing
    lines = [f"== {scenario.title} ({scenario.id}) ==", f"{msg('briefing', lang)}: {b.caller}"]
    lines += [f"  {f.label}: {f.value}" for f in b.facts]
    lines.append(f"  {b.situation}")
    lines.append(f"{msg('policy_allows', lang)}:")
    lines += [f"  - {p}" for p in b.policy_allows]
    return "\n".join(lines)


def format_call_result(result: CallResult, lang: str) -> str:
    outcome = msg(f"outcome.{result.outcome.value}", lang) if result.outcome else "-"
    lines = [f"== {msg('report', lang)} ==", f"{msg('outcome', lang)}: {outcome} ({msg('reason.' + result.reason.value, lang)})"]
    for turn in result.turns:
        s = turn.score
        dims = ", ".join(f"{msg('short.' + name, lang)} {dim.score}" for name, dim in s.dimensions.items())
        lines.append(
            f"  {msg('turn', lang, n=turn.index + 1)}: {s.overall}/100 ({dims}); "
            f"{msg('intensity', lang)} {turn.intensity_before} -> {turn.intensity_after}"
        )
    lines.append(f"{msg('emotion_curve', lang)}: {' -> '.join(str(v) for v in result.emotion_curve)}")
    call = result.call_score
    if call is None:
        return "\n".join(lines)
    lines.append(f"{msg('call_score', lang)}: {call.score}/100  [{_bar(call.score)}]")
    if call.capped_by is not None:
        key = {"mechanical": "capped_mechanical", "no_remedy": "capped_no_remedy"}.get(call.capped_for or "", "capped")
        lines.append(f"  ({msg(key, lang, cap=call.capped_by)})")
    if call.raised_to is not None:
        lines.append(f"  ({msg('raised', lang, floor=call.raised_to)})")
    lines.append(f"{msg('call_items', lang)}:")
    for item in call.items:
        value = msg("not_applicable", lang) if item.score is None else f"{item.score}/100"
        where = f" ({msg('in_turn', lang, n=item.turn + 1)})" if item.turn is not None and item.score is not None else ""
        lines.append(f"  {msg('item.' + item.name, lang)}: {value}{where}")
        for turn_index, ev in item.evidence[:3]:
            lines.append(f"      {msg('in_turn', lang, n=turn_index + 1)}: \"{ev.text}\" ({ev.label})")
    tips = call.tips[:3]
    if tips:
        lines.append(f"{msg('tips', lang)}:")
        lines.extend(f"  - {t}" for t in tips)
    return "\n".join(lines)


def format_turn_feedback(score: ReplyScore) -> str:
    """One line after each reply in a call: the turn score, what the moment needed, the first tip."""
    lang = score.lang
    moment = score.moment
    if moment is None:
        return f"    -> {score.overall}/100; {score.tips[0] if score.tips else ''}"
    line = f"    -> {score.overall}/100"
    if moment.required or moment.welcome:
        line += f"  {msg('expected', lang)}: {_moment_marks(moment, lang)}"
    if score.tips:
        line += f"\n       {score.tips[0]}"
    return line
