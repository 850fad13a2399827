"""The main window: a stack of pages, the navigation bar and the status bar with the busy indicator.

It wires the pages to the controllers; the pages never talk to storage or voice directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.dialogue import CallResult
from app.domain.dialogue.model_call import play_model_answer
from app.domain.progress import Recommendation, build_call_report
from app.domain.scenarios import Scenario, ScenarioLibrary, load_library
from app.ui.controllers.call_controller import CallController, CallOptions
from app.ui.controllers.model_answer import ModelAnswerPlayer
from app.ui.controllers.settings_controller import SettingsController
from app.ui.controllers.trainee_history import TraineeHistory
from app.ui.dialogs.model_answer_dialog import ModelAnswerDialog
from app.ui.dialogs.trainee_pin import TraineePinGate
from app.ui.gc_guard import MainThreadGarbageCollector
from app.ui.i18n import UiTranslator
from app.ui.pages.briefing_page import BriefingPage
from app.ui.pages.call_page import CallPage
from app.ui.pages.library_page import LibraryPage
from app.ui.pages.profile_page import ProfilePage
from app.ui.pages.progress_page import ProgressPage
from app.ui.pages.report_page import ReportPage
from app.ui.pages.settings_page import SettingsPage
from app.ui.ports import Playback, StoredSession, Trainee, VoiceUnavailable
from app.ui.services import AppServices
from app.ui.tasks import TaskRunner
from app.ui.widgets.common import CONTENT_PROPERTY, RetranslateMixin
from app.ui.widgets.page_stack import PageStack
from app.ui.window_geometry import restore_geometry, saved_geometry

if TYPE_CHECKING:
    from app.ui.trainer_window import TrainerWindow  # imported when a trainer signs in

log = logging.getLogger(__name__)
STATUS_MESSAGE_MS = 8000


class MainWindow(RetranslateMixin, QMainWindow):
    ready = Signal()  # the first usable window: the library and the profiles are loaded

    def __init__(self, services: AppServices, translator: UiTranslator) -> None:
        super().__init__()
        self.services, self.translator = services, translator
        self.settings = services.settings_file.load()
        self.garbage_collector = MainThreadGarbageCollector(self)
        self.runner = TaskRunner(self)
        self.library: ScenarioLibrary | None = None
        self.is_ready = False
        self._profiles_loaded = False
        self._reply_playback: Playback | None = None  # "Play my reply": held until it has played
        self._close_question: QMessageBox | None = None  # the open "end the call?" question
        # asked before the window closes mid-call (a test or an embedding app may answer it itself)
        self.confirm_close_mid_call: Callable[[], bool] = self._ask_to_close_mid_call
        self.report_session_id: str | None = None  # the stored session the report shows, if any

        self.history = TraineeHistory(self.runner, services.store, self)
        self.pin_gate = TraineePinGate(self.runner, lambda: self.services.pins, self)
        self.call = CallController(self.runner, services.scorer, services.store, services.voice, services.clock, self)
        self.settings_controller = SettingsController(self.runner, services.voice, self.settings,
                                                     services.settings_file, self)

        self.profile_page = ProfilePage(services.store is not None)
        self.library_page = LibraryPage()
        self.briefing_page = BriefingPage()
        self.call_page = CallPage(self.call)
        self.report_page = ReportPage()
        self.progress_page = ProgressPage(services.store is not None)
        self.settings_page = SettingsPage(self.settings_controller)
        self.stack = PageStack()  # each page scrolls when the window is smaller than it
        for page in self.pages:
            self.stack.addWidget(page)

        self.nav = QWidget()
        self.nav.setObjectName("NavBar")
        self.nav.setStyleSheet("#NavBar { background: #22384f; } #NavBar QLabel { color: white; }"
                               " #NavBar QPushButton { padding: 5px 12px; }")
        self.library_button, self.progress_button, self.settings_button, self.switch_button = (
            QPushButton() for _ in range(4))
        self.trainer_button = QPushButton()
        self.trainer_window: TrainerWindow | None = None  # the trainer workspace, once a trainer has signed in
        self.trainee_label = QLabel()
        nav = QHBoxLayout(self.nav)
        for button in (self.library_button, self.progress_button, self.settings_button):
            nav.addWidget(button)
        nav.addStretch(1)
        nav.addWidget(self.trainer_button)
        nav.addWidget(self.trainee_label)
        nav.addWidget(self.switch_button)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.nav)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setMaximumWidth(180)
        self.busy_label.setVisible(False)
        self.busy_bar.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.services_label = QLabel()
        self.statusBar().addWidget(self.services_label)
        restore_geometry(self, self.settings.window_geometry.get("main", {}), (1180, 800))
        self._wire()
        self.retranslate()
        self.stack.setCurrentWidget(self.profile_page)
        self._update_nav()

    @property
    def pages(self) -> list[QWidget]:
        return [self.profile_page, self.library_page, self.briefing_page, self.call_page, self.report_page,
                self.progress_page, self.settings_page]

    # -- wiring -----------------------------------------------------------------------------------
    def _wire(self) -> None:
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.task_failed.connect(lambda label, message: self.show_message(f"{label} {message}".strip()))
        self.library_button.clicked.connect(self.show_library)
        self.progress_button.clicked.connect(self.show_progress)
        self.settings_button.clicked.connect(lambda: self.show_page(self.settings_page))
        self.switch_button.clicked.connect(lambda: self.show_page(self.profile_page))
        self.trainer_button.clicked.connect(self.open_trainer_workspace)

        self.profile_page.trainee_chosen.connect(self.pin_gate.choose)  # a profile opens with its PIN, if any
        self.profile_page.create_requested.connect(self.pin_gate.create)
        self.pin_gate.chosen.connect(self.history.select)
        self.pin_gate.create_confirmed.connect(self.history.create_trainee)
        self.pin_gate.failed.connect(self.show_message)
        self.history.trainees_loaded.connect(self._on_trainees)
        self.history.trainee_changed.connect(self._on_trainee_changed)
        self.history.history_changed.connect(self._on_history)
        self.history.session_loaded.connect(self._show_stored_session)
        self.history.failed.connect(self.show_message)

        self.library_page.scenario_chosen.connect(self.open_briefing)
        self.library_page.filters_changed.connect(self._show_recommendation)
        self.library_page.filters_changed.connect(
            lambda: self.settings_controller.update(library_filter=self.library_page.filter_values()))
        self.library_page.restore_filters(self.settings.library_filter)
        self.library_page.cards_ready.connect(self._check_ready)
        self.briefing_page.back_requested.connect(self.show_library)
        self.briefing_page.start_requested.connect(self.start_call)
        self.briefing_page.breathing_toggled.connect(
            lambda on: self.settings_controller.update(breathing_prompt=on))
        self.call.call_ended.connect(self._on_call_ended)
        self.call_page.import_model_requested.connect(self.settings_page.choose_model_zip)
        self.settings_controller.import_finished.connect(lambda _ok, message: self.show_message(message))
        self.call.notice.connect(self.show_message)
        self.report_page.retry_requested.connect(self.open_briefing)
        self.report_page.next_requested.connect(self.open_recommended)
        self.report_page.back_requested.connect(self.show_library)
        self.report_page.play_requested.connect(self.play_turn_audio)
        self.report_page.model_answer_requested.connect(self.open_model_answer)
        self.model_answer_dialog: ModelAnswerDialog | None = None
        self.progress_page.open_session_requested.connect(self.history.open_session)
        self.settings_controller.language_changed.connect(self._change_language)

    def _change_language(self, language: str) -> None:
        """The UI language changed in Settings: the widgets, and the voice's messages with them
        (the recogniser's line is described again in the new language)."""
        self.translator.apply(language)
        if self.services.voice is not None:
            self.services.voice.set_message_language(self.translator.content_language)
            self.settings_controller.refresh_engines()

    # -- start-up ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the library and the profiles in the background; `ready` fires when both are in."""
        self.library_page.set_loading()
        self.runner.run(load_library, self.services.scenario_paths, label=self.tr("Loading the scenario library…"),
                        on_result=self._on_library, on_error=self._on_library_failed)
        self.history.load_trainees()
        self.settings_controller.load()
        for problem in self.services.problems:
            self.show_message(problem)
        if self.services.settings_file.problem is not None:
            self.show_message(self.settings_controller.problem_text(self.services.settings_file.problem))
        if self.services.store is not None:
            self.runner.run(self.services.store.describe_location, lane="store",
                            on_result=self.settings_page.set_storage_location, on_error=lambda exc: None)

    def _on_library(self, library: ScenarioLibrary) -> None:
        self.library = library
        self.library_page.set_library(library)
        for problem in library.problems:
            log.warning("scenario problem: %s", problem)
        self._on_history()
        self._check_ready()

    def _on_library_failed(self, exc: BaseException) -> None:
        self.library = ScenarioLibrary()
        self.library_page.set_library(self.library)
        self.show_message(self.tr("The scenario library could not be loaded: {error}").format(error=exc))
        self._check_ready()

    def _on_trainees(self, trainees: list[Trainee]) -> None:
        self.profile_page.set_trainees(trainees, self.settings.last_trainee_id)
        self._profiles_loaded = True
        self._check_ready()

    def _check_ready(self) -> None:
        if (not self.is_ready and self.library is not None and self.library_page.cards_complete
                and self._profiles_loaded):
            self.is_ready = True
            self.ready.emit()

    # -- navigation -------------------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        if self.call.active and page is not self.call_page:
            return  # hang up first
        self.stack.setCurrentWidget(page)
        self._update_nav()

    def show_library(self) -> None:
        self.show_page(self.library_page)

    def show_progress(self) -> None:
        self.history.refresh()
        self.show_page(self.progress_page)

    def _update_nav(self) -> None:
        current = self.stack.currentWidget()
        self.nav.setVisible(current is not self.profile_page)
        in_call = self.call.active
        for button in (self.library_button, self.progress_button, self.settings_button, self.switch_button):
            button.setEnabled(not in_call)

    def _on_trainee_changed(self, trainee: Trainee | None) -> None:
        if trainee is not None and trainee.id != self.settings.last_trainee_id:
            self.settings_controller.update(last_trainee_id=trainee.id)
        self.retranslate()
        self.show_library()

    def _on_history(self) -> None:
        self._show_recommendation()
        self.progress_page.set_sessions(self.history.sessions, self.scenario_title)

    def _show_recommendation(self) -> None:
        self.library_page.set_history(self.history.best, self.recommendation())

    def scenario_title(self, scenario_id: str) -> str:
        if self.library is not None and scenario_id in self.library.scenarios:
            return self.library.scenarios[scenario_id].title
        return scenario_id

    def recommendation(self) -> Recommendation | None:
        if self.library is None:
            return None
        wanted = self.library_page.current_filter()
        language = wanted.language
        if language is None and not self.history.sessions:
            language = self.translator.content_language
        # among the scenarios the emotion and type filters show (the level is the recommender's to pick)
        pool = [s for s in self.library.sorted() if replace(wanted, difficulty=None, language=None).accepts(s)]
        return self.history.recommend(pool, language)

    # -- a call -----------------------------------------------------------------------------------
    def open_briefing(self, scenario_id: str) -> None:
        if self.library is None or scenario_id not in self.library.scenarios:
            return
        s = self.settings
        scenario = self.library.scenarios[scenario_id]
        # Compile the scenario's scoring rubric while the trainee reads, not during the first reply.
        self.runner.run(self.services.scorer.rubric_for, scenario, show_busy=False, on_error=lambda exc: None)
        self.briefing_page.set_options(s.subtitles, s.exam_mode, s.breathing_prompt)
        self.briefing_page.show_scenario(scenario)
        self.show_page(self.briefing_page)

    def open_recommended(self) -> None:
        rec = self.recommendation()
        if rec is not None:
            self.open_briefing(rec.scenario_id)

    def start_call(self, scenario: Scenario, subtitles: bool, exam_mode: bool) -> None:
        self.settings_controller.update(subtitles=subtitles, exam_mode=exam_mode)
        s = self.settings
        options = CallOptions(subtitles=subtitles, exam_mode=exam_mode, endpoint_silence_s=s.endpoint_silence_s,
                              input_device=s.input_device, output_device=s.output_device,
                              tts_voice=s.tts_voice.get(scenario.language.value))
        self.call_page.begin(scenario, subtitles, exam_mode)
        self.show_page(self.call_page)
        self.call.start(scenario, self.history.trainee, options)
        self._update_nav()

    def _on_call_ended(self, result: CallResult) -> None:
        scenario = self.library.scenarios.get(result.scenario_id) if self.library else None
        if scenario is None:
            return
        self.report_session_id = None
        saved: bool | str = self.services.store is not None and self.history.trainee is not None
        if self.call.nothing_said:
            saved = "discarded"
        self.report_page.set_review()
        self.report_page.show_report(build_call_report(result, scenario.language.value), scenario,
                                     frozenset(self.call.audio_by_turn), saved=saved)
        self._update_nav()
        self.show_page(self.report_page)
        self.history.refresh()  # queued after the session's writes on the store lane

    def _show_stored_session(self, stored: StoredSession) -> None:
        scenario = self.library.scenarios.get(stored.result.scenario_id) if self.library else None
        if scenario is None:
            self.show_message(self.tr("That session's scenario is no longer in the library."))
            return
        self.report_session_id = stored.summary.session_id
        self.report_page.set_review(stored.overrides, stored.comments)
        self.report_page.show_report(build_call_report(stored.result, scenario.language.value), scenario,
                                     stored.turns_with_audio, saved=True)
        self.show_page(self.report_page)

    def play_turn_audio(self, turn_index: int) -> None:
        voice, store = self.services.voice, self.services.store
        if voice is None:
            return
        if self.report_session_id is None:
            self._play_reply(self.call.audio_by_turn.get(turn_index))
        elif store is not None:
            self.report_page.set_playing(True)
            self.runner.run(store.turn_audio, self.report_session_id, turn_index, lane="store",
                            label=self.tr("Loading the recording…"), on_result=self._play_reply,
                            on_error=lambda exc: self._reply_not_played(str(exc)), owner=self)

    def _play_reply(self, wav: Path | None) -> None:
        """The trainee's reply on the report, kept playing to its end (the handle is held until then)."""
        voice = self.services.voice
        if voice is None or wav is None:
            self._reply_not_played(self.tr("This reply has no recording."))
            return
        self._stop_reply()
        try:
            self._reply_playback = voice.play(wav, self.settings.output_device, self._reply_played)
        except VoiceUnavailable as exc:
            self._reply_not_played(str(exc))
            return
        self.report_page.set_playing(True)

    def _reply_played(self) -> None:
        self._reply_playback = None
        self.report_page.set_playing(False)

    def _reply_not_played(self, why: str) -> None:
        self.report_page.set_playing(False)
        self.statusBar().showMessage(self.tr("The reply could not be played: {why}").format(why=why), STATUS_MESSAGE_MS)

    def _stop_reply(self) -> None:
        if self._reply_playback is not None:
            self._reply_playback.stop()
            self._reply_playback = None
        self.report_page.set_playing(False)

    def open_model_answer(self, scenario_id: str) -> None:
        """The scenario's model call, scored off the GUI thread, shown and spoken in a dialog."""
        scenario = self.library.scenarios.get(scenario_id) if self.library else None
        if scenario is None or not scenario.model_answer:
            return
        self.runner.run(play_model_answer, scenario, self.services.scorer, label=self.tr("Preparing the model answer…"),
                        on_result=lambda call: self._show_model_answer(scenario, call), owner=self)

    def _show_model_answer(self, scenario: Scenario, call: CallResult | None) -> None:
        if call is None:
            return
        if self.model_answer_dialog is not None and shiboken6.isValid(self.model_answer_dialog):
            self.model_answer_dialog.close()  # deleted on close, with its player
        voice = self.services.voice
        player = None if voice is None else ModelAnswerPlayer(
            self.runner, voice, scenario, call, self.settings.output_device,
            self.settings.tts_voice.get(scenario.language.value))
        self.model_answer_dialog = ModelAnswerDialog(scenario, call, player, self)
        if player is not None:
            player.setParent(self.model_answer_dialog)
        self.model_answer_dialog.show()

    # -- status bar -------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def _on_busy(self, busy: bool, label: str, fraction: float) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.busy_label.setText(label)
        if fraction < 0:
            self.busy_bar.setRange(0, 0)
        else:
            self.busy_bar.setRange(0, 100)
            self.busy_bar.setValue(int(round(fraction * 100)))

    # -- closing ----------------------------------------------------------------------------------
    # -- trainer workspace ------------------------------------------------------------------------
    def open_trainer_workspace(self) -> None:
        """Sign a trainer in (the first one sets the password), then open the workspace window."""
        store = self.services.trainer_store
        if store is None:
            self.show_message(self.tr("The trainer workspace needs storage, which is not available."))
            return
        if self.trainer_window is not None and self.trainer_window.isVisible():
            self.trainer_window.raise_()
            self.trainer_window.activateWindow()
            return
        from app.ui.dialogs.trainer_login import TrainerLoginDialog

        self.login_dialog = TrainerLoginDialog(store, self.runner, self)
        self.login_dialog.signed_in.connect(self._open_trainer_window)
        self.login_dialog.open()

    def _open_trainer_window(self, viewer) -> None:
        from app.ui.trainer_window import TrainerWindow

        assert self.services.trainer_store is not None
        scenarios = [(s.id, s.title) for s in self.library.sorted()] if self.library else []
        player = None
        if self.services.clip_player is not None:
            player = self.services.clip_player(self.settings.output_device, self.translator.content_language)
        self.trainer_window = TrainerWindow(self.services.trainer_store, self.runner, viewer, scenarios, player)
        window = self.trainer_window
        restore_geometry(window, self.settings.window_geometry.get("trainer", {}), (1300, 860))
        window.closing.connect(lambda: self._remember_geometry("trainer", window))
        window.show()

    def _remember_geometry(self, name: str, window: QWidget) -> None:
        places = dict(self.settings.window_geometry)
        places[name] = saved_geometry(window, places.get(name))
        self.settings_controller.update(window_geometry=places)

    def _ask_to_close_mid_call(self) -> bool:
        """Closing the window mid-call ends the call: asked first, saying what is kept."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("End the call?"),
                          self.tr("A call is in progress. Close the window and end it? The replies so far are "
                                  "kept as an interrupted session; the call cannot be continued later."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("End the call and close"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep practising"))
        self._close_question = box
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            self._close_question = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.call.active and not self.confirm_close_mid_call():
            event.ignore()
            return
        if self.trainer_window is not None:
            self.trainer_window.close()
        if self.call.interrupt():
            log.info("window closed mid-call: the session is kept as interrupted")
        self._stop_reply()
        self._remember_geometry("main", self)
        self.runner.shutdown(3000)
        self.garbage_collector.stop()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Role-Play Trainer (Call Practice)"))
        self.library_button.setText(self.tr("Scenarios"))
        self.progress_button.setText(self.tr("My progress"))
        self.settings_button.setText(self.tr("Settings"))
        self.switch_button.setText(self.tr("Switch trainee"))
        self.trainer_button.setText(self.tr("Trainer workspace"))
        trainee = self.history.trainee
        self.trainee_label.setText(trainee.name if trainee is not None else self.tr("Guest"))
        self.trainee_label.setProperty(CONTENT_PROPERTY, trainee is not None)
        notes = []
        if self.services.voice is None:
            notes.append(self.tr("Typed replies only (no voice)"))
        if self.services.store is None:
            notes.append(self.tr("Sessions are not saved (no storage)"))
        self.services_label.setText(" · ".join(notes))
        self.services_label.setToolTip("\n".join(self.services.problems))
