"""Fields read from phrases rather than numbers: sensitivity, own documents, how often they
change, labelled examples, a domain corpus, latency, licence, needs, team resources, what matters
most and languages. Each reader returns a Found or None, like the quantity readers."""

from __future__ import annotations

import re

from .cues import NEGATOR_RE, denied
from .fields import Found, Read, read_documents, read_images
from .quantities import NUMBER_RE, STORED_NOUNS, UPDATE_WORDS, _number_of, kind_of
from .reading import languages, priority
from .task import VOICE_CONVERSATION
from .where import sentence_of

_NUM = r"(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|thousand|million|billion|tusen|miljoner|miljon|miljarder)?\b"

# the words between the figure and what it counts describe it ("25,000 labelled chat
# transcripts"); a preposition starts another phrase ("GPT 4.0 for zero-shot trajectory ...")
_MODIFIER = r"(?!(?:for|to|of|in|on|with|from|by|at|per|and|or|för|till|av|med|på)\b)[\w-]+\s+"
LABELED_RE = re.compile(
    rf"(?<![\w.-]){_NUM}\s*(?:{_MODIFIER}){{0,4}}?(?:label+ed|annotated|tagged|graded|märkta|"
    # "40 000 manuellt kategoriserade ärenden", "5,000 hand-classified tickets"
    rf"(?:[\w-]*[- ])?(?:categori[sz]ed|classified|kategoriserade|klassade|klassificerade|taggade)|"
    rf"examples?|exempel|pairs?|samples?|trajector(?:y|ies)|frågor och svar|questions and answers|"
    rf"question-answer pairs|rows|rader)\b",
    re.IGNORECASE,
)
# rows, or questions with their answers, count as examples when they are for training
_FOR_TRAINING_RE = re.compile(
    r"fine[- ]?tun|finjuster|\btrain\w*|träningsdata|tränings|\bträna\w*", re.IGNORECASE
)
LABELED_WORD_RE = re.compile(r"\blabel+ed\b|\bannotated\b|märkta", re.IGNORECASE)
CORPUS_RE = re.compile(rf"{_NUM}\s*(tokens?|words?|ord)\b", re.IGNORECASE)
CORPUS_WORD_RE = re.compile(
    r"\b(corpus|korpus)\b|\b(tokens?|words?|ord) (of |av )?([\w-]+ ){0,2}(text|texts|texter|writing)\b",
    re.IGNORECASE,
)

# personal, medical, financial or confidential data, by name; "customer data" alone is not
SENSITIVE_RE = re.compile(
    r"\bsensitive|\bpersonal (?:data|information|details)|\bpii\b|\bhipaa\b|\bmedical|\bpatient|"
    r"\bclinical|\bhealth (?:records|data)|\bconfidential|\bclassified (?:data|documents?|information|"
    r"material|networks?|files?|records|projects?)\b|\b(?:is|are) classified\b(?! (?:as|by|into))|\bbedräg\w*|\bfinancial (?:data|records|"
    r"information|transactions)|\bfraud|\bpupils'? data|\bstudent data|\bkänslig|personuppgifter|"
    r"patientdata|journal(?:anteckningar|er|data)|\belevdata|sekretess|finansiell|bankdata|"
    r"\bekonomidata|\bekonomisk (?:data|information)|\blönedata|\bhälsodata|\bhälsouppgifter|"
    r"\bsocial security|personnummer|\bnames,? (?:and|&) (?:home |postal )?addresses\b|"
    r"\b(?:home|postal|e-?mail) addresses\b|\bphone numbers\b|\bdates? of birth\b|"
    r"\bnamn och adress\w*|\btelefonnummer",
    re.IGNORECASE,
)
PRIVATE_RE = re.compile(
    r"\b(our|my|the company'?s|company'?s|internal|in-house|organi[sz]ation'?s?)\s+((?:[^\W\d][\w-]*|\d[\d,.]*[^\W\d]*(?:-[\w-]+)?)\s+){0,3}"
    r"(wiki|docs|documents?|documentation|policy|policies|manuals?|handbook|knowledge base|tickets|"
    r"contracts|templates|price lists?|catalog(ue)?|products?|services|rules|regulations|offerings|routines|"
    r"records|intranet|files|reports|faq|guidelines|"
    r"procedures|emails?|archive|articles|prices|opening hours|menu|timetables?|schedules?|"
    r"terms|terms and conditions|playbook|bids|tenders|offers|quotes|proposals|spreadsheets?|"
    r"help[- ]?cent(er|re)\w*)\b|\b(help[- ]?cent(er|re)|support|knowledge[- ]base) articles|\bvåra\s+(\w+\s+){0,2}[\w-]*(dokument|policyer|manualer|rutiner|"
    r"riktlinjer|avtal|artiklar|produkter|tjänster|priser|regler|bestämmelser|föreskrifter|villkor|offerter)|\bvår[t]?\s+(\w+\s+){0,2}[\w-]*(wiki|dokumentation|kunskapsbas|intranät|"
    r"hjälpcent(?:er|rum)|handbok|faq|arkiv|supportsida)",
    re.IGNORECASE,
)
# "answering from help-centre articles": answers drawn from a named collection of documents
ANSWERS_FROM_RE = re.compile(
    r"\banswer\w* (?:\w+ ){0,3}(?:from|using|based on) (?:(?:[^\W\d][\w-]*|\d[\d,.]*[^\W\d]*(?:-[\w-]+)?) ){0,3}"
    r"(?:articles|docs|documents|documentation|wiki|manuals?|knowledge ?base|policies|handbook|faq)\b|"
    r"\bsvar\w* (?:\w+ ){0,3}(?:från|utifrån|ur) (?:\w+ ){0,3}\w*(?:artiklar|artiklarna|dokument\w*|"
    r"wiki\w*|manual\w*|handb(?:ok|öcker)\w*|kunskapsbas\w*|faq|regler|policy\w*|mallar)\b",
    re.IGNORECASE,
)
NO_OWN_DATA_RE = re.compile(
    r"no (data|documents|examples) of (our|my) own|don'?t have (any )?(data|examples)|no own data|"
    r"without (any )?(data|examples)|ingen egen data",
    re.IGNORECASE,
)
# "once a week", "twice a month", "ungefär en gång i månaden", "every Friday"
_TIMES_PER = (
    r"\b(?:once|twice|\d+ times|a few times|a couple of times|(?:ungefär |ca |cirka )?(?:en|två|tre|"
    r"\d+) gång(?:er)?) (?:a|an|per|every|each|i|om) "
)
_WEEKDAYS = r"mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?"
_VECKODAGAR = r"måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
FREQ_RES = [
    (
        "realtime",
        r"real[- ]?time (data|prices|stock|inventory|updates)|(updated|changes?|changing) "
        r"(in real[- ]?time|constantly|continuously)|every (minute|hour)|live (data|prices)|"
        r"by the minute|hela tiden",
    ),
    (
        "daily",
        r"\bdaily\b|every day|each day|per day|nightly|dagligen|varje dag|"
        + _TIMES_PER
        + r"(?:day|dagen|dygnet)\b|every (?:morning|evening)|varje (?:morgon|kväll)",
    ),
    (
        "weekly",
        r"\bweekly\b|every week|each week|varje vecka|veckovis|"
        + _TIMES_PER
        + r"(?:week|veckan)\b|\b(?:every|each|on) (?:"
        + _WEEKDAYS
        + r")|\bvarje (?:"
        + _VECKODAGAR
        + r")",
    ),
    (
        "monthly",
        r"\bmonthly\b|every month|each month|quarter|quarterly|varje månad|kvartal|"
        r"månadsvis|" + _TIMES_PER + r"(?:month|månaden)\b",
    ),
    (
        "yearly",
        r"\byearly\b|\bannual|every year|once a year|årligen|varje år|"
        + _TIMES_PER
        + r"(?:year|året)\b",
    ),
    (
        "static",
        r"never changes?|doesn'?t change|does not change|fixed set|rarely changes?|ändras aldrig|"
        r"\bstatic\b|\bstatisk\w*|\b(?:never|won'?t|will not) (?:be )?(?:updated|changed|change)\b|"
        r"\b(?:uppdateras|ändras) (?:\w+ )?aldrig\b|\baldrig (?:uppdateras|ändras)\b",
    ),
]
_FREQ_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in FREQ_RES]
# facts newer than any model's training data, asked about: "today's news", "current prices"
RECENT_RE = re.compile(
    r"\b(?:today'?s|latest|current|recent|up-to-date|breaking) (?:news|prices|events|figures|"
    r"rates|rules|exchange rates|stock prices)\b|\bdagens (?:nyheter|priser|kurser)\b|"
    r"\bsenaste (?:nytt|nyheterna|priserna)\b",
    re.IGNORECASE,
)
# "a few", "a couple of", "2-3", "ett par", "några"
_A_FEW = (
    r"(?:a few|a couple(?: of)?|several|some|ett par|några|\d+(?:\s*(?:[-–]|to|till)\s*\d+)?|"
    r"one|two|three|five|ten|en|ett|två|tre|fem|tio)"
)
LATENCY_RES = [
    (
        "realtime",
        # "real-time stock prices" is how fresh the data is, not how fast the answer comes
        r"real[- ]?time(?![- ](?:data|prices|stock|inventory|updates|information|figures|news|rates)\b)|"
        r"realtid|\binstant(?:ly)?\b(?! messag\w*)|as (they are|it is|soon as) (posted|typed|written)|"
        r"\b(?:answer|respond|reply|replies|responses?|answers?|results?|svar\w*)\b[^.;!?]{0,30}"
        r"\b(?:immediately|instantly|at once)\b|\bimmediate (?:answers?|responses?|replies|feedback)\b|"
        r"sub-?second|within \d+ ?ms\b|\b\d+ ?ms\b|autocomplete|auto-complete|"
        r"live (stream|captions?|transcription|calls?|subtitles)|\blive-?(?:textning|undertext\w*|"
        r"transkriber\w*|översättning)|direkt(?:a)? svar|omedelbart|"
        r"\bsvar(en)? (måste|ska) komma (direkt|omedelbart|på en gång)|"
        r"\b(?:måste|ska) (?:gå|ske) (?:direkt|omedelbart|på en gång)\b|"
        # ("the speed is very fast" reports, it does not ask)
        r"\b(?:needs?(?: to be)?|must be|has to be|have to be|should be)(?: very| really)? fast\b|"
        r"\bfast (?:answers|responses|replies)\b|"
        # live voice: a bot or agent that talks, and how fast its first word comes
        + VOICE_CONVERSATION
        + r"|\btime to first (?:token|byte)\b|\bttf[tb]\b",
    ),
    (
        "batch",
        # "batch size" is a parameter; "a nightly build" the software's schedule
        # ("a Batch API" is a provider's feature named, not the person's timing)
        r"\bbatch(?![ _-]?(?:sizes?|norm\w*|api|apis|endpoint)\b)|overnight|"
        r"nightly(?! (?:builds?|releases?|backups?|versions?)\b)|every night|in bulk|offline processing|"
        r"no rush|no hurry|no time pressure|not time[- ]critical|ingen brådska|ingen tidspress|inte bråttom|"
        r"nattlig|över natten|"
        # a wait of hours or days accepted: "fine waiting a few hours", "får ta ett par timmar"
        r"\b(?:wait|waiting|får ta|vänta\w*)\s+(?:up to\s+|upp till\s+)?"
        + _A_FEW
        + r"\s+(?:hours?|days?|timmar|timme|dagar|dygn)\b",
    ),
    (
        "interactive",
        r"interactive|while (they|the user) wait|(a|some|few) seconds? (is|are) fine|"
        # a wait of seconds: "within a couple of seconds", "people wait 2-3 seconds"
        # (asked for, not reported: "the first user receives a response in 8 seconds")
        r"(?:\b(?:wait|waits|waiting|within|inom|vänta\w*)|\b(?:need|needs|must|should|want|expect|has to|"
        r"have to|ska|måste|behöver)\b[^.;!?]{0,30}?\b(?:answers?|repl(?:y|ies)|responses?|svar\w*)"
        r"\s+(?:\w+\s+){0,3}?(?:in|på))\s+(?:up to\s+|upp till\s+|about\s+|ca\s+|max\s+)?"
        + _A_FEW
        + r"\s+(?:seconds?|secs?|sekunder|sek)\b",
    ),
]
_LATENCY_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in LATENCY_RES]
OPEN_RE = re.compile(
    r"\bopen[- ]source (?:models?|llms?|weights|language models?|alternatives?|only)\b|"
    r"\b(?:must|has to|have to|should|needs? to|shall) be open[- ]source\b|open[- ]source is a must|"
    r"\bopen[- ]weights?\b|\bopen models?\b|\b(?:be|vara|är) open[- ]source\b|öppen källkod|öppna modeller|"
    r"\b(?:something|anything|one|models? that (?:is|are))\s+open[- ]source\b|"
    r"öppna vikter|\böppen modell\b|\böppna modellen\b|\böppen licens\w*|"
    # weights under a permissive licence, or to be downloaded: "Apache-2.0 or MIT licensed weights"
    r"\b(?:(?:apache[- ]?(?:2(?:\.0)?)?|mit|bsd)(?:\s*(?:or|and|/|,|eller|och)\s*)?)+[- ]licen[cs]ed\s+"
    r"(?:weights|models?|llms?)\b|\bdownloadable (?:model )?weights\b|"
    r"\b(?:download|inspect|host) (?:the |its |their )?(?:model )?weights\b|"
    r"\bweights (?:must|need to|needs to|have to|has to|should) be (?:\w+ )?(?:downloadable|public|"
    r"available to download)\b",
    re.IGNORECASE,
)
PROPRIETARY_RE = re.compile(r"proprietary (model|only)|closed model", re.IGNORECASE)
NEEDS_RES = {
    # JSON the model writes: "outputs strict JSON", "return the fields as JSON", "till JSON";
    # a JSON file or export read in ("config.json", "exported as JSON") is input, not a need
    "json-output": re.compile(
        r"structured output|strukturerad (?:utdata|output)|"
        r"\bjson[- ](?:output|mode|schema|format|objects?|responses?|reply|replies|svar)\b|"
        r"\b(?:valid|strict|parseable|well-formed|giltig|korrekt)\s+json\b|"
        r"(?<!the )(?<!our )(?<!their )(?<!its )"
        r"\b(?:return|output|respond|reply|answer|produce|emit|generate|give|format|deliver|svara|"
        r"returnera|leverera|läsa ut|läs ut|plocka ut|extract)\w*\b(?:,?\s+[\w-]+){0,8}?\s+(?:as|in|into|"
        r"to|som|i|till)\s+(?:valid\s+|strict\s+)?json\b|"
        r"\b(?:return|output|produce|emit|generate|returnera)\w*\s+(?:\w+\s+){0,2}?json\b(?!\.)|"
        # what comes out, named as JSON or as a schema's fields: "results as JSON into our BI",
        # "extract data into the provided schema", "generate structured data"
        r"\b(?:results?|outputs?|answers?|responses?|fields|resultat|svaren)\s+(?:\w+\s+){0,2}?(?:as|in|som|i)"
        r"\s+json\b|\binto (?:a |the |our |the provided |a given )?(?:json )?schema\b|"
        r"\b(?:generate|produce|return|output|create)\w* structured data\b|"
        # "få det som JSON", "fill a JSON (damaged parts, severity)"
        r"\b(?:få|get|have|ha)\s+(?:it|them|det|dem|allt|everything|the results?)\s+(?:as|in|som|i)\s+json\b|"
        r"\bfill (?:in |out )?(?:a|an|the|our)\s+json\b|\bfyll\w* (?:i )?(?:en|ett)\s+json\b|"
        # "output has to be JSON (title, short_desc, bullets[])", "svaren måste vara JSON"
        r"\b(?:output|outputs|results?|answers?|responses?|replies|svaret|svaren|resultatet|utdata)\s+"
        r"(?:has to|have to|must|should|needs? to|shall|ska|måste|skall)\s+(?:be|vara)\s+(?:\w+\s+)?json\b",
        re.IGNORECASE,
    ),
    "function-calling": re.compile(
        r"function[- ]calling|tool[- ]?(use|calling)|\bcalls? (our|an|the) (api|system)|through our (\w+ )?api|"
        r"book(s|ing)? through|place orders|take actions? (?:in|inside|within|on behalf|for (?:the )?(?:user|customer))|"
        r"trigger actions|"
        # live facts (an order's status, an account) come from a system, not from documents
        r"\b(order|booking|crm|erp|inventory|stock|billing|ticketing|reservation)s? ?(system|database|api)\b|"
        r"\b(look(s|ing)? up|check(s|ing)?|fetch(es|ing)?)\b.{0,40}\b(order|booking|account|delivery|shipment)s?\b"
        r"(?!\s+(?:notes?|documents?|reports?|templates?|texts?|descriptions?|emails?|letters?|policy|policies))|"
        # the model acting in a system: "slå upp lediga tider i bokningssystemet", not manuals
        # looked up or JSON delivered "in i affärssystemet"
        r"\b(?:slå\w* upp|hämta\w*|kolla\w*|uppdatera\w*|skapa\w*|boka\w*|läs\w*|sök\w*)\b[^.;]{0,40}"
        r"\b(?:ordersystem|affärssystem|bokningssystem)\w*|"
        r"\bslå(?:r)? upp\b[^.;]{0,40}\b(?:order\w*|bokning\w*|konto\w*|leverans\w*|status|saldo|"
        r"lediga|tider|kund\w*|crm|erp|\w*system\w*)\b|"
        r"\b(call|calls|calling|anropa\w*) (vårt|våra|vår|our|an?|the|their|its) "
        r"(?!(?:openai|azure|anthropic|claude|gemini|mistral|cohere|groq|openrouter|llm|model|gpt)\b)"
        r"([\w-]+ ){0,2}?[\w-]*api\b|"
        # acting in apps: "opening apps, navigating UI"
        r"\b(open|opening|navigat\w*|control\w*|operat\w*) (\w+ ){0,2}(apps|ui|applications)\b|"
        r"\bagent[- ]like\b|"
        # an agent that uses tools, and the runs it learns from, need function calling
        r"\bagent\w*\b.{0,60}\b(tools?|verktyg)|\bagentic\b|\bagent trajector|\bverktyg\w*.{0,40}\bagent|"
        # the model calling functions or tools, agent frameworks, acting on the house
        r"\b(?:function|tool) calls?\b|\b(?:ignores?|use|uses|using|call|calls|calling) tools\b|"
        r"\b(?:crewai|autogen|langgraph|smolagents)\b|\bhome automation\b|"
        r"\b(?:switch|turn)\w* (?:\w+ ){0,2}lights?\b|\btänd\w* (?:och släck\w* )?lamp",
        re.IGNORECASE,
    ),
    "fine-tunable": re.compile(
        r"(?:fine[- ]?tun|finjuster|fintrimm)\w*+(?!\s+(?:the |my |our |a |min |vår )?(?:prompts?|settings|"
        r"parameters|config\w*|instructions|wording)\b)|"
        # a model of one's own trained, or data to train it on
        r"\btrain(?:ing)? (?:a |our |my |an )?(?:own )?(?:\w+ )?(?:models?|llms?)\b|"
        r"\btrain(?:ing)? on (?:our|my) own\b|\btrained (?:llm|model) (?:on|based on)\b|"
        r"\b(?:be |been |is |are )?trained on (?:a |an |the )?(?:custom|our|my|own|their|domain|"
        r"proprietary|company)\b[\w\s-]{0,20}?\b(?:data(?:sets?)?|corpus|examples)\b|"
        # a model that improves from the corrections or feedback it gets is trained on them
        r"\blearns? from (?:the |our |manual |user |human )?(?:corrections|feedback|labels)\b|"
        r"\bfeedback (?:mechanism |loop )?for (?:re)?training\b|"
        r"\b(?:training data|training set|träningsdata)\b|"
        r"\bträna\w* (?:en |vår |min )?(?:egen |eget )?(?:modell|ai|språkmodell)\w*",
        re.IGNORECASE,
    ),
}
# no one to build or run it: the skill is missing, not merely the headcount small
LOW_RES_RE = re.compile(
    r"\bno ml\b|\bno machine learning|\bno data scientists?|\bno (?:ml|ai|technical|tech) "
    r"(?:skills|expertise|people|staff|team|knowledge)|\b(?:i'?m|we'?re|i am|we are) not "
    r"(?:very )?technical\b|\bnon-technical\b|\bno developers\b|\bcan'?t (?:code|program)\b|"
    r"\bingen (?:ml|ai|teknisk)-?kompetens|\bingen (?:här |av oss |som )?kan (?:programmera|koda)|"
    r"\b(?:jag|vi) kan inte (?:programmera|koda)\b|\bkan inte (?:programmera|koda)\b|"
    r"\b(?:cannot|don'?t know how to|do not know how to) (?:code|program)\b|\bno (?:coding|programming) skills\b|"
    r"\binga utvecklare\b|\bnone of us (?:can|knows how to) (?:code|program)\b|"
    r"\binte tekniska?\b",
    re.IGNORECASE,
)
HIGH_RES_RE = re.compile(
    r"research lab|gpu[- ]?(cluster|kluster)|forskningslabb|large compute|\\bnational (lab|laboratory|supercomputer|research|compute|ai)\\w*|supercomputer|big ml team|plenty of compute|lots of gpus",
    re.IGNORECASE,
)
MEDIUM_RES_RE = re.compile(r"ml team|data scientists?|ml engineers?", re.IGNORECASE)
NEW_DOMAIN_RE = re.compile(
    r"no (existing )?model (supports|serves|covers|knows|handles)|low[- ]resource language|from scratch|"
    r"our own foundation model|unsupported language|unique (domain|language)|från grunden|"
    r"egen (grund|språk)modell|ingen (befintlig )?modell (stöder|kan)",
    re.IGNORECASE,
)


def _number_in(match_text: str) -> float | None:
    m = NUMBER_RE.search(match_text)
    if not m or not (m.group("num") or m.group("word") or m.group("vague")):
        return None
    try:
        return _number_of(m)[0] if not m.group("num2") else _number_of(m)[1]
    except (ValueError, OverflowError):
        return None


def read_sensitive(r: Read) -> Found | None:
    for m in SENSITIVE_RE.finditer(r.text):
        if re.search(
            r"\b(?:nothing|no|not|none|non|isn'?t|aren'?t|inget|ingen|inga|inte|icke)\b[\s-]*"
            r"(?:\w+\s+)?$",
            r.text[max(0, m.start() - 20) : m.start()],
            re.IGNORECASE,
        ):
            continue  # "nothing sensitive", "no personal data": said not to be there
        return Found(True, m.group(0))
    return None


_ASKS_DOCUMENTS_RE = re.compile(
    r"\b(?:ask|asking|answer\w*|search|query|chat with|talk to|look up|find)\b[^.;]{0,40}\b(?:about|in|from|"
    r"over|across|through)?\s*(?:them|it|our|my|the|these|those)?\s*(?:[\w-]+\s+){0,3}?(?:docs|documents?|"
    r"pdfs?|files|manuals?|handbook|documentation|wiki|knowledge base|faq|articles)\b|"
    r"\b(?:ingest\w*|upload\w*|load\w* into|added)\b[^.;]{0,40}\b(?:docs|documents?|pdfs?|files)\b|"
    r"\b(?:docs|documents?|pdfs?|files)\b[^.;]{0,40}\b(?:ingest\w*|workspace|knowledge base)\b|"
    r"\bfaq\b|\bknowledge base\b|\brag\b(?![- ]?(?:embeddings?|models?|benchmarks?)\b)|kunskapsbas",
    re.IGNORECASE,
)
_RAG_RE = re.compile(
    r"\b(?:rag|retrieval[- ]augmented(?: generation)?|hämtningsförstärkt\w*)\b(?![- ]?(?:embeddings?|"
    r"models?|benchmarks?)\b)",
    re.IGNORECASE,
)
# tasks whose answers can come from the organisation's own documents
_KNOWLEDGE_TASKS = (None, "question-answering", "chat", "embeddings")


# a collection of the person's documents, and a way of using it that retrieval serves
_COLLECTION_RE = re.compile(
    r"\b(?:docs|documents|documentation|pdfs|files|manuals|handbook|wiki|confluence|sharepoint|"
    r"notion|intranet|knowledge ?base|dokument(?:en|ation)?|manualer|handböcker|rutiner|intranät|"
    r"kunskapsbas\w*)\b",
    re.IGNORECASE,
)
_USED_FOR_ANSWERS_RE = re.compile(
    r"\b(?:ask\w*|answer\w*|questions?|q ?& ?a|search\w*|query|queries|look (?:it |them )?up|ingest\w*|"
    r"index\w*|load\w* (?:\w+ ){0,3}into|upload\w*|retriev\w*|rag|fråg\w*|svar\w*|sök\w*)\b",
    re.IGNORECASE,
)


# answers drawn from "it"/"them": the document named before
_ANSWERS_FROM_PRONOUN_RE = re.compile(
    r"\b(?:answer\w*|svar\w*)\s+(?:[\w-]+\s+){0,3}(?:from|using|based on|utifrån|från|ur)\s+"
    r"(?:it|them|this|these|that|those|den|dem|det|dessa)\b",
    re.IGNORECASE,
)
_A_DOCUMENT_RE = re.compile(
    r"\b(?:manuals?|handbooks?|documents?|docs|documentation|wiki|faq|polic(?:y|ies)|guides?|"
    r"catalog(?:ue)?s?|pdfs?|manual(?:en|er)|handbok\w*|dokument\w*|katalog\w*)\b",
    re.IGNORECASE,
)


def read_private_knowledge(r: Read) -> Found | None:
    """Whether answers draw on the person's or organisation's own knowledge; what is denied
    where it is said ("no RAG required for phase 2", "we don't search our documents") is not."""
    found = _private_knowledge(r)
    if found and found.value is True:
        words = found.evidence.split(" ... ")[-1]
        said = [m.start() for m in re.finditer(re.escape(words), r.text)]
        if said and all(denied(r.text, at) for at in said):
            return None
    return found


# the person's own reference texts, and a job working against them
_REFERENCE_DOCS_RE = re.compile(
    r"\b(?:our|my|the company'?s|internal|vår|vårt|våra|min|mitt|mina)\s+(?:[\w-]+\s+){0,2}"
    r"(?:playbook|handbook|manuals?|guidelines|policies|policy|wiki|knowledge ?base|price ?list|"
    r"catalog(?:ue)?|product (?:database|catalog(?:ue)?|data)|rulebook|style ?guide|handbok|"
    r"manualer|riktlinjer|rutiner|prislista|produktdatabas|produktkatalog|kunskapsbas)\b",
    re.IGNORECASE,
)
_AGAINST_RE = re.compile(
    r"\b(?:against|based on|according to|in line with|using (?:facts|data|information) from|"
    r"with facts from|utifrån|enligt|mot|baserat på)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _private_knowledge(r: Read) -> Found | None:
    if m := NO_OWN_DATA_RE.search(r.text):
        return Found(False, m.group(0))
    if (m := _RAG_RE.search(r.text)) and _COLLECTION_RE.search(r.text):
        return Found(True, m.group(0))  # retrieval over the person's documents, whatever the job
    if r.task == "text-generation":
        # "drafting tender responses from our past bids": texts written from the person's own
        # documents draw on them as a source (translating or rewriting them does not)
        for m in PRIVATE_RE.finditer(r.text):
            if _DRAWN_FROM_RE.search(r.text[max(0, m.start() - 25) : m.start()]):
                return Found(True, m.group(0))
    if r.task not in _KNOWLEDGE_TASKS:
        # "check each contract against our playbook", "route mail based on our handbook": a
        # batch job that works against the person's own reference documents draws on them
        for m in _REFERENCE_DOCS_RE.finditer(r.text):
            if _AGAINST_RE.search(r.text[max(0, m.start() - 30) : m.start()]):
                return Found(True, m.group(0))
        return None  # translating or summarising one's own texts is not answering from them
    if m := ANSWERS_FROM_RE.search(r.text) or _ASKS_DOCUMENTS_RE.search(r.text):
        return Found(True, m.group(0))
    if (m := _ANSWERS_FROM_PRONOUN_RE.search(r.text)) and _A_DOCUMENT_RE.search(
        r.text[: m.start()]
    ):
        return Found(True, m.group(0))  # "a 120 kB manual ... answers questions from it"
    # "our policies", "my records": the organisation's own texts; with no job named, only where
    # they are asked, searched or loaded ("the team reviews our documents" is no answering)
    # the texts must be what the job works on: the object of "about", "from", "over" ... ("Our
    # emails are in Outlook; we want a bot that chats" names no source of answers)
    for m in PRIVATE_RE.finditer(r.text):
        clause = _CLAUSE_SPLIT_RE.split(r.text[max(0, m.start() - 80) : m.start()])[-1]
        if _SOURCE_BEFORE_RE.search(clause) and (
            r.task is not None or _USED_FOR_ANSWERS_RE.search(r.text)
        ):
            return Found(True, m.group(0))
    # "300 PDFs of old manuals ... search them by meaning", "index for 2500 files": documents
    # the person has, asked, searched or loaded for answers
    collection = _COLLECTION_RE.search(r.text)
    counted = any(kind_of(q.unit) == "document" and not q.per_month for q in r.kind("count"))
    if (collection or counted) and (m := _USED_FOR_ANSWERS_RE.search(r.text)):
        return Found(True, (collection.group(0) + " ... " if collection else "") + m.group(0))
    if (
        r.task == "question-answering"
        and not _SENT_WITH_EACH_RE.search(r.text)
        and (m := _ABOUT_OWN_RE.search(r.text))
    ):
        # questions answered about what is the organisation's or the person's own ("frågor om
        # våra öl", "questions about my emails", "based on our course material"): its knowledge
        return Found(True, m.group(0))
    return None


# what questions are about or answered from, when it is one's own
_ABOUT_OWN_RE = re.compile(
    r"\b(?:about|regarding|based on|from|om|utifrån|kring|ur|från)\s+(?:all\s+|alla\s+)?"
    r"(?:our|my|vår|våra|vårt|min|mina|mitt|the company'?s|the organi[sz]ation'?s)\s+"
    r"(?!(?:customers?|users?|clients?|visitors?|members?|staff|team|employees?|website|site|app|"
    r"laptop|phone|server|kunder|användare|medlemmar|personal|hemsida|webbplats|app)\b)[\w-]+",
    re.IGNORECASE,
)


# the document comes with each request ("every request includes a 20-page contract"): no
# collection of the organisation's is searched
_SENT_WITH_EACH_RE = re.compile(
    r"\b(?:every|each) (?:request|question|query|call|prompt) (?:includes|contains|comes with|has)\b|"
    r"\b(?:uploads?|pastes?|attach\w*) (?:a|an|their|the) (?:\w+ )?(?:document|pdf|file|contract)\b",
    re.IGNORECASE,
)


# what is written, drawn from the texts ("responses from our past bids", "based on our
# playbook"); "photos from our archive" are the input, not a source
_DRAWN_FROM_RE = re.compile(
    r"\b(?:(?:responses|answers|replies|drafts?|proposals|offers|letters|texts|content|copy|"
    r"e-?mails?|svar|utkast|texter)\s+(?:from|out of|ur|från)|based on|drawing on|grounded in|"
    r"utifrån|baserat på|med stöd av)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
_CLAUSE_SPLIT_RE = re.compile(
    r"[.;!?\n]+\s*|,?\s+\band (?:we |I )?(?=want|need|would|wish|plan)|\s+\boch (?:vi )?(?=vill|behöver)",
    re.IGNORECASE,
)
# a preposition or verb that makes the texts the job's source: "about our FAQ", "from our wiki"
_SOURCE_BEFORE_RE = re.compile(
    r"\b(?:about|from|on|over|in|into|through|across|using|with|based on|of|search\w*|query|"
    r"ask\w*|answer\w*|index\w*|ingest\w*|knows?|om|från|utifrån|i|på|mot|ur|kring|"
    r"genom|sök\w*|kan)\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)


_CHANGES_RE = re.compile(
    r"\b(?:chang\w*|updat\w*|new (?:documents?|articles?|products?|entries|versions?|data)|added|"
    r"refresh\w*|revis\w*|publish\w*|edited|ändr\w*|uppdater\w*|nya|läggs till|tillkommer|byts)\b",
    re.IGNORECASE,
)


# what changes is the software, the model or a publication, not the data answers come from
_SOFTWARE_CHANGES_RE = re.compile(
    r"\b(?:app|apps|application|model|models|software|code|codebase|firmware|release|releases|"
    r"version|vendor|newsletter|ui|design|appen|modellen|programvaran|nyhetsbrev\w*)\b",
    re.IGNORECASE,
)
_DATA_NOUNS_RE = re.compile(
    r"\b(?:data|documents?|docs|articles?|products?|prices?|price ?lists?|catalog(?:ue)?|policies|"
    r"policy|wiki|knowledge ?base|content|manuals?|faq|entries|listings?|inventory|stock|rules|"
    r"dokument\w*|artiklar|produkter|priser|prislista\w*|innehåll\w*|regler)\b",
    re.IGNORECASE,
)


_NOT_A_NOUN = {"and", "or", "but", "so", "to", "by", "at", "in", "on", "for", "with", "och", "men"}


# what "static" may describe besides data: an address, a site, a reply, a method
_STATIC_OTHER_AFTER_RE = re.compile(
    r"\s*(?:ip|ip-\w+|sites?\s+generators?|assets?|hosting|greetings?|"
    r"repl(?:y|ies)|answers?|svar|responses?|messages?|välkomst\w*|meddelande\w*|typing|"
    r"analysis|\w*analys\w*|kod\w*|code|typ\w*|\w+\s+retrieval|retrieval|embeddings?|"
    r"(?:system\s+)?prompts?)\b",
    re.IGNORECASE,
)
_STORED_NOUNS_RE = re.compile(
    rf"\b(?:{STORED_NOUNS}|handbooks?|pdfs?|snapshot|collection|set of|rulings|records|"
    r"texts?|regulations?|sops?|materials?|menus?|files|pages|export|tickets|lectures|"
    r"kunskapsbas\w*|handbok\w*|handböcker\w*|datan?|arkiv\w*|text\w*|lag\w*|"
    r"material\w*|filer\w*|sidor\w*)\b",
    re.IGNORECASE,
)


def _static_data(text: str, m: re.Match) -> bool:
    """Whether "static" at `m` is said of the data: no other thing named after it, and data
    named in its sentence or the one before ("RAG over our handbook. It's pretty static")."""
    if _STATIC_OTHER_AFTER_RE.match(text, m.end()):
        return False
    sentences = re.split(r"(?<=[.!?\n])\s+", text[: m.start()])
    near = " ".join(sentences[-2:]) + text[m.start() : m.end() + 60].split(".")[0]
    return bool(_DATA_NOUNS_RE.search(near) or _STORED_NOUNS_RE.search(near))


def read_update_frequency(r: Read) -> Found | None:
    """How often the knowledge changes, where there is knowledge to answer from: a job that works
    through items one by one has none unless its own data is a source, so "the menu changes every
    week" (dish descriptions to write) or "15mg weekly" (a letter to summarise) set nothing."""
    found = _stated_update_frequency(r)
    if found and r.task in _BATCH_TASKS and not _answers_from_own_data(r):
        return None
    return found


def _answers_from_own_data(r: Read) -> bool:
    return bool((known := read_private_knowledge(r)) and known.value)


def _stated_update_frequency(r: Read) -> Found | None:
    """How often the data changes: a frequency said of the data changing, not of a workload
    ("300 pdfs that change weekly", not "20k calls every month")."""
    for name, pattern in _FREQ_RES:
        for m in pattern.finditer(r.text):
            around = r.text[max(0, m.start() - 50) : m.end() + 20]
            clause = re.split(r"[.;!?\n]", r.text[max(0, m.start() - 60) : m.start()])[-1]
            if _SOFTWARE_CHANGES_RE.search(clause) and not _DATA_NOUNS_RE.search(clause):
                continue  # "we update the app weekly": the software changes, not the data
            described = re.match(r"\s+([a-zåäö][\w-]*)", r.text[m.end() :], re.I)
            if (
                re.fullmatch(r"(?:daily|weekly|monthly|yearly|nightly|annual)", m.group(0), re.I)
                and described
                and described.group(1).lower() not in _NOT_A_NOUN
                and not _DATA_NOUNS_RE.fullmatch(described.group(1))
                # an adjective after a determiner: "a weekly newsletter", "our daily standup"
                and re.search(
                    r"\b(?:a|an|the|our|their|my|its|this|that|en|ett|vår|vårt|våra|den|det)\s+$",
                    r.text[max(0, m.start() - 8) : m.start()],
                    re.I,
                )
            ):
                continue  # "a weekly newsletter", "daily standup notes": what comes out that often
            if name == "static" and not _static_data(r.text, m):
                continue  # "a static greeting", "static CLIP retrieval", "en statisk IP"
            if name in ("realtime", "static") or _CHANGES_RE.search(around):
                if "quarter" in m.group(0).lower() or "kvartal" in m.group(0).lower():
                    continue  # no choice fits a quarter
                return Found(name, m.group(0))
    if r.task in ("question-answering", "chat") and (m := RECENT_RE.search(r.text)):
        # news, today's prices: facts newer than any model's training data
        return Found("daily", m.group(0), "news or current prices change daily")
    return None


def read_labeled_examples(r: Read) -> Found | None:
    if NO_OWN_DATA_RE.search(r.text):
        return Found(0, NO_OWN_DATA_RE.search(r.text).group(0))
    if not (
        LABELED_WORD_RE.search(r.text)
        or re.search(r"\bexamples?\b|\bpairs\b|exempel|trajector(y|ies)", r.text, re.I)
        or _FOR_TRAINING_RE.search(r.text)
    ):
        return None
    for m in LABELED_RE.finditer(r.text):
        if re.search(
            r"(?:rows|rader|frågor och svar|questions and answers)$", m.group(0), re.I
        ) and (not _FOR_TRAINING_RE.search(r.text)):
            continue
        value = _number_in(m.group(0))
        if value is not None:
            return Found(int(value), m.group(0))
    return None


def read_corpus(r: Read) -> Found | None:
    """A corpus is unlabelled text of one's own, named as such or as "N tokens of ... text"."""
    if not (NEW_DOMAIN_RE.search(r.text) or CORPUS_WORD_RE.search(r.text)):
        return None
    if m := CORPUS_RE.search(r.text):
        value = _number_in(m.group(0))
        if value is None:
            return None
        if m.group(3).lower().startswith(("word", "ord")):
            value *= 1.3
        return Found(int(value), m.group(0))
    return None


def read_latency(r: Read) -> Found | None:
    for name, pattern in _LATENCY_RES:
        for m in pattern.finditer(r.text):
            before = r.text[max(0, m.start() - 40) : m.start()]
            after = re.split(r"[.;!?\n]", r.text[m.end() : m.end() + 80])[0]
            if denied(r.text, m.start(), reach=6):
                continue  # "not in batches", "doesn't need to be instant": not asked for
            if name != "batch" and NEGATOR_RE.search(m.group(0)):
                continue  # "the answers don't need to come instantly" ("no rush" is a batch)
            if name != "batch" and _DECLINED_AFTER.match(after):
                continue  # "real-time translation is not crucial" (batches "so latency isn't")
            if name == "batch" and _UPDATED_BEFORE.search(before):
                continue  # "documents updated nightly": how often the data changes
            return Found(name, m.group(0))
    return None


_UPDATED_BEFORE = re.compile(
    rf"{UPDATE_WORDS}(?:\s+(?:once|every|each|on|at|by|via|in|a|an|the|varje|en))*\s*$",
    re.IGNORECASE,
)


# "real-time translation is not crucial", "real-time, however, is not required", "would be overkill"
_DECLINED_AFTER = re.compile(
    r"(?:(?!\b(?:but|men)\b).){0,60}?(?:\b(?:is|are)(?:\s+not|n'?t)\s+(?:\w+\s+)?(?:crucial|needed|"
    r"required|important|necessary|essential|critical|a must|a requirement)\b|"
    r"\b(?:would be|is|är) overkill\b|\b(?:is|are)(?:\s+not|n'?t)\s+a\s+(?:\w+\s+)?priority\b)|"
    r"[^,]{0,30}?\b(?:är|behövs)\s+inte\b|\s*(?:would be|vore) (?:nice|great|trevligt|bra|kul)\b|"
    r"[^,]{0,40}?\b(?:inget|inte ett|no) (?:krav|requirement)\b",
    re.IGNORECASE,
)


# an option listed among others ("cheaper alternatives (hosted open models, Haiku)") is weighed,
# not required
_LISTED_AMONG_RE = re.compile(
    r"(?:\balternatives?\b|\boptions?\b|\bsuch as\b|\blike\b|\be\.g\.|\bvs\.?|\bversus\b|"
    r"\bcompared?\b|\balternativ\b|\bsåsom\b|\(|\bor\b|\beller\b)[^.;:!?]{0,30}$",
    re.IGNORECASE,
)


# open weights asked for: needed, required, the only kind allowed, or the kind looked for; "open
# models can do this", "which of the open models worked best" speak of them, and "would be nice but
# not a requirement", "we can't use open models" decline
_OPEN_WANTED_RE = re.compile(
    r"\b(?:needs?|needed|must|has to|have to|required|requirements?|requires?|policy|"
    r"looking for|look for|(?:want|wants|wanted)(?! to (?:see|test|try|compare|evaluate|know|check)\b)|"
    r"seeking|insist\w*|\w*krav|måste|behöver|vill|söker)\b|\b(?:which|what|vilken|vilka) open|"
    r"\bvilk(?:en|a) öppn|\b(?:only|endast|bara|enbart) (?:open|öppn)|"
    # "vi får bara använda modeller med öppna vikter" ("I've only tried open models" is no rule)
    r"\b(?:only|endast|bara|enbart)\s+(?:use|using|run|använda|köra)\s+(?:\w+\s+){0,2}?(?:open|öppn)",
    re.IGNORECASE,
)
_OPEN_ONLY_AFTER_RE = re.compile(
    r"\s*(?:models?|llms?|modeller)?\s*(?:only|endast|enbart)\b", re.IGNORECASE
)
# a list of requirements the item stands in: "what we need is: 1. ... 2. open source LLMs"
_REQUIREMENTS_LIST_RE = re.compile(
    r"\b(?:need|needs|requirements?|must[- ]haves?|krav|behöver)\b[^.\n:]{0,25}:[^:]*$",
    re.IGNORECASE,
)
_OPEN_DECLINED_RE = re.compile(
    r"\b(?:not|isn'?t|aren'?t) (?:a |an )?(?:\w+ )?(?:requirement|must|required|necessary)\b|"
    r"\bpreferred\b|\bpreferably\b|\bhelst\b|\bgärna\b|\bavoid\w*|\bundvik\w*|\bstay away\b|"
    r"\bno requirement\b|\bnice to have\b|\bwould be nice\b|\b(?:inget|inte ett) (?:krav|måste)\b|"
    r"\bbehöver inte\b|\b(?:don'?t|doesn'?t|do not|does not) (?:need|have to|care)\b|\bno need\b|"
    r"\b(?:can'?t|cannot|can not|may not|must not|mustn'?t) use\b|\bforbid\w*|\bprohibit\w*|"
    r"\bnot allowed\b|\bfår inte\b|\bbanned\b|\bfine too\b|\bgår också bra\b",
    re.IGNORECASE,
)


# a kind accepted, not required: "a closed model via API is fine too"
_ACCEPTED_RE = re.compile(
    r"\b(?:is|are|would be) (?:\w+ )?(?:fine|ok|okay|acceptable)\b|\bgår (?:också )?bra\b|\bduger\b",
    re.IGNORECASE,
)


def read_license(r: Read) -> Found | None:
    for m in OPEN_RE.finditer(r.text):
        if _LISTED_AMONG_RE.search(r.text[max(0, m.start() - 40) : m.start()]):
            continue
        sentence = sentence_of(r.text, m.group(0))
        wanted = (
            re.search(r"\bonly\b", m.group(0), re.I)
            or _OPEN_WANTED_RE.search(sentence)
            or _OPEN_ONLY_AFTER_RE.match(r.text, m.end())
            or _REQUIREMENTS_LIST_RE.search(r.text[max(0, m.start() - 150) : m.start()])
        )
        # ("måste vara open source, annars får vi inte använda den": what follows if not)
        stated = re.split(r"\b(?:annars|otherwise|or else)\b", sentence, flags=re.I)[0]
        if wanted and not _OPEN_DECLINED_RE.search(stated):
            return Found("open-weights", m.group(0))
    for m in PROPRIETARY_RE.finditer(r.text):
        # "a closed model via API is fine too" accepts; "open-source vs proprietary" weighs
        if not _ACCEPTED_RE.search(sentence_of(r.text, m.group(0))) and not _LISTED_AMONG_RE.search(
            r.text[max(0, m.start() - 40) : m.start()]
        ):
            return Found("proprietary", m.group(0))
    return None


# a person in a role ("support agents", "human agents"): no software agent with tools
_AGENT_PERSON_RE = re.compile(
    r"\b(?:support|human|service|sales|call[- ]?cent(?:er|re)|contact[- ]cent(?:er|re)|customer|"
    r"help ?desk|live|travel|insurance|real[- ]estate)\s+$",
    re.IGNORECASE,
)
# fine-tuning weighed against another approach ("fine-tuning or RAG?", "is fine-tuning worth
# it"): a question the advice answers, not a need of the model
_WEIGHED_APPROACH_RE = re.compile(
    r"\b(?:or|vs\.?|versus|instead of|compared|eller|than|beats?|outperforms?)\b[^.;?!]{0,40}\b(?:rag|retrieval|"
    r"prompt\w*|few[- ]shot)\b|\b(?:rag|retrieval|prompt\w*)\b[^.;?!]{0,20}\b(?:or|vs\.?|versus|"
    r"eller)\b|\bworth (?:it|the)|\bwhether (?:to|we|i)\b|\bvärt det\b|\bom vi ska\b",
    re.IGNORECASE,
)


_PEOPLE_DO_IT_RE = re.compile(
    r"\b(?:agents|staff|employees|colleagues|people|humans|operators|clerks|nurses|advisers|"
    r"advisors|our team|handläggare|anställda|personal(?:en)?|medarbetare)\b",
    re.IGNORECASE,
)
_MODEL_DOES_IT_RE = re.compile(
    r"\b(?:bot|chatbot|assistant|model|ai|llm|it|agent|system should|boten|assistenten|modellen)\b",
    re.IGNORECASE,
)


_KEPT_RE = re.compile(
    r"\b(?:store|stores|stored|storing|save|saves|saved|keep|keeps|kept|log|logs|logged|spara\w*|"
    r"lagra\w*|spar)\b",
    re.IGNORECASE,
)


def _stated(r: Read, need: str, m: re.Match) -> bool:
    """Whether a match states the need, not a person called an agent or an approach weighed."""
    before = r.text[max(0, m.start() - 30) : m.start()]
    if need == "function-calling" and m.group(0).lower().startswith("agent"):
        return not _AGENT_PERSON_RE.search(before)
    if need == "function-calling":
        clause = re.split(
            r"[.;:!?\n]|\b(?:and|but|so|och|men)\b", r.text[max(0, m.start() - 80) : m.start()]
        )[-1]
        if _PEOPLE_DO_IT_RE.search(clause) and not _MODEL_DOES_IT_RE.search(clause):
            return False  # "support agents use a CRM system to look up accounts": people do it
    if denied(r.text, m.start()):
        return False  # "we don't want to train a model", "no function calling needed"
    if need == "json-output" and _KEPT_RE.search(before + m.group(0)):
        return False  # "we store the answers as JSON": how data is kept, not what the model writes
    if need == "fine-tunable":
        sentence_start = max(r.text.rfind(c, 0, m.start()) for c in ".;?!\n") + 1
        sentence_end = min(
            [i for i in (r.text.find(c, m.end()) for c in ".;?!\n") if i >= 0] or [len(r.text)]
        )
        return not _WEIGHED_APPROACH_RE.search(r.text[sentence_start:sentence_end])
    return True


# a job done on what the images show
_IMAGE_JOB_RE = re.compile(
    r"\b(?:read\w*|extract\w*|classif\w*|categori[sz]\w*|describ\w*|descript\w*|understand\w*|analy[sz]\w*|"
    r"recogni[sz]\w*|process\w*|tag\w*|caption\w*|answer\w*|pull\w*|parse\w*|digiti[sz]\w*|"
    r"ocr|transcrib\w*|läs\w*|tolka\w*|extrahera\w*|klassificera\w*|sortera\w*|plocka\w*|"
    r"analysera\w*|känna igen)\b",
    re.IGNORECASE,
)


def _read_by_the_model(r: Read, m: re.Match) -> bool:
    """Images the model reads: a job named on them in their sentence, or a job that reads
    documents ("I attached a screenshot of the error" is none)."""
    return bool(_IMAGE_JOB_RE.search(sentence_of(r.text, m.group(0)))) or r.task in (
        "extraction",
        "classification",
        "question-answering",
    )


def images_read(r: Read) -> re.Match | None:
    """The words saying the model reads images ("read the numbers off the photos")."""
    return next((m for m in VISION_INPUT_RE.finditer(r.text) if _read_by_the_model(r, m)), None)


def read_images_made(r: Read) -> Found | None:
    """Images to generate a month (the field's meaning): photos a vision job reads, or that the
    text says the model reads ("snap 300 photos a day; read the numbers off them"), are none
    made; another job may make images besides ("a header image for each post")."""
    if r.task == "vision" or (r.task != "image-generation" and images_read(r)):
        return None
    return read_images(r)


def read_needs(r: Read) -> Found | None:
    needs, evidence = [], []
    for need, pattern in NEEDS_RES.items():
        if m := next((m for m in pattern.finditer(r.text) if _stated(r, need, m)), None):
            needs.append(need)
            evidence.append(m.group(0))
    m = images_read(r)
    if m and r.task == "image-generation":
        m = None  # pictures made, not read
    if r.task == "vision" or m:
        needs.append("vision-input")
        evidence.append("vision" if r.task == "vision" else m.group(0))
    return Found(list(dict.fromkeys(needs)), "; ".join(evidence)) if needs else None


def read_resources(r: Read) -> Found | None:
    for name, pattern in (("high", HIGH_RES_RE), ("medium", MEDIUM_RES_RE), ("low", LOW_RES_RE)):
        if m := pattern.search(r.text):
            return Found(name, m.group(0))
    return None


def read_priority(r: Read) -> Found | None:
    value = priority(r.text)
    return Found(value, value) if value else None


def read_languages(r: Read) -> Found | None:
    """Languages named in words. The language the text is written in does not count: a Swedish
    and an English wording of one case must read the same (the faces answer in the writer's
    language, which `Reading.signals["written_in"]` gives them)."""
    codes = languages(r.text)
    return Found(codes, "named") if codes else None


VISION_INPUT_RE = re.compile(
    # pictures by name, read only where a job is done on them (_read_by_the_model)
    r"\b(?:images?|photos?|photographs?|pictures?|pics|footage|camera(?: feeds?| streams?)?|"
    r"video frames?|bilder(?:na)?|foton?|fotografier(?:na)?|kamera\w*)\b|"
    r"\b(photos?|screenshots?|scans?) (of|from)\b|\bscanned\b|\bimages? of (receipts|invoices|documents|forms)|"
    r"\b(?:take|takes|taking|snap|snaps|snapping) (?:a |the )?(?:picture|photo|pic)s?\b|\b(?:jpe?g|png|heic)s?\b|"
    r"\b(från|på|ur) (foton|fotografier|bilder|skärmdumpar)\b|\bskannade\b|\bröntgenbilder\b|"
    r"\bfoton? (av|på) (kvitton|fakturor|dokument)",
    re.IGNORECASE,
)

# jobs that work through documents one by one: what they translate, summarise, tag, read out
# or rewrite is a batch processed, not a collection answered from (the corpus guidelines)
_BATCH_TASKS = ("translation", "summarization", "classification", "extraction", "text-generation",
                "speech-to-text", "text-to-speech", "vision", "image-generation")  # fmt: skip


def read_document_count(r: Read) -> Found | None:
    """The documents' count, where they are a collection: a count of documents a job works
    through one by one ("translate our 300 product sheets") is a batch, unless they are also a
    source ("drafting from our past bids, about 250 documents"); one named document stays one."""
    found = read_documents(r)
    if found and found.value > 1 and r.task in _BATCH_TASKS and not _answers_from_own_data(r):
        return None
    return found


READERS = {
    "images_per_month": read_images_made,
    "data.sensitive": read_sensitive,
    "data.private_knowledge": read_private_knowledge,
    "data.document_count": read_document_count,
    "data.update_frequency": read_update_frequency,
    "data.labeled_examples": read_labeled_examples,
    "data.domain_corpus_tokens": read_corpus,
    "latency": read_latency,
    "license": read_license,
    "needs": read_needs,
    "resources": read_resources,
    "priority": read_priority,
    "languages": read_languages,
}
