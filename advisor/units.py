"""Money and sources as people read them: a leaf that both the domain (cost notes, the decision
watch's reasons) and the faces use, so the domain never imports presentation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse


def money(value: Any, digits: int | None = None, *, missing: str = "unknown") -> str:
    """ "$1,234" (whole dollars from $100), "$12.34", small amounts with their significant digits
    ("$0.000125"); `digits` fixes the decimals instead. None and NaN give `missing`; text (an older
    stored result may hold one) is shown as it is."""
    if value is None or value == "":
        return missing
    if isinstance(value, bool):
        return str(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number:  # NaN
        return missing
    if 0 < abs(number) < 0.01:
        text = f"{number:.6f}".rstrip("0").rstrip(".")
        return f"${text}" if float(text) else "<$0.000001"
    if digits is None:
        digits = 2 if abs(number) < 100 else 0
    return f"${number:,.{digits}f}"


def source_label(source: object) -> str:
    """A source for a short label: the site of a URL ("artificialanalysis.ai"), else the text."""
    text = str(source or "").strip()
    if text.startswith(("http://", "https://")):
        host = urlparse(text.split()[0]).netloc
        return host.removeprefix("www.") or text
    return text
