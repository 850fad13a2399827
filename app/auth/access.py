"""Who may see and do what in the trainer workspace. No Qt, no storage.

Trainees see only their own sessions. Trainer views and actions (other trainees' sessions,
comments, overrides, example marks, exports, deleting data) need a trainer who signed in with
their password in this run of the app.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLE_TRAINEE = "trainee"
ROLE_TRAINER = "trainer"


class AccessDenied(PermissionError):
    """The viewer may not do this. `key` names the reason: "trainer_only" or "not_yours"."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Viewer:
    name: str
    role: str  # trainee | trainer

    @property
    def is_trainer(self) -> bool:
        return self.role == ROLE_TRAINER


def visible_trainee(viewer: Viewer, requested: str | None) -> str | None:
    """The trainee filter a listing must use: a trainee's own name whatever they asked for."""
    return requested if viewer.is_trainer else viewer.name


def check_can_view(viewer: Viewer, session_trainee: str) -> None:
    if not viewer.is_trainer and viewer.name != session_trainee:
        raise AccessDenied("not_yours")


def check_trainer(viewer: Viewer) -> None:
    if not viewer.is_trainer:
        raise AccessDenied("trainer_only")
