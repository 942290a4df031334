"""Workshop mode: set choice, team name, timer settings and the result code.

The path is title → :class:`WorkshopSetScene` → :class:`TeamNameScene` →
:class:`TimerSettingsScene` → :class:`WorkshopBriefingScene` → rounds with a
:class:`~game.ui.timer_overlay.TimerOverlay` → :class:`WorkshopResultScene`,
which offers the normal debrief and then the set's next scenario.
"""

from __future__ import annotations

import logging

import pygame

from game.sim.model import text_in
from game.ui import theme, web_bridge
from game.ui.scene import Scene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.common import HEADER_HEIGHT, button_row, draw_header
from game.ui.scenes.debrief import DebriefScene
from game.ui.session import GameSession
from game.ui.timer_overlay import TimerOverlay
from game.ui.widgets import Widget, draw_dashed_rect, draw_panel
from game.ui.workshop import (
    SetChoice,
    WorkshopPlan,
    draw_free_seed,
    format_seconds,
    load_set_choices,
    result_folder,
    save_result_file,
    spell_code,
)
from game.workshop.codes import encode_simulation
from game.workshop.resultfile import result_file_json, result_file_name
from game.workshop.teams import TEAM_NAMES, TeamNameError, normalize_team_name

log = logging.getLogger(__name__)

#: Preset names per row of the team name list.
NAME_COLUMNS = 6
#: Code groups per row on the result screen.
GROUPS_PER_ROW = 5
#: Largest font size of the code, before the text size factor.
CODE_SIZE = 46


def _sentence(text: str) -> str:
    """Return a catalogue message with a capital first letter, as the UI shows it."""
    return text[:1].upper() + text[1:]


def _bottom_button(x: int, width: int) -> pygame.Rect:
    return pygame.Rect(
        x, 720 - theme.MARGIN - theme.BUTTON_HEIGHT, width, theme.BUTTON_HEIGHT
    )


# ------------------------------------------------------------- set choice


class SetCard(Widget):
    """A scenario set: title, audience, duration and its scenarios with times."""

    def __init__(self, rect, scene: WorkshopSetScene, choice: SetChoice):
        usable = choice.problem is None and not scene.missing_scenarios(choice)
        super().__init__(
            rect,
            self.card_label,
            lambda: scene.choose(choice),
            enabled=usable,
            role="role_option",
            key=f"set:{choice.id}",
        )
        self.scene = scene
        self.choice = choice

    def facts(self) -> str:
        data = self.choice.data
        return self.scene.s(
            "ws_set_facts",
            minutes=data["duration_minutes"],
            teams=data["teams"],
            audience=text_in(data["audience"], self.scene.lang),
        )

    def scenario_lines(self) -> list[str]:
        scene = self.scene
        lines = []
        for number, entry in enumerate(self.choice.entries, start=1):
            scenario = scene.app.source.scenario(entry["scenario_id"])
            name = (
                text_in(scenario.title, scene.lang)
                if scenario is not None
                else entry["scenario_id"]
            )
            lines.append(
                scene.s(
                    "ws_set_scenario_line",
                    number=number,
                    name=name,
                    rounds=entry["rounds"],
                    time=format_seconds(entry["seconds_per_round"]),
                )
            )
        return lines

    def card_label(self) -> str:
        scene = self.scene
        if self.choice.problem is not None:
            return scene.s(
                "ws_set_broken", name=self.choice.name, problem=self.problem_text()
            )
        text = f"{text_in(self.choice.data['title'], scene.lang)}. {self.facts()} "
        text += " ".join(self.scenario_lines())
        missing = scene.missing_scenarios(self.choice)
        if missing:
            text += " " + scene.s("ws_set_missing", ids=", ".join(missing))
        return text

    def problem_text(self) -> str:
        return self.choice.problem.get(self.scene.lang, self.choice.problem["de"])

    def draw(self, surface, ts, focused, hovered) -> None:
        rect = self.rect
        inner = rect.inflate(-32, -24)
        if not self.enabled:
            pygame.draw.rect(surface, theme.PANEL_ALT, rect, border_radius=theme.RADIUS)
            draw_dashed_rect(surface, theme.VICIOUS, rect, width=2)
            ts.box(surface, inner, "⚠ " + self.card_label(), "small")
            return
        draw_panel(
            surface,
            rect,
            fill=theme.SELECTED_TINT if hovered else theme.PANEL,
            border=theme.TEXT_MUTED,
        )
        lang = self.scene.lang
        title_height = ts.line_height("heading") * 2
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, title_height),
            text_in(self.choice.data["title"], lang),
            "heading",
        )
        y = inner.top + used + 8
        facts_height = ts.line_height("small") * 3
        used = ts.box(
            surface,
            pygame.Rect(inner.left, y, inner.width, facts_height),
            self.facts(),
            "small",
            theme.TEXT_MUTED,
        )
        y += used + 10
        ts.box(
            surface,
            pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
            self.scene.s("ws_set_scenarios") + "\n" + "\n".join(self.scenario_lines()),
            "body",
        )


class WorkshopSetScene(Scene):
    """First workshop step: pick the facilitator's scenario set."""

    NAME = "ws_set"
    ESCAPE_POPS = True

    def __init__(self, app, choices: list[SetChoice] | None = None):
        super().__init__(app)
        self.choices = choices if choices is not None else load_set_choices(app.web)

    def title(self) -> str:
        return self.s("ws_set_heading") + ". " + self.s("ws_set_intro")

    def missing_scenarios(self, choice: SetChoice) -> list[str]:
        return [
            entry["scenario_id"]
            for entry in choice.entries
            if self.app.source.scenario(entry["scenario_id"]) is None
        ]

    def layout(self) -> None:
        # NOTE: four sets fit on the screen, and further ones are not shown yet.
        shown = self.choices[:4]
        columns = 2
        rows = max(1, (len(shown) + 1) // 2)
        top = HEADER_HEIGHT + 24 + self.typesetter.line_height("body") * 2
        bottom = 720 - theme.MARGIN - theme.BUTTON_HEIGHT - 20
        width = (1280 - 2 * theme.MARGIN - 24) // columns
        height = (bottom - top - (rows - 1) * 20) // rows
        widgets: list[Widget] = []
        for index, choice in enumerate(shown):
            column, row = index % columns, index // columns
            rect = (
                theme.MARGIN + column * (width + 24),
                top + row * (height + 20),
                width,
                height,
            )
            widgets.append(SetCard(rect, self, choice))
        widgets.append(
            Widget(
                _bottom_button(theme.MARGIN, 220),
                lambda: self.s("back"),
                self.app.stack.pop,
                key="back",
            )
        )
        self.ui.set_widgets(widgets)

    def choose(self, choice: SetChoice) -> None:
        plan = WorkshopPlan(choice, free_seed=draw_free_seed(self.app.new_seed()))
        plan.reset_timer_setting()
        log.info("Workshop set %s chosen", choice.id)
        self.app.stack.push(TeamNameScene(self.app, plan))

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(surface, ts, self.s("ws_set_heading"), self.s("ws_mode_label"))
        text = self.s("ws_set_intro") if self.choices else self.s("ws_set_none")
        ts.box(
            surface,
            pygame.Rect(
                theme.MARGIN,
                HEADER_HEIGHT + 12,
                1280 - 2 * theme.MARGIN,
                ts.line_height("body") * 2,
            ),
            text,
            "body",
        )
        self.ui.draw(surface, ts)


# -------------------------------------------------------------- team name


class TeamField(Widget):
    """The team name input: typed text with a caret, or a placeholder."""

    def __init__(self, rect, scene: TeamNameScene):
        super().__init__(
            rect,
            lambda: scene.s("ws_team_field"),
            scene.submit,
            state=lambda: scene.text or scene.s("ws_team_field_empty"),
            role="ws_role_text_field",
            key="team_field",
        )
        self.scene = scene

    def draw(self, surface, ts, focused, hovered) -> None:
        scene = self.scene
        border = theme.BAD if scene.error else theme.ACCENT
        draw_panel(surface, self.rect, fill=theme.PANEL, border=border, width=2)
        inner = self.rect.inflate(-24, -8)
        if scene.text:
            text, colour = scene.text + ("|" if focused else ""), theme.TEXT
        else:
            text, colour = scene.s("ws_team_placeholder"), theme.TEXT_MUTED
        ts.box(surface, inner, text, "body", colour, valign="middle")


class TeamNameScene(Scene):
    """Second step: type a team name or pick a preset name from the list."""

    NAME = "ws_team"
    ESCAPE_POPS = True

    def __init__(self, app, plan: WorkshopPlan):
        super().__init__(app)
        self.plan = plan
        self.text = plan.team
        #: The localized reason the last name was rejected, shown under the field.
        self.error = ""
        self._error_source: TeamNameError | None = None

    def title(self) -> str:
        return self.s("ws_team_heading") + ". " + self.s("ws_team_intro")

    # --------------------------------------------------------------- layout

    def field_rect(self) -> pygame.Rect:
        top = HEADER_HEIGHT + 20 + self.typesetter.line_height("body") * 3
        return pygame.Rect(theme.MARGIN, top, 560, 52)

    def list_area(self) -> pygame.Rect:
        field = self.field_rect()
        top = (
            field.bottom
            + 12
            + self.error_height()
            + self.typesetter.line_height("bold")
            + 12
        )
        bottom = 720 - theme.MARGIN - theme.BUTTON_HEIGHT - 16
        return pygame.Rect(theme.MARGIN, top, 1280 - 2 * theme.MARGIN, bottom - top)

    def error_height(self) -> int:
        return self.typesetter.line_height("small") * 2 + 12

    def layout(self) -> None:
        field = self.field_rect()
        widgets: list[Widget] = [TeamField(field, self)]
        widgets.append(
            Widget(
                (field.right + 16, field.top + 4, 240, theme.BUTTON_HEIGHT),
                lambda: self.s("ws_team_confirm"),
                self.submit,
                variant="primary",
                key="team_confirm",
            )
        )
        area = self.list_area()
        rows = -(-len(TEAM_NAMES) // NAME_COLUMNS)
        gap = 6
        width = (area.width - (NAME_COLUMNS - 1) * gap) // NAME_COLUMNS
        height = min(theme.BUTTON_HEIGHT, (area.height - (rows - 1) * gap) // rows)
        for index, name in enumerate(TEAM_NAMES):
            column, row = index % NAME_COLUMNS, index // NAME_COLUMNS
            widgets.append(
                Widget(
                    (
                        area.left + column * (width + gap),
                        area.top + row * (height + gap),
                        width,
                        height,
                    ),
                    name,
                    lambda name=name: self.pick(name),
                    state=lambda name=name: (
                        self.s("state_selected") if name == self.text else ""
                    ),
                    role="role_option",
                    key=f"team:{name}",
                )
            )
        widgets.append(
            Widget(
                _bottom_button(theme.MARGIN, 220),
                lambda: self.s("back"),
                self.app.stack.pop,
                key="back",
            )
        )
        self.ui.set_widgets(widgets)

    def focus_first(self) -> None:
        self.ui.focus_key("team_field")

    # ---------------------------------------------------------------- input

    def handle(self, event) -> bool:
        field_focused = self.ui.focused_key() == "team_field"
        if event.type == pygame.TEXTINPUT:
            # Space on a list button activates it; any other typing edits the name.
            if not field_focused and event.text.isspace():
                return False
            if not field_focused:
                self.ui.focus_key("team_field", announce=False)
            self.edit(self.text + event.text)
            return True
        if event.type == pygame.KEYDOWN and field_focused:
            if event.key == pygame.K_BACKSPACE:
                self.edit(self.text[:-1])
                return True
            if event.key == pygame.K_SPACE:
                # The space arrives as text input; it must not activate the field.
                return True
        return super().handle(event)

    def edit(self, text: str) -> None:
        self.text = text
        self.error = ""
        self._error_source = None

    def pick(self, name: str) -> None:
        self.edit(name)
        self.ui.focus_key("team_confirm", announce=False)
        self.app.announcer.say(self.s("ws_team_picked", name=name))

    def submit(self) -> None:
        try:
            team = normalize_team_name(self.text)
        except TeamNameError as error:
            self._error_source = error
            self.error = _sentence(error.message(self.lang))
            self.ui.focus_key("team_field", announce=False)
            self.app.announcer.say(self.s("ws_team_error", message=self.error))
            return
        self.plan.team = team
        self.text = team
        self.app.stack.push(TimerSettingsScene(self.app, self.plan))

    def invalidate(self) -> None:
        super().invalidate()
        # A language switch shows the current error in the new language.
        if self._error_source is not None:
            self.error = _sentence(self._error_source.message(self.lang))

    # ----------------------------------------------------------------- draw

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(surface, ts, self.s("ws_team_heading"), self.plan_label())
        ts.box(
            surface,
            pygame.Rect(
                theme.MARGIN,
                HEADER_HEIGHT + 12,
                1280 - 2 * theme.MARGIN,
                ts.line_height("body") * 3,
            ),
            self.s("ws_team_intro")
            + (" " + self.s("ws_team_touch_hint") if self.app.web else ""),
            "body",
        )
        field = self.field_rect()
        error_rect = pygame.Rect(
            field.left, field.bottom + 6, 1280 - 2 * theme.MARGIN, self.error_height()
        )
        if self.error:
            draw_panel(surface, error_rect, fill=theme.VICIOUS_TINT, border=theme.BAD)
            ts.box(
                surface,
                error_rect.inflate(-16, -8),
                "⚠ " + self.error,
                "small",
                valign="middle",
            )
        area = self.list_area()
        heading_height = ts.line_height("bold")
        ts.box(
            surface,
            pygame.Rect(
                area.left, area.top - heading_height - 8, area.width, heading_height
            ),
            self.s("ws_team_list_heading"),
            "bold",
        )
        self.ui.draw(surface, ts)

    def plan_label(self) -> str:
        return text_in(self.plan.choice.data["title"], self.lang)


# --------------------------------------------------------- timer settings


class TimerSettingsScene(Scene):
    """Third step, for the facilitator: round time, seed and how the timer works."""

    NAME = "ws_timer"
    ESCAPE_POPS = True

    def __init__(self, app, plan: WorkshopPlan):
        super().__init__(app)
        self.plan = plan

    def scenario(self):
        return self.app.source.scenario(self.plan.scenario_id)

    def title(self) -> str:
        return f"{self.s('ws_timer_heading')}. {self.summary_text()}"

    def time_text(self) -> str:
        return self.s(
            "ws_timer_value", time=format_seconds(self.plan.seconds_per_round)
        )

    def summary_text(self) -> str:
        plan = self.plan
        scenario = self.scenario()
        rounds = scenario.goals.rounds
        lines = [
            self.s(
                "ws_timer_scenario",
                number=plan.index + 1,
                count=len(plan.choice.entries),
                name=text_in(scenario.title, self.lang),
                rounds=rounds,
            ),
            self.s("ws_timer_team", team=plan.team),
            self.time_text()
            + " "
            + self.s("ws_timer_preset", time=format_seconds(plan.preset_seconds)),
            self.s(
                "ws_timer_total",
                minutes=-(-rounds * plan.seconds_per_round // 60),
            ),
            self.s(
                "ws_timer_seed_shared" if plan.shared_seed else "ws_timer_seed_free",
                seed=plan.seed,
            ),
        ]
        return "\n".join(lines)

    def rules_text(self) -> str:
        return self.s("ws_timer_rules")

    def layout(self) -> None:
        y = HEADER_HEIGHT + 24 + self.summary_height() + 16
        specs = [
            ("timer_less", "ws_timer_less", lambda: self.adjust(-1), 220),
            ("timer_more", "ws_timer_more", lambda: self.adjust(1), 220),
            ("timer_preset", "ws_timer_reset", self.reset_preset, 340),
        ]
        widgets = []
        x = theme.MARGIN
        for key, string_id, callback, width in specs:
            widgets.append(
                Widget(
                    (x, y, width, theme.BUTTON_HEIGHT),
                    lambda string_id=string_id: self.s(string_id),
                    callback,
                    state=self.time_text,
                    key=key,
                )
            )
            x += width + theme.GAP
        widgets += button_row(
            [
                ("back", lambda: self.s("back"), "secondary", self.app.stack.pop),
                (
                    "timer_start",
                    lambda: self.s("ws_timer_start"),
                    "primary",
                    self.start,
                ),
            ],
            right=1280 - theme.MARGIN,
            bottom=720 - theme.MARGIN,
            width=300,
        )
        self.ui.set_widgets(widgets)

    def focus_first(self) -> None:
        self.ui.focus_key("timer_start")

    def summary_height(self) -> int:
        return self.typesetter.line_height("body") * 6

    def adjust(self, steps: int) -> None:
        self.plan.adjust_seconds(steps)
        self.app.announcer.say(self.time_text())

    def reset_preset(self) -> None:
        self.plan.reset_timer_setting()
        self.app.announcer.say(self.time_text())

    def start(self) -> None:
        self.app.stack.push(WorkshopBriefingScene(self.app, self.scenario(), self.plan))

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(
            surface, ts, self.s("ws_timer_heading"), self.s("ws_timer_for_facilitator")
        )
        width = 1280 - 2 * theme.MARGIN
        ts.box(
            surface,
            pygame.Rect(theme.MARGIN, HEADER_HEIGHT + 24, width, self.summary_height()),
            self.summary_text(),
            "body",
        )
        top = HEADER_HEIGHT + 24 + self.summary_height() + 16 + theme.BUTTON_HEIGHT + 24
        rules = pygame.Rect(
            theme.MARGIN,
            top,
            width,
            720 - theme.MARGIN - theme.BUTTON_HEIGHT - 20 - top,
        )
        draw_panel(surface, rules, fill=theme.PANEL)
        ts.box(surface, rules.inflate(-32, -24), self.rules_text(), "body")
        self.ui.draw(surface, ts)


class WorkshopBriefingScene(BriefingScene):
    """The scenario briefing whose start button begins a timed workshop game."""

    def __init__(self, app, scenario, plan: WorkshopPlan):
        super().__init__(app, scenario)
        self.plan = plan

    def start(self) -> None:
        from game.ui.scenes.round import RoundScene

        # Workshop games are not autosaved (see App.autosave): the save would
        # replace the player's own game.
        session = GameSession(self.scenario, self.plan.seed)
        session.workshop = True
        self.app.session = session
        timer = TimerOverlay(self.plan.seconds_per_round, self.finished)
        log.info(
            "Workshop game of %s started, seed %d, %d s per round",
            self.scenario.id,
            self.plan.seed,
            self.plan.seconds_per_round,
        )
        self.app.stack.reset(RoundScene(self.app, session, timer=timer))

    def finished(self, round_scene) -> None:
        self.app.stack.switch(
            WorkshopResultScene(self.app, self.plan, round_scene.session)
        )


# ------------------------------------------------------------------ result


class WorkshopResultScene(Scene):
    """The team's result code, large and in groups, with the result file."""

    NAME = "ws_result"

    def __init__(self, app, plan: WorkshopPlan, session: GameSession):
        super().__init__(app)
        self.plan = plan
        self.session = session
        self.code = encode_simulation(session.simulation, plan.team)
        plan.results[session.scenario.id] = self.code
        #: UI text about the last save or download, shown under the buttons.
        self.notice = ""

    # ---------------------------------------------------------------- texts

    def outcome_text(self) -> str:
        return self.s("outcome_" + (self.session.simulation.outcome or "lost"))

    def spoken_code(self) -> str:
        groups = spell_code(self.code)
        parts = [
            self.s("ws_result_group", number=number, characters=characters)
            for number, characters in enumerate(groups, start=1)
        ]
        return self.s("ws_result_spoken", count=len(groups), groups=" ".join(parts))

    def facts(self) -> str:
        return self.s(
            "ws_result_facts",
            outcome=self.outcome_text(),
            rounds=self.session.round,
            seed=self.session.seed,
        )

    def title(self) -> str:
        return (
            f"{self.heading()}. {self.facts()}. {self.spoken_code()} "
            f"{self.s('ws_result_explain')}"
        )

    def heading(self) -> str:
        return self.s("ws_result_heading", team=self.plan.team)

    # --------------------------------------------------------------- layout

    def layout(self) -> None:
        file_label = "ws_result_download" if self.app.web else "ws_result_save"
        specs = [
            ("repeat_code", "ws_result_repeat", self.repeat_code),
            ("result_file", file_label, self.offer_file),
            ("debrief", "ws_result_debrief", self.open_debrief),
        ]
        if self.plan.has_next:
            specs.append(("next_scenario", "ws_result_next", self.next_scenario))
        else:
            specs.append(("to_title", "ws_result_finish", self.to_title))
        width = (1280 - 2 * theme.MARGIN - (len(specs) - 1) * theme.GAP) // len(specs)
        widgets = []
        for index, (key, string_id, callback) in enumerate(specs):
            widgets.append(
                Widget(
                    _bottom_button(theme.MARGIN + index * (width + theme.GAP), width),
                    lambda string_id=string_id: self.s(string_id),
                    callback,
                    variant="primary" if index == len(specs) - 1 else "secondary",
                    key=key,
                )
            )
        self.ui.set_widgets(widgets)

    def focus_first(self) -> None:
        self.ui.focus_key("repeat_code", announce=False)

    # -------------------------------------------------------------- actions

    def repeat_code(self) -> None:
        self.app.announcer.say(self.spoken_code())

    def offer_file(self) -> None:
        simulation = self.session.simulation
        if self.app.web:
            name = result_file_name(simulation.scenario.id, self.plan.team)
            text = result_file_json(simulation, self.plan.team)
            if web_bridge.download(name, text):
                self.notice = self.s("ws_result_downloaded", name=name)
            else:
                self.notice = self.s("ws_result_download_failed")
        else:
            folder = result_folder(self.app.store)
            if folder is None:
                self.notice = self.s("ws_result_no_folder")
            else:
                try:
                    path = save_result_file(folder, simulation, self.plan.team)
                except OSError as error:
                    log.error("Saving the result file failed: %s", error)
                    self.notice = self.s("ws_result_save_failed", reason=str(error))
                else:
                    self.notice = self.s("ws_result_saved", path=str(path))
        self.app.announcer.say(self.notice)

    def open_debrief(self) -> None:
        self.app.stack.push(WorkshopDebriefScene(self.app, self.session))

    def next_scenario(self) -> None:
        self.plan.index += 1
        self.plan.reset_timer_setting()
        self.app.stack.push(TimerSettingsScene(self.app, self.plan))

    def to_title(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.stack.reset(TitleScene(self.app))

    def escape(self) -> bool:
        # Escape does nothing, so the code cannot vanish by accident.
        return True

    # ----------------------------------------------------------------- draw

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        scenario = self.session.scenario
        draw_header(surface, ts, self.heading(), text_in(scenario.title, self.lang))
        width = 1280 - 2 * theme.MARGIN
        y = HEADER_HEIGHT + 16
        used = ts.box(
            surface,
            pygame.Rect(theme.MARGIN, y, width, ts.line_height("bold") * 2),
            self.facts(),
            "bold",
        )
        y += used + 12
        code_rect = pygame.Rect(theme.MARGIN, y, width, 250)
        draw_panel(surface, code_rect, fill=theme.PANEL, border=theme.ACCENT, width=2)
        self.draw_code(surface, code_rect.inflate(-32, -24))
        y = code_rect.bottom + 12
        bottom = 720 - theme.MARGIN - theme.BUTTON_HEIGHT - 12
        notice_height = ts.line_height("small") * 2 if self.notice else 0
        ts.box(
            surface,
            pygame.Rect(theme.MARGIN, y, width, bottom - y - notice_height),
            self.s("ws_result_explain"),
            "body",
        )
        if self.notice:
            ts.box(
                surface,
                pygame.Rect(theme.MARGIN, bottom - notice_height, width, notice_height),
                self.notice,
                "small",
                theme.TEXT_MUTED,
            )
        self.ui.draw(surface, ts)

    def draw_code(self, surface, area: pygame.Rect) -> None:
        """Draw the code groups in a grid, each with its number above it."""
        ts = self.typesetter
        groups = self.code.split("-")
        rows = -(-len(groups) // GROUPS_PER_ROW)
        label_height = ts.line_height("label")
        cell_width = area.width // GROUPS_PER_ROW
        row_height = area.height // rows
        size = round(CODE_SIZE * ts.scale)
        font = ts.font("mono", size)
        # Shrink until the widest group fits its cell and a row its height.
        while size > 12 and (
            font.size("W" * 5)[0] > cell_width - 16
            or font.get_linesize() + label_height > row_height
        ):
            size -= 2
            font = ts.font("mono", size)
        for index, group in enumerate(groups):
            column, row = index % GROUPS_PER_ROW, index // GROUPS_PER_ROW
            cell = pygame.Rect(
                area.left + column * cell_width,
                area.top + row * row_height,
                cell_width,
                row_height,
            )
            number = ts.render(str(index + 1), "label", theme.TEXT_MUTED)
            surface.blit(number, number.get_rect(midtop=(cell.centerx, cell.top)))
            text = ts.render(group, "mono", theme.TEXT, size)
            surface.blit(
                text,
                text.get_rect(
                    center=(
                        cell.centerx,
                        cell.top + label_height + (cell.height - label_height) // 2,
                    )
                ),
            )


class WorkshopDebriefScene(DebriefScene):
    """The normal debrief, where the first button and Escape return to the code."""

    ESCAPE_POPS = True

    def layout(self) -> None:
        super().layout()
        widgets = [
            Widget(
                widget.rect,
                lambda: self.s("ws_debrief_back"),
                self.app.stack.pop,
                key="back_to_code",
            )
            if widget.key == "to_title"
            else widget
            for widget in self.ui.widgets
        ]
        self.ui.set_widgets(widgets)
