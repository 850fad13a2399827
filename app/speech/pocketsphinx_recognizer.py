"""The embedded English recogniser: pocketsphinx with the model its wheel ships.

A fresh decoder's first utterance is badly recognised, because live cepstral mean normalisation
starts from a value far from real speech. The decoder is therefore kept alive between utterances
and starts from a CMN vector measured on speech, then keeps adapting it.
"""

from __future__ import annotations

import re
from typing import Any

from app.speech.errors import RecognizerUnavailableError
from app.speech.recognizer import ENGINE_POCKETSPHINX, RecognizedWord, Transcript, join_words

SAMPLE_RATE = 16000
FRAMES_PER_SECOND = 100
# Cepstral means of ordinary speech through this model's front end (13 coefficients).
SPEECH_CMN = "56.4,1.6,-7.6,27.8,-12.5,-0.7,-5.3,-19.4,2.5,-13.8,11.0,-9.6,-4.7"
# pocketsphinx holds Python's GIL while it decodes: feeding it 20 ms at a time lets the GUI
# thread (and Qt's audio reading) run between the pieces.
FEED_BYTES = 640
NON_WORDS = re.compile(r"^(<s>|</s>|<sil>|\[[A-Z_]+\]|\+\+.*\+\+)$")
ALTERNATE_PRONUNCIATION = re.compile(r"\(\d+\)$")


class PocketsphinxRecognizer:
    engine = ENGINE_POCKETSPHINX
    sample_rate = SAMPLE_RATE

    def __init__(self, lang: str = "en", flat_pass: bool = False, initial_cmn: str | None = SPEECH_CMN) -> None:
        """`flat_pass` adds pocketsphinx's second (fwdflat) search over the whole utterance when it
        ends: ~0.4 s per 8 s of speech before the final result, for no better accuracy here, so it
        is off; the lattice best path (word confidences) stays on."""
        if lang != "en":
            raise RecognizerUnavailableError("speech.err.engine_lang", engine=ENGINE_POCKETSPHINX,
                                             lang_name=f"@lang.{lang}" if lang == "zh" else lang)
        try:
            import pocketsphinx
        except ImportError as exc:
            raise RecognizerUnavailableError("speech.err.recognition", detail=str(exc)) from exc
        options: dict[str, Any] = {"samprate": SAMPLE_RATE, "loglevel": "FATAL"}
        if not flat_pass:
            options["fwdflat"] = False
        self.lang = lang
        self.description = "pocketsphinx en-us (built-in)"
        self._decoder = pocketsphinx.Decoder(**options)
        if initial_cmn:
            self._decoder.set_cmn(initial_cmn)
        self._samples = 0
        self._in_utterance = False

    def start_utterance(self) -> None:
        if self._in_utterance:
            self._decoder.end_utt()
        self._decoder.start_utt()
        self._in_utterance = True
        self._samples = 0

    def accept(self, pcm: bytes) -> str:
        if not self._in_utterance:
            self.start_utterance()
        for offset in range(0, len(pcm), FEED_BYTES):
            self._decoder.process_raw(pcm[offset:offset + FEED_BYTES], False, False)
        self._samples += len(pcm) // 2
        hyp = self._decoder.hyp()
        return hyp.hypstr if hyp is not None else ""

    def finish_utterance(self) -> Transcript:
        if not self._in_utterance:
            self.start_utterance()
        self._decoder.end_utt()
        self._in_utterance = False
        words = self._segments()
        return Transcript(self.engine, self.lang, join_words(list(words), self.lang), self._samples / SAMPLE_RATE,
                          words)

    def partial_words(self) -> tuple[RecognizedWord, ...]:
        return self._segments() if self._in_utterance else ()

    def _segments(self) -> tuple[RecognizedWord, ...]:
        """The words of the decoder's best hypothesis (partial during an utterance, final after it);
        none for a recording too short to hold a word (pocketsphinx then has no segmentation)."""
        segments = self._decoder.seg() if self._decoder.hyp() is not None else None
        return tuple(
            RecognizedWord(ALTERNATE_PRONUNCIATION.sub("", seg.word), seg.start_frame / FRAMES_PER_SECOND,
                           (seg.end_frame + 1) / FRAMES_PER_SECOND, max(0.0, min(1.0, float(seg.prob))))
            for seg in segments or ()
            if not NON_WORDS.match(seg.word)
        )

    def close(self) -> None:
        if self._in_utterance:
            self._decoder.end_utt()
            self._in_utterance = False
