"""Layout pieces several scenes share: the header bar and button columns."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.widgets import Widget, draw_panel

HEADER_HEIGHT = 64


def draw_header(
    surface: pygame.Surface, typesetter, title: str, subtitle: str = ""
) -> None:
    """Draw the dark header bar with a title and an optional right-hand text."""
    pygame.draw.rect(surface, theme.HEADER, (0, 0, theme.SCREEN_SIZE[0], HEADER_HEIGHT))
    width = theme.SCREEN_SIZE[0] - 2 * theme.MARGIN
    title_rect = pygame.Rect(theme.MARGIN, 8, width * 0.62, HEADER_HEIGHT - 16)
    typesetter.box(
        surface, title_rect, title, "heading", theme.TEXT_ON_DARK, valign="middle"
    )
    if subtitle:
        right = pygame.Rect(
            theme.MARGIN + width * 0.64, 8, width * 0.36, HEADER_HEIGHT - 16
        )
        typesetter.box(
            surface,
            right,
            subtitle,
            "body",
            theme.TEXT_ON_DARK,
            align="right",
            valign="middle",
        )


def button_row(
    specs: list[tuple[str, object, str, str]],
    right: int,
    bottom: int,
    width: int = 220,
    gap: int = theme.GAP,
) -> list[Widget]:
    """Return buttons laid out right to left, ending at ``right``.

    Args:
        specs: ``(key, label, variant, callback)`` per button, left to right.
    """
    widgets = []
    x = right - len(specs) * width - (len(specs) - 1) * gap
    for key, label, variant, callback in specs:
        rect = (x, bottom - theme.BUTTON_HEIGHT, width, theme.BUTTON_HEIGHT)
        widgets.append(Widget(rect, label, callback, variant=variant, key=key))
        x += width + gap
    return widgets


def draw_card(
    surface, rect, typesetter, heading: str, body: str, fill=theme.PANEL
) -> None:
    """Draw a panel with a bold heading and wrapped body text."""
    rect = pygame.Rect(rect)
    draw_panel(surface, rect, fill=fill)
    inner = rect.inflate(-2 * theme.GAP, -2 * theme.GAP)
    heading_height = typesetter.line_height("bold") * 2
    used = typesetter.box(
        surface,
        pygame.Rect(inner.left, inner.top, inner.width, heading_height),
        heading,
        "bold",
    )
    body_rect = pygame.Rect(
        inner.left, inner.top + used + 6, inner.width, inner.height - used - 6
    )
    typesetter.box(surface, body_rect, body, "body", theme.TEXT)
