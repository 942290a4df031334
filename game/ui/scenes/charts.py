"""Charts of the variables over the rounds, one cycle at a time."""

from __future__ import annotations

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.chart import Series, draw_line_chart
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.session import GameSession
from game.ui.widgets import Widget, draw_panel

TAB_WIDTH = 320
CHART_RECT = pygame.Rect(
    24 + TAB_WIDTH + 16,
    HEADER_HEIGHT + 16,
    1280 - 48 - TAB_WIDTH - 16,
    720 - HEADER_HEIGHT - 40,
)


class TabWidget(Widget):
    def __init__(self, rect, label, on_activate, chosen, key):
        super().__init__(rect, label, on_activate, role="role_tab", key=key)
        self.chosen = chosen

    def draw(self, surface, ts, focused, hovered) -> None:
        chosen = self.chosen()
        draw_panel(
            surface,
            self.rect,
            fill=theme.SELECTED_TINT if chosen or hovered else theme.PANEL,
            border=theme.ACCENT if chosen else theme.BORDER,
            width=3 if chosen else 1,
        )
        mark = "▶ " if chosen else ""
        ts.box(
            surface,
            self.rect.inflate(-16, -6),
            mark + self.label,
            "small",
            valign="middle",
        )


class ChartsScene(Scene):
    NAME = "charts"
    ESCAPE_POPS = True

    def __init__(self, app, session: GameSession):
        super().__init__(app)
        self.session = session
        self.group = 0

    def groups(self) -> list[tuple[str, list[str]]]:
        scenario = self.session.scenario
        groups = [
            (text_in(loop.name, self.lang), list(loop.variables))
            for loop in scenario.loops
        ]
        in_loops = {v for loop in scenario.loops for v in loop.variables}
        others = [v.id for v in scenario.variables if v.id not in in_loops]
        if others:
            groups.append((self.s("charts_others"), others))
        return groups

    def title(self) -> str:
        return self.s("charts_heading") + ". " + self.describe_group()

    def describe_group(self) -> str:
        name, variables = self.groups()[self.group]
        simulation = self.session.simulation
        parts = [
            f"{text_in(self.session.scenario.variable(v).name, self.lang)} "
            f"{self.app.strings.number(simulation.history[0][self.index(v)])} → "
            f"{self.app.strings.number(simulation.value(v))}"
            for v in variables
        ]
        return f"{name}: " + "; ".join(parts)

    def index(self, variable_id: str) -> int:
        return [v.id for v in self.session.scenario.variables].index(variable_id)

    def layout(self) -> None:
        widgets = []
        groups = self.groups()
        height = min(
            60, (CHART_RECT.height - theme.BUTTON_HEIGHT - 24) // len(groups) - 8
        )
        for number, (name, _variables) in enumerate(groups):
            rect = (24, HEADER_HEIGHT + 16 + number * (height + 8), TAB_WIDTH, height)
            widgets.append(
                TabWidget(
                    rect,
                    name,
                    lambda number=number: self.choose(number),
                    lambda number=number: self.group == number,
                    key=f"group:{number}",
                )
            )
        widgets.append(
            Widget(
                (24, 720 - 24 - theme.BUTTON_HEIGHT, TAB_WIDTH, theme.BUTTON_HEIGHT),
                lambda: self.s("back"),
                self.app.stack.pop,
                variant="primary",
                key="back",
            )
        )
        self.ui.set_widgets(widgets)

    def choose(self, number: int) -> None:
        self.group = number
        self.app.announcer.say(self.describe_group())

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(
            surface,
            ts,
            self.s("charts_heading"),
            text_in(self.session.scenario.title, self.lang),
        )
        name, variables = self.groups()[self.group]
        simulation = self.session.simulation
        series = []
        for number, variable_id in enumerate(variables):
            variable = self.session.scenario.variable(variable_id)
            label = text_in(variable.name, self.lang)
            if variable.desirable == "low":
                label = "▼ " + label + " (" + self.s("lower_is_better") + ")"
            values = [row[self.index(variable_id)] for row in simulation.history]
            series.append(
                Series(
                    label,
                    values,
                    theme.SERIES_COLOURS[number % 6],
                    theme.SERIES_MARKERS[number % 6],
                )
            )
        draw_line_chart(
            surface,
            CHART_RECT,
            series,
            self.session.scenario.goals.rounds,
            ts,
            self.app.strings,
        )
        self.ui.draw(surface, ts)
