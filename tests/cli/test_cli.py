"""The `roleplay` command-line contract, run as a real subprocess the way other tools call it."""

from __future__ import annotations

import json
import os

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

    def without_session_id(run) -> tuple[list[str], dict]:  # type: ignore[no-untyped-def]
        """Each run is stored as a new session; everything else must be identical. stdout carries
        the one JSON object and nothing else; the call itself goes to stderr."""
        report = json.loads(run.stdout)  # the whole of stdout is one object
        session_id = report.pop("session_id")
        assert session_id in run.stderr
        return [line for line in run.stderr.splitlines() if session_id not in line], report

    assert without_session_id(runs[0]) == without_session_id(runs[1])
    assert runs[0].stdout != runs[1].stdout  # two sessions, two ids
    report = json.loads(runs[0].stdout)
    assert report["outcome"] == "resolved"
    assert report["emotion_curve"][0] > report["emotion_curve"][-1]
    assert "Session report" in runs[0].stderr and "Emotion curve" in runs[0].stderr
    assert 0 <= report["call_score"] <= 100
    names = [item["name"] for item in report["items"]]
    assert names[:3] == ["first_empathy", "hostile_acknowledged", "restated"]
    restated = next(item for item in report["items"] if item["name"] == "restated")
    assert restated["score"] == 100 and restated["turn"] == 0 and restated["evidence"]
    assert all({"turn", "start", "end", "text", "label"} <= set(ev) for item in report["items"]
               for ev in item["evidence"])
    assert report["turns"][0]["moment"]["stage"] == "opening"
    assert set(report["turns"][0]["moment"]["met"]) >= {"acknowledge", "restate"}


def test_play_model_answer_scores_the_model_call_and_stores_nothing(tmp_path):
    proc = run_cli("play", "zh-complaint-lost-baggage", "--model-answer", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["call_score"] >= 85 and report["outcome"] == "resolved"
    assert "参考答案" in proc.stderr
    text = run_cli("play", "en-complaint-late-parcel", "--model-answer")
    assert text.returncode == 0 and "Call score" in text.stdout and "Model answer" in text.stdout


def test_score_judges_a_reply_by_its_moment():
    after = "Okay, but can you tell me why it's stuck? Nobody has explained that yet."
    reply = "It's stuck because the regional depot has a sorting backlog since the 17th."
    base = ["score", "--lang", "en", "--scenario", "en-complaint-late-parcel", "--json", reply]
    plain = json.loads(run_cli(*base).stdout)
    assert "moment" not in plain and set(plain) == {"lang", "transcript", "overall", "dimensions", "tips"}
    judged = json.loads(run_cli(*base, "--after", after).stdout)
    assert judged["moment"]["stage"] == "push" and judged["moment"]["band"] == "calm"
    assert judged["moment"]["met"] == ["cause"] and judged["overall"] >= 85
    opening = json.loads(run_cli(*base, "--stage", "opening", "--band", "hostile").stdout)
    assert set(opening["moment"]["missing"]) == {"acknowledge", "restate"} and opening["overall"] < 30


def test_play_hostile_replies_escalate_in_chinese():
    replies = "你冷静一点，这不归我管。\n" * 6
    proc = run_cli("play", "zh-complaint-lost-baggage", "--text", "--json", stdin=replies)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["outcome"] == "escalated"
    assert "升级至主管" in proc.stderr


def test_python_dash_m_app_is_the_roleplay_command():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("roleplay ")


def test_play_hung_up_before_the_first_reply_keeps_nothing():
    proc = run_cli("play", "en-complaint-late-parcel", "--text", "--json", stdin="")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1])["session_id"] is None
    assert "nothing was scored or saved" in proc.stderr
    from app.storage import open_storage

    repository = open_storage()  # the test's own data folder, as the command used
    try:
        assert repository.count_sessions() == 0
    finally:
        repository.database.close()


def test_out_of_range_numbers_and_dates_get_one_clear_line_not_a_traceback(tmp_path):
    for args in (["--limit", "99999999999999999999"], ["--limit", "-5"], ["--offset", "-1"], ["--min-score", "101"]):
        proc = run_cli("sessions", "list", "--trainee", "bob", *args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert "is not a whole number from" in proc.stderr, (args, proc.stderr)
    for date in ("0001-01-01", "9999-12-31", "yesterday"):
        proc = run_cli("sessions", "list", "--trainee", "bob", "--since", date)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, (date, proc.stderr)
        assert "Not a date between 1970 and 9998" in proc.stderr and "'" not in proc.stderr.splitlines()[-1], proc.stderr


def test_a_database_address_of_an_unknown_kind_is_named_in_words(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"database_url": "foo://server/db"}', encoding="utf-8")
    proc = run_cli("sessions", "list", "--trainee", "bob", env={"ROLEPLAY_DATA_DIR": str(data)})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "not a database this app uses" in proc.stderr and "plugin" not in proc.stderr, proc.stderr


def test_a_batch_with_bad_lines_reports_each_and_scores_the_rest(tmp_path):
    batch = tmp_path / "batch.jsonl"
    lines = [
        b'\xef\xbb\xbf{"id": 1, "lang": "en", "text": "I am so sorry."}',  # a BOM on line 1
        b'{"id": 2, "lang": "en", "text": "caf\xe9"}',  # not UTF-8
        b'{"id": 3, "lang": "en", "text": "\\ud800 sorry"}',  # a lone surrogate
        b'{"id": NaN, "lang": "en", "text": "sorry"}',
        b'{"id": 1e400, "lang": "en", "text": "sorry"}',
        b'{"id": 6, "lang": "zh", "text": "\xe9\x9d\x9e\xe5\xb8\xb8\xe6\x8a\xb1\xe6\xad\x89"}',
    ]
    batch.write_bytes(b"\n".join(lines) + b"\n")
    proc = run_cli("score", "--batch", str(batch))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]  # every output line is valid JSON
    assert len(out) == 6
    assert out[0]["id"] == 1 and "overall" in out[0] and out[5]["id"] == 6 and "overall" in out[5]
    assert [o["line"] for o in out[1:5]] == [2, 3, 4, 5] and all("error" in o for o in out[1:5])


def test_a_recording_too_short_for_a_word_is_scored_as_silence_not_a_crash(tmp_path):
    import subprocess as sp

    tiny = tmp_path / "tiny.wav"
    sp.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(tiny), "trim", "0", "0.03"], check=True)
    for args in (["transcribe", str(tiny), "--lang", "en"], ["score", "--audio", str(tiny), "--lang", "en", "--json"]):
        proc = run_cli(*args)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr and "did not expect" not in proc.stderr, \
            (args, proc.stderr)
    assert json.loads(proc.stdout)["overall"] == 0  # nothing said, nothing earned


def test_a_typed_reply_that_is_not_utf8_is_kept_as_text_not_a_traceback(tmp_path):
    """Bytes that are not UTF-8 on stdin (a pasted file, a wrong terminal encoding) become U+FFFD."""
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    for lang in ("C.UTF-8", "en_US.UTF-8"):
        proc = subprocess.run([sys.executable, "-m", "app", "play", "en-complaint-late-parcel", "--text", "--json",
                               "--trainee", "Kim"], input=b"I'm sorry\n\xff\xfe broken\n/hangup\n", capture_output=True,
                              cwd=REPO_ROOT, env={**os.environ, "LANG": lang, "LC_ALL": lang,
                                                  "ROLEPLAY_DATA_DIR": str(tmp_path / lang)}, timeout=120)
        stderr = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 0, stderr
        assert "Traceback" not in stderr
        result = json.loads(proc.stdout.decode("utf-8").strip().splitlines()[-1])
        assert len(result["turns"]) == 2 and "\ufffd" in result["turns"][1]["reply"]


def test_recognition_that_runs_past_its_time_limit_is_one_clear_line(tmp_path):
    """Hardening: a recording that takes longer than the limit to recognise is reported in the
    user's language, not as a bare TimeoutError (the real engine, with a limit it cannot meet)."""
    import numpy as np
    import pytest

    from app.cli.errors import CliError
    from app.cli.speech_support import transcribe_file
    from app.speech.pcm import PcmAudio, write_wav

    wav = write_wav(tmp_path / "reply.wav", PcmAudio(np.zeros(16000 * 3, dtype=np.int16), 16000))
    with pytest.raises(CliError) as info:
        transcribe_file(wav, "en", timeout_s=0.001)
    assert str(info.value).startswith("Recognising ") and "did not finish within 0 s" in str(info.value)


def test_a_reply_longer_than_the_scorer_reads_is_said_to_be_cut():
    long_reply = (GOOD + " ") * 16  # about 4,700 characters
    proc = run_cli("score", "--lang", "en", "--json", long_reply)
    assert proc.returncode == 0, proc.stderr
    assert f"Only the first 4,000 characters of this reply were scored (it has {len(long_reply.strip()):,})." in proc.stderr
    assert len(json.loads(proc.stdout)["transcript"]) <= 4000  # stdout stays one JSON object
    zh = run_cli("score", "--lang", "zh", "非常抱歉" * 1200)
    assert zh.returncode == 0 and "这条回复只评了前 4,000 个字符" in zh.stderr
    short = run_cli("score", "--lang", "en", GOOD)
    assert "characters of this reply" not in short.stderr
    invisible = run_cli("score", "--lang", "en", "a" * 4000 + "\u200b" * 50)  # removed before scoring: nothing is cut
    assert "characters of this reply" not in invisible.stderr
