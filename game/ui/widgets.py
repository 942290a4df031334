"""Focusable widgets, keyboard and pointer navigation, and drawing helpers.

Keyboard: Tab and Shift+Tab move through the widgets in order, the arrow
keys move to the nearest widget in that direction, Enter or Space activates.
Pointer: moving over a widget shows its details, a left click (or a tap,
which SDL turns into a click) activates it. Touch events themselves are
ignored because SDL already synthesises mouse events from them, and handling
both would activate twice.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui import theme

TextSource = str | Callable[[], str]


def _resolve(text: TextSource) -> str:
    return text() if callable(text) else text


class Widget:
    """A rectangle that can take focus and be activated.

    Args:
        rect: Position in logical screen pixels.
        label: Text or a function returning it (re-read on every draw, so a
            language switch shows at once).
        on_activate: Called on Enter, Space or click; ``None`` for widgets
            that only show details on focus.
        enabled: Disabled widgets still take focus, so their explanation is
            reachable by keyboard, but do not activate.
        state: Optional function returning a state word for announcements
            ("selected", "locked").
        role: Announced kind of element, a UI string id.
        variant: ``primary``, ``secondary`` or ``quiet``; chooses the look.
    """

    def __init__(
        self,
        rect,
        label: TextSource,
        on_activate: Callable[[], None] | None,
        enabled: bool = True,
        state: Callable[[], str] | None = None,
        role: str = "role_button",
        variant: str = "secondary",
        key: str = "",
    ):
        self.rect = pygame.Rect(rect)
        self._label = label
        self.on_activate = on_activate
        self.enabled = enabled
        self.state = state
        self.role = role
        self.variant = variant
        #: Stable name for tests and the input pilot, such as ``action:schulung``.
        self.key = key
        #: False for rows scrolled out of view: not drawn, not hit by the pointer,
        #: but still reachable by keyboard (the scene scrolls them into view).
        self.visible = True

    @property
    def label(self) -> str:
        return _resolve(self._label)

    def announcement(self, strings) -> str:
        parts = [self.label, strings(self.role)]
        if not self.enabled:
            parts.append(strings("state_unavailable"))
        if self.state is not None:
            state = self.state()
            if state:
                parts.append(state)
        return ", ".join(parts)

    def hit(self, position) -> bool:
        """Return whether the pointer at ``position`` is on the widget."""
        return self.rect.collidepoint(position)

    def activate(self) -> bool:
        if not self.enabled or self.on_activate is None:
            return False
        self.on_activate()
        return True

    def draw(
        self, surface: pygame.Surface, typesetter, focused: bool, hovered: bool
    ) -> None:
        draw_button(
            surface,
            typesetter,
            self.rect,
            self.label,
            self.variant,
            self.enabled,
            hovered,
        )


class FocusGroup:
    """The widgets of one scene with focus, hover and navigation."""

    def __init__(self, announce: Callable[[str], None], strings):
        self.widgets: list[Widget] = []
        self.focus_index: int | None = None
        self.hover_index: int | None = None
        self._announce = announce
        self._strings = strings
        #: True once the keyboard moved the focus, so the ring is shown.
        self.keyboard_used = False
        #: Last pointer position seen in a motion event.
        self.pointer = (-1, -1)
        #: False while a pop-up covers the scene; its focus ring is then hidden.
        self.active = True

    def set_widgets(self, widgets: list[Widget], keep_key: str | None = None) -> None:
        """Replace the widgets, keeping the focus on the same key if possible."""
        previous = keep_key if keep_key is not None else self.focused_key()
        self.widgets = widgets
        self.focus_index = None
        self.hover_index = None
        if previous:
            for index, widget in enumerate(widgets):
                if widget.key == previous:
                    self.focus_index = index

    @property
    def focused(self) -> Widget | None:
        if self.focus_index is None or self.focus_index >= len(self.widgets):
            return None
        return self.widgets[self.focus_index]

    @property
    def hovered(self) -> Widget | None:
        if self.hover_index is None or self.hover_index >= len(self.widgets):
            return None
        return self.widgets[self.hover_index]

    def focused_key(self) -> str | None:
        widget = self.focused
        return widget.key if widget else None

    def focus(self, index: int | None, announce: bool = True) -> None:
        self.focus_index = index
        widget = self.focused
        if widget is not None and announce:
            self._announce(widget.announcement(self._strings))

    def focus_key(self, key: str, announce: bool = True) -> bool:
        for index, widget in enumerate(self.widgets):
            if widget.key == key:
                self.focus(index, announce)
                return True
        return False

    def widget_at(self, position) -> int | None:
        for index, widget in enumerate(self.widgets):
            if widget.visible and widget.hit(position):
                return index
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        """Process navigation and activation; return whether it was used."""
        if event.type == pygame.KEYDOWN:
            return self._handle_key(event)
        if event.type == pygame.MOUSEMOTION:
            self.pointer = event.pos
            self.hover_index = self.widget_at(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self.widget_at(event.pos)
            if index is None:
                return False
            self.keyboard_used = False
            self.focus(index)
            self.widgets[index].activate()
            return True
        return False

    def _handle_key(self, event) -> bool:
        if not self.widgets:
            return False
        if event.key == pygame.K_TAB:
            self.keyboard_used = True
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            if self.focus_index is None:
                self.focus(0 if step > 0 else len(self.widgets) - 1)
            else:
                self.focus((self.focus_index + step) % len(self.widgets))
            return True
        directions = {
            pygame.K_LEFT: (-1, 0),
            pygame.K_RIGHT: (1, 0),
            pygame.K_UP: (0, -1),
            pygame.K_DOWN: (0, 1),
        }
        if event.key in directions:
            self.keyboard_used = True
            if self.focus_index is None:
                self.focus(0)
            else:
                target = self._nearest(*directions[event.key])
                if target is not None:
                    self.focus(target)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            widget = self.focused
            if widget is None:
                return False
            self.keyboard_used = True
            if not widget.activate():
                self._announce(widget.announcement(self._strings))
            return True
        return False

    def _nearest(self, dx: int, dy: int) -> int | None:
        origin = self.widgets[self.focus_index].rect
        best, best_cost = None, math.inf
        for index, widget in enumerate(self.widgets):
            if index == self.focus_index:
                continue
            rect = widget.rect
            along = (rect.centerx - origin.centerx) * dx + (
                rect.centery - origin.centery
            ) * dy
            if along <= 0:
                continue
            across = abs((rect.centerx - origin.centerx) * dy) + abs(
                (rect.centery - origin.centery) * dx
            )
            cost = along + 2 * across
            if cost < best_cost:
                best, best_cost = index, cost
        return best

    def draw(self, surface: pygame.Surface, typesetter) -> None:
        for index, widget in enumerate(self.widgets):
            if widget.visible:
                widget.draw(
                    surface,
                    typesetter,
                    index == self.focus_index,
                    index == self.hover_index,
                )
        widget = self.focused
        if widget is not None and widget.visible and self.active:
            draw_focus(surface, widget.rect)


def place_rows(
    rows: list[Widget], area: pygame.Rect, row_height: int, scroll: int, gap: int = 6
) -> int:
    """Lay rows out in a scrolled list and return how many fit in ``area``.

    Rows outside the view keep virtual places above or below it, so the arrow
    keys still move to the neighbouring row, and are marked invisible.
    """
    fits = max(1, (area.height + gap) // (row_height + gap))
    for index, row in enumerate(rows):
        position = index - scroll
        row.rect = pygame.Rect(
            area.left, area.top + position * (row_height + gap), area.width, row_height
        )
        row.visible = 0 <= position < fits
    return fits


def scroll_for(index: int, scroll: int, fits: int) -> int:
    """Return the scroll offset that shows row ``index``."""
    if index < scroll:
        return index
    if index >= scroll + fits:
        return index - fits + 1
    return scroll


def draw_panel(
    surface, rect, fill=theme.PANEL, border=theme.BORDER, radius=theme.RADIUS, width=1
) -> None:
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width, border_radius=radius)


def draw_dashed_rect(surface, colour, rect, dash=6, width=1) -> None:
    rect = pygame.Rect(rect)
    for x in range(rect.left, rect.right, dash * 2):
        end = min(x + dash, rect.right)
        pygame.draw.line(surface, colour, (x, rect.top), (end, rect.top), width)
        pygame.draw.line(
            surface, colour, (x, rect.bottom - 1), (end, rect.bottom - 1), width
        )
    for y in range(rect.top, rect.bottom, dash * 2):
        end = min(y + dash, rect.bottom)
        pygame.draw.line(surface, colour, (rect.left, y), (rect.left, end), width)
        pygame.draw.line(
            surface, colour, (rect.right - 1, y), (rect.right - 1, end), width
        )


def draw_button(
    surface, typesetter, rect, label: str, variant: str, enabled: bool, hovered: bool
) -> None:
    """Draw a button; disabled buttons get a dashed border, not only grey text."""
    rect = pygame.Rect(rect)
    key = ("button", rect.size, label, variant, enabled, hovered)
    picture = typesetter.picture(
        key,
        rect.size,
        lambda target: _paint_button(
            target, typesetter, target.get_rect(), label, variant, enabled, hovered
        ),
    )
    surface.blit(picture, rect)


def _paint_button(surface, typesetter, rect, label, variant, enabled, hovered) -> None:
    if not enabled:
        pygame.draw.rect(surface, theme.PANEL_ALT, rect, border_radius=theme.RADIUS)
        draw_dashed_rect(surface, theme.TEXT_MUTED, rect)
        colour = theme.TEXT_MUTED
    elif variant == "primary":
        fill = theme.HEADER if hovered else theme.ACCENT
        pygame.draw.rect(surface, fill, rect, border_radius=theme.RADIUS)
        colour = theme.TEXT_ON_DARK
    else:
        fill = theme.SELECTED_TINT if hovered else theme.PANEL
        draw_panel(surface, rect, fill=fill, border=theme.TEXT_MUTED)
        colour = theme.TEXT
    inner = rect.inflate(-16, -6)
    typesetter.box(
        surface, inner, label, "bold", colour, align="center", valign="middle"
    )


def draw_focus(surface, rect) -> None:
    """Draw the focus ring: a thick outline plus a marker, visible on any fill."""
    ring = pygame.Rect(rect).inflate(8, 8)
    pygame.draw.rect(
        surface, theme.PANEL, ring.inflate(4, 4), 2, border_radius=theme.RADIUS + 4
    )
    pygame.draw.rect(
        surface, theme.FOCUS, ring, theme.FOCUS_WIDTH, border_radius=theme.RADIUS + 2
    )
    x, y = ring.left - 2, ring.centery
    pygame.draw.polygon(
        surface, theme.FOCUS, [(x - 9, y - 7), (x - 9, y + 7), (x - 1, y)]
    )


def draw_hatch(surface, rect, colour, spacing=10, width=1) -> None:
    """Fill ``rect`` with diagonal lines: the pattern that marks a spinning cycle."""
    rect = pygame.Rect(rect)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for offset in range(-rect.height, rect.width, spacing):
        start = (rect.left + offset, rect.bottom)
        end = (rect.left + offset + rect.height, rect.top)
        pygame.draw.line(surface, colour, start, end, width)
    surface.set_clip(clip)


def draw_marker(surface, shape: str, centre, size: int, colour) -> None:
    """Draw a chart marker; series differ by shape as well as colour."""
    x, y = centre
    if shape == "circle":
        pygame.draw.circle(surface, colour, centre, size)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - size, y - size, 2 * size, 2 * size))
    elif shape == "triangle":
        pygame.draw.polygon(
            surface,
            colour,
            [(x, y - size - 1), (x - size - 1, y + size), (x + size + 1, y + size)],
        )
    elif shape == "diamond":
        pygame.draw.polygon(
            surface,
            colour,
            [
                (x, y - size - 1),
                (x + size + 1, y),
                (x, y + size + 1),
                (x - size - 1, y),
            ],
        )
    elif shape == "cross":
        pygame.draw.line(surface, colour, (x - size, y - size), (x + size, y + size), 3)
        pygame.draw.line(surface, colour, (x - size, y + size), (x + size, y - size), 3)
    else:
        pygame.draw.line(surface, colour, (x - size, y), (x + size, y), 3)
        pygame.draw.line(surface, colour, (x, y - size), (x, y + size), 3)


def draw_dashed_line(surface, colour, start, end, width=2, dash=8) -> None:
    x1, y1 = start
    x2, y2 = end
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    steps = int(length // dash)
    for i in range(0, steps, 2):
        a = i / steps
        b = min(1.0, (i + 1) / steps)
        pygame.draw.line(
            surface,
            colour,
            (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
            (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
            width,
        )
