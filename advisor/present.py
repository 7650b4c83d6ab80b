"""Presentation that more than one face shows: labels, money, dates, and the Markdown export.

Faces (the CLI's text output, the app, the bot) render the core's typed results with these; the
domain modules never import this one (their notes use `units.money`, re-exported here).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import i18n
from .catalog.quality import quality_figure, task_label
from .markup import safe_markdown
from .results import Contender, Finding, ModelInfo, Recommendation, Understood
from .units import money, source_label

__all__ = [
    "APPROACH_NAMES", "approach_name", "BLEND", "blended_price", "blend_label", "breakdown_label",
    "component_lines", "explain_pick", "finding_line", "readable_assumed",
    "PickExplanation", "contender_figure", "quality_figure", "quality_line", "quality_points", "quality_source", "readable_fields", "Tradeoff", "money", "price_line", "safe_markdown",
    "source_label",
    "speed_figures", "successor_name", "retirement_line", "summary_line", "timestamp",
    "to_markdown", "weights_label",
]  # fmt: skip

APPROACH_NAMES = {
    "prompt-engineering": "Prompt engineering",
    "rag": "Retrieval-augmented generation (RAG)",
    "fine-tuning": "Fine-tuning",
    "training-from-scratch": "Training from scratch",
}

# Cost breakdown keys from the core, as a person reads them; any other key is humanised
# generically ("one_off_" becomes "One-off: ", underscores become spaces, acronyms kept).
BREAKDOWN_LABELS = {
    "input_tokens": "Input tokens",
    "output_tokens": "Output tokens",
    "cached_input_tokens": "Cached input tokens (repeated prefix)",
    "images": "Images",
    "audio": "Audio minutes",
    "characters": "Characters (speech)",
    "gpu_hours": "Hosting (GPU/CPU hours)",
    "hosting_hours": "Hosting (GPU/CPU hours)",
    "hosting": "Hosting",
    "rag_query_embeddings": "RAG query embeddings",
    "rag_reindexing": "RAG re-indexing",
    "rag_initial_embedding": "RAG initial embedding",
    "rag_reranking": "RAG reranking",
    "fine_tuning": "Fine-tuning",
    "pretraining": "Pre-training",
    "continued_pretraining": "Continued pretraining",
    "deployment": "Deployment",
    "speech_to_text": "Speech-to-text (audio minutes)",
    "text_to_speech": "Text-to-speech (spoken replies)",
    "realtime_speech": "Realtime speech (audio minutes)",
}
COMPONENT_ROLES = {
    "llm": "LLM",
    "embedder": "Embedder",
    "reranker": "Reranker",
    "vector-store": "Vector store",
    "speech-to-text": "Speech-to-text",
    "text-to-speech": "Text-to-speech",
    "realtime-speech": "Realtime speech",
    "vision": "Vision model",
    "ocr": "OCR",
}
ACRONYMS = {"rag", "gpu", "cpu", "api", "llm", "tts", "stt", "usd", "lora"}


def component_lines(rec: Recommendation, language: str | None = None) -> list[str]:
    """One line per pipeline component: role, model, monthly cost, its alternatives; empty for a
    single-model job. In `language` (the notes through the catalog's templates)."""
    from .localize import localizer

    _, tr = i18n.gettext_for(language), localizer(language)
    lines = []
    for part in rec.components:
        line = _("{role}: {model} ({id}), {cost}/month").format(
            role=_(COMPONENT_ROLES.get(part.role, part.role)),
            model=part.model.label,
            id=part.model.id,
            cost=i18n.money(part.monthly_usd, language, 2),
        )
        if part.notes:
            line += f" ({'; '.join(tr(note) for note in part.notes)})"
        if part.alternatives:
            line += _("; alternatives: ") + ", ".join(alt.label for alt in part.alternatives[:2])
        lines.append(line)
    return lines


def approach_name(primary: str, language: str | None = None) -> str:
    _ = i18n.gettext_for(language)
    return _(APPROACH_NAMES.get(primary, primary.replace("-", " ").capitalize()))


def breakdown_label(key: str, language: str | None = None) -> str:
    _ = i18n.gettext_for(language)
    key = str(key)
    if key.startswith("one_off_"):
        return _("One-off: {item}").format(item=breakdown_label(key[len("one_off_") :], language))
    if key in BREAKDOWN_LABELS:
        return _(BREAKDOWN_LABELS[key])
    words = [w.upper() if w.lower() in ACRONYMS else w for w in key.replace("-", "_").split("_")]
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def weights_label(open_weights: bool, language: str | None = None) -> str:
    _ = i18n.gettext_for(language)
    return _("open weights") if open_weights else _("proprietary")


def timestamp(value: Any) -> str:
    """A stored ISO timestamp as "2026-11-29 08:31 UTC" (naive times are taken as UTC)."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def summary_line(rec: Recommendation) -> str:
    """One sentence: the pick, its approach and its monthly cost (chat replies, notifications)."""
    model = rec.model
    return (
        f"I recommend {model.label} ({model.provider}) with {approach_name(rec.approach.primary)}, "
        f"at about {money(rec.cost.monthly_usd)} a month."
    )


def understood_line(rec: Recommendation) -> str:
    """What the advice understood, before the pick: task, volume, budget, and the other facts that
    shaped it ("I understood: question-answering, 50,000 requests a month, ...")."""
    q = rec.questionnaire
    inferred = set(q.get("inferred") or ())
    parts = [str(q.get("task", "?")).replace("-", " ")]
    if q.get("task") == "speech-to-text" or "audio_minutes_per_month" in inferred:
        parts.append(f"{q.get('audio_minutes_per_month') or 0:,.0f} audio minutes a month")
    if q.get("task") == "image-generation":
        parts.append(f"{q.get('images_per_month') or 0:,} images a month")
    elif q.get("requests_per_month") is not None:
        parts.append(f"{q['requests_per_month']:,} requests a month")
    budget = q.get("monthly_budget_usd")
    parts.append("no budget limit given" if budget is None else f"budget {money(budget)} a month")
    data = q.get("data") or {}
    if data.get("private_knowledge"):
        parts.append("answers from your own documents")
    if q.get("deployment") not in (None, "any"):
        parts.append(f"deployment {q['deployment']}")
    if q.get("data_residency") == "eu":
        parts.append("data stays in the EU")
    if q.get("owned_gpus"):
        parts.append(f"you own {q['owned_gpus']}")
    if q.get("languages"):
        parts.append("languages " + ", ".join(q["languages"]))
    if q.get("priority") not in (None, "balanced"):
        parts.append(f"{q['priority']} first")
    shown = {"task", "requests_per_month", "monthly_budget_usd", "images_per_month"}
    for item in rec.understood:  # the rest of what was read, then the defaults the cost rests on
        if item.source == "read" and item.field not in shown and item.confirm:
            parts.append(f"{item.label.lower()} {item.shown} (please confirm)")
    assumed = [
        f"{item.label.lower()} {item.shown}"
        for item in rec.understood
        if item.source == "default" and item.field not in ("monthly_budget_usd", "task")
    ]
    if assumed:
        parts.append("assumed (say if wrong): " + ", ".join(assumed))
    return "I understood: " + "; ".join(parts) + "."


def understood_lines(rec: Recommendation, items: list[Understood] | None = None) -> list[str]:
    """One line per value the advice rests on (`items`, default `rec.understood`): read from the
    text (with the words it came from), given, or assumed by default, so a misreading is seen and
    corrected before the pick is trusted."""
    lines = []
    for item in rec.understood if items is None else items:
        # the evidence is the user's own words: shown as a code span, never as Markdown
        evidence = item.evidence.replace("`", "'").replace("\n", " ")
        how = (
            "assumed"
            if item.source == "default"
            else "as you set it"
            if item.source == "given"
            else f"read from `{evidence}`"
            if evidence
            else "read"
        )
        extra = f"; {item.note}" if item.note else ""
        confirm = " - please confirm" if item.confirm else ""
        lines.append(f"- {item.label}: {item.shown} ({how}{extra}){confirm}")
    return lines


def _fact(model, name: str):
    """A field of a catalog Model, a ModelInfo, or a model's JSON."""
    return model.get(name) if isinstance(model, dict) else getattr(model, name, None)


def _price(value: float, language: str | None) -> str:
    """A list price with the digits it has: "$0.15" / "0,15 US$"."""
    text = f"{value:g}"
    if language in (None, i18n.DEFAULT) or "e" in text:
        return f"${text}"
    return i18n.money(value, language, len(text.partition(".")[2]))


def price_line(model, language: str | None = None) -> str:
    _ = i18n.gettext_for(language)
    pricing = _fact(model, "pricing") or {}
    parts = []
    if pricing.get("input_per_1m") is not None:
        parts.append(
            _("{input} in / {output} out per 1M tokens").format(
                input=_price(pricing["input_per_1m"], language),
                output=_price(pricing.get("output_per_1m") or 0, language),
            )
        )
    if pricing.get("per_image") is not None:
        parts.append(_("{price} per image").format(price=_price(pricing["per_image"], language)))
    if pricing.get("per_audio_minute") is not None:
        parts.append(
            _("{price} per audio minute").format(
                price=_price(pricing["per_audio_minute"], language)
            )
        )
    if pricing.get("per_1m_characters") is not None:
        parts.append(
            _("{price} per 1M characters").format(
                price=_price(pricing["per_1m_characters"], language)
            )
        )
    return "; ".join(parts) or _("no hosted price (self-host)")


# The blend Artificial Analysis and OpenRouter quote: a typical request reads three tokens for each
# one it writes, so one figure ranks models the way a chat or RAG bill does.
BLEND = (3, 1)  # input : output


def blend_label() -> str:
    """ "3:1 input:output" """
    return f"{BLEND[0]}:{BLEND[1]} input:output"


def blended_price(model) -> float | None:
    """USD per 1M tokens at the BLEND of input and output prices, or None without a token price
    (an image or speech model). Without an output price (an embedding model writes no tokens)
    every token is read, so the input price is the figure."""
    pricing = _fact(model, "pricing") or {}
    read = pricing.get("input_per_1m")
    if not isinstance(read, int | float):
        return None
    written = pricing.get("output_per_1m")
    if not isinstance(written, int | float):
        return float(read)
    return (BLEND[0] * read + BLEND[1] * written) / (BLEND[0] + BLEND[1])


def speed_figures(speed, language: str | None = None) -> str:
    """ "131 output tokens/s, first token after 0.74 s" from a catalog Speed (or its JSON), or ""."""
    if not speed:
        return ""
    _ = i18n.gettext_for(language)
    figures = speed if isinstance(speed, dict) else vars(speed)
    parts = []
    if figures.get("output_tokens_per_s"):
        parts.append(
            _("{count} output tokens/s").format(
                count=i18n.number(figures["output_tokens_per_s"], language)
            )
        )
    if figures.get("ttft_s"):
        parts.append(
            _("first token after {seconds} s").format(
                seconds=i18n.number(figures["ttft_s"], language, 2)
            )
        )
    return ", ".join(parts)


def successor_name(model) -> str:
    """The name of the model the provider names in this one's place, or ""."""
    successor = _fact(model, "successor") if model is not None else None
    if not successor:
        return ""
    from .catalog.catalog import load_catalog

    return load_catalog().name_of(successor)


def retirement_line(model, today: str, language: str | None = None) -> str:
    """ "Retired on X; successor: Y" / "Retires on X; successor: Y", or "" without a date."""
    _ = i18n.gettext_for(language)
    date = _fact(model, "deprecation_date") if model is not None else None
    if not date:
        return ""
    line = (_("Retired on {date}") if date <= today else _("Retires on {date}")).format(date=date)
    successor = successor_name(model)
    return (
        _("{line}; successor: {successor}").format(line=line, successor=successor)
        if successor
        else line
    )


def model_line(model: ModelInfo) -> str:
    context = f", {model.context_window:,} tokens context" if model.context_window else ""
    speed = speed_figures(model.speed)
    speed = f"; {speed}" if speed else ""
    return (
        f"**{model.label}** (`{model.id}`, {model.provider}, {weights_label(model.open_weights)}"
        f"{context}): {price_line(model)}{speed}"
    )


def to_markdown(rec: Recommendation, findings: list[Finding] = ()) -> str:
    """The whole recommendation as Markdown: the export, the CLI's text format; with the decision
    watch's later `findings` about it, if any."""
    use_case = rec.questionnaire.get("use_case")
    lines = ["# LLM Advisor recommendation", ""]
    if use_case:
        lines += [f"> {use_case[:500]}", ""]
    if rec.understood:
        lines += ["## What I understood", ""] + understood_lines(rec) + [""]
    lines += ["## Model", "", model_line(rec.model), ""]
    explained = explain_pick(rec)
    if explained is not None:
        lines += ["## Why this model", ""] + [f"- {line}" for line in explained.lines()] + [""]
    approach = rec.approach
    lines += [f"## Approach: {approach_name(approach.primary)}", ""]
    lines += [f"- {reason}" for reason in approach.reasons]
    if approach.techniques:
        lines += ["", "Techniques:", ""] + [f"- {t}" for t in approach.techniques]
    if rec.components:
        lines += ["", "## Pipeline", ""] + [f"- {line}" for line in component_lines(rec)]
    cost = rec.cost
    lines += ["", f"## Monthly cost: about {money(cost.monthly_usd, 2)}", ""]
    for key, value in cost.breakdown.items():
        lines.append(f"- {breakdown_label(key)}: {money(value, 2)}")
    if cost.assumptions:
        lines += ["", "Assumptions:", ""] + [f"- {a}" for a in cost.assumptions]
    if rec.assumed:
        lines += ["", "Defaults assumed: " + "; ".join(rec.assumed)]
    if rec.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in rec.warnings]
    if rec.alternatives:
        lines += ["", "## Alternatives", ""]
        for alt in rec.alternatives:
            monthly = rec.alternative_costs.get(alt.id)
            monthly = f" about {money(monthly, 2)}/month" if monthly is not None else ""
            lines.append(f"- {model_line(alt)}{monthly}")
    if rec.why_not:
        lines += ["", "## Why not", ""] + [f"- {entry.reason}" for entry in rec.why_not]
    if rec.citations:
        lines += ["", "## Sources", ""]
        for number, c in enumerate(rec.citations, 1):
            lines.append(f"{number}. {c.title} ({c.topic})")
    if rec.catalog_as_of:
        lines += ["", f"_Made with catalog facts as of {rec.catalog_as_of}._"]
    if findings:
        lines += ["", "## Since then", ""]
        for finding in findings:
            dismissed = " (dismissed)" if finding.status == "dismissed" else ""
            lines.append(f"- {finding_line(finding)}{dismissed}")
    return "\n".join(lines) + "\n"


FINDING_TITLES = {
    "retired": "retired",
    "retiring": "retiring soon",
    "gone": "no longer in the catalog",
    "cheaper": "a cheaper model does as well",
    "better": "a better model fits the budget",
}


def finding_line(finding: Finding, language: str | None = None) -> str:
    """ "Retiring soon: <reason>. Suggested: X, +$3.15 a month." (the reason, written by the
    watch in English, through the catalog's templates in another language)"""
    from .localize import localize

    _ = i18n.gettext_for(language)
    title = _(FINDING_TITLES.get(finding.kind, finding.kind))
    line = f"{title[:1].upper()}{title[1:]}: {localize(finding.reason, language)}."
    if finding.new_model:
        line += " " + _("Suggested: {model} ({id})").format(
            model=finding.new_name, id=finding.new_model
        )
        change = finding.monthly_difference_usd
        if change:
            amount = f"{'+' if change > 0 else '-'}{i18n.money(abs(change), language)}"
            line += _(", {amount} a month").format(amount=amount)
        line += "."
    return line


# --- why this model: quality, rank and the trade-off against the alternatives ----------------------


def quality_points(score: float | None) -> str:
    """A 0..1 quality score as "78/100", or "not rated"."""
    return "not rated" if score is None else f"{score * 100:.0f}/100"


_URL = re.compile(r"https?://[^\s)]+")
_LIKE = re.compile(r"like ([\w.\-]+):")
_SNAPSHOT = re.compile(r"\(snapshot ([\w.\-]+),.*? from (https?://[^\s)]+)")


def contender_figure(contender: Contender, language: str | None = None) -> str:
    """A weighed model's quality figure for the task, an estimate marked as one."""
    return quality_figure(
        contender.quality,
        contender.quality_points,
        contender.quality_metric,
        contender.quality_measured,
        contender.quality_sibling,
        language=language,
    )


def task_name(task: str, language: str | None = None) -> str:
    """A task id as words in `language` ("question-answering" / "frågesvar")."""
    _ = i18n.gettext_for(language)
    if language in (None, i18n.DEFAULT):
        return task
    return _(task.replace("-", " "))


def quality_line(rec: Recommendation, model_id: str, language: str | None = None) -> str:
    """ "Quality for chat: 53.4 (AA Intelligence Index) (snapshot ..., as of 2026-10-05)" for a
    model the recommendation weighed, or "" when it did not weigh it."""
    found = next((c for c in rec.candidates if c.id == model_id), None)
    if found is None:
        return ""
    _ = i18n.gettext_for(language)
    return _("Quality for {task}: {figure}").format(
        task=ranked_task(rec, language), figure=contender_figure(found, language)
    ) + _cited(found, language)


def ranked_task(rec: Recommendation, language: str | None = None) -> str:
    """What the candidates' quality figures are for, in words: the task, or "tool use (function
    calling)" where a text job that calls tools was ranked by the agentic index."""
    _ = i18n.gettext_for(language)
    task = rec.quality_task or str(rec.questionnaire.get("task") or "")
    if not task:
        return _("the task")
    label = task_label(task)
    return task_name(task, language) if label == task else _(label)


def _cited(contender: Contender, language: str | None = None) -> str:
    """ " (snapshot aa-openrouter-2026-10-05, as of 2026-10-05)", or "" with nothing to cite."""
    _ = i18n.gettext_for(language)
    cited = ", ".join(
        part
        for part in (
            quality_source(contender.quality_source, language),
            _("as of {date}").format(date=contender.quality_as_of)
            if contender.quality_as_of
            else "",
        )
        if part
    )
    return f" ({cited})" if cited else ""


def quality_source(source: str, language: str | None = None) -> str:
    """A catalog quality source, short: "AA Intelligence Index v4.3, artificialanalysis.ai", or
    "estimate, like gemma-3-12b" for a figure borrowed from a similar model."""
    _ = i18n.gettext_for(language)
    text = str(source or "").strip()
    if not text:
        return ""
    if text.startswith("not measured"):
        return ""  # the figure itself says so, naming the sibling
    snapshot = _SNAPSHOT.search(text)
    if snapshot:
        return _("snapshot {name}").format(name=snapshot.group(1))
    if text.startswith("estimate"):
        like = _LIKE.search(text)
        return _("estimate, like {model}").format(model=like.group(1)) if like else _("estimate")
    head = re.sub(r"\s+\d+(\.\d+)?$", "", text.split(" (")[0].split(",")[0]).strip()
    found = _URL.search(text)
    site = source_label(found.group(0)) if found else ""
    return ", ".join(part for part in (head, site) if part)


_FIELD_VALUE = re.compile(r"\b((?:data\.)?[a-z_]+): (true|false|\"[^\"]*\"|[^;,)]+)")


def readable_fields(text: str) -> str:
    """Field ids in a reason, a default or an error as a person reads them:
    "(data.private_knowledge: true)" becomes "(Answers depend on our own documents or data: yes)"."""
    from .questionnaire import FIELDS

    def label(match: re.Match) -> str:
        spec = FIELDS.get(match.group(1))
        if spec is None:
            return match.group(0)
        value = {"true": "yes", "false": "no"}.get(match.group(2), match.group(2).strip('"'))
        return f"{spec.label}: {value}"

    return _FIELD_VALUE.sub(label, str(text or ""))


_ASSUMED = re.compile(r"^((?:data\.)?[a-z_]+): (.*)$", re.DOTALL)


def readable_assumed(text: str, language: str | None = None) -> str:
    """A default the advice assumed ("input_tokens: 500") in `language`: the field's label and the
    value through the catalog's templates. English keeps the field id, as it always did."""
    if language in (None, i18n.DEFAULT):
        return text
    from .localize import localize
    from .questionnaire import FIELDS

    match = _ASSUMED.match(text)
    if match is None:
        return localize(text, language)
    _ = i18n.gettext_for(language)
    spec = FIELDS.get(match.group(1))
    label = _(spec.label) if spec else match.group(1)
    return f"{label}: {localize(match.group(2), language)}"


def _ordinal(number: int, language: str | None = None) -> str:
    if language == "sv":  # 1:a, 2:a, 3:e ... 21:a, 22:a, but 11:e, 12:e
        return (
            f"{number}:a"
            if number % 10 in (1, 2) and number % 100 not in (11, 12)
            else f"{number}:e"
        )
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


@dataclass(frozen=True)
class Tradeoff:
    """An alternative weighed against the pick: its labels (cheaper, higher quality,
    self-hostable, over budget) and the difference in words."""

    model: ModelInfo
    labels: tuple[str, ...]
    monthly_usd: float | None
    quality: float | None
    text: str


@dataclass(frozen=True)
class PickExplanation:
    """Why the pick: its quality for the task with the figure's source, its rank among the models
    that meet the constraints, what kind of choice it is, and each alternative's trade-off."""

    task: str
    pick: Contender
    count: int  # models that meet the constraints
    quality_rank: int | None
    cost_rank: int
    standing: str
    budget: float | None
    alternatives: list[Tradeoff] = field(default_factory=list)
    language: str | None = None

    def quality_line(self) -> str:
        _ = i18n.gettext_for(self.language)
        pick, task = self.pick, task_name(self.task, self.language)
        if pick.quality is None:
            return _(
                "Quality for {task}: not measured by any benchmark snapshot in the catalog."
            ).format(task=task)
        return (
            _("Quality for {task}: {figure}").format(
                task=task, figure=contender_figure(pick, self.language)
            )
            + _cited(pick, self.language)
            + "."
        )

    @property
    def quality_url(self) -> str:
        """The page the pick's quality figure comes from, or ""."""
        found = _URL.search(self.pick.quality_source)
        return found.group(0).rstrip(").,;") if found else ""

    def rank_line(self) -> str:
        _ = i18n.gettext_for(self.language)
        cost = _ordinal(self.cost_rank, self.language)
        count = i18n.number(self.count, self.language)
        if self.quality_rank is None:
            return _(
                "Ranked {cost_rank} by monthly cost among the {count} models that meet your "
                "constraints."
            ).format(cost_rank=cost, count=count)
        return _(
            "Ranked {quality_rank} by quality, {cost_rank} by monthly cost among the {count} "
            "models that meet your constraints."
        ).format(
            quality_rank=_ordinal(self.quality_rank, self.language), cost_rank=cost, count=count
        )

    def lines(self) -> list[str]:
        """The explanation as plain sentences (exports, chat replies)."""
        _ = i18n.gettext_for(self.language)
        lines = [f"{self.pick.label}: {self.standing}.", self.quality_line(), self.rank_line()]
        for alt in self.alternatives:
            labels = f" ({', '.join(_(label) for label in alt.labels)})" if alt.labels else ""
            lines.append(f"{alt.model.label}{labels}: {alt.text}.")
        return lines


def explain_pick(rec: Recommendation, language: str | None = None) -> PickExplanation | None:
    """Why this model over the others, from the candidates the recommender weighed; None for a
    decision stored before candidates were recorded."""
    candidates = rec.candidates
    pick = next((c for c in candidates if c.id == rec.model.id), None)
    if pick is None:
        return None
    task = ranked_task(rec)
    budget = rec.questionnaire.get("monthly_budget_usd")
    budget = float(budget) if isinstance(budget, int | float) else None
    rated = pick.quality is not None and pick.quality_measured  # no rank on an estimate
    quality_rank = (
        1 + sum(1 for c in candidates if (c.quality or 0) > pick.quality) if rated else None
    )
    cost_rank = 1 + sum(1 for c in candidates if c.monthly_usd < pick.monthly_usd)
    return PickExplanation(
        language=language,
        task=task,
        pick=pick,
        count=len(candidates),
        quality_rank=quality_rank,
        cost_rank=cost_rank,
        standing=_standing(pick, candidates, budget, rec.questionnaire.get("priority"), language),
        budget=budget,
        alternatives=[_tradeoff(alt, pick, rec, budget, language) for alt in rec.alternatives],
    )


def _standing(
    pick: Contender,
    candidates: list[Contender],
    budget: float | None,
    priority: Any,
    language: str | None = None,
) -> str:
    _ = i18n.gettext_for(language)
    fits = [c for c in candidates if budget is None or c.monthly_usd <= budget + 1e-9]
    if pick in fits and pick.quality is not None and pick.quality_measured:
        if all((c.quality or 0) <= pick.quality for c in fits):
            best = (
                _("the highest quality of the {count} models that fit your budget")
                if budget is not None
                else _("the highest quality of the {count} models that meet your constraints")
            )
            return best.format(count=i18n.number(len(fits), language))
    if all(c.monthly_usd >= pick.monthly_usd for c in candidates):
        return _("the cheapest of the {count} models that meet your constraints").format(
            count=i18n.number(len(candidates), language)
        )
    if pick not in fits:
        return _("the closest option to your budget (nothing fits it)")
    return _(
        "the best balance of quality, cost and speed for your priority ({priority}); "
        "models rated higher cost more"
    ).format(priority=_(priority or "balanced"))


def _tradeoff(
    alt: ModelInfo,
    pick: Contender,
    rec: Recommendation,
    budget: float | None,
    language: str | None = None,
) -> Tradeoff:
    _ = i18n.gettext_for(language)
    known = next((c for c in rec.candidates if c.id == alt.id), None)
    monthly = rec.alternative_costs.get(alt.id, known.monthly_usd if known else None)
    quality = known.quality if known else None
    labels = []
    parts = []
    if monthly is not None:
        difference = monthly - pick.monthly_usd
        if difference < -0.005:
            labels.append("cheaper")
            parts.append(
                _("saves {amount} a month").format(amount=i18n.money(-difference, language))
            )
        elif difference > 0.005:
            parts.append(
                _("costs {amount} more a month").format(amount=i18n.money(difference, language))
            )
        else:
            parts.append(_("costs about the same"))
    if quality is not None and pick.quality is not None:
        if quality > pick.quality and known.quality_measured:  # never on an estimate
            labels.append("higher quality")
        parts.append(
            _("quality {figure} against {pick_figure}").format(
                figure=contender_figure(known, language),
                pick_figure=contender_figure(pick, language),
            )
        )
    if known.self_hostable if known else ("self-hosted" in alt.deployment):
        labels.append("self-hostable")
    if budget is not None and monthly is not None and monthly > budget + 1e-9:
        labels.append("over budget")
    return Tradeoff(
        alt, tuple(labels), monthly, quality, "; ".join(parts) or _("no figures to compare")
    )
