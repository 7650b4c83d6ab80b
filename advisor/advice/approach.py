"""Which way to improve results, following the lesson's four options in their order of cost:
prompt first and measure; RAG for private or changing knowledge; fine-tuning for behaviour, format,
speed or cost at volume once there are enough good examples; continued pretraining of an open model
before training from scratch. Every reason quotes the answers that drove it and names the
knowledge-base article that explains it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..questionnaire import TEXT_TASKS, Questionnaire

# Enough good pairs to teach a model a behaviour on their own: more than fit in any prompt.
FINE_TUNE_PLENTY = 1000
# A few hundred consistent pairs already tune a fixed format or a label set, when there is a reason
# (format, speed, volume) to tune at all.
FINE_TUNE_MIN = 200
# Tool-using agents learn from whole trajectories (several calls, their results, recovery from
# errors); a few hundred of them cover too few paths, and today's models call tools well from
# a prompt and a schema, so tuning waits for thousands and a measured gap.
AGENT_TUNE_MIN = 2000
HIGH_VOLUME = 100_000
# Chinchilla: about 20 training tokens per parameter. 100B tokens make a model of about 5B
# parameters, the smallest size that competes with open models pretrained on trillions of tokens;
# below that a model of one's own is weaker than adapting an existing one.
SCRATCH_CORPUS_TOKENS = 100_000_000_000
# Enough unlabelled domain text to shift an open model's vocabulary and style by continued
# pretraining (domain-adaptive pretraining used a few billion tokens per domain); less is better
# used as knowledge to retrieve.
CONTINUED_PRETRAIN_TOKENS = 1_000_000_000
TOKENS_PER_PARAMETER = 20
# Tasks whose answers can draw on a document collection; summarization and extraction work on the
# text they are given, so their own data is the input, not knowledge to retrieve.
RETRIEVAL_TASKS = ("chat", "question-answering", "text-generation", "embeddings", "code-generation")
FORMAT_TASKS = ("classification", "extraction")
# Tasks that read the user's own text as input: their documents go into the prompt.
INPUT_TASKS = ("summarization", "classification", "extraction", "translation")
# Data that changes this often outdates what a model learnt in training.
FRESH = ("weekly", "daily", "realtime")
GENERATIVE_MEDIA = ("image-generation", "speech-to-text", "text-to-speech")
# New ground: a language or modality no existing model covers, the one case the lesson allows
# training from scratch for. Wanting a model "from scratch" is not new ground.
NEW_GROUND_RE = re.compile(
    r"no (existing |current )?models? (supports?|serves?|covers?|knows?|handles?|understands?)|"
    r"low[- ]resource language|unsupported language|new (language|modality)|"
    r"ingen (befintlig )?modell (stöder|kan|förstår|hanterar)|lågresursspråk|ny modalitet",
    re.IGNORECASE,
)
AGENT_RE = re.compile(r"\bagent(ic|s)?\b.{0,60}\btools?\b|\bagentic\b|trajector(y|ies)", re.I)


@dataclass
class Approach:
    primary: str
    techniques: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # Continued pretraining changes the weights themselves: only open weights allow it.
    open_weights_only: bool = False
    # The plan starts with continued pretraining on the domain corpus (priced as a one-off).
    continued_pretraining: bool = False

    def contract(self) -> dict:
        return {"primary": self.primary, "techniques": self.techniques, "reasons": self.reasons}


# A strict schema: the decoder may only emit tokens the schema allows, and every output is still
# checked, because a valid shape can hold wrong values.
STRUCTURED_OUTPUT_STEPS = [
    "structured outputs: the provider's strict JSON-schema mode, or constrained decoding (a "
    "grammar in llama.cpp, Outlines or vLLM's guided decoding) for open weights",
    "a validator on every output (the JSON schema plus business rules); retry once, then flag "
    "the item for review",
]


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


def _kb(*articles: str) -> str:
    """The knowledge-base articles (ids in knowledge/articles) that explain a reason."""
    return f" (knowledge base: {', '.join(articles)})"


def _billions(tokens: int) -> str:
    return f"{tokens / 1e9:,.1f}B"


def choose(q: Questionnaire, task: str) -> Approach:
    data = q.data
    labeled = data.labeled_examples or 0
    corpus = data.domain_corpus_tokens or 0
    requests = q.requests_per_month or 0
    needs = q.needs or []
    agent = "function-calling" in needs or bool(AGENT_RE.search(q.use_case or ""))

    private = data.private_knowledge is not False and (
        bool(data.private_knowledge) or (data.document_count or 0) >= 1
    )
    fresh = data.private_knowledge is not False and data.update_frequency in FRESH
    retrieval = task in RETRIEVAL_TASKS and (private or (fresh and task != "embeddings"))

    new_ground = bool(NEW_GROUND_RE.search(q.use_case or ""))
    if (
        corpus >= SCRATCH_CORPUS_TOKENS
        and q.resources == "high"
        and new_ground
        and task in TEXT_TASKS
    ):
        return _from_scratch(q, corpus)
    if corpus >= CONTINUED_PRETRAIN_TOKENS and q.resources != "low" and task in TEXT_TASKS:
        if not (retrieval and private):
            return _continued_pretraining(q, corpus, new_ground)

    if retrieval:
        return _rag(q, task, private, labeled, corpus, agent)

    reason_for_tuning = []
    if q.latency == "realtime":
        reason_for_tuning.append(f"speed ({_quote('latency', 'realtime')})")
    if requests >= HIGH_VOLUME:
        reason_for_tuning.append(f"cost at volume ({_quote('requests_per_month', requests)})")
    if task in FORMAT_TASKS and "json-output" not in needs:
        # a schema is kept by structured outputs and a validator, not by training: a strict
        # format alone is no reason to fine-tune
        reason_for_tuning.append(f"a fixed output format ({_quote('task', task)})")
    if agent:
        enough = labeled >= AGENT_TUNE_MIN and bool(reason_for_tuning)
    else:
        enough = labeled >= FINE_TUNE_PLENTY or (labeled >= FINE_TUNE_MIN and reason_for_tuning)
    if enough:
        tuned = _fine_tuning(labeled, reason_for_tuning, agent)
        if "json-output" in needs:
            tuned.techniques[2:2] = STRUCTURED_OUTPUT_STEPS
        return tuned
    return _prompting(q, task, labeled, private, agent, corpus)


def _from_scratch(q: Questionnaire, corpus: int) -> Approach:
    params = corpus / TOKENS_PER_PARAMETER
    ground = f"a language or modality no existing model serves ({_quote('use_case', q.use_case)})"
    return Approach(
        "training-from-scratch",
        [
            "train a tokenizer on your corpus",
            f"pretrain a decoder-only model sized to the corpus (about {TOKENS_PER_PARAMETER} tokens "
            f"per parameter: about {params / 1e9:,.0f}B parameters)",
            "instruction-tune it, then evaluate against the best existing model on held-out tasks",
            "before committing, test whether continued pretraining of an open multilingual model "
            "closes the gap",
        ],
        [
            f"Your use case is new ground: {ground}. That is the one case where the lesson allows "
            "training a model of your own" + _kb("training-from-scratch") + ".",
            f"The corpus is large enough ({_quote('data.domain_corpus_tokens', corpus)}: a "
            f"compute-optimal model of about {params / 1e9:,.0f}B parameters) and so are the "
            f"resources ({_quote('resources', 'high')}).",
            "Training from scratch costs far more than the other options, so it is the last resort: "
            "run continued pretraining of an open model as the baseline to beat"
            + _kb("training-from-scratch", "improving-llm-results")
            + ".",
        ],
    )


def _continued_pretraining(q: Questionnaire, corpus: int, new_ground: bool) -> Approach:
    params = corpus / TOKENS_PER_PARAMETER
    reasons = [
        f"Your domain corpus ({_quote('data.domain_corpus_tokens', corpus)}) is best used to adapt "
        "an existing open model: continued pretraining on it teaches the domain's vocabulary and "
        "style while keeping everything the model learnt from trillions of general tokens"
        + _kb("training-from-scratch", "fine-tuning-basics")
        + "."
    ]
    if corpus < SCRATCH_CORPUS_TOKENS:
        reasons.append(
            f"From scratch, {_billions(corpus)} tokens train a model of only about "
            f"{params / 1e9:,.2g}B parameters ({TOKENS_PER_PARAMETER} tokens per parameter, "
            "Chinchilla): weaker than the open models you can start from."
        )
    elif q.resources != "high":
        reasons.append(
            f"Training from scratch would also need high resources ({_quote('resources', q.resources or 'not given')}): "
            "a GPU cluster for weeks and a team for data, training and evaluation."
        )
    else:
        reasons.append(
            "Nothing says your language or modality is one no existing model serves, the one case "
            "that justifies training from scratch; an open model adapted to your corpus gets most "
            "of the gain at a fraction of the cost."
        )
    if new_ground:
        reasons.append(
            "For a language existing models barely know, start from an open multilingual model: "
            "continued pretraining on your corpus is how such models are extended."
        )
    reasons.append(
        "Retrieval over the same corpus supplies facts and sources, which training does not make "
        "reliable; measure each step against a prompted baseline" + _kb("rag-basics") + "."
    )
    return Approach(
        "fine-tuning",
        [
            f"continued pretraining of an open-weights model on your {_billions(corpus)}-token corpus",
            "then supervised fine-tuning on a few thousand instruction examples from your domain",
            "index the corpus for RAG so answers can cite their sources",
            "compare against the untouched model with prompting + RAG on a held-out test set",
        ],
        reasons,
        open_weights_only=True,
        continued_pretraining=True,
    )


def _rag(
    q: Questionnaire, task: str, private: bool, labeled: int, corpus: int, agent: bool
) -> Approach:
    data = q.data
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
            "answer from them, with sources" + _kb("rag-basics") + "."
        ]
    else:
        reasons = [
            "Answers depend on facts newer than any model's training data "
            f"({_quote('data.update_frequency', data.update_frequency)}): fetch current sources "
            "at question time and let the model answer from them, with sources"
            + _kb("rag-basics")
            + "."
        ]
    if changing and private:
        reasons.append(
            f"The documents change ({_quote('data.update_frequency', data.update_frequency)}): "
            "re-indexing keeps answers current without retraining anything; fine-tuning would "
            "freeze them at training time" + _kb("when-to-fine-tune") + "."
        )
    elif data.update_frequency == "static":
        reasons.append(
            f"The documents are static ({_quote('data.update_frequency', 'static')}); retrieval still "
            "keeps each prompt small and lets answers cite the page they came from."
        )
    reasons.append(
        "Grounding answers in retrieved text also cuts made-up answers (hallucinations); measure "
        "retrieval and answers on real questions before tuning anything"
        + _kb("rag-design-and-pitfalls")
        + "."
    )
    techniques = [
        "split documents by headings into passages and embed them",
        "retrieve the top 3-5 passages per question (hybrid keyword + vector search)",
        "instruct the model to answer only from the passages and cite them",
        "a test set of real questions with known answers, to measure retrieval and answers",
    ]
    if changing:
        techniques.append(f"re-index on every change ({data.update_frequency})")
    if agent:
        techniques.append("function calling for live lookups and actions through your API")
        reasons.append(
            f"The assistant must act through tools ({_quote('needs', 'function-calling')}): the "
            "model's built-in function calling with clear tool descriptions, no training needed"
            + _kb("prompt-engineering")
            + "."
        )
    if labeled >= FINE_TUNE_PLENTY and not agent:
        techniques.append(
            f"later: fine-tune on your {labeled:,} labelled examples for tone and format"
        )
    if corpus >= CONTINUED_PRETRAIN_TOKENS:
        techniques.append(
            f"later: continued pretraining of an open model on your {_billions(corpus)}-token "
            "corpus if answers miss the domain's language"
        )
    if task == "embeddings":
        techniques = [
            "embed every item once and store the vectors in a vector store (Chroma)",
            "embed each query and return the nearest neighbours",
            "re-embed changed items as they change",
        ]
    return Approach("rag", techniques, reasons)


def _fine_tuning(labeled: int, reason_for_tuning: list[str], agent: bool) -> Approach:
    size = (
        "plenty of good labelled pairs"
        if labeled >= FINE_TUNE_PLENTY
        else "a few hundred good labelled pairs, enough for a fixed format or label set"
    )
    reasons = [
        f"You have {size} ({_quote('data.labeled_examples', labeled)}): more than fit in a prompt, "
        "enough to teach a smaller model the task" + _kb("when-to-fine-tune") + "."
    ]
    if reason_for_tuning:
        reasons.append(
            "A tuned smaller model pays off here for " + " and ".join(reason_for_tuning) + "."
        )
    else:
        reasons.append(
            "A tuned model follows your format and voice without long prompts, cutting tokens per call."
        )
    if agent:
        reasons.append(
            "For tool calls, tune on whole trajectories (calls, results, recovery) only after the "
            "prompted model with function calling is measured on the same tasks"
            + _kb("prompt-engineering")
            + "."
        )
    reasons.append(
        "Start with a prompt-engineered baseline on the same test set to prove the gain; "
        "fine-tuning teaches behaviour and format, not new facts" + _kb("fine-tuning-basics") + "."
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


def _prompting(
    q: Questionnaire, task: str, labeled: int, private: bool, agent: bool, corpus: int
) -> Approach:
    data = q.data
    needs = q.needs or []
    reasons = []
    if task in GENERATIVE_MEDIA:
        reasons.append(
            f"For {task} ({_quote('task', task)}) a ready-made model works out of the box: "
            "describe what you want "
            "(prompt, voice, language) and evaluate on a few real samples"
            + _kb("improving-llm-results")
            + "."
        )
    elif task in INPUT_TASKS:
        # The user's own documents are the input here, not knowledge the model must recall.
        reasons.append(
            f"The model works on the text you give it ({_quote('task', task)}): your own documents "
            "go into each prompt as input, so there is nothing to retrieve or train first; a clear "
            "prompt, measured on real samples, is the start" + _kb("prompt-engineering") + "."
        )
    elif data.private_knowledge is False:
        reasons.append(
            f"General knowledge is enough for this use case ({_quote('data.private_knowledge', False)}): "
            "a well-written prompt is the cheapest and fastest start, with no data pipeline to run"
            + _kb("improving-llm-results")
            + "."
        )
    elif not private:
        reasons.append(
            "No answer says the model must know your own documents (data.private_knowledge: not "
            "given), so start with a well-written "
            "prompt: the cheapest and fastest option, with no data pipeline to run; if answers "
            "need your documents or fresh facts, RAG is the next step"
            + _kb("improving-llm-results")
            + "."
        )
    if agent:
        # what drives the plan comes first; "no documents" is only context for an agent
        reasons.insert(
            0,
            f"The assistant must act through tools ({_quote('needs', 'function-calling')}): "
            "today's models call tools from a schema and a prompt, so start with function calling "
            "and measure task success on real requests" + _kb("prompt-engineering") + ".",
        )
        if labeled:
            reasons.append(
                f"Your {labeled:,} examples ({_quote('data.labeled_examples', labeled)}) are too few "
                f"to fine-tune tool use (that takes thousands of good trajectories, {AGENT_TUNE_MIN:,}+): "
                "use them as few-shot examples and as the test set" + _kb("when-to-fine-tune") + "."
            )
    elif 0 < labeled < FINE_TUNE_MIN:
        reasons.append(
            f"Your {labeled:,} examples ({_quote('data.labeled_examples', labeled)}) fit in the prompt "
            "as few-shot examples" + _kb("prompt-engineering") + "."
        )
    elif labeled >= FINE_TUNE_MIN:
        reasons.append(
            f"With {labeled:,} labelled examples ({_quote('data.labeled_examples', labeled)}), "
            "fine-tuning becomes worth testing if the prompt falls short on your test set"
            + _kb("when-to-fine-tune")
            + "."
        )
    if task in FORMAT_TASKS and labeled == 0:
        reasons.append(
            "Collect a few hundred labelled examples as you go: they allow fine-tuning later if needed."
        )
    if corpus and corpus < CONTINUED_PRETRAIN_TOKENS:
        reasons.append(
            f"Your domain corpus ({_quote('data.domain_corpus_tokens', corpus)}) is far too small to "
            "train a model of your own: use it as examples and context, or retrieve from it"
            + _kb("training-from-scratch")
            + "."
        )
    elif corpus and q.resources == "low":
        reasons.append(
            f"Adapting a model to your corpus ({_quote('data.domain_corpus_tokens', corpus)}) needs "
            f"ML skill and GPUs ({_quote('resources', 'low')}): start by prompting and retrieving "
            "from it" + _kb("training-from-scratch") + "."
        )
    techniques = ["zero-shot instructions with a clear role and task description"]
    if task in FORMAT_TASKS or "json-output" in needs:
        techniques.append("one-shot or few-shot examples that show the exact output format")
    else:
        techniques.append("few-shot examples of good outputs when tone or format matter")
    if "json-output" in needs:
        techniques.extend(STRUCTURED_OUTPUT_STEPS)
        reasons.append(
            f"A strict output format ({_quote('needs', 'json-output')}) is kept by structured "
            "outputs (constrained decoding to your JSON schema) and a validator, not by "
            "fine-tuning; tune only if the validated outputs still fail on your test set for a "
            "reason you can name (wrong values, not wrong syntax)" + _kb("prompt-engineering") + "."
        )
    if agent:
        techniques.append(
            "function calling: describe each tool with a JSON schema and let the model choose calls"
        )
        techniques.append(
            "log agent runs as trajectories; they become test cases and, later, training data"
        )
    techniques.append(
        "a test set of 20-50 real inputs with expected outputs, to measure every change"
    )
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
        reasons
        or [
            "A prompt is the cheapest place to start; measure before investing more"
            + _kb("improving-llm-results")
            + "."
        ],
    )
