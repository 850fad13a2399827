"""`roleplay score`: score one reply, or a JSONL batch of replies."""

from __future__ import annotations

import argparse
import json
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from app.cli.errors import CliError
from app.cli.report import format_reply_score
from app.cli.scenarios_cmd import load_default_library
from app.cli.scorer_support import configured_cli_scorer, say_if_cut
from app.domain.scenarios import Scenario, ScenarioLibrary
from app.domain.scoring import SUPPORTED_LANGUAGES, ReplyScorer
from app.domain.scoring.moments import BANDS, MOMENT_STAGES, SILENCE, Moment
from app.domain.text_hygiene import INVISIBLE_CHARACTERS
from app.speech.recognizer import ENGINES
from app.texts import msg, text_lang

DEFAULT_BAND = "tense"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("score", help="score a trainee reply for empathy, wording, structure and pace")
    parser.add_argument("text", nargs="?", help="the reply text")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="language of the reply")
    parser.add_argument("--scenario", metavar="ID", help="judge against this scenario's key facts and phrases")
    parser.add_argument("--stage", choices=MOMENT_STAGES,
                        help="the moment of the call the reply answers: judge it by what that moment needs")
    parser.add_argument("--band", choices=BANDS, help="the customer's mood at that moment (default: tense)")
    parser.add_argument("--after", metavar="LINE",
                        help="the customer line the reply answers (with --scenario, its stage and mood are looked up)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", type=Path, metavar="FILE.jsonl",
                        help='score {"id","lang","text"} lines; writes one JSON object per line')
    parser.add_argument("--audio", type=Path, metavar="FILE.wav",
                        help="recognise a spoken reply (any WAV) and score it, pace included; "
                             "the recording is taken to start when the customer stopped speaking")
    parser.add_argument("--engine", choices=ENGINES, help="speech recogniser for --audio")
    parser.add_argument("--model", type=Path, metavar="DIR", help="Vosk model folder for --audio")
    parser.set_defaults(handler=score_command)


def resolve_scenario(scenario_id: str | None, lang: str | None) -> Scenario | None:
    if scenario_id is None:
        return None
    library = load_default_library()
    if scenario_id not in library.scenarios:
        raise CliError(msg("err.no_scenario", lang, id=scenario_id))
    scenario = library.scenarios[scenario_id]
    if lang and scenario.language.value != lang:
        raise CliError(msg("err.lang_mismatch", lang, id=scenario_id, scenario_lang=f"@lang.{scenario.language.value}",
                           lang=f"@lang.{text_lang(lang)}"))
    return scenario


def moment_for(scenario: Scenario | None, stage: str | None, band: str | None, after: str | None) -> Moment | None:
    """The moment a reply answers, from --stage/--band, or from the customer line in the scenario."""
    if after and scenario is not None:
        wanted = after.strip()
        for line_stage in ("opening", "push", "solution", "wrap"):
            lines = getattr(scenario.lines, line_stage)
            for line_band in BANDS:
                if getattr(lines, line_band).strip() == wanted:
                    return Moment(stage or line_stage, band or line_band, after)
        if scenario.lines.silence.strip() == wanted:
            return Moment(stage or SILENCE, band or DEFAULT_BAND, after)
    if stage is None and not after:
        return None
    return Moment(stage or "opening", band or DEFAULT_BAND, after or "")


def _checked_arguments(args: argparse.Namespace) -> None:
    """Text from the command line that is not UTF-8 (a script in another encoding) arrives with
    lone surrogates in it: refused in words, never echoed into the output."""
    for option, value in (("TEXT", args.text), ("--after", args.after), ("--scenario", args.scenario)):
        if isinstance(value, str) and _SURROGATE.search(value):
            raise CliError(msg("err.arg_not_text", args.lang, option=option))


def score_command(args: argparse.Namespace) -> int:
    _checked_arguments(args)
    scorer = configured_cli_scorer(args.lang)
    if args.batch is not None:
        return score_batch(args.batch, scorer, sys.stdout)
    if args.audio is not None:
        return score_audio(args, scorer)
    if args.text is None:
        raise CliError(msg("err.no_text", args.lang))
    scenario = resolve_scenario(args.scenario, args.lang)
    lang = args.lang or (scenario.language.value if scenario else "en")
    moment = moment_for(scenario, args.stage, args.band, args.after)
    say_if_cut(args.text, lang)
    result = scorer.score(args.text, lang, scenario, moment=moment)
    print_score(result.to_dict() if args.json else format_reply_score(result), args.json)
    return 0


def score_audio(args: argparse.Namespace, scorer: ReplyScorer) -> int:
    """Transcribe, then score the recognised words with their timings (so pace is measured).
    The JSON object is the usual one plus `speech: {engine, duration, words[]}`."""
    from app.cli.speech_support import transcribe_file

    if args.text is not None:
        raise CliError(msg("voice.err.text_and_audio", args.lang))
    scenario = resolve_scenario(args.scenario, args.lang)
    lang = args.lang or (scenario.language.value if scenario else "en")
    transcript, choice = transcribe_file(args.audio, lang, args.engine, args.model)
    say_if_cut(transcript.text, lang)
    result = scorer.score(transcript.text, lang, scenario, transcript.word_timings(), transcript.first_word_start,
                          moment=moment_for(scenario, args.stage, args.band, args.after))
    if args.json:
        speech = {k: v for k, v in transcript.to_dict().items() if k in ("engine", "duration", "words")}
        print_score({**result.to_dict(), "speech": speech}, True)
    else:
        print(choice.describe(lang), file=sys.stderr)
        print(f"{msg('voice.heard', lang)}: {transcript.text}")
        print(format_reply_score(result))
    return 0


def print_score(payload: dict[str, Any] | str, as_json: bool) -> None:
    if as_json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(payload)


MAX_BATCH_LINE_BYTES = 1024 * 1024  # one reply's line; the scorer reads at most a few thousand characters of it
TEXT_FIELDS = ("lang", "text", "scenario", "stage", "band", "after")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class BadLine(ValueError):
    """A batch line that cannot be scored: a catalog key and its values (said in the line's language)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class _NotANumber(ValueError):
    pass


def _reject_constant(name: str) -> None:
    raise _NotANumber(name)


def shown(value: object, limit: int = 40) -> str:
    """A value from the input as a message may show it: control and invisible characters as U+XXXX,
    a lone surrogate as "?", cut to `limit` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = _SURROGATE.sub("?", INVISIBLE_CHARACTERS.sub(lambda m: f"U+{ord(m.group()):04X}", text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _batch_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) for each line; None for a line over MAX_BATCH_LINE_BYTES, whose rest is
    read past without keeping it (memory stays bounded whatever the file holds)."""
    number = 0
    while True:
        data = handle.readline(MAX_BATCH_LINE_BYTES + 1)
        if not data:
            return
        number += 1
        if len(data) > MAX_BATCH_LINE_BYTES and not data.endswith(b"\n"):
            while data and not data.endswith(b"\n"):
                data = handle.readline(MAX_BATCH_LINE_BYTES)
            yield number, None
        else:
            yield number, data


def _parse_line(data: bytes | None) -> dict[str, Any] | None:
    """A batch line as its object (None for a blank line), or BadLine saying what is wrong."""
    if data is None:
        raise BadLine("batch.too_long", limit=MAX_BATCH_LINE_BYTES // (1024 * 1024))
    try:
        raw = data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark on any line: files joined together
    except UnicodeDecodeError as exc:
        raise BadLine("batch.not_utf8", byte=f"{exc.object[exc.start]:#04x}", position=exc.start + 1) from None
    if not raw.strip():
        return None
    try:
        item = json.loads(raw, parse_constant=_reject_constant)
    except _NotANumber as exc:
        raise BadLine("batch.not_a_number", value=str(exc)) from None
    except json.JSONDecodeError as exc:
        raise BadLine("batch.not_json", column=exc.colno) from None
    except ValueError:  # an integer of more digits than Python converts
        raise BadLine("batch.number_too_long") from None
    except RecursionError:
        raise BadLine("batch.too_deep") from None
    if not isinstance(item, dict):
        raise BadLine("batch.not_object")
    return item


def _batch_id(item: dict[str, Any]) -> str | int | None:
    """An item's id as it is echoed back: a string, a whole number or null (never NaN or infinity)."""
    value = item.get("id")
    if isinstance(value, str) and _SURROGATE.search(value):
        raise BadLine("batch.surrogate", field="id")
    if value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise BadLine("batch.bad_id")


def _checked_fields(item: dict[str, Any]) -> None:
    for name in ("lang", "text"):
        if name not in item:
            raise BadLine("batch.missing", field=name)
    for name in TEXT_FIELDS:
        value = item.get(name)
        if value is None and name not in ("lang", "text"):
            continue
        if not isinstance(value, str):
            raise BadLine("batch.not_text", field=name)
        if _SURROGATE.search(value):
            raise BadLine("batch.surrogate", field=name)
    if item["lang"] not in SUPPORTED_LANGUAGES:
        raise BadLine("batch.bad_lang", lang=shown(item["lang"]))


def _score_item(item: dict[str, Any], scorer: ReplyScorer, library: Callable[[], ScenarioLibrary]) -> dict[str, Any]:
    _checked_fields(item)
    lang, text = item["lang"], item["text"]
    scenario = None
    if item.get("scenario"):
        scenario = library().scenarios.get(item["scenario"])
        if scenario is None:
            raise BadLine("err.no_scenario", id=shown(item["scenario"]))
        if scenario.language.value != lang:
            raise BadLine("err.lang_mismatch", id=scenario.id, scenario_lang=f"@lang.{scenario.language.value}",
                          lang=f"@lang.{lang}")
    moment = moment_for(scenario, item.get("stage"), item.get("band"), item.get("after"))
    if moment is not None and moment.stage not in MOMENT_STAGES:
        raise BadLine("err.stage", stage=shown(moment.stage))
    if moment is not None and moment.band not in BANDS:
        raise BadLine("err.band", band=shown(moment.band))
    try:
        return scorer.score(text, lang, scenario, moment=moment).to_dict()
    except (ValueError, KeyError, TypeError) as exc:
        raise BadLine("batch.cannot_score", detail=type(exc).__name__) from exc


def _line_language(item: Any) -> str | None:
    lang = item.get("lang") if isinstance(item, dict) else None
    return lang if isinstance(lang, str) and lang in SUPPORTED_LANGUAGES else None


def score_batch(path: Path, scorer: ReplyScorer, out) -> int:
    """Score each line on its own: a bad one is reported (on stderr, and as {"id", "line", "error"}
    in the output) and the ones after it are still scored; exit status 1 if any was bad."""
    try:
        kind = path.stat().st_mode
        if not (stat.S_ISREG(kind) or stat.S_ISFIFO(kind)):  # a pipe streams lines; a device never ends
            raise CliError(msg("batch.not_a_file", path=path))
        handle = path.open("rb")
    except OSError as exc:
        raise CliError(msg("err.cannot_read", path=path, error=exc.strerror or exc)) from exc
    failures = 0
    loaded: list[ScenarioLibrary] = []

    def library() -> ScenarioLibrary:
        if not loaded:
            loaded.append(load_default_library(report_problems=False))
        return loaded[0]

    with handle:
        for number, data in _batch_lines(handle):
            item: Any = None
            item_id: str | int | None = None
            try:
                item = _parse_line(data)
                if item is None:
                    continue
                item_id = _batch_id(item)
                result = _score_item(item, scorer, library)
                try:
                    line = json.dumps({"id": item_id, **result}, ensure_ascii=False, allow_nan=False)
                except ValueError:  # a score that is not a number: never written as invalid JSON
                    raise BadLine("batch.cannot_score", detail="NaN") from None
            except BadLine as bad:
                failures += 1
                lang = _line_language(item)
                error = msg("batch.line", lang, line=number, problem=msg(bad.key, lang, **bad.values))
                print(error, file=sys.stderr)
                out.write(json.dumps({"id": item_id, "line": number, "error": error}, ensure_ascii=False) + "\n")
                continue
            out.write(line + "\n")
    return 1 if failures else 0
