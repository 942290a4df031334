"""Title screen: continue, new game, learn, settings, quit."""

from __future__ import annotations

import math

import pygame

from game.ui import theme
from game.ui.scene import Scene
from game.ui.widgets import Widget, draw_hatch, draw_panel


class TitleScene(Scene):
    NAME = "title"

    def title(self) -> str:
        return self.s("title_heading") + ". " + self.s("title_subtitle")

    def layout(self) -> None:
        x, y, width = 96, 330, 360
        height = theme.BUTTON_HEIGHT + 6
        specs = [
            (
                "continue",
                lambda: self.s("title_continue"),
                self.continue_game,
                self.app.has_save(),
                "primary",
            ),
            (
                "new",
                lambda: self.s("title_new_game"),
                self.new_game,
                True,
                "secondary" if self.app.has_save() else "primary",
            ),
            (
                "learn",
                lambda: self.s("learn_title_button"),
                self.learn,
                True,
                "secondary",
            ),
            (
                "workshop",
                lambda: self.s("ws_title_button"),
                self.workshop,
                True,
                "secondary",
            ),
            (
                "settings",
                lambda: self.s("title_settings"),
                self.open_settings,
                True,
                "secondary",
            ),
        ]
        if not self.app.web:
            specs.append(
                (
                    "quit",
                    lambda: self.s("title_quit"),
                    self.app.request_quit,
                    True,
                    "secondary",
                )
            )
        # The column ends above the bottom margin however many buttons it has.
        step = min(height + theme.GAP, (720 - theme.MARGIN - y) // len(specs))
        height = step - theme.GAP
        widgets = []
        for index, (key, label, callback, enabled, variant) in enumerate(specs):
            rect = (x, y + index * step, width, height)
            widgets.append(
                Widget(rect, label, callback, enabled=enabled, variant=variant, key=key)
            )
        self.ui.set_widgets(widgets)

    def focus_first(self) -> None:
        for index, widget in enumerate(self.ui.widgets):
            if widget.enabled:
                self.ui.focus(index)
                return

    def continue_game(self) -> None:
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.round import RoundScene

        session = self.app.load_autosave()
        if session is None:
            self.invalidate()
            self.app.announcer.say(self.notice_text())
            return
        if session.finished:
            self.app.stack.push(DebriefScene(self.app, session))
        else:
            self.app.stack.push(RoundScene(self.app, session))

    def new_game(self) -> None:
        from game.ui.scenes.choose import ChooseScenarioScene
        from game.ui.scenes.dialogs import ConfirmScene

        if not self.app.has_save():
            self.app.stack.push(ChooseScenarioScene(self.app))
            return

        def decided(yes: bool) -> None:
            if yes:
                self.app.stack.push(ChooseScenarioScene(self.app))

        self.app.stack.push(ConfirmScene(self.app, "confirm_replace_save", decided))

    def learn(self) -> None:
        from game.ui.scenes.learning import LearningHubScene

        self.app.stack.push(LearningHubScene(self.app))

    def workshop(self) -> None:
        from game.ui.scenes.workshop import WorkshopSetScene

        self.app.stack.push(WorkshopSetScene(self.app))

    def open_settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.stack.push(SettingsScene(self.app))

    def escape(self) -> bool:
        if not self.app.web:
            self.app.request_quit()
        return True

    def notice_text(self) -> str:
        if self.app.save_notice is None:
            return ""
        reason, where = self.app.save_notice
        text = self.s(reason)
        if where:
            text += " " + self.s("save_set_aside_at", where=where)
        return text

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        self._draw_emblem(surface)
        ts = self.typesetter
        ts.box(
            surface,
            pygame.Rect(96, 96, 620, 90),
            self.s("title_heading"),
            "title",
            theme.HEADER,
        )
        ts.box(
            surface,
            pygame.Rect(96, 190, 560, 120),
            self.s("title_subtitle"),
            "body",
            theme.TEXT_MUTED,
        )
        notice = self.notice_text()
        if notice:
            rect = pygame.Rect(700, 560, 520, 120)
            draw_panel(surface, rect, fill=theme.VICIOUS_TINT, border=theme.VICIOUS)
            ts.box(surface, rect.inflate(-24, -16), "⚠ " + notice, "small", theme.TEXT)
        self.ui.draw(surface, ts)

    def _draw_emblem(self, surface) -> None:
        # Six small rings: hatched ones still spin, the solid ones are broken.
        for index in range(6):
            angle = index * math.tau / 6 - math.pi / 2
            centre = (
                int(960 + 150 * math.cos(angle)),
                int(300 + 150 * math.sin(angle)),
            )
            rect = pygame.Rect(0, 0, 110, 110)
            rect.center = centre
            if index % 2 == 0:
                pygame.draw.ellipse(surface, theme.VIRTUOUS_TINT, rect)
                pygame.draw.ellipse(surface, theme.VIRTUOUS, rect, 4)
            else:
                pygame.draw.ellipse(surface, theme.VICIOUS_TINT, rect)
                ring = pygame.Surface(rect.size, pygame.SRCALPHA)
                draw_hatch(ring, ring.get_rect(), (*theme.VICIOUS, 90))
                mask = pygame.Surface(rect.size, pygame.SRCALPHA)
                pygame.draw.ellipse(mask, (255, 255, 255, 255), mask.get_rect())
                ring.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
                surface.blit(ring, rect)
                pygame.draw.ellipse(surface, theme.VICIOUS, rect, 4)
