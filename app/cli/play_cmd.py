"""`roleplay play SCENARIO_ID --text`: a whole call in the terminal, replies typed or piped."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING

from app.cli.main import CliError
from app.cli.messages import msg
from app.cli.report import format_briefing, format_call_result
from app.cli.scenarios_cmd import load_default_library
from app.cli.storage_support import (
    STORAGE_EXIT_CODE,
    add_database_option,
    open_cli_repository,
    storage_cli_error,
    storage_message,
    warn,
)
from app.domain.dialogue import CallResult, CallSession, SystemClock
from app.domain.scoring import ReplyScorer

if TYPE_CHECKING:
    from app.storage import CallRecorder, StorageError

HANG_UP = "/hangup"
# Waits before each further attempt to save what is left at the end of a call.
FINAL_SAVE_RETRIES_S = (1.0, 2.0, 4.0)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("play", help="play a whole call in the terminal")
    parser.add_argument("scenario_id", metavar="SCENARIO_ID")
    parser.add_argument("--text", action="store_true", required=True,
                        help="type (or pipe) the replies, one per line")
    parser.add_argument("--json", action="store_true", help="end with the session report as JSON")
    parser.add_argument("--trainee", metavar="NAME",
                        help="whose session this is (default: the settings' trainee, else your user name)")
    add_database_option(parser)
    parser.set_defaults(handler=play_command)


def result_to_dict(result: CallResult) -> dict:
    return {
        "scenario": result.scenario_id,
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
                "intensity_before": t.intensity_before,
                "intensity_after": t.intensity_after,
            }
            for t in result.turns
        ],
        "final_line": result.final_line.text if result.final_line else None,
    }


def _save(action, recorder: CallRecorder, lang: str) -> bool:  # type: ignore[no-untyped-def]
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


def play_command(args: argparse.Namespace) -> int:
    from app.storage import CallRecorder, StorageError, default_trainee_name

    library = load_default_library()
    if args.scenario_id not in library.scenarios:
        raise CliError(msg("err.no_scenario", id=args.scenario_id))
    scenario = library.scenarios[args.scenario_id]
    lang = scenario.language.value
    repository = open_cli_repository(args.database, lang)
    recorder = CallRecorder(repository, args.trainee or default_trainee_name(), scenario)
    try:
        recorder.start()
    except StorageError as error:
        raise storage_cli_error(error, lang) from error
    session = CallSession(scenario, ReplyScorer(), SystemClock())
    interactive = sys.stdin.isatty()
    print(format_briefing(scenario))
    print()
    line = session.start()
    while not session.finished:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {line.intensity}]: {line.text}", flush=True)
        if interactive:
            print(f"{msg('reply_prompt', lang)}:")
        raw = sys.stdin.readline()
        if raw == "" or raw.strip() == HANG_UP:
            session.hang_up()
            break
        reply = raw.rstrip("\n")
        if not interactive:
            print(f"{msg('you', lang)}: {reply}")
        turn = session.reply(reply)
        _save(lambda turn=turn: recorder.record_turn(turn, recogniser="typed"), recorder, lang)
        print(f"    -> {turn.score.overall}/100; {turn.score.tips[0] if turn.score.tips else ''}", flush=True)
        line = session.current_line
    result = session.result
    assert result is not None
    if result.final_line is not None:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {result.final_line.intensity}]: {result.final_line.text}")
    saved = _finish_saving(recorder, result, lang)
    print()
    print(format_call_result(result, lang))
    if saved:
        print(f"{msg('stored_as', lang)}: {recorder.session_uuid}")
    if args.json:
        print(json.dumps({**result_to_dict(result), "session_id": str(recorder.session_uuid) if saved else None},
                         ensure_ascii=False))
    if not saved:
        raise CliError(msg("storage.unsaved", lang, count=recorder.pending_turns, id=recorder.session_uuid),
                       STORAGE_EXIT_CODE)
    return 0
