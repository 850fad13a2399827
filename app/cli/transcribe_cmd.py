"""`roleplay transcribe --lang en|zh [--engine vosk|pocketsphinx] FILE [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.speech_support import transcribe_file
from app.speech.recognizer import ENGINES
from app.texts import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("transcribe", help="recognise the words (with times) in a WAV recording")
    parser.add_argument("file", type=Path, metavar="FILE.wav", help="WAV at any sample rate and channel count")
    parser.add_argument("--lang", choices=("en", "zh"), required=True, help="language spoken in the recording")
    parser.add_argument("--engine", choices=ENGINES, help="default: Vosk if a model is installed, else pocketsphinx (en)")
    parser.add_argument("--model", type=Path, metavar="DIR", help="use this Vosk model folder")
    parser.add_argument("--json", action="store_true", help="print {engine, text, duration, words[]}")
    parser.set_defaults(handler=transcribe_command)


def transcribe_command(args: argparse.Namespace) -> int:
    transcript, choice = transcribe_file(args.file, args.lang, args.engine, args.model)
    if args.json:
        print(json.dumps(transcript.to_dict(), ensure_ascii=False))
        return 0
    print(choice.describe(args.lang), file=sys.stderr)
    print(transcript.text)
    print(msg("voice.duration", args.lang, seconds=transcript.duration, words=len(transcript.words)))
    for word in transcript.words:
        print(f"  {word.start:7.2f} {word.end:7.2f}  {word.conf:4.2f}  {word.word}")
    return 0
