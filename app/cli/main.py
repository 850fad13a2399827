"""The `roleplay` command line. `python -m app` is the same command.

Sub-commands register themselves through `COMMAND_MODULES`: each module has
`register(subparsers)` that adds its parser and sets `handler`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__
from app.cli.errors import CliError

COMMAND_MODULES = (
    "app.cli.scenarios_cmd",
    "app.cli.score_cmd",
    "app.cli.play_cmd",
    "app.cli.demo_cmd",
    "app.cli.gui_cmd",
    # -- voice commands --
    "app.cli.transcribe_cmd",
    "app.cli.models_cmd",
    "app.cli.render_cmd",
    "app.cli.devices_cmd",
    # -- storage commands --
    "app.cli.sessions_cmd",
    "app.cli.db_cmd",
    "app.cli.trainers_cmd",
    "app.cli.trainees_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roleplay",
        description="Role-Play Trainer (客服情景演练): practise difficult customer calls offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check speech, scoring, the database and Qt, one line per check (for IT, after installing)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.crash_log import enable_for_terminal
    from app.private_files import keep_files_private

    keep_files_private()  # everything the app writes is the user's alone (0700 folders, 0600 files)
    enable_for_terminal()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from app.cli.self_test import run_self_test

        return run_self_test()
    handler = getattr(args, "handler", None)
    if handler is None and getattr(sys, "frozen", False):
        args = parser.parse_args(["gui"])  # the packaged app, started from its icon: the desktop app
        handler = args.handler
    if handler is None:
        parser.print_help()
        return 0
    try:
        return int(handler(args) or 0)
    except CliError as exc:
        print(f"roleplay: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches a user
        print(f"roleplay: {unexpected_problem(exc)}", file=sys.stderr)
        return 1


def unexpected_problem(exc: BaseException) -> str:
    """One line for a failure nothing else explained; its traceback goes to `crash.log` in the data
    folder (or stays on stderr with `ROLEPLAY_DEBUG=1`)."""
    import os
    import traceback

    from app.crash_log import CRASH_LOG_NAME
    from app.resources import user_data_dir
    from app.texts import msg

    if os.environ.get("ROLEPLAY_DEBUG"):
        traceback.print_exception(exc, file=sys.stderr)
    path = user_data_dir() / CRASH_LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            traceback.print_exception(exc, file=log)
    except OSError:
        return msg("err.unexpected", None, detail=type(exc).__name__, log="-")
    return msg("err.unexpected", None, detail=type(exc).__name__, log=str(path))


if __name__ == "__main__":
    sys.exit(main())
