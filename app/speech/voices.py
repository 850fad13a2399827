"""Choosing a text-to-speech voice for a scenario language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.speech.errors import VoiceNotFoundError

# Language tags each scenario language accepts, best first. espeak-ng calls Mandarin "cmn".
PREFERRED_LANGUAGE_TAGS: dict[str, tuple[str, ...]] = {
    "en": ("en-us", "en-gb", "en"),
    "zh": ("cmn", "zh-cn", "zh", "cmn-latn-pinyin", "zh-tw"),
}


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    languages: tuple[str, ...]


def _matches(voice: VoiceInfo, tag: str) -> bool:
    return any(lang.lower().replace("_", "-") == tag for lang in voice.languages)


def choose_voice(voices: Sequence[VoiceInfo], lang: str) -> VoiceInfo:
    """The best installed voice for `lang` ("en", "zh"); VoiceNotFoundError when there is none."""
    tags = PREFERRED_LANGUAGE_TAGS.get(lang, (lang,))
    for tag in tags:
        for voice in voices:
            if _matches(voice, tag) or voice.id.lower() == tag:
                return voice
    prefix = tags[0].split("-")[0]
    for voice in voices:
        if any(lang_tag.lower().startswith(prefix + "-") for lang_tag in voice.languages):
            return voice
    tags_installed = sorted({v.languages[0] for v in voices if v.languages})
    available = ", ".join(tags_installed[:12]) + (f", ... ({len(tags_installed)})" if len(tags_installed) > 12 else "")
    raise VoiceNotFoundError(lang_name=f"@lang.{lang}" if lang in PREFERRED_LANGUAGE_TAGS else lang,
                             available=available or "-")
