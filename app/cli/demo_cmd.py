"""`roleplay demo`: a whole practice call with no display, through the same engine as the app.

A scripted trainee answers a scenario so that IT staff and trainers can see, on any machine, what a
session looks like: the customer's lines, each reply's score and the session report.
"""

from __future__ import annotations

import argparse

from app.cli.demo_voice import DemoVoice
from app.cli.errors import CliError
from app.cli.report import format_briefing, format_call_result
from app.cli.scenarios_cmd import load_default_library
from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer
from app.texts import msg

PAUSE_BEFORE_REPLY_S = 1.5

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
    parser.add_argument("--text-only", action="store_true",
                        help="no speech: score the scripted replies as typed text")
    parser.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace) -> int:
    library = load_default_library()
    with DemoVoice(enabled=not args.text_only) as voice:
        for lang in [args.lang] if args.lang else sorted(DEMO_CALLS):
            scenario_id, replies = DEMO_CALLS[lang]
            if scenario_id not in library.scenarios:
                raise CliError(msg("err.no_scenario", lang, id=scenario_id))
            demo_call(library.scenarios[scenario_id], replies, lang, voice)
    return 0


def demo_call(scenario, replies: list[str], lang: str, voice: DemoVoice) -> None:
    clock = ManualClock()
    session = CallSession(scenario, ReplyScorer(), clock)
    print(format_briefing(scenario))
    if voice.enabled:
        voice_id, problem = voice.prepare(lang)
        if voice_id is None:
            print(msg("demo.no_tts", lang, reason=problem))
        else:
            print(msg("demo.voice", lang, voice=voice_id))
        if voice.can_hear(lang):
            print(voice.describe_recognizer(lang))
        else:
            print(msg("demo.typed", lang, reason=problem or "-"))
    line = session.start()
    for reply in replies:
        audio = voice.customer_line(scenario, line.text)
        extra = ""
        if audio is not None:
            seconds = load_seconds(audio.path)
            extra = f"  ({msg('demo.line_audio', lang, seconds=seconds, source=msg('demo.source.' + audio.source, lang))})"
        print(f"{msg('customer', lang)} [{msg('intensity', lang)} {line.intensity}]: {line.text}{extra}")
        session.customer_finished_speaking()
        clock.advance(PAUSE_BEFORE_REPLY_S)
        heard = voice.hear(reply, lang)
        if heard is None:
            turn = session.reply(reply)
            print(f"{msg('you', lang)}: {reply}\n    -> {turn.score.overall}/100")
        else:
            transcript = heard.transcript
            first = transcript.first_word_start or 0.0
            turn = session.reply(transcript.text, transcript.word_timings(), PAUSE_BEFORE_REPLY_S + first)
            print(f"{msg('you', lang)} ({msg('demo.said', lang)}): {reply}")
            print(f"    {msg('demo.heard', lang)}: {transcript.text}")
            pace = turn.score.pace
            pace_text = ""
            if pace is not None:
                pace_text = "; " + msg("demo.pace", lang, rate=pace.details["rate"], unit=pace.details["unit"],
                                       latency=pace.details["latency_s"])
            print(f"    -> {turn.score.overall}/100{pace_text}")
        if session.finished:
            break
        current = session.current_line
        assert current is not None  # a started call always has the customer's current line
        line = current
    result = session.result or session.hang_up()
    if result.final_line is not None:
        print(f"{msg('customer', lang)}: {result.final_line.text}")
    print(format_call_result(result, lang))
    print()


def load_seconds(path) -> float:
    import wave

    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()
    except (OSError, EOFError, wave.Error):
        return 0.0
