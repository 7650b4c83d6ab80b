"""What the faces call: validate, recommend, cite, save. One place for the CLI, Slack and the app."""

from __future__ import annotations

import logging

from .. import intake
from ..errors import StorageError
from ..questionnaire import MAX_USE_CASE_CHARS, parse_questionnaire
from ..results import Recommendation
from ..store import USE_CASE_COLUMN_CHARS, Store, default_store
from .recommender import recommend

log = logging.getLogger(__name__)

NOT_SAVED = "Not saved to History: "  # the start of the warning when the store failed
KEPT = "the advice itself is complete."


def citations_for(recommendation: Recommendation, k: int = 4) -> list[dict]:
    """Articles retrieved for the user's own use case and the chosen approach."""
    from ..grounding import retrieval

    q = recommendation.questionnaire
    primary = recommendation.approach.primary
    query = " ".join(
        part
        for part in (q.get("use_case") or "", q.get("task", ""), primary.replace("-", " "))
        if part
    )
    topics = [primary, "cost"]
    if (
        q.get("deployment") in ("self-hosted", "on-device", "air-gapped")
        or q.get("license") == "open-weights"
    ):
        topics.append("open-vs-proprietary")
    if any("knowledge base: quantisation" in note for note in recommendation.cost.assumptions):
        # the plan runs quantised on a named machine: the notes cite what that costs in quality
        topics.append("quantisation")
        query += " quantisation quantised weights memory precision quality loss"
    return retrieval.cite_for(query, topics=topics, k=k)


def advise(
    answers: dict,
    *,
    source: str,
    user: str | None = None,
    channel: str | None = None,
    store: Store | None = None,
) -> Recommendation:
    """Questionnaire answers in; the recommendation out, saved (with its `id`) when the store
    allows. A store that fails never loses the advice: `id` is None and a warning (starting with
    NOT_SAVED) says why."""
    questionnaire = parse_questionnaire(answers)
    # One reading of the use case, the same one the faces showed (intake.read_use_case): with an
    # intake model configured, its reply for this text is remembered, so the values it filled in
    # and the disagreements it flagged are the ones the advice rests on.
    reading = (
        intake.read(questionnaire.use_case, questionnaire.task) if questionnaire.use_case else None
    )
    result = recommend(questionnaire, reading=reading)
    if reading is not None:
        result.warnings.extend(intake.model_warnings(reading))
    result.citations = citations_for(result)
    cut = _cut_note(answers)
    if cut:
        result.warnings.append(cut)
    try:
        result.id = (store or default_store()).save_recommendation(
            result.questionnaire, result.to_json(), source=source, user=user, channel=channel
        )
    except StorageError as exc:
        log.error("recommendation not saved: %s", exc)
        result.id = None
        # The people reading the advice (Slack, the app) get no server paths; the log has them.
        result.warnings.append(f"{NOT_SAVED}the advisor's database could not be written; {KEPT}")
    return result


def _cut_note(answers: dict) -> str | None:
    """The announcement that a long use case was cut, or None."""
    text = answers.get("use_case") if isinstance(answers, dict) else None
    length = len(text.strip()) if isinstance(text, str) else 0
    if length <= MAX_USE_CASE_CHARS:
        return None
    return (
        f"The use case is {length:,} characters; the advice read the first "
        f"{MAX_USE_CASE_CHARS:,} (History lists the first {USE_CASE_COLUMN_CHARS})."
    )
