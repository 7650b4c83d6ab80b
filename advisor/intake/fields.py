"""One reader per questionnaire field: each takes the read text (its quantities, cues and task)
and returns a `Found` (the value, the words it came from, how it was worked out) or None.

The quantities decide by what they count: a rate of requests is the volume, a price per invoice
is a unit price and never the budget, calls times minutes each are audio minutes, tokens per
ticket are the input per request and the largest file is the context. `READERS` maps each
field's path (as in questionnaire.FIELDS) to its reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..catalog.currency import conversion_note, to_usd
from ..hardware import GPU_MEMORY_GB
from .cues import Cue, Signals, residency, signals
from .quantities import GPU_NAMES, PERIODS, Quantity, kind_of, same_thing, scan, stem
from .reading import an_example, owned_gpus
from .where import (
    SOURCE_OF_INPUT_RE,
    cpu_only,
    deployment,
    device,
    not_where_it_runs,
    owns_hardware,
    said_of_others,
    sentence_of,
)

# tasks that read each document whole (its size is the input of one request)
WHOLE_DOCUMENT_TASKS = ("summarization", "extraction", "classification", "translation")
_BUDGET_WORDS = re.compile(
    r"\b(?:budget\w*|spend|spending|afford|pay|paying|cap|capped|max(?:imum)?|up to|under|limit|"
    r"at most|no more than|cost(?:s)? (?:us|at most)|kosta|lägga|betala|högst|ha råd|råd med|"
    r"tak)\b",
    re.IGNORECASE,
)
_ONE_OFF = re.compile(
    r"\b(?:one[- ]off|one[- ]time|once|in total|total|for the (?:whole )?project|upfront|"
    r"engångs\w*|totalt)\b",
    re.IGNORECASE,
)
ZERO_BUDGET_RE = re.compile(
    r"no money|no budget|zero budget|can'?t pay|cannot pay|can'?t afford|free (?:only|of charge)|"
    r"\bfor free\b|nothing to spend|inga pengar|ingen budget|\bgratis\b|\butan pengar\b|"
    # ("free for our customers", "free to use": what the product is to its users, not the budget)
    r"\b(?:must|needs? to|has to|have to) be (?:completely |totally |entirely )?free\b"
    r"(?! of| from| for| to)|"
    # paying nothing as the rule, not as what is paid today ("we pay nothing for software right
    # now except Office 365")
    r"(?:\b(?:pay|paying) nothing|\bbetala[rs]? (?:inget|ingenting|inte))\b"
    r"(?![^.;!?]{0,40}\b(?:except|right now|currently|today|at the moment|utom|just nu|i dag|idag)\b)",
    re.IGNORECASE,
)
# "for free" and "gratis" say what something costs; they are the person's budget only where the
# person wants or needs it so ("any workaround to use it for free", "måste vara gratis"), not
# where an option is said to be free ("you can run it locally for free", "all for free in X")
_FREE_WANTED_BEFORE_RE = re.compile(
    r"\b(?:want|wants|need|needs|wish|must|has to|have to|any (?:way|workaround)|looking for|"
    r"would like|hoping|vill|behöver|måste|ska|skall)\b[^.;!?]{0,40}$",
    re.IGNORECASE,
)
# free as a wish, with something else allowed: "helst gratis eller nästan", "ideally free, or
# very cheap" (a cost priority, not a budget of nothing)
_FREE_WISHED_BEFORE_RE = re.compile(
    r"\b(?:helst|gärna|preferably|ideally|if possible|om möjligt|hopefully)\s+(?:\w+\s+)?$", re.I
)
# what a service gives for free: "we get 5,000 requests for free per month" (an offer)
_OFFERED_FREE_RE = re.compile(r"\d[\d,. ]*[kKmM]?\s+(?:[a-zåäö-]+\s+){0,2}$", re.IGNORECASE)
_FREE_OR_CHEAP_AFTER_RE = re.compile(
    r"\s*,?\s*(?:or|eller)\s+(?:\w+\s+)?(?:nearly|almost|close to|cheap|very cheap|nästan|billigt|"
    r"nära)\b",
    re.IGNORECASE,
)
_PERIOD_NAMES = {1: "a month", 30: "a day", 22: "a working day", 4.33: "a week",
                 1 / 12: "a year", 1 / 3: "a quarter", 730: "an hour"}  # fmt: skip


@dataclass
class Found:
    value: Any
    evidence: str  # the words the value was read from
    note: str = ""  # how it was worked out, when not read as written


@dataclass
class Read:
    """The text as the readers see it."""

    text: str
    task: str | None
    quantities: list[Quantity] = field(default_factory=list)
    signals: Signals = field(default_factory=Signals)
    unit_prices: list[Quantity] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)  # totals with no period, said not assumed

    @classmethod
    def of(cls, text: str, task: str | None) -> Read:
        quantities = scan(text)
        return cls(
            text=text,
            task=task,
            quantities=quantities,
            signals=signals(text),
            unit_prices=[q for q in quantities if q.is_unit_price],
        )

    def kind(self, name: str) -> list[Quantity]:
        return [q for q in self.quantities if q.kind == name]

    # Several readers ask where it runs and on what: each is read once per text.
    @cached_property
    def deployment(self) -> Cue | None:
        return deployment(self.text)

    @cached_property
    def device(self) -> Cue | None:
        return device(self.text)

    def before(self, q: Quantity, chars: int = 60) -> str:
        from .quantities import _clause_before

        return _clause_before(self.text, q.start, chars)


def _period_name(q: Quantity) -> str:
    return _PERIOD_NAMES.get(q.per_month, f"per {q.period}")


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.2g}"


# what each item has on average, said right before its figure: "2,000 chats a day, avg 5 turns",
# "1,000 conversations a day, each around 4 turns", "i snitt 6 frågor"
_AVERAGE_JUST_BEFORE_RE = re.compile(
    r"[,(]\s*(?:with\s+)?(?:an?\s+)?(?:avg|average|averaging|on average|typically|each|i snitt|"
    r"i genomsnitt|vardera)\b\.?\s*(?:of\s+)?(?:about|around|roughly|approx\w*|~|ca\.?|cirka|"
    r"ungefär|runt)?\s*$",
    re.IGNORECASE,
)


def _per_item_for(r: Read, count: Quantity, kind: str) -> Quantity | None:
    """The amount each of `count`'s items has ("~4 min each", "40 frågor per avtal",
    "interviews of 40 minutes"), after it in the same sentence."""
    for q in r.quantities:
        if q.kind != kind or q.start < count.end or q is count:
            continue
        if q.start - count.end > 80:
            break
        if re.search(r"[.;!?]\s", r.text[count.end : q.start]):
            break
        if (
            q.item == "each"
            or same_thing(q.item, count.unit)
            or _AVERAGE_JUST_BEFORE_RE.search(r.text[count.end : q.start])
        ):
            return q
    # "each call lasts about 4 minutes" before the count is rare; the item names it then
    for q in r.quantities:
        if q.kind == kind and q.item and same_thing(q.item, count.unit):
            return q
    return None


# -- volume --------------------------------------------------------------------------------------


def _words_just_before(r: Read, q: Quantity, chars: int = 40) -> str:
    """The words of `q`'s clause after the last other figure before it: what names this figure
    ("latency under 2 seconds for 50,000 queries": "under" names the seconds, not the queries)."""
    return re.split(r"\d", r.before(q, chars))[-1]


# money words: a figure without a currency after one of these is an amount of money
_MONEY_WORDS = re.compile(
    r"\b(?:budget\w*|spend|spending|spent|afford|pay|paying|paid|costs?|costing|price[sd]?|"
    r"priced|bill(?:ed)?|kosta\w*|lägga|lägger|betala\w*|ha råd|råd med|pris\w*)\b",
    re.IGNORECASE,
)


_SPEND_WORDS = re.compile(
    r"\b(?:budget\w*|spend|spending|afford|pay|paying|cost(?:s)? (?:us )?at most|kosta|lägga|"
    r"betala|ha råd|råd med)\b",
    re.IGNORECASE,
)


def _spent_not_budget(before: str) -> bool:
    """What is paid or costs today ("we pay", "support costs"), with no budget word after it."""
    spent = _SPENT.search(before)
    return (
        bool(spent)
        and not _BUDGET_WORDS.search(before[spent.end() :])
        and not re.search(r"\bbudget|\bafford|\bråd", before, re.I)
    )


def _counted_as(q: Quantity, r: Read) -> str:
    """What a count counts, as the readers group it."""
    kind = kind_of(q.unit)
    if not q.unit:
        named = _words_just_before(r, q)
        if _BUDGET_WORDS.search(named) or _MONEY_WORDS.search(named):
            return "budget"  # "support costs 40k a month" is money, not 40k requests
        if (m := _NOUN_JUST_BEFORE_RE.search(named)) and kind_of(m.group(1)) in _NAMED_BEFORE:
            return kind_of(m.group(1))  # "mockup images, around 40 per working day"
        return ""
    return kind or "other"


# the noun a bare figure counts, named just before it: "images, around 40 a day", "filer: ca 300"
_NOUN_JUST_BEFORE_RE = re.compile(
    r"\b([a-zåäö]{3,})\s*[,:(]?\s*(?:around|about|roughly|approximately|some|ca\.?|cirka|runt|"
    r"ungefär|typ|~)?\s*$",
    re.IGNORECASE,
)
_NAMED_BEFORE = ("image", "video", "audio")


_WORKING_DAYS_RE = re.compile(r"^(?:working|workdays?|business|arbetsdag\w*)$", re.IGNORECASE)
_DAYS_A_MONTH_RE = re.compile(
    r"\b(\d{1,2})\s+(?:working days?|workdays?|business days?|arbetsdagar)\b(?:\s+(?:a|per|each|"
    r"every|in a|i|om|varje)\s+(?:month|månad|månaden)\b)?",
    re.IGNORECASE,
)


def _per_month(r: Read, q: Quantity) -> float:
    """A rate's factor to a month, a day counted as the working days the text states ("22
    arbetsdagar i månaden") when it states them."""
    if q.per_month not in (30, 22):
        return q.per_month
    if (m := _DAYS_A_MONTH_RE.search(r.text)) and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    if q.per_month == 30 and _WEEKDAYS_ONLY_RE.search(r.text):
        return 22  # "working days only", "Monday to Friday": a day is a working day
    return q.per_month


_WEEKDAYS_ONLY_RE = re.compile(
    r"\b(?:working days|workdays|business days|weekdays) only\b|\bonly (?:on )?(?:working days|"
    r"workdays|business days|weekdays)\b|\bmon(?:day)?\s*(?:-|–|to|through)\s*fri(?:day)?\b|"
    r"\bendast vardagar\b|\bbara vardagar\b|\bmåndag(?:ar)?\s*(?:-|–|till)\s*fredag(?:ar)?\b",
    re.IGNORECASE,
)


_PEAK_RE = re.compile(
    r"\bpeaks?\b|\bat (?:the )?peak\b|\bbusiest\b|\bpeak (?:hours?|times?|days?)\b|\btopp\w*|"
    r"\bsom mest\b|\bburst\w*",
    re.IGNORECASE,
)


_CAPACITY_RE = re.compile(
    r"\b(?:limit\w*|quota|allows?|allowed|tier|plan|caps?|capped|throttl\w*|can handle|"
    r"capacity|gräns\w*|kvot|tillåter|\w*nivå(?:n|er|erna)?|abonnemang\w*|"
    r"free (?:up to|for (?:less|fewer) than|below|under)|"
    r"gratis (?:för )?(?:upp till|under|mindre än))\b"
    r"(?:(?!\b(?:but|men|which|vilket|while|medan)\b)[^.;!?])*$",
    re.IGNORECASE,
)
# said of the figure just after it: "the 50 calls per day is prohibitive", "... on our plan",
# "... we're allowed", "..., which isn't nearly enough"
_CAPACITY_AFTER_RE = re.compile(
    r"^[^.;!?]{0,30}?\b(?:(?:is|are)\s+(?:way\s+)?(?:prohibitive|too (?:few|low|little)|"
    r"(?:not|nowhere) (?:nearly )?enough|the (?:limit|cap|maximum|max))|(?:is|are)n'?t\s+"
    r"(?:nearly\s+|anywhere near\s+)?enough)\b|"
    r"^\s*(?:limit|cap|quota)\b|^\s*(?:on|in) (?:our|the|my|your) (?:\w+ )?(?:plan|tier|trial)\b|"
    r"^\s*(?:we'?re|we are|I'?m|I am) (?:allowed|given)\b",
    re.IGNORECASE,
)
_TRIAL_VOLUME_RE = re.compile(
    r"\b(?:benchmark\w*|test\w*|tried|load[- ]test\w*|stress[- ]test\w*|simulat\w*|"
    r"testade|provade)\b[^.;!?]*$",
    re.IGNORECASE,
)


def read_requests(r: Read) -> Found | None:
    """A rate of requests (or of documents, messages, calls handled), times the items each one
    has ("300 contracts a year, ~40 questions each" -> 1,000 a month)."""
    for q in r.quantities:
        if q.kind != "count" or not q.per_month:
            continue
        if q.vague:
            continue  # "a few thousand a month" is no figure (the corpus guidelines): asked
        if _WORKING_DAYS_RE.match(q.unit or ""):
            continue
        after = re.split(r"[,.;!?\n]", r.text[q.end : q.end + 25], maxsplit=1)[0]
        if _PEAK_RE.search(_words_just_before(r, q, 30) + " " + after):
            continue  # "peaks of 500 requests an hour": the busiest hour is no month's volume
        if q.per_month >= 730:
            continue  # a rate an hour is a speed or a busy hour: the hours a month are unknown
        named = r.before(q, 60)
        if re.match(
            r"\s*(?:for free|free|gratis)\b", r.text[q.end : q.end + 12], re.I
        ) or re.search(r"\bfor free\b", q.text, re.I):
            continue  # "we get 5,000 requests for free per month": what a plan offers
        if (
            _CAPACITY_RE.search(named)
            or _TRIAL_VOLUME_RE.search(named)
            or _CAPACITY_AFTER_RE.search(re.split(r"[.;!?\n]", r.text[q.end : q.end + 60])[0])
        ):
            continue  # what a plan allows or a limit caps, or what a test ran: no month's volume
        if said_of_others(r.text, q.text):
            continue  # "our competitor handles 1M chats a month"
        counted = _counted_as(q, r)
        if counted == "audio" and (
            r.task == "speech-to-text" or _per_item_for(r, q, "duration") is not None
        ):
            continue  # recordings are audio minutes, not requests, whoever records them
        people, asked = _whose_rate(r, q)
        if people:
            # "~500 employees, maybe 2 questions each per week", "varje anställd (ca 120 st)
            # ställer 10 frågor om dagen": people x their own rate
            factor = _per_month(r, q)
            monthly = people.value * q.value * factor
            note = (
                f"{_fmt(people.value)} {people.unit} x {_fmt(q.value)} {q.unit} each "
                f"{_period_name(q)}{_days_note(q, factor)} = {_fmt(monthly)} a month"
            )
            return Found(int(round(monthly)), f"{people.text} ... {q.text}", note)
        if asked:
            return None  # asked: the month's volume is this rate or this rate times the people
        if q.item:
            continue
        if counted in ("people", "image", "video", "example", "budget", "other"):
            continue
        if (
            counted == "document"
            and r.task in ("question-answering", "chat", "embeddings")
            and _per_item_for(r, q, "count") is None
        ):
            continue  # documents added to what answers are drawn from are no calls to the model
        if r.task == "speech-to-text" and (
            counted == "" or _per_item_for(r, q, "duration") is not None
        ):
            continue  # "60 st om dagen à 3 minuter": recordings dictated, their minutes counted
        factor = _per_month(r, q)
        monthly = q.value * factor
        note = ""
        if factor != 1:
            note = (
                f"{_fmt(q.value)} {q.unit or 'requests'} {_period_name(q)}{_days_note(q, factor)}"
                f" is {_fmt(monthly)} a month"
            )
        if each := _per_item_for(r, q, "count"):
            if kind_of(each.unit) in ("request", ""):
                monthly *= each.value
                note = (
                    f"{_fmt(q.value * factor)} {q.unit} a month x {_fmt(each.value)} "
                    f"{each.unit} each = {_fmt(monthly)}"
                )
        return Found(int(round(monthly)), q.text, note)
    return None


_TIMES_RE = re.compile(r"\s*(?:x|×|\*|times|gånger)\s*(?:~|ca\.?|about|around|ungefär)?\s*", re.I)


def _days_note(q: Quantity, factor: float) -> str:
    return f" x {_fmt(factor)} working days" if factor != q.per_month else ""


# "every morning", "each single day": times, not someone whose rate it is
_TIME_WORDS = set(PERIODS) | set(
    """morning mornings evening evenings night hour hours minute second time single other
    weekday weekend shift morgon kväll natt timme gång""".split()
)
_STOP_WORDS = set("at the and for with from about are was one som och med för till".split())


def _each_person_before(r: Read, q: Quantity) -> str:
    """ "each employee (about 120) asks 10 questions a day", "every caseworker sends 4 a day":
    the rate is every one's own; the noun named ("employee"), or "" when the rate is not said
    to be one's."""
    sentence = re.split(r"[.;!?]\s", r.text[: q.start])[-1]
    for m in re.finditer(r"\b(?:each|every|varje|per)\s+([a-zåäö]{3,})\b", sentence, re.I):
        noun = m.group(1)
        if kind_of(noun) == "people":
            return noun
        if (
            noun.lower() not in _TIME_WORDS | _STOP_WORDS
            and kind_of(noun) != "request"
            and not same_thing(noun, q.unit)  # "each report ..., 2 reports a month"
            and not re.search(r"[,;:(]", sentence[m.end() :])  # in the rate's own clause
        ):
            return noun
    return ""


def _population(r: Read, q: Quantity, person: str) -> Quantity | None:
    """The count of the people a per-person rate belongs to, said anywhere in the text: "we are
    a municipality of about 2,500 employees. Each employee asks 3 questions a week". A count of
    the same noun wins; otherwise the one count of people the text has. Two different counts
    of people leave it unknown."""
    counts = [c for c in r.kind("count") if not c.per_month and kind_of(c.unit) == "people"]
    same = [c for c in r.kind("count") if not c.per_month and same_thing(c.unit, person)]
    if len({c.value for c in same}) == 1:
        return same[0]
    if not same and kind_of(person) == "people" and len({c.value for c in counts}) == 1:
        return counts[0]
    return None


# "each" standing for the things just counted: "each gets", "each of them", "var och en"
_EACH_PRONOUN_RE = re.compile(
    r"\b(?:each|every one|each one|var och en|vardera)(?: of (?:them|these|those))?\s+"
    r"(?P<next>[a-zåäö][\w'-]*)",
    re.IGNORECASE,
)


# the next sentence opens with "each": the people just counted, one by one
_EACH_OPENS_NEXT_SENTENCE_RE = re.compile(
    r"[^.;!?]{0,30}[.;!?]\s+(?:each|every one|each one|var och en|vardera)\s+"
    r"(?:of (?:them|these|those)\s+)?(?P<next>[a-zåäö][\w'-]*)",
    re.IGNORECASE,
)


def _each_of_count_before(r: Read, q: Quantity) -> Quantity | None:
    """ "300 support agents, and each gets 20 questions a day", "1,000 stores; each of them sends
    5 orders a week": a count with no period, then "each" standing for its items in the same
    sentence, then a rate each item has. The rate is every counted item's own."""
    before = [c for c in r.kind("count") if c.end <= q.start and not c.per_month and c.unit]
    if not before:
        return None
    count = before[-1]
    if re.search(
        r"\b(?:each|every one|var och en|vardera) (?:of|av) (?:our|the|these|those|their|my|"
        r"våra|de|dessa|mina)?\s*$",
        r.text[max(0, count.start - 40) : count.start],
        re.IGNORECASE,
    ) and not re.search(r"[.;!?]\s", r.text[count.end : q.start]):
        return count  # "each of our 10 clerks handles 50 letters a day"
    between = r.text[count.end : q.start]
    if (
        kind_of(count.unit) == "people"
        and len(between) <= 80
        and (m := _EACH_OPENS_NEXT_SENTENCE_RE.match(between))
        and not re.search(r"[.;!?]\s", between[m.end() :])
        and (
            not kind_of(m.group("next"))
            or kind_of(m.group("next")) != "people"
            or same_thing(m.group("next"), count.unit)
        )
    ):
        return count  # "School district, 45 teachers. Each records 3 meetings a day"
    if re.search(r"[.;!?]\s", between) or len(between) > 80:
        return None
    m = _EACH_PRONOUN_RE.search(between)
    if not m or kind_of(m.group("next")):
        return None  # "each user asks": a noun after "each" names whose rate it is (read above)
    return count


def _whose_rate(r: Read, q: Quantity) -> tuple[Quantity | None, bool]:
    """(the count of people, or of things, a rate belongs to when it is each one's own; whether
    whose rate it is stays unknown, so that no month's figure is read and it is asked)."""
    people = _people_before(r, q)
    person = _each_person_before(r, q) or (q.item if kind_of(q.item) == "people" else "")
    if not (
        people
        and (
            q.item == "each"
            or people.item == "each"
            or person
            or _TIMES_RE.fullmatch(r.text[people.end : q.start])  # "20 analysts x 15 a day"
        )
    ):
        people = _each_of_count_before(r, q)
    if not people and person:
        people = _population(r, q, person)
        if not people:
            return None, True  # "each user sends 20 a day" and no count of users
    if people and people.vague:
        return None, True  # "a few thousand users, 3-5 questions a week each": how many?
    if people:
        return people, False
    return None, _whose_rate_unclear(r, q)


def _whose_rate_unclear(r: Read, q: Quantity) -> bool:
    """ "200 pupils asking 3 questions a week", "each sends 5 orders a week" with no count: a
    rate said in one clause with a count of people, or of "each" of something uncounted, may be
    every one's or all of theirs; neither is read."""
    clause = re.split(r"[.;:!?,\n]|\b(?:and|och)\b", r.text[max(0, q.start - 80) : q.start])[-1]
    if _each_of_count_before(r, q):
        return False
    if re.search(
        r"\b(?:each|every one|var och en|vardera)\b(?!\s+(?:month|week|day|year))", clause, re.I
    ):
        return True
    for people in r.kind("count"):
        if people.end <= q.start and q.start - people.end <= len(clause) and not people.per_month:
            if people.start >= q.start - len(clause) and kind_of(people.unit) == "people":
                return True
    return False


def _people_before(r: Read, q: Quantity) -> Quantity | None:
    """The count of people just before a rate each person has, in the same sentence. Where
    "each" says the rate is every one's own ("12 advisers each answer 40 chats a day", "20
    nurses asking 10 questions a week each"), a noun the readers do not know counts as people."""
    for people in reversed([p for p in r.kind("count") if p.end <= q.start]):
        if re.search(r"[.;!?]\s", r.text[people.end : q.start]) or q.start - people.end > 80:
            return None
        kind = kind_of(people.unit)
        if kind == "people" or (
            kind == "" and people.unit and not people.per_month and "each" in (q.item, people.item)
        ):
            return people
    return None


def read_audio_minutes(r: Read) -> Found | None:
    """Minutes of real recorded audio a month: a duration a month, or recordings times their
    length ("10k calls a month, each about 4 minutes" -> 40,000)."""
    if r.signals.spoken_input is False:
        return None  # the words were already text ("call minutes as text")
    for q in r.kind("count"):
        if kind_of(q.unit) not in ("audio", "video") and not (
            r.signals.spoken_input and q.per_month
        ):
            continue
        each = _per_item_for(r, q, "duration")
        if each is None:
            continue
        total = q.value * each.value
        per_month = _per_month(r, q) if q.per_month else each.per_month  # "20k calls, ~4 min each"
        if q.per_month:
            people, asked = _whose_rate(r, q)
            if asked:
                return None  # "each rep records 8 memos a day" with no count of reps: asked
            if people:
                # "35 reps, each records about 8 voice memos per working day, ~3 min each"
                monthly = people.value * total * per_month
                note = (
                    f"{_fmt(people.value)} {people.unit} x {_fmt(q.value * per_month)} {q.unit} "
                    f"a month x {_fmt(each.value)} minutes each = {_fmt(monthly)}"
                )
                return Found(round(monthly, 2), f"{people.text} ... {q.text} ... {each.text}", note)
        if per_month:
            monthly = total * per_month
            note = (
                f"{_fmt(q.value * per_month)} {q.unit} a month x {_fmt(each.value)} minutes "
                f"each = {_fmt(monthly)}"
            )
        else:
            # a batch with no period is no monthly figure: it is said, and the question asked
            r.batches.append(
                f"{_fmt(q.value)} {q.unit} x {_fmt(each.value)} minutes each = {_fmt(total)} "
                "minutes in all (no period given, so no monthly figure is assumed)"
            )
            continue
        return Found(round(monthly, 2), f"{q.text} ... {each.text}", note)
    if not r.signals.spoken_input and r.task != "speech-to-text":
        return None
    for q in r.kind("duration"):
        if _people_in_sentence_before(r, q):
            continue  # "1,000 users ... 25 minutes each day": every one's, or all of theirs?
        if q.per_month and (not q.item or kind_of(q.item) in ("audio", "video")):
            monthly = q.value * q.per_month
            note = (
                ""
                if q.per_month == 1
                else f"{_fmt(q.value)} minutes {_period_name(q)} is {_fmt(monthly)} a month"
            )
            return Found(round(monthly, 2), q.text, note)
    return None


def _people_in_sentence_before(r: Read, q: Quantity) -> bool:
    sentence = re.split(r"[.;!?]\s", r.text[: q.start])[-1]
    start = q.start - len(sentence)
    return any(
        kind_of(c.unit) == "people" and c.start >= start and c.end <= q.start
        for c in r.kind("count")
    ) or bool(
        re.search(
            r"\b(?:thousand|hundred|tusen|hundra)\s+(?:users|people|customers|"
            r"employees|användare|kunder)\b",
            sentence,
            re.I,
        )
    )


def read_images(r: Read) -> Found | None:
    """Images counted a month (phrases.read_images_made decides whether they are images made)."""
    for q in r.kind("count"):
        if q.per_month and q.per_month < 730 and not q.vague and _counted_as(q, r) == "image":
            return Found(int(round(q.value * _per_month(r, q))), q.text)
    return None


# -- money ---------------------------------------------------------------------------------------


def _not_a_budget(r: Read, q: Quantity) -> bool:
    """A price per item, what something costs or cost today, a one-off sum, credits or a
    subscription price: money that is not what the person may spend a month."""
    if q.is_unit_price:
        return True
    before = r.before(q, 60)
    after = r.text[q.end : q.end + 40]
    if (_ONE_OFF.search(r.text[q.start : q.end + 30]) and not q.per_month) or (
        _NOT_SPENDABLE_AFTER.match(after)
    ):
        return True  # "$5k one-time"; "$1,000/month in total" is still a month's
    named = re.split(r"\d", before)[-1]  # the words that name this figure
    once = _ONE_OFF.search(named)
    if once and q.per_month and once.group(0).lower() in ("total", "totalt", "in total"):
        once = None  # "our total budget is $500 a month": a month's total
    if once or _EARNED.search(named):
        return True  # "budget for the whole project is $20,000", "earns $8,000 a month"
    if re.search(
        r"\b(?:plan|tier|subscription|abonnemang\w*|prenumeration\w*|(?:free )?trial|provperiod\w*)\b",
        named,
        re.I,
    ):
        return True  # "our Pro plan at $20/month", "the free trial limit (18$)": a plan's figure
    clause_after = re.split(r"[.;!?,]", after, maxsplit=1)[0]
    if _NOW.search(named + " " + clause_after) and not re.search(
        r"\bbudget|\bafford|\bråd\b|\bcan (?:spend|pay)\b", named, re.I
    ):
        return True  # "hosting is $50 a month today": what it costs now, not what may be spent
    if (
        per := re.search(
            r"\bper\s+(?!month|year|week|day|månad|år|vecka|dag)[a-zåäö]{3,}\b[^.;,]*$",
            before,
            re.I,
        )
    ) and not _price_owns(r, q.start - len(before) + per.start()):
        # "cost per email must stay under $0.01": a unit price; "5 kr per call and max 3 000 kr
        # a month": the "per call" is the 5 kr's
        return True
    if re.search(r"\b(?:paid|spent|cost me|cost us|betalade|kostade|la vi)\b", before, re.I):
        return True  # what was paid is history, not a budget
    if not q.per_month and re.search(
        r"\b(?:hit|reached|exceeded|maxed out)\s+(?:the|my|our|an?)\s+(?:(?!budget)[\w-]+\s+)?"
        r"(?:limit|cap|quota)\s*(?:of|\(|:)?\s*$",
        before,
        re.I,
    ):
        return True  # "hit the OpenAI limit of 120 Dollar": the limit reached, named once
    if re.search(
        r"\b(?:comes? to|came to|amounts? to|adds? up to|works? out (?:to|at)|would cost|will cost|"
        r"estimated? (?:at|to)|landar på|blir det)\s*(?:about|around|roughly|~|ca\.?)?\s*$",
        before,
        re.I,
    ):
        return True  # "the quick math comes to ~$10k/year": a cost worked out, not a budget
    if re.search(
        r"\b(?:we|i|they|the company|vi|jag)\s+(?:currently\s+|already\s+|now\s+|today\s+|"
        r"just\s+|idag\s+|redan\s+)?(?:spend|lägger)\b(?![^.;!?]*\b(?:max|up to|at most|högst)\b)",
        before,
        re.I,
    ):
        return True  # "we spend $500 a month on Zendesk": what is spent now, with no modal
    spent = _SPENT.search(before)
    return (
        bool(spent)
        and not _BUDGET_WORDS.search(before[spent.end() :])
        and not re.search(r"\bbudget", before, re.I)
    )


def _price_owns(r: Read, at: int) -> bool:
    """Whether the words at `at` belong to a price read before them ("2 cents per description"),
    not a count ("3 calls per ticket")."""
    return any(price.start <= at < price.end for price in r.kind("money") if price.is_unit_price)


# what is paid today, a price or a cost estimate ("the API costs $155 per day", "we pay 4 000 kr")
_SPENT = re.compile(
    r"\b(?:costs?|costing|cost (?:me|us)|pay(?:ing)?|paid|spent|spending|charges?|charged|quoted|"
    r"priced|save[sd]?(?: us)?|result in|worth|billed|bill|kostar|kostade|betalar|betalade|"
    r"offert|lägger|price|pris|offers?|offering|gives?|giving|give away|grants?|erbjuder|ger)\b",
    re.IGNORECASE,
)
# money coming in: a salary, revenue, what is sold
_EARNED = re.compile(
    r"\b(?:earn\w*|salar\w*|wages?|revenue|income|turnover|sells?|selling|sold|mrr|arr|lön\w*|"
    r"pays? us|paid us|pays? me|paid me|betalar oss|betalar mig|"
    r"omsät\w*|intäkt\w*|säljer|tjänar)\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(?:today|currently|right now|at the moment|nowadays|idag|i dag|för närvarande|just nu)\b",
    re.IGNORECASE,
)
_NOT_SPENDABLE_AFTER = re.compile(
    r"\W{0,3}(?:\+\s*)?(?:spent|worth|subscription|plans?|tiers?|abonnemang|in credits|of credits|"
    r"credits|one[- ]time|"
    r"upfront|gpu|card|laptop|server|machine|box|prenumeration|investment|invested|purchase|"
    r"investering)\b",
    re.IGNORECASE,
)


# "we pay $2,000/month ... want to cut that in half": the half is what may be spent
_HALVED_RE = re.compile(
    r"\b(?:cut|reduce|bring down|lower)\s+(?:that|it|this|the (?:bill|cost|spend)|costs?|our "
    r"(?:bill|costs?|spend))\s+(?:in half|by half|by 50 ?%)|\bhalve\b|\bhalved\b|\bhalvera\w*|"
    r"\b(?:pay|spend) half (?:that|as much)\b|\bner till (?:hälften|halva)\b|\bhalva kostnaden\b",
    re.IGNORECASE,
)


# a spend imagined or feared, with no period: no budget
_HYPOTHETICAL_SPEND_RE = re.compile(
    r"\b(?:won'?t|wouldn'?t|accidentally|by mistake|if (?:they|someone|people|you)|could end up|"
    r"might|råkar|av misstag)\b",
    re.IGNORECASE,
)


def read_budget(r: Read) -> Found | None:
    """The budget a month in USD: money with a period, or money named as a budget; a price per
    item ("$0.25 per invoice", "30 cents each") is never the budget, nor is what something
    costs today or a one-off sum, unless the person wants that spend halved."""
    if m := next(
        (
            m
            for m in ZERO_BUDGET_RE.finditer(r.text)
            if not _FREE_WISHED_BEFORE_RE.search(r.text[max(0, m.start() - 30) : m.start()])
            and not _FREE_OR_CHEAP_AFTER_RE.match(r.text, m.end())
            and not _OFFERED_FREE_RE.search(r.text[max(0, m.start() - 40) : m.start()])
            and (
                m.group(0).lower() not in ("for free", "gratis")
                or _FREE_WANTED_BEFORE_RE.search(r.text[max(0, m.start() - 60) : m.start()])
            )
        ),
        None,
    ):
        return Found(0.0, m.group(0))
    if halved := _HALVED_RE.search(r.text):
        spent = [q for q in r.kind("money") if q.per_month and not q.is_unit_price]
        if len(spent) == 1:
            q = spent[0]
            found = _budget_found(q.value / 2, q.unit, q.per_month, q.period, q.text, False)
            found.note = "; ".join(
                filter(None, [f"half of {q.text.strip()} ({halved.group(0)})", found.note])
            )
            return found
    for q in r.kind("money"):
        if _not_a_budget(r, q):
            continue
        before = r.before(q, 50)
        if not q.per_month and not _BUDGET_WORDS.search(before):
            continue
        if q.per_month and not _said_as_allowance(r, q):
            continue  # "$15/mo gets you ChatGPT", "hosted ML (~$200/mo at our volume)": a price
        if not q.per_month and _HYPOTHETICAL_SPEND_RE.search(before + r.text[q.end : q.end + 40]):
            continue  # "so people won't accidentally spend $500 if they miscalculate"
        return _budget_found(
            q.value,
            q.unit,
            q.per_month or 1,
            q.period,
            q.text,
            q.unit == "SEK" and re.search(r"\bkr\b", q.text, re.I),
        )
    # an amount standing alone in a list of facts ("..., 50,000 questions a month, $300")
    for q in r.kind("money"):
        alone = re.search(r"(?:^|[,;:.\n])\s*$", r.text[: q.start]) and re.match(
            r"\s*(?:$|[,;.\n])", r.text[q.end :]
        )
        if (
            alone
            and len(r.text.split()) > 6
            and not any(c.per_month for c in r.quantities if c is not q)
        ):
            # in a longer text, a sum alone with no workload a month beside it may be a one-off;
            # a sum that is the whole message ("rather $400") answers the budget question
            alone = None
        if alone and not _not_a_budget(r, q):
            found = _budget_found(q.value, q.unit, 1, "", q.text, q.unit == "SEK")
            found.note = (
                found.note + "; " if found.note else ""
            ) + "no period given: read as a month"
            return found
    # "budget of 800 a month": a budget word and a figure without a currency, read as dollars
    # a bound alone ("under", "max", "up to") may bound anything: only a word for spending names
    # a budget, and what something costs or was paid is no budget
    for q in r.kind("count"):
        named = _words_just_before(r, q)
        if not q.unit and _SPEND_WORDS.search(named) and not _spent_not_budget(named):
            found = _budget_found(q.value, "USD", q.per_month or 1, q.period, q.text, False)
            found.note = (
                found.note + "; " if found.note else ""
            ) + "no currency named: read as US dollars"
            return found
    return None


# what one has, may or will spend: "we have 6 000 euro per kvartal", "$40/month tops"
_ALLOWANCE_RE = re.compile(
    r"\b(?:we|i|vi|jag) (?:have|has|got|har)\b|\btops\b|\bwilling\b|\bokay with\b|"
    r"\bfine with\b|\ballowed\b|\bmax\b|\bfår\b|\bkan vi\b|\bhar vi\b|\bmore than\b|"
    r"\bmer än\b|\bnot more\b|\binte mer\b|\btarget\b|\bgoal\b|\bmål\b|\bhelst\b|"
    r"\bgo(?:ing)? over\b|\bexceed\w*|\bgå över\b|\növerstiga\b",
    re.IGNORECASE,
)
# what one would pay for the thing wanted: "ca 2 000 kr/mån för en bot som svarar på frågor"
_FOR_A_THING_AFTER_RE = re.compile(
    r"\s*(?:total|totalt)?\s*(?:for|för)\s+(?:a|an|en|ett|något|something|some)\b", re.I
)


def _said_as_allowance(r: Read, q: Quantity) -> bool:
    """Whether money a period is said as what the person may or does spend: a word for a budget,
    spending or paying, a cap, or what one has, in its sentence, and not given as an example
    ("a team with a configured budget (e.g. $1,200/month)"). Money a period said only as what
    something costs or gets ("$15/mo gets you ChatGPT") is a price, not a budget."""
    start = max((m.end() for m in re.finditer(r"[.;!?\n](?:\s|$)", r.text[: q.start])), default=0)
    end = re.search(r"[.;!?\n](?:\s|$)", r.text[q.end :])
    sentence = r.text[start : q.end + (end.start() if end else len(r.text))]
    if an_example(r.text, q.start, q.end):
        return False
    return bool(
        len(r.text.split()) <= 12  # a terse request: "Classify tickets for 3 000 kronor per månad"
        or _BUDGET_WORDS.search(sentence)
        or _ALLOWANCE_RE.search(sentence)
        or (
            # the figure opens what is said, then what it is for
            re.fullmatch(
                r"\W*(?:ca\.?|about|around|roughly|runt|ungefär|max)?\s*",
                r.text[start : q.start],
                re.I,
            )
            and _FOR_A_THING_AFTER_RE.match(r.text, q.end)
        )
    )


def _budget_found(
    amount: float, currency: str, per_month: float, period: str, text: str, kr: Any
) -> Found:
    monthly = amount * per_month
    notes = []
    if per_month != 1:
        notes.append(
            f"{amount:,.0f} {currency} {_PERIOD_NAMES.get(per_month, 'per ' + period)} is "
            f"{monthly:,.0f} {currency} a month"
        )
    if currency != "USD":
        suffix = " (kr read as Swedish kronor)" if kr else ""
        notes.append(conversion_note(monthly, currency) + suffix)
        monthly = to_usd(monthly, currency)
    return Found(round(monthly, 2), text, "; ".join(notes))


def unit_price_notes(r: Read) -> list[str]:
    return [
        f"{q.text.strip()} is a price per {q.item if q.item != 'each' else 'item'}, not a budget"
        for q in r.unit_prices
    ]


# -- documents and sizes -------------------------------------------------------------------------

# collections whose pages are its documents ("our 5,000-page wiki")
_SITES = {
    "wiki",
    "site",
    "website",
    "intranet",
    "helpcenter",
    "confluence",
    "sharepoint",
    "webbplats",
}


# a count tried, tested or supposed, not the documents the person has
_NOT_THE_COLLECTION = re.compile(
    r"\b(?:test\w*|tried|trying|try|worked (?:for|with)|if|om (?:vi|jag|man|det)|ifall|testade|"
    r"provade|when|whenever|once|as soon as|after|när|efter)\b[^.;!?,]*$",
    re.IGNORECASE,
)


# documents one answer uses ("cite 3 documents per answer", "the top 5 documents", "2 PDFs at a
# time", "högst 3 dokument per svar"): what retrieval passes on, not the collection
_PER_ANSWER_BEFORE = re.compile(
    r"\b(?:top|cite[sd]?|citing|quote[sd]?|at most|up to|högst|max(?:imum)?)\s+$", re.IGNORECASE
)
_PER_ANSWER_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:(?:per|for (?:each|every|one|a)|in each|with each|to each|each|every|"
    r"varje|per|i varje|till varje)\s+(?:answer|question|request|query|reply|response|prompt|call|"
    r"turn|svar|fråga|förfrågan|anrop)\b|at a time|at once|åt gången|på en gång|"
    # "3 documents with each application": so many for every item of work, whatever it is called
    r"(?:with|for|in|to|med|för|till|i)\s+(?:each|every|varje|var)\s+(?!about\b|around\b)[a-zåäö]{3,})",
    re.IGNORECASE,
)
# a wiki, a site, an intranet is a collection of pages, not one document ("2 wikis")
_COLLECTION_NOUNS = {"wiki", "wikis", "wikin", "wikier"}
_RANKED_AFTER = re.compile(r"[\d\s.,~]*\d\s+(?:most|best|mest|bäst)\s+\w+", re.IGNORECASE)


def _per_answer(r: Read, q: Quantity) -> bool:
    """A count of documents that one answer uses, read from the words around it."""
    sentence_after = re.split(r"[.;!?]\s", r.text[q.start : q.end + 80])[0][q.end - q.start :]
    return bool(
        _PER_ANSWER_BEFORE.search(r.text[max(0, q.start - 20) : q.start])
        or _RANKED_AFTER.match(r.text[q.start : q.end + 40])
        or _PER_ANSWER_AFTER.match(sentence_after)
        or re.search(
            r"\b(?:for|per|each|every|varje)\s+(?:answer|question|request|query|reply|svar|fråga)\b",
            r.before(q, 40),
            re.IGNORECASE,
        )
    )


# "3 model files", "12 config files", "40 audio files": files of software or media, not documents
_NOT_A_DOCUMENT_KIND = re.compile(
    r"\b(?:model|weights?|config\w*|log|checkpoint|source|code|binary|python|audio|video|image|"
    r"sound|music|wav|mp3|mp4|gguf|safetensors|bin|ljud|video|bild)\b",
    re.IGNORECASE,
)
# "1,200 annotated contracts": labelled examples, not the collection answers come from
_ANNOTATED_BEFORE = re.compile(r"\b(?:annotated|label+ed|tagged|märkta|annoterade)\b", re.I)


def _restated(r: Read, q: Quantity) -> Quantity | None:
    """ "thousands of PDFs (around 100k, ...)": a vague count is no figure, but a figure in the
    parentheses right after it restates it; otherwise None ("tens of thousands of files")."""
    m = re.match(r"[^.;!?(]{0,30}\(\s*([^)]{1,40})", r.text[q.end :])
    if not m:
        return None
    from .quantities import NUMBER_RE, _number_of

    number = NUMBER_RE.search(m.group(1))
    if not number or not number.group("num"):
        return None
    low, high, *_ = _number_of(number)
    value = (low + high) / 2
    return Quantity(**{**q.__dict__, "value": value, "low": low, "high": high, "vague": False})


def read_documents(r: Read) -> Found | None:
    """How many documents: a count of document nouns with no rate (a rate is throughput);
    pages and sizes are sizes, not documents, and documents one answer uses are not the
    collection (phrases.read_document_count sets batches apart)."""
    counts = [
        q
        for q in r.kind("count")
        if kind_of(q.unit) == "document"
        and not q.per_month
        and not q.item
        and q.unit.lower() not in _COLLECTION_NOUNS
        and not _per_answer(r, q)
        and not (stem(q.unit) in ("page", "sid") or q.unit in ("sidor", "pages", "page"))
        and not _NOT_THE_COLLECTION.search(r.before(q, 60))
        and (q.text[:1].isdigit() or q.value > 1)  # "a single document": no collection's size
        # "more than 5 files", "up to 3 PDFs": a limit, not the collection ("over" may be "across")
        and not re.search(
            r"\b(?:more|fewer|less) than\s*$|\b(?:at least|at most|up to|upp till|"
            r"minst|högst)\s*$",
            r.text[max(0, q.start - 15) : q.start],
            re.I,
        )
        and not _ANNOTATED_BEFORE.search(r.text[q.start : q.end])
        and not _NOT_A_DOCUMENT_KIND.search(r.text[q.start : q.end])
    ]
    counts = [_restated(r, q) if q.vague else q for q in counts]
    counts = [q for q in counts if q is not None]
    if counts:
        if len({q.value for q in counts}) > 1:
            return None  # "2,500 files now, 10k to come": which one is asked
        return Found(int(counts[0].value), counts[0].text)
    for q in r.kind("size"):
        if q.item in _SITES and "page" in q.text.lower():
            return Found(
                int(q.low / 500), q.text, "each page of a wiki or site read as one document"
            )
        # "vår produktmanual på 300 sidor", "our manual of 300 pages": the one document they have
        if re.search(
            r"\b(?:our|a|an|one|the|vår|vårt|en|ett)\s+(?:[\w-]+\s+){0,2}?[\w-]*(?:"
            + _ONE_DOCUMENT_NOUNS
            + r")\w*\s+(?:på|of|with|om|med)\s+(?:about\s+|ca\.?\s+|ungefär\s+|~)?$|"
            # "the product manual (PDF, 4 MB)": its size in brackets after its name
            r"\bthe\s+(?:[\w-]+\s+){0,2}?\w*(?:" + _ONE_DOCUMENT_NOUNS + r")\w*\s*\([^()]{0,20}$",
            r.before(q, 50),
            re.IGNORECASE,
        ):
            return Found(1, q.text)
        # "our product has a 120 kB manual", "our 150-page handbook": the one document they have
        plural = re.search(r"(?:s|er|ar|or)$", q.item or "", re.I) and not re.search(
            r"(?:policy|dokument)$", q.item or "", re.I
        )
        if (
            kind_of(q.item) == "document"
            and not plural
            and re.search(
                r"\b(?:our|has an?|have an?|with an?|there is an?|one|a single|vår|vårt|har en|"
                r"(?:from|about|over|on|with|in) the|"
                r"(?:ingested|uploaded|loaded|indexed|added) an?|"
                r"har ett|en enda|ett enda)\s*$",
                r.before(q, 20),
                re.IGNORECASE,
            )
        ):
            return Found(1, q.text)
    return None


# the one document a job answers from or works against, named with its size
_ONE_DOCUMENT_NOUNS = (
    r"manual|handbook|document|doc|book|policy|guide|faq|price ?list|spreadsheet|sheet|"
    r"handbok|dokument|bok|prislista|ark|kalkylark"
)


_CONTEXT_WORDS = re.compile(
    r"\b(?:at once|in one go|in one pass|whole|entire|context|single input|largest|longest|"
    r"biggest|up to|in full|hela|på en gång|största|längsta)\b",
    re.IGNORECASE,
)
_REQUEST_ITEMS = {
    stem(w)
    for w in "request prompt query question message ticket email call conversation chat input turn fråga ärende meddelande".split()
}


# what the model writes: "a one-page summary", "200-word replies" size the output, not an input
_OUTPUT_ITEMS = {
    stem(w) for w in "summary reply answer response draft output sammanfattning svar".split()
}
# what is sent in, said just before its size: "each transcript we feed in is about 9,000 words"
_SENT_IN_RE = re.compile(
    r"\b(?:we|i|you|vi|jag)\s+(?:feed|send|paste|pass|upload|give|skickar|klistrar|matar)\w*"
    r"(?:\s+(?:in|into it|it|in i den))?\s+(?:is|are|will be|would be|är|blir)?\s*"
    r"(?:about|around|roughly|approximately|up to|ca\.?|cirka|ungefär|runt|typ)?\s*$",
    re.IGNORECASE,
)


def _counted_just_before(r: Read, q: Quantity) -> Quantity | None:
    """The count just before `q` in its sentence ("40 remissvar i kvartalet, 10-30 sidor styck")."""
    counts = [c for c in r.kind("count") if c.end <= q.start]
    if not counts or re.search(r"[.;!?]\s", r.text[counts[-1].end : q.start]):
        return None
    return counts[-1] if q.start - counts[-1].end <= 40 else None


def _size_role(r: Read, q: Quantity) -> str:
    """What a size is the size of: "request" (one call's input), "document" (one document,
    read whole or not), "window" (the context window of the model in use), or "" (a corpus,
    an output or unknown)."""
    if q.per_month:
        return ""  # "2M tokens a month" is throughput, not one input
    item = q.item
    if item and stem(item) in _OUTPUT_ITEMS:
        return ""
    if item.lower() in ("context", "context window", "kontext"):
        # "with the 128K of context", "a 32k context window": the window of the model in use,
        # when the text names only one (several are models compared)
        windows = {c.value for c in r.kind("size") if c.item.lower() == item.lower()}
        return "window" if len(windows) == 1 and not said_of_others(r.text, q.text) else ""
    if item == "each" and (counted := _counted_just_before(r, q)) is not None and counted.per_month:
        return "request"  # "40 remissvar i kvartalet, 10-30 sidor styck": each one sent in one
    if not item and _SENT_IN_RE.search(r.before(q, 40)):
        return "request"
    if item and stem(item) in _REQUEST_ITEMS:
        return "request"
    if ((item and kind_of(item) == "document") or item == "each") and _ONE_PER_REQUEST_RE.search(
        r.text
    ):
        return "request"  # "we send one file per call", "one contract at a time"
    volume = read_requests(r)
    if item and volume and any(same_thing(item, c.unit) for c in r.kind("count") if c.per_month):
        return "request"  # "500 contracts a month, each about 40 pages": one contract a request
    if item and (kind_of(item) in ("document", "request") or item == "each"):
        return "document"
    if item and item not in _TIME_WORDS and _PAGES_OR_WORDS_RE.search(q.text):
        return "document"  # "varje utredning är på 100-150 sidor": a thing of pages is a text
    if not item and _CONTEXT_WORDS.search(r.text[max(0, q.start - 60) : q.end + 40]):
        return "document"
    return ""


_PAGES_OR_WORDS_RE = re.compile(r"\b(?:pages?|sidor|sida|sid|words?|ord)\b", re.IGNORECASE)
# one document to each request: its size is what a request sends
_ONE_PER_REQUEST_RE = re.compile(
    r"\b(?:one|a single|en|ett)\s+(?:[\w-]+\s+)?(?:per|each|with each|i varje|per varje)\s+"
    r"(?:call|request|prompt|query|question|anrop|förfrågan|fråga)\b|"
    r"\bone (?:[\w-]+ ){0,2}at a time\b|\b(?:en|ett) (?:[\w-]+ ){0,2}i taget\b",
    re.IGNORECASE,
)


# no model reads more than this at once: a bigger "size" is a collection or a disk
MAX_SINGLE_INPUT = 10_000_000
_RETRIEVED_RE = re.compile(
    r"\b(?:ingest\w*|index(?:ing|ed|es)?|rag|retriev\w*|vector (?:store|database|db)|embedd\w*)\b",
    re.IGNORECASE,
)


# the text says documents are read whole, wherever it says so
_READ_WHOLE_RE = re.compile(
    r"\b(?:read|reads|process|analy[sz]e|pass|send|feed|fit|läsa|läser)\w*\s+(?:the\s+|each\s+|every\s+|"
    r"hela\s+)?(?:whole|entire|full|hela)\b|\bin (?:one|a single) (?:go|pass|prompt|request)\b|"
    r"\bat once\b|\bpå en gång\b",
    re.IGNORECASE,
)


def read_context(r: Read) -> Found | None:
    """The largest single input in tokens: the top of a size per request or per document."""
    best: tuple[float, Quantity] | None = None
    for q in r.kind("size"):
        role = _size_role(r, q)
        if not role or q.high > MAX_SINGLE_INPUT:
            continue
        if role == "window":
            return Found(int(q.value), q.text)
        if role == "document" and _RETRIEVED_RE.search(r.text):
            continue  # documents ingested or indexed are retrieved from, not read whole
        if (
            role == "document"
            and r.task in ("question-answering", "chat")
            and not (
                re.search(
                    r"\b(?:each|every|varje|largest|longest|största|längsta|whole|entire|hela)\b",
                    r.text[max(0, q.start - 60) : q.start],
                    re.IGNORECASE,
                )
            )
        ):
            continue  # a manual behind a Q&A bot is retrieved from, not read whole
        if (
            role == "document"
            and r.task not in WHOLE_DOCUMENT_TASKS
            and not _CONTEXT_WORDS.search(r.text[max(0, q.start - 60) : q.end + 40])
            and not _READ_WHOLE_RE.search(r.text)
        ):
            continue  # "40 policies, each around 10 pages" with no job named: read whole or not?
        if best is None or q.high > best[0]:
            best = (q.high, q)
    if best is None:
        return None
    q = best[1]
    note = (
        ""
        if q.unit == "token" and q.low == q.high and "token" in q.text.lower()
        else (
            f'"{q.text.strip()}" read as about {best[0]:,.0f} tokens (a word ~1.3 tokens, a page ~500, a kB ~250)'
        )
    )
    return Found(int(best[0]), q.text, note)


def read_input_tokens(r: Read) -> Found | None:
    """Tokens a request sends: a size per request, or a document's size where each request
    reads one document whole."""
    for q in r.kind("size"):
        role = _size_role(r, q)
        if q.high > MAX_SINGLE_INPUT or (role == "document" and _RETRIEVED_RE.search(r.text)):
            continue
        if role == "request" or (role == "document" and r.task in WHOLE_DOCUMENT_TASKS):
            note = (
                ""
                if q.low == q.high
                else f"the range {q.text.strip()} read as its middle, {q.value:,.0f} tokens"
            )
            return Found(int(q.value), q.text, note)
    return None


# -- hardware ------------------------------------------------------------------------------------


def read_owned_gpus(r: Read) -> Found | None:
    for q in r.kind("gpu"):
        clause = r.before(q, 60) + r.text[q.start : q.end + 30]
        name = q.unit
        if name not in GPU_MEMORY_GB or not owns_hardware(clause):
            continue
        sentence = sentence_of(r.text, q.text)
        if _BUYING_RE.search(sentence):
            continue  # GPUs to buy or choose between are not the GPUs the person has
        if (
            re.match(r"[^.!?\n]*\?", r.text[q.end :])
            and re.search(r"\b(?:would|could|should|worth)\b", sentence, re.I)
            and re.search(
                r"\b(?:an?|one)\s+(?:nvidia\s+)?(?:[a-z]+\d|\d)",
                r.text[max(0, q.start - 12) : q.end],
                re.I,
            )
        ):
            continue  # "would an H100 be worth it?": a GPU asked about, not one the person has
        note = (
            f"{name.split('-')[0]} read as the 80 GB version"
            if name.endswith("-80GB") and "80" not in q.text
            else ""
        )
        return Found(f"{int(q.value)}x {name}", q.text, note)
    if (owned := owned_gpus(r.text)) and not _BUYING_RE.search(r.text):
        return Found(owned[0], owned[0], "; ".join(owned[1]))
    if m := _GPU_LISTING_RE.search(r.text):
        # a system's own listing ("GPU 0-7: Tesla V100-PCIE-32GB"): the GPUs it has
        first, last = int(m.group(1)), int(m.group(2))
        name = GPU_NAMES.get(re.sub(r"[ -]+", "", m.group(3).lower()), "")
        if name and 0 <= first < last < 64:
            name = f"{name}-{m.group(4) or '80'}GB" if name in ("A100", "H100") else name
            return Found(f"{last - first + 1}x {name}", m.group(0))
    return None


_BUYING_RE = re.compile(
    r"\b(?:buy|buying|purchas\w*|considering|thinking (?:of|about)|planning to (?:buy|get)|"
    r"(?:should|would) (?:i|we) (?:get|buy|go for|choose|pick)|which (?:one|is better)|"
    r"köpa|köper|överväger)\b",
    re.IGNORECASE,
)


_GPU_LISTING_RE = re.compile(
    r"\bGPUs?\s+(\d+)\s*[-–]\s*(\d+)\s*:\s*(?:nvidia\s+)?(?:tesla\s+)?(a100|h100|h200|l40s|l4|a10g|"
    r"rtx[ -]?4090|rtx[ -]?3090|v100|t4)(?:[- ]\w+)*?(?:[- ](40|80)\s*gb)?\b",
    re.IGNORECASE,
)


# memory in use, left over, or a model's size: not what the machine has
# a model's or a file's size: "the model file is 4.1 GB", "weights take 14 GB"
_MODEL_SIZE_BEFORE = re.compile(
    r"\b(?:model|models|file|files|weights|checkpoint|gguf|quant\w*|download|modellen|filen)\s+"
    r"(?:[\w.-]+\s+){0,2}?(?:is|are|was|takes?|weighs?|needs?|of|är|tar)\s+(?:about|around|roughly|"
    r"only|just|~|ca\.?|ungefär)?\s*$|"
    # a model or file with its size in brackets: "the docsgpt-model (12 GB)"
    r"\b[\w.-]*(?:model|weights|checkpoint|gguf|file)s?\s*\(\s*(?:about|around|~|ca\.?)?\s*$",
    re.IGNORECASE,
)
_MEMORY_USED_BEFORE = re.compile(
    r"\b(?:used?|uses|using|takes?|took|load(?:s|ed)?|needs?|requires?|leaving|of which|"
    r"consum\w*|fits? in|använder|tar|kräver)\s+(?:about|around|roughly|approximately|up to|"
    r"only|just|~|ca\.?|ungefär)?\s*$",
    re.IGNORECASE,
)
_MEMORY_USED_AFTER = re.compile(
    # ("1.5GB is too much for mobile devices": a size weighed against a device, not its memory)
    r"\s*(?:\w+\s+)?(?:model|available|free|left|ledigt)\b|\s*(?:is|är) (?:way |far |much )?"
    r"(?:too (?:much|big|large|heavy)|för (?:mycket|stor))\b",
    re.I,
)


_SERVER_NAMED_RE = re.compile(r"\b(?:servers?|vps|box|instances?|rack|servrar)\b", re.IGNORECASE)


def read_device_memory(r: Read) -> Found | None:
    """The memory of the machine it runs on; memory in use or a model's size is not it, and
    two different sizes (a machine now and one considered) leave it unset."""
    stated = [
        q
        for q in r.kind("memory")
        if not _MEMORY_USED_BEFORE.search(r.before(q, 40))
        and not _MODEL_SIZE_BEFORE.search(r.before(q, 40))
        and not _MEMORY_USED_AFTER.match(r.text, q.end)
        and not q.bound  # "at least 24 GB", "up to 512 GB": a need or a range on offer
    ]
    stated = [
        q
        for q in stated
        if _memory_of_where_it_runs(r, q)
        and not _COMMAND_FLAG_RE.search(r.text[max(0, q.start - 12) : q.start])
    ]
    if len({round(q.value, 1) for q in stated}) != 1:
        return None
    others = [
        next(g for g in m.group("gb", "gb2", "gb3", "gb4") if g)
        for m in _OTHER_MEMORY_RE.finditer(r.text)
    ]
    if any(abs(float(gb) - stated[0].value) > 0.5 for gb in others):
        return None  # "a 12GB 3060 ... 32GB ram": two memories, which one the model has is asked
    if (_DISCRETE_GPU_RE.search(r.text) or r.kind("gpu")) and not any(
        _is_gpu_memory(r, q) for q in stated
    ):
        # a machine with a graphics card runs the model in the card's memory: its system RAM
        # ("i5, 16GB RAM, GTX 1060") is not the figure, and the card's is not stated
        return None
    return Found(stated[0].value, stated[0].text)


# "--memory=8g": a container's limit on a command line, not what the machine has
_COMMAND_FLAG_RE = re.compile(r"--?[\w-]+[= ]\s*$")
# memory the scanner does not take for the device's: a card's size beside its name ("12GB 3060",
# "RTX 3060 12GB"), or a figure of RAM without a unit ("120 Ram")
_OTHER_MEMORY_RE = re.compile(
    r"\b(?P<gb>\d{1,3})\s*gb\s+(?:(?:rtx|gtx|rx|geforce)\s*)?\d{4}(?:\s*ti)?\b|"
    r"\b(?:rtx|gtx|rx)\s*\d{4}(?:\s*ti)?\s*\(?(?:with\s+)?(?P<gb2>\d{1,3})\s*gb\b|"
    r"\b(?P<gb3>\d{1,4})\s+(?:ram|memory)\b|"
    # a datacenter card with its memory in brackets, as a provider lists them: "A2 (16 GB)"
    r"\b(?:[ahlt]\d{1,3}s?|a\d{4}|v100|a10g)\s*\(\s*(?P<gb4>\d{1,3})\s*gb\s*\)",
    re.IGNORECASE,
)


_SERVER_WORDS_RE = re.compile(
    r"\b(?:servers?|vps|cluster|kubernetes|k8s|data ?cent(?:er|re)|cloud|production|prod|"
    r"servrar|molnet|produktion)\b",
    re.IGNORECASE,
)


def _memory_of_where_it_runs(r: Read, q: Quantity) -> bool:
    """Memory stated with a personal machine (a laptop, a phone, a Mac) is that machine's: it is
    the memory the model has only where the model runs on such a machine, not where a server or
    a cloud is where it runs ("testing on my 16GB laptop, it will run on a server")."""
    sentence = sentence_of(r.text, q.text) or r.text
    named = device(sentence)
    if named is None or named.value == "workstation":
        return True
    if not_where_it_runs(r.text, named.evidence) or said_of_others(r.text, named.evidence):
        return False
    where = r.deployment.value if r.deployment else None
    if where in ("on-device", "self-hosted", "air-gapped"):
        return True  # the machine named runs it, for the person or as the team's server
    return where is None and not _SERVER_WORDS_RE.search(r.text)


# a graphics card with memory of its own (GeForce, Radeon, RTX, datacenter cards)
_DISCRETE_GPU_RE = re.compile(
    r"\b(?:geforce|gtx\s?\d{3,4}|rtx\s?a?\d{3,4}|radeon|quadro|tesla|titan\s+\w+|"
    r"(?:a|h|l)\d{2,3}s?\b|v100|t4\b|a10g|arc\s+a\d{3})",
    re.IGNORECASE,
)


def _is_gpu_memory(r: Read, q: Quantity) -> bool:
    """The memory is the card's: VRAM, "GPU memory", or a size given with a GPU ("a 24GB GPU")."""
    around = r.text[max(0, q.start - 25) : q.end + 12]
    return bool(
        re.search(r"\bv-?ram\b|\bgpu\b|\bgrafik|\bvideo memory\b|\bgraphics card", around, re.I)
        or _DISCRETE_GPU_RE.search(r.text[max(0, q.start - 25) : q.start])  # "RTX A5000 (24GB)"
    )


def read_device(r: Read) -> Found | None:
    # "no GPU" makes a CPU server only where a server is named ("our box has no GPU")
    if (cue := cpu_only(r.text)) and _SERVER_NAMED_RE.search(r.text):
        named = r.device
        if named is None or named.value in ("workstation",):
            return Found("cpu-server", cue.evidence)
    where = r.deployment
    if (cue := r.device) and (
        said_of_others(r.text, cue.evidence)
        or not_where_it_runs(r.text, cue.evidence)
        or SOURCE_OF_INPUT_RE.search(sentence_of(r.text, cue.evidence))
    ):
        return None  # someone else's, one weighed or tried, or where the recordings come from
    if cue and where and where.value == "self-hosted" and cue.value in ("phone", "tablet"):
        return None  # "field workers use tablets; the model is hosted in our data centre"  # "people are buying Mac minis": someone else's machine
    if cue and where and where.value in ("on-device", "self-hosted", "air-gapped"):
        return Found(cue.value, cue.evidence)  # the machine it runs on, not one it was recorded on
    return None


# GPUs that live in servers: owned, they are the team's own machines
_SERVER_GPUS = ("A100", "H100", "H200", "L40S", "L4", "A10G", "V100", "T4")


def read_deployment(r: Read) -> Found | None:
    # a GPU named without saying where it runs sets nothing; GPUs the team owns (datacenter
    # cards, or several) are its own machines
    cue = r.deployment
    if cue:
        return Found(cue.value, cue.evidence)
    if owned := read_owned_gpus(r):
        count, name = owned.value.split("x ", 1)
        team = re.search(r"\b(?:we|our|us|vi|vår|våra|oss)\b", r.text, re.IGNORECASE)
        if name.split("-")[0] in _SERVER_GPUS or (int(count) >= 2 and team):
            return Found("self-hosted", owned.evidence, f"the GPUs you own ({owned.value})")
    return None


def read_residency(r: Read) -> Found | None:
    cue = residency(r.text)
    return Found(cue.value, cue.evidence) if cue else None


READERS: dict[str, Callable[[Read], Found | None]] = {
    "requests_per_month": read_requests,
    "audio_minutes_per_month": read_audio_minutes,
    "monthly_budget_usd": read_budget,
    "deployment": read_deployment,
    "data_residency": read_residency,
    "owned_gpus": read_owned_gpus,
    "device": read_device,
    "device_memory_gb": read_device_memory,
    "context_tokens": read_context,
    "input_tokens": read_input_tokens,
}  # the documents' count is read in phrases (read_document_count): batches need the job's knowledge;
# the images a month too (read_images_made): images the model reads are none made
