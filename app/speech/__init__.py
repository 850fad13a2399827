"""Offline speech: the customer's voice (pyttsx3 text-to-speech on a worker thread, pre-rendered or
cached per line) and the trainee's words (Vosk or the embedded pocketsphinx model behind one
`Recognizer` Protocol, run by a `RecognitionWorker`), plus model discovery/import and WAV reading.
No Qt here (enforced by an import-linter contract): the CLI and the tests use it headless.

Main entry points:
    Pyttsx3Synthesizer, CustomerVoice, customer_prosody      (text-to-speech)
    choose_recognizer, RecognitionWorker.for_language,
    ProcessRecognitionWorker, Transcript                     (recognition)
    find_vosk_model, installed_models, import_model          (models)
    load_speech_audio, read_wav, PcmAudio                    (audio files)
"""

from app.speech.customer_voice import CustomerLineAudio, CustomerVoice
from app.speech.errors import (
    AudioDeviceError,
    AudioFileError,
    ModelImportError,
    ModelNotFoundError,
    RecognizerUnavailableError,
    SpeechError,
    SynthesisError,
    VoiceNotFoundError,
)
from app.speech.model_import import import_model
from app.speech.pcm import PcmAudio, WavRecorder, load_speech_audio, write_wav
from app.speech.prosody import SpeechProsody, customer_prosody, emotion_prosody, trainee_prosody
from app.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from app.speech.recognition_process import ProcessRecognitionWorker, RecognizerInfo
from app.speech.recognition_worker import RecognitionWorker
from app.speech.recognizer import ENGINES, RecognitionStream, RecognizedWord, Recognizer, Transcript
from app.speech.recognizer_choice import RecognizerChoice, choose_recognizer
from app.speech.synthesizer import RenderedSpeech, SpeechSynthesizer
from app.speech.vosk_models import ModelLocation, find_vosk_model, installed_models
from app.speech.wav_reader import WavAudio, read_wav

__all__ = [
    "ENGINES", "AudioDeviceError", "AudioFileError", "CustomerLineAudio", "CustomerVoice", "ModelImportError",
    "ModelLocation", "ModelNotFoundError", "PcmAudio", "ProcessRecognitionWorker", "RecognitionStream",
    "RecognizerInfo", "Pyttsx3Synthesizer", "RecognitionWorker", "RecognizedWord",
    "Recognizer", "RecognizerChoice", "RecognizerUnavailableError", "RenderedSpeech", "SpeechError",
    "SpeechProsody", "SpeechSynthesizer", "SynthesisError", "Transcript", "VoiceNotFoundError", "WavAudio",
    "WavRecorder", "choose_recognizer", "customer_prosody", "emotion_prosody", "find_vosk_model", "import_model",
    "installed_models", "load_speech_audio", "read_wav", "trainee_prosody", "write_wav",
]
