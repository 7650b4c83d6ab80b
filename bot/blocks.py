"""Block Kit rendering: recommendations, alternatives, knowledge answers, questions and App Home.

Pure functions from the core's dicts to Slack's JSON (a model's speed, retirement and successor are
read from the catalog); nothing here calls Slack or the advisor.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from urllib.parse import quote

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from advisor import api

# Block Kit limits (https://api.slack.com/reference/block-kit/blocks)
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_BLOCKS = 50
MAX_OPTION = 75

NO_ANSWER = "I found nothing on that in my knowledge base."
LOCALE_DIR = Path(__file__).parent / "locale"


def tr(language: str | None):
    """The bot's `_` for a conversation's language: the bot's own catalog
    (bot/locale/<lang>/LC_MESSAGES/bot.po), then the advisor's (the core's words the bot shows)."""
    own = api.i18n.messages(language, "bot", LOCALE_DIR)
    core = api.i18n.messages(language)

    def _(message: str) -> str:
        return own.get(message) or core.get(message) or message

    return _


def core_text(language: str | None):
    """The core's stored English sentences (reasons, warnings, notes) in `language`."""
    return api.localizer(language)


FEEDBACK_VALUES = {"feedback_up": "up", "feedback_down": "down"}


def escape(text: object) -> str:
    """Escape user text for mrkdwn so it can never ping @channel or forge a link."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mrkdwn(markdown: str) -> str:
    """Untrusted Markdown (a generated or extracted answer) as Slack mrkdwn, through the core's
    Markdown parser: text escaped, images and links shown with their address, never masked."""
    return api.slack_mrkdwn(markdown)


def answer_text(answer: api.Answer, language: str | None = None) -> str:
    """The fallback `text` of an answer message, escaped exactly like its blocks."""
    return clip(mrkdwn(answer.answer or tr(language)(NO_ANSWER)), MAX_SECTION)


def playground_url(model_id: str) -> str:
    return f"{api.config.ui_url()}/playground?model={quote(model_id, safe='')}"


def starter_url(rec_id: int) -> str:
    """The decision in the app, where "Download starter" gives its runnable project."""
    return f"{api.config.ui_url()}/history?id={int(rec_id)}"


def section(text: str, *, block_id: str | None = None, accessory: dict | None = None) -> dict:
    return SectionBlock(
        text=MarkdownTextObject(text=clip(text, MAX_SECTION)),
        block_id=block_id,
        accessory=accessory,
    ).to_dict()


def context(*texts: str) -> dict:
    elements = [MarkdownTextObject(text=clip(t, MAX_FIELD)) for t in texts[:10] if t]
    return ContextBlock(elements=elements).to_dict()


def header(text: str) -> dict:
    return HeaderBlock(text=PlainTextObject(text=clip(text, MAX_HEADER), emoji=True)).to_dict()


def button(
    text: str,
    action_id: str,
    value: str | None = None,
    url: str | None = None,
    style: str | None = None,
) -> dict:
    return ButtonElement(
        text=PlainTextObject(text=clip(text, MAX_BUTTON), emoji=True),
        action_id=action_id,
        value=None if value is None else str(value)[:2000],
        url=url or None,
        style=style,
    ).to_dict()


def actions(block_id: str, *elements: dict) -> dict:
    return ActionsBlock(block_id=block_id, elements=list(elements)).to_dict()


def speed_line(model: api.ModelInfo, language: str | None = None) -> str:
    """ "Speed: 131 output tokens/s, first token after 0.74 s (artificialanalysis.ai)" or ""."""
    speed = model.speed
    figures = api.speed_figures(speed, language)
    if not figures:
        return ""
    source = speed.source
    site = api.source_label(source) if source.startswith("http") else ""
    return escape(
        tr(language)("Speed: {figures}").format(figures=figures) + (f" ({site})" if site else "")
    )


def model_summary(
    model: api.ModelInfo,
    *,
    with_speed: bool = False,
    today: str | None = None,
    language: str | None = None,
) -> str:
    _ = tr(language)
    weights = api.weights_label(model.open_weights, language)
    context_window = (
        _("{count} tokens").format(count=api.i18n.number(model.context_window, language))
        if model.context_window
        else _("n/a")
    )
    lines = [
        f"*{escape(model.label)}* (`{escape(model.id)}`)",
        f"{escape(model.provider)} · {weights} · "
        + _("licence {licence}").format(licence=escape(core_text(language)(model.license))),
        _("Context: {context} · Price: {price}").format(
            context=context_window, price=escape(api.price_line(model, language))
        ),
    ]
    if with_speed and speed_line(model, language):
        lines.append(speed_line(model, language))
    retirement = api.retirement_line(model, today or dt.date.today().isoformat(), language)
    if retirement:
        lines.append(f":hourglass: {escape(retirement)}")
    return "\n".join(lines)


def _bullets(items: list[str], limit: int = 8) -> str:
    return "\n".join(f"• {escape(item)}" for item in items[:limit])


def recommendation_text(rec: api.Recommendation, language: str | None = None) -> str:
    """The notification / fallback text of a recommendation message (escaped: the understood line
    repeats the user's own words)."""
    if language in (None, "en"):
        return escape(api.understood_line(rec) + "\n" + api.summary_line(rec))
    brief = api.brief_of(rec, language)
    summary = tr(language)("Recommendation: {model}").format(model=rec.model.label)
    return escape(brief["understood"] + "\n" + summary + " · " + brief["cost"])


def understood_text(rec: api.Recommendation, language: str | None = None) -> str:
    """What was understood, with the defaults the cost rests on, in `language`."""
    if language in (None, "en"):
        return api.understood_line(rec)
    return api.brief_of(rec, language)["understood"]


def recommendation_blocks(
    rec: api.Recommendation,
    *,
    requested_by: str | None = None,
    today: str | None = None,
    language: str | None = None,
) -> list[dict]:
    """The full recommendation message: model, approach, cost, warnings, citations, actions.
    `today` (ISO date, default the real one) decides whether the pick reads as retiring or retired.
    In `language`: the bot's words from its catalog, the core's sentences through their templates."""
    _, core = tr(language), core_text(language)
    model = rec.model
    approach = rec.approach
    cost = rec.cost
    q = rec.questionnaire
    rec_id = rec.id
    blocks: list[dict] = [header(_("Recommendation: {model}").format(model=model.label))]
    intro = []
    if requested_by:
        intro.append(_("For {user}").format(user=f"<@{escape(requested_by)}>"))
    if q.get("use_case"):
        intro.append(f"“{escape(clip(q['use_case'], 300))}”")
    if intro:
        blocks.append(context(" · ".join(intro)))
    # what was understood before the pick, so a misreading is caught first
    blocks.append(section(escape(understood_text(rec, language)), block_id="rec_understood"))
    summary = model_summary(model, with_speed=True, today=today, language=language)
    quality = api.quality_line(rec, model.id, language)
    if quality:  # the published figure with its snapshot and date; an estimate is marked ~
        summary += "\n" + escape(quality)
    blocks.append(section(summary, block_id="rec_model"))
    approach_title = _("Approach: {approach}").format(
        approach=api.approach_name(approach.primary, language)
    )
    lines = [f"*{escape(approach_title)}*"]
    if approach.reasons:
        lines.append(_bullets([core(reason) for reason in approach.reasons]))
    if approach.techniques:
        lines.append(
            f"_{_('Techniques:')}_ " + escape("; ".join(core(t) for t in approach.techniques[:8]))
        )
    blocks.append(section("\n".join(lines), block_id="rec_approach"))

    monthly = _("Monthly cost: about {amount}").format(
        amount=api.localized_money(cost.monthly_usd, language)
    )
    cost_lines = [f"*{monthly}*"]
    cost_lines += breakdown_lines(cost.breakdown, language=language)
    if rec.components:
        cost_lines.append(f"*{_('Pipeline:')}*")
        cost_lines += [f"• {escape(line)}" for line in api.component_lines(rec, language)]
    blocks.append(section("\n".join(cost_lines), block_id="rec_cost"))
    notes = []
    if cost.assumptions:
        notes.append(
            _("Cost assumes:") + " " + escape("; ".join(core(a) for a in cost.assumptions[:6]))
        )
    if rec.assumed:
        notes.append(
            _("Defaults I assumed:")
            + " "
            + escape("; ".join(api.readable_assumed(a, language) for a in rec.assumed[:8]))
        )
    if notes:
        blocks.append(context(*notes))

    if rec.warnings:
        blocks.append(
            section(
                "\n".join(f":warning: {escape(core(w))}" for w in rec.warnings[:6]),
                block_id="rec_warnings",
            )
        )

    if rec.citations:
        blocks.append(
            context(*citation_lines([c.model_dump() for c in rec.citations], language=language))
        )

    buttons = [
        button(
            _("Open in playground"),
            "open_playground",
            value=model.id,
            url=playground_url(model.id),
            style="primary",
        )
    ]
    if rec_id is not None:
        if rec.alternatives:
            buttons.append(button(_("Show alternatives"), "show_alternatives", value=rec_id))
        buttons.append(
            button(_("Starter project"), "open_starter", value=rec_id, url=starter_url(rec_id))
        )
        buttons.append(button(_("👍 Helpful"), "feedback_up", value=rec_id))
        buttons.append(button(_("👎 Not helpful"), "feedback_down", value=rec_id))
    buttons.append(button(_("Open questionnaire"), "open_questionnaire", value="recommendation"))
    blocks.append(actions("rec_actions", *buttons))
    if rec.catalog_as_of:
        blocks.append(
            context(
                _("Catalog facts as of {date}. Recommendation #{id}.").format(
                    date=escape(rec.catalog_as_of), id=escape(rec_id)
                )
            )
        )
    return blocks[:MAX_BLOCKS]


def breakdown_lines(breakdown: dict, limit: int = 8, language: str | None = None) -> list[str]:
    """The cost breakdown as bullets: zero items left out, one-off costs labelled as such."""
    lines = []
    for key, value in breakdown.items():
        if isinstance(value, int | float) and not value:
            continue
        label = api.breakdown_label(key, language)
        lines.append(f"• {escape(label)}: {escape(api.localized_money(value, language))}")
    return lines[:limit]


def citation_lines(citations: list[dict], limit: int = 4, language: str | None = None) -> list[str]:
    """Cited articles with an excerpt. In another language, an article that has a translation is
    cited by it (its title and opening); one without keeps its title, marked as written in English,
    and no excerpt (an English passage in a Swedish post)."""
    _ = tr(language)
    lines = []
    for number, c in enumerate(citations[:limit], 1):
        c = _in_language(c, language)
        excerpt = clip(" ".join(str(c.get("excerpt") or "").split()), 160)
        title = escape(c.get("title") or _("an article")).replace("|", "¦")
        link = f"{api.config.ui_url()}{api.article_path(c['id'])}" if c.get("id") else ""
        line = f":books: [{number}] *<{link}|{title}>*" if link else f":books: [{number}] *{title}*"
        if c.get("english"):
            line += " " + _("(in English)")
        elif excerpt:
            line += f": {escape(excerpt)}"
        lines.append(line)
    return lines


def _in_language(citation: dict, language: str | None) -> dict:
    if language in (None, "en"):
        return citation
    translated = _translations(language).get(citation.get("id"))
    if translated is None:
        return {**citation, "excerpt": "", "english": True}
    return {**citation, **translated}


@functools.lru_cache(maxsize=4)
def _translations(language: str) -> dict[str, dict]:
    """article id -> its translation's id, title and opening paragraph."""
    found = {}
    try:
        articles = api.articles()
    except Exception:  # noqa: BLE001 - then citations show as written
        return {}
    for article in articles:
        original = article.get("translation_of")
        if article.get("language") != language or not original:
            continue
        paragraphs = [
            p for p in str(article.get("text") or "").split("\n\n") if p and not p.startswith("#")
        ]
        found[original] = {
            "id": article["id"],
            "title": article.get("title") or "",
            "excerpt": paragraphs[0] if paragraphs else "",
        }
        # a citation of the translation itself (the answer came from it) is in the language too
        found[article["id"]] = found[original]
    return found


def alternatives_title(rec: api.Recommendation, language: str | None = None) -> str:
    return tr(language)("Alternatives to {model}").format(model=rec.model.label)


def alternatives_blocks(rec: api.Recommendation, language: str | None = None) -> list[dict]:
    """The alternatives of a stored recommendation, each with its own playground button."""
    _, core = tr(language), core_text(language)
    costs = rec.alternative_costs
    blocks: list[dict] = [section(f"*{escape(alternatives_title(rec, language))}*")]
    for number, alt in enumerate(rec.alternatives[:8]):
        text = model_summary(alt, language=language)
        quality = api.quality_line(rec, alt.id, language)
        if quality:
            text += "\n" + escape(quality)
        if alt.id in costs:
            text += "\n" + _("About {amount} a month for your workload").format(
                amount=api.localized_money(costs[alt.id], language)
            )
        blocks.append(
            section(
                text,
                accessory=button(
                    _("Try it"),
                    f"open_playground_alt_{number}",
                    value=alt.id,
                    url=playground_url(alt.id),
                ),
            )
        )
    if rec.why_not:
        reasons = "; ".join(core(entry.reason) for entry in rec.why_not[:5])
        blocks.append(context(_("Not chosen:") + " " + escape(reasons)))
    if len(blocks) == 1:
        blocks.append(section(_("There are no alternatives for this one.")))
    return blocks[:MAX_BLOCKS]


def answer_blocks(answer: api.Answer, language: str | None = None) -> list[dict]:
    """A knowledge answer with its citations."""
    _ = tr(language)
    blocks = [section(mrkdwn(answer.answer or _(NO_ANSWER)))]
    if answer.citations:
        blocks.append(
            context(*citation_lines([c.model_dump() for c in answer.citations], language=language))
        )
    blocks.append(
        actions(
            "answer_actions",
            button(_("Get a recommendation"), "open_questionnaire", "answer"),
        )
    )
    return blocks


def question_blocks(text: str, question: dict | None, language: str | None = None) -> list[dict]:
    """The next question, with its options as buttons (few) or a menu (many)."""
    blocks = [section(escape(text), block_id="question")]
    options = (question or {}).get("options") or []
    labels = (question or {}).get("labels") or options
    field = (question or {}).get("field") or ""
    if options and len(options) <= 5:
        elements = [
            button(label, f"answer_option_{n}", value=f"{field}|{option}")
            for n, (option, label) in enumerate(zip(options, labels, strict=False))
        ]
        blocks.append(actions("question_options", *elements))
    elif options:
        menu = StaticSelectElement(
            action_id="answer_option_select",
            placeholder=tr(language)("Choose one"),
            options=[
                option_obj(f"{field}|{o}", label)
                for o, label in zip(options[:100], labels, strict=False)
            ],
        )
        blocks.append(actions("question_options", menu.to_dict()))
    blocks.append(
        context(tr(language)("Reply in this thread. Say _start over_ or _cancel_ any time."))
    )
    return blocks


def option_obj(value: str, label: str | None = None) -> dict:
    return Option(value=value, label=clip(label or value, MAX_OPTION)).to_dict()


def notice_blocks(text: str) -> list[dict]:
    return [section(escape(text))]


def finding_text(finding: api.Finding, language: str | None = None) -> str:
    return escape(
        tr(language)("Your recommendation #{id} went stale: {finding}").format(
            id=finding.recommendation_id, finding=api.finding_line(finding, language)
        )
    )


def finding_blocks(finding: api.Finding, language: str | None = None) -> list[dict]:
    """A decision-watch finding in the thread of the recommendation it is about, in the thread's
    language."""
    _ = tr(language)
    title = _(api.FINDING_TITLES.get(finding.kind, finding.kind))
    lines = [
        f":bell: *{escape(title[:1].upper() + title[1:])}* "
        + _("(recommendation #{id})").format(id=escape(finding.recommendation_id)),
        escape(api.finding_line(finding, language)),
    ]
    buttons = [button(_("Dismiss"), "watch_dismiss", value=finding.id)]
    if finding.new_model:
        buttons.insert(
            0, button(_("Show the new pick"), "watch_show", value=finding.id, style="primary")
        )
    checked = (
        _(
            "The decision was made with catalog facts as of {made}; checked against facts as of {now}."
        )
        if finding.made_with
        else _("The decision was checked against facts as of {now}.")
    ).format(made=finding.made_with, now=finding.catalog_as_of)
    return [
        section("\n".join(lines), block_id="watch_finding"),
        context(checked),
        actions("watch_actions", *buttons),
    ]


def home_view(recommendations: list[dict], language: str | None = None) -> dict:
    """The App Home tab: a button that opens the questionnaire and the user's recent
    recommendations, in the language of the user's latest conversation."""
    _ = tr(language)
    blocks: list[dict] = [
        header("LLM Advisor"),
        section(
            _(
                "Describe a use case and I recommend a model, an approach (prompting, RAG, "
                "fine-tuning) and a monthly cost. Mention me in a channel, send me a DM, or use "
                "`/llm-advisor`."
            ),
            accessory=button(
                _("Open questionnaire"), "open_questionnaire", value="home", style="primary"
            ),
        ),
        DividerBlock().to_dict(),
        header(_("Your recent recommendations")),
    ]
    if not recommendations:
        blocks.append(section(_("_None yet._")))
    for number, row in enumerate(recommendations[:10]):
        rec = api.Recommendation.from_stored(row)
        model_id = rec.model.id if rec else row.get("model_id") or "?"
        name = rec.model.label if rec else model_id
        approach = api.approach_name(row.get("approach") or "?", language)
        use_case = clip(" ".join(str(row.get("use_case") or "").split()), 200)
        cost = _("about {amount}/month").format(
            amount=api.localized_money(row.get("monthly_usd"), language)
        )
        text = (
            f"*{escape(name)}* · {escape(approach)} · {cost}\n"
            f"{escape(use_case) or _('_no description_')}\n"
            f"_{escape((row.get('created') or '')[:10])} · #{escape(row.get('id'))}_"
        )
        blocks.append(
            section(
                text,
                accessory=button(
                    _("Try it"),
                    f"open_playground_home_{number}",
                    value=model_id,
                    url=playground_url(model_id),
                ),
            )
        )
    return View(type="home", blocks=blocks[:100]).to_dict()


# -- the conversation's short posts, in its language -----------------------------------------------

MAX_VISIBLE = 1200  # a recommendation post's visible characters; details sit behind "More"


def visible_chars(blocks: list[dict]) -> int:
    """The characters a person sees: section, context and header texts and button labels."""
    total = 0
    for block in blocks:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                total += len(block[key].get("text", ""))
        for element in block.get("elements", []) + block.get("fields", []):
            if isinstance(element.get("text"), str):
                total += len(element["text"])
            elif isinstance(element.get("text"), dict):
                total += len(element["text"].get("text", ""))
    return total


def brief_blocks(result: dict, *, requested_by: str | None = None) -> list[dict]:
    """A recommendation in at most MAX_VISIBLE visible characters: what changed, the pick, why,
    monthly cost, approach, one line per alternative, and every caveat that decides where or
    whether it may run (never cut). The rest is behind "More" and the app link."""
    rec: api.Recommendation = result["recommendation"]
    brief = result["brief"]
    language = result.get("language")
    _ = tr(language)
    lead = [escape(line) for line in result.get("lead") or []]
    caveats = [f":warning: {escape(c)}" for c in brief["caveats"]]
    # Each caveat's first clause says where or whether it may run ("This is a clinical use: a
    # clinician reviews every answer ..."); what follows (escalation, metric, source) can wait.
    short_caveats = [f":warning: {escape(first_clause(c))}" for c in brief["caveats"]]
    alternatives = [f"• {escape(a)}" for a in brief["alternatives"]]
    why = escape(brief["why"])

    def build(why: str, alternatives: list[str]) -> list[dict]:
        lines = [
            f"*{escape(brief['pick'])}* · {escape(brief['cost'])}",
            f"{_('Approach')}: {escape(brief['approach'])}",
        ]
        if why:
            lines.append(f"{_('Why')}: {why}")
        out = []
        if lead:
            out.append(section("\n".join(lead), block_id="rec_changes"))
        out.append(header(brief["title"]))
        out.append(context(escape(brief["understood"])))
        out.append(section("\n".join(lines), block_id="rec_pick"))
        if alternatives:
            out.append(
                section(f"*{_('Alternatives')}*\n" + "\n".join(alternatives), block_id="rec_alts")
            )
        if caveats:
            out.append(section("\n".join(caveats), block_id="rec_caveats"))
        buttons = [
            button(_("Open in playground"), "open_playground", value=rec.model.id,
                   url=playground_url(rec.model.id), style="primary"),
        ]  # fmt: skip
        if rec.id is not None:
            buttons.append(button(_("More"), "show_details", value=rec.id))
            if rec.alternatives:
                buttons.append(button(_("Show alternatives"), "show_alternatives", value=rec.id))
            buttons.append(button("👍", "feedback_up", value=rec.id))
            buttons.append(button("👎", "feedback_down", value=rec.id))
        out.append(actions("rec_actions", *buttons))
        return out

    blocks = build(why, alternatives)
    # Shorten what can wait behind "More": first the alternatives (behind "Show alternatives"),
    # then the tail of each caveat (its escalation, metric or sources: its first clause says where
    # or whether the pick may run, and stays), then the reasons. Never what changed.
    while visible_chars(blocks) > MAX_VISIBLE and alternatives:
        alternatives = alternatives[:-1]
        blocks = build(why, alternatives)
    if visible_chars(blocks) > MAX_VISIBLE and short_caveats != caveats:
        caveats[:] = short_caveats
        blocks = build(why, alternatives)
    if visible_chars(blocks) > MAX_VISIBLE:
        spare = max(0, len(why) - (visible_chars(blocks) - MAX_VISIBLE))
        blocks = build(clip(why, spare) if spare > 20 else "", alternatives)
    return blocks


def first_clause(caveat: str) -> str:
    """A caveat up to its first "; " outside brackets (ended with "…" when more follows)."""
    depth = 0
    for index, char in enumerate(caveat):
        depth += (char in "([") - (char in ")]")
        if depth == 0 and caveat.startswith("; ", index):
            return caveat[:index] + "…"
    return caveat


def lines_blocks(lines: list[str], *, block_id: str = "reply") -> list[dict]:
    """A conversation's plain reply: one section of escaped lines."""
    return [section("\n".join(escape(line) for line in lines if line), block_id=block_id)]
