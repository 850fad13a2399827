"""`roleplay models import FILE.zip|DIR`: check a Vosk model and install it atomically into the
user data folder. Archives with absolute paths, `..` components or links are refused whole."""

from __future__ import annotations

import json
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from app.speech.errors import ModelImportError
from app.speech.locations import user_models_dir
from app.speech.vosk_models import MODEL_MARKER, ModelLocation, looks_like_vosk_model

LANGUAGE_HINTS = (
    ("zh", re.compile(r"(^|[-_.])(cn|zh|chinese|cmn|mandarin)([-_.]|$)", re.I)),
    ("en", re.compile(r"(^|[-_.])(en|en-us|en-in|english)([-_.]|$)", re.I)),
)
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def guess_language(name: str) -> str | None:
    for lang, pattern in LANGUAGE_HINTS:
        if pattern.search(name):
            return lang
    return None


def unsafe_entry(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or WINDOWS_DRIVE.match(name):
        return True
    if any(part == ".." for part in PurePosixPath(name).parts):
        return True
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _find_model_root(folder: Path, depth: int = 3) -> Path | None:
    if looks_like_vosk_model(folder):
        return folder
    if depth == 0:
        return None
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("__MACOSX")):
        found = _find_model_root(child, depth - 1)
        if found is not None:
            return found
    return None


MAX_MODEL_BYTES = 4 * 1024 ** 3  # unpacked: the largest official Vosk models are under 3 GB
MAX_RATIO = 20  # unpacked size / zip size: models compress about 1.5 times; a zip bomb a thousand times


def _check_sizes(source: Path, entries: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in entries)
    packed = max(1, source.stat().st_size)
    if total > MAX_MODEL_BYTES or total > MAX_RATIO * packed:
        raise ModelImportError("speech.err.zip_too_big", source=str(source),
                               size=f"{total / 1024 ** 2:,.0f} MB", packed=f"{packed / 1024 ** 2:,.1f} MB")


def _extract_zip(source: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
            for info in entries:
                if unsafe_entry(info):
                    raise ModelImportError("speech.err.unsafe_entry", source=str(source), entry=info.filename)
            _check_sizes(source, entries)  # before a byte is written
            for info in entries:
                archive.extract(info, target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        # damaged data, an unsupported compression method, an encrypted (password) entry
        raise ModelImportError("speech.err.bad_zip", source=str(source)) from exc
    except OSError as exc:
        raise ModelImportError(source=str(source), detail=exc.strerror or str(exc)) from exc


def _links(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if (Path(folder) / name).is_symlink()]


def import_model(source: str | Path, lang: str | None = None, models_root: Path | None = None) -> ModelLocation:
    """Install a model from a zip or a folder; returns where it now lives."""
    source = Path(source).expanduser()
    if not source.exists():
        raise ModelImportError("speech.err.import_missing", source=str(source))
    lang = lang or guess_language(source.name.removesuffix(".zip"))
    if lang is None:
        raise ModelImportError("speech.err.unknown_model_lang", source=str(source))
    lang_dir = (models_root or user_models_dir()) / lang
    lang_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=lang_dir))  # same disk: rename is atomic
    try:
        if source.is_dir():
            model_root = _find_model_root(source)
            if model_root is None:
                raise ModelImportError("speech.err.not_a_model", source=str(source))
            copied = staging / model_root.name
            # a model is plain files: links are left out, never followed (they may point anywhere)
            shutil.copytree(model_root, copied, symlinks=True, ignore=_links)
            model_root = copied
        else:
            _extract_zip(source, staging / "unpacked")
            model_root = _find_model_root(staging / "unpacked")
            if model_root is None:
                raise ModelImportError("speech.err.not_a_model", source=str(source))
        name = model_root.name if model_root.name != "unpacked" else source.name.removesuffix(".zip")
        (model_root / MODEL_MARKER).write_text(
            json.dumps({"source": str(source), "lang": lang, "imported_at": time.time()}), encoding="utf-8")
        destination = lang_dir / name
        previous = None
        if destination.exists():
            previous = lang_dir / f".replaced-{name}-{int(time.time() * 1000)}"
            destination.rename(previous)
        model_root.rename(destination)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        return ModelLocation(lang, destination, "user")
    except OSError as exc:
        raise ModelImportError(source=str(source), detail=exc.strerror or str(exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
