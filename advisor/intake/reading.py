"""Facts people state in words, read as a person would: quantities multiplied and made monthly,
money in other currencies, where the data may go, GPUs they own, languages by name, and whether
quality or cost matters more. Each reader returns its value and, where it worked something out,
a note saying how, so the answer can show what it understood.
"""

from __future__ import annotations

import re

from ..currency import conversion_note, to_usd

NUMBER = r"(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|thousand|million|billion|tusen|miljoner|miljon|miljarder)?\b"
PERIOD = r"(?:(?:a|an|per|each|every|/|in a|i|om|varje)\s*)?(month|mo|monthly|day|daily|week|weekly|year|yearly|annually|hour|hourly|månad|månaden|dag|dagen|vecka|veckan|år|året)\b"
_ABOUT = r"(?:about|roughly|around|approx\.?|approximately|on average|typically|~|ca\.?|cirka|ungefär|runt)?\s*"
_EACH = r"(each|apiece|long|per (?!month|day|week|year|hour|månad|dag|vecka|år)[a-zåäö]+|vardera|var|styck|långa?)"
_TIME_UNITS = r"minutes?|mins?|hours?|hrs?|minuter|timmar|timme"

# "5,000 support calls a month, roughly 4 minutes each"; "300 avtal om året, ca 40 frågor per avtal"
PRODUCT_RE = re.compile(
    rf"{NUMBER}\s*((?:[\w-]+\s+){{0,3}}?)([\w-]+)\s+{PERIOD}\s*[,;:(]?\s*(?:and|with|och|med|at|each with)?\s*"
    rf"{_ABOUT}{NUMBER}\s*([a-zåäö]+)\s+{_EACH}",
    re.IGNORECASE,
)
_PER_MONTH = {
    "month": 1, "mo": 1, "monthly": 1, "månad": 1, "månaden": 1,
    "day": 30, "daily": 30, "dag": 30, "dagen": 30,
    "week": 4.3, "weekly": 4.3, "vecka": 4.3, "veckan": 4.3,
    "year": 1 / 12, "yearly": 1 / 12, "annually": 1 / 12, "år": 1 / 12, "året": 1 / 12,
    "hour": 730, "hourly": 730,
}  # fmt: skip
_SCALES = {
    "k": 1e3, "thousand": 1e3, "tusen": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "miljon": 1e6,
    "miljoner": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "miljard": 1e9, "miljarder": 1e9,
}  # fmt: skip


def number(digits: str, scale: str | None = None) -> float:
    """ "5,000" / "5 000" / "2.5" / "2,5" with an optional scale word ("k", "miljoner")."""
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", digits):
        value = float(re.sub(r"[ ,.]", "", digits))
    else:
        value = float(digits.replace(",", "."))
    return value * _SCALES.get((scale or "").lower(), 1)


def per_month(period: str | None) -> float:
    return _PER_MONTH.get((period or "month").lower(), 1)


def _period_word(period: str) -> str:
    return {1: "a month", 30: "a day", 4.3: "a week", 1 / 12: "a year", 730: "an hour"}.get(
        per_month(period), "a month"
    )


def product(text: str) -> tuple[str, float, str] | None:
    """A count per period times an amount each, made monthly: (field, value, note) with field
    audio_minutes_per_month for durations and requests_per_month otherwise; None if none."""
    match = PRODUCT_RE.search(text)
    if not match:
        return None
    count = number(match.group(1), match.group(2))
    noun, period = match.group(4), match.group(5)
    each = number(match.group(6), match.group(7))
    unit = match.group(8).lower()
    monthly = count * per_month(period)
    if re.fullmatch(_TIME_UNITS, unit):
        minutes = each * (60 if unit.startswith(("h", "t")) else 1)
        value = monthly * minutes
        field, what = "audio_minutes_per_month", f"{minutes:,g} minutes each"
    else:
        value = monthly * each
        field, what = "requests_per_month", f"{each:,g} {unit} each"
    made_monthly = "" if per_month(period) == 1 else f" ({count:,.0f} {_period_word(period)})"
    note = (
        f"{field}: {monthly:,.0f} {noun} a month{made_monthly} x {what} = {value:,.0f} "
        "(read from the use case)"
    )
    return field, round(value, 2), note


# -- money ---------------------------------------------------------------------------------------

_CURRENCY_WORDS = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    # "kr" alone is read as Swedish kronor, the currency of most of our users; the note says so
    "kr": "SEK", "kronor": "SEK", "sek": "SEK", "spänn": "SEK", "nok": "NOK", "dkk": "DKK",
}  # fmt: skip
_BEFORE = r"(us\$|\$|€|£|usd|eur|gbp|sek|nok|dkk)"
_AFTER = r"(usd|dollars?|\$|eur|euros?|€|£|gbp|pounds?|kr|kronor|sek|nok|dkk|spänn)"
MONEY_RES = [
    re.compile(rf"{_BEFORE}\s*{NUMBER}\s*(?:{_AFTER}\s*)?(?:{PERIOD})?", re.IGNORECASE),
    re.compile(rf"{NUMBER}\s*{_AFTER}(?![\w$€£])\s*(?:{PERIOD})?", re.IGNORECASE),
]
_BUDGET_WORD_RE = re.compile(
    rf"budget(?:en)?:? (?:of |is |around |about |up to |under |max(?:imum)? |på |är |om )*{NUMBER}"
    rf"\s*(?:{PERIOD})?",
    re.IGNORECASE,
)


def budget(text: str) -> tuple[float, list[str]] | None:
    """The monthly budget in USD and how it was worked out, or None when the text names none."""
    for index, pattern in enumerate(MONEY_RES):
        if match := pattern.search(text):
            if index == 0:
                symbol, digits, scale, _, period = match.groups()
            else:
                digits, scale, symbol, period = match.groups()
            break
    else:
        match = _BUDGET_WORD_RE.search(text)
        if not match:
            return None
        (digits, scale, period), symbol = match.groups(), "usd"
    currency = _CURRENCY_WORDS.get(symbol.lower(), "USD")
    amount = number(digits, scale) * per_month(period)
    notes = []
    if per_month(period) != 1:
        notes.append(
            f"monthly_budget_usd: {number(digits, scale):,.0f} {currency} {_period_word(period)} "
            f"is {amount:,.0f} {currency} a month"
        )
    if currency != "USD":
        kr = " (kr read as Swedish kronor)" if symbol.lower() == "kr" else ""
        notes.append(f"monthly_budget_usd: {conversion_note(amount, currency)}{kr}")
        amount = to_usd(amount, currency)
    return round(amount, 2), notes


# -- where the data may go, and hardware already owned -------------------------------------------

AIR_GAPPED_RE = re.compile(
    r"air[- ]?gapped|luftgapp|no (?:\w+ ){0,2}(?:may|can|must|should|is allowed to|will) (?:ever )?leave|"
    r"nothing (?:may|can|must|should|is allowed to) leave|(?:must|may|can|should) never leave|"
    r"(?:inget|ingenting|ingen data|inga data|inga uppgifter) (?:\w+ ){0,2}får lämna|"
    r"(?:can'?t|cannot|must not|may not|mustn'?t|never) leave (?:the|our) (?:building|premises|house)|"
    r"no (?:internet|network) (?:access|connection) at all|not connected to the internet",
    re.IGNORECASE,
)
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
    "a couple of": 2, "a pair of": 2, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5,
    "sex": 6, "åtta": 8,
}  # fmt: skip
_GPU_NAMES = r"(a100|h100|h200|l40s|l4|a10g|rtx ?4090|rtx ?3090|v100|t4)"
OWNED_RE = re.compile(
    r"\b(?:we|i|vi|jag)\b(?: \w+){0,2} (?:have|own|got|har|äger)(?: \w+){0,2}? "
    rf"(\d+|{'|'.join(_COUNT_WORDS)})\s*(?:x\s*)?(?:nvidia\s+)?{_GPU_NAMES}(?:[- ]?(40|80) ?gb)?",
    re.IGNORECASE,
)


def owned_gpus(text: str) -> tuple[str, list[str]] | None:
    """ "we already have two A100s" -> ("2x A100-80GB", [note]); None when no GPUs are owned."""
    match = OWNED_RE.search(text)
    if not match:
        return None
    word = match.group(1).lower()
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
    "pashto": "ps", "welsh": "cy", "irish": "ga",
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
}  # fmt: skip
_LANGUAGE_RE = re.compile(r"\b(" + "|".join(LANGUAGE_NAMES) + r")\b", re.IGNORECASE)


def languages(text: str) -> list[str]:
    """ISO 639-1 codes of the languages named in words, in the order named."""
    codes = [LANGUAGE_NAMES[match.group(1).lower()] for match in _LANGUAGE_RE.finditer(text)]
    return list(dict.fromkeys(codes))


QUALITY_FIRST_RE = re.compile(
    r"(accuracy|quality|correctness|precision|getting it right) (matters|is|counts)(?: \w+){0,2} more"
    r"(?: important)? than (cost|price|money|speed)|quality (first|above all)|best possible (quality|answers?)|\b(highest|top) (possible )?(quality|accuracy)\b|"
    r"(cost|money|price) is (no|not an?) (object|issue|concern)|cost doesn'?t matter|"
    r"(kvalitet(en)?|träffsäkerhet(en)?|noggrannhet(en)?) (är )?(mycket |långt )?viktigare än (kostnad|pris)",
    re.IGNORECASE,
)
COST_FIRST_RE = re.compile(
    r"as cheap as possible|cheapest|\bcheap(ly)?\b|\binexpensive\b|budget[- ]friendly|tight budget|"
    r"\bbillig(t|a)?\b|(cost|price) (matters|is)(?: \w+){0,2} more(?: important)? than "
    r"(quality|accuracy)|lowest (possible )?cost|keep (the )?costs? (down|low)|"
    r"så billigt som möjligt|billigast|kostnad(en)? (är )?viktigare än kvalitet",
    re.IGNORECASE,
)


def priority(text: str) -> str | None:
    if QUALITY_FIRST_RE.search(text):
        return "quality"
    if COST_FIRST_RE.search(text):
        return "cost"
    return None


_EU = r"(?:the )?(?:EU|EEA|Europe|European Union|European Economic Area)"
EU_ONLY_RE = re.compile(
    # the data (prompts, documents ...) must stay, be kept or processed in the EU
    r"\b(data|datan|prompts?|documents?|dokument(en)?|information|records|files|texts?|"
    r"personal data|personuppgifter(na)?|everything|it|they)\b[\w ,]{0,40}?\b(must|has to|have to|"
    r"needs? to|should|may only|can only|is to|are to|måste|ska|får bara|får endast)\b"
    r"(?! not\b)[\w ]{0,20}?\b(stay|remain|be kept|be stored|be processed|be hosted|live|"
    r"stanna|lagras|behandlas|finnas kvar|förbli)\b[\w ]{0,15}?\b(in|within|inside|inom|i) "
    + _EU
    + r"\b|"
    r"\b(EU|EEA)[- ](only|data residency|data-residency)\b|"
    r"\bdata residency\b[\w ]{0,20}?\b(in|within|inside) " + _EU + r"\b|"
    r"\b(only|solely) (be )?(processed|hosted|stored) (in|within|inside) " + _EU + r"\b|"
    r"\bEU-hosted only\b",
    re.IGNORECASE,
)
_NEGATED_RE = re.compile(
    r"\b(not|no need|don'?t|doesn'?t|needn'?t|inte|behöver inte)\b[\w ]{0,30}?\b(EU|EEA|Europe)\b"
    r"|\b(EU|EEA|Europe)\b[\w ]{0,20}?\b(is not|isn'?t|not) (required|needed|necessary)\b",
    re.IGNORECASE,
)


def residency(text: str) -> str | None:
    """ "eu" when the text says the data must stay in the EU (English or Swedish), else None."""
    if _NEGATED_RE.search(text):
        return None
    return "eu" if EU_ONLY_RE.search(text) else None
