"""Desktop-app responsiveness: cold start to the first usable window, and the longest GUI-thread
stall during a call (measured by the event-loop stall watchdog).

Run:  python bench/ui_bench.py [--starts 3] [--calls 2]
      (with no display it uses Qt's offscreen platform)
Goals (issue 5): cold start <= 1.5 s; no GUI stall over 50 ms during a call; feedback strip and
the customer's next line starting <= 0.8 s after the endpoint silence that follows the trainee's
last word. The spoken call needs the PulseAudio virtual microphone (`. scripts/services.sh`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def cold_start(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from spawning `python -m app gui` to its first usable window (library and profiles in),
    and the part of it after the command line was parsed (the GUI's own start-up)."""
    times, gui_times = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            env = {**os.environ, "ROLEPLAY_DATA_DIR": data}
            began = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "app", "gui", "--exit-when-ready"], cwd=REPO, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("ready"):
                    times.append(time.perf_counter() - began)
                    gui_times.append(float(line.split()[1]))
                    break
            proc.wait(timeout=30)
    return times, gui_times


def call_stalls(calls: int, think_s: float) -> list[dict[str, float]]:
    """Typed calls through the whole window (pick, briefing, call, report) under the watchdog."""
    from app.cli.demo_cmd import DEMO_CALLS
    from app.settings import SettingsFile
    from app.ui.app import build_main_window, create_application
    from app.ui.services import AppServices
    from app.ui.stall_watchdog import StallWatchdog

    app = create_application(["ui_bench"])

    def pump(seconds: float = 0.0, until=None, timeout: float = 20.0) -> None:
        end = time.perf_counter() + seconds
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < end or (until is not None and not until()):
            if time.perf_counter() > deadline:
                raise TimeoutError
            app.processEvents()
            time.sleep(0.002)

    results = []
    with tempfile.TemporaryDirectory() as data:
        os.environ["ROLEPLAY_DATA_DIR"] = data
        for i in range(calls):
            lang = ("zh", "en")[i % 2]
            services = AppServices(settings_file=SettingsFile(Path(data) / f"settings-{i}.json"))  # typed, unsaved
            window = build_main_window(app, services, ui_language="zh_CN" if lang == "zh" else "en")
            window.show()
            window.start()
            pump(until=lambda w=window: w.is_ready)
            window.profile_page.guest_button.click()
            pump(0.2)
            watchdog = StallWatchdog(interval_ms=10)
            watchdog.start()
            scenario_id, replies = DEMO_CALLS[lang]
            window.open_briefing(scenario_id)
            pump(think_s)
            window.briefing_page.breathing_check.setChecked(False)
            window.briefing_page.start_button.click()
            call = window.call
            for reply in replies:
                pump(until=lambda c=call: c.awaiting or not c.active)
                if not call.active:
                    break
                pump(think_s)
                window.call_page.reply_box.setPlainText(reply)
                window.call_page.send_button.click()
            pump(until=lambda w=window: w.stack.currentWidget() is w.report_page)
            pump(think_s)
            watchdog.stop()
            results.append({"lang": lang, "longest_ms": watchdog.longest_stall_ms,
                            "busy_cpu_ms": watchdog.longest_busy_cpu_ms,
                            "over_50": watchdog.stalls_over[50], "ticks": watchdog.ticks})
            window.close()
            window.deleteLater()
            pump(0.1)
    return results


def last_voiced_s(wav: Path) -> float:
    """Where speech ends in a WAV (the last 10 ms frame above -40 dBFS)."""
    import numpy as np

    from app.speech import read_wav

    audio = read_wav(wav)
    frame = audio.sample_rate // 100
    samples = audio.samples[: len(audio.samples) // frame * frame].reshape(-1, frame)
    loud = np.flatnonzero(np.sqrt((samples.astype(np.float64) ** 2).mean(axis=1)) > 0.01)
    return float((loud[-1] + 1) * frame / audio.sample_rate) if len(loud) else 0.0


def spoken_call(replies: list[str]) -> dict[str, object] | None:
    """A spoken English call on the real services: espeak-ng replies played into the virtual mic.
    Per turn: seconds from the end of speech to the feedback strip and to the next line playing."""
    if "trainee_mic" not in subprocess.run(["pactl", "list", "short", "sources"], capture_output=True,
                                           text=True).stdout:
        return None
    subprocess.run(["pactl", "load-module", "module-null-sink", "sink_name=bench_speakers", "norewinds=1"], capture_output=True)
    from app.settings import SettingsFile
    from app.ui.app import build_main_window, create_application
    from app.ui.services import production_services
    from app.ui.stall_watchdog import StallWatchdog

    app = create_application(["ui_bench"])
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as data:
        os.environ["ROLEPLAY_DATA_DIR"] = data
        settings_file = SettingsFile(Path(data) / "settings.json")
        settings = settings_file.load()
        settings.input_device, settings.output_device = "trainee_mic", "bench_speakers"
        settings_file.save(settings)
        services = production_services("en")
        services.settings_file = settings_file
        window = build_main_window(app, services, ui_language="en")
        marks: dict[str, float] = {}
        original_play = services.voice.play

        def timed_play(wav, device, on_finished):  # type: ignore[no-untyped-def]
            marks.setdefault("line", time.monotonic())
            return original_play(wav, device, on_finished)

        services.voice.play = timed_play  # type: ignore[method-assign]
        window.call.turn_scored.connect(lambda _turn: marks.setdefault("feedback", time.monotonic()))

        def pump(seconds: float = 0.0, until=None, timeout: float = 120.0) -> None:
            end, deadline = time.monotonic() + seconds, time.monotonic() + timeout
            while time.monotonic() < end or (until is not None and not until()):
                if time.monotonic() > deadline:
                    raise TimeoutError
                app.processEvents()
                time.sleep(0.002)

        window.show()
        window.start()
        pump(until=lambda: window.is_ready)
        window.profile_page.guest_button.click()
        pump(0.2)
        watchdog = StallWatchdog(interval_ms=10)
        watchdog.start()
        window.open_briefing("en-complaint-late-parcel")
        window.briefing_page.breathing_check.setChecked(False)
        window.briefing_page.start_button.click()
        call = window.call
        for number, reply in enumerate(replies):
            pump(until=lambda: not call.active or (call.awaiting and call.listening))
            if not call.active:
                break
            wav = Path(data) / f"reply-{number}.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), reply], check=True)
            marks.clear()
            started = time.monotonic()
            player = subprocess.Popen(["paplay", "--device=vmic", str(wav)])
            speech_end = started + last_voiced_s(wav)
            pump(until=lambda p=player: p.poll() is not None)
            pump(until=lambda: "feedback" in marks and ("line" in marks or not call.active))
            pump(0.3)
            rows.append({"feedback_s": marks["feedback"] - speech_end,
                         "line_s": marks["line"] - speech_end if "line" in marks else float("nan")})
        watchdog.stop()
        if call.active:
            window.call_page.hang_up_button.click()
        pump(1.0)
        window.close()
        services.close()
    return {"turns": rows, "longest_ms": watchdog.longest_stall_ms, "over_50": watchdog.stalls_over[50],
            "endpoint_s": settings.endpoint_silence_s}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=3, help="cold starts to time")
    parser.add_argument("--calls", type=int, default=2, help="typed calls to watch (alternating zh/en)")
    parser.add_argument("--think", type=float, default=0.3, help="seconds the scripted trainee waits before replying")
    args = parser.parse_args()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (other processes inflate "
          "wall-clock figures)")
    starts, gui_starts = cold_start(args.starts)
    print(f"cold start to first usable window: median {statistics.median(starts):.2f} s, "
          f"best {min(starts):.2f} s over {len(starts)} runs (goal <= 1.5 s); of which the GUI's own "
          f"start-up after the command line was parsed: median {statistics.median(gui_starts):.2f} s")
    stalls = call_stalls(args.calls, args.think)
    for row in stalls:
        print(f"typed call ({row['lang']}): longest GUI stall {row['longest_ms']:.1f} ms "
              f"(GUI-thread CPU in one go: {row['busy_cpu_ms']:.1f} ms), "
              f"{row['over_50']} stall(s) over 50 ms in {row['ticks']} ticks")
    worst = max(row["longest_ms"] for row in stalls)
    worst_cpu = max(row["busy_cpu_ms"] for row in stalls)
    print(f"longest GUI stall during a call: {worst:.1f} ms wall clock, {worst_cpu:.1f} ms of GUI-thread CPU "
          "(goal: none over 50 ms)")
    spoken = spoken_call([
        "I am so sorry for the wait, I understand how frustrating this is. I will fix this for you right now.",
        "Thank you for your patience. I will call you back tomorrow morning.",
    ])
    if spoken is None:
        print("spoken call: not measured (no virtual microphone: run `. scripts/services.sh` first)")
        return 0
    endpoint = spoken["endpoint_s"]
    for number, row in enumerate(spoken["turns"]):  # type: ignore[arg-type]
        print(f"spoken turn {number + 1}: end of speech -> feedback strip {row['feedback_s']:.2f} s, "
              f"-> customer's next line playing {row['line_s']:.2f} s "
              f"(after the {endpoint:.1f} s endpoint silence: {row['feedback_s'] - endpoint:.2f} s and "
              f"{row['line_s'] - endpoint:.2f} s; goal <= 0.8 s)")
    print(f"spoken call (pocketsphinx, espeak-ng): longest GUI stall {spoken['longest_ms']:.1f} ms, "
          f"{spoken['over_50']} stall(s) over 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
