"""Fuzz: `roleplay score --batch FILE.jsonl`, good lines mixed with broken ones (random bytes,
invalid UTF-8, byte-order marks, lone surrogates escaped in JSON, NaN and huge numbers, deep or
junk nesting, wrong types, missing fields, huge lines). The contract (README): one JSON object per
line out, in order, each with the input's `id`; a bad line becomes `{"id", "line", "error"}`; exit
status 1 when any line was bad, else 0. Every good line is still scored, whatever surrounds it."""

from __future__ import annotations

import json
import random
from typing import Any

from tests.fuzz.harness import NASTY_STRINGS, Cli, Findings, cases, nasty_value, save

SEED = 17
CASES = 50
TEST_FILE = "tests/fuzz/test_fuzz_batch.py"

REPLIES = {
    "en": ("I'm so sorry for the wait. I'll call you back by 5 pm.", "That's not my problem.", "ok",
           "So the parcel still hasn't arrived, is that right? It's stuck at the depot; I'll send a new one today."),
    "zh": ("非常抱歉让您久等了，我今天下午五点前给您回电。", "这不是我的问题。", "好的"),
}
SCENARIOS = {"en": ("en-complaint-late-parcel", "en-enquiry-roaming-charges"), "zh": ("zh-complaint-lost-baggage",)}
STAGES = ("opening", "push", "solution", "wrap", "silence")
BANDS = ("calm", "tense", "hostile")
FIELDS = ("id", "lang", "text", "scenario", "stage", "band", "after")


def good_item(rng: random.Random) -> dict[str, Any]:
    lang = rng.choice(("en", "zh"))
    text = rng.choice(REPLIES[lang])
    if rng.random() < 0.3:
        text = rng.choice(("\x00", "\u202e", "\u200b", "\x1b[2J", "😀", "\t", " " * 5)).join(text.split(" ")) + \
            rng.choice(("", "x" * 6000, "非常" * 2000))
    item: dict[str, Any] = {"id": rng.choice((rng.randrange(10**6), f"r{rng.randrange(1000)}", None, "", "标识")),
                            "lang": lang, "text": text}
    if rng.random() < 0.3:
        item["scenario"] = rng.choice(SCENARIOS[lang])
    if rng.random() < 0.3:
        item["stage"] = rng.choice(STAGES)
        item["band"] = rng.choice(BANDS)
    if rng.random() < 0.2:
        item["after"] = rng.choice(("Why is it actually stuck?", "", "行李到底在哪里？"))
    return item


def broken_line(rng: random.Random) -> tuple[bytes, str]:
    item = good_item(rng)
    op = rng.randrange(14)
    if op == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 80))).replace(b"\n", b""), "random bytes"
    if op == 1:
        raw = json.dumps(item, ensure_ascii=False).encode("utf-8")
        at = rng.randrange(len(raw))
        return raw[:at] + rng.choice((b"\xff", b"\xc3", b"\xe9\x9d", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80")) + \
            raw[at:], "invalid UTF-8"
    if op == 2:
        return b"\xef\xbb\xbf" + json.dumps(item).encode(), "a byte-order mark"
    if op == 3:
        name = rng.choice(FIELDS)
        raw = json.dumps({**item, name: "@@"}).replace('"@@"', rng.choice(('"\\ud800"', '"a\\udfffb"', '"\\ud83d"')))
        return raw.encode(), f"a lone surrogate in {name}"
    if op == 4:
        name = rng.choice(FIELDS)
        number = rng.choice(("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" * 5000, "1" * 4000, "-0",
                             "0.1e-400", "1.5"))
        return json.dumps({**item, name: "@@"}).replace('"@@"', number).encode(), f"{name} = {number[:12]}"
    if op == 5:
        depth = rng.choice((100, 5000, 200_000))
        name = rng.choice(FIELDS)
        return json.dumps({**item, name: "@@"}).replace('"@@"', "[" * depth + "]" * depth).encode(), \
            f"{name} nested {depth} deep"
    if op in (6, 7):
        name = rng.choice(FIELDS)
        value = nasty_value(rng)
        return json.dumps({**item, name: value}).encode(), f"{name} = {json.dumps(value)[:30]}"
    if op == 8:
        name = rng.choice(("id", "lang", "text"))
        item.pop(name, None)
        return json.dumps(item).encode(), f"no {name}"
    if op == 9:
        return json.dumps({**item, "text": "sorry " * 400_000}).encode(), "a 2.4 MB line"
    if op == 10:
        return rng.choice((b"[]", b'"text"', b"1", b"null", b"true", b"{", b"}", b'{"id": 1,}', b"{'id': 1}")), "not an object"
    if op == 11:
        return json.dumps(item).encode() + rng.choice((b" xyz", b"}", b",", b" {}")), "junk after the object"
    if op == 12:
        return json.dumps({**item, "lang": rng.choice(("fr", "EN", "en ", "", "zh-CN", "\u202een"))}).encode(), "another language"
    name = rng.choice(("stage", "band"))
    return json.dumps({**item, name: rng.choice(NASTY_STRINGS[:20])}).encode(), f"a bogus {name}"


def _decoded(line: bytes, first: bool) -> str | None:
    try:
        return line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        return None


def _strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} in the output")
    return json.loads(text, parse_constant=refuse)


def test_mutated_batch_lines(tmp_path):
    cli = Cli(tmp_path / "data")
    findings = Findings("batch", TEST_FILE)
    for index, rng in cases("batch", SEED, CASES):
        lines: list[bytes] = []
        good: list[bool] = []
        what = []
        for number in range(1, rng.randint(1, 9) + 1):
            if rng.random() < 0.45:
                lines.append(json.dumps(good_item(rng), ensure_ascii=rng.random() < 0.5).encode("utf-8"))
                good.append(True)
            else:
                line, how = broken_line(rng)
                lines.append(line)
                good.append(False)
                what.append(f"line {number}: {how}")
            if rng.random() < 0.1:
                lines.append(rng.choice((b"", b"   ", b"\r")))
                good.append(False)
        ending = rng.choice((b"\n", b"\n", b"\r\n"))
        data = ending.join(lines) + (ending if rng.random() < 0.8 else b"")
        path = save(tmp_path / "batch", f"case-{index}.jsonl", data)
        outcome = cli.run("score", "--batch", path, env={"ROLEPLAY_LANG": rng.choice(("en", "zh"))})
        findings.check(index, "; ".join(what) or "good lines only", outcome, [0, 1],
                       _contract(data, lines, good, outcome.stdout, outcome.code), data_out=True)
    findings.assert_clean()


def _contract(data: bytes, lines: list[bytes], good: list[bool], stdout: str, code: int | None) -> list[str]:
    """The batch contract, line by line."""
    expected = []  # (line number, made good) for each line that is not blank
    for number, line in enumerate(data.split(b"\n"), start=1):
        text = _decoded(line, number == 1)
        if text is not None and not text.strip():
            continue
        made_good = line.rstrip(b"\r") in [raw for raw, ok in zip(lines, good, strict=True) if ok]
        expected.append((number, made_good))
    try:
        out = [_strict(line) for line in stdout.split("\n") if line]  # JSON lines end at \n only
    except ValueError as error:
        return [f"an output line is not strict JSON: {error}"]
    found = []
    if len(out) != len(expected):
        found.append(f"{len(out)} output line(s) for {len(expected)} input line(s)")
    for (number, made_good), item in zip(expected, out, strict=False):
        if not isinstance(item, dict) or "id" not in item:
            found.append(f"line {number}: output without an id")
        elif made_good and "overall" not in item:
            found.append(f"line {number}: a good line was not scored: {str(item.get('error'))[:100]}")
        elif "error" in item and item.get("line") != number:
            found.append(f"line {number}: the error names line {item.get('line')}")
    errors = any(isinstance(item, dict) and "error" in item for item in out)
    if code in (0, 1) and code != (1 if errors or len(out) < len(expected) else 0):
        found.append(f"exit status {code} with {'some' if errors else 'no'} bad lines")
    return found
