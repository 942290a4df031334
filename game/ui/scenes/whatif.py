"""What-if comparison: the original path and the branch side by side.

A branch replays the original decisions before its starting round with the
same seed, so events strike the same way until the choices differ.
"""

from __future__ import annotations

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.chart import Series, draw_line_chart, weighted_index
from game.ui.describe import action_name
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.session import GameSession
from game.ui.widgets import Widget, draw_panel

COLUMN_WIDTH = 400
CHART_RECT = pygame.Rect(
    24 + 2 * (COLUMN_WIDTH + 16),
    HEADER_HEIGHT + 16,
    1280 - 48 - 2 * (COLUMN_WIDTH + 16),
    560,
)


class CompareScene(Scene):
    NAME = "compare"
    ESCAPE_POPS = True

    def __init__(self, app, original: GameSession, branch: GameSession):
        super().__init__(app)
        self.original = original
        self.branch = branch
        self.start_round = branch.branch_round

    def title(self) -> str:
        return (
            f"{self.s('compare_heading', round=self.start_round)}. "
            f"{self.column_text(self.original, 'compare_original')} "
            f"{self.column_text(self.branch, 'compare_branch')}"
        )

    def column_text(self, session: GameSession, heading: str) -> str:
        simulation = session.simulation
        strings = self.app.strings
        scenario = session.scenario
        broken = sum(1 for r in simulation.loop_broken_round if r)
        lines = [
            self.s(heading),
            self.s("outcome_" + (simulation.outcome or "lost")),
            self.s("compare_score", score=strings.number(simulation.score())),
            self.s("compare_broken", count=broken, total=len(scenario.loops)),
            "",
        ]
        for number, decisions in enumerate(session.decision_log, start=1):
            if number < self.start_round:
                continue
            names = ", ".join(action_name(scenario, a, self.lang) for a in decisions)
            lines.append(
                self.s("round_short", round=number)
                + ": "
                + (names or self.s("debrief_no_action"))
            )
        return "\n".join(lines)

    def layout(self) -> None:
        self.ui.set_widgets(
            [
                Widget(
                    (24, 720 - 24 - theme.BUTTON_HEIGHT, 300, theme.BUTTON_HEIGHT),
                    lambda: self.s("compare_back"),
                    self.app.stack.pop,
                    variant="primary",
                    key="back",
                )
            ]
        )

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(
            surface,
            ts,
            self.s("compare_heading", round=self.start_round),
            text_in(self.original.scenario.title, self.lang),
        )
        for column, (session, heading) in enumerate(
            ((self.original, "compare_original"), (self.branch, "compare_branch"))
        ):
            rect = pygame.Rect(
                24 + column * (COLUMN_WIDTH + 16), HEADER_HEIGHT + 16, COLUMN_WIDTH, 560
            )
            draw_panel(
                surface,
                rect,
                border=theme.BLUE if column == 0 else theme.REDDISH_PURPLE,
                width=2,
            )
            ts.box(
                surface,
                rect.inflate(-28, -24),
                self.column_text(session, heading),
                "label",
            )
        scenario = self.original.scenario
        series = [
            Series(
                self.s("compare_original"),
                weighted_index(self.original.simulation.history, scenario),
                theme.BLUE,
                "circle",
            ),
            Series(
                self.s("compare_branch"),
                weighted_index(self.branch.simulation.history, scenario),
                theme.REDDISH_PURPLE,
                "triangle",
            ),
            Series(
                self.s("debrief_series_baseline"),
                weighted_index(self.original.baseline().history, scenario),
                theme.VERMILLION,
                "square",
                dashed=True,
            ),
        ]
        values = [v for item in series for v in item.values]
        margin = max(10.0, (max(values) - min(values)) * 0.1)
        draw_line_chart(
            surface,
            CHART_RECT,
            series,
            scenario.goals.rounds,
            ts,
            self.app.strings,
            min(values) - margin,
            max(values) + margin,
        )
        self.ui.draw(surface, ts)
