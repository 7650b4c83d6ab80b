"""Facts people state in words rather than figures: GPUs they own ("we already have two A100s"),
languages by name, and whether quality or cost matters more. The figures themselves are read by
quantities.py, where the data may go and where it runs by cues.py.
"""

from __future__ import annotations

import re

# -- hardware already owned ----------------------------------------------------------------------

_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
    "a couple of": 2, "a pair of": 2, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5,
    "sex": 6, "åtta": 8, "dual": 2, "triple": 3, "quad": 4,
}  # fmt: skip
_GPU_NAMES = r"(a100|h100|h200|l40s|l4|a10g|rtx ?4090|rtx ?3090|v100|t4)"
OWNED_RE = re.compile(
    r"\b(?:we|i|vi|jag)\b(?: \w+){0,2} (?:have|own|got|har|äger|tried it on|tested it on|run it on|"
    r"ran it on)(?: \w+){0,2}? "
    rf"(\d+|{'|'.join(_COUNT_WORDS)})\s*(?:x\s*)?(?:nvidia\s+)?{_GPU_NAMES}(?:[- ]?(40|80) ?gb)?",
    re.IGNORECASE,
)


# "my RTX 4090", "på mitt 4090", "our A100": one GPU named with its owner
MY_GPU_RE = re.compile(
    rf"\b(?:my|our|mitt|min|mina|vårt|vår)\s+(1)?\s*(?:nvidia\s+)?{_GPU_NAMES}(?:[- ]?(40|80) ?gb)?"
    r"(?!\s*(?:s\b|or\b|eller\b|vs\b))",
    re.IGNORECASE,
)


# "my own desktop PC at home (RTX 3090)": the GPU of the person's machine, named beside it
MY_MACHINES_GPU_RE = re.compile(
    r"\b(?:my|our|mitt|min|vårt|vår)\s+(?:own\s+|egen\s+|eget\s+)?(?:[\w-]+\s+){0,2}?(?:pc|computer|"
    r"desktop|workstation|server|box|rig|machine|dator|arbetsstation|speldator)\b(?:\s+[\w-]+){0,2}?"
    rf"\s*\(\s*(\d+)?\s*(?:x\s*)?(?:nvidia\s+)?{_GPU_NAMES}(?:[- ]?(40|80) ?gb)?",
    re.IGNORECASE,
)


def owned_gpus(text: str) -> tuple[str, list[str]] | None:
    """ "we already have two A100s" -> ("2x A100-80GB", [note]); None when no GPUs are owned."""
    match = OWNED_RE.search(text) or MY_GPU_RE.search(text) or MY_MACHINES_GPU_RE.search(text)
    if not match:
        return None
    word = (match.group(1) or "1").lower()
    count = int(word) if word.isdigit() else _COUNT_WORDS[word]
    name = match.group(2).upper().replace(" ", "")
    name = name.replace("RTX", "RTX-")
    notes = []
    if name in ("A100", "H100"):
        memory = match.group(3) or "80"
        if not match.group(3):
            notes.append(f"owned_gpus: {name} read as the {memory} GB version")
        name = f"{name}-{memory}GB"
    return f"{count}x {name}", notes


# -- languages and preferences -------------------------------------------------------------------

LANGUAGE_NAMES = {
    # English names
    "english": "en", "spanish": "es", "swedish": "sv", "german": "de", "french": "fr",
    "finnish": "fi", "norwegian": "no", "danish": "da", "dutch": "nl", "italian": "it",
    "portuguese": "pt", "polish": "pl", "japanese": "ja", "chinese": "zh", "mandarin": "zh",
    "arabic": "ar", "hindi": "hi", "russian": "ru", "korean": "ko", "turkish": "tr",
    "ukrainian": "uk", "greek": "el", "czech": "cs", "hungarian": "hu", "romanian": "ro",
    "hebrew": "he", "thai": "th", "vietnamese": "vi", "indonesian": "id", "icelandic": "is",
    "estonian": "et", "latvian": "lv", "lithuanian": "lt", "persian": "fa", "farsi": "fa",
    "dari": "fa", "somali": "so", "tigrinya": "ti", "kurdish": "ku", "urdu": "ur",
    "amharic": "am", "swahili": "sw", "bosnian": "bs", "croatian": "hr", "serbian": "sr",
    "slovak": "sk", "slovenian": "sl", "bulgarian": "bg", "tagalog": "tl", "bengali": "bn",
    "tamil": "ta", "punjabi": "pa", "malay": "ms", "catalan": "ca", "albanian": "sq",
    "pashto": "ps", "welsh": "cy", "irish": "ga", "marathi": "mr", "kannada": "kn",
    "malayalam": "ml", "telugu": "te", "gujarati": "gu", "nepali": "ne", "sinhala": "si",
    "georgian": "ka", "armenian": "hy", "azerbaijani": "az", "kazakh": "kk", "uzbek": "uz",
    "mongolian": "mn", "khmer": "km", "burmese": "my", "yoruba": "yo", "hausa": "ha",
    "igbo": "ig", "zulu": "zu", "afrikaans": "af", "basque": "eu", "galician": "gl",
    "maltese": "mt", "belarusian": "be", "macedonian": "mk", "filipino": "tl", "frisian": "fy",
    # Swedish names
    "engelska": "en", "svenska": "sv", "spanska": "es", "tyska": "de", "franska": "fr",
    "finska": "fi", "norska": "no", "danska": "da", "nederländska": "nl", "holländska": "nl",
    "italienska": "it", "portugisiska": "pt", "polska": "pl", "japanska": "ja",
    "kinesiska": "zh", "arabiska": "ar", "ryska": "ru", "koreanska": "ko", "turkiska": "tr",
    "ukrainska": "uk", "grekiska": "el", "tjeckiska": "cs", "ungerska": "hu",
    "rumänska": "ro", "hebreiska": "he", "thailändska": "th", "vietnamesiska": "vi",
    "isländska": "is", "estniska": "et", "lettiska": "lv", "litauiska": "lt",
    "persiska": "fa", "somaliska": "so", "tigrinja": "ti", "kurdiska": "ku", "amhariska": "am",
    "bosniska": "bs", "kroatiska": "hr", "serbiska": "sr", "albanska": "sq", "samiska": "se",
    "georgiska": "ka", "armeniska": "hy", "mongoliska": "mn", "makedonska": "mk",
    "vitryska": "be", "baskiska": "eu", "katalanska": "ca", "walesiska": "cy", "iriska": "ga",
}  # fmt: skip
LANGUAGE_RE = re.compile(r"\b(" + "|".join(LANGUAGE_NAMES) + r")\b", re.IGNORECASE)


# "a Dutch bank", "a German Mittelstand company": where an organisation is from, not a language
_ORGANISATION_AFTER_RE = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:company|companies|bank|banks|firm|startup|business|corporation|enterprises?|"
    r"mittelstand|government|agency|authority|municipality|hospital|university|ministry|"
    r"manufacturer|retailer|insurer|bolag|företag|myndighet|kommun|sjukhus|universitet)\b",
    re.IGNORECASE,
)


# a language denied ("not English", "inte engelska"), or what a model was trained on
_DENIED_LANGUAGE_RE = re.compile(
    r"\b(?:not|no|non|except|excluding|inte|ej|utom|förutom)\s+(?:in\s+|på\s+)?$", re.IGNORECASE
)
_TRAINED_ON_RE = re.compile(
    r"\b(?:trained|pre-?trained|tränad\w*|förtränad\w*)\s+(?:\w+\s+){0,3}?(?:on|in|with|på)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "our CEO is Italian.": a nationality said of someone, the clause ending there
_SAID_OF_SOMEONE_RE = re.compile(r"\b(?:is|are|was|were|am|är|var)\s+$", re.IGNORECASE)
# a language hedged or put off: "kanske arabiska längre fram", "maybe German later"
_HEDGED_BEFORE_RE = re.compile(
    r"\b(?:maybe|perhaps|possibly|potentially|kanske|eventuellt|möjligen|möjligtvis)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_LATER_AFTER_RE = re.compile(
    r"[^.;:!?\n]{0,20}?\b(?:later|längre fram|framöver|i framtiden|in the future|eventually|"
    r"down the (?:road|line)|i ett senare skede|at some point)\b",
    re.IGNORECASE,
)
_ONLY_RE = re.compile(r"\b(?:only|just|solely|endast|bara|enbart)\s+(?:in\s+|på\s+)?$", re.I)


def languages(text: str) -> list[str]:
    """ISO 639-1 codes of the languages named in words, in the order named. A nationality
    before an organisation ("a Dutch bank") or said of someone ("our CEO is Italian."), a
    language denied ("not English") and a model's training data ("trained on English only") name
    none; where one or more are named as the only ones ("we need Dutch only"), they are the list."""
    text = text.replace("\u2019", "'")  # "I\u2019d like Swedish": the typographic apostrophe
    codes, only = [], []
    for match in LANGUAGE_RE.finditer(text):
        if _ORGANISATION_AFTER_RE.match(text, match.end()):
            continue
        clause = re.split(
            r"[.;:!?\n]|\b(?:but|men)\b", text[max(0, match.start() - 50) : match.start()]
        )[-1]
        after = text[match.end() : match.end() + 12]
        if _DENIED_LANGUAGE_RE.search(clause) or _TRAINED_ON_RE.search(clause):
            continue
        if _SAID_OF_SOMEONE_RE.search(clause) and re.match(r"\s*(?:[.;!?]|$)", after):
            continue
        if an_example(text, match.start(), match.end()):
            continue  # "(e.g. qwen for Chinese)", "languages like Vietnamese, Japanese, etc."
        if _HEDGED_BEFORE_RE.search(clause) and _LATER_AFTER_RE.match(text, match.end()):
            continue  # "kanske arabiska längre fram": not needed now
        code = LANGUAGE_NAMES[match.group(1).lower()]
        codes.append(code)
        described = re.search(r"\b(?:is|are|was|were|är|var)\s+(?:\w+\s+){0,2}$", clause, re.I)
        if not described and (_ONLY_RE.search(clause) or re.match(r"\s+only\b", after, re.I)):
            only.append(code)  # "we need Dutch only"; "the data is only English text" describes
            # "in English or French only": the languages joined to it share the "only"
            only.extend(_joined_before(text, match.start(), codes[:-1]))
    codes = list(dict.fromkeys(sorted(only, key=codes.index) or codes))
    if len(codes) > 1 and "en" in codes and _english_only_as_it_is(text):
        codes.remove("en")  # "Korean falls back to English": the language asked for is Korean
    return codes


# a language given as an example: "e.g.", "for instance" before it, or "like"/"such as" in a
# list left open ("etc.", "and so on")
_EXAMPLE_BEFORE_RE = re.compile(
    r"\b(?:e\.\s?g\b\.?|eg\.|for example|for instance|t\.\s?ex\b\.?|till exempel)[^;:!?()]{0,30}$",
    re.IGNORECASE,
)
_LIKE_BEFORE_RE = re.compile(r"\b(?:such as|(?<!would )(?<!'d )like)\b[^;:!?()]{0,30}$", re.I)
_LEFT_OPEN_AFTER_RE = re.compile(
    r"[^.;:!?()]{0,40}?\b(?:etc\b|and so on|and others|and more|osv\b|m\.\s?fl\b)", re.IGNORECASE
)


def an_example(text: str, start: int, end: int) -> bool:
    """Whether the words at text[start:end] are given as an example ("e.g. $1,200/month",
    "languages like Polish, Czech etc."), not as what the person states."""
    # the words before it up to a bracket or a stop that ends a sentence ("e.g" keeps its dot)
    before = re.split(r"[;:!?()\n]|\.\s+(?=[A-ZÅÄÖ])", text[max(0, start - 45) : start])[-1]
    return bool(
        _EXAMPLE_BEFORE_RE.search(before)
        or (_LIKE_BEFORE_RE.search(before) and _LEFT_OPEN_AFTER_RE.match(text, end))
    )


# English named as what a system does now, in a request for other languages: "falls back to
# English", "gets answered in English", "reads every message as English", "a mix of English and"
_AS_IT_IS_BEFORE_RE = re.compile(
    r"(?:\b(?:falls?|fell) back to|\bdefaults? to|\b(?:answered|replied|returned|responded|written) in|"
    r"\b(?:gets?|got) (?:an? )?(?:answers?|replies|responses?) in|\bas|\bmix of|\binstead of|"
    r"\brather than|\bfaller tillbaka på)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _english_only_as_it_is(text: str) -> bool:
    mentions = [m for m in LANGUAGE_RE.finditer(text) if LANGUAGE_NAMES[m.group(1).lower()] == "en"]
    return bool(mentions) and all(
        _AS_IT_IS_BEFORE_RE.search(text[max(0, m.start() - 40) : m.start()]) for m in mentions
    )


_JOINED_RE = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\boch\b|\beller\b)\s*$", re.IGNORECASE)


def _joined_before(text: str, at: int, earlier: list[str]) -> list[str]:
    """The languages named just before `at` and joined to it by "and", "or" or a comma."""
    joined = []
    for match in reversed(list(LANGUAGE_RE.finditer(text, 0, at))):
        if not _JOINED_RE.fullmatch(text, match.end(), at) or not earlier:
            break
        joined.append(LANGUAGE_NAMES[match.group(1).lower()])
        at = match.start()
    return [code for code in reversed(joined) if code in earlier]


QUALITY_FIRST_RE = re.compile(
    r"\bpriority (is|:) (accuracy|quality)|\b(accuracy|quality),? not (cost|price)\b|"
    r"\b(quality|accuracy) (matters|counts) most\b|(bästa )?kvalitet(en)? är viktigast|"
    r"\b(pris(et)?|kostnad(en)?) spelar (mindre|ingen) roll|"
    r"(accuracy|quality|correctness|precision|getting it right) (matters|is|counts)(?: \w+){0,2} more"
    r"(?: important)? than (cost|price|money|speed)|quality (first|above all)|best possible (quality|answers?)|\b(highest|top) (possible )?(quality|accuracy)\b|"
    r"(cost|money|price) is (no|not an?) (object|issue|concern)|cost doesn'?t matter|"
    r"(kvalitet(en)?|träffsäkerhet(en)?|noggrannhet(en)?) (är )?(mycket |långt )?viktigare än (kostnad|pris)",
    re.IGNORECASE,
)
# Cost ranked first: the cheapest wanted, or cheap asked for. A reason to spend less ("reduce,
# cut or lower costs", "keep costs down", "save money", "spara pengar", "affordable",
# "cost-effective") ranks nothing: the annotators leave it out.
COST_FIRST_RE = re.compile(
    r"as cheap as possible|cheapest|\bcheap(ly)?\b(?!\s+(?:\w+\s+)?(?:phones?|laptops?|hardware|gpus?|"
    r"devices?|machines?|servers?|pcs?|tablets?|computers?|boards?|markets?))|as inexpensive as possible|"
    r"budget[- ]friendly|tight budget|\blow[- ]cost (?:models?|llms?|options?|ai|alternatives?|solutions?)\b|"
    r"\bmost cost[- ]effective\b|"
    r"\bbillig(t|a)?\b|(cost|price) (matters|is)(?: \w+){0,2} more(?: important)? than "
    r"(quality|accuracy)|lowest (possible )?cost|"
    r"så billigt som möjligt|billigast|kostnad(en)? (är )?viktigare än kvalitet|"
    r"\b(?:helst|gärna|preferably|ideally)\s+(?:\w+\s+)?(?:gratis|free)\b|"
    r"\b(?:free|gratis)\s*,?\s+(?:or|eller)\s+(?:\w+\s+)?(?:nearly|almost|nästan|billigt)\b",
    re.IGNORECASE,
)


# "the OpenAI API is really quite cheap": what something is, not what the person wants
_DESCRIBED_RE = re.compile(
    r"\b(?:is|are|was|were|isn'?t|aren'?t|wasn'?t|it'?s|that'?s|är|var)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# "what is the cheapest model for ...": the cheapest asked for, not a thing described
_ASKED_FOR_RE = re.compile(
    r"\b(?:what|which|vilken|vilket|vilka)\s+(?:\w+\s+)?(?:is|are|är)\s+(?:the\s+)?$", re.IGNORECASE
)


def priority(text: str) -> str | None:
    if QUALITY_FIRST_RE.search(text):
        return "quality"
    for m in COST_FIRST_RE.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if _DESCRIBED_RE.search(before) and not _ASKED_FOR_RE.search(before):
            continue
        if re.search(r"\bthe\s+$", text[max(0, m.start() - 6) : m.start()], re.I) and re.match(
            r"\s+(?:[\w-]+\s+){0,2}?(?:was|were|is|are|gave|gives|did|does|failed|fails|worked|works|"
            r"performed|produced|made|got|had|returned|var|gav|blev)\b",
            text[m.end() :],
            re.I,
        ):
            continue  # "the cheapest model gave garbage": a statement about a thing tried
        if re.search(
            r"\b(?:switched|moved|changed|migrated|went|tried|bytte|gick över)\b(?:[^.;!?]|\.\d){0,40}$",
            text[max(0, m.start() - 50) : m.start()],
            re.I,
        ):
            continue  # "I switched to a local model, the cheapest": what was done, not what matters
        return "cost"
    return None
