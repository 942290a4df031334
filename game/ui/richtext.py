"""Styled, wrapped text of lesson bodies and playbooks, and a scrolled view.

:func:`layout_blocks` turns the blocks of :func:`game.learn.markup.to_blocks`
(headings, paragraphs of spans with ``bold``, ``italic``, ``code`` and
``link``, lists, quotes) into a :class:`Document`: positioned text
fragments, decorations and link areas for a given width. The document never
cuts text: it grows as tall as it needs, and :class:`ScrollView` shows a
window of it that the keyboard, the mouse wheel and dragging move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pygame

from game.ui import theme

#: Rendered fragments kept per :class:`RichFonts`; emptied when it grows past this.
RENDER_CACHE_SIZE = 2000
#: Horizontal indent of list items and quotes, in pixels at text size "normal".
INDENT = 28
#: Pointer travel in pixels after which a press becomes a drag, not a click.
DRAG_THRESHOLD = 8

_TOKENS = re.compile(r"\n|[^\S\n]+|[^\s]+")


@dataclass(frozen=True)
class Style:
    """Look of a fragment; the same value is the key of its font."""

    role: str = "body"
    size: int = 18
    bold: bool = False
    italic: bool = False
    link: bool = False
    colour: tuple = theme.TEXT


class RichFonts:
    """Fonts with italic and underline variants, and rendered fragments.

    The typesetter's fonts are shared objects, so setting ``italic`` on them
    would change every other text; this class keeps its own.
    """

    def __init__(self):
        self._fonts: dict[tuple, pygame.font.Font] = {}
        self._rendered: dict[tuple, pygame.Surface] = {}

    def font(self, style: Style) -> pygame.font.Font:
        key = (style.role, style.size, style.bold, style.italic, style.link)
        font = self._fonts.get(key)
        if font is None:
            if style.role == "mono":
                file_name = theme.FONT_ROLES["mono"][0]
            else:
                file_name = theme.FONT_ROLES["bold" if style.bold else "body"][0]
            font = pygame.font.Font(theme.FONT_DIR / file_name, style.size)
            font.italic = style.italic
            font.underline = style.link
            self._fonts[key] = font
        return font

    def render(self, text: str, style: Style) -> pygame.Surface:
        key = (text, style)
        surface = self._rendered.get(key)
        if surface is None:
            if len(self._rendered) > RENDER_CACHE_SIZE:
                self._rendered.clear()
            surface = self.font(style).render(text, True, style.colour)
            self._rendered[key] = surface
        return surface


@dataclass
class Fragment:
    """A run of text in one style on one line, in document coordinates."""

    x: int
    y: int
    text: str
    style: Style
    link: int | None = None
    width: int = 0
    height: int = 0

    @property
    def rect(self) -> pygame.Rect:
        return pygame.Rect(self.x, self.y, self.width, self.height)


@dataclass
class DocLink:
    """A link in a document: its target and the rectangles of its text."""

    target: dict
    text: str
    rects: list[pygame.Rect] = field(default_factory=list)


@dataclass
class Document:
    """Laid-out rich text: fragments, bars and bullets, links and anchors."""

    width: int
    height: int = 0
    fragments: list[Fragment] = field(default_factory=list)
    #: Quote bars as rectangles in document coordinates.
    bars: list[pygame.Rect] = field(default_factory=list)
    #: Panels behind boxed parts (takeaways), drawn before the text.
    panels: list[pygame.Rect] = field(default_factory=list)
    links: list[DocLink] = field(default_factory=list)
    #: Heading id -> its top in document coordinates.
    anchors: dict[str, int] = field(default_factory=dict)
    #: Plain text of every block in reading order, for announcements.
    plain: list[str] = field(default_factory=list)


def span_text(spans: list[dict]) -> str:
    return "".join(span.get("text", "") for span in spans)


class DocumentBuilder:
    """Lay blocks out one after another into a :class:`Document`.

    Args:
        fonts: Font cache of the scene.
        typesetter: Gives the text sizes for the current text size setting.
        width: Width of the document in pixels.
    """

    def __init__(self, fonts: RichFonts, typesetter, width: int):
        self.fonts = fonts
        self.scale = typesetter.scale
        self.body_size = typesetter.size_of("body")
        self.mono_size = typesetter.size_of("mono")
        self.heading_sizes = {
            1: typesetter.size_of("heading"),
            2: round(typesetter.size_of("body") * 1.25),
        }
        self.document = Document(width)
        self.y = 0

    # ------------------------------------------------------------- blocks

    def gap(self, share: float) -> None:
        """Add vertical space, ``share`` of a body line."""
        self.y += round(
            self.fonts.font(Style(size=self.body_size)).get_linesize() * share
        )

    def heading(self, text: str, level: int = 2, anchor: str | None = None) -> None:
        if self.y > 0:
            self.gap(0.6)
        if anchor:
            self.document.anchors[anchor] = self.y
        size = self.heading_sizes.get(level, self.body_size)
        style = Style("bold", size, bold=True, colour=theme.HEADER)
        self.spans([{"text": text}], 0, style)
        self.gap(0.3)
        self.document.plain.append(text)

    def blocks(self, blocks: list[dict], indent: int = 0, colour=theme.TEXT) -> None:
        for block in blocks:
            kind = block.get("type")
            if kind == "heading":
                self.heading(
                    span_text(block["spans"]), block.get("level", 2), block.get("id")
                )
            elif kind == "paragraph":
                base = Style("body", self.body_size, colour=colour)
                self.spans(block["spans"], indent, base)
                self.document.plain.append(span_text(block["spans"]))
                self.gap(0.6)
            elif kind == "list":
                self.list_block(block, indent, colour)
            elif kind == "quote":
                top = self.y
                self.blocks(
                    block.get("blocks", []), indent + self.indent(), theme.TEXT_MUTED
                )
                bar_bottom = self.y - round(self.body_size * 0.6)
                self.document.bars.append(
                    pygame.Rect(indent + 4, top, 4, max(4, bar_bottom - top))
                )

    def indent(self) -> int:
        return round(INDENT * self.scale)

    def list_block(self, block: dict, indent: int, colour) -> None:
        number = block.get("start", 1)
        marker_width = self.indent()
        style = Style("body", self.body_size, colour=colour)
        for item in block.get("items", []):
            marker = f"{number}." if block.get("ordered") else "•"
            number += 1
            self.place(indent, self.y, marker, style)
            start = len(self.document.plain)
            for inner in item:
                if inner.get("type") == "paragraph":
                    self.spans(inner["spans"], indent + marker_width, style)
                    self.document.plain.append(span_text(inner["spans"]))
                    self.gap(0.25)
                else:
                    self.blocks([inner], indent + marker_width, colour)
            if len(self.document.plain) > start:
                self.document.plain[start] = marker + " " + self.document.plain[start]
        self.gap(0.35)

    def takeaways(self, heading: str, items: list[str]) -> None:
        """Add a boxed list of key points."""
        if self.y > 0:
            self.gap(0.4)
        top = self.y
        pad = round(12 * self.scale)
        self.y += pad
        inner = Style("bold", self.body_size, bold=True, colour=theme.HEADER)
        self.spans([{"text": heading}], pad, inner)
        self.gap(0.3)
        self.document.plain.append(heading)
        style = Style("body", self.body_size)
        for item in items:
            self.place(
                pad,
                self.y,
                "✓",
                Style("bold", self.body_size, bold=True, colour=theme.VIRTUOUS),
            )
            self.spans(
                [{"text": item}],
                pad + self.indent(),
                style,
                right=self.document.width - pad,
            )
            self.document.plain.append("✓ " + item)
            self.gap(0.2)
        self.y += pad
        self.document.panels.append(
            pygame.Rect(0, top, self.document.width, self.y - top)
        )
        self.gap(0.5)

    def finish(self) -> Document:
        self.document.height = self.y
        return self.document

    # -------------------------------------------------------------- lines

    def style_for(self, span: dict, base: Style) -> Style:
        bold = base.bold or bool(span.get("bold"))
        italic = base.italic or bool(span.get("italic"))
        link = "link" in span and span["link"].get("kind") in (
            "lesson",
            "playbook",
            "scenario",
        )
        if span.get("code"):
            return Style("mono", self.mono_size, italic=italic, colour=base.colour)
        colour = theme.ACCENT if link else base.colour
        return Style(base.role, base.size, bold, italic, link, colour)

    def spans(
        self, spans: list[dict], left: int, base: Style, right: int | None = None
    ) -> None:
        """Wrap styled spans between ``left`` and ``right``, starting a new line."""
        right = self.document.width if right is None else right
        line: list[Fragment] = []
        x = left
        for span in spans:
            style = self.style_for(span, base)
            font = self.fonts.font(style)
            link_index = None
            if style.link:
                link_index = len(self.document.links)
                self.document.links.append(DocLink(span["link"], span.get("text", "")))
            elif "link" in span and span["link"].get("kind") == "external":
                # No browser to open from the game: show where it points.
                span = {
                    **span,
                    "text": f"{span.get('text', '')} ({span['link']['href']})",
                }
            for token in _TOKENS.findall(span.get("text", "")):
                if token == "\n":
                    self.end_line(line)
                    line, x = [], left
                    continue
                if token.isspace():
                    if line:
                        x = self.append(line, x, " ", style, font, link_index)
                    continue
                width = font.size(token)[0]
                if x + width > right and line:
                    self.end_line(line)
                    line, x = [], left
                while width > right - left and len(token) > 1:
                    # A word wider than the column is broken between characters.
                    cut = len(token) - 1
                    while cut > 1 and font.size(token[:cut] + "-")[0] > right - left:
                        cut -= 1
                    self.append(line, x, token[:cut] + "-", style, font, link_index)
                    self.end_line(line)
                    line, x = [], left
                    token = token[cut:]
                    width = font.size(token)[0]
                x = self.append(line, x, token, style, font, link_index)
        self.end_line(line)

    def append(self, line, x, text, style, font, link_index) -> int:
        last = line[-1] if line else None
        if last is not None and last.style == style and last.link == link_index:
            last.text += text
            last.width = font.size(last.text)[0]
            return last.x + last.width
        width = font.size(text)[0]
        line.append(Fragment(x, 0, text, style, link_index, width, 0))
        return x + width

    def end_line(self, line: list[Fragment]) -> None:
        if not line:
            self.y += self.fonts.font(Style(size=self.body_size)).get_linesize()
            return
        # Trailing spaces would widen link rectangles past their words.
        for fragment in line:
            stripped = fragment.text.rstrip()
            if stripped != fragment.text and fragment is line[-1]:
                fragment.text = stripped
                fragment.width = self.fonts.font(fragment.style).size(stripped)[0]
        ascent = max(self.fonts.font(f.style).get_ascent() for f in line)
        height = max(self.fonts.font(f.style).get_linesize() for f in line)
        for fragment in line:
            font = self.fonts.font(fragment.style)
            fragment.y = self.y + ascent - font.get_ascent()
            fragment.height = font.get_height()
            self.document.fragments.append(fragment)
            if fragment.link is not None:
                self.document.links[fragment.link].rects.append(fragment.rect)
        self.y += height

    def place(self, x: int, y: int, text: str, style: Style) -> None:
        font = self.fonts.font(style)
        width, height = font.size(text)
        self.document.fragments.append(Fragment(x, y, text, style, None, width, height))


def draw_document(
    surface: pygame.Surface,
    document: Document,
    fonts: RichFonts,
    view: pygame.Rect,
    offset: int,
    focused_link: int | None = None,
) -> None:
    """Draw the part of ``document`` that shows in ``view`` at scroll ``offset``."""
    clip = surface.get_clip()
    surface.set_clip(view)
    top, bottom = offset, offset + view.height
    for panel in document.panels:
        if panel.bottom >= top and panel.top <= bottom:
            rect = panel.move(view.left, view.top - offset)
            pygame.draw.rect(
                surface, theme.VIRTUOUS_TINT, rect, border_radius=theme.RADIUS
            )
            pygame.draw.rect(
                surface, theme.VIRTUOUS, rect, 1, border_radius=theme.RADIUS
            )
    for bar in document.bars:
        if bar.bottom >= top and bar.top <= bottom:
            pygame.draw.rect(
                surface, theme.BORDER, bar.move(view.left, view.top - offset)
            )
    if focused_link is not None and 0 <= focused_link < len(document.links):
        for rect in document.links[focused_link].rects:
            pygame.draw.rect(
                surface,
                theme.SELECTED_TINT,
                rect.inflate(6, 4).move(view.left, view.top - offset),
                border_radius=4,
            )
    for fragment in document.fragments:
        if fragment.y + fragment.height < top or fragment.y > bottom:
            continue
        rendered = fonts.render(fragment.text, fragment.style)
        surface.blit(rendered, (view.left + fragment.x, view.top + fragment.y - offset))
    surface.set_clip(clip)


class ScrollView:
    """A vertical window onto content taller than ``rect``.

    Keys: Up and Down move by a line, Page Up and Page Down by a screen,
    Home and End to either end. The wheel moves three lines; dragging the
    content (mouse or touch) moves it with the pointer.
    """

    def __init__(self, rect: pygame.Rect, line: int = 24):
        self.rect = pygame.Rect(rect)
        self.line = line
        self.offset = 0
        self.content_height = 0
        self.press: tuple[int, int] | None = None
        self.press_offset = 0
        self.dragging = False

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def set_content(self, height: int) -> None:
        self.content_height = height
        self.offset = min(self.offset, self.max_offset)

    def scroll_to(self, offset: int) -> bool:
        new = max(0, min(self.max_offset, int(offset)))
        changed = new != self.offset
        self.offset = new
        return changed

    def show(self, top: int, bottom: int, margin: int = 8) -> None:
        """Scroll the least amount that shows content from ``top`` to ``bottom``."""
        if top - margin < self.offset:
            self.scroll_to(top - margin)
        elif bottom + margin > self.offset + self.rect.height:
            self.scroll_to(min(top - margin, bottom + margin - self.rect.height))

    def handle_key(self, key: int) -> bool:
        page = max(self.line, self.rect.height - 2 * self.line)
        moves = {
            pygame.K_UP: -self.line,
            pygame.K_DOWN: self.line,
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
        }
        if key in moves:
            self.scroll_to(self.offset + moves[key])
            return True
        if key == pygame.K_HOME:
            self.scroll_to(0)
            return True
        if key == pygame.K_END:
            self.scroll_to(self.max_offset)
            return True
        return False

    def handle_wheel(self, event, pointer) -> bool:
        if not self.rect.collidepoint(pointer):
            return False
        self.scroll_to(self.offset - event.y * 3 * self.line)
        return True

    def press_at(self, position) -> None:
        self.press = tuple(position)
        self.press_offset = self.offset
        self.dragging = False

    def drag_to(self, position) -> bool:
        """Follow the pointer while pressed; return whether it is a drag."""
        if self.press is None:
            return False
        travel = position[1] - self.press[1]
        if not self.dragging and abs(travel) >= DRAG_THRESHOLD:
            self.dragging = True
        if self.dragging:
            self.scroll_to(self.press_offset - travel)
        return self.dragging

    def release(self) -> bool:
        """End a press; return whether it was a drag."""
        dragged = self.dragging
        self.press = None
        self.dragging = False
        return dragged

    def draw_bar(self, surface: pygame.Surface) -> None:
        if self.max_offset <= 0:
            return
        track = pygame.Rect(self.rect.right + 6, self.rect.top, 6, self.rect.height)
        pygame.draw.rect(surface, theme.PANEL_ALT, track, border_radius=3)
        share = self.rect.height / self.content_height
        height = max(24, round(track.height * share))
        top = track.top + round((track.height - height) * self.offset / self.max_offset)
        pygame.draw.rect(
            surface, theme.TEXT_MUTED, (track.left, top, 6, height), border_radius=3
        )


def handle_pointer(view: ScrollView, ui, event) -> tuple[bool, bool]:
    """Scroll ``view`` by wheel or drag; activate a widget on a click without drag.

    A press inside the view waits for the release, so that dragging a list
    or a text with a finger never activates the link or row under it.

    Returns:
        Whether the event was used, and whether the view scrolled.
    """
    if event.type == pygame.MOUSEWHEEL:
        before = view.offset
        used = view.handle_wheel(event, ui.pointer)
        return used, view.offset != before
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        if view.rect.collidepoint(event.pos):
            view.press_at(event.pos)
            return True, False
    if event.type == pygame.MOUSEMOTION and view.press is not None:
        before = view.offset
        if view.drag_to(event.pos):
            ui.pointer = event.pos
            ui.hover_index = None
            return True, view.offset != before
    if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
        if view.press is not None:
            if not view.release():
                index = ui.widget_at(event.pos)
                if index is not None:
                    ui.keyboard_used = False
                    ui.focus(index)
                    ui.widgets[index].activate()
            return True, False
    return False, False
