"""Swedish questions over the English knowledge base: language detection and a domain glossary.

The articles are in English, but the source lesson is Swedish and users ask in Swedish.
``detect_language`` tells Swedish from English by counting common function words, and
``to_english`` rewrites a Swedish question word by word into English terms of this domain
(``"Vad är en grundmodell?"`` -> ``"what is a foundation model"``), so that both the dense and the
lexical halves of retrieval can match the English articles. Words the glossary does not know are
kept as they are (model names such as GPT or BERT stay useful); an off-topic question keeps its
unknown words and so still finds nothing. Pure Python, no imports beyond the standard library.
"""

from __future__ import annotations

import functools
import re

# Common Swedish function words (none of them an English word, apart from "man"), and English ones.
_SV_STOP = frozenset(
    """och är att det som för med på av inte jag vi hur vad varför när vilken vilket vilka mellan
    eller den det de har sig man kan ska bör borde till om från vår våra vårt skillnaden också
    någon något några mycket själv själva sin sitt sina ett en ni oss vara blir blev finns eller
    än efter utan under över går gör göra hos vid denna detta dessa""".split()
)
# Public: what a Swedish question says besides its content words (see knowledge.retrieval).
SWEDISH_FUNCTION_WORDS = _SV_STOP
_EN_STOP = frozenset(
    """the is are what how why when which of and to a an in for with does do can should between
    our my it this that be or from on we you i they there their its was were will would""".split()
)

# Swedish (lower case, base form or a fixed phrase) -> English terms. Inflected forms are found by
# stripping common Swedish endings (see `_lookup`); phrases of up to three words are matched first.
GLOSSARY: dict[str, str] = {
    # question and function words
    "hur": "how",
    "vad": "what",
    "varför": "why",
    "när": "when",
    "vilken": "which",
    "vilket": "which",
    "vilka": "which",
    "vem": "who",
    "är": "is",
    "vara": "be",
    "blir": "becomes",
    "finns": "there is",
    "en": "a",
    "ett": "a",
    "och": "and",
    "eller": "or",
    "att": "to",
    "för": "for",
    "med": "with",
    "utan": "without",
    "av": "of",
    "i": "in",
    "på": "on",
    "om": "about",
    "till": "for",
    "från": "from",
    "mot": "versus",
    "än": "than",
    "vi": "we",
    "jag": "i",
    "du": "you",
    "vår": "our",
    "våra": "our",
    "vårt": "our",
    "egen": "own",
    "eget": "own",
    "egna": "own",
    "själv": "ourselves",
    "själva": "ourselves",
    "kan": "can",
    "ska": "should",
    "bör": "should",
    "borde": "should",
    "behöver": "need",
    "behövs": "needed",
    "måste": "must",
    "inte": "not",
    "mellan": "between",
    "skillnad": "difference",
    "skillnaden": "difference",
    "skillnader": "differences",
    "jämfört med": "compared with",
    "jämföra": "compare",
    "jämförelse": "comparison",
    "fungerar": "work",
    "fungera": "work",
    "lönar det sig": "is it worth",
    "lönar sig": "is worth",
    "lönsamt": "worth",
    "värt": "worth",
    "värd": "worth",
    "bäst": "best",
    "bästa": "best",
    "bra": "good",
    "välja": "choose",
    "väljer": "choose",
    "val": "choice",
    "använda": "use",
    "använder": "use",
    "används": "used",
    "användning": "use",
    "fördel": "advantage",
    "nackdel": "disadvantage",
    "risk": "risk",
    "betyder": "means",
    "innebär": "means",
    "exempel på": "examples of",
    "skapa": "create",
    "skapar": "creates",
    "förstå": "understand",
    "förstår": "understands",
    "skriva": "write",
    "skriver": "writes",
    "läsa": "read",
    "snabb": "fast",
    "liten": "small",
    "små": "small",
    "stor": "large",
    "stora": "large",
    "ny": "new",
    "nya": "new",
    "företag": "company",
    "uppgift": "task",
    # models and training
    "modell": "model",
    "språkmodell": "language model",
    "stor språkmodell": "large language model",
    "stora språkmodeller": "large language models",
    "grundmodell": "foundation model",
    "basmodell": "base model",
    "förtränad": "pretrained",
    "förträning": "pretraining",
    "finjustera": "fine-tune",
    "finjusterar": "fine-tune",
    "finjustering": "fine-tuning",
    "finjusterad": "fine-tuned",
    "finjusterade": "fine-tuned",
    "träna": "train",
    "tränar": "train",
    "tränas": "trained",
    "tränad": "trained",
    "tränade": "trained",
    "träning": "training",
    "träningsdata": "training data",
    "från grunden": "from scratch",
    "från början": "from scratch",
    "parameter": "parameters",
    "vikter": "weights",
    "öppna vikter": "open weights",
    "öppen källkod": "open source",
    "öppen": "open",
    "öppet": "open",
    "öppna": "open",
    "stängd": "closed proprietary",
    "stängda": "closed proprietary",
    "sluten": "closed proprietary",
    "slutna": "closed proprietary",
    "proprietär": "proprietary",
    "proprietära": "proprietary",
    "licens": "license",
    "arkitektur": "architecture",
    "kodare": "encoder",
    "avkodare": "decoder",
    "endast kodare": "encoder-only",
    "endast avkodare": "decoder-only",
    "kodare-avkodare": "encoder-decoder",
    "transformer": "transformer",
    # tasks and modalities
    "inbäddning": "embeddings",
    "inbäddningar": "embeddings",
    "vektor": "vector",
    "vektordatabas": "vector database",
    "semantisk sökning": "semantic search",
    "sökning": "search",
    "bild": "image",
    "bilder": "images",
    "bildgenerering": "image generation",
    "generera": "generate",
    "genererar": "generates",
    "generering": "generation",
    "textgenerering": "text generation",
    "tal": "speech",
    "taligenkänning": "speech recognition",
    "tal till text": "speech to text",
    "transkribering": "transcription",
    "transkribera": "transcribe",
    "talsyntes": "text-to-speech",
    "text till tal": "text to speech",
    "ljud": "audio",
    "röst": "voice",
    "kod": "code",
    "kodgenerering": "code generation",
    "sammanfattning": "summarization",
    "sammanfatta": "summarize",
    "översättning": "translation",
    "översätta": "translate",
    "klassificering": "classification",
    "klassificera": "classify",
    "chatt": "chat",
    "chattbot": "chatbot",
    "assistent": "assistant",
    "kundtjänst": "customer support",
    "svar": "answers",
    "fråga": "question",
    "frågor": "questions",
    "kontextfönster": "context window",
    # prompting, retrieval, quality
    "prompt": "prompt",
    "promptteknik": "prompt engineering",
    "promptning": "prompting",
    "exempel": "examples",
    "noll-exempel": "zero-shot",
    "nollexempel": "zero-shot",
    "noll exempel": "zero-shot",
    "ett exempel": "one-shot",
    "en-exempel": "one-shot",
    "få-exempel": "few-shot",
    "fåexempel": "few-shot",
    "få exempel": "few-shot",
    "hämtning": "retrieval",
    "förstärkt": "augmented",
    "förstärkning": "augmentation",
    "hämta": "retrieve",
    "hämtar": "retrieves",
    "dokument": "documents",
    "kunskap": "knowledge",
    "kunskapsbas": "knowledge base",
    "fakta": "facts",
    "aktuell": "current",
    "uppdatera": "update",
    "hallucination": "hallucinations",
    "hallucinerar": "hallucinate",
    "hallucinera": "hallucinate",
    "påhittade": "made-up",
    "utvärdera": "evaluate",
    "utvärdering": "evaluation",
    "testa": "test",
    "kvalitet": "quality",
    "noggrannhet": "accuracy",
    "latens": "latency",
    # cost and deployment
    "kostnad": "cost",
    "kostar": "cost",
    "kosta": "cost",
    "pris": "price",
    "priset": "price",
    "prissättning": "pricing",
    "billig": "cheap",
    "dyr": "expensive",
    "budget": "budget",
    "betala": "pay",
    "driftsätta": "deploy",
    "driftsättning": "deployment",
    "drift": "operation deployment",
    "köra": "run",
    "kör": "run",
    "server": "server",
    "servrar": "servers",
    "lokalt": "locally on-premises",
    "egen server": "own servers",
    "egna servrar": "own servers",
    "moln": "cloud",
    "molnet": "cloud",
    "molntjänst": "cloud service",
    "tjänst": "service",
    "hårdvara": "hardware",
    "grafikkort": "gpu",
    "minne": "memory",
    "data": "data",
    "känslig": "sensitive",
    "känsliga": "sensitive",
    "personuppgifter": "personal data",
    "säkerhet": "security",
    "integritet": "privacy",
    "lagligt": "legally",
    # what teams ask beyond the lesson (issue 25)
    "anrop": "call",
    "api-anrop": "api call",
    "räkna": "calculate",
    "räknas": "calculated",
    "beräkna": "calculate",
    "beräknas": "calculated",
    "kvantisering": "quantisation",
    "kvantiserad": "quantised",
    "kvantiserade": "quantised",
    "kvantisera": "quantise",
    "bitar": "bits",
    "precision": "precision",
    "kvalitetsförlust": "quality loss",
    "strukturerad utdata": "structured outputs",
    "strukturerade svar": "structured outputs",
    "strukturerad": "structured",
    "strukturerade": "structured",
    "utdata": "output",
    "giltig": "valid",
    "giltigt": "valid",
    "giltiga": "valid",
    "schema": "schema",
    "avkodning": "decoding",
    "begränsad avkodning": "constrained decoding",
    "verktyg": "tools",
    "verktygsanrop": "tool calling",
    "funktionsanrop": "function calling",
    "agent": "agent",
    "agenter": "agents",
    "härda": "harden",
    "härdar": "harden",
    "härdning": "hardening",
    "säker": "secure",
    "säkert": "secure",
    "promptinjektion": "prompt injection",
    "expertblandning": "mixture-of-experts",
    "blandning av experter": "mixture of experts",
    "experter": "experts",
    "tät": "dense",
    "täta": "dense",
    "aktiva parametrar": "active parameters",
    "utvärderar": "evaluate",
    "utvärderas": "evaluated",
    "mätvärden": "metrics",
    "mått": "metrics",
    "trovärdighet": "faithfulness",
    "testmängd": "test set",
    "testuppsättning": "test set",
    "domare": "judge",
    "batch": "batch",
    "batchjobb": "batch",
    "cachning": "caching",
    "cache": "cache",
    "cacha": "cache",
    "promptcachning": "prompt caching",
    "rabatt": "discount",
    "talassistent": "voice assistant",
    "röstassistent": "voice assistant",
    "på enheten": "on-device",
    "på enhet": "on-device",
    "mobil": "phone",
    "mobilen": "phone",
    "telefon": "phone",
    "telefonen": "phone",
    "bärbar dator": "laptop",
    "dataresidens": "data residency",
    "datalagring": "data residency storage",
    "ai-förordningen": "eu ai act",
    "ai-akten": "eu ai act",
    "förordning": "regulation",
    "lag": "law",
    "lagen": "law",
    "krav": "requirements",
    "kräver": "requires",
    "skyldigheter": "duties obligations",
    "skyldighet": "duty obligation",
    "användare": "deployer user",
    "högrisk": "high-risk",
    "sjukvård": "healthcare medical",
    "vård": "healthcare medical",
    "medicinsk": "medical",
    "medicinska": "medical",
    "juridisk": "legal",
    "juridiska": "legal",
    "finansiell": "financial",
    "finansiella": "financial",
    "skyddsåtgärder": "safeguards",
    "skyddsräcken": "safeguards guardrails",
    "omrankning": "reranking",
    "omrankare": "reranker",
    "inbäddningsmodell": "embedding model",
    "sökresultat": "search results",
    # words the Swedish articles use where the English ones say "first", "rule of thumb", ...
    "först": "first",
    "det första": "first",
    "det andra": "second",
    "det tredje": "third",
    "sedan": "then",
    "därefter": "next",
    "slutligen": "finally",
    "steg": "step",
    "förberedelse": "preparation",
    "förberedelsen": "in preparation",
    "när frågan ställs": "at question time",
    "tumregel": "rule of thumb",
    "passar": "suits",
    "välj": "choose",
    "kriterium": "criterion",
    "begränsningar": "limits",
    "fördelar": "benefits",
    "nackdelar": "drawbacks",
    "exempelvis": "for example",
    "till exempel": "for example",
    # the lesson's knowledge check: "Vad kan vara ett bra tillvägagångssätt för att förbättra
    # LLM-slutföringsresultat?"
    "tillvägagångssätt": "approach",
    "förbättra": "improve",
    "förbättrar": "improve",
    "förbättring": "improvement",
    "resultat": "results",
    "slutföringsresultat": "completion results",
    "llm-slutföringsresultat": "llm completion results",
}

# Endings stripped, longest first, to reach a glossary entry from an inflected form.
_ENDINGS = sorted(
    "erna arna orna ernas arnas ornas ens ets en et er ar or na n t s e a".split(),
    key=len,
    reverse=True,
)
_WORD = re.compile(r"[a-z0-9åäöéü]+(?:-[a-z0-9åäöéü]+)*")
_PHRASE_MAX = max(len(key.split()) for key in GLOSSARY)
# Compound heads, for words like "textmodell" or "bildmodellerna".
_HEADS = sorted((k for k in GLOSSARY if " " not in k and len(k) >= 5), key=len, reverse=True)


# Swedish inflects acronyms after a colon ("API:er", "GPU:n", "LLM:s"): the ending is dropped.
_ACRONYM_ENDING = re.compile(r"(?<=[a-z0-9]):(?:erna|arna|er|ar|na|en|et|n|s|t)\b")


def words(text: str) -> list[str]:
    return _WORD.findall(_ACRONYM_ENDING.sub("", text.lower()))


def detect_language(text: str) -> str:
    """``"sv"`` when Swedish function words outnumber English ones, else ``"en"``."""
    tokens = words(text)
    sv = sum(t in _SV_STOP for t in tokens)
    en = sum(t in _EN_STOP for t in tokens)
    if sv == 0:
        return "en"
    if sv > en or (sv == en and re.search(r"[åäö]", text.lower())):
        return "sv"
    return "en"


def _lookup(word: str) -> str | None:
    got = GLOSSARY.get(word)
    if got is not None:
        return got
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            got = GLOSSARY.get(word[: -len(ending)])
            if got is not None:
                return got
    if "-" in word:  # "zero-shot-promptning": each part on its own (see `to_english`)
        return None
    if len(word) >= 7:
        both = _compound(word)
        if both is not None:
            return both
        # compounds of an unknown first part: the head word carries the meaning
        # ("textmodellen" -> model)
        for head in _HEADS:
            for ending in ("", *_ENDINGS):
                if word.endswith(head + ending) and len(word) - len(head + ending) >= 2:
                    return GLOSSARY[head]
    return None


# Function words that also begin ordinary words ("förslag", "utanför", "motsvarar", "tillför",
# "självsäker"): never a compound's first part.
_NOT_A_FIRST_PART = _SV_STOP | {"mot"}


def _compound(word: str) -> str | None:
    """A compound of two known words, with or without the linking "s", in English order
    ("hämtningsförstärkt" -> "retrieval augmented"); the longest known first part wins. The
    first part is a content word, and a head read through an ending has a stem of four letters
    or more (a three-letter stem and an ending, "lag" + "er", is often another word: "lager")."""
    for cut in range(len(word) - 3, 2, -1):
        first, head = word[:cut], word[cut:]
        if first.endswith("s") and first[:-1] in GLOSSARY:
            first = first[:-1]
        modifier = GLOSSARY.get(first)
        if modifier is None or " " in first or first in _NOT_A_FIRST_PART:
            continue
        meaning = GLOSSARY.get(head) or next(
            (
                GLOSSARY[head[: -len(ending)]]
                for ending in _ENDINGS
                if head.endswith(ending)
                and len(head) - len(ending) >= 4
                and head[: -len(ending)] in GLOSSARY
            ),
            None,
        )
        if meaning is not None and len(head) >= 3:
            return f"{modifier} {meaning}"
    return None


@functools.lru_cache(maxsize=1024)
def to_english(text: str) -> str:
    """``text`` rewritten into English terms, word by word, phrases first; words the glossary
    does not know are kept, Swedish function words without a translation are dropped."""
    tokens = words(text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_PHRASE_MAX, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + size])
            got = GLOSSARY.get(phrase) if size > 1 else _lookup(phrase)
            if got is not None:
                out.append(got)
                i += size
                break
        else:
            if "-" in tokens[i]:
                # A hyphenated word the glossary does not know as a whole ("RAG-systemet",
                # "zero-shot-promptning"): its parts, each translated where the glossary can.
                out.extend(_lookup(part) or part for part in tokens[i].split("-") if part)
            elif tokens[i] not in _SV_STOP:
                out.append(tokens[i])
            i += 1
    return " ".join(out)


def english_query(text: str) -> tuple[str, str]:
    """(language, the query to search with): Swedish questions are rewritten into English."""
    language = detect_language(text)
    if language == "sv":
        return language, to_english(text)
    return language, text
