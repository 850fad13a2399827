"""`roleplay devices [--json]`: the microphones and audio outputs QtMultimedia sees."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("devices", help="list microphones and audio outputs")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=devices_command)


def devices_command(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication

    from app.audio.devices import input_devices, output_devices
    from app.texts import msg

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    inputs, outputs = input_devices(), output_devices()
    if args.json:
        print(json.dumps({"inputs": [d.to_dict() for d in inputs], "outputs": [d.to_dict() for d in outputs]},
                         ensure_ascii=False))
        return 0
    for title, devices in ((msg("devices.inputs"), inputs), (msg("devices.outputs"), outputs)):
        print(f"{title}:")
        if not devices:
            print(f"  {msg('devices.none')}")
        for d in devices:
            default = f"  ({msg('devices.default')})" if d.is_default else ""
            print(f"  {d.name}  [{d.id}] {d.preferred_rate} Hz x{d.preferred_channels}{default}")
    return 0
