"""`roleplay --self-test` from the source tree (the packaged app runs it in tests/packaging)."""

from __future__ import annotations

import pytest

from app.cli import self_test
from tests.conftest import run_cli


def test_every_check_passes_here_including_the_replay_player():
    proc = run_cli("--self-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith(("PASS", "FAIL"))]
    assert len(lines) == 6 and all(line.startswith("PASS") for line in lines), proc.stdout
    assert "replay player ready" in proc.stdout and "Input #0" not in proc.stderr


def test_the_media_backend_loads_a_wav(qapp, tmp_path):
    assert self_test.media_backend_loads(tmp_path) is None


@pytest.mark.parametrize("lang, failed_word, expected", [
    ("en", "FAIL", "the replay's media player cannot load audio: no plugin"),
    ("zh", "失败", "回放播放器无法加载音频：no plugin")])
def test_a_missing_media_backend_fails_the_qt_check(qapp, monkeypatch, capsys, lang, failed_word, expected):
    monkeypatch.setattr(self_test, "media_backend_loads", lambda _workdir: "no plugin")
    assert self_test.run_self_test(lang) == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith(failed_word)]
    assert len(failed) == 1 and expected in failed[0], out
