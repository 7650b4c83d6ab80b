"""A recommendation as Markdown: for exports, the CLI's text format and chat messages."""

from __future__ import annotations

from urllib.parse import urlparse


def money(value: float | None) -> str:
    """Dollars for people: cents below $100, whole dollars above."""
    if value is None:
        return "unknown"
    return f"${value:,.2f}" if value < 100 else f"${value:,.0f}"


def price_line(model: dict) -> str:
    pricing = model.get("pricing") or {}
    parts = []
    if pricing.get("input_per_1m") is not None:
        parts.append(
            f"${pricing['input_per_1m']:g} in / ${pricing.get('output_per_1m') or 0:g} out per 1M tokens"
        )
    if pricing.get("per_image") is not None:
        parts.append(f"${pricing['per_image']:g} per image")
    if pricing.get("per_audio_minute") is not None:
        parts.append(f"${pricing['per_audio_minute']:g} per audio minute")
    if pricing.get("per_1m_characters") is not None:
        parts.append(f"${pricing['per_1m_characters']:g} per 1M characters")
    return "; ".join(parts) or "no hosted price (self-host)"


def source_label(source: object) -> str:
    """A source for a short label: the site of a URL ("artificialanalysis.ai"), else the text."""
    text = str(source or "").strip()
    if text.startswith(("http://", "https://")):
        host = urlparse(text.split()[0]).netloc
        return host.removeprefix("www.") or text
    return text


def speed_figures(speed) -> str:
    """ "131 output tokens/s, first token after 0.74 s" from a catalog Speed (or its JSON), or ""."""
    if not speed:
        return ""
    figures = speed if isinstance(speed, dict) else vars(speed)
    parts = []
    if figures.get("output_tokens_per_s"):
        parts.append(f"{figures['output_tokens_per_s']:,.0f} output tokens/s")
    if figures.get("ttft_s"):
        parts.append(f"first token after {figures['ttft_s']:.2f} s")
    return ", ".join(parts)


def _fact(model, name: str):
    """A field of a catalog Model or of its JSON (the recommendation's model dicts)."""
    return model.get(name) if isinstance(model, dict) else getattr(model, name, None)


def successor_name(model) -> str:
    """The name of the model the provider names in this one's place, or ""."""
    successor = _fact(model, "successor") if model is not None else None
    if not successor:
        return ""
    from .catalog import load_catalog

    return load_catalog().name_of(successor)


def retirement_line(model, today: str) -> str:
    """ "Retired on X; successor: Y" / "Retires on X; successor: Y", or "" without a date."""
    date = _fact(model, "deprecation_date") if model is not None else None
    if not date:
        return ""
    line = f"Retired on {date}" if date <= today else f"Retires on {date}"
    successor = successor_name(model)
    return f"{line}; successor: {successor}" if successor else line


def model_line(model: dict) -> str:
    weights = "open weights" if model.get("open_weights") else "proprietary"
    context = f", {model['context_window']:,} tokens context" if model.get("context_window") else ""
    speed = speed_figures(model.get("speed"))
    speed = f"; {speed}" if speed else ""
    return f"**{model['name']}** (`{model['id']}`, {model['provider']}, {weights}{context}): {price_line(model)}{speed}"


def to_markdown(rec: dict) -> str:
    q = rec.get("questionnaire") or {}
    lines = ["# LLM Advisor recommendation", ""]
    if q.get("use_case"):
        lines += [f"> {q['use_case'][:500]}", ""]
    lines += ["## Model", "", model_line(rec["model"]), ""]
    approach = rec["approach"]
    lines += [f"## Approach: {approach['primary']}", ""]
    lines += [f"- {reason}" for reason in approach["reasons"]]
    if approach.get("techniques"):
        lines += ["", "Techniques:", ""] + [f"- {t}" for t in approach["techniques"]]
    cost = rec["cost"]
    lines += ["", f"## Monthly cost: about ${cost['monthly_usd']:,.2f}", ""]
    for key, value in cost["breakdown"].items():
        lines.append(
            f"- {key.replace('_', ' ')}: {value if isinstance(value, str) else f'${value:,.2f}'}"
        )
    if cost.get("assumptions"):
        lines += ["", "Assumptions:", ""] + [f"- {a}" for a in cost["assumptions"]]
    if rec.get("assumed"):
        lines += ["", "Defaults assumed: " + "; ".join(rec["assumed"])]
    if rec.get("warnings"):
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in rec["warnings"]]
    if rec.get("alternatives"):
        costs = rec.get("alternative_costs") or {}
        lines += ["", "## Alternatives", ""]
        for alt in rec["alternatives"]:
            monthly = f" about ${costs[alt['id']]:,.2f}/month" if alt["id"] in costs else ""
            lines.append(f"- {model_line(alt)}{monthly}")
    if rec.get("why_not"):
        lines += ["", "## Why not", ""] + [f"- {entry['reason']}" for entry in rec["why_not"]]
    if rec.get("citations"):
        lines += ["", "## Sources", ""]
        for number, c in enumerate(rec["citations"], 1):
            lines.append(f"{number}. {c['title']} (`{c['id']}`, {c['topic']})")
    if rec.get("catalog_as_of"):
        lines += ["", f"_Catalog facts as of {rec['catalog_as_of']}._"]
    return "\n".join(lines) + "\n"
