"""`roleplay play SCENARIO_ID --text`: a whole call in the terminal, replies typed or piped."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.main import CliError
from app.cli.messages import msg
from app.cli.report import format_briefing, format_call_result
from app.cli.scenarios_cmd import load_default_library
from app.domain.dialogue import CallResult, CallSession, SystemClock
from app.domain.scoring import ReplyScorer

HANG_UP = "/hangup"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("play", help="play a whole call in the terminal")
    parser.add_argument("scenario_id", metavar="SCENARIO_ID")
    parser.add_argument("--text", action="store_true", required=True,
                        help="type (or pipe) the replies, one per line")
    parser.add_argument("--json", action="store_true", help="end with the session report as JSON")
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


def play_command(args: argparse.Namespace) -> int:
    library = load_default_library()
    if args.scenario_id not in library.scenarios:
        raise CliError(msg("err.no_scenario", id=args.scenario_id))
    scenario = library.scenarios[args.scenario_id]
    lang = scenario.language.value
    session = CallSession(scenario, ReplyScorer(), SystemClock())
    interactive = sys.stdin.isatty()
    print(format_briefing(scenario))
    print()
    line = session.start()
    while not session.finished:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {line.intensity}]: {line.text}")
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
        print(f"    -> {turn.score.overall}/100; {turn.score.tips[0] if turn.score.tips else ''}")
        line = session.current_line
    result = session.result
    assert result is not None
    if result.final_line is not None:
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {result.final_line.intensity}]: {result.final_line.text}")
    print()
    print(format_call_result(result, lang))
    if args.json:
        print(json.dumps(result_to_dict(result), ensure_ascii=False))
    return 0
