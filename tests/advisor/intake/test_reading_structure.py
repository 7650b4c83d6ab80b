"""A value is set only where the sentence's structure ties it to the field (issue 21): a count
counts the head of its noun phrase, a rate is multiplied only by the items that "each" stands
for, a machine is where it runs only when it is not one of the options weighed, bought, or only
tried, and memory belongs to the machine it is stated with. Phrasings written for these tests,
not taken from the corpus."""

from __future__ import annotations

import pytest
from inferred import read  # tests/advisor/intake/inferred.py


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "each" standing for the counted items makes the rate every item's own
        ("We have 300 support agents and each gets 20 questions a day from customers.",
         "requests_per_month", 300 * 20 * 30),
        ("We got 2 clients, each sending 100 invoices a month.", "requests_per_month", 200),
        # a rate whose owner the sentence leaves open is asked, not guessed
        ("There are 40 schools and each has about 200 pupils asking 3 questions a week.",
         "requests_per_month", None),
        ("Each of them sends 5 orders a week.", "requests_per_month", None),
        # documents added to a Q&A bot's collection are no calls to the model
        ("A bot that answers questions from our 5,000 documents; we add 50 documents a month.",
         "requests_per_month", None),
        ("A bot that answers questions from our 5,000 documents; we add 50 documents a month.",
         "data.document_count", 5000),
        # the head of the noun phrase is what is counted
        ("We sell 5 product lines and want a chatbot that answers questions about them.",
         "data.document_count", None),
        ("There are 12 document types in the archive we want to classify.",
         "data.document_count", None),
        ("The repo has 200,000 lines of code and we want code review suggestions.",
         "data.document_count", None),
        ("Our handbook is 300 pages long and staff ask questions about it.",
         "data.document_count", None),
        ("Roughly 800 weekly tickets reach the service desk.", "requests_per_month", 3464),
    ],
)  # fmt: skip
def test_counts_are_read_by_their_structure(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a personal machine's memory is not the memory where it runs, when a server runs it
        ("I'm testing on my laptop with 16GB RAM but the model will run on a server in production.",
         {"device_memory_gb": None, "device": None, "deployment": "self-hosted"}),
        ("The model runs on our server; for development I use a MacBook with 32 GB of memory.",
         {"device_memory_gb": None, "device": None, "deployment": "self-hosted"}),
        ("I run llama.cpp on my laptop (16 GB RAM, no GPU) to summarise my notes.",
         {"device_memory_gb": 16, "device": "laptop", "deployment": "on-device"}),
        # options weighed or hardware being bought is not where it runs, nor GPUs the person has
        ("Thinking about buying a Mac Studio or a server with two 4090s to run models for the "
         "team. Which one?", {"deployment": None, "device": None, "owned_gpus": None}),
        ("Which is faster for inference: Ollama or vLLM?", {"deployment": None}),
        ("vLLM on 2x A100 serving our internal users, 30 concurrent.",
         {"deployment": "self-hosted", "owned_gpus": "2x A100-80GB"}),
        # someone else's machine; the software's packaging asked about
        ("My friend runs Ollama on his gaming PC; would a hosted API be cheaper for our shop?",
         {"deployment": None}),
        ("Does the docker image support ARM? I'd like to deploy it eventually.",
         {"deployment": None}),
        ("We run the whole stack in Docker on our own box.", {"deployment": "self-hosted"}),
        # "no internet" negating something else; a device named with its owner
        ("We have no internet access problems, the API is fast.", {"deployment": None}),
        ("The app has to work on the customer's phone without a connection, e.g. in a mine.",
         {"deployment": "on-device", "device": "phone"}),
        # calling a model provider's API is how the model is reached, not a tool it calls
        ("Error when calling the OpenAI API: 429 rate limit. How do I handle retries?",
         {"needs": None, "deployment": "cloud-api"}),
    ],
)  # fmt: skip
def test_where_it_runs_is_the_machine_said_to_run_it(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a vague count is no figure; a figure restating it in parentheses is
        ("We have tens of thousands of scanned files and want to search them.",
         "data.document_count", None),
        ("I want to chat with thousands of reports (about 40k, all on one subject).",
         "data.document_count", 40000),
        # labelled items are examples, not the collection
        ("We could fine-tune on our ~3,000 labelled emails to route them.",
         "data.document_count", None),
        # working days stated beside a daily rate
        ("Each of our 10 clerks handles about 50 letters a day, 20 working days.",
         "requests_per_month", 10 * 50 * 20),
        # transcripts are text already; names and addresses are personal data
        ("Categorise the call transcripts we export by topic.", "task", "classification"),
        ("The files include names and addresses of our tenants.", "data.sensitive", True),
        # today's news read aloud is no knowledge that changes; Swedish "läser upp" is read aloud
        ("En tjänst som läser upp dagens väder och nyheter för synskadade.",
         "data.update_frequency", None),
        ("En tjänst som läser upp dagens väder och nyheter för synskadade.", "task",
         "text-to-speech"),
        # tuning a prompt is not fine-tuning a model
        ("I spent a day fine-tuning the prompt until the tags were right.", "needs", None),
        # a sum standing alone with no monthly workload, or a feared spend, is no budget
        ("We bought a prepaid key. (300 EUR)", "monthly_budget_usd", None),
        ("Warn me so I don't accidentally spend $200 on a runaway loop.", "monthly_budget_usd",
         None),
        ("Tag 20,000 tickets a month, $400.", "monthly_budget_usd", 400),
    ],
)  # fmt: skip
def test_amounts_and_phrases_are_read_by_what_they_say(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a service denied in the clause before it is not in use
        ("We must never send patient notes to any American cloud service.", {"deployment": None}),
        ("Vi kan inte skicka kundernas ärenden till en molntjänst i USA.", {"deployment": None}),
        # money spent on a provider is the provider in use
        ("The tool spent $8 on OpenAI in one afternoon.", {"deployment": "cloud-api"}),
        # run by the organisation: in its words, in Swedish too
        ("We want to run it ourselves on hardware we already own.", {"deployment": "self-hosted"}),
        ("Vi vill köra den själva på egen hårdvara.", {"deployment": "self-hosted"}),
        ("Inga data får skickas till molnet, det ska köras hos oss.",
         {"deployment": "self-hosted"}),
        # isolation from the internet; work that must happen in the building
        ("Labbets nätverk är isolerat från internet.", {"deployment": "air-gapped"}),
        ("All processing has to take place inside the building.", {"deployment": "air-gapped"}),
        # a Mac serving a team is the team's server; a GPU named with its owner is owned
        ("LM Studio on a Mac mini with 64GB, shared by our 4 analysts.",
         {"deployment": "self-hosted", "device": "apple-silicon", "device_memory_gb": 64}),
        ("Which model fits on my RTX 3090?", {"owned_gpus": "1x RTX-3090"}),
        ("Should I get an RTX 4090 or two 3090s?", {"owned_gpus": None}),
        # memory given as a bound is what a product offers or needs, not the machine's
        ("A Mac Studio comes with up to 192 GB, which I can't afford.", {"device_memory_gb": None}),
        # Kubernetes' own words: the organisation's cluster
        ("We deploy Ollama with a Helm chart and the pod keeps restarting.",
         {"deployment": "self-hosted"}),
    ],
)  # fmt: skip
def test_where_it_runs_in_more_phrasings(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # GPUs of a rented notebook or cloud are not owned, nor the team's machines
        ("Tried the notebook on Google Colab with a T4 and got CUDA out of memory.",
         {"owned_gpus": None, "deployment": None}),
        # what someone else said they run
        ("Someone on Reddit said they run Mixtral on a Raspberry Pi 5.",
         {"deployment": None, "device": None}),
        # a desktop runtime a model is loaded in; a model kept on the phone itself
        ("When I load the 13B model in LM Studio it crashes.", {"deployment": "on-device"}),
        ("Our Android app should summarize the user's notes on the phone itself, nothing sent "
         "to a server.", {"deployment": "on-device", "device": "phone"}),
    ],
)  # fmt: skip
def test_rented_reported_and_kept_on_the_device(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a count in a "when"/"after" clause is an event, a bounded count a limit
        ("When I upload 2 PDFs the second one is ignored.", "data.document_count", None),
        ("After ingesting 100 PDFs the UI becomes slow.", "data.document_count", None),
        ("The model hallucinates when asked about more than 5 files.", "data.document_count",
         None),
        ("We want RAG over 8,000 service manuals.", "data.document_count", 8000),
        # "classified" as a verb is categorised, as an adjective secret
        ("We get 500 new documents every week and want them classified.", "data.sensitive", None),
        ("The assistant will run on classified networks.", "data.sensitive", True),
        # a document's size is the context only where documents are read whole
        ("We have 40 policies, each around 10 pages.", "context_tokens", None),
        ("We have 40 policies, each around 10 pages, and the model must read the whole policy.",
         "context_tokens", 5000),
    ],
)  # fmt: skip
def test_collections_limits_and_sizes(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a frequency that describes what comes out ("a weekly newsletter") is no data change
        ("We publish a weekly newsletter and want help writing it.", "data.update_frequency",
         None),
        ("Our price list is updated weekly and customers ask the bot about it.",
         "data.update_frequency", "weekly"),
        # what is spent today with no modal is no budget; what may be spent is
        ("We spend around $500 a month on Zendesk.", "monthly_budget_usd", None),
        ("We can spend $500 a month on this.", "monthly_budget_usd", 500),
        # a cost word describing a thing tried, or a past switch, is not what matters most
        ("The cheapest model gave garbage, so we need something better.", "priority", None),
        ("Last year we moved to a smaller model to cut costs.", "priority", None),
        ("We need the cheapest option that still works in Finnish.", "priority", "cost"),
    ],
)  # fmt: skip
def test_frequencies_spend_and_priorities_said_of_the_wish(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # images the model reads, not a screenshot attached to a report
        ("I took a screenshot of the error and attached it.", None),
        ("Photos of damaged parcels come in and we want to categorise the damage.",
         ["vision-input"]),
        # a system people use is no tool the model calls
        ("Support agents use a CRM system to look up accounts.", None),
        ("The assistant should look up order status in our shop system.", ["function-calling"]),
        # "the answers as JSON" names a noun, not a model asked to write JSON
        ("We store the answers as JSON in our database.", None),
        ("Return the fields as JSON.", ["json-output"]),
    ],
)  # fmt: skip
def test_needs_are_what_the_model_does(text, needs):
    assert read(text).get("needs") == needs


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # what a plan allows or a limit caps is no month's volume
        ("The free tier allows 1,000 requests a day, is that enough?", None),
        ("My API key has a rate limit of 500 requests per day.", None),
        # a rate an hour is a speed or a busy hour: the hours in a month are not said
        ("On my GPU it processes 200 documents an hour.", None),
        ("We need to handle up to 100 requests per hour during business hours.", None),
        # a benchmark's load and a competitor's volume are not the person's
        ("The benchmark ran 2,000 prompts per day for a week.", None),
        ("Our competitor handles 1M chats a month with a bot.", None),
        # "each month" is a period, not "each" item
        ("We answer about 1,500 support emails each month and want drafts.", 1500),
        ("Each agent handles about 40 tickets a day, 21 working days.", None),
        ("Our 5 agents each handle about 40 tickets a day, 21 working days.", 5 * 40 * 21),
    ],
)  # fmt: skip
def test_a_volume_is_the_persons_own_workload(text, value):
    assert read(text).get("requests_per_month") == value


def test_minutes_each_of_many_users_spend_are_not_one_persons():
    text = "Assuming a thousand users use the voice app daily for about 25 minutes each day."
    assert read(text).get("audio_minutes_per_month") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one person's desktop is their own computer; a workstation for a team is a server
        ("I have a desktop PC with 64 GB RAM and a 4090, running llama.cpp.",
         {"deployment": "on-device", "device": "workstation", "device_memory_gb": None}),
        ("A workstation in the office serves our 6 developers.",
         {"deployment": "self-hosted", "device": "workstation"}),
        # packaging on a machine the person names as theirs
        ("Docker container limited to 4GB memory on our VPS.", {"deployment": "self-hosted"}),
    ],
)  # fmt: skip
def test_whose_machine_it_is(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # one person's own computer, named by its system or parts, or "I want it locally"
        ("I want to run Mistral locally on my PC to summarise PDFs.", "on-device"),
        ("Is my machine good enough? Ryzen 5, 16GB, no GPU.", "on-device"),
        ("I'd like to use this locally, I have 16 GB and an old GTX card.", "on-device"),
        # the person's own card or system, with something run on it
        ("I have Windows and an RTX 4070, but the transcription runs on the CPU.", "on-device"),
        ("Whisper is using my CPU; I have a GTX 1660 with CUDA.", "on-device"),
        # a GPU alone, a team, a field of study, a machine only tried, someone else's
        ("I have an RTX 3060 Ti with CUDA installed.", None),
        ("My machine learning team needs a model for support tickets.", None),
        ("My computer science class wants to build a chatbot.", None),
        ("I tried it on my local machine first, just to see.", None),
        ("I need a model that my customers can use on our website.", None),
    ],
)  # fmt: skip
def test_one_persons_own_computer_is_on_device(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # an API's bill, credits or key paid for is a hosted API in use
        ("Our API bill doubled this month because of the new feature.", "cloud-api"),
        ("We topped up the API credits again; usage keeps growing.", "cloud-api"),
        # what a hosted API costs, asked or complained about, is an API in use or considered
        # (the double-annotated gold, 2026-12-07: "uses or accepts a hosted API")
        ("What API costs should I expect for 10k pages?", "cloud-api"),
        ("The API bill is $90 a day and we can't afford it any more.", "cloud-api"),
        ("gpt-4o-mini is $0.15 per 1M input tokens, fine for our volume.", "cloud-api"),
        ("Vi kan lägga 5 000 kr i månaden på API-kostnader.", "cloud-api"),
        # the provider in use, however it is written or used
        ("I have used Chat GPT 4 Turbo to write alt text for our images.", "cloud-api"),
        ("The bot will utilize OpenAI APIs for the answers.", "cloud-api"),
        ("Trim the logs before sending to the LLM API.", "cloud-api"),
        ("NPC chatter for our game; OpenRouter is fine.", "cloud-api"),
        # a provider weighed against running it themselves: asked; hosted against hosted: hosted
        ("Should we use OpenAI or self-host?", None),
        ("An integration that connects OpenAI or Claude with our CRM.", "cloud-api"),
        ("Vi lägger 9 500 kr/mån på Claude idag för att klassa leads.", "cloud-api"),
        # the person's own card, named by its number, with something run on it; locally on a GPU
        ("I've been running a 14B model on my 4070 super for translations.", "on-device"),
        ("Any chance to run this locally on a 8GB VRAM GPU (RTX 4060)?", "on-device"),
        ("I have a 4090.", None),
        # ... but one being left for others is not what it will run on
        ("OpenAI API is too expensive. Are there any alternatives?", None),
    ],
)  # fmt: skip
def test_an_api_paid_for_is_in_use(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "deployment"),
    [
        # a model the person runs, served to many at once or to a team, runs on their server
        ("What CPU do we need for running Mistral 7B for 150 parallel users?", "self-hosted"),
        ("We want to run a local model for our 6-person team.", "self-hosted"),
        ("We plan on deploying Qwen2.5-14B; many users will hit it concurrently.", "self-hosted"),
        ("Add local LLM support via Ollama for privacy-sensitive deployments.", "self-hosted"),
        ("Vi har en Mac mini på kontoret som alla 5 delar och vill köra en modell på den.",
         "self-hosted"),
        # one person's model on their own machine stays on the device
        ("I run Ollama on my laptop to summarise my own notes.", "on-device"),
        # a network without internet, or a site cut off by design, is air-gapped
        ("Our plant network is internal (not connected to internet).", "air-gapped"),
        ("No connectivity by design; a model on a single workstation.", "air-gapped"),
        ("The mine's network has zero external connectivity; one GPU box.", "air-gapped"),
        # premises that data may not leave, yet a cloud model wanted: they disagree, asked
        ("Our data must not leave the building, but we want to use cloud LLMs for it.", None),
        # a provider denied is not in use
        ("No data may leave the building; we can't use OpenAI.", "air-gapped"),
        # providers listed as options are weighed
        ("Tag the mails with OpenAI / Gemini / Ollama, whichever.", None),
    ],
)  # fmt: skip
def test_a_model_served_to_many_runs_on_their_server(text, deployment):
    assert read(text).get("deployment") == deployment


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # the job tried before yields to the job wanted now
        ("We tried summarizing but the results were bad; now we want to classify the tickets "
         "instead.", "classification"),
        ("Last year we used a model to translate manuals. Now we want to summarise meeting notes.",
         "summarization"),
        # one job named: kept
        ("We tried to classify the tickets by hand and it took forever.", "classification"),
    ],
)  # fmt: skip
def test_the_job_wanted_not_the_job_tried(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "var och en" stands for the counted people; "CV:n" is one word with its ending
        ("Vi har 30 rekryterare, var och en läser ca 50 CV:n i veckan.", "requests_per_month",
         6495),
        ("Vi får in ca 400 PDF:er i månaden som ska sammanfattas.", "requests_per_month", 400),
        # the organisation's rules in Swedish; nobody who can code
        ("Kommunen vill ha en chattbot som svarar på frågor utifrån våra regler.",
         "data.private_knowledge", True),
        ("Ingen av oss kan programmera.", "resources", "low"),
        ("None of us can code, we are a small bakery.", "resources", "low"),
    ],
)  # fmt: skip
def test_swedish_and_plain_phrasings(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # money coming in, and a plan's price, are no budget
        ("The client pays us $3,000 a month for the service.", None),
        ("Our Pro plan at $20/month includes 500 requests.", None),
        # a month's cap stays a month's when "in total" sums its parts
        ("We'd like to stay under $1,000/month in total.", 1000),
        ("We have a one-time budget of $5,000 in total.", None),
    ],
)  # fmt: skip
def test_budget_is_what_may_be_spent_a_month(text, value):
    assert read(text).get("monthly_budget_usd") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the organisation's texts count where they are what the job works on
        ("Our emails are in Outlook; we want a bot that chats with customers.", None),
        ("A chatbot that answers questions about our opening hours and prices.", True),
        ("We have a 40-page handbook and want a bot that answers staff questions from it.", True),
        ("We want to search our Confluence wiki by meaning.", True),
    ],
)  # fmt: skip
def test_own_knowledge_is_the_source_of_answers(text, value):
    assert read(text).get("data.private_knowledge") == value


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("We want a chatbot that answers customer questions from our 300-page product manual. "
         "About 2,000 questions a month, budget 3,000 SEK a month, data must stay in the EU.",
         "Vi vill ha en chattbot som svarar på kundfrågor utifrån vår produktmanual på 300 sidor. "
         "Ungefär 2 000 frågor i månaden, budget 3 000 kr i månaden, data måste stanna inom EU."),
        ("Our 20 lawyers each ask about 10 questions a day about our 900 contract templates.",
         "Våra 20 jurister ställer var och en ungefär 10 frågor om dagen om våra 900 avtalsmallar."),
        ("Transcribe about 40 meetings a week, each about an hour. Nothing may leave our own "
         "servers.",
         "Transkribera ungefär 40 möten i veckan, vardera ungefär en timme. Inget får lämna våra "
         "egna servrar."),
    ],
)  # fmt: skip
def test_an_english_and_a_swedish_wording_read_the_same(english, swedish):
    assert read(english) == read(swedish)


def test_a_count_in_parentheses_counts_the_noun_before_it():
    found = read("Vi vill kunna fråga mot våra policydokument (ca 300 st).")
    assert found.get("data.document_count") == 300
    assert found.get("task") == "question-answering"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Everything must stay behind our firewall.", {"deployment": "self-hosted"}),
        ("We are not allowed to call external APIs with customer data.",
         {"deployment": "self-hosted"}),
        ("It has to run in our own AWS account, in our VPC.", {"deployment": "self-hosted"}),
        ("The hospital network is completely offline.", {"deployment": "air-gapped"}),
        ("We need an LLM API, we don't want to manage servers.", {"deployment": "cloud-api"}),
        # data said not to be sensitive is not sensitive
        ("Using ChatGPT is fine for us, nothing sensitive.",
         {"deployment": "cloud-api", "data.sensitive": None}),
        ("No personal data is involved, only product specs.", {"data.sensitive": None}),
        ("The tickets contain personal data.", {"data.sensitive": True}),
    ],
)  # fmt: skip
def test_where_it_may_run_in_security_words(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where the model is said outright to run decides
        ("We build a mobile app; the model runs on our backend servers.",
         {"deployment": "self-hosted", "device": None}),
        ("The assistant has to run on the users' phones, even in airplane mode.",
         {"deployment": "on-device", "device": "phone"}),
        ("Our field workers use tablets, but the model will be hosted in our data centre.",
         {"deployment": "self-hosted", "device": None}),
        # a device that records or sends the input is its source, not where it runs
        ("The Raspberry Pi only captures audio and sends it to our server for transcription.",
         {"deployment": "self-hosted", "device": None}),
        ("Recordings are made on iPhones and uploaded to our on-prem server.",
         {"deployment": "self-hosted", "device": None}),
    ],
)  # fmt: skip
def test_where_the_model_is_said_to_run(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # a bot is the form; the job it is said to do is the task
        ("Need a bot for our Discord server that moderates spam.", "classification"),
        ("A Slack bot that summarises long threads for people who were away.", "summarization"),
        ("A chatbot where customers book and move their appointments.", "chat"),
        # "generating text" with no kind of text named is any model's work: no job
        ("Which quantization gives the best tokens per second for generating text on a 3060?",
         None),
        ("We want to generate product texts for our webshop.", "text-generation"),
    ],
)  # fmt: skip
def test_the_job_a_bot_does_and_generic_generation(text, task):
    assert read(text).get("task") == task


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "our 20-page reports" is the size of each, not one document
        ("The context window is too small for our 20-page reports.", "data.document_count", None),
        ("Staff ask questions about our 150-page handbook.", "data.document_count", 1),
        # a model file's size is not the machine's memory
        ("My laptop has 16 GB of RAM and the model file is 4.1 GB of RAM when loaded in LM Studio.",
         "device_memory_gb", 16),
    ],
)  # fmt: skip
def test_sizes_of_each_and_of_a_model(text, field, value):
    assert read(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a VM rented from a cloud is a machine the team operates; its GPU is not owned
        ("We run Llama 3 on an Azure VM with an A100.",
         {"deployment": "self-hosted", "owned_gpus": None}),
        # a provider's name on its software is no hosted API in use
        ("We use the OpenAI Python client against a local endpoint.", {"deployment": None}),
        # "would like to" is a wish, not a likening
        ("We're on GCP and would like to use Vertex AI.", {"deployment": "cloud-api"}),
        ("We want something like ChatGPT but private.", {"deployment": None}),
    ],
)  # fmt: skip
def test_providers_as_hosts_software_and_wishes(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "latency"),
    [
        # real-time data is fresh data; an action done immediately is no answer's speed
        ("We need real-time stock prices in the answers.", None),
        ("I immediately noticed the summaries were wrong.", None),
        ("Answers must come back immediately, it's a phone line.", "realtime"),
        # a parameter and a software schedule are no batch job
        ("The batch size parameter is confusing.", None),
        ("Our nightly build fails when the model downloads.", None),
        ("Summaries can run as a nightly batch.", "batch"),
    ],
)  # fmt: skip
def test_latency_is_said_of_the_answer(text, latency):
    assert read(text).get("latency") == latency


@pytest.mark.parametrize(
    ("text", "owned"),
    [
        ("Would an H100 be worth it for our workload?", None),
        ("Should we get an L40S or keep using the API?", None),
        ("The A100 is too expensive for us, we only have a T4.", "1x T4"),
        ("Our server has 2x RTX 4090.", "2x RTX-4090"),
    ],
)  # fmt: skip
def test_a_gpu_asked_about_is_not_owned(text, owned):
    assert read(text).get("owned_gpus") == owned


def test_a_comparison_in_one_sentence_weighs_nothing_in_the_next():
    text = "Is it possible to use Claude instead of GPT-4? We have an Anthropic key through work."
    assert read(text).get("deployment") == "cloud-api"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # files of software or media are not documents; Word documents are
        ("I downloaded the 3 model files but the loader only sees 2.",
         {"data.document_count": None}),
        ("I have 40 audio files to transcribe.", {"data.document_count": None}),
        ("Our team has 2,000 Word documents on a shared drive; we want to ask questions about "
         "them.", {"data.document_count": 2000}),
        # servers the input comes from are not where the model runs
        ("We keep 500 log files a day from our servers and want anomaly summaries.",
         {"deployment": None}),
    ],
)  # fmt: skip
def test_files_and_servers_by_what_they_are(text, expected):
    found = read(text)
    assert {field: found.get(field) for field in expected} == expected
