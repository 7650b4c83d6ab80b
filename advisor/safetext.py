"""Text that can be stored and printed: lone surrogates become U+FFFD.

Python strings may hold lone surrogates (a JSON escape such as "\\ud800", or argv bytes that were
not UTF-8), which SQLite and a UTF-8 stdout refuse with an exception; everything else passes
unchanged.
"""

from __future__ import annotations


def clean(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (a valid pair is joined instead)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
