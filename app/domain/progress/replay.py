"""The replay timeline of a stored call: turn by turn, the customer's line then the trainee's
reply, on one clock. Where a side has no recording (a typed reply, a line not stored) it gets a
silent stretch as long as reading it takes, so the timeline, the transcript and the emotion curve
still move together.

Word timings are the recogniser's, relative to the start of the trainee's recording of the turn.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

CUSTOMER, TRAINEE = "customer", "trainee"
GAP_S = 0.4  # silence between two segments
MIN_SEGMENT_S = 1.0
LEAD_S = 0.3  # kept before a reply's first word when the wait before it is skipped
MIN_TRIM_S = 1.0  # a shorter wait is part of the reply's rhythm, and stays


def reading_time(text: str) -> float:
    """Roughly how long saying `text` takes: 2.5 words/s, or 4 characters/s for Chinese."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    words = len(text.split()) if cjk == 0 else 0
    return max(MIN_SEGMENT_S, cjk / 4.0 + words / 2.5)


@dataclass(frozen=True)
class TurnMedia:
    """What the replay knows of one turn: texts, recording lengths (None: not recorded), words."""

    turn_index: int
    customer_text: str
    reply_text: str
    customer_s: float | None = None
    trainee_s: float | None = None
    words: tuple[tuple[str, float, float], ...] = ()  # (word, start, end) in the trainee recording


@dataclass(frozen=True)
class ReplaySegment:
    turn_index: int
    side: str  # customer | trainee
    start_s: float
    duration_s: float
    has_audio: bool
    offset_s: float = 0.0  # where in the recording the segment starts (the wait before the first word skipped)

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


@dataclass(frozen=True)
class ReplayWord:
    turn_index: int
    index: int  # the word's position in the turn's word list
    text: str
    start_s: float  # on the timeline
    end_s: float


@dataclass(frozen=True)
class ReplayTimeline:
    segments: list[ReplaySegment]
    words: list[ReplayWord] = field(default_factory=list)

    @property
    def total_s(self) -> float:
        return self.segments[-1].end_s if self.segments else 0.0

    def markers(self) -> list[tuple[int, float]]:
        """(turn index, start) of each turn: where its customer line begins."""
        seen: dict[int, float] = {}
        for segment in self.segments:
            seen.setdefault(segment.turn_index, segment.start_s)
        return sorted(seen.items())

    def segment_at(self, t: float) -> int | None:
        """The index of the segment playing at `t` (the next one during a gap), None past the end."""
        starts = [s.start_s for s in self.segments]
        i = bisect.bisect_right(starts, t) - 1
        if i >= 0 and t < self.segments[i].end_s:
            return i
        return i + 1 if i + 1 < len(self.segments) else None

    def word_at(self, t: float) -> ReplayWord | None:
        """The word being said at `t`: the last one started, until its segment (reply) ends."""
        starts = [w.start_s for w in self.words]
        i = bisect.bisect_right(starts, t) - 1
        if i < 0:
            return None
        word = self.words[i]
        segment = next(s for s in self.segments if s.turn_index == word.turn_index and s.side == TRAINEE)
        return word if t < segment.end_s else None

    def turn_at(self, t: float) -> int | None:
        index = self.segment_at(t)
        if index is None:
            return self.segments[-1].turn_index if self.segments else None
        return self.segments[index].turn_index

    def curve_position(self, t: float) -> float:
        """Where `t` falls on the emotion curve, whose point i is the intensity before reply i+1
        (point 0: the start of the call; point i+1: after reply i). Moves from point i to point i+1
        while turn i plays."""
        if not self.segments:
            return 0.0
        turns = sorted({s.turn_index for s in self.segments})
        for position, turn in enumerate(turns):
            spans = [s for s in self.segments if s.turn_index == turn]
            start, end = spans[0].start_s, spans[-1].end_s
            if t < start:
                return float(position)
            if t <= end:
                return position + (t - start) / (end - start) if end > start else float(position + 1)
        return float(len(turns))


def build_timeline(turns: list[TurnMedia], gap_s: float = GAP_S) -> ReplayTimeline:
    segments: list[ReplaySegment] = []
    words: list[ReplayWord] = []
    clock = 0.0
    for turn in sorted(turns, key=lambda t: t.turn_index):
        customer = turn.customer_s if turn.customer_s else reading_time(turn.customer_text)
        segments.append(ReplaySegment(turn.turn_index, CUSTOMER, clock, customer, bool(turn.customer_s)))
        clock += customer + gap_s
        offset = 0.0
        if turn.trainee_s:
            # the silence before the first word (the trainee thinking, the open mic) is skipped;
            # the stored recording stays whole
            first = min((start for _w, start, _e in turn.words), default=0.0)
            offset = first - LEAD_S if first - LEAD_S >= MIN_TRIM_S and first < turn.trainee_s else 0.0
            trainee = turn.trainee_s - offset
        elif turn.words:
            trainee = max(end for _w, _s, end in turn.words) + gap_s
        else:
            trainee = reading_time(turn.reply_text) if turn.reply_text.strip() else MIN_SEGMENT_S
        segments.append(ReplaySegment(turn.turn_index, TRAINEE, clock, trainee, bool(turn.trainee_s), offset))
        for index, (word, start, end) in enumerate(turn.words):
            if 0.0 <= start - offset < trainee:
                words.append(ReplayWord(turn.turn_index, index, word, clock + start - offset,
                                        clock + min(end - offset, trainee)))
        clock += trainee + gap_s
    words.sort(key=lambda w: w.start_s)
    return ReplayTimeline(segments, words)
