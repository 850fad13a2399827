"""The small contracts between audio devices and the code that uses them, so the GUI, the CLI and
the tests drive the same turn logic with a real (QtMultimedia) or a scripted device."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol


class MicrophoneListener(Protocol):
    def on_audio(self, pcm: bytes) -> None:
        """16 kHz mono signed 16-bit little-endian samples, in capture order."""
        ...

    def on_device_lost(self, reason: str) -> None:
        """The device went away mid-capture; `reason` is a text key ("audio.lost.removed", ...).
        Capture has stopped; everything delivered through on_audio is all there is."""
        ...


class Microphone(Protocol):
    @property
    def device_name(self) -> str: ...

    def start(self, listener: MicrophoneListener) -> None: ...

    def stop(self) -> None:
        """Stop capturing; audio still buffered is delivered before this returns."""
        ...


class Player(Protocol):
    @property
    def device_name(self) -> str: ...

    def play(self, path: Path, on_finished: Callable[[float], None] | None = None) -> None:
        """Start playing a WAV file and return at once. `on_finished(monotonic_time)` is called
        when the last sample has been played (the end of the customer's line)."""
        ...

    def stop(self) -> None: ...
