"""Lesson viewer and playbook viewer, and opening a link into the content.

Both viewers show a scrolled :class:`~game.ui.richtext.Document` on the
left and a side list of related targets on the right. The arrow keys Up and
Down, Page Up, Page Down, Home and End scroll the text; Tab moves through
the links in the text, the side list and the buttons. The mouse wheel and
dragging (mouse or touch) scroll too; a link opens on release when the
pointer did not drag.
"""

from __future__ import annotations

import logging

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.richtext import (
    DocumentBuilder,
    RichFonts,
    ScrollView,
    draw_document,
    handle_pointer,
    span_text,
)
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.widgets import Widget, draw_panel, place_rows, scroll_for

log = logging.getLogger(__name__)

TEXT_PANEL = pygame.Rect(24, HEADER_HEIGHT + 16, 880, 720 - HEADER_HEIGHT - 16 - 84)
SIDE_PANEL = pygame.Rect(
    TEXT_PANEL.right + 16,
    TEXT_PANEL.top,
    1280 - 24 - TEXT_PANEL.right - 16,
    TEXT_PANEL.height,
)
BUTTON_TOP = 720 - 24 - theme.BUTTON_HEIGHT


def pick(texts: dict | None, lang: str):
    """Return the entry of ``lang`` in a per-language dict, German as fallback."""
    if not texts:
        return None
    value = texts.get(lang)
    return value if value is not None else texts.get("de")


def open_link(app, kind: str, ident: str) -> None:
    """Open a lesson, a playbook (``id`` or ``id#section``) or a scenario."""
    log.info("open %s %s", kind, ident)
    if kind == "scenario":
        open_scenario(app, ident)
    elif kind in ("lesson", "playbook"):
        app.stack.push(link_scene(app, kind, ident))
    else:
        log.warning("Cannot open a %s link: %s", kind, ident)


def link_scene(app, kind: str, ident: str) -> Scene:
    """Return the viewer of a ``lesson`` id or a ``playbook`` id or ``id#section``."""
    if kind == "lesson":
        return LessonScene(app, ident)
    playbook_id, _, section = ident.partition("#")
    return PlaybookScene(app, playbook_id, section or None)


#: Former name of :func:`link_scene`, when the debrief showed only the id.
LessonLinkScene = link_scene


def open_scenario(app, scenario_id: str) -> None:
    """Show a scenario's briefing; ask first if that would replace a save."""
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.dialogs import ConfirmScene

    scenario = app.source.scenario(scenario_id)
    if scenario is None:
        app.announcer.say(app.strings("learn_scenario_missing", id=scenario_id))
        return
    if not app.has_save():
        app.stack.push(BriefingScene(app, scenario))
        return

    def decided(yes: bool) -> None:
        if yes:
            app.stack.push(BriefingScene(app, scenario))

    app.stack.push(ConfirmScene(app, "confirm_replace_save", decided))


class LinkWidget(Widget):
    """A link inside the document; it may wrap over several lines."""

    def __init__(self, scene: ReaderScene, index: int):
        link = scene.document.links[index]
        super().__init__(
            (0, 0, 0, 0),
            link.text,
            lambda: scene.follow(index),
            state=lambda: scene.describe_target(link.target),
            role="role_link",
            key=f"textlink:{index}",
        )
        self.scene = scene
        self.index = index
        self.screen_rects: list[pygame.Rect] = []

    def place(self, view: ScrollView) -> None:
        link = self.scene.document.links[self.index]
        shift = (view.rect.left, view.rect.top - view.offset)
        self.screen_rects = [rect.move(shift) for rect in link.rects]
        self.rect = (
            self.screen_rects[0] if self.screen_rects else pygame.Rect(0, 0, 0, 0)
        )
        self.visible = any(view.rect.contains(rect) for rect in self.screen_rects)

    def hit(self, position) -> bool:
        view = self.scene.view.rect
        return view.collidepoint(position) and any(
            rect.collidepoint(position) for rect in self.screen_rects
        )

    def draw(self, surface, ts, focused, hovered) -> None:
        # The document draws the text; hovering underlines it a second time.
        if hovered:
            for rect in self.screen_rects:
                if self.scene.view.rect.contains(rect):
                    pygame.draw.line(
                        surface, theme.ACCENT, rect.bottomleft, rect.bottomright, 2
                    )


class SideRow(Widget):
    """A row of the side list: a related lesson, playbook section or scenario."""

    def __init__(self, label, on_activate, key: str, current=None):
        super().__init__(
            (0, 0, 0, 0),
            label,
            on_activate,
            role="role_link",
            key=key,
            state=current,
        )

    def draw(self, surface, ts, focused, hovered) -> None:
        chosen = bool(self.state and self.state())
        fill = theme.SELECTED_TINT if hovered or chosen else theme.PANEL
        border = theme.ACCENT if chosen else theme.BORDER
        draw_panel(
            surface, self.rect, fill=fill, border=border, width=2 if chosen else 1
        )
        ts.box(
            surface, self.rect.inflate(-16, -6), self.label, "label", valign="middle"
        )


class ReaderScene(Scene):
    """Common part of the lesson and playbook viewers."""

    ESCAPE_POPS = True

    def __init__(self, app):
        super().__init__(app)
        self.fonts = RichFonts()
        self.view = ScrollView(TEXT_PANEL.inflate(-48, -32))
        self.side_scroll = 0
        self.side_rows: list[Widget] = []
        self.links: list[LinkWidget] = []
        self.side_fits = 1
        #: View offset right after a jump to a heading, or ``None``.
        self.jump_offset: int | None = None

    @property
    def library(self):
        return self.app.learning

    # ----------------------------------------------------------- content

    def build(self, builder: DocumentBuilder) -> None:
        """Add the scene's text to ``builder``."""

    def side_specs(self) -> list[tuple[str, object, object, object]]:
        """Return ``(key, label, callback, current)`` per side row."""
        return []

    def side_text(self) -> str:
        """Return the text above the side list."""
        return ""

    def bottom_buttons(self) -> list[Widget]:
        return []

    def describe_target(self, target: dict) -> str:
        """Return what a link opens, for its announcement."""
        kind = target.get("kind")
        ident = target.get("id", "")
        if kind == "lesson":
            lesson = self.library.lesson(ident)
            title = pick(lesson["title"], self.lang) if lesson else ident
            return self.s("learn_link_lesson", title=title)
        if kind == "playbook":
            playbook = self.library.playbook(ident)
            title = pick(playbook["title"], self.lang) if playbook else ident
            section = target.get("section")
            if playbook and section:
                for item in playbook["sections"]:
                    if item["id"] == section:
                        title += " – " + pick(item["title"], self.lang)
            return self.s("learn_link_playbook", title=title)
        if kind == "scenario":
            scenario = self.app.source.scenario(ident)
            title = text_in(scenario.title, self.lang) if scenario else ident
            return self.s("learn_link_scenario", title=title)
        return ""

    def follow(self, index: int) -> None:
        target = self.document.links[index].target
        kind = target.get("kind")
        ident = target.get("id", "")
        if kind == "playbook" and target.get("section"):
            ident += "#" + target["section"]
        open_link(self.app, kind, ident)

    # ------------------------------------------------------------ layout

    def layout(self) -> None:
        ts = self.typesetter
        self.fonts = RichFonts()
        self.view.line = ts.line_height("body")
        builder = DocumentBuilder(self.fonts, ts, self.view.rect.width)
        self.build(builder)
        self.document = builder.finish()
        self.view.set_content(self.document.height)
        self.links = [LinkWidget(self, i) for i in range(len(self.document.links))]
        self.side_rows = [
            SideRow(label, callback, key, current)
            for key, label, callback, current in self.side_specs()
        ]
        widgets: list[Widget] = [*self.links, *self.side_rows]
        widgets.append(
            Widget(
                (24, BUTTON_TOP, 220, theme.BUTTON_HEIGHT),
                lambda: self.s("back"),
                self.app.stack.pop,
                key="back",
            )
        )
        widgets += self.bottom_buttons()
        self.ui.set_widgets(widgets)
        self.place()

    def side_area(self) -> pygame.Rect:
        inner = SIDE_PANEL.inflate(-24, -24)
        used = self.side_text_height()
        return pygame.Rect(
            inner.left, inner.top + used, inner.width, inner.height - used
        )

    def side_text_height(self) -> int:
        text = self.side_text()
        if not text:
            return 0
        width = SIDE_PANEL.width - 24
        return self.typesetter.measure(text, "small", width) + 12

    def side_row_height(self) -> int:
        ts = self.typesetter
        width = SIDE_PANEL.width - 24 - 16
        lines = max(
            [len(ts.wrap(row.label, "label", width)) for row in self.side_rows] or [1]
        )
        return min(4, max(2, lines)) * ts.line_height("label") + 10

    def place(self) -> None:
        for link in self.links:
            link.place(self.view)
        if self.side_rows:
            self.side_fits = place_rows(
                self.side_rows,
                self.side_area(),
                self.side_row_height(),
                self.side_scroll,
            )

    def focus_first(self) -> None:
        for widget in self.ui.widgets:
            if widget.visible and not isinstance(widget, LinkWidget):
                self.ui.focus_key(widget.key, announce=False)
                return

    # ------------------------------------------------------------- input

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and self.view.handle_key(event.key):
            self.place()
            return True
        used, moved = handle_pointer(self.view, self.ui, event)
        if moved:
            self.place()
        if used:
            return True
        if event.type == pygame.MOUSEWHEEL:
            if SIDE_PANEL.collidepoint(self.ui.pointer) and self.side_rows:
                limit = max(0, len(self.side_rows) - self.side_fits)
                self.side_scroll = min(limit, max(0, self.side_scroll - event.y))
                self.place()
                return True
            return False
        used = super().handle(event)
        if event.type == pygame.KEYDOWN:
            self.reveal_focus()
        return used

    def reveal_focus(self) -> None:
        widget = self.ui.focused
        if isinstance(widget, LinkWidget):
            rects = self.document.links[widget.index].rects
            if rects:
                self.view.show(rects[0].top, rects[-1].bottom)
        elif widget in self.side_rows:
            self.side_scroll = scroll_for(
                self.side_rows.index(widget), self.side_scroll, self.side_fits
            )
        self.place()

    def scroll_to_anchor(self, anchor: str) -> None:
        top = self.document.anchors.get(anchor)
        if top is not None:
            self.view.scroll_to(top)
            self.jump_offset = self.view.offset
            self.place()

    # -------------------------------------------------------------- draw

    def heading(self) -> str:
        return ""

    def header_note(self) -> str:
        return ""

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(surface, ts, self.heading(), self.header_note())
        draw_panel(surface, TEXT_PANEL)
        focused = self.ui.focused
        draw_document(
            surface,
            self.document,
            self.fonts,
            self.view.rect,
            self.view.offset,
            focused.index
            if isinstance(focused, LinkWidget) and self.ui.active
            else None,
        )
        self.view.draw_bar(surface)
        self.draw_scroll_hint(surface)
        draw_panel(surface, SIDE_PANEL)
        text = self.side_text()
        if text:
            inner = SIDE_PANEL.inflate(-24, -24)
            ts.box(
                surface,
                pygame.Rect(
                    inner.left, inner.top, inner.width, self.side_text_height()
                ),
                text,
                "small",
            )
        self.ui.draw(surface, ts)

    def draw_scroll_hint(self, surface) -> None:
        if self.view.max_offset <= 0:
            return
        percent = round(100 * self.view.offset / self.view.max_offset)
        # Between the back button and the buttons on the right.
        rect = pygame.Rect(
            260, BUTTON_TOP, 1280 - 24 - 480 - 16 - 260, theme.BUTTON_HEIGHT
        )
        self.typesetter.box(
            surface,
            rect,
            self.s("learn_scroll_hint", percent=percent),
            "label",
            theme.TEXT_MUTED,
            align="center",
            valign="middle",
        )


class LessonScene(ReaderScene):
    """One lesson: body, takeaways, related playbooks, and its checks."""

    NAME = "lesson"

    def __init__(self, app, lesson_id: str):
        super().__init__(app)
        self.lesson_id = lesson_id
        self.lesson = self.library.lesson(lesson_id)
        if self.lesson is not None:
            self.library.visit(lesson_id)

    def heading(self) -> str:
        return self.s("lesson_heading")

    def header_note(self) -> str:
        if self.lesson is None:
            return ""
        found = self.library.path_of(self.lesson_id)
        note = self.s("learn_minutes", minutes=self.lesson["duration_minutes"])
        if found is not None:
            path, module = found
            note = f"{pick(module['title'], self.lang)} · {note}"
        return note

    def lesson_title(self) -> str:
        if self.lesson is None:
            return self.lesson_id
        return pick(self.lesson["title"], self.lang)

    def title(self) -> str:
        if self.lesson is None:
            return f"{self.heading()}: {self.missing_text()}"
        self.ensure_layout()
        return (
            f"{self.heading()}: {self.lesson_title()}. {self.header_note()}. "
            + " ".join(self.document.plain[1:])
        )

    def missing_text(self) -> str:
        if self.library.unavailable:
            return self.s("learn_unavailable", detail=self.library.unavailable)
        return self.s("learn_lesson_missing", id=self.lesson_id)

    def build(self, builder: DocumentBuilder) -> None:
        if self.lesson is None:
            builder.heading(self.lesson_id, 1)
            builder.spans([{"text": self.missing_text()}], 0, _body(builder))
            return
        lesson = self.lesson
        builder.heading(self.lesson_title(), 1)
        summary = pick(lesson.get("summary"), self.lang)
        if summary:
            builder.blocks(
                [{"type": "paragraph", "spans": [{"text": summary, "italic": True}]}]
            )
        builder.blocks(pick(lesson["body"], self.lang) or [])
        takeaways = [pick(item, self.lang) for item in lesson["takeaways"]]
        if takeaways:
            builder.takeaways(self.s("learn_takeaways"), takeaways)

    def side_text(self) -> str:
        if self.lesson is None:
            return ""
        lesson = self.lesson
        lines = [self.s("learn_minutes_long", minutes=lesson["duration_minutes"])]
        cycles = self.library.data["cycles"]
        names = [pick(cycles.get(c), self.lang) or c for c in lesson["cycles"]]
        if names:
            lines.append(self.s("learn_cycles", names=", ".join(names)))
        checks = lesson["checks"]
        if checks:
            correct = sum(
                self.library.check_state(check["key"]) == "correct" for check in checks
            )
            lines.append(
                self.s("learn_checks_state", correct=correct, total=len(checks))
            )
        lines.append(self.s("learn_related"))
        return "\n".join(lines)

    def side_specs(self):
        if self.lesson is None:
            return []
        specs = []
        for ref in self.lesson["playbooks"]:
            title = pick(ref["title"], self.lang)
            if ref.get("section_title"):
                title = f"{title} – {ref['section_title']}"
            specs.append(
                (
                    f"side:playbook:{ref['ref']}",
                    "▸ " + self.s("learn_link_playbook", title=title),
                    lambda ref=ref["ref"]: open_link(self.app, "playbook", ref),
                    None,
                )
            )
        scenario_id = self.lesson.get("scenario")
        if scenario_id and self.app.source.scenario(scenario_id) is not None:
            scenario = self.app.source.scenario(scenario_id)
            specs.append(
                (
                    f"side:scenario:{scenario_id}",
                    "▸ "
                    + self.s(
                        "learn_link_scenario", title=text_in(scenario.title, self.lang)
                    ),
                    lambda: open_scenario(self.app, scenario_id),
                    None,
                )
            )
        previous, following = self.library.neighbours(self.lesson_id)
        for key, ident in (("side:previous", previous), ("side:next", following)):
            if ident is None:
                continue
            lesson = self.library.lesson(ident)
            word = "learn_previous" if key == "side:previous" else "learn_next"
            specs.append(
                (
                    key,
                    self.s(word, title=pick(lesson["title"], self.lang)),
                    lambda ident=ident: self.app.stack.switch(
                        LessonScene(self.app, ident)
                    ),
                    None,
                )
            )
        return specs

    def bottom_buttons(self) -> list[Widget]:
        checks = self.lesson["checks"] if self.lesson else []
        return [
            Widget(
                (1280 - 24 - 480, BUTTON_TOP, 480, theme.BUTTON_HEIGHT),
                lambda: self.s("learn_quiz_start", count=len(checks)),
                self.open_quiz,
                enabled=bool(checks),
                variant="primary",
                key="quiz",
            )
        ]

    def open_quiz(self) -> None:
        from game.ui.scenes.quiz import QuizScene

        self.app.stack.push(QuizScene(self.app, self.lesson_id))


class PlaybookScene(ReaderScene):
    """A whole playbook, opened at one of its sections."""

    NAME = "playbook"

    def __init__(self, app, playbook_id: str, section: str | None = None):
        super().__init__(app)
        self.playbook_id = playbook_id
        self.playbook = self.library.playbook(playbook_id)
        self.section = section
        self._opened = False

    def heading(self) -> str:
        return self.s("playbook_heading")

    def playbook_title(self) -> str:
        if self.playbook is None:
            return self.playbook_id
        return pick(self.playbook["title"], self.lang)

    def sections(self) -> list[dict]:
        return self.playbook["sections"] if self.playbook else []

    def section_title(self, section_id: str | None) -> str:
        for item in self.sections():
            if item["id"] == section_id:
                return pick(item["title"], self.lang)
        return ""

    def title(self) -> str:
        if self.playbook is None:
            return f"{self.heading()}: {self.missing_text()}"
        text = f"{self.heading()}: {self.playbook_title()}."
        if self.section:
            text += " " + self.section_title(self.section) + ". " + self.section_text()
        return text

    def section_text(self) -> str:
        for item in self.sections():
            if item["id"] == self.section:
                blocks = pick(item["blocks"], self.lang) or []
                return " ".join(_plain(blocks))
        return ""

    def missing_text(self) -> str:
        if self.library.unavailable:
            return self.s("learn_unavailable", detail=self.library.unavailable)
        return self.s("learn_playbook_missing", id=self.playbook_id)

    def header_note(self) -> str:
        return self.section_title(self.current_section())

    def build(self, builder: DocumentBuilder) -> None:
        if self.playbook is None:
            builder.heading(self.playbook_id, 1)
            builder.spans([{"text": self.missing_text()}], 0, _body(builder))
            return
        builder.heading(self.playbook_title(), 1)
        builder.blocks(pick(self.playbook["intro"], self.lang) or [])
        for item in self.sections():
            builder.heading(pick(item["title"], self.lang), 2, item["id"])
            builder.blocks(pick(item["blocks"], self.lang) or [])

    def layout(self) -> None:
        super().layout()
        if not self._opened:
            self._opened = True
            if self.section:
                self.scroll_to_anchor(self.section)

    def enter(self) -> None:
        super().enter()
        if self.section:
            self.ui.focus_key(f"side:section:{self.section}", announce=False)
            self.reveal_focus()

    def current_section(self) -> str | None:
        """Return the section whose heading is the last one at or above the view top."""
        if getattr(self, "document", None) is None or (
            self.jump_offset is not None and self.view.offset == self.jump_offset
        ):
            # Near the end the view cannot scroll a short section to the top,
            # so the section jumped to stays current until the text moves.
            return self.section
        current = None
        for item in self.sections():
            top = self.document.anchors.get(item["id"])
            if top is not None and top <= self.view.offset + self.view.line:
                current = item["id"]
        return current

    def side_text(self) -> str:
        return self.s("learn_sections") if self.playbook else ""

    def side_specs(self):
        return [
            (
                f"side:section:{item['id']}",
                pick(item["title"], self.lang),
                lambda ident=item["id"]: self.jump(ident),
                lambda ident=item["id"]: (
                    self.s("state_chosen") if self.current_section() == ident else ""
                ),
            )
            for item in self.sections()
        ]

    def jump(self, section: str) -> None:
        self.section = section
        self.scroll_to_anchor(section)
        self.app.announcer.say(self.section_title(section) + ". " + self.section_text())


def _body(builder: DocumentBuilder):
    from game.ui.richtext import Style

    return Style("body", builder.body_size)


def _plain(blocks: list[dict]) -> list[str]:
    out = []
    for block in blocks:
        if "spans" in block:
            out.append(span_text(block["spans"]))
        for item in block.get("items", []):
            out += _plain(item)
        out += _plain(block.get("blocks", []))
    return out
