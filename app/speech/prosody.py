"""The customer's voice prosody: the persona's emotion and voice hints, as engine settings.

angry: faster and louder; anxious: fast with a higher pitch; disappointed: slow, low and quiet.
A scenario's `persona.voice` multipliers win; a persona left at the neutral 1.0 gets its emotion's
defaults.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from app.domain.scenarios.schema import Emotion, Persona, Prosody

# espeak-ng's neutral values: 175 words per minute, pitch 50 (0-100), amplitude 100 (0-200).
NEUTRAL_RATE_WPM = 175
NEUTRAL_PITCH = 50
NEUTRAL_VOLUME = 1.0

EMOTION_DEFAULTS: dict[Emotion, Prosody] = {
    Emotion.ANGRY: Prosody(rate=1.2, pitch=1.05, volume=1.0),
    Emotion.ANXIOUS: Prosody(rate=1.15, pitch=1.2, volume=0.85),
    Emotion.DISAPPOINTED: Prosody(rate=0.85, pitch=0.85, volume=0.65),
}


@dataclass(frozen=True)
class SpeechProsody:
    """Engine settings for one voice: words per minute, pitch 0-100, volume 0.0-1.0."""

    rate_wpm: int = NEUTRAL_RATE_WPM
    pitch: int = NEUTRAL_PITCH
    volume: float = NEUTRAL_VOLUME

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_multipliers(cls, hints: Prosody) -> SpeechProsody:
        return cls(
            rate_wpm=int(round(NEUTRAL_RATE_WPM * hints.rate)),
            pitch=int(round(max(0, min(100, NEUTRAL_PITCH * hints.pitch)))),
            volume=round(max(0.05, min(1.0, NEUTRAL_VOLUME * hints.volume)), 3),
        )


def customer_prosody(persona: Persona) -> SpeechProsody:
    hints = persona.voice
    if hints == Prosody():
        hints = EMOTION_DEFAULTS[persona.emotion]
    return SpeechProsody.from_multipliers(hints)


def emotion_prosody(emotion: Emotion | str) -> SpeechProsody:
    return SpeechProsody.from_multipliers(EMOTION_DEFAULTS[Emotion(emotion)])


def trainee_prosody(rate_wpm: int = 150) -> SpeechProsody:
    """A calm, clear voice for scripted trainee replies (the demo and the tests)."""
    return SpeechProsody(rate_wpm=rate_wpm, pitch=NEUTRAL_PITCH, volume=NEUTRAL_VOLUME)
