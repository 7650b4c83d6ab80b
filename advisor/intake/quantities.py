"""Every number in a text with its unit and the thing it counts, as a person reads it.

One pass finds each number (digits in English or Swedish formats, scale words, number words,
ranges, "a few thousand", "~"/"ca"/"about") and then reads the words around it: a currency makes
it money, a time unit a duration, tokens/words/pages/kB a size, GB of RAM or VRAM a device's
memory, a GPU name a count of GPUs, and otherwise the noun after it is what it counts. A period
("a month", "per day", "i veckan", "yearly") makes it a rate; "each", "per invoice", "a case",
"styck" make it an amount per item, which for money is a unit price and never a budget.

The field readers (advisor/intake/fields.py) assign fields from these quantities by what they
count; nothing here knows a questionnaire field. Every pattern is linear-time on capped text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# -- number formats --------------------------------------------------------------------------

_SPACE = "[ \u00a0\u202f]"
# 1,000 / 1.000 / 1 000 (thousands groups, then an optional decimal part) or 2.5 / 2,5 / 20
_DIGITS = (
    rf"\d{{1,3}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})+|(?:{_SPACE}\d{{3}})+)(?!\d)(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?"
)
SCALES = {
    "k": 1e3, "thousand": 1e3, "thousands": 1e3, "tusen": 1e3, "hundred": 1e2, "hundra": 1e2,
    "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "miljon": 1e6,
    "miljoner": 1e6, "milj": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "miljard": 1e9,
    "miljarder": 1e9,
}  # fmt: skip
_SCALE = r"(?:\s*(?:k|thousands?|tusen|hundred|hundra|mn|mio|m|millions?|miljon(?:er)?|milj|bn|b|billion|miljard(?:er)?)\b)"
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "dozen": 12, "a dozen": 12,
    "a hundred": 100, "a thousand": 1000, "a million": 1e6, "a single": 1, "single": 1,
    "a pair of": 2, "a couple of": 2, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "tolv": 12, "tjugo": 20, "trettio": 30,
    "femtio": 50, "hundra": 100, "ett hundra": 100, "tusen": 1000, "en miljon": 1e6,
    "a": 1, "an": 1, "en": 1, "ett": 1,
}  # fmt: skip
# articles count as one only before a unit of time ("à en timme", "each a minute")
_ARTICLES = {"a", "an", "en", "ett"}
# Vague amounts are a range: "a few thousand" is 2,000-5,000; readers may abstain on them.
VAGUE = {
    "a few": (2, 5), "a couple of": (2, 3), "a couple": (2, 3), "several": (3, 9),
    "some": (2, 9), "några": (2, 5), "ett par": (2, 3), "ett fåtal": (2, 5), "flera": (3, 9),
}  # fmt: skip
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(w) for w in VAGUE), key=len, reverse=True))
_APPROX = (
    r"(?:~|≈|\bca\.?|\bc\.|\babout|\baround|\broughly|\bapprox(?:imately|\.)?|\bsome|\bnearly|"
    r"\balmost|\bcirca|\bcirka|\bungefär|\brunt|\bomkring|\bkring|\bdrygt|\bknappt|\bestimated|"
    r"\bon average|\btypically|\bi snitt)"
)
_UPTO = (
    r"(?:\bup to|\bupp till|\bat most|\bmax(?:imum|\.)?|\bunder|\bless than|\bbelow|\bhögst|\bno more than|"
    r"<=|≤|<)"
)
_ATLEAST = r"(?:\bat least|\bminst|\bover|\bmore than|\böver|\bupwards of|>=|≥|>)"
_CUR_BEFORE = r"(?:US\$|\$|€|£|\b(?:USD|EUR|GBP|SEK|NOK|DKK)\b)"
_CUR_AFTER = (
    r"(?:\$|€|£|(?:usd|us dollars?|dollars?|bucks|eur|euros?|gbp|pounds?|kr|kronor|sek|nok|dkk|"
    r"spänn|cents?|öre|tkr|mkr)\b)"
)
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD",
    "us dollar": "USD", "us dollars": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    # "kr" alone is read as Swedish kronor, the currency of most of our users; the note says so
    "kr": "SEK", "kronor": "SEK", "sek": "SEK", "spänn": "SEK", "nok": "NOK", "dkk": "DKK",
    "cent": "USD", "cents": "USD", "öre": "SEK", "tkr": "SEK", "mkr": "SEK",
}  # fmt: skip
# "15 tkr" is 15 thousand kronor, "2 mkr" 2 million, as Swedish budgets are written
_SUBUNIT = {"cent": 0.01, "cents": 0.01, "öre": 0.01, "tkr": 1_000, "mkr": 1_000_000}

NUMBER_RE = re.compile(
    # "between 500 and 1,000", "mellan 2 000 och 3 000": "and" joins a range only after these
    r"(?P<between>(?<=\bbetween )|(?<=\bmellan )|(?<=\bbetween)|(?<=\bmellan))?"
    rf"(?P<cur1>{_CUR_BEFORE})?\s*"
    rf"(?:(?P<vague>{_VAGUE})\s+(?P<vscale>thousand|hundred|million|tusen|hundra|miljoner)\b"
    rf"|(?P<many>hundreds|thousands|millions|tusentals|hundratals|miljontals)\s+(?:of\b)?"
    rf"|(?P<num>{_DIGITS})(?P<scale>{_SCALE})?"
    rf"(?:\s*(?:-|–|—|(?<=\d)~|\bto\b|\btill\b|\bor\b|(?(between)\b(?:and|och)\b|(?!)))\s*(?P<cur2>{_CUR_BEFORE})?\s*(?P<num2>{_DIGITS})(?P<scale2>{_SCALE})?)?"
    rf"|\b(?P<word>{_WORDS})\b(?:\s+(?P<wscale>thousand|million|hundred|tusen|miljoner|hundra)\b)?)",
    re.IGNORECASE,
)
_MANY = {
    "hundreds": (200, 900), "hundratals": (200, 900), "thousands": (2000, 9000),
    "tusentals": (2000, 9000), "millions": (2e6, 9e6), "miljontals": (2e6, 9e6),
}  # fmt: skip

# -- what follows a number ---------------------------------------------------------------------

PERIODS = {
    "month": 1, "months": 1, "mo": 1, "monthly": 1, "månad": 1, "månaden": 1, "mån": 1,
    "månatligen": 1, "day": 30, "days": 30, "daily": 30, "dag": 30, "dagen": 30,
    "dagligen": 30, "dan": 30, "dygnet": 30, "dygn": 30, "nightly": 30, "working day": 22, "workday": 22, "business day": 22,
    "arbetsdag": 22, "week": 4.33, "weekly": 4.33, "vecka": 4.33, "veckan": 4.33,
    "year": 1 / 12, "yearly": 1 / 12, "annually": 1 / 12, "annual": 1 / 12, "yr": 1 / 12,
    "år": 1 / 12, "året": 1 / 12, "årligen": 1 / 12, "quarter": 1 / 3, "quarterly": 1 / 3,
    "kvartal": 1 / 3, "hour": 730, "hourly": 730, "timme": 730, "timmen": 730,
    "night": 30, "natt": 30, "nattliga": 30, "nattligen": 30, "today's": 30, "dagens": 30,
    "årlig": 1 / 12, "årliga": 1 / 12, "kvartalet": 1 / 3,
}  # fmt: skip
_PERIOD_WORD = "|".join(sorted((re.escape(p) for p in PERIODS), key=len, reverse=True))
# "a month", "per day", "/mo", "i månaden", "each week", "every year", "monthly"
PERIOD_RE = re.compile(
    rf"(?:\b(?:a|an|per|each|every|in a|i|om|varje|på|en|a single|for the|for a|under|pr\.?|"
    # ("from last year", "sedan förra året": where a collection comes from, not its rate)
    rf"(?<!from )(?<!since )(?<!från )(?<!sedan )(?:last|past|förra|senaste)|"
    rf"(?:in|over|during) the (?:last|past))\s+|/\s*|"
    rf"\bper\s*)"
    rf"(?P<p>{_PERIOD_WORD})\b(?!\s+of\s)|\b(?P<adverb>monthly|daily|weekly|yearly|annually|annual|nightly|"
    rf"quarterly|hourly|dagligen|årligen|årliga?|månatligen|nattliga|nattligen|today's|dagens)(?!\w)",
    re.IGNORECASE,
)
TIME_UNITS = {
    "second": 1 / 60, "seconds": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "s": 1 / 60,
    "sekunder": 1 / 60, "minute": 1, "minutes": 1, "min": 1, "mins": 1, "minuter": 1,
    "minuters": 1, "minut": 1, "hour": 60, "hours": 60, "hr": 60, "hrs": 60, "h": 60,
    "timmar": 60, "timme": 60, "tim": 60, "timmars": 60,
}  # fmt: skip
# tokens per unit: a word ~1.33 tokens, a page ~500 tokens (the questionnaire's own help text),
# a kB of plain text ~1,000 characters ~250 tokens
SIZE_UNITS = {
    "token": 1, "tokens": 1, "tok": 1, "word": 1.33, "words": 1.33, "ord": 1.33,
    "page": 500, "pages": 500, "sidor": 500, "sida": 500, "sid": 500, "character": 0.25,
    "characters": 0.25, "chars": 0.25, "tecken": 0.25, "kb": 250, "kib": 256, "mb": 250_000,
    "mib": 262_144, "gb": 250_000_000, "line": 12, "lines": 12, "rader": 12,
}  # fmt: skip
_MEMORY_WORDS = (
    r"(?:of\s+)?(?:(?:unified|gpu|video|system|device|(?:lp)?ddr\d\w*)\s+)?"
    r"(?:ram|vram|memory|minne|arbetsminne|grafikminne)\b"
)
GPU_NAMES = {
    "a100": "A100", "h100": "H100", "h200": "H200", "l40s": "L40S", "l4": "L4", "a10g": "A10G",
    "a10": "A10G", "rtx4090": "RTX-4090", "4090": "RTX-4090", "rtx3090": "RTX-3090",
    "3090": "RTX-3090", "v100": "V100",
    "t4": "T4",
}  # fmt: skip
_GPU_RE = re.compile(
    r"\s*(?:x\s*|×\s*|st\.?\s+|pcs\.?\s+|stycken\s+)?(?:nvidia\s+)?(?:geforce\s+)?(?:tesla\s+)?"
    r"(?P<gpu>rtx[ -]?4090|rtx[ -]?3090|a100|h100|h200|l40s|l4|a10g|a10|v100|t4|4090|3090)"
    r"(?:s\b|'s\b|\b)(?:[ -]?(?P<mem>40|80)\s*gb\b)?(?:\s*(?:gpus?|cards?|grafikkort))?",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(r"[\s-]*(?P<unit>[a-zåäö]+)\b", re.IGNORECASE)
# "CV:n", "PDF:er": a Swedish ending after a colon is part of the abbreviation it inflects
_WORD_RE = re.compile(
    r"[\s\-/]*(?P<w>[a-zåäö][\w'-]*(?::(?:n|en|er|erna|ar|s|et)\b)?)", re.IGNORECASE
)
# words that may stand between a number and its noun ("20k support calls", "900 recorded interviews")
_MAX_MODIFIERS = 3
_STOP_NOUN = {
    "a", "an", "the", "of", "and", "or", "per", "each", "every", "in", "on", "to", "for", "with",
    "i", "om", "och", "eller", "med", "för", "på", "till", "av", "som", "is", "are", "was",
    "be", "we", "our", "it", "that", "this", "vi", "det", "en", "ett", "at", "from", "by",
}  # fmt: skip
_EACH_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?P<per_units>(?:per|/(?!\s*\d[\d.,]*\s*(?:gb|gib|mb|tb|kb|g)\b)|for|för)\s*"
    r"\d[\d.,]*\s*(?:k|m|mn|million|thousand)?\s*"
    r"(?:[a-zåäö]+)?)|(?P<each>each(?: one)?(?!\s+(?:month|week|day|year|quarter|night|hour|working day|business day)\b)|apiece|a piece|vardera|var(?!\s+(?:månad|vecka|dag|år|timme)\b)|styck|st\b|per st\b|per styck)"
    r"|(?:(?:per|a|an|för varje|per varje)\s+|/\s*)(?P<item>[a-zåäö][\w-]*))",
    re.IGNORECASE,
)
# "each case file is 400k-600k tokens", "every call lasts about 4 minutes", "the largest file is"
_ITEM_BEFORE_RE = re.compile(
    r"\b(?P<det>each|every|per|a single|one|the largest|the longest|the biggest|largest|longest|"
    r"biggest|varje|en enda|det största|den största|den längsta|största|längsta|a typical|typical|"
    r"the average|an average|average|a|an)\s+(?P<item>(?:[\w-]+\s+){0,3}?[\w-]+)\s+"
    # "each report that we summarise is", "varje utredning som ska sammanfattas är"
    r"(?:(?:som|that|which|we|vi)(?:\s+[\w-]+){1,3}\s+)?"
    r"(?:(?:is|are|has|have|takes|lasts|runs|contains|averages|averaging|can be|may be|could be|will be|is about|"
    r"sends|uses|includes|carries|needs|skickar|använder|"
    r"are about|är|har|tar|innehåller|blir|kan vara|of|på|with|med)\s+)+(?:(?:about|around|"
    r"roughly|up to|ca\.?|cirka|ungefär|runt|upp till|typ|typically|usually|often)\s+|~\s*)?$",
    re.IGNORECASE,
)
# "each file ~12 pages", "varje samtal ca 4 min": each item named, its size with no verb
_EACH_ITEM_BEFORE_RE = re.compile(
    r"\b(?:each|every|varje)\s+(?P<item>[a-zåäö][\w-]*)\s*(?:(?:about|around|roughly|approx\.?|"
    r"ca\.?|cirka|ungefär|runt|typ)\s+|~\s*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """One number as read: `value` is the best single figure (a range's midpoint), in the
    unit's base (minutes, tokens, GB, the currency's main unit); `low`/`high` its range."""

    value: float
    low: float
    high: float
    kind: str  # count | money | duration | size | memory | gpu
    unit: str = ""  # the noun counted, a currency code, "minute", "token", "GB", a GPU name
    period: str = ""  # "month", "day" ... when it is a rate; "" otherwise
    per_month: float = 0.0  # the rate's factor to a month; 0 when no period
    item: str = ""  # what one of it belongs to: "each", "invoice", "case file"
    approx: bool = False
    vague: bool = False  # "a few thousand", "thousands of": a range, not a figure
    bound: str = ""  # "max" for "up to", "min" for "at least"
    start: int = 0
    end: int = 0
    text: str = ""

    @property
    def monthly(self) -> float | None:
        return self.value * self.per_month if self.per_month else None

    @property
    def is_unit_price(self) -> bool:
        return self.kind == "money" and bool(self.item) and not self.period


def stem(word: str) -> str:
    """A crude lemma for matching "calls"/"call", "intervjuer"/"intervju", "tickets"/"ticket"."""
    word = word.lower().strip("'’")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    for ending in ("er", "ar", "or", "na", "en"):  # Swedish plurals and definite forms
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def to_number(digits: str, scale: str | None = None) -> float:
    """ "5,000" / "5.000" / "5 000" / "2.5" / "2,5" and a scale word ("k", "miljoner")."""
    digits = digits.strip()
    if re.fullmatch(rf"\d{{1,3}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})+|(?:{_SPACE}\d{{3}})+)", digits):
        value = float(re.sub(r"[ ,.\u00a0\u202f]", "", digits))
    elif m := re.fullmatch(rf"(\d{{1,3}}(?:(?:,\d{{3}})+|(?:{_SPACE}\d{{3}})+))\.(\d+)", digits):
        value = float(re.sub(r"[ ,\u00a0\u202f]", "", m.group(1)) + "." + m.group(2))
    elif m := re.fullmatch(rf"(\d{{1,3}}(?:(?:\.\d{{3}})+|(?:{_SPACE}\d{{3}})+)),(\d+)", digits):
        value = float(re.sub(r"[ .\u00a0\u202f]", "", m.group(1)) + "." + m.group(2))
    else:
        value = float(digits.replace(",", "."))
    return value * SCALES.get((scale or "").strip().lower(), 1)


def _clause_before(text: str, start: int, chars: int = 80) -> str:
    """The words before `start` in the same clause (a sentence end or ';' stops it)."""
    before = text[max(0, start - chars) : start]
    cut = max(before.rfind(". "), before.rfind(";"), before.rfind("\n"), before.rfind("? "))
    return before[cut + 1 :] if cut >= 0 else before


# a dot that shortens a word ends no clause: "pr. day", "ca. 300", "approx. 40"
_ABBREVIATION_END = re.compile(
    r"\b(?:pr|ca|approx|appr|st|resp|bl\.a|t\.ex|e\.g|i\.e)$", re.IGNORECASE
)


def _clause_after(text: str, end: int, chars: int = 60) -> str:
    after = text[end : end + chars]
    stop = next(
        (
            m.start()
            for m in re.finditer(r"\. ", after)
            if not _ABBREVIATION_END.search(after[: m.start()])
        ),
        -1,
    )
    cuts = [i for i in (stop, after.find(";"), after.find("\n"), after.find("? ")) if i >= 0]
    return after[: min(cuts)] if cuts else after


UPDATE_WORDS = (
    r"\b(?:change[sd]?|chang|update[sd]?|revised|refreshed|edited|ändras|uppdateras|byts)\b"
)


# words that give a length, not a rate: "averaging an hour", "lasting about an hour"
_LENGTH_BEFORE_RE = re.compile(
    r"\b(?:averag\w*|lasting|lasts?|last|taking|takes?|of|long|på|om|ca|about|around|"
    r"roughly|nearly|almost|over|under|up to)\s+(?:about\s+|around\s+|roughly\s+|ca\s+)?"
    r"(?:an?|one|en)\s+$",
    re.IGNORECASE,
)


def _period_near(after: str, before: str) -> tuple[str, float, int]:
    """(period, factor, chars used after) for "a month" after the noun, or a period named
    just before the number ("every day we get 300 tickets", "per month: 20k")."""
    # the words between hold no other figure ("interviews of 40 minutes a month": the month is
    # the minutes' period, not the interviews')
    m = re.match(
        rf"(?:\s*[^\W\d][\w-]*){{0,3}}?\s*,?\s*(?:{PERIOD_RE.pattern})", after, re.IGNORECASE
    )
    if m and re.search(
        UPDATE_WORDS, after[: m.start("p") if m.group("p") else m.start("adverb")], re.I
    ):
        m = None  # "300 pdfs that change weekly": how often they change, not a rate
    if (
        m
        and m.group("p")
        and m.group("p").lower() in ("hour", "timme")
        and _LENGTH_BEFORE_RE.search(after[: m.start("p")])
    ):
        m = None  # "interviews averaging an hour", "calls of about an hour": a length
    if m:
        word = (m.group("p") or m.group("adverb")).lower()
        return word, PERIODS[word], m.end()
    before = re.sub(rf"{_APPROX}\s*$", "", before, flags=re.IGNORECASE)  # "every quarter ~9k"
    if m := re.search(
        rf"(?:{PERIOD_RE.pattern})\s*(?:[\w:,()]+\s+){{0,5}}?(?:[:=]\s*)?$", before, re.IGNORECASE
    ):
        word = (m.group("p") or m.group("adverb")).lower()
        # "a month" far before the number belongs to another figure; only leading cues count
        if m.group("adverb") or re.match(r"\s*(?:every|each|per|varje|i|a|an)\b", m.group(0), re.I):
            return word, PERIODS[word], 0
    return "", 0.0, 0


_HEDGE_AFTER_RE = re.compile(
    r"\s+(?:or (?:more|so|fewer|less)|eller (?:mer|fler|så)|and (?:more|up|upwards))\b",
    re.IGNORECASE,
)


# what data is kept in, named beside a size: the size is of what is stored, not of memory
STORED_NOUNS = (
    r"corpus|corpora|dataset|datasets|data\s+set|database|archive|backups?|korpus|datamängd|"
    r"databas|arkiv"
)
_STORED_AFTER_RE = re.compile(
    r"\s*(?:of\s+)?(?:storage|disk|ssd|hdd|lagring|lagringsutrymme|of\s+(?:text|data|documents|"
    rf"pdfs?|files|audio|video|images|logs)|(?:(?:text|training|document)\s+)?(?:{STORED_NOUNS})|"
    r"(?:text|data|pdf|log|audio)(?:\s+files)?)\b",
    re.IGNORECASE,
)
_STORED_BEFORE_RE = re.compile(
    rf"\b(?:{STORED_NOUNS})\s*(?:is|are|of|är|på)?\s*(?:about|around|roughly|~|ca\.?|ungefär)?\s*$",
    re.IGNORECASE,
)
# "a 64GB database server": the machine's memory, when a machine could have that much
_DATA_MACHINE_AFTER_RE = re.compile(
    r"\s*(?:database|databas|data)[\s-]*(?:servers?|vms?|box|pcs?|machines?|dator\w*|server\w*)\b",
    re.IGNORECASE,
)


def _stored_size(after: str, before: str, value: float, unit: str) -> bool:
    """Whether a size in GB or TB is of data stored ("a ~15GB corpus", "dataset ~3GB", "2TB of
    storage"), not of a machine's memory ("a 64GB database server")."""
    if _DATA_MACHINE_AFTER_RE.match(after) and unit != "tb" and value <= 256:
        return False
    return bool(_STORED_AFTER_RE.match(after) or _STORED_BEFORE_RE.search(before))


def _noun_after(text: str, pos: int) -> tuple[str, int]:
    """The noun a count counts: the first known noun within a few words ("20k support calls"
    -> "calls"), else the first word; ("", pos) when a clause break or a function word comes first."""
    first: tuple[str, int] | None = None
    known: tuple[str, int] | None = None
    # "1000 or more files", "200 or so tickets": the hedge belongs to the number
    hedge = _HEDGE_AFTER_RE.match(text, pos)
    cursor = hedge.end() if hedge else pos
    for _ in range(_MAX_MODIFIERS + 1):
        m = _WORD_RE.match(text, cursor)
        if not m or re.search(r"[.;:!?()\n,]", text[cursor : m.start("w")]):
            break
        word = m.group("w").lower()
        if word in _STOP_NOUN or word in PERIODS:
            break
        first = first or (word, m.end())
        cursor = m.end()
        if kind_of(word):
            known = (word, m.end())
        elif known:
            if _ends_noun_phrase(word) or known[0].endswith("s") or not word.endswith("s"):
                break  # "2,000 client PDFs without": the head is the last known noun
            # "5 product lines", "12 document types": a plural after a singular noun is the
            # head, and the count counts that, not the singular word that only describes it
            return word, m.end()
    return known or first or ("", pos)


# words that end a noun phrase rather than extend it: prepositions, conjunctions, pronouns,
# auxiliaries and the commonest verbs (English and Swedish); -ed, -ing and -ly forms too
_PHRASE_END_WORDS = frozenset(
    """about above across after against along among around as at because before behind below
    beside between beyond but by during except for from if into like near nor off onto out over
    past plus since so than then though through till to toward towards under until up upon via
    when where whether which while who whom whose why with within without yet also too only just
    all both total now already still here there they them their theirs you your he she his her
    its my mine our ours us these those some any no not none many much more most less few other
    another such same each every is are was were be been being am has have had do does did can
    could will would shall should may might must need needs get gets got go goes make makes take
    takes contain contains cover covers range ranges come comes use uses say says run runs seem
    seems stay stays change changes keep keeps grow grows look looks hold holds live lives sit
    sits exist exists cost costs total totals weigh weighs average averages run sum sums span
    spans vary varies arrive arrives come per vs versus etc
    som och men att är var har hade kan ska skall måste behöver finns blir blev med utan från
    om inom under över efter före genom mellan totalt nu redan också bara än då där här de dem
    deras vi oss vår våra ni er man sig kommer går tar får vill""".split()
)


def _ends_noun_phrase(word: str) -> bool:
    return (
        word in _PHRASE_END_WORDS
        or word in PERIODS
        or word in WORD_NUMBERS
        or len(word) < 3
        or "'" in word
        or re.search(r"(?:ed|ing|ly)$", word) is not None
    )


def _item_after(text: str, pos: int) -> tuple[str, int]:
    """ "each", "per invoice", "a case", "styck" right after a quantity -> ("each"|"invoice", end)."""
    m = _EACH_RE.match(text, pos)
    if not m:
        return "", pos
    if m.group("per_units"):
        return m.group("per_units").strip(), m.end()
    if m.group("each"):
        return "each", m.end()
    item = m.group("item").lower()
    if item in PERIODS or item in ("few", "lot", "bit", "total", "year's", "month's", "little"):
        return "", pos
    if re.match(rf"(?:{_PERIOD_WORD})\b", text[m.start("item") :], re.I):
        return "", pos  # "per working day": a period of two words
    if item in _STOP_NOUN or item in WORD_NUMBERS:
        return "", pos
    return item, m.end()


def _item_before(before: str) -> str:
    """ "each case file is" before a quantity -> "file"; ", each about" -> "each"."""
    if named := _named_item_before(before):
        return named
    if re.search(
        rf"(?:\b(?:each|apiece|vardera|var och en|vart och ett)|(?<!\w)à|\b(?:average|avg|mean|typical|snitt|"
        rf"genomsnitt)\w*(?:\s+(?:length|duration|längd|call|samtal))?\s*(?:is|of|är|på|:)?)\s*"
        rf"(?:{_APPROX}\s*)?$",
        before,
        re.I,
    ):
        return "each"
    return ""


# the things a size is said of as the clause's subject, with no "each" or "the average" before
# them: "NDAs are usually 4-6 pages", "contracts run 15-25 pages", "avg ticket is around 400 words"
_SUBJECT_BEFORE_RE = re.compile(
    r"\b([a-zåäö]{3,})\s+(?:are|is|run|runs|average|averages|är|brukar vara|ligger på)\s+"
    r"(?:usually\s+|typically\s+|normally\s+|often\s+|mostly\s+|on average\s+|oftast\s+|"
    r"vanligtvis\s+|i snitt\s+)?(?:about\s+|around\s+|roughly\s+|approximately\s+|ca\.?\s+|"
    r"cirka\s+|ungefär\s+|runt\s+|~\s*)?$",
    re.IGNORECASE,
)


def _subject_before(before: str) -> str:
    m = _SUBJECT_BEFORE_RE.search(before)
    return m.group(1).lower() if m and kind_of(m.group(1)) in ("document", "request") else ""


_ITEM_PREPOSITIONS = frozenset({"to", "of", "for", "from", "till", "av", "för", "från"})


def _named_item_before(before: str) -> str:
    m = _ITEM_BEFORE_RE.search(before)
    if not m:
        bare = _EACH_ITEM_BEFORE_RE.search(before)
        item = bare.group("item").lower() if bare else ""
        return item if kind_of(item) and item not in PERIODS else ""
    det = m.group("det").lower()
    item = m.group("item").lower()
    if det in ("a", "an") and not re.search(r"\b(?:typical|average|single)\b", item):
        return ""
    words = item.split()
    # "each call to the LLM": the thing before its preposition is the item
    cut = next((i for i, w in enumerate(words) if i and w in _ITEM_PREPOSITIONS), len(words))
    head = words[cut - 1] if words else ""
    if det in ("one", "a single", "a", "an", "per") and not kind_of(head):
        return ""  # "in one go is about": no item
    return head


def _number_of(m: re.Match) -> tuple[float, float, bool, bool]:
    """(low, high, approximate, vague) of one NUMBER_RE match."""
    if m.group("vague"):
        low, high = VAGUE[m.group("vague").lower()]
        scale = SCALES.get(m.group("vscale").lower(), 1)
        return low * scale, high * scale, True, True
    if m.group("many"):
        low, high = _MANY[m.group("many").lower()]
        return low, high, True, True
    if m.group("word"):
        # "twenty thousand": the word and its scale
        value = float(WORD_NUMBERS[m.group("word").lower()])
        value *= SCALES.get((m.group("wscale") or "").lower(), 1)
        return value, value, False, False
    scale, scale2 = m.group("scale"), m.group("scale2")
    low = to_number(m.group("num"), scale or scale2)  # "400-600k": the scale is shared
    if m.group("num2") is None:
        return low, low, False, False
    high = to_number(m.group("num2"), scale2 or scale)
    if (
        not scale
        and not m.group("cur2")
        and (
            lead := re.fullmatch(
                rf"(\d{{1,3}})(?:,\d{{3}}|\.\d{{3}}|{_SPACE}\d{{3}})", m.group("num2")
            )
        )
        and re.fullmatch(rf"\d{{{len(lead.group(1))}}}", m.group("num"))
        and low < int(lead.group(1))
    ):
        # "mellan 10 och 20 000 kr", "2-3,000 tickets": ends of one length share the thousands
        # ("1 to 10,000", "$10 to $20,000" do not)
        low *= 1000
    if high < low:  # "2020-21", "5-3": no range a person means
        return low, low, False, False
    return low, high, True, False


# "the budget is 2k", "budgeten är 5000": a bare figure the sentence names as the budget.
_RATE_BEFORE_NOUN_RE = re.compile(
    r"\s+(daily|weekly|monthly|yearly|annual|nightly|hourly|årliga|nattliga)\s+(?=[a-zåäö])",
    re.IGNORECASE,
)
_NAMED_BUDGET_BEFORE = re.compile(
    r"\bbudget\w*\s*(?:is|was|of|:|=|är|på|around|about|roughly|ca\.?|~)?\s*"
    r"(?:around|about|roughly|ca\.?|~)?\s*$",
    re.IGNORECASE,
)


def scan(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order."""
    return list(_scan(text))


# One text is scanned by several readers (the fields, and the task's rules and meaning, which
# read it without its figures): each scan of a figure costs tens of microseconds, so a long text
# full of figures took seconds when every reader scanned it again. Quantities are frozen.
@functools.lru_cache(maxsize=16)
def _scan(text: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    consumed = 0
    for m in NUMBER_RE.finditer(text):
        if m.start() < consumed:  # inside the last quantity ("two RTX 4090s")
            continue
        if m.group("word") and not _word_number_counts(text, m):
            continue
        if m.group("num") and _is_not_a_quantity(text, m):
            continue
        try:
            low, high, approx, vague = _number_of(m)
        except (ValueError, OverflowError):
            continue
        if high > 1e15:
            continue
        quantity = _read_unit(text, m, low, high, approx, vague)
        if quantity is not None:
            found.append(quantity)
            consumed = quantity.end
    return tuple(found)


def _word_number_counts(text: str, m: re.Match) -> bool:
    """A number word counts only before something countable ("two RTX 4090s", "tre GPU:er")."""
    after = text[m.end() : m.end() + 40]
    if m.group("word").lower() in _ARTICLES:
        if _GPU_RE.match(after):
            return True  # "an NVIDIA RTX 3090"
        unit = _UNIT_RE.match(after)
        return bool(unit and unit.group("unit").lower() in TIME_UNITS) and not re.match(
            r"\s*\w+\s+or\b", after, re.I
        )
    unit = _UNIT_RE.match(after)
    return bool(
        _GPU_RE.match(after)
        or (m.group("wscale") and _noun_after(text, m.end())[0])  # "twenty thousand calls"
        or (unit and unit.group("unit").lower() in TIME_UNITS)  # "six minutes apiece"
        or re.match(r"\s*(?:[\w-]+\s+){0,2}?(?:thousand|million|tusen|miljoner)\b", after, re.I)
        or _noun_after(text, m.end())[0] in NOUN_STEMS_ANY
    )


def _is_not_a_quantity(text: str, m: re.Match) -> bool:
    """Version numbers, dates, model sizes ("GPT-4", "Llama 3.1 8B", "2026-05-01", "v2"), and
    the parts of a figure with an exponent ("1e9", "10^9", "10**6": neither 1 nor 9)."""
    start = m.start("cur1") if m.group("cur1") else m.start("num")
    before = text[max(0, start - 12) : start]
    after = text[m.end() : m.end() + 4]
    if re.search(r"(?:[a-z]-|[a-zåäö]|#|\d[.:/-])$", before, re.I) and not m.group("cur1"):
        return True
    if re.match(r"[./:-]\d|e[+-]?\d|\s*(?:\^|\*\*)\s*\d", after, re.I):
        return True
    return bool(re.search(r"\d\s*(?:\^|\*\*)\s*$", before))


def _read_unit(
    text: str, m: re.Match, low: float, high: float, approx: bool, vague: bool
) -> Quantity | None:
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    before = _clause_before(text, start)
    value = (low + high) / 2
    bound = (
        "max"
        # "an M3 Max 64GB", "iPhone 15 Pro Max": a chip's or a phone's name, not a limit
        if re.search(rf"{_UPTO}\s*$", before, re.I)
        and not re.search(r"\b(?:m[1-5]|pro)\s+max\s*$", before, re.I)
        else ("min" if re.search(rf"{_ATLEAST}\s*$", before, re.I) else "")
    )
    approx = approx or bool(re.search(rf"{_APPROX}\s*$", before, re.I))
    base = dict(low=low, high=high, approx=approx, vague=vague, bound=bound, start=start)
    end = m.end()
    if text.startswith("+", end) and not text.startswith("+", end + 1):
        end += 1  # "50+ mails a day": at least fifty, read as fifty
        base["bound"] = bound or "min"
    number_end = end
    after = text[end:]
    currency = m.group("cur1") or m.group("cur2")
    if not currency and (c := re.match(rf"\s*({_CUR_AFTER})", after, re.IGNORECASE)):
        currency = c.group(1)
        end += c.end()
    elif not currency and (
        c := re.search(r"(?:\b(?:in|i)\s+)?\b(usd|eur|sek|gbp)\b\s*$", before, re.I)
    ):
        currency = c.group(1)  # "budget in EUR: 800"
    elif not currency and (
        c := re.match(r"[^.;,()\n\d]{0,12}?\(\s*(usd|eur|gbp|sek|nok|dkk|\$|€|£)\s*\)", after, re.I)
    ):
        currency = c.group(1)  # "6k/yr (USD)": the currency named after the period
    if currency:
        key = currency.lower().strip()
        code = CURRENCIES.get(key, "USD")
        factor = _SUBUNIT.get(key, 1)
        item, item_end = _item_after(text, end)
        end = max(end, item_end)
        period, per_month, used = (
            ("", 0.0, 0) if item else _period_near(_clause_after(text, end), before)
        )
        end += used
        if not item:
            item = _item_before(before)
        return Quantity(
            value=value * factor,
            kind="money",
            unit=code,
            period=period,
            per_month=per_month,
            item=item,
            end=end,
            text=text[start:end],
            **{**base, "low": low * factor, "high": high * factor},
        )
    if g := _GPU_RE.match(after):
        name = GPU_NAMES.get(re.sub(r"[ -]+", "", g.group("gpu").lower()), "")
        if name and high <= 64 and low == int(low):
            if name in ("A100", "H100"):
                name = f"{name}-{g.group('mem') or '80'}GB"
            end += g.end()
            return Quantity(
                value=value, kind="gpu", unit=name, end=end, text=text[start:end], **base
            )
    u = _UNIT_RE.match(after)
    unit = u.group("unit").lower() if u else ""
    if unit in ("gb", "gib", "gigabyte", "gigabytes", "tb", "g", "gig", "gigs") and u is not None:
        rest = after[u.end() :]
        memory_after = re.match(rf"\s*{_MEMORY_WORDS}", rest, re.I)
        memory = memory_after or re.search(
            r"\b(?:memory|ram|vram|minne|arbetsminne)\b(?:[^.;,\d]{0,20}?\b(?:is|are|of|är|på))?"
            r"\s*[:=]?\s*(?:up to|max(?:imum)?|about|around)?\s*$",
            before,
            re.I,
        )  # "Memory: 16 GB", "unified memory in those is 64 GB"
        device = re.search(DEVICE_WORDS, text[max(0, m.start() - 60) : m.end() + 60], re.I)
        stored = not memory_after and _stored_size(rest, before, value, unit)
        # a bare "64G" is memory only beside memory words or a device; "slow 4G" is a network
        network = unit == "g" and value <= 5 and not memory
        if (memory or device) and not stored and not network:
            end += u.end() + (memory_after.end() if memory_after else 0)
            gb = value * (1024 if unit == "tb" else 1)
            return Quantity(
                value=gb,
                kind="memory",
                unit="GB",
                end=end,
                text=text[start:end],
                **{**base, "low": low, "high": high},
            )
    if unit in TIME_UNITS and u is not None:
        end += u.end()
        factor = TIME_UNITS[unit]
        noun = ""
        # "40-minute interviews": the noun after is the item it is the length of
        if text[m.end() : m.end() + 1] == "-" or re.match(
            r"\s*(?:long\s+)?[a-zåäö]", text[end : end + 3], re.I
        ):
            word, word_end = _noun_after(text, end)
            if stem(word) in NOUN_STEMS:
                noun, end = word, word_end
        item, item_end = _item_after(text, end)
        end = max(end, item_end)
        if not item:
            item = noun or _item_before(before)
            if not item and (
                of := re.search(
                    r"\b([a-zåäö]{3,})\s+(?:of|på|om)\s+(?:about\s+|around\s+|ca\.?\s+|~\s*)?$",
                    before,
                    re.I,
                )
            ):
                item = of.group(1).lower()  # "900 interviews of 40 minutes"
        if re.match(r"\s*long\b|\s*långa?\b", text[end : end + 8], re.I):
            item = item or "each"
        adverb_before = re.search(
            r"\b(?:weekly|daily|monthly|nightly|veckans|dagliga|månatliga|"
            r"varje (?:vecka|dag|månad)|every (?:week|day|month))\s*$",
            before,
            re.I,
        )
        period, per_month, used = _period_near(
            _clause_after(text, end), before if (not item or (noun and adverb_before)) else ""
        )
        end += used
        return Quantity(
            value=value * factor,
            kind="duration",
            unit="minute",
            period=period,
            per_month=per_month,
            item=item,
            end=end,
            text=text[start:end],
            **{**base, "low": low * factor, "high": high * factor},
        )
    # "2,000 Word documents": Microsoft Word names the documents' kind, not a size in words
    product = (
        u is not None
        and u.group("unit") in ("Word", "WORD")
        and kind_of(_noun_after(text, end + u.end())[0]) == "document"
    )
    if unit in SIZE_UNITS and u is not None and not product:
        end += u.end()
        factor = SIZE_UNITS[unit]
        noun = ""
        word, word_end = _noun_after(text, end)
        if (
            word
            and stem(word) in NOUN_STEMS
            and not re.match(r"\s*(?:of|av)\b", text[end : end + 4], re.I)
        ):
            noun, end = word, word_end  # "a 120 kB manual", "40-page contracts"
        item, item_end = _item_after(text, end)
        end = max(end, item_end)
        if not item:
            item = noun or _item_before(before) or _subject_before(before)
        period, per_month, used = _period_near(_clause_after(text, end), "" if item else before)
        end += used
        return Quantity(
            value=value * factor,
            kind="size",
            unit="token",
            period=period,
            per_month=per_month,
            item=item,
            end=end,
            text=text[start:end],
            **{**base, "low": low * factor, "high": high * factor},
        )
    if re.match(r"\s*(?:tokens?\s+)?(?:of\s+)?(?:context|kontext)\b", after, re.I):
        end += re.match(r"\s*(?:tokens?\s+)?(?:of\s+)?(?:context|kontext)\b", after, re.I).end()
        return Quantity(
            value=value,
            kind="size",
            unit="token",
            item="context",
            end=end,
            text=text[start:end],
            **base,
        )  # "with the 128K of context"
    noun, noun_end = _noun_after(text, number_end)
    # "50,000 daily queries": a rate named between the number and what it counts
    rate = _RATE_BEFORE_NOUN_RE.match(text, number_end)
    if rate and not noun and (counted := _noun_after(text, rate.end()))[0]:
        noun, noun_end = counted
    if noun in ("st", "styck", "stycken", "pcs", "pieces"):
        words = re.findall(r"[a-zåäö][\w-]*", before.lower())
        while words and re.fullmatch(r"ca|c|cirka|ungefär|runt|about|around|approx\w*", words[-1]):
            words.pop()
        named = [w for w in words if kind_of(w)]
        if words and re.search(
            r"[a-zåäö][\w-]*\W*\(\W*(?:ca\.?|cirka|ungefär|about|~)?\s*$", before, re.I
        ):
            noun = words[-1]  # "våra avtalsmallar (ca 900 st)": the noun the parenthesis counts
        else:
            noun = named[-1] if named else noun  # "Bilder ..., ca 50 st i veckan"
    end = noun_end if noun else number_end
    item, item_end = _item_after(text, end)
    if item and noun:
        end = item_end
    else:
        item = _item_before(before) if noun else ""
        item = (
            "" if item == "each" else item
        )  # "each conversation averages 6 turns" -> conversation
    period, per_month, used = _period_near(_clause_after(text, end), "" if item else before)
    if (
        item
        and not period
        and (
            joined := re.match(
                r"\s*(?:and|och)\s+(?:per\s+)?(?P<p>day|week|month|year|dag|vecka|månad|år)"
                # the period closes the phrase: "and day shifts", "and year-end" are other things
                r"(?=\s*(?:[.,;:!?)]|$|(?:and|och|for|för|in|i|on|på|with|med)\b))",
                text[end:],
                re.I,
            )
        )
    ):
        # "50 ärenden per handläggare och månad", "per user and day": per item and per period
        period = joined.group("p").lower()
        per_month, used = PERIODS[period], joined.end()
    end += used
    if rate and noun and not period:
        period = rate.group(1).lower()
        per_month = PERIODS[period]
    if (
        period
        and not item
        and (each := re.match(r"\s+(?:each|apiece|var|vardera)\b", text[end:], re.I))
    ):
        item, end = "each", end + each.end()  # "15 questions a week each": every person's rate
    if not noun and not period and not _NAMED_BUDGET_BEFORE.search(before):
        return None  # a bare figure counts nothing, unless it is named as the budget
    return Quantity(
        value=value,
        kind="count",
        unit=noun,
        period=period,
        per_month=per_month,
        item=item,
        end=end,
        text=text[start:end],
        **base,
    )


# -- what is counted ---------------------------------------------------------------------------

# The nouns the readers assign fields by; each list holds English and Swedish forms.
REQUEST_NOUNS = """request query queries question message chat conversation ticket email e-mail
mail review prompt session search lookup reply answer inquiry enquiry case errand ärende fråga
frågor förfrågan förfrågningar meddelande meddelanden konversation mejl anrop sökning svar
comment post summary summaries translation task job item order claim application form
description transcript note invoice receipt cv resume contract report article ansökan
product produkt produkter transaction transaktion transaktioner annons annonser ad ads listing
anmälan anmälningar turn turns ärenden protokoll chatt chattar konversationer
faktura fakturor kvitto avtal rapport artikel artiklar recension recensioner
text texts sms draft drafts reminder reminders utkast påminnelse påminnelser sms:er
anteckning anteckningar journalanteckning journalanteckningar brev
""".split()
DOCUMENT_NOUNS = """document doc file pdf manual article policy policies handbook guide page
template templates mall mallar
wiki contract report book dokument fil filer pdf:er manual manualer handbok handböcker bok böcker artikel
artiklar policy policyer avtal rapport rapporter sop procedure procedures record records
product products produkt produkter protokoll
nda ndas agreement agreements lease leases statement statements bokslut brief briefs
brev
""".split()
AUDIO_NOUNS = """call phone-call recording interview meeting podcast episode voicemail voice-note
dictation lecture webinar hearing session memo voice-memo memos samtal intervju intervjuer möte möten inspelning
inspelningar podd poddar avsnitt föreläsning föreläsningar diktat röstmeddelande
""".split()
IMAGE_NOUNS = """image picture photo illustration visual banner thumbnail graphic icon logo
render bild bilder foto foton illustration illustrationer grafik""".split()
VIDEO_NOUNS = "video clip film videos klipp filmer".split()
PEOPLE_NOUNS = """user employee customer staff people person member student patient agent
developer colleague client subscriber visitor reader citizen seat licence license anställd
anställda användare kund kunder medarbetare elever patienter personer player players gamer
spelare invånare medborgare analyst analysts lawyer lawyers nurse nurses doctor doctors teacher
teachers engineer engineers adviser advisers advisor advisors caseworker caseworkers rep reps
handläggare läkare lärare sjuksköterskor säljare jurister förare""".split()
EXAMPLE_NOUNS = """example pair sample label annotation trajectory exempel par""".split()
GPU_WORDS = "gpu gpus card cards grafikkort".split()
NOUN_STEMS = {
    stem(w)
    for w in REQUEST_NOUNS
    + DOCUMENT_NOUNS
    + AUDIO_NOUNS
    + IMAGE_NOUNS
    + VIDEO_NOUNS
    + PEOPLE_NOUNS
    + EXAMPLE_NOUNS
    + GPU_WORDS
}
_KIND_STEMS = [
    (name, frozenset(stem(w) for w in words))
    for name, words in (
        ("audio", AUDIO_NOUNS), ("image", IMAGE_NOUNS), ("video", VIDEO_NOUNS),
        ("people", PEOPLE_NOUNS), ("example", EXAMPLE_NOUNS), ("document", DOCUMENT_NOUNS),
        ("request", REQUEST_NOUNS),
    )
]  # fmt: skip
NOUN_STEMS_ANY = NOUN_STEMS | {
    stem(w) for w in ("language", "språk", "minute", "hour", "token", "word")
}
DEVICE_WORDS = (
    r"\b(?:phones?|smartphones?|handsets?|tablets?|ipads?|laptops?|macbooks?|mbp|mac mini|mac studio|"
    r"m[1-4] (?:pro|max|ultra)|"
    r"raspberry|pi ?[345]|nuc|jetson|devices?|workstation|desktop|box|server|machine|"
    r"iphones?|android|pcs?|computers?|gpus?|v?cpus?|vcores?|(?:graphics|video) cards?|grafikkort|"
    r"(?:rtx|gtx)\s?a?\d{3,4}|geforce|radeon|quadro|"
    r"mobil(?:er|en)?|telefon(?:er)?|surfplattor?|dator(?:er|n)?)\b"
)


_INFLECTIONS = {"e", "a", "n", "r", "en", "er", "ar", "or", "na", "et"}


def _alike(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one the other plus a letter or two ("ärend"/"ärende")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and long[len(short) :] in _INFLECTIONS


@functools.lru_cache(maxsize=4096)  # a word's kind never changes; scans ask for the same ones
def kind_of(noun: str) -> str:
    """What a counted noun is: request, document, audio, image, video, people, example, ''."""
    if not noun:
        return ""
    s = stem(noun)
    if _PUBLISHED_RE.search(s):
        return ""  # a newsletter is what is sent out, not a letter that comes in
    for name, stems in _KIND_STEMS:
        if s in stems or any(_alike(s, known) for known in stems):
            return name
    if "-" in noun.strip("-"):
        return kind_of(
            noun.strip("-").rsplit("-", 1)[1]
        )  # "Word-filer", "PDF-filer": the last part
    # a Swedish compound names its kind last: "hjälpartiklar", "kundsamtal", "skadeanmälningar"
    for name, stems in _KIND_STEMS:
        if any(
            len(known) >= 5 and len(s) >= len(known) + 3 and s.endswith(known) for known in stems
        ):
            return name
    if m := _SHORT_HEAD_RE.search(s):
        return kind_of(m.group(1))  # "kundmejl", "supportmail": a short head of many compounds
    return ""


_PUBLISHED_RE = re.compile(r"newsletter|(?:nyhets|vecko|månads|medlems|informations)brev")
# short Swedish heads that end many compounds and hide in no other word ("profil" would, so
# "fil" is not one)
_SHORT_HEAD_RE = re.compile(r"^[a-zåäö]{3,}(mejl|mail|brev|chatt)(?:en|et|ar|arna|s)?$")


def same_thing(a: str, b: str) -> bool:
    return bool(a) and bool(b) and _alike(stem(a), stem(b))
