"""`roleplay play --json` names what the customer reacted to in each turn (issue 16): a stable
code per turn, an unclear reply listed with no index, score or moment (and not stored), and the
human-readable call on stderr says it, with the turn budget, in both languages."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

REPLIES = {
    "en": ["asdf qwer zxcv", "Please calm down.", "It's your own fault, you should have been in."],
    "zh": ["asdf", "您先冷静一下。", "这是您自己的问题，您没有看清楚。"],
}
SCENARIO = {"en": "en-complaint-missed-repair", "zh": "zh-complaint-damaged-fridge"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_turn_names_its_reaction_and_an_unclear_one_has_no_score(lang):
    proc = run_cli("play", SCENARIO[lang], "--text", "--json", stdin="\n".join(REPLIES[lang]) + "\n",
                   env={"ROLEPLAY_LANG": lang})
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    unclear, calm_down, blamed = report["turns"][:3]
    assert unclear["reaction"] == "unclear" and unclear["index"] is None
    assert unclear["overall"] is None and unclear["moment"] is None and unclear["scores"] == {}
    assert calm_down["reaction"] == "calm_down" and calm_down["index"] == 0 and calm_down["overall"] is not None
    assert blamed["reaction"] in ("blamed", "ended") and blamed["index"] == 1
    assert calm_down["intensity_after"] > calm_down["intensity_before"]
    assert unclear["intensity_after"] == unclear["intensity_before"]
    if lang == "en":
        assert "not made out: the customer asks you to say it again (not scored)" in proc.stderr
        assert "the customer reacted to: being told to calm down" in proc.stderr
        assert "(reply 1 of 6)" in proc.stderr
    else:
        assert "没听清：客户请你再说一遍（不计分）" in proc.stderr
        assert "客户回应的是: 被要求冷静" in proc.stderr
        assert "第 1/" in proc.stderr
    shown = run_cli("sessions", "show", report["session_id"], "--json", env={"ROLEPLAY_LANG": lang})
    if shown.returncode == 0:  # the session as stored: the unclear reply is no turn of it
        stored = json.loads(shown.stdout)
        replies = [turn["reply"] for turn in stored["turns"]]
        assert REPLIES[lang][0] not in replies and REPLIES[lang][1] in replies
        assert stored["turns"][0]["reaction"] == "calm_down"
