"""Speaking pace from recognised word timings: rate against the brief's band, pauses, fillers, latency."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.scoring.matching import CompiledLexicon, drop_overlaps, find_all
from app.domain.scoring.model import DimensionScore, Evidence, PaceRules, WordTiming
from app.domain.scoring.text import NormalizedText, count_speech_units
from app.domain.scoring.tips import UNITS, tip

OUT_OF_BAND_SLOPE = 200.0  # points lost per 100 % outside the band
PAUSE_PENALTY, PAUSE_PENALTY_MAX = 5, 20
FILLER_PENALTY, FILLER_PENALTY_MAX = 3, 20
LATENCY_PENALTY = 20
MIN_SPEECH_S = 0.5
# Hesitation sounds are not words of the reply: they are scored as fillers, and recognisers also
# emit them for breaths and long vowels in slow speech, which would inflate the rate.
HESITATIONS = frozenset({"ah", "oh", "uh", "um", "er", "erm", "eh", "hm", "hmm", "mm", "嗯", "呃", "啊", "额"})


def speaking_rate(words: Sequence[WordTiming], lang: str) -> tuple[float, float] | None:
    """(units per minute, speaking seconds) from first word start to last word end."""
    if not words:
        return None
    duration = max(w.end for w in words) - min(w.start for w in words)
    if duration < MIN_SPEECH_S:
        return None
    units = sum(count_speech_units(w.word, lang) for w in words if w.word.strip().lower() not in HESITATIONS)
    return units * 60.0 / duration, duration


def long_pauses(words: Sequence[WordTiming], threshold_s: float) -> list[dict[str, float]]:
    ordered = sorted(words, key=lambda w: w.start)
    return [
        {"start": round(a.end, 3), "end": round(b.start, 3), "duration": round(b.start - a.end, 3)}
        for a, b in zip(ordered, ordered[1:], strict=False)
        if b.start - a.end >= threshold_s
    ]


def find_fillers(norm: NormalizedText, lex: CompiledLexicon) -> list[Evidence]:
    return [m.evidence(norm) for m in drop_overlaps(find_all(lex.fillers, norm.text))]


def score_pace(
    norm: NormalizedText,
    lex: CompiledLexicon,
    lang: str,
    words: Sequence[WordTiming] | None,
    latency_s: float | None,
    rules: PaceRules,
    slow_caller: bool,
) -> DimensionScore | None:
    """None when there is no timing to judge (a typed reply)."""
    measured = speaking_rate(words or [], lang)
    if measured is None:
        return None
    rate, duration = measured
    low, high = rules.band(lang, slow_caller)
    unit = "cpm" if lang == "zh" else "wpm"
    if rate > high:
        deviation = (rate - high) / high
    elif rate < low:
        deviation = (low - rate) / low
    else:
        deviation = 0.0
    score = 100.0 - OUT_OF_BAND_SLOPE * deviation
    pauses = long_pauses(words or [], rules.long_pause_s)
    fillers = find_fillers(norm, lex)
    score -= min(PAUSE_PENALTY_MAX, PAUSE_PENALTY * len(pauses))
    score -= min(FILLER_PENALTY_MAX, FILLER_PENALTY * len(fillers))
    late = latency_s is not None and latency_s > rules.first_response_limit_s
    if late:
        score -= LATENCY_PENALTY
    unit_name = UNITS[unit]["zh" if lang == "zh" else "en"]
    if rate > high:
        advice = tip("pace.too_fast", lang, low=low, high=high, unit=unit_name)
    elif rate < low:
        advice = tip("pace.too_slow", lang, low=low, high=high, unit=unit_name)
    elif late:
        advice = tip("pace.latency", lang, limit=rules.first_response_limit_s)
    elif pauses:
        advice = tip("pace.pauses", lang)
    elif fillers:
        advice = tip("pace.fillers", lang)
    else:
        advice = tip("pace.good", lang)
    return DimensionScore(
        "pace", int(round(max(0.0, min(100.0, score)))), fillers, advice,
        {
            "rate": round(rate, 1),
            "unit": unit,
            "band": [round(low, 1), round(high, 1)],
            "speaking_s": round(duration, 3),
            "long_pauses": pauses,
            "fillers": len(fillers),
            "latency_s": None if latency_s is None else round(latency_s, 3),
            "latency_over_limit": late,
        },
    )
