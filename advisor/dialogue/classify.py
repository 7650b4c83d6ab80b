"""What a message in a conversation is, before it touches the questionnaire.

Rules decide the clear cases: cue words for social messages, follow-ups and corrections, a
question's form, and the facts the reader finds in the message alone. What the rules cannot
place is compared by meaning (the local embedder) with labelled example messages; when the best
kind is not clearly ahead, the reading abstains and the bot asks ("did you mean ...?").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

FACTS = "facts"
CORRECTION = "correction"
SIDE_QUESTION = "side-question"
FOLLOW_UP = "follow-up"
SOCIAL = "social"
UNRELATED = "unrelated"
UNSURE = "unsure"


@dataclass(frozen=True)
class Reading:
    kind: str
    detail: str = ""  # social: hello|help|thanks|ack|cancel|start-over; follow-up: why-not|approach|per-year|cheaper|why|other|no-pick
    argument: str = (
        ""  # what the detail is about: the model asked about, the approach, the new text
    )
    guesses: tuple[str, ...] = field(default_factory=tuple)  # for UNSURE: the likeliest kinds
    by: str = "rules"  # rules | meaning


_W = re.IGNORECASE
CANCEL_RE = re.compile(
    r"\b(cancel|nvm|never ?mind|forget (it|that|about it)|stop|abort|avbryt|glöm (det|allt)|strunta i det)\b",
    _W,
)
START_OVER_RE = re.compile(
    r"^\s*(let'?s\s+)?(start over|start again|restart|reset|new (case|question|use case)|"
    r"börja om( från början)?|nytt (ärende|fall))\b\s*[:,.\-–—!]*\s*(?P<rest>.*)$",
    _W | re.DOTALL,
)
HELLO_RE = re.compile(
    r"^\s*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|hej|hejsan|hallå|tjena|tja|god ?morgon)\b",
    _W,
)
HELP_RE = re.compile(
    r"^\s*(help|hjälp)\b|\bwhat can you do\b|\bhow does this work\b|\bwhat do you do\b|"
    r"\bvad kan du\b|\bhur funkar (det|du)\b|\bhur fungerar (det|du)\b",
    _W,
)
THANKS_RE = re.compile(
    r"\b(thanks|thank you|thx|ty|cheers|much appreciated|great,? thanks|tack|tackar|tusen tack)\b|"
    r"^\s*(perfect|great|awesome|nice|lovely|toppen|perfekt|bra|super)\s*[!.]*\s*$|"
    r"^\s*:?\+1:?\s*$|👍",
    _W,
)
# An acknowledgement that is not thanks: no "you're welcome", and nothing new to decide.
ACK_RE = re.compile(
    r"^\s*(ok|okay|okej|k|cool|got it|alright|noted|i see|fine|fint|kanon|uppfattat|jaha|"
    r"jag förstår|förstått)\s*[!.]*\s*$",
    _W,
)
DONT_KNOW_RE = re.compile(
    r"\b(no idea|not sure|don'?t know|dunno|skip|pass|no clue|vet inte|ingen aning|hoppa över)\b",
    _W,
)
CORRECTION_RE = re.compile(
    r"\b(actually|rather|make (it|that)|change (it|that|the)|instead|correction|i meant|"
    r"sorry,? (it'?s|i)|wait|not \S+ but|snarare|faktiskt|egentligen|ändra|jag menade|rättelse|"
    r"i stället|istället|inte \S+ utan)\b|^\s*(no|nej)\b[,.!]?",
    _W,
)
WHY_NOT_RE = re.compile(
    r"\b(why not|why didn'?t you (pick|choose|recommend)|what about|how about|how does .{1,60}? compare|"
    r"compared? (it )?(to|with)|vs\.?|versus|varför inte|vad sägs om|hur är det med|jämfört med|"
    r"jämför med)\s+(?P<target>[^?]{1,80})",
    _W,
)
WHY_RE = re.compile(
    r"^\s*(why|how come|varför|hur så)\b\s*(this|that|it|this one|that one|the pick|den|det|"
    r"den här|just den)?\s*\??\s*$",
    _W,
)
APPROACH_WORDS = {
    "fine-tuning": r"fine[- ]?tun\w*|finetun\w*|finjuster\w*|träna om",
    "rag": r"\brag\b|retrieval|hämtning",
    "prompt-engineering": r"prompt(ing| engineering)\b|promptteknik",
}
APPROACH_ASK_RE = re.compile(
    r"\b(instead|cost|costs|what would|what if|how much|vad skulle|istället|i stället|kosta|kostar|"
    r"vad blir)\b",
    _W,
)
DEFINITION_RE = re.compile(
    r"\b(what is|what'?s|whats|what are|explain|define|meaning of|vad är|vad betyder|förklara)\b",
    _W,
)
# Words that point back at the pick or its figures ("that", "it", "den", "det").
PICK_REF_RE = re.compile(
    r"\b(it|its|that|this|this one|that one|the pick|the model|the cost|the price|den|det|"
    r"denna|detta|modellen|kostnaden|priset)\b",
    _W,
)
# "what is it called ..." aside, a definition question is about a concept, not the pick.
DOMAIN_DEFINITION_RE = re.compile(
    r"^\s*(what is|what'?s|whats|what are|explain|define|vad är|förklara)\s+(an?|the|en|ett)?\s*"
    r"(?!it\b|that\b|this\b|den\b|det\b)\w",
    _W,
)
PER_YEAR_RE = re.compile(
    r"\b(per|a|each|every|om|i|on an?|for a|för ett)\s+(year|år|året)\b|\b(annual(ly)?|yearly|"
    r"årlig\w*|årskostnad\w*|per annum)\b",
    _W,
)
CHEAPER_RE = re.compile(
    r"\b(cheaper|less expensive|lower cost|lower price|more affordable|cut (the )?cost|"
    r"save money|too expensive|too costly|costs too much|(too )?pricey|cheapest|lower[- ]cost|"
    r"billigare|billigast\w*|lägre kostnad|mindre kostsam|spara pengar|för dyr\w*|"
    r"kostar för mycket)\b",
    _W,
)
QUESTION_RE = re.compile(
    r"\?\s*$|^\s*(what|what'?s|whats|how|why|when|which|where|is|are|does|do|can|could|should|"
    r"explain|define|tell me about|difference between|vad|vad är|hur|varför|när|vilken|vilket|"
    r"vilka|förklara|kan|är|finns)\b",
    _W,
)
QUESTION_START_RE = re.compile(
    r"^\s*(?:\w+,\s*)?(what|what'?s|whats|how|why|when|which|where|is|are|does|do|can|could|"
    r"should|explain|define|tell me about|difference between|vad|vad är|hur|varför|när|vilken|"
    r"vilket|vilka|förklara|kan|är|finns)\b",
    _W,
)
# Words of the subject the knowledge base covers: a question with one of them is a side
# question for the knowledge base, not small talk.
DOMAIN_RE = re.compile(
    r"\b(models?|llms?|gpt\S*|claude|gemini|llama|mistral|rag|retrieval|embedd\w*|vectors?|"
    r"tokens?|fine[- ]?tun\w*|prompt\w*|context window|hallucinat\w*|transformers?|"
    r"open[- ](source|weights?)|licen[cs]e\w*|gpus?|inference|benchmark\w*|quantiz\w*|"
    r"chroma|database|agents?|ai|encoders?|decoders?|architectures?|modell\w*|språkmodell\w*|vektor\w*|finjuster\w*|träning\w*|inbäddning\w*|kontextfönst\w*|hallucin\w*|licens\w*|kvantiser\w*|arkitektur\w*|databas\w*|hämtning\w*)\b",
    _W,
)
USE_CASE_RE = re.compile(
    r"\b(we|our|us|i need|i want|i'?d like|help me|build|need a|looking for|should (we|i) use|"
    r"recommend|which model|what model|vi|vår|våra|behöver|vill ha|ska bygga)\b",
    _W,
)

# Labelled example messages per kind, for what the rules cannot place. English and Swedish.
EXAMPLES: dict[str, tuple[str, ...]] = {
    FACTS: (
        "we want a chatbot that answers customer questions from our help centre",
        "summarise our weekly meeting notes for the management team",
        "about 20k requests a month and a budget of 300 dollars",
        "the data is sensitive and has to stay on our own servers",
        "classify incoming support tickets by department",
        "vi vill ha en chattbot som svarar på kundernas frågor",
        "ungefär tusen ärenden i månaden och en budget på 500 dollar",
    ),
    SIDE_QUESTION: (
        "what is a vector database",
        "how does retrieval augmented generation work",
        "what's the difference between fine-tuning and RAG",
        "explain what an embedding is",
        "what does context window mean",
        "vad är en vektordatabas",
        "hur fungerar finjustering av en modell",
    ),
    SOCIAL: (
        "hello there",
        "thanks, that helps a lot",
        "what can you help me with",
        "ok great, cheers",
        "hej, vad kan du hjälpa till med",
        "tack så mycket",
    ),
    UNRELATED: (
        "what's the weather like tomorrow",
        "book me a table for lunch",
        "who won the football match yesterday",
        "tell me a joke",
        "what time is the all-hands meeting",
        "vad blir det för väder i morgon",
        "kan du boka ett möte åt mig",
    ),
}
MIN_SIMILARITY = 0.35  # below this, no example is close enough to call it
MARGIN = 0.04  # the best kind must lead the next by this much, or the reading abstains
_lock = threading.Lock()
_vectors: list[tuple[str, list[float]]] = []


def _approach_named(text: str) -> str | None:
    for primary, pattern in APPROACH_WORDS.items():
        if re.search(pattern, text, _W):
            return primary
    return None


def classify(
    text: str,
    *,
    has_pick: bool,
    has_case: bool,
    pending: str | None,
    facts: list[str],
    hard_facts: list[str],
    answers_pending: bool,
) -> Reading:
    """Classify one message.

    `facts`: the fields the reader finds in the message alone; `hard_facts`: those among them that
    a question cannot carry by chance (numbers, deployment, residency); `answers_pending`: the
    message gives a value for the question the bot is waiting on. `has_pick`: a recommendation
    exists in this conversation; `has_case`: some answers are known.
    """
    words = text.split()
    short = len(words) <= 6

    if match := START_OVER_RE.match(text):
        return Reading(SOCIAL, "start-over", match.group("rest").strip())
    if short and CANCEL_RE.search(text) and not hard_facts:
        return Reading(SOCIAL, "cancel")
    if HELP_RE.search(text) and not hard_facts and len(words) <= 8:
        return Reading(SOCIAL, "help")
    if HELLO_RE.search(text) and len(words) <= 4 and not facts:
        return Reading(SOCIAL, "hello")
    if THANKS_RE.search(text) and short and not hard_facts and "?" not in text:
        return Reading(SOCIAL, "thanks")
    if ACK_RE.match(text) and (has_pick or pending):
        return Reading(SOCIAL, "ack")

    if has_pick and not hard_facts:
        approach = _approach_named(text)
        # "what about fine-tuning?", "and with RAG?", "med finjustering då?": the plan with that
        # approach; "what is fine-tuning?" stays a question about the concept
        if approach and (
            APPROACH_ASK_RE.search(text) or (short and not DEFINITION_RE.search(text))
        ):
            return Reading(FOLLOW_UP, "approach", approach)
        if match := WHY_NOT_RE.search(text):
            return Reading(FOLLOW_UP, "why-not", match.group("target").strip(" .!?"))
        if CHEAPER_RE.search(text):
            return Reading(FOLLOW_UP, "cheaper")
        if PER_YEAR_RE.search(text) and len(words) <= 10:
            return Reading(FOLLOW_UP, "per-year")
        if WHY_RE.match(text):
            return Reading(FOLLOW_UP, "why")
        if asks(text) or QUESTION_RE.search(text):
            if PICK_REF_RE.search(text) and not DOMAIN_DEFINITION_RE.search(text):
                # "is that per user?", "does it handle Finnish?": about the pick, whatever it asks
                return Reading(FOLLOW_UP, "other")

    if not has_pick and not hard_facts and short and not _approach_named(text):
        # "per year?" before there is a pick: about a pick to come, not a fact or a concept
        if CHEAPER_RE.search(text) or PER_YEAR_RE.search(text) or WHY_RE.match(text):
            return Reading(FOLLOW_UP, "no-pick")

    if answers_pending and not (asks(text) and not hard_facts):
        return Reading(CORRECTION if has_pick and CORRECTION_RE.search(text) else FACTS)
    if pending and short and DONT_KNOW_RE.search(text):
        return Reading(FACTS, "skip")

    is_question = bool(QUESTION_RE.search(text))
    if is_question and not hard_facts:
        describes_case = bool(USE_CASE_RE.search(text)) and "task" in facts
        if not describes_case or has_case:
            if DOMAIN_RE.search(text):
                return Reading(SIDE_QUESTION)
            return by_meaning(text, default=UNRELATED)

    if facts and (hard_facts or has_case or "task" in facts):
        correcting = has_case and CORRECTION_RE.search(text)
        return Reading(CORRECTION if correcting else FACTS)
    if not has_case and len(words) >= 4:
        found = by_meaning(text, default=FACTS if "task" in facts else UNSURE)
        if found.kind == SIDE_QUESTION and not is_question and USE_CASE_RE.search(text):
            # "I need a model": a request to start from, not a question about the subject
            return Reading(FACTS)
        return found
    return by_meaning(text, default=UNSURE)


def asks(text: str) -> bool:
    """A question of its own, not an answer given with a question mark ("maybe 5k?", "ja?"):
    it starts with a question word or is about the subject."""
    return bool(
        QUESTION_START_RE.search(text) or (QUESTION_RE.search(text) and DOMAIN_RE.search(text))
    )


def by_meaning(text: str, default: str) -> Reading:
    """The kind whose examples the text is closest to; UNSURE with the two likeliest kinds when
    no kind leads clearly; `default` (or UNSURE) when the embedder is not installed."""
    ranked = rank(text)
    if not ranked:
        return Reading(default, by="rules")
    (best, top), (second, runner_up) = ranked[0], ranked[1]
    if top < MIN_SIMILARITY or top - runner_up < MARGIN:
        return Reading(UNSURE, guesses=(best, second), by="meaning")
    if best == SOCIAL:  # small talk the rules did not name: answer it as a greeting
        return Reading(SOCIAL, "hello", by="meaning")
    return Reading(best, by="meaning")


def rank(text: str) -> list[tuple[str, float]] | None:
    """Kinds by their closest example's similarity to the text, best first; None without the
    embedder."""
    from ..intake.task_meaning import _content, _cosine, _embedder

    embedder = _embedder()
    if embedder is None or not text.strip():
        return None
    with _lock:
        if not _vectors:
            lines = [(kind, line) for kind, lines in EXAMPLES.items() for line in lines]
            vectors = embedder.embed_documents([_content(line) for _, line in lines])
            _vectors.extend((kind, v) for (kind, _), v in zip(lines, vectors, strict=True))
    query = embedder.embed_query(_content(text))
    best: dict[str, float] = {}
    for kind, vector in _vectors:
        best[kind] = max(best.get(kind, -1.0), round(_cosine(query, vector), 4))
    order = list(EXAMPLES)
    return sorted(best.items(), key=lambda item: (-item[1], order.index(item[0])))
