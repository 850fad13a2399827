"""`roleplay render-audio`: render every customer line of the scenarios into `assets/audio/`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.scenarios.schema import MoodBand, Scenario, Stage
from app.speech.audio_manifest import AudioManifest, ManifestEntry, line_file, line_key
from app.speech.prosody import customer_prosody
from app.speech.synthesizer import SpeechSynthesizer

ENDING_LINES = ("resolved", "escalated", "abandoned", "silence")


def customer_lines(scenario: Scenario) -> list[str]:
    """Every line the customer of `scenario` can say, in a stable order, without duplicates."""
    lines: list[str] = []
    for stage in Stage:
        band_lines = getattr(scenario.lines, stage.value)
        lines.extend(getattr(band_lines, band.value) for band in MoodBand)
    lines.extend(getattr(scenario.lines, name) for name in ENDING_LINES)
    return list(dict.fromkeys(lines))


@dataclass
class PrerenderReport:
    rendered: int = 0
    reused: int = 0
    removed: int = 0
    manifest: Path | None = None
    voices: dict[str, str] = field(default_factory=dict)


def prerender(scenarios: Iterable[Scenario], synthesizer: SpeechSynthesizer, out_dir: Path,
              prune: bool = False, progress: Callable[[str, int, int], None] | None = None,
              timeout_s: float = 60.0) -> PrerenderReport:
    """Render what is missing, reuse what is there. With `prune` (a full run), drop the files and
    manifest entries that no scenario uses any more."""
    out_dir = Path(out_dir)
    manifest = AudioManifest.load(out_dir)
    report = PrerenderReport()
    wanted: set[str] = set()
    scenarios = list(scenarios)
    for scenario in scenarios:
        lang = scenario.language.value
        voice = synthesizer.voice_for(lang).result(timeout_s)
        report.voices[lang] = voice.id
        prosody = customer_prosody(scenario.persona)
        lines = customer_lines(scenario)
        for number, text in enumerate(lines, start=1):
            key = line_key(text, voice.id, prosody, synthesizer.engine_name)
            wanted.add(key)
            existing = manifest.entries.get(key)
            if existing is not None and manifest.path_for(key) is not None:
                if scenario.id not in existing.scenarios:
                    manifest.entries[key] = ManifestEntry(**{**existing.__dict__,
                                                             "scenarios": (*existing.scenarios, scenario.id)})
                report.reused += 1
            else:
                relative = line_file(lang, key)
                rendered = synthesizer.render(text, lang, prosody, out_dir / relative).result(timeout_s)
                manifest.entries[key] = ManifestEntry(relative, text, lang, voice.id, synthesizer.engine_name,
                                                      prosody.to_dict(), round(rendered.duration_s, 3),
                                                      (scenario.id,))
                report.rendered += 1
            if progress is not None:
                progress(scenario.id, number, len(lines))
    if prune:
        for key in [k for k in manifest.entries if k not in wanted]:
            (out_dir / manifest.entries.pop(key).file).unlink(missing_ok=True)
            report.removed += 1
    report.manifest = manifest.save()
    return report
