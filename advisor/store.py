"""SQLite store: recommendations, playground runs, Slack conversations, feedback, seen events.

One file at $ADVISOR_HOME/advisor.db, WAL mode, schema changes as named migrations recorded in the
`_migrations` table. Each thread gets its own connection; writers wait on a busy timeout rather than
fail, so a second process writing at the same time loses nothing. The file is created readable by
its owner only (it holds people's use cases and prompts); a database that cannot be opened, read or
written raises StorageError with one line naming the file.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from . import config
from .errors import StorageError
from .safetext import clean


def _import_sqlite_utils():
    """sqlite-utils imports pandas and numpy when present, only to map their types, which we never
    store; hiding them saves most of a second on every CLI start."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            del sys.modules[name]
    return sqlite_utils


sqlite_utils = _import_sqlite_utils()

BUSY_TIMEOUT_MS = 30_000
USE_CASE_COLUMN_CHARS = 500  # the listing's copy; the questionnaire JSON keeps the whole text


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _m001_initial(db: sqlite_utils.Database) -> None:
    db["recommendations"].create(
        {
            "id": int,
            "created": str,
            "source": str,
            "user": str,
            "channel": str,
            "use_case": str,
            "model_id": str,
            "approach": str,
            "monthly_usd": float,
            "questionnaire": str,
            "result": str,
        },
        pk="id",
    )
    db["recommendations"].create_index(["source", "created"])
    db["recommendations"].create_index(["user", "created"])
    db["runs"].create(
        {
            "id": int,
            "created": str,
            "source": str,
            "model": str,
            "provider": str,
            "prompt": str,
            "system": str,
            "response": str,
            "latency_s": float,
            "ttft_s": float,
            "input_tokens": int,
            "output_tokens": int,
            "cost_usd": float,
            "grounding": str,
            "error": str,
        },
        pk="id",
    )
    db["runs"].create_index(["created"])
    db["conversations"].create({"key": str, "state": str, "updated": str}, pk="key")
    db["feedback"].create(
        {"id": int, "created": str, "recommendation_id": int, "user": str, "value": str}, pk="id"
    )
    db["events"].create({"event_id": str, "created": str}, pk="event_id")


def _m002_decision_watch(db: sqlite_utils.Database) -> None:
    # where the bot posted a recommendation, so that a later finding goes to the same thread
    db["recommendations"].add_column("thread_ts", str)
    db["findings"].create(
        {
            "id": int,
            "key": str,  # recommendation, kind, old and new model: one finding is reported once
            "created": str,
            "recommendation_id": int,
            "kind": str,
            "status": str,  # open | dismissed
            "posted": str,  # when the bot posted it to Slack, else null
            "finding": str,  # the Finding as JSON
        },
        pk="id",
    )
    db["findings"].create_index(["key"], unique=True)
    db["findings"].create_index(["recommendation_id"])


def _m003_finding_delivery(db: sqlite_utils.Database) -> None:
    # why the bot gave up posting a finding (it left the channel, the channel is archived or
    # gone); such a finding is no longer retried
    db["findings"].add_column("undeliverable", str)


def _m004_run_owner(db: sqlite_utils.Database) -> None:
    # who ran it: the logged-in identity of the app's visitor (History is scoped to it)
    db["runs"].add_column("user", str)
    db["runs"].create_index(["user", "created"])


# Append only: a migration, once released, never changes; add a new one instead.
MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("001_initial", _m001_initial),
    ("002_decision_watch", _m002_decision_watch),
    ("003_finding_delivery", _m003_finding_delivery),
    ("004_run_owner", _m004_run_owner),
]

_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use 0644 less the umask); its
    -wal and -shm files take the same mode from it."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _storage_error(path: Path, exc: BaseException) -> StorageError:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        hint = "make it (and its folder) writable by this user"
    elif "not a database" in text or "malformed" in text:
        hint = "it is damaged; move it aside and a new, empty one is created"
    else:
        hint = "check the file and its folder (ADVISOR_HOME)"
    return StorageError(f"storage: cannot use the database {path} ({text}); {hint}")


def _guarded(method):
    """Database and file errors as one StorageError line naming the file."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StorageError:
            raise
        except (sqlite3.Error, OSError, UnicodeError) as exc:
            raise _storage_error(self.path, exc) from exc

    return wrapper


_SQLITE_INT_MIN, _SQLITE_INT_MAX = -(2**63), 2**63 - 1


def _storable_id(value) -> bool:
    """Whether an id fits SQLite's 64-bit integers: a larger one (a long number in a link) names
    no row, and handing it to sqlite3 raises OverflowError rather than finding nothing."""
    if isinstance(value, bool) or not isinstance(value, int):
        return True  # other types are left to SQLite, as before
    return _SQLITE_INT_MIN <= value <= _SQLITE_INT_MAX


def _connect(path: Path) -> sqlite_utils.Database:
    _create_private(path)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db = sqlite_utils.Database(conn)
    if db.journal_mode != "wal":
        db.enable_wal()
    return db


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations not yet recorded; returns the names applied."""
    applied: list[str] = []
    # BEGIN IMMEDIATE takes the write lock first, so two processes never race on the same migration.
    db.execute("BEGIN IMMEDIATE")
    try:
        if "_migrations" not in db.table_names():
            db["_migrations"].create({"name": str, "applied": str}, pk="name")
        done = {row["name"] for row in db["_migrations"].rows}
        for name, step in MIGRATIONS:
            if name not in done:
                step(db)
                db["_migrations"].insert({"name": name, "applied": _now()})
                applied.append(name)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return applied


# Slack retries an event for about an hour and a signature older than five minutes is refused, so
# a claim older than a day can never matter again: pruning keeps the table to a day of ids.
EVENT_MEMORY = timedelta(days=1)
EVENT_PRUNE_EVERY = timedelta(minutes=10)


class Store:
    """The project's one SQLite database. Cheap to create; safe to share between threads."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else config.db_path()
        self._local = threading.local()
        self._events_pruned = datetime.min.replace(tzinfo=UTC)

    @property
    @_guarded
    def db(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = _connect(self.path)
            key = str(self.path.resolve())
            try:
                with _migrate_lock:
                    if key not in _migrated:
                        migrate(db)
                        _migrated.add(key)
            except BaseException:
                db.conn.close()
                raise
            self._local.db = db
        return db

    # recommendations -------------------------------------------------------------------------

    @_guarded
    def save_recommendation(
        self,
        questionnaire: dict,
        result: dict,
        *,
        source: str,
        user: str | None = None,
        channel: str | None = None,
    ) -> int:
        use_case = clean(questionnaire.get("use_case") or "")
        if len(use_case) > USE_CASE_COLUMN_CHARS:  # the listing shows that it is cut
            use_case = use_case[: USE_CASE_COLUMN_CHARS - 1] + "…"
        row = {
            "created": _now(),
            "source": clean(source),
            "user": clean(user) if user else user,
            "channel": clean(channel) if channel else channel,
            "use_case": use_case,
            "model_id": (result.get("model") or {}).get("id"),
            "approach": (result.get("approach") or {}).get("primary"),
            "monthly_usd": (result.get("cost") or {}).get("monthly_usd"),
            "questionnaire": json.dumps(questionnaire),
            "result": json.dumps(result),
        }
        with self.db.conn:
            return self.db["recommendations"].insert(row).last_pk

    @_guarded
    def list_recommendations(
        self,
        source: str | None = None,
        user: str | None = None,
        limit: int = 20,
        sources: Iterable[str] | None = None,
    ) -> list[dict]:
        """Newest first; `source` picks one source, `sources` any of several."""
        where, args = [], {}
        if source:
            where.append("source = :source")
            args["source"] = source
        if sources is not None:
            where.append(_any_of("source", sources, args))
        if user:
            where.append("user = :user")
            args["user"] = user
        rows = self.db["recommendations"].rows_where(
            " and ".join(where) or None, args, order_by="id desc", limit=limit
        )
        return [_decode(row) for row in rows]

    @_guarded
    def get_recommendation(self, recommendation_id: int) -> dict | None:
        if not _storable_id(recommendation_id):
            return None
        try:
            return _decode(self.db["recommendations"].get(recommendation_id))
        except sqlite_utils.db.NotFoundError:
            return None

    @_guarded
    def delete_recommendation(self, recommendation_id: int) -> bool:
        """Remove a recommendation with its findings and feedback (nothing may point at a missing
        decision: the watch would report on it, Slack feedback would count it). True when it
        existed."""
        if not _storable_id(recommendation_id):
            return False
        with self.db.conn:
            for table in ("findings", "feedback"):
                self.db.execute(
                    f"delete from {table} where recommendation_id = ?", [recommendation_id]
                )
            cursor = self.db.execute(
                "delete from recommendations where id = ?", [recommendation_id]
            )
            return cursor.rowcount == 1

    @_guarded
    def decision_rows(self) -> list[dict]:
        """What the decision watch reads of every stored recommendation, oldest first: id, the
        decoded questionnaire, model_id, monthly_usd, and the pick's name and the catalog date from
        the stored result (extracted by SQLite, so the rest of each result is never parsed)."""
        rows = self.db.execute(
            "select id, questionnaire, model_id, monthly_usd,"
            " json_extract(result, '$.model.name') as model_name,"
            " json_extract(result, '$.catalog_as_of') as catalog_as_of"
            " from recommendations where json_valid(result) order by id"
        ).fetchall()
        names = ("id", "questionnaire", "model_id", "monthly_usd", "model_name", "catalog_as_of")
        return [_decode(dict(zip(names, row, strict=True))) for row in rows]

    @_guarded
    def set_recommendation_thread(self, recommendation_id: int, channel: str, thread_ts: str):
        """Where the bot posted this recommendation (a later finding goes to the same thread)."""
        if not _storable_id(recommendation_id):
            return
        with self.db.conn:
            self.db["recommendations"].update(
                recommendation_id, {"channel": channel, "thread_ts": thread_ts}
            )

    # decision watch ---------------------------------------------------------------------------

    @_guarded
    def add_findings(self, findings: Iterable[dict]) -> list[dict]:
        """Store findings ({key, recommendation_id, kind, ...}) not stored before; returns the
        new ones with their `id`. A key seen before (reported, or dismissed) is never added again."""
        added = []
        with self.db.conn:
            for finding in findings:
                cursor = self.db.execute(
                    "insert or ignore into findings (key, created, recommendation_id, kind, status,"
                    " finding) values (?, ?, ?, ?, 'open', ?)",
                    [
                        finding["key"], _now(), finding["recommendation_id"], finding["kind"],
                        json.dumps(finding, ensure_ascii=False),
                    ],
                )  # fmt: skip
                if cursor.rowcount == 1:
                    added.append({**finding, "id": cursor.lastrowid, "status": "open"})
        return added

    @_guarded
    def list_findings(
        self,
        *,
        status: str | None = None,
        recommendation_id: int | None = None,
        unposted: bool = False,
    ) -> list[dict]:
        """Findings, oldest first: the stored Finding JSON plus id, status, posted and created."""
        where, args = [], {}
        if status:
            where.append("status = :status")
            args["status"] = status
        if recommendation_id is not None:
            if not _storable_id(recommendation_id):
                return []
            where.append("recommendation_id = :rid")
            args["rid"] = recommendation_id
        if unposted:
            where.append("posted is null and undeliverable is null")
        rows = self.db["findings"].rows_where(" and ".join(where) or None, args, order_by="id")
        return [_finding(row) for row in rows]

    @_guarded
    def get_finding(self, finding_id: int) -> dict | None:
        if not _storable_id(finding_id):
            return None
        rows = list(self.db["findings"].rows_where("id = ?", [finding_id]))
        return _finding(rows[0]) if rows else None

    @_guarded
    def set_finding_status(self, finding_id: int, status: str) -> None:
        if not _storable_id(finding_id):
            return
        with self.db.conn:
            self.db["findings"].update(finding_id, {"status": status})

    @_guarded
    def mark_finding_undeliverable(self, finding_id: int, reason: str) -> None:
        """The bot cannot post this finding where its decision lives: stop trying."""
        if not _storable_id(finding_id):
            return
        with self.db.conn:
            self.db["findings"].update(
                finding_id, {"undeliverable": f"{clean(str(reason))[:200]} at {_now()}"}
            )

    @_guarded
    def mark_finding_posted(self, finding_id: int) -> None:
        if not _storable_id(finding_id):
            return
        with self.db.conn:
            self.db["findings"].update(finding_id, {"posted": _now()})

    def save_feedback(self, recommendation_id: int | None, user: str | None, value: str) -> int:
        with self.db.conn:
            return (
                self.db["feedback"]
                .insert(
                    {
                        "created": _now(),
                        "recommendation_id": recommendation_id,
                        "user": user,
                        "value": value,
                    }
                )
                .last_pk
            )

    @_guarded
    def list_feedback(self, recommendation_id: int | None = None) -> list[dict]:
        if recommendation_id is not None and not _storable_id(recommendation_id):
            return []
        where = "recommendation_id = ?" if recommendation_id is not None else None
        args = [recommendation_id] if recommendation_id is not None else []
        return list(self.db["feedback"].rows_where(where, args, order_by="id"))

    # playground runs --------------------------------------------------------------------------

    @_guarded
    def save_run(self, record: dict) -> int:
        columns = set(self.db["runs"].columns_dict)
        row = {
            key: clean(value) if isinstance(value, str) else value
            for key, value in record.items()
            if key in columns and key != "id"
        }
        if isinstance(row.get("grounding"), list | dict):
            row["grounding"] = json.dumps(row["grounding"])
        row.setdefault("created", _now())
        with self.db.conn:
            return self.db["runs"].insert(row).last_pk

    @_guarded
    def list_runs(
        self, limit: int = 50, sources: Iterable[str] | None = None, user: str | None = None
    ) -> list[dict]:
        """Newest first; with `sources`, only runs from those; with `user`, only that user's."""
        where, args = [], {}
        if sources is not None:
            where.append(_any_of("source", sources, args))
        if user:
            where.append("user = :user")
            args["user"] = user
        rows = self.db["runs"].rows_where(
            " and ".join(where) or None, args, order_by="id desc", limit=limit
        )
        out = []
        for row in rows:
            if row.get("grounding"):
                try:
                    row["grounding"] = json.loads(row["grounding"])
                except ValueError:
                    pass
            out.append(row)
        return out

    # Slack conversation state and event de-duplication ----------------------------------------

    @_guarded
    def get_conversation(self, key: str) -> dict | None:
        try:
            return json.loads(self.db["conversations"].get(key)["state"])
        except sqlite_utils.db.NotFoundError:
            return None

    @_guarded
    def save_conversation(self, key: str, state: dict) -> None:
        with self.db.conn:
            self.db["conversations"].upsert(
                {"key": key, "state": json.dumps(state), "updated": _now()}, pk="key"
            )

    @_guarded
    def delete_conversation(self, key: str) -> None:
        with self.db.conn:
            self.db.execute("delete from conversations where key = ?", [key])

    @_guarded
    def claim_event(self, event_id: str) -> bool:
        """True the first time an event id is seen, False for any repeat (Slack retries)."""
        now = datetime.now(UTC)
        with self.db.conn:
            cursor = self.db.execute(
                "insert or ignore into events (event_id, created) values (?, ?)",
                [event_id, now.isoformat(timespec="seconds")],
            )
            if now - self._events_pruned > EVENT_PRUNE_EVERY:
                self.db.execute(
                    "delete from events where created < ?",
                    [(now - EVENT_MEMORY).isoformat(timespec="seconds")],
                )
                self._events_pruned = now
            return cursor.rowcount == 1


def _any_of(column: str, values: Iterable[str], args: dict) -> str:
    """A `column in (...)` clause with bound parameters (added to `args`); never true when empty."""
    names = []
    for number, value in enumerate(values):
        args[f"{column}_{number}"] = value
        names.append(f":{column}_{number}")
    return f"{column} in ({', '.join(names)})" if names else "0"


def _finding(row: dict) -> dict:
    return {
        **json.loads(row["finding"]),
        "id": row["id"],
        "status": row["status"],
        "posted": row["posted"],
        "created": row["created"],
    }


def _decode(row: dict) -> dict:
    row = dict(row)
    for key in ("questionnaire", "result"):
        if row.get(key):
            row[key] = json.loads(row[key])
    return row


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def default_store(path: str | Path | None = None) -> Store:
    """The Store for `path` (default: `$ADVISOR_HOME/advisor.db`, read at call time), one per
    database file, so every caller shares its per-thread connections."""
    key = str(Path(path) if path else config.db_path())
    with _stores_lock:
        if key not in _stores:
            _stores[key] = Store(key)
        return _stores[key]
