"""Debrief: outcome, score against doing nothing, broken cycles, the timeline.

Two pages: the overview (outcome, score, the player's path against the
do-nothing baseline, which cycles broke and when) and the timeline (every
round's decisions and events, each row a what-if starting point, plus the
key moments with links to their lessons and playbooks).
"""

from __future__ import annotations

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.chart import Series, draw_line_chart, weighted_index
from game.ui.describe import action_name, event_title, loop_name
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.session import GameSession
from game.ui.widgets import Widget, draw_panel, place_rows, scroll_for

TOP = HEADER_HEIGHT + 70
LEFT_RECT = pygame.Rect(24, TOP, 600, 720 - TOP - 84)
RIGHT_RECT = pygame.Rect(640, TOP, 616, 720 - TOP - 84)


class RowWidget(Widget):
    """A list row drawn as plain text in a light panel."""

    def draw(self, surface, ts, focused, hovered) -> None:
        draw_panel(
            surface,
            self.rect,
            fill=theme.SELECTED_TINT if hovered else theme.PANEL,
            border=theme.BORDER,
        )
        ts.box(
            surface, self.rect.inflate(-16, -6), self.label, "label", valign="middle"
        )


class DebriefScene(Scene):
    NAME = "debrief"

    def __init__(self, app, session: GameSession):
        super().__init__(app)
        self.session = session
        self.page = "overview"
        self.scroll = {"timeline": 0, "moments": 0}

    # ---------------------------------------------------------------- texts

    def outcome_heading(self) -> str:
        won = self.session.simulation.outcome == "won"
        return self.s("debrief_won") if won else self.s("debrief_lost")

    def title(self) -> str:
        return f"{self.s('debrief_heading')}: {self.outcome_heading()}. {self.overview_text()}"

    def overview_text(self) -> str:
        simulation = self.session.simulation
        baseline = self.session.baseline()
        goals = self.session.scenario.goals
        story = goals.win_text if simulation.outcome == "won" else goals.lose_text
        strings = self.app.strings
        lines = [
            text_in(story, self.lang),
            "",
            self.s(
                "debrief_score",
                score=strings.number(simulation.score()),
                baseline=strings.number(baseline.score()),
            ),
            self.s("debrief_rounds", rounds=simulation.round),
            self.s(
                "debrief_baseline_outcome",
                outcome=self.s("outcome_" + (baseline.outcome or "lost")),
            ),
        ]
        return "\n".join(lines)

    def cycles_text(self) -> str:
        scenario = self.session.scenario
        simulation = self.session.simulation
        lines = []
        for index, loop in enumerate(scenario.loops):
            name = loop_name(scenario, loop.id, self.lang)
            broken = simulation.loop_broken_round[index]
            if broken:
                lines.append(
                    "✓ " + self.s("debrief_cycle_broken", name=name, round=broken)
                )
            else:
                lines.append("⟳ " + self.s("debrief_cycle_spinning", name=name))
        return "\n".join(lines)

    def timeline_label(self, result) -> str:
        scenario = self.session.scenario
        names = [action_name(scenario, a, self.lang) for a in result.decisions]
        text = self.s("round_short", round=result.round) + ": "
        text += ", ".join(names) if names else self.s("debrief_no_action")
        for event_id in result.events:
            text += " · ⚠ " + event_title(scenario, event_id, self.lang)
        return text

    def moment_links(self) -> list[tuple[str, str, str]]:
        """Return ``(label, kind, id)`` for each lesson or playbook of a key moment."""
        scenario = self.session.scenario
        links = []
        for moment in self.session.key_moments():
            if moment.kind == "action":
                what = action_name(scenario, moment.ident, self.lang)
            elif moment.kind == "event":
                what = "⚠ " + event_title(scenario, moment.ident, self.lang)
            else:
                what = "✓ " + loop_name(scenario, moment.ident, self.lang)
            for lesson in moment.lessons:
                links.append(
                    (
                        self.s(
                            "moment_lesson", round=moment.round, what=what, id=lesson
                        ),
                        "lesson",
                        lesson,
                    )
                )
            for playbook in moment.playbooks:
                links.append(
                    (
                        self.s(
                            "moment_playbook",
                            round=moment.round,
                            what=what,
                            id=playbook,
                        ),
                        "playbook",
                        playbook,
                    )
                )
        return links

    # --------------------------------------------------------------- layout

    def layout(self) -> None:
        widgets = [
            Widget(
                (24, HEADER_HEIGHT + 14, 290, theme.BUTTON_HEIGHT),
                lambda: self.s("debrief_tab_overview"),
                lambda: self.show("overview"),
                variant="primary" if self.page == "overview" else "secondary",
                state=lambda: self.s("state_chosen") if self.page == "overview" else "",
                role="role_tab",
                key="tab:overview",
            ),
            Widget(
                (326, HEADER_HEIGHT + 14, 290, theme.BUTTON_HEIGHT),
                lambda: self.s("debrief_tab_timeline"),
                lambda: self.show("timeline"),
                variant="primary" if self.page == "timeline" else "secondary",
                state=lambda: self.s("state_chosen") if self.page == "timeline" else "",
                role="role_tab",
                key="tab:timeline",
            ),
        ]
        self.timeline_rows: list[Widget] = []
        self.moment_rows: list[Widget] = []
        if self.page == "timeline":
            row_height = self.typesetter.line_height("label") * 2 + 12
            for result in self.session.simulation.results:
                self.timeline_rows.append(
                    RowWidget(
                        (0, 0, 0, 0),
                        lambda result=result: self.timeline_label(result),
                        lambda round=result.round: self.what_if(round),
                        role="role_whatif_row",
                        key=f"round:{result.round}",
                    )
                )
            for number, (label, kind, ident) in enumerate(self.moment_links()):
                self.moment_rows.append(
                    RowWidget(
                        (0, 0, 0, 0),
                        label,
                        lambda kind=kind, ident=ident: self.open_link(kind, ident),
                        role="role_link",
                        key=f"link:{number}",
                    )
                )
            self.row_height = row_height
            widgets += self.timeline_rows + self.moment_rows
            self.place_lists()
        widgets.append(
            Widget(
                (24, 720 - 24 - theme.BUTTON_HEIGHT, 300, theme.BUTTON_HEIGHT),
                lambda: self.s("debrief_to_title"),
                self.to_title,
                key="to_title",
            )
        )
        widgets.append(
            Widget(
                (
                    1280 - 24 - 360,
                    720 - 24 - theme.BUTTON_HEIGHT,
                    360,
                    theme.BUTTON_HEIGHT,
                ),
                lambda: self.s("debrief_what_if"),
                lambda: self.show("timeline"),
                variant="primary",
                key="what_if",
            )
        )
        self.ui.set_widgets(widgets)

    def list_area(self, rect: pygame.Rect) -> pygame.Rect:
        heading = self.typesetter.line_height("heading") + 8
        hint = self.typesetter.line_height("label") * 2 + 6
        return pygame.Rect(
            rect.left + 12,
            rect.top + 12 + heading + hint,
            rect.width - 24,
            rect.height - 24 - heading - hint,
        )

    def place_lists(self) -> None:
        self.fits = {
            "timeline": place_rows(
                self.timeline_rows,
                self.list_area(LEFT_RECT),
                self.row_height,
                self.scroll["timeline"],
            ),
            "moments": place_rows(
                self.moment_rows,
                self.list_area(RIGHT_RECT),
                self.row_height,
                self.scroll["moments"],
            ),
        }

    def handle(self, event) -> bool:
        used = super().handle(event)
        widget = self.ui.focused
        if self.page == "timeline" and widget is not None:
            for name, rows in (
                ("timeline", self.timeline_rows),
                ("moments", self.moment_rows),
            ):
                if widget in rows:
                    self.scroll[name] = scroll_for(
                        rows.index(widget), self.scroll[name], self.fits[name]
                    )
            self.place_lists()
        return used

    def show(self, page: str) -> None:
        self.page = page
        self.invalidate()
        self.ensure_layout()
        self.ui.focus_key(f"tab:{page}", announce=False)
        if page == "timeline":
            self.app.announcer.say(self.s("debrief_timeline_hint"))
        else:
            self.app.announcer.say(self.overview_text())

    def escape(self) -> bool:
        return True

    def what_if(self, at_round: int) -> None:
        from game.ui.scenes.round import RoundScene

        branch = self.session.branch(at_round)
        self.app.announcer.say(self.s("whatif_started", round=at_round))
        self.app.stack.push(RoundScene(self.app, branch))

    def open_link(self, kind: str, ident: str) -> None:
        from game.ui.scenes.lesson import open_link

        open_link(self.app, kind, ident)

    def to_title(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.stack.reset(TitleScene(self.app))

    # ----------------------------------------------------------------- draw

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(
            surface,
            ts,
            f"{self.s('debrief_heading')}: {self.outcome_heading()}",
            text_in(self.session.scenario.title, self.lang),
        )
        if self.page == "overview":
            self.draw_overview(surface)
        else:
            self.draw_timeline(surface)
        self.ui.draw(surface, ts)

    def draw_overview(self, surface) -> None:
        ts = self.typesetter
        draw_panel(surface, LEFT_RECT)
        inner = LEFT_RECT.inflate(-32, -24)
        split = inner.top + inner.height // 2
        ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, split - inner.top - 8),
            self.overview_text(),
            "small",
        )
        used = ts.box(
            surface,
            pygame.Rect(inner.left, split, inner.width, 32),
            self.s("debrief_cycles"),
            "bold",
        )
        ts.box(
            surface,
            pygame.Rect(
                inner.left,
                split + used + 4,
                inner.width,
                inner.bottom - split - used - 4,
            ),
            self.cycles_text(),
            "label",
        )
        scenario = self.session.scenario
        player = weighted_index(self.session.simulation.history, scenario)
        baseline = weighted_index(self.session.baseline().history, scenario)
        low = min(player + baseline)
        high = max(player + baseline)
        margin = max(10.0, (high - low) * 0.1)
        title_height = ts.line_height("bold") * 2
        ts.box(
            surface,
            pygame.Rect(
                RIGHT_RECT.left, RIGHT_RECT.top, RIGHT_RECT.width, title_height
            ),
            self.s("debrief_chart_title"),
            "bold",
        )
        draw_line_chart(
            surface,
            RIGHT_RECT.inflate(0, -title_height).move(0, title_height // 2),
            [
                Series(self.s("debrief_series_player"), player, theme.BLUE, "circle"),
                Series(
                    self.s("debrief_series_baseline"),
                    baseline,
                    theme.VERMILLION,
                    "square",
                    dashed=True,
                ),
            ],
            scenario.goals.rounds,
            ts,
            self.app.strings,
            low - margin,
            high + margin,
        )

    def draw_timeline(self, surface) -> None:
        ts = self.typesetter
        for rect, heading, hint in (
            (LEFT_RECT, "debrief_timeline", "debrief_timeline_hint"),
            (RIGHT_RECT, "debrief_moments", "debrief_moments_hint"),
        ):
            draw_panel(surface, rect)
            inner = rect.inflate(-24, -24)
            used = ts.box(
                surface,
                pygame.Rect(
                    inner.left, inner.top, inner.width, ts.line_height("heading") + 4
                ),
                self.s(heading),
                "heading",
            )
            ts.box(
                surface,
                pygame.Rect(
                    inner.left,
                    inner.top + used + 4,
                    inner.width,
                    ts.line_height("label") * 2 + 4,
                ),
                self.s(hint),
                "label",
                theme.TEXT_MUTED,
            )
        if not self.moment_rows:
            ts.box(
                surface,
                self.list_area(RIGHT_RECT),
                self.s("debrief_no_moments"),
                "small",
            )
