"""Load at start what the first free-text read and the first answer would otherwise wait for.

The app and the bot call `warm_up` on a background thread when they start: the core's modules
(`advisor.api` loads them on first use), the embedder and the task descriptions' vectors (reading
a use case by meaning), the lexical index (citations), and the knowledge index, built when it is
missing (answers). Each part loads under its own lock, so a
request that arrives meanwhile waits only for what is still loading, never loads it twice.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("advisor.warmup")


def warm_up(*, knowledge_index: bool = True) -> dict[str, float]:
    """Load the slow parts now; {part: seconds} for those that loaded. A part that fails is
    logged and skipped: the first request that needs it reports the problem properly."""
    from .grounding import retrieval
    from .intake import task_meaning

    parts = [
        ("core modules", _import_core),
        ("reading by meaning", task_meaning.warm_up),
        ("lexical index", lambda: retrieval.cite_for("retrieval-augmented generation", k=1)),
    ]
    if knowledge_index:
        parts += [
            ("knowledge index", retrieval.build_index),
            ("dense search", lambda: retrieval.search("what is fine-tuning", 1)),
        ]
    took: dict[str, float] = {}
    for name, load in parts:
        started = time.perf_counter()
        try:
            load()
        except Exception as exc:  # noqa: BLE001 - the first real request reports what matters
            log.info("warm-up of the %s failed: %s: %s", name, type(exc).__name__, exc)
            continue
        took[name] = round(time.perf_counter() - started, 3)
    log.info("warm-up done: %s", ", ".join(f"{k} {v:.1f}s" for k, v in took.items()))
    return took


def _import_core() -> None:
    """The modules a first recommendation, answer or conversation turn goes through: `advisor.api`
    imports each only when a face first uses it, so a face loads them here, in the background."""
    from . import present  # noqa: F401
    from .advice import service  # noqa: F401 - the recommender, which the intake weighs with
    from .answers import qa  # noqa: F401
    from .dialogue import conversation  # noqa: F401
