"""Tips for a missing rubric item, with an example built from the scenario's own case: its
customer, its key facts and what its policy allows. Without a scenario, the general tips."""

from __future__ import annotations

from app.domain.scenarios.schema import Emotion, Scenario
from app.domain.scoring.tips import tip

_FEELING = {
    "en": {Emotion.ANGRY: "frustrating", Emotion.ANXIOUS: "worrying", Emotion.DISAPPOINTED: "disappointing"},
    "zh": {Emotion.ANGRY: "生气", Emotion.ANXIOUS: "着急", Emotion.DISAPPOINTED: "失望"},
}
_GENERAL = {"acknowledge": "empathy.none", "restate": "structure.restate", "cause": "structure.cause",
            "remedy": "structure.solution", "ownership": "empathy.no_reassurance", "timeline": "structure.next_step",
            "closing": "structure.closing", "holding": "pace.pauses"}


def _join(items: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2].isupper() is False else text


def item_tip(item: str, lang: str, scenario: Scenario | None) -> str:
    """One sentence: what was missing, with an example from this scenario."""
    if scenario is None:
        return tip(_GENERAL[item], lang)
    name = scenario.persona.name
    feeling = _FEELING["zh" if lang == "zh" else "en"][scenario.persona.emotion]
    facts = [point.label for point in scenario.key_facts][:2]
    remedies = [point.label for point in scenario.solutions]
    first_remedy = remedies[0]
    if lang == "zh":
        examples = {
            "acknowledge": f"先回应{name}的情绪再讲事实，例如：\"这事换谁都会{feeling}，真的很抱歉。\"",
            "restate": f"用一句话复述并确认：\"我跟您确认一下，{'，'.join(facts)}，对吗？\"",
            "cause": "给方案前，先用通俗的话说清楚原因，例如：\"是因为……\"，不要用内部术语。",
            "remedy": f"给出政策允许的具体办法：{_join(remedies, lang)}。",
            "ownership": f"说清楚你本人会做什么（{first_remedy}），例如：\"这件事我来负责办。\"",
            "timeline": f"给出明确时间，不要说\"尽快\"：谁在什么时间做什么（{first_remedy}），例如：\"我今天下午五点前给您回电话确认。\"",
            "closing": f"做好收尾：总结约定的事项（{_join(remedies, lang)}），并感谢{name}的耐心。",
            "holding": f"不要让{name}干等：\"请您稍等，我正在帮您查询。\"",
        }
    else:
        first = name.split()[0]
        examples = {
            "acknowledge": f"Acknowledge {first}'s feeling before the facts, e.g. \"I can hear how {feeling} this is, "
                           f"and I'm sorry.\"",
            "restate": f"Say the problem back in one sentence and check it: \"So, {_join(facts, lang)}, is that right?\"",
            "cause": "Explain in plain words why it happened before the fix (\"The reason is …\"), with no internal terms.",
            "remedy": f"Offer what policy allows, in your own words: {_join(remedies, lang)}.",
            "ownership": f"Say what you will do yourself ({_lower_first(first_remedy)}): \"I'll take care of this "
                         f"myself.\"",
            "timeline": f"Give a time, not \"soon\": who does what by when ({_lower_first(first_remedy)}), e.g. "
                        f"\"I'll call you back by 5 pm today to confirm.\"",
            "closing": f"Close the loop: sum up what you agreed ({_join(remedies, lang)}) and thank {first} for their "
                       f"patience.",
            "holding": f"Don't leave {first} in silence: \"One moment, I'm checking this for you now.\"",
        }
    return examples[item]


def fault_tip(kind: str, lang: str) -> str:
    key = f"forbidden.{kind}"
    return tip(key, lang)
