"""Fuzz: the shipped scenario files, mutated (bytes, lines, YAML tags and anchors, keys removed or
given twice, values of the wrong type, huge or full of control characters), through `roleplay
scenarios validate FILE`: exit 0 or 1, every problem as `file:line: field: message`. A mutant the
validator accepts must then list, play (`--model-answer`, and typed replies stored in the database)
and score without a fault: what validates must work."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import yaml

from app.domain.scenarios import load_scenario_file
from tests.conftest import REPO_ROOT
from tests.fuzz.harness import (
    NASTY_NUMBERS,
    NASTY_STRINGS,
    Cli,
    Findings,
    cases,
    mutate_bytes,
    nasty_value,
    save,
    value_paths,
)

SEED = 17
CASES = 140
PLAYED = 4  # accepted mutants also played with typed replies, stored (the slowest follow-up)
SOURCES = sorted((REPO_ROOT / "scenarios").glob("*.yaml"))
TEST_FILE = "tests/fuzz/test_fuzz_scenarios.py"

YAML_SPECIALS = ("!!binary AAAAAAAA", "2021-02-30", "2024-05-01", "2021-01-01 25:61:00", '!!int "zz"', "!!float x",
                 "!!timestamp x", "!!set {a, b}", "*undefined", "~", ".nan", ".inf", "-.inf", "0x7fffffffffffffff",
                 "1_000_000_000_000_000_000_000", "!!python/object:os.system", "[", "{", "? [a, b]", "&anchor",
                 "!!str [1]", "<<: 1", "yes", "0o777", "'unterminated", '"\\x07bell"', '"\\u202eevil"', '"nul\\0"',
                 '"\\u200bhidden"', '"\\e[31m"', '"\\ud800"', "!!binary AAcI", "!!omap [a: 1]", "!!pairs [a: 1]")
INVISIBLE_INSERTS = ("\x00", "\x07", "\x1b", "\u202e", "\u200b", "\ufeff", "\x85", "\u2066")


def alias_bomb(levels: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"lol{i}: &lol{i} [" + ",".join([f"*lol{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _parent(data: Any, path: tuple) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def structural(rng: random.Random, text: str) -> tuple[str, str]:
    """Edit the parsed document (delete, retype, blow up, add, duplicate), then write it again."""
    data = yaml.safe_load(text)
    what = []
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(value_paths(data))
        parent, key = _parent(data, path), path[-1]
        op = rng.randrange(8)
        label = ".".join(map(str, path))
        if op == 0:
            del parent[key]
            what.append(f"remove {label}")
        elif op in (1, 2):
            value = nasty_value(rng)
            parent[key] = value
            what.append(f"{label} = {_short(value)}")
        elif op == 3 and isinstance(parent[key], str):
            value = rng.choice(NASTY_STRINGS)
            parent[key] = rng.choice((value, parent[key] + value, value + parent[key]))
            what.append(f"{label} = {_short(parent[key])}")
        elif op == 4 and isinstance(parent[key], (int, float)):
            parent[key] = rng.choice(NASTY_NUMBERS + (parent[key] + 1, parent[key] - 1, float(parent[key])))
            what.append(f"{label} = {_short(parent[key])}")
        elif op == 5 and isinstance(parent[key], list) and parent[key]:
            parent[key] = parent[key] * rng.choice((2, 50, 3000))
            what.append(f"{label} repeated ({len(parent[key])} items)")
        elif op == 6 and isinstance(parent[key], dict):
            parent[key][rng.choice(("extra", "id", "\u202ekey", "", "1"))] = nasty_value(rng)
            what.append(f"{label} gets an extra key")
        else:
            other = rng.choice(value_paths(data))
            if other[:len(path)] != path and path[:len(other)] != other:
                parent[key], _parent(data, other)[other[-1]] = _parent(data, other)[other[-1]], parent[key]
                what.append(f"swap {label} and {'.'.join(map(str, other))}")
    dumped = yaml.safe_dump(data, allow_unicode=rng.random() < 0.5, sort_keys=False,
                            width=rng.choice((80, 1_000_000)))
    return dumped, "; ".join(what) or "rewritten"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 40 else f"{text[:36]}...({len(text)} chars)"


def textual(rng: random.Random, text: str) -> tuple[str | bytes, str]:
    """Edit the text itself: lines, indentation, raw invisible characters, YAML tags and anchors."""
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    op = rng.randrange(12)
    if op == 0:
        del lines[at]
        return "".join(lines), f"delete line {at + 1}"
    if op == 1:
        lines.insert(at, lines[at])
        return "".join(lines), f"line {at + 1} twice (a key given twice)"
    if op == 2:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
        return "".join(lines), f"swap lines {at + 1} and {other + 1}"
    if op == 3:
        shift = rng.choice((" ", "  ", "\t", "   "))
        lines[at] = shift + lines[at] if rng.random() < 0.6 else lines[at].lstrip(" ")
        return "".join(lines), f"re-indent line {at + 1}"
    if op == 4:
        char = rng.choice(INVISIBLE_INSERTS)
        cut = rng.randrange(len(lines[at]) + 1)
        lines[at] = lines[at][:cut] + char + lines[at][cut:]
        return "".join(lines), f"raw U+{ord(char):04X} in line {at + 1}"
    if op in (5, 6, 7):
        candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[a-z_]+: \S", line)]
        at = rng.choice(candidates)
        special = rng.choice(YAML_SPECIALS)
        key = lines[at].split(":", 1)[0]
        lines[at] = f"{key}: {special}\n"
        return "".join(lines), f"line {at + 1} value -> {special}"
    if op == 8:
        return text + alias_bomb(rng.choice((3, 9))), "an alias bomb (a billion laughs) appended"
    if op == 9:
        depth = rng.choice((50, 400, 990, 5000))
        return text + "tags: " + "[" * depth + "]" * depth + "\n", f"tags nested {depth} deep"
    if op == 10:
        whole = rng.choice(("empty", "comment", "document", "two", "utf16", "binary", "big", "nul", "list"))
        return {
            "empty": "", "comment": "# nothing\n", "document": "---\n", "two": text + "---\n" + text,
            "utf16": text.encode("utf-16"), "binary": bytes(rng.randrange(256) for _ in range(300)),
            "big": text + "#" * (1024 * 1024 + 10) + "\n", "nul": text.encode() + b"\0" * 8, "list": "- a\n- b\n",
        }[whole], f"whole file: {whole}"
    raw, done = mutate_bytes(rng, text.encode("utf-8"))
    return raw, "bytes: " + ", ".join(done)


def harmless(rng: random.Random, text: str) -> tuple[str | bytes, str]:
    """Changes that keep the scenario valid: they must be accepted."""
    op = rng.randrange(4)
    if op == 0:
        return text.replace("\n", "\r\n"), "Windows line endings"
    if op == 1:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "a UTF-8 byte-order mark (Notepad)"
    if op == 2:
        return text + "# a trailing comment\n\n", "a trailing comment"
    return "\n\n" + text, "blank lines first"


def _follow_up(cli: Cli, findings: Findings, index: int, what: str, path: Path, played: list[int]) -> None:
    """An accepted mutant must be usable everywhere a scenario is used."""
    scenario, problems = load_scenario_file(path)
    if scenario is None:
        findings.check(index, what + " (validated, then not loadable)", cli.run("scenarios", "validate", path), [0],
                       [f"load_scenario_file refused what validate accepted: {problems[:1]}"])
        return
    env = {"ROLEPLAY_SCENARIOS": str(path.parent)}
    listed = cli.run("scenarios", "list", "--json", env=env)
    ids = [row.get("id") for row in _json(listed.stdout) or []]
    findings.check(index, what + " -> list", listed, [0], [] if scenario.id in ids else ["not listed"])
    findings.check(index, what + " -> model answer", cli.run("play", scenario.id, "--model-answer", "--json", env=env),
                   [0])
    lang = scenario.language.value
    findings.check(index, what + " -> score", cli.run(
        "score", "--lang", lang, "--scenario", scenario.id, "--json", "--after", scenario.lines.opening.hostile,
        scenario.model_answer[0] if scenario.model_answer else "I am sorry.", env=env), [0])
    if len(played) < PLAYED:
        played.append(index)
        replies = "".join(line + "\n" for line in [*scenario.model_answer[:3], "", "/hangup"])
        findings.check(index, what + " -> play --text (stored)", cli.run(
            "play", scenario.id, "--text", "--json", "--trainee", "Fuzz", env=env, stdin=replies), [0])


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def test_mutated_scenario_files(tmp_path):
    cli = Cli(tmp_path / "data")
    findings = Findings("scenarios", TEST_FILE)
    played: list[int] = []
    for index, rng in cases("scenarios", SEED, CASES):
        source = rng.choice(SOURCES)
        text = source.read_text(encoding="utf-8")
        kind = rng.random()
        mutate = structural if kind < 0.45 else textual if kind < 0.92 else harmless
        mutated, what = mutate(rng, text)
        if mutate is textual and rng.random() < 0.25 and isinstance(mutated, str):
            mutated, more = textual(rng, mutated)
            what += "; " + more
        what = f"{source.name}: {what}"
        path = save(tmp_path / f"case-{index}", source.name, mutated)
        outcome = cli.run("scenarios", "validate", path)
        bad_lines = [line for line in outcome.stdout.splitlines() if not re.match(rf"{re.escape(str(path))}:\d+: ", line)]
        extra = [f"a problem line not as file:line: field: message: {bad_lines[0][:120]!r}"] if bad_lines else []
        if mutate is harmless and outcome.code != 0:
            extra.append("a harmless change was refused")
        if findings.check(index, what, outcome, [0, 1], extra) and outcome.code == 0:
            _follow_up(cli, findings, index, what, path, played)
    findings.assert_clean()
