"""Recognition behind the Recognizer Protocol: real pocketsphinx (the embedded English model) and
the real Vosk code with the test-only Korean model; streaming, partials, timed words, workers."""

from __future__ import annotations

import threading

import pytest

from app.speech import (
    ModelNotFoundError,
    PcmAudio,
    RecognitionWorker,
    RecognizerUnavailableError,
    SpeechProsody,
    choose_recognizer,
    load_speech_audio,
)
from app.speech.vosk_recognizer import VoskRecognizer
from tests.voice_fixtures import EMPATHETIC_REPLY

KOREAN_LINE = "안녕하세요. 주문하신 물건이 아직 도착하지 않았습니다. 정말 죄송합니다."


def assert_well_formed(transcript, duration: float) -> None:
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts), "word start times go forward"
    for word in transcript.words:
        assert isinstance(word.word, str) and word.word.strip()
        assert 0.0 <= word.start < word.end <= duration + 0.05
        assert 0.0 <= word.conf <= 1.0
    for earlier, later in zip(transcript.words, transcript.words[1:], strict=False):
        assert later.start >= earlier.end - 0.02, "words do not overlap"


def test_pocketsphinx_streams_partials_and_timed_words(render, english_recognition):
    audio = load_speech_audio(render(EMPATHETIC_REPLY))
    partials: list[tuple[str, str]] = []
    timed: list[tuple] = []

    def on_partial(text, words):
        partials.append((text, threading.current_thread().name))
        timed.append(words)

    english_recognition.on_partial = on_partial
    try:
        english_recognition.start_utterance()
        for chunk in audio.chunks(0.1):
            english_recognition.feed(chunk)
        transcript = english_recognition.finish_utterance().result(60)
    finally:
        english_recognition.on_partial = None
    assert transcript.engine == "pocketsphinx" and transcript.lang == "en"
    assert abs(transcript.duration - audio.duration_s) < 0.01
    assert_well_formed(transcript, audio.duration_s)
    assert {"understand", "frustrating"} <= set(transcript.text.split())
    assert len(partials) > 3 and partials[-1][0]
    assert all(name == "recognizer" for _text, name in partials), "partials come from the worker thread"
    # the partials carry timed words (the live pace meter's input), growing as the reply goes on
    assert timed[-1] and all(w.end > w.start >= 0 for w in timed[-1])
    assert max(w.end for w in timed[-1]) > 0.6 * max(w.end for w in transcript.words)
    data = transcript.to_dict()
    assert set(data) >= {"engine", "text", "duration", "words"}
    assert set(data["words"][0]) == {"word", "start", "end", "conf"}


def test_words_are_timed_from_the_start_of_the_utterance(render, english_recognition):
    speech = load_speech_audio(render("Thank you for calling."))
    padded = PcmAudio.silence(1.5).samples.tolist() + speech.samples.tolist()
    import numpy as np

    transcript = english_recognition.transcribe(PcmAudio(np.array(padded, dtype=np.int16))).result(60)
    assert transcript.words and 1.4 <= transcript.words[0].start <= 1.9


def test_silence_gives_no_words(english_recognition):
    transcript = english_recognition.transcribe(PcmAudio.silence(2.0)).result(60)
    assert transcript.text == "" and transcript.words == ()


def test_vosk_path_with_the_korean_test_model(synthesizer, korean_model, tmp_path):
    path = tmp_path / "ko.wav"
    synthesizer.render(KOREAN_LINE, "ko", SpeechProsody(rate_wpm=150), path).result(30)
    audio = load_speech_audio(path)
    partials: list[str] = []
    partial_words: list[tuple] = []
    worker = RecognitionWorker(lambda: VoskRecognizer(korean_model, "ko"),
                               on_partial=lambda text, words: (partials.append(text), partial_words.append(words)))
    try:
        assert worker.ready.result(120).engine == "vosk"
        worker.start_utterance()
        for chunk in audio.chunks(0.2):
            worker.feed(chunk)
        transcript = worker.finish_utterance().result(120)
        silence = worker.transcribe(PcmAudio.silence(2.0)).result(60)
        short = worker.transcribe(PcmAudio(audio.samples[: len(audio.samples) // 2])).result(60)
    finally:
        worker.close()
    assert transcript.engine == "vosk" and transcript.lang == "ko"
    assert len(transcript.words) >= 3 and transcript.text
    assert_well_formed(transcript, audio.duration_s)
    assert transcript.words[-1].end > audio.duration_s / 2  # the whole line was heard
    assert partials, "partial results while streaming"
    assert any(partial_words) and all(w.end >= w.start for words in partial_words for w in words)  # timed partials
    assert silence.text == "" and silence.words == ()
    assert_well_formed(short, audio.duration_s / 2)  # each utterance's times start again at 0


def test_missing_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelNotFoundError) as info:
        VoskRecognizer(tmp_path / "no-model-here", "en")
    assert "does not exist" in str(info.value) and "no-model-here" in info.value.text("zh")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError) as info:
        VoskRecognizer(tmp_path / "empty", "en")
    assert "not a Vosk model" in str(info.value)


def test_worker_reports_a_model_that_fails_to_load(tmp_path):
    broken = tmp_path / "broken-model"
    (broken / "conf").mkdir(parents=True)
    (broken / "conf" / "model.conf").write_text("--nonsense\n")
    worker = RecognitionWorker(lambda: VoskRecognizer(broken, "en"))
    try:
        with pytest.raises(ModelNotFoundError):
            worker.ready.result(60)
        with pytest.raises(ModelNotFoundError):
            worker.transcribe(PcmAudio.silence(0.5)).result(60)
    finally:
        worker.close()


def test_engine_choice_per_language(monkeypatch, korean_model):
    english = choose_recognizer("en")
    assert english.engine == "pocketsphinx" and "pocketsphinx" in english.describe("en")
    with pytest.raises(RecognizerUnavailableError) as info:
        choose_recognizer("zh")
    assert "typed" in str(info.value) and "roleplay models import" in str(info.value)
    assert "打字" in info.value.text("zh")
    with pytest.raises(RecognizerUnavailableError):
        choose_recognizer("zh", engine="pocketsphinx")
    with pytest.raises(RecognizerUnavailableError) as info:
        choose_recognizer("en", engine="vosk")
    assert "roleplay models import" in str(info.value)
    monkeypatch.setenv("ROLEPLAY_VOSK_MODEL_ZH", str(korean_model))
    chinese = choose_recognizer("zh")
    assert chinese.engine == "vosk" and chinese.model.path == korean_model and chinese.model.source == "env"
    assert "Vosk" in chinese.describe("en") and "Vosk" in chinese.describe("zh")
    monkeypatch.setenv("ROLEPLAY_VOSK_MODEL_EN", "/no/such/model")
    with pytest.raises(ModelNotFoundError) as info:
        choose_recognizer("en")
    assert "ROLEPLAY_VOSK_MODEL_EN" in str(info.value)


def test_pocketsphinx_runs_in_its_own_process_by_default():
    """pocketsphinx holds the GIL while decoding: in a child process it cannot stall the GUI.
    The clip is the self-test's committed recording: espeak-ng renders of one sentence alternate
    between two slightly different timings within a run, and pocketsphinx hears them differently."""
    import os
    import time

    from app.speech import ProcessRecognitionWorker
    from tests.conftest import REPO_ROOT

    audio = load_speech_audio(REPO_ROOT / "assets" / "selftest" / "understand-frustrating-en.wav")
    partials: list[str] = []
    worker = RecognitionWorker.for_language("en", on_partial=lambda text, words: partials.append(text))
    try:
        assert isinstance(worker, ProcessRecognitionWorker)
        info = worker.ready.result(120)
        assert info.engine == "pocketsphinx" and worker._process.pid != os.getpid()
        worker.start_utterance()
        longest_call = 0.0
        for chunk in audio.chunks(0.1):
            started = time.perf_counter()
            worker.feed(chunk)
            longest_call = max(longest_call, time.perf_counter() - started)
        started = time.perf_counter()
        pending = worker.finish_utterance()
        longest_call = max(longest_call, time.perf_counter() - started)
        transcript = pending.result(120)
    finally:
        worker.close()
    assert longest_call < 0.05  # feeding and finishing never wait for the engine
    assert {"understand", "frustrating"} <= set(transcript.text.split())
    assert_well_formed(transcript, audio.duration_s)
    assert partials
    assert not worker._process.is_alive()


def test_speech_errors_survive_the_process_boundary():
    import pickle

    error = ModelNotFoundError("speech.err.model_missing", path="/x")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ModelNotFoundError and copy.key == error.key and copy.text("zh") == error.text("zh")
