"""What the speech and audio layers say (errors, which engine is in use, fallbacks), in English and
简体中文. The CLI and the GUI both show these."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "lang.en": {"en": "English", "zh": "英语"},
    "lang.zh": {"en": "Chinese", "zh": "中文"},
    "speech.err.generic": {"en": "Speech processing failed: {detail}", "zh": "语音处理失败：{detail}"},
    # audio files
    "speech.err.audio_file": {"en": "Cannot use {path} as audio: {detail}", "zh": "无法将 {path} 作为音频使用：{detail}"},
    "speech.err.file_missing": {"en": "{path} does not exist.", "zh": "文件 {path} 不存在。"},
    "speech.err.file_unreadable": {"en": "Cannot read {path}: {detail}", "zh": "无法读取 {path}：{detail}"},
    "speech.err.file_empty": {"en": "{path} is empty (0 bytes), not a WAV recording.",
                              "zh": "{path} 是空文件（0 字节），不是 WAV 录音。"},
    "speech.err.not_wav": {"en": "{path} is not a WAV audio file (RIFF/WAVE header missing).",
                           "zh": "{path} 不是 WAV 音频文件（缺少 RIFF/WAVE 文件头）。"},
    "speech.err.not_a_file": {"en": "{path} is not a regular file (a pipe, a device or a folder): give a WAV file.",
                              "zh": "{path} 不是普通文件（管道、设备或文件夹）：请提供 WAV 文件。"},
    "speech.err.too_long": {"en": "{path} is too large to be a reply ({detail}); recordings up to 200 MB are read.",
                            "zh": "{path} 太大，不像一段回复（{detail}）；最多读取 200 MB 的录音。"},
    "speech.err.truncated": {"en": "{path} is truncated or damaged: {detail}",
                             "zh": "{path} 已截断或损坏：{detail}"},
    "speech.err.unsupported_wav": {"en": "{path} uses an unsupported WAV encoding ({detail}); "
                                         "use PCM 8/16/24/32-bit or 32/64-bit float.",
                                   "zh": "{path} 的 WAV 编码不受支持（{detail}）；"
                                         "请使用 8/16/24/32 位 PCM 或 32/64 位浮点。"},
    "speech.err.no_frames": {"en": "{path} contains no audio samples.", "zh": "{path} 中没有任何音频采样。"},
    # text-to-speech
    "speech.err.no_voice": {"en": "The text-to-speech engine has no {lang_name} voice (installed voices: {available}). "
                                  "Install espeak-ng with its {lang_name} voice (Debian: apt install espeak-ng).",
                            "zh": "语音合成引擎没有{lang_name}语音（已安装：{available}）。"
                                  "请安装带{lang_name}语音的 espeak-ng（Debian：apt install espeak-ng）。"},
    "speech.err.voice_rejected": {"en": "The text-to-speech engine refused the voice {voice}: {detail}",
                                  "zh": "语音合成引擎无法使用语音 {voice}：{detail}"},
    "speech.err.synthesis": {"en": "Text-to-speech failed: {detail}", "zh": "语音合成失败：{detail}"},
    "speech.err.synthesis_empty": {"en": "Text-to-speech produced no audio for “{text}” (voice {voice}).",
                                   "zh": "语音合成没有为 “{text}” 生成任何音频（语音 {voice}）。"},
    "speech.err.tts_unavailable": {"en": "Text-to-speech is not available: {detail}. "
                                         "Install espeak-ng (Debian: apt install espeak-ng).",
                                   "zh": "语音合成不可用：{detail}。请安装 espeak-ng（Debian：apt install espeak-ng）。"},
    "speech.err.recognition_timeout": {"en": "Recognising {path} did not finish within {seconds:.0f} s: the recording is "
                                             "too long or the computer too busy. Try a shorter recording.",
                                       "zh": "识别 {path} 未能在 {seconds:.0f} 秒内完成：录音太长或电脑太忙。请换一段较短的录音。"},
    "speech.err.timeout": {"en": "{what} did not finish within {seconds:.0f} s.",
                           "zh": "{what} 未能在 {seconds:.0f} 秒内完成。"},
    "speech.err.worker_closed": {"en": "The {what} worker has been shut down.", "zh": "{what}工作线程已关闭。"},
    # recognition models
    "speech.err.model_missing": {"en": "No Vosk model at {path}: the folder does not exist.",
                                 "zh": "{path} 处没有 Vosk 模型：该文件夹不存在。"},
    "speech.err.model_invalid": {"en": "{path} is not a Vosk model folder (expected am/final.mdl or conf/model.conf).",
                                 "zh": "{path} 不是 Vosk 模型文件夹（应包含 am/final.mdl 或 conf/model.conf）。"},
    "speech.err.model_env_missing": {"en": "{var} points to {path}, which is not a usable Vosk model folder.",
                                     "zh": "{var} 指向的 {path} 不是可用的 Vosk 模型文件夹。"},
    "speech.err.model_load": {"en": "Vosk could not load the model at {path}.", "zh": "Vosk 无法加载 {path} 处的模型。"},
    "speech.err.no_vosk_model": {"en": "No Vosk model for {lang_name} is installed. Import one with: {hint}",
                                 "zh": "未安装{lang_name} Vosk 模型。请导入：{hint}"},
    "speech.err.model_import": {"en": "Cannot import {source}: {detail}", "zh": "无法导入 {source}：{detail}"},
    "speech.err.import_missing": {"en": "{source} does not exist.", "zh": "{source} 不存在。"},
    "speech.err.zip_too_big": {"en": "{source} would unpack to {size} from {packed}: that is not a speech model "
                                     "(a model unpacks to about twice its zip). Nothing was installed.",
                               "zh": "{source} 解压后将有 {size}（压缩包 {packed}）：这不是语音模型（模型解压后约为压缩包的两倍）。未安装任何内容。"},
    "speech.err.bad_zip": {"en": "{source} is not a readable zip archive.", "zh": "{source} 不是可读取的 zip 压缩包。"},
    "speech.err.unsafe_entry": {"en": "{source} contains the unsafe entry “{entry}” (absolute path, '..' or link); "
                                      "nothing was installed.",
                                "zh": "{source} 含有不安全的条目“{entry}”（绝对路径、“..”或链接）；未安装任何内容。"},
    "speech.err.not_a_model": {"en": "{source} does not contain a Vosk model (no am/final.mdl or conf/model.conf).",
                               "zh": "{source} 中没有 Vosk 模型（缺少 am/final.mdl 或 conf/model.conf）。"},
    "speech.err.model_unloadable": {"en": "Vosk could not load the model in {source}: check its {file} (damaged, "
                                          "incomplete or not a Vosk model file). Nothing was installed; the model "
                                          "in use is unchanged.",
                                    "zh": "Vosk 无法加载 {source} 中的模型：请检查其中的 {file}（文件可能已损坏、不完整或"
                                          "不是 Vosk 模型文件）。未安装任何内容，当前使用的模型保持不变。"},
    "speech.err.model_load_timeout": {"en": "The model in {source} did not finish loading within {seconds:.0f} s, "
                                            "so it was not installed: check its {file}. The model in use is "
                                            "unchanged.",
                                      "zh": "{source} 中的模型未能在 {seconds:.0f} 秒内加载完成，因此没有安装：请检查其中的 "
                                            "{file}。当前使用的模型保持不变。"},
    "speech.err.model_outside": {"en": "{name} ({path}) is not in the imported models folder, so it was not "
                                       "removed.",
                                 "zh": "{name}（{path}）不在已导入模型的文件夹中，因此没有删除。"},
    "speech.err.model_remove_failed": {"en": "Could not remove the model {name}: {detail}. Nothing was removed; "
                                             "close the app if it is using the model, then try again.",
                                       "zh": "无法删除模型 {name}：{detail}。未删除任何内容；如果应用正在使用该模型，"
                                             "请先关闭应用再重试。"},
    "speech.err.unknown_model_lang": {"en": "Cannot tell which language {source} is for; add --lang en or --lang zh.",
                                      "zh": "无法判断 {source} 的语言；请加上 --lang en 或 --lang zh。"},
    "speech.err.unknown_model_lang_gui": {"en": "Cannot tell which language {source} is for; choose English or "
                                                "Chinese above, then import it again.",
                                          "zh": "无法判断 {source} 的语言；请在上方选择英语或中文后重新导入。"},
    # recognisers
    "speech.err.no_recognizer": {"en": "No speech recogniser for {lang_name}.", "zh": "没有可用的{lang_name}语音识别引擎。"},
    "speech.err.zh_needs_model": {"en": "No Chinese speech model is installed, so Chinese replies are typed. "
                                        "To answer out loud in Chinese, import the Vosk Chinese model: {hint}",
                                  "zh": "未安装中文语音识别模型，因此中文回复需要打字输入。"
                                        "如需用中文口头作答，请导入 Vosk 中文模型：{hint}"},
    "speech.err.engine_lang": {"en": "{engine} has no {lang_name} model; it recognises English only. "
                                     "Use --engine vosk with an imported {lang_name} model.",
                               "zh": "{engine} 没有{lang_name}模型，只能识别英语。请导入{lang_name}模型并使用 --engine vosk。"},
    "speech.err.unknown_engine": {"en": "Unknown speech recogniser “{engine}”; use vosk or pocketsphinx.",
                                  "zh": "未知的语音识别引擎 “{engine}”；请使用 vosk 或 pocketsphinx。"},
    "speech.err.recognition": {"en": "Speech recognition failed: {detail}", "zh": "语音识别失败：{detail}"},
    # audio devices
    "speech.err.device": {"en": "Audio device problem: {detail}", "zh": "音频设备问题：{detail}"},
    "speech.err.no_input_device": {"en": "No microphone called “{name}” is connected. Available inputs: {available}.",
                                   "zh": "没有连接名为“{name}”的麦克风。可用的输入设备：{available}。"},
    "speech.err.no_output_device": {"en": "No audio output called “{name}” is connected. Available outputs: {available}.",
                                    "zh": "没有连接名为“{name}”的音频输出设备。可用的输出设备：{available}。"},
    "speech.err.no_input_device.none": {
        "en": "No microphone was found. Plug in a headset (or check that the sound system is running), then try again.",
        "zh": "没有找到麦克风。请插上耳麦（或确认系统声音服务正在运行）后再试。"},
    "speech.err.no_output_device.none": {
        "en": "No speakers or headphones were found. Plug some in (or check that the sound system is running), "
              "then try again.",
        "zh": "没有找到扬声器或耳机。请连接后（或确认系统声音服务正在运行）再试。"},
    "speech.err.device_open": {"en": "Cannot open the audio device {device}: {detail}",
                               "zh": "无法打开音频设备 {device}：{detail}"},
    "audio.device_lost": {"en": "The audio device {device} disappeared ({reason}); "
                                "everything recorded until then has been kept.",
                          "zh": "音频设备 {device} 已断开（{reason}）；此前录下的内容均已保留。"},
    "audio.lost.removed": {"en": "it was unplugged or removed", "zh": "设备被拔出或移除"},
    "audio.lost.stalled": {"en": "no sound data arrived any more", "zh": "不再收到任何声音数据"},
    "audio.lost.error": {"en": "the audio system reported an error", "zh": "音频系统报告了错误"},
    # which engine is in use
    "engine.vosk": {"en": "Speech recognition: Vosk, model {model}", "zh": "语音识别：Vosk，模型 {model}"},
    "engine.pocketsphinx": {"en": "Speech recognition: pocketsphinx with its built-in English model "
                                  "(import a Vosk English model for better accuracy)",
                            "zh": "语音识别：pocketsphinx 内置英语模型（导入 Vosk 英语模型可提高准确率）"},
    "engine.typed": {"en": "Replies are typed (no speech recogniser for {lang_name}).",
                     "zh": "回复以文字输入（没有{lang_name}语音识别引擎）。"},
}
