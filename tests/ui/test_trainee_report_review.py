"""After a trainer's review, the trainee's own report (My progress → the session) shows each
override beside the original score, and the comments; a live call's report shows none."""

from __future__ import annotations

from app.storage import Database, SessionRepository
from app.ui.adapters.storage_adapter import RepositorySessionStore
from tests.storage.conftest import record_call
from tests.ui.conftest import choose_trainee

REPLIES = ("I'm so sorry for the wait, I understand how frustrating this is.",
           "So the parcel you ordered still hasn't arrived, is that right?")


def test_the_trainees_report_shows_original_and_override_after_a_restart(qtbot, make_window, library, tmp_path):
    url = f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}"
    with Database.open(url) as database:  # the call, then the trainer's review, then the app closes
        repository = SessionRepository(database)
        session = record_call(repository, library.scenarios["en-complaint-late-parcel"], REPLIES, trainee="Li Na")
        detail = repository.load_session(session.session_uuid)
        original_overall = detail.turns[1].overall
        original_empathy = detail.turns[1].dimensions["empathy"].score
        repository.add_override(session.session_uuid, 1, "overall", 73, "a fair restatement", "Coach Wang")
        repository.add_override(session.session_uuid, 1, "empathy", 66, "restating is empathy here", "Coach Wang")
        repository.add_comment(session.session_uuid, "Good early apology.", "Coach Wang", turn_index=0)

    database = Database.open(url)  # the trainee's app starts again on the same database
    store = RepositorySessionStore(SessionRepository(database), tmp_path / "cache")
    try:
        window = make_window(store=store)
        choose_trainee(qtbot, window, "Li Na")
        qtbot.waitUntil(lambda: len(window.history.sessions) == 1, timeout=5000)
        window.history.open_session(str(session.session_uuid))
        page = window.report_page
        qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=5000)
        assert page.turns_table.item(1, 1).text() == f"73 (was {original_overall})"
        assert page.turns_table.item(0, 1).text() == str(detail.turns[0].overall)
        review = page.review_label.text()
        assert page.review_box.isVisibleTo(page)
        assert f"Reply 2, Empathy: {original_empathy} → 66 (Coach Wang): restating is empathy here" in review
        assert f"Reply 2, Overall: {original_overall} → 73 (Coach Wang): a fair restatement" in review
        assert "Reply 1: Good early apology. (Coach Wang)" in review
        # The scorer's own figures stay as they were: the transcript and bars are the originals.
        assert page.report.turns[1].dimensions["empathy"] == original_empathy

        page.set_review()  # what a live call's report does
        assert not page.review_box.isVisibleTo(page) and page.turns_table.item(1, 1).text() == str(original_overall)
    finally:
        window.runner.shutdown(5000)
        database.close()
