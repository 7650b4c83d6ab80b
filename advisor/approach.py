"""Which way to improve results, following the lesson's four options, each reason quoting answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from .questionnaire import Questionnaire

# Plenty of good pairs: more than fit in any prompt, enough for a tuned model to learn the task.
FINE_TUNE_PLENTY = 1000
FINE_TUNE_MIN = 200
HIGH_VOLUME = 100_000
# A corpus of this size can pretrain a small model of its own (about 0.5B parameters, 20 tokens each).
PRETRAIN_CORPUS_TOKENS = 10_000_000_000
# Tasks whose answers can draw on a document collection; summarization and extraction work on the
# text they are given, so their own data is the input, not knowledge to retrieve.
RETRIEVAL_TASKS = ("chat", "question-answering", "text-generation", "embeddings", "code-generation")
FORMAT_TASKS = ("classification", "extraction")
# Data that changes this often outdates what a model learnt in training.
FRESH = ("weekly", "daily", "realtime")
GENERATIVE_MEDIA = ("image-generation", "speech-to-text", "text-to-speech")


@dataclass
class Approach:
    primary: str
    techniques: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def contract(self) -> dict:
        return {"primary": self.primary, "techniques": self.techniques, "reasons": self.reasons}


def _quote(field_name: str, value: object) -> str:
    shown = (
        f'"{value}"'
        if isinstance(value, str)
        else str(value).lower()
        if isinstance(value, bool)
        else f"{value:,}"
        if isinstance(value, int)
        else str(value)
    )
    return f"{field_name}: {shown}"


def choose(q: Questionnaire, task: str) -> Approach:
    data = q.data
    labeled = data.labeled_examples or 0
    corpus = data.domain_corpus_tokens or 0
    requests = q.requests_per_month or 0

    if corpus >= PRETRAIN_CORPUS_TOKENS and q.resources == "high":
        return Approach(
            "training-from-scratch",
            [
                "train a tokenizer on your corpus",
                "pretrain a decoder-only model sized to the corpus (about 20 tokens per parameter)",
                "instruction-tune it, then evaluate against the best existing model on held-out tasks",
                "before committing, test whether fine-tuning an open multilingual model closes the gap",
            ],
            [
                f"You have a huge domain corpus ({_quote('data.domain_corpus_tokens', corpus)}) and high "
                f"resources ({_quote('resources', q.resources)}): enough to pretrain a model of your own, "
                "which only pays off for a domain or language that no existing model serves.",
                "Training from scratch costs far more than the other options, so it is the last resort.",
            ],
        )

    private = bool(data.private_knowledge) or (data.document_count or 0) > 1
    fresh = data.private_knowledge is not False and data.update_frequency in FRESH
    retrieval = task in RETRIEVAL_TASKS and (private or (fresh and task != "embeddings"))
    if retrieval:
        changing = data.update_frequency not in (None, "static")
        if private:
            evidence = (
                _quote("data.private_knowledge", True)
                if data.private_knowledge
                else _quote("data.document_count", data.document_count)
            )
            reasons = [
                f"Answers depend on your organisation's own documents ({evidence}), which no model "
                "was trained on: retrieve the relevant passages at question time and let the model "
                "answer from them, with sources."
            ]
        else:
            reasons = [
                "Answers depend on facts newer than any model's training data "
                f"({_quote('data.update_frequency', data.update_frequency)}): fetch current sources "
                "at question time and let the model answer from them, with sources."
            ]

        if changing and private:
            reasons.append(
                f"The documents change ({_quote('data.update_frequency', data.update_frequency)}): "
                "re-indexing keeps answers current without retraining anything."
            )
        elif data.update_frequency == "static":
            reasons.append(
                f"The documents are static ({_quote('data.update_frequency', 'static')}); retrieval still "
                "keeps each prompt small and lets answers cite the page they came from."
            )
        reasons.append(
            "Grounding answers in retrieved text also cuts made-up answers (hallucinations)."
        )
        techniques = [
            "split documents by headings into passages and embed them",
            "retrieve the top 3-5 passages per question (hybrid keyword + vector search)",
            "instruct the model to answer only from the passages and cite them",
        ]
        if changing:
            techniques.append(f"re-index on every change ({data.update_frequency})")
        if "function-calling" in (q.needs or []):
            techniques.append("function calling for live lookups and actions through your API")
        if labeled >= FINE_TUNE_PLENTY:
            techniques.append(
                f"later: fine-tune on your {labeled:,} labelled examples for tone and format"
            )
        if task == "embeddings":
            techniques = [
                "embed every item once and store the vectors in a vector store (Chroma)",
                "embed each query and return the nearest neighbours",
                "re-embed changed items as they change",
            ]
        return Approach("rag", techniques, reasons)

    reason_for_tuning = []
    if q.latency == "realtime":
        reason_for_tuning.append(f"speed ({_quote('latency', 'realtime')})")
    if requests >= HIGH_VOLUME:
        reason_for_tuning.append(f"cost at volume ({_quote('requests_per_month', requests)})")
    if task in FORMAT_TASKS:
        reason_for_tuning.append(f"a fixed output format ({_quote('task', task)})")
    if labeled >= FINE_TUNE_PLENTY or (labeled >= FINE_TUNE_MIN and reason_for_tuning):
        reasons = [
            f"You have plenty of good labelled pairs ({_quote('data.labeled_examples', labeled)}): more "
            "than fit in a prompt, enough to teach a smaller model the task."
        ]
        if reason_for_tuning:
            reasons.append(
                "A tuned smaller model pays off here for " + " and ".join(reason_for_tuning) + "."
            )
        else:
            reasons.append(
                "A tuned model follows your format and voice without long prompts, cutting tokens per call."
            )
        reasons.append(
            "Start with a prompt-engineered baseline on the same test set to prove the gain."
        )
        return Approach(
            "fine-tuning",
            [
                f"supervised fine-tuning on your {labeled:,} labelled examples",
                "hold out 10-20% of the examples as a test set",
                "LoRA adapters for open-weights models; the provider's fine-tuning API for hosted ones",
                "compare against a few-shot prompt baseline before switching",
            ],
            reasons,
        )

    reasons = []
    if task in GENERATIVE_MEDIA:
        reasons.append(
            f"For {task} a ready-made model works out of the box: describe what you want "
            "(prompt, voice, language) and evaluate on a few real samples."
        )
    elif data.private_knowledge is False or not private:
        reasons.append(
            "General knowledge is enough for this use case"
            + (
                f" ({_quote('data.private_knowledge', False)})"
                if data.private_knowledge is False
                else ""
            )
            + ": a well-written prompt is the cheapest and fastest start, with no data pipeline to run."
        )
    if 0 < labeled < FINE_TUNE_MIN:
        reasons.append(
            f"Your {labeled:,} examples ({_quote('data.labeled_examples', labeled)}) fit in the prompt as few-shot examples."
        )
    elif labeled >= FINE_TUNE_MIN:
        reasons.append(
            f"With {labeled:,} labelled examples, fine-tuning becomes worth testing if the prompt falls short."
        )
    if task in FORMAT_TASKS and labeled == 0:
        reasons.append(
            "Collect a few hundred labelled examples as you go: they allow fine-tuning later if needed."
        )
    techniques = ["zero-shot instructions with a clear role and task description"]
    if task in FORMAT_TASKS or "json-output" in (q.needs or []):
        techniques.append("one-shot or few-shot examples that show the exact output format")
    else:
        techniques.append("few-shot examples of good outputs when tone or format matter")
    if "json-output" in (q.needs or []):
        techniques.append("JSON mode / structured outputs with a schema")
    if "function-calling" in (q.needs or []):
        techniques.append("function calling for actions and live data")
    if task in GENERATIVE_MEDIA:
        techniques = {
            "image-generation": [
                "descriptive prompts: subject, style, composition, lighting",
                "a fixed style guide prompt for consistency",
                "generate several variants and pick",
            ],
            "speech-to-text": [
                "give the model a prompt with names and jargon to spell",
                "set the audio language explicitly",
                "review a sample of transcripts",
            ],
            "text-to-speech": [
                "pick a voice and test it on real texts",
                "split long texts into paragraphs",
                "mark up pronunciation of names",
            ],
        }[task]
    return Approach(
        "prompt-engineering",
        techniques,
        reasons or ["A prompt is the cheapest place to start; measure before investing more."],
    )
