"""`roleplay play SCENARIO_ID --text`: a whole call in the terminal, replies typed or piped."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli.access_support import confirm_trainee
from app.cli.errors import CliError
from app.cli.report import format_briefing, format_call_result, format_turn_feedback
from app.cli.scenarios_cmd import load_default_library
from app.cli.scorer_support import configured_cli_scorer, say_if_cut
from app.cli.storage_support import (
    STORAGE_EXIT_CODE,
    add_database_option,
    open_cli_repository,
    storage_cli_error,
    storage_message,
    warn,
)
from app.domain.dialogue import CallResult, CallSession, SystemClock
from app.domain.dialogue.model_call import play_model_answer
from app.domain.scenarios import Scenario
from app.texts import msg

if TYPE_CHECKING:
    from app.storage import CallRecorder, StorageError

HANG_UP = "/hangup"
# Waits before each further attempt to save what is left at the end of a call.
FINAL_SAVE_RETRIES_S = (1.0, 2.0, 4.0)



def _read_reply_line() -> str:
    """One typed reply; bytes that are not UTF-8 (a pasted file, a wrong terminal encoding) become
    U+FFFD instead of ending the call with a traceback."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return sys.stdin.readline()
    return bytes(stream.readline()).decode("utf-8", errors="replace")

def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("play", help="play a whole call in the terminal")
    parser.add_argument("scenario_id", metavar="SCENARIO_ID")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--text", action="store_true", help="type (or pipe) the replies, one per line")
    mode.add_argument("--model-answer", action="store_true",
                      help="play the scenario's model call (what an excellent agent says), scored; not stored")
    parser.add_argument("--json", action="store_true",
                        help="print only the session report as one JSON object on stdout (the call goes to stderr)")
    parser.add_argument("--trainee", metavar="NAME",
                        help="whose session this is (default: the settings' trainee, else your user name)")
    add_database_option(parser)
    parser.set_defaults(handler=play_command)


def result_to_dict(result: CallResult) -> dict:
    """The `play --json` contract: `call_score`, `items` (name, score, turn, evidence, tip),
    `outcome`, `turns` (each with its moment: stage, band, expected, met, missing)."""
    call = result.call_score
    return {
        "scenario": result.scenario_id,
        "call_score": call.score if call is not None else None,
        "items": [item.to_dict() for item in call.items] if call is not None else [],
        "capped_by": call.capped_by if call is not None else None,
        "capped_for": call.capped_for if call is not None else None,
        "raised_to": call.raised_to if call is not None else None,
        "outcome": result.outcome.value if result.outcome else None,
        "reason": result.reason.value,
        "emotion_curve": result.emotion_curve,
        "average_score": result.average_score,
        "turns": [
            {
                "index": t.index,
                "customer": t.customer.text,
                "reply": t.reply_text,
                "overall": t.score.overall,
                "scores": {name: dim.score for name, dim in t.score.dimensions.items()},
                "moment": t.score.moment.to_dict() if t.score.moment is not None else None,
                "tips": list(t.score.tips),
                "intensity_before": t.intensity_before,
                "intensity_after": t.intensity_after,
            }
            for t in result.turns
        ],
        "final_line": result.final_line.text if result.final_line else None,
    }


def _save(action: Callable[[], object], recorder: CallRecorder, lang: str) -> bool:
    """Run a recorder step; on a storage problem say so and keep going (the recorder retries)."""
    from app.storage import StorageError

    try:
        action()
    except StorageError as error:
        _report_storage_problem(error, recorder, lang)
        return False
    return True


def _report_storage_problem(error: StorageError, recorder: CallRecorder, lang: str) -> None:
    warn(storage_message(error, lang))
    if recorder.pending_turns:
        warn(msg("storage.turn_kept", lang, count=recorder.pending_turns))


def _finish_saving(recorder: CallRecorder, result: CallResult, lang: str) -> bool:
    """Save the end of the call, retrying a few times; False if turns are still unsaved."""
    if _save(lambda: recorder.finish(result), recorder, lang):
        return True
    for wait in FINAL_SAVE_RETRIES_S:
        warn(msg("storage.retrying", lang, seconds=f"{wait:g}"))
        time.sleep(wait)
        if _save(recorder.flush, recorder, lang):
            return True
    return False


def _play_model_answer(scenario: Scenario, as_json: bool) -> int:
    """The scenario's model call through the same engine and scorer; nothing is stored."""
    lang = scenario.language.value
    result = play_model_answer(scenario, configured_cli_scorer(lang))
    if result is None:
        raise CliError(msg("err.no_model_answer", lang, id=scenario.id))
    out = sys.stderr if as_json else sys.stdout
    print(format_briefing(scenario), file=out)
    print(f"\n== {msg('model_answer_header', lang)} ==", file=out)
    for turn in result.turns:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {turn.customer.intensity}]: {turn.customer.text}",
              file=out)
        print(f"{msg('you', lang)}: {turn.reply_text}", file=out)
        print(format_turn_feedback(turn.score), file=out)
    if result.final_line is not None:
        print(f"{msg('customer', lang)}: {result.final_line.text}", file=out)
    print(file=out)
    print(format_call_result(result, lang), file=out)
    if as_json:
        print(json.dumps(result_to_dict(result), ensure_ascii=False))
    return 0


def play_command(args: argparse.Namespace) -> int:
    from app.storage import CallRecorder, StorageError, default_trainee_name

    library = load_default_library()
    if args.scenario_id not in library.scenarios:
        raise CliError(msg("err.no_scenario", id=args.scenario_id))
    scenario = library.scenarios[args.scenario_id]
    lang = scenario.language.value
    if args.model_answer:
        return _play_model_answer(scenario, args.json)
    out = sys.stderr if args.json else sys.stdout  # with --json, stdout carries the JSON object only
    repository = open_cli_repository(args.database, lang)
    trainee = args.trainee or default_trainee_name()
    confirm_trainee(repository.database, trainee, new_profile=True, lang=lang)  # their PIN, where there is one
    recorder = CallRecorder(repository, trainee, scenario)
    try:
        recorder.start()
    except StorageError as error:
        raise storage_cli_error(error, lang) from error
    session = CallSession(scenario, configured_cli_scorer(lang), SystemClock())
    interactive = sys.stdin.isatty()
    print(format_briefing(scenario), file=out)
    print(file=out)
    line = session.start()
    while not session.finished:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {line.intensity}]: {line.text}", file=out, flush=True)
        if interactive:
            print(f"{msg('reply_prompt', lang)}:", file=out, flush=True)
        raw = _read_reply_line()
        if raw == "" or raw.strip() == HANG_UP:
            session.hang_up()
            break
        reply = raw.rstrip("\n")
        if not interactive:
            print(f"{msg('you', lang)}: {reply}", file=out)
        say_if_cut(reply, lang)
        turn = session.reply(reply)
        _save(functools.partial(recorder.record_turn, turn, recogniser="typed"), recorder, lang)
        print(format_turn_feedback(turn.score), file=out, flush=True)
        if session.current_line is None:
            break
        line = session.current_line
    result = session.result
    assert result is not None
    if result.final_line is not None:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {result.final_line.intensity}]: {result.final_line.text}",
              file=out)
    saved = _finish_saving(recorder, result, lang)
    print(file=out)
    print(format_call_result(result, lang), file=out)
    kept = saved and bool(result.turns)  # a call hung up before the first reply is not kept
    if kept:
        print(f"{msg('stored_as', lang)}: {recorder.session_uuid}", file=out)
    elif saved:
        print(msg("nothing_to_keep", lang), file=out)
    if args.json:
        print(json.dumps({**result_to_dict(result), "session_id": str(recorder.session_uuid) if kept else None},
                         ensure_ascii=False))
    if not saved:
        raise CliError(msg("storage.unsaved", lang, count=recorder.pending_turns, id=recorder.session_uuid),
                       STORAGE_EXIT_CODE)
    return 0
