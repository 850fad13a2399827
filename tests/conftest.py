"""Shared fixtures. Every test gets its own data directory, so no test touches a real user's data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.scenarios import ScenarioLibrary, load_library
from app.domain.scoring import ReplyScorer

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point the app's user data at a fresh temporary folder for every test."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("ROLEPLAY_DATA_DIR", str(data))
    monkeypatch.delenv("ROLEPLAY_DATABASE_URL", raising=False)
    return data


@pytest.fixture(scope="session")
def library() -> ScenarioLibrary:
    lib = load_library([REPO_ROOT / "scenarios"])
    assert not lib.problems, [str(p) for p in lib.problems]
    return lib


@pytest.fixture(scope="session")
def scorer() -> ReplyScorer:
    return ReplyScorer()


def load_jsonl(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run_cli(*args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 120):
    """Run `python -m app ...` as a real subprocess, as a user or another tool would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=full_env,
        timeout=timeout,
    )
