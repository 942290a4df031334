"""Scenario choice: title, short description, audience and difficulty."""

from __future__ import annotations

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.content_source import TUTORIAL_ID, ScenarioEntry
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.widgets import Widget, draw_dashed_rect, draw_panel

DIFFICULTY_LEVELS = {"leicht": 1, "mittel": 2, "schwer": 3}
CARD_WIDTH = 604
CARD_HEIGHT = 250
#: Cards per page; further scenarios are on the next pages.
CARDS_PER_PAGE = 4


class ScenarioCard(Widget):
    def __init__(self, rect, scene: ChooseScenarioScene, entry: ScenarioEntry):
        super().__init__(
            rect,
            self.card_label,
            scene.choose_callback(entry),
            enabled=entry.scenario is not None,
            role="role_scenario",
            key=f"scenario:{entry.id}",
        )
        self.scene = scene
        self.entry = entry

    def card_label(self) -> str:
        scenario = self.entry.scenario
        if scenario is None:
            return self.entry.id
        lang = self.scene.lang
        return (
            f"{text_in(scenario.title, lang)}. {text_in(scenario.summary, lang)} "
            f"{self.scene.s('choose_audience')}: {text_in(scenario.audience, lang)}. "
            f"{self.scene.s('choose_difficulty')}: "
            f"{self.scene.s('difficulty_' + scenario.difficulty)}."
        )

    def draw(self, surface, ts, focused, hovered) -> None:
        rect = self.rect
        scene = self.scene
        scenario = self.entry.scenario
        if scenario is None:
            pygame.draw.rect(surface, theme.PANEL_ALT, rect, border_radius=theme.RADIUS)
            draw_dashed_rect(surface, theme.VICIOUS, rect, width=2)
            inner = rect.inflate(-32, -28)
            ts.box(
                surface,
                pygame.Rect(inner.left, inner.top, inner.width, 36),
                "⚠ " + self.entry.id,
                "bold",
            )
            problem = self.entry.error.problems[0].format(scene.lang)
            ts.box(
                surface,
                pygame.Rect(inner.left, inner.top + 40, inner.width, inner.height - 40),
                scene.s("choose_broken", problem=problem),
                "small",
            )
            return
        lang = scene.lang
        draw_panel(
            surface,
            rect,
            fill=theme.SELECTED_TINT if hovered else theme.PANEL,
            border=theme.TEXT_MUTED,
        )
        inner = rect.inflate(-32, -28)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 64),
            text_in(scenario.title, lang),
            "heading",
        )
        y = inner.top + used + 6
        facts_height = ts.line_height("small") * 2 + 8
        ts.box(
            surface,
            pygame.Rect(inner.left, y, inner.width, inner.bottom - y - facts_height),
            text_in(scenario.summary, lang),
            "body",
        )
        level = DIFFICULTY_LEVELS.get(scenario.difficulty, 2)
        facts = pygame.Rect(
            inner.left, inner.bottom - facts_height, inner.width, facts_height
        )
        pips = "■" * level + "□" * (3 - level)
        ts.box(
            surface,
            facts,
            f"{scene.s('choose_audience')}: {text_in(scenario.audience, lang)}\n"
            f"{scene.s('choose_difficulty')}: {pips} "
            f"{scene.s('difficulty_' + scenario.difficulty)}",
            "small",
            theme.TEXT_MUTED,
        )


class ChooseScenarioScene(Scene):
    NAME = "choose"
    ESCAPE_POPS = True

    def title(self) -> str:
        return self.s("choose_heading")

    def choose_callback(self, entry: ScenarioEntry):
        def choose() -> None:
            from game.ui.scenes.briefing import BriefingScene

            self.app.stack.push(BriefingScene(self.app, entry.scenario))

        return choose

    def layout(self) -> None:
        entries = [e for e in self.app.source.entries() if e.id != TUTORIAL_ID]
        pages = max(1, -(-len(entries) // CARDS_PER_PAGE))
        self.pages = pages
        self.page = min(getattr(self, "page", 0), pages - 1)
        start = self.page * CARDS_PER_PAGE
        widgets = []
        for index, entry in enumerate(entries[start : start + CARDS_PER_PAGE]):
            column, row = index % 2, index // 2
            rect = (
                theme.MARGIN + column * (CARD_WIDTH + 24),
                HEADER_HEIGHT + 24 + row * (CARD_HEIGHT + 20),
                CARD_WIDTH,
                CARD_HEIGHT,
            )
            widgets.append(ScenarioCard(rect, self, entry))
        bottom = 720 - theme.MARGIN - theme.BUTTON_HEIGHT
        widgets.append(
            Widget(
                (theme.MARGIN, bottom, 220, theme.BUTTON_HEIGHT),
                lambda: self.s("back"),
                self.app.stack.pop,
                key="back",
            )
        )
        if pages > 1:
            page_label = lambda: self.s(  # noqa: E731
                "choose_page", page=self.page + 1, pages=pages
            )
            widgets.append(
                Widget(
                    (
                        1280 - theme.MARGIN - 2 * 260 - 16,
                        bottom,
                        260,
                        theme.BUTTON_HEIGHT,
                    ),
                    lambda: self.s("choose_previous") + " · " + page_label(),
                    lambda: self.turn_page(-1),
                    enabled=self.page > 0,
                    key="page_previous",
                )
            )
            widgets.append(
                Widget(
                    (1280 - theme.MARGIN - 260, bottom, 260, theme.BUTTON_HEIGHT),
                    lambda: self.s("choose_next") + " · " + page_label(),
                    lambda: self.turn_page(1),
                    enabled=self.page < pages - 1,
                    key="page_next",
                )
            )
        self.ui.set_widgets(widgets)
        self.empty = not entries

    def turn_page(self, step: int) -> None:
        """Show the previous or next page of scenario cards."""
        self.page += step
        self.invalidate()
        self.ensure_layout()
        self.ui.focus(0)
        self.app.announcer.say(
            self.s("choose_page", page=self.page + 1, pages=self.pages)
        )
        self.app.announcer.say(self.ui.focused.announcement(self.app.strings))

    def draw(self, surface) -> None:
        surface.fill(theme.BACKGROUND)
        draw_header(surface, self.typesetter, self.s("choose_heading"))
        if self.empty:
            self.typesetter.box(
                surface,
                pygame.Rect(theme.MARGIN, 120, 800, 100),
                self.s("choose_empty"),
                "body",
            )
        self.ui.draw(surface, self.typesetter)
