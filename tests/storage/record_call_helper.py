"""A scripted recording process for the kill tests: `python -m tests.storage.record_call_helper URL`.

It plays en-complaint-late-parcel through the real engine, recorder and audio chunk writer, driven
line by line on stdin, and reports on stdout what has been committed:

    audio SECONDS   stream that much trainee audio for the current turn (0.1 s blocks, as a mic would)
                    -> "committed N" each time a whole chunk lands, then "audio-written"
    reply TEXT      close the turn's audio, score the reply, commit the turn -> "turn-saved INDEX"
    hangup          finish the session -> "finished"
"""

from __future__ import annotations

import sys
import time

import numpy as np

from app.domain.dialogue import CallSession, SystemClock
from app.domain.scoring import ReplyScorer
from app.resources import scenarios_dir
from app.storage import CallRecorder, Database, SessionRepository

SAMPLE_RATE = 16000
BLOCK_S = 0.1


def tone(seconds: float, frequency: float) -> bytes:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (6000 * np.sin(2 * np.pi * frequency * t)).astype("<i2").tobytes()


def main(url: str) -> int:
    from app.domain.scenarios import load_library

    scenario = load_library([scenarios_dir()]).scenarios["en-complaint-late-parcel"]
    repository = SessionRepository(Database.open(url))
    recorder = CallRecorder(repository, "Kim", scenario)
    call = CallSession(scenario, ReplyScorer(), SystemClock())
    call.start()
    recorder.start()
    print(f"session {recorder.session_uuid}", flush=True)
    writer = None
    for raw in sys.stdin:
        command, _, argument = raw.strip().partition(" ")
        turn_index = len(call.turns)
        if command == "audio":
            if writer is None:
                recorder.store_customer_audio(turn_index, tone(1.0, 300), SAMPLE_RATE)
                writer = recorder.open_trainee_audio(turn_index, SAMPLE_RATE)
            sound = tone(float(argument), 220)
            block = int(BLOCK_S * SAMPLE_RATE) * 2
            committed = writer.saved_chunks
            for start in range(0, len(sound), block):
                writer.write(sound[start:start + block])
                now = writer.saved_chunks
                if now != committed:
                    committed = now
                    print(f"committed {committed}", flush=True)
                time.sleep(0.02)
            print("audio-written", flush=True)
        elif command == "reply":
            if writer is not None:
                writer.close()
                writer = None
            recorder.record_turn(call.reply(argument), recogniser="typed")
            print(f"turn-saved {turn_index}", flush=True)
        elif command == "hangup":
            recorder.finish(call.hang_up())
            print("finished", flush=True)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
