"""`roleplay render-audio [--scenario ID ...] [--out DIR]`: pre-render the customers' lines."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.errors import CliError
from app.cli.scenarios_cmd import load_default_library
from app.cli.speech_support import cli_error
from app.resources import audio_dir
from app.speech.audio_prerender import prerender
from app.speech.errors import SpeechError
from app.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from app.texts import msg, text_lang


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("render-audio", help="pre-render every customer line to WAV with a manifest")
    parser.add_argument("--scenario", action="append", metavar="ID", help="only this scenario (repeatable)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="default: assets/audio/ (or ROLEPLAY_AUDIO_DIR)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    parser.set_defaults(handler=render_command)


def render_command(args: argparse.Namespace) -> int:
    library = load_default_library()
    if args.scenario:
        missing = [s for s in args.scenario if s not in library.scenarios]
        if missing:
            raise CliError(msg("err.no_scenario", id=missing[0]))
        scenarios = [library.scenarios[s] for s in args.scenario]
    else:
        scenarios = library.sorted()
    out_dir = args.out or audio_dir()
    try:
        with Pyttsx3Synthesizer() as synthesizer:
            report = prerender(scenarios, synthesizer, out_dir, prune=not args.scenario)
    except SpeechError as exc:
        raise cli_error(exc, text_lang()) from exc
    summary = {"rendered": report.rendered, "reused": report.reused, "removed": report.removed,
               "manifest": str(report.manifest), "voices": report.voices}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for lang, voice in sorted(report.voices.items()):
            print(msg("render.voice", lang=lang, voice=voice))
        print(msg("render.done", **summary))
    return 0
