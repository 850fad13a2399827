"""Qt translations of the user interface (English source strings, 简体中文 in `translations/`).

`translations/roleplay_zh_CN.ts` is the translators' file; `roleplay_zh_CN.qm` is compiled from it
with `pyside6-lrelease` and committed (a test checks it matches the `.ts`), so a packaged build only
has to bundle the `translations` folder. Should the `.qm` be missing, it is compiled into the user
cache at start-up. Run `scripts/update_translations.sh` after changing user-facing strings.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from app.resources import user_cache_dir as cache_dir
from app.texts import text_lang

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def lrelease_command() -> str | None:
    beside_python = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside_python) if beside_python.exists() else shutil.which("pyside6-lrelease")


def compile_translation(ts: Path, qm: Path) -> bool:
    tool = lrelease_command()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([tool, str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        log.warning("pyside6-lrelease failed: %s", done.stderr.strip())
    return done.returncode == 0 and qm.exists()


def compiled_translation(language: str) -> Path | None:
    """The `.qm` file of a UI language (compiled from the `.ts` into the cache if it is missing)."""
    qm = TRANSLATIONS_DIR / f"roleplay_{language}.qm"
    if qm.exists():
        return qm
    ts = qm.with_suffix(".ts")
    cached = cache_dir() / "translations" / qm.name
    if ts.exists() and (cached.exists() or compile_translation(ts, cached)):
        return cached
    return None


class UiTranslator:
    """Installs the translators of one UI language; switching sends LanguageChange to every widget."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = "en"
        self._installed: list[QTranslator] = []

    @property
    def content_language(self) -> str:
        """The UI language as content and message code: "zh" or "en"."""
        return text_lang(self.language or "en")

    def apply(self, language: str) -> bool:
        """Switch the UI language ("en" or "zh_CN"). False if its translation cannot be loaded."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        self.language = "en"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        if language == "en":
            self._retranslate_now()
            return True
        qm = compiled_translation(language)
        own = QTranslator(self.app)
        if qm is None or not own.load(str(qm)):
            log.warning("no translation for UI language %s", language)
            return False
        qt_own = QTranslator(self.app)
        if qt_own.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(qt_own)
            self._installed.append(qt_own)
        self.app.installTranslator(own)
        self._installed.append(own)
        self.language = language
        QLocale.setDefault(QLocale(language))
        self._retranslate_now()
        return True

    @staticmethod
    def _retranslate_now() -> None:
        """Deliver the LanguageChange events at once, so the switch is done when apply() returns."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
