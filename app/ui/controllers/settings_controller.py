"""The logic of the Settings page: device and voice listings, the microphone level test, model
import, and saving the settings. Listing and importing run in background tasks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.settings import SettingsFile, SettingsProblem, UiSettings
from app.texts import text_lang
from app.ui.controllers.call_controller import CaptureBridge
from app.ui.ports import Capture, Playback, VoiceServices, VoiceUnavailable
from app.ui.tasks import TaskRunner

LANGUAGES = ("en", "zh")
# What the speaker test and the voice preview say, in the voice's own language.
SAMPLE_SENTENCE = {"en": "Hello. This is how the customer will sound on these speakers.",
                   "zh": "您好，这是客户在这个扬声器上说话的声音。"}


class SettingsController(QObject):
    devices_loaded = Signal(object, object)  # input devices, output devices
    voices_loaded = Signal(object)  # {language: [VoiceOption]}
    engines_loaded = Signal(object)  # {language: engine name or None}
    sample_changed = Signal(bool, str)  # playing?, what to tell the user (speaker test, voice preview)
    level = Signal(float)
    level_test_changed = Signal(bool, str)  # running, message
    import_progress = Signal(float, str)
    import_finished = Signal(bool, str)  # ok, message
    language_changed = Signal(str)
    save_failed = Signal(str)  # why the settings were not saved ("" once they are again)

    def __init__(self, runner: TaskRunner, voice: VoiceServices | None, settings: UiSettings,
                 settings_file: SettingsFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.voice, self.settings, self.settings_file = runner, voice, settings, settings_file
        self.importing = False
        self._bridge = CaptureBridge(self)
        self._bridge.level_changed.connect(self.level)
        self._bridge.lost.connect(lambda message, _captured: self.stop_level_test(message))
        self._level_capture: Capture | None = None
        self._sample_playback: Playback | None = None  # the speaker test or voice preview playing

    @property
    def voice_available(self) -> bool:
        return self.voice is not None

    # -- listings ---------------------------------------------------------------------------------
    def load(self) -> None:
        voice = self.voice
        if voice is None:
            return
        self.runner.run(lambda: (voice.input_devices(), voice.output_devices()), label=self.tr("Listing audio devices…"),
                        on_result=lambda pair: self.devices_loaded.emit(*pair), on_error=lambda exc: None,
                        owner=self)
        self.runner.run(lambda: {lang: voice.voices(lang) for lang in LANGUAGES}, label=self.tr("Listing voices…"),
                        on_result=self.voices_loaded.emit, on_error=lambda exc: None, owner=self)
        self.refresh_engines()

    def refresh_engines(self) -> None:
        voice = self.voice
        if voice is None:
            return
        self.runner.run(lambda: {lang: voice.recognizer_engine(lang) for lang in LANGUAGES},
                        on_result=self.engines_loaded.emit, on_error=lambda exc: None, owner=self)

    # -- settings ---------------------------------------------------------------------------------
    def update(self, **changes: object) -> None:
        language_before = self.settings.ui_language
        for name, value in changes.items():
            setattr(self.settings, name, value)
        self.save()
        if self.settings.ui_language != language_before:
            self.language_changed.emit(self.settings.ui_language)

    def set_voice(self, language: str, voice_id: str | None) -> None:
        voices = dict(self.settings.tts_voice)
        if voice_id:
            voices[language] = voice_id
        else:
            voices.pop(language, None)
        self.update(tts_voice=voices)

    def save(self) -> None:
        try:
            self.settings_file.save(self.settings)
        except SettingsProblem as problem:
            self.save_failed.emit(self.problem_text(problem))
        except OSError as exc:
            self.save_failed.emit(self.tr("The settings could not be saved: {error}").format(error=exc.strerror or exc))
        else:
            self.save_failed.emit("")

    def problem_text(self, problem: SettingsProblem) -> str:
        """What the trainee is told about a settings file that cannot be used (it is left as it is)."""
        where = str(problem.path) + (f" ({problem.key})" if problem.key else "")
        return self.tr("The settings file {file} could not be read, so the defaults are used and changes "
                       "are not saved. Correct or remove the file, then restart the app.").format(file=where)

    # -- microphone level test ------------------------------------------------------------------------
    @property
    def test_language(self) -> str:
        """The microphone test listens in the language the app is shown in."""
        return text_lang(self.settings.ui_language or "en")

    @property
    def level_test_running(self) -> bool:
        return self._level_capture is not None

    def start_level_test(self) -> None:
        if self.voice is None or self._level_capture is not None:
            return
        try:
            self._level_capture = self.voice.open_capture(
                self.settings.input_device, self.test_language, self._bridge, self.settings.endpoint_silence_s)
        except VoiceUnavailable as exc:
            self.level_test_changed.emit(False, str(exc))
            return
        self.level_test_changed.emit(True, self.tr("Speak: the bar should move."))

    def stop_level_test(self, message: str = "") -> None:
        if self._level_capture is not None:
            self._level_capture.close()
            self._level_capture = None
        self.level.emit(0.0)
        self.level_test_changed.emit(False, message)

    # -- hearing the speakers and the voices -------------------------------------------------------
    def play_sample(self, language: str, voice_id: str | None = None) -> None:
        """Say a short sentence on the chosen speakers, in `language`'s voice (the chosen one, or
        `voice_id`): the speaker test and the voice preview. Rendered off the GUI thread; the clip
        is held until it has played."""
        voice = self.voice
        if voice is None:
            return
        text = SAMPLE_SENTENCE[language]
        chosen = voice_id if voice_id is not None else self.settings.tts_voice.get(language)
        self.sample_changed.emit(True, self.tr("Preparing the voice…"))
        self.runner.run(voice.synthesize_text, text, language, chosen, label=self.tr("Preparing the voice…"),
                        on_result=self._play_sample, on_error=lambda exc: self.sample_changed.emit(False, str(exc)),
                        owner=self)

    def _play_sample(self, wav: Path) -> None:
        if self.voice is None:
            return
        if self._sample_playback is not None:
            self._sample_playback.stop()
        try:
            self._sample_playback = self.voice.play(wav, self.settings.output_device, self._sample_played)
        except VoiceUnavailable as exc:
            self._sample_playback = None
            self.sample_changed.emit(False, str(exc))
            return
        self.sample_changed.emit(True, self.tr("Playing… you should hear a short sentence."))

    def _sample_played(self) -> None:
        self._sample_playback = None
        self.sample_changed.emit(False, self.tr("Played. Did you hear it? If not, choose other speakers."))

    # -- model import -----------------------------------------------------------------------------
    def import_model(self, source: Path, language: str | None) -> None:
        if self.voice is None or self.importing:
            return
        self.importing = True
        self.import_progress.emit(0.0, "")
        self.runner.run(
            self.voice.import_model, source, language, label=self.tr("Importing the recognition model…"),
            on_progress=self.import_progress.emit, on_result=self._imported, on_error=self._import_failed,
        )

    def _imported(self, description: str) -> None:
        self.importing = False
        self.import_finished.emit(True, self.tr("Installed: {what}").format(what=description))
        self.refresh_engines()

    def _import_failed(self, exc: BaseException) -> None:
        self.importing = False
        self.import_finished.emit(False, self.tr("Import failed: {error}").format(error=str(exc) or type(exc).__name__))
