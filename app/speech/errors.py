"""Errors of the speech layer. Each carries a message key, so every front end can say it in the
trainee's language (`error.text("zh")`); `str(error)` is the English text."""

from __future__ import annotations

from app.texts import msg


class SpeechError(Exception):
    """Base class: a problem to tell the user about in one clear sentence."""

    key = "speech.err.generic"

    def __init__(self, key: str | None = None, **values: object) -> None:
        self.key = key or type(self).key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, lang: str | None = None) -> str:
        return msg(self.key, lang, **self.values)

    def __reduce__(self):
        """Survives pickling (errors come back from the recogniser's process)."""
        return (_rebuild, (type(self), self.key, self.values))


def _rebuild(cls: type[SpeechError], key: str, values: dict[str, object]) -> SpeechError:
    return cls(key, **values)


class AudioFileError(SpeechError):
    """A file that is not usable audio: missing, empty, not a WAV, truncated, unsupported."""

    key = "speech.err.audio_file"


class VoiceNotFoundError(SpeechError):
    """The text-to-speech engine has no voice for a language."""

    key = "speech.err.no_voice"


class SynthesisError(SpeechError):
    """The text-to-speech engine failed or produced no audio."""

    key = "speech.err.synthesis"


class ModelNotFoundError(SpeechError):
    """No usable recognition model where one was expected."""

    key = "speech.err.model_missing"


class ModelImportError(SpeechError):
    """A model archive or folder that cannot be installed (invalid, unsafe, unreadable)."""

    key = "speech.err.model_import"


class RecognizerUnavailableError(SpeechError):
    """No recogniser can serve a language (for example Chinese with no Vosk model)."""

    key = "speech.err.no_recognizer"


class AudioDeviceError(SpeechError):
    """An audio device that cannot be found or opened."""

    key = "speech.err.device"
