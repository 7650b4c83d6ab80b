"""What the app keeps between reruns and pages, typed, in one place.

Widgets keep their own values under their keys (`f_<field>` for the Advisor's form, `cat_`,
`pg_`, `kb_`, `hist_` for the other pages); the values the pages keep themselves are attributes
here, one class per page (`state.advisor.result`, `state.playground.messages`, ...), each stored
in `st.session_state` under the key named beside it, so it lasts for the browser session only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import streamlit as st

from advisor import api

T = TypeVar("T")

# Session keys whose values must survive a visit to another page (Streamlit forgets the state of
# widgets that a run does not draw): every widget whose value a person typed uses one of these.
KEEP_PREFIXES = ("f_", "cat_", "pg_", "kb_", "hist_")


def keep_typed_values() -> None:
    """Re-assign kept widget values so that leaving a page and coming back loses nothing."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(KEEP_PREFIXES) and not key.endswith("_btn"):
            try:
                st.session_state[key] = st.session_state[key]
            # buttons, uploaders and the like cannot be set; they need not be kept
            except Exception:
                pass


class Value(Generic[T]):
    """One value kept in the session under `key`: read, set and deleted as an attribute. With
    `new`, a missing value is created (and kept) on first read, so it can be changed in place."""

    def __init__(self, key: str, default: T | None = None, new: Callable[[], T] | None = None):
        self.key, self.default, self.new = key, default, new

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        if self.new is not None:
            return st.session_state.setdefault(self.key, self.new())
        return st.session_state.get(self.key, self.default)

    def __set__(self, obj: Any, value: T) -> None:
        st.session_state[self.key] = value

    def __delete__(self, obj: Any) -> None:
        st.session_state.pop(self.key, None)


def take(key: str, default: Any = None) -> Any:
    """A value read once: removed from the session as it is read."""
    return st.session_state.pop(key, default)


class Advisor:
    """The Advisor page: the questionnaire's widgets are `f_<field>`; what it keeps besides."""

    result = Value[api.Recommendation | None]("f__result")
    result_answers = Value[dict | None]("f__result_answers")  # the answers `result` was made from
    inferred = Value[list[str]]("f__inferred", new=list)  # fields the description filled in
    errors = Value[dict[str, str]]("f__errors", new=dict)  # field -> what is wrong with it
    missing = Value[list[str] | None]("f__missing")
    next_question = Value[dict | None]("f__next_question")
    # fields whose reading a second reader (the intake model) disputes -> what it read instead
    confirm = Value[dict[str, str]]("f__confirm", new=dict)
    read_warnings = Value[list[str]]("f__read_warnings", new=list)  # what the reading could not do
    failure = Value[str | None]("f__failure")  # the core failed: one line to show
    query_done = Value[bool]("f__query_done", False)  # the link's fields were read once
    SUBMIT = "f__submit"  # answers to advise on, taken by the next run
    LOAD = "f__load"  # {answers, result} from History's "Edit in Advisor", taken once


class Catalog:
    detail = Value[str | None]("cat_detail")  # the model whose card is open
    tab = Value[str | None]("cat_tab")
    compare = Value[list[str]]("cat_compare", new=list)


class Playground:
    messages = Value[list[dict]]("pgx_messages", new=list)  # the chat, with each run's figures
    # The keys typed in this browser session, by the variable each stands in for: never on disk,
    # never logged; they go to the engine with each run.
    keys = Value[dict[str, str]]("pgx_keys", new=dict)
    uploads = Value[dict[str, str]]("pgx_uploads", new=dict)  # upload id -> saved path
    scorecard = Value[dict | None]("pgx_scorecard")
    eval_file = Value[str | None]("pgx_eval_file")  # the uploaded eval set read into the box
    link_done = Value[str | None]("pgx_link_done")  # the ?model= link already applied
    link_error = Value[str | None]("pgx_link_error")
    eval_text = Value[str | None]("pg_eval_text")  # the eval set box (a widget)

    def evalset(self) -> dict | None:
        """The eval set typed this session, when it is a valid one of the user's own (not the
        example the playground starts with)."""
        text = self.eval_text
        if not text or text.strip() == SAMPLE_EVALSET.strip():
            return None
        try:
            return api.load_evalset(text)
        except api.InputError:
            return None


class Knowledge:
    answer = Value[dict | None]("kbx_answer")  # {question, result}
    ASK = "kbx_ask"  # an example question was clicked: ask it on this run
    opened = Value[str | None]("kb_opened")  # the ?article= link already applied


class History:
    notice = Value[tuple[str, str] | None]("hist_notice")  # (error|success, text) after a delete
    confirm_delete = Value[list[int] | None]("hist_confirm_delete")
    linked = Value[str | None]("hist_linked")  # the ?id= link already applied
    compare_linked = Value[str | None]("hist_compare_linked")
    pick = Value[int | None]("hist_pick")  # the shown decision (a widget)
    compare_ids = Value[list[int]]("hist_compare_ids", new=list)  # decisions side by side

    def ask_to_delete(self, ids: list[int] | None) -> None:
        """Ask to confirm deleting these records (None: the question is withdrawn)."""
        if ids is None:
            del self.confirm_delete
        else:
            self.confirm_delete = ids


# The playground's example eval set, until the user types or uploads their own cases.
SAMPLE_EVALSET = """name: sample
temperature: 0
max_tokens: 48
cases:
  - id: capital
    prompt: What is the capital of France? Answer with one word.
    expect: {contains: Paris}
  - id: json
    prompt: 'Reply with a JSON object {"ok": true} and nothing else.'
    expect: {json: true}
"""

advisor = Advisor()
catalog = Catalog()
playground = Playground()
knowledge = Knowledge()
history = History()
