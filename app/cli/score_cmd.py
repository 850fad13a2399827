"""`roleplay score`: score one reply, or a JSONL batch of replies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.errors import CliError
from app.cli.report import format_reply_score
from app.cli.scenarios_cmd import load_default_library
from app.cli.scorer_support import configured_cli_scorer
from app.domain.scenarios import Scenario
from app.domain.scoring import SUPPORTED_LANGUAGES, ReplyScorer
from app.domain.scoring.moments import BANDS, MOMENT_STAGES, SILENCE, Moment
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


def score_command(args: argparse.Namespace) -> int:
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


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _batch_id(value: Any) -> Any:
    """An item's id as it is echoed back: a string, a whole number or null (never NaN or infinity)."""
    if value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        if isinstance(value, str) and not _encodable(value):
            raise ValueError("the id is not valid text")
        return value
    raise ValueError("the id must be a string or a whole number")


def _safe(value: Any) -> bool:
    return not isinstance(value, str) or _encodable(value)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800")
        return False
    return True


def score_batch(path: Path, scorer: ReplyScorer, out) -> int:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise CliError(msg("err.cannot_read", path=path, error=exc.strerror or exc)) from exc
    failures = 0
    library = None
    with handle:
        for number, data in enumerate(handle, start=1):
            item_id: Any = None
            try:
                # each line on its own: a bad one is reported, and the ones after it are still scored
                raw = data.decode("utf-8-sig" if number == 1 else "utf-8")
                if not raw.strip():
                    continue
                item = json.loads(raw, parse_constant=_reject_constant)
                if not isinstance(item, dict):
                    raise ValueError("not an object")
                item_id = item.get("id")
                item_id = _batch_id(item_id)
                lang, text = item["lang"], item["text"]
                if not isinstance(text, str):
                    raise ValueError("text must be a string")
                if not _encodable(text):
                    raise ValueError("the text is not valid text (a lone surrogate)")
                scenario = None
                if item.get("scenario"):
                    library = library or load_default_library(report_problems=False)
                    scenario = library.get(item["scenario"])
                moment = moment_for(scenario, item.get("stage"), item.get("band"), item.get("after"))
                if moment is not None and moment.stage not in MOMENT_STAGES:
                    raise ValueError(msg("err.stage", lang, stage=moment.stage))
                if moment is not None and moment.band not in BANDS:
                    raise ValueError(msg("err.band", lang, band=moment.band))
                result = scorer.score(text, lang, scenario, moment=moment).to_dict()
            except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
                failures += 1
                error = msg("err.bad_json_line", line=number, error=exc)
                print(error, file=sys.stderr)
                safe_id = item_id if isinstance(item_id, (str, int)) and _safe(item_id) else None
                out.write(json.dumps({"id": safe_id, "line": number, "error": error}, ensure_ascii=False) + "\n")
                continue
            out.write(json.dumps({"id": item_id, **result}, ensure_ascii=False, allow_nan=False) + "\n")
    return 1 if failures else 0
