"""Message catalogs (gettext) and numbers for the language of a conversation: English and Swedish.

Catalogs are the standard gettext `.po` files under `advisor/locale/<lang>/LC_MESSAGES/<domain>.po`
(the bot keeps its own under `bot/locale`). They are read at run time, so no compiled `.mo` build
output lives in git; a compiled `.mo` next to a `.po` (from `msgfmt` or `pybabel compile`) is used
instead when present. English is the source language: its msgids are the English sentences, so an
untranslated sentence falls back to English.
"""

from __future__ import annotations

import ast
import gettext
import re
import threading
from pathlib import Path

LANGUAGES = ("en", "sv")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_lock = threading.Lock()
_loaded: dict[tuple[str, str, str], gettext.NullTranslations] = {}


class _PoTranslations(gettext.NullTranslations):
    """A catalog read straight from a .po file (msgid/msgstr pairs; plural forms not used)."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file; fuzzy and untranslated entries are left out."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    key = None
    fuzzy = next_fuzzy = False

    def flush() -> None:
        if entry.get("msgid") and entry.get("msgstr") and not fuzzy:
            messages[entry["msgid"]] = entry["msgstr"]

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            next_fuzzy = next_fuzzy or (line.startswith("#,") and "fuzzy" in line)
            continue
        match = re.match(r'^(msgid|msgstr)\s+(".*")$', line)
        if match:
            if match.group(1) == "msgid":
                flush()
                entry, fuzzy, next_fuzzy = {}, next_fuzzy, False
            key = match.group(1)
            entry[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    flush()
    return messages


def translation(
    language: str | None, domain: str = "advisor", localedir: Path | str | None = None
) -> gettext.NullTranslations:
    """The catalog of `domain` for `language` (English, the msgids, when there is none)."""
    language = language if language in LANGUAGES else DEFAULT
    base = Path(localedir or LOCALE_DIR)
    key = (language, domain, str(base))
    with _lock:
        if key in _loaded:
            return _loaded[key]
    found: gettext.NullTranslations = gettext.NullTranslations()
    if language != DEFAULT:
        folder = base / language / "LC_MESSAGES"
        if (folder / f"{domain}.mo").exists():
            found = gettext.translation(domain, str(base), languages=[language])
        elif (folder / f"{domain}.po").exists():
            found = _PoTranslations(read_po(folder / f"{domain}.po"))
    with _lock:
        _loaded[key] = found
    return found


def gettext_for(language: str | None, domain: str = "advisor", localedir=None):
    """The `_` function of a language."""
    return translation(language, domain, localedir).gettext


# -- numbers and money -----------------------------------------------------------------------------

_NBSP = "\u00a0"


def number(value: float, language: str | None, digits: int = 0) -> str:
    """1,234.5 in English; 1 234,5 in Swedish (a no-break space groups the thousands)."""
    text = f"{value:,.{digits}f}"
    if language == "sv":
        text = text.replace(",", _NBSP).replace(".", ",")
    return text


def money(value, language: str | None) -> str:
    """US dollars as the language writes them: "$1,234" / "1 234 US$"; "$12.50" / "12,50 US$"."""
    from .units import money as english_money

    if language != "sv" or value is None:
        return english_money(value)
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return str(value)
    if 0 < abs(amount) < 0.01:
        return english_money(amount).replace("$", "").replace(".", ",") + f"{_NBSP}US$"
    digits = 2 if abs(amount) < 100 else 0
    return number(amount, "sv", digits) + f"{_NBSP}US$"
