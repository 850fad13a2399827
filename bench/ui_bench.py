"""Desktop-app responsiveness: cold start to the first usable window, and the longest GUI-thread
stall during a call (measured by the event-loop stall watchdog).

Run:  python bench/ui_bench.py [--starts 3] [--calls 2]
      (with no display it uses Qt's offscreen platform)
Goals (issue 5): cold start <= 1.5 s; no GUI stall over 50 ms during a call. The time from end of
speech to the feedback strip and the customer's next line is added once voice is wired in.
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
    from app.ui.app import build_main_window, create_application
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
            window = build_main_window(app, ui_language="zh_CN" if lang == "zh" else "en")
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
    print("end of speech to feedback strip + next customer line: not measured yet (needs the voice adapter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
