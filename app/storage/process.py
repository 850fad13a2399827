"""Which process owns an in-progress session, and whether that process is still running.

A session records its host name, process id and the process's start time (so a recycled pid is
not mistaken for the recording app). At start-up, in-progress sessions of this host whose owner
is gone are marked interrupted.
"""

from __future__ import annotations

import os
import socket
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class ProcessIdentity:
    hostname: str
    pid: int
    started: str  # the process start time as the OS reports it; "" when unknown

    @classmethod
    def current(cls) -> ProcessIdentity:
        pid = os.getpid()
        return cls(socket.gethostname(), pid, process_start_marker(pid))


def _proc_stat_fields(pid: int) -> list[str]:
    """Linux `/proc/PID/stat` after the command name: state, ppid, ...; empty elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return []
    return stat[stat.rfind(")") + 2:].split()


def process_start_marker(pid: int) -> str:
    """An opaque token that changes when the pid is reused (Linux: start time in clock ticks)."""
    fields = _proc_stat_fields(pid)
    return fields[19] if len(fields) > 19 else ""


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _windows_pid_running(pid: int) -> bool:
    import ctypes

    if sys.platform != "win32":  # ctypes.windll exists only on Windows (and type checkers know it)
        raise RuntimeError("the Windows process check runs on Windows only")
    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def is_running(pid: int | None, started: str | None) -> bool:
    """Whether the process that recorded `pid`/`started` on this host is still running."""
    if pid is None or not _pid_running(pid):
        return False
    fields = _proc_stat_fields(pid)
    if fields and fields[0] in ("Z", "X"):
        return False  # killed, waiting to be reaped
    if started:
        now = process_start_marker(pid)
        if now and now != started:
            return False  # the pid now belongs to another process
    return True
