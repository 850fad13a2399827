"""Starting the desktop app: the QApplication, the UI language and the main window."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import APP_DISPLAY_NAME, APP_NAME, __version__
from app.crash_log import CrashLog
from app.resources import user_data_dir
from app.settings import SettingsFile
from app.ui.i18n import UiTranslator
from app.ui.main_window import MainWindow
from app.ui.services import AppServices, production_services


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication (an existing one is reused, as under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    return app


def build_main_window(app: QApplication, services: AppServices | None = None,
                      ui_language: str | None = None) -> MainWindow:
    """The main window with its UI language applied (from the settings unless given)."""
    services = services or production_services(ui_language or SettingsFile().load().ui_language)
    translator = UiTranslator(app)
    window = MainWindow(services, translator)
    translator.apply(ui_language or window.settings.ui_language)
    if ui_language:
        window.settings_controller.update(ui_language=ui_language)
    return window


def run_gui(ui_language: str | None = None, exit_when_ready: bool = False,
            started_at: float | None = None) -> int:
    """Run the app until its window closes. `exit_when_ready` prints the start-up time and quits
    as soon as the first window is usable (used by bench/ui_bench.py)."""
    started_at = time.perf_counter() if started_at is None else started_at
    crash_log = CrashLog(user_data_dir())
    crash_log.enable()
    app = create_application()
    window = build_main_window(app, ui_language=ui_language)
    if exit_when_ready:
        def report_ready() -> None:
            print(f"ready {time.perf_counter() - started_at:.3f}", flush=True)
            window.close()
            app.quit()

        window.ready.connect(report_ready)
    window.show()
    window.start()
    try:
        return app.exec()
    finally:
        window.services.close()
