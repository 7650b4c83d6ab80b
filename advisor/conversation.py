"""One turn of a chat with the advisor (Slack threads): slot filling, then a recommendation.

The caller keeps `state` (plain JSON) per thread and passes it back with the next message.
At most MAX_QUESTIONS are asked in a row; whatever is still missing is assumed and said so.
"""

from __future__ import annotations

import re

from . import intake
from .errors import AdvisorError

MAX_QUESTIONS = 3

CANCEL_RE = re.compile(r"^\s*(cancel|stop|never ?mind|forget it|avbryt)\b", re.IGNORECASE)
RESTART_RE = re.compile(
    r"^\s*(start over|restart|reset|new (question|use case)|börja om)\b", re.IGNORECASE
)
CONCEPT_RE = re.compile(
    r"^\s*(what|what's|whats|how|why|when|is|are|does|do|can|explain|define|tell me about|"
    r"difference between|vad|hur|varför)\b|\bvs\.?\b|\bversus\b|\?\s*$",
    re.IGNORECASE,
)
USE_CASE_RE = re.compile(
    r"\b(we|our|us|my|i need|i want|i'd like|help me|build|need a|looking for|should (we|i) use|"
    r"recommend|which model|what model|vi|vår|våra|behöver)\b",
    re.IGNORECASE,
)
GREETING = (
    "Describe your use case in a sentence or two (what the model should do, roughly how much, your "
    "budget, and whether it needs your own documents), and I will recommend a model and an approach."
)


def is_concept_question(text: str) -> bool:
    return bool(CONCEPT_RE.search(text)) and not USE_CASE_RE.search(text)


def _fresh() -> dict:
    return {"answers": {}, "asked": [], "pending": None, "recommended": False}


def handle(
    state: dict | None,
    text: str,
    *,
    source: str,
    user: str | None = None,
    channel: str | None = None,
) -> dict:
    """Read one message; return what to say next and the new state."""
    state = state or _fresh()
    text = (text or "").strip()
    if CANCEL_RE.search(text):
        return {
            "state": _fresh(),
            "kind": "cancelled",
            "text": "Cancelled. Mention me again whenever you want a recommendation.",
        }
    if RESTART_RE.search(text):
        return {"state": _fresh(), "kind": "restarted", "text": "Starting over. " + GREETING}
    if not text:
        return {"state": state, "kind": "question", "text": GREETING, "question": None}

    fresh_conversation = not state["answers"]
    if (fresh_conversation or state.get("recommended")) and is_concept_question(text):
        from .qa import ask

        answer = ask(text)
        return {"state": state, "kind": "answer", "text": answer.answer, "answer": answer}

    if state.get("pending"):
        answers = intake.answer_question(state["pending"], text, state["answers"])
    else:
        # known answers (the first use case included) win over what this message adds
        answers = intake.read_use_case(text, known=state["answers"])["answers"]
    state = {**state, "answers": answers, "pending": None}

    if not answers.get("use_case") and not answers.get("task"):
        return {"state": state, "kind": "question", "text": GREETING, "question": None}

    question = intake.next_question(answers, skip=tuple(state["asked"]))
    if question and len(state["asked"]) < MAX_QUESTIONS and not state.get("recommended"):
        state["asked"] = [*state["asked"], question["field"]]
        state["pending"] = question["field"]
        return {"state": state, "kind": "question", "text": question["text"], "question": question}

    from .service import advise

    try:
        recommendation = advise(answers, source=source, user=user, channel=channel)
    except AdvisorError as exc:
        return {"state": state, "kind": "error", "text": f"I could not use that: {exc}"}
    state["recommended"] = True
    from .present import summary_line, understood_line

    return {
        "state": state,
        "kind": "recommendation",
        # what was understood comes first, so a misreading is seen before the pick
        "text": understood_line(recommendation) + "\n" + summary_line(recommendation),
        "recommendation": recommendation,
    }
