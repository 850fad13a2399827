"""Qt audio states and errors compared by name: PySide6 has both `QAudio` and (from 6.7) `QtAudio`
enums, which do not compare equal to each other."""

from __future__ import annotations

from typing import Protocol


class _Reports(Protocol):
    """A Qt audio object with an `error()` (QAudioSource, QAudioSink)."""

    def error(self) -> object: ...


def state_is(state: object, name: str) -> bool:
    return getattr(state, "name", str(state)).endswith(name)


def has_error(qt_audio_object: _Reports) -> bool:
    error = qt_audio_object.error()
    return not getattr(error, "name", str(error)).endswith("NoError")
