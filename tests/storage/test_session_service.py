"""The one session service: the access rules of `app.auth` applied below every front end."""

from __future__ import annotations

import io

import pytest

from app.auth import AccessDenied, Viewer
from app.auth.access import ROLE_TRAINEE, ROLE_TRAINER
from app.storage import SessionFilter
from app.storage.session_service import SessionService
from tests.storage.conftest import STEADY_REPLIES, record_call


def test_trainees_see_their_own_sessions_and_trainers_must_have_signed_in(repository, parcel):
    alice = record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Alice").session_uuid
    bob = record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob").session_uuid
    service = SessionService(repository)
    as_alice = Viewer("Alice", ROLE_TRAINEE)
    # whatever a trainee asks for, the listing keeps to their own sessions
    assert [s.uuid for s in service.list_sessions(as_alice, SessionFilter(trainee="Bob"))] == [alice]
    assert service.count_sessions(as_alice, SessionFilter()) == 1
    assert service.load_session(as_alice, str(alice)).summary.trainee == "Alice"
    with pytest.raises(AccessDenied) as denied:
        service.load_session(as_alice, str(bob))
    assert denied.value.key == "not_yours"
    for trainer_only in (lambda v: service.add_comment(v, str(alice), "Good opening."),
                         lambda v: service.export(v, io.StringIO(), "csv", SessionFilter()),
                         lambda v: service.delete_trainee(v, "Bob")):
        with pytest.raises(AccessDenied):
            trainer_only(as_alice)
        with pytest.raises(AccessDenied):  # a trainer this service did not sign in
            trainer_only(Viewer("Chen", ROLE_TRAINER))

    trainer = service.create_first_trainer("Chen", "a long enough passphrase 1")
    assert service.sign_in("Chen", "wrong password") is None
    assert {s.uuid for s in service.list_sessions(trainer, SessionFilter())} == {alice, bob}
    service.add_comment(trainer, str(bob), "Ask why before offering the refund.")
    assert service.session_document(trainer, str(bob))["comments"][0]["author"] == "Chen"
    out = io.StringIO()
    assert service.export(trainer, out, "json", SessionFilter(trainee="Bob"), with_audio=False) == 1
