"""Vosk model discovery (path, environment, user data, bundled) and `models import`: validity
checks, zip-slip refusal and atomic installation."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from app.speech import ModelImportError, ModelNotFoundError, find_vosk_model, import_model, installed_models
from app.speech.model_import import guess_language
from tests.conftest import run_cli
from tests.model_files import fake_model, model_zip, real_model, real_model_zip


def user_models(isolated_user_dirs: Path) -> Path:
    return isolated_user_dirs / "models"


def test_zip_is_checked_and_installed_atomically(tmp_path, isolated_user_dirs, korean_model):
    source = real_model_zip(korean_model, tmp_path / "vosk-model-small-en-us-0.15.zip", "vosk-model-small-en-us-0.15")
    location = import_model(source)
    assert location.lang == "en" and location.source == "user"
    assert location.path == user_models(isolated_user_dirs) / "en" / "vosk-model-small-en-us-0.15"
    assert (location.path / "am" / "final.mdl").is_file()
    assert [p.name for p in location.path.parent.iterdir()] == ["vosk-model-small-en-us-0.15"]  # no leftovers
    assert find_vosk_model("en").path == location.path
    again = import_model(source)  # importing again replaces it cleanly
    assert again.path == location.path and len(list(location.path.parent.iterdir())) == 1


@pytest.mark.parametrize("bad_entry", [
    "../escaped.txt",
    "vosk-model-small-cn-0.22/../../escaped.txt",
    "/tmp/absolute-escape.txt",
    "C:/windows/escape.txt",
])
def test_zip_slip_entries_are_refused(tmp_path, isolated_user_dirs, bad_entry):
    source = model_zip(tmp_path / "vosk-model-small-cn-0.22.zip", "vosk-model-small-cn-0.22", [(bad_entry, b"x")])
    with pytest.raises(ModelImportError) as info:
        import_model(source)
    assert "unsafe" in str(info.value) and bad_entry in str(info.value)
    assert "不安全" in info.value.text("zh")
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/absolute-escape.txt").exists()
    lang_dir = user_models(isolated_user_dirs) / "zh"
    assert not lang_dir.exists() or list(lang_dir.iterdir()) == []


def test_symlink_entries_are_refused(tmp_path):
    source = model_zip(tmp_path / "vosk-model-en.zip", "m")
    with zipfile.ZipFile(source, "a") as archive:
        info = zipfile.ZipInfo("m/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(ModelImportError, match="unsafe"):
        import_model(source)


def test_not_a_model_and_not_a_zip(tmp_path):
    with zipfile.ZipFile(tmp_path / "vosk-model-en.zip", "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ModelImportError, match="does not contain a Vosk model"):
        import_model(tmp_path / "vosk-model-en.zip")
    (tmp_path / "garbage-en.zip").write_bytes(b"this is not a zip")
    with pytest.raises(ModelImportError, match="not a readable zip"):
        import_model(tmp_path / "garbage-en.zip")
    with pytest.raises(ModelImportError, match="does not exist"):
        import_model(tmp_path / "missing-en.zip")
    with pytest.raises(ModelImportError, match="--lang"):
        import_model(model_zip(tmp_path / "mystery.zip", "mystery"))


def test_folder_import_and_language_guess(tmp_path, isolated_user_dirs, korean_model):
    location = import_model(real_model(korean_model, tmp_path / "downloads" / "my-model"), "zh")
    assert location.path == user_models(isolated_user_dirs) / "zh" / "my-model"
    assert guess_language("vosk-model-small-cn-0.22") == "zh"
    assert guess_language("vosk-model-en-us-0.22-lgraph") == "en"
    assert guess_language("model") is None


def test_lookup_order_path_env_user_bundled(tmp_path, monkeypatch, isolated_user_dirs):
    bundled = tmp_path / "assets-models"
    fake_model(bundled / "en" / "bundled-en")
    monkeypatch.setattr("app.speech.vosk_models.bundled_models_dir", lambda: bundled)
    assert find_vosk_model("en").source == "bundled"
    fake_model(user_models(isolated_user_dirs) / "en" / "user-en")
    assert find_vosk_model("en").path.name == "user-en"
    env_model = fake_model(tmp_path / "env-en")
    monkeypatch.setenv("ROLEPLAY_VOSK_MODEL_EN", str(env_model))
    assert find_vosk_model("en").path == env_model
    explicit = fake_model(tmp_path / "explicit-en")
    assert find_vosk_model("en", explicit).path == explicit
    assert find_vosk_model("zh") is None
    names = {(m.lang, m.name, m.source) for m in installed_models()}
    assert {("en", "bundled-en", "bundled"), ("en", "user-en", "user"), ("en", "env-en", "env")} <= names


def test_missing_model_directory_given_explicitly(tmp_path):
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        find_vosk_model("en", tmp_path / "nowhere")


def test_models_cli(tmp_path, isolated_user_dirs, korean_model):
    source = real_model_zip(korean_model, tmp_path / "vosk-model-small-cn-0.22.zip", "vosk-model-small-cn-0.22")
    proc = run_cli("models", "import", str(source))
    assert proc.returncode == 0, proc.stderr
    assert "vosk-model-small-cn-0.22" in proc.stdout
    listing = json.loads(run_cli("models", "list", "--json").stdout)
    assert {"lang": "zh", "name": "vosk-model-small-cn-0.22", "source": "user"}.items() <= listing["models"][0].items()
    assert any(m["engine"] == "pocketsphinx" and m["source"] == "built-in" for m in listing["models"])
    in_use = {item["lang"]: item for item in listing["in_use"]}
    assert in_use["en"]["engine"] == "pocketsphinx" and in_use["zh"]["engine"] == "vosk"
    human = run_cli("models", "list", env={"ROLEPLAY_LANG": "zh"})
    assert "语音识别模型" in human.stdout and "pocketsphinx" in human.stdout

    slip = model_zip(tmp_path / "evil-en.zip", "m", [("../../evil.txt", b"x")])
    proc = run_cli("models", "import", str(slip))
    assert proc.returncode == 2 and "unsafe" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path.parent / "evil.txt").exists()


def test_vosk_env_var_pointing_nowhere_is_reported(tmp_path):
    env = {**os.environ, "ROLEPLAY_VOSK_MODEL_EN": str(tmp_path / "gone")}
    proc = run_cli("models", "list", env=env)
    assert proc.returncode == 0 and "ROLEPLAY_VOSK_MODEL_EN" in proc.stdout


def test_a_zip_bomb_a_damaged_zip_and_links_in_a_folder_install_nothing(tmp_path, isolated_user_dirs,
                                                                        korean_model):
    # a zip that would unpack to 200 MB from a few hundred KB: refused before a byte is written
    bomb = tmp_path / "vosk-model-small-en-us-bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("vosk-model-small-en-us-bomb/am/final.mdl", b"\0" * 64)
        archive.writestr("vosk-model-small-en-us-bomb/conf/model.conf", "--sample-frequency=16000\n")
        archive.writestr("vosk-model-small-en-us-bomb/graph/HCLG.fst", b"\0" * (200 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ModelImportError) as refused:
        import_model(bomb)
    assert "not a speech model" in refused.value.text("en") and "Nothing was installed" in refused.value.text("en")
    assert not any(p.is_file() for p in user_models(isolated_user_dirs).rglob("*"))

    # damaged compressed data: one clear error, not a traceback
    damaged = model_zip(tmp_path / "vosk-model-small-en-us-damaged.zip", "vosk-model-small-en-us-damaged",
                        [("vosk-model-small-en-us-damaged/graph/words.txt", b"hello world " * 5000)])
    data = bytearray(damaged.read_bytes())
    start = data.index(b"hello world")
    data[start:start + 64] = b"\xff" * 64
    damaged.write_bytes(bytes(data))
    with pytest.raises(ModelImportError) as bad:
        import_model(damaged)
    assert "not a readable zip archive" in bad.value.text("en")

    # a folder with a link to a system file and a pipe: both left out, never followed or read
    folder = real_model(korean_model, tmp_path / "downloads" / "vosk-model-small-en-us-linked")
    (folder / "graph" / "passwd").symlink_to("/etc/passwd")
    os.mkfifo(folder / "graph" / "pipe")
    location = import_model(folder)
    assert not (location.path / "graph" / "passwd").exists() and not (location.path / "graph" / "pipe").exists()
    assert (location.path / "am" / "final.mdl").is_file()


def test_an_empty_archive_and_a_damaged_directory_are_named_as_such(tmp_path, isolated_user_dirs):
    empty = tmp_path / "empty-en.zip"
    zipfile.ZipFile(empty, "w").close()
    with pytest.raises(ModelImportError, match="does not contain a Vosk model"):
        import_model(empty)
    # a central directory said to start past the end of the file (offset 0xFFFFFFFF)
    broken = tmp_path / "broken-en.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("model/am/final.mdl", b"x" * 100)
    data = bytearray(broken.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 16:end + 20] = b"\xff\xff\xff\xff"
    broken.write_bytes(bytes(data))
    with pytest.raises(ModelImportError, match="not a readable zip"):
        import_model(broken)
