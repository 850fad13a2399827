"""Translated names of the domain's codes (emotions, families, stages, outcomes…) for display.

Each name is written out as a literal `translate("Labels", …)` call so that `pyside6-lupdate`
finds it. Unknown codes are shown as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def emotion_name(code: str) -> str:
    names = {
        "angry": QCoreApplication.translate("Labels", "Angry"),
        "anxious": QCoreApplication.translate("Labels", "Anxious"),
        "disappointed": QCoreApplication.translate("Labels", "Disappointed"),
    }
    return names.get(code, code)


def family_name(code: str) -> str:
    names = {
        "complaint": QCoreApplication.translate("Labels", "Complaint"),
        "enquiry": QCoreApplication.translate("Labels", "Enquiry"),
        "follow_up": QCoreApplication.translate("Labels", "Follow-up"),
        "retention": QCoreApplication.translate("Labels", "Retention"),
    }
    return names.get(code, code)


def language_name(code: str) -> str:
    names = {
        "en": QCoreApplication.translate("Labels", "English"),
        "zh": QCoreApplication.translate("Labels", "Chinese"),
    }
    return names.get(code, code)


def difficulty_name(level: int) -> str:
    names = {
        1: QCoreApplication.translate("Labels", "Level 1 (easy)"),
        2: QCoreApplication.translate("Labels", "Level 2 (medium)"),
        3: QCoreApplication.translate("Labels", "Level 3 (hard)"),
    }
    return names.get(level, str(level))


def dimension_name(code: str) -> str:
    names = {
        "overall": QCoreApplication.translate("Labels", "Overall"),
        "empathy": QCoreApplication.translate("Labels", "Empathy"),
        "forbidden": QCoreApplication.translate("Labels", "Wording"),
        "structure": QCoreApplication.translate("Labels", "Structure"),
        "pace": QCoreApplication.translate("Labels", "Pace"),
    }
    return names.get(code, code)


def call_item_name(code: str) -> str:
    """An item of the call score (app.domain.scoring.call_score.CALL_ITEMS)."""
    names = {
        "first_empathy": QCoreApplication.translate("Labels", "Empathy in the first reply"),
        "hostile_acknowledged": QCoreApplication.translate("Labels", "Feelings acknowledged while hostile"),
        "restated": QCoreApplication.translate("Labels", "Restated and confirmed"),
        "cause": QCoreApplication.translate("Labels", "Cause explained"),
        "remedy": QCoreApplication.translate("Labels", "A remedy policy allows"),
        "ownership_time": QCoreApplication.translate("Labels", "Ownership and a time"),
        "closed_loop": QCoreApplication.translate("Labels", "Loop closed"),
        "clean_wording": QCoreApplication.translate("Labels", "Clean wording"),
        "pace": QCoreApplication.translate("Labels", "Pace in band"),
        "first_response": QCoreApplication.translate("Labels", "First response in time"),
        "outcome": QCoreApplication.translate("Labels", "Outcome"),
    }
    return names.get(code) or dimension_name(code)


def rubric_item_name(code: str) -> str:
    """What one reply can show (app.domain.scoring.items.ITEM_NAMES)."""
    names = {
        "acknowledge": QCoreApplication.translate("Labels", "acknowledge the feeling"),
        "restate": QCoreApplication.translate("Labels", "restate and confirm"),
        "cause": QCoreApplication.translate("Labels", "the cause"),
        "remedy": QCoreApplication.translate("Labels", "a policy remedy"),
        "ownership": QCoreApplication.translate("Labels", "ownership"),
        "timeline": QCoreApplication.translate("Labels", "a time"),
        "closing": QCoreApplication.translate("Labels", "close the loop"),
        "holding": QCoreApplication.translate("Labels", "a holding phrase"),
    }
    return names.get(code, code)


def reply_stage_name(code: str) -> str:
    names = {
        "acknowledge": QCoreApplication.translate("Labels", "acknowledge"),
        "restate": QCoreApplication.translate("Labels", "restate"),
        "cause": QCoreApplication.translate("Labels", "cause"),
        "solution": QCoreApplication.translate("Labels", "solution"),
        "next_step": QCoreApplication.translate("Labels", "next step"),
        "closing": QCoreApplication.translate("Labels", "closing"),
    }
    return names.get(code, code)


def mood_name(code: str) -> str:
    names = {
        "calm": QCoreApplication.translate("Labels", "Calm"),
        "tense": QCoreApplication.translate("Labels", "Tense"),
        "hostile": QCoreApplication.translate("Labels", "Hostile"),
    }
    return names.get(code, code)


def outcome_name(code: str | None) -> str:
    names = {
        "resolved": QCoreApplication.translate("Labels", "Resolved"),
        "escalated": QCoreApplication.translate("Labels", "Escalated to a manager"),
        "abandoned": QCoreApplication.translate("Labels", "Ended without a resolution"),
        None: QCoreApplication.translate("Labels", "Not finished"),
    }
    return names.get(code, code or "")


def end_reason_text(code: str) -> str:
    names = {
        "manager_requested": QCoreApplication.translate("Labels", "The customer asked for a manager."),
        "agreed": QCoreApplication.translate(
            "Labels", "A solution and a next step were agreed with a calm customer."),
        "repeated_silence": QCoreApplication.translate("Labels", "The customer gave up after repeated silence."),
        "out_of_turns": QCoreApplication.translate("Labels", "The call ran out of turns without a resolution."),
        "trainee_hung_up": QCoreApplication.translate("Labels", "You hung up."),
        "window_closed": QCoreApplication.translate("Labels", "Interrupted: the window was closed mid-call."),
    }
    return names.get(code, code)


def session_status_name(code: str) -> str:
    names = {
        "in_progress": QCoreApplication.translate("Labels", "in progress"),
        "completed": QCoreApplication.translate("Labels", "completed"),
        "interrupted": QCoreApplication.translate("Labels", "interrupted"),
    }
    return names.get(code, code)


def recommendation_reason_text(code: str, dimension: str | None, level: int) -> str:
    dim = dimension_name(dimension) if dimension else ""
    if code == "first_call":
        return QCoreApplication.translate("Labels", "A good first call: an easy level to start with.")
    if code == "level_up":
        text = QCoreApplication.translate("Labels", "You passed level {passed}: next level, practising {dimension}.")
        return text.format(passed=level, dimension=dim or dimension_name("overall"))
    text = QCoreApplication.translate("Labels", "Practise your weakest area: {dimension}.")
    return text.format(dimension=dim or dimension_name("overall"))


def voice_name(tag: str, engine_name: str) -> str:
    """A text-to-speech voice as a trainee reads it: its accent in the UI language, not the
    engine's own description ("latin as Pinyin")."""
    names = {
        "en-us": QCoreApplication.translate("Labels", "American English"),
        "en-us-nyc": QCoreApplication.translate("Labels", "American English (New York)"),
        "en-gb": QCoreApplication.translate("Labels", "British English"),
        "en-gb-x-rp": QCoreApplication.translate("Labels", "British English (Received Pronunciation)"),
        "en-gb-scotland": QCoreApplication.translate("Labels", "Scottish English"),
        "en-gb-x-gbclan": QCoreApplication.translate("Labels", "Northern English (Lancaster)"),
        "en-gb-x-gbcwmd": QCoreApplication.translate("Labels", "English (West Midlands)"),
        "en-029": QCoreApplication.translate("Labels", "Caribbean English"),
        "cmn": QCoreApplication.translate("Labels", "Mandarin Chinese"),
        "cmn-latn-pinyin": QCoreApplication.translate("Labels", "Mandarin Chinese (reads Pinyin)"),
        "zh-cn": QCoreApplication.translate("Labels", "Mandarin Chinese"),
        "yue": QCoreApplication.translate("Labels", "Cantonese"),
        "hak": QCoreApplication.translate("Labels", "Hakka"),
    }
    return names.get(tag.lower(), engine_name)


def pace_unit_name(code: str | None) -> str:
    names = {
        "wpm": QCoreApplication.translate("Labels", "words/min"),
        "cpm": QCoreApplication.translate("Labels", "chars/min"),
    }
    return names.get(code or "", code or "")
