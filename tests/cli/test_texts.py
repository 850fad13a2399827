"""The one text catalog: every message exists in both languages with the same placeholders and
formats without error (values named like `msg`'s own parameters included); a wrong-language
scenario is a clear message with exit 2, not a traceback."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest

from app.texts import CATALOG, msg, text_lang
from tests.conftest import REPO_ROOT


def placeholders(text: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _lit, field, _spec, _conv in string.Formatter().parse(text)
            if field is not None}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_message_formats_in_both_languages(lang):
    for key, texts in CATALOG.items():
        assert set(texts) == {"en", "zh"}, key
        assert placeholders(texts["en"]) == placeholders(texts["zh"]), key
        values = {name: (1.5 if name in ("seconds",) else "x") for name in placeholders(texts[lang])}
        formatted = msg(key, lang, **values)
        assert formatted and "{" not in formatted.replace("{{", ""), key


def test_a_language_code_maps_to_the_catalogs_languages():
    assert [text_lang(code) for code in ("zh_CN", "zh", "ZH-hans", "en", "en_US", "fr")] == ["zh", "zh", "zh", "en",
                                                                                              "en", "en"]
    assert msg("err.lang_mismatch", "en", id="s", scenario_lang="@lang.zh", lang="@lang.en") == \
        "scenario s is in Chinese, not English"


@pytest.mark.parametrize(("lang", "scenario", "reply", "expected"), [
    ("en", "zh-complaint-lost-baggage", "hi", "is in Chinese, not English"),
    ("zh", "en-complaint-late-parcel", "你好", "的语言是 英语，不是 中文"),
])
def test_score_with_a_scenario_of_another_language_says_so(lang, scenario, reply, expected):
    proc = subprocess.run([sys.executable, "-m", "app", "score", "--lang", lang, "--scenario", scenario, reply],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and expected in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_an_unexpected_failure_is_one_line_and_its_traceback_goes_to_the_crash_log(tmp_path, monkeypatch, capsys):
    from app.cli import main as cli_main

    monkeypatch.setenv("ROLEPLAY_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(cli_main, "build_parser", lambda: _parser_that_fails())
    assert cli_main.main(["boom"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ZeroDivisionError" in err and str(tmp_path / "crash.log") in err
    assert "Traceback" in (tmp_path / "crash.log").read_text(encoding="utf-8")


def _parser_that_fails():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("command")
    parser.set_defaults(self_test=False, handler=lambda args: 1 / 0)
    return parser
