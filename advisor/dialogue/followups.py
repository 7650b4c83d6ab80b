"""Follow-ups about the current pick, answered with this case's numbers: why not X, the cost of
another approach, the cost per year, anything cheaper, why this one.

Each returns plain sentences in the conversation's language; none stores a decision (a what-if is
planned with `recommend`, not saved).
"""

from __future__ import annotations

import datetime as dt
import re

from .. import i18n
from ..catalog.catalog import Model, load_catalog
from ..localize import localize
from ..present import explain_pick, quality_source
from ..results import Contender, Recommendation
from .replies import contender_text, figure_text, task_text

# What people call a maker or a family, as the catalog names the provider or the model ids.
FAMILIES = {
    "claude": "anthropic",
    "anthropic": "anthropic",
    "gpt": "openai",
    "openai": "openai",
    "chatgpt": "openai",
    "gemini": "google",
    "gemma": "google",
    "google": "google",
    "llama": "meta",
    "meta": "meta",
    "mistral": "mistral",
    "mixtral": "mistral",
    "qwen": "alibaba",
    "deepseek": "deepseek",
    "phi": "microsoft",
    "cohere": "cohere",
    "command": "cohere",
}
FILLER = {
    "the", "a", "an", "its", "it", "one", "model", "models", "instead", "use", "using", "their",
    "s", "den", "det", "en", "ett", "modellen", "i", "stället", "istället", "of", "from", "by",
    "about", "what", "how", "not", "why", "with", "to", "för", "med",
}  # fmt: skip
ROLE_WORDS = {
    "embedder": "embeddings", "embedding": "embeddings", "embeddings": "embeddings",
    "transcriber": "speech-to-text", "whisper": "speech-to-text",
}  # fmt: skip


def _tokens(text: str) -> list[str]:
    text = re.sub(r"'s\b", "", text.lower())
    return [t for t in re.split(r"[^a-z0-9.]+", text) if t and t not in FILLER]


def _model_tokens(model: Model) -> set[str]:
    raw = f"{model.id} {model.name}".lower()
    tokens = set(re.split(r"[^a-z0-9.]+", raw)) | set(re.split(r"[^a-z0-9]+", raw))
    return {t for t in tokens if t}


def _family(model: Model) -> str:
    provider = model.provider.lower()
    for word, family in FAMILIES.items():
        if word in provider or model.id.lower().startswith(word):
            return family
    return provider


def resolve(
    target: str, rec: Recommendation, today: str | None = None
) -> tuple[Model | None, bool]:
    """The current catalog model `target` names, and whether it named only a family ("Claude").
    Retired models are never chosen; among equals, one that passed this case's constraints,
    then the best quality for the task, then the newest."""
    catalog = load_catalog()
    today = today or dt.date.today().isoformat()
    task = str(rec.questionnaire.get("task") or "")
    words = _tokens(target)
    if not words:
        return None, False
    families = {FAMILIES[w] for w in words if w in FAMILIES}
    task_hint = next((ROLE_WORDS[w] for w in words if w in ROLE_WORDS), None)
    specific = [w for w in words if w not in FAMILIES and w not in ROLE_WORDS]
    passed = {c.id for c in rec.candidates}
    best: tuple | None = None
    for model in catalog.models:
        if model.retired(today):
            continue
        if task_hint and task_hint not in model.tasks:
            continue
        if not task_hint and task and task not in model.tasks:
            continue
        tokens = _model_tokens(model)
        hits = sum(1 for w in specific if w in tokens)
        family_hit = bool(families) and _family(model) in families
        if specific and not hits:
            continue
        if not specific and not family_hit:
            continue
        if families and not family_hit:
            continue
        # a family word that is also in the model's name ("Llama", not Meta's other lines)
        named = sum(1 for w in words if w in FAMILIES and w in tokens)
        score = (
            hits,
            named,
            model.id in passed,
            model.quality_for(task_hint or task) or 0,
            model.released or "",
        )
        if best is None or score > best[0]:
            best = (score, model)
    if best is None:
        return None, False
    return best[1], not specific


def _contender(rec: Recommendation, model_id: str) -> Contender | None:
    return next((c for c in rec.candidates if c.id == model_id), None)


def _quality(rec: Recommendation, model: Model, task: str, language: str) -> str:
    figure = model.quality.get(task)
    if figure is None:
        return figure_text(None, None, "", False, None, language)
    shown = figure_text(
        figure.score, figure.points, figure.metric, figure.measured, figure.sibling, language
    )
    source = quality_source(figure.source, language)
    as_of = f", {figure.as_of}" if figure.as_of else ""
    return f"{shown} ({source}{as_of})" if source else shown


def _difference(amount: float, language: str, _) -> str:
    if abs(amount) < 0.005:
        return _("about the same")
    if amount > 0:
        return _("{amount} more").format(amount=i18n.money(amount, language))
    return _("{amount} less").format(amount=i18n.money(-amount, language))


def why_not(rec: Recommendation, target: str, language: str) -> list[str]:
    """X against the pick: quality with its source, monthly cost for this workload, and the
    constraint X breaks (or why it ranked lower)."""
    from ..advice.recommender import exclusion_of, monthly_cost_of

    _ = i18n.gettext_for(language)
    catalog = load_catalog()
    task = str(rec.questionnaire.get("task") or "")
    model, family_only = resolve(target, rec)
    pick = catalog.find(rec.model.id)
    if model is None or pick is None:
        return [
            _("I do not know a current model called “{name}” that does {task}.").format(
                name=target, task=_(task.replace("-", " ")) if language != "en" else task
            )
        ]
    lines = []
    if model.id == pick.id or (family_only and _family(model) == _family(pick)):
        lines.append(
            _("The pick already is one: {pick}.").format(pick=pick.name)
            if model.id == pick.id
            else _("The pick, {pick}, already is a {family} model.").format(
                pick=pick.name, family=target.strip()
            )
        )
        if model.id == pick.id:
            return lines
    answers = _answers(rec)
    cost = monthly_cost_of(answers, model.id)
    lines.append(
        _("{model} against {pick} for your case:").format(model=model.name, pick=pick.name)
    )
    ranked = rec.quality_task or task
    lines.append(
        _("Quality for {task}: {model_quality} against {pick_quality}.").format(
            task=task_text(rec, language),
            model_quality=_quality(rec, model, ranked, language),
            pick_quality=_quality(rec, pick, ranked, language),
        )
    )
    if cost is not None:
        lines.append(
            _("Monthly cost: about {cost} against {pick_cost} ({difference}).").format(
                cost=i18n.money(cost, language),
                pick_cost=i18n.money(rec.cost.monthly_usd, language),
                difference=_difference(cost - rec.cost.monthly_usd, language, _),
            )
        )
    reason = exclusion_of(answers, model.id)
    budget = rec.questionnaire.get("monthly_budget_usd")
    if reason:
        lines.append(_("It is ruled out: it {reason}.").format(reason=localize(reason, language)))
    elif isinstance(budget, int | float) and cost is not None and cost > budget:
        lines.append(
            _("It breaks your budget of {budget} a month.").format(
                budget=i18n.money(budget, language)
            )
        )
    elif _contender(rec, model.id) is not None:
        lines.append(
            _("It meets your constraints; the pick scored higher on quality for the cost.")
        )
    else:
        lines.append(_("It meets your constraints but has no price for the deployments you allow."))
    return lines


def _answers(rec: Recommendation) -> dict:
    """The answers the decision was made from (without the recommender's own bookkeeping)."""
    q = dict(rec.questionnaire)
    q.pop("inferred", None)
    return q


def replan(
    rec: Recommendation, primary: str, language: str
) -> tuple[list[str], Recommendation | None]:
    """The same case planned with another approach (not saved): its pick and monthly cost against
    the current plan's. Fine-tuning is planned as if 1,000 labelled examples existed (the least the
    approach rules take for it), RAG as if the answers came from your own documents."""
    from ..advice.approach import FINE_TUNE_PLENTY, RETRIEVAL_TASKS
    from ..advice.recommender import recommend
    from ..errors import AdvisorError
    from ..present import approach_name

    _ = i18n.gettext_for(language)
    answers = _answers(rec)
    data = dict(answers.get("data") or {})
    task = answers.get("task")
    assumption = ""
    if primary == rec.approach.primary:
        return [
            _("The plan already uses {approach}.").format(approach=_(approach_name(primary)))
        ], None
    if primary == "fine-tuning":
        labelled = max(int(data.get("labeled_examples") or 0), FINE_TUNE_PLENTY)
        data.update(labeled_examples=labelled, private_knowledge=False)
        assumption = _("assuming about {count} labelled examples").format(
            count=i18n.number(labelled, language)
        )
    elif primary == "rag":
        if task not in RETRIEVAL_TASKS:
            return [
                _("RAG does not fit {task}: there is nothing to look up.").format(
                    task=_(task.replace("-", " ")) if language != "en" else task
                )
            ], None
        data.update(private_knowledge=True)
        assumption = _("assuming the answers come from your own documents")
    else:
        data.update(private_knowledge=False, labeled_examples=0)
    answers["data"] = data
    try:
        other = recommend(answers)
    except AdvisorError as exc:
        return [localize(str(exc), language)], None
    if other.approach.primary != primary:
        return [
            _("{approach} does not fit this case; the plan would still be {other}.").format(
                approach=_(approach_name(primary)), other=_(approach_name(other.approach.primary))
            )
        ], None
    difference = other.cost.monthly_usd - rec.cost.monthly_usd
    lines = [
        _(
            "With {approach} ({assumption}): {model} at about {cost} a month, {difference} than now."
        ).format(
            approach=_(approach_name(primary)),
            assumption=assumption,
            model=other.model.label,
            cost=i18n.money(other.cost.monthly_usd, language),
            difference=_difference(difference, language, _),
        )
        if assumption
        else _("With {approach}: {model} at about {cost} a month, {difference} than now.").format(
            approach=_(approach_name(primary)),
            model=other.model.label,
            cost=i18n.money(other.cost.monthly_usd, language),
            difference=_difference(difference, language, _),
        )
    ]
    one_off = sum(
        v
        for k, v in other.cost.breakdown.items()
        if k.startswith("one_off_") and isinstance(v, int | float)
    )
    if one_off:
        lines.append(_("Plus about {amount} once.").format(amount=i18n.money(one_off, language)))
    return lines, other


def per_year(rec: Recommendation, language: str) -> list[str]:
    _ = i18n.gettext_for(language)
    monthly = rec.cost.monthly_usd
    lines = [
        _("About {yearly} a year ({monthly} a month × 12) for {model}.").format(
            yearly=i18n.money(monthly * 12, language),
            monthly=i18n.money(monthly, language),
            model=rec.model.label,
        )
    ]
    one_off = sum(
        v
        for k, v in rec.cost.breakdown.items()
        if k.startswith("one_off_") and isinstance(v, int | float)
    )
    if one_off:
        lines.append(
            _("The first year adds {amount} of one-off costs.").format(
                amount=i18n.money(one_off, language)
            )
        )
    return lines


def cheaper(rec: Recommendation, language: str) -> list[str]:
    """The best cheaper model that meets the constraints, and what it trades."""
    _ = i18n.gettext_for(language)
    pick = _contender(rec, rec.model.id)
    price = pick.monthly_usd if pick else rec.cost.monthly_usd
    cheaper_ones = [c for c in rec.candidates if c.monthly_usd < price - 0.005]
    if not cheaper_ones:
        return [
            _("Nothing cheaper meets your constraints: {model} is the cheapest.").format(
                model=rec.model.label
            )
        ]
    # a measured figure first: an estimate is never the evidence that a cheaper model will do
    best = max(cheaper_ones, key=lambda c: (c.quality_measured, c.quality or 0, -c.monthly_usd))
    lines = [
        _("{model} at about {cost} a month saves {saving}.").format(
            model=best.label,
            cost=i18n.money(best.monthly_usd, language),
            saving=i18n.money(price - best.monthly_usd, language),
        )
    ]
    if best.quality is not None and pick is not None and pick.quality is not None:
        lines.append(
            _("It trades quality for {task}: {quality} against {pick_quality} ({source}).").format(
                task=task_text(rec, language),
                quality=contender_text(best, language),
                pick_quality=contender_text(pick, language),
                source=quality_source(best.quality_source, language) or _("catalog"),
            )
        )
    elif best.quality is None:
        lines.append(_("Its quality for this task is not measured, so it is a gamble."))
    return lines


def why(rec: Recommendation, language: str) -> list[str]:
    _ = i18n.gettext_for(language)
    explanation = explain_pick(rec, language)
    if explanation is None:
        return [
            _("I recommended {model} because it fits your constraints best.").format(
                model=rec.model.label
            )
        ]
    return [explanation.quality_line(), explanation.rank_line()]
