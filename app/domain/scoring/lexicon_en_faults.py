"""English wording that costs a reply points (blame, dismissal, arguing, mechanical replies,
jargon), as (label, regex) pairs matched on the normalised form. Part of `lexicon_en`."""

from __future__ import annotations

FORBIDDEN: dict[str, list[tuple[str, str]]] = {
    "blame": [
        ("blames the customer", r"\byour (?:grandson|granddaughter|son|daughter|husband|wife|partner|family|kids) (?:really )?should(?:'ve| have) (?:shown|told|checked|explained|set|done|asked|taught)\b|\byou could(?:'ve| have) (?!been\b)(?:sent|checked|called|rung|phoned|done|submitted|updated|changed|told|asked|read|looked|logged|used)\b|\byou(?:'d| would) have needed to\b"),
        ("blames the customer", r"\bmost (?:customers|members|people|users|passengers|travellers|parents|drivers) (?:spot|check|notice|know|manage|read|do|remember|keep|see|understand)\b|\b(?:going|travelling|traveling|ordering|leaving it|booking)[\w' ]{0,60}? (?:is|was) (?:a bit of |quite )?(?:a gamble|asking for trouble)\b"),
        ("doubts the customer", r"\bwas (?:the|your) (?:bell|doorbell|door ?bell) (?:working|on|switched on)\b|\b(?:they|he|she|we) (?:don't|do not|wouldn't|would not) (?:put|mark|say|write) (?:that|it) (?:down )?for no reason\b"),
        ("blames the customer", r"\bjust keep an (?:ear|eye) out[\w' ]{0,30}? this time\b|\bit was (?:all )?explained (?:when|before) you (?:joined|signed|bought|booked|ordered)\b|\b(?:doesn't|does not|won't|will not) change what you signed\b|\byou (?:really )?(?:want|need) (?:to have )?your own (?:backup|back up|spare|copy)\b"),
        ("blames the customer", r"\bdid you (?:definitely|actually|really) (?:ask|tell|say|request|check|read|call|put)\b|\bif (?:it|that) wasn't (?:said|made|asked|put) clearly\b"),
        ("blames the customer", r"\bif you(?:'d| had) (?!(?:received|heard|needed|wanted|liked|preferred|been|gotten)\b)(?:re )?[\w']+ed\b"),
        ("blames the customer", r"\bwe (?:do |always )?(?:advise|ask|recommend|remind) (?:all )?(?:customers|members|passengers|travellers|travelers|users) to (?:check|read|make sure|keep|ensure)\b|\b(?:members|customers|passengers|users) are responsible for (?:keeping|checking|updating|ensuring|making sure)\b"),
        ("blames the customer", r"\b(?:it's|it is|that's|that is|this is)(?: all| entirely)? your (?:own )?(?:fault|mistake|problem)\b"),
        ("blames the customer", r"\byou should(?:'ve| have| not have|n't have) (?!to\b|been (?:told|given|sent|promised|charged|kept|left|"
                                r"asked|made|passed|put|transferred|cut|billed)\b)(?:[\w']+ ){0,3}?(?:read|checked|ordered|"
                                r"called|entered|typed|known|paid|kept|followed|noticed|done|looked|asked|"
                                r"listened|updated|told|clicked)"),
        ("blames the customer", r"\byou (?:didn't|did not|failed to) (?:read|check|follow|enter|type|update|"
                                r"pay|listen|tell|provide|fill|put|give|send|include|attach|choose|select|tick|sign|register)\b"),
        ("blames the customer", r"\byou never (?:read|checked|followed|entered|typed|updated|paid|listened|told|provided|"
                                r"filled|asked|called|replied|answered)\b"),
        ("blames the customer", r"\byou (?:must have|must've|probably) (?:typed|entered|clicked|done|made|"
                                r"given|put|forgotten|missed|deleted)"),
        ("blames the customer", r"\b(?:because|since) you (?:didn't|did not|never|failed to|forgot to) (?:read|check|follow|enter|"
                                r"type|update|pay|listen|tell|provide|fill|call|answer|keep|register|activate|notice|ask)\b"
                                r"|\b(?:because|since) you (?:forgot|typed|entered)\b"),
        ("blames the customer", r"\bthat's (?:on|down to) you\b"),
        ("blames the customer", r"\byou (?:typed|entered|put|gave|wrote|filled|selected|chose|picked|clicked) "
                                r"(?:[\w']+ ){0,3}?(?:wrong|wrongly|incorrectly|by mistake)\b"),
        ("blames the customer", r"\bif you(?:'d| had) (?:been(?! (?:given|told|sent|offered|informed|warned|contacted|called|shown|kept)\b)|read|checked|done|called|answered|listened|followed|paid|looked|"
                                r"noticed|asked|kept|ordered|booked|logged|used|sent|rung|phoned|waited|updated|registered)\b|"
                                r"\bcutting it (?:a bit |a little |rather |quite )?(?:fine|close|late)\b"),
        ("shifts the blame", r"\b(?:that's|it's|that is|it is) (?:the|a) (?:courier|depot|carrier|airline|bank|supplier|manufacturer|"
                             r"network|engineer|contractor|retailer|shop)(?:'s (?:fault|problem|issue|doing))?,? not (?:us|me|ours)\b|"
                             r"\bi (?:can't|cannot) control what (?:they|the [\w']+|other people)\b"),
        ("blames the customer", r"\byou should (?:know|have known|understand|realise|realize|be able)\b"),
        ("blames the customer", r"\b(?:it's|it is) (?:up to|down to) (?:you|members|customers|the customer)\b|\byou should(?:'ve| have) "
                                r"(?:logged|registered|renewed|cancelled|saved|kept|set|contacted|rung|phoned|come)\b"),
        ("shifts the blame", r"\b(?:it's|it is|that's|that is|this is|it was) not (?:our|my) fault\b"),
        ("shifts the blame", r"\b(?:you )?can't (?:really )?blame (?:us|me|the company) (?:for|entirely)\b|\bnot (?:entirely |all )?(?:our|my) fault\b"),
        ("blames the customer", r"\byou should(?:'ve| have) (?!(?:received|got|gotten|had|heard|seen|been (?:sent|told|given|notified|offered|contacted|"
                                r"called|emailed|refunded|credited))\b)(?:re )?[\w']+ed\b"),
        ("blames the customer", r"\byou should(?:'ve| have) been (?:more |a bit more )?(?:careful|clearer|paying attention|aware|"
                                r"checking|watching)\b"),
        ("blames the customer", r"\b(?:the )?[\w']+ (?:at|on) your end\b|\bthat's what you (?:agreed|signed up) to\b|\byou did sign\b"),
        # insinuated: "is it possible you just didn't hear them?", "you could've moved any time"
        ("blames the customer", r"\bis it possible (?:that )?you (?:just )?(?:didn't|did not|missed|forgot|weren't|were not|misread)\b|"
                                r"\b(?:maybe|perhaps) you (?:just )?(?:didn't|missed|forgot|misread)\b|"
                                r"\byou could(?:'ve| have) (?!been\b|got\b|had\b)(?:[\w']+ed|moved|gone|switched|called|done|told|read|rung|"
                                r"asked|come)\b|\bthe information (?:was|is) (?:all )?(?:there|available|on the)\b|"
                                r"\bif you(?:'d| had)? (?:scroll(?:ed)?|read|look(?:ed)?) (?:down|further|properly|carefully)\b"),
        ("shifts the blame", r"\b(?:on|at) the (?:bank's|courier's|carrier's|airline's|supplier's|manufacturer's|network's|other company's) "
                             r"(?:side|end)\b|\b(?:side|end|fault|problem|issue) not ours\b|"
                             r"\bhave you (?:checked|tried|spoken|talked) (?:with |to )?(?:your|the) (?:bank|courier|airline|supplier)\b"),
        ("blames the customer", r"\b(?:it's|it is|that's|that is) (?:really |entirely |all |always )?(?:your|the (?:customer|member|account holder|cardholder|policyholder)'s) (?:own )?responsibility\b|"
                                r"\b(?:it's |it is )?(?:always )?worth reading (?:the |a |your )?(?:contract|terms|small print|email|letter|conditions)s?(?: carefully| properly| first)?\b|"
                                r"\byou agreed to (?:it|this|that|the terms|them)\b|\byou signed (?:[\w']+ ){0,6}?so (?:you|we) (?:can't|cannot|won't)\b|"
                                r"\b(?:it does say|it says|it's all|it's clearly|it's right there|it's written)(?: it| that)? (?:on|in) (?:the|your) "
                                r"(?:bill|terms|contract|letter|email|website|app|small print|conditions)\b|"
                                r"\byou can (?:always )?check (?:[\w']+ ){0,5}?yourself\b"),
        ("shifts the blame", r"\b(?:it's|it is|that's|that is) (?:the [\w']+'s|the [\w']+ company's|their) (?:fault|problem)\b"),
    ],
    "dismissive": [
        ("dismisses the customer", r"\bit'll (?:move|come|arrive|turn up|get there) when it (?:moves|comes|arrives|turns up|gets there)\b|\bthat's just how [\w']+ (?:are|is)\b|\bsame as (?:anyone|everyone|everybody) else\b|\b(?:everybody|everyone) (?:has|uses|knows|does) (?:[\w']+ ){0,3}?now\b"),
        ("refuses ownership", r"\b(?:there's|there is) not (?:much|a lot|a great deal) (?:i|we) can do\b|\bnot much (?:i|we) can do\b|\bisn't something (?:i|we) (?:can )?just (?:hand out|give out|give away|do)\b|\bwe can't (?:chase|check|monitor|keep|watch|track) every\b"),
        ("dismisses the customer", r"\bbecause you(?:'re| are) in a (?:hurry|rush)\b|\b(?:the|that|your) (?:bill|decision|note|fee|charge|price) stands\b|\bthe note stays\b|\bthat's what an? [\w']+ date (?:is|means)\b|\bdoesn't (?:really )?come into it\b"),
        ("hides behind policy", r"\bthere's help on (?:the|our) website\b|\bi(?:'ve| have) already (?:said|told you)\b"),
        ("dismisses the customer", r"\byou(?:'re| are) not the only one(?! (?:i|we)\b)|\beveryone(?:'s| is) (?:urgent|in the same boat)\b|\bjust because you(?:'re| are) (?:worried|upset|angry|annoyed|frustrated|stressed)\b"),
        ("dismisses the feeling", r"\b(?:try not to|don't|do not) get (?:yourself )?(?:so |too |all )?(?:worked up|wound up)\b"),
        ("refuses ownership", r"\bnobody(?:'s| is| can| will) (?:promise|promising|guarantee|guaranteeing)\b|\bif you want to (?:leave|go|cancel|switch),? (?:that's|it's|that is|it is) (?:your (?:decision|choice|call)|up to you)\b"),
        ("hides behind policy", r"\beveryone (?:out of contract |on [\w']+ |on the [\w']+ )?(?:gets|pays) (?:it|that|the same)\b"),
        ("tells the customer to calm down", r"\b(?:please |just |sir |madam |ma'am )*(?:calm down|relax|chill out)\b"),
        ("refuses ownership", r"\b(?:that's|that is|it's|it is|this is) not (?:my|our) (?:department|job|problem|"
                              r"responsibility|area|team|issue)\b"),
        ("shuts the customer out", r"\b(?:please )?(?:don't|do not) (?:call|ring|contact us) (?:us |back )?again\b"),
        ("refuses ownership", r"\bnot (?:really )?(?:my|our) (?:department|job|problem|responsibility)\b"),
        ("refuses ownership", r"\btake it up with (?:them|the [\w']+)\b"),
        ("minimises the problem", r"\b(?:it's|it is|that's|that is) only (?:[\w']+ ){0,2}?(?:days?|hours?|minutes?|pounds?|dollars?|a few [\w']+)\b"),
        ("minimises the problem", r"\b(?:no point|there's no point|no use) (?:in )?complaining\b|\beveryone has (?:that|this|the same) problem\b"),
        ("minimises the problem", r"\b(?:it's|it is|that's|that is) the same (?:everywhere|with everyone|at every [\w']+)\b|"
                                  r"\b(?:every|any) (?:other )?(?:company|bank|provider|airline|gym|insurer) (?:does|would do|charges) "
                                  r"(?:the same|it|that)\b|\bnobody else (?:has|had|is having) (?:a |any |this |that )?(?:problem|issue|trouble)"),
        ("minimises the problem", r"\b(?:it's|it is|that's|that is) only (?:[\w']+ ){0,3}?(?:quid|pounds|euros|pence)\b|"
                                  r"\b(?:it's|that's) (?:only |just )?a couple of (?:hundred |thousand )?(?:quid|pounds|days|hours|weeks)\b|"
                                  r"\bit's not like (?:we|i|you)(?:'ve| have| are|'re)?\b"),
        ("dismisses the customer", r"\b(?:complain|go to|take it to|escalate|report it|write to)[\w' ]{0,40}? (?:that's|it's) up to you\b|"
                                   r"\bthat's up to you\b(?! (?:to decide|which|whether|how|when))"),
        ("refuses ownership", r"\b(?:falls?|is|are) outside (?:the|my|our) (?:remit|scope)\b|\bnot (?:within|in) (?:my|our) remit\b|"
                              r"\bi can only go (?:by|on|off) what\b|\bi wasn't there\b|\b(?:that|it) wasn't me\b|"
                              r"\bif you want to complain\b|\bi wasn't the one\b|"
                              r"\b(?:that|it) was (?:the )?(?:other|another|a different) (?:team|department|colleague|agent)\b"),
        ("dismisses the feeling", r"\b(?:a bit|a little|rather|very|so) dramatic\b|\bthat's dramatic\b|\boverreacting\b"),
        ("minimises the problem", r"\ball the (?:networks|banks|companies|providers|airlines|gyms|insurers|couriers|shops) (?:have|are|do|did)\b|"
                                  r"\bit's not just us\b"),
        ("refuses ownership", r"\bi can't (?:speak for|answer for|comment on) (?:what|them|the other|that team|another|other)\b|"
                              r"\b(?:that's|that is) (?:a )?(?:different|another|separate) (?:team|department)\b"),
        ("dismisses the customer", r"\b(?:go|feel free to go|you can go) (?:somewhere|elsewhere|to another [\w']+)(?: else)?(?: then)?\b|"
                                   r"\bdon't come (?:back )?(?:crying|complaining)\b|\bcomplain if you (?:want|like)\b"),
        ("dismisses the feeling", r"\bi(?:'m| am) not sorry\b|\b(?:ringing|calling|phoning|shouting|complaining|getting angry|"
                                  r"getting upset)(?: [\w']+){0,3} (?:isn't|is not|won't|will not|doesn't|does not) (?:going to )?"
                                  r"(?:make|change|help|speed)\b"),
        ("refuses ownership", r"\b(?:it's|that's|it is|that is) not (?:really )?(?:down to|up to) (?:me|us)\b|"
                              r"\b(?:a |my |the |any )?(?:supervisor|manager|team leader)s? (?:would|will|is going to|is gonna) (?:just )?"
                              r"(?:tell|say) (?:you )?(?:the same|exactly the same)\b|"
                              r"\bnobody(?:'s| is) (?:responsible|to blame|at fault)\b"),
        ("dismisses the customer", r"\b(?:if you(?:'re| are) not happy,? )?(?:you're|you are) (?:free|welcome) to (?:switch|leave|go elsewhere|cancel|"
                                   r"take your business)\b|\bif you(?:'re| are) not happy,? you can (?:always )?(?:go|leave|switch|cancel)\b|"
                                   r"\byou(?:'ll| will) just have to wait\b|\b(?:wait|queue) like everyone else\b"),
        ("refuses ownership", r"\b(?:there's|there is|there isn't|there is not) (?:nothing|anything) "
                              r"(?:i|we|else i|else we) can do\b"),
        ("refuses ownership", r"\bnothing (?:i|we|else i|else we) can do\b"),
        ("refuses ownership", r"\byou(?:'ll| will) have to (?:call|contact|ring|ask|speak to|talk to) "
                              r"(?:someone|somebody|them|another|the other|a different)"),
        ("tells the customer off", r"\b(?:there's|there is) no need to (?:be )?(?:rude|like that|so aggressive|aggressive|nasty|abusive|shout|swear)\b|"
                                   r"\bno need to (?:shout|swear|raise your voice|take that tone)\b"),
        ("talks over the customer", r"\b(?:just |now )?listen to me\b|\byou (?:really |just )?(?:need|have) to listen\b"),
        ("refuses ownership", r"\b(?:isn't|is not|aren't|are not) (?:really )?(?:my|our) (?:department|job|problem|responsibility|area)\b"),
        ("minimises the problem", r"\b(?:it's|it is|that's|that is) not (?:that |very |exactly )?(?:complicated|difficult|hard|rocket science)\b"),
        ("talks over the customer", r"\b(?:let me finish|stop interrupting|you're not listening|you are not listening)\b"),
        ("repeats instead of helping", r"\bas i (?:already |just )?(?:said|told you|explained|mentioned)\b"),
        ("repeats instead of helping", r"\bi (?:already|just) told you\b"),
        ("hides behind policy", r"\b(?:that's|that is|it's|it is) (?:just )?(?:the|our|company) (?:policy|rules?)\b"
                                r"(?:(?: [\w']+){0,3} (?:nothing|can't|cannot|sorry))?"),
        ("dismisses the customer", r"\bthat's (?:just )?how it (?:works|is)\b|\b(?:fine|okay),? (?:that's|it's) your (?:decision|choice|problem)\b|"
                                   r"\bwhatever(?! (?:you|suits|works|is|it|these|this|that|the|they|we|your|costs?|happens|"
                                   r"else|fee|charges?|amount|you've|you're)\b)|"
                                   r"\b(?:take it or leave it|(?<!i'll )(?<!we'll )(?<!i will )(?<!we will )(?<!let me )(?<!can )deal with it|not my concern|"
                                   r"i don't care|i can't help you|can't help you)\b"),
    ],
    "argues": [
        ("argues with the customer", r"\b(?:it's|it is|that's|that is) not (?:a )?(?:rip ?off|rip off|scam|con|daylight robbery)\b"),
        # "that's wrong, it isn't fair on you": the company's fault admitted, not the customer argued with
        ("argues with the customer", r"(?<!and )(?<!which )(?<!but )\b(?:that's|that is|this is) (?:not true|not correct|not right|wrong|impossible|"
                                     r"simply not the case|not what happened)\b(?!,? (?:and |it |that |which )?(?:isn't|is not|wasn't|"
                                     r"was not|shouldn't|should not) (?:fair|right|acceptable|good enough|on you|have happened)|"
                                     r",? (?:on our part|of us|and i'm sorry|i'm sorry|and we|sorry)\b)"),
        ("argues with the customer", r"\bwith (?:all due )?respect,? (?:the|it's|it is|you|that|this|it|they|our|we)\b|"
                                     r"\byou(?:'re| are) (?:wrong|mistaken|lying|confused|not right)\b|"
                                     r"\bi(?:'m| am) not (?:going to|gonna) argue\b"),
        # "no, you didn't do anything wrong" reassures: not an argument
        ("argues with the customer", r"\bno you (?:didn't|did not|don't|do not|weren't)\b(?! (?:do |make |cause |get )?(?:anything|"
                                     r"a thing|any|wrong|nothing)|(?: [\w']+)? (?:wrong|anything wrong|at fault|to blame))"),
    ],
    "mechanical": [
        ("mechanical acknowledgement only",
         r"^(?:ok|okay|noted|received|fine|got it|copy that|understood|right|yes|yeah|sure|mhm|alright)"
         r"(?: (?:ok|okay|noted|received|fine|got it|sure))?$"),
        ("mechanical acknowledgement only",
         r"^(?:(?:yeah|yes|ok|okay|right|sure) )*(?:i've |i have )?(?:noted|received|got) (?:it|that)(?: anything else)?$"),
    ],
    "jargon": [
        ("internal jargon", r"\blegacy (?:tariffs?|plans?|products?|accounts?)\b|\bpoint of sale\b|\bbilling cycle\b"),
        ("internal jargon", r"\brisk (?:control|engine|system|rule)s?\b"),
        ("internal jargon", r"\b(?:the )?(?:system|backend|back end|engine|algorithm) (?:has )?"
                            r"(?:flagged|triggered|auto ?locked|rejected)\b"),
        ("internal jargon", r"\b(?:sla|kyc|aml|crm|tat|fcr|rma|p1|p2|l2|l3|tier 2|tier two|ticket id|mpan|smets|eac|comms failure|"
                            r"msisdn|imei|iccid|otp|2fa|mfa|cvv|bin|acs|3ds)\b"),
        ("internal jargon", r"\b(?:[a-z] ){2,6}[a-z]\b(?<!\ba m p m)|\b(?:outcome|status|reason|error|disposition) code\b|"
                            r"\b(?:job|case|ticket|order|request|account|booking) status (?:is )?(?:showing|shows|says)\b"),
        ("internal jargon", r"\b(?:no fault found|line diagnostics|status of [\w']+ [\w']+ed|escalation matrix|backend team|back office queue|work order|node|sku mismatch|"
                            r"batch job|sync job|provisioning|triggered a rule|status code)\b"),
        ("internal jargon", r"\b(?:pas|rtt|the system|on the system|in the system|processed through|subject to|in accordance with|"
                            r"as per (?:our |the )?(?:policy|terms|procedure|guidelines))\b"),
        ("internal jargon", r"\b(?:risk scoring|scoring event|fraud engine|restricted status|identification and verification|"
                            r"actioned|data synchroni[sz]ation|patient administration system|primary contact address|"
                            r"loyalty profile|merchant transaction|referrals? of this type|consumed by|travel indicators?)\b"),
    ],
}
