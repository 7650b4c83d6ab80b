"""What every page shares: the app's name, its pages' files, the cached clients (store, catalog,
knowledge index, local model), the visitor, and the guard that turns a page's failure into one
line. Drawing lives in ui/components/, kept values in ui/state.py; nothing here decides a
recommendation, works out a cost or reads free text.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

import streamlit as st

from advisor import api
from advisor.api import config

log = logging.getLogger("ui")
PRODUCT = "LLM Advisor"
TAGLINE = "choose a language model and an approach for your use case, and try it"
LOCAL_MODEL = "smollm2-135m-instruct"
PAGE_FILES = {
    "advisor": "views/advisor_page.py",
    "catalog": "views/catalog_page.py",
    "playground": "views/playground_page.py",
    "knowledge": "views/knowledge_page.py",
    "history": "views/history_page.py",
}


# --- cached clients ---------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _store(path: str):
    return api.store(path)


def store():
    """The SQLite store for the current ADVISOR_HOME (one client per database file)."""
    return _store(str(config.db_path()))


def catalog():
    """The model catalog (the core caches it per file version)."""
    return api.catalog()


@st.cache_resource(show_spinner=False)
def local_model():
    """The built-in local model's provider; its worker process serves every session."""
    return api.local_model()


@st.cache_resource(show_spinner=False)
def _warming(home: str) -> threading.Thread:
    thread = threading.Thread(target=api.warm_up, name="warm-up", daemon=True)
    thread.start()
    return thread


def warm_up_in_background() -> threading.Thread | None:
    """Start loading the embedder and the knowledge index once per process (per ADVISOR_HOME),
    so the first "Read my description" and the first answer do not wait for them.
    ADVISOR_UI_WARM_UP=0 turns it off (the tests do, to keep each test's work its own)."""
    if not api.settings.value("ADVISOR_UI_WARM_UP"):
        return None
    return _warming(str(config.advisor_home()))


_warm_lock = threading.Lock()
_warmed: set[str] = set()  # ADVISOR_HOMEs whose knowledge index is built and embedder loaded


def knowledge_ready() -> str | None:
    """Build (or check) the knowledge index and load the embedder once per process, showing
    progress; None when ready, else what is wrong (the page says so instead of failing)."""
    home = str(config.advisor_home())
    if home in _warmed:
        return None
    bar = st.progress(0.0, text="Preparing the knowledge index (first use only)...")

    def progress(stage: str, done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 0.0
        bar.progress(share, text=f"Knowledge index: {stage} {done} of {total}")

    try:
        with _warm_lock:  # one session builds; the others wait for it
            if home not in _warmed:
                api.build_index(progress=progress)
                bar.progress(1.0, text="Loading the embedding model...")
                api.ask("What is retrieval-augmented generation?", k=1)
                _warmed.add(home)
    except Exception as exc:  # an index problem must not take the page down
        return f"the knowledge index could not be loaded ({type(exc).__name__}: {exc})"
    finally:
        bar.empty()
    return None


@st.cache_resource(show_spinner=False)
def _articles(folder: str | None) -> list[dict]:
    return api.articles()


def articles() -> list[dict]:
    # cached per knowledge base: ADVISOR_KNOWLEDGE_DIR's folder, or the packaged one (None)
    return _articles(api.config.env("ADVISOR_KNOWLEDGE_DIR"))


def today() -> str:
    return dt.date.today().isoformat()


PAGE_FAILED = (
    "Something went wrong on this page. Please try again; if it keeps happening, tell the app's "
    "maintainer (the details are in the server log)."
)


def run_page(page) -> None:
    """Run a page; an error nobody caught becomes one line on the page, and its traceback (server
    paths, code) goes to the server's log only. Streamlit's stop and rerun signals are not
    Exceptions and pass through."""
    try:
        page.run()
    except Exception:
        log.exception("page %s failed", getattr(page, "url_path", None) or "start")
        st.error(PAGE_FAILED, icon=":material/error:")


def visitor() -> str | None:
    """The logged-in visitor's identity (their e-mail, else the provider's subject id), stored
    with each decision and run they make; None without a login."""
    from ui import auth

    return auth.visitor()


def owner() -> str | None:
    """Whose records History, decision links and the run log show (None: everyone's)."""
    return config.history_owner(visitor())
