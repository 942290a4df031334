"""The round screen: loop map, resources, the hand of actions, end of round."""

from __future__ import annotations

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.describe import (
    describe_conditions,
    describe_effects,
    describe_reason,
    loop_name,
    phase_name,
    variable_name,
)
from game.ui.loopmap import LoopMap
from game.ui.scene import Scene
from game.ui.scenes.learn_more import (
    LEARN_MORE_HEIGHT,
    LEARN_MORE_WIDTH,
    LearnMoreButton,
)
from game.ui.session import GameSession
from game.ui.timer_overlay import TimerOverlay
from game.ui.widgets import Widget, draw_dashed_rect, draw_panel, place_rows, scroll_for

HEADER_HEIGHT = 64
MAP_RECT = pygame.Rect(16, 76, 792, 560)
STRIP_RECT = pygame.Rect(16, 644, 792, 64)
PANEL_RECT = pygame.Rect(824, 76, 440, 632)


class ActionRow(Widget):
    """One card of the hand: name, costs, and whether it is chosen or locked."""

    def __init__(self, rect, scene: RoundScene, action_id: str):
        super().__init__(
            rect,
            self.row_label,
            lambda: scene.toggle(action_id),
            state=self.state_word,
            role="role_action",
            key=f"action:{action_id}",
        )
        self.scene = scene
        self.action_id = action_id

    @property
    def action(self):
        return self.scene.session.scenario.action(self.action_id)

    def row_label(self) -> str:
        return text_in(self.action.name, self.scene.lang)

    def selected(self) -> bool:
        return self.action_id in self.scene.session.selected

    def state_word(self) -> str:
        scene = self.scene
        if self.selected():
            return scene.s("state_selected")
        status = scene.session.can_select(self.action_id)
        if status.available:
            return scene.cost_text(self.action) + ". " + scene.s("state_available")
        code, params = status.reasons[0]
        return describe_reason(
            code, params, scene.session.scenario, scene.app.strings, self.action_id
        )

    def draw(self, surface, ts, focused, hovered) -> None:
        scene = self.scene
        selected = self.selected()
        status = scene.session.can_select(self.action_id)
        available = selected or status.available
        reason = "" if available else status.reasons[0][0]
        key = (
            "action_row",
            self.action_id,
            self.rect.size,
            scene.lang,
            selected,
            available,
            reason,
            hovered,
        )
        picture = ts.picture(
            key,
            self.rect.size,
            lambda target: self.paint(
                target, ts, target.get_rect(), selected, available, reason, hovered
            ),
        )
        surface.blit(picture, self.rect)

    def paint(self, surface, ts, rect, selected, available, reason, hovered) -> None:
        scene = self.scene
        if selected:
            draw_panel(
                surface, rect, fill=theme.SELECTED_TINT, border=theme.ACCENT, width=2
            )
            mark = "☑"
        elif available:
            draw_panel(
                surface,
                rect,
                fill=theme.SELECTED_TINT if hovered else theme.PANEL,
                border=theme.BORDER,
            )
            mark = "☐"
        else:
            pygame.draw.rect(surface, theme.PANEL_ALT, rect, border_radius=theme.RADIUS)
            draw_dashed_rect(surface, theme.TEXT_MUTED, rect)
            mark = "⊘"
        colour = theme.TEXT if available else theme.TEXT_MUTED
        mark_surface = ts.render(mark, "bold", colour)
        surface.blit(
            mark_surface, mark_surface.get_rect(midleft=(rect.left + 10, rect.centery))
        )
        text_left = rect.left + 40
        name_height = ts.line_height("small")
        ts.box(
            surface,
            pygame.Rect(
                text_left, rect.top + 3, rect.right - text_left - 8, name_height
            ),
            self.row_label(),
            "small",
            colour,
        )
        line = scene.cost_text(self.action, short=True)
        if not available:
            line += " · " + scene.short_reason(reason)
        ts.box(
            surface,
            pygame.Rect(
                text_left,
                rect.top + 3 + name_height,
                rect.right - text_left - 8,
                ts.line_height("label"),
            ),
            line,
            "label",
            theme.TEXT_MUTED,
        )


class NodeWidget(Widget):
    """A variable on the map; focus or hover shows its explanation."""

    def __init__(self, rect, scene: RoundScene, variable_id: str):
        super().__init__(
            rect,
            self.node_label,
            None,
            state=self.value_word,
            role="role_variable",
            key=f"variable:{variable_id}",
        )
        self.scene = scene
        self.variable_id = variable_id

    def node_label(self) -> str:
        return variable_name(
            self.scene.session.scenario, self.variable_id, self.scene.lang
        )

    def value_word(self) -> str:
        value = self.scene.session.simulation.value(self.variable_id)
        return self.scene.s("value_of", value=self.scene.app.strings.number(value))

    def draw(self, surface, ts, focused, hovered) -> None:
        if hovered:
            pygame.draw.rect(surface, theme.ACCENT, self.rect, 2, border_radius=6)


class RoundScene(Scene):
    NAME = "round"

    def __init__(self, app, session: GameSession, timer: TimerOverlay | None = None):
        super().__init__(app)
        self.session = session
        #: The workshop's round timer, or ``None`` outside workshop mode.
        self.timer = timer
        self.map = LoopMap(MAP_RECT)
        self.scroll = 0
        self.queue: list[Scene] = []
        self._chrome: pygame.Surface | None = None
        self._chrome_key = None
        self.waiting_for: Scene | None = None
        loops = len(session.scenario.loops)
        self.revealed = 1 if session.tutorial and session.round == 0 else loops
        self.tutorial_step = 0 if self.revealed < loops else None

    # ---------------------------------------------------------------- texts

    def title(self) -> str:
        return self.round_summary()

    def round_summary(self) -> str:
        session = self.session
        simulation = session.simulation
        spinning = broken = 0
        for loop in session.scenario.loops:
            status, broken_round = self.map.status(session, loop.id)
            spinning += status in ("vicious", "vicious_start")
            broken += bool(broken_round)
        return self.s(
            "round_summary",
            round=min(session.round + 1, session.scenario.goals.rounds),
            rounds=session.scenario.goals.rounds,
            budget=self.app.strings.money(simulation.budget),
            capacity=self.app.strings.number(simulation.capacity),
            spinning=spinning,
            broken=broken,
        )

    def cost_text(self, action, short: bool = False) -> str:
        strings = self.app.strings
        text = f"{strings.money(action.cost_budget)} · {strings.number(action.cost_capacity)} "
        text += self.s("unit_person_days_short" if short else "unit_person_days")
        if action.duration > 1:
            text += " · " + self.s("duration_rounds", rounds=action.duration)
        return text

    def short_reason(self, code: str) -> str:
        return self.s("short_reason_" + code)

    # --------------------------------------------------------------- layout

    def row_height(self) -> int:
        ts = self.typesetter
        return ts.line_height("small") + ts.line_height("label") + 8

    def list_rect(self) -> pygame.Rect:
        top = PANEL_RECT.top + self.typesetter.line_height("heading") + 12
        bottom = PANEL_RECT.bottom - self.footer_height() - self.detail_height() - 12
        return pygame.Rect(
            PANEL_RECT.left + 8, top, PANEL_RECT.width - 16, bottom - top
        )

    def detail_height(self) -> int:
        return 8 * self.typesetter.line_height("label") + 16 + LEARN_MORE_HEIGHT + 6

    def detail_rect(self) -> pygame.Rect:
        return pygame.Rect(
            PANEL_RECT.left + 8,
            PANEL_RECT.bottom - self.footer_height() - self.detail_height() - 4,
            PANEL_RECT.width - 16,
            self.detail_height(),
        )

    def detail_widget(self) -> Widget | None:
        """Return the widget the detail panel explains; update "learn more"."""
        widget = self.ui.hovered or self.ui.focused
        if widget is self.learn_more:
            action_id = self.learn_more.action_id
            return next((r for r in self.rows if r.action_id == action_id), None)
        if isinstance(widget, ActionRow):
            self.learn_more.show_action(widget.action_id)
        else:
            self.learn_more.show_action(None)
        return widget

    def footer_height(self) -> int:
        return theme.BUTTON_HEIGHT + 2 * self.typesetter.line_height("label") + 12

    def visible_rows(self) -> int:
        return max(1, (self.list_rect().height + 6) // (self.row_height() + 6))

    def layout(self) -> None:
        self.map.layout(self.session.scenario, self.typesetter)
        widgets: list[Widget] = []
        if self.tutorial_step is not None:
            widgets.append(
                Widget(
                    self.tutorial_button_rect(),
                    lambda: self.s("tutorial_next"),
                    self.tutorial_next,
                    variant="primary",
                    key="tutorial_next",
                )
            )
        self.rows = [
            ActionRow((0, 0, 0, 0), self, action.id)
            for action in self.session.scenario.actions
        ]
        widgets += self.rows
        detail = self.detail_rect()
        self.learn_more = LearnMoreButton(
            (
                detail.right - 8 - LEARN_MORE_WIDTH,
                detail.bottom - 6 - LEARN_MORE_HEIGHT,
                LEARN_MORE_WIDTH,
                LEARN_MORE_HEIGHT,
            ),
            self,
        )
        widgets.append(self.learn_more)
        footer = pygame.Rect(
            PANEL_RECT.left + 8,
            PANEL_RECT.bottom - theme.BUTTON_HEIGHT - 8,
            PANEL_RECT.width - 16,
            theme.BUTTON_HEIGHT,
        )
        widgets.append(
            Widget(
                footer,
                lambda: self.s("end_round"),
                self.end_round,
                variant="primary",
                key="end_round",
                state=lambda: self.selection_text(),
            )
        )
        for node in self.map.node_places():
            widgets.append(NodeWidget(node.rect, self, node.variable_id))
        widgets.append(
            Widget(
                (1280 - 16 - 150 - 12 - 150, 10, 150, theme.BUTTON_HEIGHT),
                lambda: self.s("charts_button"),
                self.open_charts,
                key="charts",
            )
        )
        widgets.append(
            Widget(
                (1280 - 16 - 150, 10, 150, theme.BUTTON_HEIGHT),
                lambda: self.s("menu_button"),
                self.open_pause,
                key="menu",
            )
        )
        if self.timer is not None:
            widgets += self.timer.widgets(self)
        self.ui.set_widgets(widgets)
        self.place_rows()

    def place_rows(self) -> None:
        place_rows(self.rows, self.list_rect(), self.row_height(), self.scroll)

    def scroll_to_focus(self) -> None:
        widget = self.ui.focused
        if isinstance(widget, ActionRow):
            self.scroll = scroll_for(
                self.rows.index(widget), self.scroll, self.visible_rows()
            )
            self.place_rows()

    def focus_first(self) -> None:
        if self.tutorial_step is not None:
            self.ui.focus_key("tutorial_next", announce=False)
            self.app.announcer.say(self.tutorial_text())
            return
        for row in self.rows:
            if self.session.can_select(row.action_id).available:
                self.ui.focus_key(row.key)
                return
        self.ui.focus_key("end_round")

    # ---------------------------------------------------------------- input

    def handle(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            if self.list_rect().collidepoint(self.ui.pointer):
                limit = max(0, len(self.rows) - self.visible_rows())
                self.scroll = min(limit, max(0, self.scroll - event.y))
                self.place_rows()
                return True
        if self.timer is not None and self.timer.handle(self, event):
            return True
        used = super().handle(event)
        if event.type == pygame.KEYDOWN:
            self.scroll_to_focus()
        return used

    def escape(self) -> bool:
        self.open_pause()
        return True

    def update(self, dt: float) -> None:
        if self.timer is not None:
            self.timer.update(self, dt)

    def toggle(self, action_id: str) -> None:
        """Select or deselect an action and announce its new state or why it is locked."""
        self.session.toggle(action_id)
        self.app.sound.play("select")
        row = next(r for r in self.rows if r.action_id == action_id)
        self.app.announcer.say(row.announcement(self.app.strings))

    def selection_text(self) -> str:
        budget, capacity = self.session.remaining()
        return self.s(
            "selection_summary",
            count=len(self.session.selected),
            budget=self.app.strings.money(budget),
            capacity=self.app.strings.number(capacity),
        )

    def open_pause(self) -> None:
        from game.ui.scenes.dialogs import PauseScene

        self.app.stack.push(PauseScene(self.app))

    def open_charts(self) -> None:
        from game.ui.scenes.charts import ChartsScene

        self.app.stack.push(ChartsScene(self.app, self.session))

    # ------------------------------------------------------------- tutorial

    def tutorial_rect(self) -> pygame.Rect:
        # The card covers the row of cycles that is not being introduced.
        newest = self.revealed - 1
        top_row = newest >= 3
        text_width = MAP_RECT.width - 16 - 32
        needed = self.typesetter.measure(self.tutorial_text(), "body", text_width)
        height = min(MAP_RECT.height // 2 - 4, needed + theme.BUTTON_HEIGHT + 40)
        if top_row:
            return pygame.Rect(
                MAP_RECT.left + 8, MAP_RECT.top + 8, MAP_RECT.width - 16, height
            )
        return pygame.Rect(
            MAP_RECT.left + 8, MAP_RECT.bottom - height - 8, MAP_RECT.width - 16, height
        )

    def tutorial_button_rect(self) -> pygame.Rect:
        card = self.tutorial_rect()
        return pygame.Rect(
            card.right - 16 - 220,
            card.bottom - 12 - theme.BUTTON_HEIGHT,
            220,
            theme.BUTTON_HEIGHT,
        )

    def tutorial_text(self) -> str:
        scenario = self.session.scenario
        count = len(scenario.loops)
        if (
            self.revealed <= count
            and self.tutorial_step is not None
            and self.tutorial_step < count
        ):
            loop = scenario.loops[self.revealed - 1]
            intro = self.s("tutorial_intro") + "\n\n" if self.revealed == 1 else ""
            return (
                intro
                + self.s(
                    "tutorial_cycle",
                    number=self.revealed,
                    count=count,
                    name=loop_name(scenario, loop.id, self.lang),
                )
                + " "
                + text_in(loop.explanation, self.lang)
            )
        return self.s("tutorial_done")

    def tutorial_next(self) -> None:
        count = len(self.session.scenario.loops)
        if self.revealed < count:
            self.revealed += 1
            self.tutorial_step += 1
        elif self.tutorial_step is not None and self.tutorial_step < count:
            self.tutorial_step = count
        else:
            self.tutorial_step = None
            self.invalidate()
            self.ensure_layout()
            self.focus_first()
            return
        self.invalidate()
        self.ensure_layout()
        self.ui.focus_key("tutorial_next", announce=False)
        self.app.announcer.say(self.tutorial_text())

    # ------------------------------------------------------------ the round

    def end_round(self) -> None:
        from game.ui.scenes.popups import EventPopup
        from game.ui.scenes.result import ResultScene

        if self.session.finished:
            return
        result = self.session.end_round()
        self.app.autosave(self.session)
        self.app.sound.play("round")
        self.queue = [
            EventPopup(self.app, self.session, event_id) for event_id in result.events
        ]
        self.queue.append(ResultScene(self.app, self.session, result))
        self.show_next()

    def show_next(self) -> None:
        if self.queue:
            self.waiting_for = self.queue.pop(0)
            self.app.stack.push(self.waiting_for)
            return
        self.waiting_for = None
        if self.session.finished:
            self.finish()
            return
        self.app.announcer.say(self.round_summary())
        self.focus_first()

    def finish(self) -> None:
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.whatif import CompareScene

        if self.timer is not None:
            self.timer.finish(self)
            return
        if self.session.branch_of is not None:
            self.app.stack.switch(
                CompareScene(self.app, self.session.branch_of, self.session)
            )
        else:
            self.app.stack.switch(DebriefScene(self.app, self.session))

    def resume(self, result, from_scene) -> None:
        if from_scene is self.waiting_for and from_scene is not None:
            self.invalidate()
            self.ensure_layout()
            self.ui.focus_index = None
            self.show_next()
            return
        super().resume(result, from_scene)

    # ----------------------------------------------------------------- draw

    def draw(self, surface) -> None:
        # Everything but the map's markers, the rows, the buttons and the focus
        # ring is drawn into a cached layer, rebuilt only when its content changes.
        ts = self.typesetter
        detail = self.detail_widget()
        key = (
            self.session.round,
            tuple(self.session.selected),
            self.scroll,
            self.lang,
            ts.scale,
            self.revealed,
            self.tutorial_step,
            detail.key if isinstance(detail, (ActionRow, NodeWidget)) else None,
        )
        if self._chrome is None or self._chrome_key != key:
            self._chrome = pygame.Surface(surface.get_size())
            self._chrome_key = key
            self.draw_chrome(self._chrome)
        surface.blit(self._chrome, (0, 0))
        self.map.draw(
            surface,
            self.session,
            ts,
            self.app.strings,
            self.app.time,
            self.revealed,
            self.app.settings.reduced_motion,
        )
        if self.tutorial_step is not None:
            card = self.tutorial_rect()
            draw_panel(surface, card, fill=theme.PANEL, border=theme.ACCENT, width=3)
            text = card.inflate(-32, -24)
            text.height -= theme.BUTTON_HEIGHT + 4
            ts.box(surface, text, self.tutorial_text(), "body")
        if self.timer is not None:
            self.timer.draw(self, surface)
        self.ui.draw(surface, ts)

    def draw_chrome(self, surface) -> None:
        surface.fill(theme.BACKGROUND)
        self.draw_header(surface)
        self.draw_strip(surface)
        self.draw_panel(surface)

    def invalidate(self) -> None:
        super().invalidate()
        self._chrome = None

    def draw_header(self, surface) -> None:
        ts = self.typesetter
        session = self.session
        simulation = session.simulation
        pygame.draw.rect(surface, theme.HEADER, (0, 0, 1280, HEADER_HEIGHT))
        rounds = session.scenario.goals.rounds
        round_text = self.s(
            "round_of", round=min(session.round + 1, rounds), rounds=rounds
        )
        phase = simulation.current_phase()
        phase_text = self.s(
            "phase_label",
            name=phase_name(session.scenario, phase, self.lang)
            if phase
            else self.s("phase_none"),
        )
        ts.box(
            surface,
            pygame.Rect(16, 6, 300, HEADER_HEIGHT - 12),
            f"{round_text}\n{phase_text}",
            "small",
            theme.TEXT_ON_DARK,
            valign="middle",
        )
        budget, capacity = session.remaining()
        resources = (
            f"{self.s('res_budget')}: {self.app.strings.money(budget)}\n"
            f"{self.s('res_capacity')}: {self.app.strings.number(capacity)} "
            f"{self.s('unit_person_days')}"
        )
        ts.box(
            surface,
            pygame.Rect(330, 6, 420, HEADER_HEIGHT - 12),
            resources,
            "small",
            theme.TEXT_ON_DARK,
            valign="middle",
        )
        ts.box(
            surface,
            pygame.Rect(760, 6, 180, HEADER_HEIGHT - 12),
            text_in(session.scenario.title, self.lang),
            "label",
            (200, 210, 225),
            valign="middle",
        )

    def draw_strip(self, surface) -> None:
        # Variables outside every cycle, then the legend of the map's symbols.
        ts = self.typesetter
        scenario = self.session.scenario
        in_loops = {v for loop in scenario.loops for v in loop.variables}
        others = [v for v in scenario.variables if v.id not in in_loops]
        draw_panel(surface, STRIP_RECT, fill=theme.PANEL)
        parts = [
            f"{text_in(v.name, self.lang)}: "
            f"{self.app.strings.number(self.session.simulation.value(v.id))}"
            for v in others
        ]
        half = STRIP_RECT.width // 2
        ts.box(
            surface,
            pygame.Rect(
                STRIP_RECT.left + 10,
                STRIP_RECT.top + 6,
                half - 20,
                STRIP_RECT.height - 12,
            ),
            "\n".join(parts),
            "label",
        )
        ts.box(
            surface,
            pygame.Rect(
                STRIP_RECT.left + half,
                STRIP_RECT.top + 6,
                half - 10,
                STRIP_RECT.height - 12,
            ),
            self.s("map_legend"),
            "label",
            theme.TEXT_MUTED,
        )

    def draw_panel(self, surface) -> None:
        ts = self.typesetter
        draw_panel(surface, PANEL_RECT)
        heading = pygame.Rect(
            PANEL_RECT.left + 12,
            PANEL_RECT.top + 6,
            PANEL_RECT.width - 24,
            ts.line_height("heading"),
        )
        hidden_above = self.scroll
        hidden_below = max(0, len(self.rows) - self.scroll - self.visible_rows())
        ts.box(surface, heading, self.s("actions_heading"), "heading")
        more = []
        if hidden_above:
            more.append(f"▲ {hidden_above}")
        if hidden_below:
            more.append(f"▼ {hidden_below}")
        if more:
            ts.box(
                surface,
                heading,
                "  ".join(more) + " " + self.s("more_actions"),
                "label",
                theme.TEXT_MUTED,
                align="right",
                valign="middle",
            )
        footer_height = self.footer_height()
        detail = self.detail_rect()
        draw_panel(surface, detail, fill=theme.PANEL_ALT, border=None)
        text = detail.inflate(-16, -12)
        text.height -= LEARN_MORE_HEIGHT + 6
        ts.box(
            surface,
            text,
            self.detail_text(),
            "label",
            min_shrink=0.7,
        )
        summary = pygame.Rect(
            PANEL_RECT.left + 12,
            PANEL_RECT.bottom - footer_height + 2,
            PANEL_RECT.width - 24,
            footer_height - theme.BUTTON_HEIGHT - 12,
        )
        ts.box(
            surface,
            summary,
            self.selection_text(),
            "label",
            theme.TEXT_MUTED,
            valign="middle",
        )

    def detail_text(self) -> str:
        widget = self.detail_widget()
        if isinstance(widget, ActionRow):
            return self.action_detail(widget.action_id)
        if isinstance(widget, NodeWidget):
            return self.variable_detail(widget.variable_id)
        return self.s("detail_hint")

    def action_detail(self, action_id: str) -> str:
        scenario = self.session.scenario
        strings = self.app.strings
        action = scenario.action(action_id)
        lines = [
            text_in(action.name, self.lang) + " — " + self.cost_text(action),
            text_in(action.explanation, self.lang),
        ]
        effects = describe_effects(action.immediate, scenario, strings)
        if effects:
            lines.append(self.s("detail_effects") + " " + ", ".join(effects))
        ongoing = describe_effects(action.ongoing, scenario, strings)
        if ongoing:
            lines.append(self.s("detail_ongoing") + " " + ", ".join(ongoing))
        if action.prerequisites:
            needed = describe_conditions(action.prerequisites, scenario, strings)
            lines.append(self.s("detail_prerequisites") + " " + "; ".join(needed))
        status = self.session.can_select(action_id)
        if not status.available and action_id not in self.session.selected:
            reasons = [
                describe_reason(code, params, scenario, strings, action_id)
                for code, params in status.reasons
                if code != "prerequisites"
            ]
            if reasons:
                lines.append("⊘ " + " ".join(reasons))
        return "\n".join(lines)

    def variable_detail(self, variable_id: str) -> str:
        scenario = self.session.scenario
        variable = scenario.variable(variable_id)
        value = self.session.simulation.value(variable_id)
        lines = [
            f"{text_in(variable.name, self.lang)}: {self.app.strings.number(value)}",
            text_in(variable.explanation, self.lang),
        ]
        if variable.desirable == "low":
            lines.append(self.s("detail_lower_better"))
        outgoing = [
            f"{'+' if link.polarity > 0 else '−'} "
            f"{variable_name(scenario, link.target, self.lang)}"
            for link in scenario.links
            if link.source == variable_id
        ]
        if outgoing:
            lines.append(self.s("detail_drives") + " " + ", ".join(outgoing))
        return "\n".join(lines)
