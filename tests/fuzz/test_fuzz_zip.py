"""Fuzz: model zips shaped like a Vosk model folder (`top/am/final.mdl`, `top/conf/model.conf`,
`top/graph/`), with entries renamed (`..`, absolute, drive letters, very long, duplicated, a file
where a folder should be), other compression methods, the encrypted flag, link and device modes,
a zip bomb, sizes and CRCs that lie, flipped and cut bytes. Through `roleplay models import`: exit
0 or 2 (refused in one line), never a traceback, and nothing written outside the models folder.
Few cases get as far as the real load check (a child process, seconds each): most stop at the zip."""

from __future__ import annotations

import io
import random
import stat
import struct
import warnings
import zipfile
from pathlib import Path

from tests.fuzz.harness import Cli, Findings, cases, mutate_bytes, save
from tests.model_files import FAKE_MDL

SEED = 17
CASES = 40
LOAD_CHECKS = 1  # zips that look installable reach the load check, a spawned Vosk (2-5 s each)
TEST_FILE = "tests/fuzz/test_fuzz_zip.py"
TOP = "vosk-model-small-en-us-fuzz"

NASTY_NAMES = ("../escape.txt", "/abs/escape.txt", "C:\\escape.txt", "C:escape.txt", "top\\..\\..\\escape.txt",
               f"{TOP}/am/../../../escape.txt", "", ".", "./", "a" * 300 + "/x", ("d/" * 700) + "x", "模型/am/final.mdl",
               f"{TOP}/am/fin\nal.mdl", f"{TOP}/am", f"{TOP}/conf/model.conf/", "__MACOSX/._final.mdl",
               f"{TOP}/am/final.mdl ", f"{TOP}/CON", f"{TOP}/am/\u202efinal.mdl", "~/escape.txt")


def base_entries() -> list[tuple[zipfile.ZipInfo, bytes]]:
    entries = []
    for name, data in ((f"{TOP}/am/final.mdl", FAKE_MDL), (f"{TOP}/conf/model.conf", b"--sample-frequency=16000\n"),
                       (f"{TOP}/graph/", b""), (f"{TOP}/README", b"a fuzz model\n")):
        info = zipfile.ZipInfo(name, (2022, 1, 1, 0, 0, 0))
        info.external_attr = ((0o40755 if name.endswith("/") else 0o100644) << 16)
        entries.append((info, data))
    return entries


def build(entries: list[tuple[zipfile.ZipInfo, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": an entry twice is one of the cases
        for info, data in entries:
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def structural(rng: random.Random) -> tuple[bytes, str]:
    entries = base_entries()
    compression = rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
    op = rng.randrange(9)
    if op == 0:
        at = rng.randrange(len(entries))
        name = rng.choice(NASTY_NAMES)
        entries[at][0].filename = name
        what = f"entry {at} named {name[:40]!r}"
    elif op == 1:
        name = rng.choice(NASTY_NAMES)
        info = zipfile.ZipInfo(name)
        info.external_attr = 0o100644 << 16
        entries.append((info, b"x"))
        what = f"extra entry {name[:40]!r}"
    elif op == 2:
        at = rng.randrange(len(entries))
        mode = rng.choice((stat.S_IFLNK | 0o777, stat.S_IFIFO | 0o644, stat.S_IFCHR | 0o644, 0o104755, 0))
        entries[at][0].external_attr = mode << 16
        what = f"entry {at} mode {mode:o}"
    elif op == 3:
        entries.append(entries[rng.randrange(len(entries))])
        what = "an entry twice"
    elif op == 4:
        count = rng.choice((500, 3000))
        entries += [(zipfile.ZipInfo(f"{TOP}/graph/p{i}"), b"") for i in range(count)]
        what = f"{count} more entries"
    elif op == 5:
        for info, _data in entries:
            info.filename = "a/b/c/d/" + info.filename
        what = "the model five folders down"
    elif op == 6:
        entries = [(info, b"") for info, _data in entries]
        what = "every file empty"
    elif op == 7:
        entries.append((zipfile.ZipInfo(f"{TOP}/am/zeros.bin"), b"\0" * (30 * 1024 * 1024)))
        compression = zipfile.ZIP_DEFLATED
        what = "a zip bomb (30 MB of zeros)"
    else:
        entries = [(info, data) for info, data in entries if rng.random() < 0.5]
        what = f"only {len(entries)} of the entries"
    data = build(entries, compression)
    return data, f"{what}; method {compression}"


def lying(rng: random.Random) -> tuple[bytes, str]:
    """A valid zip whose headers then say something else: sizes, CRC, method, flags, counts."""
    data = bytearray(build(base_entries(), rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))))
    central = [i for i in range(len(data) - 4) if data[i:i + 4] == b"PK\x01\x02"]
    local = [i for i in range(len(data) - 4) if data[i:i + 4] == b"PK\x03\x04"]
    end = data.rfind(b"PK\x05\x06")
    choice = rng.randrange(7)
    value = rng.choice((0, 1, 0x7FFFFFFF, 0xFFFFFFFF, rng.randrange(1 << 32)))
    if choice == 0:
        at = rng.choice(central) + 24  # uncompressed size
        what = "central size"
    elif choice == 1:
        at = rng.choice(central) + 20  # compressed size
        what = "central compressed size"
    elif choice == 2:
        at = rng.choice(central) + 16  # CRC
        what = "central CRC"
    elif choice == 3:
        for where in (rng.choice(central) + 10, rng.choice(local) + 8):
            data[where:where + 2] = struct.pack("<H", rng.choice((1, 6, 9, 12, 14, 93, 98, 99)))
        return bytes(data), "compression method"
    elif choice == 4:
        for where in central + local:
            data[where + (8 if data[where + 2] == 1 else 6)] |= 0x01
        return bytes(data), "encrypted flag on every entry"
    elif choice == 5:
        at = end + 10  # total entries
        data[at:at + 2] = struct.pack("<H", value & 0xFFFF)
        return bytes(data), f"entry count {value & 0xFFFF}"
    else:
        at = end + 16  # central directory offset
        what = "central directory offset"
    data[at:at + 4] = struct.pack("<I", value)
    return bytes(data), f"{what} = {value:#x}"


def whole(rng: random.Random) -> tuple[bytes, str]:
    raw = build(base_entries())
    choice = rng.randrange(6)
    if choice == 0:
        return b"", "empty file"
    if choice == 1:
        return b"PK\x05\x06" + b"\0" * 18, "an empty archive"
    if choice == 2:
        return b"MZ" + bytes(rng.randrange(256) for _ in range(500)) + raw, "a stub before the zip"
    if choice == 3:
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as archive:
            archive.writestr(f"{TOP}.zip", raw)
        return inner.getvalue(), "the model zipped twice"
    if choice == 4:
        return b"this is not a zip\n" * 10, "text"
    data, done = mutate_bytes(rng, raw, rounds=rng.randint(1, 6))
    return data, "bytes: " + ", ".join(done)


def _installable(path: Path) -> bool:
    """Whether the zip gets as far as the load check (to spend the slow checks on few cases)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            return archive.testzip() is None and any(n.endswith(("am/final.mdl", "conf/model.conf")) for n in names)
    except Exception:  # noqa: BLE001 - anything unreadable stops before the load check
        return False


def test_mutated_model_zips(tmp_path):
    findings = Findings("zip", TEST_FILE)
    checks = 0
    for index, rng in cases("zip", SEED, CASES):
        make = rng.choice((structural, structural, lying, whole))
        data, what = make(rng)
        path = save(tmp_path / f"case-{index}", rng.choice((f"{TOP}.zip", "model-en.zip", "vosk-cn.zip")), data)
        if _installable(path):
            if checks >= LOAD_CHECKS:
                continue
            checks += 1
        cli = Cli(tmp_path / f"data-{index}")
        args = ["models", "import", str(path)] + (["--lang", rng.choice(("en", "zh"))] if rng.random() < 0.3 else [])
        outcome = cli.run(*args, env={"ROLEPLAY_LANG": rng.choice(("en", "zh"))})
        escaped = [str(p) for p in [*tmp_path.rglob("escape.txt"), *Path("/abs").glob("escape.txt")]
                   if "models" not in p.parts]
        extra = [f"a file written outside the models folder: {escaped[0]}"] if escaped else []
        if findings.check(index, what, outcome, [0, 2], extra) and outcome.code == 0:
            findings.check(index, what + " -> models list", cli.run("models", "list", "--json"), [0])
    findings.assert_clean()
