"""Trainee PINs in the database, on SQLite and PostgreSQL: the site setting, a first PIN chosen once
(also by two machines at once), the trainers' throttle and lock-out (kept across a restart), and
clearing a PIN. A database from before PINs needs no change: its trainees simply have none yet."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select, text

from app.auth import LockedOut, LoginThrottle, PinAlreadySetError, PinPolicyError
from app.storage import Database, SessionRepository, accounts
from app.storage.models import PersonRow
from tests.storage.conftest import STEADY_REPLIES, record_call


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pins_on(tmp_path, monkeypatch):
    site = tmp_path / "site-settings.json"
    site.write_text(json.dumps({"trainees": {"pins": True}}), encoding="utf-8")
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(site))


@pytest.mark.parametrize("setting", [None, {}, {"trainees": {}}, {"trainees": {"pins": False}},
                                     {"trainees": {"pins": "yes"}}, {"trainees": True}])
def test_pins_are_off_unless_the_site_turns_them_on(setting, tmp_path, monkeypatch):
    site = tmp_path / "site-settings.json"
    if setting is not None:
        site.write_text(json.dumps(setting), encoding="utf-8")
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(site))
    assert not accounts.trainee_pins_on()
    site.write_text(json.dumps({"trainees": {"pins": True}, "trainers": {"first_in_app": False}}), encoding="utf-8")
    assert accounts.trainee_pins_on()


def test_existing_trainees_have_no_pin_and_choose_one_only_where_the_site_asks(repository, database, parcel,
                                                                               tmp_path, monkeypatch):
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Alice")  # recorded before PINs existed
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(tmp_path / "none.json"))
    assert accounts.trainee_pin_state(database, "Alice") == accounts.TraineePinState(True, False, False)
    assert accounts.trainee_pin_state(database, "Nobody") == accounts.TraineePinState(False, False, False)
    (tmp_path / "on.json").write_text(json.dumps({"trainees": {"pins": True}}), encoding="utf-8")
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(tmp_path / "on.json"))
    assert accounts.trainee_pin_state(database, "Alice") == accounts.TraineePinState(True, False, True)


def test_a_first_pin_is_a_hash_only_set_once_and_then_always_asked(repository, database, pins_on, tmp_path,
                                                                   monkeypatch):
    with pytest.raises(PinPolicyError):
        accounts.set_first_trainee_pin(database, "Bo", "12a4")
    assert repository.list_people("trainee") == []  # a refused PIN creates no profile
    accounts.set_first_trainee_pin(database, " Bo ", "20241")
    assert [p.name for p in repository.list_people("trainee")] == ["Bo"]  # the new profile, with its PIN
    with database.read() as db:
        stored = db.scalar(select(PersonRow.password_hash).where(PersonRow.name == "Bo"))
        dump = " ".join(str(v) for row in db.execute(text("SELECT * FROM people")) for v in row)
    assert stored.startswith("scrypt$") and "20241" not in dump
    with pytest.raises(PinAlreadySetError):  # only the first PIN is chosen this way
        accounts.set_first_trainee_pin(database, "Bo", "9999")
    # A computer without the site setting (or pointed at another settings file) still asks for it.
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(tmp_path / "missing.json"))
    assert accounts.trainee_pin_state(database, "Bo") == accounts.TraineePinState(True, True, True)
    throttle = LoginThrottle(clock=Clock())
    assert accounts.check_trainee_pin(database, "Bo", "20241", throttle)
    assert not accounts.check_trainee_pin(database, "Bo", "9999", throttle)
    assert not accounts.check_trainee_pin(database, "Nobody", "20241", throttle)


def test_wrong_pins_lock_the_profile_like_a_trainer_and_the_lock_survives_a_restart(repository, database,
                                                                                    db_url, pins_on):
    accounts.set_first_trainee_pin(database, "Bo", "1357")
    repository.create_first_trainer("Bo", "a trainer called Bo")  # another account, its own count
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _attempt in range(4):
        assert accounts.check_trainee_pin(database, "Bo", "0000", throttle) is False
        clock.now += 60  # past each growing wait
    assert accounts.check_trainee_pin(database, "Bo", "0000", throttle) is False  # the fifth: locked
    with pytest.raises(LockedOut):
        accounts.check_trainee_pin(database, "Bo", "1357", throttle)  # even the right PIN waits
    assert repository.sign_in_trainer("Bo", "a trainer called Bo", throttle)  # the trainer Bo is not locked
    assert repository.trainer_accounts()[0].failed_logins == 0

    with Database.open(db_url) as reopened:  # a restarted app, a fresh throttle: still locked
        with pytest.raises(LockedOut) as caught:
            accounts.check_trainee_pin(reopened, "Bo", "1357", LoginThrottle(clock=clock))
        assert 250 < caught.value.retry_after <= 300
        clock.now += 301
        assert accounts.check_trainee_pin(reopened, "Bo", "1357", LoginThrottle(clock=clock))
        with reopened.read() as db:
            row = db.scalar(select(PersonRow).where(PersonRow.role == "trainee", PersonRow.name == "Bo"))
            assert (row.failed_logins, row.blocked_until) == (0, None)


def test_clearing_a_pin_lifts_the_lock_out_and_the_trainee_chooses_a_new_one(database, pins_on):
    accounts.set_first_trainee_pin(database, "Bo", "1357")
    clock = Clock()
    throttle = LoginThrottle(clock=clock, lock_after=1)
    accounts.check_trainee_pin(database, "Bo", "0000", throttle)
    with pytest.raises(LockedOut):
        accounts.check_trainee_pin(database, "Bo", "1357", LoginThrottle(clock=clock, lock_after=1))
    assert accounts.clear_trainee_pin(database, "Bo") and not accounts.clear_trainee_pin(database, "Nobody")
    assert accounts.trainee_pin_state(database, "Bo") == accounts.TraineePinState(True, False, True)
    accounts.set_first_trainee_pin(database, "Bo", "8642")
    assert accounts.check_trainee_pin(database, "Bo", "8642", LoginThrottle(clock=clock))
    assert not accounts.check_trainee_pin(database, "Bo", "1357", LoginThrottle(clock=clock))


def test_two_machines_choosing_the_first_pin_at_once_cannot_both_set_it(db_url, pins_on):
    databases = [Database.open(db_url) for _ in range(2)]
    try:
        barrier, outcomes = threading.Barrier(2), []

        def choose(database: Database, pin: str) -> None:
            barrier.wait()
            try:
                accounts.set_first_trainee_pin(database, "Bo", pin)
                outcomes.append(pin)
            except PinAlreadySetError:
                outcomes.append("refused")

        threads = [threading.Thread(target=choose, args=(db, pin))
                   for db, pin in zip(databases, ("1111", "2222"), strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(outcomes)[-1] == "refused" and len(outcomes) == 2, outcomes
        winner = next(o for o in outcomes if o != "refused")
        assert accounts.check_trainee_pin(databases[0], "Bo", winner, LoginThrottle())
        assert len(SessionRepository(databases[0]).list_people("trainee")) == 1
    finally:
        for database in databases:
            database.close()
