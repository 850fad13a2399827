"""The services the app runs on, gathered in one object that is passed down (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.dialogue import Clock
from app.domain.scoring import ReplyScorer
from app.resources import scenarios_dir
from app.resources import user_cache_dir as cache_dir
from app.settings import SettingsFile
from app.ui.ports import ClipPlayer, SessionStore, TraineePins, TrainerStore, VoiceServices


@dataclass
class AppServices:
    store: SessionStore | None = None  # None: nothing is saved, and the app says so
    voice: VoiceServices | None = None  # None: typed replies and subtitles only, and the app says so
    scenario_paths: list[Path] = field(default_factory=lambda: [scenarios_dir()])
    settings_file: SettingsFile = field(default_factory=SettingsFile)
    scorer: ReplyScorer = field(default_factory=ReplyScorer)
    clock: Clock | None = None  # None: the system's monotonic clock
    problems: list[str] = field(default_factory=list)  # why a service is missing, shown at start-up
    trainer_store: TrainerStore | None = None  # the trainer workspace's storage (None: no workspace)
    pins: TraineePins | None = None  # trainee PINs (None: a profile is picked by its name alone)
    # makes the replay's audio player from (output device of the settings, UI language); None: silent
    clip_player: Callable[[str | None, str], ClipPlayer] | None = None

    def close(self) -> None:
        """Release what the services hold (recogniser processes, the TTS thread, the database)."""
        for service in (self.voice, self.store):
            close = getattr(service, "close", None)
            if close is not None:
                close()


def production_services(ui_language: str | None = None) -> AppServices:
    """The services of `roleplay gui`: the session database (`app/storage/`) and the voice
    (`app/speech/` + `app/audio/`). A database that cannot be opened leaves the app usable, with
    sessions not saved and the reason shown; it is never silently replaced by another one."""
    from app.scoring_settings import configured_scorer
    from app.texts import msg, text_lang
    from app.ui.adapters.storage_adapter import open_session_store
    from app.ui.adapters.voice_adapter import QtVoiceServices

    lang = text_lang(ui_language or "en")

    services = AppServices()
    services.scorer, scoring_problem = configured_scorer()
    if scoring_problem:
        services.problems.append(msg("scoring.bad_settings", lang, error=scoring_problem))
    services.store, problem = open_session_store(cache_dir() / "replay", lang)
    if problem:
        services.problems.append(problem)
    services.voice = QtVoiceServices(ui_lang=lang)
    if services.store is not None:
        from app.audio.clip_player import QtClipPlayer
        from app.ui.adapters.pin_adapter import RepositoryTraineePins
        from app.ui.adapters.trainer_adapter import RepositoryTrainerStore

        services.trainer_store = RepositoryTrainerStore(services.store.repository, cache_dir() / "trainer-replay")
        services.pins = RepositoryTraineePins(services.store.repository)
        services.clip_player = QtClipPlayer
    return services
