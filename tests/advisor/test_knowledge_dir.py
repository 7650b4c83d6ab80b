"""ADVISOR_KNOWLEDGE_DIR is the whole knowledge base: the recommendation's citations, the article
list (the Knowledge page, "Read the article") and the answers all come from that folder, and a
folder that does not exist is one clear line naming the variable, never an empty knowledge base.
Real files, real retrieval, a real SQLite under a temporary ADVISOR_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles_on_disk import write_articles

from advisor import api
from advisor.errors import InputError

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
WIKI = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20_000,
    "monthly_budget_usd": 200,
}
OWN = [
    {
        "id": "own-rag",
        "title": "Our wiki assistant playbook",
        "topic": "rag",
        "text": "## Answering from the wiki\n\nRetrieval-augmented generation answers employees' "
        "questions from our internal wiki: retrieve the passages, then answer from them.\n",
    },
    {
        "id": "own-cost",
        "title": "Our cost rules",
        "topic": "cost",
        "text": "## Budget per month\n\nKeep each assistant under its monthly budget; question "
        "answering over the wiki costs a few dollars per thousand requests.\n",
    },
]


@pytest.fixture
def own_kb(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    folder = write_articles(OWN, tmp_path / "kb")
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(folder))
    return folder


def test_the_article_list_comes_from_the_folder(own_kb):
    articles = api.articles()
    assert {a["id"] for a in articles} == {"own-rag", "own-cost"}
    assert {a["title"] for a in articles} == {"Our wiki assistant playbook", "Our cost rules"}


def test_a_recommendations_citations_come_from_the_folder(own_kb):
    rec = api.advise(dict(WIKI), source="cli")
    cited = {c.id for c in rec.citations}
    assert cited and cited <= {"own-rag", "own-cost"}, cited
    assert {c["id"] for c in api.cite_for("wiki question answering budget", ["rag", "cost"])} <= {
        "own-rag",
        "own-cost",
    }


def test_without_the_variable_the_packaged_articles_are_used(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ADVISOR_KNOWLEDGE_DIR", raising=False)
    ids = {a["id"] for a in api.articles()}
    assert len(ids) > 10 and not ids & {"own-rag", "own-cost"}


def test_a_folder_that_does_not_exist_is_one_line_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    missing = tmp_path / "no-such-folder"
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(missing))
    for call in (
        api.articles,
        lambda: api.cite_for("wiki question answering", ["rag", "cost"]),
        lambda: api.advise(dict(WIKI), source="cli"),
        lambda: api.ask("What is retrieval-augmented generation?"),
    ):
        with pytest.raises(InputError) as err:
            call()
        message = str(err.value)
        assert message.startswith("ADVISOR_KNOWLEDGE_DIR: ") and "\n" not in message, message
        assert str(missing) in message and "not a folder" in message
        assert err.value.field == "ADVISOR_KNOWLEDGE_DIR"


def test_a_file_in_place_of_the_folder_is_the_same_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    not_a_folder = tmp_path / "kb.md"
    not_a_folder.write_text("not a folder")
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(not_a_folder))
    with pytest.raises(InputError, match=r"^ADVISOR_KNOWLEDGE_DIR: .*not a folder"):
        api.articles()


def test_the_knowledge_page_browses_and_opens_the_folders_articles(own_kb):
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page("views/knowledge_page.py")
    at.query_params.update(article="own-rag")  # where a citation's "Read the article" goes
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="kb_topic").options == ["cost (1)", "rag (1)"]
    assert [e.label for e in at.expander] == ["Our wiki assistant playbook"]


def test_a_developers_shell_settings_do_not_reach_the_tests():
    # tests/conftest.py clears these before anything is imported: a knowledge folder or a task
    # reading set in the shell would otherwise change what every test sees
    import os

    assert "ADVISOR_KNOWLEDGE_DIR" not in os.environ
    assert "ADVISOR_TASK_MEANING" not in os.environ
