"""`roleplay demo`: a whole practice call with no display, through the same engine as the app.

A scripted trainee answers a scenario so that IT staff and trainers can see, on any machine, what a
session looks like: the customer's lines, each reply's score and the session report.
"""

from __future__ import annotations

import argparse

from app.cli.main import CliError
from app.cli.messages import msg
from app.cli.report import format_briefing, format_call_result
from app.cli.scenarios_cmd import load_default_library
from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer

DEMO_CALLS: dict[str, tuple[str, list[str]]] = {
    "en": ("en-complaint-late-parcel", [
        "Mr Price, I'm really sorry, I can hear how frustrating this is after calling three times. "
        "So the headphones you ordered on the 15th with express delivery still haven't arrived, is that right?",
        "The parcel is stuck because the regional depot has a sorting backlog, and nobody updated you. I apologise.",
        "Here is what I'm doing now: I'll refund the express fee and send a replacement by next day courier, "
        "and I'll email you the tracking number within the hour.",
        "Thank you for your patience, Mr Price. Is there anything else I can help you with?",
    ]),
    "zh": ("zh-complaint-lost-baggage", [
        "赵先生，真的非常抱歉，行李三天没消息，里面还有后天要用的标书，换谁都会着急。"
        "我跟您确认一下，您的行李牌号是482913，对吗？",
        "没找到是因为转机时行李被错装到了别的航班，这是我们的失误。",
        "我现在就给您升级为加急查找，安排专人跟进，今天下午六点前我亲自给您回电，找到后直接送到酒店。",
        "感谢您的耐心，请问还有其他需要我帮您的吗？",
    ]),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="play a scripted practice call with no display")
    parser.add_argument("--lang", choices=sorted(DEMO_CALLS), default=None,
                        help="language of the demo call (default: both)")
    parser.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace) -> int:
    library = load_default_library()
    for lang in [args.lang] if args.lang else sorted(DEMO_CALLS):
        scenario_id, replies = DEMO_CALLS[lang]
        if scenario_id not in library.scenarios:
            raise CliError(msg("err.no_scenario", lang, id=scenario_id))
        scenario = library.scenarios[scenario_id]
        clock = ManualClock()
        session = CallSession(scenario, ReplyScorer(), clock)
        print(format_briefing(scenario))
        line = session.start()
        for reply in replies:
            print(f"{msg('customer', lang)} [{msg('intensity', lang)} {line.intensity}]: {line.text}")
            clock.advance(1.5)
            turn = session.reply(reply)
            print(f"{msg('you', lang)}: {reply}\n    -> {turn.score.overall}/100")
            if session.finished:
                break
            line = session.current_line
        result = session.result or session.hang_up()
        if result.final_line is not None:
            print(f"{msg('customer', lang)}: {result.final_line.text}")
        print(format_call_result(result, lang))
        print()
    return 0
