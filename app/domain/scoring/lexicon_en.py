"""English phrase patterns, matched on the normalised form (lower case, no punctuation).

Each entry is (label, regex). Patterns describe phrases in context, not single words: "understand"
only counts when it is about the customer's feeling, and a negator in front of it (see
`NEGATION_BEFORE`) or a dismissive "but" after it (see `UNDERCUT_AFTER`) turns it into evidence
against empathy.
"""

from __future__ import annotations

from app.domain.scoring.lexicon_en_faults import FORBIDDEN as FORBIDDEN  # the faults, in their own file

_I_WILL = r"(?:i(?: will|'ll| can| am going to|'m going to| am gonna|'m gonna)|let me)"
_WE_WILL = r"(?:we(?: will|'ll| can| are going to|'re going to))"
_I_OWN = r"(?:i(?: will|'ll| am going to|'m going to| am gonna|'m gonna)|let me)"  # a commitment, not "I can"
_FEEL_BAD = (
    r"(?:frustrat\w*|stress\w*|worr\w*|upset\w*|annoy\w*|difficult|disappoint\w*|hard|awful|"
    r"inconvenien\w*|scar\w*|anxious|confus\w*|terrible|maddening|infuriating|exhausting|unsettling|"
    r"angry|let down|fed up|unnerving|daunting|nerve racking|frightening|alarming|upsetting)"
)
_ACTION = (
    r"(?:send|resend|refund|replace|arrange|book|rebook|issue|credit|reset|unlock|reactivate|repair|"
    r"fix|cancel|waive|process|reverse|reship|escalate|raise|apply|upgrade|transfer|schedule|remove|"
    r"activate|reinstate|courier|dispatch|expedite|compensate|release|restore|extend|offer|give|"
    r"reimburse|switch|correct|adjust|refund you|pay|cover|honou?r|approve|submit|lodge|file|unblock|"
    r"order|get you|put through|set up|sort out|put|enter|re issue|reissue|chase|block|log|walk you through|guide you|show you|waive|deliver)"
)
_NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|twenty four|forty eight|seventy two|a few|a couple of|the next)"
)
_UNIT = r"(?:minutes?|hours?|working days?|business days?|days?|weeks?)"
_DAY = (
    r"(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"the end of (?:the |to)?(?:day|week)|end of day|noon|midday|this (?:afternoon|evening|morning|week))"
)

EMPATHY: dict[str, list[tuple[str, str]]] = {
    "acknowledge": [
        ("names the feeling", r"\b(?:can|could|must) (?:be|feel) (?:a bit |a little |quite |really |so |very )?(?:unnerving|worrying|daunting|nerve racking|scary|frightening|unsettling|stressful|upsetting|confusing|alarming)\b"),
        ("understands the feeling",
         r"\b(?:i |we )?(?:completely |totally |really |fully |truly |absolutely |do |can )*"
         r"(?:understand|appreciate|imagine|hear) (?:how|why|what|that|your|you're|you are|you)\b"),
        ("understands the feeling",
         r"\bi (?:completely |totally |really |fully |truly |absolutely |do |can )*(?:understand|appreciate)\b"),
        ("understands the feeling",
         r"\b(?:i |we )?(?:completely |totally |really |fully |can )*(?:get|see) (?:how|why) (?:this|that|it|you)\b"),
        ("understands the feeling", r"\bi (?:can't|cannot|can only) imagine how\b"),
        ("names the feeling", rf"\b(?:that|this|it)(?:'s| is| must be| must have been| would be| sounds| "
                              rf"must feel| feels)(?: so| really| very| incredibly| extremely| genuinely| truly)* {_FEEL_BAD}"),
        ("names the feeling", rf"\bhow {_FEEL_BAD} (?:this|that|it) (?:is|must be|has been)"),
        ("validates the feeling",
         r"\byou (?:have|'ve got|have got|'ve) every (?:right|reason) to be\b"),
        ("validates the feeling", r"\b(?:your|the) (?:frustration|concern|worry|worries|disappointment|anger|"
                                  r"annoyance)s? (?:is|are) (?:completely |totally |entirely )?"
                                  r"(?:understandable|valid|justified|fair|reasonable)"),
        ("validates the feeling", r"\bi(?:'d| would) (?:feel|be) (?:the same|exactly the same|just as|upset|frustrated)"),
        ("validates the feeling", r"\bin your (?:shoes|position|place)\b"),
        ("validates the feeling", r"\bno wonder you(?:'re| are)\b"),
        ("hears the customer", r"\bi hear you\b"),
    ],
    "apology": [
        ("apologises", r"\b(?:i|we)(?:'m| am|'re| are)(?: so| really| very| truly| terribly| deeply| "
                       r"sincerely| genuinely| extremely)* sorry\b"),
        ("apologises", r"\b(?:i|we) (?:sincerely |truly |really |do )?apologi[sz]e\b"),
        ("apologises", r"\b(?:my|our) (?:sincere |deepest |honest |humble )?apologies\b"),
        ("apologises", r"\bplease accept (?:my|our) (?:sincere )?apolog"),
        ("apologises", r"^(?:so |really |very )*sorry (?:about|for)\b"),
        ("apologises", r"\bthat(?:'s| is| was) (?:our|my) (?:mistake|fault|error)\b"),
    ],
    "thanks": [
        ("thanks for patience", r"\bthank(?:s| you)(?: so much| very much)? for (?:your |all your )?"
                                r"(?:patience|waiting|bearing with|holding|being (?:so )?patient|"
                                r"understanding|staying on|your understanding|explaining|telling me|"
                                r"letting (?:me|us) know|flagging|raising this|bringing this|sticking with|giving us|"
                                r"your time|the chance|trusting|staying with)"),
        ("thanks for patience", r"\bi (?:really )?appreciate (?:your|you) (?:patience|waiting|bearing|being patient|"
                                r"calling|explaining|telling)"),
    ],
    "reassurance": [
        ("reassures", r"\b(?:don't|do not) (?:you )?worry\b"),
        ("reassures", r"\brest assured\b"),
        ("reassures", r"\byou(?:'re| are) in (?:good|safe) hands\b"),
        ("takes ownership", rf"\b{_I_WILL} (?:personally )?(?:make sure|take care of|look after|sort (?:this|it) out|"
                            r"get (?:this|it) (?:sorted|fixed|resolved|put right)|own this|stay with you|"
                            r"see (?:this|it) through|handle this)"),
        ("takes ownership", rf"\b{_WE_WILL} (?:get|sort|put) (?:this|it) (?:sorted|fixed|resolved|right|out)"),
        ("takes ownership", r"\bi(?:'m| am) (?:here|going) to help\b"),
        ("reassures", r"\b(?:it's|it is|this is|that's|that is) (?:not|in no way) your fault\b"),
        ("reassures", r"\bi (?:don't|do not) blame you\b"),
        ("reassures", r"\b(?:there's |there is )?no need (?:for you )?to apologi[sz]e\b"),
        ("reassures", r"\byou (?:haven't|have not|didn't|did not) do (?:anything|nothing) wrong\b"),
        ("reassures", r"\byou(?:'re| are) in the right place\b"),
        ("reassures", r"\bwe(?:'ll| will) (?:sort|fix|work through) (?:this|it) (?:out )?together\b"),
        ("reassures", r"\byou(?:'ve| have) done (?:nothing|the right thing)\b"),
        ("reassures", r"\byour (?:money|account|data|details|claim|booking) (?:is|are) (?:safe|secure|protected)\b"),
    ],
}

# Empathy-looking phrases that are insincere, sarcastic or dismissive on their own.
INSINCERE: list[tuple[str, str]] = [
    ("non-apology", r"\bsorry (?:that |if )?you (?:feel|felt|think|see it)(?: (?:that way|like that|this way|so))?"),
    ("non-apology", r"\bsorry (?:if|that) you(?:'re| are| were| got)? ?(?:upset|offended|confused|annoyed)"),
    ("non-apology", r"\bsorry but (?:that's|that is|it's|it is|there's|there is|i can't|we can't|rules)"),
    ("dismisses the feeling", r"\bi (?:don't|do not|can't|cannot|really don't) (?:understand|see|get|know) "
                              r"why you(?:'re| are| would be| get)"),
    ("dismisses the feeling", r"\b(?:no|nothing to|there's no|there is no) (?:need|reason) to (?:be|get) "
                              r"(?:so )?(?:upset|angry|worried|emotional|dramatic|rude)"),
    ("dismisses the feeling", r"\bi(?:'m| am) not (?:going to be )?sorry\b"),
    ("sarcastic apology", r"\bsorry (?:that |if )?(?:[\w']+ ){0,5}?(?:isn't|is not|wasn't|was not|aren't|are not) "
                          r"(?:[\w']+ )?(?:good|fast|quick|cheap) enough for you\b"),
    ("dismisses the feeling", r"\byou(?:'re| are) (?:overreacting|being dramatic|being emotional|too emotional)"),
]

# A negator in the few words before an empathy match cancels it ("I don't understand how ...").
NEGATION_BEFORE = (
    r"(?:\b(?<!oh )(?:not|never|no|don't|do not|doesn't|didn't|can't|cannot|won't|hardly|isn't|wasn't|"
    r"really don't|nothing to be)(?: (?!(?:me|us|them|him|her|mine|ours|theirs)\b)[\w']+){0,1} ?)$"
)
# A phrase named only to disown it ("I'm not going to tell you it's the courier's fault"): said,
# but not meant, so neither a fault nor (for empathy) credit. Looked for a few words before it.
DISAVOWAL_BEFORE = (
    r"\b(?:not going to|won't|will not|wouldn't|would never|never going to|i'm not here to|not here to) "
    r"(?:just )?(?:say|tell you|pretend|hide behind|give you|claim|fob you off with|use)(?: that)?(?: [\w']+){0,1} ?$"
)
# The agent taking the fault on the company or themselves ("it went to the old address, our
# mistake"): blame-like words in the same sentence are not blame.
OWNS_FAULT = (
    r"\b(?:our|my) (?:mistake|fault|error|bad|responsibility)\b|\bthat(?:'s| is| was) on (?:us|me)\b|"
    r"\b(?:we|i) (?:got (?:it|that|this) wrong|messed (?:it |that |this )?up|let you down|dropped the ball)\b|"
    r"\b(?:it's|it is|that's|that is|this is|it was|that was)(?: really| absolutely| definitely)? not your fault\b|"
    r"\byou(?:'ve| have)? (?:did|done) nothing wrong\b"
)
# A dismissive turn right after empathy ("I understand, but that's the policy") undercuts it.
UNDERCUT_AFTER = (
    r"^(?:(?: [\w']+){0,2}? (?:whatever|anyway|fine whatever)\b|(?: [\w']+){0,6}? (?:but|however|though)(?: [\w']+){0,6}? "
    r"(?:policy|policies|rules?|nothing|can't do|cannot do|not my|your (?:own )?fault|you should|"
    r"there's no|there is no|that's how|that's just|it is what it is|not possible))\b"
)

STAGES: dict[str, list[tuple[str, str]]] = {
    "restate": [
        ("restates", r"\bso (?:you're saying|you are saying|what you're saying|what you are saying|if i understand|"
                     r"just to confirm|to confirm|let me (?:make sure|confirm|check)|from what you(?:'ve| have)? (?:said|told))"),
        ("restates", r"\bif i(?:'ve| have)? understood (?:you |that |this )?(?:correctly|right)"),
        ("restates", r"\bif i understand (?:you |that |this |it )?(?:correctly|right)"),
        ("restates", r"\b(?:just )?to (?:make sure|confirm|check) (?:i|that i|we)(?:'ve| have)? (?:got|understood|have)"),
        ("restates", r"\blet me (?:just )?(?:make sure|confirm|check) (?:i|that i)(?:'ve| have)? (?:got|understood|understand)"),
        ("confirms", r"\b(?:is that|is this|have i got that|did i get that|have i understood that|am i) "
                     r"(?:right|correct)\b"),
        ("confirms", r"\bdo i have (?:that|this|it) right\b"),
        ("restates", r"\b(?:you(?:'re| are) telling me|you(?:'ve| have) told me|you mentioned|you said) (?:that )?"),
        ("restates", r"\blet me (?:repeat|recap|summari[sz]e) (?:what|the|your)"),
        ("restates", r"\b(?:just )?(?:to|so) (?:confirm|check|be clear)\b|\bjust so i(?:'m| am) clear\b"),
        ("restates", r"\b(?:make sure|check) (?:i|that i)(?:'ve| have)? (?:got|have|understood) (?:it|that|this|everything) right\b"),
        ("confirms", r"\bso (?:you|your|the)\b(?: [\w']+){2,30}? (?:right|correct|yes|yeah|is that it|is that correct|is that right)\b"),
        ("restates", r"\bso (?:the|your) (?:[\w']+ ){1,8}?(?:hasn't|has not|didn't|did not|still|wasn't|was not|isn't|is not|"
                     r"was|were|has been|have been|got|keeps|kept)\b"),
    ],
    "cause": [
        ("explains the cause", r"\bbecause\b"),
        ("explains the cause", r"\bthe reason(?: (?:is|was|why|for this|for that|this happened))?\b"),
        ("explains the cause", r"\b(?:due to|caused by|as a result of|owing to|the cause)\b"),
        ("explains the cause", r"\bwhat (?:happened|went wrong) (?:is|was|here)\b"),
        ("explains the cause", r"\bit (?:turns out|looks like|seems|appears)\b"),
        ("explains the cause", r"\b(?:i can see|i see|i've found|i have found|i found|i've checked|i checked)"
                               r"(?: (?:that|here|on your [\w']+|the [\w']+))? (?:the|your|it|there|this|a)\b"),
        ("explains the cause", r"\b(?:was|were|got|has been|have been) (?:held up|held|stuck|sent to the wrong|routed|"
                               r"mislabelled|misrouted|logged under|never released|never sent)\b"),
        ("explains the cause", r"\bthere(?:'s| is| was) (?:a|an) (?:fault|problem|issue|outage|backlog|error|delay|glitch)\b"),
        ("explains the cause", r"\b(?:it|this|the [\w']+)(?:'s| has| is) been (?:waiting|sitting|stuck|held|pending)\b"),
        ("explains the cause", r"\bthat(?:'s| is) (?:usually|normally|probably|likely|most likely|down to|caused)\b"),
        ("explains the cause", r"\bnever (?:reached|arrived|got to|went through|came through)\b"),
        ("explains the cause", r"\bhappened when\b|\bthat's why\b|\bwhich is why\b"),
        ("explains the cause", r"\b(?:has|had|developed|there's|there is|there was) (?:a|an) (?:[\w']+ )?(?:fault|defect|error|glitch)\b"),
        ("explains the cause", r"\b(?:on|to|under|at|with) the wrong (?:[\w']+ )?(?:tariff|address|account|rate|plan|code|flight|"
                               r"date|name|number|branch|depot|details|price)\b"),
        ("explains the cause", r"\b(?:only covers?|doesn't cover|does not cover|isn't covered|aren't covered|not covered)\b"),
        ("explains the cause", r"\b(?:flagged|blocked|detected|saw|spotted|picked up|stopped) (?:a|an|the|your) (?:[\w']+ ){0,2}?"
                               r"(?:payment|transaction|purchase|login|charge|activity)\b"),
        ("explains the cause", r"\b(?:usually|normally|often|typically|generally) (?:happens?|occurs?|comes? from)\b"),
        ("explains the cause", r"\b(?:was|were|got|had been) (?:changed|dropped|moved|missed|lost|delayed|overbooked|set up|"
                               r"entered|typed|updated|cancelled|sent|removed) (?:[\w']+ ){0,4}?(?:overnight|by mistake|"
                               r"wrongly|incorrectly|wrong|without anyone|in error|twice)\b"),
        ("explains the cause", r"\b(?:system|network|server|site|website|app|line|service)(?:'s| is| was| has been| went) "
                               r"(?:down|offline|out)\b"),
        ("explains the cause", r"\b(?:typed|entered|spelled|spelt|put|gave) (?:[\w']+ ){0,3}?(?:wrong|wrongly|incorrectly)\b"),
        ("explains the cause", r"\b(?:window|deadline|period|warranty|offer|cooling off period) (?:has|had) (?:passed|expired|ended|closed)\b"),
        ("explains the cause", r"\b(?:increase|rise|change|price rise) (?:came in|comes|came|is|was) (?:in )?(?:with|from|because|part of)\b"),
        ("explains the cause", r"\b(?:our|the) records show\b"),
        ("explains the cause", r"\bso (?:it|that|this|they)(?:'s| is| was| were| are| got| gets| has been) (?:charged|billed|blocked|"
                               r"held|stuck|late|missing|estimated|higher|counted|treated|flagged)\b"),
        ("explains the cause", r"\b(?:it's|it is|that's|that is|this is|it was) (?:a|an|just a|our|the) (?:[\w']+ )?(?:security|safety|fraud|"
                               r"standard|automatic|routine) (?:check|measure|feature|step|block|hold)\b"),
        ("explains the cause", r"\b(?:was|were|wasn't|weren't) never (?:actually )?(?:[\w']+ )?(?:put|added|booked|logged|entered|sent|"
                               r"passed|processed|made|raised|followed|set|updated|released|recorded|assigned|picked)\b"),
        ("explains the cause", r"\bso (?:nothing|it|the|that|no one|nobody|your) (?:[\w']+ ){0,4}?(?:happened|never|didn't|wasn't|"
                               r"stayed|went|got|moved|sat|sits|falls|fell|counts|counted)\b"),
        ("explains the cause", r"\boutside (?:the|that|your|our) (?:[\w']+ )?(?:zone|area|plan|cover|policy|warranty|allowance|period)\b"),
        ("explains the cause", r"\b(?:looking at|i've looked at|i looked at|i've checked|checking) (?:your|the) (?:record|account|notes|"
                               r"history|tracking|file|booking|order|bill|statement|logs?)\b"),
        ("explains the cause", r"\bthat was (?:our|my) (?:mistake|error|fault)\b|\bwhat went wrong\b|\bwhat happened (?:was|is)\b"),
        ("explains the cause", r"\b(?:moved|went|switched|rolled|defaulted) (?:on ?to|onto|to) (?:our |the |a )?(?:standard|default|"
                               r"higher|new|out of contract)\b"),
    ],
    "solution": [
        ("offers a solution", rf"\b{_I_WILL} (?:[\w']+ ){{0,2}}?{_ACTION}\b"),
        ("offers a solution", rf"\b{_WE_WILL} (?:[\w']+ ){{0,2}}?{_ACTION}\b"),
        ("offers a solution", r"\b(?:what|here's what|here is what) (?:i|we)(?: can| will|'ll) do\b"),
        ("offers a solution", r"\b(?:i|we)(?:'m| am|'re| are) (?:now |also |just )?(?:sending|refunding|booking|adding|ordering|"
                              r"releasing|arranging|crediting|issuing|resetting|unlocking|replacing|waiving|putting|"
                              r"escalating|cancelling|raising|processing|reissuing|re issuing|upgrading|applying|"
                              r"transferring|scheduling|restoring|reactivating|dispatching|couriering|reversing)\b"),
        ("offers a solution", r"\bwill (?:be )?(?:refunded|sent|credited|replaced|fixed|repaired|released|reversed|"
                              r"back (?:in|on)|go out|arrive|be with you)\b"),
        ("offers a solution", r"\b(?:would be|is) the best (?:option|way|solution)\b"),
        ("offers a solution", r"\byou can (?:[\w']+ ){0,1}?(?:reset|change|update|claim|apply|request|cancel|book|track|"
                              r"download|log in|unlock|collect|return)\b"),
        ("offers a solution", r"\byou(?:'ll| will| just)? (?:need|have) to (?:clear|reset|restart|update|re [\w']+|log|click|"
                              r"go to|open|return|fill)\b"),
        ("offers a solution", r"\bi(?:'ve| have) (?:already |just |now )?(?:refunded|sent|arranged|booked|reset|unlocked|logged|blocked|corrected|"
                              r"issued|credited|raised|escalated|processed|cancelled|waived|reversed|scheduled|"
                              r"reactivated|restored|applied|submitted|lodged|ordered|dispatched|approved|removed)\b"),
        ("offers a solution", r"\byou(?:'ll| will| can| are going to|'re going to) (?:[\w']+ ){0,1}?(?:get|receive|have) "
                              r"(?:a |an |the |your )?(?:full |new )?(?:refund|replacement|credit|voucher|engineer|"
                              r"technician|callback|new|discount|compensation|upgrade|money back)"),
        ("offers a solution", r"\b(?:option|options) (?:is|are|would be)\b|\bi can offer\b|\bwe can offer\b"),
    ],
    "next_step": [
        ("gives a timeline", rf"\b(?:within|in|in the next|over the next|no later than) {_NUMBER}(?: (?:to|or) {_NUMBER})? {_UNIT}\b"),
        ("gives a timeline", r"\b(?:within|in) the (?:hour|day|next hour)\b"),
        ("gives a timeline", rf"\b(?:by|before|until|first thing|for) {_DAY}\b"),
        # "for" a day ("an engineer for tomorrow"), not "thank you for your call today"
        ("gives a timeline", r"\b(?:will|'ll|by|before|until|for(?! (?:your |the )?(?:call|calling|contacting|ringing|holding|"
                             r"getting in touch|reaching out|waiting|patience|time)\b)|first thing)(?: [\w']+){0,6}? "
                             r"(?:today|tonight|tomorrow|this (?:afternoon|evening|morning))\b"),
        ("gives a timeline", r"\b(?:right away|straight away|straight after|immediately|as soon as)\b"),
        ("gives a timeline", rf"\b{_DAY} (?:morning|afternoon|evening)\b"),
        ("gives a timeline", r"\b(?:on|from|in|by) your next (?:bill|statement|invoice|payment)\b"),
        ("gives a timeline", rf"\b(?:\d+(?:[:.]\d\d)? ?|{_NUMBER} )(?:am|pm|o'clock)\b"),
        ("names the owner", r"\bi(?:'ll| will) (?:personally |also )?(?:call|ring|phone|email|e mail|text|message|contact|"
                            r"update|follow up|get back|keep you|check back|chase|monitor|confirm)\b"),
        ("names the owner", r"\byou(?:'ll| will| should) (?:[\w']+ )?(?:receive|get|hear)(?: back)? (?:from me|an |a |the )?"
                            r"(?:email|e mail|text|call|sms|confirmation|update|message|letter|from me|back)"),
        ("names the owner", r"\byou(?:'ll| will) (?:get|receive) (?:[\w']+ ){0,4}?(?:by|via|in an?) (?:email|text|sms|post|letter)\b"),
        ("names the owner", r"\b(?:the|an|our|a) (?:engineer|technician|manager|team|specialist|courier|adviser|advisor|"
                            r"assessor) will (?:call|contact|ring|email|text|visit)\b"),
        ("names the owner", r"\bmy name is\b|\bask for me\b|\bmy direct (?:line|number|extension)\b"),
    ],
    "closing": [
        ("closes the call", r"\b(?:is there )?anything else (?:i|we) can (?:help|do|assist)|anything else (?:you need|you'd like)"),
        ("closes the call", r"\b(?:is there )?anything else(?: [\w']+){0,4}$"),
        ("closes the call", r"\bthank(?:s| you)(?: so much| very much)? for (?:calling|your call|contacting|getting in touch|"
                            r"ringing|choosing)\b"),
        ("closes the call", r"\bhave a (?:good|great|nice|lovely|wonderful) (?:day|evening|afternoon|weekend|night)\b"),
        ("summarises", r"\b(?:to (?:sum up|summari[sz]e|recap)|so to recap|just to recap|in summary|so in short)\b"),
        ("closes the call", r"\b(?:take care|thanks again|thank you again)\b"),
        ("closes the call", r"\bthank(?:s| you)(?: so much| very much)? for (?:your |the )?(?:patience|bearing with (?:me|us)|understanding|"
                            r"giving us|the chance|another chance|staying with us|your time)\b"),
    ],
}

FILLERS: list[tuple[str, str]] = [
    ("filler", r"\b(?:um+|uh+|erm+|er|hmm+|mm+|ah+)\b"),
    ("filler", r"\b(?:you know|i mean|sort of|kind of|basically)\b"),
    ("filler", r"\b(?:so|and|but|um|uh) like\b(?! (?:to|a|an|the|this|that|you|it|me|us|them)\b)"),
]

# -- call items (app/domain/scoring/items.py) ------------------------------------------------------
# Everyday ways of acknowledging a feeling that the stock phrases above miss.
EMPATHY["acknowledge"] += [
    ("names the feeling", rf"\b(?:that|this|it)(?:'s| is| has been| must be| must have been| sounds(?: like)?| would be)"
                          rf"(?: a)?(?: so| really| very| incredibly| extremely| genuinely| truly| such a| pretty| quite)* "
                          rf"(?:{_FEEL_BAD}|worrying|nerve wracking|a worry|a nightmare|a pain|a headache|a lot to deal with|"
                          rf"not good enough|not okay|not ok|not acceptable|unacceptable|not fair|unfair|not right|rubbish)"),
    ("names the feeling", rf"\byou(?:'re| are| must be| must feel| sound| feel| 've been| have been)(?: so| really| very| understandably)* "
                          rf"(?:{_FEEL_BAD}|worried|upset|fed up|let down|losing sleep|at the end of your tether)"),
    ("validates the feeling", r"\b(?:that|this|it)(?:'d| would)(?: [\w']+)? (?:knock|shake|worry|upset|annoy|rattle|frustrate|wind up|"
                              r"stress|scare|get to|put off|drive) (?:anyone|anybody|most people|me)\b|\banyone would (?:be|feel|get) [\w']+\b"),
    ("validates the feeling", r"\byou(?:'ve| have)(?: got)? every right to be (?:angry|upset|annoyed|frustrated|cross|fed up|worried|livid|furious)\b"),
    ("validates the feeling", r"\bi(?:'d| would) be (?:[\w']+ ){0,2}?(?:annoyed|angry|upset|furious|fuming|gutted|raging|worried|frustrated|"
                              r"fed up|disappointed|livid|anxious|nervous) too\b"),
    ("validates the feeling", r"\banyone would (?:be|feel)\b|\bwho wouldn't be\b"),
    ("validates the feeling", r"\b(?:of course|naturally|understandably) you(?:'re| are| feel| would be)\b"),
    ("validates the feeling", r"\byou(?:'re| are) (?:absolutely |completely |quite |totally )?right to (?:be|feel|ask|call|expect)\b"),
    ("validates the feeling", r"\bthat(?:'s| is) (?:a )?(?:completely |totally |very |perfectly )?(?:fair|reasonable|understandable|"
                              r"good|natural|valid) (?:question|point|concern|worry|thing to ask)\b"),
    ("hears the customer", r"\bi can (?:hear|tell|see) (?:how|that|you)\b|\bi get (?:it|that|why)\b"),
    ("hears the customer", r"\b(?:i|we) (?:really |do |completely |totally )?(?:get|understand) (?:why|how) you\b"),
]
EMPATHY["apology"] += [
    ("apologises", r"\b(?:i|we) owe you an apology\b|\bi(?:'m| am) (?:so |really |very )?sorry\b|^sorry\b"),
    ("apologises", r"\bthat should(?:n't| not) have happened\b|\bwe (?:let you down|got (?:this|that|it) wrong|dropped the ball)\b"),
]

ITEMS: dict[str, list[tuple[str, str]]] = {
    # the cause left for later or unknown: no explanation, whatever the sentence's "because"
    "cause_unknown": [
        ("leaves the cause unexplained", r"\b(?:the )?(?:exact |precise |root |actual )?(?:reason|cause) (?:is|will be|has to be|needs to be|must be) "
                                         r"(?:still )?(?:being )?(?:investigated|looked into|checked|confirmed|verified|determined|unknown|unclear|"
                                         r"under investigation|to be confirmed)\b|"
                                         r"\bi (?:don't|do not|can't|cannot) (?:know|say|tell you|explain) (?:exactly )?(?:why|what caused|the reason)\b|"
                                         r"\b(?:the )?(?:reason|cause) (?:[\w']+ ){0,5}?(?:is|was|isn't|wasn't) (?:not )?(?:available|known|recorded|"
                                         r"on (?:the|our) (?:system|notes|file))(?: at this (?:stage|time|point))?\b|"
                                         r"\b(?:no idea|not sure) (?:why|what caused)\b|"
                                         r"\b(?:may|might|can|could) (?:sometimes |occasionally )?(?:occur|happen|arise|(?:be|get|become) [\w']+)(?: [\w']+)? "
                                         r"(?:due to|because of|owing to)\b|"
                                         r"\bfor (?:various|a number of|a variety of|operational|technical|unforeseen) reasons\b"),
    ],
    # a holding phrase: what to say instead of silence during a check
    "holding": [
        ("holding phrase", r"\b(?:one|just a|give me a|bear with me (?:for )?a|a) (?:moment|second|sec|minute|mo)\b"),
        ("holding phrase", r"\bbear with me\b|\bplease hold\b|\bstay on the line\b|\bi(?:'m| am) (?:still )?(?:here|checking|looking)\b"),
        ("holding phrase", r"\blet me (?:just )?(?:check|look|pull up|find|have a look)\b|\bi(?:'m| am) (?:just )?pulling up\b"),
    ],
    # a check that the restatement is right
    "confirm": [
        ("checks the restatement", r"\b(?:is that|is this|have i got that|did i get that|have i understood that|am i|is it) "
                                   r"(?:right|correct|it|fair)\b|\bright\s*$|\bcorrect\s*$|\bdo i have (?:that|this|it) right\b"),
        ("checks the restatement", r"\b(?:have i|did i) (?:got|get|understood|understand) (?:that|this|it|everything)(?: right)?\b"),
        ("checks the restatement", r"\b(?:yes|right|correct|yeah) (?:so far|that's it)\b|\bdoes that sound right\b|\bis that what happened\b"),
        ("checks the restatement", r"\b(?:have i|did i) (?:missed|miss) anything\b"),
    ],
    # checking the problem back with the customer (its sentence offers nothing)
    "check_back": [
        ("checks back", r"\b(?:let me|just to|to|can i|i'll just|i just want to) (?:just )?(?:check|confirm|make sure|recap)"
                        r"(?: i've got| i have| i understand| i've understood| that i)\b"),
    ],
    "restate_frame": [
        # "so you can ...", "so it'll ..." give a purpose, not the customer's problem back
        ("restates", r"\bso (?:you|your|you've|you're|the|it|this|that|since|after|on|for|in|last|a|an|two|three|four|five)\b"
                     r"(?!'ll|'d| can| could| will| won't| only| don't| get| know| may| might| should| have it| sits| shows)"),
        ("restates", r"\b(?:you've|you have|you've been|you were|you're|you are) (?:been |had |got |paid |called |waited |told )"),
        ("restates", r"\b(?:just to|let me just|let me|so i can|can i just|i just want to|to recap|to sum up) (?:recap|confirm|check|be sure|make sure)\b"
                     r"|\b(?:to recap|to sum up)\b"),
    ],
    # ownership: the agent says what they will do
    "ownership": [
        ("takes ownership", rf"\b{_I_OWN} (?:personally |also |now |then |just |myself )?(?:[\w']+ ){{0,1}}?"
                            rf"(?:{_ACTION}|call|ring|phone|email|text|contact|update|follow|check|keep|make sure|look into|chase|"
                            r"note|flag|add|book|get|take|do|send|stay|handle|own|post|mail|confirm|print|help|go through|"
                            r"move|talk you through|stop|switch|lift|remove|waive|pass|explain)\b"),
        ("takes ownership", r"\bi(?:'ve| have) (?:just |now |already )?(?:[\w']+ )?(?:refunded|sent|arranged|booked|reset|unlocked|"
                            r"logged|blocked|corrected|issued|credited|raised|escalated|processed|cancelled|waived|reversed|scheduled|"
                            r"reactivated|restored|applied|submitted|ordered|dispatched|approved|removed|added|put|set up|flagged|noted|updated|changed|amended|fixed|reinstated|extended)\b"),
        ("takes ownership", r"\bmy name is\b|\bask for me\b|\bmy direct (?:line|number|extension)\b|\bi(?:'m| am) (?:your|the) "
                            r"(?:point of contact|contact)\b|\bi(?:'ll| will) (?:own|take responsibility for) this\b"),
        ("takes ownership", r"\bi(?:'m| am) (?:now |also |just )?(?:sending|refunding|booking|adding|ordering|releasing|arranging|"
                            r"crediting|issuing|resetting|unlocking|replacing|waiving|putting|cancelling|raising|processing|"
                            r"applying|transferring|scheduling|restoring|dispatching|reversing|moving|switching|setting up)\b"),
    ],
    # wording that makes a reply canned or mechanical
    "canned": [
        ("canned phrase", r"\boutside (?:of )?our (?:direct )?control\b|\bi can assure you\b|\bworking (?:very )?hard to\b|\b(?:we|i) (?:do |sincerely )?apologi[sz]e if (?:any|this|that|there)\b"),
        ("canned phrase", r"\byour satisfaction is (?:very |really |extremely )?important to us\b|\bi(?:'m| am) (?:so |very )?sorry to hear about your experience\b"),
        ("canned phrase", r"\b(?:we|i) (?:do |sincerely |really )?apologi[sz]e for (?:the|any) (?:disappointment|frustration|upset)(?: (?:this|that) (?:may have|has|might have) caused| caused)?\b|\bresolved to your satisfaction\b|\b(?:please )?(?:don't|do not) hesitate to (?:contact|call|get in touch|reach out)\b|\bwe(?:'re| are) here 24 ?7\b"),
        ("canned phrase", r"\b(?:details of )?our complaints? (?:procedure|process) (?:is|are) (?:on|available on) our website\b|\bthank you for (?:flying|banking|shopping|travelling|traveling) with us\b|\b(?:our|the) process requires (?:me|us)\b"),
        ("canned phrase", r"\b(?:due to|because of) (?:current )?(?:capacity|operational|resourcing|staffing) (?:constraints|pressures|issues|reasons)\b|"
                          r"\baccording to (?:clinical|business|operational) (?:need|priority|requirements)\b"),
        ("canned phrase", r"\bi understand (?:that )?you(?:'re| are) (?:experiencing|having|reporting) (?:an|a|some) "
                          r"(?:issue|problem|difficulty|difficulties|query|concern)\b"),
        ("canned phrase", r"\bin line with (?:our |the |your )?(?:[\w']+ ){0,3}?(?:procedures?|rules|policy|policies|capacity|"
                          r"guidelines|process(?:es)?|terms|protocols?|criteria|standards?)\b"),
        ("canned phrase", r"\b(?:we|i) (?:do |sincerely |really )?apologi[sz]e for any (?:inconvenience|trouble|distress)(?: (?:this|that) (?:may have|has|might have) caused| caused)?\b"),
        ("canned phrase", r"\byour (?:feedback|complaint|request|concern|query|case|comments?)(?: (?:regarding|about|on|concerning) (?:[\w']+ ){1,4}?)? "
                          r"(?:has|have) been (?:received|noted|recorded|logged|passed on|registered)\b"),
        ("canned phrase", r"\bthank you for your (?:feedback|comments)\b|\bvalued (?:customer|member|client)\b|"
                          r"\byour (?:feedback|call|business|custom) (?:[\w']+ ){0,4}?is (?:valuable|important|very important) to us\b|\bwe (?:truly |really |do )?value (?:your|you as a) (?:business|custom|customer|member)\b|"
                          r"\bwe take (?:this|matters like this|these matters|your (?:concerns?|complaint|feedback)|complaints?|it) (?:very |extremely )?seriously\b|"
                          r"\brest assured\b|\byour feedback (?:will be|is being|has been) (?:passed|fed|shared|noted)\b|"
                          r"\b(?:can|may|do) (?:sometimes |occasionally )?take (?:a (?:little|bit) )?longer than (?:expected|usual|normal)\b|"
                          r"\b(?:during|at) (?:busy|peak) (?:periods|times)\b|\b(?:high|higher than usual|unusually high) (?:volumes?|demand)\b"),
        ("canned phrase", r"\b(?:in line with|as per|according to|in accordance with|as outlined in) (?:our |the )?(?:[\w']+ ){0,4}?"
                          r"(?:policy|policies|terms|procedure|process|standard|guidelines|tariff|tariffs|price list)\b"),
        ("canned phrase", r"\b(?:is |are )?showing (?:as|a|an) (?:[\w']+ ){1,3}?(?:in|on) (?:the|our) (?:[\w']+ ){0,2}?system\b|\bthe system (?:shows|says|states)\b"
                          r"|\b(?:escalated|raised|logged|opened) a (?:[\w']+ )?(?:ticket|case|request)\b"),
        ("canned phrase", r"\bi(?:'m| am) (?:required|obliged) to\b|\bplease be advised\b|\bkindly note\b|\bat this (?:point in )?time\b(?! (?:last|next|of|every) )"),
        ("canned phrase", r"\bsubject to (?:availability|approval|review|verification|the terms|our terms|eligibility)\b|\bsystem status\b"),
        ("canned phrase", r"\bper (?:the|our) (?:[\w']+ ){0,3}?(?:process|procedure|policy|guidelines|terms)\b"
                          r"|\b(?:ticket|case|incident|request) (?:was|has been|is) (?:auto ?closed|closed|marked as resolved)\b"
                          r"|\bwithin tolerance\b|\bfrom our end\b"),
        ("canned phrase", r"\b(?:the|your) (?:case|ticket|request|issue|matter) (?:has been|is being|will be) (?:escalated|raised|logged|forwarded|processed|reviewed|handled)\b"),
    ],
    # a promise with no time and no owner
    "vague": [
        ("vague promise", r"\byou(?:'ll| will) be notified of the outcome\b|\bconfirmation will follow\b"),
        ("vague promise", r"\bnearer (?:the )?time\b|\b(?:should|may|might) (?:contact|call|ring|phone|be in touch with|get in touch with) you\b|\b(?:flagged|escalated|raised) (?:this |it )?(?:to|with) the (?:relevant|appropriate|right) (?:team|department|people)\b"),
        ("vague promise", r"\b(?:ring|call|phone) (?:us )?back and we'll (?:look|see|have a look)\b|\b(?:give it|wait) (?:a couple (?:more|of) days|a few (?:more )?days|another (?:day|week))\b"),
        ("vague promise", r"\bwithin (?:their|our|the) (?:usual|standard|normal) (?:timescales?|timeframes?|time ?frames?)\b|\b(?:after|within) the standard (?:timeframe|time frame|timescale)\b|\bat the earliest opportunity\b|\b(?:may|might) (?:contact|call|get in touch with) you\b|\bwill contact you with the outcome\b"),
        ("vague promise", r"\bas soon as (?:possible|we can|i can|it's|we're able)\b|\basap\b|\bin due course\b|\bshortly\b"),
        ("vague promise", r"\b(?:someone|somebody|a colleague|the (?:relevant |right )?(?:team|department))(?: from (?:the )?[\w']+(?: team)?)? will (?:get back|be in touch|"
                          r"contact|call|look into|reach out|follow up)\b"),
        ("vague promise", r"\b(?:we'll|we will|i'll|i will) (?:look into it|see what (?:we|i) can do|try (?:our|my) best)\b|\b(?:very |fairly )?soon\b"),
        ("vague promise", r"\bwhen (?:it's|it is) (?:available|resolved|ready)\b|\bplease (?:be patient|wait patiently)\b"),
        ("vague promise", r"\b(?:by|from) the (?:relevant|appropriate) (?:department|team)\b|\bwhen (?:a|the) (?:[\w']+ )?"
                          r"(?:is|becomes|has been) (?:allocated|available|assigned|processed)\b"),
        ("vague promise", r"\bplease allow\b|\bstandard processing time\b|\bin the (?:near|coming) (?:future|days)\b|"
                          r"\b(?:passed|forwarded|sent|referred) (?:on )?to the (?:relevant|appropriate|right) (?:team|department|people)\b|"
                          r"\b(?:on|in) a (?:future|later) (?:bill|statement|invoice|date)\b"),
    ],
    # in a retention call: pushing a sale instead of listening
    # selling something else to a customer whose problem is still open: a fault in any call
    "upsell": [
        ("sells instead of solving", r"\byou might (?:also )?find our\b|\b(?:i'd|i would) (?:really |strongly )?encourage you to consider\b|\bat (?:just|only) (?:£|\$|€)?\d+(?:\.\d+)? (?:a|per) (?:month|week|year)\b|\bstay on track with your\b"),
        ("sells instead of solving", r"\bwhile i(?:'m| am) (?:on|in) your account\b|\byou could (?:also )?upgrade to\b"),
        ("sells instead of solving", r"\b(?:we've|we have|we've got|there's|there is|there are) (?:[\w']+ ){0,3}?(?:offers?|promotions?|deals?) (?:on )?at the moment\b|\bwould you like me to add (?:that|this|it|one)\b|\ba great excuse to\b|\bour (?:winter|summer|spring|january|black friday|new year) sale\b|\b(?:the )?option most (?:customers|people|members) (?:choose|go for|pick|prefer)\b"),
        ("sells instead of solving", r"\b(?:i'd|i would) (?:also (?:highly |strongly |really |definitely )?|(?:highly |strongly |really |definitely ))recommend (?:our|the|upgrading|adding)\b|\bhave you (?:also )?considered the [\w']+(?: [\w']+){0,2} (?:credit card|card|plan|package|bundle|add on|upgrade|insurance|membership)\b"),
        ("sells instead of solving", r"\b(?:you might|you may|you'd|you would) (?:also )?be interested in (?:our|a|the|an)\b|"
                                     r"\bwhile i(?: have|'ve got) you\b(?=[\w' ]{0,40}?\b(?:offer|deal|interested|upgrade|new|plan|package|membership|"
                                     r"tell you about|recommend|collection|bundle))|\b(?:our|the) (?:brand )?new [\w']+ (?:collection|range|package|bundle)\b|"
                                     r"\b(?:why not|how about) (?:upgrading|trying our)\b|\bwould you (?:also )?be interested in (?:our|a|an)\b|"
                                     r"\bhave you (?:also )?considered (?:activating|upgrading|adding|switching to|our)\b|"
                                     r"\b(?:i'd|i would) (?:strongly |really |definitely )?recommend (?:upgrading|switching to|moving to|adding|our)\b|"
                                     r"\bupgrad(?:e|ing) (?:you )?to (?:our|the) (?:[\w']+ ){0,4}?(?:plan|package|bundle|tier|membership)\b"),
    ],
    "hard_sell": [
        ("hard sell", r"\b(?:it's|it is|that's|that is) only (?:[\w']+ ){0,3}?(?:a month|a week|a year|per month)\b"),
        ("hard sell", r"\bi'd love to (?:tell you about|run through (?:the |all the )?benefits)\b|\b(?:one of )?our most popular (?:plans|packages|products|options|bundles|tariffs)\b|\bnothing to pay up ?front\b|\bfor (?:just|only) (?:£|\$|€)?\d+(?:\.\d+)?(?: more| extra)? (?:a|per) (?:month|week|year)\b|\bearly access to our\b"),
        ("hard sell", r"\b(?:are you sure you want to (?:cancel|leave|go)|people (?:always |usually |often )?regret (?:it|leaving|cancelling)|"
                      r"you'll lose (?:all )?your)\b"),
        ("hard sell", r"\b(?:may|can|could) i (?:just )?tell you about (?:our|a|the|an)\b|\b(?:special|exclusive|double [\w']+) "
                      r"(?:offer|promotion|deal)s? (?:on|this|for|running)\b|\bbefore you (?:go|leave|close|cancel)[\w' ]{0,30}? "
                      r"(?:may|can|could) i\b"),
        ("hard sell", r"\b(?:only available today|today only|limited time|this offer (?:ends|expires|is only)|excellent value|"
                      r"best deal (?:we|you)|have you (?:seen|heard about|considered) our (?:new|latest|flagship|premium))\b"),
        ("hard sell", r"\b(?:upgrade|upgrading) (?:you )?to (?:our )?(?:[\w']+ ){0,2}?(?:premium|unlimited|max|plus|pro|gold|platinum|flagship)\b"),
        ("hard sell", r"\b(?:you really should|you'd be (?:mad|crazy|silly) to|don't miss|before you (?:go|decide) let me tell you about)\b"),
    ],
    # "I'll ..." or "we can ..." in front of a remedy: what makes a mention an offer
    "offer": [
        ("offers", rf"\b(?:{_I_WILL}|{_WE_WILL}|(?:i|we) can|i've|i have|i'm|i am|we've|we have|let me|you'll|you will|you can|"
                   r"you'll get|we're|we are|i'd like to|i would like to|happy to|what i can do|i could|we could|there's|"
                   r"i've also|plus|and i'll|also)\b(?!(?:(?<=can)|(?<=let me)) (?:just )?(?:see|hear|tell|imagine|understand|check|confirm|make sure|recap|only)\b)"),
    ],
    "refusal": [
        ("refuses", r"\b(?:can't|cannot|can not|won't|unable to|not able to|not possible to|no way to|don't|do not|isn't|is not|"
                    r"aren't|not allowed to|not in a position to|no longer)\b"),
        # a remedy said not to exist ("there's no engineer appointment on the system")
        ("refuses", r"\bthere(?:'s| is| was) no\b|\bno record of\b"),
    ],
    # a remedy named in noncommittal words is not offered: nobody does it, nothing is promised
    "hedge": [
        ("noncommittal", r"\brefer (?:your|the) (?:case|request|account|claim) for (?:review|assessment|consideration)\b|\b(?:will|would) be assessed by\b"),
        ("noncommittal", r"\b(?:can|will) be considered\b|\bfor (?:their |its )?approval\b|\bgoes to (?:our|the) (?:[\w']+ ){0,3}?team for\b"),
        ("noncommittal", r"\b(?:a|the|our) (?:compensation|complaints?|claims?|goodwill) (?:process|procedure)\b|\b(?:i|we) can refer you\b"),
        ("noncommittal", r"\bwho (?:will|would) (?:assess|review|decide|consider|look at) whether\b|\bon an individual basis\b|\b(?:assess|review|see) whether any [\w']+(?: [\w']+)? can be\b|\b(?:a request|an application|a claim|a complaint) (?:can|could|may) be (?:made|submitted|raised)\b"),
        ("noncommittal", r"\b(?:may|might|could) (?:also |possibly )?be (?:able to (?:be )?)?(?:available|considered|possible|offered|arranged|"
                         r"looked at|reviewed|applied|raised|granted|approved|assessed|revised|adjusted|amended|corrected)\b|\bif required\b|\bdepending on (?:availability|capacity|eligibility|the outcome|"
                         r"approval|the review|engineer capacity)\b|\bwould (?:need|have) to (?:be )?(?:go through|requested|raised|"
                         r"considered|approved|submitted|assessed)\b|\bon a case by case basis\b|\bcan be (?:arranged|requested|raised) "
                         r"(?:through|via|by) (?:the|our|a)\b"),
    ],
}

# Words that say nothing about the customer's case: left out when a reply's words are compared with
# the customer's own words, the key facts and the remedies.
STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "few", "for", "from", "further", "get", "got", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let's", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "shouldn't", "so", "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they're", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won't", "would", "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves", "okay", "ok", "yes", "yeah", "right", "well", "really", "still", "even", "ever", "already", "want", "wanted", "going", "gonna", "make", "made", "sure", "thing", "things", "something", "anything", "nothing", "someone", "call", "calling", "called", "time", "today", "tomorrow", "please", "thank", "thanks", "sorry", "know", "like", "one", "two", "three", "said", "say", "tell", "told", "see", "look", "need", "back", "way", "much", "many"])
