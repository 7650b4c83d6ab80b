"""The core's one door for the faces: the command line (advisor/cli/), the Streamlit app (ui/) and
the Slack bot (bot/) import this module and nothing else of ours (tests/test_architecture.py holds
them to it).

Each name here is the core function or type that does the work; the logic lives in the module
named beside it. Heavy libraries (torch, chromadb, llama.cpp) are still imported only by the
functions that need them, so importing this module stays cheap.
"""

from __future__ import annotations

from pathlib import Path

from . import config, i18n, settings
from . import localize as _localize
from . import model_figures as figures  # a catalog model's figures in tables and comparisons
from . import questionnaire as fields  # field names, allowed values and limits of the questionnaire
from .advice.recommender import (
    monthly_cost_of,  # one model's monthly cost for a questionnaire's answers
    monthly_costs,  # the same for many models, None where one does not serve the task
)
from .advice.service import advise
from .answers.qa import ask
from .catalog.benchmark_review import review as review_benchmarks  # snapshot rows to review
from .catalog.catalog import RETIRING_SOON_DAYS, Catalog, Model
from .catalog.catalog import load_catalog as catalog
from .catalog.sync import SyncError  # `catalog sync` refused the upstream data
from .catalog.sync import sync as sync_catalog  # prices from genai-prices, dates from LiteLLM
from .dialogue import conversation as _conversation
from .errors import AdvisorError, InputError, ProviderError, UnknownModelError
from .grounding.retrieval import build_index, cite_for, retrieve
from .grounding.uploads import save_upload
from .history.decisions import ComparedRow, DecisionComparison, compare_decisions, group_repeats
from .history.watch import dismiss, findings_for, recheck, renew, watch
from .intake import read_use_case
from .intake.summary import with_given as understood_with_given
from .markup import plain_markdown, slack_mrkdwn
from .playground.engine import availability, compare, dump_evalset, load_evalset, run, run_eval
from .playground.starter import (
    Starter,
    starter_for,  # the same, for a stored decision's id
)
from .playground.starter import build_starter as starter  # a runnable project for a stored decision
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
from .store import Store, default_store
from .warmup import warm_up  # at the faces' start, on a background thread

# The Slack conversation: the next question, or the answer, for a message in a thread.
handle_message = _conversation.handle
is_concept_question = _conversation.is_concept_question
RESTART_RE = _conversation.RESTART_RE
# The language of a conversation: gettext catalogs (domain, locale folder) and money/numbers.
gettext_for = i18n.gettext_for
localized_money = i18n.money
localizer = _localize.localizer  # the core's stored English sentences in a conversation's language


def brief_of(rec: Recommendation, language: str | None) -> dict:
    """The short recommendation's parts in `language` (pick, why, cost, caveats, understood)."""
    from .dialogue.replies import brief

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
    return default_store(path)


def secrets() -> list[str]:
    """Every configured secret value (each secret declared in advisor/settings.py: Slack's
    tokens, provider and route keys; and the endpoint keys endpoints.yaml holds or names), for
    redacting logs."""
    from .providers.openai_compat import endpoint_secrets

    return settings.secret_values() + endpoint_secrets()


def language_of(text: str, current: str | None = None) -> str:
    """The language a conversation continues in after `text` ("en" or "sv")."""
    from .dialogue.manager import language_of as conversation_language

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
