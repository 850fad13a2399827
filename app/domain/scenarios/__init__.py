"""Scenarios: the typed schema and the loader."""

from app.domain.scenarios.loader import ScenarioLibrary, ScenarioProblem, load_library, load_scenario_file
from app.domain.scenarios.schema import Emotion, Ending, Family, Language, MoodBand, Scenario, Stage

__all__ = [
    "Emotion", "Ending", "Family", "Language", "MoodBand", "Scenario", "ScenarioLibrary",
    "ScenarioProblem", "Stage", "load_library", "load_scenario_file",
]
