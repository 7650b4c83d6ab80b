"""The SQLite store: migrations, WAL, and two processes writing at once."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest

from advisor.store import MIGRATIONS, Store


def _write_many(path: str, source: str, count: int) -> None:
    store = Store(path)
    for number in range(count):
        store.save_recommendation(
            {"use_case": f"{source} {number}"}, {"model": {"id": "m"}}, source=source
        )
        store.save_run({"model": "m", "prompt": f"{source} {number}", "response": "r"})


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "advisor.db"
    store = Store(path)
    assert store.db.journal_mode == "wal"
    names = [row["name"] for row in store.db["_migrations"].rows]
    assert names == [name for name, _ in MIGRATIONS]
    again = Store(path)
    assert [row["name"] for row in again.db["_migrations"].rows] == names


@pytest.mark.subprocess
def test_two_processes_writing_lose_nothing(tmp_path):
    path = str(tmp_path / "advisor.db")
    Store(path).db  # noqa: B018 - create the schema before the race
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_write_many, args=(path, source, 150)) for source in ("cli", "slack")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    store = Store(path)
    assert store.db["recommendations"].count == 300
    assert store.db["runs"].count == 300
    assert len(store.list_recommendations(source="slack", limit=1000)) == 150


def test_conversations_events_and_feedback(tmp_path):
    store = Store(tmp_path / "advisor.db")
    assert store.get_conversation("C1:1.0") is None
    store.save_conversation("C1:1.0", {"answers": {"task": "chat"}})
    assert Store(tmp_path / "advisor.db").get_conversation("C1:1.0") == {
        "answers": {"task": "chat"}
    }
    store.delete_conversation("C1:1.0")
    assert store.get_conversation("C1:1.0") is None
    assert store.claim_event("Ev1") is True
    assert store.claim_event("Ev1") is False
    rec_id = store.save_recommendation(
        {"task": "chat"}, {"model": {"id": "x"}}, source="slack", user="U1"
    )
    store.save_feedback(rec_id, "U1", "up")
    assert store.list_feedback(rec_id)[0]["value"] == "up"
    assert store.list_recommendations(user="U1")[0]["result"] == {"model": {"id": "x"}}


def test_deleting_a_recommendation_removes_its_findings_and_feedback(tmp_path):
    store = Store(tmp_path / "advisor.db")
    keep = store.save_recommendation({"task": "chat"}, {"model": {"id": "a"}}, source="ui")
    gone = store.save_recommendation({"task": "chat"}, {"model": {"id": "b"}}, source="ui")
    for rec_id in (keep, gone):
        store.save_feedback(rec_id, "U1", "up")
        store.add_findings(
            [{"key": f"{rec_id}:retired", "recommendation_id": rec_id, "kind": "retired"}]
        )
    assert store.delete_recommendation(gone) is True
    assert store.get_recommendation(gone) is None
    assert store.list_feedback(gone) == [] and store.list_findings(recommendation_id=gone) == []
    assert store.get_recommendation(keep) is not None
    assert (
        len(store.list_feedback(keep)) == 1
        and len(store.list_findings(recommendation_id=keep)) == 1
    )
    assert store.delete_recommendation(gone) is False  # a second delete (another tab) is harmless


def test_seen_events_are_forgotten_after_a_day_but_a_retry_within_it_is_still_refused(tmp_path):
    store = Store(tmp_path / "advisor.db")
    two_days_ago = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    store.db["events"].insert({"event_id": "EvOld", "created": two_days_ago})
    assert store.claim_event("EvRecent") is True
    remaining = {row["event_id"] for row in store.db["events"].rows}
    assert remaining == {"EvRecent"}
    assert Store(tmp_path / "advisor.db").claim_event("EvRecent") is False


def test_ids_beyond_sqlites_64_bit_range_name_nothing_rather_than_raising(tmp_path):
    # a 20-digit id from a link: sqlite3 raises OverflowError on it, which no face expects
    store = Store(tmp_path / "advisor.db")
    rec_id = store.save_recommendation({"task": "chat"}, {"model": {"id": "a"}}, source="ui")
    for huge in (10**19, 99999999999999999999, -(2**63) - 1):
        assert store.get_recommendation(huge) is None
        assert store.delete_recommendation(huge) is False
        assert store.list_feedback(huge) == []
        assert store.list_findings(recommendation_id=huge) == []
        assert store.get_finding(huge) is None
        store.set_finding_status(huge, "dismissed")
        store.mark_finding_posted(huge)
        store.set_recommendation_thread(huge, "C1", "1.0")
    assert store.get_recommendation(2**63 - 1) is None  # the largest id SQLite has: asked plainly
    assert store.get_recommendation(rec_id)["id"] == rec_id
