"""The causal-loop map: the six barrier cycles with live values.

Each cycle gets a cell with its variables on a ring, arrows in causal order
and a polarity badge on each arrow (``+`` solid line, ``−`` dashed line). A
cycle's state shows three ways at once: a tint, a pattern and a word with a
symbol. A spinning vicious cycle is hatched and labelled "⟳ dreht sich", and
unless reduced motion is on, a marker runs around its ring. A broken cycle is
solid green and labelled "✓ durchbrochen" with the round.

Everything but the running markers and the focus ring is drawn once into a
cached layer, rebuilt only when the round, the language, the text size or the
revealed cycles change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.sim.engine import loop_status
from game.sim.model import Loop, Scenario, text_in
from game.ui import theme
from game.ui.session import GameSession
from game.ui.widgets import draw_dashed_line, draw_hatch, draw_panel

NODE_WIDTH = 112
NODE_HEIGHT = 60
#: Seconds per lap of the marker on a spinning ring.
LAP_SECONDS = 6.0
COLUMNS = 3
#: Node names may shrink further than other text: the full name is also in the
#: detail panel and in the announcement of the focused node.
NODE_LABEL_SHRINK = 0.6


@dataclass
class NodePlace:
    variable_id: str
    loop_id: str
    rect: pygame.Rect


@dataclass
class CellPlace:
    loop: Loop
    rect: pygame.Rect
    centre: tuple[int, int]
    radii: tuple[int, int]
    nodes: list[NodePlace]


def _ring_offsets(count: int, rx: int, ry: int) -> list[tuple[float, float]]:
    """Return node offsets from the cell centre, clockwise from the top left.

    Three and four nodes sit on a triangle and a square, which leaves room for
    the arrows; other counts go on an ellipse.
    """
    if count == 3:
        return [(0, -ry), (rx, ry), (-rx, ry)]
    if count == 4:
        return [(-rx, -ry), (rx, -ry), (rx, ry), (-rx, ry)]
    angles = [-math.pi / 2 + index * math.tau / count for index in range(count)]
    return [(rx * math.cos(a), ry * math.sin(a)) for a in angles]


def layout_cells(
    scenario: Scenario,
    area: pygame.Rect,
    header_height: int,
    node_height: int = NODE_HEIGHT,
) -> list[CellPlace]:
    """Place one cell per loop in a grid of three columns."""
    rows = max(1, math.ceil(len(scenario.loops) / COLUMNS))
    gap = 8
    width = (area.width - (COLUMNS - 1) * gap) // COLUMNS
    height = (area.height - (rows - 1) * gap) // rows
    cells = []
    for index, loop in enumerate(scenario.loops):
        column, row = index % COLUMNS, index // COLUMNS
        rect = pygame.Rect(
            area.left + column * (width + gap),
            area.top + row * (height + gap),
            width,
            height,
        )
        ring_top = rect.top + header_height
        ring_height = rect.bottom - ring_top
        centre = (rect.centerx, ring_top + ring_height // 2)
        radii = (
            min(74, (width - NODE_WIDTH) // 2 - 6),
            max(node_height // 2 + 8, min(62, (ring_height - node_height) // 2 - 4)),
        )
        nodes = []
        for variable_id, (dx, dy) in zip(
            loop.variables, _ring_offsets(len(loop.variables), *radii), strict=True
        ):
            node = pygame.Rect(0, 0, NODE_WIDTH, node_height)
            node.center = (round(centre[0] + dx), round(centre[1] + dy))
            nodes.append(NodePlace(variable_id, loop.id, node))
        cells.append(CellPlace(loop, rect, centre, radii, nodes))
    return cells


def arrow_segments(
    cell: CellPlace,
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Return the start and end point of each arrow of the ring, in causal order."""
    segments = []
    count = len(cell.nodes)
    for position, node in enumerate(cell.nodes):
        target = cell.nodes[(position + 1) % count]
        segments.append(
            (
                _edge_point(node.rect, target.rect.center),
                _edge_point(target.rect, node.rect.center),
            )
        )
    return segments


def _edge_point(rect: pygame.Rect, towards: tuple[float, float]) -> tuple[float, float]:
    """Return where the line from the rectangle's centre to ``towards`` leaves it."""
    cx, cy = rect.center
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale_x = (rect.width / 2 + 4) / abs(dx) if dx else math.inf
    scale_y = (rect.height / 2 + 4) / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y)
    return cx + dx * scale, cy + dy * scale


def draw_arrow(surface, start, end, colour, dashed: bool) -> None:
    if dashed:
        draw_dashed_line(surface, colour, start, end, 2)
    else:
        pygame.draw.line(surface, colour, start, end, 2)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    size = 10
    left = (
        end[0] - size * math.cos(angle - 0.45),
        end[1] - size * math.sin(angle - 0.45),
    )
    right = (
        end[0] - size * math.cos(angle + 0.45),
        end[1] - size * math.sin(angle + 0.45),
    )
    pygame.draw.polygon(surface, colour, [end, left, right])


class LoopMap:
    """Draws the map of a session into a cached layer plus per-frame markers.

    Args:
        area: Screen rectangle of the map.
    """

    def __init__(self, area: pygame.Rect):
        self.area = pygame.Rect(area)
        self.cells: list[CellPlace] = []
        self._layer: pygame.Surface | None = None
        self._layer_key = None

    def node_places(self) -> list[NodePlace]:
        return [node for cell in self.cells for node in cell.nodes]

    def layout(self, scenario: Scenario, typesetter) -> None:
        line = typesetter.line_height("label")
        header = line * 2 + typesetter.line_height("small") + 10
        # Two lines of name and one line of value, so nodes grow with the text size.
        self.cells = layout_cells(
            scenario, self.area, header, max(NODE_HEIGHT, 3 * line + 8)
        )
        self._layer_key = None

    def status(self, session: GameSession, loop_id: str) -> tuple[str, int]:
        """Return the cycle's status word id and the round it was broken (0 if not)."""
        simulation = session.simulation
        index = [loop.id for loop in session.scenario.loops].index(loop_id)
        broken_round = simulation.loop_broken_round[index]
        if not simulation.results:
            return "vicious_start", broken_round
        health = simulation.results[-1].loop_health[loop_id]
        return loop_status(health), broken_round

    def draw(
        self,
        surface,
        session: GameSession,
        typesetter,
        strings,
        time: float,
        revealed: int,
        reduced_motion: bool,
    ) -> None:
        key = (session.round, strings.lang, typesetter.scale, revealed, len(self.cells))
        if self._layer is None or self._layer_key != key:
            self._layer = self._render_layer(session, typesetter, strings, revealed)
            self._layer_key = key
        surface.blit(self._layer, self.area.topleft)
        for index, cell in enumerate(self.cells):
            if index >= revealed:
                continue
            status, _ = self.status(session, cell.loop.id)
            if status in ("vicious", "vicious_start"):
                self._draw_runner(surface, cell, time, reduced_motion)

    def _draw_runner(
        self, surface, cell: CellPlace, time: float, reduced_motion: bool
    ) -> None:
        # A marker travelling along the arrows shows that the cycle is spinning;
        # with reduced motion it stays in the middle of the first arrow.
        segments = arrow_segments(cell)
        lengths = [math.dist(a, b) for a, b in segments]
        total = sum(lengths) or 1.0
        travelled = (
            0.25 * lengths[0] if reduced_motion else (time / LAP_SECONDS % 1.0) * total
        )
        index = 0
        while index < len(lengths) - 1 and travelled > lengths[index]:
            travelled -= lengths[index]
            index += 1
        (start, end), length = segments[index], lengths[index]
        share = travelled / length if length else 0.0
        x = start[0] + (end[0] - start[0]) * share
        y = start[1] + (end[1] - start[1]) * share
        heading = math.atan2(end[1] - start[1], end[0] - start[0])
        size = 8
        points = [
            (x + size * math.cos(heading), y + size * math.sin(heading)),
            (x + size * math.cos(heading + 2.4), y + size * math.sin(heading + 2.4)),
            (x + size * math.cos(heading - 2.4), y + size * math.sin(heading - 2.4)),
        ]
        pygame.draw.polygon(surface, theme.VICIOUS, points)
        pygame.draw.polygon(surface, theme.TEXT, points, 1)

    # ------------------------------------------------------------ the layer

    def _render_layer(self, session, typesetter, strings, revealed) -> pygame.Surface:
        layer = pygame.Surface(self.area.size, pygame.SRCALPHA)
        offset = (-self.area.left, -self.area.top)
        for index, cell in enumerate(self.cells):
            if index < revealed:
                self._draw_cell(
                    layer, _moved(cell, offset), session, typesetter, strings
                )
            else:
                rect = cell.rect.move(offset)
                draw_panel(layer, rect, fill=theme.PANEL_ALT)
                typesetter.box(
                    layer,
                    rect.inflate(-24, -24),
                    strings("map_hidden"),
                    "body",
                    theme.TEXT_MUTED,
                    align="center",
                    valign="middle",
                )
        return layer

    def _draw_cell(self, layer, cell: CellPlace, session, typesetter, strings) -> None:
        scenario = session.scenario
        lang = strings.lang
        status, broken_round = self.status(session, cell.loop.id)
        rect = cell.rect
        if status in ("vicious", "vicious_start"):
            draw_panel(
                layer, rect, fill=theme.VICIOUS_TINT, border=theme.VICIOUS, width=2
            )
            draw_hatch(layer, rect.inflate(-4, -4), (238, 196, 170), spacing=12)
        elif status == "virtuous":
            draw_panel(
                layer, rect, fill=theme.VIRTUOUS_TINT, border=theme.VIRTUOUS, width=3
            )
        else:
            draw_panel(
                layer, rect, fill=theme.NEUTRAL_TINT, border=theme.BORDER, width=1
            )

        # Heading: the cycle's name and its status in words.
        inner = rect.inflate(-16, -8)
        name_height = typesetter.line_height("label") * 2
        typesetter.box(
            layer,
            pygame.Rect(inner.left, inner.top + 2, inner.width, name_height),
            text_in(cell.loop.name, lang),
            "label",
            theme.TEXT,
        )
        status_text = {
            "vicious": strings("loop_vicious"),
            "vicious_start": strings("loop_vicious"),
            "neutral": strings("loop_neutral"),
            "virtuous": strings("loop_virtuous"),
        }[status]
        if broken_round:
            status_text += " · " + strings("loop_broken_in", round=broken_round)
        badge = pygame.Rect(
            inner.left,
            inner.top + 2 + name_height,
            inner.width,
            typesetter.line_height("small") + 2,
        )
        colour = {"virtuous": (0, 100, 72), "neutral": theme.TEXT_MUTED}.get(
            status, (150, 55, 0)
        )
        typesetter.box(layer, badge, status_text, "small", colour)

        # Arrows between the nodes, with polarity badges.
        links = {link.id: link for link in scenario.links}
        count = len(cell.nodes)
        for position, (start, end) in enumerate(arrow_segments(cell)):
            node = cell.nodes[position]
            target = cell.nodes[(position + 1) % count]
            link = links.get(f"{node.variable_id}>{target.variable_id}")
            negative = link is not None and link.polarity < 0
            draw_arrow(layer, start, end, theme.TEXT, dashed=negative)
            middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
            pygame.draw.circle(layer, theme.PANEL, middle, 10)
            pygame.draw.circle(layer, theme.TEXT, middle, 10, 1)
            sign = typesetter.render("−" if negative else "+", "number", theme.TEXT)
            layer.blit(sign, sign.get_rect(center=(round(middle[0]), round(middle[1]))))
            if link is not None and link.delay:
                clock = typesetter.render("◷", "small", theme.TEXT)
                layer.blit(clock, clock.get_rect(midleft=(middle[0] + 12, middle[1])))

        for node in cell.nodes:
            self._draw_node(layer, node, session, typesetter, strings)

    def _draw_node(self, layer, node: NodePlace, session, typesetter, strings) -> None:
        scenario = session.scenario
        variable = scenario.variable(node.variable_id)
        value = session.simulation.value(node.variable_id)
        rect = node.rect
        draw_panel(layer, rect, fill=theme.PANEL, border=theme.TEXT_MUTED, radius=6)
        line = typesetter.line_height("label")
        typesetter.box(
            layer,
            pygame.Rect(
                rect.left + 4, rect.top + 3, rect.width - 8, rect.height - line - 8
            ),
            text_in(variable.name, strings.lang),
            "label",
            align="center",
            valign="middle",
            min_shrink=NODE_LABEL_SHRINK,
        )
        # Bottom line: "lower is better" triangle, value bar and number.
        number = typesetter.render(
            strings.number(value),
            "number",
            theme.TEXT,
            size=typesetter.size_of("label"),
        )
        bottom = rect.bottom - 4 - line // 2
        left = rect.left + 6
        if variable.desirable == "low":
            pygame.draw.polygon(
                layer,
                theme.TEXT,
                [(left, bottom - 4), (left + 9, bottom - 4), (left + 4.5, bottom + 4)],
            )
            left += 13
        bar = pygame.Rect(
            left, bottom - 3, rect.right - 10 - number.get_width() - left, 7
        )
        pygame.draw.rect(layer, theme.PANEL_ALT, bar)
        share = (value - variable.minimum) / (variable.maximum - variable.minimum)
        pygame.draw.rect(
            layer, theme.BLUE, (bar.left, bar.top, round(bar.width * share), bar.height)
        )
        pygame.draw.rect(layer, theme.TEXT_MUTED, bar, 1)
        layer.blit(number, number.get_rect(midright=(rect.right - 5, bottom)))


def _moved(cell: CellPlace, offset) -> CellPlace:
    return CellPlace(
        cell.loop,
        cell.rect.move(offset),
        (cell.centre[0] + offset[0], cell.centre[1] + offset[1]),
        cell.radii,
        [NodePlace(n.variable_id, n.loop_id, n.rect.move(offset)) for n in cell.nodes],
    )
