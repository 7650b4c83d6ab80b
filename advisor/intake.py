"""Free text -> questionnaire answers, what is still missing, and the next question to ask.

Both faces use exactly this: the Streamlit form prefills from it and the Slack bot asks its
questions from it. Every pattern is linear-time and the text is capped, so a huge input stays fast.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from . import reading
from .questionnaire import FIELDS, TASKS, TEXT_TASKS, get_answer, parse_number, set_answer

MAX_SCAN_CHARS = 20_000

# (pattern, weight) per task; the highest total wins, ties go to the earlier task in this dict.
TASK_PATTERNS: dict[str, list[tuple[str, float]]] = {
    "speech-to-text": [
        (r"\btranscri(be|bing|ption)s?\b", 3),
        (r"\bsubtitl|\bcaption(s|ing)?\b", 3),
        (r"speech[- ]to[- ]text|speech recognition|\bdictat", 3),
        (r"\b(recorded|recordings?|voice notes?|audio|podcasts?|phone calls?)\b", 1),
        (r"\btranskriber|undertext|taligenk", 3),
    ],
    "text-to-speech": [
        (r"text[- ]to[- ]speech|\btts\b|read (it |them |\w+ )*aloud|\baloud\b|voice[- ]?over", 3),
        (r"\bnarrat|audiobook|spoken version|\bsynthes\w* (a )?voice|talsyntes|läsa upp|högläs", 3),
    ],
    "image-generation": [
        (
            r"\b(generate|create|make|draw|design)\w* (\w+ ){0,3}(images?|pictures?|illustrations?|art|logos?|artwork|icons?)",
            3,
        ),
        (r"\billustrations?\b|\bartwork\b|image generation|text[- ]to[- ]image|\blogos?\b", 2),
        (
            r"\b(generate|create|make|design|produce)\w* (\w+ ){0,3}(visuals?|graphics|banners?|thumbnails?|posters?|mock-?ups?)\b|\b(skapa|göra|ta fram) (\w+ ){0,3}(bilder|grafik|illustrationer)",
            5,
        ),
        (r"\bbilder\b|illustration", 1),
    ],
    "vision": [
        (
            r"\b(describe|read|understand|analy[sz]e|caption|inspect|interpret)\w* (\w+ ){0,3}(images?|photos?|pictures?|charts?|screenshots?|diagrams?|scans?|receipts?)",
            4,
        ),
        (
            r"\bocr\b|image understanding|visual question|\bvision\b|from (photos?|images?|screenshots?)",
            3,
        ),
    ],
    "embeddings": [
        (
            r"\bsimilar\b|similarity|semantic search|vector search|\bembeddings?\b|\bdedup|near[- ]duplicates?|\bclustering\b|\bcluster (\w+ )?(documents|texts|tickets|items|messages|reviews|articles|feedback)",
            3,
        ),
        (r"\bfind (related|matching)\b|\brecommend (similar|related)", 2),
        (r"liknande|semantisk sökning", 3),
    ],
    "translation": [
        (r"\btranslat|\blocali[sz]|\bfrom (english|swedish|spanish|german|french) (in)?to\b", 4),
        (r"översätt|översättning", 4),
    ],
    "code-generation": [
        (
            r"\bcode\b|\bcoding\b|programm|\bsql\b|\bdevelopers?\b|error messages?|stack ?traces?|\brefactor|unit tests?|\bpull requests?\b|\bbugs?\b|\bpython\b|\bjavascript\b|typescript",
            3,
        ),
        (r"\bkod|programmer|utvecklare", 3),
    ],
    "summarization": [
        (
            r"\bsummar|\bsummaris|\btl;?dr\b|\bcondense|\bdigest\b|meeting notes|\bmeeting minutes|\bminutes of (the|our|each) \w*\s?meetings?|\bsynopsis",
            4,
        ),
        (r"sammanfatt|sammandrag", 4),
    ],
    "classification": [
        (
            r"\bclassif|\bcategori[sz]|\bintent\b|\bsentiment\b|\bmoderat|\bspam\b|\btriage|\broute (\w+ )?(tickets|emails|messages)|\btag(s|ging)?\b|\bflag\b|\bdetect(ion)?\b",
            3,
        ),
        (r"\bwith one of \d+|\binto \d+ (categories|classes|types)", 3),
        # "assign each claim a damage code": a label from a fixed set, not program code
        (
            r"\b(assign|give|label)\w* (each|every|all|the|a) (\w+ ){0,3}(an? |one )?(\w+ )?(codes?|categor(y|ies)|labels?|class(es)?)\b|\btilldela\w* (\w+ ){0,3}(en )?(\w+)?(kod|kategori|etikett)",
            5,
        ),
        (r"klassific|kategori", 3),
    ],
    "extraction": [
        (
            r"\bextract|\bpull out\b|\bparse\b|\bnamed entit|\bfields? from\b|\bstructured data\b|\bas json\b|\breturn (\w+,? ){1,6}(and )?(\w+ ){0,4}as json|\bfill (in )?(a )?form",
            4,
        ),
        (r"\b(invoices?|receipts?|cvs?|resumes?|contracts?) and (return|pull|get)", 2),
        (r"extrahera", 4),
    ],
    "question-answering": [
        (
            r"\banswer\w* (\w+'?s? ){0,4}questions?\b|\bq ?& ?a\b|\bfaq\b|\bquestions? (about|on|over|from)\b",
            4,
        ),
        (
            r"\bhelp ?desk\b|\bknowledge base\b|\blook up\b|\bask (our|the) (docs|documentation|wiki)",
            2,
        ),
        (r"\banswer(ed|s|ing)? (\w+ ){0,2}from (our|the|their|its)\b|\bquestions? (each|per)\b", 3),
        (r"svara på frågor|frågor om|besvara", 4),
    ],
    "chat": [
        (
            r"\bchat ?bot\b|\bchat\b|\bassistant\b|\bconversation|\bagent\b|\bbot\b|\bcompanion\b|\btalk to\b",
            3,
        ),
        (r"chattbot|\bchatt\b|\bassistent", 3),
    ],
    "text-generation": [
        (
            r"\bwrite\b|\bwriting\b|\bdraft|\bcompose|\bgenerate (\w+ ){0,2}(text|copy|descriptions?|messages?|emails?|posts?)|\bcopywrit|\bmarketing copy|\bessays?\b|\bautocomplete|\bauto-complete|\bcomplete (notes|sentences)|\bstories|\bpoems?\b|\bslogans?\b",
            3,
        ),
        (r"\b(replies|responses|messages|emails?|e-mails?|descriptions|posts|letters|notes)\b", 1),
        (r"skriv|generera text|utkast", 3),
        (r"\blanguage model\b|\bllm\b|\bfoundation model|språkmodell|grundmodell", 1),
    ],
}
_TASK_RES = {
    task: [(re.compile(p, re.IGNORECASE), w) for p, w in pats]
    for task, pats in TASK_PATTERNS.items()
}

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "tusen": 1e3,
    "miljoner": 1e6,
    "miljon": 1e6,
    "miljarder": 1e9,
}
_PER_MONTH = {
    "month": 1,
    "mo": 1,
    "monthly": 1,
    "day": 30,
    "daily": 30,
    "week": 4.3,
    "weekly": 4.3,
    "year": 1 / 12,
    "yearly": 1 / 12,
    "annually": 1 / 12,
    "hour": 730,
    "hourly": 730,
    "minute": 43800,
    "månad": 1,
    "månaden": 1,
    "dag": 30,
    "dagen": 30,
    "vecka": 4.3,
    "veckan": 4.3,
    "år": 1 / 12,
    "året": 1 / 12,
}
NUMBER = r"(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:\.\d+)?)\s*(k|m|mn|b|bn|thousand|million|billion|tusen|miljoner|miljon|miljarder)?\b"
PERIOD = r"(?:(?:a|per|each|every|/|in a|i|per|om|varje)\s*)?(month|mo|monthly|day|daily|week|weekly|year|yearly|annually|hour|hourly|minute|månad|månaden|dag|dagen|vecka|veckan|år|året)\b"
UNITS = r"(requests?|queries|questions?|messages?|calls?|e-?mails?|conversations?|chats?|tickets?|reviews?|documents?|docs|articles?|comments?|posts?|transcripts?|summaries|translations?|items?|users? requests|prompts?|cvs?|claims?|notes?|frågor|förfrågningar|meddelanden|anrop|ärenden|dokument)"

VOLUME_RE = re.compile(rf"{NUMBER}\s*(?:\w+\s+){{0,3}}?{UNITS}?\s*{PERIOD}", re.IGNORECASE)
IMAGES_RE = re.compile(
    rf"{NUMBER}\s*(?:\w+\s+){{0,2}}?(images?|pictures?|illustrations?|bilder)\b(?:\s*{PERIOD})?",
    re.IGNORECASE,
)
AUDIO_RE = re.compile(
    rf"{NUMBER}\s*(minutes?|mins?|hours?|hrs?|minuter|timmar)\s+(?:of\s+)?(?:\w+\s+){{0,2}}?(?:audio|recordings?|speech|podcasts?|calls?|interviews?|episodes?|video|ljud)?\s*(?:{PERIOD})?",
    re.IGNORECASE,
)
ZERO_BUDGET_RE = re.compile(
    r"no money|no budget|zero budget|can'?t pay|cannot pay|can'?t afford|free (?:only|of charge|tier)|"
    r"\bfor free\b|nothing to spend|inga pengar|ingen budget|gratis",
    re.IGNORECASE,
)
LABELED_RE = re.compile(
    rf"{NUMBER}\s*(?:[\w-]+\s+){{0,4}}?(?:label+ed|annotated|tagged|graded|märkta|examples?|exempel|pairs?|samples?|trajector(?:y|ies))\b",
    re.IGNORECASE,
)
LABELED_WORD_RE = re.compile(r"\blabel+ed\b|\bannotated\b|märkta", re.IGNORECASE)
DOCS_RE = re.compile(
    rf"{NUMBER}(?:-|\s*)(?:[\w-]+\s+){{0,2}}?(documents?|docs|pages?|articles?|files?|pdfs?|manuals?|policies|wiki pages|dokument|sidor)\b(?!\s*(?:a|per|each|every|/|i)\s*(?:month|day|week|year|månad))",
    re.IGNORECASE,
)
CONTEXT_RE = re.compile(rf"{NUMBER}\s*(?:-|\s)?tokens?\b", re.IGNORECASE)
CORPUS_RE = re.compile(rf"{NUMBER}\s*(tokens?|words?|ord)\b", re.IGNORECASE)
CORPUS_WORD_RE = re.compile(
    r"\b(corpus|korpus)\b|\b(tokens?|words?|ord) (of |av )?([\w-]+ ){0,2}(text|texts|texter|writing)\b",
    re.IGNORECASE,
)

SELF_HOSTED_RE = re.compile(
    r"on[- ]?prem|on premises?|self[- ]host|our own (servers?|data ?cent(er|re)|hardware|infrastructure|cloud)|"
    r"(can'?t|cannot|must not|may not|mustn'?t|never) leave (our|the) (network|premises|servers?|country|eu|building)|"
    r"stay (in|inside|within|on) (our|the) (own )?(network|data ?cent(er|re)|servers?|premises)|air[- ]?gapped|"
    r"egna servrar|lokalt datacenter|får inte lämna",
    re.IGNORECASE,
)
ON_DEVICE_RE = re.compile(
    r"on[- ]device|\b(runs?|running|work|works|deployed|live|lives) (\w+ ){0,2}on (a|the|my|our|their|users'?) "
    r"(phones?|laptops?|devices?|mobiles?|tablets?)|"
    r"without (a |an )?(network|internet)( connection)?|offline|in the browser|\bedge devices?\b|på mobilen|utan nätverk",
    re.IGNORECASE,
)
CLOUD_RE = re.compile(
    r"cloud api|hosted api|via (an )?api is fine|saas is fine|i molnet", re.IGNORECASE
)
SENSITIVE_RE = re.compile(
    r"sensitive|personal data|\bpii\b|gdpr|hipaa|medical|patient|health records|confidential|"
    r"customer data|bank|financial records|secret|känslig|personuppgifter|data residency|"
    r"(stay|remain|be kept|be stored) (in|within|inside) the (eu|eea|country)|stanna i (eu|sverige)",
    re.IGNORECASE,
)
PRIVATE_RE = re.compile(
    r"\b(our|my|the company'?s|internal|in-house|company|organi[sz]ation'?s?)\s+((?:[^\W\d][\w-]*|\d[\d,.]*[^\W\d]*(?:-[\w-]+)?)\s+){0,3}"
    r"(wiki|docs|documents?|documentation|policy|policies|manuals?|handbook|knowledge base|tickets|"
    r"contracts|price lists?|catalog(ue)?|products?|services|rules|regulations|offerings|routines|"
    r"data(?! ?cent)|records|intranet|files|reports|faq|guidelines|"
    r"procedures|emails?|archive|articles|help[- ]?cent(er|re)\w*)|\\b(help[- ]?cent(er|re)|support|knowledge[- ]base) articles|\binternal\b|\binterna?\b|\bvåra\s+(\w+\s+){0,2}[\w-]*(dokument|policyer|manualer|rutiner|"
    r"riktlinjer|avtal|artiklar|data)|\bvår\s+(\w+\s+){0,2}[\w-]*(wiki|data|dokumentation|kunskapsbas)",
    re.IGNORECASE,
)
# "answering from help-centre articles": answers drawn from a named collection of documents
ANSWERS_FROM_RE = re.compile(
    r"\banswer\w* (?:\w+ ){0,3}(?:from|using|based on) (?:(?:[^\W\d][\w-]*|\d[\d,.]*[^\W\d]*(?:-[\w-]+)?) ){0,3}"
    r"(?:articles|docs|documents|documentation|wiki|manuals?|knowledge ?base|policies|handbook|faq)\b|"
    r"\bsvar\w* (?:\w+ ){0,3}(?:från|utifrån) (?:\w+ ){0,3}(?:artiklar|dokument|wiki|manualer)",
    re.IGNORECASE,
)
NO_OWN_DATA_RE = re.compile(
    r"no (data|documents|examples) of (our|my) own|don'?t have (any )?(data|examples)|no own data|"
    r"without (any )?(data|examples)|ingen egen data",
    re.IGNORECASE,
)
FREQ_RES = [
    (
        "realtime",
        r"real[- ]?time (data|prices|stock|inventory|updates)|(updated|changes?|changing) "
        r"(in real[- ]?time|constantly|continuously)|every (minute|hour)|live (data|prices)|"
        r"by the minute|hela tiden",
    ),
    ("daily", r"\bdaily\b|every day|each day|per day|nightly|dagligen|varje dag"),
    ("weekly", r"\bweekly\b|every week|each week|varje vecka"),
    ("monthly", r"\bmonthly\b|every month|each month|quarter|quarterly|varje månad|kvartal"),
    ("yearly", r"\byearly\b|\bannual|every year|once a year|årligen|varje år"),
    (
        "static",
        r"never changes?|doesn'?t change|does not change|\bstatic\b|fixed set|rarely changes?|ändras aldrig",
    ),
]
_FREQ_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in FREQ_RES]
RECENT_RE = re.compile(
    r"today'?s|\b(latest|current|recent|up-to-date|breaking) (news|prices|events|figures|rates|rules)|"
    r"\bnews\b|dagens|senaste nytt",
    re.IGNORECASE,
)
LATENCY_RES = [
    (
        "realtime",
        r"real[- ]?time|instant|as (they are|it is|soon as) (posted|typed|written)|immediately|sub-?second|low latency|fast\b|snabb",
    ),
    ("batch", r"\bbatch|overnight|nightly|in bulk|offline processing|no rush|whenever"),
    ("interactive", r"interactive|while (they|the user) wait|chat\b"),
]
_LATENCY_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in LATENCY_RES]
OPEN_RE = re.compile(r"open[- ]source|open[- ]weights?|open model|öppen källkod", re.IGNORECASE)
PROPRIETARY_RE = re.compile(r"proprietary (model|only)|closed model", re.IGNORECASE)
NEEDS_RES = {
    "json-output": re.compile(r"\bjson\b|structured output", re.IGNORECASE),
    "function-calling": re.compile(
        r"function[- ]calling|tool[- ]?(use|calling)|\bcalls? (our|an|the) (api|system)|through our (\w+ )?api|"
        r"book(s|ing)? through|place orders|take actions?|trigger actions|"
        # live facts (an order's status, an account) come from a system, not from documents
        r"\b(order|booking|crm|erp|inventory|stock|billing|ticketing|reservation)s? ?(system|database|api)\b|"
        r"\b(look(s|ing)? up|check(s|ing)?|fetch(es|ing)?)\b.{0,40}\b(order|booking|account|delivery|shipment)s?\b|"
        r"\b(ordersystem|affärssystem|bokningssystem)\w*|\bslå(r)? upp\b|"
        # an agent that uses tools, and the runs it learns from, need function calling
        r"\bagent\w*\b.{0,60}\b(tools?|verktyg)|\bagentic\b|\bagent trajector|\bverktyg\w*.{0,40}\bagent",
        re.IGNORECASE,
    ),
    "fine-tunable": re.compile(r"fine[- ]?tun|finjuster", re.IGNORECASE),
}
LOW_RES_RE = re.compile(
    r"small team|no ml|no machine learning|no data scientists?|hobby|solo|just me|one developer|liten grupp",
    re.IGNORECASE,
)
HIGH_RES_RE = re.compile(
    r"research lab|gpu[- ]?(cluster|kluster)|forskningslabb|large compute|national|supercomputer|big ml team|plenty of compute|lots of gpus",
    re.IGNORECASE,
)
MEDIUM_RES_RE = re.compile(r"ml team|data scientists?|ml engineers?", re.IGNORECASE)
NEW_DOMAIN_RE = re.compile(
    r"no (existing )?model (supports|serves|covers|knows|handles)|low[- ]resource language|from scratch|"
    r"our own foundation model|unsupported language|unique (domain|language)|från grunden|"
    r"egen (grund|språk)modell|ingen (befintlig )?modell (stöder|kan)",
    re.IGNORECASE,
)

_SWEDISH_WORDS = re.compile(
    r"\b(och|att|vi|vill|för|som|med|inte|vår|våra|det|är|ett|på|i|av|ca)\b", re.IGNORECASE
)

# What the bot asks for a missing key field: the field's own question and its choices.
QUESTIONS: dict[str, dict[str, Any]] = {
    path: {
        "text": spec.question,
        "options": list(spec.choices) if spec.choices else ["yes", "no"] * (spec.kind == "yes-no"),
    }
    for path, spec in FIELDS.items()
    if spec.question
}


def _number(value: str, suffix: str | None) -> float:
    """A number and its scale word as matched in free text ("20", "k"). Hundreds of digits read
    as the largest float, which the field's own check then rejects by name."""
    try:
        return float(parse_number(f"{value} {suffix or ''}".strip()))
    except ValueError:
        return sys.float_info.max


def _per_month(period: str | None) -> float:
    return _PER_MONTH.get((period or "month").lower(), 1)


def _set(answers: dict, field: str, value: Any, inferred: list[str]) -> None:
    if value is None or get_answer(answers, field) is not None:
        return
    set_answer(answers, field, value)
    inferred.append(field)


def rule_scores(text: str) -> dict[str, float]:
    """The keyword rules' score per task that any rule fires for, in TASK_PATTERNS order."""
    scores = {}
    for task, patterns in _TASK_RES.items():
        score = sum(weight for pattern, weight in patterns if pattern.search(text))
        if score:
            scores[task] = score
    return scores


def detect_task(text: str) -> str | None:
    """The task a use case describes: by meaning when the local embedder is installed, the
    keyword rules breaking near ties (advisor/task_meaning.py); by the rules alone otherwise
    (the highest total wins, ties go to the earlier task in TASK_PATTERNS)."""
    from .task_meaning import choose

    return choose(text, rule_scores(text))


def _first_match(items, text: str) -> str | None:
    for name, pattern in items:
        if pattern.search(text):
            return name
    return None


def extract(text: str, task: str | None = None) -> tuple[dict, list[str]]:
    """Every answer the text gives, and the fields found (all marked inferred)."""
    answers, found, _ = understand(text, task)
    return answers, found


LONG_DIGITS_RE = re.compile(r"\d{16,}")


def understand(text: str, task: str | None = None) -> tuple[dict, list[str], list[str]]:
    """Every answer the text gives, the fields found (all marked inferred), and notes on what
    was worked out rather than read as written (products, yearly figures, currencies).

    A `task` the answers already name is not detected again: reading the task by meaning loads
    the embedder, which the structured path must never wait for."""
    # A run of more than 15 digits is no quantity anyone means, and the number patterns would
    # backtrack over it for seconds: it is dropped before scanning.
    text = LONG_DIGITS_RE.sub(" ", (text or "")[:MAX_SCAN_CHARS])
    answers: dict[str, Any] = {}
    found: list[str] = []
    notes: list[str] = []
    if not text.strip():
        return answers, found, notes

    if task is None:
        task = detect_task(text)
        _set(answers, "task", task, found)
    if multiplied := reading.product(text):
        field, value, note = multiplied
        _set(answers, field, int(value) if field == "requests_per_month" else value, found)
        notes.append(note)

    if match := AUDIO_RE.search(text):
        minutes = _number(match.group(1), match.group(2))
        if match.group(3).lower().startswith(("h", "t")):
            minutes *= 60
        _set(
            answers,
            "audio_minutes_per_month",
            round(minutes * _per_month(match.group(4)), 2),
            found,
        )
    if match := IMAGES_RE.search(text):
        count = _number(match.group(1), match.group(2)) * _per_month(match.group(4))
        _set(answers, "images_per_month", int(count), found)
    for match in VOLUME_RE.finditer(text):
        # a "per month" amount of money is the budget, not the volume
        before = text[max(0, match.start() - 2) : match.start()]
        after = text[match.end(2) if match.group(2) else match.end(1) : match.end()]
        if (
            "$" in before
            or "€" in before
            or re.search(r"usd|dollar|euro|\$|€|£|kr\b|kronor|sek\b", after, re.I)
        ):
            continue
        if task == "image-generation" and answers.get("images_per_month") is not None:
            break
        unit = (match.group(3) or "").lower()
        if re.search(r"minutes?|hours?|images?|tokens?", text[match.start() : match.end()], re.I):
            continue
        if not unit and task in ("speech-to-text",):
            continue
        _set(
            answers,
            "requests_per_month",
            int(_number(match.group(1), match.group(2)) * _per_month(match.group(4))),
            found,
        )
        break

    if ZERO_BUDGET_RE.search(text):
        _set(answers, "monthly_budget_usd", 0.0, found)
    elif money := reading.budget(text):
        _set(answers, "monthly_budget_usd", money[0], found)
        notes.extend(money[1])

    if reading.AIR_GAPPED_RE.search(text):
        _set(answers, "deployment", "air-gapped", found)
    elif ON_DEVICE_RE.search(text):
        _set(answers, "deployment", "on-device", found)
    elif SELF_HOSTED_RE.search(text):
        _set(answers, "deployment", "self-hosted", found)
    elif CLOUD_RE.search(text):
        _set(answers, "deployment", "cloud-api", found)
    if owned := reading.owned_gpus(text):
        _set(answers, "owned_gpus", owned[0], found)
        notes.extend(owned[1])
    _set(answers, "priority", reading.priority(text), found)
    _set(answers, "data_residency", reading.residency(text), found)
    if SENSITIVE_RE.search(text) or answers.get("deployment") in ("self-hosted", "air-gapped"):
        _set(answers, "data.sensitive", True, found)

    if NO_OWN_DATA_RE.search(text):
        _set(answers, "data.private_knowledge", False, found)
        _set(answers, "data.labeled_examples", 0, found)
    elif PRIVATE_RE.search(text) or ANSWERS_FROM_RE.search(text):
        _set(answers, "data.private_knowledge", True, found)
    if match := DOCS_RE.search(text):
        noun = match.group(3).lower()
        count = int(_number(match.group(1), match.group(2)))
        if noun.startswith(("page", "sid")) and re.search(
            r"\b(one|a|single|en|ett)\s+\d", text[max(0, match.start() - 6) : match.end()], re.I
        ):
            count = 1
        _set(answers, "data.document_count", count, found)
    elif re.search(
        r"\b(one|a single|en|ett) ([\w-]+ ){0,3}(manual|document|book|handbook|policy)\b",
        text,
        re.I,
    ):
        _set(answers, "data.document_count", 1, found)
    frequency = _first_match(_FREQ_RES, text)
    if frequency is None and RECENT_RE.search(text):
        frequency = "daily"  # news, today's prices: facts newer than any model's training data
    _set(answers, "data.update_frequency", frequency, found)
    if LABELED_WORD_RE.search(text) or re.search(
        r"\bexamples?\b|\bpairs\b|exempel|trajector(y|ies)", text, re.I
    ):
        if match := LABELED_RE.search(text):
            _set(
                answers,
                "data.labeled_examples",
                int(_number(match.group(1), match.group(2))),
                found,
            )
    # a corpus is unlabelled text of one's own, named as such or as "N tokens of ... text"
    if NEW_DOMAIN_RE.search(text) or CORPUS_WORD_RE.search(text):
        if match := CORPUS_RE.search(text):
            count = _number(match.group(1), match.group(2))
            if match.group(3).lower().startswith(("word", "ord")):
                count *= 1.3
            _set(answers, "data.domain_corpus_tokens", int(count), found)
    if match := CONTEXT_RE.search(text):
        if re.search(r"context|at once|in one (go|pass)|single input|whole|entire", text, re.I):
            _set(answers, "context_tokens", int(_number(match.group(1), match.group(2))), found)

    _set(answers, "latency", _first_match(_LATENCY_RES, text), found)
    if OPEN_RE.search(text):
        _set(answers, "license", "open-weights", found)
    elif PROPRIETARY_RE.search(text):
        _set(answers, "license", "proprietary", found)
    needs = [need for need, pattern in NEEDS_RES.items() if pattern.search(text)]
    if task == "vision" or re.search(
        r"\b(photos?|screenshots?|scans?) (of|from)\b|\bscanned\b|\bimages? of (receipts|invoices|documents|forms)",
        text,
        re.I,
    ):
        needs.append("vision-input")
    if needs:
        _set(answers, "needs", list(dict.fromkeys(needs)), found)
    if HIGH_RES_RE.search(text):
        _set(answers, "resources", "high", found)
    elif MEDIUM_RES_RE.search(text):
        _set(answers, "resources", "medium", found)
    elif LOW_RES_RE.search(text):
        _set(answers, "resources", "low", found)

    languages = reading.languages(text)
    if len(_SWEDISH_WORDS.findall(text)) >= 3 and "sv" not in languages:
        languages.append("sv")
    if languages:
        _set(answers, "languages", languages, found)
    return answers, found, notes


def merge(known: dict | None, found: dict) -> dict:
    """Known answers win over inferred ones; nested `data` is merged key by key."""
    merged = {key: value for key, value in (known or {}).items() if value is not None}
    data = dict(merged.get("data") or {})
    for key, value in found.items():
        if key == "data":
            for data_key, data_value in value.items():
                if data.get(data_key) is None:
                    data[data_key] = data_value
        elif merged.get(key) is None:
            merged[key] = value
    if data:
        merged["data"] = {key: value for key, value in data.items() if value is not None}
    return merged


def key_fields(answers: dict) -> list[str]:
    """The answers worth asking for, in order, given what is known so far."""
    task = answers.get("task")
    if not task:
        return ["task"]
    fields = []
    if (
        task in ("chat", "question-answering", "text-generation")
        and get_answer(answers, "data.private_knowledge") is None
    ):
        fields.append("data.private_knowledge")
    volume = {"image-generation": "images_per_month", "speech-to-text": "audio_minutes_per_month"}
    fields.append(volume.get(task, "requests_per_month"))
    fields.append("monthly_budget_usd")
    if get_answer(answers, "data.sensitive") and not answers.get("deployment"):
        fields.append("deployment")
    return fields


def missing_fields(answers: dict) -> list[str]:
    return [field for field in key_fields(answers) if get_answer(answers, field) is None]


def next_question(answers: dict, skip: tuple[str, ...] = ()) -> dict | None:
    for field in missing_fields(answers):
        if field not in skip:
            return {"field": field, **QUESTIONS[field]}
    return None


def read_use_case(text: str, known: dict | None = None) -> dict:
    """Free text -> {answers, inferred, missing, next_question}; known answers are kept as given."""
    found, fields, notes = understand(text, (known or {}).get("task"))
    answers = merge(known, found)
    if text and text.strip() and not answers.get("use_case"):
        answers["use_case"] = text.strip()  # the questionnaire cuts it, and the advice says so
    known_fields = {key for key, value in (known or {}).items() if value is not None}
    known_fields |= {f"data.{key}" for key in ((known or {}).get("data") or {})}
    inferred = [field for field in fields if field not in known_fields]
    return {
        "answers": answers,
        "inferred": inferred,
        "notes": notes,
        "missing": missing_fields(answers),
        "next_question": next_question(answers),
    }


_YES = re.compile(
    r"^\s*(y|yes|yeah|yep|sure|correct|true|ja|japp|absolutely|it does|they do)\b", re.I
)
_NO = re.compile(r"^\s*(n|no|nope|none|false|nej|not really|it doesn'?t|they don'?t)\b", re.I)
_NO_LIMIT = re.compile(
    r"no (limit|cap)|unlimited|whatever it takes|doesn'?t matter|not sure|don'?t know|ingen gräns",
    re.I,
)


def answer_question(field: str, reply: str, known: dict) -> dict:
    """Read a reply to the question about `field`; other facts in the reply are taken too.

    Returns the updated answers. A reply that does not answer leaves the field unset, and the
    caller moves on (the recommender then assumes a default and says so).
    """
    reply = (reply or "")[:MAX_SCAN_CHARS]
    answers = dict(known)
    answers["data"] = dict(known.get("data") or {})
    found, _ = extract(reply, None if field == "task" else known.get("task"))
    value: Any = None
    if field == "task":
        lowered = reply.strip().lower()
        value = lowered if lowered in TASKS else found.get("task")
    elif field == "data.private_knowledge":
        if _YES.search(reply) or found.get("data", {}).get("private_knowledge"):
            value = True
        elif _NO.search(reply):
            value = False
    elif field in ("requests_per_month", "images_per_month"):
        value = found.get(field)
        if value is None and (match := re.search(NUMBER, reply, re.I)):
            value = int(_number(match.group(1), match.group(2)))
    elif field == "audio_minutes_per_month":
        value = found.get(field)
        if value is None and (match := re.search(NUMBER, reply, re.I)):
            value = _number(match.group(1), match.group(2))
    elif field == "monthly_budget_usd":
        value = found.get(field)
        if value is None and not _NO_LIMIT.search(reply):
            if re.search(r"^\s*(none|nothing|zero|0)\b", reply, re.I):
                value = 0.0
            elif match := re.search(NUMBER, reply, re.I):
                value = _number(match.group(1), match.group(2))
    elif field == "deployment":
        lowered = reply.strip().lower()
        value = (
            lowered if lowered in QUESTIONS["deployment"]["options"] else found.get("deployment")
        )
        if value is None and re.search(r"cloud|api is fine|fine", reply, re.I):
            value = "cloud-api"
    if value is not None:
        set_answer(answers, field, value)
    merged = merge(answers, found)
    if not merged.get("data"):
        merged.pop("data", None)
    return merged


__all__ = [
    "TEXT_TASKS",
    "answer_question",
    "detect_task",
    "extract",
    "key_fields",
    "missing_fields",
    "next_question",
    "read_use_case",
    "understand",
]
