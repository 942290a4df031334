"""Text layout: wrapping into boxes, caching rendered lines, overflow checks.

Every text drawn through :meth:`Typesetter.box` wraps inside its rectangle.
If it does not fit at the requested size, the typesetter tries smaller sizes
down to :data:`MIN_SHRINK` of it. If it still does not fit, the typesetter
cuts the text with an ellipsis and records the box in
:attr:`Typesetter.overflows`, which tests require to stay empty.
"""

from __future__ import annotations

import logging

import pygame

from game.ui import theme

log = logging.getLogger(__name__)

#: Smallest share of the requested size that a box may shrink its text to.
MIN_SHRINK = 0.75
#: Rendered line surfaces kept; the cache is emptied when it grows past this.
SURFACE_CACHE_SIZE = 3000
ELLIPSIS = "…"


class Typesetter:
    """Fonts, wrapping and a cache of rendered text surfaces.

    Args:
        scale: Text size factor from the settings.
    """

    def __init__(self, scale: float = 1.0):
        self.scale = scale
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._surfaces: dict[tuple, pygame.Surface] = {}
        self._wraps: dict[tuple, list[str]] = {}
        self._fits: dict[tuple, tuple[int, bool]] = {}
        self._pictures: dict[tuple, pygame.Surface] = {}
        #: Boxes whose text did not fit: (text start, rectangle).
        self.overflows: list[tuple[str, pygame.Rect]] = []

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._surfaces.clear()
        self._wraps.clear()
        self._fits.clear()
        self._pictures.clear()

    def size_of(self, role: str, factor: float = 1.0) -> int:
        return max(8, round(theme.FONT_ROLES[role][1] * self.scale * factor))

    def font(self, role: str, size: int | None = None) -> pygame.font.Font:
        file_name = theme.FONT_ROLES[role][0]
        size = size or self.size_of(role)
        key = (file_name, size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(theme.FONT_DIR / file_name, size)
            self._fonts[key] = font
        return font

    def render(
        self, text: str, role: str, colour, size: int | None = None
    ) -> pygame.Surface:
        """Return one line of text as a cached surface."""
        size = size or self.size_of(role)
        key = (text, role, size, tuple(colour))
        surface = self._surfaces.get(key)
        if surface is None:
            if len(self._surfaces) > SURFACE_CACHE_SIZE:
                self._surfaces.clear()
            surface = self.font(role, size).render(text, True, colour)
            self._surfaces[key] = surface
        return surface

    def picture(self, key: tuple, size: tuple[int, int], paint) -> pygame.Surface:
        """Return a cached transparent surface that ``paint(surface)`` drew once.

        Widgets use this to draw themselves once per state instead of every
        frame; ``key`` must contain everything the picture depends on.
        """
        surface = self._pictures.get(key)
        if surface is None:
            if len(self._pictures) > SURFACE_CACHE_SIZE:
                self._pictures.clear()
            surface = pygame.Surface(size, pygame.SRCALPHA)
            overflow_count = len(self.overflows)
            paint(surface)
            if len(self.overflows) > overflow_count:
                # Keep the overflow visible to checks that redraw later.
                self._pictures.pop(key, None)
                return surface
            self._pictures[key] = surface
        return surface

    def line_height(self, role: str, size: int | None = None) -> int:
        return self.font(role, size).get_linesize()

    def wrap(
        self, text: str, role: str, width: int, size: int | None = None
    ) -> list[str]:
        """Split ``text`` into lines no wider than ``width`` pixels.

        Paragraph breaks (``\\n``) are kept; a word wider than the box is
        broken between characters.
        """
        size = size or self.size_of(role)
        key = (text, role, size, width)
        cached = self._wraps.get(key)
        if cached is not None:
            return cached
        font = self.font(role, size)
        lines: list[str] = []
        if role == "mono":
            # Code snippets keep their spaces, so the caret stays under its column.
            per_line = max(1, width // font.size("M")[0])
            for paragraph in text.split("\n"):
                lines += [paragraph[i:i + per_line]
                          for i in range(0, max(1, len(paragraph)), per_line)]
            self._wraps[key] = lines
            return lines
        for paragraph in text.split("\n"):
            words = paragraph.split()
            if not words:
                lines.append("")
                continue
            current = ""
            for word in words:
                candidate = f"{current} {word}" if current else word
                if font.size(candidate)[0] <= width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                current = word
                while font.size(current)[0] > width and len(current) > 1:
                    cut = len(current) - 1
                    while cut > 1 and font.size(current[:cut] + "-")[0] > width:
                        cut -= 1
                    lines.append(current[:cut] + "-")
                    current = current[cut:]
            lines.append(current)
        if len(self._wraps) > SURFACE_CACHE_SIZE:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines

    def measure(self, text: str, role: str, width: int, size: int | None = None) -> int:
        """Return the height ``text`` needs when wrapped to ``width``."""
        lines = self.wrap(text, role, width, size)
        return len(lines) * self.line_height(role, size)

    def fit_size(
        self, text: str, role: str, rect: pygame.Rect, min_shrink: float = MIN_SHRINK
    ) -> tuple[int, bool]:
        """Return the largest allowed size at which ``text`` fits, and whether it fits.

        A size that fits without breaking a word wins over a larger one that
        needs a break inside a word. Results are cached, because boxes are
        drawn every frame.
        """
        key = (text, role, rect.width, rect.height, min_shrink, self.scale)
        cached = self._fits.get(key)
        if cached is None:
            if len(self._fits) > SURFACE_CACHE_SIZE:
                self._fits.clear()
            cached = self._fits[key] = self._find_fit(text, role, rect, min_shrink)
        return cached

    def _find_fit(
        self, text: str, role: str, rect: pygame.Rect, min_shrink: float
    ) -> tuple[int, bool]:
        largest = self.size_of(role)
        smallest = self.size_of(role, min_shrink)
        fallback = None
        for size in range(largest, smallest - 1, -1):
            if self.measure(text, role, rect.width, size) > rect.height:
                continue
            if not self._breaks_words(text, role, rect.width, size):
                return size, True
            if fallback is None:
                fallback = size
        if fallback is not None:
            return fallback, True
        return smallest, False

    def _breaks_words(self, text: str, role: str, width: int, size: int) -> bool:
        font = self.font(role, size)
        return any(font.size(word)[0] > width for word in text.split())

    def box(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        text: str,
        role: str,
        colour=theme.TEXT,
        align: str = "left",
        valign: str = "top",
        min_shrink: float = MIN_SHRINK,
    ) -> int:
        """Draw ``text`` wrapped inside ``rect``; return the height used.

        Args:
            align: ``left``, ``center`` or ``right``.
            valign: ``top``, ``middle`` or ``bottom``.
            min_shrink: Smallest share of the role's size to try before cutting.
        """
        rect = pygame.Rect(rect)
        size, fits = self.fit_size(text, role, rect, min_shrink)
        lines = self.wrap(text, role, rect.width, size)
        height = self.line_height(role, size)
        if not fits:
            self.overflows.append((text[:60], rect.copy()))
            log.debug("Text does not fit %s: %r", rect, text[:60])
            keep = max(1, rect.height // height)
            lines = lines[:keep]
            lines[-1] = self._ellipsize(lines[-1], role, size, rect.width)
        used = len(lines) * height
        y = rect.top
        if valign == "middle":
            y = rect.top + (rect.height - used) // 2
        elif valign == "bottom":
            y = rect.bottom - used
        for line in lines:
            rendered = self.render(line, role, colour, size)
            if align == "center":
                x = rect.left + (rect.width - rendered.get_width()) // 2
            elif align == "right":
                x = rect.right - rendered.get_width()
            else:
                x = rect.left
            surface.blit(rendered, (x, y))
            y += height
        return used

    def _ellipsize(self, line: str, role: str, size: int, width: int) -> str:
        font = self.font(role, size)
        while line and font.size(line + ELLIPSIS)[0] > width:
            line = line[:-1]
        return line + ELLIPSIS
