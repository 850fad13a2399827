"""`roleplay models import FILE.zip|DIR [--lang en|zh]`, `roleplay models list [--json]` and
`roleplay models remove LANG|NAME [--lang en|zh] [--yes]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.errors import CliError
from app.cli.speech_support import cli_error
from app.speech.errors import SpeechError
from app.speech.model_import import folder_size, import_model, remove_model
from app.speech.recognizer_choice import choose_recognizer
from app.speech.vosk_models import ModelLocation, env_var_for, find_vosk_model, installed_models
from app.texts import msg, text_lang

LANGUAGES = ("en", "zh")
YES = ("y", "yes", "是", "是的", "确定")
REMOVE_HELP = """exit status: 0 removed; 1 not confirmed (nothing removed); 2 nothing to remove, an unknown
or ambiguous name, a bundled model or one set by an environment variable, or the removal failed
(nothing removed)"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="speech recognition models: import, list and remove")
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION")
    importer = actions.add_parser("import", help="load a Vosk model once from a zip or a folder, then install it")
    importer.add_argument("source", type=Path, metavar="FILE.zip|DIR")
    importer.add_argument("--lang", choices=LANGUAGES, help="the model's language (guessed from the name if omitted)")
    importer.set_defaults(handler=import_command)
    lister = actions.add_parser("list", help="show the installed models and the engine each language uses")
    lister.add_argument("--json", action="store_true")
    lister.set_defaults(handler=list_command)
    remover = actions.add_parser("remove", help="delete an imported model (asks first)", epilog=REMOVE_HELP)
    remover.add_argument("target", metavar="LANG|NAME", help="en or zh, or the model's name as `models list` shows it")
    remover.add_argument("--lang", choices=LANGUAGES, help="the language, when the name is imported for both")
    remover.add_argument("--yes", action="store_true", help="remove without asking")
    remover.set_defaults(handler=remove_command)
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


# -- remove ---------------------------------------------------------------------------------------------
def _lang_name(lang: str) -> str:
    return f"@lang.{lang}" if lang in LANGUAGES else lang


def model_to_remove(target: str, lang: str | None = None) -> ModelLocation:
    """The imported model `target` names (a language or a model's name), or a CliError saying why
    there is none to remove."""
    try:
        models = installed_models()
    except SpeechError as exc:
        raise CliError(exc.text(text_lang())) from exc
    if target in LANGUAGES and lang in (None, target):
        imported = [m for m in models if m.lang == target and m.source == "user"]
        if not imported:
            raise CliError(msg("models.remove.nothing", lang_name=_lang_name(target)))
        if len(imported) > 1:
            raise CliError(msg("models.remove.several", count=len(imported), lang_name=_lang_name(target),
                               names=", ".join(m.name for m in imported)))
        return imported[0]
    named = [m for m in models if m.name == target and lang in (None, m.lang)]
    imported = [m for m in named if m.source == "user"]
    if len({m.lang for m in imported}) > 1:
        raise CliError(msg("models.remove.both_langs", name=target))
    if imported:
        return imported[0]
    if any(m.source == "env" for m in named):
        env = next(m for m in named if m.source == "env")
        raise CliError(msg("models.remove.env", name=target, var=env_var_for(env.lang)))
    if named:
        raise CliError(msg("models.remove.bundled", name=target))
    raise CliError(msg("models.remove.unknown", target=target))


def what_happens_next(model: ModelLocation) -> str:
    """What the language uses once `model` is gone."""
    try:
        following = find_vosk_model(model.lang, excluding=model.path)
    except SpeechError:
        following = None  # a broken environment variable: `models list` reports it
    if following is not None:
        return msg("models.next.model", lang_name=_lang_name(model.lang), name=following.name)
    if model.lang == "en":
        return msg("models.next.builtin")
    return msg("models.next.none", lang_name=_lang_name(model.lang))


def _confirmed(prompt: str) -> bool:
    """Asks on the terminal (or reads a line from piped input); no answer is no."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    answer = sys.stdin.readline()
    if not answer.endswith("\n") or not sys.stdin.isatty():
        sys.stdout.write("\n")  # a typed answer ends its line; a piped one is not echoed
    return answer.strip().lower() in YES


def remove_command(args: argparse.Namespace) -> int:
    model = model_to_remove(args.target, args.lang)
    next_step = what_happens_next(model)
    size = f"{folder_size(model.path) / 1024 ** 2:,.0f} MB"
    if not args.yes and not _confirmed(msg("models.remove.confirm", lang_name=_lang_name(model.lang),
                                           name=model.name, size=size, path=model.path, next=next_step)):
        print(msg("models.remove.kept"))
        return 1
    try:
        remove_model(model)
    except SpeechError as exc:
        raise cli_error(exc, text_lang()) from exc
    print(msg("models.remove.done", lang_name=_lang_name(model.lang), name=model.name, next=next_step))
    return 0
