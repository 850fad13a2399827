"""The text-to-speech contract the GUI, the CLI and the tests share."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.speech.prosody import SpeechProsody
from app.speech.voices import VoiceInfo


@dataclass(frozen=True)
class RenderedSpeech:
    path: Path
    text: str
    lang: str
    voice_id: str
    prosody: SpeechProsody
    duration_s: float
    sample_rate: int


class SpeechSynthesizer(Protocol):
    """Renders lines to WAV files on its own worker thread. Every method returns at once."""

    engine_name: str

    def voices(self) -> Future[list[VoiceInfo]]: ...

    def voice_for(self, lang: str, voice_id: str | None = None) -> Future[VoiceInfo]:
        """The voice used for a scenario language (or the voice `voice_id`, checked); fails with
        VoiceNotFoundError when there is none."""
        ...

    def render(self, text: str, lang: str, prosody: SpeechProsody, out_path: Path,
               voice_id: str | None = None) -> Future[RenderedSpeech]: ...

    def close(self) -> None: ...
