"""Precision rules of the reader (issue 21: a wrong value is worse than none). Each rule is a
general reading of what a figure or a word means, shown on phrasings written for these tests
(not corpus lines), with the wording that does state the field beside it."""

from __future__ import annotations

import pytest
from inferred import read  # tests/advisor/intake/inferred.py


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a rate named between the number and the noun: "50,000 daily queries"
        ("The portal serves about 50,000 daily queries.", "requests_per_month", 1_500_000),
        ("Roughly 800 weekly tickets reach the service desk.", "requests_per_month", 3464),
        # ... and a bound before another figure is not a budget ("under 2 seconds")
        ("Replies under 2 seconds for 90% of 50,000 daily queries.", "monthly_budget_usd", None),
        # a bound alone may bound anything; a word for spending names the budget
        ("Max 800 a month, reviewed by legal.", "monthly_budget_usd", None),
        ("Max 800 a month, reviewed by legal.", "requests_per_month", None),
        ("We can spend 300 per month on this tool.", "monthly_budget_usd", 300.0),
        ("Budget around 450 a month; answer HR questions.", "monthly_budget_usd", 450.0),
        # what something costs today, without a currency, is money: neither requests nor budget
        ("Our call centre costs 60k a month; can an LLM help?", "requests_per_month", None),
        ("Our call centre costs 60k a month; can an LLM help?", "monthly_budget_usd", None),
    ],
)
def test_figures_are_read_by_what_names_them(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # the size of what the model writes is no input
        ("Meeting notes come typed up; we need a one-page summary of each.", "input_tokens", None),
        ("Drafts go out as 200-word replies to each complaint.", "context_tokens", None),
        # the size of what is sent in, said of it, is one request's input
        ("Each transcript we feed in is about 9,000 words; summarise it.", "input_tokens", 11_970),
        (
            "The contract we paste is around 30 pages; find the notice period.",
            "context_tokens",
            15_000,
        ),
    ],
)
def test_a_size_is_of_what_goes_in_not_of_what_comes_out(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "a few thousand" is no figure (the corpus guidelines): the volume is asked
        ("A few thousand staff, each with 2-3 questions a week, for the HR bot.",
         "requests_per_month", None),
        ("Several hundred tickets a day reach the desk; sort them.", "requests_per_month", None),
        ("About 500 staff, each with 2 questions a week, for the HR bot.",
         "requests_per_month", 4330),
        # a period named before an approximate figure is still its period
        ("Every week ~1,500 claims arrive; classify them by type.", "requests_per_month", 6495),
        ("Ärenden kommer in via mejl, typ 40 om dan; sortera dem.", "requests_per_month", 1200),
        # documents processed per period are the calls, whatever they are called
        ("About 4,800 leases a year to check against our template.", "requests_per_month", 400),
        ("Ca 240 bokslut per år ska sammanfattas.", "requests_per_month", 20),
        # the currency may follow the period, in brackets
        ("Our budget for the API is 12k/yr (USD), all in.", "monthly_budget_usd", 1000.0),
        ("Our budget for the API is 12k/yr (USD), all in.", "requests_per_month", None),
        # a bare rate counts the pictures named just before it
        ("We need banner images, around 30 per working day.", "images_per_month", 660),
        ("We need banner images, around 30 per working day.", "requests_per_month", None),
    ],
)  # fmt: skip
def test_figures_count_what_the_text_says_they_count(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "memory"),
    [
        # two memories of the machine (the card's and the system's): which one is asked
        ("It runs on my desktop: 8GB 3070, 64GB ram, Windows 11.", None),
        ("Our server has a T4 with 16GB VRAM and 256 RAM.", None),
        # a container's limit on a command line is not the machine's memory
        ("On my laptop I start it with docker run --memory=6g whisper.", None),
        # one memory stated is the machine's
        ("My laptop has 16GB RAM and I want to run a model locally.", 16.0),
    ],
)  # fmt: skip
def test_the_device_memory_is_the_one_memory_stated(text, memory):
    assert read(text).get("device_memory_gb") == memory


@pytest.mark.parametrize(
    ("text", "budget", "priority"),
    [
        # free wished for, with a little allowed, is a cost priority; free required is 0
        ("Vill ha hjälp med inlägg. Helst gratis eller nästan.", None, "cost"),
        ("Ideally free, or close to it; a bot for our club.", None, "cost"),
        ("We can't pay anything at all, it must be free.", 0.0, None),
        ("Ingen budget alls, måste vara gratis.", 0.0, None),
    ],
)  # fmt: skip
def test_free_wished_for_is_a_priority_and_free_required_a_zero_budget(text, budget, priority):
    found = read(text)
    assert (found.get("monthly_budget_usd"), found.get("priority")) == (budget, priority)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # what a plan gives for free is an offer: no volume, no zero budget
        ("Their API gives 2,000 calls for free per month; we used them up in a week.",
         "requests_per_month", None),
        ("Their API gives 2,000 calls for free per month; we used them up in a week.",
         "monthly_budget_usd", None),
        # spend today, wanted halved, is half the budget, however the halving is said
        ("We spend about $3,000/month on GPT-4o and finance wants that halved.",
         "monthly_budget_usd", 1500.0),
        ("Vi lägger 8 000 kr/mån på Claude idag; vi vill ner till hälften.", "monthly_budget_usd",
         362.65),
        # a unit price in an earlier clause does not make the stated cap a unit price
        ("The vendor takes 0,35 kr per mejl, vi har max 5 000 kr/mån att lägga.",
         "monthly_budget_usd", 453.31),
        # a cost worked out is no budget
        ("Rough math: 3 hours of audio a week comes to ~$6k/year at their rate.",
         "monthly_budget_usd", None),
        # "for the year" is the money's period
        ("Budget is £1,200 for the year; summaries of board papers.", "monthly_budget_usd",
         125.29),
        # cheap hardware is no priority
        ("Our couriers carry cheap Android phones; translate their messages.", "priority", None),
    ],
)  # fmt: skip
def test_offers_estimates_and_hardware_prices_are_not_the_persons_money(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # documents one answer uses are what retrieval passes on, not the collection
        ("Every reply should quote 3 documents from the rulebook.", None),
        ("Pass the top 6 documents to the model for each question.", None),
        ("Fetch the 5 most relevant policies, then answer.", None),
        ("Staff attach 2 PDFs at a time and ask about them.", None),
        ("Varje svar får bygga på högst 4 dokument ur handboken.", None),
        ("Applicants send 4 documents with each application; check they are complete.", None),
        # a wiki is a collection of pages, not one document
        ("We have 3 wikis and a shared drive; staff ask about them.", None),
        # the collection itself is still read
        ("We keep 1,800 policies in SharePoint and staff ask about them.", 1800),
        ("Vi har 6 000 avtal i arkivet och vill kunna ställa frågor om dem.", 6000),
        ("Index 250 manuals; each question gets an answer with its sources.", 250),
    ],
)
def test_documents_per_answer_are_not_the_collection(text, count):
    assert read(text).get("data.document_count") == count


@pytest.mark.parametrize(
    ("text", "memory"),
    [
        # a machine with a graphics card runs the model in the card's memory; its RAM is not it
        ("My desktop: Ryzen 7, 64GB RAM, GeForce RTX 3080. Which local model for coding?", None),
        ("Home server with 32 GB RAM and a Radeon RX 7900 runs Ollama for the family.", None),
        # the card's own memory, and RAM where no card is named, are read
        ("My desktop has an RTX 3080 with 10GB VRAM; which local model for coding?", 10.0),
        ("A laptop with 16 GB RAM and no GPU; can it run a local model offline?", 16.0),
    ],
)
def test_system_ram_beside_a_graphics_card_is_not_the_device_memory(text, memory):
    assert read(text).get("device_memory_gb") == memory


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # someone else's setup, or one reported, is not where this one runs
        (
            "Our competitor self-hosts Mistral; we just want answers that are right.",
            "deployment",
            None,
        ),
        (
            "I read that others are running agents on Mac minis. Ideas for our help desk?",
            "device",
            None,
        ),
        # an API being left is not where it should run; moving between hosted models still is
        ("We call the Gemini API today but want to move off it.", "deployment", None),
        (
            "Switching from GPT-4o to GPT-4o mini on the API would save us money.",
            "deployment",
            "cloud-api",
        ),
        # the users of the system are not someone else
        ("People in the warehouse use tablets with 3 GB memory, offline.", "device", "tablet"),
        ("We run Ollama on our own server for the intranet bot.", "deployment", "self-hosted"),
    ],
)
def test_where_it_runs_is_this_teams_setup_not_someone_elses(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # which languages is no job: with the language named, "language support" is not translating
        ("Norwegian language support would be great, thanks!", None),
        ("Could you add support for the Finnish language in the app?", None),
        ("Translate our product pages into five languages.", "translation"),
        # SQL written from a question is code, whatever answers the question after it
        (
            "Analysts type a question and it gets converted to SQL for our warehouse.",
            "code-generation",
        ),
        (
            "The model should formulate a SQL query from a plain-language question.",
            "code-generation",
        ),
        ("A text2sql assistant for the finance team.", "code-generation"),
        # the job named by its verb in any of its forms, English or Swedish
        ("A small model that labels incoming mails as spam / order / question.", "classification"),
        ("Vi vill klassa inkommande ärenden automatiskt.", "classification"),
        (
            "Let the AI sort the requests (plumbing, power, locks, other) for the caretakers.",
            "classification",
        ),
        ("We need the renewal date pulled out of every lease.", "extraction"),
        ("Något som rättar stavningen i våra pressmeddelanden.", "text-generation"),
        ("En AI som svarar på mejl från kunder.", "text-generation"),
        # the model asked for names its job
        ("Pick an embedding model for our product search.", "embeddings"),
        ("The LLM generates test cases for our API.", "code-generation"),
        ("Kundtjänsten vill att AI:n föreslår svar på mejlen.", "text-generation"),
        ("Listing descriptions written from our notes, 60 a month.", "text-generation"),
        # Swedish verbs in their forms
        ("Kommunen vill att en AI sorterar mejlen till rätt förvaltning.", "classification"),
        ("Läkarna dikterar sina anteckningar, ca 40 om dagen.", "speech-to-text"),
        # a bot over the organisation's documents or FAQ answers from them
        ("A support chatbot over our docs, two devs, $50 a month.", "question-answering"),
        ("Create a chatbot to answer some general FAQ about our website.", "question-answering"),
        # a summary of calls or meetings starts from their recordings, unless they are text
        ("Summaries of sales calls for the CRM, EU-hosted.", "speech-to-text"),
        ("Summaries of our meetings; the transcripts are typed up already.", "summarization"),
        # subtitles are translated as text: translation, not a transcription pipeline
        ("Translate the subtitles of our training videos into Japanese.", "translation"),
        # a tool's name in a question about hardware names no job; a job described does
        ("What's the minimum hardware for faster-whisper to run in reasonable time?", None),
        ("Which GPU do I need for Stable Diffusion XL?", None),
        (
            "Whisper is slow on my CPU when I transcribe our interviews; which GPU?",
            "speech-to-text",
        ),
        # an assistant named as what is built is a conversational one
        ("Vi vill ha en AI-assistent för personalen på kontoret.", "chat"),
        ("An offline personal assistant on a Jetson, will it work?", "chat"),
        # a model for coding is named by what it is for
        ("Want to run a coding model locally in VS Code, it must feel instant.", "code-generation"),
        ("Which code LLM fits on a 24GB GPU?", "code-generation"),
        (
            "A bot that answers questions about orders stored in our SQL database.",
            "question-answering",
        ),
        # "question answering" names the job, also beside a chatbot
        (
            "We want question answering over the HR handbook, as a chatbot in Teams.",
            "question-answering",
        ),
    ],
)
def test_the_task_is_a_job_named_not_a_language_named(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "need", "stated"),
    [
        # JSON the model writes is a need; a JSON file or export read in is not
        ("Keep the results in results.json; a bot answers HR questions.", "json-output", False),
        ("Tickets come exported from Zendesk as JSON; sort them by team.", "json-output", False),
        ("Give back the order lines as JSON.", "json-output", True),
        ("The model must produce valid JSON for the parser.", "json-output", True),
        # a person in a role is no software agent; an agent with tools is
        ("Our call-centre agents want a tool for shorter replies.", "function-calling", False),
        ("An agent that uses tools to book meetings in the calendar.", "function-calling", True),
        # reading delivery documents is not looking up a delivery's status
        ("Proofread the delivery notes before they go out.", "function-calling", False),
        ("Customers can check their delivery status in the chat.", "function-calling", True),
        # fine-tuning weighed against another approach is the question the advice answers
        ("Would fine-tuning beat RAG for our manuals?", "fine-tunable", False),
        ("Is fine-tuning worth it for a 20-person firm?", "fine-tunable", False),
        ("We plan to fine-tune a small model on 3,000 labelled emails.", "fine-tunable", True),
    ],
)
def test_a_need_is_stated_not_mentioned(text, need, stated):
    assert (need in (read(text).get("needs") or [])) is stated


def test_a_named_job_and_a_meaning_no_word_supports_disagree_and_the_task_is_asked():
    # the words name a coding assistant; the policies pull the meaning towards answering
    # questions, which no word names: a question beats a guess either way
    text = "We have internal policies about AI use; we want a coding assistant."
    assert read(text).get("task") is None
    assert read("We want a coding assistant for our developers.").get("task") == "code-generation"


@pytest.mark.parametrize(
    ("text", "private"),
    [
        # the organisation's texts mentioned, with no job and no asking, say nothing of answers
        ("The team reviews our documents every quarter.", None),
        ("Staff search our policies for the right form; can a model help?", True),
        ("A bot that answers from our policies.", True),
    ],
)
def test_own_documents_mentioned_are_not_answers_from_them(text, private):
    assert read(text).get("data.private_knowledge") == private


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # money coming in, a plan's price, a cost today and a project's total are no monthly budget
        ("Each of our 9 engineers earns about $7,000 a month.", "monthly_budget_usd", None),
        ("Our app sells a $15/month plan; we want an AI helper in it.", "monthly_budget_usd", None),
        ("Storage is $70 a month on Scaleway at the moment.", "monthly_budget_usd", None),
        ("The budget for the whole project is $15,000.", "monthly_budget_usd", None),
        ("Our budget at the moment is $600 a month.", "monthly_budget_usd", 600.0),
        # a rate every person has, said after the period or after the people
        (
            "The trial had 20 nurses asking about 10 questions a week each.",
            "requests_per_month",
            866,
        ),
        ("12 advisers each answer 40 chats a day.", "requests_per_month", 14400),
        # the busiest hour or second is no month's volume; a month's volume with peaks still is
        ("Bursts of 800 queries an hour on Monday mornings.", "requests_per_month", None),
        ("~30 requests per second at peak.", "requests_per_month", None),
        ("18,000 questions a month, with peaks before exams.", "requests_per_month", 18000),
    ],
)
def test_money_and_rates_are_read_for_whom_and_when(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # what a model was trained on, a language denied, a nationality said of someone
        (
            "The open model was pretrained on English only; our users write Czech.",
            ["cs"],
        ),
        ("No German, please: the shop is for Austrians who write Italian.", ["it"]),
        ("Our founder is Greek. Build a summariser for the board papers.", None),
        # named as the only ones, they are the list; described as the only ones, they are not
        ("Replies mix English and Danish; we want Danish only.", ["da"]),
        # English named as what a system does now, in a request for other languages, is not
        # asked for
        ("Please add Korean: it currently falls back to English.", ["ko"]),
        ("A teacher who writes in Hindi gets answered in English.", ["hi"]),
        ("Titles come back in a mix of English and German; we want German.", ["de"]),
        ("Support in English and German.", ["en", "de"]),
        # languages joined to the one named "only" share it
        ("Spanish is for later; we answer in Dutch, German or French only.", ["nl", "de", "fr"]),
        ("Radio archives in Dutch and Frisian.", ["nl", "fy"]),
        ("The corpus is only English text, yet users ask in Finnish.", ["en", "fi"]),
        ("Support in English, Spanish and Portuguese.", ["en", "es", "pt"]),
        ("Kunderna skriver på finska och ibland engelska.", ["fi", "en"]),
        # every language with an ISO 639-1 code is named, not only Europe's larger ones
        ("Farmers message us in Telugu, Kannada or Marathi.", ["te", "kn", "mr"]),
        ("Support tickets arrive in Georgian and Armenian.", ["ka", "hy"]),
        ("Vi behöver svar på georgiska.", ["ka"]),
        # where enterprises are from is no language
        ("Finnish enterprises ask us for an on-premise assistant.", None),
    ],
)
def test_languages_are_the_jobs_languages(text, codes):
    assert read(text).get("languages") == codes


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        # the software, the model or a publication changing is not the data changing
        ("We release the app weekly; add a chatbot for the FAQ.", None),
        ("The vendor updates the model monthly.", None),
        ("Our newsletter is published weekly; we want drafts of it.", None),
        ("Our price list changes every month; customers ask about prices.", "monthly"),
        ("Product data in the app is refreshed weekly; customers ask about products.", "weekly"),
    ],
)
def test_how_often_the_data_changes_is_said_of_the_data(text, frequency):
    assert read(text).get("data.update_frequency") == frequency


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # options weighed, neither chosen
        ("Should we self-host or use an API?", None),
        ("Ska vi köra på egna servrar eller använda ett API i molnet?", None),
        # where another system lives is not where the model runs
        ("Our webshop runs on our own servers; we want a chatbot for it.", None),
        ("Our ERP is hosted on-premise; the bot should answer stock questions.", None),
        ("The model must run on-premise; our CRM data is sensitive.", "self-hosted"),
        # hosting it themselves is their own servers
        ("An open-weights model please, we'll host it.", "self-hosted"),
    ],
)
def test_where_the_model_runs_is_chosen_and_said_of_the_model(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a hosted service said to be acceptable, in any of the ways it is said
        ("Hosted is fine if it stays in Europe. Drafting sales emails.", "cloud-api"),
        ("Claude or Gemini, both fine by us. We need meeting summaries.", "cloud-api"),
        ("Our IT has already approved Azure OpenAI; FAQ bot for staff.", "cloud-api"),
        ("Ett API går bra, men servrarna ska stå i EU. Vi vill översätta texter.", "cloud-api"),
        ("Inte amerikanska moln, men europeiska moln är ok. Översättning.", "cloud-api"),
        ("Data stays in the EU; which cloud doesn't matter. A support bot.", "cloud-api"),
        # said not to be acceptable, or only asked about
        ("Hosted is not fine for us, the data is patient data.", None),
        ("Is an API acceptable for patient data?", None),
        # a model's API as the means, a key for one, credits bought from a provider
        ("The bot will call an LLM API to answer the tickets.", "cloud-api"),
        ("Set OPENAI_API_KEY in the repo secrets and let it review each PR.", "cloud-api"),
        ("I bought API credits from Anthropic to tag our reviews.", "cloud-api"),
        # services only ever reached as a hosted API, and OpenAI's dated model names
        ("Our pipeline uses DeepL for the product pages, 2M characters a month.", "cloud-api"),
        ("The summaries come from gpt-4o-2024-08-06, far too big for the job.", "cloud-api"),
        # an open model, or an app's offline models, is no hosted API
        ("We run gpt-oss-20b on our own server for the help desk.", "self-hosted"),
        ("A guide to OpenAI Whisper would help people transcribe for nothing.", None),
        ("We call the OpenAI Whisper API for our podcast.", "cloud-api"),
        ("How do I start *without* spending money on an API key?", None),
        # a hosted service said to be cheap or dear is one in use or considered; options that are
        # all providers' services are a hosted API either way; a product's API integrated
        ("Deepgram is quite inexpensive for our call transcripts.", "cloud-api"),
        ("A tool that uses Google and/or Microsoft's OCR API on our PDFs.", "cloud-api"),
        ("It would be nice to integrate the Stable Diffusion API for covers.", "cloud-api"),
        # leaving it, said in the next sentence, is not using it
        (
            "OpenAI is getting very expensive for us as we grow... Is there any way to get a "
            "cheaper alternative of the same quality?",
            None,
        ),
        ("Google Translate's offline models run on my phone; can a chatbot too?", "on-device"),
    ],
)
def test_a_hosted_api_used_or_accepted_is_a_cloud_deployment(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        # an option said to cost nothing is no budget of nothing
        ("Whisper can run on our own box for free; we transcribe 300 calls a week.", None),
        ("Apparently the open model can be hosted for free on Colab.", None),
        ("Kvoten är gratis upp till 500 000 tecken, sedan betalar man.", None),
        ("We pay nothing for tools today except our e-mail host; we want reply drafts.", None),
        # free wanted or needed, or nothing paid as the rule, is
        ("Is there any way to run the summaries for free? We have no funds.", 0.0),
        ("It needs to be free, we are volunteers.", 0.0),
        ("Föreningen betalar ingenting för sådant, vi vill ha en bot.", 0.0),
    ],
)
def test_free_is_the_budget_only_when_the_person_wants_it_free(text, budget):
    assert read(text).get("monthly_budget_usd") == budget


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # what only a model that sees can do names the vision job, in words that never say "image"
        ("Count the cars in our parking-lot camera footage every hour.", "vision"),
        ("We need to read number plates at the gate, offline.", "vision"),
        ("Our archive has handwritten letters from 1900; which model reads them?", "vision"),
        ("Kan en modell beskriva bilderna i vårt arkiv åt oss?", "vision"),
        ("Write alt text for the 3,000 pictures on our site.", "vision"),
        ("Photo-based damage assessment for insurance claims.", "vision"),
        # "image-to-caption" reads images; generating them is another job
        ("Image-to-caption on our product photos is slow on my GPU.", "vision"),
        ("We are generating images for ads; what does that cost per month?", "image-generation"),
        # "minimum" said of money is no hardware question: the tool named still names the job
        (
            "SDXL via an API has a minimum spend of $10 a month; we make ad images.",
            "image-generation",
        ),
    ],
)
def test_seeing_and_drawing_are_named_by_what_is_done(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "deployment", "device"),
    [
        # a run reported on one machine whose parts are listed: the person's own device
        ("Ryzen 5 5600, 16 GB RAM, Windows 11: the 7B model gives 2 tokens/s.", "on-device", None),
        ("Gaming PC with a GTX 1080 and 32GB; the transcription takes 40 minutes.", "on-device",
         "workstation"),
        ("It froze on my Pi 4B with 4G RAM when the 3B model loaded.", "on-device", "single-board"),
        ("Android 13 phone, 8 GB: the 1B model crashed after one answer.", "on-device", "phone"),
        # the same parts rented, shared, served or being bought are not one person's device
        ("16GB RAM 4 vCPU box from a host for $12/month runs the bot fine.", None, None),
        ("Our server has a Ryzen 9 and 64 GB; inference is slow for the team.", "self-hosted", None),
        ("Should I buy a laptop with 32GB or 16GB to run 7B models?", None, None),
        ("Could I run a 30B model with 2 x RTX 3090 (48GB)? My estimate is 40GB.", None, None),
        # parts listed with no run: nothing is said of where it runs
        ("Specs: i7-12700, 32 GB RAM, RTX 3060. Which model is best for summaries?", None, None),
    ],
)  # fmt: skip
def test_a_run_reported_on_ones_own_machine_is_on_device(text, deployment, device):
    found = read(text)
    assert (found.get("deployment"), found.get("device")) == (deployment, device)


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        # what a thing is said to be is no priority of the person's
        ("GPT-4 isn't cheap, and every push runs it again.", None),
        ("Smart cameras are becoming inexpensive; can we use their detections?", None),
        ("Use SDXL for cheap markets and the big model elsewhere.", None),
        # the cheapest asked for, or wanted, is
        ("What is the cheapest model for translating our app strings?", "cost"),
        ("We need it as inexpensive as possible, quality is secondary.", "cost"),
    ],
)
def test_cost_is_a_priority_when_wanted_not_when_described(text, priority):
    assert read(text).get("priority") == priority


@pytest.mark.parametrize(
    ("text", "count", "knowledge"),
    [
        # documents a job works through one by one are a batch, not a collection
        ("Translate our 300 product sheets into Finnish and Estonian.", None, None),
        ("Sammanfatta ca 500 protokoll från i år, ingen brådska.", None, None),
        ("Tag our 2,000 support articles by product line.", None, None),
        # written from the person's own documents: the documents are a source
        ("We want proposal drafts from our previous offers (around 400 documents).", 400, True),
        # answered from: the collection
        ("A bot that answers staff questions from our 1,200 policy documents.", 1200, True),
        # what is described is the input, not a source
        ("Write captions for 5,000 photos from our archive.", None, None),
    ],
)
def test_documents_processed_are_a_batch_and_documents_drawn_on_a_collection(
    text, count, knowledge
):
    found = read(text)
    assert (found.get("data.document_count"), found.get("data.private_knowledge")) == (
        count,
        knowledge,
    )


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a language given as an example names none the model must handle
        ("Pick the best model per subject (e.g. a Chinese-tuned one for Chinese).", []),
        ("Context matters for languages like Korean, Thai, etc.", []),
        ("Models differ, for example for Polish; we translate manuals.", []),
        # a list that is the requirement still names them
        ("We need Swedish and Finnish, e.g. for the Helsinki office.", ["sv", "fi"]),
        ("Languages such as German and French are needed.", ["de", "fr"]),
        ("I'd like Spanish answers.", ["es"]),
    ],
)
def test_a_language_given_as_an_example_is_not_required(text, codes):
    assert (read(text).get("languages") or []) == codes


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # a voice bot or assistant talks with its users (the guidelines): a conversation
        ("A voice assistant for our hotel's front desk, about 900 calls a month.", "chat"),
        ("Vi vill ha en röstbot som tar emot bokningar.", "chat"),
        # chatting with people is a conversation; chatting with one's documents is answering
        ("Players should chat with the tavern keeper in our game.", "chat"),
        ("Around 4k chats a day on our web widget.", "chat"),
        ("Load our 300 manuals so staff can chat with our documents.", "question-answering"),
        # documents put into a tool made to answer from them, or asked
        ("I ingested two PDF manuals and the answers are wrong.", "question-answering"),
        ("I added files to the workspace and asked some questions; no answers.",
         "question-answering"),
        # the same tool's name in a question about hardware names no job
        ("How much VRAM does privateGPT need with a 13B model?", None),
    ],
)  # fmt: skip
def test_conversations_and_answers_from_documents_are_named_by_what_people_do(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "task", "knowledge"),
    [
        # questions answered about what is one's own: the organisation's knowledge
        ("A bot on our site that answers questions about our wines and opening hours.",
         "question-answering", True),
        ("Appen ska svara på frågor om våra vandringsleder, offline.", "question-answering", True),
        # general questions name no source of one's own
        ("A bot that answers questions about the weather.", "question-answering", None),
        # Q&A pairs to train on are data, not the job
        ("We have 30k labelled Q&A pairs to fine-tune on.", None, None),
    ],
)  # fmt: skip
def test_questions_about_ones_own_things_are_answered_from_ones_knowledge(text, task, knowledge):
    found = read(text)
    assert (found.get("task"), found.get("data.private_knowledge")) == (task, knowledge)


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a server of the person's own, or a runtime on a server, is self-hosting
        ("I have Ollama on a server with an L4; how many users can it take?", "self-hosted"),
        ("Can I host the whole thing on my cloud server without any outside API?", "self-hosted"),
        ("Which GPU do I need to run Mistral 7B in a live server?", "self-hosted"),
        ("We want a private assistant. It should run on the server in our office.",
         "self-hosted"),
        # a model served as an API in OpenAI's format is no use of OpenAI
        ("I have one GPU server and want to serve Qwen as OpenAI API to our apps.", "self-hosted"),
        # the server of another system is not where the model runs
        ("My node server uploads the audio and calls the Google speech API.", "cloud-api"),
    ],
)  # fmt: skip
def test_a_server_of_ones_own_is_self_hosting(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # texts, reminders and drafts sent are requests; people of any trade times their rate
        ("About 300 SMS texts a day to customers, drafted by the model.", 9000),
        ("Vi skickar ca 2 000 påminnelser i månaden.", 2000),
        ("12 nurses x 20 questions per day.", 7200),
        ("8 lawyers, each asking about 5 questions a day.", 1200),
        # a count of people with no rate of their own sets nothing
        ("We have 40 teachers; which model suits a school?", None),
    ],
)
def test_volumes_count_texts_sent_and_people_times_their_rate(text, volume):
    assert read(text).get("requests_per_month") == volume


@pytest.mark.parametrize(
    ("text", "memory"),
    [
        # gigabytes said beside a machine's parts are its memory, not a size of data
        ("I have a 16GB AMD GPU and transcribe interviews with Whisper.", 16),
        ("I can't use the large model since my graphics card is 6GB.", 6),
        ("My MacBook Pro M3 Max 64GB should run a coding model locally.", 64),
        ("One workstation with an RTX A4000 (16GB) runs the summaries.", 16),
        # cards listed as a provider's options, each with its memory: which one is asked
        ("The host offers A2 (16 GB), T4 (16 GB) and L4 (24 GB) tiers; which suffices?", None),
        ("On my own computer with 8 vcpu and 32 gb it takes hours.", 32),
        ("En app på min iPhone 14 (6 GB) som sammanfattar mejl offline.", 6),
        ("Our box (Hetzner, 8 vCPU, 32GB, no GPU) should run a small classifier.", 32),
        # gigabytes of documents are their size
        ("We have 12 GB of PDFs to search through.", None),
    ],
)
def test_gigabytes_beside_a_machine_are_its_memory(text, memory):
    assert read(text).get("device_memory_gb") == memory


@pytest.mark.parametrize(
    ("text", "input_tokens", "context"),
    [
        # a size said of the documents or requests as their subject sizes each one sent
        ("We summarise ~200 reports a month. Reports are usually 8-12 pages.", 5000, 6000),
        ("~500 tickets a day to route; the average ticket is around 300 words.", 399, 399),
        ("Extract dates from 90 leases a month; leases run 20-30 pages.", 12500, 15000),
        ("Vi sammanfattar ca 60 utredningar i månaden, 10–20 sidor styck.", 7500, 10000),
        # the size of what is written is no input
        ("Our replies are usually 200 words; 300 replies a day.", None, None),
    ],
)
def test_a_size_said_of_what_is_sent_sizes_each_request(text, input_tokens, context):
    found = read(text)
    assert (found.get("input_tokens"), found.get("context_tokens")) == (input_tokens, context)


@pytest.mark.parametrize(
    ("text", "task", "needs"),
    [
        # handwriting however it is spelt is read from images
        ("Our hand written field notes need to become text.", "vision", ["vision-input"]),
        # a picture taken, or image files, read for a job: the model reads images
        ("Users take a picture of the receipt and we pull out the total and the date.",
         "extraction", ["vision-input"]),
        ("Extract the amounts from 500 invoice JPGs.", "extraction", ["vision-input"]),
        # a picture mentioned beside another job is no image input
        ("Summarise our weekly reports; I attached a PNG of the error.", "summarization", None),
    ],
)  # fmt: skip
def test_pictures_taken_and_image_files_read_are_image_input(text, task, needs):
    found = read(text)
    assert (found.get("task"), found.get("needs")) == (task, needs)


@pytest.mark.parametrize(
    ("text", "task", "latency"),
    [
        # a voice or telephony agent is a live conversation, whatever its parts transcribe
        ("Our telephony agent uses faster-whisper STT, a local LLM and Piper TTS; replies lag.",
         "chat", "realtime"),
        ("Voice agent pipeline: STT + LLM + TTS, time to first token is 2 s.", "chat", "realtime"),
        # recordings transcribed are transcription, text read aloud is speech
        ("Transcribe our recorded phone calls overnight.", "speech-to-text", "batch"),
        ("Read our news articles aloud with a better TTS voice.", "text-to-speech", None),
    ],
)  # fmt: skip
def test_a_voice_agent_is_a_live_conversation(text, task, latency):
    found = read(text)
    assert (found.get("task"), found.get("latency")) == (task, latency)


@pytest.mark.parametrize(
    ("text", "deployment", "device"),
    [
        # a device of one's own, with its memory, or a model deployed on a board
        ("My phone has 6 gigs of ram, can it run the medium model?", "on-device", "phone"),
        ("I'd like to deploy Qwen2.5-3B on a Jetson Orin Nano.", "on-device", "single-board"),
        # nothing to the cloud, with one's own laptop named: the laptop keeps it local
        ("Jag har en MacBook Air M2 med 16 GB. Inget får gå till molnet.", "on-device",
         "apple-silicon"),
        # "offline inference" is a batch job on the team's machines, not a device off the network
        ("Offline batch inference with a 70B model on our 8xH100 nodes.", "self-hosted", None),
        ("The app must work offline on the phone.", "on-device", "phone"),
        # nothing to the cloud, and a server of the team's: self-hosted
        ("Nothing may go to the cloud; we have a server in the basement.", "self-hosted", None),
    ],
)  # fmt: skip
def test_a_device_of_ones_own_keeps_it_local(text, deployment, device):
    found = read(text)
    assert (found.get("deployment"), found.get("device")) == (deployment, device)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "50+" is at least fifty, read as fifty; "pr." is per
        ("I get 80+ mails pr. day, drafts would help.", "requests_per_month", 2400),
        ("Ungefär 10 000 anteckningar i veckan ska sammanfattas.", "requests_per_month", 43300),
        # recordings of a length are audio, not requests
        ("Läkarna dikterar ca 40 anteckningar om dagen à 4 minuter.", "requests_per_month", None),
        (
            "Läkarna dikterar ca 40 anteckningar om dagen à 4 minuter.",
            "audio_minutes_per_month",
            4800,
        ),
        # the job named as a noun phrase, or with the programming language written
        ("We spend too much on email tagging with GPT-4o.", "task", "classification"),
        ("A local model to help me write python and bash.", "task", "code-generation"),
        # cheap wanted in other words
        (
            "We'd like a low-cost model for this, the most cost-effective option.",
            "priority",
            "cost",
        ),
    ],
)
def test_figures_and_jobs_in_the_forms_people_write_them(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # writing named by what is written, rewritten or cleaned up
        ("An AI that writes welcome emails for new members.", "text-generation"),
        ("We need SEO descriptions for 3,000 products.", "text-generation"),
        ("Rewrite our dunning letters so they sound friendlier.", "text-generation"),
        ("Vi vill att en AI skriver om kallelserna så de blir tydligare.", "text-generation"),
        # speech named in other words
        ("Voice-to-text in Finnish on an old Android phone.", "speech-to-text"),
        ("Röststyrning av lamporna hemma, helt offline.", "speech-to-text"),
        # fields parsed or pulled out
        ("Parse the line items from supplier PDFs into our ERP.", "extraction"),
        ("From each receipt we need vendor, date and total out of it.", "extraction"),
    ],
)
def test_writing_speech_and_extraction_in_more_words(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # (a review of this session's rules: ordinary sentences each rule must leave alone)
        ("We plan OpenAI fine-tuning on our support tickets to classify them.", "deployment",
         None),
        ("Molnet funkar inte för oss, allt måste köras lokalt.", "deployment", None),
        ("We want to classify our product images into 20 categories.", "task", None),
        ("The chatbot must be free for our customers. We can spend $300 a month on the API.",
         "monthly_budget_usd", 300),
        ("Our budget is $500 a month; the tool has to be free to use for our staff.",
         "monthly_budget_usd", 500),
        ("Translate 5000 product descriptions into German each month.", "task", "translation"),
        ("Kunder skriver om sina problem i chatten, vi vill sammanfatta chattarna.", "task",
         "summarization"),
        ("Our phone agents handle 500 calls a day; we want to transcribe and summarise the calls.",
         "task", "speech-to-text"),
        ("We want a chatbot that answers questions from our customers about shipping.",
         "data.private_knowledge", None),
        ("Our chatbot answers questions on our website.", "data.private_knowledge", None),
        ("We evaluate summaries of news articles using perplexity and ROUGE.", "deployment", None),
        ("We want to classify whether student essays were written by ChatGPT.", "deployment",
         None),
        ("We want the bot to integrate with our Shopify store API and answer product questions.",
         "deployment", None),
        ("Which cloud doesnt matter; we want summaries of meeting notes.", "deployment",
         "cloud-api"),
        ("I\u2019d like answers in Swedish and more detail in the summaries.", "languages", ["sv"]),
        ("Vi har kunder som skriver på engelska och tyska och vill översätta mejlen.", "languages",
         ["en", "de"]),
        ("We need a model for our affordable housing listings to classify them.", "priority",
         None),
        ("I'm building a phone app for travellers on slow 4G; it translates menus.",
         "device_memory_gb", None),
        ("Our summaries are written by hand today; we want drafts instead.", "deployment", None),
    ],
)  # fmt: skip
def test_ordinary_sentences_the_new_rules_leave_alone(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # a model of one's own trained, or data to train it on
        ("We want to train our own model on 3,000 labelled emails.", ["fine-tunable"]),
        ("Vi vill fintrimma en öppen modell på våra svar.", ["fine-tunable"]),
        ("We have 10k support answers we could use as training data.", ["fine-tunable"]),
        # the model calling tools or acting on the house
        ("The local model should support function calls for our agent.", ["function-calling"]),
        ("A Pi in the hall that can switch the lights on and off by voice.", ["function-calling"]),
        # what comes out named as JSON or a schema's fields
        ("Sentiment and topic per review, results as JSON into our dashboard.", ["json-output"]),
        ("Extract the data into the provided schema for each invoice.", ["json-output"]),
        # words that only look alike
        ("The training went well; now we want summaries.", None),
        ("Our tools team writes the release notes; we want summaries of them.", None),
    ],
)
def test_needs_said_in_other_words(text, needs):
    assert read(text).get("needs") == needs


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # completion in an editor is code; Tabnine, Supermaven are code tools
        ("Inline tab autocomplete in VS Code with a small local model.", "code-generation"),
        ("Something like Tabnine but running on our own box.", "code-generation"),
    ],
)
def test_autocomplete_is_code_in_an_editor(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # a need denied just before it is no need
        ("We don't want to train a model, just prompt one.", None),
        ("No function calls are needed; it only summarises.", None),
        ("Vi vill inte träna en egen modell.", None),
        # said plainly, it is
        ("We want to train a model on our 5,000 tickets.", ["fine-tunable"]),
    ],
)
def test_a_need_denied_is_no_need(text, needs):
    assert read(text).get("needs") == needs


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # one person's rate times the people counted in another sentence, either order
        ("Our agency has some 600 caseworkers. Every caseworker sends it 4 queries a day.", 72_000),
        ("Each nurse asks around 5 questions a week; there are 90 nurses on the ward.", 1948),
        ("Skolan har ungefär 300 elever. Varje elev ställer kanske 2 frågor i veckan.", 2598),
        # one person's rate with no count of people is no month's volume: asked
        ("Every user sends about 15 prompts a day to the assistant.", None),
        ("Varje användare skickar 15 meddelanden om dagen.", None),
        # two different counts of people: whose rate it is stays unknown
        ("We are 40 engineers and 200 sales staff. Each user asks 10 a day.", None),
    ],
)
def test_a_rate_per_person_is_multiplied_by_the_people_or_asked(text, volume):
    assert read(text).get("requests_per_month") == volume


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        # money a period said only as what something costs, gets or averages is a price
        ("The starter tier, $25/mo, includes 500 messages; I tried it last week.", None),
        ("Their paid workspace runs about €60 a month for a team like ours, I read.", None),
        ("You'd likely need only $80 a month to run that at your scale.", None),
        ("Set a monthly limit per project (e.g. $500/month) in the admin page.", None),
        # ... and said as what one has, may or will spend, it is the budget
        ("We have roughly $600 a month for the whole thing.", 600.0),
        ("Summaries of tickets; it can't exceed $90/mo.", 90.0),
        ("ca 1 500 kr/mån för ett verktyg som sorterar mejl", 135.99),
    ],
)
def test_money_a_month_is_a_budget_only_when_said_as_one(text, budget):
    assert read(text).get("monthly_budget_usd") == (
        pytest.approx(budget, abs=0.01) if budget else None
    )


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a runtime that runs on a computer and a server alike, with no machine named: asked
        ("Trying a local Llama through Ollama for my summaries; which quant is best?", None),
        ("Is llama.cpp fast enough for tagging product reviews?", None),
        # ... the machine or the people served decide it
        ("It works on my 16gb rx6800xt with llama.cpp, just slowly.", "on-device"),
        ("I run Ollama on my gaming laptop for my notes.", "on-device"),
        ("Ollama serves the model to our 30 staff from one box.", "self-hosted"),
    ],
)
def test_a_runtime_alone_does_not_say_whose_machine(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "private"),
    [
        # retrieval or a search of one's documents denied where it is said
        ("The handbook is 80 pages, but no RAG is needed: the prompt holds the rules.", None),
        ("We don't search our documents; we want a chatbot for small talk.", None),
        # ... and wanted, it draws on them
        ("The handbook is 80 pages and staff should ask questions about it.", True),
    ],
)
def test_ones_own_knowledge_denied_is_not_drawn_on(text, private):
    assert read(text).get("data.private_knowledge") is private


@pytest.mark.parametrize(
    ("text", "deployment", "device"),
    [
        # a board named in one's project is where it runs: boards are computers at the edge
        (
            "Our rover carries an Orange Pi 5; can a small detector keep up there?",
            "on-device",
            "single-board",
        ),
        (
            "I built a door camera around a Jetson Orin and want it to spot parcels.",
            "on-device",
            "single-board",
        ),
        # ... unless it only records what is sent elsewhere, or is someone else's
        ("A Raspberry Pi records the calls; the model runs on our server.", "self-hosted", None),
        # "our machine manuals" are manuals, not a machine of one's own
        (
            "Staff ask about our machine manuals on a NUC with 16gb ram.",
            "on-device",
            "single-board",
        ),
    ],
)
def test_a_board_in_ones_project_is_where_it_runs(text, deployment, device):
    result = read(text)
    assert (result.get("deployment"), result.get("device")) == (deployment, device)


@pytest.mark.parametrize(
    ("text", "vision"),
    [
        # pictures by name with a job done on them are the model's input
        ("We want short descriptions of 3,000 product photos for the shop.", True),
        ("The robot's camera feed should be analysed for loose bolts.", True),
        ("Teknikerna vill att modellen läser av bilder på mätarna.", True),
        # pictures made, or only mentioned, are not
        ("Generate about 200 product images a month for the newsletter.", False),
        ("I attached a screenshot of the error; the summariser keeps timing out.", False),
    ],
)
def test_pictures_named_with_a_job_on_them_are_read(text, vision):
    assert ("vision-input" in (read(text).get("needs") or [])) is vision


@pytest.mark.parametrize(
    ("text", "context", "input_tokens"),
    [
        # the context window of the model in use is the largest input, not one request's size
        ("Our summariser runs a local model with a 16k context window.", 16_000, None),
        ("With the 200K of context it still drops the early chapters.", 200_000, None),
        # windows of several models compared say nothing of this one
        ("Model A has a 32k context, model B a 128k context; which for contracts?", None, None),
    ],
)
def test_the_window_of_the_model_in_use_is_the_context(text, context, input_tokens):
    result = read(text)
    assert (result.get("context_tokens"), result.get("input_tokens")) == (context, input_tokens)


@pytest.mark.parametrize(
    ("text", "fine_tunable"),
    [
        # a model trained on one's own data, or one that learns from corrections, is tuned
        ("We need a Dutch model that can be trained on our own support dataset.", True),
        ("The router should learn from manual corrections over time.", True),
        # what a public model was trained on is no wish to tune one
        ("It was trained on public web text, so it knows little of our jargon.", False),
    ],
)
def test_training_on_ones_data_or_corrections_is_fine_tuning(text, fine_tunable):
    assert ("fine-tunable" in (read(text).get("needs") or [])) is fine_tunable


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a hosted model by its short name, or the credentials of a provider, is a hosted API used
        ("4o is crazy expensive for this, so we will try 4o-mini next.", "cloud-api"),
        ("I'd paste my Anthropic credentials into the settings page.", "cloud-api"),
        # a figure with an o is no model
        ("We see 40 tickets a day, 4 of them urgent.", None),
    ],
)
def test_hosted_models_by_short_name_and_credentials_are_used(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # people x recordings each x minutes each, a day counted as a working day when said
        ("12 inspectors each record ~5 voice notes a day, about 4 min each.", 7200.0),
        ("9 GPs, each dictates about 30 letters a day at 2 min each, weekdays only.", 11880.0),
        # one person's recordings with no count of people: asked, not taken as the whole
        ("Each engineer records 6 memos a day, 3 minutes each.", None),
    ],
)
def test_recordings_per_person_are_multiplied_by_the_people(text, minutes):
    assert read(text).get("audio_minutes_per_month") == minutes


@pytest.mark.parametrize(
    ("text", "device"),
    [
        # a Mac with its chip named is Apple silicon, the chip before or after the name
        ("I run it on an M3 MacBook Air with 16 GB for my own notes.", "apple-silicon"),
        ("Allt ska köras på min MacBook Pro (M4, 48 GB), inget får lämna datorn.", "apple-silicon"),
        # a MacBook with no chip named is a laptop
        ("It should run on my MacBook with 16 GB, offline.", "laptop"),
    ],
)
def test_a_mac_with_its_chip_named_is_apple_silicon(text, device):
    assert read(text).get("device") == device


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # one computer nothing may leave, or no internet where a device runs it: on the device
        ("The contracts sit on my laptop and nothing may leave the laptop.", "on-device"),
        (
            "Tablets (6 GB) in the field read meter photos; there is no internet out there.",
            "on-device",
        ),
        # a tool that must work with no internet, and no site named: the person's own machine
        ("Can the extension work without internet access? I code on trains a lot.", "on-device"),
        ("Is there a fully offline mode? Our users have no internet at home.", "on-device"),
        ("Behöver köra verktyget helt utan internet.", "on-device"),
        # a board named where it runs stays the device in an old building with no internet
        (
            "A Jetson in each hall of the old building reads the signs; no internet there.",
            "on-device",
        ),
        # a site or its network that nothing may leave is air-gapped
        ("Nothing may leave the building; the lab network has no internet.", "air-gapped"),
        ("Our servers sit in a room with no internet; we need a local model.", "air-gapped"),
        ("Kör på egna maskiner utan internet i fabriken.", "air-gapped"),
        ("Our company's environment has no internet; can the CLI run offline?", "air-gapped"),
        ("The plant's internal network has no internet; tablets read the gauges.", "air-gapped"),
    ],
)
def test_a_device_that_works_offline_is_on_device_a_site_is_air_gapped(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "deployment", "device"),
    [
        # a container started on a named device runs there; Docker is its packaging, not a server
        ("I transcribe locally in my laptop with docker run whisper-asr.", "on-device", "laptop"),
        # a container with no device named is still a server of one's own
        ("We deploy it with docker compose on our own hardware.", "self-hosted", None),
    ],
)
def test_a_container_on_a_named_device_runs_on_that_device(text, deployment, device):
    fields = read(text)
    assert (fields.get("deployment"), fields.get("device")) == (deployment, device)


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a hosted API in use and a local model wished for disagree: asked
        ("Today we summarise with OpenAI's API. A local LLM would be even better.", None),
        ("We only use GPT-4 now, but there are privacy concerns with the data.", None),
        # a hosted API with nothing local wished for is the deployment
        ("Today we summarise support tickets with OpenAI's API and it works well.", "cloud-api"),
    ],
)
def test_a_hosted_api_in_use_and_a_local_model_wished_for_are_asked(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a tilde between two figures is a range; a hedge after the figure keeps its noun
        ("File count: 300~800 local PDF files we ask questions about.", 550),
        ("We want to ask questions about ~800 PDF files of manuals.", 800),
        ("I have many pdf files, tech books, about 1000 or more files to search.", 1000),
        # a compound's last part names what it counts: files, whatever the format
        ("Vill kunna ställa frågor om mina egna anteckningar, typ 300 Word-filer.", 300),
        ("Vi vill söka i våra 1 200 PDF-filer med avtal.", 1200),
    ],
)
def test_ranges_hedges_and_compound_file_names_count_documents(text, count):
    assert read(text).get("data.document_count") == count


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # the same meaning in other words: no time pressure is a batch, "I can't program" low
        # resources, the tablets in their definite plural tablets
        ("Kommunen ska översätta 350 informationsblad. Ingen tidspress alls.", "latency", "batch"),
        ("Translate our 200 leaflets into Somali; no time pressure at all.", "latency", "batch"),
        ("Kan inte programmera och kan inte betala något alls.", "resources", "low"),
        ("I don't know how to code, so it must be a ready app.", "resources", "low"),
        ("En app på surfplattorna (4 GB RAM) som läser upp anteckningar, utan uppkoppling.",
         "device", "tablet"),
    ],
)  # fmt: skip
def test_the_same_meaning_in_other_words_reads_the_same(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        # a transcription of text on paper is read off images, not heard
        (
            "Media OCR: I need a transcription of a faded typewritten volume of field notes, "
            "so the pages can be searched.",
            False,
        ),
        ("Transcribe 200 scanned handwritten letters from the 1890s.", False),
        # recorded speech is still transcribed
        ("We need a transcription of 40 recorded interviews a month.", True),
    ],
)
def test_a_transcription_of_text_on_paper_is_no_speech(text, speech):
    assert (read(text).get("task") == "speech-to-text") is speech


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "each" opening the next sentence stands for the people just counted
        (
            "School district, 45 teachers. Each records roughly 3 parent meetings per working "
            "day, avg 20 min, and wants a transcript.",
            "audio_minutes_per_month",
            59400.0,
        ),
        ("We are 120 nurses. Each asks about 5 questions a day.", "requests_per_month", 18000),
        # recordings are audio minutes, not requests, whoever records them
        (
            "School district, 45 teachers. Each records roughly 3 parent meetings per working "
            "day, avg 20 min, and wants a transcript.",
            "requests_per_month",
            None,
        ),
        # what one month cost, said as "last month", is a month's figure
        ("Our OpenAI bill was $2,300 last month; the boss says cut it in half.",
         "monthly_budget_usd", 1150.0),
        ("We handled 12,000 support tickets last month.", "requests_per_month", 12000),
    ],
)  # fmt: skip
def test_people_counted_before_and_a_month_said_as_last_month(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a machine the office reaches over its network serves a team: a server of one's own
        ("Just bought a Mac Studio (96GB) for our 3-person office; all three of us will use "
         "it over the office LAN.", "self-hosted"),
        ("Vi har en Mac mini M4 som alla fyra kan använda via kontorets nätverk.", "self-hosted"),
        # one person's own Mac is their device
        ("I run Ollama on my Mac mini M4 for my own notes.", "on-device"),
    ],
)  # fmt: skip
def test_a_machine_the_office_shares_over_its_network_is_a_server(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # residency in more words: "föras ut ur", "absolut inte", only providers processing there
        ("Kundernas uppgifter får inte föras ut ur EU.", "data_residency", "eu"),
        ("Kunddata får absolut inte lämna EU.", "data_residency", "eu"),
        ("We can only use providers that process inside the EU.", "data_residency", "eu"),
        # where the offices are says nothing of the data
        ("Our offices are only in the EU and we sell in Norway.", "data_residency", None),
        # the phone in Swedish, and "köras på"
        ("Appen ska köras på en iPhone 15 och sortera sms.", "device", "phone"),
        ("I have a desktop with a single 3090 and want to run a coding model on it.", "device",
         "workstation"),
        # the model said to run at a provider's hosted service: a hosted API, not the tablets
        ("Vi har surfplattor med 4 GB, men själva modellen körs i Azure.", "deployment",
         "cloud-api"),
        ("Vi har surfplattor med 4 GB, men själva modellen körs i Azure.", "device", None),
        ("The model will be hosted on an Azure VM.", "deployment", "self-hosted"),
        # a month's total budget is a budget; a short Swedish compound head counts its kind
        ("Quoted $0.25 per invoice. Our total budget is $500 a month, for about 3,000 invoices.",
         "monthly_budget_usd", 500.0),
        ("Ungefär 25 000 kundmejl i månaden ska sorteras.", "requests_per_month", 25000),
    ],
)  # fmt: skip
def test_residency_devices_and_budgets_in_more_words(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "input_tokens", "context_tokens"),
    [
        # one document to each request: its size is what a request sends
        ("Loggfilerna är 200–400 kB styck och vi skickar en fil per anrop för felanalys.",
         75000, 100000),
        ("Every contract we check runs 20-40 pages, and we ask questions about one contract at "
         "a time.", 15000, 20000),
        # a thing measured in pages is a text, its name known or not, a relative clause between
        ("Varje utredning som ska sammanfattas är på 100–150 sidor.", 62500, 75000),
        ("Varje ärende är typ 3 000 ord och ska sorteras till rätt avdelning.", 3990, 3990),
        # documents searched by retrieval are no request's size
        ("Our 3,000 manuals are 20-40 pages each; staff ask questions about them.", None, None),
    ],
)  # fmt: skip
def test_a_documents_size_is_a_requests_when_one_goes_to_each(text, input_tokens, context_tokens):
    fields = read(text)
    assert (fields.get("input_tokens"), fields.get("context_tokens")) == (
        input_tokens,
        context_tokens,
    )


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # numbers in words with their scale, and a length in words
        ("twenty thousand recorded calls every month at roughly six minutes apiece, need them "
         "transcribed", "audio_minutes_per_month", 120000.0),
        # "averaging an hour" is a length, not a rate an hour
        ("Oral history project: 1,200 audio interviews averaging an hour, and we need them "
         "typed out.", "task", "speech-to-text"),
        ("We need transcripts of our 600 support calls a week, ~8 min each.", "task",
         "speech-to-text"),
        ("Summarise the transcripts of our weekly meetings.", "task", "summarization"),
        # the item before its preposition ("each call to the LLM")
        ("Each call to the LLM sends about 2k tokens.", "input_tokens", 2000),
        # one named document with its size, in brackets or after its name
        ("answers q's from the 60kB FAQ doc and nothing else", "data.document_count", 1),
        ("A chatbot over the product manual (PDF, 4 MB) for our dealers.",
         "data.document_count", 1),
        ("Assistenten ska svara utifrån prislistan, ett Excel-ark på ca 250 kB.",
         "data.document_count", 1),
        # a photo read, however many words stand between
        ("Handsets in the field: the model should read the label off a photo of the meter.",
         "task", "vision"),
    ],
)  # fmt: skip
def test_numbers_lengths_and_named_documents_in_more_words(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Vi spelar in ungefär 350 samtal per arbetsdag, vart och ett runt 6 min långt.",
         "audio_minutes_per_month", 46200.0),
        ("LM Studio on a ThinkPad, 16GB, no GPU. Which model for Q&A over my notes?", "device",
         "laptop"),
        ("Vår server saknar GPU men har 48 GB RAM.", "device", "cpu-server"),
        ("Patientuppgifterna får inte lämna Sverige.", "data_residency", "eu"),
        ("Member data isn't allowed out of Sweden or Finland.", "data_residency", "eu"),
        ("Det är viktigt att underlagen stannar i EU, GDPR gäller.", "data_residency", "eu"),
        ("Behandlingen måste ske inom EU, helst i Norden.", "data_residency", "eu"),
        ("We don't care where it's processed, the data is all public anyway.", "data_residency",
         "any"),
        ("Vi är ett internationellt företag men har ingen som kan programmera.", "resources",
         "low"),
        # "locally" and a runtime name no machine, whoever runs them (the guideline of stop 36)
        ("We run Ollama locally; which model is best for classifying support tickets?",
         "deployment", None),
        ("I run Ollama locally; which model is best?", "deployment", None),
        ("I want to run a model on my own machine for my notes.", "deployment", "on-device"),
        ("I'd like to use this locally, I have 16 GB and an old GTX card.", "deployment",
         "on-device"),
    ],
)  # fmt: skip
def test_look_alike_variants_third_round(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a collection from last year is no rate: the weekly flow is the volume
        ("We have 8,500 building permit applications from last year already labelled by type. "
         "Roughly 2-3 thousand new applications a week.", "requests_per_month", 10825),
        # a local model said not to exist is no wish for one: the hosted API in use stands
        ("I use GPT-4. I'm 99% sure that there are no local LLM options that can do the same "
         "task.", "deployment", "cloud-api"),
    ],
)  # fmt: skip
def test_a_collection_from_last_year_and_a_local_model_denied(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "between X and Y" is a range like "X-Y": the midpoint (the guidelines), not the bound
        ("We get between 500 and 1000 support tickets a day to sort into categories.",
         "requests_per_month", 22_500),
        ("Vi får mellan 2 000 och 3 000 mejl i månaden som ska sorteras.", "requests_per_month",
         2500),
        ("Our budget is somewhere between $200 and $400 a month.", "monthly_budget_usd", 300.0),
        # "and" joins no range without "between": two figures stay two
        ("We have 500 seats and 1000 tickets a month.", "requests_per_month", 1000),
        # ("each lasting N minutes" as a call's length was tried and dropped: API calls and text
        # sessions "lasting" seconds or minutes became recordings)
        ("We make about 50,000 API calls a day, each lasting about 3 seconds, and want a cheaper "
         "model.", "audio_minutes_per_month", None),
        # shared thousands only for ends of one length, without a currency on the high end
        ("We can spend anywhere from $10 to $20,000 a month depending on ROI.",
         "monthly_budget_usd", 10_005.0),
        ("Our traffic is very spiky: anywhere from 1 to 10,000 requests per day.",
         "requests_per_month", 150_015),
        # the thousands shared by both ends of a range
        ("Vi har en budget på mellan 10 och 20 000 kr i månaden för en chattbot.",
         "monthly_budget_usd", 1359.94),
        ("between 2 and 3,000 tickets a month", "requests_per_month", 2500),
        # how long the work on each takes is no length of the recording, and a size "each with"
        # in a collection searched is no request's ("taking", "with" were tried and dropped)
        ("We have 200 support calls a day, each taking about 10 minutes of agent time to write "
         "up afterwards.", "audio_minutes_per_month", None),
        ("We add 50 new PDFs a month, each containing around 300 pages, to the RAG index.",
         "input_tokens", None),
        ("Each agent handles 40 tickets per shift and day shifts are 8 hours, 25 agents.",
         "requests_per_month", None),
    ],
)  # fmt: skip
def test_ranges_between_two_figures(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "latency"),
    [
        # how often the data changes is no latency of the answers
        ("approx. 250k documents, updated nightly", None),
        ("Our knowledge base is refreshed nightly from Confluence.", None),
        # a job run at night is
        ("We run a nightly batch over 10k tickets.", "batch"),
        ("Sammanfattningarna kan köras över natten.", "batch"),
    ],
)  # fmt: skip
def test_data_updated_nightly_is_no_batch_latency(text, latency):
    assert read(text).get("latency") == latency


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # transcripts that exist, or another job done on them, are text: that job
        ("We'd like to classify transcripts of our support calls by reason for contact.",
         "classification"),
        ("We have auto-generated transcripts of all our Teams meetings and want short summaries.",
         "summarization"),
        ("Vi har redan transkriptioner av alla samtal och vill sammanfatta dem.", "summarization"),
        ("Vi vill klassificera transkriptionerna av kundsamtalen efter ärendetyp.",
         "classification"),
        # several jobs with a translation among them: the languages do not pull to translating
        ("Classify Polish and Czech support tickets by product; some agents translate them to "
         "English later.", "classification"),
        # a bot for a migration, or one that rewrites a handbook, does not answer from it
        ("We need an assistant for our SharePoint migration: classify 20,000 documents into the "
         "new taxonomy.", "classification"),
        ("Vi vill ha en bot för vår dokumentation som översätter den till engelska.",
         "translation"),
        # answers that others wrote with citations are no questions answered from documents
        ("Students submit essay answers with citations; we want to grade them automatically.",
         None),
        ("Bing Chat gives answers with sources, but for us the job is classifying 20k support "
         "tickets a month.", "classification"),
        # a bot moved from a wiki, or writing reports from templates, answers nothing from them
        ("Vi vill flytta vår chattbot från den gamla wikin till Teams, den hanterar beställningar.",
         "chat"),
        ("We want to migrate our bot from the SharePoint site to Teams; it books meeting rooms.",
         "chat"),
        # "texts like transcripts", transcripts a rule requires archived: existing text
        ("Our archive has texts like transcripts of interviews and field notes; we want to "
         "extract names and dates from them.", "extraction"),
        ("Vi behöver inte transkriptioner, bara sammanfattningar av de skrivna "
         "mötesanteckningarna.", "summarization"),
    ],
)  # fmt: skip
def test_jobs_done_on_transcripts_and_documents_are_those_jobs(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "residency"),
    [
        # where the offices or the servers are, or what a vendor offers, is no rule on the data
        ("Our offices are only in the EU.", None),
        ("We tried EU hosting only once.", None),
        ("Our game servers are EU servers only, and we want an NPC dialogue model.", None),
        ("Mistral offers EU hosting only, is that good enough compared to OpenAI?", None),
        # a requirement denied or asked about is none
        ("Hosting in the EU is not a must for us, we mostly want the cheapest API.", None),
        ("Hosting inom EU är inte ett krav för oss, vi vill ha billigaste API:t.", None),
        ("Är datalagring inom EU ett krav för kommuner? Vi vill bygga en chattbot.", None),
        ("We're fine with US vendors too, not only EU providers.", None),
    ],
)
def test_eu_named_as_a_place_a_vendor_or_a_denied_requirement_is_no_residency(text, residency):
    assert read(text).get("data_residency") == residency


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # an alt text is written for a picture: seeing it is the job
        ("Write alt text for photos on our website.", "vision"),
        # a bot said to answer from the organisation's manuals answers from them
        ("En assistent som svarar utifrån våra manualer.", "question-answering"),
        # an intranet is where a bot lives, not what it answers from
        ("A bot on our intranet to book meeting rooms.", "chat"),
        ("Write texts for our website.", "text-generation"),
    ],
)
def test_alt_texts_and_bots_answering_from_manuals(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # tickets labelled already are examples to learn from: no job named
        ("We want to fine-tune a model on 5,000 labelled support tickets.", None),
        ("Label incoming tickets by product area.", "classification"),
    ],
)
def test_labelled_tickets_are_examples_not_the_job(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    "text",
    [
        # (a rule reading answers with citations as question answering was tried and dropped:
        # it overrode the job named, a denial and a question)
        "Vi behöver inte få svar med källhänvisningar, bara en enkel chattbot för bokningar.",
        "Do we really need to get answers with sources? Our use case is a bot that takes orders.",
    ],
)
def test_answers_with_citations_wished_away_or_asked_name_no_job(text):
    assert read(text).get("task") != "question-answering"


@pytest.mark.parametrize(
    ("text", "device"),
    [
        # a Mac named in passing ("with an M3") is not read as the device: as often the
        # developer's machine, a recorder or one of two compared (tried and dropped at stop 38)
        (
            "We're an agency; our client's app runs on Android phones, we build it on a Mac with an "
            "M3.",
            "phone",
        ),
        ("I have a MacBook with 16GB.", "laptop"),
        # Macs in the plural are as often clients: not where it runs
        (
            "We will serve the model from a Linux box with an RTX 4090; clients are Macs with M1.",
            None,
        ),
    ],
)
def test_a_mac_named_in_passing_is_not_the_device(text, device):
    assert read(text).get("device") == device


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # (a rule reading rented GPU machines as self-hosted was written and dropped at stop 38:
        # two blind reviews found it read machines rented for training, options and questions)
        ("Should we rent a GPU or use the API?", None),
        ("If we rent a GPU on RunPod, which open model can we run for summarisation?", None),
        ("I tried running Llama 3 on RunPod once, now we want a hosted API instead.", None),
        # machines rented out, "machine learning", another app hosted there: no model run
        ("We rent out VMs and GPU servers to customers and want a support chatbot.", None),
        ("We hire two machine learning engineers next month and want a RAG bot.", None),
        ("Vår databas i Tyskland körs på Hetzner, och nu vill vi sammanfatta kundärenden.", None),
        (
            "We host our web app at Hetzner and want to call the OpenAI API for a chatbot.",
            "cloud-api",
        ),
    ],
)
def test_renting_weighed_tried_or_rented_out_sets_no_deployment(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # the limit reached, named once, is what was spent, not what may be
        ("We hit the OpenAI limit of 120 Dollar.", "monthly_budget_usd", None),
        ("Our limit is 300 USD per month.", "monthly_budget_usd", 300.0),
        # caps and limits said with "spend", "hit", "reached" are still allowances (a review
        # of a wider rule found these)
        ("Our monthly spend is capped at $300.", "monthly_budget_usd", 300.0),
        ("We reached our budget limit of $1,000 a month.", "monthly_budget_usd", 1000.0),
        ("My daily spend is at most 5 dollars.", "monthly_budget_usd", 150.0),
        ("Ideally we don't want to hit $100 a month.", "monthly_budget_usd", 100.0),
        ("Vi slog i taket förra månaden, nu är budgeten 1500 kr/mån.", "monthly_budget_usd",
         135.99),
        # a share "from clients each" after a total is no count per item (a rule reading "avg 5
        # msgs from the customer each" per conversation multiplied such totals; dropped)
        ("We get 8,000 emails a month, split across 4 teams, roughly 2,000 emails from clients "
         "each.", "requests_per_month", 8000),
        ("20 calls from clients each day", "requests_per_month", 600),
        # "of 5 minutes each", "in 4 languages each": the size of each, not a count per item
        ("Every day we get about 200 calls of 5 minutes each.", "audio_minutes_per_month",
         30_000.0),
        ("We have 40 PDFs of 300 pages each.", "data.document_count", 40),
    ],
)  # fmt: skip
def test_a_limit_hit_and_a_share_each_after_a_total(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # photos a vision job reads are no images generated (the field's meaning)
        ("Field staff snap about 300 photos of meter readings a day; read the numbers off them.",
         None),
        ("We'd run our 40k product images a month through a model to tag colours.", None),
        ("Vi fotar ca 200 skador i veckan och vill att AI beskriver dem.", None),
        # images made by an image-generation job are, and with no job read so are images
        # counted that nothing reads (a blind review found these lost when a job was required)
        ("We need about 300 product photos a month generated for the webshop.", 300),
        ("Vi behöver ungefär 500 AI-bilder per månad till sociala medier.", 500),
        ("Our design team wants to spin up around 200 hero images a month with a self-hosted "
         "model.", 200),
        ("Generera ca 100 bilder i månaden till våra annonser.", 100),
    ],
)  # fmt: skip
def test_images_a_month_are_images_made(text, value):
    assert read(text).get("images_per_month") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a size of what is stored (a corpus, a dataset, an archive) is no machine's memory
        ("Rent one GPU box overnight and throw a ~15GB corpus at it.", None),
        ("Vi har en 20 GB databas med ärenden på vår server.", None),
        ("MacBook with 32GB, dataset ~3GB", 32.0),
        ("I have a 2GB audio archive to transcribe on my 8GB laptop.", 8.0),
        ("a corpus of 15 GB on a box with 64GB RAM", 64.0),
        # memory words after the size keep it memory (a blind review found these lost)
        ("I have an RTX 3060 with 12GB video memory, can I run a 13B model?", 12.0),
        ("Chat with my PDFs: 8GB RAM laptop, no GPU. Which model?", 8.0),
        ("Our Postgres database 64GB RAM box should also host the model.", 64.0),
        ("Our 64GB RAM database server has no GPU; can it run a small model?", 64.0),
    ],
)  # fmt: skip
def test_a_size_stored_is_no_memory(text, value):
    assert read(text).get("device_memory_gb") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "static" said of something else is no data that never changes
        ("NPCs each have a single static greeting; we want an LLM to vary it.", None),
        ("Static CLIP retrieval got the context right but missed the motion.", None),
        ("We host it on a static site with a static IP.", None),
        ("Vi har en statisk IP och vill köra en chatbot över våra dokument.", None),
        ("Botten ska ge ett statiskt välkomstmeddelande.", None),
        ("Our chatbot currently gives static replies.", None),
        # said of the data, it is
        ("A chatbot over static content (our 40 product manuals).", "static"),
        ("Our FAQ is pretty static.", "static"),
        ("RAG over our employee handbook. It's pretty static.", "static"),
        ("Q&A over a static set of ~300 PDFs", "static"),
        ("Data is 100% static", "static"),
        ("Dokumenten är statiska, de ändras nästan aldrig.", "static"),
    ],
)  # fmt: skip
def test_static_is_said_of_the_data(text, value):
    assert read(text).get("data.update_frequency") == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "tkr" and "mkr", as Swedish budgets are written: thousands and millions of kronor
        ("Budgeten är ca 15 tkr per år.", "monthly_budget_usd", 113.33),
        ("Vi kan lägga 3 tkr i månaden på det här.", "monthly_budget_usd", 271.99),
        # letters (brev) are documents, and each one handled is a request; a newsletter sent is not
        ("Vi vill översätta breven till arabiska, ca 300 brev i månaden.", "requests_per_month",
         300),
        ("We publish 51 newsletters per year and want help drafting them.", "requests_per_month",
         None),
        ("Vi skickar 4 nyhetsbrev i månaden.", "requests_per_month", None),
    ],
)  # fmt: skip
def test_swedish_money_words_and_letters(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a "per item" that follows another figure is that figure's, not the budget's
        ("Target is under 2 cents per description and no more than $100/month total.", 100.0),
        ("We pay 5 kr per call and can spend max 3 000 kr i månaden.", 271.99),
        # said of the sum itself it is a unit price
        ("Cost per email must stay under $0.01.", None),
        ("The cost per user must stay under $5 a month.", None),
    ],
)  # fmt: skip
def test_a_price_per_item_beside_a_budget_is_the_other_figures(text, value):
    assert read(text).get("monthly_budget_usd") == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # found by a second blind review: images made besides another job are images made
        ("We write ~100 blog posts a month and also generate a header image for each, so about "
         "100 images a month.", "images_per_month", 100),
        # a data noun naming a machine is the machine
        ("We have a 64GB database server we could run the model on.", "device_memory_gb", 64.0),
        ("Vi har en 64 GB databas-server i källaren som kan köra modellen.", "device_memory_gb",
         64.0),
        # static pages are content; static code analysis is no data
        ("Our help center is about 300 static pages.", "data.update_frequency", "static"),
        ("Vi vill köra statisk kodanalys på våra dokument och skript.", "data.update_frequency",
         None),
        pytest.param("We'll build RAG on our 50 SOPs. They don't change.", "data.update_frequency",
                     "static", marks=pytest.mark.xfail(reason="'don't change' said of anything "
                     "(categories, labels, tone) read as static data in a third review: dropped")),
        # money saved is no budget, in tkr as in kr; newsletters of every kind are no requests
        pytest.param("Vi räknar med att spara 500 tkr per år på det här.", "monthly_budget_usd",
                     None, marks=pytest.mark.xfail(reason="'spara' as money saved also cancelled "
                     "'för att spara pengar ... en gräns på 1500 kr i månaden': dropped")),
        ("Vi skickar 4 veckobrev i månaden till föräldrarna.", "requests_per_month", None),
    ],
)  # fmt: skip
def test_a_second_review_of_the_sessions_rules(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # captions made live from speech are transcription, like "live captions"
        ("Realtime captions for participant discussion in our video calls.", "speech-to-text"),
        ("We need real-time captioning for lectures.", "speech-to-text"),
        ("Vi vill ha livetextning av våra möten.", "speech-to-text"),
        # captions of photos are not
        ("Generate captions for our product photos.", None),
    ],
)  # fmt: skip
def test_captions_made_live_are_speech_to_text(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # found by a third blind review
        ("We make 3 calls per ticket and the cost should stay under $0.05.", "monthly_budget_usd",
         None),
        ("We want to classify about 5000 product photos a month into categories.",
         "images_per_month", None),
        ("We need to extract totals from 2000 photos of receipts per month.", "images_per_month",
         None),
        ("The 500GB database server has spare capacity.", "device_memory_gb", None),
        ("We have a 2TB data server with 128GB RAM.", "device_memory_gb", 128.0),
        ("We need real-time caption generation for images from our webcam.", "task", "vision"),
        ("Vi vill översätta textningen av våra filmer till engelska.", "task", "translation"),
        ("The categories don't change, we want to classify tickets into them.",
         "data.update_frequency", None),
        ("För att spara pengar har vi satt en gräns på 1500 kr i månaden.", "monthly_budget_usd",
         135.99),
    ],
)  # fmt: skip
def test_a_third_review_of_the_sessions_rules(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "license"),
    [
        # open weights asked for: needed, required, the only kind, the kind looked for
        ("We need an open source LLM so users can ask about their mail.", "open-weights"),
        ("Looking for an open-weights model for clause extraction.", "open-weights"),
        ("Company policy says open weights only.", "open-weights"),
        ("Vi behöver öppna modeller, inget får gå till USA.", "open-weights"),
        # spoken of, weighed, or wished for and then declined: nothing required
        ("Open source models ignore my tools in Ollama; why?", None),
        ("This task is easy enough for an open-source LLM, but it costs 2k tokens a paper.", None),
        ("Which of the open source models worked best for you?", None),
        ("An open-source model would be nice but it's not a requirement.", None),
    ],
)
def test_open_weights_are_a_license_only_when_asked_for(text, license):
    assert read(text).get("license") == license


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        # items a job works through one by one change, not a knowledge it answers from
        ("Write dish descriptions for our menu; the menu changes every week.", None),
        ("Summarise referral letters, e.g. 'methotrexate 15mg weekly' and the like.", None),
        ("Tag the tickets already in Zendesk; a batch every hour is fine.", None),
        # the knowledge answered from changes: its frequency stands, whatever the job
        ("Answer staff questions from our 1,800 policy pages, updated monthly.", "monthly"),
        ("Summarise answers from our own wiki for the team; the wiki changes weekly.", "weekly"),
    ],
)
def test_an_update_frequency_is_of_the_knowledge_answered_from(text, frequency):
    assert read(text).get("data.update_frequency") == frequency


@pytest.mark.parametrize(
    ("text", "latency"),
    [
        # speed declined, before or after: not asked for, and the batch said next is the latency
        ("Doesnt need to be instant, a batch every hour is fine.", "batch"),
        ("No need for instant results, it can run overnight.", "batch"),
        ("Real-time translation of the subtitles is not crucial; batches are fine.", "batch"),
        ("Svaren behöver inte vara direkta.", None),
        # batches declared, and latency said not to matter: still batch
        ("We process them in micro-batches every 15 min so latency isn't critical.", "batch"),
        # speed asked for stays
        ("Answers must come instantly while the agent is on the call.", "realtime"),
    ],
)
def test_a_speed_declined_is_not_asked_for(text, latency):
    assert read(text).get("latency") == latency


@pytest.mark.parametrize(
    ("text", "requests"),
    [
        # what a plan gives free, or a limit said of the figure, is no month's volume
        ("The 50 calls per day is prohibitive for my project.", None),
        ("WhatsApp's API is free up to 1,000 conversations/month, then $0.05 each.", None),
        ("The API is free for less than 5,000 posts per month; we get 400 posts a month.", 400),
        # the person's own volume, with "up to" a range of theirs, stays
        ("We expect up to 3,000 queries per day.", 90_000),
    ],
)
def test_a_plan_s_or_a_limit_s_figure_is_no_volume(text, requests):
    assert read(text).get("requests_per_month") == requests


# A blind review of this session's four rules (stop 41) wrote 87 texts of its own; these are its
# misreads, each now read right.
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("I want to run a small neural network on my phone with no internet.", "deployment",
         "on-device"),
        ("We build a social network app; the model must run on the user's phone with no internet.",
         "deployment", "on-device"),
        ("Jag vill ha en översättare på mobilen som funkar utan internet när det inte finns något "
         "nät i fjällen.", "deployment", "on-device"),
        ("The tool should run on each employee's desktop PC without internet access.",
         "deployment", "on-device"),
        ("The chatbot needs no internet browsing; it should just answer from our FAQ.",
         "deployment", None),
        ("Boten ska svara utifrån våra manualer utan internetsökning.", "deployment", None),
        ("Kör på egna maskiner utan internetanslutning.", "deployment", "air-gapped"),
        ("Open weights isn't a requirement for us.", "license", None),
        ("Öppna modeller är inte ett måste.", "license", None),
        ("Det behöver inte vara öppen källkod, bara det är billigt.", "license", None),
        ("Our legal policy forbids open-source models, so it has to be a commercial API.",
         "license", None),
        ("We need something reliable; we can't use open-weights models for legal reasons.",
         "license", None),
        ("Our answers must be in Swedish. I read that open-weights models have caught up.",
         "license", None),
        ("I've only tried open models so far, mostly Llama 3 8B.", "license", None),
        ("We'd prefer an open-weights model, but a closed hosted one is fine too.", "license",
         None),
        ("What we need is: 1. local mode. 2. Swappable open source LLMs.", "license",
         "open-weights"),
        ("The answers don't need to come instantly, a minute is fine.", "latency", None),
        ("I don't think it needs to be real-time.", "latency", None),
        ("It does not really have to be real-time.", "latency", None),
        ("Real-time, however, is not required.", "latency", None),
        ("Real-time would be overkill for us; we summarise reports.", "latency", None),
        ("Cost is not a concern but real-time is.", "latency", "realtime"),
        ("Not batch but real-time: the captions must appear while the speaker talks.", "latency",
         "realtime"),
        ("There's no human agent so instant replies are essential.", "latency", "realtime"),
        ("We instantiate one model per customer in our pipeline.", "latency", None),
        ("We run an instant messaging platform and want a bot that suggests replies.", "latency",
         None),
    ],
)  # fmt: skip
def test_the_blind_review_of_stop_41_s_rules(text, field, value):
    assert read(text).get(field) == value


# A second blind review (97 texts of its own, 37 misread before these mends, 9 after).
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Our company is building a field-guide app that must work with no internet deep in the "
         "backcountry.", "deployment", "on-device"),
        ("Hikers use our app on their phones where the mobile network is patchy and there's no "
         "internet for days.", "deployment", "on-device"),
        ("A local model on my laptop at the cabin; our home network up there has no internet.",
         "deployment", "on-device"),
        ("Appen körs på telefonen och måste funka utan internet där det saknas nätverkstäckning.",
         "deployment", "on-device"),
        ("Kliniken saknar internet i sitt interna nät; modellen ska gå på våra egna servrar där.",
         "deployment", "air-gapped"),
        ("We want to see if open models can beat GPT-4 at extracting fields.", "license", None),
        ("Requirements: runs on our hardware, Swedish support, open-source models preferred.",
         "license", None),
        ("We have to run it on-prem. Open-weight models only.", "license", "open-weights"),
        ("Open source only! No OpenAI, no Anthropic.", "license", "open-weights"),
        ("The client requires that the model be open source and auditable.", "license",
         "open-weights"),
        ("Open weights isn't a hard requirement for us, a hosted API is fine.", "license", None),
        ("Vi söker en öppen modell för att klassificera kundmejl.", "license", "open-weights"),
        ("We must avoid open models; the board wants a vendor with an SLA.", "license", None),
        ("Open models would be nice, but a closed model via API is fine too.", "license", None),
        ("Real-time would be nice but is not crucial for us.", "latency", None),
        ("There is no requirement for the response to be real-time.", "latency", None),
        ("It won't need to be real-time, these are archived documents.", "latency", None),
        ("We can't afford a GPU so it cannot be real-time, and that's OK.", "latency", None),
        ("Realtid vore trevligt men är inget krav.", "latency", None),
        ("Realtime isn't a priority, we care about getting the legal reasoning right.", "latency",
         None),
        ("The 100 requests per day on the free tier is prohibitive; we'd need around 2,000 "
         "requests per day.", "requests_per_month", 60_000),
        ("Gratis upp till 1 000 samtal per månad, men vi räknar med runt 4 000 samtal i månaden.",
         "requests_per_month", 4_000),
        ("Det är gratis för upp till 500 anrop per dag, sen kostar det.", "requests_per_month",
         None),
        ("On the trial we only get 50 calls per day, which isn't nearly enough.",
         "requests_per_month", None),
        ("The 1,000 requests a month we're allowed is way too little for our bot.",
         "requests_per_month", None),
        ("Max 200 messages per day on our plan. We'd probably send 150 messages a day.",
         "requests_per_month", 4_500),
        ("Gemini's free tier allows 1,500 requests per day, which should cover our ~400 requests "
         "a day.", "requests_per_month", 12_000),
        ("Vår kvot är 20 000 anrop i månaden men vi använder bara ungefär 6 000 anrop i månaden.",
         "requests_per_month", 6_000),
    ],
)  # fmt: skip
def test_the_second_blind_review_of_stop_41_s_rules(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # what each item has on average multiplies the count (the guidelines: a turn is a request)
        ("~2,000 chats a day, avg 5 turns.", "requests_per_month", 300_000),
        ("22k conversations/mo, avg 5 msgs from the customer each.", "requests_per_month",
         110_000),
        ("About 1,000 conversations a day, each around 4 turns.", "requests_per_month", 120_000),
        ("Vi har 3 000 ärenden i månaden, i snitt 6 frågor.", "requests_per_month", 18_000),
        ("10k calls a month, avg 4 minutes.", "audio_minutes_per_month", 40_000),
        # a figure in its own clause is no average of the count's items
        ("2,000 chats a day. 5 agents answer the hard ones.", "requests_per_month", 60_000),
    ],
)  # fmt: skip
def test_an_average_per_item_multiplies_the_count(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "knowledge", "frequency"),
    [
        # a batch job that works against the person's own reference documents draws on them
        ("Route incoming emails to the right department based on our internal routing handbook, "
         "which is updated every month.", True, "monthly"),
        ("Extract the key clauses from incoming contracts and check them against our contract "
         "playbook, which legal updates every month.", True, "monthly"),
        # items taken from a place, or one's own texts processed, are no reference
        ("Classify tickets from our wiki export.", None, None),
        ("Translate our manuals into German.", None, None),
    ],
)  # fmt: skip
def test_a_batch_job_working_against_own_documents_draws_on_them(text, knowledge, frequency):
    answers = read(text)
    assert answers.get("data.private_knowledge") == knowledge
    assert answers.get("data.update_frequency") == frequency


# The third blind review of stop 41 (100 texts, measured and never tuned on then) left 22 misread;
# stop 42 mended these as general readings (a requirement declined, a question answered "no", a
# named building, a device place in Swedish or a possessive, a permissive licence on the weights,
# "once a week", "will never be updated", a wait of seconds or hours) with their look-alikes that
# must stay unread.
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Offline isn't a requirement for us, we're fine calling the OpenAI API from our backend.",
         "deployment", "cloud-api"),
        ("Does it need to work without internet? No, it's a web app and our users are always "
         "online. We'll go through Azure OpenAI.", "deployment", "cloud-api"),
        ("Patient data must never leave the hospital building. We need discharge summaries.",
         "deployment", "air-gapped"),
        ("Staff leave the office at five, so the bot answers questions in the evening.",
         "deployment", None),
        ("strikt konfidentiellt, inget får lämna kontorets nätverk", "deployment", "air-gapped"),
        ("Vår app måste fungera utan täckning ute i skogen, så modellen ska ligga i själva "
         "telefonen.", "deployment", "on-device"),
        ("Vi har en GPU-server i vårt eget serverrum som hela teamet delar.", "deployment",
         "self-hosted"),
        ("In-car assistant: it has to run on the car's own computer.", "deployment", "on-device"),
        ("Requirement: Apache-2.0 or MIT licensed weights, because we ship the model in our "
         "desktop product.", "license", "open-weights"),
        ("Hard requirement: the model weights must be downloadable.", "license", "open-weights"),
        ("Det måste vara en modell med öppen licens, det är ett krav från myndigheten.", "license",
         "open-weights"),
        ("The library is MIT licensed. We need a model for summaries.", "license", None),
        ("The license must allow commercial use and we need to download the weights.", "license",
         "open-weights"),
        ("I tried to download the weights yesterday but the link was dead.", "license", None),
        ("We're weighing open-source vs proprietary models for a legal summarizer.", "license",
         None),
        ("Vi har en personalhandbok som uppdateras ungefär en gång i månaden. Medarbetarna ska "
         "kunna ställa frågor mot den.", "data.update_frequency", "monthly"),
        ("It's an archive of old machine manuals that will never be updated again. We need Q&A "
         "over them.", "data.update_frequency", "static"),
        ("The price list the sales bot answers from is updated once a week, every Friday.",
         "data.update_frequency", "weekly"),
        ("It doesn't need to be real-time, we're fine waiting a few hours for the results.",
         "latency", "batch"),
        ("Vi behöver live-textning av våra webbsändningar på svenska.", "latency", "realtime"),
        ("Kunderna väntar i chatten, så svaret måste komma inom ett par sekunder.", "latency",
         "interactive"),
        ("People ask something and usually wait 2-3 seconds for the reply, which is OK.",
         "latency", "interactive"),
        ("When two users send requests at once the first receives a response in 8 seconds.",
         "latency", None),
        ("The large model can take up to 3 hours to complete one video.", "latency", None),
        ("Gratisnivån ger 1 500 förfrågningar per dag. Räcker det för vår interna bot?",
         "requests_per_month", None),
    ],
)  # fmt: skip
def test_the_third_blind_review_of_stop_41_s_rules(text, field, value):
    assert read(text).get(field) == value


# From look 20's wrong values (moved to tuning): words about the message itself, another
# system's API, and a free trial's limit name no job, no hosted model and no budget.
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Kort sammanfattning av vad vi behöver:\n• chattbot på hemsidan för bokning av tider\n"
         "• svar inom ett par sekunder", "task", "chat"),
        ("A quick summary of our requirements: a chatbot on our website that books appointments.",
         "task", "chat"),
        ("We need summaries of our weekly meeting notes.", "task", "summarization"),
        ("• ska kunna slå upp lediga tider i vårt bokningssystem via API", "deployment", None),
        ("The bot should create tickets in our ticketing system through an API.", "deployment",
         None),
        ("We want to use a language model via API.", "deployment", "cloud-api"),
        ("We reached the Free Trial limit (18$) in three weeks.", "monthly_budget_usd", None),
        ("Our budget limit: $300 a month.", "monthly_budget_usd", 300.0),
    ],
)  # fmt: skip
def test_the_message_s_own_words_and_other_systems_are_no_reading(text, field, value):
    assert read(text).get(field) == value


# From look 20's unread deployments (moved to tuning): a list item on its own line, a data size
# that is no machine's memory, a provider one would rather not pay, and a server had instead of
# a GPU.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("- we'd like to beat that by a lot\n- hosted API is ok\nWhich model?", "cloud-api"),
        ("Teknikerna vill ställa frågor direkt i mobilen. Manualerna är PDF, totalt runt 3 GB. "
         "Molntjänst går bra så länge datan stannar inom EU.", "cloud-api"),
        ("I'd rather run it on my own desktop PC at home (RTX 3090) than pay for ElevenLabs.",
         "on-device"),
        ("Vi har ingen GPU men en server med 64 GB RAM som vi kan ställa till förfogande.",
         "self-hosted"),
        ("Vill ha en app på min iPhone 15 (6 GB) som sammanfattar långa mejl.", "on-device"),
    ],
)  # fmt: skip
def test_look_20_s_unread_deployments(text, value):
    assert read(text).get("deployment") == value


# From look 20's other unread values (moved to tuning), as general readings.
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Client material is confidential and must not leave the EU.", "data_residency", "eu"),
        ("we have call recordings from our helpdesk, like 2k calls a week. want to transcribe "
         "them + pull out reason for call and if it got resolved.", "task", "speech-to-text"),
        ("whats the cheapest model thats still decent at sumarizing support tickets?", "task",
         "summarization"),
        ("We're off to a summer conference and need a chatbot for the booth.", "task", "chat"),
        ("- ~3,500 new SKUs per month that need descriptions\n- output has to be JSON (title, "
         "short_desc, bullets[])", "needs", ["json-output"]),
        ("It has to run on-prem. What open model would handle this?", "license", "open-weights"),
        ("Det är ekonomidata så IT kräver att allt körs på våra egna servrar.", "data.sensitive",
         True),
        ("Vi har ca 40 000 manuellt kategoriserade ärenden och vill träna en modell som föreslår "
         "kategori.", "data.labeled_examples", 40000),
        ("I run it on my own desktop PC at home (RTX 3090).", "owned_gpus", "1x RTX-3090"),
        ("Our server (2x A100) sits in the basement.", "owned_gpus", "2x A100-80GB"),
    ],
)  # fmt: skip
def test_look_20_s_other_unread_values(text, field, value):
    assert read(text).get(field) == value


# The first blind review of stop 41 left these misread; a model measured against a hosted one
# is not in use, and the person's own computer is the device even beside others' servers.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I want to run it on my own computer with no internet, not on someone else's servers.",
         "on-device"),
        ("Our answers must be in Swedish. I read that open-weights models have caught up with "
         "GPT-4.", None),
        ("Our internal network has no internet; the servers are in the basement.", "air-gapped"),
    ],
)  # fmt: skip
def test_a_model_compared_is_not_in_use_and_an_own_computer_is_the_device(text, value):
    assert read(text).get("deployment") == value


# Tuning misses read as general readings: the model acting in a system (not manuals looked up,
# not JSON handed to one), JSON as what comes out, and a language put off to later.
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Vill plocka ut leverantör och volym och få det som JSON in i affärssystemet.", "needs",
         ["json-output"]),
        ("De behöver ofta slå upp saker i servicemanualerna när de står hos kunden.", "needs",
         None),
        ("Boten slår upp kunden i vårt CRM via API.", "needs", ["function-calling"]),
        ("We want a model to look at the photos and fill a JSON (damaged parts, severity).",
         "needs", ["json-output", "vision-input"]),
        ("Svenska och engelska, kanske arabiska längre fram.", "languages", ["sv", "en"]),
        ("Svenska och arabiska, kanske även engelska.", "languages", ["sv", "ar", "en"]),
    ],
)  # fmt: skip
def test_systems_acted_in_json_out_and_languages_put_off(text, field, value):
    assert read(text).get(field) == value


# Nothing may leave the organisation's network or data centre: the guidelines' premises, so
# air-gapped (its servers alone are the team's own: self-hosted).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("recordings cant leave our network tho, we've got a box in the server room", "air-gapped"),
        ("Vi vill transkribera poliskontroller. Allt ska stanna i vårt eget datacenter.",
         "air-gapped"),
        ("Patient notes must stay within our internal network.", "air-gapped"),
        ("We host it on our own servers in our data center.", "self-hosted"),
    ],
)  # fmt: skip
def test_data_kept_in_the_site_s_network_is_air_gapped(text, value):
    assert read(text).get("deployment") == value


# A workstation at the person's own desk or home is their device; a machine the whole team
# uses is a server.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("i have a workstation under my desk w/ an rtx 4080 16gb. want it to summarize our "
         "weekly project reports.", "on-device"),
        ("Har köpt en begagnad workstation med RTX 4090, den står under skrivbordet hos mig. "
         "Vill översätta våra manualer.", "on-device"),
        ("We'd like to run a model on the Mac Studio in our office (M2 Ultra, 128 GB) that the "
         "whole team uses.", "self-hosted"),
    ],
)  # fmt: skip
def test_a_machine_at_one_s_desk_is_a_device_and_one_the_team_uses_a_server(text, value):
    assert read(text).get("deployment") == value


# A model's or file's size in brackets, a size weighed against a device ("is too much") and a
# figure with ">=" (a need, like "at least") are no device's memory.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("We want to download the docsgpt-model (12 GB) once and host it on our own server.",
         None),
        ("Any chance to run whisper on mobile devices? According to your docs 1.5GB is too much "
         "for mobile devices.", None),
        ("Let's see if we can find a mac mini or similar with >= 192 GB RAM.", None),
        ("It runs on my laptop with 16 GB RAM.", 16.0),
    ],
)  # fmt: skip
def test_sizes_that_are_no_device_s_memory(text, value):
    assert read(text).get("device_memory_gb") == value


# Speed reported is not speed asked for; a provider's Batch API named is no timing.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I run it locally on macOS, and the speed is very fast.", None),
        ("The answers need to be very fast, agents read them during calls.", "realtime"),
        ("Add a Batch API mode for the Anthropic provider.", None),
        ("We run it as a nightly batch job.", "batch"),
    ],
)  # fmt: skip
def test_speed_reported_or_a_batch_api_named_is_no_latency(text, value):
    assert read(text).get("latency") == value


# Open weights required in other words (the fourth blind review's license misses, mended after
# its one measurement): a requirement compound ("skallkrav"), "only" a few words before, "something
# open source" needed, and a consequence ("annars får vi inte") that declines nothing.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Det är ett skallkrav i upphandlingen att modellen är öppen källkod.", "open-weights"),
        ("Vi får bara använda modeller med öppna vikter, så GPT-4 och Claude är uteslutna.",
         "open-weights"),
        ("Need something open source that we can run on our own hardware.", "open-weights"),
        ("Modellen måste vara open source, annars får vi inte använda den.", "open-weights"),
        ("Is there anything open source that does OCR?", None),
        ("We can't use open models.", None),
    ],
)  # fmt: skip
def test_open_weights_required_in_other_words(text, value):
    assert read(text).get("license") == value
