"""Briefing: the story, the data champion, the goals and how to win."""

from __future__ import annotations

import pygame

from game.sim.model import Scenario, text_in
from game.ui import theme
from game.ui.describe import describe_conditions, reflow
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, button_row, draw_header
from game.ui.widgets import draw_panel

STORY_RECT = pygame.Rect(theme.MARGIN, HEADER_HEIGHT + 20, 660, 560)
SIDE_RECT = pygame.Rect(
    theme.MARGIN + 680, HEADER_HEIGHT + 20, 1280 - 2 * theme.MARGIN - 680, 560
)


class BriefingScene(Scene):
    NAME = "briefing"
    ESCAPE_POPS = True

    def __init__(self, app, scenario: Scenario, tutorial: bool = False):
        super().__init__(app)
        self.scenario = scenario
        self.tutorial = tutorial

    def title(self) -> str:
        return (
            f"{self.s('briefing_heading')}: {text_in(self.scenario.title, self.lang)}. "
            f"{text_in(self.scenario.story, self.lang)} {self.goals_text()}"
        )

    def layout(self) -> None:
        self.ui.set_widgets(
            button_row(
                [
                    ("back", lambda: self.s("back"), "secondary", self.app.stack.pop),
                    ("start", lambda: self.s("briefing_start"), "primary", self.start),
                ],
                right=1280 - theme.MARGIN,
                bottom=720 - theme.MARGIN,
            )
        )

    def focus_first(self) -> None:
        self.ui.focus_key("start")

    def start(self) -> None:
        from game.ui.scenes.round import RoundScene

        session = self.app.new_session(self.scenario, tutorial=self.tutorial)
        self.app.stack.reset(RoundScene(self.app, session))

    def goals_text(self) -> str:
        goals = self.scenario.goals
        win = describe_conditions(goals.win, self.scenario, self.app.strings)
        lose = describe_conditions(goals.lose, self.scenario, self.app.strings)
        lines = [
            self.s("briefing_rounds", rounds=goals.rounds),
            "",
            self.s("briefing_win"),
        ]
        lines += [f"• {line}" for line in win]
        if lose:
            lines += ["", self.s("briefing_lose")]
            lines += [f"• {line}" for line in lose]
        return "\n".join(lines)

    def draw(self, surface) -> None:
        ts = self.typesetter
        lang = self.lang
        surface.fill(theme.BACKGROUND)
        draw_header(
            surface, ts, text_in(self.scenario.title, lang), self.s("briefing_heading")
        )
        draw_panel(surface, STORY_RECT)
        inner = STORY_RECT.inflate(-40, -36)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 40),
            self.s("briefing_story"),
            "heading",
        )
        ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top + used + 10, inner.width, inner.height - used - 10
            ),
            reflow(text_in(self.scenario.story, lang)),
            "body",
        )

        champion_height = 120
        champion = pygame.Rect(
            SIDE_RECT.left, SIDE_RECT.top, SIDE_RECT.width, champion_height
        )
        draw_panel(surface, champion, fill=theme.SELECTED_TINT, border=theme.ACCENT)
        inner = champion.inflate(-32, -24)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 30),
            self.s("briefing_champion"),
            "bold",
        )
        ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top + used + 4, inner.width, inner.height - used - 4
            ),
            text_in(self.scenario.champion, lang),
            "body",
        )

        goals = pygame.Rect(
            SIDE_RECT.left,
            champion.bottom + 16,
            SIDE_RECT.width,
            SIDE_RECT.height - champion_height - 16,
        )
        draw_panel(surface, goals)
        inner = goals.inflate(-32, -24)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 40),
            self.s("briefing_goals"),
            "heading",
        )
        ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top + used + 8, inner.width, inner.height - used - 8
            ),
            self.goals_text(),
            "small",
        )
        self.ui.draw(surface, ts)
