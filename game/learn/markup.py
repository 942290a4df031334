"""Markdown for lessons and playbooks: safe HTML, simple blocks and link lists.

Lesson bodies and playbooks are CommonMark read by markdown-it-py with raw
HTML disabled, so text from content files can never inject markup. Headings
may end in an explicit id, ``## Rollen {#rollen}``, which becomes the anchor
that lessons and game actions link to as ``playbook#section``.

The pygame front end has no Markdown library, so :func:`to_blocks` turns the
same token stream into plain data: headings, paragraphs of styled spans,
lists and quotes. Constructs that the block form cannot show (code blocks,
tables, images, rules) are reported by :func:`unsupported_elements` so that
``validate`` rejects them instead of the game dropping them silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: ``{#id}`` at the end of a heading; ids follow the content id rules.
HEADING_ID = re.compile(r"\s*\{#([^}\s]*)\}\s*$")

#: Link schemes that point into the learning content.
LINK_SCHEMES = ("lektion", "playbook", "szenario")


def make_parser() -> MarkdownIt:
    """Return a CommonMark parser with raw HTML and autolinking disabled."""
    # Tables are parsed only so that validation can reject them by name;
    # without the rule a table would pass as a paragraph of pipes.
    options = {"html": False, "linkify": False, "typographer": False}
    return MarkdownIt("commonmark", options).enable("table")


_PARSER = make_parser()


@dataclass(frozen=True)
class Heading:
    """A heading in a Markdown text; ``line`` and ``column`` are 1-based."""

    level: int
    title: str
    anchor: str | None
    line: int
    column: int


@dataclass(frozen=True)
class LinkTarget:
    """A link found in a Markdown text, located 1-based inside that text."""

    href: str
    line: int
    column: int


def parse(text: str) -> list[Token]:
    """Parse Markdown and move explicit heading ids into ``id`` attributes."""
    tokens = _PARSER.parse(text)
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = HEADING_ID.search(inline.content)
        if not match:
            continue
        token.attrSet("id", match.group(1))
        inline.content = inline.content[: match.start()]
        # The id sits in the last text child; trim it there too.
        for child in reversed(inline.children or []):
            if child.type == "text":
                child.content = HEADING_ID.sub("", child.content)
                break
    return tokens


def headings(text: str) -> list[Heading]:
    """Return every heading with its level, title, explicit id and position."""
    lines = text.splitlines()
    tokens = parse(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        line = token.map[0] + 1 if token.map else 1
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        found.append(
            Heading(
                level=int(token.tag[1]),
                title=tokens[index + 1].content.strip(),
                anchor=token.attrGet("id"),
                line=line,
                column=len(source) - len(source.lstrip()) + 1,
            )
        )
    return found


def links(text: str) -> list[LinkTarget]:
    """Return every link target with the position of its URL in ``text``."""
    lines = text.splitlines()
    found = []
    for token in parse(text):
        if token.type != "inline" or not token.children:
            continue
        first_line = token.map[0] if token.map else 0
        search_from = first_line
        for child in token.children:
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            line, column = _locate(lines, "](" + href, search_from)
            if line:
                search_from = line - 1
                column += 2
            else:
                line, column = first_line + 1, 1
            found.append(LinkTarget(href, line, column))
    return found


def _locate(lines: list[str], needle: str, start: int) -> tuple[int, int]:
    for number in range(start, len(lines)):
        column = lines[number].find(needle)
        if column >= 0:
            return number + 1, column + 1
    return 0, 0


_UNSUPPORTED = {
    "fence": "Codeblock",
    "code_block": "Codeblock",
    "hr": "Trennlinie",
    "table_open": "Tabelle",
    "html_block": "HTML",
    "image": "Bild",
    "html_inline": "HTML",
}


def unsupported_elements(text: str) -> list[tuple[str, int]]:
    """Return ``(element name, 1-based line)`` for constructs blocks cannot show."""
    found = []
    for token in parse(text):
        tokens = [token] + list(token.children or [])
        for item in tokens:
            if item.type in _UNSUPPORTED:
                line = (token.map[0] + 1) if token.map else 1
                found.append((_UNSUPPORTED[item.type], line))
    return found


def render_html(
    text: str,
    resolve_link: Callable[[str], str] | None = None,
    shift: int = 0,
    drop_title: bool = False,
) -> str:
    """Render Markdown to HTML; ``resolve_link`` maps content links to URLs.

    Args:
        text: The Markdown source.
        resolve_link: Maps an ``href`` such as ``playbook:dsgvo#zweck`` to a
            URL; links are kept as written when it is ``None``.
        shift: Levels added to every heading (capped at ``h6``), so that a
            lesson body's ``##`` sits below the lesson's own ``h2``.
        drop_title: Leave out a first-level heading at the start, because
            the page shows it as its ``h1``.
    """
    tokens = parse(text)
    if (
        drop_title
        and tokens
        and tokens[0].type == "heading_open"
        and tokens[0].tag == "h1"
    ):
        tokens = tokens[3:]
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and shift:
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        for child in token.children or []:
            if child.type == "link_open" and resolve_link is not None:
                child.attrSet("href", resolve_link(str(child.attrGet("href") or "")))
    return _PARSER.renderer.render(tokens, _PARSER.options, {})


def describe_link(href: str) -> dict:
    """Split a link target into ``kind``, ``id`` and ``section``.

    ``kind`` is ``lesson``, ``playbook``, ``scenario``, ``external`` (http,
    https and mailto) or ``invalid``.
    """
    scheme, _, rest = href.partition(":")
    if scheme == "lektion":
        return {"kind": "lesson", "id": rest, "section": None}
    if scheme == "playbook":
        playbook, _, section = rest.partition("#")
        return {"kind": "playbook", "id": playbook, "section": section or None}
    if scheme == "szenario":
        return {"kind": "scenario", "id": rest, "section": None}
    if scheme in ("http", "https", "mailto") and rest:
        return {"kind": "external", "id": href, "section": None}
    return {"kind": "invalid", "id": href, "section": None}


# ----------------------------------------------------------------- blocks


def to_blocks(text: str) -> list[dict]:
    """Convert Markdown into JSON-ready blocks for the pygame front end.

    Block types:

    - ``{"type": "heading", "level": 2, "id": "rollen" | None, "spans": [...]}``
    - ``{"type": "paragraph", "spans": [...]}``
    - ``{"type": "list", "ordered": bool, "start": 1, "items": [[block, ...], ...]}``
      where each item is a list of paragraphs and nested lists
    - ``{"type": "quote", "blocks": [...]}``

    A span is ``{"text": str}`` plus ``"bold": true``, ``"italic": true``,
    ``"code": true`` and ``"link": {"href", "kind", "id", "section"}`` where
    they apply. A link is a span, so a paragraph that is one link only has
    a single span with ``link``. Unsupported constructs are skipped here
    because validation reports them.
    """
    tokens = parse(text)
    blocks, _ = _blocks(tokens, 0, None)
    return blocks


def _blocks(tokens: list[Token], index: int, closing: str | None) -> tuple[list, int]:
    out: list[dict] = []
    while index < len(tokens):
        token = tokens[index]
        if closing is not None and token.type == closing:
            return out, index + 1
        if token.type == "heading_open":
            out.append(
                {
                    "type": "heading",
                    "level": int(token.tag[1]),
                    "id": token.attrGet("id"),
                    "spans": _spans(tokens[index + 1]),
                }
            )
            index += 3
        elif token.type == "paragraph_open":
            out.append({"type": "paragraph", "spans": _spans(tokens[index + 1])})
            index += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            items, index = _list_items(
                tokens, index + 1, token.type.replace("open", "close")
            )
            out.append(
                {
                    "type": "list",
                    "ordered": ordered,
                    "start": int(token.attrGet("start") or 1) if ordered else 1,
                    "items": items,
                }
            )
        elif token.type == "blockquote_open":
            inner, index = _blocks(tokens, index + 1, "blockquote_close")
            out.append({"type": "quote", "blocks": inner})
        else:
            index += 1
    return out, index


def _list_items(tokens: list[Token], index: int, closing: str) -> tuple[list, int]:
    items = []
    while index < len(tokens) and tokens[index].type != closing:
        if tokens[index].type == "list_item_open":
            item, index = _blocks(tokens, index + 1, "list_item_close")
            items.append(item)
        else:
            index += 1
    return items, index + 1


def _spans(inline: Token) -> list[dict]:
    spans: list[dict] = []
    bold = italic = 0
    link: dict | None = None
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            link = {"href": href, **describe_link(href)}
        elif kind == "link_close":
            link = None
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, child.content)
            span: dict = {"text": text}
            if bold:
                span["bold"] = True
            if italic:
                span["italic"] = True
            if kind == "code_inline":
                span["code"] = True
            if link is not None:
                span["link"] = link
            _append_span(spans, span)
    return spans


def _append_span(spans: list[dict], span: dict) -> None:
    # Merge neighbours with the same style, so "a", " ", "b" become one span.
    if spans:
        last = spans[-1]
        if {k: v for k, v in last.items() if k != "text"} == {
            k: v for k, v in span.items() if k != "text"
        }:
            last["text"] += span["text"]
            return
    spans.append(span)


def plain_text(blocks: list[dict]) -> str:
    """Return the text of blocks without styling (for search and word counts)."""
    parts: list[str] = []
    for block in blocks:
        if "spans" in block:
            parts.append("".join(span["text"] for span in block["spans"]))
        for item in block.get("items", []):
            parts.append(plain_text(item))
        if "blocks" in block:
            parts.append(plain_text(block["blocks"]))
    return "\n".join(parts)
