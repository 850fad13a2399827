"""The trainer workspace from the trainee app: the nav button signs a trainer in (the first one
sets the password) and opens the workspace; without storage it says why it cannot."""

from __future__ import annotations

from app.settings import SettingsFile
from app.storage import Database, SessionRepository
from app.ui.adapters.trainer_adapter import RepositoryTrainerStore
from app.ui.services import AppServices
from tests.conftest import REPO_ROOT
from tests.storage.conftest import record_call


def test_the_trainer_button_signs_in_and_opens_the_workspace(qtbot, make_window, library, tmp_path):
    with Database.open(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}") as database:
        repository = SessionRepository(database)
        record_call(repository, library.scenarios["en-complaint-late-parcel"], ("I'm so sorry.",), trainee="Li")
        window = make_window()
        window.services.trainer_store = RepositoryTrainerStore(repository, tmp_path / "replay")
        window.trainer_button.click()
        dialog = window.login_dialog
        qtbot.waitUntil(lambda: dialog.first_trainer is True, timeout=5000)
        dialog.name_edit.setText("Coach")
        dialog.password_edit.setText("correct horse 42")
        dialog.confirm_edit.setText("correct horse 42")
        dialog.submit()
        qtbot.waitUntil(lambda: window.trainer_window is not None, timeout=10000)
        workspace = window.trainer_window
        assert workspace.viewer.name == "Coach" and workspace.viewer.is_trainer
        qtbot.waitUntil(lambda: not workspace.browser.model.loading and workspace.browser.model.total == 1,
                        timeout=5000)
        assert workspace.browser.scenario_box.findData("en-complaint-late-parcel") > 0  # from the library
        window.trainer_button.click()  # a second click brings the open workspace forward, no new sign-in
        assert window.trainer_window is workspace
        workspace.close()
        window.runner.shutdown(5000)


def test_without_storage_the_button_explains(qtbot, make_window):
    window = make_window()
    window.trainer_button.click()
    assert "needs storage" in window.statusBar().currentMessage()
    assert window.trainer_window is None


def test_services_default_to_no_workspace(tmp_path):
    services = AppServices(scenario_paths=[REPO_ROOT / "scenarios"], settings_file=SettingsFile(tmp_path / "s.json"))
    assert services.trainer_store is None and services.clip_player is None


def test_where_it_creates_trainers_the_dialog_says_whom_to_ask(qtbot, make_window, tmp_path, monkeypatch):
    import json

    site = tmp_path / "site-settings.json"
    site.write_text(json.dumps({"trainers": {"first_in_app": False}}), encoding="utf-8")
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(site))
    with Database.open(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}") as database:
        window = make_window()
        window.services.trainer_store = RepositoryTrainerStore(SessionRepository(database), tmp_path / "replay")
        window.trainer_button.click()
        dialog = window.login_dialog
        qtbot.waitUntil(lambda: dialog.first_trainer is True, timeout=5000)
        assert dialog.by_it and not dialog.ok_button.isEnabled()
        assert "roleplay trainers add" in dialog.intro.text()
        dialog.name_edit.setText("Whoever Clicks First")
        dialog.password_edit.setText("correct horse 42")
        dialog.submit()  # refused: nothing is created
        assert window.trainer_window is None and not SessionRepository(database).trainer_accounts()
        dialog.reject()
