"""`roleplay models remove LANG|NAME [--yes]`: asks first, naming the model, its language, what is
deleted and what the language uses next; refuses clearly when there is nothing to remove; renames
the folder away before deleting it and never follows a link out of the models folder."""

from __future__ import annotations

import json
import shutil

import pytest

from app.speech import ModelImportError, find_vosk_model, import_model, installed_models
from app.speech.model_import import remove_model, sweep_leftovers
from tests.conftest import run_cli
from tests.model_files import fake_model, real_model


@pytest.fixture(autouse=True)
def no_model_variables(monkeypatch):
    for var in ("ROLEPLAY_VOSK_MODEL_EN", "ROLEPLAY_VOSK_MODEL_ZH"):
        monkeypatch.delenv(var, raising=False)


def models_dir(isolated_user_dirs):
    return isolated_user_dirs / "models"


def in_use(lang):
    listing = json.loads(run_cli("models", "list", "--json").stdout)
    return next(item for item in listing["in_use"] if item["lang"] == lang)


def one_line_refusal(proc, expected):
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert expected in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr


def test_removing_the_english_model_asks_first_then_falls_back_to_the_built_in_recogniser(
        tmp_path, isolated_user_dirs, korean_model):
    location = import_model(real_model(korean_model, tmp_path / "vosk-model-small-en-us-0.15"))
    assert in_use("en")["engine"] == "vosk"

    for answer in ("n\n", "", "maybe\n"):  # no, no answer at all (end of input), anything but yes
        proc = run_cli("models", "remove", "en", stdin=answer)
        assert proc.returncode == 1, proc.stderr
        assert "Remove the English model vosk-model-small-en-us-0.15?" in proc.stdout
        assert "MB" in proc.stdout and str(location.path) in proc.stdout
        assert "English will use the built-in recogniser instead" in proc.stdout
        assert "Nothing was removed." in proc.stdout
        assert (location.path / "am" / "final.mdl").is_file()

    proc = run_cli("models", "remove", "vosk-model-small-en-us-0.15", stdin="y\n")
    assert proc.returncode == 0, proc.stderr
    assert "Removed the English model vosk-model-small-en-us-0.15." in proc.stdout
    assert not location.path.exists() and list(location.path.parent.iterdir()) == []
    assert in_use("en")["engine"] == "pocketsphinx"
    assert (korean_model / "am" / "final.mdl").is_file()  # the files it was copied from are untouched

    one_line_refusal(run_cli("models", "remove", "en", "--yes"), "No English model has been imported")
    one_line_refusal(run_cli("models", "remove", "en", "--yes", env={"ROLEPLAY_LANG": "zh"}), "尚未导入任何英语模型")


def test_removing_the_chinese_model_in_chinese_says_replies_will_be_typed(isolated_user_dirs):
    model = fake_model(models_dir(isolated_user_dirs) / "zh" / "vosk-model-small-cn-0.22")
    proc = run_cli("models", "remove", "zh", stdin="是\n", env={"ROLEPLAY_LANG": "zh"})
    assert proc.returncode == 0, proc.stderr
    assert "删除中文模型 vosk-model-small-cn-0.22？" in proc.stdout and "只能键入回复" in proc.stdout
    assert "已删除中文模型 vosk-model-small-cn-0.22。" in proc.stdout
    assert not model.exists()
    assert in_use("zh")["engine"] == "typed"


def test_with_two_models_a_language_is_ambiguous_and_a_name_is_not(isolated_user_dirs):
    older = fake_model(models_dir(isolated_user_dirs) / "en" / "vosk-model-small-en-us-0.15")
    newer = fake_model(models_dir(isolated_user_dirs) / "en" / "vosk-model-en-us-0.22")
    (newer / ".roleplay-model.json").write_text(json.dumps({"imported_at": 2e9}))
    (older / ".roleplay-model.json").write_text(json.dumps({"imported_at": 1e9}))
    one_line_refusal(run_cli("models", "remove", "en", "--yes"), "There are 2 imported English models")
    assert older.exists() and newer.exists()
    proc = run_cli("models", "remove", "vosk-model-en-us-0.22", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "English will use vosk-model-small-en-us-0.15 instead." in proc.stdout
    assert not newer.exists() and older.exists()


def test_what_cannot_be_removed_is_refused_in_one_line(tmp_path, isolated_user_dirs, monkeypatch):
    one_line_refusal(run_cli("models", "remove", "no-such-model", "--yes"), "No imported model is called no-such-model")
    one_line_refusal(run_cli("models", "remove", "zh", "--yes"), "No Chinese model has been imported")
    outside = fake_model(tmp_path / "my-own-en-model")
    proc = run_cli("models", "remove", "my-own-en-model", "--yes", env={"ROLEPLAY_VOSK_MODEL_EN": str(outside)})
    one_line_refusal(proc, "unset ROLEPLAY_VOSK_MODEL_EN to stop using it")
    assert outside.exists()
    twice = [fake_model(models_dir(isolated_user_dirs) / lang / "shared-name") for lang in ("en", "zh")]
    one_line_refusal(run_cli("models", "remove", "shared-name", "--yes"), "add --lang en or --lang zh")
    proc = run_cli("models", "remove", "shared-name", "--lang", "zh", "--yes")
    assert proc.returncode == 0 and twice[0].exists() and not twice[1].exists()
    one_line_refusal(run_cli("models", "remove", "en", "--lang", "zh", "--yes"), "No imported model is called en")


def test_a_bundled_model_is_not_removed(tmp_path, monkeypatch, capsys):
    from app.cli.main import main

    bundled = tmp_path / "assets-models"
    fake_model(bundled / "en" / "bundled-en")
    monkeypatch.setattr("app.speech.vosk_models.bundled_models_dir", lambda: bundled)
    assert main(["models", "remove", "bundled-en", "--yes"]) == 2
    assert "bundled-en comes with the app and cannot be removed" in capsys.readouterr().err
    assert (bundled / "en" / "bundled-en" / "am" / "final.mdl").is_file()


def test_links_are_removed_never_followed(tmp_path, isolated_user_dirs):
    # a model that is a link to a folder elsewhere: the link goes, the folder stays
    elsewhere = fake_model(tmp_path / "elsewhere" / "linked-model")
    (models_dir(isolated_user_dirs) / "en").mkdir(parents=True)
    (models_dir(isolated_user_dirs) / "en" / "linked-model").symlink_to(elsewhere, target_is_directory=True)
    assert run_cli("models", "remove", "linked-model", "--yes").returncode == 0
    assert (elsewhere / "am" / "final.mdl").is_file() and list((models_dir(isolated_user_dirs) / "en").iterdir()) == []
    # a model holding a link to a file outside: the model goes, the file stays
    keep = tmp_path / "keep.txt"
    keep.write_text("precious")
    model = fake_model(models_dir(isolated_user_dirs) / "en" / "vosk-model-small-en-us-0.15")
    (model / "graph" / "words.txt").symlink_to(keep)
    (model / "graph" / "all").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert run_cli("models", "remove", "en", "--yes").returncode == 0
    assert not model.exists() and keep.read_text() == "precious" and elsewhere.is_dir()
    # a language folder that is a link out of the models folder: nothing there is removed
    zh_elsewhere = fake_model(tmp_path / "zh-elsewhere" / "vosk-model-small-cn-0.22").parent
    (models_dir(isolated_user_dirs) / "zh").symlink_to(zh_elsewhere, target_is_directory=True)
    one_line_refusal(run_cli("models", "remove", "zh", "--yes"), "is not in the imported models folder")
    assert (zh_elsewhere / "vosk-model-small-cn-0.22" / "am" / "final.mdl").is_file()


def test_a_failed_rename_removes_nothing_and_leftovers_are_swept(isolated_user_dirs, monkeypatch):
    model = fake_model(models_dir(isolated_user_dirs) / "en" / "vosk-model-small-en-us-0.15")
    location = find_vosk_model("en")

    def refuse(self, target):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr("pathlib.Path.rename", refuse)
        with pytest.raises(ModelImportError) as failed:
            remove_model(location)
    assert "Could not remove the model vosk-model-small-en-us-0.15: Permission denied. Nothing was removed" in str(
        failed.value)
    assert model.is_dir() and [m.path for m in installed_models()] == [model]

    leftover = model.parent / ".removing-old-model-1"  # a removal interrupted before its delete
    shutil.copytree(model, leftover)
    sweep_leftovers(model.parent)
    assert not leftover.exists() and model.is_dir()
