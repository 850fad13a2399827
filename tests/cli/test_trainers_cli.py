"""IT manages trainer accounts from the command line (no trainer sign-in: access to the database is
IT's authority), including a locked-out trainer; a site setting keeps the app from creating the
first trainer."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_add_list_reset_a_trainer_and_clear_a_lock_out(tmp_path):
    env = {"ROLEPLAY_DATA_DIR": str(tmp_path / "data")}
    assert "No trainer accounts yet" in run_cli("trainers", "list", env=env).stdout
    added = run_cli("trainers", "add", "Coach Li", env={**env, "ROLEPLAY_TRAINER_PASSWORD": "first password 1"})
    assert added.returncode == 0 and "Trainer Coach Li can now sign in." in added.stdout, added.stderr
    again = run_cli("trainers", "add", "Coach Li", env={**env, "ROLEPLAY_TRAINER_PASSWORD": "another one 22"})
    assert again.returncode != 0 and "already has an account" in again.stderr
    weak = run_cli("trainers", "add", "Coach Wu", env={**env, "ROLEPLAY_TRAINER_PASSWORD": "short"})
    assert weak.returncode != 0 and "at least 8 characters" in weak.stderr and "Traceback" not in weak.stderr

    for n in range(6):  # someone guesses: the account locks
        run_cli("sessions", "list", "--trainer", "Coach Li", env={**env, "ROLEPLAY_TRAINER_PASSWORD": f"guess {n}"})
    listed = run_cli("trainers", "list", env=env).stdout
    assert "Coach Li\tlocked out until" in listed
    reset = run_cli("trainers", "reset", "Coach Li", env={**env, "ROLEPLAY_TRAINER_PASSWORD": "a new password 3"})
    assert reset.returncode == 0 and "any lock-out is cleared" in reset.stdout
    signed = run_cli("sessions", "list", "--trainer", "Coach Li", "--json",
                     env={**env, "ROLEPLAY_TRAINER_PASSWORD": "a new password 3"})
    assert signed.returncode == 0 and json.loads(signed.stdout) == [], signed.stderr
    unknown = run_cli("trainers", "reset", "Nobody", env={**env, "ROLEPLAY_TRAINER_PASSWORD": "whatever 123"})
    assert unknown.returncode != 0 and "There is no trainer Nobody" in unknown.stderr


def test_a_site_setting_leaves_the_first_trainer_to_it(tmp_path, monkeypatch):
    import pytest

    from app.auth.access import AccessDenied
    from app.storage import open_storage
    from app.storage.session_service import SessionService

    site = tmp_path / "site-settings.json"
    site.write_text(json.dumps({"trainers": {"first_in_app": False}}), encoding="utf-8")
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(site))
    repository = open_storage(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}")
    try:
        service = SessionService(repository)
        assert not service.first_trainer_in_app()
        with pytest.raises(AccessDenied):
            service.create_first_trainer("Whoever Clicks First", "a long password 1")
        assert not service.has_trainer()
    finally:
        repository.database.close()
