"""The core's English sentences (approach reasons, warnings, cost notes, assumed defaults, why-not
reasons), stored with a decision, in the language of the conversation that shows them.

A recommendation keeps its sentences in English: they are part of its JSON contract and of the
store, and a stored decision may be shown again later in another language. A face translates them
when it renders, through the gettext catalog: a msgid with `{placeholders}` is the template the
core's sentence is written from, so the sentence is matched against the template, each filled-in
part is translated in turn (a part may itself be a sentence of the catalog) and its figures are
written the language's way (Babel), and the translated template (msgstr) is filled with them. The
translation decides the word order; no sentence is pieced together from translated fragments.

A sentence that no template matches comes back as it is; `translate` returns None for it, so the
tests can keep the catalog complete for every sentence the core writes.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from . import i18n

_FIELD = re.compile(r"\{(\w+)\}")
# Only a figure that English groups or gives decimals is re-written: a bare integer reads the same in
# both languages, and may be a year or an id ("2026").
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+(?:\.(\d+))?|\d+\.(\d+))")
_MONEY = re.compile(r"(<?)\$(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)")
_PERCENT = re.compile(r"(\d+(?:\.(\d+))?)%")
# Sentences of a text no template matches whole: each is tried alone.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_LIST = re.compile(r";\s+")
_QUOTED = re.compile(r'"([^"]+)"')
_FIELD_REF = re.compile(r"((?:data\.)?[a-z_]+): (.+)", re.DOTALL)
_JOINERS = re.compile(r"(, | or | and )")
MAX_DEPTH = 4


@dataclass(frozen=True)
class Template:
    msgid: str
    msgstr: str
    regex: re.Pattern
    literals: tuple[str, ...]


_lock = threading.Lock()
_templates: dict[tuple, list[Template]] = {}


def _compile(msgid: str, msgstr: str) -> Template:
    pattern, literals, seen, last = [], [], set(), 0
    for found in _FIELD.finditer(msgid):
        literal = msgid[last : found.start()]
        if literal:
            literals.append(literal)
        pattern.append(re.escape(literal))
        name = found.group(1)
        pattern.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        last = found.end()
    tail = msgid[last:]
    if tail:
        literals.append(tail)
    pattern.append(re.escape(tail))
    return Template(msgid, msgstr, re.compile("".join(pattern), re.DOTALL), tuple(literals))


def templates(language: str, domain: str = "advisor", localedir: Path | None = None):
    """The catalog's msgids with placeholders, the most specific (most fixed text) first."""
    key = (language, domain, str(localedir))
    with _lock:
        if key in _templates:
            return _templates[key]
    found = [
        _compile(msgid, msgstr)
        for msgid, msgstr in i18n.messages(language, domain, localedir).items()
        if _FIELD.search(msgid) and _FIELD.sub("", msgid).strip()
    ]
    found.sort(key=lambda t: -sum(len(part) for part in t.literals))
    with _lock:
        _templates[key] = found
    return found


def figure(text: str, language: str) -> str | None:
    """An English amount, number or share ("$1,234.50", "20,000", "1.9%") written the language's
    way, or None when `text` is not one."""
    if match := _MONEY.fullmatch(text):
        value = float(match.group(2).replace(",", ""))
        digits = len(match.group(3) or "")
        return match.group(1) + i18n.money(value, language, digits)
    if match := _PERCENT.fullmatch(text):
        return i18n.percent(float(match.group(1)), language, len(match.group(2) or ""))
    if text.isdigit():  # reads the same in every language here (and may be a year or an id)
        return text
    if match := _NUMBER.fullmatch(text):
        digits = len(match.group(1) or match.group(2) or "")
        return i18n.number(float(text.replace(",", "")), language, digits)
    return None


def translate(
    text: str, language: str | None, domain: str = "advisor", localedir=None, _depth: int = 0
) -> str | None:
    """`text` (an English sentence of the core, or a part of one) in `language`; None when the
    catalog has no translation or template for it. English is the text itself."""
    if language in (None, i18n.DEFAULT) or not text:
        return text
    catalog = i18n.messages(language, domain, localedir)
    if text in catalog:
        return catalog[text]
    if (found := figure(text, language)) is not None:
        return found
    if _depth < MAX_DEPTH:
        for template in templates(language, domain, localedir):
            if not all(part in text for part in template.literals):
                continue
            match = template.regex.fullmatch(text)
            if match is None:
                continue
            parts = {
                name: localize(value, language, domain, localedir, _depth + 1)
                for name, value in match.groupdict().items()
            }
            return template.msgstr.format(**parts)
    if _depth > 0 and (found := _word_list(text, catalog)) is not None:
        return found
    if (match := _QUOTED.fullmatch(text)) and match.group(1) in catalog:
        return f'"{catalog[match.group(1)]}"'  # a value the core quotes ("monthly")
    if _depth > 0 and (match := _FIELD_REF.fullmatch(text)):
        # a questionnaire field and its value as the core quotes them ("data.labeled_examples:
        # 25,000"): the field id stays (it is the questionnaire's name), the value is translated
        value = localize(match.group(2), language, domain, localedir, MAX_DEPTH)
        return f"{match.group(1)}: {value}"
    if _depth < MAX_DEPTH:  # sentences, then the parts of a list ("a; b; c"), each on its own
        for splitter, joiner in ((_SENTENCE_END, " "), (_LIST, "; ")):
            parts = splitter.split(text)
            if len(parts) > 1:
                done = [translate(p, language, domain, localedir, _depth) for p in parts]
                if all(d is not None for d in done):
                    return joiner.join(done)
    return None


def _word_list(text: str, catalog: dict[str, str]) -> str | None:
    """A filled-in list of catalog words ("self-hosted or on-device", "A, B and C"), each word
    translated, the joining words too; None unless every item is a word of the catalog."""
    parts = _JOINERS.split(text)
    if len(parts) < 3:
        return None
    items, joiners = parts[0::2], parts[1::2]
    if not all(item in catalog for item in items):
        return None
    out = [catalog[items[0]]]
    for joiner, item in zip(joiners, items[1:], strict=True):
        out += [catalog.get(joiner, joiner), catalog[item]]
    return "".join(out)


def localize(
    text: str, language: str | None, domain: str = "advisor", localedir=None, _depth: int = 0
) -> str:
    """`text` in `language` when the catalog knows it; as it is otherwise (a name, an id, a
    quoted value, or a sentence still missing from the catalog)."""
    found = translate(text, language, domain, localedir, _depth)
    return text if found is None else found


def localizer(language: str | None, domain: str = "advisor", localedir=None):
    """`localize` for one language: the identity in English."""
    if language in (None, i18n.DEFAULT):
        return lambda text: text
    return lambda text: localize(str(text), language, domain, localedir)
