"""The customer's voice at run time: a line plays from the pre-rendered `assets/audio/` when it is
there, otherwise it is rendered live and cached in the user cache folder for next time."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from app.domain.scenarios.schema import Scenario
from app.resources import audio_dir
from app.speech.audio_manifest import AudioManifest, ManifestEntry, line_file, line_key
from app.speech.locations import rendered_audio_cache_dir
from app.speech.prosody import SpeechProsody, customer_prosody
from app.speech.synthesizer import SpeechSynthesizer
from app.speech.worker_thread import WorkerThread


@dataclass(frozen=True)
class CustomerLineAudio:
    path: Path
    key: str
    voice_id: str
    source: str  # "bundled" (assets/audio), "cache" (rendered earlier) or "rendered" (just now)


class CustomerVoice:
    """Finds or renders the WAV for a customer line. `audio_for` returns a future at once; the
    lookup and any rendering happen on this object's worker thread and the synthesizer's."""

    def __init__(self, synthesizer: SpeechSynthesizer, bundled_dir: Path | None = None,
                 cache_dir: Path | None = None) -> None:
        self.synthesizer = synthesizer
        self.bundled_dir = Path(bundled_dir) if bundled_dir is not None else audio_dir()
        self.cache_dir = Path(cache_dir) if cache_dir is not None else rendered_audio_cache_dir()
        self._bundled: AudioManifest | None = None
        self._cache: AudioManifest | None = None
        self._cache_lock = threading.Lock()
        self._worker = WorkerThread("customer-voice")

    def audio_for(self, text: str, lang: str, prosody: SpeechProsody,
                  voice_id: str | None = None) -> Future[CustomerLineAudio]:
        return self._worker.submit(self._audio_for, text, lang, prosody, voice_id)

    def audio_for_scenario_line(self, scenario: Scenario, text: str,
                                voice_id: str | None = None) -> Future[CustomerLineAudio]:
        return self.audio_for(text, scenario.language.value, customer_prosody(scenario.persona), voice_id)

    def close(self) -> None:
        self._worker.close()

    # -- on the worker thread -----------------------------------------------------------------
    def _audio_for(self, text: str, lang: str, prosody: SpeechProsody, voice_id: str | None) -> CustomerLineAudio:
        voice = self.synthesizer.voice_for(lang, voice_id).result()
        key = line_key(text, voice.id, prosody, self.synthesizer.engine_name)
        if self._bundled is None:
            self._bundled = AudioManifest.load(self.bundled_dir)
        bundled = self._bundled.path_for(key)
        if bundled is not None:
            return CustomerLineAudio(bundled, key, voice.id, "bundled")
        with self._cache_lock:
            if self._cache is None:
                self._cache = AudioManifest.load(self.cache_dir)
            cached = self._cache.path_for(key)
        if cached is not None:
            return CustomerLineAudio(cached, key, voice.id, "cache")
        relative = line_file(lang, key)
        rendered = self.synthesizer.render(text, lang, prosody, self.cache_dir / relative, voice.id).result()
        with self._cache_lock:
            assert self._cache is not None
            self._cache.entries[key] = ManifestEntry(
                relative, text, lang, voice.id, self.synthesizer.engine_name, prosody.to_dict(),
                round(rendered.duration_s, 3))
            self._cache.save()
        return CustomerLineAudio(rendered.path, key, voice.id, "rendered")
