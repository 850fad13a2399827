"""The small contracts between audio devices and the code that uses them, so the GUI, the CLI and
the tests drive the same turn logic with a real (QtMultimedia) or a scripted device."""

from __future__ import annotations

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
