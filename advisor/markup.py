"""Untrusted Markdown (model output, retrieved, uploaded or linked text) made safe to show, by a
real Markdown parser rather than patterns: markdown-it-py reads the text the way a CommonMark
renderer will, and the tree is written out again with every piece of text escaped, so nothing the
author wrote can turn into markup on the way.

What survives is the harmless structure (paragraphs, headings, lists, quotes, emphasis, code,
tables). Images never load: each becomes "[image: alt]" with its address as code text. Links never
hide their target: the text is followed by the address as code text. Raw HTML is text.

Two writers share the parse: `safe_markdown` for Markdown renderers (Streamlit's `st.markdown`,
the CLI) and `slack_mrkdwn` for Slack's mrkdwn, where `&`, `<` and `>` are escaped so no text can
ping `<!channel>`, mention `<@U...>` or forge a `<url|label>` link.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["safe_markdown", "slack_mrkdwn", "plain_markdown"]

# Characters that start or end Markdown (CommonMark, GFM, Streamlit's `$` maths and `:red[...]`
# directives) anywhere in a line; a backslash makes each one literal.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~$|])")
# Characters that start a block only at the beginning of a line: headings, quotes, list items,
# thematic breaks and setext underlines.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}[.)])")
_SLACK_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # html off: tags in the text are text. Tables and strikethrough as in GitHub's Markdown.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _tree(text: str):
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(_parser().parse(str(text or "")))


def safe_markdown(text: str) -> str:
    """Markdown that renders the text's structure but can load nothing and hides no link target."""
    text = str(text or "")
    if not text.strip():
        return text
    try:
        return _MarkdownWriter().blocks(_tree(text)).strip("\n")
    except RecursionError:  # absurd nesting: the whole text, every character literal
        return _escape_md(text)


def slack_mrkdwn(text: str) -> str:
    """The same text as Slack mrkdwn: bold, italics, code and lists kept; `&<>` escaped, so no
    mention, channel ping or masked link can be forged; images and links show their address."""
    text = str(text or "")
    if not text.strip():
        return text
    try:
        return _SlackWriter().blocks(_tree(text)).strip("\n")
    except RecursionError:
        return _escape_slack(text)


def plain_markdown(text: str) -> str:
    """Text shown as it is written, with no Markdown meaning at all (a value from a link, a
    file name): every special character escaped."""
    return _escape_md(str(text or ""))


def _escape_md(text: str) -> str:
    lines = _INLINE_SPECIAL.sub(r"\\\1", text).split("\n")
    return "\n".join(
        _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in lines
    )


def _escape_slack(text: str) -> str:
    return "".join(_SLACK_SPECIAL.get(char, char) for char in text)


def _fence(body: str, tick: str = "`") -> str:
    """A run of backticks longer than any inside `body`, so the body cannot close it."""
    longest = max((len(run) for run in re.findall(f"{re.escape(tick)}+", body)), default=0)
    return tick * max(3, longest + 1)


def _code_span(body: str) -> str:
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{ticks}{pad}{body}{pad}{ticks}"


class _MarkdownWriter:
    """Writes a markdown-it syntax tree back as Markdown, escaping every text."""

    def text(self, value: str, *, line_start: bool) -> str:
        escaped = _INLINE_SPECIAL.sub(r"\\\1", value)
        if line_start:
            escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
        return escaped

    def code(self, value: str) -> str:
        return _code_span(value)

    def address(self, url: str) -> str:
        return self.code(url.replace("`", "%60")) if url else "no link"

    def link_address(self, url: str) -> str:
        return self.address(url)

    def strong(self, inner: str) -> str:
        return f"**{inner}**" if inner.strip() else inner

    def em(self, inner: str) -> str:
        return f"*{inner}*" if inner.strip() else inner

    def strike(self, inner: str) -> str:
        return f"~~{inner}~~" if inner.strip() else inner

    def hardbreak(self) -> str:
        return "\\\n"

    def heading(self, level: int, inner: str) -> str:
        return "#" * level + " " + inner

    def fence(self, info: str, body: str) -> str:
        if body and not body.endswith("\n"):
            body += "\n"
        marker = _fence(body)
        language = re.sub(r"[^\w+.#-]", "", info.split()[0]) if info.strip() else ""
        return f"{marker}{language}\n{body}{marker}"

    def quote(self, inner: str) -> str:
        return "\n".join(("> " + line).rstrip() for line in inner.split("\n"))

    def bullet(self, index: int, start: int, ordered: bool) -> str:
        return f"{start + index}. " if ordered else "- "

    def rule(self) -> str:
        return "---"

    def table(self, rows: list[list[str]], header: bool) -> str:
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        if header:
            lines.insert(1, "|" + " --- |" * width)
        return "\n".join(lines)

    # -- the walk ------------------------------------------------------------------------------

    def blocks(self, node, *, tight: bool = False) -> str:
        parts = [self.block(child, tight=tight) for child in node.children]
        return ("\n" if tight else "\n\n").join(part for part in parts if part != "")

    def block(self, node, *, tight: bool = False) -> str:
        kind = node.type
        if kind == "paragraph":
            return self.inline(node)
        if kind == "heading":
            return self.heading(int(node.tag[1:]), self.inline(node))
        if kind in ("fence", "code_block"):
            return self.fence(node.info or "", node.content)
        if kind == "blockquote":
            return self.quote(self.blocks(node))
        if kind in ("bullet_list", "ordered_list"):
            return self.list(node, ordered=kind == "ordered_list")
        if kind == "hr":
            return self.rule()
        if kind == "table":
            return self.table_of(node)
        if kind in ("html_block", "text"):
            return self.text(node.content, line_start=True)
        return self.blocks(node)

    def list(self, node, *, ordered: bool) -> str:
        start = int(node.attrs.get("start", 1)) if ordered else 1
        items = []
        for index, item in enumerate(node.children):
            marker = self.bullet(index, start, ordered)
            body = self.blocks(item, tight=True)
            indent = " " * len(marker)
            lines = body.split("\n") or [""]
            items.append(
                "\n".join([marker + lines[0]] + [(indent + line).rstrip() for line in lines[1:]])
            )
        return "\n".join(items)

    def table_of(self, node) -> str:
        rows, header = [], False
        for section in node.children:
            for row in section.children:
                cells = [self.inline(cell).replace("\n", " ") for cell in row.children]
                rows.append(cells)
                header = header or section.type == "thead"
        return self.table(rows, header)

    def inline(self, node) -> str:
        out: list[str] = []
        line_start = [True]

        def walk(parent) -> None:
            for child in parent.children:
                kind = child.type
                if kind == "inline":
                    walk(child)
                elif kind == "text":
                    out.append(self.text(child.content, line_start=line_start[0]))
                    line_start[0] = False
                    continue
                elif kind == "code_inline":
                    out.append(self.code(child.content))
                elif kind == "softbreak":
                    out.append("\n")
                    line_start[0] = True
                    continue
                elif kind == "hardbreak":
                    out.append(self.hardbreak())
                    line_start[0] = True
                    continue
                elif kind == "image":
                    alt = "".join(_plain(grand) for grand in child.children) or "untitled"
                    out.append(
                        self.text(f"[image: {alt}]", line_start=False)
                        + " ("
                        + self.address(str(child.attrs.get("src") or ""))
                        + ")"
                    )
                elif kind == "link":
                    href = str(child.attrs.get("href") or "")
                    shown = "".join(_plain(grand) for grand in child.children)
                    if child.markup == "autolink" or shown in (href, href.removeprefix("mailto:")):
                        out.append(self.link_address(href))
                    else:
                        start = len(out)
                        walk(child)
                        shown_href = self.link_address(href)
                        out[start:] = ["".join(out[start:]) + " (" + shown_href + ")"]
                elif kind in ("strong", "em", "s"):
                    start = len(out)
                    walk(child)
                    inner = "".join(out[start:])
                    wrap = {"strong": self.strong, "em": self.em, "s": self.strike}[kind]
                    out[start:] = [wrap(inner)]
                else:  # html_inline (html is off, so none), anything new: its text
                    out.append(self.text(child.content or "", line_start=line_start[0]))
                line_start[0] = False

        walk(node)
        return "".join(out)


class _SlackWriter(_MarkdownWriter):
    """The same walk, written as Slack mrkdwn (which has no headings, tables or escapes)."""

    def text(self, value: str, *, line_start: bool) -> str:
        return _escape_slack(value)

    def code(self, value: str) -> str:
        # mrkdwn cannot escape a backtick inside code; a look-alike keeps the span whole
        return "`" + _escape_slack(value.replace("`", "ˋ")) + "`" if value else ""

    def link_address(self, url: str) -> str:
        # Slack links a bare web address itself, showing the address; anything else is code
        if re.fullmatch(r"https?://[^\s<>|`]+", url):
            return _escape_slack(url)
        return self.address(url)

    def strong(self, inner: str) -> str:
        return f"*{inner}*" if inner.strip() else inner

    def em(self, inner: str) -> str:
        return f"_{inner}_" if inner.strip() else inner

    def strike(self, inner: str) -> str:
        return f"~{inner}~" if inner.strip() else inner

    def hardbreak(self) -> str:
        return "\n"

    def heading(self, level: int, inner: str) -> str:
        return f"*{inner}*"

    def fence(self, info: str, body: str) -> str:
        return "```\n" + _escape_slack(body.replace("```", "ˋˋˋ").rstrip("\n")) + "\n```"

    def bullet(self, index: int, start: int, ordered: bool) -> str:
        return f"{start + index}. " if ordered else "• "

    def rule(self) -> str:
        return "———"

    def table(self, rows: list[list[str]], header: bool) -> str:
        return "\n".join(" | ".join(row) for row in rows)


def _plain(node) -> str:
    """The text inside an inline node, without markup."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(child) for child in node.children)
