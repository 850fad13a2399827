"""Terminal messages of the CLI, in English and 简体中文.

The language is the reply's or scenario's language where there is one, otherwise `ROLEPLAY_LANG`
(en / zh), otherwise English.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "overall": {"en": "Overall", "zh": "总分"},
    "empathy": {"en": "Empathy", "zh": "共情"},
    "forbidden": {"en": "Wording (no blame or dismissal)", "zh": "用语（无指责推诿）"},
    "structure": {"en": "Structure", "zh": "结构"},
    "pace": {"en": "Pace", "zh": "语速"},
    "stages": {"en": "Stages", "zh": "环节"},
    "evidence": {"en": "Evidence", "zh": "依据"},
    "tips": {"en": "Tips", "zh": "建议"},
    "no_timing": {"en": "not measured (no audio)", "zh": "未测量（无音频）"},
    "pace_detail": {"en": "(band {low}-{high}), long pauses {pauses}, fillers {fillers}, latency {latency} s",
                    "zh": "（标准 {low}-{high}），长停顿 {pauses} 次，口头禅 {fillers} 次，响应 {latency} 秒"},
    "stage.acknowledge": {"en": "acknowledge", "zh": "安抚"},
    "stage.restate": {"en": "restate", "zh": "复述"},
    "stage.cause": {"en": "cause", "zh": "原因"},
    "stage.solution": {"en": "solution", "zh": "方案"},
    "stage.next_step": {"en": "next step", "zh": "下一步"},
    "stage.closing": {"en": "closing", "zh": "收尾"},
    "order_bad": {"en": "out of order", "zh": "顺序不当"},
    "customer": {"en": "Customer", "zh": "客户"},
    "you": {"en": "You", "zh": "你"},
    "intensity": {"en": "intensity", "zh": "情绪强度"},
    "briefing": {"en": "Briefing", "zh": "案情简报"},
    "policy_allows": {"en": "Policy allows", "zh": "政策允许"},
    "reply_prompt": {"en": "Your reply (one line; empty = silence; /hangup to end)",
                     "zh": "请输入你的回复（一行；空行=沉默；/hangup 挂断）"},
    "report": {"en": "Session report", "zh": "通话报告"},
    "outcome": {"en": "Outcome", "zh": "结果"},
    "outcome.resolved": {"en": "resolved", "zh": "已解决"},
    "outcome.escalated": {"en": "escalated to a manager", "zh": "升级至主管"},
    "outcome.abandoned": {"en": "abandoned", "zh": "放弃/挂断"},
    "reason.manager_requested": {"en": "the customer asked for a manager", "zh": "客户要求转接主管"},
    "reason.agreed": {"en": "a solution and next step were agreed with a calm customer",
                      "zh": "客户情绪平复，双方商定了方案和后续安排"},
    "reason.repeated_silence": {"en": "the customer gave up after repeated silence", "zh": "多次无人应答，客户放弃了"},
    "reason.out_of_turns": {"en": "the call ran out of turns without a resolution", "zh": "多轮对话后仍未解决，通话结束"},
    "reason.trainee_hung_up": {"en": "the trainee hung up", "zh": "学员挂断了电话"},
    "emotion_curve": {"en": "Emotion curve", "zh": "情绪曲线"},
    "turn": {"en": "Turn {n}", "zh": "第 {n} 轮"},
    "short.empathy": {"en": "empathy", "zh": "共情"},
    "short.forbidden": {"en": "wording", "zh": "用语"},
    "short.structure": {"en": "structure", "zh": "结构"},
    "short.pace": {"en": "pace", "zh": "语速"},
    "average": {"en": "Average score", "zh": "平均分"},
    "stored_as": {"en": "Stored as session", "zh": "已保存，会话编号"},
    "err.no_scenario": {"en": "No scenario with id {id!r}. Try: roleplay scenarios list",
                        "zh": "找不到编号为 {id!r} 的情景。请运行：roleplay scenarios list"},
    "err.bad_json_line": {"en": "line {line}: not a JSON object with id, lang and text: {error}",
                          "zh": "第 {line} 行：不是包含 id、lang、text 的 JSON 对象：{error}"},
    "err.lang_mismatch": {"en": "scenario {id} is in {scenario_lang}, not {lang}",
                          "zh": "情景 {id} 的语言是 {scenario_lang}，不是 {lang}"},
    "err.no_text": {"en": "Give the reply text, or --batch FILE.jsonl, or --audio FILE.",
                    "zh": "请提供回复文本，或使用 --batch FILE.jsonl 或 --audio FILE。"},
    "err.cannot_read": {"en": "Cannot read {path}: {error}", "zh": "无法读取 {path}：{error}"},
    "validate.ok": {"en": "{count} scenario(s) valid.", "zh": "{count} 个情景文件全部有效。"},
    "validate.bad": {"en": "{count} problem(s) found.", "zh": "发现 {count} 个问题。"},
}


def ui_lang(preferred: str | None = None) -> str:
    lang = preferred or os.environ.get("ROLEPLAY_LANG", "en")
    return "zh" if lang.lower().startswith("zh") else "en"


def msg(key: str, lang: str | None = None, **values: object) -> str:
    text = MESSAGES[key][ui_lang(lang)]
    return text.format(**values) if values else text
