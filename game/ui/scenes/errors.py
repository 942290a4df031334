"""Content problems on screen: the authoring loop shows them instead of crashing."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.content_source import ScenarioEntry
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.widgets import Widget, draw_panel

#: Problems shown at once; the rest are counted.
MAX_PROBLEMS = 6


class ContentErrorScene(Scene):
    NAME = "content_error"
    ESCAPE_POPS = False

    def __init__(self, app, entry: ScenarioEntry):
        super().__init__(app)
        self.entry = entry

    def problem_texts(self) -> list[str]:
        try:
            with open(self.entry.path, encoding="utf-8", errors="replace") as file:
                lines = file.read().splitlines()
        except OSError:
            lines = None
        return [
            problem.format_with_snippet(lines, self.lang)
            for problem in self.entry.error.problems
        ]

    def title(self) -> str:
        texts = self.problem_texts()
        return (
            self.s("errors_heading", count=len(texts))
            + ". "
            + " ".join(text.split("\n")[0] for text in texts[:MAX_PROBLEMS])
        )

    def layout(self) -> None:
        if self.app.watch:
            widgets = [
                Widget(
                    (24, 720 - 24 - theme.BUTTON_HEIGHT, 240, theme.BUTTON_HEIGHT),
                    lambda: self.s("title_quit"),
                    self.app.request_quit,
                    key="quit",
                )
            ]
        else:
            widgets = [
                Widget(
                    (24, 720 - 24 - theme.BUTTON_HEIGHT, 240, theme.BUTTON_HEIGHT),
                    lambda: self.s("back"),
                    self.back,
                    variant="primary",
                    key="back",
                )
            ]
        self.ui.set_widgets(widgets)

    def back(self) -> None:
        if len(self.app.stack.scenes) > 1:
            self.app.stack.pop()
        else:
            from game.ui.scenes.title import TitleScene

            self.app.stack.reset(TitleScene(self.app))

    def escape(self) -> bool:
        if not self.app.watch:
            self.back()
        return True

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        texts = self.problem_texts()
        draw_header(surface, ts, self.s("errors_heading", count=len(texts)))
        hint = (
            self.s("errors_watch_hint") if self.app.watch else self.s("errors_fix_hint")
        )
        ts.box(
            surface,
            pygame.Rect(24, HEADER_HEIGHT + 12, 1232, 50),
            hint,
            "small",
            theme.TEXT_MUTED,
        )
        shown = texts[:MAX_PROBLEMS]
        top = HEADER_HEIGHT + 70
        height = (720 - 24 - theme.BUTTON_HEIGHT - 16 - top) // max(1, len(shown))
        for text in shown:
            rect = pygame.Rect(24, top, 1232, height - 8)
            draw_panel(surface, rect, fill=theme.PANEL, border=theme.VICIOUS)
            ts.box(surface, rect.inflate(-24, -12), text, "mono")
            top += height
        if len(texts) > MAX_PROBLEMS:
            ts.box(
                surface,
                pygame.Rect(
                    300, 720 - 24 - theme.BUTTON_HEIGHT, 900, theme.BUTTON_HEIGHT
                ),
                self.s("errors_more", count=len(texts) - MAX_PROBLEMS),
                "small",
                valign="middle",
            )
        self.ui.draw(surface, ts)
