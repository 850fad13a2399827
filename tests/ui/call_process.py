"""The desktop app as a separate process, for tests that kill it: `python -m tests.ui.call_process
TRAINEE SCENARIO`. It opens the real main window on `production_services()` (the data folder of
`ROLEPLAY_DATA_DIR`, whose settings choose the virtual microphone), picks the trainee, starts the
scenario, and prints `LISTENING <turn>` each time the microphone starts listening for a reply, and
`SESSION <id>` once the call's session is stored. A test speaks into the microphone and kills it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from app.ui.app import build_main_window, create_application
from app.ui.services import production_services
from tests.conftest import REPO_ROOT


def main(trainee: str, scenario_id: str) -> int:
    app = create_application([sys.argv[0]])
    services = production_services("en")
    services.scenario_paths = [REPO_ROOT / "scenarios"]
    window = build_main_window(app, services, ui_language="en")
    window.confirm_close_mid_call = lambda: True  # closing mid-call: the test answers "end the call"
    window.resize(1366, 768)
    window.show()
    window.start()
    state = {"step": "ready", "listening": -1, "session": False}

    def tick() -> None:  # a small state machine, polled: the same clicks a trainee makes
        call = window.call
        if state["step"] == "ready" and window.is_ready:
            window.profile_page.name_edit.setText(trainee)
            window.profile_page.create_button.click()
            state["step"] = "library"
        elif state["step"] == "library" and window.stack.currentWidget() is window.library_page:
            page = window.library_page
            page.language_box.setCurrentIndex(page.language_box.findData(scenario_id[:2]))
            card = next(c for c in page.visible_cards() if c.scenario.id == scenario_id)
            card.open_button.click()
            window.briefing_page.breathing_check.setChecked(False)
            window.briefing_page.start_button.click()
            state["step"] = "call"
        elif state["step"] == "call":
            if not state["session"] and call.session_id is not None:
                print(f"SESSION {call.session_id}", flush=True)
                state["session"] = True
            turn = len(call.session.turns) if call.session is not None else -1
            if call.awaiting and call.listening and turn > state["listening"]:
                state["listening"] = turn
                print(f"LISTENING {turn}", flush=True)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
