"""The scenario library: coverage of the brief's families and emotions, validation and error reports."""

from __future__ import annotations

import json
from collections import Counter
from itertools import product
from pathlib import Path

from app.domain.scenarios import Emotion, Family, Language, load_library
from tests.conftest import REPO_ROOT, run_cli


def test_library_covers_every_family_emotion_and_language(library):
    combos = Counter((s.language, s.family, s.persona.emotion) for s in library.scenarios.values())
    for combo in product(Language, Family, Emotion):
        assert combos[combo] >= 1, f"missing scenario for {combo}"
    assert len(library.scenarios) >= 24


def test_difficulties_are_spread_in_each_language(library):
    for lang in Language:
        levels = Counter(s.difficulty for s in library.scenarios.values() if s.language == lang)
        assert set(levels) == {1, 2, 3}
        assert min(levels.values()) >= 3, levels


def test_every_scenario_has_distinct_lines_per_mood_band(library):
    for s in library.scenarios.values():
        for stage in ("opening", "push", "solution", "wrap"):
            bands = getattr(s.lines, stage)
            assert len({bands.calm, bands.tense, bands.hostile}) == 3, (s.id, stage)


def test_chinese_scenarios_are_written_in_chinese(library):
    for s in library.sorted(Language.ZH):
        text = s.lines.opening.hostile + s.briefing.situation
        cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        assert cjk / len(text) > 0.6, s.id


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_files_report_file_line_field_and_do_not_stop_the_others(tmp_path):
    good = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "en-complaint-late-parcel.yaml", good)
    # difficulty out of range on line 7
    _write(tmp_path, "bad-difficulty.yaml", good.replace("id: en-complaint-late-parcel", "id: bad-difficulty")
           .replace("difficulty: 2", "difficulty: 7"))
    _write(tmp_path, "bad-yaml.yaml", "id: bad-yaml\nlanguage: en\n  family: [unclosed\n")
    _write(tmp_path, "not-a-mapping.yaml", "- just\n- a list\n")
    library = load_library([tmp_path])
    assert list(library.scenarios) == ["en-complaint-late-parcel"]
    problems = {p.path.name: p for p in library.problems}
    assert problems["bad-difficulty.yaml"].field == "difficulty"
    assert problems["bad-difficulty.yaml"].line == good.splitlines().index("difficulty: 2") + 1
    assert problems["bad-yaml.yaml"].field == "<yaml>" and problems["bad-yaml.yaml"].line == 3
    assert problems["not-a-mapping.yaml"].field == "<root>"


def test_nested_field_errors_point_at_the_nested_line(tmp_path):
    good = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    broken = good.replace("  intensity: 75", "  intensity: 175")
    path = _write(tmp_path, "en-complaint-late-parcel.yaml", broken)
    library = load_library([path])
    [problem] = library.problems
    assert problem.field == "persona.intensity"
    assert problem.line == broken.splitlines().index("  intensity: 175") + 1
    assert str(problem).startswith(f"{path}:{problem.line}: persona.intensity: ")


def test_validate_command_prints_problems_and_exits_non_zero(tmp_path):
    _write(tmp_path, "x.yaml", "id: x\nlanguage: fr\n")
    result = run_cli("scenarios", "validate", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith(f"{tmp_path / 'x.yaml'}:2: language: ") for line in lines), lines
    assert any(": family: " in line for line in lines)


def test_validate_command_passes_on_the_shipped_library():
    result = run_cli("scenarios", "validate")
    assert result.returncode == 0, result.stdout + result.stderr


def test_scenarios_list_json_contract(library):
    result = run_cli("scenarios", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == len(library.scenarios)
    for row in rows:
        assert set(row) == {"id", "language", "family", "emotion", "difficulty", "title"}
        assert row["id"] in library.scenarios


def test_scenarios_list_one_per_line_starting_with_id(library):
    result = run_cli("scenarios", "list")
    ids = [line.split("\t")[0] for line in result.stdout.strip().splitlines()]
    assert sorted(ids) == sorted(library.scenarios)


def test_a_broken_file_in_the_library_folder_still_lists_the_rest(tmp_path, library):
    for _sid, path in library.sources.items():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zz-broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_cli("scenarios", "list", "--json", env={"ROLEPLAY_SCENARIOS": str(tmp_path)})
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == len(library.scenarios)
    assert "zz-broken.yaml:" in result.stderr


def test_validate_asks_for_a_model_answer_and_keeps_it_within_the_turns(tmp_path):
    good = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")
    without = good.split("# What an excellent agent says")[0]  # the model answer is the file's last block
    _write(tmp_path, "no-answer.yaml", without.replace("id: en-complaint-late-parcel", "id: no-answer"))
    proc = run_cli("scenarios", "validate", str(tmp_path))
    assert proc.returncode == 1 and "no-answer.yaml:1: model_answer: missing" in proc.stdout
    too_long = good.replace("id: en-complaint-late-parcel", "id: too-long").replace(
        "model_answer:\n", "model_answer:\n" + '  - "One more."\n' * 6)
    (tmp_path / "no-answer.yaml").unlink()
    _write(tmp_path, "too-long.yaml", too_long)
    proc = run_cli("scenarios", "validate", str(tmp_path))
    assert proc.returncode == 1 and "model_answer has 10 replies; the call allows 6" in proc.stdout


def test_a_scenario_file_that_yaml_would_quietly_accept_is_refused_with_its_line(tmp_path):
    import os

    from app.domain.scenarios.loader import load_library, load_scenario_file
    from tests.conftest import REPO_ROOT

    good = (REPO_ROOT / "scenarios" / "en-complaint-late-parcel.yaml").read_text(encoding="utf-8")

    def problems(name: str, text: str) -> list[str]:
        path = tmp_path / f"{name}.yaml"
        path.write_text(text.replace("id: en-complaint-late-parcel", f"id: {name}", 1), encoding="utf-8")
        scenario, found = load_scenario_file(path)
        assert scenario is None, name
        return [f"{p.line}:{p.field}:{p.message}" for p in found]

    duplicated = good.replace("difficulty: ", "difficulty: 1\ndifficulty: ", 1)
    assert any("given twice" in p for p in problems("duplicate", duplicated))
    hidden = good.replace('title: "', 'title: "\u202e', 1)
    assert any("U+202E" in p for p in problems("bidi", hidden))
    endless = good.replace("thresholds:\n", "thresholds:\n  first_response_limit_s: .inf\n", 1)
    assert any("first_response_limit_s" in p for p in problems("endless", endless))
    huge = good.replace("version: 1", "version: 9223372036854775808", 1)
    assert any(p.split(":")[1] == "version" for p in problems("huge", huge))

    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "en-complaint-late-parcel.YAML").write_text(good, encoding="utf-8")
    os.mkfifo(folder / "stuck.yaml")  # a pipe is reported, never waited on
    library = load_library([folder])
    assert "en-complaint-late-parcel" in library.scenarios  # an upper-case suffix is still a scenario
    assert any("not a regular file" in p.message for p in library.problems)
