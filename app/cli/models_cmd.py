"""`roleplay models import FILE.zip|DIR [--lang en|zh]` and `roleplay models list [--json]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.errors import CliError
from app.cli.speech_support import cli_error
from app.speech.errors import SpeechError
from app.speech.model_import import import_model
from app.speech.recognizer_choice import choose_recognizer
from app.speech.vosk_models import installed_models
from app.texts import msg, text_lang

LANGUAGES = ("en", "zh")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="speech recognition models: import and list")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION")
    importer = actions.add_parser("import", help="check and install a Vosk model from a zip or a folder")
    importer.add_argument("source", type=Path, metavar="FILE.zip|DIR")
    importer.add_argument("--lang", choices=LANGUAGES, help="the model's language (guessed from the name if omitted)")
    importer.set_defaults(handler=import_command)
    lister = actions.add_parser("list", help="show the installed models and the engine each language uses")
    lister.add_argument("--json", action="store_true")
    lister.set_defaults(handler=list_command)
    parser.set_defaults(handler=lambda _args: (parser.print_help(), 0)[1])


def import_command(args: argparse.Namespace) -> int:
    lang = text_lang(args.lang)
    try:
        location = import_model(args.source, args.lang)
    except SpeechError as exc:
        raise cli_error(exc, lang) from exc
    print(msg("models.installed", lang, lang_code=location.lang, name=location.name, path=location.path))
    return 0


def engine_in_use(lang: str) -> dict[str, str]:
    try:
        choice = choose_recognizer(lang)
    except SpeechError as exc:
        return {"lang": lang, "engine": "typed", "model": "", "note": exc.text(text_lang())}
    model = choice.model.name if choice.model else "en-us (built-in)"
    return {"lang": lang, "engine": choice.engine, "model": model, "note": choice.describe(text_lang())}


def list_command(args: argparse.Namespace) -> int:
    try:
        models = [m.to_dict() for m in installed_models()]
        in_use = [engine_in_use(lang) for lang in LANGUAGES]
    except SpeechError as exc:
        raise CliError(exc.text(text_lang())) from exc
    models.append({"engine": "pocketsphinx", "lang": "en", "name": "en-us", "path": "", "source": "built-in"})
    if args.json:
        print(json.dumps({"models": models, "in_use": in_use}, ensure_ascii=False))
        return 0
    print(msg("models.heading"))
    for m in models:
        print(f"  {m['lang']:3} {m['engine']:13} {m['name']:32} {msg('models.source.' + m['source'])}  {m['path']}")
    print(msg("models.in_use"))
    for item in in_use:
        print(f"  {item['lang']}: {item['note']}")
    return 0
