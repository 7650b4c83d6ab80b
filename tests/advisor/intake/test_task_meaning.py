"""Task detection by meaning: the local embedder ranks task descriptions by similarity and the
keyword rules only break near ties; without the embedder installed the rules decide alone, and the
structured path (a task given) never loads it."""

from __future__ import annotations

import json

import pytest

from advisor import intake
from advisor.intake import task_meaning

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


# Words that mislead: a keyword of the task in the middle is in the text, but it only hints at a
# job ("code", "posts", "descriptions"); what the text means is the task on the right.
MISLEADING = [
    ("Come up with eye-catching visuals for our Instagram posts", "text-generation", "image-generation"),
    ("Give every insurance claim the right damage code", "code-generation", "classification"),
    ("Write down what callers say during our support calls", "text-generation", "speech-to-text"),
    ("Let customers hear our product descriptions read by a natural voice", "text-generation",
     "text-to-speech"),
    ("Skriv ner vad kunderna säger i telefonsamtalen", "text-generation", "speech-to-text"),
]  # fmt: skip


@pytest.mark.parametrize("text, hinted, task", MISLEADING)
def test_meaning_wins_over_a_misleading_keyword(embedder, text, hinted, task):
    from advisor.intake.task import job_scores

    assert hinted not in job_scores(text)  # the keyword hints at a job but names none
    assert intake.detect_task(text) == task
    assert intake.read_use_case(text)["answers"]["task"] == task


# Texts that name no job (issue 21: questions about hardware or price, "LLM" alone): the task is
# left unset and asked, however close some description happens to be.
NO_JOB = [
    "Is it possible to use this program in an air-gapped network with our internal LLM?",
    "how many GB does llama3 require and what about ram requirements?",
    "The costs are exactly what the OpenAI api charges, around 1 cent per message.",
    "Vi har en server med två A100 i källaren, räcker det?",
]


@pytest.mark.parametrize("text", NO_JOB)
def test_a_text_that_names_no_job_gets_no_task(embedder, text):
    assert intake.detect_task(text) is None
    assert "task" not in intake.read_use_case(text)["inferred"]


def test_a_list_of_jobs_is_not_one_job(embedder):
    text = "Prompts for each language: extraction, classification and response drafting."
    assert intake.detect_task(text) is None


def test_a_recording_is_heard_first_and_a_bot_over_documents_answers_questions(embedder):
    # the pipeline starts where the input is: recorded calls are transcribed, then summarised
    assert intake.detect_task("We record our sales calls and want summaries of them") == (
        "speech-to-text"
    )
    # a job done on a photo is that job, with the photo as input
    assert intake.detect_task("Read the totals off photos of receipts into our ledger") == (
        "extraction"
    )
    assert intake.detect_task("A chatbot that answers customer questions from our manual") == (
        "question-answering"
    )


def test_a_keyword_breaks_a_near_tie(embedder):
    # meaning puts question answering slightly ahead of chat; "bot" names the task
    text = "Travel agent bot that books through our reservation API using our current price lists"
    ranked = dict(task_meaning.rank(text))
    assert (
        ranked["question-answering"]
        > ranked["chat"]
        >= ranked["question-answering"] - task_meaning.MARGIN
    )
    assert intake.detect_task(text) == "chat"


def test_the_same_text_always_gets_the_same_task(embedder):
    text = "Give every insurance claim the right damage code"
    first = task_meaning.rank(text)
    task_meaning._cache.clear()
    assert task_meaning.rank(text) == first
    assert {intake.detect_task(text) for _ in range(3)} == {"classification"}


def test_without_the_embedder_installed_the_rules_decide(monkeypatch):
    monkeypatch.setenv("ADVISOR_TASK_MEANING", "0")
    task_meaning._cache.clear()
    assert task_meaning.rank("Give every insurance claim the right damage code") is None
    assert intake.detect_task("Give every insurance claim the right damage code") == (
        "classification"
    )
    assert intake.detect_task("Is there a model for our customer service?") is None
    assert intake.detect_task("Tag insurance claims with one of 30 claim types") == "classification"
    assert intake.detect_task("hello there") is None


def _run(script: str, **env) -> list[str]:
    import os
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, **env}
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


@pytest.mark.subprocess
def test_the_structured_path_never_loads_the_embedder():
    script = (
        "import sys; from advisor.advice.recommender import recommend;"
        "r = recommend({'task': 'classification', 'use_case': 'Give every claim a damage code'});"
        "from knowledge import embeddings;"
        "print(r.questionnaire['task'], bool(embeddings._MODELS), 'tokenizers' in sys.modules)"
    )
    assert _run(script) == ["classification", "False", "False"]


@pytest.mark.subprocess
def test_free_text_loads_the_embedder_when_it_is_installed():
    script = (
        "import sys; from advisor import intake;"
        "from knowledge import embeddings;"
        "print(intake.detect_task('Give every insurance claim the right damage code'),"
        " bool(embeddings._MODELS), 'torch' in sys.modules)"
    )
    assert _run(script) == ["classification", "True", "False"]  # the embedder runs without torch
    assert _run(script, ADVISOR_TASK_MEANING="0") == ["classification", "False", "False"]


def test_a_word_or_two_is_never_read_by_meaning():
    """Replies to other questions ("interactive", "English and Swedish") set no task by chance."""
    assert intake.detect_task("interactive") is None
    answers = intake.answer_question("languages", "English and Swedish", {})
    assert "task" not in answers or answers["task"] is None


@pytest.mark.subprocess
def test_the_description_vectors_are_kept_per_home(tmp_path, monkeypatch, embedder):
    """A fresh process reads the task descriptions' vectors from ADVISOR_HOME's cache instead
    of embedding them again; a damaged cache file is embedded again and replaced."""
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    text = "Give every insurance claim the right damage code"
    monkeypatch.setattr(task_meaning, "_vectors", [])
    monkeypatch.setattr(task_meaning, "_cache", task_meaning.OrderedDict())
    first = task_meaning.rank(text)
    (kept,) = (tmp_path / "cache").glob("task-descriptions-*.json")
    lines = sum(len(lines) for lines in task_meaning.DESCRIPTIONS.values())
    assert len(json.loads(kept.read_text())) == lines

    script = (
        "from advisor.intake import task_meaning; from knowledge import embeddings;"
        "calls = []; real = embeddings.MiniLMEmbeddings.embed_documents;"
        "embeddings.MiniLMEmbeddings.embed_documents = lambda self, t: calls.append(len(t)) or real(self, t);"
        f"r = task_meaning.rank({text!r}); print(r[0][0], len(calls))"
    )
    env = {"ADVISOR_HOME": str(tmp_path)}
    assert _run(script, **env) == [first[0][0], "0"]  # only the query was embedded
    kept.write_text("[[0.1, 0.2]")  # cut short
    assert _run(script, **env) == [first[0][0], "1"]  # embedded again ...
    assert len(json.loads(kept.read_text())) == lines  # ... and kept whole


def test_a_few_words_left_once_the_languages_are_gone_name_no_job(embedder):
    # "Our users write in Dutch and French" is "users write" once its languages are left out:
    # close to writing by chance, not a job described
    assert intake.detect_task("Our users write in Dutch and French.") is None


def test_a_translation_named_keeps_its_languages_for_the_meaning(embedder):
    # with the languages left out, "translate product descriptions from into, and" sat close
    # to writing descriptions and the words' job gave way to it
    text = (
        "We need to translate product descriptions from English into German, French and "
        "Italian, about 2,000 products."
    )
    assert intake.detect_task(text) == "translation"
