"""Settings: microphone (with a level test), speakers, the customer's voice per language, speech
recognition per language with model import, endpoint silence, UI language and where data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.resources import user_data_dir as data_dir
from app.ui.controllers.settings_controller import LANGUAGES, SettingsController
from app.ui.labels import language_name, voice_name
from app.ui.ports import AudioDevice, StorageLocation, VoiceOption
from app.ui.widgets.common import RetranslateMixin, content_label, heading, mark_content
from app.ui.widgets.meters import LevelMeter

UI_LANGUAGE_CHOICES = (("en", "English"), ("zh_CN", "简体中文"))  # each in its own language


class SettingsPage(RetranslateMixin, QWidget):
    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.engines: dict[str, str | None] = {}
        self.storage_location: StorageLocation | None = None
        self.import_message = ""
        self._build_notices()
        self._build_microphone_section()
        self._build_speakers_section()
        self._build_voices_section()
        self._build_recognition_section()
        self._build_replies_section()
        self._build_interface_section()
        self._build_data_section()
        self._build_layout()
        for box in (self.mic_box, self.speaker_box, self.voices_box, self.recognition_box):
            box.setEnabled(controller.voice_available)
        self._connect_controller()
        self.retranslate()

    # -- building the page ------------------------------------------------------------------------
    def _build_notices(self) -> None:
        controller = self.controller
        self.title = heading()
        self.voice_notice = QLabel()
        self.voice_notice.setWordWrap(True)
        self.voice_notice.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.voice_notice.setVisible(not controller.voice_available)
        self.save_status = QLabel()  # why the settings are not saved (a broken settings file)
        self.save_status.setWordWrap(True)
        self.save_status.setStyleSheet("background: #f8d7da; padding: 6px;")
        self.save_status.setVisible(False)

    def _build_microphone_section(self) -> None:
        controller = self.controller
        self.mic_box = QGroupBox()
        self.mic_combo = QComboBox()
        mark_content(self.mic_combo)  # device names come from the system
        self.mic_combo.activated.connect(lambda *_: controller.update(input_device=self.mic_combo.currentData()))
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self._toggle_level_test)
        self.level_meter = LevelMeter()
        controller.level.connect(self.level_meter.set_level)
        self.test_status = QLabel()
        mic = QVBoxLayout(self.mic_box)
        mic_row = QHBoxLayout()
        mic_row.addWidget(self.mic_combo, 1)
        mic_row.addWidget(self.test_button)
        mic.addLayout(mic_row)
        mic.addWidget(self.level_meter)
        mic.addWidget(self.test_status)

    def _build_speakers_section(self) -> None:
        controller = self.controller
        self.speaker_box = QGroupBox()
        self.speaker_combo = QComboBox()
        mark_content(self.speaker_combo)
        self.speaker_combo.activated.connect(lambda *_: controller.update(output_device=self.speaker_combo.currentData()))
        self.speaker_test_button = QPushButton()
        self.speaker_test_button.clicked.connect(lambda: controller.play_sample(controller.test_language))
        self.sample_status = QLabel()
        self.sample_status.setWordWrap(True)
        controller.sample_changed.connect(self._on_sample)
        speakers = QVBoxLayout(self.speaker_box)
        row = QHBoxLayout()
        row.addWidget(self.speaker_combo, 1)
        row.addWidget(self.speaker_test_button)
        speakers.addLayout(row)
        speakers.addWidget(self.sample_status)

    def _build_voices_section(self) -> None:
        controller = self.controller
        self.voices_box = QGroupBox()
        self.voice_form = QFormLayout(self.voices_box)
        self.voice_labels = {lang: QLabel() for lang in LANGUAGES}
        self.voice_combos = {lang: QComboBox() for lang in LANGUAGES}
        self.preview_buttons: dict[str, QPushButton] = {}
        for lang in LANGUAGES:
            mark_content(self.voice_combos[lang])
            self.voice_combos[lang].activated.connect(
                lambda *_, lang=lang: controller.set_voice(lang, self.voice_combos[lang].currentData()))
            self.preview_buttons[lang] = QPushButton()
            self.preview_buttons[lang].clicked.connect(
                lambda *_, lang=lang: controller.play_sample(lang, self.voice_combos[lang].currentData()))
            row = QHBoxLayout()
            row.addWidget(self.voice_combos[lang], 1)
            row.addWidget(self.preview_buttons[lang])
            self.voice_form.addRow(self.voice_labels[lang], row)

    def _build_recognition_section(self) -> None:
        controller = self.controller
        self.recognition_box = QGroupBox()
        self.engine_labels = {lang: QLabel() for lang in LANGUAGES}
        self.import_zip_button, self.import_folder_button = QPushButton(), QPushButton()
        self.import_zip_button.clicked.connect(self._choose_zip)
        self.import_folder_button.clicked.connect(self._choose_folder)
        self.import_language = QComboBox()
        self.import_progress = QProgressBar()
        self.import_progress.setRange(0, 100)
        self.import_progress.setVisible(False)
        self.import_status = QLabel()
        self.import_status.setWordWrap(True)
        rec = QVBoxLayout(self.recognition_box)
        for lang in LANGUAGES:
            rec.addWidget(self.engine_labels[lang])
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_language)
        import_row.addWidget(self.import_zip_button)
        import_row.addWidget(self.import_folder_button)
        import_row.addStretch(1)
        rec.addLayout(import_row)
        rec.addWidget(self.import_progress)
        rec.addWidget(self.import_status)
        controller.import_progress.connect(self._on_import_progress)
        controller.import_finished.connect(self._on_import_finished)

    def _build_replies_section(self) -> None:
        controller = self.controller
        s = controller.settings
        self.replies_box = QGroupBox()
        self.silence_label = QLabel()
        self.silence_spin = QDoubleSpinBox()
        self.silence_spin.setRange(0.3, 3.0)
        self.silence_spin.setSingleStep(0.1)
        self.silence_spin.setDecimals(1)
        self.silence_spin.setValue(s.endpoint_silence_s)
        self.silence_spin.valueChanged.connect(lambda v: controller.update(endpoint_silence_s=float(v)))
        self.silence_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a number, not a page
        replies = QFormLayout(self.replies_box)
        replies.addRow(self.silence_label, self.silence_spin)

    def _build_interface_section(self) -> None:
        controller = self.controller
        s = controller.settings
        self.interface_box = QGroupBox()
        self.ui_language_label = QLabel()
        self.ui_language_combo = QComboBox()
        mark_content(self.ui_language_combo)  # language names are shown in their own language
        for code, name in UI_LANGUAGE_CHOICES:
            self.ui_language_combo.addItem(name, code)
        self.ui_language_combo.setCurrentIndex(max(0, self.ui_language_combo.findData(s.ui_language)))
        self.ui_language_combo.activated.connect(
            lambda *_: controller.update(ui_language=self.ui_language_combo.currentData()))
        interface = QFormLayout(self.interface_box)
        interface.addRow(self.ui_language_label, self.ui_language_combo)

    def _build_data_section(self) -> None:
        self.data_box = QGroupBox()
        self.data_labels = [QLabel() for _ in range(3)]
        self.data_values = [content_label(selectable=True) for _ in range(3)]
        data = QFormLayout(self.data_box)
        for label, value in zip(self.data_labels, self.data_values, strict=True):
            data.addRow(label, value)

    def _build_layout(self) -> None:
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for widget in (self.voice_notice, self.mic_box, self.speaker_box, self.voices_box, self.recognition_box,
                       self.replies_box, self.interface_box, self.data_box):
            body_layout.addWidget(widget)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.save_status)
        layout.addWidget(scroll, 1)

    def _connect_controller(self) -> None:
        controller = self.controller
        controller.devices_loaded.connect(self._on_devices)
        controller.voices_loaded.connect(self._on_voices)
        controller.engines_loaded.connect(self._on_engines)
        controller.level_test_changed.connect(self._on_level_test)
        controller.save_failed.connect(self._on_save_failed)

    # -- data from the controller --------------------------------------------------------------------
    @staticmethod
    def _fill(combo: QComboBox, default_text: str, items: list[tuple[str, str]], selected: str | None) -> None:
        combo.clear()
        combo.addItem(default_text, None)
        for name, ident in items:
            combo.addItem(name, ident)
        combo.setCurrentIndex(max(0, combo.findData(selected)))

    def _on_devices(self, inputs: list[AudioDevice], outputs: list[AudioDevice]) -> None:
        s = self.controller.settings
        self._fill(self.mic_combo, self.tr("System default"), [(d.name, d.id) for d in inputs], s.input_device)
        self._fill(self.speaker_combo, self.tr("System default"), [(d.name, d.id) for d in outputs], s.output_device)

    def _on_voices(self, voices: dict[str, list[VoiceOption]]) -> None:
        for lang in LANGUAGES:
            choices = [(voice_name(v.tag, v.name), v.id) for v in voices.get(lang, [])]
            self._fill(self.voice_combos[lang], self.tr("Automatic"), choices, self.controller.settings.tts_voice.get(lang))

    def _on_engines(self, engines: dict[str, str | None]) -> None:
        self.engines = dict(engines)
        self.retranslate()

    def set_storage_location(self, location: StorageLocation | None) -> None:
        self.storage_location = location
        self.retranslate()

    # -- microphone test --------------------------------------------------------------------------
    def _toggle_level_test(self) -> None:
        if self.controller.level_test_running:
            self.controller.stop_level_test()
        else:
            self.controller.start_level_test()

    def _on_level_test(self, running: bool, message: str) -> None:
        self.test_status.setText(message)
        self.retranslate()

    def _on_save_failed(self, message: str) -> None:
        self.save_status.setText(message)
        self.save_status.setVisible(bool(message))

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.controller.level_test_running:
            self.controller.stop_level_test()
        super().hideEvent(event)

    def _on_sample(self, playing: bool, message: str) -> None:
        self.sample_status.setText(message)
        for button in (self.speaker_test_button, *self.preview_buttons.values()):
            button.setEnabled(not playing and self.controller.voice_available)

    # -- model import -----------------------------------------------------------------------------
    def _choose_zip(self) -> None:
        self.choose_model_zip(None)

    def choose_model_zip(self, language: str | None = None) -> None:
        """Pick a model zip and import it (for `language`, when the call page asks for a better one);
        the import runs in the background, and the next call in that language uses the model."""
        if language:
            self.import_language.setCurrentIndex(max(0, self.import_language.findData(language)))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a model zip file"), str(Path.home()),
                                              self.tr("Zip files (*.zip)"))
        if path:
            self.import_from(Path(path))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"), str(Path.home()))
        if path:
            self.import_from(Path(path))

    def import_from(self, source: Path) -> None:
        self.import_message = self.tr("Importing {name}…").format(name=source.name)
        self.import_progress.setValue(0)
        self.import_progress.setVisible(True)
        self.import_status.setStyleSheet("")
        self.controller.import_model(source, self.import_language.currentData())
        self.retranslate()

    def _on_import_progress(self, fraction: float, message: str) -> None:
        if fraction < 0:
            self.import_progress.setRange(0, 0)
        else:
            self.import_progress.setRange(0, 100)
            self.import_progress.setValue(int(round(fraction * 100)))
        if message:
            self.import_status.setText(message)

    def _on_import_finished(self, ok: bool, message: str) -> None:
        self.import_progress.setVisible(False)
        self.import_message = message
        self.import_status.setStyleSheet("" if ok else "color: #d03b3b; font-weight: bold;")
        self.retranslate()

    # -- text -------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.voice_notice.setText(self.tr("Voice is not available in this build: the customer's lines are shown as "
                                          "text and replies are typed. Audio settings are disabled."))
        self.mic_box.setTitle(self.tr("Microphone"))
        self.test_button.setText(self.tr("Stop the test") if self.controller.level_test_running
                                 else self.tr("Test the microphone"))
        self.speaker_box.setTitle(self.tr("Speakers"))
        self.speaker_test_button.setText(self.tr("Test the speakers"))
        self.voices_box.setTitle(self.tr("The customer's voice"))
        for button in self.preview_buttons.values():
            button.setText(self.tr("Hear it"))
        for lang in LANGUAGES:
            self.voice_labels[lang].setText(self.tr("{language}:").format(language=language_name(lang)))
        self.recognition_box.setTitle(self.tr("Speech recognition"))
        for lang in LANGUAGES:
            engine = self.engines.get(lang)
            if not self.controller.voice_available:
                text = self.tr("{language}: not available (typed replies)")
            elif engine:
                text = self.tr("{language}: {engine}")
            else:
                text = self.tr("{language}: no model (typed replies); import one below")
            self.engine_labels[lang].setText(text.format(language=language_name(lang), engine=engine or ""))
        current = self.import_language.currentData()
        self.import_language.clear()
        self.import_language.addItem(self.tr("Language: from the model"), None)
        for lang in LANGUAGES:
            self.import_language.addItem(language_name(lang), lang)
        self.import_language.setCurrentIndex(max(0, self.import_language.findData(current)))
        self.import_zip_button.setText(self.tr("Import model (zip)…"))
        self.import_folder_button.setText(self.tr("Import model (folder)…"))
        self.import_zip_button.setEnabled(not self.controller.importing)
        self.import_folder_button.setEnabled(not self.controller.importing)
        self.import_status.setText(self.import_message)
        self.replies_box.setTitle(self.tr("Replies"))
        self.silence_label.setText(self.tr("A spoken reply ends after this much silence:"))
        self.silence_spin.setSuffix(self.tr(" s"))
        self.interface_box.setTitle(self.tr("Interface"))
        self.ui_language_label.setText(self.tr("Language of the interface:"))
        self.data_box.setTitle(self.tr("Data"))
        for label, text in zip(self.data_labels, (self.tr("Settings file:"), self.tr("Data folder:"),
                                                  self.tr("Sessions:")), strict=True):
            label.setText(text)
        self.data_values[0].setText(str(self.controller.settings_file.path))
        self.data_values[1].setText(str(data_dir()))
        location = self.storage_location
        if location is None:
            self.data_values[2].setText(self.tr("not saved (no storage in this build)"))
        elif location.on_server:
            self.data_values[2].setText(self.tr("on the call centre's database server {server}").format(
                server=location.where))
        else:
            self.data_values[2].setText(self.tr("on this computer, in {path}").format(path=location.where))
        if self.mic_combo.count() == 0:
            self.mic_combo.addItem(self.tr("System default"), None)
            self.speaker_combo.addItem(self.tr("System default"), None)
        else:
            self.mic_combo.setItemText(0, self.tr("System default"))
            self.speaker_combo.setItemText(0, self.tr("System default"))
        for lang in LANGUAGES:
            combo = self.voice_combos[lang]
            if combo.count() == 0:
                combo.addItem(self.tr("Automatic"), None)
            else:
                combo.setItemText(0, self.tr("Automatic"))

