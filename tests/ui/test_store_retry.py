"""The desktop app stores a call through the shared call recorder (`app.storage.CallRecorder`), on a
real SQLite database: a turn the database refuses (locked by another program) is kept, the
trainee is told, and it is saved with the next turn, as the command line does."""

from __future__ import annotations

import sqlite3

from app.settings import SettingsFile
from app.storage import Database, SessionRepository
from app.ui.adapters.storage_adapter import RepositorySessionStore
from app.ui.app import build_main_window
from app.ui.services import AppServices
from tests.conftest import REPO_ROOT
from tests.ui.conftest import choose_trainee, start_scenario, type_reply

SCENARIO = "en-complaint-late-parcel"
REPLIES = (
    "I'm so sorry your parcel is late, I understand how frustrating that is. So the order still hasn't arrived?",
    "It's held up because the regional depot has had a sorting backlog.",
    "I'll refund the express delivery fee today and send a replacement by express tomorrow.",
)


def test_a_turn_refused_by_a_locked_database_is_saved_with_the_next_turn(qtbot, qapp, tmp_path):
    database = Database.open(f"sqlite:///{tmp_path / 'sessions.sqlite3'}", busy_timeout_s=0.5)
    store = RepositorySessionStore(SessionRepository(database), tmp_path / "replay")
    services = AppServices(store=store, scenario_paths=[REPO_ROOT / "scenarios"],
                           settings_file=SettingsFile(tmp_path / "settings.json"))
    window = build_main_window(qapp, services, ui_language="en")
    window.confirm_close_mid_call = lambda: True  # closing mid-call: the test answers "end the call"
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    notices: list[str] = []
    window.call.notice.connect(notices.append)
    try:
        choose_trainee(qtbot, window, "Lin Wei")
        start_scenario(qtbot, window, SCENARIO)
        type_reply(qtbot, window, REPLIES[0])
        assert window.runner.wait_for_lane("store", 10000)
        holder = sqlite3.connect(database.sqlite_path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another program holds the database
        try:
            type_reply(qtbot, window, REPLIES[1])
            qtbot.waitUntil(lambda: any("could not be saved" in n for n in notices), timeout=15000)
        finally:
            holder.rollback()
            holder.close()
        session_id = window.call.session_id
        assert [t.reply_text for t in store.repository.load_session(session_id).turns] == [REPLIES[0]]
        type_reply(qtbot, window, REPLIES[2])  # the next turn saves the waiting one first
        assert window.runner.wait_for_lane("store", 10000)
        stored = store.repository.load_session(session_id).turns
        assert [t.reply_text for t in stored] == list(REPLIES) and [t.index for t in stored] == [0, 1, 2]
        window.call_page.hang_up_button.click()
        assert window.runner.wait_for_lane("store", 10000)
        assert store.repository.load_session(session_id).summary.status == "finished"
        assert store.repository.check() == []
    finally:
        window.close()
        window.deleteLater()
        qapp.processEvents()
        database.close()
