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


def messages(
    language: str | None, domain: str = "advisor", localedir: Path | str | None = None
) -> dict[str, str]:
    """msgid -> msgstr of a language's catalog (empty for English, the source language)."""
    found = translation(language, domain, localedir)
    return getattr(found, "_messages", None) or getattr(found, "_catalog", None) or {}


def gettext_for(language: str | None, domain: str = "advisor", localedir=None):
    """The `_` function of a language."""
    return translation(language, domain, localedir).gettext


# -- numbers and money (Babel, CLDR's rules for each language) -----------------------------------

LOCALES = {"en": "en_US", "sv": "sv_SE"}


def _locale(language: str | None) -> str:
    return LOCALES.get(language or DEFAULT, LOCALES[DEFAULT])


def _decimal(value: float, digits: int):
    """`value` rounded the way Python's own formatting rounds ({:.2f}), so the English text stays
    exactly what `units.money` writes; Babel only groups and punctuates it."""
    from decimal import Decimal

    return Decimal(f"{value:.{digits}f}")


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


def number(value: float, language: str | None, digits: int = 0) -> str:
    """1,234.5 in English; 1 234,5 in Swedish (CLDR: a no-break space groups the thousands)."""
    from babel.numbers import format_decimal

    amount = _decimal(float(value), digits)
    text = format_decimal(abs(amount), format=_pattern(digits), locale=_locale(language))
    return f"-{text}" if amount < 0 else text


def short(value: float, language: str | None) -> str:
    """A figure with no more digits than it has ("{:g}"): 0.15 / "0,15", 43.6 / "43,6"."""
    text = f"{value:g}"
    if language in (None, DEFAULT) or "e" in text:
        return text
    return number(float(value), language, len(text.partition(".")[2]))


def percent(value: float, language: str | None, digits: int = 1) -> str:
    """A share given in per cent: 1.9 -> "1.9%" / "1,9 %" (CLDR's percent pattern)."""
    from babel.numbers import format_percent

    pattern = "0" + ("." + "0" * digits if digits else "") + "%"
    if language == "sv":
        pattern = pattern.replace("%", "\u00a0%")
    return format_percent(
        _decimal(float(value), digits) / 100, format=pattern, locale=_locale(language)
    )


def money(value, language: str | None, digits: int | None = None) -> str:
    """US dollars as the language writes them (CLDR's currency pattern): "$1,234" / "1 234 US$",
    "$12.50" / "12,50 US$"; whole dollars from $100, small amounts with their significant digits
    ("$0.000125" / "0,000125 US$"), as `units.money` chooses them. None, NaN and text are shown as
    `units.money` shows them."""
    from babel.numbers import format_currency

    from .units import money as english_money

    english = english_money(value, digits)
    if isinstance(value, bool) or not english.startswith(("$", "<$")):
        return english
    amount = float(value)
    if english.startswith("<"):  # below a millionth of a dollar
        amount, places = 0.000001, 6
    elif 0 < abs(amount) < 0.01 and digits is None:  # as many significant digits as English
        places = len(english.partition(".")[2])
    else:
        places = digits if digits is not None else (2 if abs(amount) < 100 else 0)
    rounded = _decimal(amount, places)
    text = format_currency(
        abs(rounded), "USD", format=_currency_pattern(language, places),
        locale=_locale(language), currency_digits=False,
    )  # fmt: skip
    return ("<" if english.startswith("<") else "-" if rounded < 0 else "") + text


def _currency_pattern(language: str | None, places: int) -> str:
    """The language's standard currency pattern with `places` decimals ("¤#,##0.00",
    "#,##0.00 ¤")."""
    from babel import Locale

    pattern = Locale.parse(_locale(language)).currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace("#,##0.00", _pattern(places))
