"""Qt audio states and errors compared by name: PySide6 has both `QAudio` and (from 6.7) `QtAudio`
enums, which do not compare equal to each other."""

from __future__ import annotations


def state_is(state: object, name: str) -> bool:
    return getattr(state, "name", str(state)).endswith(name)


def has_error(qt_audio_object: object) -> bool:
    error = qt_audio_object.error()  # type: ignore[attr-defined]
    return not getattr(error, "name", str(error)).endswith("NoError")
