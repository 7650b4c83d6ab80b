"""What the faces call: validate, recommend, cite, save. One place for the CLI, Slack and the app."""

from __future__ import annotations

from .questionnaire import parse_questionnaire
from .recommender import recommend
from .results import Recommendation
from .store import Store, default_store


def citations_for(recommendation: Recommendation, k: int = 4) -> list[dict]:
    """Articles retrieved for the user's own use case and the chosen approach."""
    from . import retrieval

    q = recommendation.questionnaire
    primary = recommendation.approach.primary
    query = " ".join(
        part
        for part in (q.get("use_case") or "", q.get("task", ""), primary.replace("-", " "))
        if part
    )
    topics = [primary, "cost"]
    if q.get("deployment") in ("self-hosted", "on-device") or q.get("license") == "open-weights":
        topics.append("open-vs-proprietary")
    return retrieval.cite_for(query, topics=topics, k=k)


def advise(
    answers: dict,
    *,
    source: str,
    user: str | None = None,
    channel: str | None = None,
    store: Store | None = None,
) -> Recommendation:
    """Questionnaire answers in; the saved recommendation (with its `id`) out."""
    questionnaire = parse_questionnaire(answers)
    result = recommend(questionnaire)
    result.citations = citations_for(result)
    store = store or default_store()
    result.id = store.save_recommendation(
        result.questionnaire, result.to_json(), source=source, user=user, channel=channel
    )
    return result
