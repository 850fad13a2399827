"""What the fuzz tests found in the scenario loader and `score --batch`, pinned down one by one
(each of these failed before its fix: a traceback, a hang, or something let through)."""

from __future__ import annotations

import json
import time

import pytest

from app.domain.scenarios import load_scenario_file
from tests.conftest import REPO_ROOT
from tests.fuzz.harness import Cli, problems, save
from tests.fuzz.test_fuzz_scenarios import alias_bomb

PARCEL = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")


def _validate(tmp_path, text: str | bytes) -> list[str]:
    path = save(tmp_path / "scn", "en-complaint-late-parcel.yaml", text)
    scenario, found = load_scenario_file(path)
    assert (scenario is None) == bool(found)
    return [f"{p.line}: {p.field}: {p.message}" for p in found]


@pytest.mark.parametrize(("value", "expected"), [
    ('!!int "zz"', "is not a value YAML can read as int"),  # was: ValueError, a crash of `scenarios validate`
    ("!!float x", "is not a value YAML can read as float"),
    ("2021-02-30", "a date or time is not used"),  # was: ValueError (day out of range)
    ("!!timestamp x", "a date or time is not used"),  # was: AttributeError
    ("!!binary AAAA", "the YAML type !!binary"),  # was: accepted, three NUL characters in the title
    ("!!set {a, b}", "the YAML type !!set"),
    ('"\\u202eevil"', "U+202E"),  # was: accepted (an escape hides the character from the text check)
    ('"nul\\0"', "U+0000"),
    ('"\\x07bell"', "U+0007"),
])
def test_values_yaml_would_build_wrongly_are_refused_with_their_line(tmp_path, value, expected):
    found = _validate(tmp_path, PARCEL.replace('title: "Birthday present still not delivered"', f"title: {value}"))
    assert found and found[0].startswith("7: ") and expected in found[0], found


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    started = time.monotonic()
    found = _validate(tmp_path, PARCEL + alias_bomb(9))  # was: over 20 s (and counting) in the key check
    assert time.monotonic() - started < 2 and "once anchors and aliases" in found[0], found


def test_an_anchor_inside_itself_and_deep_nesting_are_reported_not_raised(tmp_path):
    assert "used inside itself" in _validate(tmp_path, PARCEL + "tags: &loop [*loop]\n")[0]
    deep = _validate(tmp_path, PARCEL + "tags: " + "[" * 990 + "]" * 990 + "\n")  # was: recursion in the key check
    assert deep and all("<yaml>" not in p for p in deep)


def test_a_byte_order_mark_and_windows_line_endings_are_still_the_scenario(tmp_path):
    assert _validate(tmp_path, b"\xef\xbb\xbf" + PARCEL.replace("\n", "\r\n").encode("utf-8")) == []  # Notepad's way
    assert "not UTF-8 text (byte 0xff)" in _validate(tmp_path, PARCEL.encode("utf-8") + b"\xff\n")[0]


def _batch(tmp_path, lines: list[bytes], lang: str | None = None) -> tuple[list[dict], str, int | None]:
    path = save(tmp_path, "batch.jsonl", b"\n".join(lines) + b"\n")
    outcome = Cli(tmp_path / "data", {"ROLEPLAY_LANG": lang} if lang else {}).run("score", "--batch", path)
    assert not problems(outcome, [0, 1], data_out=True), (problems(outcome, [0, 1], data_out=True), outcome.stderr)
    return [json.loads(line) for line in outcome.stdout.split("\n") if line], outcome.stderr, outcome.code


GOOD = b'{"id": "ok", "lang": "en", "text": "I am so sorry."}'


@pytest.mark.parametrize(("line", "expected"), [
    (b'{"id": 1, "lang": "en", "text": "x", "after": 1.5}', "“after” must be text"),  # was: AttributeError
    (b'{"id": 1, "lang": ["en"], "text": "x", "stage": "nope"}', "“lang” must be text"),  # was: AttributeError
    (b'{"id": 1, "lang": "en", "text": "x", "band": "\\udfff"}', "lone surrogate"),  # was: the rest of the batch lost
    (b'{"id": 1, "lang": "en", "text": "x", "scenario": "\\ud800"}', "lone surrogate"),
    (b'{"id": 1, "lang": "en", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),  # RecursionError
    (b'{"id": 1, "lang": "en", "text": "' + b"sorry " * 200_000 + b'"}', "longer than 1 MB"),
    (b'{"id": 1, "lang": "en", "text": "x", "stage": "\\u202e"}', "unknown stage U+202E"),  # was: printed raw
    (b'{"id": 1, "lang": "fr", "text": "x"}', "language “fr” is not supported"),
    (b'{"id": 1, "lang": "en", "text": "x", "stage": NaN}', "NaN is not a JSON number"),
    (b'{"id": 1, "lang": "en", "text": "x", "n": ' + b"1" * 5000 + b"}", "a number too long to read"),
])
def test_a_bad_batch_line_is_one_clear_error_and_the_next_line_is_scored(tmp_path, line, expected):
    out, stderr, code = _batch(tmp_path, [line, GOOD])
    assert code == 1 and len(out) == 2 and out[1]["id"] == "ok" and "overall" in out[1]
    assert out[0]["line"] == 1 and out[0]["error"].startswith("line 1: ") and expected in out[0]["error"], out[0]
    assert stderr.strip() == out[0]["error"]


def test_batch_errors_are_said_in_the_lines_language_and_a_bom_on_any_line_is_dropped(tmp_path):
    out, _, code = _batch(tmp_path, [GOOD, b'\xef\xbb\xbf{"id": 2, "lang": "zh", "text": "\xe9\x9d\x9e\xe5\xb8\xb8\xe6\x8a\xb1\xe6\xad\x89"}',
                                     b'{"id": 3, "lang": "zh", "text": 5}', b'{"id": 4, "text": "x"}'], lang="zh")
    assert code == 1 and "overall" in out[1]  # a BOM on line 2: files joined together
    assert out[2]["error"] == "第 3 行：“text” 必须是文本" and out[3]["error"] == "第 4 行：缺少 “lang”"


def test_a_device_as_the_batch_file_is_refused_not_read_forever(tmp_path):
    outcome = Cli(tmp_path / "data").run("score", "--batch", "/dev/zero")  # was: a line without end, in memory
    assert outcome.code == 2 and not problems(outcome, [2]) and "is not a file" in outcome.stderr


def test_command_line_text_that_is_not_utf8_is_refused_and_a_file_name_that_is_not_is_shown_escaped(tmp_path):
    cli = Cli(tmp_path / "data")
    for args in (["--json", "caf\udcff sorry"], ["--stage", "opening", "--after", "x\udcff", "sorry"]):
        outcome = cli.run("score", "--lang", "en", *args)  # was: UnicodeEncodeError writing the JSON (a crash)
        assert outcome.code == 2 and not problems(outcome, [2]) and "is not UTF-8 text" in outcome.stderr
    folder = tmp_path / "scn"
    folder.mkdir()
    (folder / "x\udcff.yaml").write_bytes(b"id: [\n")  # the file system's name is the bytes b"x\xff.yaml"
    outcome = cli.run("scenarios", "validate", folder)  # was: UnicodeEncodeError printing the problem's path
    assert outcome.code == 1 and not problems(outcome, [1]) and "x\\xff.yaml:2: <yaml>" in outcome.stdout
