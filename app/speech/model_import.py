"""`roleplay models import FILE.zip|DIR` and `roleplay models remove`: install a Vosk model atomically
into the user data folder, or take one away.

An import unpacks (or copies) into a temporary folder beside the installed models, refuses archives
with absolute paths, `..` components or links, copies folders without following links, then has
the real Vosk loader load the copy once, in a child process with a time limit: a damaged or hostile
model cannot crash or hang the app, and only a model that loads is renamed into place. Until then
the model in use is untouched. A removal renames the model's folder (or link) away, then deletes
it, never following a link out of the models folder."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from app.speech.errors import ModelImportError
from app.speech.locations import user_models_dir
from app.speech.vosk_models import MODEL_MARKER, ModelLocation, looks_like_vosk_model

LANGUAGE_HINTS = (
    ("zh", re.compile(r"(^|[-_.])(cn|zh|chinese|cmn|mandarin)([-_.]|$)", re.I)),
    ("en", re.compile(r"(^|[-_.])(en|en-us|en-in|english)([-_.]|$)", re.I)),
)
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
LOAD_TIMEOUT_S = 300.0  # the largest official models load in about a minute on a slow laptop
LOAD_FAILED = 3  # the check's exit status when Vosk refuses the model
LEFTOVERS = (".removing-", ".replaced-")  # renamed away, deleted straight after (unless interrupted)
STALE_IMPORT_S = 24 * 3600  # an `.import-` folder this old was left by an import that was killed


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
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()
                        and not p.name.startswith("__MACOSX")):
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
            if not any(not info.is_dir() for info in entries):  # an empty archive holds no model
                raise ModelImportError("speech.err.not_a_model", source=str(source))
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
        if exc.errno == errno.EINVAL:  # a central directory pointing past the file: a damaged archive
            raise ModelImportError("speech.err.bad_zip", source=str(source)) from exc
        raise ModelImportError(source=str(source), detail=exc.strerror or str(exc)) from exc


def _not_plain(folder: str, names: list[str]) -> list[str]:
    """What a folder copy leaves out: links (they may point anywhere) and anything that is neither a
    file nor a folder (a pipe would hang the copy; a device would copy endlessly)."""
    left_out = []
    for name in names:
        try:
            mode = (Path(folder) / name).lstat().st_mode
        except OSError:
            continue  # gone: the copy reports what it cannot read
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            left_out.append(name)
    return left_out


# -- the load check (the child process) --------------------------------------------------------------
def _load_in_child(model: str, log: str) -> None:
    """Runs in the check's child process: load the model and decode half a second of silence, as a
    call would. Kaldi's log (it writes to the C stderr, with pages of option help on a bad config)
    goes to `log`, never to the user's terminal."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    import vosk

    vosk.SetLogLevel(0)  # its "Loading ... from FILE" lines say which file was being read
    try:
        recognizer = vosk.KaldiRecognizer(vosk.Model(model), 16000)  # a path, never lang=...: that downloads
        recognizer.AcceptWaveform(bytes(16000))
        json.loads(recognizer.FinalResult())
    except Exception:  # noqa: BLE001 - Vosk raises a bare Exception("Failed to create a model")
        raise SystemExit(LOAD_FAILED) from None


def check_model_loads(model: Path, source: Path, timeout_s: float = LOAD_TIMEOUT_S, *,
                      loader: Callable[[str, str], None] = _load_in_child) -> None:
    """Load `model` once with the real Vosk loader (`loader(model, log)`), in a spawned child
    process; raise ModelImportError naming the file to check when it fails, crashes or takes
    longer than `timeout_s`."""
    log = model.parent / f".load-check-{os.getpid()}.log"
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: safe beside Qt and threads
    process = context.Process(target=loader, args=(str(model), str(log)), daemon=True,
                              name="vosk-model-check")
    try:
        process.start()
        process.join(timeout_s)
        timed_out = process.is_alive()
        if timed_out:
            process.kill()
            process.join(10)
        if process.exitcode == 0 and not timed_out:
            return
        try:
            kaldi_log = log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            kaldi_log = ""
    except OSError as exc:  # no process could be started (out of memory, process limit)
        raise ModelImportError(source=str(source), detail=exc.strerror or str(exc)) from exc
    finally:
        if process.is_alive():  # interrupted (Ctrl-C) while it loads: it must not outlive the import
            process.kill()
            process.join(10)
        log.unlink(missing_ok=True)
    file = _file_to_check(kaldi_log, model)
    if timed_out:
        raise ModelImportError("speech.err.model_load_timeout", source=str(source), file=file, seconds=timeout_s)
    raise ModelImportError("speech.err.model_unloadable", source=str(source), file=file)


def _file_to_check(kaldi_log: str, model: Path) -> str:
    """The model file (relative, `am/final.mdl`) the loader failed on: named by its error, else the
    last file it said it was loading, else the stage it reached (the config is read first)."""
    inside = re.compile(re.escape(str(model)) + r"[\\/]([^\s'\"]+)")
    reading: list[str] = []
    for line in kaldi_log.splitlines():
        named = [rel for rel in (m.group(1).replace("\\", "/").rstrip(".,:;") for m in inside.finditer(line))
                 if (model / rel).exists()]  # Vosk may name a file it only looked for
        if line.startswith("ERROR") and named:
            return ", ".join(named)
        if line.startswith("LOG") and named:
            reading = named
    if reading:
        return ", ".join(reading)
    for required in ("conf/model.conf", "am/final.mdl"):  # Vosk needs both before it reads anything
        if not (model / required).is_file():
            return required
    return "am/final.mdl" if "Silence phones" in kaldi_log else "conf/model.conf"


# -- import ---------------------------------------------------------------------------------------------
def import_model(source: str | Path, lang: str | None = None, models_root: Path | None = None,
                 load_timeout_s: float = LOAD_TIMEOUT_S) -> ModelLocation:
    """Install a model from a zip or a folder once Vosk has loaded it; returns where it now lives."""
    source = Path(source).expanduser()
    if not source.exists():
        raise ModelImportError("speech.err.import_missing", source=str(source))
    lang = lang or guess_language(source.name.removesuffix(".zip"))
    if lang is None:
        raise ModelImportError("speech.err.unknown_model_lang", source=str(source))
    lang_dir = (models_root or user_models_dir()) / lang
    try:
        lang_dir.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(lang_dir)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=lang_dir))  # same disk: rename is atomic
    except OSError as exc:
        raise ModelImportError(source=str(source), detail=exc.strerror or str(exc)) from exc
    try:
        if source.is_dir():
            model_root = _find_model_root(source)
            if model_root is None:
                raise ModelImportError("speech.err.not_a_model", source=str(source))
            copied = staging / model_root.name
            shutil.copytree(model_root, copied, symlinks=True, ignore=_not_plain)
            model_root = copied
        else:
            _extract_zip(source, staging / "unpacked")
            model_root = _find_model_root(staging / "unpacked")
            if model_root is None:
                raise ModelImportError("speech.err.not_a_model", source=str(source))
        check_model_loads(model_root, source, load_timeout_s)  # the copy that will be installed
        name = model_root.name if model_root.name != "unpacked" else source.name.removesuffix(".zip")
        (model_root / MODEL_MARKER).write_text(
            json.dumps({"source": str(source), "lang": lang, "imported_at": time.time()}), encoding="utf-8")
        destination = lang_dir / name
        _install(model_root, destination)
        return ModelLocation(lang, destination, "user")
    except (OSError, shutil.Error) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ModelImportError(source=str(source), detail=detail) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _install(model_root: Path, destination: Path) -> None:
    """Rename the checked model into place; a model of the same name is put back if that fails."""
    previous = None
    if destination.exists() or destination.is_symlink():
        previous = destination.parent / f".replaced-{destination.name}-{time.time_ns()}"
        destination.rename(previous)
    try:
        model_root.rename(destination)
    except OSError:
        if previous is not None:
            previous.rename(destination)
        raise
    if previous is not None:
        _delete(previous)


# -- removal ----------------------------------------------------------------------------------------------
def folder_size(path: Path) -> int:
    """Bytes of the regular files under `path`, links not followed (what a removal frees)."""
    if path.is_symlink():
        return 0
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                info = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                total += info.st_size
    return total


def remove_model(location: ModelLocation, models_root: Path | None = None) -> None:
    """Take an imported model away: its folder is renamed to a hidden name (from then on no one
    finds it), then deleted. A model that is a link loses only the link, never what it points to."""
    root = models_root or user_models_dir()
    path = location.path
    if location.source != "user" or not _inside(path.parent, root):
        raise ModelImportError("speech.err.model_outside", name=location.name, path=str(path))
    trash = path.parent / f"{LEFTOVERS[0]}{path.name}-{time.time_ns()}"
    try:
        path.rename(trash)  # renames a link itself, never its target
    except OSError as exc:
        raise ModelImportError("speech.err.model_remove_failed", name=location.name,
                               detail=exc.strerror or str(exc)) from exc
    _delete(trash)


def _inside(folder: Path, root: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _delete(path: Path) -> None:
    """Delete a renamed-away model; what cannot be deleted now stays hidden and is swept next time."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)  # does not follow links inside
    except OSError:
        pass


def sweep_leftovers(lang_dir: Path) -> None:
    """Finish deleting what an interrupted removal, replacement or import left behind."""
    if not lang_dir.is_dir():
        return
    now = time.time()
    for entry in lang_dir.iterdir():
        try:
            stale_import = entry.name.startswith(".import-") and now - entry.lstat().st_mtime > STALE_IMPORT_S
        except OSError:
            continue
        if entry.name.startswith(LEFTOVERS) or stale_import:
            _delete(entry)
