"""Audio of both sides in the database: streamed in chunks, committed as it comes, read lazily."""

from __future__ import annotations

import io
import wave

import pytest
from sqlalchemy import func, select

from app.storage import DatabaseLockedError
from app.storage.audio import AudioChunkWriter, decode_chunk, encode_chunk
from app.storage.models import AudioChunkRow
from tests.storage.conftest import STEADY_REPLIES, pcm_tone, record_call


def chunk_rows(database) -> int:
    with database.read() as db:
        return int(db.scalar(select(func.count(AudioChunkRow.id))))


def test_trainee_audio_is_committed_half_a_second_at_a_time(repository, database, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:1], hang_up=False)
    sound = pcm_tone(3.5)
    writer = recorder.open_trainee_audio(0, 16000)  # the live reply: committed every half second
    writer.write(sound[:8000])  # a quarter of a second: nothing complete yet
    assert chunk_rows(database) == 0
    writer.write(sound[8000:80000])  # now 2.5 s in: five whole chunks are in the database
    assert chunk_rows(database) == 5
    info = repository.load_session(recorder.session_uuid).audio_track(0, "trainee")
    assert info is not None and not info.complete and info.duration_s == pytest.approx(2.5)
    writer.write(sound[80000:], save=False)  # the database refused the last write: sealed, not sent
    assert chunk_rows(database) == 5
    writer.close()
    assert chunk_rows(database) == 7  # every half second, all committed at the close

    detail = repository.load_session(recorder.session_uuid)
    info = detail.audio_track(0, "trainee")
    assert info.complete and info.frames == len(sound) // 2 and info.duration_s == pytest.approx(3.5)
    clip = repository.load_audio(recorder.session_uuid, 0, "trainee")
    assert clip.pcm == sound  # lossless
    with wave.open(io.BytesIO(clip.to_wav())) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
        assert wav.readframes(wav.getnframes()) == sound
    assert repository.check() == []


def test_customer_audio_and_both_sides_per_turn(repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:2])
    customer = pcm_tone(1.2, 22050, 330)
    recorder.store_customer_audio(1, customer, 22050)
    repository.store_audio(recorder.session_uuid, 1, "trainee", pcm_tone(0.4), 16000)
    detail = repository.load_session(recorder.session_uuid)
    assert [(a.turn_index, a.side, a.sample_rate) for a in detail.audio] == [(1, "customer", 22050), (1, "trainee", 16000)]
    assert repository.load_audio(recorder.session_uuid, 1, "customer").pcm == customer
    assert repository.load_audio(recorder.session_uuid, 0, "customer") is None
    assert repository.audio.load_by_uuid(detail.audio[0].uuid).sample_rate == 22050


def test_recording_a_turn_again_replaces_its_audio(repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:1])
    repository.store_audio(recorder.session_uuid, 0, "trainee", pcm_tone(2.0), 16000)
    repository.store_audio(recorder.session_uuid, 0, "trainee", pcm_tone(0.5), 16000)
    detail = repository.load_session(recorder.session_uuid)
    assert len(detail.audio) == 1 and detail.audio[0].duration_s == pytest.approx(0.5)
    assert repository.check() == []


@pytest.mark.parametrize("codec", ["flac", "zlib"])
def test_codecs_are_lossless(codec, engine_name):
    sound = pcm_tone(1.0)
    data = encode_chunk(sound, 16000, 1, codec)
    assert decode_chunk(data, 1, codec) == sound
    assert len(data) < len(sound)


def test_a_refused_chunk_stays_in_memory_and_is_retried(repository, parcel, monkeypatch):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:1], hang_up=False)
    writer: AudioChunkWriter = recorder.open_trainee_audio(0, 16000, chunk_seconds=1.0)
    sound = pcm_tone(3.0)
    real_append = writer.store.append_chunk
    calls = {"n": 0}

    def flaky(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise DatabaseLockedError("database is locked")
        real_append(*args)

    monkeypatch.setattr(writer.store, "append_chunk", flaky)
    writer.write(sound[:32000])
    with pytest.raises(DatabaseLockedError):
        writer.write(sound[32000:64000])
    assert writer.unsaved_chunks == 1
    writer.write(sound[64000:])
    writer.close()
    assert writer.unsaved_chunks == 0
    assert repository.load_audio(recorder.session_uuid, 0, "trainee").pcm == sound
