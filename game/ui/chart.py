"""Line charts of values over rounds; series differ by colour, marker and dash."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import theme
from game.ui.widgets import draw_dashed_line, draw_marker, draw_panel


@dataclass
class Series:
    label: str
    values: list[float]
    colour: tuple[int, int, int]
    marker: str
    dashed: bool = False


def draw_line_chart(
    surface,
    rect,
    series: list[Series],
    rounds: int,
    typesetter,
    strings,
    low: float = 0.0,
    high: float = 100.0,
    legend_rows: int | None = None,
) -> None:
    """Draw axes, one line per series (round 0 to ``rounds``) and a legend below."""
    rect = pygame.Rect(rect)
    draw_panel(surface, rect)
    ts = typesetter
    legend_line = ts.line_height("label") + 4
    rows = legend_rows if legend_rows is not None else len(series)
    plot = pygame.Rect(
        rect.left + 44,
        rect.top + 12,
        rect.width - 60,
        rect.height - 44 - rows * legend_line,
    )
    span = (high - low) or 1.0

    def point(round_index: int, value: float) -> tuple[float, float]:
        x = plot.left + plot.width * round_index / max(1, rounds)
        y = plot.bottom - plot.height * (value - low) / span
        return x, y

    # Axes with a few grid lines and labels.
    for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = plot.bottom - plot.height * fraction
        pygame.draw.line(surface, theme.PANEL_ALT, (plot.left, y), (plot.right, y))
        label = ts.render(
            strings.number(low + span * fraction), "label", theme.TEXT_MUTED
        )
        surface.blit(label, label.get_rect(midright=(plot.left - 6, y)))
    pygame.draw.line(surface, theme.TEXT_MUTED, plot.bottomleft, plot.bottomright)
    pygame.draw.line(surface, theme.TEXT_MUTED, plot.bottomleft, plot.topleft)
    step = 1 if rounds <= 12 else 2
    for round_index in range(0, rounds + 1, step):
        x, _ = point(round_index, low)
        label = ts.render(str(round_index), "label", theme.TEXT_MUTED)
        surface.blit(label, label.get_rect(midtop=(x, plot.bottom + 2)))

    for item in series:
        points = [point(i, v) for i, v in enumerate(item.values)]
        for start, end in zip(points, points[1:], strict=False):
            if item.dashed:
                draw_dashed_line(surface, item.colour, start, end, 2, dash=6)
            else:
                pygame.draw.line(surface, item.colour, start, end, 3)
        for centre in points:
            draw_marker(
                surface,
                item.marker,
                (round(centre[0]), round(centre[1])),
                4,
                item.colour,
            )

    # Legend: marker, line style and name for each series.
    y = plot.bottom + ts.line_height("label") + 6
    for item in series:
        if item.dashed:
            draw_dashed_line(
                surface,
                item.colour,
                (plot.left, y + legend_line // 2),
                (plot.left + 30, y + legend_line // 2),
                2,
                dash=5,
            )
        else:
            pygame.draw.line(
                surface,
                item.colour,
                (plot.left, y + legend_line // 2),
                (plot.left + 30, y + legend_line // 2),
                3,
            )
        draw_marker(
            surface, item.marker, (plot.left + 15, y + legend_line // 2), 4, item.colour
        )
        ts.box(
            surface,
            pygame.Rect(plot.left + 40, y, plot.width - 40, legend_line),
            item.label,
            "label",
        )
        y += legend_line


def weighted_index(history: list[list[float]], scenario) -> list[float]:
    """Return the score's weighted sum of values for each round (bonuses left out)."""
    index = {v.id: i for i, v in enumerate(scenario.variables)}
    weights = scenario.goals.score_weights
    return [
        sum(weight * row[index[vid]] for vid, weight in weights.items())
        for row in history
    ]
