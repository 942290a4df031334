"""The learning hub: choose a path, a module and a lesson; see progress per path."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.content_source import TUTORIAL_ID
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.scenes.lesson import LessonScene, pick
from game.ui.widgets import Widget, draw_panel, place_rows, scroll_for

BUTTON_TOP = 720 - 24 - theme.BUTTON_HEIGHT
COLUMNS_TOP = HEADER_HEIGHT + 16
COLUMNS_BOTTOM = BUTTON_TOP - 16
PATH_RECT = pygame.Rect(24, COLUMNS_TOP, 400, COLUMNS_BOTTOM - COLUMNS_TOP)
MODULE_RECT = pygame.Rect(440, COLUMNS_TOP, 380, COLUMNS_BOTTOM - COLUMNS_TOP)
LESSON_RECT = pygame.Rect(836, COLUMNS_TOP, 420, COLUMNS_BOTTOM - COLUMNS_TOP)


class HubRow(Widget):
    """A row of one column; the chosen path and module are outlined."""

    def __init__(self, label, on_activate, key: str, chosen=lambda: False, state=None):
        super().__init__((0, 0, 0, 0), label, on_activate, state=state, key=key)
        self.chosen = chosen

    def draw(self, surface, ts, focused, hovered) -> None:
        chosen = self.chosen()
        fill = theme.SELECTED_TINT if hovered or chosen else theme.PANEL
        draw_panel(
            surface,
            self.rect,
            fill=fill,
            border=theme.ACCENT if chosen else theme.BORDER,
            width=2 if chosen else 1,
        )
        text = self.rect.inflate(-16, -8)
        if chosen:
            marker = ts.render("▶", "label", theme.ACCENT)
            surface.blit(
                marker,
                marker.get_rect(midright=(self.rect.right - 6, self.rect.centery)),
            )
            text.width -= 14
        ts.box(surface, text, self.label, "label", valign="middle")


class LearningHubScene(Scene):
    NAME = "learning"
    ESCAPE_POPS = True

    def __init__(self, app):
        super().__init__(app)
        self.path_index = 0
        self.module_index = 0
        self.scroll = {"paths": 0, "modules": 0, "lessons": 0}
        self.fits = {"paths": 1, "modules": 1, "lessons": 1}
        self.columns: dict[str, list[Widget]] = {
            "paths": [],
            "modules": [],
            "lessons": [],
        }
        current = self.library.progress.get("current") if self.library.data else None
        found = self.library.path_of(current) if current else None
        if found is not None:
            self.path_index = self.library.paths().index(found[0])
            self.module_index = found[0]["modules"].index(found[1])

    @property
    def library(self):
        return self.app.learning

    # ------------------------------------------------------------- texts

    def title(self) -> str:
        if self.library.data is None:
            return f"{self.s('learn_hub_heading')}. {self.unavailable_text()}"
        names = "; ".join(self.path_label(path) for path in self.library.paths())
        return f"{self.s('learn_hub_heading')}. {self.s('learn_hub_hint')} {names}"

    def unavailable_text(self) -> str:
        return self.s("learn_unavailable", detail=self.library.unavailable or "")

    def path(self) -> dict:
        return self.library.paths()[self.path_index]

    def module(self) -> dict:
        return self.path()["modules"][self.module_index]

    def path_label(self, path: dict) -> str:
        summary = self.library.path_summary(path["id"])
        return (
            pick(path["title"], self.lang)
            + "\n"
            + self.s(
                "learn_path_progress",
                visited=summary["lessons_visited"],
                lessons=summary["lessons_total"],
                correct=summary["checks_correct"],
                checks=summary["checks_total"],
            )
            + " · "
            + self.s("learn_minutes", minutes=path["duration_minutes"])
        )

    def module_label(self, module: dict) -> str:
        visited = sum(self.library.visited(lesson) for lesson in module["lessons"])
        return (
            pick(module["title"], self.lang)
            + "\n"
            + self.s(
                "learn_module_progress", visited=visited, lessons=len(module["lessons"])
            )
        )

    def lesson_label(self, lesson_id: str) -> str:
        lesson = self.library.lesson(lesson_id)
        mark = "✓" if self.library.visited(lesson_id) else "○"
        checks = lesson["checks"]
        correct = sum(self.library.check_state(c["key"]) == "correct" for c in checks)
        detail = self.s("learn_minutes", minutes=lesson["duration_minutes"])
        if checks:
            detail += " · " + self.s(
                "learn_checks_state", correct=correct, total=len(checks)
            )
        return f"{mark} {pick(lesson['title'], self.lang)}\n{detail}"

    def lesson_state(self, lesson_id: str) -> str:
        return self.s(
            "learn_state_visited"
            if self.library.visited(lesson_id)
            else "learn_state_new"
        )

    # ------------------------------------------------------------ layout

    def layout(self) -> None:
        widgets: list[Widget] = []
        self.columns = {"paths": [], "modules": [], "lessons": []}
        if self.library.data is not None:
            for index, path in enumerate(self.library.paths()):
                self.columns["paths"].append(
                    HubRow(
                        lambda path=path: self.path_label(path),
                        lambda index=index: self.choose_path(index),
                        f"path:{path['id']}",
                        chosen=lambda index=index: index == self.path_index,
                        state=lambda index=index: (
                            self.s("state_chosen") if index == self.path_index else ""
                        ),
                    )
                )
            for index, module in enumerate(self.path()["modules"]):
                self.columns["modules"].append(
                    HubRow(
                        lambda module=module: self.module_label(module),
                        lambda index=index: self.choose_module(index),
                        f"module:{module['id']}",
                        chosen=lambda index=index: index == self.module_index,
                        state=lambda index=index: (
                            self.s("state_chosen") if index == self.module_index else ""
                        ),
                    )
                )
            for lesson_id in self.module()["lessons"]:
                self.columns["lessons"].append(
                    HubRow(
                        lambda lesson_id=lesson_id: self.lesson_label(lesson_id),
                        lambda lesson_id=lesson_id: self.open_lesson(lesson_id),
                        f"lesson:{lesson_id}",
                        state=lambda lesson_id=lesson_id: self.lesson_state(lesson_id),
                    )
                )
            for rows in self.columns.values():
                widgets += rows
        widgets.append(
            Widget(
                (24, BUTTON_TOP, 220, theme.BUTTON_HEIGHT),
                lambda: self.s("back"),
                self.app.stack.pop,
                key="back",
            )
        )
        widgets.append(
            Widget(
                (1280 - 24 - 420, BUTTON_TOP, 420, theme.BUTTON_HEIGHT),
                lambda: self.s("learn_tutorial"),
                self.start_tutorial,
                key="tutorial",
            )
        )
        self.ui.set_widgets(widgets)
        self.place()

    def row_height(self, rows: list[Widget], width: int) -> int:
        ts = self.typesetter
        lines = max(
            [len(ts.wrap(row.label, "label", width - 30)) for row in rows] or [2]
        )
        return max(2, lines) * ts.line_height("label") + 12

    def list_area(self, rect: pygame.Rect) -> pygame.Rect:
        heading = self.typesetter.line_height("bold") + 16
        return pygame.Rect(
            rect.left + 12,
            rect.top + heading,
            rect.width - 24,
            rect.height - heading - 12,
        )

    def description_height(self) -> int:
        if self.library.data is None:
            return 0
        text = self.path_description()
        if not text:
            return 0
        return self.typesetter.measure(text, "small", PATH_RECT.width - 24) + 12

    def path_description(self) -> str:
        """Return the chosen path's description and audience, as far as they fit.

        The path rows come first: at large text sizes the description is
        left out, then the audience too, rather than hiding a path.
        """
        path = self.path()
        audience = self.s("learn_audience", audience=pick(path["audience"], self.lang))
        full = pick(path["description"], self.lang) + "\n" + audience
        rows = self.columns["paths"]
        area = self.list_area(PATH_RECT)
        needed = len(rows) * (self.row_height(rows, area.width) + 6)
        ts = self.typesetter
        for text in (full, audience):
            if needed + ts.measure(text, "small", area.width) + 12 <= area.height:
                return text
        return ""

    def place(self) -> None:
        for name, rect in (
            ("paths", PATH_RECT),
            ("modules", MODULE_RECT),
            ("lessons", LESSON_RECT),
        ):
            rows = self.columns[name]
            if not rows:
                continue
            area = self.list_area(rect)
            if name == "paths":
                area.height -= self.description_height()
            self.fits[name] = place_rows(
                rows, area, self.row_height(rows, area.width), self.scroll[name]
            )

    def focus_first(self) -> None:
        current = self.library.progress.get("current") if self.library.data else None
        if current and self.ui.focus_key(f"lesson:{current}", announce=False):
            return
        if self.columns["paths"]:
            self.ui.focus_key(
                self.columns["paths"][self.path_index].key, announce=False
            )
        else:
            self.ui.focus_key("back", announce=False)

    # ------------------------------------------------------------- input

    def handle(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            for name, rect in (
                ("paths", PATH_RECT),
                ("modules", MODULE_RECT),
                ("lessons", LESSON_RECT),
            ):
                if rect.collidepoint(self.ui.pointer):
                    limit = max(0, len(self.columns[name]) - self.fits[name])
                    self.scroll[name] = min(limit, max(0, self.scroll[name] - event.y))
                    self.place()
                    return True
        used = super().handle(event)
        if event.type == pygame.KEYDOWN:
            widget = self.ui.focused
            for name, rows in self.columns.items():
                if widget in rows:
                    self.scroll[name] = scroll_for(
                        rows.index(widget), self.scroll[name], self.fits[name]
                    )
            self.place()
        return used

    def choose_path(self, index: int) -> None:
        self.path_index = index
        self.module_index = 0
        self.scroll["modules"] = self.scroll["lessons"] = 0
        self.refresh()
        path = self.path()
        self.ui.focus_key(self.columns["modules"][0].key, announce=False)
        self.app.announcer.say(
            f"{pick(path['title'], self.lang)}: {self.s('state_chosen')}. "
            f"{self.path_description()} "
            + self.ui.focused.announcement(self.app.strings)
        )

    def choose_module(self, index: int) -> None:
        self.module_index = index
        self.scroll["lessons"] = 0
        self.refresh()
        module = self.module()
        self.ui.focus_key(self.columns["lessons"][0].key, announce=False)
        description = pick(module.get("description"), self.lang) or ""
        self.app.announcer.say(
            f"{pick(module['title'], self.lang)}: {self.s('state_chosen')}. {description} "
            + self.ui.focused.announcement(self.app.strings)
        )

    def refresh(self) -> None:
        self.invalidate()
        self.ensure_layout()

    def open_lesson(self, lesson_id: str) -> None:
        self.app.stack.push(LessonScene(self.app, lesson_id))

    def start_tutorial(self) -> None:
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.scenes.errors import ContentErrorScene

        entry = next(
            (e for e in self.app.source.entries() if e.id == TUTORIAL_ID), None
        )
        if entry is None:
            self.app.announcer.say(self.s("tutorial_missing"))
            return
        if entry.error is not None:
            self.app.stack.push(ContentErrorScene(self.app, entry))
            return
        self.app.stack.push(BriefingScene(self.app, entry.scenario, tutorial=True))

    # -------------------------------------------------------------- draw

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(surface, ts, self.s("learn_hub_heading"), self.notice_text())
        if self.library.data is None:
            rect = pygame.Rect(24, COLUMNS_TOP, 1232, COLUMNS_BOTTOM - COLUMNS_TOP)
            draw_panel(surface, rect)
            ts.box(surface, rect.inflate(-48, -32), self.unavailable_text(), "body")
            self.ui.draw(surface, ts)
            return
        for name, rect, heading in (
            ("paths", PATH_RECT, "learn_paths"),
            ("modules", MODULE_RECT, "learn_modules"),
            ("lessons", LESSON_RECT, "learn_lessons"),
        ):
            draw_panel(surface, rect)
            inner = rect.inflate(-24, -16)
            ts.box(
                surface,
                pygame.Rect(
                    inner.left, inner.top, inner.width, ts.line_height("bold") + 4
                ),
                self.s(heading),
                "bold",
            )
            hidden = len(self.columns[name]) - self.fits[name]
            if hidden > 0:
                ts.box(
                    surface,
                    pygame.Rect(
                        inner.left, inner.top, inner.width, ts.line_height("label") + 4
                    ),
                    f"▲▼ {self.scroll[name]}/{hidden}",
                    "label",
                    theme.TEXT_MUTED,
                    align="right",
                )
        area = self.list_area(PATH_RECT)
        height = self.description_height()
        if height:
            ts.box(
                surface,
                pygame.Rect(
                    area.left, area.bottom - height + 12, area.width, height - 12
                ),
                self.path_description(),
                "small",
                theme.TEXT_MUTED,
            )
        self.ui.draw(surface, ts)

    def notice_text(self) -> str:
        notice = self.library.notice
        if notice is None:
            return ""
        if notice[0] == "progress_damaged":
            return "⚠ " + self.s("learn_progress_reset")
        return "⚠ " + self.s(notice[0])
