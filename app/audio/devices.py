"""Audio devices for a picker: the inputs (microphones) and outputs QtMultimedia offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtMultimedia import QAudioDevice, QMediaDevices

from app.speech.errors import AudioDeviceError

INPUT = "input"
OUTPUT = "output"


@dataclass(frozen=True)
class AudioDevice:
    id: str
    name: str
    direction: str
    is_default: bool
    preferred_rate: int
    preferred_channels: int
    qt_device: Any = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "direction": self.direction, "default": self.is_default,
                "preferred_rate": self.preferred_rate, "preferred_channels": self.preferred_channels}


def device_id(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", errors="replace")


def _wrap(device: QAudioDevice, direction: str) -> AudioDevice:
    fmt = device.preferredFormat()
    return AudioDevice(device_id(device), device.description(), direction, device.isDefault(),
                       fmt.sampleRate(), fmt.channelCount(), device)


def input_devices() -> list[AudioDevice]:
    return [_wrap(d, INPUT) for d in QMediaDevices.audioInputs()]


def output_devices() -> list[AudioDevice]:
    return [_wrap(d, OUTPUT) for d in QMediaDevices.audioOutputs()]


def _find(devices: list[AudioDevice], wanted: str | None, key: str, direction: str) -> AudioDevice:
    if not devices:  # none at all: say so, and what to check (not an empty name and a dash)
        raise AudioDeviceError(f"{key}.none")
    if wanted is None:
        return next((d for d in devices if d.is_default), devices[0])
    for match in (lambda d: d.id == wanted, lambda d: d.name == wanted,
                  lambda d: wanted.lower() in d.name.lower() or wanted.lower() in d.id.lower()):
        found = [d for d in devices if match(d)]
        if found:
            return found[0]
    raise AudioDeviceError(key, name=wanted, available=", ".join(d.name for d in devices))


def find_input(wanted: str | None = None) -> AudioDevice:
    """By id, exact name or part of the name; the system default when `wanted` is None."""
    return _find(input_devices(), wanted, "speech.err.no_input_device", INPUT)


def find_output(wanted: str | None = None) -> AudioDevice:
    return _find(output_devices(), wanted, "speech.err.no_output_device", OUTPUT)
