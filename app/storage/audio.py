"""Audio in the database, so it travels with it (a trainer elsewhere replays what a laptop recorded).

Sound is 16-bit PCM, cut into chunks of about a second, each compressed on its own (FLAC through
soundfile; zlib where libsndfile is missing) and committed in its own small transaction as the
trainee speaks: if the app dies, at most the last second is lost. Reading reassembles the chunks
into PCM or WAV bytes, only when asked.
"""

from __future__ import annotations

import io
import wave
import zlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from uuid import UUID, uuid4

from sqlalchemy import select

from app.storage.database import Database
from app.storage.errors import NotFoundError, StorageError
from app.storage.models import AudioChunkRow, AudioTrackRow, SessionRow, utc_now

SAMPLE_WIDTH = 2  # bytes: 16-bit signed PCM
CHUNK_SECONDS = 1.0


@cache
def _soundfile() -> ModuleType | None:
    """soundfile (libsndfile) for FLAC, loaded on first use; None where it cannot load."""
    try:
        import soundfile
    except (ImportError, OSError):  # no libsndfile on this machine: zlib still works
        return None
    return soundfile


def preferred_codec() -> str:
    return "flac" if _soundfile() is not None else "zlib"


def encode_chunk(pcm: bytes, sample_rate: int, channels: int, codec: str) -> bytes:
    if codec == "zlib":
        return zlib.compress(pcm, 6)
    soundfile = _soundfile()
    if codec == "flac" and soundfile is not None:
        import numpy as np

        samples = np.frombuffer(pcm, dtype="<i2").reshape(-1, channels)
        buffer = io.BytesIO()
        soundfile.write(buffer, samples, sample_rate, format="FLAC", subtype="PCM_16")
        return buffer.getvalue()
    raise StorageError(f"cannot encode audio as {codec}")


def decode_chunk(data: bytes, channels: int, codec: str) -> bytes:
    if codec == "zlib":
        return zlib.decompress(data)
    soundfile = _soundfile()
    if codec == "flac" and soundfile is not None:
        samples, _rate = soundfile.read(io.BytesIO(data), dtype="int16", always_2d=True)
        return samples.astype("<i2").reshape(-1).tobytes()
    raise StorageError(f"cannot decode audio stored as {codec}", codec=codec)


def pcm_to_wav(pcm: bytes, sample_rate: int, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


@dataclass(frozen=True)
class AudioClip:
    """A track's sound, reassembled from its chunks."""

    pcm: bytes
    sample_rate: int
    channels: int
    complete: bool

    @property
    def frames(self) -> int:
        return len(self.pcm) // (SAMPLE_WIDTH * self.channels)

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    def to_wav(self) -> bytes:
        return pcm_to_wav(self.pcm, self.sample_rate, self.channels)


class AudioStore:
    """The database side of audio: tracks, their chunks, and reading them back."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def start_track(self, session_uuid: UUID, turn_index: int, side: str, sample_rate: int,
                    channels: int = 1, codec: str | None = None) -> int:
        """A new, empty track; an earlier recording of the same turn and side is replaced."""
        with self.database.write() as db:
            session_id = db.scalar(select(SessionRow.id).where(SessionRow.uuid == session_uuid))
            if session_id is None:
                raise NotFoundError(str(session_uuid), id=str(session_uuid))
            old = db.scalar(select(AudioTrackRow).where(
                AudioTrackRow.session_id == session_id, AudioTrackRow.turn_index == turn_index,
                AudioTrackRow.side == side))
            if old is not None:
                db.delete(old)
                db.flush()
            track = AudioTrackRow(uuid=uuid4(), session_id=session_id, turn_index=turn_index, side=side,
                                  sample_rate=sample_rate, channels=channels, codec=codec or preferred_codec(),
                                  frames=0, chunk_count=0, complete=False, created_at=utc_now())
            db.add(track)
            db.flush()
            return track.id

    def append_chunk(self, track_id: int, seq: int, frames: int, data: bytes) -> None:
        """Commit one compressed chunk. Writing the same `seq` twice (a retry) stores it once."""
        with self.database.write() as db:
            exists = db.scalar(select(AudioChunkRow.id).where(
                AudioChunkRow.track_id == track_id, AudioChunkRow.seq == seq))
            if exists is not None:
                return
            track = db.get(AudioTrackRow, track_id)
            if track is None:
                raise NotFoundError(str(track_id), id=str(track_id))
            db.add(AudioChunkRow(track_id=track_id, seq=seq, frames=frames, data=data))
            track.frames += frames
            track.chunk_count += 1

    def complete_track(self, track_id: int) -> None:
        with self.database.write() as db:
            track = db.get(AudioTrackRow, track_id)
            if track is not None:
                track.complete = True

    def track_codec(self, track_id: int) -> tuple[int, int, str]:
        with self.database.read() as db:
            track = db.get(AudioTrackRow, track_id)
            if track is None:
                raise NotFoundError(str(track_id), id=str(track_id))
            return track.sample_rate, track.channels, track.codec

    def load(self, session_uuid: UUID, turn_index: int, side: str) -> AudioClip | None:
        """The sound of one side of one turn, or None when nothing was recorded."""
        with self.database.read() as db:
            track = db.scalar(select(AudioTrackRow).join(SessionRow).where(
                SessionRow.uuid == session_uuid, AudioTrackRow.turn_index == turn_index,
                AudioTrackRow.side == side))
            if track is None:
                return None
            return self._assemble(db, track)

    def load_session(self, session_uuid: UUID) -> dict[tuple[int, str], AudioClip]:
        """Every track of a session, keyed by (turn index, side), in one transaction."""
        with self.database.read() as db:
            tracks = db.scalars(select(AudioTrackRow).join(SessionRow).where(SessionRow.uuid == session_uuid)
                                .order_by(AudioTrackRow.turn_index, AudioTrackRow.side)).all()
            by_track: dict[int, list[bytes]] = {track.id: [] for track in tracks}
            if by_track:
                for track_id, data in db.execute(
                        select(AudioChunkRow.track_id, AudioChunkRow.data)
                        .where(AudioChunkRow.track_id.in_(list(by_track)))
                        .order_by(AudioChunkRow.track_id, AudioChunkRow.seq)):
                    by_track[track_id].append(data)
            return {
                (t.turn_index, t.side): AudioClip(b"".join(decode_chunk(d, t.channels, t.codec) for d in by_track[t.id]),
                                                  t.sample_rate, t.channels, t.complete)
                for t in tracks
            }

    def load_by_uuid(self, track_uuid: UUID) -> AudioClip:
        with self.database.read() as db:
            track = db.scalar(select(AudioTrackRow).where(AudioTrackRow.uuid == track_uuid))
            if track is None:
                raise NotFoundError(str(track_uuid), id=str(track_uuid))
            return self._assemble(db, track)

    @staticmethod
    def _assemble(db, track: AudioTrackRow) -> AudioClip:
        rows = db.execute(select(AudioChunkRow.data).where(AudioChunkRow.track_id == track.id)
                          .order_by(AudioChunkRow.seq)).scalars()
        pcm = b"".join(decode_chunk(data, track.channels, track.codec) for data in rows)
        return AudioClip(pcm, track.sample_rate, track.channels, track.complete)


class AudioChunkWriter:
    """Streams one side of one turn into the database, a chunk (about a second) at a time.

    `write()` takes PCM as it arrives; every full chunk is compressed and committed at once.
    `close()` commits the rest and marks the track complete. If a commit fails, the chunk stays
    in memory, the `StorageError` is raised, and the next `write()`/`close()` retries it.
    """

    def __init__(self, store: AudioStore, track_id: int, sample_rate: int, channels: int = 1,
                 codec: str | None = None, chunk_seconds: float = CHUNK_SECONDS) -> None:
        self.store = store
        self.track_id = track_id
        self.sample_rate = sample_rate
        self.channels = channels
        self.codec = codec or preferred_codec()
        self.frame_bytes = SAMPLE_WIDTH * channels
        self.chunk_bytes = max(1, int(sample_rate * chunk_seconds)) * self.frame_bytes
        self._buffer = bytearray()
        self._unsaved: list[tuple[int, int, bytes]] = []  # (seq, frames, compressed)
        self._next_seq = 0
        self.closed = False

    @property
    def unsaved_chunks(self) -> int:
        """Chunks sealed but not yet in the database (a commit failed; they are retried)."""
        return len(self._unsaved)

    @property
    def saved_chunks(self) -> int:
        """Chunks committed so far."""
        return self._next_seq - len(self._unsaved)

    def write(self, pcm: bytes, *, save: bool = True) -> None:
        """Take PCM; every full chunk is committed at once. With `save=False` (the database refused
        the last commit) chunks are only sealed in memory, and the next write or `close()` commits
        them all, so a refusing database is not asked again for every piece of sound."""
        if self.closed:
            raise ValueError("the audio track is closed")
        self._buffer.extend(pcm)
        while len(self._buffer) >= self.chunk_bytes:
            self._seal(bytes(self._buffer[:self.chunk_bytes]))
            del self._buffer[:self.chunk_bytes]
        if save:
            self._save_pending()

    def close(self) -> None:
        """Commit what is left and mark the track complete (retry after a `StorageError`)."""
        if self.closed:
            return
        usable = len(self._buffer) - len(self._buffer) % self.frame_bytes
        if usable:
            self._seal(bytes(self._buffer[:usable]))
        self._buffer.clear()
        self._save_pending()
        self.store.complete_track(self.track_id)
        self.closed = True

    def _seal(self, pcm: bytes) -> None:
        frames = len(pcm) // self.frame_bytes
        data = encode_chunk(pcm, self.sample_rate, self.channels, self.codec)
        self._unsaved.append((self._next_seq, frames, data))
        self._next_seq += 1

    def _save_pending(self) -> None:
        while self._unsaved:
            seq, frames, data = self._unsaved[0]
            self.store.append_chunk(self.track_id, seq, frames, data)
            self._unsaved.pop(0)

    def __enter__(self) -> AudioChunkWriter:
        return self

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        if exc_type is None:
            self.close()
