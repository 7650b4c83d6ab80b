"""Issue 13 (hardening), items 3 to 5 in the core: private files, eval sets that never read server
paths and regexes with a time limit, and failures that end in one line without losing the advice.

Everything is real: SQLite files, endpoint files, and the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from tiers import needs  # tests/tiers.py

from advisor import config, providers
from advisor.advice.service import NOT_SAVED, advise
from advisor.errors import InputError, StorageError
from advisor.playground import engine as playground
from advisor.questionnaire import FIELDS, MAX_USE_CASE_CHARS
from advisor.store import Store

LOCAL = "smollm2-135m-instruct"
ANSWERS = {"use_case": "Answer employees' questions from our internal wiki"}


def cli(home: Path, *args: str, stdin: bytes | str | None = None) -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        input=data,
        capture_output=True,
        timeout=120,
        env={**os.environ, "ADVISOR_HOME": str(home)},
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def one_line(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- 3: private files ------------------------------------------------------------------------------


def test_home_folder_and_database_are_created_private(tmp_path, monkeypatch):
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("ADVISOR_HOME", str(home))
    store = Store()
    store.save_recommendation({"use_case": "x"}, {"model": {"id": "m"}}, source="cli")
    assert mode(home) == 0o700
    assert mode(home / "advisor.db") == 0o600
    for extra in ("advisor.db-wal", "advisor.db-shm"):  # SQLite copies the database's mode
        if (home / extra).exists():
            assert mode(home / extra) == 0o600


def test_an_existing_home_folder_keeps_its_mode(tmp_path, monkeypatch):
    tmp_path.chmod(0o755)
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    config.advisor_home()
    assert mode(tmp_path) == 0o755


@pytest.mark.subprocess
def test_endpoints_file_readable_by_others_is_warned_about(tmp_path):
    path = tmp_path / "endpoints.yaml"
    path.write_text("endpoints: []\n")
    path.chmod(0o644)
    done = cli(tmp_path, "try", "gpt-4o-mini", "hi")
    assert f"chmod 600 {path}" in done.stderr and "can be read by other users" in done.stderr
    path.chmod(0o600)
    done = cli(tmp_path, "try", "gpt-4o-mini", "hi")
    assert "chmod 600" not in done.stderr


def test_history_sources_are_the_apps_own_unless_the_admin_flag_is_set(tmp_path, monkeypatch):
    store = Store(tmp_path / "advisor.db")
    for source in ("ui", "cli", "slack"):
        store.save_recommendation({"use_case": source}, {"model": {"id": "m"}}, source=source)
        store.save_run({"model": "m", "prompt": f"{source} prompt", "source": source})
    monkeypatch.delenv("ADVISOR_HISTORY_ALL", raising=False)
    sources = config.history_sources()
    assert {r["source"] for r in store.list_recommendations(sources=sources)} == {"ui", "cli"}
    assert {r["source"] for r in store.list_runs(sources=sources)} == {"ui", "cli"}
    monkeypatch.setenv("ADVISOR_HISTORY_ALL", "1")
    assert config.history_sources() is None
    everything = store.list_recommendations(sources=config.history_sources())
    assert {r["source"] for r in everything} == {"ui", "cli", "slack"}


# -- 4: eval sets from text only, regexes with a time limit ----------------------------------------


@pytest.mark.parametrize("text", ["/etc/passwd", "/usr/bin/python3", "/etc/hostname"])
def test_eval_text_is_never_read_as_a_server_path(text):
    assert Path(text).exists() or text == "/etc/hostname"
    with pytest.raises(InputError) as caught:
        playground.load_evalset(text)
    assert caught.value.field == "evalset"
    assert "name" in caught.value.allowed and "root" not in str(caught.value)


def test_eval_text_naming_a_real_eval_file_is_still_just_text(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text("name: x\ncases: [{prompt: p, expect: {contains: a}}]\n")
    assert playground.load_evalset(path)["name"] == "x"  # a Path the CLI was given is read
    with pytest.raises(InputError):
        playground.load_evalset(str(path))  # the same name typed in a text box is not


@pytest.mark.subprocess
def test_eval_cli_still_reads_the_file_it_is_given_and_refuses_binary_files(tmp_path):
    done = cli(tmp_path, "eval", "/usr/bin/python3" if Path("/usr/bin/python3").exists()
               else sys.executable, "-m", LOCAL)  # fmt: skip
    assert done.returncode == 2
    assert "evalset" in one_line(done) and "not UTF-8" in done.stderr
    path = tmp_path / "set.yaml"
    path.write_text("name: x\ncases: [{prompt: p, expect: {regex: '('}}]\n")
    done = cli(tmp_path, "eval", str(path), "-m", LOCAL)
    assert done.returncode == 2 and "cases[0].expect.regex" in one_line(done)


def test_a_catastrophic_regex_fails_fast_with_a_clear_message():
    result = playground.check({"regex": "(a+)+$"}, "a" * 26 + "!")
    assert result == [{"check": "regex", "passed": False, "detail": "(a+)+$"}]
    # a pattern even the regex engine backtracks on hits the time limit and says so
    (timed_out,) = playground.check({"regex": "(a|a)+$"}, "a" * 40 + "!")
    assert not timed_out["passed"] and "gave up after" in timed_out["detail"]


def test_long_regexes_are_refused():
    pattern = "a" * (playground.MAX_REGEX_CHARS + 1)
    with pytest.raises(InputError) as caught:
        playground.load_evalset({"cases": [{"prompt": "p", "expect": {"regex": pattern}}]})
    assert caught.value.field == "cases[0].expect.regex"
    assert str(playground.MAX_REGEX_CHARS) in caught.value.allowed


# -- 5: one line per failure, and the advice survives a broken store -------------------------------


@pytest.mark.subprocess
def test_a_5000_digit_integer_names_the_field(tmp_path):
    done = cli(
        tmp_path, "recommend", stdin='{"task": "chat", "requests_per_month": ' + "7" * 5000 + "}"
    )
    assert done.returncode == 2 and one_line(done).startswith("Error: requests_per_month:")


def test_a_5000_digit_number_typed_in_a_form_or_link_is_a_field_error():
    with pytest.raises(InputError) as caught:
        FIELDS["requests_per_month"].read("9" * 5000)
    assert caught.value.field == "requests_per_month"


@pytest.mark.parametrize("via", ["file", "stdin"])
@pytest.mark.subprocess
def test_a_non_utf8_input_is_one_line(tmp_path, via):
    data = '{"use_case": "caf\xe9 menu"}'.encode("latin-1")
    if via == "file":
        path = tmp_path / "answers.json"
        path.write_bytes(data)
        done = cli(tmp_path, "recommend", "--input", str(path))
    else:
        done = cli(tmp_path, "recommend", stdin=data)
    assert done.returncode == 2 and "UTF-8" in one_line(done) and "--input" in done.stderr


@pytest.mark.subprocess
def test_a_lone_surrogate_in_the_use_case_is_stored_and_shown(tmp_path):
    done = cli(tmp_path, "recommend", "--format", "json",
               stdin='{"use_case": "Summarise \\ud800 our reports"}')  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["questionnaire"]["use_case"] == "Summarise \ufffd our reports"
    (row,) = Store(tmp_path / "advisor.db").list_recommendations()
    assert row["id"] == result["id"] and row["use_case"] == "Summarise \ufffd our reports"


def test_the_store_itself_refuses_no_text(tmp_path):
    store = Store(tmp_path / "advisor.db")
    rec = store.save_recommendation({"use_case": "a\udcffb"}, {}, source="cli", user="U\ud800")
    assert store.get_recommendation(rec)["user"] == "U\ufffd"
    run = store.save_run({"model": "m", "prompt": "bytes \udcff from argv"})
    assert store.list_runs()[0]["id"] == run


def _damaged(home: Path) -> Path:
    path = home / "advisor.db"
    path.write_bytes(b"this is not a SQLite database, just some bytes " * 100)
    return path


@pytest.mark.subprocess
def test_a_damaged_database_keeps_the_advice_and_says_so_in_one_line(tmp_path):
    path = _damaged(tmp_path)
    done = cli(tmp_path, "recommend", "--format", "json", stdin=json.dumps(ANSWERS))
    assert done.returncode == 1
    line = one_line(done)
    assert line.startswith("Error: recommendation not saved") and str(path) in line
    result = json.loads(done.stdout)  # the advice is all there
    assert result["model"]["id"] and result.get("id") is None
    assert any(w.startswith(NOT_SAVED) for w in result["warnings"])
    assert str(path) not in json.dumps(result["warnings"])  # no server paths for Slack or the app
    done = cli(tmp_path, "runs")
    assert done.returncode == 1 and "not a database" in one_line(done)


def test_advise_on_a_damaged_database_returns_the_recommendation(tmp_path):
    store = Store(_damaged(tmp_path))
    with pytest.raises(StorageError):
        store.list_recommendations()
    result = advise(ANSWERS, source="slack", store=store)
    assert result.id is None and result.model.id
    assert any(w.startswith(NOT_SAVED) for w in result.warnings)


@pytest.fixture
@needs("subprocess")
def read_only_db(tmp_path):
    """A real read-only advisor.db: file mode for a normal user, the immutable flag for root
    (who ignores modes)."""
    path = tmp_path / "advisor.db"
    Store(path).save_recommendation({"use_case": "x"}, {}, source="cli")
    if os.geteuid() != 0:
        path.chmod(0o400)
        yield path
        path.chmod(0o600)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("running as root without chattr +i: no way to make a file read-only")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_keeps_the_advice_and_says_so_in_one_line(tmp_path, read_only_db):
    done = cli(tmp_path, "recommend", stdin=json.dumps(ANSWERS))
    assert done.returncode == 1
    line = one_line(done)
    assert "readonly" in line and "writable" in line and str(read_only_db) in line
    assert "Not saved to History" in done.stdout and "Monthly cost" in done.stdout


def test_a_long_use_case_is_cut_and_the_cut_is_announced(tmp_path):
    text = "Summarise our quarterly reports for the board. " * 400
    assert len(text.strip()) > MAX_USE_CASE_CHARS
    result = advise({"use_case": text}, source="cli", store=Store(tmp_path / "advisor.db"))
    assert len(result.questionnaire["use_case"]) <= MAX_USE_CASE_CHARS
    (note,) = [w for w in result.warnings if "characters" in w]
    assert f"{len(text.strip()):,}" in note and "10,000" in note
    row = Store(tmp_path / "advisor.db").get_recommendation(result.id)
    assert len(row["use_case"]) == 500 and row["use_case"].endswith("…")
    short = advise({"use_case": "Summarise reports"}, source="cli",
                   store=Store(tmp_path / "advisor.db"))  # fmt: skip
    assert not any("characters" in w for w in short.warnings)


BROKEN_ENDPOINTS = """endpoints:
  - name: team
    base_url: http://127.0.0.1:9/v1
    models: [gpt-4o-mini
"""


@pytest.mark.subprocess
def test_a_yaml_typo_in_endpoints_breaks_only_endpoint_models(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    path = tmp_path / "endpoints.yaml"
    path.write_text(BROKEN_ENDPOINTS)
    path.chmod(0o600)
    local = providers.route(LOCAL)
    assert local.provider == "local"  # runnable or not, for its own reasons, not the file's
    assert "endpoints.yaml" not in local.reason
    hosted = providers.route("gpt-4o-mini")
    assert not hosted.runnable and f"{path} line 5" in hosted.reason
    rows = {row["model_id"]: row for row in providers.availability()}
    assert rows[LOCAL]["provider"] == "local"
    done = cli(tmp_path, "try", "gpt-4o-mini", "hi")
    assert done.returncode == 1
    line = one_line(done)
    assert line.startswith("Error: endpoints: cannot run gpt-4o-mini:") and "line 5" in line


@pytest.mark.subprocess
@pytest.mark.model
def test_the_local_model_still_runs_beside_a_broken_endpoints_file(tmp_path):
    pytest.importorskip("llama_cpp")
    (tmp_path / "endpoints.yaml").write_text(BROKEN_ENDPOINTS)
    (tmp_path / "endpoints.yaml").chmod(0o600)
    done = cli(tmp_path, "try", LOCAL, "Say hi.", "--max-tokens", "8", "--format", "json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["provider"] == "local"
