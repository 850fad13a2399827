"""The replay timeline: call order, silent stretches for sides without a recording, the word being
said at any moment, turn markers and the playhead's place on the emotion curve."""

from __future__ import annotations

import pytest

from app.domain.progress.replay import CUSTOMER, GAP_S, TRAINEE, TurnMedia, build_timeline, reading_time

WORDS = (("i'm", 0.5, 0.8), ("so", 0.8, 1.0), ("sorry", 1.0, 1.6))


def timeline():
    return build_timeline([
        TurnMedia(1, "Why is it stuck?", "It is held at the depot.", customer_s=2.0, trainee_s=None),
        TurnMedia(0, "Third time I call!", "I'm so sorry", customer_s=3.0, trainee_s=2.0, words=WORDS),
    ])


def test_segments_run_in_call_order_customer_then_trainee():
    t = timeline()
    assert [(s.turn_index, s.side) for s in t.segments] == [(0, CUSTOMER), (0, TRAINEE), (1, CUSTOMER), (1, TRAINEE)]
    starts = [s.start_s for s in t.segments]
    assert starts == pytest.approx([0.0, 3.0 + GAP_S, 5.0 + 2 * GAP_S, 7.0 + 3 * GAP_S])
    assert [s.has_audio for s in t.segments] == [True, True, True, False]
    assert t.segments[-1].duration_s == pytest.approx(reading_time("It is held at the depot."))
    assert t.markers() == [(0, 0.0), (1, pytest.approx(5.0 + 2 * GAP_S))]
    assert t.total_s == pytest.approx(t.segments[-1].end_s)


def test_the_word_at_a_moment_follows_the_word_timings():
    t = timeline()
    reply_start = 3.0 + GAP_S
    assert t.word_at(reply_start + 0.2) is None  # before the first word
    assert t.word_at(reply_start + 0.6).text == "i'm"
    assert t.word_at(reply_start + 0.9).text == "so"
    assert t.word_at(reply_start + 1.7).text == "sorry"  # the last word stays lit until the reply ends
    assert t.word_at(reply_start + 2.1) is None  # the gap after the reply
    assert [w.index for w in t.words] == [0, 1, 2]


def test_segment_turn_and_curve_position():
    t = timeline()
    assert t.segment_at(0.0) == 0 and t.segment_at(3.1) == 1  # in the gap: the next segment
    assert t.segment_at(t.total_s + 1) is None
    assert t.turn_at(1.0) == 0 and t.turn_at(6.0) == 1 and t.turn_at(t.total_s + 5) == 1
    assert t.curve_position(0.0) == 0.0
    end_of_turn_0 = t.segments[1].end_s
    assert t.curve_position(end_of_turn_0 / 2) == pytest.approx(0.5)
    assert t.curve_position(t.total_s) == pytest.approx(2.0)


def test_typed_and_silent_turns_still_take_time():
    t = build_timeline([TurnMedia(0, "再见", "", None, None), TurnMedia(1, "好的", "非常抱歉让您久等了", None, None)])
    assert all(s.duration_s >= 1.0 for s in t.segments) and not any(s.has_audio for s in t.segments)
    assert reading_time("非常抱歉让您久等了") == pytest.approx(9 / 4)
    assert build_timeline([]).total_s == 0.0 and build_timeline([]).curve_position(3) == 0.0


def test_words_past_the_recording_are_dropped_and_words_without_audio_set_the_length():
    t = build_timeline([TurnMedia(0, "x", "a b", 1.0, 1.0, (("a", 0.2, 0.5), ("b", 1.5, 1.8)))])
    assert [w.text for w in t.words] == ["a"]
    no_audio = build_timeline([TurnMedia(0, "x", "a b", 1.0, None, (("a", 0.2, 0.5), ("b", 1.5, 1.8)))])
    assert no_audio.segments[1].duration_s == pytest.approx(1.8 + GAP_S)
    assert [w.text for w in no_audio.words] == ["a", "b"]


def test_the_wait_before_the_first_word_is_skipped_but_the_recording_is_whole():
    from app.domain.progress.replay import LEAD_S, TRAINEE, TurnMedia, build_timeline

    waited = TurnMedia(0, "Where is my parcel?", "I'm sorry, let me check.", customer_s=2.0, trainee_s=12.0,
                       words=(("I'm", 9.5, 9.8), ("sorry", 9.8, 10.3)))
    segment = next(s for s in build_timeline([waited]).segments if s.side == TRAINEE)
    assert abs(segment.offset_s - (9.5 - LEAD_S)) < 1e-9  # playback starts just before "I'm"
    assert abs(segment.duration_s - (12.0 - 9.5 + LEAD_S)) < 1e-9
    timeline = build_timeline([waited])
    first = timeline.words[0]
    assert abs(first.start_s - (segment.start_s + LEAD_S)) < 1e-9  # the word under the playhead when heard
    quick = TurnMedia(0, "Hi", "Hello.", customer_s=1.0, trainee_s=3.0, words=(("Hello", 0.6, 1.0),))
    assert next(s for s in build_timeline([quick]).segments if s.side == TRAINEE).offset_s == 0.0  # a short breath stays
