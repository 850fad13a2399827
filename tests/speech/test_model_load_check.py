"""`models import` loads a model once with the real Vosk loader, in a child process with a time
limit, before installing it: a fake, damaged, crashing or endless model installs nothing, its
temporary copy is removed, the model in use stays, and the message names the file to check."""

from __future__ import annotations

import json
import os

import pytest

from app.speech import ModelImportError, choose_recognizer, find_vosk_model, import_model
from app.speech.model_import import check_model_loads
from tests.conftest import run_cli
from tests.model_files import FAKE_MDL, crashing_loader, fake_mdl_zip, model_zip, real_model


def entries(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def english_in_use(tmp_path, isolated_user_dirs, korean_model):
    """The real model, imported as the English one in use."""
    location = import_model(real_model(korean_model, tmp_path / "downloads" / "vosk-model-small-en-us-0.15"))
    assert choose_recognizer("en").model.path == location.path
    return location


@pytest.mark.parametrize("name", ["vosk-model-small-en-us-0.15",  # the same name: it would replace the model
                                  "vosk-model-en-us-0.22"])        # another name: the newest would be used
def test_a_100_byte_fake_final_mdl_is_refused_and_the_model_in_use_stays(tmp_path, korean_model, english_in_use,
                                                                         name):
    fake = fake_mdl_zip(korean_model, tmp_path / f"{name}.zip", name)
    assert len(FAKE_MDL) == 100
    with pytest.raises(ModelImportError) as refused:
        import_model(fake)
    english = refused.value.text("en")
    assert "could not load" in english and "check its am/final.mdl" in english and str(fake) in english
    assert "Nothing was installed; the model in use is unchanged" in english
    assert "无法加载" in refused.value.text("zh") and "am/final.mdl" in refused.value.text("zh")
    lang_dir = english_in_use.path.parent
    assert entries(lang_dir) == ["vosk-model-small-en-us-0.15"]  # no temporary copy left beside it
    assert (english_in_use.path / "am" / "final.mdl").stat().st_size == (korean_model / "am" / "final.mdl").stat().st_size
    choice = choose_recognizer("en")
    assert choice.engine == "vosk" and choice.model.path == english_in_use.path


def test_the_message_names_the_file_the_loader_failed_on(tmp_path, isolated_user_dirs, korean_model):
    # a config Vosk does not accept
    with pytest.raises(ModelImportError, match=r"check its conf/model\.conf"):
        import_model(model_zip(tmp_path / "vosk-model-small-cn-bad-conf.zip", "vosk-model-small-cn-bad-conf"))
    # a graph cut in half: the model object is created, the first recogniser is not
    broken = real_model(korean_model, tmp_path / "vosk-model-small-cn-cut")
    graph = broken / "graph" / "HCLr.fst"
    whole = graph.read_bytes()
    graph.unlink()  # a hard link to the wheel's file: replace it, never write into it
    graph.write_bytes(whole[:len(whole) // 2])
    with pytest.raises(ModelImportError, match=r"check its graph/HCLr\.fst"):
        import_model(broken)
    assert entries(isolated_user_dirs / "models" / "zh") == []
    assert find_vosk_model("zh") is None


def test_a_model_that_loads_too_slowly_is_not_installed(tmp_path, isolated_user_dirs, korean_model):
    source = real_model(korean_model, tmp_path / "vosk-model-small-cn-0.22")
    with pytest.raises(ModelImportError) as refused:
        import_model(source, load_timeout_s=0.5)  # the real model needs a few seconds
    assert "did not finish loading within" in refused.value.text("en") and "秒内加载完成" in refused.value.text("zh")
    assert entries(isolated_user_dirs / "models" / "zh") == []


def test_a_loader_that_crashes_is_reported_not_followed(tmp_path, korean_model):
    model = real_model(korean_model, tmp_path / "staging" / "vosk-model-small-cn-0.22")
    with pytest.raises(ModelImportError) as refused:
        check_model_loads(model, tmp_path / "model.zip", loader=crashing_loader)
    assert "check its ivector/final.ie" in refused.value.text("en")
    assert entries(model.parent) == ["vosk-model-small-cn-0.22"]  # the check's log is gone too
    check_model_loads(model, tmp_path / "model.zip")  # the real loader accepts the real model


def test_the_command_line_says_one_line_and_keeps_the_model_in_use(tmp_path, korean_model, english_in_use):
    fake = fake_mdl_zip(korean_model, tmp_path / "vosk-model-en-us-0.22.zip", "vosk-model-en-us-0.22")
    for lang, expected in (("en", "could not load"), ("zh", "无法加载")):
        proc = run_cli("models", "import", str(fake), env={"ROLEPLAY_LANG": lang})
        assert proc.returncode == 2 and proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1 and expected in proc.stderr, proc.stderr
        assert "am/final.mdl" in proc.stderr
        assert not any(word in proc.stderr for word in ("Traceback", "VoskAPI", "Options:", "Exception"))
    listing = json.loads(run_cli("models", "list", "--json").stdout)
    in_use = {item["lang"]: item for item in listing["in_use"]}
    assert in_use["en"]["engine"] == "vosk" and in_use["en"]["model"] == "vosk-model-small-en-us-0.15"
    assert entries(english_in_use.path.parent) == ["vosk-model-small-en-us-0.15"]
    assert not os.path.exists(english_in_use.path.parent / "vosk-model-en-us-0.22")
