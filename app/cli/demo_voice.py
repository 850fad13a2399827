"""The spoken part of `roleplay demo`: the customer's lines through text-to-speech, and the scripted
trainee replies spoken by text-to-speech into WAV files, recognised and scored with word timings.

Everything goes through files, so it works with no display and no audio device. Whatever is
missing (no espeak-ng, no Chinese model) is said and the demo carries on with text.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.domain.scenarios import Scenario
from app.speech.customer_voice import CustomerLineAudio
from app.speech.errors import SpeechError
from app.speech.pcm import load_speech_audio
from app.speech.prosody import trainee_prosody
from app.speech.recognizer import Transcript
from app.speech.voice_session import VoiceSession

TIMEOUT_S = 300.0
TRAINEE_RATE_WPM = 150


@dataclass(frozen=True)
class HeardReply:
    transcript: Transcript
    recording: Path


class DemoVoice:
    """Opened once per demo over the one `VoiceSession` the desktop app uses too; `prepare(lang)`
    says what is available for that language."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.session = VoiceSession()
        self._tts_problem: str | None = None
        self._workdir = tempfile.TemporaryDirectory(prefix="roleplay-demo-")
        self._count = 0

    def __enter__(self) -> DemoVoice:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.session.close()
        self._workdir.cleanup()

    def prepare(self, lang: str) -> tuple[str | None, str | None]:
        """(voice id or None with the reason, recogniser description or None with the reason)."""
        if not self.enabled:
            return None, None
        voice, voice_problem = self._voice(lang)
        if voice is None:
            return None, voice_problem
        try:
            self.session.recognizer(lang, TIMEOUT_S)
        except SpeechError as exc:
            return voice, exc.text(lang)
        return voice, None

    def describe_recognizer(self, lang: str) -> str:
        worker = self.session.loaded_recognizer(lang)
        assert worker is not None and worker.choice is not None
        return worker.choice.describe(lang)

    def can_hear(self, lang: str) -> bool:
        return self.session.loaded_recognizer(lang) is not None

    def _voice(self, lang: str) -> tuple[str | None, str | None]:
        if self._tts_problem is not None:
            return None, self._tts_problem
        try:
            synthesizer, _customer = self.session.voice()
            return synthesizer.voice_for(lang).result(TIMEOUT_S).id, None
        except SpeechError as exc:
            if exc.key == "speech.err.tts_unavailable":
                self._tts_problem = exc.text(lang)
            return None, exc.text(lang)

    def customer_line(self, scenario: Scenario, text: str) -> CustomerLineAudio | None:
        if self._tts_problem is not None or not self.enabled:
            return None
        try:
            return self.session.voice()[1].audio_for_scenario_line(scenario, text).result(TIMEOUT_S)
        except SpeechError:
            return None

    def hear(self, text: str, lang: str) -> HeardReply | None:
        """Speak `text` into a WAV file as the trainee, then recognise it."""
        worker = self.session.loaded_recognizer(lang)
        if not self.enabled or self._tts_problem is not None or worker is None:
            return None
        self._count += 1
        path = Path(self._workdir.name) / f"reply-{lang}-{self._count}.wav"
        try:
            synthesizer, _customer = self.session.voice()
            synthesizer.render(text, lang, trainee_prosody(TRAINEE_RATE_WPM), path).result(TIMEOUT_S)
            transcript = worker.transcribe(load_speech_audio(path)).result(TIMEOUT_S)
        except SpeechError:
            return None
        return HeardReply(transcript, path)
