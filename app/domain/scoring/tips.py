"""One concrete coaching tip per situation, in the reply's language (English and 简体中文)."""

from __future__ import annotations

TIPS: dict[str, dict[str, str]] = {
    "empathy.none": {
        "en": "Open with the customer's feeling before any facts, e.g. \"I can hear how frustrating this has been.\"",
        "zh": "先回应客户的情绪再讲事实，例如：\"我特别理解您现在的着急。\"",
    },
    "empathy.insincere": {
        "en": "Drop \"sorry you feel that way\" and \"I don't understand why…\": name the feeling and own it instead.",
        "zh": "不要说\"如果让您觉得…\"或\"我不理解您为什么…\"，要直接说出客户的感受并主动承担。",
    },
    "empathy.no_apology": {
        "en": "Add a sincere apology for the inconvenience: \"I'm really sorry this has happened.\"",
        "zh": "补一句真诚的致歉：\"非常抱歉给您带来不便。\"",
    },
    "empathy.no_reassurance": {
        "en": "Reassure and take ownership: \"I'll make sure this gets sorted for you.\"",
        "zh": "给客户安全感并承担责任：\"请您放心，这件事我会负责跟进到底。\"",
    },
    "empathy.late": {
        "en": "Put the empathy first: acknowledge the feeling before you explain anything.",
        "zh": "把共情放在最前面：先安抚情绪，再解释原因。",
    },
    "empathy.good": {
        "en": "Good empathy. Keep it specific to this customer's situation rather than a stock phrase.",
        "zh": "共情到位。继续保持，尽量结合客户的具体情况，而不是套话。",
    },
    "forbidden.blame": {
        "en": "Never make it the customer's fault; describe what happened and what you will do.",
        "zh": "不要指责客户，说明发生了什么、你会怎么处理即可。",
    },
    "forbidden.dismissive": {
        "en": "Replace \"calm down\" or \"not my department\" with ownership: \"I'll take care of this myself.\"",
        "zh": "把\"您冷静一下\"\"这不归我管\"换成主动承担：\"这件事我来帮您处理。\"",
    },
    "forbidden.argues": {
        "en": "Don't argue about who is right; acknowledge, then check the facts together.",
        "zh": "不要和客户争对错，先认可感受，再一起核对事实。",
    },
    "forbidden.mechanical": {
        "en": "A one-word \"noted\" sounds cold: restate the problem and say what happens next.",
        "zh": "只说\"收到\"显得冷漠，请复述问题并说明下一步。",
    },
    "forbidden.jargon": {
        "en": "Use plain words, not internal terms: say \"your account is locked\", not \"risk control triggered\".",
        "zh": "用客户听得懂的话，不要用内部术语：说\"您的账户被临时锁定了\"，而不是\"触发风控\"。",
    },
    "forbidden.scenario": {
        "en": "That phrase is off-limits in this situation; stay on what you can do for the customer.",
        "zh": "这种说法在本场景中不能使用，请把重点放在你能为客户做什么上。",
    },
    "forbidden.clean": {
        "en": "No blaming or dismissive wording. Keep it that way.",
        "zh": "没有指责或推诿的用语，继续保持。",
    },
    "forbidden.canned": {
        "en": "Swap the stock line (\"we apologise for any inconvenience\", \"your feedback has been noted\") for words about this customer's case.",
        "zh": "把\"给您带来的不便深表歉意\"\"您的反馈已收到\"这类套话换成针对客户本人情况的话。",
    },
    "forbidden.vague": {
        "en": "Replace \"soon\" or \"someone will get back to you\" with who does what by when.",
        "zh": "把\"尽快\"\"稍后会有人联系您\"换成明确的人和时间。",
    },
    "forbidden.hard_sell": {
        "en": "Listen for the real reason first; offer only what answers it, and respect the customer's choice.",
        "zh": "先弄清客户真正想走的原因，只提供能解决这个问题的方案，尊重客户的选择，不要硬推销。",
    },
    "structure.restate": {
        "en": "Restate the problem in one sentence and confirm it: \"So the order from the 15th still hasn't arrived, is that right?\"",
        "zh": "用一句话复述问题并确认：\"您是说15号下的订单到现在还没收到，对吗？\"",
    },
    "structure.cause": {
        "en": "Explain briefly why it happened, in plain words, before the fix.",
        "zh": "在给方案前，用通俗的话简单说明原因。",
    },
    "structure.solution": {
        "en": "Offer a concrete action you will take, e.g. a refund, a replacement or a booking.",
        "zh": "给出具体的处理办法，例如退款、补发或预约上门。",
    },
    "structure.next_step": {
        "en": "Say who does what by when: \"I'll email you the tracking number within 24 hours.\"",
        "zh": "说清楚谁在什么时间做什么：\"我会在24小时内给您回电。\"",
    },
    "structure.closing": {
        "en": "Close the loop: summarise the agreed steps and ask if there is anything else.",
        "zh": "做好收尾：总结约定的处理步骤，并询问是否还有其他需要。",
    },
    "structure.order": {
        "en": "Follow problem → cause → solution: acknowledge and restate first, then explain, then fix.",
        "zh": "按照\"问题—原因—解决方案\"的顺序：先安抚和复述，再解释，最后给方案。",
    },
    "structure.good": {
        "en": "Clear structure. Keep closing with a short summary of the next steps.",
        "zh": "结构清晰，继续用简短的总结收尾。",
    },
    "pace.too_fast": {
        "en": "Slow down to {low:.0f}-{high:.0f} {unit}; pause briefly before the key information.",
        "zh": "语速放慢到每分钟{low:.0f}-{high:.0f}{unit}，关键信息前稍作停顿。",
    },
    "pace.too_slow": {
        "en": "Pick up the pace a little, to {low:.0f}-{high:.0f} {unit}, so you sound confident.",
        "zh": "语速稍微加快到每分钟{low:.0f}-{high:.0f}{unit}，听起来更有把握。",
    },
    "pace.pauses": {
        "en": "Avoid long silences mid-reply; say \"I'm checking this for you, one moment\" instead.",
        "zh": "回答中间不要长时间沉默，可以说\"我正在帮您查询，请稍等\"。",
    },
    "pace.fillers": {
        "en": "Cut the fillers (um, uh, you know): a short pause sounds calmer.",
        "zh": "减少\"嗯、那个、就是说\"等口头禅，短暂停顿会显得更从容。",
    },
    "pace.latency": {
        "en": "Respond sooner: over {limit:.0f} s of silence needs a holding phrase.",
        "zh": "回应要及时：沉默超过{limit:.0f}秒时要先说一句\"请稍等，我正在为您查询\"。",
    },
    "pace.good": {
        "en": "Steady pace. Keep pausing briefly before the key facts.",
        "zh": "语速平稳，继续在关键信息前稍作停顿。",
    },
}

UNITS = {"wpm": {"en": "words per minute", "zh": "词"}, "cpm": {"en": "characters per minute", "zh": "字"}}


def tip(key: str, lang: str, **values: object) -> str:
    text = TIPS[key]["zh" if lang == "zh" else "en"]
    return text.format(**values) if values else text
