"""The fuzz tests' harness: the real entry point (`app.cli.main.main`) run in-process on mutated
input, and the rules every answer keeps: an exit status the README documents, a refusal in one
line on stderr, never a traceback, a `crash.log` or the "did not expect" message, and nothing
invisible printed to the terminal.

Each target has its own seed; case `i` of a target draws from `random.Random(seed * 1_000_003 + i)`,
so one case can be replayed alone: `ROLEPLAY_FUZZ_CASE=wav:37 pytest tests/fuzz/test_fuzz_wav.py`.
`ROLEPLAY_FUZZ_SCALE=10` runs ten times as many cases (the first ones are the same).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shlex
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.crash_log import CRASH_LOG_NAME
from app.texts import CATALOG

SCALE = float(os.environ.get("ROLEPLAY_FUZZ_SCALE", "1") or 1)
ONLY = os.environ.get("ROLEPLAY_FUZZ_CASE", "")
CASE_SECONDS = 20.0  # one case; a hang or an unbounded input shows as a failure, not a stuck run

GROUPS = ("scenarios", "sessions", "models", "trainers", "db")  # commands named with their action
REFUSED = (2, 3)  # refused input; 3 is what the storage commands answer (`storage_support.STORAGE_EXIT_CODE`)
UNEXPECTED = tuple(CATALOG["err.unexpected"][lang].split("（")[0].split("(")[0].strip() for lang in ("en", "zh"))
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def case_count(count: int) -> int:
    return max(1, round(count * SCALE))


def cases(target: str, seed: int, count: int) -> Iterator[tuple[int, random.Random]]:
    """(index, generator) for each case of `target`; only the one named by ROLEPLAY_FUZZ_CASE if set."""
    if ONLY:
        name, _, number = ONLY.partition(":")
        indices: Iterable[int] = [int(number)] if name == target else []
    else:
        indices = range(case_count(count))
    for index in indices:
        yield index, random.Random(seed * 1_000_003 + index)


class CaseTimeout(BaseException):
    """Raised in the main thread when one case runs past CASE_SECONDS (a BaseException, so the
    entry point's last line of defence does not turn it into an ordinary error)."""


@dataclass
class Outcome:
    argv: list[str]
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    crash_log: str = ""
    escaped: str = ""  # a traceback that got past main()
    timed_out: bool = False
    env: dict[str, str] = field(default_factory=dict)

    def reproducer(self) -> str:
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(self.env.items()))
        return f"{env} python -m app {shlex.join(self.argv)}".strip()


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise CaseTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class Cli:
    """`python -m app ARGS` in this process, with the streams of a terminal in a UTF-8 locale
    (en_US.UTF-8, a trainee's desktop): stdin and stdout strict UTF-8, so a lone surrogate written
    to stdout fails as it would there, and stderr escapes it (Python's own stderr rule). A C.UTF-8
    terminal (CI's) is laxer: it passes U+DC80-U+DCFF through as bytes."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.env = dict(env or {})

    def run(self, *argv: str | os.PathLike, stdin: bytes | str = b"", env: dict[str, str] | None = None,
            data_dir: Path | None = None) -> Outcome:
        from app.cli.main import main

        args = [os.fspath(a) for a in argv]
        folder = data_dir or self.data_dir
        values = {"ROLEPLAY_DATA_DIR": str(folder), **self.env, **(env or {})}
        crash = folder / CRASH_LOG_NAME
        crash.unlink(missing_ok=True)
        out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
        out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
        err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace", write_through=True)
        raw_in = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        fake_in = io.TextIOWrapper(io.BytesIO(raw_in), encoding="utf-8", errors="strict")
        code: int | None = None
        escaped = ""
        timed_out = False
        started = time.monotonic()
        saved_in = sys.stdin
        sys.stdin = fake_in
        try:
            with _environment(values), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                    _deadline(CASE_SECONDS):
                try:
                    code = main(args)
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except CaseTimeout:
            timed_out = True
        except Exception:  # noqa: BLE001 - anything main() let through is a finding, kept with its stack
            escaped = traceback.format_exc()
        finally:
            sys.stdin = saved_in
            with contextlib.suppress(Exception):
                out.flush()
                err.flush()
        seconds = time.monotonic() - started
        log = crash.read_text(encoding="utf-8", errors="replace") if crash.exists() else ""
        return Outcome(args, code, out_bytes.getvalue().decode("utf-8", "replace"),
                       err_bytes.getvalue().decode("utf-8", "replace"), seconds, log, escaped, timed_out,
                       {k: v for k, v in values.items() if k != "ROLEPLAY_TRAINER_PASSWORD"})


def problems(outcome: Outcome, allowed: Sequence[int], data_out: bool = False) -> list[str]:
    """What is wrong with an answer; empty when the command behaved. `data_out`: stdout is data for
    another program (JSON that echoes the input's ids), so only stderr must be fit for a terminal."""
    found = []
    if outcome.timed_out:
        found.append(f"still running after {CASE_SECONDS:.0f} s")
    if outcome.escaped:
        found.append(f"an exception escaped main(): {outcome.escaped.strip().splitlines()[-1]}")
    if outcome.code not in allowed and not outcome.timed_out:
        found.append(f"exit status {outcome.code}, expected one of {list(allowed)}")
    text = outcome.stdout + outcome.stderr
    if "Traceback (most recent call last)" in text:
        found.append("a traceback on the terminal")
    if outcome.crash_log:
        last = outcome.crash_log.strip().splitlines()[-1] if outcome.crash_log.strip() else ""
        found.append(f"crash.log written: {last}")
    if any(marker in outcome.stderr for marker in UNEXPECTED):
        found.append("the 'did not expect' message")
    hidden = INVISIBLE.search(outcome.stderr if data_out else text)
    if hidden:
        found.append(f"an invisible or control character (U+{ord(hidden.group()):04X}) printed to the terminal")
    if outcome.code in REFUSED and outcome.code in allowed:
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        if len(lines) != 1 or not lines[0].startswith("roleplay: "):
            found.append(f"a refusal is one 'roleplay: ...' line on stderr, got {len(lines)} line(s)")
    return found


@dataclass
class Finding:
    target: str
    index: int
    what: str
    outcome: Outcome
    problems: list[str]
    test_file: str

    def __str__(self) -> str:
        tail = " | ".join(self.outcome.stderr.strip().splitlines()[-3:])[:600]
        return (f"{self.target} case {self.index}: {self.what}\n"
                f"    problems: {'; '.join(self.problems)}\n"
                f"    command:  {self.outcome.reproducer()}\n"
                f"    replay:   ROLEPLAY_FUZZ_CASE={self.target}:{self.index} python -m pytest {self.test_file}\n"
                f"    stderr:   {tail}")


class Findings:
    """Collects what went wrong over a target's cases and fails the test once, listing them all."""

    def __init__(self, target: str, test_file: str) -> None:
        self.target = target
        self.test_file = test_file
        self.items: list[Finding] = []
        self.codes: dict[int | None, int] = {}
        self.runs = 0
        self.started = time.monotonic()
        self.seconds: dict[str, float] = {}

    def check(self, index: int, what: str, outcome: Outcome, allowed: Sequence[int],
              extra: Iterable[str] = (), data_out: bool = False) -> bool:
        """Record the case; True when it behaved."""
        self.runs += 1
        self.codes[outcome.code] = self.codes.get(outcome.code, 0) + 1
        command = " ".join(outcome.argv[:2] if outcome.argv[0] in GROUPS else outcome.argv[:1])
        self.seconds[command] = self.seconds.get(command, 0.0) + outcome.seconds
        found = problems(outcome, allowed, data_out) + list(extra)
        if found:
            self.items.append(Finding(self.target, index, what, outcome, found, self.test_file))
        return not found

    def summary(self) -> str:
        codes = ", ".join(f"exit {code}: {n}" for code, n in sorted(self.codes.items(), key=lambda kv: str(kv[0])))
        return (f"fuzz {self.target}: {self.runs} command(s) in {time.monotonic() - self.started:.1f} s ({codes}); "
                f"{len(self.items)} finding(s)")

    def assert_clean(self) -> None:
        print(self.summary())
        print("    time per command: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items()))
        if self.items:
            shown = "\n".join(str(item) for item in self.items[:25])
            more = f"\n... and {len(self.items) - 25} more" if len(self.items) > 25 else ""
            pytest.fail(f"{self.summary()}\n{shown}{more}", pytrace=False)


# -- mutations ----------------------------------------------------------------------------------
NASTY_STRINGS = (
    "", " ", "\t", "\n\n", "\x00", "nul\x00inside", "\x07bell", "\x1b[31mred", "\u202egnp.exe", "zero\u200bwidth",
    "\ufeffbom", "\u2028line", "😀" * 3, "{}", "{0}", "{missing}", "%s%n", "' OR 1=1 --", "../../etc/passwd",
    "C:\\Windows", "NaN", "null", "true", "-1", "1e400", "非常" * 3000, "x" * 200_000, "é\u0301", "\U0010ffff",
)
NASTY_NUMBERS = (0, -1, 1, 101, 255, 2**31, 2**31 - 1, 2**32, 2**53 + 1, 2**63, 2**64, -(2**63) - 1, 10**30,
                 10**4000, 1e308, -1e308, 0.5, -0.0, 1e-320, 99.999)


def value_paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path into nested dicts and lists (a JSON document, a parsed scenario), parents first."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += value_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += value_paths(value, (*prefix, index))
    return found


def nasty_value(rng: random.Random, depth: int = 0) -> Any:
    """A value of a random, usually wrong, type: JSON- and YAML-expressible."""
    kind = rng.randrange(10 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice((True, False))
    if kind in (2, 3):
        return rng.choice(NASTY_NUMBERS)
    if kind in (4, 5):
        return rng.choice(NASTY_STRINGS)
    if kind == 6:
        return []
    if kind == 7:
        return {}
    if kind == 8:
        return [nasty_value(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    return {rng.choice(("a", "id", "", "0", "\u202e")): nasty_value(rng, depth + 1) for _ in range(rng.randrange(1, 3))}


def mutate_bytes(rng: random.Random, data: bytes, low: int = 0, high: int | None = None,
                 rounds: int | None = None) -> tuple[bytes, list[str]]:
    """A few byte-level edits inside data[low:high]: flipped bits, set bytes, inserted, removed or
    repeated spans, a truncation."""
    buffer = bytearray(data)
    done = []
    for _ in range(rounds or rng.randint(1, 3)):
        top = min(len(buffer), high if high is not None else len(buffer))
        if top <= low:
            break
        at = rng.randrange(low, top)
        op = rng.randrange(7)
        if op == 0:
            bit = 1 << rng.randrange(8)
            buffer[at] ^= bit
            done.append(f"flip bit {bit:#x} at {at}")
        elif op == 1:
            value = rng.choice((0x00, 0xFF, 0x7F, 0x80, 0x01, rng.randrange(256)))
            buffer[at] = value
            done.append(f"byte {at} = {value:#04x}")
        elif op == 2:
            junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            buffer[at:at] = junk
            done.append(f"insert {junk.hex()} at {at}")
        elif op == 3:
            span = rng.randint(1, 16)
            del buffer[at:at + span]
            done.append(f"delete {span} at {at}")
        elif op == 4:
            span = rng.randint(1, 32)
            buffer[at:at] = buffer[at:at + span]
            done.append(f"repeat {span} at {at}")
        elif op == 5:
            del buffer[at:]
            done.append(f"truncate at {at}")
        else:
            four = rng.choice((b"\x00\x00\x00\x00", b"\xff\xff\xff\xff", b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80"))
            buffer[at:at + 4] = four
            done.append(f"set 4 bytes at {at} to {four.hex()}")
    return bytes(buffer), done


def save(folder: Path, name: str, data: bytes | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(data)
    return path
