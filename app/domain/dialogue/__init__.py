"""The dialogue engine: a call session driven by scored replies and an injected clock."""

from app.domain.dialogue.engine import (
    CallResult,
    CallSession,
    Clock,
    CustomerLine,
    EndReason,
    ManualClock,
    MoodTuning,
    SystemClock,
    Turn,
    mood_change,
)

__all__ = [
    "CallResult", "CallSession", "Clock", "CustomerLine", "EndReason", "ManualClock", "MoodTuning", "SystemClock", "Turn",
    "mood_change",
]
