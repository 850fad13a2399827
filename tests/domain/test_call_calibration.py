"""Calibration of the call score on whole calls of known quality, and of the rubric items on single
replies, with data written from the briefings by people who had not read the lexicons.

- `calls_tune.jsonl` … `calls_tune_h.jsonl`: the calls the scorer was tuned on (one call per scenario at
  each level: model, plain, mechanical, blaming; `calls_tune_e` written as spoken, recogniser-style
  text; `calls_tune_f` with blame said in ordinary words and competent-sounding mechanical calls;
  `calls_tune_g` with polished scripted calls (stock courtesy, jargon, recited terms, a sales pitch),
  soft-spoken Chinese blame and concise model calls; `calls_tune_h` by 48 imagined agents of many
  styles, with remedies named in noncommittal words and politely worded blame); `calls_tune_i` with
  mechanical calls that sound courteous and fluent (remedies handed to another team, a pitch);
  `calls_tune_j` with blame and brush-offs in ordinary, case-specific words.
- `calls_final.jsonl` … `calls_final_d.jsonl`: held out, each by its own writer, never tuned on; their
  figures are the honest ones (README, "Scoring").
- `moments_holdout.jsonl`: held-out single replies labelled for empathy, restatement and remedy.

Bands (the scoring issue): model >= 85 and resolved, plain 60-80, mechanical <= 45, blaming <= 20.
Every scenario's own model answer scores >= 85 and resolves.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from app.domain.dialogue import CallSession, ManualClock
from app.domain.dialogue.engine import call_score_of
from app.domain.dialogue.model_call import play_model_answer
from app.domain.scoring import ReplyScorer
from app.domain.scoring.call_score import CALL_WEIGHTS
from app.domain.scoring.moments import Moment
from tests.conftest import REPO_ROOT

DATA = REPO_ROOT / "tests" / "data"
BANDS = {"model": (85, 100), "plain": (60, 80), "mechanical": (0, 45), "blaming": (0, 20)}
LEVELS = ("model", "plain", "mechanical", "blaming")
# The plain count the issue asks empathy to beat: a dozen common words.
DOZEN = {"en": ("sorry", "understand", "thank", "appreciate", "feel", "hear", "apologi", "frustrat", "worr",
                "concern", "patience", "imagine"),
         "zh": ("抱歉", "理解", "谢谢", "感谢", "着急", "担心", "不好意思", "对不起", "辛苦", "放心", "体谅", "心情")}


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def play_call(library, scorer, row: dict) -> tuple[int, str]:
    """(call score, outcome) of a written call played through the engine; a call the writer's
    replies do not finish is scored as it stands (its outcome does not count), unless only the
    closing words were left (the customer had agreed): the trainee ends it, resolved."""
    scenario = library.get(row["scenario"])
    session = CallSession(scenario, scorer, ManualClock())
    session.start()
    for reply in row["replies"]:
        if session.finished:
            break
        session.reply(reply, latency_s=2.0)
    if session.awaiting_goodbye:
        session.hang_up()
    if session.result is not None:
        return session.result.call_score.score, session.result.outcome.value
    return call_score_of(scenario, session.turns, None, None).score, "open"


def in_band(level: str, score: int, outcome: str) -> bool:
    low, high = BANDS[level]
    return low <= score <= high and (level != "model" or outcome == "resolved")


@pytest.fixture(scope="module")
def scored_sets(library):
    scorer = ReplyScorer()
    out = {}
    for name in MINIMUM:
        out[name] = [(row, *play_call(library, scorer, row)) for row in rows(name)]
    return out


def test_the_call_sets_cover_every_family_language_and_level(library):
    for name in MINIMUM:
        count: dict[tuple[str, str, str], int] = defaultdict(int)
        for row in rows(name):
            scenario = library.get(row["scenario"])
            count[(scenario.family.value, scenario.language.value, row["level"])] += 1
        assert len(count) == 4 * 2 * 4 and min(count.values()) >= 2, name


@pytest.mark.parametrize("scenario_id", sorted(p.stem for p in (REPO_ROOT / "scenarios").glob("*.yaml")))
def test_every_model_answer_scores_85_and_resolves(library, scenario_id):
    result = play_model_answer(library.get(scenario_id))
    assert result is not None, "every shipped scenario carries a model answer"
    assert result.outcome.value == "resolved", result.reason
    assert result.call_score.score >= 85, [(i.name, i.score) for i in result.call_score.items]


# Per-call band agreement and the scenarios whose four levels keep their order, at least: the tuning
# sets as calibrated, the held-out set as measured (README), a regression if either drops.
MINIMUM = {"calls_tune.jsonl": (0.95, 0.95), "calls_tune_b.jsonl": (0.95, 0.95), "calls_tune_c.jsonl": (0.95, 0.95),
           "calls_tune_d.jsonl": (0.97, 0.95), "calls_tune_e.jsonl": (0.91, 0.95), "calls_tune_f.jsonl": (0.89, 0.95),
           "calls_tune_g.jsonl": (0.94, 1.0), "calls_tune_h.jsonl": (0.90, 1.0), "calls_tune_i.jsonl": (0.96, 0.95),
           "calls_tune_j.jsonl": (0.90, 0.95), "calls_final.jsonl": (0.92, 0.90), "calls_final_b.jsonl": (0.91, 0.90),
           "calls_final_c.jsonl": (0.88, 0.79), "calls_final_d.jsonl": (0.86, 0.75)}


@pytest.mark.parametrize("name", sorted(MINIMUM))
def test_calls_of_known_quality_land_in_their_bands(scored_sets, name):
    scored = scored_sets[name]
    agreeing = sum(in_band(row["level"], score, outcome) for row, score, outcome in scored)
    by_scenario: dict[str, dict[str, int]] = defaultdict(dict)
    for row, score, _outcome in scored:
        by_scenario[row["scenario"]][row["level"]] = score
    ordered = sum(all(levels[a] > levels[b] for a, b in zip(LEVELS, LEVELS[1:], strict=False)) for levels in by_scenario.values())
    band_share, order_share = MINIMUM[name]
    assert agreeing / len(scored) >= band_share, f"{agreeing}/{len(scored)} calls in band"
    assert ordered / len(by_scenario) >= order_share, f"{ordered}/{len(by_scenario)} scenarios in order"
    means = {level: sum(s for r, s, _o in scored if r["level"] == level) / sum(1 for r, _s, _o in scored
                                                                               if r["level"] == level)
             for level in LEVELS}
    assert means["model"] >= 85 and 60 <= means["plain"] <= 80 and means["mechanical"] <= 45
    assert means["blaming"] <= 25 and means["model"] > means["plain"] > means["mechanical"] > means["blaming"]


def _prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@pytest.fixture(scope="module")
def moments(library):
    scorer = ReplyScorer()
    out = []
    for row in rows("moments_holdout.jsonl"):
        scenario = library.get(row["scenario"])
        band = "hostile" if scenario.persona.emotion.value == "angry" else "tense"
        score = scorer.score(row["text"], row["lang"], scenario, moment=Moment(row["stage"], band, row["after"]))
        out.append((row, score.items))
    return out


# Held-out figures (README): precision and recall at least.
ITEM_MINIMUM = {("en", "empathy"): (0.85, 0.80), ("zh", "empathy"): (0.80, 0.60),
                ("en", "restatement"): (0.70, 0.80), ("zh", "restatement"): (0.80, 0.80),
                ("en", "remedy"): (0.90, 0.75), ("zh", "remedy"): (0.80, 0.75)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_held_out_replies_empathy_restatement_and_remedy(moments, lang):
    mine = [(row, items) for row, items in moments if row["lang"] == lang]
    found = {
        "empathy": [(items.met("acknowledge"), row["empathy"]) for row, items in mine],
        "restatement": [(items.met("restate"), row["restatement"]) for row, items in mine],
        "remedy": [(bool(items.remedies), bool(row["remedies"])) for row, items in mine],
    }
    for label, pairs in found.items():
        precision, recall, _f1 = _prf(pairs)
        want_p, want_r = ITEM_MINIMUM[(lang, label)]
        assert precision >= want_p and recall >= want_r, (label, round(precision, 2), round(recall, 2))
    baseline = [(any(word in row["text"].lower() for word in DOZEN[lang]), row["empathy"]) for row, _items in mine]
    assert _prf(found["empathy"])[2] > _prf(baseline)[2] + 0.05  # beats the dozen-word count


def test_tips_name_what_was_missing_with_the_scenarios_own_facts(library):
    scorer = ReplyScorer()
    baggage = library.get("zh-complaint-lost-baggage")
    score = scorer.score("您好，请问有什么可以帮您？", "zh", baggage,
                         moment=Moment("opening", "hostile", baggage.lines.opening.hostile))
    assert set(score.moment.missing) == {"acknowledge", "restate"}
    assert any(baggage.key_facts[0].label in tip for tip in score.tips)  # its own facts, not a parcel
    assert not any("15" in tip for tip in score.tips)
    parcel = library.get("en-complaint-late-parcel")
    done = scorer.score("I'll email you the tracking number within the hour, and I'll call you myself.", "en",
                        parcel, moment=Moment("wrap", "calm", parcel.lines.wrap.calm),
                        done_before={"acknowledge", "restate", "cause", "remedy"})
    assert "timeline" in done.moment.met and "ownership" in done.moment.met
    assert not any("who does what" in tip.lower() for tip in done.tips)  # never asked for what was done
    assert not any("feeling" in tip.lower() for tip in done.tips)  # nor for what the moment did not need


def test_a_turn_is_judged_by_its_moment_extras_never_lower_it_and_faults_always_do(library):
    scorer = ReplyScorer()
    parcel = library.get("en-complaint-late-parcel")
    push = Moment("push", "calm", parcel.lines.push.calm)
    cause = "It's stuck because the regional depot has had a sorting backlog since the 17th."
    plain = scorer.score(cause, "en", parcel, moment=push).overall
    extra = scorer.score(cause + " I'll refund the express fee today.", "en", parcel, moment=push).overall
    blamed = scorer.score(cause + " You should have ordered earlier.", "en", parcel, moment=push).overall
    assert plain >= 85 and extra >= plain and blamed < plain - 30


def test_a_call_centre_changes_weights_and_expectations_through_the_settings(library, tmp_path, monkeypatch):
    import json as _json

    from app.domain.scoring.policy import ScoringPolicy, ScoringPolicyError
    from app.scoring_settings import configured_scorer

    monkeypatch.setenv("ROLEPLAY_DATA_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text(_json.dumps({"database_url": "sqlite:///x", "scoring": {
        "weights": {"closed_loop": 0},
        "expectations": {"wrap": {"calm": {"required": ["timeline"], "welcome": []}}}}}), encoding="utf-8")
    scorer, problem = configured_scorer()
    assert problem is None and scorer.call_weights["closed_loop"] == 0.0 and scorer.call_weights["remedy"] == CALL_WEIGHTS["remedy"]
    parcel = library.get("en-complaint-late-parcel")
    wrap = Moment("wrap", "calm", parcel.lines.wrap.calm)
    reply = "You'll have the tracking number by email within the hour."
    assert scorer.score(reply, "en", parcel, moment=wrap).moment.required == ("timeline",)
    assert ReplyScorer().score(reply, "en", parcel, moment=wrap).moment.required == ("ownership", "timeline", "closing")
    result = play_model_answer(parcel, scorer)
    assert result.call_score.item("closed_loop").weight == 0.0

    (tmp_path / "settings.json").write_text(_json.dumps({"scoring": {"weights": {"empathy!": 3}}}), encoding="utf-8")
    scorer, problem = configured_scorer()
    assert "scoring.weights.empathy!" in problem and scorer.call_weights["closed_loop"] == CALL_WEIGHTS["closed_loop"]  # defaults kept
    with pytest.raises(ScoringPolicyError, match="scoring.expectations.wrap.calm.required"):
        ScoringPolicy.from_settings({"expectations": {"wrap": {"calm": {"required": ["hugs"]}}}})


def test_a_call_with_nothing_said_has_no_call_score_and_a_silent_first_answer_fails_first_response(library):
    parcel = library.get("en-complaint-late-parcel")
    session = CallSession(parcel, ReplyScorer(), ManualClock())
    session.start()
    assert session.hang_up().call_score is None  # nothing to count in averages or pass rates
    session = CallSession(parcel, ReplyScorer(), ManualClock())
    session.start()
    session.reply("", latency_s=90)
    session.reply(parcel.model_answer[0], latency_s=1)
    assert session.hang_up().call_score.item("first_response").score == 0
