"""Load scenario YAML files, reporting each problem as `file:line: field: message`.

A broken file never stops the other scenarios from loading: `load_library` returns the good
scenarios and the problems side by side.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.domain.scenarios.schema import Language, Scenario
from app.domain.text_hygiene import INVISIBLE_CHARACTERS

# libyaml's safe loader when PyYAML has it (about 10x faster), otherwise the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ScenarioProblem:
    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class ScenarioLibrary:
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[ScenarioProblem] = field(default_factory=list)

    def get(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise KeyError(f"no scenario with id {scenario_id!r}") from None

    def sorted(self, language: Language | None = None) -> list[Scenario]:
        items = sorted(
            self.scenarios.values(), key=lambda s: (s.language, s.family, s.difficulty, s.id)
        )
        return [s for s in items if language is None or s.language == language]


def _node_for(root: yaml.Node | None, loc: Sequence[str | int]) -> yaml.Node | None:
    """Walk a composed YAML node tree along a pydantic error location; stop at the deepest hit."""
    node = root
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if child is None:
                return node
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _line_of(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


MAX_SCENARIO_BYTES = 1024 * 1024  # a scenario is a few KB of text


def _hidden_characters(path: Path, text: str) -> list[ScenarioProblem]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = INVISIBLE_CHARACTERS.search(line)
        if match:
            found.append(ScenarioProblem(path, number, "<text>",
                                         f"an invisible or control character (U+{ord(match.group()):04X}): remove it"))
    return found[:5]


def _duplicate_keys(path: Path, node: yaml.Node | None) -> list[ScenarioProblem]:
    """Keys given twice in one mapping (YAML would silently keep the last)."""
    found: list[ScenarioProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append(ScenarioProblem(path, key.start_mark.line + 1, key.value,
                                                 f"given twice (first on line {seen[key.value]}): keep one"))
                else:
                    seen[key.value] = key.start_mark.line + 1
            found += _duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(path, item)
    return found


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[ScenarioProblem]]:
    """Parse and validate one file. Returns the scenario or the list of its problems."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [ScenarioProblem(path, 1, "<file>", "not a regular file (a pipe, a device or a folder)")]
        if info.st_size > MAX_SCENARIO_BYTES:
            return None, [ScenarioProblem(path, 1, "<file>", f"too large for a scenario ({info.st_size // 1024} KB)")]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ScenarioProblem(path, 1, "<file>", f"cannot read file: {exc}")]
    hidden = _hidden_characters(path, text)
    if hidden:
        return None, hidden
    try:
        root = yaml.compose(text, Loader=_SAFE_LOADER)
        duplicates = _duplicate_keys(path, root)
        if duplicates:
            return None, duplicates
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [ScenarioProblem(path, line, "<yaml>", f"not valid YAML: {reason}")]
    if not isinstance(data, dict):
        return None, [ScenarioProblem(path, 1, "<root>", "a scenario must be a mapping of fields")]
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            field_name = ".".join(str(p) for p in loc) or "<root>"
            problems.append(ScenarioProblem(path, _line_of(_node_for(root, loc)), field_name, err["msg"]))
        return None, problems
    if scenario.id != path.stem:
        return None, [
            ScenarioProblem(
                path, _line_of(_node_for(root, ("id",))), "id", f"id “{scenario.id}” must match the file name"
            )
        ]
    return scenario, []


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in (".yaml", ".yml")
                                and (p.is_file() or not p.is_dir())))
        else:
            files.append(path)
    return files


def load_library(paths: Iterable[Path]) -> ScenarioLibrary:
    library = ScenarioLibrary()
    for path in scenario_files(paths):
        scenario, problems = load_scenario_file(path)
        library.problems.extend(problems)
        if scenario is None:
            continue
        if scenario.id in library.scenarios:
            library.problems.append(
                ScenarioProblem(path, 1, "id", f"duplicate id, also in {library.sources[scenario.id]}")
            )
            continue
        library.scenarios[scenario.id] = scenario
        library.sources[scenario.id] = path
    return library
