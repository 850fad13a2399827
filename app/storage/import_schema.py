"""The export document as `sessions import` accepts it: every field typed and bounded, every code
one the app knows, every date sane and every recording decodable, checked for the whole file
before anything is written (`parse_export`).

A problem is one `ImportFormatError` that names the session (its number in the file and its id)
and the field, in the user's language (`storage.import_*` and `import.*` in `app.texts`).
Free text is cleaned as it is where it enters a call (`app.domain.text_hygiene`); names and codes
holding control or invisible characters are refused. What is stored is what these models hold:
unknown keys are dropped, a turn's overrides come from the file's override records only.
"""

from __future__ import annotations

import base64
import io
import json
import math
import zlib
from datetime import UTC, datetime
from typing import IO, Annotated, Any
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.domain.dialogue import EndReason
from app.domain.scenarios import Scenario
from app.domain.scenarios.schema import Emotion, Ending, Language, MoodBand, Stage
from app.domain.scoring.call_score import CallScore
from app.domain.scoring.moments import moment_from_dict
from app.domain.text_hygiene import INVISIBLE_CHARACTERS, MAX_REPLY_CHARS
from app.storage.audio import SAMPLE_WIDTH, decode_chunk
from app.storage.errors import ImportFormatError
from app.storage.records import (
    EXAMPLE_MARKS,
    OVERALL,
    SIDE_CUSTOMER,
    SIDE_TRAINEE,
    STATUS_FINISHED,
    STATUS_IN_PROGRESS,
    STATUS_INTERRUPTED,
)

EXPORT_FORMAT = "roleplay-sessions"
EXPORT_VERSION = 1
MAX_IMPORT_MB = 1024  # a file this large takes a few GB of memory to check; export in parts instead
MAX_SESSIONS, MAX_TURNS, MAX_REVIEW = 100_000, 200, 1_000
MAX_TEXT, MAX_TIP, MAX_NAME = 10_000, 2_000, 200
MAX_BLOB_CHARS, MAX_SCENARIO_CHARS, MAX_BLOB_DEPTH = 256 * 1024, 1024 * 1024, 32
MAX_CHUNK_CHARS, MAX_CHUNK_SECONDS, MAX_TRACK_SECONDS = 8 * 1024 * 1024, 10, 2 * 3600
DIMENSION_NAMES = ("empathy", "forbidden", "structure", "pace")
REQUIRED_DIMENSIONS = ("empathy", "forbidden", "structure")
CODECS = ("flac", "zlib")
STATUSES = (STATUS_FINISHED, STATUS_INTERRUPTED, STATUS_IN_PROGRESS)
EARLIEST, LATEST = datetime(1970, 1, 2, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC)


def _problem(kind: str, **values: object) -> PydanticCustomError:
    return PydanticCustomError(kind, kind, dict(values))


def _bounded(low: float, high: float) -> AfterValidator:
    def check(value: float) -> float:
        if not low <= value <= high:
            raise _problem("range", low=low, high=high)
        return value
    return AfterValidator(check)


def _one_of(*choices: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in choices:
            raise _problem("choice", choices=", ".join(choices))
        return value
    return AfterValidator(check)


def _longest(limit: int, clean: bool) -> AfterValidator:
    def check(value: str) -> str:
        if clean:
            value = INVISIBLE_CHARACTERS.sub("", value)
        elif INVISIBLE_CHARACTERS.search(value):
            raise _problem("import.invisible")
        if len(value) > limit:
            raise _problem("length", limit=limit)
        return value
    return AfterValidator(check)


def _filled(value: str) -> str:
    if not value.strip():
        raise _problem("import.empty")
    return value.strip()


def _uuid(value: Any) -> UUID:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return UUID(value)
    except ValueError:
        raise _problem("import.uuid") from None


def _when(value: Any) -> datetime:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        when = datetime.fromisoformat(value)
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):
        raise _problem("import.date") from None
    if not EARLIEST <= when <= LATEST:
        raise _problem("import.date")
    return when


def _plain(value: Any, depth: int = 0) -> None:
    """JSON as a database keeps it: no NUL (PostgreSQL refuses it), no endless or huge number."""
    if (depth > MAX_BLOB_DEPTH or (isinstance(value, str) and "\x00" in value)
            or (isinstance(value, float) and not math.isfinite(value))
            or (isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2 ** 53)):
        raise _problem("import.bad_value")
    inner = value if isinstance(value, list) else [*value, *value.values()] if isinstance(value, dict) else ()
    for item in inner:
        _plain(item, depth + 1)


def _blob(value: Any) -> Any:
    _plain(value)
    if len(json.dumps(value, ensure_ascii=False)) > MAX_BLOB_CHARS:
        raise _problem("length", limit=MAX_BLOB_CHARS)
    return value


Int = Annotated[int, Field(strict=True)]
Score = Annotated[Int, _bounded(0, 100)]
Seconds = Annotated[float, Field(strict=True, allow_inf_nan=False), _bounded(0, 86_400)]
Text = Annotated[str, Field(strict=True)]
Id = Annotated[UUID, BeforeValidator(_uuid)]
When = Annotated[datetime, BeforeValidator(_when)]
Name = Annotated[Text, _longest(MAX_NAME, clean=False), AfterValidator(_filled)]
Code16 = Annotated[Text, _longest(16, clean=False)]  # codes and versions: refused with invisible characters
Code32 = Annotated[Text, _longest(32, clean=False)]
Code64 = Annotated[Text, _longest(64, clean=False)]
Code120 = Annotated[Text, _longest(120, clean=False)]
Code255 = Annotated[Text, _longest(255, clean=False)]
Word = Annotated[Text, _longest(MAX_NAME, clean=True)]  # free text: cleaned as a reply is
Tip = Annotated[Text, _longest(MAX_TIP, clean=True)]
Prose = Annotated[Text, _longest(MAX_TEXT, clean=True)]
Reply = Annotated[Text, _longest(MAX_REPLY_CHARS, clean=True)]
Blob = Annotated[Any, AfterValidator(_blob)]
JsonObject = Annotated[dict[str, Any], AfterValidator(_blob)]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class EvidenceDoc(_Doc):
    start: Annotated[Int, _bounded(0, 1_000_000)]
    end: Annotated[Int, _bounded(0, 1_000_000)]
    text: Prose
    kind: Code64
    label: Tip = ""


class WordDoc(_Doc):
    word: Word
    start: Seconds
    end: Seconds
    conf: Annotated[float, Field(strict=True, allow_inf_nan=False), _bounded(0, 1)] = 1.0


class DimensionDoc(_Doc):
    name: Annotated[Text, _one_of(*DIMENSION_NAMES)]
    score: Score
    tip: Tip = ""
    details: JsonObject = Field(default_factory=dict)
    evidence: Annotated[list[EvidenceDoc], Field(max_length=MAX_REVIEW)] = Field(default_factory=list)


def _moment(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is not None:
        try:
            moment_from_dict(value)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _problem("import.invalid") from None
    return value


class TurnDoc(_Doc):
    id: Id
    index: Annotated[Int, _bounded(0, MAX_TURNS - 1)]
    customer: Prose
    stage: Annotated[Text, _one_of(*Stage)] | None = None
    mood_band: Annotated[Text, _one_of(*MoodBand)]
    reply: Reply
    latency_s: Seconds | None = None
    intensity_before: Score
    intensity_after: Score
    overall: Score
    tips: Annotated[list[Tip], Field(max_length=50)] = Field(default_factory=list)
    recogniser: Code120 | None = None
    words: Annotated[list[WordDoc], Field(max_length=20_000)] = Field(default_factory=list)
    ended_at: When
    moment: Annotated[dict[str, Any] | None, AfterValidator(_blob), AfterValidator(_moment)] = None
    dimensions: Annotated[list[DimensionDoc], Field(max_length=len(DIMENSION_NAMES))]

    @model_validator(mode="after")
    def _scored(self) -> TurnDoc:
        names = [d.name for d in self.dimensions]
        if len(set(names)) != len(names) or not set(REQUIRED_DIMENSIONS) <= set(names):
            raise _problem("import.dimensions", field="dimensions")
        return self


class CommentDoc(_Doc):
    id: Id
    turn: Id | None = None
    offset_s: Seconds | None = None
    author: Name | None = None
    text: Annotated[Prose, AfterValidator(_filled)]
    created_at: When


class OverrideDoc(_Doc):
    id: Id
    turn: Id
    dimension: Annotated[Text, _one_of(OVERALL, *DIMENSION_NAMES)]
    new_score: Score
    reason: Annotated[Prose, AfterValidator(_filled)]
    author: Name | None = None
    created_at: When


class ChunkDoc(_Doc):
    frames: Annotated[Int, _bounded(1, 384_000 * MAX_CHUNK_SECONDS)]
    data: Annotated[Text, Field(max_length=MAX_CHUNK_CHARS)]

    def decoded(self) -> bytes:
        return base64.b64decode(self.data, validate=True)


def _sound_matches(data: bytes, frames: int, sample_rate: int, channels: int, codec: str) -> bool:
    """Whether a chunk decodes to `frames` frames of `channels` at `sample_rate` (a FLAC chunk's own
    header is read first, so a chunk claiming hours of silence is never unpacked)."""
    expected = frames * SAMPLE_WIDTH * channels
    if codec == "zlib":
        unpacker = zlib.decompressobj()
        pcm = unpacker.decompress(data, expected + 1)
        return len(pcm) == expected and unpacker.eof and not unpacker.unused_data
    import soundfile

    info = soundfile.info(io.BytesIO(data))
    if (info.frames, info.samplerate, info.channels) != (frames, sample_rate, channels):
        return False
    return len(decode_chunk(data, channels, codec)) == expected


class AudioDoc(_Doc):
    id: Id
    turn_index: Annotated[Int, _bounded(0, MAX_TURNS)]
    side: Annotated[Text, _one_of(SIDE_CUSTOMER, SIDE_TRAINEE)]
    sample_rate: Annotated[Int, _bounded(4_000, 384_000)]
    channels: Annotated[Int, _bounded(1, 2)]
    codec: Annotated[Text, _one_of(*CODECS)]
    complete: Annotated[bool, Field(strict=True)]
    chunks: Annotated[list[ChunkDoc], Field(max_length=20_000)]

    @model_validator(mode="after")
    def _sound(self) -> AudioDoc:
        if sum(c.frames for c in self.chunks) > self.sample_rate * MAX_TRACK_SECONDS:
            raise _problem("import.audio", field="chunks")
        for number, chunk in enumerate(self.chunks):
            if chunk.frames > self.sample_rate * MAX_CHUNK_SECONDS:
                raise _problem("import.audio", field=f"chunks[{number}].frames")
            try:
                right = _sound_matches(chunk.decoded(), chunk.frames, self.sample_rate, self.channels, self.codec)
            except Exception:  # noqa: BLE001 - whatever a damaged chunk makes a decoder raise
                right = False
            if not right:
                raise _problem("import.audio", field=f"chunks[{number}]")
        return self


class ScenarioRef(_Doc):
    id: Code120
    version: Annotated[Int, _bounded(1, 1_000_000)]
    content: dict[str, Any]

    @model_validator(mode="after")
    def _readable(self, info: ValidationInfo) -> ScenarioRef:
        """The content must be a scenario this app reads (checked once per distinct content)."""
        _plain(self.content)
        canonical = json.dumps(self.content, sort_keys=True, ensure_ascii=False)
        if len(canonical) > MAX_SCENARIO_CHARS:
            raise _problem("length", limit=MAX_SCENARIO_CHARS, field="content")
        seen: dict[str, tuple[str, int] | None] = (info.context or {}).setdefault("scenarios", {})
        if canonical not in seen:
            try:
                scenario = Scenario.model_validate(self.content)
                seen[canonical] = (scenario.id, scenario.version)
            except (ValidationError, ValueError, TypeError):
                seen[canonical] = None
        if seen[canonical] is None:
            raise _problem("import.scenario", field="content")
        if seen[canonical] != (self.id, self.version):
            raise _problem("import.mismatch", field="id")
        return self


class ExampleDoc(_Doc):
    mark: Annotated[Text, _one_of(*EXAMPLE_MARKS)]
    note: Prose | None = None


class CallItemDoc(_Doc):
    name: Code64
    score: Score | None = None
    weight: Annotated[float, Field(strict=True, allow_inf_nan=False), _bounded(0, 1_000)] = 0.0
    turn: Annotated[Int, _bounded(0, MAX_TURNS)] | None = None
    evidence: Annotated[list[Blob], Field(max_length=MAX_REVIEW)] = Field(default_factory=list)
    tip: Tip = ""


class SessionDoc(_Doc):
    id: Id
    trainee: Name
    scenario: ScenarioRef
    language: Annotated[Text, _one_of(*Language)]
    emotion: Annotated[Text, _one_of(*Emotion)]
    difficulty: Annotated[Int, _bounded(1, 3)]
    started_at: When
    ended_at: When | None = None
    last_activity_at: When | None = None
    status: Annotated[Text, _one_of(*STATUSES)]
    outcome: Annotated[Text, _one_of(*Ending)] | None = None
    end_reason: Annotated[Text, _one_of(*EndReason)] | None = None
    emotion_curve: Annotated[list[Score], Field(min_length=1, max_length=MAX_TURNS + 2)]
    average_score: Score | None = None  # checked, not taken: the turns' scores give it
    call_score: Score | None = None
    call_items: Annotated[list[CallItemDoc], Field(max_length=64)] | None = None
    scorer_version: Code16 | None = None
    app_version: Code32 = ""
    hostname: Code255 = ""
    example: ExampleDoc | None = None
    turns: Annotated[list[TurnDoc], Field(max_length=MAX_TURNS)]
    comments: Annotated[list[CommentDoc], Field(max_length=MAX_REVIEW)] = Field(default_factory=list)
    overrides: Annotated[list[OverrideDoc], Field(max_length=MAX_REVIEW)] = Field(default_factory=list)
    audio: Annotated[list[AudioDoc], Field(max_length=2 * (MAX_TURNS + 1))] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> SessionDoc:
        if self.language != self.scenario.content.get("language"):
            raise _problem("import.mismatch", field="language")
        if any(turn.index != number for number, turn in enumerate(self.turns)):
            raise _problem("import.turn_order", field="turns")
        if self.status == STATUS_FINISHED and self.ended_at is None:
            raise _problem("import.missing", field="ended_at")
        if self.call_score is not None:
            try:
                CallScore.from_stored(self.call_score, [i.model_dump() for i in self.call_items or ()])
            except (KeyError, TypeError, ValueError):
                raise _problem("import.invalid", field="call_items") from None
        dimensions = {turn.id: {d.name for d in turn.dimensions} | {OVERALL} for turn in self.turns}
        for kind, rows in (("turns", self.turns), ("comments", self.comments), ("overrides", self.overrides),
                           ("audio", self.audio)):
            _unique(kind, [row.id for row in rows])
        _unique("audio", [(a.turn_index, a.side) for a in self.audio], field="turn_index")
        for number, comment in enumerate(self.comments):
            if comment.turn is not None and comment.turn not in dimensions:
                raise _problem("import.unknown_turn", field=f"comments[{number}].turn")
        for number, override in enumerate(self.overrides):
            if override.turn not in dimensions:
                raise _problem("import.unknown_turn", field=f"overrides[{number}].turn")
            if override.dimension not in dimensions[override.turn]:
                raise _problem("import.unknown_score", field=f"overrides[{number}].dimension")
        for number, track in enumerate(self.audio):
            if track.turn_index > len(self.turns):
                raise _problem("import.unknown_turn", field=f"audio[{number}].turn_index")
        return self


def _unique(kind: str, values: list[Any], field: str = "id") -> None:
    seen: set[Any] = set()
    for number, value in enumerate(values):
        if value in seen:
            raise _problem("import.twice", field=f"{kind}[{number}].{field}")
        seen.add(value)


# -- reading a file -----------------------------------------------------------------------------
def parse_export(source: IO[str]) -> list[SessionDoc]:
    """Every session of an export, checked; raises `ImportFormatError` at the first problem."""
    text = source.read(MAX_IMPORT_MB * 1024 * 1024 + 1)
    if len(text) > MAX_IMPORT_MB * 1024 * 1024:  # characters: about as many bytes in an export
        raise ImportFormatError("too large", key="storage.import_too_big", limit=MAX_IMPORT_MB)
    document = _load(text)
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportFormatError("not an export", key="storage.import_not_export")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _document_error("version", "@import.int")
    if version > EXPORT_VERSION:
        raise ImportFormatError("newer", key="storage.import_newer", version=version)
    sessions = document.get("sessions")
    if not isinstance(sessions, list):
        raise _document_error("sessions", "@import.list")
    if len(sessions) > MAX_SESSIONS:
        raise _document_error("sessions", "@import.too_many")
    parsed: list[SessionDoc] = []
    context: dict[str, Any] = {"scenarios": {}}  # distinct scenario contents, each checked once
    first_of: dict[UUID, int] = {}
    turn_of: dict[UUID, int] = {}
    for number, raw in enumerate(sessions, start=1):
        try:
            session = SessionDoc.model_validate(raw, context=context)
        except ValidationError as error:
            raise session_error(number, raw, error.errors()[0]) from None
        if session.id in first_of:
            raise ImportFormatError("same id", key="storage.import_same_id", first=first_of[session.id],
                                    number=number, id=str(session.id))
        first_of[session.id] = number
        for position, turn in enumerate(session.turns):
            if turn_of.setdefault(turn.id, number) != number:
                raise field_error(number, session.id, f"turns[{position}].id", "@import.twice")
        parsed.append(session)
    return parsed


def _load(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(constant)

    def finite(number: str) -> float:
        value = float(number)
        if not math.isfinite(value):
            raise ValueError(number)
        return value

    try:
        return json.loads(text, parse_constant=refuse, parse_float=finite)
    except json.JSONDecodeError as error:
        raise ImportFormatError(error.msg, key="storage.import_not_json", line=error.lineno,
                                column=error.colno) from None
    except (ValueError, RecursionError):  # NaN, Infinity, 1e400, a 5,000-digit number, [[[[...]]]]
        raise ImportFormatError("not plain JSON", key="storage.import_not_plain") from None


def _document_error(field: str, problem: str) -> ImportFormatError:
    return ImportFormatError(field, key="storage.import_document", field=field, problem=problem)


def field_error(number: int, session_id: UUID | str | None, field: str, problem: str) -> ImportFormatError:
    """Session `number` of the file, `field`: `problem` (an `@import.*` text key)."""
    return ImportFormatError(f"session {number}: {field}", key="storage.import_field", number=number,
                             id=str(session_id) if session_id else "@import.no_id", field=field, problem=problem)


_TYPE_PROBLEMS = {
    "missing": "missing", "int_type": "int", "int_parsing": "int", "int_from_float": "int",
    "float_type": "number", "float_parsing": "number", "finite_number": "number", "string_type": "text",
    "bool_type": "bool", "bool_parsing": "bool", "list_type": "list", "dict_type": "object",
    "model_type": "object", "model_attributes_type": "object", "string_too_short": "empty",
    "too_short": "empty",
}


def session_error(number: int, raw: Any, error: Any) -> ImportFormatError:
    """The first problem pydantic found in session `number`, said in the catalog's words."""
    session_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        session_id = str(UUID(session_id)) if isinstance(session_id, str) else None
    except ValueError:
        session_id = None
    context = error.get("ctx") or {}
    path = [str(p) for p in error.get("loc", ()) if not str(p).startswith("function-")]
    field = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in path).lstrip(".")
    if context.get("field"):
        field = f"{field}.{context['field']}".lstrip(".") if field else str(context["field"])
    field = field or "-"
    kind = error.get("type", "")
    values = {"number": number, "id": session_id or "@import.no_id", "field": field}
    if kind == "range":
        return ImportFormatError(field, key="storage.import_range", low=context["low"], high=context["high"], **values)
    if kind == "length" or kind == "string_too_long":
        return ImportFormatError(field, key="storage.import_length",
                                 limit=context.get("limit", context.get("max_length")), **values)
    if kind == "too_long":
        return ImportFormatError(field, key="storage.import_count", limit=context.get("max_length"), **values)
    if kind == "choice":
        return ImportFormatError(field, key="storage.import_choice", choices=context["choices"], **values)
    problem = kind if kind.startswith("import.") else f"import.{_TYPE_PROBLEMS.get(kind, 'invalid')}"
    return field_error(number, session_id, field, f"@{problem}")
