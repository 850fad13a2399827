"""Load scenario YAML files, reporting each problem as `file:line: field: message`.

A broken file never stops the other scenarios from loading: `load_library` returns the good
scenarios and the problems side by side.
"""

from __future__ import annotations

import re
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


MAX_VALUES = 100_000  # values in a scenario once its aliases are expanded (a real one has a few hundred)
# The YAML types a scenario is written in; a date, bytes (!!binary), a set or a merge key (<<) is refused.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))
_NUMBER_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null"))
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _unique_nodes(path: Path, root: yaml.Node | None) -> tuple[list[yaml.Node], list[ScenarioProblem]]:
    """Every node once (an alias is the node it names), in document order, or the problem with the
    document's shape: an anchor that contains itself, or aliases that expand past MAX_VALUES."""
    if root is None:
        return [], []
    order: list[yaml.Node] = []
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            total = 1
            for child in _children(node):
                if id(child) not in sizes:  # entered but not finished: the child is one of its own parents
                    return [], [ScenarioProblem(path, _line_of(child), "<yaml>",
                                                "an anchor (&) used inside itself: write the values out")]
                total += sizes[id(child)]
            if total > MAX_VALUES:
                return [], [ScenarioProblem(path, _line_of(node), "<yaml>",
                                            f"over {MAX_VALUES:,} values once anchors and aliases (& and *) "
                                            "are expanded: a scenario holds a few hundred")]
            sizes[id(node)] = total
            continue
        if id(node) in entered:
            continue
        entered.add(id(node))
        order.append(node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)) if id(child) not in entered)
    return order, []


def _duplicate_keys(path: Path, nodes: list[yaml.Node]) -> list[ScenarioProblem]:
    """Keys given twice in one mapping (YAML would silently keep the last)."""
    found: list[ScenarioProblem] = []
    for node in nodes:
        if not isinstance(node, yaml.MappingNode):
            continue
        seen: dict[str, int] = {}
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append(ScenarioProblem(path, key.start_mark.line + 1, _printable(key.value),
                                                 f"given twice (first on line {seen[key.value]}): keep one"))
                else:
                    seen[key.value] = key.start_mark.line + 1
    return found


def _printable(text: str) -> str:
    """A key as a problem line may show it: no control or invisible character reaches the terminal."""
    return _SURROGATES.sub("?", INVISIBLE_CHARACTERS.sub(lambda m: f"U+{ord(m.group()):04X}", text))[:80]


def _unreadable_values(path: Path, nodes: list[yaml.Node]) -> list[ScenarioProblem]:
    """Values YAML would turn into something a scenario cannot hold, found before they are built:
    a date, bytes or a set; a number it cannot read (`!!int zz`); a control, invisible or
    unpaired-surrogate character written as an escape ("\\x00", "\\u202e"), which the text check
    cannot see."""
    constructor = yaml.constructor.SafeConstructor()
    found: list[ScenarioProblem] = []
    for node in nodes:
        line = _line_of(node)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            kind = "a date or time" if tag == "!!timestamp" else f"the YAML type {_printable(tag)}"
            found.append(ScenarioProblem(path, line, "<yaml>", f"{kind} is not used in a scenario: "
                                         "put text in quotes, or write a plain number, list or mapping"))
        elif isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS:
            try:
                constructor.construct_object(node)
            except (ValueError, TypeError, AttributeError, OverflowError, yaml.YAMLError):
                found.append(ScenarioProblem(path, line, "<yaml>", f"“{_printable(node.value)}” is not a value "
                                             f"YAML can read as {node.tag.rsplit(':', 1)[-1]}"))
        elif isinstance(node, yaml.ScalarNode):
            hidden = INVISIBLE_CHARACTERS.search(node.value) or _SURROGATES.search(node.value)
            if hidden:
                found.append(ScenarioProblem(path, line, "<text>", f"an invisible or control character "
                                             f"(U+{ord(hidden.group()):04X}), written as an escape: remove it"))
        if len(found) >= 5:
            break
    return found


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[ScenarioProblem]]:
    """Parse and validate one file. Returns the scenario or the list of its problems."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [ScenarioProblem(path, 1, "<file>", "not a regular file (a pipe, a device or a folder)")]
        if info.st_size > MAX_SCENARIO_BYTES:
            return None, [ScenarioProblem(path, 1, "<file>", f"too large for a scenario ({info.st_size // 1024} KB)")]
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark (Notepad writes one) is not text
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        return None, [ScenarioProblem(path, line, "<file>", f"not UTF-8 text (byte {exc.object[exc.start]:#04x}): "
                                                            "save the file as UTF-8")]
    except OSError as exc:
        return None, [ScenarioProblem(path, 1, "<file>", f"cannot read file: {exc.strerror or exc}")]
    hidden = _hidden_characters(path, text)
    if hidden:
        return None, hidden
    try:
        root = yaml.compose(text, Loader=_SAFE_LOADER)
        nodes, shape = _unique_nodes(path, root)
        refused = shape or _duplicate_keys(path, nodes) or _unreadable_values(path, nodes)
        if refused:
            return None, refused
        data = yaml.constructor.SafeConstructor().construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [ScenarioProblem(path, line, "<yaml>", f"not valid YAML: {_printable(reason)}")]
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError):  # what the checks above missed
        return None, [ScenarioProblem(path, 1, "<yaml>", "not valid YAML: a value YAML cannot build")]
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
