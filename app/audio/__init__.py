"""Microphone capture, endpointing, level metering, device listing and playback (QtMultimedia).

The Qt-free parts (endpointing, level metering, the turn logic, the Protocols) can be used without
a Qt application; `QtMicrophone`, `QtPlayer`, `DeviceWatchdog` and the device functions need one
(QCoreApplication is enough).
"""
