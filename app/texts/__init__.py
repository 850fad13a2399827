"""The one text catalog for everything outside the Qt widgets: the command line, speech, audio,
storage and the self-test say their messages through `msg()`, in English or 简体中文 (the widgets
have Qt's `.ts` translations). `text_lang()` is the one mapping from a language code (`zh_CN`,
`en-US`, a scenario's language) to the catalog's `en` / `zh`.
"""

from __future__ import annotations

import os

from app.texts import speech, terminal

LANGUAGES = ("en", "zh")


def _merged() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for part in (terminal.TEXTS, speech.TEXTS):
        clash = catalog.keys() & part.keys()
        if clash:
            raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
        catalog.update(part)
    return catalog


CATALOG = _merged()


def text_lang(preferred: str | None = None) -> str:
    """`en` or `zh` for a language code; with none, `ROLEPLAY_LANG`, else English."""
    lang = preferred or os.environ.get("ROLEPLAY_LANG", "en")
    return "zh" if lang.lower().startswith("zh") else "en"


def has_text(key: str) -> bool:
    return key in CATALOG


def msg(key: str, lang: str | None = None, /, **values: object) -> str:
    """The text for `key` in `lang`, filled in with `values` (any name, `lang` included); a value
    written "@key" is itself a message key and is translated too."""
    ui = text_lang(lang)
    resolved = {k: (msg(v[1:], ui) if isinstance(v, str) and v.startswith("@") and v[1:] in CATALOG else v)
                for k, v in values.items()}
    text = CATALOG[key][ui]
    return text.format(**resolved) if resolved else text


def language_name(lang: str, ui: str | None = None) -> str:
    """"English" / "中文" (in the reader's language) for a language code."""
    key = f"lang.{text_lang(lang)}"
    return msg(key, ui)


def import_hint(lang: str) -> str:
    """The command that installs the official small Vosk model of a language."""
    model = "cn-0.22" if lang == "zh" else "en-us-0.15"
    return f"roleplay models import vosk-model-small-{model}.zip --lang {lang}"
