"""The task a use case describes: what the model is asked to do, read from the words that name a
job, with meaning (advisor/intake/task_meaning.py) deciding between jobs and checking them.

A job is named by a verb with what it works on ("summarise support tickets", "tagga ärenden"),
a noun for the job ("a chatbot", "sentiment analysis", "RAG") or a model that does only that job
(Whisper transcribes). Words that only hint at a job ("developers", "audio", "emails") add to a
named job but name none on their own, and "LLM" or "language model" names none at all: questions
about hardware or price describe no job, and are left unset and asked (issue 21).
"""

from __future__ import annotations

import functools
import re

from .cues import denied

# a bot or agent that talks with people by voice ("phone agents" alone are people at phones)
VOICE_CONVERSATION = (
    r"\bvoice[- ]?(?:assistant|agent|bot|chat ?bot)s?\b|\b(?:telephony|phone|calling)[- ]?bots?\b|"
    r"\b(?:ai|virtual|automated) (?:phone|calling|telephony) agents?\b|\btelephony agents?\b|"
    r"\bröst(?:bot|assistent)\w*"
)
# (pattern, weight) per task. A weight of JOB (3) or more names the job; less only hints at it.
JOB = 3
# texts written, but not alt texts: an alt text is written for a picture, and seeing it is the job
# (a vision cue)
_TEXTS = r"(?<!alt )(?<!alt-)texts?"
TASK_PATTERNS: dict[str, list[tuple[str, float]]] = {
    "speech-to-text": [
        (r"\btranscri(be|bed|bes|bing|ption|ptions)\b|\btranskriber\w*", 3),
        # transcripts wanted of what was spoken ("transcripts of our 600 support calls")
        (
            r"\b(?:need|want|get|make|produce|create)\w* (?:\w+ ){0,2}transcripts? of (?:\w+ ){0,3}"
            r"(?:calls|meetings|interviews|recordings|podcasts|lectures|videos|sessions|hearings)\b",
            3,
        ),
        (
            r"speech[- ]to[- ]text|voice[- ]to[- ]text|speech recognition|\basr\b|\bstt\b|\bvtt\b|\bdictat\w*|"
            r"taligenk\w*|\bvoice (?:control|commands?)\b|\bröststyr\w*|"
            r"\bdiktering|\bdikter(ar|a|ade|as)\b",
            3,
        ),
        (
            r"\bsubtitl\w*|\bundertext\w*|\b(?:live|closed|real[- ]?time)[- ]?caption(?:s|ing)?\b"
            r"(?!(?:\s+[\w-]+){0,2}\s+(?:for|of|från|av)\s+(?:\w+\s+){0,2}(?:images?|photos?|"
            r"pictures?|bilder|foton))|\b(?:live|realtids)-?textning\w*",
            3,
        ),
        # who spoke when: speaker labels come from the audio
        (
            r"\bdiari[sz]\w*|\bspeaker (recognition|identification|labels?)|\bidentify (the )?"
            r"(people|persons?|speakers?) (speaking|talking)|\bwho said what\b",
            3,
        ),
        (r"\b(faster[- ])?whisper(\.cpp|x)?\b", 3),  # a model that only transcribes
        (r"\b(write|writes|writing|take|takes|taking) down what\b|\bskriv\w* ner (allt )?vad\b", 3),
        # recorded speech is the input: it is heard before anything else is done with it
        (
            r"\b(recorded|recordings?|voice notes?|voice memos?|audio files?|dictations?|"
            r"audio (?:interviews?|clips?|messages?|diar(?:y|ies))|"
            r"\.?(wav|mp3|m4a) files?|inspelade|inspelningar\w*|spelar in|ljudfil\w*)\b|"
            r"\brecord(s|ing)? (\w+ ){0,2}(calls|meetings|interviews|conversations|memos|lectures|"
            r"podcasts)\b",
            3,
        ),
        (r"\b(audio|podcasts?|phone calls?|memos)\b", 1),
        # a summary of calls, meetings or interviews starts from their recordings, unless the
        # text says they arrive as text ("typed up", "transcripts"; minutes are text already)
        (
            r"\b(?:summar\w*|takeaways|action items)\s+(?:of|from|for)\s+(?:\w+\s+){0,2}?"
            r"(?:sales\s+|support\s+|customer\s+|client\s+|phone\s+|zoom\s+|teams\s+|video\s+)?"
            r"(?:calls|meetings|interviews|podcasts|recordings)\b(?![^.]*\b(?:typed|transcripts?|"
            r"transcribed|written up|as text)\b)",
            4,  # as strong as the summary named with it: the pipeline starts with the recording
        ),
    ],
    "text-to-speech": [
        (
            r"text[- ]to[- ]speech|\btts\b|read (it |them |\w+ ){0,3}aloud|\baloud\b|\bout loud\b|"
            r"voice[- ]?over",
            3,
        ),
        (
            r"\bnarrat\w*|audiobooks?|spoken version|\bsynthes\w* (a )?voices?|talsyntes|\bläs(?:a|er|es) upp|"
            r"\bläses upp|högläs\w*|uppläsning|\belevenlabs\b|\bpiper tts\b",
            3,
        ),
    ],
    "image-generation": [
        (
            r"\b(generat(e|es|ed|ing)|creat(e|es|ed|ing)|mak(e|es|ing)|draw(s|ing|n)?|design(s|ed|ing)?|"
            r"produc(e|es|ed|ing)) (\w+ ){0,3}(images?|pictures?|"
            r"illustrations?|art|logos?|artwork|icons?|visuals?|graphics|banners?|thumbnails?|"
            r"posters?|mock-?ups?)\b(?![- ]to[- ])",  # "image-to-caption" reads images
            4,
        ),
        (r"image generation|text[- ]to[- ]image|stable diffusion|\bsdxl\b|midjourney|dall-?e", 3),
        (
            r"\b(skapa|göra|ta fram|generera)\w* (\w+ ){0,3}(bilder|grafik|illustrationer|logg?or)\b",
            4,
        ),
        (r"\billustrations?\b|\bartwork\b|\blogos?\b|\bbilder\b", 1),
    ],
    "vision": [
        (
            r"\b(describe|read|understand|analy[sz]e|caption|inspect|interpret|recogni[sz]e|look at|"
            r"check)\w* (\w+ ){0,4}(images?|photos?|pictures?|charts?|screenshots?|diagrams?|scans?|"
            r"x-rays?|camera (images?|feeds?)|frames|videos?)\b",
            4,
        ),
        (
            r"image understanding|visual question|\bvision\b|\bfrom (a |the )?(photos?|images?|"
            r"screenshots?|camera images?)\b|\bvideo (understanding|analysis|captioning)\b|\byolo\b",
            3,
        ),
        (
            r"\b(läsa|tolka|analysera|förstå|känna igen|granska|beskriv)\w* (\w+ ){0,3}(bild(er|erna)?|"
            r"foto(n|na|grafier|grafierna)?|röntgenbild\w*|skärmdump\w*)\b|\bfrån foton\b|\bbildanalys\b",
            4,
        ),
        # what only a model that sees can do: find things in pictures or footage, read
        # handwriting or number plates, write alt texts or captions for images
        (
            r"\bobject detection\b|\b(detect|spot|find|count|locat)\w* (\w+ ){0,3}(in|on|from) ([\w-]+ ){0,3}"
            r"(images?|photos?|pictures?|cameras?|cams?|videos?|frames|footage)\b|"
            r"\b(image|photo|picture|vision)[- ]based\b|\bhand[- ]?writ\w*|\bhandskriv\w*|"
            r"\balt[- ]?te(xt|xts|xter)\b|\bimage[- ]to[- ](caption|text)\b|"
            r"\b(image|photo|picture) captions?\w*|\b(licen[cs]e|number) plates?\b|\bregistreringsskylt\w*",
            3,
        ),
        (r"\bocr\b|\bphotos?\b|\bfoton?\b", 1),
    ],
    "embeddings": [
        (
            r"\bsimilar (\w+ ){0,2}(documents|tickets|items|texts|products|cases|questions)|"
            r"similarity|semantic search|vector search|\bsearch (\w+ ){0,3}by meaning\b|\bdedup|"
            r"near[- ]duplicates?|\bclustering\b|\bcluster (\w+ )?(documents|texts|tickets|items|"
            r"messages|reviews|articles|feedback)",
            3,
        ),
        (r"\bfind (related|matching|similar)\b|\brecommend (similar|related)", 3),
        (r"liknande|semantisk sökning|dubbletter", 3),
        # the model asked for is one that embeds ("select an embedding model", "RAG embeddings")
        (r"\bembedding models?\b|\b(?:rag|text|sentence) embeddings\b|\bembedders?\b", 3),
        (r"\bembeddings?\b|\bsimilar\b", 1),
    ],
    "translation": [
        (
            r"\btranslat\w*|\blocali[sz]\w*|\bfrom (english|swedish|spanish|german|french) (in)?to\b",
            4,
        ),
        (r"översätt\w*|översättning\w*", 4),
    ],
    "code-generation": [
        (
            r"\b(write|writes|writing|generate|generates|generating|complete|completing|review|reviewing|explain|"
            r"explaining|refactor\w*|debug\w*|fix|fixing)\b (\w+ ){0,3}(code|sql|queries|scripts?|"
            r"functions?|programs?|unit tests?|tests|test cases|error messages|stack ?traces?|python|"
            r"javascript|typescript|java|c\+\+|c#|rust|golang|bash|shell scripts?|html|css)\b",
            4,
        ),
        (
            r"\bcode (review|completion|generation|assistant|suggestions? for)|\bcoding "
            r"(assistant|agent|copilot|help|models?|llms?)|\bcode (models?|llms?)\b|\bcopilot\b|\bpull requests?\b|\bswe[- ]?bench\b|"
            r"\btabnine\b|\bsupermaven\b|\bcodeium\b|\bcursor tab\b|"
            r"\bunit tests\b|\b(text|nl|natural[- ]language)[- ]?(to|2)[- ]?sql\b|\bsql (from|queries from)\b",
            3,
        ),
        # a question in words made into a query: the model writes SQL, whatever answers it after
        (
            r"\b(convert|converted|converting|translat\w*|turn|turns|turned|turning)\b (\w+ ){0,4}"
            r"(to|into) sql\b|\b(formulate|compose|construct|build|produce|draft)\w* (\w+ ){0,3}"
            r"sql\b",
            4,
        ),
        (
            r"\b(skriva|generera|granska|förklara)\w* (\w+ ){0,3}(kod|sql|program)\b|"
            r"\bkod(assistent|granskning|hjälp)\w*|\bprogrammeringshjälp",
            4,
        ),
        # completion in an editor, for programmers, is completing code
        (
            r"\bauto-?complet\w*\b(?=[^\n]{0,200}\b(?:copilot|ide|editor|programmers?|coding|code|vs ?code|"
            r"neovim|n?vim|emacs|jetbrains|tabnine|supermaven)\b)|\b(?:copilot|ide|editor|programmers?|coding|"
            r"vs ?code|neovim|n?vim|emacs|jetbrains|tabnine|supermaven)\b[^\n]{0,200}\bauto-?complet\w*|"
            r"\b(?:inline|tab) (?:auto-?)?complet\w*",
            4,
        ),
        (
            r"\bcode\b|\bcoding\b|\bdevelopers?\b|\bpython\b|\bjavascript\b|\btypescript\b|"
            r"\bvs ?code\b|\bide\b|\bautocomplete\b|"
            r"\bbugs?\b|\butvecklare\b",
            1,
        ),
    ],
    "summarization": [
        (r"\bsummar\w*|\bsummaris\w*|\btl;?dr\b|\bcondense|\bdigest\b|\bsynopsis|\bgist\b", 4),
        # as typed in a hurry: "sumarizing", "summerize", "sumary"
        (r"\bsumari[sz]\w*|\bsummeri[sz]\w*|\bsumar(?:y|ies)\b", 4),
        (r"sammanfatt\w*|sammandrag", 4),
        (r"meeting notes|\bmeeting minutes|\bminutes of (the|our|each) \w*\s?meetings?", 2),
    ],
    "classification": [
        (
            r"\bclassif\w*|\bcategori[sz]\w*|\bintent (detection|recognition|classification)\b|"
            r"\bsentiment\b|\bmoderat(e|ion|ing)\b|\bspam\b|\btriage|\broute (\w+ )?(tickets|emails|"
            r"messages|requests|cases)",
            3,
        ),
        # (tickets "labelled" or "tagged" already are examples to learn from, not the job)
        (
            r"\b(tickets?|e-?mails?|mails?|messages?|reviews?|documents?|support|comments?|posts?)[- ]"
            r"(tagging|labell?ing|routing|triage|categori[sz]ation|classification|sorting)\b|"
            r"\bwith one of \d+|\binto \d+ (categories|classes|types)|\b(tag|label)(s|ging|ling)? "
            r"(\w+ ){0,2}(tickets|e-?mails|mails|messages|reviews|posts|comments|documents|cases|"
            r"claims|items|images|photos|transactions|reports|requests|feedback|articles|products|"
            r"files|pages)",
            3,
        ),
        # "assign each claim a damage code": a label from a fixed set, not program code
        (
            r"\b(assign|give|label)\w* (each|every|all|the|a) (\w+ ){0,4}(an? |one )?(\w+ )?(codes?|"
            r"categor(y|ies)|labels?|class(es)?)\b|\btilldela\w* (\w+ ){0,3}(en )?(\w+)?(kod|"
            r"kategori|etikett)",
            5,
        ),
        (r"\bscore (\w+ ){0,3}as\b|\bas (\w+ ?/ ?){1,3}\w+\b", 3),  # "score leads as hot/warm/cold"
        # sorted, routed or tagged into a list of named classes: "sorterar dom (vvs, el, lås, övrigt)"
        (
            r"\b(sort|sorts|sorted|sorting|sortera\w*|route\w*|label\w*|tag\w*|flag\w*|classify)\b"
            r"[^.()]{0,40}\((\s*[\w/ -]+,){2,}",
            3,
        ),
        (
            r"klassific\w*|\bklassa(r|de|s)?\b|kategori(sera|serar|sering)\w*|\btagga\w*|\bsortera\w* (\w+ ){0,2}"
            r"(ärenden|mejl|mail|anmälningar)|\bsentiment\w*|\bkonter(a|ar|ing)\b|"
            r"\brätt (avdelning|förvaltning|handläggare|enhet|team|kö)\b|\bmärka upp\b|"
            r"\b(per|efter|by|into) (kategori|kategorier|category|categories)\b",
            3,
        ),
        (r"\bintent\b|\bflag\w*|\bdetect(ion)?\b|\bfraud\b|\bbedrägeri\w*", 1),
    ],
    "extraction": [
        (
            r"\bextract|\bpull(ed|s|ing)? out\b|\bnamed entit|\bfields? from\b|\bstructured data\b|"
            r"\bas json\b|\breturn (\w+,? ){1,6}(and )?(\w+ ){0,4}as json|\bfill (in )?(a )?form",
            4,
        ),
        (
            r"\b(read|pull|get|take)\w* (out )?(\w+ ){0,3}(amounts?|totals?|dates?|due dates?|"
            r"invoice numbers?|names and|fields)\b",
            3,
        ),
        (r"extrahera|\bläsa ut\b|\bplocka ut\b|\bläser ut\b|\bhämta ut\b", 4),
        # fields or tables parsed or pulled out of documents
        (
            r"\bpars(?:e|es|ing) (\w+ ){0,3}(fields?|tables?|data|values|line items)\b|"
            r"\bpull(?:s|ing)? (\w+ ){0,3}(tables?|fields?|data|values) out\b|"
            r"\b(?:[\w-]+,\s+){1,4}(?:[\w-]+\s+)?and\s+(?:the\s+)?(?:total|amount|date|sum|name)s?\s+out of\b",
            3,
        ),
        (
            r"\b(läsa|föra in|få ut|plocka|hämta|ta ut)\w* (ut )?(\w+ ){0,3}(belopp\w*|datum|"
            r"förfallodatum|namn|fält|summor|totalbelopp)\b",
            3,
        ),
        (r"\b(invoices?|receipts?|cvs?|resumes?|contracts?) and (return|pull|get)", 2),
    ],
    "question-answering": [
        (
            r"\banswer\w* (\w+'?s? ){0,4}questions?\b|\bq ?& ?a\b(?! (pairs|data|datasets?|examples))|\bquestion(s|ing)?[- ]answering\b|\bfaq[- ]?bots?\b|\bquestions? (about|on|over|"
            r"from) (our|the|their|its|my)\b|\bask(ing)? questions\b|\bask(s|ed|ing)? (\w+ ){0,2}about "
            r"(my|our|the) (\w+ )?(docs|documents|files|pdfs|manuals?|wiki|data)\b",
            4,
        ),
        # tools made for one job, answering from documents put into them ("AnythingLLM",
        # "localGPT"), and documents ingested or questions asked of them
        (
            r"\banything-?llm\b|\blocal-?gpt\b|\bprivate-?gpt\b|\bh2o-?gpt\b|\bkotaemon\b|"
            r"\bingest\w* (\w+ ){0,3}(docs|documents|pdfs?|files|books?|txt|manuals?)\b|"
            r"\basked (\w+ ){0,1}questions\b",
            3,
        ),
        (
            r"\bhelp ?desk\b|\bknowledge base\b|\bask (our|the|my) (docs|documentation|wiki|pdfs?|"
            r"documents|manuals?)|\brag\b|\bretrieval\b|\bchat with (our|my|the) (docs|documents|"
            r"pdfs?|files|data)",
            3,
        ),
        (r"\banswer(ed|s|ing)? (\w+ ){0,2}from (our|the|their|its)\b", 3),
        (r"\bsvar\w* (\w+ ){0,3}(från|utifrån|ur) (vår|vårt|våra|den|de|dess)\b", 3),
        (
            r"svara\w* på (\w+ ){0,2}frågor|\bfrågor om\b(?! (dagen|veckan|månaden|året))|besvara|"
            r"\bfråga om\b|\bställa frågor\b|\bfråga\w* mot\b|"
            r"\bfrågebot\w*|kunskapsbas",
            4,
        ),
        # a bot over the organisation's documents or FAQ answers from them (the guidelines)
        (
            r"\b(?:chat ?bots?|bots?|assistants?)\s+(?:\w+\s+){0,3}?(?:over|on|for|about|from|answering)\s+"
            r"(?:our|the|my|its|their)\s+(?:\w+\s+)?(?:docs|documentation|documents|wiki|manuals?|"
            r"knowledge ?base|help ?cent(?:er|re)|faqs?)\b|"
            # a Swedish bot said to answer from the organisation's documents
            r"\b(?:chatt?bot\w*|bot(?:ar|en|arna)?|assistent\w*)\s+som\s+svarar\s+(?:på\s+frågor\s+)?"
            r"(?:utifrån|från)\s+(?:vår|vårt|våra)\s+(?:\w+\s+)?(?:dokumentation|dokumenten|dokument|wiki\w*|"
            r"manual(?:en|er|erna)?|handbok\w*|handböcker\w*|kunskapsbas\w*|confluence|sharepoint|notion)\b|\bfaq\b(?!\s+page)",
            3,
        ),
    ],
    "chat": [
        (
            r"\bchat ?bots?\b|\bchat assistant\b|\bconversational\b|\bcompanion\b|\btalk to\b|"
            r"(?<!voice )(?<!voice-)\bbots?\b",
            3,
        ),
        (r"chattbot\w*|\bchatt(en)?\b", 3),
        # an assistant named as what is built ("an AI assistant", "en AI-assistent", "personal
        # assistant") is a conversational one (the corpus guidelines)
        (
            r"\b(?:ai|personal|virtual|digital|internal|intern)[- ](?:assistant|assistent)\w*|"
            r"\bai-assistent\w*",
            3,
        ),
        # a voice bot or assistant talks with its users: a conversation, heard and spoken (the
        # corpus guidelines, decided at stop 34), as is chatting with people
        (
            VOICE_CONVERSATION + r"|"
            r"\bchat(s|ting|ted)? (with|to) (the |our |its )?(players|customers|users|students|visitors|"
            r"patients|guests|members|clients|staff|employees|people|the bot|an? ai)\b|"
            r"\bchats? (a|per) (day|week|month)\b|\bchats? on (the|our) (\w+ )?(widget|site|website|app)\b",
            3,
        ),
        (
            r"\bchat\b|\bassistant\b|\bassistent\w*|\bagent\b|\bconversations?\b",
            2,
        ),
    ],
    "text-generation": [
        (
            r"\bwrite?s? (\w+ ){0,3}(emails?|e-mails?|letters?|posts?|articles?|copy|descriptions?|"
            r"replies|responses|stories|poems?|essays?|reports?|notes|" + _TEXTS + r"|messages?|"
            r"newsletters?)\b|"
            r"\bwriting (\w+ ){0,2}(emails?|letters?|posts?|articles?|copy|descriptions?|replies|"
            r"stories|essays?|" + _TEXTS + r")\b|\bdraft\w*|\bcompos(e|es|ing) (\w+ ){0,2}(emails?|"
            r"e-mails?|letters?|replies|messages?|" + _TEXTS + r"|posts?|answers?)\b|"
            # "generating text" with no kind of text named is what any language model does
            r"\bgenerat\w* (?!(?:the|a|an|some|more|any)\s+texts?\b)(\w+ ){1,3}" + _TEXTS + r"\b|"
            r"\bgenerat\w* (\w+ ){0,3}(copy|"
            r"descriptions?|messages?|emails?|posts?|quiz(zes)?|questions|exercises|letters?)\b|"
            # (autocomplete is an editor's: code, named with the code-generation cues)
            r"\bcopywrit|\bmarketing copy|\bcomplete (notes|sentences)|"
            r"\bslogans?\b",
            3,
        ),
        (
            r"\b(answer|reply to|respond to)\w* (\w+ ){0,2}(emails?|e-mails?|letters?|reviews?|mejl)\b|"
            r"\bsuggest\w* (\w+ ){0,2}(replies|answers|responses)\b|\bföreslå\w* (\w+ ){0,2}svar\b|"
            r"\b(descriptions?|copy|emails?|posts?|letters?|replies) written (for|from|by)\b|"
            r"\bsvara\w* på (\w+ ){0,2}(mejl|mail|e-post|brev|recensioner)\b",
            3,
        ),
        # texts rewritten, or named by what they are written for: "rewrite the reminders",
        # "SEO descriptions", "produkttexter", "skriver om dem"
        (
            r"\b(?:re-?writ\w*|rephras\w*|paraphras\w*)\b|\bclean(?:s|ing)? up (\w+ ){0,3}(titles|texts|"
            r"descriptions|copy|listings)\b|(?<!our )(?<!my )(?<!their )(?<!existing )"
            r"\bseo\s+(?:descriptions|texts|copy|titles)\b|\bgenerator\w* (?:for|av) \w*text\w*|"
            # "skriva om texterna" is rewriting them; "skriver om sina problem" is writing about
            r"\bskriv\w* om (?!(?:sina|sin|sitt|hur|vad|att|detta|varandra)\b)(?:dem|den|det|texten|"
            r"texterna|breven|brevet|mejlen|mejlet|\w+(?:na|en|et))\b(?! (?:om|på)\b)|\bomformulera\w*|"
            r"\bgenerera\w* (\w+ ){0,3}\w*(frågor|texter|mejl|inlägg|beskrivningar)\b",
            3,
        ),
        # correcting language is writing it: "rättar stavning", "proofread the newsletter"
        (
            r"\bproof-?read\w*|\bcorrect\w* (\w+ ){0,2}(spelling|grammar|typos)\b|"
            r"\brätta\w* (\w+ ){0,2}(stavning\w*|grammatik|språket|stavfel)\b|\bkorrekturläs\w*",
            3,
        ),
        # Swedish joins words: "platsannonser", "produkttexter" end in what is written
        (
            r"\bskriv\w* (\w+ ){0,3}\w*(mejl|mail|brev|texter|text|inlägg|nyhetsbrev|anteckningar|"
            r"svar|annonser|beskrivningar|artiklar)\b|generera (\w+ ){1,3}text\w*|utkast",
            3,
        ),
        (r"\b(replies|responses|messages|emails?|e-mails?|descriptions|posts|letters|notes)\b", 1),
    ],
}
_TASK_RES = {
    task: [(re.compile(p, re.IGNORECASE), w) for p, w in pats]
    for task, pats in TASK_PATTERNS.items()
}


def rule_scores(text: str) -> dict[str, float]:
    """The rules' score per task that any rule fires for, in TASK_PATTERNS order. A cue denied
    in its clause ("ingen kan programmera") does not count."""
    return {task: score for task, (score, _) in _scores(text).items()}


def job_scores(text: str) -> dict[str, float]:
    """The rules' scores of the tasks that a job cue names (a weight of JOB or more fired)."""
    return {task: score for task, (score, named) in _scores(text).items() if named}


def _scores(text: str) -> dict[str, tuple[float, bool]]:
    """(score, whether a job cue fired) per task. Each rule reads the text and the text with its
    figures left out ("generate ~400 marketing images" is "generate marketing images")."""
    return dict(_scored(text))


# the task's reader asks for the scores of one text several times (the jobs, the hints, again
# without a tool's name or a clause): every rule over the text costs a tenth of a millisecond
@functools.lru_cache(maxsize=256)
def _scored(text: str) -> tuple[tuple[str, tuple[float, bool]], ...]:
    texts = (text, _without_figures(text, keep_words=True))
    scores = []
    for task, patterns in _TASK_RES.items():
        score, named = 0.0, False
        for pattern, weight in patterns:
            if any(not denied(t, m.start()) for t in texts for m in pattern.finditer(t)):
                score += weight
                named = named or weight >= JOB
        if score:
            scores.append((task, (score, named)))
    return tuple(scores)


def _without_figures(text: str, keep_words: bool) -> str:
    """The text with its quantities left out: a count keeps the noun it counts ("~400 marketing
    images" -> "marketing images"), money goes whole."""
    from .quantities import scan

    job = text
    for quantity in reversed(scan(text)):
        words = ""
        if keep_words and quantity.kind != "money":
            words = re.sub(r"^[\d\s.,~kKmM-]+", "", quantity.text)
        job = job[: quantity.start] + " " + words + " " + job[quantity.end :]
    return " ".join(job.split())


def detect_task(text: str) -> str | None:
    """The task a use case describes, or None when no job is named clearly enough: by the job
    cues, meaning deciding between several and checking one (advisor/intake/task_meaning.py); by the
    cues alone when the embedder is not installed."""
    from .reading import LANGUAGE_RE
    from .task_meaning import choose

    # the job is what is done, not how much of it or in which language: volumes, sizes, money
    # and language names are left out of the text the meaning is read from (they pulled
    # "summarise case files, 40 cases a month, budget ..." towards classification and
    # "Swedish language support" towards translation); the languages have a reader of their own
    jobs, hints = job_scores(text), rule_scores(text)
    job = _without_figures(text, keep_words=True)
    if set(jobs) != {"translation"}:
        # (the one job named a translation keeps its languages: what it is from and to)
        job = LANGUAGE_RE.sub(" ", job)
    # "language support", "in the X language": which languages, said after the name is gone,
    # still sits close to translating; a job to translate is named by its verb
    job = " ".join(_WHICH_LANGUAGES_RE.sub(" ", job).split())
    if (
        jobs
        and _HARDWARE_QUESTION_RE.search(text)
        and not job_scores(_TOOL_NAMES_RE.sub(" ", text))
    ):
        # "recommended hardware for faster-whisper?": a tool's name in a question about hardware
        # or speed names no job of the person's (the corpus guidelines)
        return None
    if {"translation", "speech-to-text"} <= set(jobs) and "speech-to-text" not in job_scores(
        _SUBTITLES_RE.sub(" ", text)
    ):
        # "translate the subtitles": subtitles that exist are text to translate, not audio
        jobs, hints = _without_tasks(jobs, hints, ("speech-to-text",))
    if (
        "speech-to-text" in jobs
        and _ON_PAPER_RE.search(text)
        and "speech-to-text" not in job_scores(_TRANSCRIBE_RE.sub(" ", text))
    ):
        # "OCR ... a transcription of a typewritten volume": text copied off paper, not audio
        job = _TRANSCRIBE_RE.sub(" ", job)
        jobs, hints = _without_tasks(jobs, hints, ("speech-to-text",))
    if _VOICE_CONVERSATION_RE.search(text) and "chat" in jobs:
        # a voice bot or agent: the hearing and the speaking serve the conversation (the corpus
        # guidelines: a voice bot is chat), so they are no jobs of their own
        jobs, hints = _without_tasks(jobs, hints, _SPEECH_PARTS)
    if len(jobs) > 1 and (wanted := job_scores(without := _without_tried(text))):
        # "we tried summarising ...; now we want to classify": the job tried or already had
        # yields to the job wanted
        jobs, hints = wanted, rule_scores(without)
    return choose(job, jobs, hints)


def _without_tasks(
    jobs: dict[str, float], hints: dict[str, float], tasks: tuple[str, ...]
) -> tuple[dict[str, float], dict[str, float]]:
    """The job and hint scores with these tasks left out."""
    return (
        {task: score for task, score in jobs.items() if task not in tasks},
        {task: score for task, score in hints.items() if task not in tasks},
    )


_VOICE_CONVERSATION_RE = re.compile(VOICE_CONVERSATION, re.IGNORECASE)
_SPEECH_PARTS = ("speech-to-text", "text-to-speech")
_TRANSCRIBE_RE = re.compile(r"\btranscri\w*|\btranskri\w*", re.IGNORECASE)
# text on paper or in images: what is transcribed from it is read, not heard
_ON_PAPER_RE = re.compile(
    r"\bocr\w*|\bscan(?:s|ned|ning)?\b|\btypewrit\w*|\bhand[- ]?writ\w*|\bmanuscripts?\b|"
    r"\bskannad\w*|\bhandskriv\w*",
    re.IGNORECASE,
)
_SUBTITLES_RE = re.compile(r"\bsubtitl\w*|\bundertext\w*|\bcaptions?\b", re.IGNORECASE)
# models and tools named for the one job they do
_TOOL_NAMES_RE = re.compile(
    r"\b(?:faster[- ])?whisper(?:\.cpp|x)?(?:[- ][\w-]+)?\b|\basr\b|\bstt\b|\belevenlabs\b|"
    r"\bpiper(?: tts)?\b|\bstable diffusion\b|\bsdxl\b|\bmidjourney\b|\bdall-?e\b|\byolo\w*\b|"
    r"\banything-?llm\b|\blocal-?gpt\b|\bprivate-?gpt\b|\bh2o-?gpt\b|\bkotaemon\b",
    re.IGNORECASE,
)
_HARDWARE_QUESTION_RE = re.compile(
    r"\b(?:hardware|gpus?|cpus?|vram|ram|cuda|requirements?|specs?|how (?:fast|slow)|speed|"
    r"slow|faster than|hårdvara|grafikkort)\b",
    re.IGNORECASE,
)


# a clause reporting a job tried, used before, or a system already had from someone else
_TRIED_CLAUSE_RE = re.compile(
    r"\b(?:tried|tested|used to|were using|was using|previously|last year|provade|testade|"
    r"använde)\b|\b(?:has|have|had|har)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:from|by|från)\s+an?\s+"
    r"(?:vendor|supplier|third party|partner|leverantör)\b",
    re.IGNORECASE,
)


def _without_tried(text: str) -> str:
    parts = re.split(r"(?<=[.;!?\n])\s*|\s+\b(?:but|men|now|nu)\b\s+", text)
    return " ".join(part for part in parts if part and not _TRIED_CLAUSE_RE.search(part))


_WHICH_LANGUAGES_RE = re.compile(
    r"\b(?:support(?:s|ed|ing)?\s+(?:for\s+)?(?:the\s+|other\s+|more\s+|multiple\s+|several\s+)?"
    r"languages?|languages?(?:\s+(?:support|version|versions|option|options|setting|settings))?(?!\s+models?\b)|"
    r"språk(?:et|en|stöd)?|på\s+flera\s+språk)\b",
    re.IGNORECASE,
)
