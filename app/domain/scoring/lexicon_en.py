"""English phrase patterns, matched on the normalised form (lower case, no punctuation).

Each entry is (label, regex). Patterns describe phrases in context, not single words: "understand"
only counts when it is about the customer's feeling, and a negator in front of it (see
`NEGATION_BEFORE`) or a dismissive "but" after it (see `UNDERCUT_AFTER`) turns it into evidence
against empathy.
"""

from __future__ import annotations

_I_WILL = r"(?:i(?: will|'ll| can| am going to|'m going to| am gonna|'m gonna)|let me)"
_WE_WILL = r"(?:we(?: will|'ll| can| are going to|'re going to))"
_FEEL_BAD = (
    r"(?:frustrat\w*|stress\w*|worr\w*|upset\w*|annoy\w*|difficult|disappoint\w*|hard|awful|"
    r"inconvenien\w*|scar\w*|anxious|confus\w*|terrible|maddening|infuriating|exhausting|unsettling|"
    r"angry|let down|fed up)"
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
                                r"letting (?:me|us) know|flagging|raising this|bringing this)"),
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
    r"really don't|nothing to be)(?: [\w']+){0,1} ?)$"
)
# A dismissive turn right after empathy ("I understand, but that's the policy") undercuts it.
UNDERCUT_AFTER = (
    r"^(?:(?: [\w']+){0,2}? (?:whatever|anyway|fine whatever)\b|(?: [\w']+){0,6}? (?:but|however|though)(?: [\w']+){0,6}? "
    r"(?:policy|policies|rules?|nothing|can't do|cannot do|not my|your (?:own )?fault|you should|"
    r"there's no|there is no|that's how|that's just|it is what it is|not possible))\b"
)

FORBIDDEN: dict[str, list[tuple[str, str]]] = {
    "blame": [
        ("blames the customer", r"\b(?:it's|it is|that's|that is|this is)(?: all| entirely)? your (?:own )?(?:fault|mistake|problem)\b"),
        ("blames the customer", r"\byou should(?:'ve| have| not have|n't have) (?:[\w']+ ){0,3}?(?:read|checked|ordered|"
                                r"called|entered|typed|known|been|paid|kept|followed|noticed|done|looked|asked|"
                                r"listened|updated|told|clicked)"),
        ("blames the customer", r"\byou (?:didn't|did not|never|failed to) (?:read|check|follow|enter|type|update|"
                                r"pay|listen|tell|provide|fill)"),
        ("blames the customer", r"\byou (?:must have|must've|probably) (?:typed|entered|clicked|done|made|"
                                r"given|put|forgotten|missed|deleted)"),
        ("blames the customer", r"\b(?:because|since) you (?:didn't|did not|never|failed|forgot|typed|entered)"),
        ("blames the customer", r"\bthat's (?:on|down to) you\b"),
        ("blames the customer", r"\byou (?:typed|entered|put|gave|wrote|filled|selected|chose|picked|clicked) "
                                r"(?:[\w']+ ){0,3}?(?:wrong|wrongly|incorrectly|by mistake)\b"),
        ("blames the customer", r"\bif you(?:'d| had) (?:been|read|checked|done|called|answered|listened|followed|paid)\b"),
        ("shifts the blame", r"\b(?:it's|it is|that's|that is) (?:the [\w']+'s|the [\w']+ company's|their) (?:fault|problem)\b"),
    ],
    "dismissive": [
        ("tells the customer to calm down", r"\b(?:please |just |sir |madam |ma'am )*(?:calm down|relax|chill out)\b"),
        ("refuses ownership", r"\b(?:that's|that is|it's|it is|this is) not (?:my|our) (?:department|job|problem|"
                              r"responsibility|area|team|issue)\b"),
        ("refuses ownership", r"\bnot (?:really )?(?:my|our) (?:department|job|problem|responsibility)\b"),
        ("refuses ownership", r"\btake it up with (?:them|the [\w']+)\b"),
        ("minimises the problem", r"\b(?:it's|it is|that's|that is) only (?:[\w']+ ){0,2}?(?:days?|hours?|minutes?|pounds?|dollars?|a few [\w']+)\b"),
        ("minimises the problem", r"\b(?:no point|there's no point|no use) (?:in )?complaining\b|\beveryone has (?:that|this|the same) problem\b"),
        ("dismisses the feeling", r"\bi(?:'m| am) not sorry\b"),
        ("refuses ownership", r"\b(?:there's|there is|there isn't|there is not) (?:nothing|anything) "
                              r"(?:i|we|else i|else we) can do\b"),
        ("refuses ownership", r"\bnothing (?:i|we|else i|else we) can do\b"),
        ("refuses ownership", r"\byou(?:'ll| will) have to (?:call|contact|ring|ask|speak to|talk to) "
                              r"(?:someone|somebody|them|another|the other|a different)"),
        ("talks over the customer", r"\b(?:just |now )?listen to me\b"),
        ("talks over the customer", r"\b(?:let me finish|stop interrupting|you're not listening|you are not listening)\b"),
        ("repeats instead of helping", r"\bas i (?:already |just )?(?:said|told you|explained|mentioned)\b"),
        ("repeats instead of helping", r"\bi (?:already|just) told you\b"),
        ("hides behind policy", r"\b(?:that's|that is|it's|it is) (?:just )?(?:the|our|company) (?:policy|rules?)\b"
                                r"(?:(?: [\w']+){0,3} (?:nothing|can't|cannot|sorry))?"),
        ("dismisses the customer", r"\b(?:whatever|take it or leave it|deal with it|not my concern|"
                                   r"i don't care|i can't help you|can't help you)\b"),
    ],
    "argues": [
        ("argues with the customer", r"\b(?:that's|that is|this is) (?:not true|not correct|not right|wrong|impossible|"
                                     r"simply not the case|not what happened)\b"),
        ("argues with the customer", r"\byou(?:'re| are) (?:wrong|mistaken|lying|confused|not right)\b"),
        ("argues with the customer", r"\bno you (?:didn't|did not|don't|do not|weren't)\b"),
    ],
    "mechanical": [
        ("mechanical acknowledgement only",
         r"^(?:ok|okay|noted|received|fine|got it|copy that|understood|right|yes|yeah|sure|mhm|alright)"
         r"(?: (?:ok|okay|noted|received|fine|got it|sure))?$"),
        ("mechanical acknowledgement only",
         r"^(?:(?:yeah|yes|ok|okay|right|sure) )*(?:i've |i have )?(?:noted|received|got) (?:it|that)(?: anything else)?$"),
    ],
    "jargon": [
        ("internal jargon", r"\brisk (?:control|engine|system|rule)s?\b"),
        ("internal jargon", r"\b(?:the )?(?:system|backend|back end|engine|algorithm) (?:has )?"
                            r"(?:flagged|triggered|auto ?locked|rejected)\b"),
        ("internal jargon", r"\b(?:sla|kyc|aml|crm|tat|fcr|rma|p1|p2|l2|l3|tier 2|tier two|ticket id)\b"),
        ("internal jargon", r"\b(?:escalation matrix|backend team|back office queue|work order|node|sku mismatch|"
                            r"batch job|sync job|provisioning|triggered a rule|status code)\b"),
    ],
}

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
        ("gives a timeline", rf"\b(?:within|in|in the next|over the next|no later than) {_NUMBER}(?: to {_NUMBER})? {_UNIT}\b"),
        ("gives a timeline", r"\b(?:within|in) the (?:hour|day|next hour)\b"),
        ("gives a timeline", rf"\b(?:by|before|until|first thing|for) {_DAY}\b"),
        ("gives a timeline", r"\b(?:will|'ll|by|before|until|for|first thing)(?: [\w']+){0,6}? "
                             r"(?:today|tonight|tomorrow|this (?:afternoon|evening|morning))\b"),
        ("gives a timeline", r"\b(?:right away|straight away|straight after|immediately|as soon as)\b"),
        ("gives a timeline", rf"\b{_DAY} (?:morning|afternoon|evening)\b"),
        ("gives a timeline", rf"\b(?:\d+|{_NUMBER}) (?:am|pm|o'clock)\b"),
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
        ("closes the call", r"\bthank(?:s| you)(?: so much| very much)? for (?:calling|your call|contacting|getting in touch|"
                            r"ringing|choosing)\b"),
        ("closes the call", r"\bhave a (?:good|great|nice|lovely|wonderful) (?:day|evening|afternoon|weekend|night)\b"),
        ("summarises", r"\b(?:to (?:sum up|summari[sz]e|recap)|so to recap|just to recap|in summary|so in short)\b"),
        ("closes the call", r"\b(?:take care|thanks again|thank you again)\b"),
    ],
}

FILLERS: list[tuple[str, str]] = [
    ("filler", r"\b(?:um+|uh+|erm+|er|hmm+|mm+|ah+)\b"),
    ("filler", r"\b(?:you know|i mean|sort of|kind of|basically)\b"),
    ("filler", r"\b(?:so|and|but|um|uh) like\b(?! (?:to|a|an|the|this|that|you|it|me|us|them)\b)"),
]
