"""The `roleplay` command-line contract, run as a real subprocess the way other tools call it."""

from __future__ import annotations

import json

from tests.conftest import run_cli

GOOD = ("I'm so sorry, I can hear how frustrating this is. So the parcel you ordered on the 15th still "
        "hasn't arrived, is that right? It's stuck because the depot has a backlog. I'll send a replacement "
        "by next day courier and email you the tracking number within the hour. Thank you for your patience.")
CURT = "Calm down. It's not my fault, that's the policy."


def test_score_json_contract():
    proc = run_cli("score", "--lang", "en", "--scenario", "en-complaint-late-parcel", "--json", GOOD)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["lang"] == "en" and data["transcript"] == GOOD and 0 <= data["overall"] <= 100
    dims = data["dimensions"]
    assert {"empathy", "forbidden", "structure", "pace"} <= set(dims)
    assert isinstance(dims["empathy"]["score"], int) and dims["empathy"]["evidence"]
    for ev in dims["empathy"]["evidence"]:
        assert GOOD[ev["start"]:ev["end"]] == ev["text"]
    assert set(dims["structure"]["stages"]) == {"acknowledge", "restate", "cause", "solution", "next_step", "closing"}
    assert all(dims["structure"]["stages"].values())
    assert dims["pace"] is None
    assert isinstance(data["tips"], list)


def test_score_human_report_in_the_reply_language():
    proc = run_cli("score", "--lang", "zh", "您先冷静一下，这不归我管。")
    assert proc.returncode == 0, proc.stderr
    assert "总分" in proc.stdout and "建议" in proc.stdout
    assert "这不归我管" in proc.stdout  # the evidence is quoted


def test_good_reply_outscores_curt_one_on_the_command_line():
    good = json.loads(run_cli("score", "--lang", "en", "--json", GOOD).stdout)
    curt = json.loads(run_cli("score", "--lang", "en", "--json", CURT).stdout)
    assert good["overall"] > curt["overall"] + 40


def test_batch_scores_each_line_and_reports_bad_ones(tmp_path):
    batch = tmp_path / "replies.jsonl"
    lines = [
        json.dumps({"id": "a", "lang": "en", "text": GOOD}),
        "this is not json",
        json.dumps({"id": "b", "lang": "zh", "text": "非常抱歉让您久等了。"}),
        json.dumps({"id": "c", "lang": "fr", "text": "Bonjour"}),
        json.dumps({"id": "d", "lang": "en", "text": CURT, "scenario": "no-such-scenario"}),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("score", "--batch", str(batch))
    assert proc.returncode == 1  # some lines failed
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "b", "c", "d"]
    assert out[0]["overall"] > 70 and "dimensions" in out[0]
    assert out[1]["line"] == 2 and "error" in out[1]
    assert out[2]["dimensions"]["empathy"]["score"] > 0
    assert "error" in out[3] and "error" in out[4]
    assert "line 2" in proc.stderr


def test_missing_batch_file_is_a_clear_error(tmp_path):
    proc = run_cli("score", "--batch", str(tmp_path / "missing.jsonl"))
    assert proc.returncode == 2
    assert "missing.jsonl" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_scenario_is_a_clear_error():
    proc = run_cli("score", "--lang", "en", "--scenario", "nope", "hello")
    assert proc.returncode == 2 and "scenarios list" in proc.stderr


def test_scenarios_list_json():
    proc = run_cli("scenarios", "list", "--json")
    items = json.loads(proc.stdout)
    assert len(items) >= 24
    assert set(items[0]) >= {"id", "language", "family", "emotion", "difficulty", "title"}
    plain = run_cli("scenarios", "list").stdout.splitlines()
    assert sorted(line.split()[0] for line in plain) == sorted(i["id"] for i in items)


def test_play_piped_replies_reproduce_the_same_call():
    replies = "\n".join([
        "I'm really sorry, I can hear how stressful this is. So the order from the 15th with express delivery "
        "still hasn't come, is that right?",
        "It's stuck because the depot has a sorting backlog.",
        "I'll refund the express fee now and send a replacement by next day courier; "
        "I'll email you the tracking number by 5 pm today.",
        "Thank you for your patience.",
    ]) + "\n"
    runs = [run_cli("play", "en-complaint-late-parcel", "--text", "--json", stdin=replies) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr

    def without_session_id(stdout: str) -> tuple[list[str], dict]:
        """Each run is stored as a new session; everything else must be identical."""
        *lines, last = stdout.splitlines()
        report = json.loads(last)
        assert report.pop("session_id") in stdout
        return [line for line in lines if not line.startswith("Stored as session")], report

    assert without_session_id(runs[0].stdout) == without_session_id(runs[1].stdout)
    assert runs[0].stdout != runs[1].stdout  # two sessions, two ids
    report = json.loads(runs[0].stdout.splitlines()[-1])
    assert report["outcome"] == "resolved"
    assert report["emotion_curve"][0] > report["emotion_curve"][-1]
    assert "Session report" in runs[0].stdout and "Emotion curve" in runs[0].stdout


def test_play_hostile_replies_escalate_in_chinese():
    replies = "你冷静一点，这不归我管。\n" * 6
    proc = run_cli("play", "zh-complaint-lost-baggage", "--text", "--json", stdin=replies)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["outcome"] == "escalated"
    assert "升级至主管" in proc.stdout


def test_python_dash_m_app_is_the_roleplay_command():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("roleplay ")
