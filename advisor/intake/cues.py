"""Cues read by meaning rather than by a number: where the data may go, which language a text is
written in, and what the job hears and says (where it may run, and on what, is where.py). Each
cue returns a value with the words it came from, or None when the evidence is weak: a wrong
value is worse than no value.

Phrases are parsed into their parts (who or what, a constraint verb, a negation, a place) rather
than matched whole, so "must not leave the EU", "får inte lämna EU", "nothing may be processed
outside Europe" and "must stay in the EU" read the same, while "customers in Europe" (no
constraint) and "does not need to stay in the EU" (a negated requirement) read as nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    value: object
    evidence: str


# the words that deny what follows them in their clause
NEGATOR = (
    r"(?:not|no|never|without|cannot|doesn'?t|don'?t|isn'?t|aren'?t|needn'?t|won'?t|can'?t|"
    r"wouldn'?t|shouldn'?t|inte|ingen|inget|aldrig|utan)"
)
NEGATOR_RE = re.compile(rf"\b{NEGATOR}\b", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"[.;:!?\n]|\b(?:but|men)\b", re.IGNORECASE)
# a word that starts a clause of its own: "no human agent, so instant replies"
_CLAUSE_WORD = r"(?:so|but|and|because|since|men|så|och|eftersom)"


@functools.lru_cache(maxsize=8)
def _negated_within(reach: int) -> re.Pattern:
    return re.compile(
        rf"\b{NEGATOR}\b(?:\s+(?!{_CLAUSE_WORD}\b)[\w']+){{0,{reach}}}\s*$", re.IGNORECASE
    )


def denied(text: str, at: int, reach: int = 2) -> bool:
    """Whether the words at `at` are denied in their clause: a negation up to `reach` words
    before them, not past a sentence's end or a clause of its own ("nobody can program", "no
    chatbot", "we don't want to train a model"; "no human agent, so instant replies" is not)."""
    clause = _CLAUSE_END_RE.split(text[max(0, at - 40) : at])[-1]
    return bool(_negated_within(reach).search(clause))


def clauses(text: str) -> list[str]:
    """Sentences and clauses (split at . ; ! ? newlines and "but"/"men"), each short enough that
    a negation or a place belongs to what it stands beside."""
    parts = re.split(r"(?<=[.!?;])\s+|\n+|\s+\b(?:but|men|although|however)\b\s+", text)
    return [part.strip() for part in parts if part and part.strip()]


# an option said to be rejected or out of reach: "why self-hosting doesn't pencil out", "an
# API is not an option", "egen server är uteslutet"
_REJECTED_RE = re.compile(
    r"\b(?:does ?n[o']?t|did ?n[o']?t|won'?t|will not|would ?n'?t|would not)\s+pencil out\b|"
    r"\b(?:is|are|was|were|'s)\s*(?:n'?t|not)\s+(?:an?\s+|really\s+an?\s+)?(?:options?|viable|feasible|"
    r"worth it|possible for us)\b|\bnot worth (?:it|the (?:cost|money|effort))\b|"
    r"\b(?:is|are)\s+(?:out of the question|off the table|ruled out|a no[- ]go)\b|\bruled out\b|"
    r"\bär (?:inte ett alternativ|inte aktuell\w*|uteslut\w*)|\bkommer inte på fråga\b|"
    # a requirement declined, its clause ending there: "offline isn't a requirement", "realtid
    # är inget krav" ("where gpt-4 isn't needed, like summaries" names where it is not)
    r"(?:\b(?:is|are|'s)\s*(?:n'?t|not)\s+(?:an?\s+)?(?:hard\s+|strict\s+|real\s+)?(?:requirement|must|"
    r"necessity|required|necessary|needed)\b|\b(?:är|blir)\s+(?:inget|inte (?:ett|något))\s+(?:krav|måste)\b|"
    r"\bbehövs inte\b)(?=\s*(?:for (?:us|this|now|our \w+)|here|at all|either|though|för oss|här)?"
    r"\s*(?:[.,;:!?)\n]|$|\b(?:but|men|and|och|so|så)\b))",
    re.IGNORECASE,
)
# a yes/no question answered no: "Does it need to work offline? No, ..." asks for nothing
_ANSWERED_NO_RE = re.compile(
    r"(?:^|(?<=[.!?\n]))[^.!?\n]*\?\s*(?=(?:no|nope|nah|nej|inte alls|not really)\b\s*[,.!;:\n-]|"
    r"(?:no|nope|nej)\s*$)",
    re.IGNORECASE,
)
_ASIDE_RE = re.compile(
    r"\s*(?:however|though|honestly|really|frankly|then|too|also|dock|ändå|faktiskt|egentligen)?\s*,?\s*",
    re.IGNORECASE,
)
_CLAUSE_START_RE = re.compile(
    r"[.;:!?,(\n]|\b(?:but|and|so|men|och|så|including|inklusive)\b", re.I
)


def without_rejected(text: str) -> str:
    """The text with each clause that rejects an option or declines a requirement, and each
    question answered "no", blanked out (same length, so positions hold): what is rejected or
    declined names no requirement, and its words must not read as one."""
    masked = text
    for m in _REJECTED_RE.finditer(text):
        starts = [0] + [c.end() for c in _CLAUSE_START_RE.finditer(text, 0, m.start())]
        while len(starts) > 1 and _ASIDE_RE.fullmatch(text[starts[-1] : m.start()]):
            starts.pop()  # "Real-time, however, is not required": the aside is no clause
        start = starts[-1]
        masked = masked[:start] + " " * (m.end() - start) + masked[m.end() :]
    for m in _ANSWERED_NO_RE.finditer(text):
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    return masked


# words about the message itself, not the job: "Kort sammanfattning av vad vi behöver:", "a quick
# summary of our requirements", "TL;DR:", "to sum up", "sammanfattningsvis"
_ABOUT_THE_MESSAGE_RE = re.compile(
    r"\b(?:(?:a|an|my|our|this|the|en|min|vår)\s+)?(?:(?:short|quick|brief|rough|kort|snabb)\s+)?"
    r"(?:summary|sammanfattning|sammandrag)\s+(?:of|av|över)\s+(?:what|vad|our|my|the|vårt|våra|vår|"
    r"mitt|mina|min)\s+(?:\w+\s+){0,2}?(?:we|I|vi|jag)?\s*(?:need|needs|want|requirements?|situation|"
    r"question|use case|setup|behöver|behov|vill|krav|fråga|frågor)\b|"
    r"\btl;?dr\s*:|\bto (?:sum up|summari[sz]e)\s*[:,]|\bin summary\b|\bsammanfattningsvis\b|"
    r"\bkort sammanfattat\b|\bsummary\s*:\s*(?=\w)(?=(?:we|i|our|vi|jag)\b)",
    re.IGNORECASE,
)


def without_asides(text: str) -> str:
    """The text with the words about the message itself blanked out (same length): "a short
    summary of what we need" names no summarising job."""
    return _ABOUT_THE_MESSAGE_RE.sub(lambda m: " " * len(m.group(0)), text)


# -- where the data may go -----------------------------------------------------------------------

# one EU/EEA country is a narrower limit than the EU, and the questionnaire has no narrower
# region (the corpus guidelines): "får inte lämna Sverige" is `eu` too
_EU_COUNTRIES = (
    r"Sweden|Sverige|Finland|Denmark|Danmark|Norway|Norge|Germany|Tyskland|France|Frankrike|"
    r"Netherlands|Nederländerna|Ireland|Irland|Spain|Spanien|Italy|Italien|Poland|Polen|Austria|"
    r"Österrike|Belgium|Belgien|Estonia|Estland|Latvia|Lettland|Lithuania|Litauen|Portugal|"
    r"Iceland|Island|Luxembourg|Czechia|Tjeckien"
)
_EU = (
    r"(?:the\s+)?(?:(?:" + _EU_COUNTRIES + r")\s*(?:,|or|and|eller|och)\s*(?:the\s+)?)*"
    r"(?:EU|EEA|EES|Europe|European Union|European Economic Area|Europa|EU/EES|EU:s|EU-området|"
    + _EU_COUNTRIES
    + r")\b"
)
_KEEP = (
    r"\b(?:stay|stays|remain|remains|be kept|kept|be stored|stored|be processed|processed|be hosted|"
    r"hosted|live|reside|be handled|handled|happen|take place|stanna|stannar|lagras|behandlas|hanteras|"
    r"ske|sker|finnas kvar|"
    r"förbli|ligga kvar|ligger kvar|hållas|hålls|förvaras)\b"
)
_LEAVE = (
    r"\b(?:leave|leaves|leaving|be sent|sent|be transferred|transferred|go|goes|flow|lämna|lämnar|"
    r"skickas|föras över|överföras|föras ut|förs ut|flyttas|be moved|moved|hamna)\b"
)
_OUTSIDE = r"\b(?:outside|beyond|out of|utanför|utom)\s+" + _EU
_INSIDE = r"\b(?:in|within|inside|inom|i)\s+" + _EU
_MUST_NOT = (
    r"\b(?:must not|mustn'?t|may not|can ?not|can'?t|cannot|should not|shouldn'?t|is not allowed to|"
    r"are not allowed to|not allowed to|isn'?t allowed|aren'?t allowed|never|får inte|får aldrig|ska inte|"
    r"kan inte|måste inte|"
    r"(?:får|ska|kan|must|may) (?:absolut|verkligen|under inga omständigheter|absolutely|"
    r"under no circumstances) (?:inte|not))\b|"
    r"\b(?:no|nothing|none of|inget|ingenting|inga|ingen)\b"
)
# a requirement said not to exist: "no need", "doesn't have to", "behöver inte"
_NO_REQUIREMENT = (
    r"\b(?:no need|don'?t need|doesn'?t need|do not need|does not need|needn'?t|need not|"
    r"doesn'?t have to|does not have to|don'?t have to|not required|not necessary|not a requirement|"
    r"no requirement|doesn'?t matter|does not matter|is fine outside|behöver inte|måste inte|"
    r"inget krav|inte ett krav|inte något krav|not a must|not mandatory|isn'?t required|"
    r"aren'?t required|not needed|spelar ingen roll)\b"
)
_ONLY = (
    r"\b(?:EU|EEA)[- ](?:only|hosted only|data residency|residency|region only)\b|"
    # "we can only use providers that process inside the EU"
    r"\b(?:only|endast|bara|enbart)\b[^.;]{0,40}\b(?:process|processes|host|hosts|store|stores|"
    r"behandlar|lagrar)\s+(?:(?:the\s+)?data\s+)?" + _INSIDE + r"|"
    r"\bdata residency\b[^.;]{0,30}" + _INSIDE + r"|"
    r"\b(?:only|solely|exclusively|endast|bara|enbart)\s+(?:be\s+)?(?:processed|hosted|stored|run|"
    r"happen|take place|behandlas|lagras|köras|ske)?\s*"
    + _INSIDE
    + r"|"
    + _INSIDE
    + r"\s+(?:only|endast|enbart)\b|"
    r"\b(?:EU|EEA)-(?:hosted|based) (?:only|servers only)\b|\bresidency:?\s*EU\b|"
    r"\bEU[- ]krav\b|\bEU requirements? (?:on|for) data\b|\b(?:as long as|only if|provided) (?:it'?s |it is )?"
    r"(?:EU|EEA)[- ](?:hosted|based)\b|\b(?:hosting|hosted|servers?|processing|storage|lagring|"
    r"datalagring|drift(?:en)?)\s+(?:must|has to|should|needs? to|shall|ska|måste)\s+(?:be\s+|vara\s+|ske\s+)?"
    r"(?:in|within|inside|inom|i)\s+(?:the\s+)?(?:EU|EEA|Europe|Europa)\b"
)
_DATA = (
    r"\b(?:\w*data|\w*datan|\w*uppgifter|\w*uppgifterna|underlag\w*|prompts?|documents?|dokument(?:en)?|information|"
    r"records|files|texts?|personal data|personuppgifter(?:na)?|everything|nothing|it|they|all|"
    r"allt|inget|ingenting|kunddata|patientdata|kundernas|customer data|processing|"
    r"behandling(?:en)?|content|inputs?|outputs?|conversations?|transcripts?|materials?|material(?:et)?|"
    r"recordings?|inspelning\w*|emails?|e-?post|mejl\w*)\b"
)


_NO_RESTRICTIONS_RE = re.compile(
    r"\bno (?:data )?(?:restrictions|residency requirements?|data residency requirements?)\b|"
    r"\b(?:don'?t|do not) care where (?:it'?s|it is|the data is|data is|they are|it gets) "
    r"(?:processed|stored|hosted|run)\b|"
    r"\binga (?:data)?(?:krav|begränsningar) på (?:var|lagring|datalagring)\b",
    re.IGNORECASE,
)


def residency(text: str) -> Cue | None:
    """ "eu" when a clause requires that the data stay in (or not leave) Europe; "any" when the
    text says there are no data restrictions; None otherwise.

    A clause qualifies when it names Europe, a constraint on keeping or processing data there
    (stay/kept/processed in, or a negated leave/outside), and no negated requirement."""
    for clause in clauses(text):
        if not re.search(_EU, clause, re.IGNORECASE):
            continue
        if re.search(_NO_REQUIREMENT, clause, re.IGNORECASE):
            continue
        if re.search(_ONLY, clause, re.IGNORECASE) and re.search(
            _DATA + r"|\b(?:residency|regions?|servers?|providers?|hosting|hosted|stored|run|"
            r"processed|vendors?|requirements?|tjänster|leverantörer|servrar|lagras|behandlas|köras|"
            r"\w*lagring|krav)\b",
            clause,
            re.IGNORECASE,
        ):
            return Cue("eu", clause)  # "our offices are only in the EU" says nothing of data
        stays = re.search(_KEEP + r"[^.;]{0,25}?" + _INSIDE, clause, re.IGNORECASE)
        must = re.search(
            r"\b(?:must|has to|have to|needs? to|should|shall|is to|are to|will|may only|can only|"
            r"required to|requires?|required|requirement|ensure|guarantee|as long as|so long as|"
            r"provided|only if|important|essential|crucial|måste|ska|skall|får bara|får endast|behöver|"
            r"kräv\w*|krav|viktigt|"
            r"säkerställ\w*|så länge)\b",
            clause,
            re.IGNORECASE,
        )
        kept_out = re.search(_MUST_NOT + r"[^.;]{0,15}" + _KEEP, clause, re.I)
        # "Elevdata, stanna inom EU.": a bare imperative after the data it is about
        imperative = re.search(r"[,:]\s*" + _KEEP + r"[^.;]{0,10}?" + _INSIDE, clause, re.I)
        if stays and not kept_out and (must or imperative):
            return Cue("eu", clause)
        leaves = re.search(_LEAVE + r"[^.;]{0,20}?(?:" + _EU + r"|" + _OUTSIDE + r")", clause, re.I)
        outside = re.search(_OUTSIDE, clause, re.IGNORECASE)
        negated = re.search(_MUST_NOT, clause, re.IGNORECASE)
        if (leaves or outside) and negated and re.search(_DATA, clause, re.IGNORECASE):
            return Cue("eu", clause)
    if m := _NO_RESTRICTIONS_RE.search(text):
        return Cue("any", m.group(0))
    return None


# -- languages -----------------------------------------------------------------------------------

# Function words that only Swedish has: English "I", "a" or Latin "ca" never count.
_SWEDISH_ONLY = frozenset(
    """och att vi vill för som med inte vår våra det är ett på av jag har kan ska måste behöver
    varje eller också från till om hur vad när där här den detta dessa skulle mycket alla våran
    oss dem deras sig sin sina någon några efter utan mellan under""".split()
)
_ENGLISH_ONLY = frozenset(
    """the and to we want for that with not our is of have can must need each or also from how
    what when where this these would very all us them their some after without between under
    it be are will an on in my your""".split()
)


def is_swedish(text: str) -> bool:
    """Whether the text itself is written in Swedish: Swedish-only function words outnumber
    English ones (at least three), or å/ä/ö carry a text with some Swedish words."""
    words = re.findall(r"[a-zåäöéü]+", text.lower())
    swedish = sum(word in _SWEDISH_ONLY for word in words)
    # a lower-case "i" is the Swedish preposition; the English pronoun is written "I"
    swedish += len(re.findall(r"(?<![\w'’])i(?![\w'’])", text))
    english = sum(word in _ENGLISH_ONLY for word in words)
    if swedish <= english:
        return False
    return swedish >= 3 or (swedish >= 2 and bool(re.search(r"[åäö]", text.lower())))


# -- what the job hears and says -----------------------------------------------------------------

_ALREADY_TEXT_RE = re.compile(
    r"\bas text\b|\balready (?:transcribed|in text|written)\b|\btranscripts?\b(?! (?:of|from) "
    r"(?:the )?(?:audio|recordings))|\btext (?:transcripts?|logs?|exports?)\b|\bchat logs?\b|"
    r"\bi textform\b|\bsom text\b|\bredan transkriberade\b|\butskrifter(?:na)?\b|\bwritten minutes\b",
    re.IGNORECASE,
)
_RECORDED_RE = re.compile(
    r"\b(?:recorded|recordings?|audio|voice notes?|voicemails?|podcasts?|dictat\w*|speech|spoken|"
    r"phone calls?|telephone|call[- ]?cent(?:er|re)s?|support calls|sales calls|customer calls|"
    r"calls? recordings?|interviews?|meetings? (?:recorded|audio)|hearings?|lectures?|"
    r"inspelade|inspelningar?|ljud\w*|röstmeddelanden?|telefonsamtal|intervjuer|"
    r"diktat|dikter\w*|tal till text|transcri\w+|transkriber\w*|by voice|voice commands?|röststyr\w*)\b",
    re.IGNORECASE,
)
# "call" as a verb or an API call is not a phone call
_NOT_AUDIO_CALL_RE = re.compile(
    r"\bcall(?:s|ing)? (?:the|our|an?|its|their|into|out to)\b|\b(?:api|function|tool|http|rest|"
    r"rpc|service|backend|model|llm|inference)[- ]calls?\b|\bcalls? (?:to|per|from) (?:the |our |an? )?"
    r"(?:api|model|service|endpoint|llm|backend)\b",
    re.IGNORECASE,
)
_HEARD_RE = re.compile(
    r"\b(?:read (?:\w+ ){0,3}aloud|aloud|out loud|voice[- ]?(?:over|assistant|agent|bot|interface)|"
    r"voicebot|speaks?|spoken (?:answers?|replies|version)|talks? back|listen(?:s|ers?|ing)? to|"
    r"hear(?:s|d)?|text[- ]to[- ]speech|\btts\b|narrat\w*|audiobooks?|phone (?:line|agent|bot)|"
    r"\bivr\b|hotline|answers? (?:the )?(?:phone|calls)|callers?|läs(?:a|er)? upp|högläs\w*|"
    r"talsyntes|röstassistent|röstbot|lyssna\w*|höra)\b",
    re.IGNORECASE,
)
_VOICE_DIALOGUE_RE = re.compile(
    r"\b(?:voice[- ]?(?:assistant|agent|bot|interface)|voicebot|phone (?:line|agent|bot)|\bivr\b|"
    r"hotline|answers? (?:the )?(?:phone|calls)|callers?|röstassistent|röstbot|talks? (?:back|to))\b",
    re.IGNORECASE,
)
_SPEAKERS_RE = re.compile(
    r"\b(?:meetings?|calls?|interviews?|conversations? between|panel|hearings?|podcasts?|"
    r"möten|samtal|intervjuer|who said|speakers?|talare)\b",
    re.IGNORECASE,
)
_VIDEO_RE = re.compile(
    r"\b(?:videos?|video clips?|footage|film(?:s|er|klipp)?|klipp|webcam|cctv|camera feeds?|"
    r"screen recordings?|youtube)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signals:
    """What the job hears and says: real recorded audio in, a person hearing the answer, more
    than one speaker, video. None where the text does not say."""

    spoken_input: bool | None = None
    spoken_output: bool | None = None
    speakers: bool = False
    video: bool = False
    evidence: tuple[str, ...] = ()


def signals(text: str) -> Signals:
    evidence: list[str] = []
    spoken_in: bool | None = None
    if _ALREADY_TEXT_RE.search(text) and not re.search(
        r"\btranscri\w+|transkriber\w*|\brecordings?\b|\binspelningar\b", text, re.I
    ):
        spoken_in = False
        evidence.append(_ALREADY_TEXT_RE.search(text).group(0))
    else:
        cleaned = _NOT_AUDIO_CALL_RE.sub(" ", text)
        if m := _RECORDED_RE.search(cleaned):
            spoken_in = True
            evidence.append(m.group(0))
        elif m := re.search(r"\b(?:calls?|samtal)\b", cleaned, re.I):
            # a bare "call" or "samtal" (a phone call, or just a conversation: a chatbot's) is
            # speech only with a duration or a phone beside it
            if re.search(
                r"\b(?:calls?|samtal)\b[^.;]{0,40}\b\d+\s*(?:min|minutes?|minuter|hours?|timmar)|"
                r"phone|telefon|\bring(?:er|a)\b",
                cleaned,
                re.I,
            ):
                spoken_in = True
                evidence.append(m.group(0))
    spoken_out = None
    if m := _HEARD_RE.search(text):
        spoken_out = True
        evidence.append(m.group(0))
        if spoken_in is None and _VOICE_DIALOGUE_RE.search(text):
            spoken_in = True  # a voice agent or a phone line hears the caller too
    speakers = bool(spoken_in and _SPEAKERS_RE.search(text))
    video = bool(_VIDEO_RE.search(text))
    return Signals(spoken_in, spoken_out, speakers, video, tuple(evidence))
