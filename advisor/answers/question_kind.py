"""What shape of answer a knowledge question asks for, in English or Swedish.

`question_kind(question)` sorts a question into one of five kinds, each answered differently:

- "definition": "What is X?", "What does X mean?", "Vad är X?" (leads with what X is);
- "comparison": "X vs Y", "difference between X and Y", "should we pick X or Y?", "X eller Y?"
  (both sides, then when each fits);
- "when": "When should I ...?", "Is X worth it?", "Should we ...?", "När lönar det sig ...?"
  (the criteria);
- "how": "How does X work?", "How do I ...?", "Hur fungerar X?" (the steps, in order);
- "general": anything else (the most relevant passages).

Swedish questions are read through the glossary's English rendering, so one set of patterns
serves both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.glossary import english_query

KINDS = ("definition", "comparison", "when", "how", "general")


@dataclass(frozen=True)
class Kind:
    kind: str
    subject: str = ""  # what a definition, "when" or "how" question is about (English)
    sides: tuple[str, ...] = field(default_factory=tuple)  # what a comparison compares (English)


_ARTICLE = r"(?:an?|the|some)\s+"
# "What are embeddings good for?" asks for uses, not a definition.
_PURPOSE_TAIL = re.compile(r"\s(?:for|on|of|with|by|from|in|about|like|to)$")
_COMPARISONS = (
    re.compile(r"\bdifferen\w*\s+(?:is\s+there\s+)?between\s+(.+?)\s+and\s+(.+)$"),
    re.compile(r"\bcompar\w*\s+(.+?)\s+(?:and|with|to|versus|vs\.?)\s+(.+)$"),
    re.compile(r"\b((?:[\w.-]+\s+){0,2}[\w.-]+)\s+(?:vs\.?|versus|kontra)\s+((?:[\w.-]+\s*){1,3})"),
    re.compile(
        r"\b(?:pick|choose|select|use|go\s+with|prefer|take|opt\s+for)\s+(.+?)\s+or\s+(.+)$"
    ),
    re.compile(r"^(?:should|would|could|do|does|can|is|are)\b.*?\b(\S+(?:\s+\S+)?)\s+or\s+(.+)$"),
    # A bare "open-weights or proprietary?" (short questions only, see `_bare_or`).
)
_ENUMERATION = re.compile(
    r"^what\s+(?:are|is|do|does)\s+(.+?),\s*(.+?),?\s+and\s+(.+?)"
    r"(?:\s+models?)?(?:\s+(?:used|good|meant))?(?:\s+for)?(?:\s+\w+)?$"
)
_DEFINITION = (
    # "whats" as people type it, without the apostrophe
    re.compile(rf"^(?:what(?:'s|s|\s+is|\s+are)|define|explain\s+what)\s+(?:{_ARTICLE})?(.+?)$"),
    re.compile(rf"^what\s+(?:does|do)\s+(?:{_ARTICLE})?(.+?)\s+mean$"),
    re.compile(rf"^what\s+is\s+meant\s+by\s+(?:{_ARTICLE})?(.+)$"),
    re.compile(rf"\bmeaning\s+of\s+(?:{_ARTICLE})?(.+)$"),
    re.compile(rf"^what\s+means\s+(?:{_ARTICLE})?(.+)$"),  # Swedish "vad betyder X"
)
# What a definition question must not be about: those are comparisons, costs or uses.
_NOT_DEFINED = re.compile(
    r"^(?:the\s+)?(?:difference|best|right|cost|price|trade-?offs?|pros|advantages?|benefits?|"
    r"role|purpose|point|reason|way|approach|options?)\b"
)
_WHEN = re.compile(
    r"^when\b|\bworth\b|\bpays?\s+off\b|^(?:should|shall|must|do)\s+(?:i|we|you|a|an|the|my|our)\b|"
    r"^is\s+it\s+(?:wise|better|a\s+good\s+idea)\b|\bin\s+which\s+cases?\b"
)
_HOW = re.compile(
    r"^how\s+(?:do|does|did|can|could|should|would|is|are|to|work|works)\b|"
    # Swedish puts the verb before the subject: "Hur utvärderar vi ..." -> "how evaluate we ..."
    r"^how\s+[\w-]+\s+(?:we|i|you)\b|"
    r"\bwhat\s+are\s+the\s+steps\b|\bsteps\s+to\b|\bstep\s+by\s+step\b"
)
_HOW_MUCH = re.compile(r"^how\s+(?:much|many|long|big|large|fast|often|expensive)\b")


def _plain(text: str) -> str:
    text = re.sub(r"[?!.]+\s*$", "", text.strip().lower())
    text = re.sub(r"^(?:so|and|ok|okay|please|hi|hey)[,\s]+", "", text)
    return " ".join(text.split())


def _bare_or(text: str) -> tuple[str, str] | None:
    """ "Open-weights or proprietary?": a short question that is only two options."""
    words = text.split()
    if "or" not in words or len(words) > 7:
        return None
    left, _, right = text.partition(" or ")
    if left and right and " or " not in right:
        return left, right
    return None


def _side(text: str) -> str:
    text = re.sub(rf"^(?:{_ARTICLE})", "", text.strip(" ,"))
    return re.sub(r"\s+(?:one|ones)$", "", text).strip()


def question_kind(question: str) -> Kind:
    """The kind of answer `question` asks for (see the module docstring)."""
    _, english = english_query(question)
    text = _plain(english)
    if not text:
        return Kind("general")
    match = _ENUMERATION.match(text)
    if match and not _HOW.match(text):
        return Kind("comparison", sides=tuple(_side(s) for s in match.groups()))
    for pattern in _COMPARISONS:
        match = pattern.search(text)
        if match:
            a, b = (_side(s) for s in match.groups())
            if a and b and a != b:
                return Kind("comparison", sides=(a, b))
    pair = _bare_or(text)
    if pair:
        return Kind("comparison", sides=tuple(_side(s) for s in pair))
    if _HOW_MUCH.match(text):
        return Kind("general")
    if _HOW.search(text):
        return Kind("how", subject=re.sub(r"^how\s+\w+\s+", "", text))
    if _WHEN.search(text):
        return Kind("when", subject=text)
    for pattern in _DEFINITION:
        match = pattern.search(text)
        if match:
            subject = match.group(1).strip()
            if _PURPOSE_TAIL.search(subject) or _NOT_DEFINED.match(subject):
                return Kind("general", subject=subject)
            return Kind("definition", subject=subject)
    return Kind("general")
