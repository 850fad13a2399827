"""Which recogniser serves a language: Vosk when a model is installed; otherwise, for English, the
model the pocketsphinx wheel ships; Chinese without a Vosk model falls back to typed replies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.speech.errors import RecognizerUnavailableError
from app.speech.pocketsphinx_recognizer import PocketsphinxRecognizer
from app.speech.recognizer import ENGINE_POCKETSPHINX, ENGINE_VOSK, ENGINES, Recognizer
from app.speech.vosk_models import ModelLocation, find_vosk_model
from app.speech.vosk_recognizer import VoskRecognizer
from app.texts import import_hint, msg


@dataclass(frozen=True)
class RecognizerChoice:
    engine: str
    lang: str
    model: ModelLocation | None = None

    def describe(self, ui_lang: str | None = None) -> str:
        """The line the UI and the CLI show: which engine (and model) is in use."""
        if self.engine == ENGINE_VOSK and self.model is not None:
            return msg("engine.vosk", ui_lang, model=self.model.name)
        return msg("engine.pocketsphinx", ui_lang)

    @property
    def label(self) -> str:
        """What a stored turn records as its recogniser: the engine and its model."""
        if self.engine == ENGINE_VOSK and self.model is not None:
            return f"{ENGINE_VOSK}:{self.model.name}"
        return f"{ENGINE_POCKETSPHINX}:{self.lang}"

    def create(self) -> Recognizer:
        """Blocking (a Vosk model loads in seconds): call it on a worker thread."""
        if self.engine == ENGINE_VOSK:
            assert self.model is not None
            return VoskRecognizer(self.model.path, self.lang)
        return PocketsphinxRecognizer(self.lang)


def _lang_name(lang: str) -> str:
    return f"@lang.{lang}" if lang in ("en", "zh") else lang


def choose_recognizer(lang: str, engine: str | None = None, model_path: str | Path | None = None) -> RecognizerChoice:
    """Only looks at files, so it is quick. Raises RecognizerUnavailableError with the way out
    (which model to import) when nothing can recognise `lang`."""
    if engine is not None and engine not in ENGINES:
        raise RecognizerUnavailableError("speech.err.unknown_engine", engine=engine)
    if engine == ENGINE_POCKETSPHINX:
        if lang != "en":
            raise RecognizerUnavailableError("speech.err.engine_lang", engine=ENGINE_POCKETSPHINX,
                                             lang_name=_lang_name(lang))
        return RecognizerChoice(ENGINE_POCKETSPHINX, lang)
    model = find_vosk_model(lang, model_path)
    if model is not None:
        return RecognizerChoice(ENGINE_VOSK, lang, model)
    if engine == ENGINE_VOSK:
        raise RecognizerUnavailableError("speech.err.no_vosk_model", lang_name=_lang_name(lang), hint=import_hint(lang))
    if lang == "en":
        return RecognizerChoice(ENGINE_POCKETSPHINX, lang)
    if lang == "zh":
        raise RecognizerUnavailableError("speech.err.zh_needs_model", hint=import_hint("zh"))
    raise RecognizerUnavailableError("speech.err.no_recognizer", lang_name=_lang_name(lang))
