"""Settings: language, text size, sound and reduced motion; applied at once."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.scene import Scene
from game.ui.scenes.common import draw_header
from game.ui.settings import TEXT_SIZES
from game.ui.widgets import Widget, draw_panel

LABEL_WIDTH = 330
OPTION_WIDTH = 230
ROW_HEIGHT = 64


class OptionWidget(Widget):
    """One choice of a setting; the chosen one is filled and shows a check mark."""

    def __init__(self, rect, label, on_activate, chosen, key):
        super().__init__(rect, label, on_activate, role="role_option", key=key)
        self.chosen = chosen
        self.state = self._state_word

    def _state_word(self) -> str:
        return self._strings("state_chosen") if self.chosen() else ""

    def draw(self, surface, typesetter, focused, hovered) -> None:
        chosen = self.chosen()
        fill = theme.SELECTED_TINT if chosen or hovered else theme.PANEL
        draw_panel(
            surface,
            self.rect,
            fill=fill,
            border=theme.ACCENT if chosen else theme.TEXT_MUTED,
            width=3 if chosen else 1,
        )
        mark = "✓ " if chosen else ""
        typesetter.box(
            surface,
            self.rect.inflate(-16, -6),
            mark + self.label,
            "bold",
            align="center",
            valign="middle",
        )


class SettingsScene(Scene):
    NAME = "settings"
    ESCAPE_POPS = True

    def title(self) -> str:
        return self.s("settings_heading")

    def rows(self):
        settings = self.app.settings
        return [
            (
                "settings_language",
                "lang",
                [("de", lambda: "Deutsch"), ("en", lambda: "English")],
            ),
            (
                "settings_text_size",
                "text_size",
                [
                    (size, lambda size=size: self.s(f"text_size_{size}"))
                    for size in TEXT_SIZES
                ],
            ),
            (
                "settings_sound",
                "sound",
                [(True, lambda: self.s("on")), (False, lambda: self.s("off"))],
            ),
            (
                "settings_reduced_motion",
                "reduced_motion",
                [(True, lambda: self.s("on")), (False, lambda: self.s("off"))],
            ),
        ], settings

    def layout(self) -> None:
        rows, settings = self.rows()
        widgets = []
        top = 130
        for row, (_label_id, field, options) in enumerate(rows):
            y = top + row * (ROW_HEIGHT + theme.GAP)
            for column, (value, label) in enumerate(options):
                x = theme.MARGIN + LABEL_WIDTH + column * (OPTION_WIDTH + theme.GAP)
                widget = OptionWidget(
                    (x, y, OPTION_WIDTH, ROW_HEIGHT - 8),
                    label,
                    lambda field=field, value=value: self.choose(field, value),
                    lambda field=field, value=value: getattr(settings, field) == value,
                    key=f"{field}:{value}",
                )
                widget._strings = self.app.strings
                widgets.append(widget)
        widgets.append(
            Widget(
                (theme.MARGIN, 640, 260, theme.BUTTON_HEIGHT),
                lambda: self.s("back"),
                self.app.stack.pop,
                variant="primary",
                key="back",
            )
        )
        self.ui.set_widgets(widgets)

    def choose(self, field: str, value) -> None:
        setattr(self.app.settings, field, value)
        self.app.apply_settings()
        self.ensure_layout()
        self.app.announcer.say(self.s("settings_changed"))

    def draw(self, surface) -> None:
        surface.fill(theme.BACKGROUND)
        draw_header(surface, self.typesetter, self.s("settings_heading"))
        rows, _settings = self.rows()
        for row, (label_id, _field, _options) in enumerate(rows):
            y = 130 + row * (ROW_HEIGHT + theme.GAP)
            self.typesetter.box(
                surface,
                pygame.Rect(theme.MARGIN, y, LABEL_WIDTH - 20, ROW_HEIGHT - 8),
                self.s(label_id),
                "bold",
                valign="middle",
            )
        sample = pygame.Rect(theme.MARGIN, 460, 1280 - 2 * theme.MARGIN, 150)
        draw_panel(surface, sample)
        self.typesetter.box(
            surface, sample.inflate(-24, -24), self.s("settings_sample"), "body"
        )
        self.ui.draw(surface, self.typesetter)
