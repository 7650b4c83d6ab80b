"""The sentences of a conversation, in its language: greetings, questions, what changed, and the
short recommendation (pick, why, monthly cost, approach, one line per alternative, and every
caveat that changes where or whether it may run).
"""

from __future__ import annotations

import re

from .. import i18n
from ..localize import localize
from ..present import approach_name, explain_pick, quality_points, quality_source, ranked_task
from ..questionnaire import FIELDS, get_answer
from ..results import Recommendation

# Caveats that change where or whether the pick may run: never cut from a short post.
# The core's wordings: the EU route (residency), licences, the review a person must do
# (expert.decision_warnings: "This is a clinical use: ..."; the confirmation step before an
# agent's irreversible action), whether the model fits the machine (devices.Fit.note: "fits the
# GPUs you own: ..."), the air gap, and a plan that fits nothing or a model being retired.
CRITICAL_RE = re.compile(
    r"\bEU\b|europe|residen|outside the|region|licen[cs]e|human review|reviewed by|a person "
    r"(checks|reviews|approves)|^This is an? [\w-]+ use:|signs off|cannot be undone|"
    r"confirmation step|on-device|device|memory|\bRAM\b|VRAM|^fits\b|does not fit|won'?t fit|"
    r"too (big|large)|air[- ]?gap|no model|nothing fits|retir",
    re.IGNORECASE,
)
BENIGN_RE = re.compile(r"no licen[cs]e cost|no per-use charges", re.IGNORECASE)
MONEY_FIELDS = ("monthly_budget_usd",)
COUNT_FIELDS = (
    "requests_per_month", "images_per_month", "audio_minutes_per_month", "input_tokens",
    "output_tokens", "context_tokens", "data.document_count", "data.labeled_examples",
)  # fmt: skip


def examples(language: str) -> list[str]:
    _ = i18n.gettext_for(language)
    return [
        _(
            "We want a chatbot that answers customer questions from our help centre, 30k chats a month, budget $300."
        ),
        _("Summarise our board minutes, 40 documents a month; the data must stay in the EU."),
        _("What is RAG, and when is it better than fine-tuning?"),
    ]


def greeting(language: str) -> list[str]:
    _ = i18n.gettext_for(language)
    return [
        _("Hi! I recommend a language model, an approach and a monthly cost for your use case."),
        _(
            "Tell me what the model should do, roughly how much, your budget and whether it needs your own documents. For example:"
        ),
    ]


def value_text(field: str, value, language: str) -> str:
    _ = i18n.gettext_for(language)
    if value is None:
        return _("not set")
    if field in MONEY_FIELDS:
        return i18n.money(value, language)
    if field in COUNT_FIELDS and isinstance(value, int | float):
        return i18n.number(value, language)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return _(str(value))


def field_label(field: str, language: str) -> str:
    _ = i18n.gettext_for(language)
    spec = FIELDS.get(field)
    return _(spec.label) if spec else field


def change_lines(changes: list[tuple[str, object, object]], language: str) -> list[str]:
    """ "Budget: $200 → $2,000" per changed field; a new value reads "Budget: $500"."""
    lines = []
    for field, before, after in changes:
        label = field_label(field, language)
        if before is None:
            lines.append(f"{label}: {value_text(field, after, language)}")
        else:
            lines.append(
                f"{label}: {value_text(field, before, language)} → {value_text(field, after, language)}"
            )
    return lines


def figure_text(
    score: float | None,
    points: float | None,
    metric: str,
    measured: bool,
    sibling: str | None,
    language: str,
) -> str:
    """A quality figure as people know it, in the conversation's language: the published points
    with their metric ("53.4 (AA Intelligence Index)"); an estimate marked as one, with whose
    figure it shows; "not measured" where there is none."""
    _ = i18n.gettext_for(language)
    if score is None:
        return _("not measured")
    if not measured:
        if sibling and points is not None:
            return _("~{points} (not measured; the figure of {sibling})").format(
                points=_points(points, language), sibling=sibling
            )
        return _("~{points} (an estimate, not measured)").format(points=quality_points(score))
    if points is None:
        return quality_points(score)
    shown = _points(points, language)
    return f"{shown} ({metric})" if metric else shown


def _points(value: float, language: str) -> str:
    """Index points as published (53.4, 56), with the language's decimal mark."""
    digits = len(f"{value:g}".partition(".")[2])
    return i18n.number(value, language, digits)


def contender_text(contender, language: str) -> str:
    """`figure_text` for a weighed model (a Contender)."""
    return figure_text(
        contender.quality,
        contender.quality_points,
        contender.quality_metric,
        contender.quality_measured,
        contender.quality_sibling,
        language,
    )


def task_text(rec: Recommendation, language: str) -> str:
    """What the quality figures are for, in words: the task, or tool use for an agent's job."""
    _ = i18n.gettext_for(language)
    return _(ranked_task(rec).replace("-", " "))


def question_text(question: dict, language: str) -> str:
    _ = i18n.gettext_for(language)
    value = question.get("value")
    if question.get("confirm") and value is not None:
        # a reading two readers disagree on, asked back in the conversation's language
        if isinstance(value, bool):
            shown = _("yes") if value else _("no")
        elif question["field"] == "monthly_budget_usd":
            shown = i18n.money(value, language)
        elif isinstance(value, (int, float)):
            shown = i18n.number(value, language)
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        else:
            shown = _(str(value))
        label = FIELDS[question["field"]].label
        return _("I read {field} as {value}; is that right? If not, what is it?").format(
            field=_(label).lower(), value=shown
        )
    text = question["text"]
    return _(text)


def delta_line(before: Recommendation, after: Recommendation, language: str) -> str:
    """The new pick against the previous one: model, monthly cost and quality differences."""
    _ = i18n.gettext_for(language)
    difference = after.cost.monthly_usd - before.cost.monthly_usd
    if abs(difference) < 0.005:
        cost = _("the same monthly cost")
    elif difference > 0:
        cost = _("{amount} more a month").format(amount=i18n.money(difference, language))
    else:
        cost = _("{amount} less a month").format(amount=i18n.money(-difference, language))
    quality = ""
    old_q, new_q = _pick(before), _pick(after)
    if old_q is not None and new_q is not None and old_q.quality is not None:
        if (
            new_q.quality is not None
            and abs(old_q.quality - new_q.quality) < 0.005
            and old_q.quality_metric == new_q.quality_metric
        ):
            quality = _("the same quality")
        elif new_q.quality is not None:
            quality = _("quality {before} → {after}").format(
                before=contender_text(old_q, language), after=contender_text(new_q, language)
            )
    if before.model.id == after.model.id:
        head = _("Still {model}").format(model=after.model.label)
    else:
        head = _("{old} → {new}").format(old=before.model.label, new=after.model.label)
    return head + ": " + ", ".join(part for part in (cost, quality) if part) + "."


def _pick(rec: Recommendation):
    return next((c for c in rec.candidates if c.id == rec.model.id), None)


def caveats(rec: Recommendation) -> list[str]:
    """The warnings and assumptions that change where or whether the pick may run."""
    found = []
    for text in [*rec.warnings, *rec.cost.assumptions, *rec.assumed]:
        if CRITICAL_RE.search(text) and not BENIGN_RE.search(text) and text not in found:
            found.append(text)
    return found


def brief(rec: Recommendation, language: str) -> dict:
    """The short recommendation, as parts a face lays out: each part one or two sentences."""
    _ = i18n.gettext_for(language)
    explanation = explain_pick(rec)
    why = why_line(rec, explanation, language)
    alternatives = []
    if explanation:
        for alt in explanation.alternatives[:3]:
            cost = i18n.money(alt.monthly_usd, language) if alt.monthly_usd is not None else "?"
            known = next((c for c in rec.candidates if c.id == alt.model.id), None)
            quality = contender_text(known, language) if known else _("not measured")
            alternatives.append(
                _("{model}: about {cost} a month, quality {quality}").format(
                    model=alt.model.label, cost=cost, quality=quality
                )
            )
    else:
        for alt in rec.alternatives[:3]:
            cost = rec.alternative_costs.get(alt.id)
            alternatives.append(
                f"{alt.label}: {i18n.money(cost, language) if cost is not None else '?'}"
            )
    return {
        "title": _("Recommendation: {model}").format(model=rec.model.label),
        "pick": f"{rec.model.label} ({rec.model.provider})",
        "why": why,
        "cost": _("About {amount} a month").format(
            amount=i18n.money(rec.cost.monthly_usd, language)
        ),
        "approach": _(approach_name(rec.approach.primary)),
        "alternatives": alternatives,
        "caveats": [localize(c, language) for c in caveats(rec)],
        "understood": understood(rec, language),
    }


def why_line(rec: Recommendation, explanation, language: str) -> str:
    """Quality for the task with its source, and the pick's rank among the models that fit."""
    _ = i18n.gettext_for(language)
    if explanation is None:
        return _("It fits your constraints best.")
    pick = explanation.pick
    task = task_text(rec, language)
    if pick.quality is None:
        quality = _("Quality for {task}: not measured.").format(task=task)
    else:
        source = quality_source(pick.quality_source, language)
        as_of = f", {pick.quality_as_of}" if pick.quality_as_of else ""
        quality = _("Quality for {task}: {points} ({source}).").format(
            task=task, points=contender_text(pick, language), source=f"{source}{as_of}"
        )
    rank = _(
        "Ranked {quality_rank} by quality and {cost_rank} by cost of {count} models that meet your constraints."
    ).format(
        quality_rank=explanation.quality_rank or "–",
        cost_rank=explanation.cost_rank,
        count=explanation.count,
    )
    return f"{quality} {rank}"


def understood(rec: Recommendation, language: str) -> str:
    """What was read, in the conversation's language (task, volume, budget, key constraints)."""
    _ = i18n.gettext_for(language)
    q = rec.questionnaire
    parts = [_(str(q.get("task", "?")).replace("-", " "))]
    for field in ("requests_per_month", "audio_minutes_per_month", "images_per_month"):
        if q.get(field) is not None and (field != "audio_minutes_per_month" or q.get(field)):
            parts.append(f"{field_label(field, language)}: {value_text(field, q[field], language)}")
            break
    budget = q.get("monthly_budget_usd")
    parts.append(
        _("no budget limit given")
        if budget is None
        else f"{field_label('monthly_budget_usd', language)}: {value_text('monthly_budget_usd', budget, language)}"
    )
    if get_answer(q, "data.private_knowledge"):
        parts.append(_("answers from your own documents"))
    if q.get("deployment") not in (None, "any"):
        parts.append(f"{field_label('deployment', language)}: {_(q['deployment'])}")
    if q.get("data_residency") == "eu":
        parts.append(_("data stays in the EU"))
    if q.get("languages"):
        parts.append(f"{field_label('languages', language)}: {', '.join(q['languages'])}")
    return _("I understood: {parts}.").format(parts="; ".join(parts))
