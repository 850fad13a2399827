"""The voice fixtures (real espeak-ng, pocketsphinx, the Korean Vosk test model, the PulseAudio
virtual microphone), shared with the other test packages from `tests/voice_fixtures.py`."""

from tests.voice_fixtures import english_recognition, korean_model, render, synthesizer, virtual_mic  # noqa: F401
