"""The core's one door for the faces: the command line (advisor/cli/), the Streamlit app (ui/) and
the Slack bot (bot/) import this module and nothing else of ours (tests/test_architecture.py holds
them to it).

Each name here is the core function or type that does the work; the logic lives in the module
named beside it. Heavy libraries (torch, chromadb, llama.cpp) are still imported only by the
functions that need them, so importing this module stays cheap.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for readers and type checkers; at run time see _LAZY
    from . import config, i18n, settings
    from . import model_figures as figures
    from . import questionnaire as fields
    from .advice.recommender import monthly_cost_of, monthly_costs
    from .advice.service import advise
    from .answers.qa import ask
    from .catalog.benchmark_review import review as review_benchmarks
    from .catalog.catalog import RETIRING_SOON_DAYS, Catalog, Model
    from .catalog.catalog import load_catalog as catalog
    from .catalog.sync import SyncError
    from .catalog.sync import sync as sync_catalog
    from .dialogue.conversation import RESTART_RE, is_concept_question
    from .dialogue.conversation import handle as handle_message
    from .errors import AdvisorError, InputError, ProviderError, UnknownModelError
    from .grounding.retrieval import build_index, cite_for, retrieve
    from .grounding.uploads import save_upload
    from .history.decisions import ComparedRow, DecisionComparison, compare_decisions, group_repeats
    from .history.watch import dismiss, findings_for, recheck, renew, watch
    from .i18n import gettext_for
    from .i18n import money as localized_money
    from .intake import read_use_case
    from .intake.summary import with_given as understood_with_given
    from .localize import localizer
    from .markup import plain_markdown, slack_mrkdwn
    from .playground.engine import availability, compare, dump_evalset, load_evalset, run, run_eval
    from .playground.starter import Starter, starter_for
    from .playground.starter import build_starter as starter
    from .present import (
        FINDING_TITLES,
        approach_name,
        blend_label,
        blended_price,
        breakdown_label,
        component_lines,
        contender_figure,
        explain_pick,
        finding_line,
        money,
        price_line,
        quality_figure,
        quality_line,
        ranked_task,
        readable_assumed,
        readable_fields,
        retirement_line,
        safe_markdown,
        source_label,
        speed_figures,
        successor_name,
        summary_line,
        timestamp,
        to_markdown,
        understood_line,
        understood_lines,
        weights_label,
    )
    from .questionnaire import parse_questionnaire
    from .results import (
        Answer,
        Citation,
        Contender,
        CostEstimate,
        Finding,
        ModelInfo,
        Recommendation,
        RunResult,
    )
    from .store import Store
    from .warmup import warm_up

# Modules the faces use whole: name -> the module under advisor/.
_MODULES = {
    "config": "config",
    "i18n": "i18n",
    "settings": "settings",
    "figures": "model_figures",  # a catalog model's figures in tables and comparisons
    "fields": "questionnaire",  # the questionnaire's field names, allowed values and limits
}
# Each other name -> (its module under advisor/, its name there when not the same). A name is
# imported on first use: a cold `llm-advisor ask` loads the question-answering modules and not the
# recommender, the catalog's figures, the playground or the store. A name the faces use is listed
# here and in the TYPE_CHECKING block above (tests/advisor/test_api.py holds the two to each other).
_LAZY: dict[str, tuple[str, str | None]] = {
    "monthly_cost_of": ("advice.recommender", None),  # one model's monthly cost for the answers
    "monthly_costs": ("advice.recommender", None),  # the same for many models (None: no fit)
    "advise": ("advice.service", None),
    "ask": ("answers.qa", None),
    "review_benchmarks": ("catalog.benchmark_review", "review"),  # snapshot rows to review
    "RETIRING_SOON_DAYS": ("catalog.catalog", None),
    "Catalog": ("catalog.catalog", None),
    "Model": ("catalog.catalog", None),
    "catalog": ("catalog.catalog", "load_catalog"),
    "SyncError": ("catalog.sync", None),  # `catalog sync` refused the upstream data
    "sync_catalog": ("catalog.sync", "sync"),  # prices from genai-prices, dates from LiteLLM
    "AdvisorError": ("errors", None),
    "InputError": ("errors", None),
    "ProviderError": ("errors", None),
    "UnknownModelError": ("errors", None),
    "build_index": ("grounding.retrieval", None),
    "cite_for": ("grounding.retrieval", None),
    "retrieve": ("grounding.retrieval", None),
    "save_upload": ("grounding.uploads", None),
    "ComparedRow": ("history.decisions", None),
    "DecisionComparison": ("history.decisions", None),
    "compare_decisions": ("history.decisions", None),
    "group_repeats": ("history.decisions", None),
    "dismiss": ("history.watch", None),
    "findings_for": ("history.watch", None),
    "recheck": ("history.watch", None),
    "renew": ("history.watch", None),
    "watch": ("history.watch", None),
    "read_use_case": ("intake", None),
    "understood_with_given": ("intake.summary", "with_given"),  # read values beside typed ones
    "plain_markdown": ("markup", None),
    "slack_mrkdwn": ("markup", None),
    "availability": ("playground.engine", None),
    "compare": ("playground.engine", None),
    "dump_evalset": ("playground.engine", None),
    "load_evalset": ("playground.engine", None),
    "run": ("playground.engine", None),
    "run_eval": ("playground.engine", None),
    "Starter": ("playground.starter", None),
    "starter_for": ("playground.starter", None),  # a runnable project for a stored decision's id
    "starter": ("playground.starter", "build_starter"),  # the same for a decision
    **{
        name: ("present", None)
        for name in (
            "FINDING_TITLES",
            "approach_name",
            "blend_label",
            "blended_price",
            "breakdown_label",
            "component_lines",
            "contender_figure",
            "explain_pick",
            "finding_line",
            "money",
            "price_line",
            "quality_figure",
            "quality_line",
            "ranked_task",
            "readable_assumed",
            "readable_fields",
            "retirement_line",
            "safe_markdown",
            "source_label",
            "speed_figures",
            "successor_name",
            "summary_line",
            "timestamp",
            "to_markdown",
            "understood_line",
            "understood_lines",
            "weights_label",
        )
    },
    "parse_questionnaire": ("questionnaire", None),
    **{
        name: ("results", None)
        for name in (
            "Answer",
            "Citation",
            "Contender",
            "CostEstimate",
            "Finding",
            "ModelInfo",
            "Recommendation",
            "RunResult",
        )
    },
    "Store": ("store", None),
    "warm_up": ("warmup", None),  # at the faces' start, on a background thread
    # The Slack conversation: the next question, or the answer, for a message in a thread.
    "handle_message": ("dialogue.conversation", "handle"),
    "is_concept_question": ("dialogue.conversation", None),
    "RESTART_RE": ("dialogue.conversation", None),
    # The language of a conversation: gettext catalogs (domain, locale folder) and money/numbers.
    "gettext_for": ("i18n", None),
    "localized_money": ("i18n", "money"),
    "localizer": ("localize", None),  # the core's stored sentences in a conversation's language
}
# The intake and the conversation weigh the next question with the recommender, which hands
# itself to the intake when it is imported (advisor/intake/impact.py): load it with them.
_NEEDS_RECOMMENDER = ("intake", "dialogue")


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value: Any = importlib.import_module(f".{_MODULES[name]}", __package__)
    elif name in _LAZY:
        module, attribute = _LAZY[name]
        if module.split(".")[0] in _NEEDS_RECOMMENDER:
            _wire_recommender()
        value = getattr(importlib.import_module(f".{module}", __package__), attribute or name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later uses skip this function
    return value


def _wire_recommender() -> None:
    importlib.import_module(".advice.recommender", __package__)


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES, *_LAZY})


def brief_of(rec: Recommendation, language: str | None) -> dict:
    """The short recommendation's parts in `language` (pick, why, cost, caveats, understood)."""
    from .dialogue.replies import brief

    _wire_recommender()

    return brief(rec, language)


__all__ = [
    "advise", "AdvisorError", "Answer", "approach_name", "article_path", "articles", "ask",
    "availability", "blend_label", "blended_price", "breakdown_label", "build_index", "catalog", "Catalog", "Citation", "cite_for",
    "compare", "compare_decisions", "ComparedRow", "component_lines", "contender_figure", "config", "Contender",
    "CostEstimate", "DecisionComparison", "dismiss", "dump_evalset", "explain_pick",
    "brief_of", "fields", "Finding", "gettext_for", "group_repeats", "i18n", "localized_money", "localizer", "readable_assumed", "finding_line", "FINDING_TITLES", "findings_for", "handle_message",
    "InputError", "is_concept_question", "language_of", "load_evalset", "local_model", "Model", "ModelInfo",
    "money", "monthly_cost_of", "monthly_costs", "figures", "parse_questionnaire", "plain_markdown", "price_line", "quality_figure", "quality_line", "ProviderError", "ranked_task", "read_use_case",
    "readable_fields", "recheck", "Recommendation", "renew", "RESTART_RE", "retirement_line",
    "RETIRING_SOON_DAYS", "retrieve", "review_benchmarks", "run", "run_eval", "RunResult", "safe_markdown",
    "save_upload", "secrets", "settings", "starter_for", "sync_catalog", "SyncError", "slack_mrkdwn", "source_label", "speed_figures", "starter", "Starter", "Store", "store", "successor_name",
    "summary_line", "timestamp", "to_markdown", "understood_line", "understood_lines", "understood_with_given", "UnknownModelError", "warm_up", "watch",
    "weights_label",
]  # fmt: skip


def store(path: str | Path | None = None) -> Store:
    """The store for `path` (default: `$ADVISOR_HOME/advisor.db`), one per database file."""
    from .store import default_store

    return default_store(path)


def secrets() -> list[str]:
    """Every configured secret value (each secret declared in advisor/settings.py: Slack's
    tokens, provider and route keys; and the endpoint keys endpoints.yaml holds or names), for
    redacting logs."""
    from . import settings
    from .providers.openai_compat import endpoint_secrets

    return settings.secret_values() + endpoint_secrets()


def language_of(text: str, current: str | None = None) -> str:
    """The language a conversation continues in after `text` ("en" or "sv")."""
    from .dialogue.manager import language_of as conversation_language

    _wire_recommender()

    return conversation_language(text, current)


def local_model():
    """The built-in local model's provider (`.warm()` starts its worker process)."""
    from . import providers

    return providers.get("local")


def articles() -> list[dict]:
    """The knowledge base's articles: [{id, title, topic, sources, text}], sources as readers
    see them (the seed lesson by its title)."""
    from knowledge.articles import readable_source

    from .grounding.retrieval import own_articles

    return [{**a, "sources": [readable_source(s) for s in a["sources"]]} for a in own_articles()]


def article_path(article_id: str) -> str:
    """Where an article opens in the app: the Knowledge page, scrolled to it."""
    from urllib.parse import quote

    return f"/knowledge?article={quote(str(article_id), safe='')}"
