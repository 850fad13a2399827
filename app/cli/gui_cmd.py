"""`roleplay gui`: start the trainee's desktop app."""

from __future__ import annotations

import argparse
import os
import sys
import time

IMPORTED_AT = time.perf_counter()


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="start the desktop app")
    parser.add_argument("--ui-language", choices=("en", "zh_CN"), default=None,
                        help="language of the interface (default: the saved setting)")
    parser.add_argument("--exit-when-ready", action="store_true",
                        help="print the start-up time when the first window is usable, then quit (for benchmarks)")
    parser.set_defaults(handler=gui_command)


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def gui_command(args: argparse.Namespace) -> int:
    from app.cli.errors import CliError

    if not has_display():
        raise CliError("no display found: run `roleplay demo` for a headless call, "
                       "or set QT_QPA_PLATFORM=offscreen")
    from app.ui.app import run_gui  # Qt is imported only when the GUI is wanted

    return run_gui(ui_language=args.ui_language, exit_when_ready=args.exit_when_ready, started_at=IMPORTED_AT)
