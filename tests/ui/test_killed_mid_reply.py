# ruff: noqa: F811 - the voice fixtures imported below are used as test arguments
"""The app killed with SIGKILL in the middle of a spoken reply (power cut, crash): on the next start
the session reads "interrupted" with every finished turn, and the reply being spoken is kept but
for its last moment: the trainee's sound is committed every half second while they speak.

Real services throughout: the app in its own process on SQLite, espeak-ng, the PulseAudio virtual
microphone and pocketsphinx."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

from app.storage import SIDE_TRAINEE, STATUS_INTERRUPTED, open_storage
from tests.conftest import REPO_ROOT
from tests.ui.test_spoken_call import SPEAKERS, SPOKEN_REPLIES, speakers  # noqa: F401
from tests.voice_fixtures import (  # noqa: F401 - fixtures used by the test below
    _pactl,
    render,
    speak_into_mic,
    synthesizer,
    virtual_mic,
)

SCENARIO = "en-complaint-late-parcel"
LONG_REPLY = ("I completely understand, and I am going to stay with you until this is sorted. "
              "Let me check the tracking record, the depot notes and the courier's last scan for your order, "
              "and then I will tell you exactly what happens next and when.")


class AppProcess:
    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.ui.call_process", "Kim Park", SCENARIO],
                                     cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line.strip())

    def wait_for(self, wanted: str, timeout_s: float = 180) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.proc.poll() is None, "".join(self.output)[-3000:]
                continue
            if line.startswith(wanted):
                return line
        raise AssertionError(f"no {wanted!r} from the app:\n" + "".join(self.output)[-3000:])


def test_killed_mid_reply_the_session_reopens_interrupted_with_its_turns_and_sound(
        tmp_path, render, virtual_mic, speakers, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"input_device": "trainee_mic", "output_device": SPEAKERS,
                                                    "breathing_prompt": False}), encoding="utf-8")
    env = {**os.environ, "ROLEPLAY_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ROLEPLAY_DATABASE_URL", None)
    first, second = render(SPOKEN_REPLIES[0]), render(LONG_REPLY)
    app = AppProcess(env)
    try:
        session_id = app.wait_for("SESSION").split()[1]
        app.wait_for("LISTENING 0")
        speak_into_mic(first).wait(60)
        app.wait_for("LISTENING 1", timeout_s=120)  # reply 1 heard, scored and stored
        listening_at = time.monotonic()
        player = speak_into_mic(second)
        time.sleep(4.0)  # mid-reply
        app.proc.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        app.proc.wait(30)
        player.wait(30)
    finally:
        if app.proc.poll() is None:
            app.proc.kill()
    monkeypatch.setenv("ROLEPLAY_DATA_DIR", str(data))
    monkeypatch.delenv("ROLEPLAY_DATABASE_URL", raising=False)
    repository = open_storage()  # the next start: sessions of dead processes read "interrupted"
    try:
        detail = repository.load_session(session_id)
        assert detail.summary.status == STATUS_INTERRUPTED
        assert len(detail.turns) == 1 and "frustrating" in detail.turns[0].reply_text
        finished = repository.load_audio(session_id, 0, SIDE_TRAINEE)
        assert finished is not None and finished.complete and len(finished.pcm) / 2 / 16000 > 3.0
        cut = repository.load_audio(session_id, 1, SIDE_TRAINEE)
        assert cut is not None and not cut.complete
        kept_s, spoken_s = len(cut.pcm) / 2 / 16000, killed_at - listening_at
        print(f"killed {spoken_s:.2f} s into listening for reply 2: {kept_s:.2f} s of it kept")
        assert kept_s >= spoken_s - 1.0, (kept_s, spoken_s)
        assert repository.check() == []
    finally:
        repository.database.close()
