"""Task detection by meaning: use cases that name no task keyword get the task they describe once
the local embedder is loaded (as it is in the app and the bot); without it the rules stay."""

from __future__ import annotations

import pytest

from advisor import intake, task_meaning

# Texts no keyword rule recognises, with the task an engineer would read from them.
BY_MEANING = [
    ("We want pictures of our products in fancy settings for ads", "image-generation"),
    ("Pull the invoice number, date and total out of each PDF", "extraction"),
    ("Find which support tickets are about the same problem", "embeddings"),
    ("Skapa bilder till våra inlägg på Instagram", "image-generation"),
]


@pytest.fixture(scope="module")
def embedder():
    from knowledge.embeddings import get_embedder

    loaded = get_embedder()
    loaded.embed_query("load the model")
    return loaded


@pytest.mark.parametrize("text, task", BY_MEANING)
def test_a_use_case_without_keywords_gets_the_task_it_means(embedder, text, task):
    assert intake.detect_task(text) == task
    answers, inferred = intake.extract(text)
    assert answers.get("task") == task and "task" in inferred


def test_a_keyword_rule_still_decides_when_it_fires(embedder):
    text = "Translate our manuals into Finnish"
    assert intake.detect_task(text) == "translation"


def test_nothing_close_enough_names_no_task(embedder):
    assert task_meaning.choose("hello there", None) is None


def test_without_the_embedder_loaded_only_the_rules_speak():
    import subprocess
    import sys

    script = (
        "from advisor import intake, task_meaning; import sys;"
        "text = 'Pull the invoice number, date and total out of each PDF';"
        "print(task_meaning.rank(text), intake.detect_task(text),"
        " 'torch' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["None", "None", "False"], "no model is loaded for this"
