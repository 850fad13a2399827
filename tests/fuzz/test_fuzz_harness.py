"""The in-process harness answers as the real command does: for one case of each target, the same
exit status, stdout and stderr from `main()` in this process and from `python -m app` in a new one
(the terminal's encoding rules included: a lone surrogate is never written to stdout). And the
harness does see a failure: an unexpected exception, a traceback, a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT
from tests.fuzz import harness
from tests.fuzz.harness import Cli, problems, save
from tests.fuzz.test_fuzz_wav import Wav

PASSWORD = "correct horse 42"


def real(cli: Cli, *argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "ROLEPLAY_DATA_DIR": str(cli.data_dir), **cli.env}
    env.pop("ROLEPLAY_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "app", *map(str, argv)], input=stdin, capture_output=True,
                          cwd=REPO_ROOT, env=env, timeout=120, check=False)


def both(cli: Cli, *argv, stdin: bytes = b"") -> tuple[harness.Outcome, subprocess.CompletedProcess]:
    inside = cli.run(*argv, stdin=stdin)
    outside = real(cli, *argv, stdin=stdin)
    assert (inside.code, inside.stdout, inside.stderr) == (
        outside.returncode, outside.stdout.decode("utf-8", "replace"), outside.stderr.decode("utf-8", "replace"))
    return inside, outside


def test_the_harness_answers_as_the_real_command(tmp_path):
    cli = Cli(tmp_path / "data", {"ROLEPLAY_TRAINER_PASSWORD": PASSWORD})
    text = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    doubled = save(tmp_path / "scn", "en-complaint-late-parcel.yaml", text.replace("version: 1\n", "version: 1\n" * 2))
    inside, _ = both(cli, "scenarios", "validate", doubled)
    assert inside.code == 1 and "given twice" in inside.stdout and not problems(inside, [1])

    wav = save(tmp_path, "one-hz.wav", Wav(rate=1).to_bytes())
    inside, _ = both(cli, "transcribe", "--lang", "zh", wav)
    assert inside.code == 2 and not problems(inside, [2])

    batch = save(tmp_path, "batch.jsonl", b"\n".join([
        b'\xef\xbb\xbf{"id": 1, "lang": "en", "text": "I am so sorry."}', b'{"id": 2, "lang": "en", "text": "caf\xe9"}',
        b'{"id": 3, "lang": "en", "text": "sorry", "after": "\\ud800"}', b'{"id": NaN, "lang": "en", "text": "x"}',
        b'{"id": 5, "lang": "en", "text": "' + b"[" * 5000 + b'"}', b"[" * 100_000,
        json.dumps({"id": "\u202e7", "lang": "zh", "text": "非常抱歉"}, ensure_ascii=False).encode()]) + b"\n")
    inside, _ = both(cli, "score", "--batch", batch)
    assert inside.code == 1 and not problems(inside, [1], data_out=True)
    assert [("overall" in json.loads(line)) for line in inside.stdout.splitlines()] == [
        True, False, False, False, True, False, True]

    zipped = save(tmp_path, "vosk-model-en.zip", b"PK\x03\x04 not really a zip")
    inside, _ = both(cli, "models", "import", zipped)
    assert inside.code == 2 and not problems(inside, [2])

    assert cli.run("trainers", "add", "Coach").code == 0
    broken = save(tmp_path, "broken.json", b'{"format": "roleplay-sessions", "version": 1, "sessions": [')
    inside, _ = both(cli, "sessions", "import", "--trainer", "Coach", broken)
    assert inside.code in (2, 3) and not problems(inside, [2, 3])

    inside, _ = both(cli, "score", "--lang", "en", "--json", "I'm so sorry for the wait.")
    assert inside.code == 0 and json.loads(inside.stdout)["overall"] >= 0


def test_the_harness_sees_a_crash_a_traceback_and_a_hang(tmp_path, monkeypatch):
    from app.cli import score_cmd

    cli = Cli(tmp_path / "data")

    def crash(_args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(score_cmd, "score_command", crash)
    outcome = cli.run("score", "hello")
    assert outcome.code == 1 and outcome.crash_log
    found = problems(outcome, [0, 1, 2])
    assert any("crash.log" in p for p in found) and any("did not expect" in p for p in found)

    def traceback_on_stderr(_args):
        print("Traceback (most recent call last):\n  File x", file=sys.stderr)
        return 0

    monkeypatch.setattr(score_cmd, "score_command", traceback_on_stderr)
    assert any("traceback" in p for p in problems(cli.run("score", "hello"), [0]))

    def hang(_args):
        import time

        time.sleep(5)
        return 0

    monkeypatch.setattr(score_cmd, "score_command", hang)
    monkeypatch.setattr(harness, "CASE_SECONDS", 0.5)
    outcome = cli.run("score", "hello")
    assert outcome.timed_out and any("still running" in p for p in problems(outcome, [0]))


@pytest.mark.parametrize("field", ["stage", "after"])
def test_a_lone_surrogate_is_never_written_to_stdout(tmp_path, field):
    """The harness's stdout refuses what the real one refuses (so in-process runs find it)."""
    batch = save(tmp_path, "one.jsonl", json.dumps({"id": 1, "lang": "en", "text": "sorry", field: "\udfff"}))
    outcome = Cli(tmp_path / "data").run("score", "--batch", batch)
    assert outcome.code == 1 and not problems(outcome, [1], data_out=True)
    assert "error" in json.loads(outcome.stdout)
