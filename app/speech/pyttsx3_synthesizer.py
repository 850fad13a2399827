"""Customer voice through pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSpeech on macOS).

One worker thread creates and drives the engine; nothing else touches it. Prosody goes through the
driver's properties (rate in words per minute, volume 0-1, pitch where the driver has it), which
every pyttsx3 driver understands. One line is rendered per `runAndWait`, because the drivers only
write the last file queued before it. espeak-ng synthesises on its own thread and pyttsx3's
`runAndWait` returns before it is done, so with espeak the worker drives the driver directly and
waits for its "finished-utterance" notification.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import time
import wave
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from app.speech.errors import SynthesisError, VoiceNotFoundError
from app.speech.prosody import SpeechProsody
from app.speech.synthesizer import RenderedSpeech
from app.speech.voices import VoiceInfo, choose_voice
from app.speech.worker_thread import WorkerThread

# espeak-ng is one library instance per process with one synthesis callback: renders from two
# synthesizer objects must not interleave.
_ESPEAK_RENDER_LOCK = threading.Lock()
RENDER_ATTEMPTS = 3


def _quiet(*_args: object, **_kwargs: object) -> None:
    """Stands in for print() inside the espeak driver, which announces every saved file."""


class Pyttsx3Synthesizer:
    engine_name = "pyttsx3"

    def __init__(self, driver_name: str | None = None, line_timeout_s: float = 60.0) -> None:
        self._driver_name = driver_name
        self._line_timeout_s = line_timeout_s
        self._utterance_done = threading.Event()
        self._utterance_completed = True
        self._worker = WorkerThread("tts-pyttsx3")
        self._engine: Any = None
        self._voice_list: list[VoiceInfo] | None = None
        self._errors: list[BaseException] = []
        self._subscriptions: list[Any] = []

    # -- public API: every call returns a future at once --------------------------------------
    def voices(self) -> Future[list[VoiceInfo]]:
        return self._worker.submit(self._list_voices)

    def voice_for(self, lang: str, voice_id: str | None = None) -> Future[VoiceInfo]:
        """The voice for a scenario language (or the given voice id, checked to be installed)."""
        return self._worker.submit(self._voice, lang, voice_id)

    def render(self, text: str, lang: str, prosody: SpeechProsody, out_path: Path,
               voice_id: str | None = None) -> Future[RenderedSpeech]:
        return self._worker.submit(self._render, text, lang, prosody, Path(out_path), voice_id)

    def close(self) -> None:
        self._worker.submit(self._release_engine)
        self._worker.close(wait=True)

    def __enter__(self) -> Pyttsx3Synthesizer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- on the worker thread -----------------------------------------------------------------
    def _engine_instance(self) -> Any:
        if self._engine is not None:
            return self._engine
        try:
            pyttsx3 = importlib.import_module("pyttsx3")
            engine = pyttsx3.Engine(self._driver_name) if self._driver_name else pyttsx3.Engine()
        except Exception as exc:  # ImportError, OSError (no libespeak-ng), RuntimeError (init failed)
            raise SynthesisError("speech.err.tts_unavailable", detail=str(exc) or type(exc).__name__) from exc
        driver_module = getattr(engine.proxy, "_module", None)
        if driver_module is not None and driver_module.__name__.endswith(".espeak"):
            driver_module.print = _quiet  # the driver prints "Audio saved to ..." for every file
        self._subscriptions = [engine.connect("error", self._on_error),
                               engine.connect("finished-utterance", self._on_utterance_finished)]
        self._engine = engine
        return engine

    def _release_engine(self) -> None:
        """Drop the engine now, between renders: its driver clears espeak-ng's process-wide
        callback when it goes, which must not happen while another synthesizer is speaking."""
        if self._engine is None:
            return
        with _ESPEAK_RENDER_LOCK:
            self._wait_until_idle()
            for token in self._subscriptions:
                self._engine.disconnect(token)
            self._subscriptions = []
            self._engine = None

    def _on_error(self, name: object = None, exception: BaseException | None = None, **_: object) -> None:
        self._errors.append(exception or RuntimeError(str(name)))

    def _on_utterance_finished(self, completed: bool = True, **_: object) -> None:
        self._utterance_completed = bool(completed)
        self._utterance_done.set()

    def _wait_until_idle(self, timeout_s: float = 5.0) -> None:
        """espeak-ng still counts as playing for a moment after its last callback; pyttsx3 would
        then cancel the next utterance as soon as it starts."""
        espeak = getattr(getattr(self._engine.proxy, "_module", None), "_espeak", None)
        if espeak is None or not hasattr(espeak, "IsPlaying"):
            return
        deadline = time.monotonic() + timeout_s
        while espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.002)

    def _list_voices(self) -> list[VoiceInfo]:
        if self._voice_list is None:
            engine = self._engine_instance()
            self._voice_list = [
                VoiceInfo(str(v.id), str(v.name or v.id), tuple(str(x) for x in (v.languages or ())))
                for v in engine.getProperty("voices")
            ]
        return self._voice_list

    def _bind_espeak_callback(self) -> None:
        """Point espeak-ng's process-wide synthesis callback at this engine's driver (another
        synthesizer created or destroyed since would otherwise have taken it)."""
        driver = getattr(self._engine.proxy, "_driver", None)
        espeak = getattr(getattr(self._engine.proxy, "_module", None), "_espeak", None)
        if driver is not None and espeak is not None and hasattr(driver, "_onSynth"):
            espeak.SetSynthCallback(driver._onSynth)

    def _voice(self, lang: str, voice_id: str | None) -> VoiceInfo:
        voices = self._list_voices()
        if voice_id is None:
            return choose_voice(voices, lang)
        for voice in voices:
            if voice.id.lower() == voice_id.lower():
                return voice
        raise VoiceNotFoundError("speech.err.voice_rejected", voice=voice_id, detail="not installed")

    def _render(self, text: str, lang: str, prosody: SpeechProsody, out_path: Path,
                voice_id: str | None = None) -> RenderedSpeech:
        if not text.strip():
            raise SynthesisError("speech.err.synthesis_empty", text=text, voice="-")
        voice = self._voice(lang, voice_id)
        engine = self._engine_instance()
        out_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = out_path.with_name(f".{out_path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.wav")
        with _ESPEAK_RENDER_LOCK:
            for _attempt in range(RENDER_ATTEMPTS):
                completed = self._synthesise(engine, text, voice, prosody, temporary)
                if completed:
                    break
            errors = list(self._errors)
            current_voice = self._current_voice(engine)
        if current_voice is not None and current_voice != voice.id.lower():
            temporary.unlink(missing_ok=True)
            raise VoiceNotFoundError("speech.err.voice_rejected", voice=voice.id,
                                     detail="; ".join(str(e) for e in errors) or f"still using {current_voice}")
        return self._finish_file(temporary, out_path, text, lang, voice, prosody, errors)

    def _espeak_driver(self, engine: Any) -> Any:
        module = getattr(engine.proxy, "_module", None)
        driver = getattr(engine.proxy, "_driver", None)
        if module is not None and module.__name__.endswith(".espeak") and hasattr(driver, "_start_synthesis"):
            return driver
        return None

    def _synthesise(self, engine: Any, text: str, voice: VoiceInfo, prosody: SpeechProsody, temporary: Path) -> bool:
        """One utterance to `temporary`; False if the driver reports it as cut short.

        With espeak-ng the driver is called directly on this thread: pyttsx3's command queue would
        otherwise be pumped from espeak's callback thread, racing with the next line's settings."""
        self._errors.clear()
        self._utterance_done.clear()
        self._utterance_completed = True
        driver = self._espeak_driver(engine)
        if driver is not None:
            self._wait_until_idle()
            self._bind_espeak_callback()
            try:
                driver.setProperty("voice", voice.id)
            except ValueError as exc:
                raise VoiceNotFoundError("speech.err.voice_rejected", voice=voice.id, detail=str(exc)) from exc
            driver.setProperty("rate", int(prosody.rate_wpm))
            driver.setProperty("volume", float(prosody.volume))
            driver.setProperty("pitch", int(prosody.pitch))
            driver.save_to_file(text, str(temporary))
            driver._start_synthesis(text)
        else:
            engine.setProperty("voice", voice.id)
            engine.setProperty("rate", int(prosody.rate_wpm))
            engine.setProperty("volume", float(prosody.volume))
            with contextlib.suppress(KeyError, ValueError):  # not every driver has a pitch control
                engine.setProperty("pitch", int(prosody.pitch))
            engine.save_to_file(text, str(temporary))
            engine.runAndWait()
        if not self._utterance_done.wait(self._line_timeout_s):
            self._cancel(engine)
            temporary.unlink(missing_ok=True)
            raise SynthesisError("speech.err.timeout", what="text-to-speech", seconds=self._line_timeout_s)
        self._wait_until_idle()
        return self._utterance_completed

    @staticmethod
    def _cancel(engine: Any) -> None:
        with contextlib.suppress(Exception):
            engine.stop()

    @staticmethod
    def _current_voice(engine: Any) -> str | None:
        try:
            value = engine.getProperty("voice")
        except Exception:
            return None
        return str(value).lower() if value else None

    @staticmethod
    def _finish_file(temporary: Path, out_path: Path, text: str, lang: str, voice: VoiceInfo,
                     prosody: SpeechProsody, errors: list[BaseException]) -> RenderedSpeech:
        try:
            with wave.open(str(temporary), "rb") as wav:
                frames, rate = wav.getnframes(), wav.getframerate()
        except (OSError, EOFError, wave.Error) as exc:
            temporary.unlink(missing_ok=True)
            if errors:
                raise SynthesisError(detail="; ".join(str(e) for e in errors)) from exc
            raise SynthesisError("speech.err.synthesis_empty", text=text, voice=voice.id) from exc
        if frames == 0:
            temporary.unlink(missing_ok=True)
            raise SynthesisError("speech.err.synthesis_empty", text=text, voice=voice.id)
        os.replace(temporary, out_path)
        return RenderedSpeech(out_path, text, lang, voice.id, prosody, frames / rate, rate)
