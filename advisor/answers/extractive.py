"""Extractive knowledge answers built from whole passages of the articles.

An answer is one to four *units*: a paragraph, or a list kept whole with the sentence that
introduces it, taken from the sections of the best retrieved documents and cited with the number
of the document's passage ([1], [2], ...). Units are never cut, so a numbered sequence keeps its
middle steps and an argument keeps its "however". What is chosen depends on the kind of question
(`advisor.answers.question_kind`): a definition leads with the unit that says what the thing is; a
comparison covers each side, then when each fits; a "when" question gets the criteria; a "how"
question gets the steps.

A unit never opens an answer on a sentence that leans on one not shown: a paragraph that opens
with "This ..." or "However ..." travels with the paragraph before it, and the sections of an
article built around an analogy are only used after the section that introduces it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..grounding import retrieval
from .question_kind import Kind

MAX_CHARS = 1700  # one or two paragraphs: an answer, not an article
MAX_CHARS_COMPARISON = 2500  # both sides and when each fits (Slack shows up to 3,000 characters)
MAX_UNITS = 4
TOP_DOCUMENTS = 3
# A unit of another document than the best one leads only when it scores clearly above the best
# document's own best unit (OWN_LEAD_SHARE), and follows a lead only when it scores as well.
OWN_LEAD_SHARE = 0.9
OTHER_DOCUMENT_SHARE = 1.15

# A sentence that leans on the one before it ("This makes ...", "However ...").
_DANGLING = re.compile(
    r"^(?:this|that|these|those|it|its|it's|they|them|their|such|both|either|neither|here|"
    r"(?:for|in|with|on|at|by|from|after|of) (?:this|that|these|those|such|it|them)|"
    r"the (?:same|reverse|other|latter|former|opposite|rest)|"
    r"however|but|and|or|yet|still|also|instead|otherwise|then|thus|hence|likewise|"
    r"similarly|even so|even then|as a result|in addition|in contrast|on the other hand)\b",
    re.I,
)
# The same in Swedish, for the Swedish versions of the articles.
_DANGLING_SV = re.compile(
    r"^(?:det|detta|dessa|denna|den|de|dem|deras|sådana|sådan|här|båda|samma|"
    r"men|dock|och|eller|också|även|därför|därmed|alltså|annars|sedan|då|så|ändå|"
    r"(?:för|i|med|på|av|efter) (?:det|detta|dessa|den|dem))\b",
    re.I,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ORDERED_ITEM = re.compile(r"^\s*(\d+)[.)]\s+")
_ANALOGY = re.compile(r"\banalog(?:y|ies)\b|\bimagine\b|\bpicture (?:a|an|yourself)\b", re.I)
_COPULA = re.compile(r"\b(?:is|are|means|refers to|describes|denotes)\b")
# "RAG is the right approach when ..." judges it; it does not say what it is.
_JUDGED = re.compile(
    r"\b(?:is|are)\s+(?:(?:the|a|an|usually|often|not|also|then)\s+)*(?:right|best|wrong|better|"
    r"worse|cheaper|costlier|good|bad|ideal|preferred|worth|enough|overkill)\b",
    re.I,
)
_SEQUENCE = re.compile(
    r"\b(?:first|second|third|then|next|finally|afterwards|in preparation|at question time|"
    r"step)\b",
    re.I,
)
_CRITERIA = re.compile(r"\b(?:when|if|unless|worth|pays? off|suits?|only|rather than)\b", re.I)
_FIT = re.compile(
    r"\b(?:rule of thumb|decision rule|choose|pick|prefer|suits?|fits?|is the right|"
    r"better (?:choice|fit)|use an?|which (?:one|architecture|model|to use)|when)\b",
    re.I,
)
_COMPARATIVE_HEADING = re.compile(
    r"\b(?:versus|vs|compar\w*|difference|trade-offs?|choosing|decision|which)\b", re.I
)
_DEFINING_HEADING = re.compile(r"^(?:what\b.*\b(?:is|are)$|definition\b)", re.I)
_HTML = re.compile(r"<[^>\n]{0,200}>")
# Question words that say what kind of answer is wanted, not what it is about.
_GENERIC = frozenset(
    "best describ differ exampl explain good kind type versu vs work when how what should "
    "worth".split()
)


# Words that name the kind of thing compared, not one side ("an open or a proprietary model").
_SIDE_GENERIC = frozenset("model llm one option approach kind type".split())


@dataclass(frozen=True)
class Unit:
    doc: str
    section: int  # the section's place in its document
    place: int  # the unit's place in its section
    heading: str
    text: str  # Markdown: one paragraph, or "intro\n1. ...\n2. ..." for a list
    first: str  # the opening sentence (plain text)
    terms: frozenset[str]
    first_terms: frozenset[str]
    # The heading, text and opening sentence in English terms, which the patterns below read:
    # the same as above for an English article, the glossary's rendering for a Swedish one.
    heading_en: str = ""
    text_en: str = ""
    first_en: str = ""


@dataclass
class Candidate:
    unit: Unit
    n: int  # the citation number of its document's passage
    score: float = 0.0


# -- units -----------------------------------------------------------------------------------------


def _inline(text: str) -> str:
    """One line of article Markdown as safe inline text: links to their words, no HTML."""
    text = _HTML.sub("", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


def _blocks(body: str) -> list[str]:
    """Paragraphs and lists of a section, a list joined to the line that introduces it."""
    blocks: list[str] = []
    for raw in re.split(r"\n\s*\n", body.strip()):
        lines = [line for line in raw.split("\n") if line.strip()]
        if not lines or raw.lstrip().startswith(("```", "|", "#")):
            continue
        if _LIST_ITEM.match(lines[0]):
            items: list[str] = []
            for line in lines:
                if _LIST_ITEM.match(line) or not items:
                    items.append(line.strip())
                else:  # a wrapped item line
                    items[-1] += " " + line.strip()
            listed = "\n".join(_list_line(item) for item in items)
            if (
                blocks
                and blocks[-1].rstrip().endswith(":")
                or (blocks and len(blocks[-1]) < 160 and "\n" not in blocks[-1])
            ):
                blocks[-1] = f"{blocks[-1]}\n{listed}"
            else:
                blocks.append(listed)
        else:
            blocks.append(_inline(" ".join(lines)))
    return [b for b in blocks if b]


def _list_line(item: str) -> str:
    ordered = _ORDERED_ITEM.match(item)
    marker = f"{ordered.group(1)}." if ordered else "-"
    return f"{marker} {_inline(_LIST_ITEM.sub('', item, count=1))}"


def _opening(text: str) -> str:
    from knowledge.retrieval import sentences

    found = sentences(text.split("\n")[0])
    return found[0] if found else text


def _english(text: str, language: str) -> str:
    if language == "en":
        return text
    from knowledge.glossary import to_english

    return to_english(text)


@functools.lru_cache(maxsize=4096)
def _section_units(
    doc: str, section: int, heading: str, body: str, language: str = "en"
) -> tuple[Unit, ...]:
    from knowledge.retrieval import tokenize

    dangling = _DANGLING if language == "en" else _DANGLING_SV
    merged: list[str] = []
    for block in _blocks(body):
        # A paragraph that opens on "This ..." belongs with the one before it.
        if merged and dangling.match(_opening(block)):
            merged[-1] = f"{merged[-1]}\n\n{block}"
        else:
            merged.append(block)
    units = []
    for place, text in enumerate(merged):
        first = _opening(text)
        if "\n" in text and dangling.match(first) and _LIST_ITEM.match(text.split("\n")[1]):
            # "This short quiz checks ...": the list says it all without its lead-in.
            text = text.split("\n", 1)[1]
            first = _opening(text)
        heading_en, text_en, first_en = (_english(t, language) for t in (heading, text, first))
        units.append(
            Unit(
                doc=doc,
                section=section,
                place=place,
                heading=heading,
                text=text,
                first=first,
                terms=frozenset(tokenize(f"{heading_en} {text_en}")),
                first_terms=frozenset(tokenize(first_en)),
                heading_en=heading_en,
                text_en=text_en,
                first_en=first_en,
            )
        )
    return tuple(units)


_BY_DOC: dict[str, object] = {}


def _document_sections(doc_id: str) -> list:
    """The chunks of one document in their order (all of them, not only the retrieved one)."""
    chunks = retrieval.chunks()
    if _BY_DOC.get("chunks") is not chunks:  # held, so the identity check stays meaningful
        grouped: dict[str, list] = {}
        for chunk in chunks:
            grouped.setdefault(chunk.doc_id, []).append(chunk)
        _BY_DOC.update(chunks=chunks, grouped=grouped)
    return _BY_DOC["grouped"].get(doc_id, [])  # type: ignore[union-attr]


def _idf() -> dict[str, float]:
    """BM25 idf of the current chunks, looked up once per version of them (the lookup hashes
    every chunk)."""
    chunks = retrieval.chunks()
    if _BY_DOC.get("idf_of") is not chunks:
        from knowledge.retrieval import lexical_searcher

        _BY_DOC.update(idf_of=chunks, idf=lexical_searcher(chunks).bm25.idf)
    return _BY_DOC["idf"]  # type: ignore[return-value]


def _units(passage) -> list[Unit]:
    sections = _document_sections(passage.id) or []
    out: list[Unit] = []
    for number, chunk in enumerate(sections):
        out.extend(_section_units(passage.id, number, chunk.heading, chunk.body, chunk.language))
    if not out:  # a passage from outside the packaged chunks (tests with their own documents)
        language = getattr(passage, "language", "en")
        out.extend(_section_units(passage.id, 0, passage.heading, passage.body, language))
    return out


# -- choosing --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _heading_terms(text: str) -> frozenset[str]:
    from knowledge.retrieval import tokenize

    return frozenset(tokenize(text))


def _terms(text: str) -> set[str]:
    return set(_heading_terms(text))


def _share(side: set[str], terms: frozenset[str]) -> float:
    return len(side & terms) / len(side) if side else 0.0


def _names(side: set[str], terms: frozenset[str]) -> bool:
    """Whether a unit with `terms` is about `side` (all of a short side, most of a long one)."""
    return len(side & terms) >= min(len(side), max(1, (len(side) + 1) // 2))


def _defines(unit: Unit, subject: set[str]) -> bool:
    """Whether the unit opens by saying what `subject` is ("An embedding is a list of ...",
    "Retrieval-augmented generation (RAG) is a way ..."): the subject is what the verb is said of,
    not a word later in the sentence ("Chunking ... affects RAG quality"), and the verb says what
    it is, not how good it is ("RAG is the right approach when ...")."""
    if not subject or not _names(subject, unit.first_terms):
        return False
    first = unit.first_en[:240]
    copula = _COPULA.search(first)
    if copula is None:
        return False
    said_of = " ".join(first[: copula.start()].split()[-5:])  # the words just before the verb
    if not _names(subject, frozenset(_terms(said_of))):
        return False
    return not _JUDGED.match(first, copula.start())


def _score(
    unit: Unit, n: int, retrieved: str, focus: set[str], idf: dict, kind: Kind, figurative: bool
) -> float:
    weight = sum(idf.get(t, 1.0) for t in focus) or 1.0
    overlap = sum(idf.get(t, 1.0) for t in focus & unit.terms) / weight
    heading = _terms(unit.heading_en)
    on_topic = len(heading & focus) / len(heading | focus) if heading else 0.0
    score = overlap + 0.4 * on_topic - 0.15 * (n - 1) - 0.01 * unit.section
    if unit.heading == retrieved:  # the section retrieval picked for this document
        score += 0.35 if n == 1 else 0.15
    if figurative:
        score -= 0.3
    title = unit.heading_en.lower()
    if kind.kind == "definition":
        if _defines(unit, _terms(kind.subject) or focus):
            score += 0.6
        if re.match(r"^(?:what|definition)\b", title):
            score += 0.15
    elif kind.kind == "when":
        if re.match(r"^when\b(?! not)", title) or re.search(
            r"\b(?:worth|should|pays? off)\b", title
        ):
            score += 0.5
        elif title.startswith("when not"):
            score += 0.2
        score += min(0.3, 0.06 * len(_CRITERIA.findall(unit.text_en)))
    elif kind.kind == "how":
        if re.match(r"^how\b", title) or "in practice" in title or "steps" in title:
            score += 0.35
        if _ORDERED_ITEM.search(unit.text) or len(_SEQUENCE.findall(unit.text_en)) >= 2:
            score += 0.15
    elif kind.kind == "comparison":
        if _COMPARATIVE_HEADING.search(title) and len(kind.sides) == 2:
            score += 0.25
        score += 0.15 * sum(_names(s, unit.terms) for s in _sides(kind))
    return score


def _sides(kind: Kind) -> list[set[str]]:
    """Each side of a comparison as the terms that tell it from the others."""
    sides = [_terms(side) for side in kind.sides]
    out = []
    for i, side in enumerate(sides):
        others = set().union(*(s for j, s in enumerate(sides) if j != i))
        own = side - others - _GENERIC - _SIDE_GENERIC or side - others or side
        if own:
            out.append(own)
    return out


@functools.lru_cache(maxsize=4096)
def _counts(text: str) -> Counter:
    from knowledge.retrieval import tokenize

    return Counter(tokenize(text))


def _about(unit: Unit, sides: list[set[str]]) -> list[bool]:
    """Which sides a unit is mainly about: a side it mentions at least twice as often as any
    other; every side it names when none stands out."""
    counts = _counts(f"{unit.heading_en} {unit.heading_en} {unit.text_en}")
    mentions = [max(counts[t] for t in side) for side in sides]
    for i, m in enumerate(mentions):
        if m and all(m >= 2 * o for j, o in enumerate(mentions) if j != i):
            return [j == i for j in range(len(sides))]
    return [_names(s, unit.terms) for s in sides]


def _said(unit: Unit, sides: int) -> frozenset[str]:
    return unit.terms if sides > 2 else frozenset(_terms(unit.heading_en))


def _fits(unit: Unit) -> bool:
    """Whether a unit says when to choose what (a rule of thumb, a decision, a fit)."""
    return bool(_FIT.search(unit.heading_en)) or len(_FIT.findall(unit.text_en)) >= 3


def choose(question: str, kind: Kind, passages: list, idf: dict) -> list[Candidate]:
    """The units of the answer, in the order they are shown."""
    from knowledge.retrieval import tokenize

    terms = set(tokenize(question))
    focus = (terms - _GENERIC) or terms
    if kind.kind == "definition":
        focus |= _terms(kind.subject) - _GENERIC
    sides = _sides(kind)
    for side in sides:
        focus |= side
    asks_analogy = bool(re.search(r"analog|quiz|writer|checker", question, re.I))
    top = max(float(passages[0].score), 1e-9)
    pool: list[Candidate] = []
    intros: dict[str, Candidate] = {}
    for n, passage in enumerate(passages[:TOP_DOCUMENTS], start=1):
        if n > 1 and float(passage.score) < 0.5 * top:
            break
        units = _units(passage)
        figurative = bool(units) and bool(_ANALOGY.search(units[0].text_en)) and not asks_analogy
        for unit in units:
            c = Candidate(unit, n, _score(unit, n, passage.heading, focus, idf, kind, figurative))
            pool.append(c)
            if figurative and unit is units[0]:
                intros[unit.doc] = c
    pool.sort(key=lambda c: -c.score)
    if not pool:
        return []
    budget = MAX_CHARS_COMPARISON if kind.kind == "comparison" else MAX_CHARS
    chosen: list[Candidate] = []

    def size() -> int:
        return sum(len(c.unit.text) for c in chosen)

    def take(c: Candidate, force: bool = False) -> bool:
        if c in chosen or len(chosen) >= MAX_UNITS:
            return False
        intro = intros.get(c.unit.doc)
        needs = [intro] if intro is not None and intro is not c and intro not in chosen else []
        extra = sum(len(x.unit.text) for x in [*needs, c])
        if chosen and not force and size() + extra > budget:
            return False
        chosen.extend([*needs, c])
        return True

    lead: Candidate | None = pool[0]
    # The best document leads unless another one's unit is clearly better: a paragraph of a lesser
    # document that shares a few of the question's words is how off-topic text got into answers.
    own = next((c for c in pool if c.n == 1), None)
    if own is not None and own.score >= OWN_LEAD_SHARE * pool[0].score:
        lead = own
    sides = _sides(kind) if kind.kind == "comparison" else []
    if kind.kind == "definition":
        subject = _terms(kind.subject) or focus
        # A section headed "What an embedding is" defines it, whatever its first words.
        headed = [
            c for c in pool if _DEFINING_HEADING.match(c.unit.heading_en) and c.unit.place == 0
        ]
        headed = [c for c in headed if _names(subject, frozenset(_terms(c.unit.heading_en)))]
        defining = headed or [c for c in pool if _defines(c.unit, subject)]
        lead = defining[0] if defining else lead
    elif sides:
        # A unit that weighs all the sides and says when each fits can lead on its own.
        deciding = [c for c in pool if _fits(c.unit) and all(_about(c.unit, sides))]
        lead = deciding[0] if deciding and deciding[0].score >= 0.6 * pool[0].score else None
    if lead is not None:
        take(lead, force=True)
    if sides:
        top_score = pool[0].score
        for side in sides:
            [o for o in sides if o is not side]
            # A lead headed "BERT versus BART" has each side's say; a decision rule does not.
            if lead is not None and _names(side, _said(lead.unit, len(sides))):
                continue
            i = sides.index(side)
            named = [c for c in pool if _names(side, c.unit.terms)]
            alone = [
                c for c in named if _about(c.unit, sides) == [j == i for j in range(len(sides))]
            ]
            for c in alone or named:
                if c.score >= 0.2 * top_score and take(c, force=not chosen):
                    break
        if not any(_fits(c.unit) for c in chosen):
            for c in pool:
                one_sided = sum(_about(c.unit, sides)) == 1
                if _fits(c.unit) and not one_sided and c.score > 0.4 * top_score and take(c):
                    break
        # What the sides are, when a unit names them all, as context for the rest.
        near = chosen[0].unit.doc if chosen else None
        weighing = [c for c in pool if all(_names(s, c.unit.terms) for s in sides)]
        weighing.sort(key=lambda c: (c.unit.doc != near, -c.score))
        for c in weighing:
            if c.score > 0.6 * top_score:
                take(c)
                break
        if not chosen:
            take(pool[0], force=True)
        lead = chosen[0]
    else:
        # One more unit that adds to the lead: the best other one that is clearly on the question.
        for c in pool:
            bar = 0.6 if c.n == lead.n else OTHER_DOCUMENT_SHARE
            if c is lead or c.score < bar * lead.score:
                continue
            if take(c):
                break
    return _in_order(chosen, lead if kind.kind == "definition" else None)


def _in_order(chosen: list[Candidate], pinned: Candidate | None) -> list[Candidate]:
    """Documents in the order they were first chosen (the pinned unit's document first);
    within one document, the article's own order, so an introduction precedes what uses it."""
    first_seen: dict[str, int] = {}
    if pinned is not None:
        first_seen[pinned.unit.doc] = -1
    for i, c in enumerate(chosen):
        first_seen.setdefault(c.unit.doc, i)
    return sorted(chosen, key=lambda c: (first_seen[c.unit.doc], c.unit.section, c.unit.place))


# -- writing ---------------------------------------------------------------------------------------


def cite(text: str, n: int) -> str:
    """`text` with " [n]" before its final punctuation."""
    text = text.rstrip()
    match = re.search(r"([.!?…]+[\"')\]]*)$", text)
    if match:
        return f"{text[: match.start()]} [{n}]{match.group(1)}"
    return f"{text} [{n}]."


def answer(question: str, kind: Kind, passages: list) -> str:
    """The extractive answer to `question` (English terms) from `passages`, units separated by
    blank lines, each ending with its citation."""
    chosen = choose(question, kind, passages, _idf())
    if not chosen:
        return cite(passages[0].excerpt or passages[0].title, 1)
    return "\n\n".join(cite(c.unit.text, c.n) for c in chosen)
