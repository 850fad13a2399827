"""Save screenshots of the library, a call and its report, in English and in 简体中文.

Run under Xvfb or Qt's offscreen platform (no display needed):
    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]

The app runs with its production services, as a guest, typing the scripted replies of
`roleplay demo`; it writes nothing outside a temporary data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.cli.demo_cmd import DEMO_CALLS  # noqa: E402
from app.ui.app import build_main_window, create_application  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

WINDOW_SIZE = (1366, 728)  # a 1366x768 laptop, less its panel


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, window: MainWindow, path: Path) -> None:
    settle(app)
    window.grab().save(str(path))
    print(f"saved {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def take(app: QApplication, ui_language: str, lang: str, out: Path) -> None:
    window = build_main_window(app, ui_language=ui_language)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start()
    wait_until(app, lambda: window.is_ready)
    window.profile_page.guest_button.click()
    window.library_page.language_box.setCurrentIndex(window.library_page.language_box.findData(lang))
    shoot(app, window, out / f"library-{lang}.png")

    scenario_id, replies = DEMO_CALLS[lang]
    window.open_briefing(scenario_id)
    window.briefing_page.breathing_check.setChecked(False)
    window.briefing_page.exam_check.setChecked(False)
    window.briefing_page.start_button.click()
    call = window.call
    for i, reply in enumerate(replies):
        wait_until(app, lambda: call.awaiting or not call.active)
        if not call.active:
            break
        if i == 2:
            shoot(app, window, out / f"call-{lang}.png")
        window.call_page.reply_box.setPlainText(reply)
        window.call_page.send_button.click()
        wait_until(app, lambda: not call.processing)
    wait_until(app, lambda: window.stack.currentWidget() is window.report_page)
    shoot(app, window, out / f"report-{lang}.png")
    window.close()
    window.deleteLater()
    settle(app, 0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        os.environ["ROLEPLAY_DATA_DIR"] = data
        app = create_application(["screenshots"])
        for ui_language, lang in (("en", "en"), ("zh_CN", "zh")):
            take(app, ui_language, lang, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
