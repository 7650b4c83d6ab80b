"""Where it may run and on what, read by meaning rather than by a number: air-gapped networks,
the team's own servers and runtimes, the end user's own device, a hosted API in use or accepted.
Each cue returns a value with the words it came from, or None when the evidence is weak: a
machine named as one of the options weighed, bought, only tried, someone else's, or the source
of the recordings is not where this model runs (issue 21: a wrong value is worse than none).
"""

from __future__ import annotations

import functools
import re

from .cues import Cue

# -- deployment and hardware ---------------------------------------------------------------------

# the internet as connectivity ("utan internetanslutning"), not a feature ("internet-facing",
# "internetsökning")
_INTERNET = r"internet(?:anslutning|uppkoppling|åtkomst|tillgång)?\b(?!-)"
# "the building", "the hospital building", "our company's premises"
_BUILDING = (
    r"(?:the |our |this |their )?(?:[\w-]+(?:'s)? )?"
    r"(?:building|premises|house|office|site|huset|byggnaden|lokalerna|kontoret)s?\b"
)
_SITES_NET = (
    r"(?:our|the|this|vårt|våra|vår)\s+(?:own\s+|internal\s+|egna?\s+|eget\s+|interna?\s+)?"
    r"(?:network|data ?cent(?:er|re)|nätverk(?:et)?|datacenter|datahall)\b"
)
_A_SITE = rf"(?:{_BUILDING}|{_SITES_NET})"
AIR_GAPPED_RE = re.compile(
    r"air[- ]?gapped|luftgapp|offline network|isolated network|classified network|"
    r"isol\w* (?:from|från) (?:the )?internet|isolerat nätverk|"
    r"\bnetwork\w* (?:is|are) (?:completely |fully |entirely |totally )?(?:offline|isolated|disconnected)\b|"
    r"\bnätverket är (?:helt )?(?:offline|frånkopplat)\b|"
    r"(?:must|has to|shall|should|needs? to|måste|ska) (?:all )?(?:happen|take place|be done|run|ske|"
    r"göras|köras|hanteras|behandlas)\s+(?:locally\s+|lokalt\s+)?(?:in|inside|within|on|i|inom|på)\s+"
    + _BUILDING
    + r"|no internet\b(?!-)(?!\s+(?:access\s+|connection\s+)?(?:problems?|issues?|outages?|troubles?))"
    r"(?!\s+(?:browsing|search\w*|look-?ups?|facing|features?|tools?)\b)|"
    r"no (?:network) (?:access|connection)(?: at all)?|not connected to (?:the )?internet|"
    r"\b(?:no|without) (?:internet |network )?connectivity by design\b|\boffline by design\b|"
    r"\b(?:no|zero)\s+(?:outside|external)\s+(?:connectivity|network access|connections?)\b|"
    r"without (?:any )?internet (?:access|"
    r"connection)|(?:utan|saknar) " + _INTERNET + r"|"
    # kept in, or refused leave from, a building or the site's network or data centre ("must
    # never leave the hospital building", "recordings can't leave our network", "allt ska stanna
    # i vårt eget datacenter"; not people who leave the office at five; the team's servers alone
    # are self-hosted)
    r"(?:must|has to|shall|should|needs? to|måste|ska) (?:all )?(?:stay|remain|be kept|stanna|"
    r"finnas kvar|ligga kvar)\s+(?:in|inside|within|on|i|inom|på)\s+"
    + _A_SITE
    + r"|(?:\b(?:never|not|no|nothing|cannot|cant|inte|aldrig|inget|ingen|inga)\b|n't\b)[^.;!?]{0,30}?"
    r"\b(?:leave|leaves|lämna|lämnar)\s+" + _A_SITE,
    re.IGNORECASE,
)
_LEAVE_ANYTHING_RE = re.compile(
    r"\b(?:no|nothing|inget|ingenting|inga|ingen)\b[^.;]{0,25}\b(?:may|can|must|should|is allowed to|"
    r"will|får|kan|ska)\s+(?:ever\s+)?(?:leave|lämna)\b(?!\s+(?:the\s+)?(?:EU|EEA|Europe|EU:s|Sweden|"
    r"Sverige|country|landet))(?!\s+(?:[\w-]+\s+){0,2}(?:egna |own )?(?:servrar|servers|network|nätverk|"
    r"data ?cent(?:er|re)|datacenter))|\b(?:must|may|can|should) never leave (?:our|the) (?:network|servers?|"
    r"machines?|building|premises)",
    re.IGNORECASE,
)
_RUNTIMES = {
    # desktop apps run on the user's own computer; serving engines on the team's own machines;
    # the rest ("either") run on a server where one or a team is in the text, on a person's
    # computer where it is named (the device cues), and otherwise on a machine not said
    "lm studio": "on-device", "lmstudio": "on-device", "gpt4all": "on-device", "mlx": "on-device",
    "jan.ai": "on-device", "ollama": "either", "llama.cpp": "either",
    "llamacpp": "either", "llama-cpp": "either", "vllm": "self-hosted",
    "tgi": "self-hosted", "text-generation-inference": "self-hosted", "localai": "either",
    "koboldcpp": "either", "triton": "self-hosted", "sglang": "self-hosted",
}  # fmt: skip
# people besides the writer: a runtime that serves them runs as a server
_SERVES_OTHERS_RE = re.compile(
    r"\b(?:team|users|production|customers|colleagues|employees|concurrent\w*|staff|"
    r"användare|kunder|anställda)\b",
    re.IGNORECASE,
)
_RUNTIME_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(name) for name in _RUNTIMES) + r")(?![\w])", re.IGNORECASE
)
DEVICE_CLASSES = {
    "phone": r"\b(?:phones?(?! (?:number|numbers|call|calls|line|support))|smartphones?|handsets?|iphones?|android (?:phones?|devices?|app)|on android|mobile "
    r"(?:app|devices?|handsets?|phones?)|mobil(?:en|er|telefon(?:er)?)?|telefon(?:er|en)?|luren)\b",
    "tablet": r"\b(?:tablets?|ipads?|surfplatt(?:a|an|or|orna)|läsplatt(?:a|an|or|orna))\b",
    "single-board": r"\b(?:raspberry(?: ?pi)?|rpi|pi ?[345](?:b|\s?model\s?b)?\b|nuc|jetson|single[- ]board|"
    r"enkortsdator\w*|edge (?:box|device)|rk35\d\d|rockchip|orange ?pi|rock ?pi|radxa|khadas|"
    r"beaglebone|coral dev board)\b",
    "laptop": r"\b(?:laptops?|macbooks?|notebooks? computer|bärbar\w*|thinkpads?|ideapads?|zenbooks?|"
    r"vivobooks?|chromebooks?|surface (?:laptop|pro)|dell xps|xps 1[3-7])\b",
    "apple-silicon": r"\b(?:apple silicon|m[1-4](?: (?:pro|max|ultra))?(?: chip| mac)?|mac ?(?:mini|studio)|"
    r"macs?)\b",
    "workstation": r"\b(?:workstation|(?:desktop|gaming|all[- ]in[- ]one|home) (?:pc|computer)|"
    r"(?:a|my|our|the) desktop(?= (?:with|that has|has)\b)|"
    r"arbetsstation|speldator|stationär dator)\b",
}
_DEVICE_RES = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in DEVICE_CLASSES.items()}
_RUNS_ON_RE = re.compile(
    r"\b(?:on[- ]device|on the device|locally (?:on|in) (?:my |our |the |this )?|runs? (?:[\w-]+ ){0,4}on|running (?:[\w-]+ ){0,4}on|"
    r"deployed (?:\w+ ){0,2}on|deploy(?:ing)? (?:[\w.\u2024-]+ ){1,3}on (?:an? |the |my |our )|inside (?:the|our) app|in the app|"
    # "offline inference" is a batch job, not a device without a network
    r"offline(?! (?:batch |bulk )?(?:inference|processing|evaluation|eval|jobs?|generation)\b)|without (?:a |an |any )?"
    r"(?:network|internet|connection|connectivity|signal|coverage)|in the browser|(?:works?|fits?|lives?|installed|deploy\w*|ship\w*) "
    r"(?:\w+ ){0,2}on (?:the|our|their|users'?|a|an|my|[\w-]+'s) (?:\w+ ){0,2}(?:phones?|tablets?|laptops?|"
    r"devices?|handsets?|pi|nuc)|på (?:mobilen|telefonen|enheten|surfplattan)|kör(?:s|as|a)? (?:\w+ ){0,2}på|"
    r"i appen|utan nätverk|\bon the (?:phone|device|tablet|laptop|handset) itself\b|"
    r"\b(?:never leaves?|stays? on|kept on) the (?:phone|device|tablet|handset)\b|"
    r"\bnothing (?:is |gets |may be |can be )?sent to (?:a|the|any) (?:server|cloud)\b|\b(?:put|puts|putting|offload\w*|move|moving)\b(?: [\w/+-]+){0,3} (?:on|onto) "
    r"(?:the|my|our|a|an) (?:[\w-]+ ){0,2}?(?:pi|raspberry|nuc|jetson|phone|tablet|laptop)\b)",
    re.IGNORECASE,
)
CPU_ONLY_RE = re.compile(
    r"\bno (?:gpus?|graphics card|dedicated gpu)\b|\bwithout (?:a |any )?gpus?\b|\bcpu[- ]only\b|"
    r"\bonly (?:a )?cpus?\b|\b(?:has|have|got) no gpus?\b|\bno gpu\b|\bhas no gpu\b|"
    r"\binget grafikkort\b|\butan (?:gpu|grafikkort)\b|\bbara cpu\b|\bingen gpu\b|"
    r"\bsaknar (?:en |ett )?(?:gpu|grafikkort)\b",
    re.IGNORECASE,
)
_OWN_SERVERS_RE = re.compile(
    r"on[- ]?prem\w*|self[- ]host\w*|\b(?:we|i)(?:'ll| will| would| want to| plan to| are going to)?"
    r" host (?:it|the model|the models|them|this)\b(?! for (?:us|me))|\b(?:host|run|serve|deploy)\w*\s+(?:it\s+|them\s+|the models?\s+)?(?:ourselves|myself|in-house)\b|"
    r"\b(?:köra|kör|drifta|hosta)\s+(?:den\s+|dem\s+|modellen\s+|modellerna\s+)?själva\b|"
    r"\beg(?:en|et|na) (?:hårdvara|maskiner|infrastruktur|servrar|server)\b|\bour own (?:\w+ )?(?:servers?|"
    r"data ?cent(?:er|re)s?|hardware|infrastructure|machines?|gpus?|cluster|box(?:es)?|rack|"
    r"private cloud)|\bin[- ]house (?:servers?|hardware|infrastructure)|\bour (?:server|servers|"
    # ... not a compound of which the machine is the first part ("our machine manuals")
    r"box|machine|cluster|workstation)\b(?!\s+(?:manuals?|logs?|data|learning|translation|parts|"
    r"documentation|docs|operators?|names?|types?|fleet|park|room))|\bin our (?:own )?(?:data ?cent(?:er|re)|server room|"
    r"rack)|\bi vårt (?:eget )?(?:serverrum|datacenter|rack)\b|\bprivate cloud\b|\begna servrar|\begen server|\bvåra (?:egna )?servrar|"
    r"\blokalt datacenter|\bvår (?:egen )?server|\bi egen drift\b|\beg(?:et|na) datacent\w*|"
    r"\bstanna (?:i|inom|på) (?:vårt|våra|vår) (?:egna? )?(?:datacenter|nätverk|servrar|server)\b|"
    r"\b(?:local|dedicated|physical|bare[- ]metal|home|homelab|hp|dell|gen)\s+(?:\w+\s+)?servers?\b|"
    r"\bbehind (?:our|the company'?s|the) (?:own )?firewall\b|\b(?:inside|within|on|in) our (?:own |internal )?"
    r"network\b|\binternal network\b|\bour (?:own )?(?:aws|azure|gcp|google cloud) (?:account|subscription|"
    r"tenant|project)\b|\b(?:in|inside) (?:our|a private) (?:own )?vpc\b|\bi vårt (?:egna |interna )?nätverk\b|"
    r"\bhomelab\b|\bdocker\b|\bkubernetes\b|\bk8s\b|\bvps\b|\bhelm charts?\b|"
    r"\bmy (?:own |home |cloud |gpu |local |linux |dedicated |spare |old )?servers?\b|\b(?:in|on)\s+(?:a\s+|the\s+)?(?:live|production|prod|remote|"
    r"dedicated)\s+servers?\b|"
    r"\b(?:on|using|run(?:ning)? on)\s+(?:[\w/.-]+\s+){0,4}instances?\b|"
    r"\b(?:on|in|using)\s+(?:an?\s+|our\s+)?(?:[\w/.-]+\s+){0,3}(?:vms?|virtual machines?)\b|"
    r"(?:can'?t|cannot|must not|may not|mustn'?t|never) leave (?:our|the) (?:network|servers?|"
    r"data ?cent(?:er|re))|stay (?:in|inside|within|on) (?:our|the) (?:own )?(?:network|"
    r"data ?cent(?:er|re)|servers?)",
    re.IGNORECASE,
)
# services only ever reached as someone else's hosted API: the big model makers, the speech,
# translation, OCR and image services, and OpenAI's hosted model names (not gpt-2, gpt-j or
# gpt-oss, whose weights are open)
_HOSTED = (
    # the services named before their makers, so that the evidence names the service
    r"(?:aws|amazon|azure) (?:speech|translate|translation|transcribe|textract|polly|vision|ocr)|"
    r"google cloud (?:speech|translat\w*|vision|document ai)|google (?:speech|translate|vision|ocr) api|"
    r"open-?ai(?![ -]whisper\b(?! api))|azure(?: openai)?|anthropic|claude|gemini|vertex(?: ai)?|bedrock|"
    r"openrouter|elevenlabs|deepgram|assembly ?ai|speechmatics|deepl|dall[ -]?e(?:[ -]?[23])?|dreamstudio|"
    r"stability (?:ai|api)|midjourney|perplexity (?:api|ai|pro|sonar)|cohere|mistral (?:api|ai)|groq|"
    r"together ai|fireworks(?: ai)?|whisper api|chat ?gpt|o[134]-(?:mini|pro|preview)|4o(?:-mini)?|"
    r"gpt[- ]?(?:3[.\u2024]5|3|4(?:[.\u2024][15])?|5(?:[.\u2024]\d)?)o?(?:-(?:turbo|mini|nano|pro|preview|"
    r"\d{4}(?:-\d\d-\d\d)?))*"
)
# "openai-whisper", "gpt-oss": a name going on is an open model's, not the hosted service
_HOSTED_END = r"(?![\w-])"
# one consumer graphics card, by make or number ("RTX 4060", "GTX 970", "my 4070 super")
_CONSUMER_CARD = r"(?:rtx|gtx)\s?\d{4}|geforce|radeon|rx\s?\d{3,4}|[2345]0[5-9]0(?:\s?ti|\s?super)?"

# a hosted service or API said to be acceptable: "hosted is fine as long as it stays in the EU",
# "OpenAI or Anthropic both fine", "Azure OpenAI is already approved", "API går bra", "EU-moln är ok"
_NO_MATTER_RE = re.compile(r"does(?:n['\u2019]?t| not) matter", re.IGNORECASE)
_CLOUD_THING = (
    rf"(?:{_HOSTED}|mistral){_HOSTED_END}|(?:hosted|cloud|external|third[- ]party|extern\w*)"
    r"(?:\s+(?:apis?|llms?|models?|services?|ai|providers?))?|apis?|saas|api:er|"
    r"moln(?:et|-?api\w*|tjänst\w*)?"
)
_ACCEPTABLE = (
    r"(?:both\s+|all\s+|also\s+|totally\s+|perfectly\s+|already\s+|också\s+|helt\s+)?"
    r"(?:fine|ok(?:ay|ej)?|acceptable|allowed|approved|permitted|no problem|går (?:bra|fint)|funkar|"
    r"duger|godkän\w*|tillåt\w*)"
)
_ACCEPTED_RE = (
    # ("fine-tuning" is no "fine"; "funkar inte" is no "funkar")
    rf"\b(?:{_CLOUD_THING}),?\s+(?:(?:is|are|would be|är|går)\s+)?{_ACCEPTABLE}(?![\w-])"
    r"(?!\s+(?:inte|not|längre|ej)\b)|"
    rf"\b(?:approved|allowed|accepted|permitted|cleared|godkänt|godkände|tillåter)\s+(?:the\s+|an?\s+)?"
    rf"(?:use of\s+)?(?:{_CLOUD_THING})|"
    r"\b(?:which|what|whichever|vilket|vilken)\s+(?:cloud|provider|api|moln\w*|leverantör)\s+"
    r"(?:doesn['\u2019]?t|does not|spelar ingen) (?:matter|roll)\b"
)
CLOUD_RE = re.compile(
    _ACCEPTED_RE + r"|"
    r"\b(?:need|want|prefer|looking for|use)\s+an?\s+(?:llm|ai|model|hosted|cloud)\s+api\b|"
    r"\b(?:send|sends|sending|sent|call|calls|calling)\s+(?:\w+\s+){0,2}(?:to|via)\s+(?:the\s+|an?\s+)?"
    r"(?:llm|ai|model|hosted)\s+apis?\b|"
    r"\b(?:use|using)\s+(?:\w+\s+)?cloud\s+(?:llm'?s?|models?|ai|apis?)\b|"
    r"\b(?:don'?t|do not) want to (?:manage|run|maintain|host) (?:any |our own )?(?:servers|hardware|gpus)\b|"
    r"cloud api|hosted api|i molnet|molntjänst|\bapi[- ]based\b|\bmoln-?api|\bmolnet är bra",
    re.IGNORECASE,
)
# a hosted provider the person says they use ("we run our requests via Azure", "my OpenAI key")
_PROVIDER_USED_RE = re.compile(
    r"\b(?:we|i|our|my|vi|jag|vår|min)\b[^.;?]{0,40}\b(?:use|using|used|run|running|pay|paying|"
    r"have|got|set ?up|call|calling|använder|kör|betalar|har)\b[^.;?]{0,40}\b(?:openai|azure|anthropic|"
    r"claude|gemini|vertex|bedrock|openrouter|elevenlabs|deepgram|chatgpt|gpt-?4o?|gpt-?3\.5)(?![\w-])|"
    r"\b(?:my|our|min|vår)\s+(?:\w+\s+)?(?:openai|azure|chatgpt|anthropic|gemini)\b[^.;?]{0,20}\b"
    r"(?:account|key|credits|plan|quota|konto|nyckel)\b",
    re.IGNORECASE,
)
_NOT_OURS = re.compile(
    r"\b(?:rent|rented|renting|hire|lease|cloud|hyr|hyra|on aws|on azure|on gcp|colab|kaggle|"
    r"runpod|vast\.ai|paperspace|sagemaker|lambda labs|ec2|aws|azure|gcp|google cloud|vms?|"
    r"virtual machines?)\b",
    re.I,
)


# Apple silicon only where the chip says so (an M1-M4, "Apple silicon", a Mac mini or Studio):
# "a standard Mac" or an Intel MacBook is not
_APPLE_SILICON_RE = re.compile(
    # a Mac with its chip named before or after it ("M2 macbook pro", "MacBook Air (M2, 24 GB)")
    r"\bapple silicon\b|\b(?:macbook(?: air| pro)?|mbp|mac|imac)\s*\(?\s*(?:\w+\s+)?m[1-5]\b|"
    r"\bm[1-5](?:\s+(?:pro|max|ultra))?\s+(?:macbook|mbp|imac|mac)\b|"
    r"\bm[1-5](?: (?:pro|max|ultra))?(?: chip| mac)\b|\bm[1-5] (?:pro|max|ultra|air)\b|"
    r"\bmac ?(?:mini|studio)s?\b",
    re.IGNORECASE,
)


# pure in its strings, and asked again for every figure of a long text
@functools.lru_cache(maxsize=512)
def device(text: str) -> Cue | None:
    """The class of machine named as where it runs: phone, tablet, single-board, laptop,
    apple-silicon, workstation; None when none is named."""
    if m := _APPLE_SILICON_RE.search(text):
        return Cue("apple-silicon", m.group(0))
    for name, pattern in _DEVICE_RES.items():
        if name == "apple-silicon":
            continue
        if m := pattern.search(text):
            return Cue(name, m.group(0))
    return None


def cpu_only(text: str) -> Cue | None:
    return Cue(True, m.group(0)) if (m := CPU_ONLY_RE.search(text)) else None


# a hosted provider in use: its key, account, bill, deployments, or it doing the work
_HOSTED_IN_USE_RE = re.compile(
    rf"\b(?:{_HOSTED}){_HOSTED_END}(?:[^.;?]{{0,40}}?)\b(?:api|key|account|credits|plan|billing|bill|invoice|"
    rf"deployments?|credentials|konto|nyckel)\b|"
    rf"\b(?:use|uses|using|used|via|through|with|run|running|pay|paying|paid|spend|spends|spent|"
    rf"utili[sz]e\w*|leverag\w*|rel(?:y|ies|ying) on|powered by|integrat\w* with|connects?|lägger|"
    # (what comes from a model the person runs; "essays written by ChatGPT" are input to judge)
    rf"comes? from|"
    rf"serve|serving|moving|switch\w*|använder|kör|betalar)\b[^.;?]{{0,30}}?\b(?:{_HOSTED}){_HOSTED_END}|"
    rf"\b(?:the|my|our|an?|new)\s+api\s+(?:costs?|bills?|credits|keys?|usage|spend(?:ing)?|"
    rf"invoices?)\b(?!\s+(?:for|to) (?:our|my|the) (?:users|customers|clients))|"
    rf"\b(?:an api key|api[- ]?nyckel|via an api|through an api|via api|hosted model|"
    rf"(?:llm|ai|model) api calls?)\b|"
    # a model's API as the means ("a chatbot using an AI model API", "which LLM API"), a key
    # set for one ("OPENAI_API_KEY"), API tokens bought from a provider
    rf"\b(?:llm|ai|model|ocr|tts|speech|translation|vision|service|third[- ]party|external)\s+apis?\b|"
    rf"\bintegrat\w* (?:with )?(?:the |an? )?(?:[\w.-]+ ){{0,2}}(?:ai|llm|model|diffusion|gpt\w*|"
    rf"{_HOSTED}) api\b|"
    rf"\b(?:openai|anthropic|gemini|google|mistral|groq|cohere|deepseek|openrouter)_api_key\b|"
    rf"\bapi (?:tokens|keys?|credits|access)\b[^.;?]{{0,20}}\bfrom\s+(?:{_HOSTED}){_HOSTED_END}",
    re.IGNORECASE,
)
# not in use: "didn't have a paid openai account", "without OpenAI", "instead of OpenAI", "if
# we can use gpt4", "non-self-hosted API"
_NOT_IN_USE_RE = re.compile(
    r"(?:\b(?:didn'?t|don'?t|do not|did not|doesn'?t|can'?t|cannot|may not|must not|mustn'?t|"
    r"no|not|never|without|instead of|rather than|får inte|kan inte|"
    r"har inte|inte|utan|if|om)\b[^.;?]{0,30}|\bnon-(?:self-)?|\b(?:than|än)\s+)$",
    re.IGNORECASE,
)
# a provider being left: "OpenAI API is too expensive. Are there any alternatives?" (one too dear
# to afford but kept, "the API costs $155 a day and I can't afford it", is still in use)
_LEAVING_RE = re.compile(
    r"\b(?:alternatives?|replace|instead|move away|switch away|"
    r"get rid of|alternativ|(?:move|moving|get|getting|migrate|migrating|switch|switching)"
    r" (?:away from|off)|stop using|flytta\w* bort från|sluta använda)\b",
    re.IGNORECASE,
)
# options weighed, not chosen: "local vs API-based", "cloud or on-prem?"
_WEIGHED_RE = re.compile(
    r"\s/\s|\b(?:vs\.?|versus|or|eller|compared?|comparable|(?<!would )(?<!'d )(?<!i )(?<!we )like|such as|"
    r"similar to|alternative|"
    # a model measured against another: "open models have caught up with GPT-4"
    r"caught up|on par|keeps? up|competitive|rivals?|outperform\w*|"
    r"instead|än|som)\b",
    re.IGNORECASE,
)
# runtimes that only ever serve from a server: named at all, they are the person's setup
_SERVER_RUNTIMES = ("vllm", "tgi", "text-generation-inference", "triton", "sglang")
_OWNS_SERVER_RE = re.compile(
    r"\b(?:we|i|vi|jag)\s+(?:\w+\s+)?(?:have|own|run|got|har|äger|kör)\s+"
    # "vi har ingen GPU men en server med 64 GB RAM"
    r"(?:(?:no|ingen|inget)\s+[\w-]+\s+(?:but|men)\s+)?(?:a|an|one|two|\d+|en|"
    r"ett|två)\s+(?:[\w-]+\s+){0,2}?(?:\w+-)?(?:servers?|racks?|gpu (?:box|server)|servrar)\b",
    re.IGNORECASE,
)
# the person's own computer: "I have a standard Mac", "on my PC", "min dator"
_OWN_COMPUTER_RE = re.compile(
    r"\b(?:my|i have an?|on an?|min|på min|jag har en)\s+(?:[\w-]+\s+){0,2}?(?:mac|imac|pc|"
    r"computer|desktop|dator|windows (?:pc|machine|laptop))\b",
    re.IGNORECASE,
)


# "the model runs on X", "the assistant will be hosted in X": where it runs, said outright
_MODEL_RUNS_RE = re.compile(
    r"(?:\b(?:själva\s+)?(?:modellen|boten|assistenten)\s+(?:ska\s+|måste\s+|kommer att\s+)?|"
    r"\b(?:the|our|this|a|an)\s+(?:[\w-]+\s+)?(?:model|models|llm|llms|ai|assistant|bot|chatbot|"
    r"inference|modellen|boten|assistenten)\s+(?:will\s+|must\s+|should\s+|has to\s+|have to\s+|"
    r"is going to\s+|would\s+|shall\s+|needs? to\s+|ska\s+|måste\s+|kommer att\s+)?|"
    # "it should run on the server": a requirement said of what is asked for
    r"\b(?:it|den|det)\s+(?:will|must|should|has to|needs? to|ska|måste|kommer att)\s+)(?:be\s+|bli\s+)?"
    r"(?:run|runs|running|hosted|host|live|lives|deployed|installed|served|kör|körs|köras|hostas|"
    r"driftas|ligga|ligger)\s+(?:\w+\s+){0,2}?(?:on|in|inside|at|within|på|i|inom|hos)\s+"
    r"(?P<where>[^.;,!?]{1,60})",
    re.IGNORECASE,
)
_SERVER_PLACE_RE = re.compile(
    r"\b(?:servers?|backend|back-end|data ?cent(?:er|re)s?|datacenter|cluster|kubernetes|k8s|vps|"
    r"on-?prem\w*|infrastructure|rack|servrar|server|serverhall|driftmiljö)\b",
    re.IGNORECASE,
)
_DEVICE_PLACE_RE = re.compile(
    # "the users' phones", "the car's own computer", and the Swedish definite form alone
    # ("i själva telefonen")
    r"\b(?:(?:the|their|users'?|customers'?|the user'?s|each|our|my|(?:the\s+)?[\w-]+'s)\s+(?:own\s+)?)"
    r"(?:phones?|smartphones?|tablets?|laptops?|devices?|handsets?|computers?|pcs?|macs?|raspberry|pi|"
    r"telefon\w*|mobil\w*|surfplatt\w*|dator\w*|enhet\w*)\b|\bon[- ]device\b|\bthe device itself\b|"
    r"\b(?:telefonen|mobilen|mobiltelefonen|surfplattan|datorn|enheten|laptopen)\b",
    re.IGNORECASE,
)


# a provider's hosted service as the place: no machine of one's own ("an Azure VM" is one)
_HOSTED_PLACE_RE = re.compile(
    r"\s*(?:the\s+)?(?:azure(?: openai)?|aws bedrock|bedrock|vertex(?: ai)?|openai|the cloud|"
    r"molnet|a hosted api|an api|their api)\b",
    re.IGNORECASE,
)


def model_runs_on(text: str) -> Cue | None:
    """Where the model is said outright to run ("the model runs on our backend servers", "the
    assistant has to run on the users' phones"); None where it is not said, or the place is
    neither a server nor the user's device (or both)."""
    for m in _MODEL_RUNS_RE.finditer(text):
        where = m.group("where")
        server = _SERVER_PLACE_RE.search(where)
        user_device = _DEVICE_PLACE_RE.search(where)
        hosted = _HOSTED_PLACE_RE.match(where)
        if hosted and _PROVIDER_AS_HOST_RE.match(where, hosted.end()):
            hosted = None  # "on an Azure VM": a rented machine of one's own
        if said_of_others(text, m.group(0)) or _NOT_IN_USE_RE.search(text[: m.start()][-30:]):
            continue
        if hosted and not server and not user_device:
            return Cue("cloud-api", m.group(0))  # "själva modellen körs i Azure"
        if bool(server) == bool(user_device):
            continue
        return Cue("self-hosted" if server else "on-device", m.group(0))
    return None


# a point between digits ("$11.15", "gpt-3.5") ends no sentence: the cues' clauses run past it
_DECIMAL_POINT_RE = re.compile(r"(?<=\d)\.(?=\d)")
_NOT_A_STOP = "\u2024"  # one dot leader: the same length, so evidence keeps its place


def deployment(text: str) -> Cue | None:
    """Where it may run. Every cue is gathered: air-gapped wins (nothing may leave), then a
    device or machine the person runs it on, the team's own servers or a server runtime, and a
    hosted API in use or said to be fine. Cues that disagree (a laptop and a server; a VPS and a
    cloud API) leave it unset: a wrong value is worse than a question."""
    cue = _deployment(_DECIMAL_POINT_RE.sub(_NOT_A_STOP, text))
    return Cue(cue.value, cue.evidence.replace(_NOT_A_STOP, ".")) if cue else None


# a model run locally or on premises wished for, or privacy held against a hosted service
_LOCAL_WISH_RE = re.compile(
    r"\blocal(?:ly)?[\s-]+(?:hosted\s+|run\s+)?(?:llms?|models?|ai|processing|inference|alternatives?|solution|option)\b|"
    r"\b(?:run|running|use|using|host|hosting)\s+(?:it\s+|them\s+|(?:the\s+)?models?\s+|llms?\s+)?locally\b|"
    r"\bself-?host\w*|\bon-?prem\w*|\bprivacy concerns?\b|\blokal\w*\s+(?:modell\w*|llm|ai)\b",
    re.IGNORECASE,
)


# "it doesn't need to work without internet": no offline requirement
_NOT_REQUIRED_BEFORE_RE = re.compile(
    r"\b(?:doesn'?t|don'?t|does not|do not|needn'?t|won'?t|will not)\s+(?:need|have)\s+to\s+"
    r"(?:[\w']+\s+){0,2}$|\bbehöver inte\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _offline_required(text: str) -> re.Match | None:
    for m in AIR_GAPPED_RE.finditer(text):
        if not _NOT_REQUIRED_BEFORE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            return m
    return _LEAVE_ANYTHING_RE.search(text)


def _deployment(text: str) -> Cue | None:
    if m := _offline_required(text):
        if _cloud_cue(text):
            return None  # "data should not leave our premises, yet we want cloud LLMs": asked
        if _one_device_offline(text, m):
            return Cue("on-device", m.group(0))
        return Cue("air-gapped", m.group(0))
    if stated := model_runs_on(text):
        return stated  # "the model runs on our backend servers": said outright, it decides
    local = _local_cue(text)
    cloud = _cloud_cue(text)
    # what a competitor or other people run, where another system of theirs lives ("our CRM is
    # hosted on-premise") and options weighed ("self-host or use an API?") say nothing of where
    # this one may run
    local = None if local and (said_of_others(text, local.evidence) or _not_about_the_model(
        text, local.evidence)) else local  # fmt: skip
    cloud = None if cloud and (
        said_of_others(text, cloud.evidence) or _another_systems_api(text, cloud.evidence)
    ) else cloud  # fmt: skip
    local = None if local and not_where_it_runs(text, local.evidence) else local
    cloud = None if cloud and not_where_it_runs(text, cloud.evidence) else cloud
    if local and _weighed_against_cloud(text, local.evidence):
        return None
    if (
        cloud
        and not local
        and any(
            not _NOT_IN_USE_RE.search(text[max(0, m.start() - 30) : m.start()])
            for m in _LOCAL_WISH_RE.finditer(text)
        )
    ):
        # "we use OpenAI's API now; a local LLM would be better": a hosted API in use and a local
        # model wished for disagree like any two cues, with no machine named to settle it
        return None
    if local and cloud:
        return None  # they disagree: asked
    return local or cloud


# a single computer nothing may leave: "inget får lämna datorn", "nothing may leave the laptop"
_LEAVE_A_DEVICE_RE = re.compile(
    r"\b(?:leave|leaves|lämna|lämnar)\s+(?:the\s+|my\s+|this\s+|min\s+)?(?:datorn|dator|computer|"
    r"laptop|pc|phone|device|tablet|telefonen|mobilen|enheten|surfplattan)\b",
    re.IGNORECASE,
)
_NO_INTERNET_RE = re.compile(
    r"\b(?:no|without|utan|saknar)\s+(?:any\s+)?" + _INTERNET,
    re.IGNORECASE,
)
_PERSONAL_DEVICES = ("phone", "tablet", "laptop", "single-board", "apple-silicon", "workstation")
# a network of an organisation's or a site's (not a neural or social one, not mobile coverage)
_A_SITES_NETWORK_RE = re.compile(
    r"\b(?:our|the|their|its|an?|internal|company|corporate|office|lab|closed|isolated|local|"
    r"site|plant|hospital|secure|research)(?:'s)?\s+(?:\w+\s+)?network\b(?<!neural network)"
    r"(?<!social network)(?<!mobile network)(?<!cellular network)(?<!home network)"
    r"(?<!wifi network)(?<!phone network)|\bnätverk(?!stäckning)\w*|\bvårt (?:eget |interna )?nät\b",
    re.IGNORECASE,
)
_AN_APP_RE = re.compile(r"\b(?:app|apps|appen|appar|mobile application)\b", re.IGNORECASE)
# an organisation, its site, network or machines: where "no internet" makes a network air-gapped
_SITE_RE = re.compile(
    r"\b(?:building|premises|office|site|byggnaden|huset|lokalerna|kontoret|servers?|servrar\w*|"
    r"machines|maskiner|internal|infrastructure|rack|factory|fabrik\w*|facility|datacent\w*|"
    r"data ?cent(?:er|re)|corporate|company|enterprise|organi[sz]ation|agency|government|"
    r"företag\w*|myndighet\w*)\b",
    re.IGNORECASE,
)


def _one_device_offline(text: str, m: re.Match) -> bool:
    """Nothing may leave one computer, or there is no internet where it runs: `on-device` (the
    corpus guidelines, decided at stop 34) unless a site's network is named ("our internal
    network has no internet": `air-gapped`; a neural, social, mobile or home network is none).
    A phone, tablet, laptop, board, Mac or desktop named is the device wherever it stands; an
    app that must work offline runs on the device it is installed on; with neither, a site or
    organisation named (building, servers, factory, company, agency) makes it `air-gapped`."""
    if _LEAVE_A_DEVICE_RE.search(m.group(0) + text[m.end() : m.end() + 20]):
        return True
    if not _NO_INTERNET_RE.search(m.group(0)):
        return False
    named = device(text)
    if _A_SITES_NETWORK_RE.search(text):
        return False
    if (named and named.value in _PERSONAL_DEVICES) or _OWN_COMPUTER_RE.search(text):
        return True  # "my own computer with no internet, not someone else's servers"
    # an app that must work offline runs on the device it is installed on (the guidelines)
    return named is None and (_AN_APP_RE.search(text) is not None or not _SITE_RE.search(text))


_TURNED_SERVER_RE = re.compile(
    r"\b(?:turned|made|converted|set up|repurposed|use[ds]?|using)\s+(?:it\s+)?(?:into|as)\s+an?\s+"
    r"(?:home\s+|headless\s+|linux\s+)?server\b",
    re.IGNORECASE,
)


# the subject of a clause is someone else: their setup, not the person's
_OTHERS_RE = re.compile(
    r"(?:\b(?:competitors?|other (?:people|teams|companies|firms)|others|a friend|friends|"
    r"my (?:friend|colleague|brother|sister|boss|neighbou?r)|he|she|his|her|"
    r"konkurrent\w*|min (?:vän|kollega|kompis)|någon|han|hon|hans|hennes|said|says|claims?|"
    r"claimed|wrote|posted|reported|tweeted|sa att|skrev|påstår)\b|\b(?:news|heard|read|reports?|rumou?rs?|nyheter|hört|läst) that\b)"
    r"(?:\s+\w+){0,6}\s*$",
    re.IGNORECASE,
)


# pure in its strings, and asked again for every figure of a long text
@functools.lru_cache(maxsize=512)
def sentence_of(text: str, evidence: str) -> str:
    at = text.find(evidence)
    if at < 0:
        return ""
    start = max(text.rfind(c, 0, at) for c in ".;!?\n") + 1
    ends = [i for i in (text.find(c, at + len(evidence)) for c in ".;!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


# another system that lives somewhere: its hosting is not the model's
_OTHER_SYSTEM_RE = re.compile(
    r"\b(?:our|the|their|vår|vårt|våra)\s+(?:\w+\s+)?(?:website|web ?site|crm|erp|webshop|"
    r"intranet|database|data ?warehouse|backend|mail ?server|e-?mail|"
    r"ticket(?:ing)? system|(?:booking|ordering|inventory|payroll|hr|erp|crm) system|hemsida|webbplats|"
    r"\w+system(?:et)?)\b(?:\s+\w+){0,4}\s*$",
    re.IGNORECASE,
)
# an API named by no provider: "look up free times in our booking system via API" is that
# system's, not a hosted model's
_AN_API_RE = re.compile(r"(?:via|through|with)\s+(?:an\s+|the\s+|its\s+)?api", re.IGNORECASE)
_MODEL_WORDS_RE = re.compile(r"\b(?:models?|llms?|ai|bot|chatbot|assistant|modell\w*)\b", re.I)


def _words_before(text: str, evidence: str) -> str:
    """Up to 60 characters of the evidence's sentence before it ("" where it is not found)."""
    at = text.find(evidence)
    return re.split(r"[.;!?\n]", text[max(0, at - 60) : at])[-1] if at >= 0 else ""


def _not_about_the_model(text: str, evidence: str) -> bool:
    """ "Our website runs on our own servers; we want a chatbot": where another system lives."""
    clause = _words_before(text, evidence)
    return bool(_OTHER_SYSTEM_RE.search(clause)) and not _MODEL_WORDS_RE.search(clause)


def _another_systems_api(text: str, evidence: str) -> bool:
    """ "Look up free times in our booking system via API": an API named by no provider, just
    after another system of the person's, is that system's."""
    return bool(
        _AN_API_RE.fullmatch(evidence) and _OTHER_SYSTEM_RE.search(_words_before(text, evidence))
    )


def _weighed_against_cloud(text: str, evidence: str) -> bool:
    """ "Should we self-host or use an API?": both named as options, neither chosen."""
    sentence = sentence_of(text, evidence)
    return bool(
        re.search(r"\b(?:or|vs\.?|versus|eller)\b", sentence, re.I)
        and re.search(
            rf"\b(?:apis?|cloud|hosted (?:api|service)|saas|molnet|{_HOSTED}){_HOSTED_END}",
            sentence,
            re.I,
        )
    )


# buying or choosing hardware, not running on it
_CHOOSING_RE = re.compile(
    r"\b(?:buy|buying|bought|purchas\w*|considering|consider|thinking (?:of|about)|planning to "
    r"(?:buy|get)|(?:should|would) (?:i|we) (?:get|buy|go for|choose|pick)|choose|choosing|which "
    r"(?:one|is better|should)|köpa|köper|överväger|funderar på)\b",
    re.IGNORECASE,
)
_ALTERNATIVE_RE = r"\b(?:or|vs\.?|versus|eller|compared (?:to|with))\b"
# trying it out somewhere that is not where it will run
_TRIAL_RE = re.compile(
    r"\b(?:test\w*|tried|trying|try|prototyp\w*|develop\w*|dev|experiment\w*|poc|proof of "
    r"concept|for now|playing|testar|provar|utveckl\w*)\b",
    re.IGNORECASE,
)
_PRODUCTION_RE = re.compile(
    r"\b(?:in production|production|will run|is going to run|deploy\w*|servers?|produktion)\b",
    re.IGNORECASE,
)


# pure in its strings, and asked again for every figure of a long text
@functools.lru_cache(maxsize=512)
def not_where_it_runs(text: str, evidence: str) -> bool:
    """Words that name a machine, runtime or service not as where this model runs: one of the
    options weighed ("Ollama or vLLM?", "a Mac Studio or a server"), hardware being chosen or
    bought among others, or a machine it is only tried on while it will run elsewhere."""
    sentence = sentence_of(text, evidence)
    if not sentence:
        return False
    at = sentence.find(evidence)
    near = (
        sentence[max(0, at - 40) : at]
        + " | "
        + sentence[at + len(evidence) : at + len(evidence) + 40]
    )
    weighed = re.search(_ALTERNATIVE_RE + r"\s+(?:[\w'-]+\s+){0,4}\|", near, re.I) or re.search(
        r"\|\s+(?:[\w'(),-]+\s+){0,3}" + _ALTERNATIVE_RE, near, re.I
    )
    if weighed and (
        sentence.rstrip().endswith("?")
        or _CHOOSING_RE.search(sentence)
        or re.search(r"\b(?:better|faster|cheaper|worth|which|what)\b", sentence, re.I)
    ):
        return True
    clause = re.split(r"[,;:]|\b(?:but|men|while|whereas)\b", sentence[at:], maxsplit=1)[0]
    clause_before = re.split(r"[,;:]|\b(?:but|men|while|whereas)\b", sentence[:at])[-1]
    here = clause_before + evidence + clause
    rest = text.replace(here, " ")
    return bool(_TRIAL_RE.search(here) and _PRODUCTION_RE.search(rest))


# pure in its strings, and asked again for every figure of a long text
@functools.lru_cache(maxsize=512)
def said_of_others(text: str, evidence: str) -> bool:
    """Whether the words `evidence` come in a clause about someone else ("our competitor
    self-hosts Mistral", "people are buying Mac minis to run agents")."""
    at = text.find(evidence)
    if at < 0:
        return False
    clause = re.split(r"[.;!?\n]|\b(?:but|men)\b", text[max(0, at - 80) : at])[-1]
    return bool(_OTHERS_RE.search(clause))


# nothing may go to a cloud at all: it runs on the organisation's own machines
_NO_CLOUD_RE = re.compile(
    r"\b(?:nothing|no data|none of it|inget|ingenting|inga data)\s+(?:may|can|must|should|får|kan|ska)"
    r"\s+(?:go|be sent|be uploaded|gå|skickas|laddas upp)\s+(?:to|into|till|upp i)\s+(?:the\s+|a\s+)?"
    r"(?:cloud|moln\w*)\b(?!\s+(?:in|outside|utanför|i)\b)|\b(?:not allowed to|may not|must not|can'?t|cannot|are not permitted to|"
    r"får inte)\s+(?:use|call|send \w+ to|använda|anropa)\s+(?:any\s+)?(?:external|third[- ]party|"
    r"public|cloud|externa|publika)\s+(?:apis?|services|providers|llms?|ai|tjänster|api:er)\b|"
    r"\bno (?:external|third[- ]party|cloud) (?:apis?|services|providers)\b",
    re.IGNORECASE,
)


# one person speaking of their own machine, with no team in the text
_ONE_PERSONS_RE = re.compile(
    r"^(?!.*\b(?:we|our|us|team|vi|vår|våra|oss)\b).*\b(?:i|my|me|jag|mitt)\b", re.I | re.S
)


# several people served by one machine
_FOR_A_TEAM_RE = re.compile(
    r"\b(?:all|alla)\s+(?:\d+|two|three|four|five|six|ten|två|tre|fyra|fem|sex|tio)\s+(?:of us\s+)?"
    r"(?:can\s+|kan\s+)?(?:share|use|delar|dela|använda)\b|\bdelas av\b|"
    # reached over the office network by several people, or a whole office's machine
    r"\bover (?:the|our) (?:office |local |internal |company )?(?:lan|network|wi-?fi)\b|"
    r"\bvia (?:kontorets|vårt) (?:nätverk|lan)\b|\b\d+-person (?:office|team|firm|studio|practice)\b|"
    r"\b(?:for|serving|serves|shared (?:by|with)|used by)\s+(?:our\s+|the\s+|a\s+|my\s+|all\s+)?"
    r"(?:\d+|two|three|four|five|six|ten|several|whole)?\s*(?:devs|developers|users|colleagues|"
    r"employees|staff|people|team|engineers|lawyers|analysts|students|utvecklare|användare|"
    r"kollegor|anställda)\b|"
    # "the Mac Studio in our office that the whole team uses"
    r"\b(?:the|our) (?:whole|entire) (?:team|office|company|firm|staff)\b|"
    r"\bhela (?:teamet|kontoret|företaget|gruppen|avdelningen)\b",
    re.IGNORECASE,
)
# a machine at the person's own desk or home: "a workstation under my desk", "hemma"
_AT_MY_DESK_RE = re.compile(
    r"\b(?:under|on|at|beside|next to) my desk\b|\bunder (?:skrivbordet hos mig|mitt skrivbord)\b|"
    r"\bat (?:my )?home\b|\bhemma(?: hos mig)?\b",
    re.IGNORECASE,
)


# a device that captures, records or sends what the model gets: the source, not where it runs
SOURCE_OF_INPUT_RE = re.compile(
    r"(?<!nothing )(?<!not )(?<!never )(?<!no data )(?<!inget )(?<!inte )\b(?:captur\w*|record\w*|sends?|sent|sending|upload\w*|stream\w*|collect\w*|made on|taken on|"
    r"shot on|spelar in|spelas in|inspelade|skickar|skickas|laddas upp|fotograf\w*)\b",
    re.IGNORECASE,
)


# gigabytes or memory named: a machine's, unless the figure is the size of the data ("1 200
# manuals (PDF, totalt runt 3 GB)", "6.4GB of PDF files")
_GIGABYTES_RE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:gb|gigs?)\b|\b(?:v?ram|minne)\b", re.IGNORECASE)
_DATA_SIZE_BEFORE_RE = re.compile(
    r"\b(?:total\w*|in all|sammanlagt|data|files?|filer|pdfs?|documents?|dokument|corpus|dataset|"
    r"archive|arkiv\w*)\b[^.;,()\d]{0,15}$",
    re.IGNORECASE,
)
_DATA_SIZE_AFTER_RE = re.compile(
    r"\s*(?:of|med|av)\s+(?:\w+\s+)?(?:data|files|pdfs?|documents|text|manuals|audio|video|filer|"
    r"dokument|logs?)\b",
    re.IGNORECASE,
)


def _memory_named(text: str) -> bool:
    return any(
        not _DATA_SIZE_BEFORE_RE.search(text[max(0, m.start() - 40) : m.start()])
        and not _DATA_SIZE_AFTER_RE.match(text, m.end())
        for m in _GIGABYTES_RE.finditer(text)
    )


def _local_cue(text: str) -> Cue | None:
    if m := _TURNED_SERVER_RE.search(text):
        return Cue("self-hosted", m.group(0))  # "an old laptop that I turned into a server"
    named = device(text)
    runs_on = _RUNS_ON_RE.search(text)
    on_device = None
    if (
        named
        and named.value in ("phone", "tablet", "laptop", "single-board")
        and (
            runs_on
            or _RUNTIME_RE.search(text)
            or _memory_named(text)
            # a board is a computer at the edge: the project it is named in runs there, unless
            # it only records or sends what the model gets
            or (
                named.value == "single-board"
                and not SOURCE_OF_INPUT_RE.search(sentence_of(text, named.evidence))
            )
        )
    ):
        on_device = Cue("on-device", named.evidence)
    elif runs_on and re.search(
        r"offline|on[- ]device|in the browser|utan nätverk|without|itself|never leaves|stays? on|kept on|nothing",
        runs_on.group(0),
        re.I,
    ):
        on_device = Cue("on-device", runs_on.group(0))
    elif named and named.value == "apple-silicon":
        on_device = Cue("on-device", named.evidence)
        if _FOR_A_TEAM_RE.search(text):
            # "Ollama on a Mac Studio ... for 3 devs": a machine that serves a team is a server
            return Cue("self-hosted", named.evidence)
    elif (m := _OWN_COMPUTER_RE.search(text)) and not _COMPOUND_AFTER_RE.match(text, m.end()):
        on_device = Cue("on-device", m.group(0))
    runtime = _runtime_cue(text, named)
    if runtime and runtime.value == "on-device":
        if (
            _OWN_SERVERS_RE.search(text)
            or _OWNS_SERVER_RE.search(text)
            or (
                _MANY_AT_ONCE_RE.search(text)
                and _RUNTIMES.get(runtime.evidence.lower()) == "either"
            )
        ):
            # "Ollama on our own servers", "Ollama for privacy-sensitive deployments"
            runtime = Cue("self-hosted", runtime.evidence)
        else:
            on_device = on_device or runtime
            runtime = None
    servers = None
    if m := (
        _OWN_SERVERS_RE.search(text) or _OWNS_SERVER_RE.search(text) or _NO_CLOUD_RE.search(text)
    ):
        servers = Cue("self-hosted", m.group(0))
        if re.search(r"\b(?:from|off|från)\s+$", text[max(0, m.start() - 8) : m.start()], re.I):
            servers = None  # "500 log files a day from our servers": where the input comes from
        elif _PACKAGING_RE.fullmatch(m.group(0)) and not _RUN_BY_US_RE.search(
            sentence_of(text, m.group(0)) + " " + _question_before(text, m.group(0))
        ):
            servers = None  # "does the docker image support ARM?": the software's packaging
    if on_device and servers and _PACKAGING_RE.fullmatch(servers.evidence):
        servers = None  # "locally in my laptop with docker run ...": the container runs there
    if on_device and servers and not_where_it_runs(text, on_device.evidence):
        on_device = None  # "runs on our server; for development I use a MacBook"
    elif on_device and servers and _NO_CLOUD_RE.fullmatch(servers.evidence):
        servers = None  # "my MacBook ... nothing may go to the cloud": the device keeps it local
    elif runtime:
        servers = runtime
    elif named and named.value == "workstation":
        if not _FOR_A_TEAM_RE.search(text) and (
            _ONE_PERSONS_RE.search(text)
            or _AT_MY_DESK_RE.search(text)
            or not _NOT_ONE_MACHINE_RE.search(text)
        ):
            # "I have a desktop PC ...": the person's own computer, not a team's server
            on_device = on_device or Cue("on-device", named.evidence)
        else:
            servers = Cue("self-hosted", named.evidence)
    if on_device and servers:
        return None  # a device and a server named: which one runs the model is asked
    return (
        on_device
        or servers
        or _served_to_many(text)
        or _personal_machine(text)
        or _on_a_consumer_card(text)
        or _run_report(text)
    )


# a machine's parts as a report lists them: memory, processor, consumer card, system, the machine
_SPEC_RE = re.compile(
    r"\b\d{1,3}(?:[.,]\d)?\s?(?:gb|gigs?)\b|\b(?:ryzen\s*\d*|core\s*i[3579]|i[3579]-\d{3,5}\w*|"
    r"intel\s+i[3579]|\d+\s*(?:core|cores|threads?)\b)|"
    rf"\b(?:{_CONSUMER_CARD})\b|\bwin(?:dows)?\s*1[01]\b|\bubuntu\b|\bmacos\b|\bandroid\s*\d+|"
    r"\b(?:laptop|macbook\w*|surface\s?book|pc|desktop|raspberry|pi\s?[345]b?|jetson|nuc|phone)\b",
    re.IGNORECASE,
)
# how a run went: its speed, its time, that it froze, crashed or ran out of memory, that it ran
_RUN_REPORTED_RE = re.compile(
    r"\btokens?\s*(?:/|per)\s*(?:s|sec|second|min|minute)\b|\bt/s\b|\b(?:takes?|took|taking)\s+"
    r"(?:about\s+|around\s+|roughly\s+|well over\s+|up to\s+)?[\d~]|\bslow\w*\b|\bfro(?:ze|zen)\b|"
    r"\bcrash\w*|\bout of memory\b|\bnot enough (?:gpu )?memory\b|\bhang\w*|\bstopped responding\b|"
    # (a bare "run" is a question or a wish: "should I be able to run it with 3 x RTX 3090?")
    r"\bunresponsive\b|\btoo (?:much|heavy|big) for\b|\b(?:runs|ran|running)\b|\binference\b",
    re.IGNORECASE,
)
# anyone besides the writer, a server or a rented machine: not one person's own computer
_NOT_ONE_MACHINE_RE = re.compile(
    r"\b(?:we|our|us|team|users|customers|production|servers?|cloud|vms?|instances?|vcpus?|vps|"
    r"colab|kaggle|vi|vår|våra)\b|\$\s?\d+(?:\.\d+)?\s*(?:/\s*mo\w*|pm|p/m|per month|a month)\b",
    re.IGNORECASE,
)


def _run_report(text: str) -> Cue | None:
    """A report of a run on one machine, as people write them when it is slow or fails: the
    machine's parts listed (two or more of memory, processor, card, system, the machine) and how
    the run went ("Ryzen 7, 32GB of RAM ... the large model takes 3 hours"), with no one else,
    no server and nothing rented in the text, and no hardware being bought: the person's own
    device (issue 21 guidelines)."""
    if _NOT_ONE_MACHINE_RE.search(text) or _CHOOSING_RE.search(text):
        return None
    parts = {m.group(0).lower() for m in _SPEC_RE.finditer(text)}
    if len(parts) >= 2 and (m := _RUN_REPORTED_RE.search(text)):
        return Cue("on-device", m.group(0))
    return None


# "run this locally on a 8GB VRAM GPU (RTX 4060)": the person's own computer, named by its card
_LOCALLY_ON_A_CARD_RE = re.compile(
    rf"(?:\blocally\s+on\s+(?:an?\s+|my\s+|our\s+)?|\b(?:runs?|running|works?)\s+on\s+my\s+)"
    rf"(?:[\w-]+\s+){{0,3}}?(?:gpu|graphics card|{_CONSUMER_CARD})(?:\s?(?:xtx|xt|ti|super))?\b",
    re.IGNORECASE,
)


def _on_a_consumer_card(text: str) -> Cue | None:
    if (m := _LOCALLY_ON_A_CARD_RE.search(text)) and not _SERVES_OTHERS_RE.search(text):
        return Cue("on-device", m.group(0))
    return None


# a model the person runs (a local or open one, an open model by name) ...
_OPEN_MODEL = (
    r"(?:llama|qwen|mistral|mixtral|gemma|phi-?\d|deepseek|falcon|gpt-?j|gpt-oss|vicuna|"
    r"olmo|granite|smollm)[\w.-]*"
)
_RUNS_A_MODEL_RE = re.compile(
    rf"\blocal(?:ly)?(?:[- ](?:running|run|hosted))?\s+(?:llms?|models?|language models?|ai)\b|"
    rf"\b(?:run|runs|running|host|hosting|serve|serves|serving|deploy|deploying|inference of)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:a\s+|an\s+|the\s+)?(?:{_OPEN_MODEL}|(?:local|open[- ]source|open)\s+"
    rf"(?:llms?|models?))|\b{_OPEN_MODEL}\s+(?:[\w-]+\s+){{0,3}}?(?:deploy\w*|served|serving|inference)\b|"
    rf"\blokal\w*\s+(?:modell\w*|llm|ai)\b",
    re.IGNORECASE,
)
# ... for many people at once, or for a team or an organisation
_MANY_AT_ONCE_RE = re.compile(
    r"\b(?:\d+|multiple|many|several|hundreds of|thousands of)\s+(?:parallel|concurrent|simultaneous)"
    r"\s+(?:users|requests|sessions)\b|\bconcurrent(?:ly)?\b|\bin parallel\b|\bthroughput\b|"
    r"\brequests? per second\b|\breq/s\b|\bfor (?:our|the|my)\s+(?:\d+[- ]person\s+)?(?:team|company|"
    r"organi[sz]ation|staff|office|department)\b|\bunder (?:the )?management of\b|\bdeployments\b|"
    r"\bför (?:vårt|våra|hela)\s+(?:team|företag\w*|kontor\w*|avdelning\w*)\b",
    re.IGNORECASE,
)


def _served_to_many(text: str) -> Cue | None:
    """A model the person runs, served to many at once or to their team or organisation ("running
    the Llama2 7B model for 200 parallel users", "a local model for our 4-person team"): their
    own server, whatever it is called (issue 21 guidelines: machines run for others)."""
    if (m := _RUNS_A_MODEL_RE.search(text)) and _MANY_AT_ONCE_RE.search(text):
        return Cue("self-hosted", m.group(0))
    return None


# consumer hardware a person has: a PC's parts, its system, "my machine"
# (a GPU alone says nothing of where it runs: the guidelines; a computer, its CPU or its
# operating system named as the person's does)
_PERSONAL_HARDWARE_RE = re.compile(
    r"\b(?:my|i have(?: an?)?|i've got an?|i own an?|i use an?|i'm on an?|i am on an?|i'm using an?|"
    r"mitt|min|jag har en)\s+(?:[\w-]+\s+){0,5}?(?:ryzen|intel core|core i[3579]|i[3579]-\d{3,5}\w*|pc|"
    r"(?:rtx|gtx) (?:card|gpu)|"
    r"computer|machine|rig|dator|system(?=\s*(?::|has|with|is an?))|windows|linux|ubuntu|"
    + _CONSUMER_CARD
    + r")\b|"
    r"\bwindows (?:task manager|1[01])\b",
    re.IGNORECASE,
)
# (a bare "locally" names no machine: whose is asked, the guideline decided at stop 36)
_WANTS_LOCAL_RE = re.compile(
    r"\b(?:i|jag)(?:'d|\s+would)?\s+(?:want|like|need|plan|am going|run|use|vill|kör)\w*\s+(?:to\s+)?"
    r"(?:[\w.-]+\s+){0,4}?(?:on my (?:own )?(?:machine|computer|pc)|på min (?:egen )?dator)\b",
    re.IGNORECASE,
)


# "computer science", "machine learning": a field of study or work, not a machine
_COMPOUND_AFTER_RE = re.compile(
    r"\s+(?:science|scientists?|vision|learning|translation|engineering|engineers?|readable|"
    r"generated|code|parts|lab|graphics)\b",
    re.IGNORECASE,
)


def _personal_machine(text: str) -> Cue | None:
    """One person (I, my; no team, users or customers) running it on their own computer: a
    PC's parts or system named as theirs ("my RTX 2060", "Windows 11"), or "I want to use this
    locally". The end user's own device (issue 21 guidelines), not a server."""
    if not _ONE_PERSONS_RE.search(text) or _SERVES_OTHERS_RE.search(
        re.sub(r"\b(?:i|my|me)\b", " ", text, flags=re.I)
    ):
        return None
    for pattern in (_WANTS_LOCAL_RE, _PERSONAL_HARDWARE_RE):
        for m in pattern.finditer(text):
            if (
                _COMPOUND_AFTER_RE.match(text, m.end())  # "my computer science class"
                or not_where_it_runs(text, m.group(0))
                or said_of_others(text, m.group(0))
                or _TRIAL_RE.search(sentence_of(text, m.group(0)))
            ):
                continue  # "trying it on my local system": a machine tried, not where it runs
            if _GPU_OR_SYSTEM_RE.search(m.group(0)) and not _SOMETHING_RUNS_RE.search(text):
                continue  # "I have an RTX 3060": a card or a system alone says nothing of a run
            return Cue("on-device", m.group(0))
    return None


_GPU_OR_SYSTEM_RE = re.compile(rf"\b(?:windows|linux|ubuntu|{_CONSUMER_CARD})\b", re.I)
# something the person runs on it: a model, a job, a tool using the machine
_SOMETHING_RUNS_RE = re.compile(
    r"\b(?:run|runs|running|ran|uses|using|transcrib\w*|inference|locally|generat\w*|köra|kör)\b",
    re.I,
)


def _question_before(text: str, evidence: str) -> str:
    """The question just before the sentence of `evidence`, as a form asks it ("How are you
    running it? Docker."): its answer follows it."""
    at = text.find(evidence)
    start = max(text.rfind(c, 0, at) for c in ".;!?\n")
    if start < 0 or text[start] != "?":
        return ""
    return sentence_of(text, text[max(0, start - 60) : start].strip() or "?")


# how software is packaged or scheduled: where it runs only when the person says they run it so
_PACKAGING_RE = re.compile(r"docker|kubernetes|k8s|vps|helm charts?", re.IGNORECASE)
_RUN_BY_US_RE = re.compile(
    r"\b(?:our|my|vår|min)\s+(?:own\s+)?(?:docker|kubernetes|k8s|vps|cluster)\b|"
    r"\b(?:we|i|our|my|you|vi|jag|vår|våra|min|du|ni)\b[^.;?]{0,40}\b(?:run\w*|deploy\w*|host\w*|use|uses|"
    r"using|have|has|got|set up|kör\w*|använder|har)\b|\b(?:run\w*|deploy\w*|host\w*|using|"
    r"kör\w*)\b[^.;?]{0,30}\b(?:on|in|with|via|på|i|med)\b[^.;?]{0,20}\b(?:docker|kubernetes|k8s|"
    r"vps)\b",
    re.IGNORECASE,
)


# "Ollama in server": the runtime named with the server it runs on
_ON_A_SERVER_AFTER_RE = re.compile(
    r"\s+(?:in|on)\s+(?:a\s+|the\s+|my\s+|our\s+)?(?:\w+\s+)?servers?\b", re.IGNORECASE
)


def _runtime_cue(text: str, named: Cue | None) -> Cue | None:
    for m in _RUNTIME_RE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if re.search(r"\bif\b[^.;?]*$|\bom\b[^.;?]*$", before, re.I):
            continue  # "if I want to use ollama": not used yet
        name = m.group(1).lower()
        used = re.search(
            r"\b(?:use|uses|using|used|run|runs|running|serve|serves|serving|via|deployed|host|have|has|"
            r"hosted|hosting|kör|använder|through|on top of|on|installed|into|load|loads|loaded|"
            r"loading|launch\w*|opened)\b[^.;]{0,25}$",
            before,
            re.IGNORECASE,
        )
        used = used or re.match(
            r"\s+(?:serves|runs|hosts|is (?:serving|running))\b", text[m.end() :]
        )
        # a server runtime named as doing the work ("vLLM can handle 100 requests") is in use
        if not used and name not in _SERVER_RUNTIMES:
            continue
        kind = _RUNTIMES[name]
        if (
            kind != "on-device"
            and named
            and named.value in ("laptop", "apple-silicon", "phone", "tablet", "single-board")
        ):
            kind = "on-device"  # the runtime runs on the device named
        elif kind == "either":
            on_a_server = _ON_A_SERVER_AFTER_RE.match(text, m.end())
            if not (on_a_server or _SERVES_OTHERS_RE.search(text)):
                # "I'm using a locally hosted Ollama model": on whose machine is not said; the
                # person's own computer, if named, is read by the device cues
                continue
            kind = "self-hosted"
        return Cue(kind, m.group(0))
    return None


# a question whether a service would do is no statement that it is used or accepted
_ASKED_ABOUT_RE = re.compile(
    r"^\s*(?:would|could|should|is|are|does|do|will|kan|skulle|är)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _asked_about(clause: str, evidence: str) -> bool:
    """ "Would a hosted API be cheaper?", "I wonder if the OpenAI API would do?": the service is
    what the question is about (its subject, or inside "if"/"whether"), not what is used."""
    if not clause.rstrip().endswith("?"):
        return False
    before = clause[: clause.find(evidence)]
    return bool(_ASKED_ABOUT_RE.search(before) or re.search(r"\b(?:if|whether|om)\b", before, re.I))


def _clause_of(text: str, evidence: str, at: int) -> str:
    """The question or clause `evidence` (at `at`) stands in, with its closing mark."""
    start = max(text.rfind(c, 0, at) for c in ".;!?\n:") + 1
    ends = [i for i in (text.find(c, at + len(evidence)) for c in ".;!?\n") if i >= 0]
    return text[start : min(ends) + 1 if ends else len(text)]


# a use or a sending denied in the clause before the service: "we may not send source code to
# American cloud services", "vi får inte skicka källkod till molntjänster"
_NEGATED_USE_RE = re.compile(
    r"\b(?:not|never|n't|cannot|inte|aldrig|no longer)\s+(?:\w+\s+){0,2}?(?:use|using|send|sending|"
    r"upload\w*|share|sharing|go|pass|skicka|använda|dela|ladda upp|gå|lämna ut)\b",
    re.IGNORECASE,
)


# what a hosted model or an API costs, is billed or is priced at: "the API costs $155.72 per day",
# "gpt4-turbo is $10 per 1M token", "API-kostnader": a hosted API in use or considered
_MONEY_WORDS = (
    r"(?:costs?|cost(?:ing)?|prices?|pricing|fees?|billed|billing|bills?|credits?|spent|spend|tiers?|"
    r"cheap|expensive|inexpensive|pricey|kostar|kostnad\w*|avgift\w*|dyr[at]?|billig[at]?)"
)
_HOSTED_PRICE_RE = re.compile(
    rf"\b(?:{_HOSTED}){_HOSTED_END}[^.;?!\n]{{0,40}}?(?:\b{_MONEY_WORDS}\b|\$\s?\d)|"
    rf"\b{_MONEY_WORDS}\b[^.;?!\n]{{0,25}}?\b(?:of|for|on|with|from|to|för|på)\s+(?:the\s+|an?\s+)?"
    rf"(?:{_HOSTED}){_HOSTED_END}|\bapi[- ]?(?:costs?|kostnad\w*|fees|pricing|usage|spend(?:ing)?|"
    rf"bills?|credits)\b",
    re.IGNORECASE,
)


def _cloud_cue(text: str) -> Cue | None:
    for pattern in (CLOUD_RE, _PROVIDER_USED_RE, _HOSTED_IN_USE_RE, _HOSTED_PRICE_RE):
        for m in pattern.finditer(text):
            # the words around it in its own sentence: "... instead of GPT-4? We have an
            # Anthropic key" weighs nothing in the second sentence
            before = re.split(r"[.!?]\s|\n", text[max(0, m.start() - 30) : m.start()])[-1]
            around = before + re.split(r"[.!?\n]", text[m.end() : m.end() + 12])[0]
            negated = _NOT_IN_USE_RE.search(before) or re.search(
                r"\b(?:didn'?t|don'?t|do not|did not|doesn'?t|can'?t|cannot|never|not|no|without|"
                # "I'd rather run it on my own PC than pay for ElevenLabs"
                r"inte|rather than|instead of|than (?:pay|paying|use|using|rely on|send))\b",
                _NO_MATTER_RE.sub("", m.group(0)),
                re.IGNORECASE,
            )
            sentence = re.split(r"(?<=[.!?])\s+", text[m.start() :], maxsplit=1)[0]
            clause_before = re.split(
                r"[.;!?,\n]|\b(?:but|men|however|though)\b",
                text[max(0, m.start() - 80) : m.start()],
            )[-1]
            if (
                negated
                or _NEGATED_USE_RE.search(clause_before)
                or _asked_about(_clause_of(text, m.group(0), m.start()), m.group(0))
                or (_WEIGHED_RE.search(around) and not _only_hosted_weighed(text, m))
                or _WEIGHED_RE.search(m.group(0))
                or _LEAVING_RE.search(sentence + " " + text[m.end() : m.end() + 120])
            ):
                continue
            if (
                _PROVIDER_AS_SOFTWARE_RE.match(text, m.end())
                or _PROVIDER_AS_HOST_RE.match(text, m.end())
                or re.search(r"\bas\s+(?:an?\s+)?$", text[max(0, m.start() - 6) : m.start()], re.I)
                or re.search(r"\bas\s+(?:an?\s+)?[\w.-]+$", m.group(0), re.I)
            ):
                # "the OpenAI Python client", "an Azure VM", "serve qwen as OpenAI API": software,
                # a rented machine or an interface
                continue
            return Cue("cloud-api", m.group(0))
    return None


# hosted providers weighed against each other ("OpenAI or Claude"): a hosted API either way
_PROVIDERS = rf"(?:{_HOSTED}|google|microsoft|amazon|aws|ibm)"
_HOSTED_OPTIONS_RE = re.compile(
    rf"\b{_PROVIDERS}{_HOSTED_END}\s*(?:,|/|or|and|and/or|eller|och|vs\.?)\s*{_PROVIDERS}{_HOSTED_END}",
    re.I,
)


_LOCAL_OPTION_RE = re.compile(
    r"\b(?:ollama|llama\.cpp|lm ?studio|vllm|local\w*|self-?host\w*|on-?prem\w*|own (?:servers?|gpus?|"
    r"hardware))\b",
    re.IGNORECASE,
)


def _only_hosted_weighed(text: str, m: re.Match) -> bool:
    """ "connects OpenAI or Claude": the options weighed are all hosted APIs, so a hosted API it is
    ("OpenAI / Gemini / Ollama" weighs a local one too)."""
    window = text[max(0, m.start() - 30) : m.end() + 40]
    return bool(_HOSTED_OPTIONS_RE.search(window)) and not _LOCAL_OPTION_RE.search(window)


# a provider's name on its software ("the OpenAI Python client", "OpenAI-compatible") or on a
# machine rented from it ("an Azure VM", "AWS instances"): no hosted model API in use
_PROVIDER_AS_SOFTWARE_RE = re.compile(
    r"[\s-]*(?:python\s+|node\s+|js\s+)?(?:client|sdk|library|package|format|spec|schema|compatible|"
    r"style|protocol)\b",
    re.IGNORECASE,
)
_PROVIDER_AS_HOST_RE = re.compile(
    r"\s+(?:vms?|virtual machines?|instances?|servers?|gpus?|kubernetes|aks|eks|gke|compute)\b",
    re.IGNORECASE,
)


def owns_hardware(clause: str) -> bool:
    """Whether a clause speaks of hardware the team has (not hardware to rent)."""
    return bool(
        re.search(
            r"\b(?:we|i|vi|jag)\b[^.;]{0,30}\b(?:have|own|got|bought|run|use|har|äger|köpt|kör)\b|"
            r"\b(?:our|my|vår|våra|mina?)\b|\balready\b|\bredan\b|\bexisting\b|\bwith\b",
            clause,
            re.IGNORECASE,
        )
    ) and not _NOT_OURS.search(clause)
