"""`roleplay scenarios list|validate`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.domain.scenarios import ScenarioLibrary, load_library
from app.domain.scenarios.loader import ScenarioProblem
from app.domain.text_hygiene import INVISIBLE_CHARACTERS
from app.resources import scenarios_dir
from app.texts import msg


def printable(text: str) -> str:
    """A line as the terminal may show it: a file name's bytes that are not UTF-8 as `\\xNN`,
    control and invisible characters (an escape sequence in a file name) as `U+XXXX`."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return INVISIBLE_CHARACTERS.sub(lambda m: f"U+{ord(m.group()):04X}", text)


def load_default_library(report_problems: bool = True) -> ScenarioLibrary:
    """The scenario library; broken files are reported on stderr and skipped."""
    library = load_library([scenarios_dir()])
    if report_problems:
        for problem in library.problems:
            print(f"warning: {printable(str(problem))}", file=sys.stderr)
    return library


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("scenarios", help="list or validate the scenario library")
    sub = parser.add_subparsers(dest="scenarios_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list scenarios, one per line starting with the id")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=list_scenarios)
    validate = sub.add_parser("validate", help="check scenario files; exits non-zero on any problem")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the library)")
    validate.set_defaults(handler=validate_scenarios)


def list_scenarios(args: argparse.Namespace) -> int:
    library = load_default_library()
    scenarios = library.sorted()
    if args.json:
        rows = [
            {
                "id": s.id,
                "language": s.language.value,
                "family": s.family.value,
                "emotion": s.persona.emotion.value,
                "difficulty": s.difficulty,
                "title": s.title,
            }
            for s in scenarios
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for s in scenarios:
        print(f"{s.id}\t{s.language.value}\t{s.family.value}\t{s.persona.emotion.value}\t{s.difficulty}\t{s.title}")
    return 0


def validate_scenarios(args: argparse.Namespace) -> int:
    paths = args.paths or [scenarios_dir()]
    library = load_library(paths)
    # the app plays a scenario without one, but a library scenario must carry its model answer
    problems = list(library.problems) + [
        ScenarioProblem(library.sources[sid], 1, "model_answer", msg("validate.no_model_answer"))
        for sid, scenario in sorted(library.scenarios.items()) if not scenario.model_answer]
    for problem in problems:
        print(printable(str(problem)))
    if problems:
        library.problems = problems
        print(msg("validate.bad", count=len(library.problems)), file=sys.stderr)
        return 1
    print(msg("validate.ok", count=len(library.scenarios)), file=sys.stderr)
    return 0
