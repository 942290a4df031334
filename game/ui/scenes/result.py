"""Round result: what changed and why, with the bars moving into place.

The causes come from the engine's attribution: for each variable, the links,
actions, events and states that moved it, scaled to the actual change.
"""

from __future__ import annotations

import pygame

from game.sim.engine import RoundResult
from game.sim.model import text_in
from game.ui import theme
from game.ui.describe import (
    action_name,
    describe_cause,
    event_title,
    loop_name,
    phase_name,
    state_name,
    variable_name,
)
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.session import GameSession, explain_changes
from game.ui.widgets import Widget, draw_panel

#: Seconds the bars take to move from the old to the new value.
ANIMATION_SECONDS = 1.2
CHANGES_RECT = pygame.Rect(24, HEADER_HEIGHT + 16, 800, 560)
EVENTS_RECT = pygame.Rect(840, HEADER_HEIGHT + 16, 416, 560)


class ResultScene(Scene):
    NAME = "result"

    def __init__(self, app, session: GameSession, result: RoundResult):
        super().__init__(app)
        self.session = session
        self.result = result
        self.changes = explain_changes(result)
        self.progress = 1.0 if app.settings.reduced_motion else 0.0

    def title(self) -> str:
        lines = [self.s("result_heading", round=self.result.round)]
        for change in self.changes[:5]:
            lines.append(self.change_line(change) + ".")
        lines.append(self.happenings_text().replace("\n", ". "))
        return " ".join(lines)

    def layout(self) -> None:
        self.ui.set_widgets(
            [
                Widget(
                    (
                        1280 - 24 - 240,
                        720 - 24 - theme.BUTTON_HEIGHT,
                        240,
                        theme.BUTTON_HEIGHT,
                    ),
                    lambda: self.s("continue"),
                    self.app.stack.pop,
                    variant="primary",
                    key="continue",
                )
            ]
        )

    def escape(self) -> bool:
        self.app.stack.pop()
        return True

    def update(self, dt: float) -> None:
        if self.progress < 1.0:
            self.progress = min(1.0, self.progress + dt / ANIMATION_SECONDS)

    def change_line(self, change) -> str:
        strings = self.app.strings
        scenario = self.session.scenario
        name = variable_name(scenario, change.variable_id, self.lang)
        text = (
            f"{name} {strings.number(change.before)} → {strings.number(change.after)} "
            f"({strings.signed(change.delta)})"
        )
        if change.causes:
            causes = ", ".join(
                f"{describe_cause(label, scenario, strings)} {strings.signed(points)}"
                for label, points in change.causes
            )
            text += " " + self.s("result_because") + " " + causes
        return text

    def happenings_text(self) -> str:
        scenario = self.session.scenario
        result = self.result
        lang = self.lang
        lines = []
        if result.decisions:
            names = ", ".join(action_name(scenario, a, lang) for a in result.decisions)
            lines.append("▶ " + self.s("result_started", names=names))
        else:
            lines.append("▶ " + self.s("result_nothing_started"))
        for action_id in result.completed:
            lines.append(
                "✓ "
                + self.s(
                    "result_completed", name=action_name(scenario, action_id, lang)
                )
            )
        for event_id in result.events:
            lines.append(
                "⚠ "
                + self.s("result_event", name=event_title(scenario, event_id, lang))
            )
        for state_id in result.states_entered:
            lines.append(
                "◆ "
                + self.s(
                    "result_state_entered", name=state_name(scenario, state_id, lang)
                )
            )
        for state_id in result.states_left:
            lines.append(
                "◇ "
                + self.s("result_state_left", name=state_name(scenario, state_id, lang))
            )
        for phase_id in result.phases_reached:
            lines.append(
                "★ " + self.s("result_phase", name=phase_name(scenario, phase_id, lang))
            )
        for loop_id in result.loops_broken:
            lines.append(
                "✓ "
                + self.s("result_loop_broken", name=loop_name(scenario, loop_id, lang))
            )
        if result.outcome == "won":
            lines.append("★ " + self.s("result_won"))
        elif result.outcome == "lost":
            lines.append("✗ " + self.s("result_lost"))
        return "\n".join(lines)

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(
            surface,
            ts,
            self.s("result_heading", round=self.result.round),
            text_in(self.session.scenario.title, self.lang),
        )
        draw_panel(surface, CHANGES_RECT)
        inner = CHANGES_RECT.inflate(-32, -24)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 40),
            self.s("result_changes"),
            "heading",
        )
        y = inner.top + used + 8
        if not self.changes:
            ts.box(
                surface,
                pygame.Rect(inner.left, y, inner.width, 60),
                self.s("result_no_changes"),
                "body",
            )
        row_height = (
            (inner.bottom - y) // max(1, len(self.changes)) if self.changes else 0
        )
        row_height = min(row_height, 64)
        for change in self.changes:
            self.draw_change(
                surface, pygame.Rect(inner.left, y, inner.width, row_height - 6), change
            )
            y += row_height
        draw_panel(surface, EVENTS_RECT)
        inner = EVENTS_RECT.inflate(-32, -24)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 40),
            self.s("result_happened"),
            "heading",
        )
        ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top + used + 8, inner.width, inner.height - used - 8
            ),
            self.happenings_text(),
            "small",
        )
        self.ui.draw(surface, ts)

    def draw_change(self, surface, rect: pygame.Rect, change) -> None:
        ts = self.typesetter
        strings = self.app.strings
        scenario = self.session.scenario
        variable = scenario.variable(change.variable_id)
        bar = pygame.Rect(rect.left, rect.top + 4, 200, 16)
        shown = change.before + (change.after - change.before) * self._eased()
        span = variable.maximum - variable.minimum
        pygame.draw.rect(surface, theme.PANEL_ALT, bar)
        pygame.draw.rect(
            surface,
            theme.BLUE,
            (
                bar.left,
                bar.top,
                round(bar.width * (shown - variable.minimum) / span),
                bar.height,
            ),
        )
        old_x = bar.left + round(bar.width * (change.before - variable.minimum) / span)
        pygame.draw.line(
            surface, theme.TEXT, (old_x, bar.top - 3), (old_x, bar.bottom + 3), 2
        )
        pygame.draw.rect(surface, theme.TEXT_MUTED, bar, 1)
        better = (change.delta > 0) == (variable.desirable == "high")
        arrow = "▲" if change.delta > 0 else "▼"
        verdict = self.s("result_better") if better else self.s("result_worse")
        number = ts.render(
            f"{arrow} {strings.signed(change.delta)} · {verdict}", "label", theme.TEXT
        )
        surface.blit(number, (bar.left, bar.bottom + 4))
        text_rect = pygame.Rect(
            bar.right + 16, rect.top, rect.right - bar.right - 16, rect.height
        )
        name = variable_name(scenario, change.variable_id, self.lang)
        causes = ", ".join(
            f"{describe_cause(label, scenario, strings)} {strings.signed(points)}"
            for label, points in change.causes
        )
        text = (
            f"{name}: {strings.number(change.before)} → {strings.number(change.after)}"
        )
        if causes:
            text += "\n" + self.s("result_because") + " " + causes
        ts.box(surface, text_rect, text, "label")

    def _eased(self) -> float:
        t = self.progress
        return 1 - (1 - t) ** 3
