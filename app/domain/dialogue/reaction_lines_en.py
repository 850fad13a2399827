"""The customer's default reaction lines in English, by emotion and reaction code (see
`reactions.Reaction`); a scenario overrides any of them under `lines.reactions`. `{term}` is the
jargon or vague words the reply used."""

from __future__ import annotations

LINES: dict[str, dict[str, tuple[str, ...]]] = {
    "angry": {
        "unclear": (
            "Sorry, the line's terrible. What did you just say?",
            "You're breaking up. Can you say that again?",
            "I didn't catch a word of that, the line's gone all crackly. Say it again?",
            "Hang on, you cut out there. Can you repeat that?",
        ),
        "blamed": (
            "Don't you dare put this on me. I did exactly what I was told.",
            "My fault? I've done everything right, it's your side that's messed this up.",
            "No, I'm not having that. This isn't my mistake and you know it.",
            "So now it's my fault? Unbelievable. I followed your instructions to the letter.",
        ),
        "calm_down": (
            "Don't tell me to calm down!",
            "Calm down? I've every right to be angry, so don't tell me to calm down.",
            "Telling me to relax isn't going to fix anything. Just sort it out.",
            "Don't you tell me to calm down. Deal with the problem instead.",
        ),
        "jargon": (
            "What does {term} even mean?",
            "{term}? Speak English, please. What does that actually mean?",
            "I've no idea what that means. Can you explain it properly?",
            "Don't throw your office words at me. What is {term}?",
        ),
        "vague_promise": (
            "'{term}' when? Give me a time.",
            "'{term}' means nothing to me. I want an actual time.",
            "That's not an answer. What day, and what time?",
            "I've heard that before. When, exactly?",
        ),
        "already_told": (
            "I told you that already.",
            "I've already given you that. It's right there on your screen.",
            "I've just told you! Were you even listening?",
            "How many times do I have to give you the same details?",
        ),
        "ignored_feelings": (
            "You're not listening to me at all, are you?",
            "Stop reading off your script and listen to what I'm telling you.",
            "I'm telling you how bad this is and you're just ticking boxes.",
            "Did you hear a word I said? You're not listening.",
        ),
        "hard_sell": (
            "I don't want to buy anything. I want my problem fixed.",
            "Are you seriously trying to sell me something right now? No. Sort this out first.",
            "No thanks. Just fix what's already gone wrong.",
            "I'm not interested in offers. I rang to get this sorted.",
        ),
        "holding": (
            "Fine, I'll hold. Don't be long.",
            "Okay, I'll hold. Be quick.",
            "Go on then, I'll hold.",
            "Right, I'll wait. Make it quick.",
        ),
        "ask_time": (
            "Right, and when's that happening exactly?",
            "When? I need a day and a time.",
            "Fine, but when exactly? Don't leave me guessing.",
            "And when will that actually be done?",
        ),
        "ask_owner": (
            "And who's actually doing that? You?",
            "Who's going to do it? I want a name, not a department.",
            "Are you doing that yourself, or am I going to be passed around again?",
            "Who exactly is responsible for sorting this?",
        ),
        "too_long": (
            "I don't need a lecture. What do I actually need to do?",
            "That's a lot of words. Just tell me simply.",
            "Stop. Give me the short version.",
            "I didn't follow any of that. Plain English, please. What happens now?",
        ),
        "withdrawn": (
            "Fine. Whatever. Are we done?",
            "Right. Forget it.",
            "Oh, that's just great. Whatever.",
            "Yeah, heard that one before. Fine.",
        ),
        "repeated": (
            "You've just said that. Word for word.",
            "You've said that already. Say something new.",
            "Are you a recording? That's exactly what you said before.",
            "Repeating it won't make it any better.",
        ),
        "gave_up_unclear": (
            "This line's hopeless. I'll ring back.",
            "I can't hear a thing. I'm hanging up and calling back.",
            "Forget it, the line's too bad. I'll try again later.",
            "I still can't make you out. I'll call back on a better line.",
        ),
    },
    "anxious": {
        "unclear": (
            "Sorry, I didn't quite catch that. Could you say it again?",
            "I think the line's breaking up. What did you say?",
            "Sorry, you went a bit faint there. Could you repeat that, please?",
            "I'm sorry, I couldn't hear you properly. Can you say that again?",
        ),
        "blamed": (
            "Oh no, did I do something wrong? I really thought I'd done it right.",
            "But I followed all the steps. I'm sure I did. Is it really my fault?",
            "I don't think that's fair. I was so careful with it.",
            "Please don't say that. I did what I was told, I honestly did.",
        ),
        "calm_down": (
            "Please don't tell me to calm down. I'm really worried about this.",
            "I can't just relax. I need to know this is going to be okay.",
            "Telling me to calm down doesn't help. I'm scared this won't get sorted.",
            "I'm trying, I really am. But I need you to actually help me.",
        ),
        "jargon": (
            "Sorry, what does {term} mean?",
            "I'm not sure what {term} is. Is that bad?",
            "Sorry, I don't understand. Could you explain that in plain words?",
            "I don't know what that means. Is it something I need to do?",
        ),
        "vague_promise": (
            "'{term}'? Sorry, but when is that, roughly?",
            "I really need to know when. Could you give me an actual time?",
            "'{term}' worries me. Is that today, tomorrow, next week?",
            "Could you be a bit more specific? I need to know when to expect it.",
        ),
        "already_told": (
            "Oh, I think I gave you that already. Do you need it again?",
            "I'm sure I told you that a minute ago. Didn't it go through?",
            "I've already given that. Has something gone wrong with it?",
            "Sorry, I did tell you that. Is it not showing on your screen?",
        ),
        "ignored_feelings": (
            "Sorry, I don't think you're listening. I'm really worried here.",
            "Please, can you just hear me out first? This is really stressing me out.",
            "I feel like you're not hearing me. This really matters to me.",
            "You're going through the steps, but I'm genuinely frightened about this.",
        ),
        "hard_sell": (
            "Sorry, I don't want anything else. I just need this problem sorted.",
            "I can't think about that right now. Can we please just fix this first?",
            "No, thank you. I only want to know my problem is being dealt with.",
            "Please, I'm not looking to buy anything. I just need help.",
        ),
        "holding": (
            "Okay, I'll hold. You won't cut me off, will you?",
            "Yes, okay, I'll wait.",
            "Okay, I'll hold. Please don't be too long.",
            "Alright, I'm holding.",
        ),
        "ask_time": (
            "And when will that happen? I need to know.",
            "Sorry, when exactly? Roughly what time?",
            "Will that be today? I really need to plan around it.",
            "Okay, but when? I'll worry if I don't know.",
        ),
        "ask_owner": (
            "And who's going to do that? Will it be you?",
            "Will you be the one sorting it, or someone else?",
            "Sorry, who do I speak to if it doesn't happen?",
            "Is somebody definitely going to do it? Who?",
        ),
        "too_long": (
            "Sorry, that's a lot. What do I actually need to do?",
            "I'm getting a bit lost. Could you put it simply?",
            "Sorry, I didn't follow all that. What's the next step for me?",
            "That's a lot to take in. Is it going to be okay or not?",
        ),
        "withdrawn": (
            "Oh. Okay, then.",
            "Right. I suppose so.",
            "Okay. I'll just wait and hope, then.",
            "Fine. I don't really know what else to say.",
        ),
        "repeated": (
            "Sorry, you've just said that. I still don't know what happens.",
            "You said that already. Is there anything else you can tell me?",
            "That's the same thing as before. I'm still worried.",
            "Yes, you said that. But what does it mean for me?",
        ),
        "gave_up_unclear": (
            "Sorry, I still can't hear you. I'll try calling back.",
            "The line's really bad. I'll ring back in a bit, sorry.",
            "I can't make anything out. I'll hang up and try again.",
            "I'm sorry, it's no good. I'll call back and hope the line's better.",
        ),
    },
    "disappointed": {
        "unclear": (
            "Sorry, the line's bad. What was that?",
            "You broke up there. Could you say it again?",
            "I didn't catch that. Say it again?",
            "Sorry, it's crackling. Could you repeat that?",
        ),
        "blamed": (
            "My fault. Right. I did what I was asked, for what it's worth.",
            "I don't think that's fair. I did everything I was supposed to.",
            "So it's down to me now. That's disappointing.",
            "I did my part. I expected a bit better than that.",
        ),
        "calm_down": (
            "I'm not shouting. I'm just fed up.",
            "I'm calm. I'm just tired of this.",
            "There's no need to tell me to calm down. I just want it fixed.",
            "Calm down? I'm past being upset, honestly.",
        ),
        "jargon": (
            "I don't know what {term} means.",
            "What's {term}, then?",
            "I'm not in the business. What does that mean?",
            "Can you say that in normal words?",
        ),
        "vague_promise": (
            "'{term}'. That's what I was told last time.",
            "'{term}' doesn't really tell me anything. When?",
            "I've been promised that before. Can I have an actual time?",
            "That's not much to go on. What day?",
        ),
        "already_told": (
            "I already told you that.",
            "I've given that already. It should be on your screen.",
            "That's the same thing I gave you a minute ago.",
            "I've been through this already.",
        ),
        "ignored_feelings": (
            "You're not really listening, are you?",
            "I'm telling you how this has left me, and you're just going through the motions.",
            "It doesn't feel like anyone's actually listening.",
            "I just wanted someone to hear me out, that's all.",
        ),
        "hard_sell": (
            "No, thanks. I just want what I've already got to work.",
            "I'm not interested. Can we get the actual problem sorted?",
            "I didn't call to buy anything. I called because something went wrong.",
            "Honestly, that's the last thing I want right now.",
        ),
        "holding": (
            "Okay. I'll hold.",
            "Fine, I'll wait.",
            "Sure. I'll hold.",
            "Alright. I'm used to waiting.",
        ),
        "ask_time": (
            "And when will that be?",
            "When, though? I've waited long enough.",
            "Do you have an actual day for that?",
            "Okay. When exactly?",
        ),
        "ask_owner": (
            "And who's doing that? You?",
            "Who'll actually be sorting it?",
            "Is that you, or does it get passed on again?",
            "Who do I chase if nothing happens?",
        ),
        "too_long": (
            "That's a lot. What do I actually have to do?",
            "I lost you there. Just the short version, please.",
            "Can you keep it simple? I'm tired.",
            "So, in plain terms, what happens now?",
        ),
        "withdrawn": (
            "Fine. Whatever.",
            "Okay. If you say so.",
            "Right. Never mind.",
            "Yeah. Okay.",
        ),
        "repeated": (
            "You've just said that.",
            "That's what you said a minute ago.",
            "Saying it again doesn't change anything.",
            "Yes, I heard you the first time.",
        ),
        "gave_up_unclear": (
            "I can't hear you. I'll call back another time.",
            "This isn't working. I'll ring back later.",
            "The line's no good. I'll try again later.",
            "I give up. I'll call back.",
        ),
    },
}
