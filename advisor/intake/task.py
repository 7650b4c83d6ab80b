"""The task a use case describes: keyword rules with weights, and meaning (advisor/task_meaning.py)
deciding where the embedder is installed, the rules breaking near ties."""

from __future__ import annotations

import re

# (pattern, weight) per task; the highest total wins, ties go to the earlier task in this dict.
TASK_PATTERNS: dict[str, list[tuple[str, float]]] = {
    "speech-to-text": [
        (r"\btranscri(be|bing|ption)s?\b", 3),
        (r"\bsubtitl|\bcaption(s|ing)?\b", 3),
        (r"speech[- ]to[- ]text|speech recognition|\bdictat", 3),
        (r"\b(recorded|recordings?|voice notes?|audio|podcasts?|phone calls?)\b", 1),
        (r"\btranskriber|undertext|taligenk", 3),
    ],
    "text-to-speech": [
        (r"text[- ]to[- ]speech|\btts\b|read (it |them |\w+ )*aloud|\baloud\b|voice[- ]?over", 3),
        (r"\bnarrat|audiobook|spoken version|\bsynthes\w* (a )?voice|talsyntes|läsa upp|högläs", 3),
    ],
    "image-generation": [
        (
            r"\b(generate|create|make|draw|design)\w* (\w+ ){0,3}(images?|pictures?|illustrations?|art|logos?|artwork|icons?)",
            3,
        ),
        (r"\billustrations?\b|\bartwork\b|image generation|text[- ]to[- ]image|\blogos?\b", 2),
        (
            r"\b(generate|create|make|design|produce)\w* (\w+ ){0,3}(visuals?|graphics|banners?|thumbnails?|posters?|mock-?ups?)\b|\b(skapa|göra|ta fram) (\w+ ){0,3}(bilder|grafik|illustrationer)",
            5,
        ),
        (r"\bbilder\b|illustration", 1),
    ],
    "vision": [
        (
            r"\b(describe|read|understand|analy[sz]e|caption|inspect|interpret)\w* (\w+ ){0,3}(images?|photos?|pictures?|charts?|screenshots?|diagrams?|scans?|receipts?)",
            4,
        ),
        (
            r"\bocr\b|image understanding|visual question|\bvision\b|from (photos?|images?|screenshots?)",
            3,
        ),
    ],
    "embeddings": [
        (
            r"\bsimilar\b|similarity|semantic search|vector search|\bembeddings?\b|\bdedup|near[- ]duplicates?|\bclustering\b|\bcluster (\w+ )?(documents|texts|tickets|items|messages|reviews|articles|feedback)",
            3,
        ),
        (r"\bfind (related|matching)\b|\brecommend (similar|related)", 2),
        (r"liknande|semantisk sökning", 3),
    ],
    "translation": [
        (r"\btranslat|\blocali[sz]|\bfrom (english|swedish|spanish|german|french) (in)?to\b", 4),
        (r"översätt|översättning", 4),
    ],
    "code-generation": [
        (
            r"\bcode\b|\bcoding\b|programm|\bsql\b|\bdevelopers?\b|error messages?|stack ?traces?|\brefactor|unit tests?|\bpull requests?\b|\bbugs?\b|\bpython\b|\bjavascript\b|typescript",
            3,
        ),
        (r"\bkod|programmer|utvecklare", 3),
    ],
    "summarization": [
        (
            r"\bsummar|\bsummaris|\btl;?dr\b|\bcondense|\bdigest\b|meeting notes|\bmeeting minutes|\bminutes of (the|our|each) \w*\s?meetings?|\bsynopsis",
            4,
        ),
        (r"sammanfatt|sammandrag", 4),
    ],
    "classification": [
        (
            r"\bclassif|\bcategori[sz]|\bintent\b|\bsentiment\b|\bmoderat|\bspam\b|\btriage|\broute (\w+ )?(tickets|emails|messages)|\btag(s|ging)?\b|\bflag\b|\bdetect(ion)?\b",
            3,
        ),
        (r"\bwith one of \d+|\binto \d+ (categories|classes|types)", 3),
        # "assign each claim a damage code": a label from a fixed set, not program code
        (
            r"\b(assign|give|label)\w* (each|every|all|the|a) (\w+ ){0,3}(an? |one )?(\w+ )?(codes?|categor(y|ies)|labels?|class(es)?)\b|\btilldela\w* (\w+ ){0,3}(en )?(\w+)?(kod|kategori|etikett)",
            5,
        ),
        (r"klassific|kategori", 3),
    ],
    "extraction": [
        (
            r"\bextract|\bpull out\b|\bparse\b|\bnamed entit|\bfields? from\b|\bstructured data\b|\bas json\b|\breturn (\w+,? ){1,6}(and )?(\w+ ){0,4}as json|\bfill (in )?(a )?form",
            4,
        ),
        (r"\b(invoices?|receipts?|cvs?|resumes?|contracts?) and (return|pull|get)", 2),
        (r"extrahera", 4),
    ],
    "question-answering": [
        (
            r"\banswer\w* (\w+'?s? ){0,4}questions?\b|\bq ?& ?a\b|\bfaq\b|\bquestions? (about|on|over|from)\b",
            4,
        ),
        (
            r"\bhelp ?desk\b|\bknowledge base\b|\blook up\b|\bask (our|the) (docs|documentation|wiki)",
            2,
        ),
        (r"\banswer(ed|s|ing)? (\w+ ){0,2}from (our|the|their|its)\b|\bquestions? (each|per)\b", 3),
        (r"svara\w* på (\w+ ){0,2}frågor|frågor om|besvara", 4),
    ],
    "chat": [
        (
            r"\bchat ?bot\b|\bchat\b|\bassistant\b|\bconversation|\bagent\b|\bbot\b|\bcompanion\b|\btalk to\b",
            3,
        ),
        (r"chattbot|\bchatt\b|\bassistent", 3),
    ],
    "text-generation": [
        (
            r"\bwrite\b|\bwriting\b|\bdraft|\bcompose|\bgenerate (\w+ ){0,2}(text|copy|descriptions?|messages?|emails?|posts?)|\bcopywrit|\bmarketing copy|\bessays?\b|\bautocomplete|\bauto-complete|\bcomplete (notes|sentences)|\bstories|\bpoems?\b|\bslogans?\b",
            3,
        ),
        (r"\b(replies|responses|messages|emails?|e-mails?|descriptions|posts|letters|notes)\b", 1),
        (r"skriv|generera text|utkast", 3),
        (r"\blanguage model\b|\bllm\b|\bfoundation model|språkmodell|grundmodell", 1),
    ],
}
_TASK_RES = {
    task: [(re.compile(p, re.IGNORECASE), w) for p, w in pats]
    for task, pats in TASK_PATTERNS.items()
}

MIN_RULE_SCORE = 1  # every cue counts; meaning decides whether the text names a job


def rule_scores(text: str) -> dict[str, float]:
    """The keyword rules' score per task that any rule fires for, in TASK_PATTERNS order."""
    scores = {}
    for task, patterns in _TASK_RES.items():
        score = sum(weight for pattern, weight in patterns if pattern.search(text))
        # a weak cue alone ("LLM", "emails") names no job; it only adds to a stronger one
        if score >= MIN_RULE_SCORE:
            scores[task] = score
    return scores


def detect_task(text: str) -> str | None:
    """The task a use case describes: by meaning when the local embedder is installed, the
    keyword rules breaking near ties (advisor/task_meaning.py); by the rules alone otherwise
    (the highest total wins, ties go to the earlier task in TASK_PATTERNS)."""
    from ..task_meaning import choose
    from .quantities import scan

    # the job is what is done, not how much of it: volumes, sizes and money are left out of the
    # text the meaning is read from (they pulled "summarise case files, 40 cases a month, budget
    # ..." towards classification)
    job = text
    for quantity in reversed(scan(text)):
        words = "" if quantity.kind == "money" else re.sub(r"^[\d\s.,~kKmM-]+", "", quantity.text)
        job = job[: quantity.start] + " " + words + " " + job[quantity.end :]
    job = " ".join(job.split())
    return choose(job, rule_scores(text))
