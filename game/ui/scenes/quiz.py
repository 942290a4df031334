"""The checks of one lesson as a quiz: answer, see feedback, get a result.

Four kinds of checks, all usable with keyboard, mouse and touch:

- single choice (``einfach``): activating an answer selects it;
- multiple choice (``mehrfach``): activating an answer toggles it;
- ordering (``reihenfolge``): the buttons ▲ and ▼ beside a step, or
  Ctrl+Up and Ctrl+Down on the focused step, move it;
- matching (``zuordnung``): activating a term, or Left and Right on it,
  cycles through the options to pair with it.

"Check answer" grades with :func:`game.learn.quiz.grade`, stores the result
in the progress and shows the content's feedback on every answer it covers.
After the last check a summary lists every result.
"""

from __future__ import annotations

import logging

import pygame

from game.learn import quiz
from game.ui import theme
from game.ui.richtext import ScrollView, handle_pointer
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.scenes.lesson import pick
from game.ui.widgets import Widget, draw_dashed_rect, draw_panel

log = logging.getLogger(__name__)

BUTTON_TOP = 720 - 24 - theme.BUTTON_HEIGHT
CONTENT_LEFT = 24
CONTENT_WIDTH = 1280 - 48
#: Width of the ▲ and ▼ buttons of an ordering step.
MOVE_WIDTH = 48
ROW_PAD = 8
ROW_GAP = 8

HINTS = {
    "einfach": "learn_hint_single",
    "mehrfach": "learn_hint_multiple",
    "reihenfolge": "learn_hint_order",
    "zuordnung": "learn_hint_match",
}


class AnswerRow(Widget):
    """One answer, step or term of the current check, inside the scrolled area.

    ``doc_rect`` is the place in the scrolled content; ``rect`` follows it
    on screen.
    """

    def __init__(self, scene: QuizScene, answer: int, label, role: str, key: str):
        super().__init__(
            (0, 0, 0, 0),
            label,
            lambda: scene.activate_row(self),
            state=lambda: scene.row_state(self),
            role=role,
            key=key,
        )
        self.scene = scene
        self.answer = answer
        self.doc_rect = pygame.Rect(0, 0, 0, 0)
        self.text_width = 0

    def hit(self, position) -> bool:
        if not self.scene.view.rect.collidepoint(position):
            return False
        if any(
            button.row is self and button.rect.collidepoint(position)
            for button in self.scene.move_buttons
        ):
            return False
        return self.rect.collidepoint(position)

    def draw(self, surface, ts, focused, hovered) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.scene.view.rect)
        self.scene.paint_row(surface, ts, self, hovered)
        surface.set_clip(clip)


class MoveButton(Widget):
    """▲ or ▼ beside an ordering step."""

    def __init__(self, scene: QuizScene, row: AnswerRow, step: int):
        super().__init__(
            (0, 0, 0, 0),
            "▲" if step < 0 else "▼",
            lambda: scene.move(row, step),
            role="role_button",
            key=f"move:{row.answer}:{'up' if step < 0 else 'down'}",
        )
        self.scene = scene
        self.row = row
        self.step = step

    @property
    def label(self) -> str:
        word = "learn_move_up" if self.step < 0 else "learn_move_down"
        return self.scene.s(word, text=self.row.label)

    def hit(self, position) -> bool:
        return self.scene.view.rect.collidepoint(position) and self.rect.collidepoint(
            position
        )

    def draw(self, surface, ts, focused, hovered) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.scene.view.rect)
        enabled = self.scene.can_move(self.row, self.step) and not self.scene.graded()
        fill = theme.SELECTED_TINT if hovered and enabled else theme.PANEL
        if enabled:
            draw_panel(surface, self.rect, fill=fill, border=theme.TEXT_MUTED)
        else:
            pygame.draw.rect(surface, theme.PANEL_ALT, self.rect, border_radius=6)
            draw_dashed_rect(surface, theme.TEXT_MUTED, self.rect)
        arrow = ts.render(
            "▲" if self.step < 0 else "▼",
            "bold",
            theme.TEXT if enabled else theme.TEXT_MUTED,
        )
        surface.blit(arrow, arrow.get_rect(center=self.rect.center))
        surface.set_clip(clip)


class QuizScene(Scene):
    NAME = "quiz"
    ESCAPE_POPS = True

    def __init__(self, app, lesson_id: str):
        super().__init__(app)
        self.lesson_id = lesson_id
        self.lesson = app.learning.lesson(lesson_id)
        self.checks = self.lesson["checks"] if self.lesson else []
        self.index = 0
        #: Grade result per check index, for the summary.
        self.results: dict[int, dict] = {}
        self.view = ScrollView(pygame.Rect(0, 0, 10, 10))
        self.rows: list[AnswerRow] = []
        self.move_buttons: list[MoveButton] = []
        self.reset_answer()

    # ------------------------------------------------------------- state

    @property
    def check(self) -> dict | None:
        if self.index < len(self.checks):
            return self.checks[self.index]
        return None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.checks)

    def reset_answer(self) -> None:
        check = self.check
        self.result: dict | None = None
        self.view.offset = 0
        if check is None:
            return
        kind = check["type"]
        if kind == "einfach":
            self.answer = None
        elif kind == "mehrfach":
            self.answer = set()
        elif kind == "reihenfolge":
            self.answer = list(check["display_order"])
        else:
            # Term i (as written) -> index of the answer whose match is chosen.
            self.answer = [None] * len(check["answers"])

    def graded(self) -> bool:
        return self.result is not None

    def answer_text(self, index: int) -> str:
        return pick(self.check["answers"][index]["text"], self.lang)

    def match_text(self, index: int | None) -> str:
        if index is None:
            return self.s("learn_match_none")
        return pick(self.check["answers"][index]["match"], self.lang)

    def complete(self) -> bool:
        kind = self.check["type"]
        if kind == "einfach":
            return self.answer is not None
        if kind == "mehrfach":
            return bool(self.answer)
        if kind == "reihenfolge":
            return True
        return None not in self.answer and len(set(self.answer)) == len(self.answer)

    def duplicates(self) -> set[int]:
        """Return the options paired with more than one term."""
        chosen = [item for item in self.answer if item is not None]
        return {item for item in chosen if chosen.count(item) > 1}

    def feedback_for(self, answer: int) -> dict | None:
        if self.result is None:
            return None
        for entry in self.result["feedback"]:
            if entry["answer"] == answer:
                return entry
        return None

    # ------------------------------------------------------------- texts

    def lesson_title(self) -> str:
        return pick(self.lesson["title"], self.lang) if self.lesson else self.lesson_id

    def progress_note(self) -> str:
        if self.finished:
            return self.s("learn_quiz_result_heading")
        return self.s(
            "learn_question_of", number=self.index + 1, total=len(self.checks)
        )

    def question(self) -> str:
        return pick(self.check["question"], self.lang)

    def hint(self) -> str:
        if self.result is not None:
            return self.verdict()
        if self.check["type"] == "zuordnung" and self.duplicates():
            return self.s("learn_match_duplicate")
        return self.s(HINTS[self.check["type"]])

    def verdict(self) -> str:
        if self.result["correct"]:
            return "✓ " + self.s("learn_verdict_correct")
        return "✗ " + self.s("learn_verdict_wrong")

    def title(self) -> str:
        heading = f"{self.s('learn_quiz_heading')}: {self.lesson_title()}."
        if self.finished:
            return heading + " " + self.summary_text()
        return f"{heading} {self.question_announcement()}"

    def question_announcement(self) -> str:
        return f"{self.progress_note()}: {self.question()} {self.hint()}"

    def row_label(self, answer: int) -> str:
        return self.answer_text(answer)

    def row_state(self, row: AnswerRow) -> str:
        kind = self.check["type"]
        parts = []
        if kind == "einfach":
            parts.append(
                self.s(
                    "state_selected"
                    if self.answer == row.answer
                    else "learn_state_not_selected"
                )
            )
        elif kind == "mehrfach":
            parts.append(
                self.s(
                    "state_selected"
                    if row.answer in self.answer
                    else "learn_state_not_selected"
                )
            )
        elif kind == "reihenfolge":
            position = self.answer.index(row.answer) + 1
            parts.append(
                self.s(
                    "learn_state_position", position=position, total=len(self.answer)
                )
            )
        else:
            parts.append(
                self.s(
                    "learn_state_paired", match=self.match_text(self.answer[row.answer])
                )
            )
        entry = self.feedback_for(row.answer)
        if entry is not None:
            parts.append(
                self.s(
                    "learn_state_correct" if entry["correct"] else "learn_state_wrong"
                )
            )
            parts.append(pick(entry["text"], self.lang))
        return ". ".join(parts)

    def summary_text(self) -> str:
        correct = sum(result["correct"] for result in self.results.values())
        lines = [self.s("learn_quiz_result", correct=correct, total=len(self.checks))]
        for index, check in enumerate(self.checks):
            result = self.results.get(index)
            mark = "✓" if result and result["correct"] else "✗"
            lines.append(f"{mark} {pick(check['question'], self.lang)}")
        return "\n".join(lines)

    # ------------------------------------------------------------ layout

    def question_rect(self) -> pygame.Rect:
        ts = self.typesetter
        height = ts.measure(self.question(), "bold", CONTENT_WIDTH - 32)
        return pygame.Rect(CONTENT_LEFT, HEADER_HEIGHT + 16, CONTENT_WIDTH, height + 24)

    def hint_rect(self) -> pygame.Rect:
        ts = self.typesetter
        top = self.question_rect().bottom + 8
        texts = [
            self.s(HINTS[self.check["type"]]),
            self.s("learn_match_duplicate"),
            "✓ " + self.s("learn_verdict_correct"),
            "✗ " + self.s("learn_verdict_wrong"),
        ]
        height = max(ts.measure(text, "bold", CONTENT_WIDTH) for text in texts)
        return pygame.Rect(CONTENT_LEFT, top, CONTENT_WIDTH, height)

    def layout(self) -> None:
        self.view.line = self.typesetter.line_height("body")
        if self.finished or self.lesson is None:
            self.layout_summary()
            return
        top = self.hint_rect().bottom + 12
        self.view.rect = pygame.Rect(
            CONTENT_LEFT, top, CONTENT_WIDTH - 16, BUTTON_TOP - 16 - top
        )
        kind = self.check["type"]
        role = {
            "einfach": "learn_role_choice",
            "mehrfach": "learn_role_checkbox",
            "reihenfolge": "learn_role_step",
            "zuordnung": "learn_role_term",
        }[kind]
        order = (
            self.answer if kind == "reihenfolge" else range(len(self.check["answers"]))
        )
        if kind in ("einfach", "mehrfach"):
            order = self.check["display_order"]
        self.rows = [
            AnswerRow(
                self,
                answer,
                lambda a=answer: self.row_label(a),
                role,
                f"answer:{answer}",
            )
            for answer in order
        ]
        widgets: list[Widget] = []
        self.move_buttons: list[MoveButton] = []
        for row in self.rows:
            widgets.append(row)
            if kind == "reihenfolge":
                for step in (-1, 1):
                    button = MoveButton(self, row, step)
                    self.move_buttons.append(button)
                    widgets.append(button)
        widgets.append(
            Widget(
                (24, BUTTON_TOP, 260, theme.BUTTON_HEIGHT),
                lambda: self.s("learn_back_to_lesson"),
                self.app.stack.pop,
                key="back",
            )
        )
        if self.graded():
            widgets.append(
                Widget(
                    (1280 - 24 - 360 - 12 - 260, BUTTON_TOP, 260, theme.BUTTON_HEIGHT),
                    lambda: self.s("learn_try_again"),
                    self.try_again,
                    key="again",
                )
            )
            last = self.index + 1 >= len(self.checks)
            widgets.append(
                Widget(
                    (1280 - 24 - 360, BUTTON_TOP, 360, theme.BUTTON_HEIGHT),
                    lambda: self.s(
                        "learn_show_result" if last else "learn_next_question"
                    ),
                    self.next_check,
                    variant="primary",
                    key="next",
                )
            )
        else:
            widgets.append(
                Widget(
                    (1280 - 24 - 360, BUTTON_TOP, 360, theme.BUTTON_HEIGHT),
                    lambda: self.s("learn_check_answer"),
                    self.grade,
                    enabled=self.complete(),
                    variant="primary",
                    key="check",
                )
            )
        self.ui.set_widgets(widgets)
        self.measure_rows()
        self.place_rows()

    def layout_summary(self) -> None:
        widgets = [
            Widget(
                (24, BUTTON_TOP, 260, theme.BUTTON_HEIGHT),
                lambda: self.s("learn_back_to_lesson"),
                self.app.stack.pop,
                key="back",
            )
        ]
        if self.checks:
            widgets.append(
                Widget(
                    (1280 - 24 - 360, BUTTON_TOP, 360, theme.BUTTON_HEIGHT),
                    lambda: self.s("learn_quiz_repeat"),
                    self.repeat,
                    variant="primary",
                    key="repeat",
                )
            )
        self.rows = []
        self.move_buttons = []
        self.ui.set_widgets(widgets)

    def column_widths(self) -> tuple[int, int]:
        """Return the widths of the main text and the second column of a row."""
        inner = self.view.rect.width - 2 * ROW_PAD - 40
        kind = self.check["type"]
        if kind == "reihenfolge":
            return inner - 2 * (MOVE_WIDTH + 8), 0
        if kind == "zuordnung":
            first = int(inner * 0.55)
            return first, inner - first - 16
        return inner, 0

    def measure_rows(self) -> None:
        ts = self.typesetter
        text_width, second_width = self.column_widths()
        y = 0
        for row in self.rows:
            height = ts.measure(self.answer_text(row.answer), "body", text_width)
            if second_width:
                options = [self.match_text(None)] + [
                    self.match_text(i) for i in self.check["display_order"]
                ]
                height = max(
                    height,
                    max(ts.measure(text, "bold", second_width - 16) for text in options)
                    + 8,
                )
            entry = self.feedback_for(row.answer)
            if entry is not None:
                height += 6 + ts.measure(
                    self.feedback_line(entry), "small", text_width + second_width
                )
            if self.check["type"] == "reihenfolge":
                height = max(height, 2 * 36 + 4 - 2 * ROW_PAD)
            row.doc_rect = pygame.Rect(0, y, self.view.rect.width, height + 2 * ROW_PAD)
            row.text_width = text_width
            y += row.doc_rect.height + ROW_GAP
        self.view.set_content(max(0, y - ROW_GAP))

    def feedback_line(self, entry: dict) -> str:
        mark = "✓" if entry["correct"] else "✗"
        return f"{mark} {pick(entry['text'], self.lang)}"

    def place_rows(self) -> None:
        shift = (self.view.rect.left, self.view.rect.top - self.view.offset)
        for row in self.rows:
            row.rect = row.doc_rect.move(shift)
            row.visible = row.rect.colliderect(self.view.rect)
        for button in self.move_buttons:
            row = button.row
            x = (
                row.rect.right
                - ROW_PAD
                - MOVE_WIDTH
                - (0 if button.step > 0 else MOVE_WIDTH + 8)
            )
            button.rect = pygame.Rect(x, row.rect.top + ROW_PAD, MOVE_WIDTH, 36)
            button.visible = button.rect.colliderect(self.view.rect)

    def focus_first(self) -> None:
        if self.rows:
            self.ui.focus_key(self.rows[0].key, announce=False)
        elif self.ui.widgets:
            self.ui.focus(len(self.ui.widgets) - 1, announce=False)

    def refresh(self, focus_key: str | None = None) -> None:
        """Rebuild the widgets after a change, keeping the focus."""
        key = focus_key or self.ui.focused_key()
        offset = self.view.offset
        self.invalidate()
        self.ensure_layout()
        self.view.scroll_to(offset)
        self.place_rows()
        if key:
            self.ui.focus_key(key, announce=False)

    # ------------------------------------------------------------- input

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (
                pygame.K_PAGEUP,
                pygame.K_PAGEDOWN,
                pygame.K_HOME,
                pygame.K_END,
            ):
                if self.view.handle_key(event.key):
                    self.place_rows()
                    return True
            widget = self.ui.focused
            if isinstance(widget, AnswerRow) and not self.graded():
                kind = self.check["type"]
                if (
                    kind == "reihenfolge"
                    and event.mod & pygame.KMOD_CTRL
                    and event.key in (pygame.K_UP, pygame.K_DOWN)
                ):
                    self.move(widget, -1 if event.key == pygame.K_UP else 1)
                    return True
                if kind == "zuordnung" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                    self.cycle(widget, -1 if event.key == pygame.K_LEFT else 1)
                    return True
        used, moved = handle_pointer(self.view, self.ui, event)
        if moved:
            self.place_rows()
        if used:
            return True
        used = super().handle(event)
        if event.type == pygame.KEYDOWN:
            self.reveal_focus()
        return used

    def reveal_focus(self) -> None:
        widget = self.ui.focused
        row = widget if isinstance(widget, AnswerRow) else getattr(widget, "row", None)
        if row is not None:
            self.view.show(row.doc_rect.top, row.doc_rect.bottom)
            self.place_rows()

    def activate_row(self, row: AnswerRow) -> None:
        if self.graded():
            self.app.announcer.say(row.announcement(self.app.strings))
            return
        kind = self.check["type"]
        if kind == "einfach":
            self.answer = row.answer
        elif kind == "mehrfach":
            self.answer ^= {row.answer}
        elif kind == "zuordnung":
            self.cycle(row, 1)
            return
        else:
            self.app.announcer.say(row.announcement(self.app.strings))
            return
        self.app.sound.play("select")
        self.refresh(row.key)
        self.app.announcer.say(self.widget(row.key).announcement(self.app.strings))

    def widget(self, key: str) -> Widget:
        return next(w for w in self.ui.widgets if w.key == key)

    def can_move(self, row: AnswerRow, step: int) -> bool:
        position = self.answer.index(row.answer) + step
        return 0 <= position < len(self.answer)

    def move(self, row: AnswerRow, step: int) -> None:
        if self.graded() or not self.can_move(row, step):
            self.app.announcer.say(self.s("learn_cannot_move"))
            return
        position = self.answer.index(row.answer)
        order = list(self.answer)
        order[position], order[position + step] = (
            order[position + step],
            order[position],
        )
        self.answer = order
        focus = self.ui.focused_key()
        self.refresh(focus)
        self.app.announcer.say(self.widget(row.key).announcement(self.app.strings))

    def cycle(self, row: AnswerRow, step: int) -> None:
        options = list(self.check["display_order"])
        current = self.answer[row.answer]
        position = options.index(current) if current in options else -1
        if position < 0 and step < 0:
            position = len(options)
        chosen = options[(position + step) % len(options)]
        self.answer = list(self.answer)
        self.answer[row.answer] = chosen
        self.app.sound.play("select")
        self.refresh(row.key)
        text = self.widget(row.key).announcement(self.app.strings)
        if self.duplicates():
            text += ". " + self.s("learn_match_duplicate")
        self.app.announcer.say(text)

    def grade(self) -> None:
        if not self.complete():
            return
        answer = sorted(self.answer) if isinstance(self.answer, set) else self.answer
        self.result = quiz.grade(self.check, answer)
        self.results[self.index] = self.result
        self.app.learning.record(self.check["key"], self.result)
        log.info("check %s graded: %s", self.check["key"], self.result["correct"])
        self.app.sound.play("round")
        self.refresh("next")
        lines = [self.verdict()]
        for entry in self.result["feedback"]:
            mark = self.s(
                "learn_state_correct" if entry["correct"] else "learn_state_wrong"
            )
            lines.append(
                f"{self.answer_text(entry['answer'])}: {mark}. {pick(entry['text'], self.lang)}"
            )
        self.app.announcer.say(" ".join(lines))

    def try_again(self) -> None:
        self.reset_answer()
        self.refresh()
        self.focus_first()
        self.app.announcer.say(self.question_announcement())

    def next_check(self) -> None:
        self.index += 1
        self.reset_answer()
        self.invalidate()
        self.ensure_layout()
        self.ui.focus_index = None
        self.focus_first()
        if self.finished:
            self.app.announcer.say(self.summary_text())
        else:
            self.app.announcer.say(self.question_announcement())

    def repeat(self) -> None:
        self.index = 0
        self.results = {}
        self.reset_answer()
        self.invalidate()
        self.ensure_layout()
        self.ui.focus_index = None
        self.focus_first()
        self.app.announcer.say(self.question_announcement())

    # -------------------------------------------------------------- draw

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(surface, ts, self.s("learn_quiz_heading"), self.progress_note())
        if self.finished or self.lesson is None:
            self.draw_summary(surface)
        else:
            question = self.question_rect()
            draw_panel(surface, question)
            ts.box(surface, question.inflate(-32, -24), self.question(), "bold")
            colour = theme.TEXT_MUTED
            if self.result is not None:
                colour = theme.GOOD if self.result["correct"] else theme.BAD
            ts.box(surface, self.hint_rect(), self.hint(), "bold", colour)
            self.view.draw_bar(surface)
        self.ui.draw(surface, ts)

    def draw_summary(self, surface) -> None:
        ts = self.typesetter
        rect = pygame.Rect(
            CONTENT_LEFT,
            HEADER_HEIGHT + 16,
            CONTENT_WIDTH,
            BUTTON_TOP - HEADER_HEIGHT - 32,
        )
        draw_panel(surface, rect)
        inner = rect.inflate(-48, -32)
        if self.lesson is None:
            ts.box(
                surface,
                inner,
                self.s("learn_lesson_missing", id=self.lesson_id),
                "body",
            )
            return
        correct = sum(result["correct"] for result in self.results.values())
        used = ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top, inner.width, ts.line_height("heading") * 2
            ),
            self.s("learn_quiz_result", correct=correct, total=len(self.checks)),
            "heading",
            theme.HEADER,
        )
        lines = self.summary_text().split("\n")[1:]
        y = inner.top + used + 16
        for line in lines:
            height = ts.measure(line, "body", inner.width)
            colour = theme.GOOD if line.startswith("✓") else theme.BAD
            mark = ts.render(line[0], "bold", colour)
            surface.blit(mark, (inner.left, y))
            ts.box(
                surface,
                pygame.Rect(inner.left + 32, y, inner.width - 32, height),
                line[2:],
                "body",
            )
            y += height + 10

    def paint_row(self, surface, ts, row: AnswerRow, hovered: bool) -> None:
        kind = self.check["type"]
        rect = row.rect
        entry = self.feedback_for(row.answer)
        selected = (kind == "einfach" and self.answer == row.answer) or (
            kind == "mehrfach" and row.answer in self.answer
        )
        fill = theme.SELECTED_TINT if hovered or selected else theme.PANEL
        border, width = theme.BORDER, 1
        if selected:
            border, width = theme.ACCENT, 2
        if entry is not None:
            fill = theme.VIRTUOUS_TINT if entry["correct"] else theme.VICIOUS_TINT
            border = theme.GOOD if entry["correct"] else theme.BAD
            width = 2
        draw_panel(surface, rect, fill=fill, border=border, width=width)
        inner = rect.inflate(-2 * ROW_PAD, -2 * ROW_PAD)
        if kind == "einfach":
            mark = "◉" if selected else "○"
        elif kind == "mehrfach":
            mark = "☑" if selected else "☐"
        elif kind == "reihenfolge":
            mark = f"{self.answer.index(row.answer) + 1}."
        else:
            mark = "•"
        rendered = ts.render(mark, "bold", theme.TEXT)
        surface.blit(rendered, (inner.left + 4, inner.top))
        left = inner.left + 40
        text_width, second_width = self.column_widths()
        text_height = ts.measure(self.answer_text(row.answer), "body", text_width)
        ts.box(
            surface,
            pygame.Rect(left, inner.top, text_width, text_height),
            self.answer_text(row.answer),
            "body",
        )
        body_height = text_height
        if kind == "zuordnung":
            box = pygame.Rect(left + text_width + 16, inner.top, second_width, 0)
            options = [self.match_text(None)] + [
                self.match_text(i) for i in self.check["display_order"]
            ]
            box.height = (
                max(ts.measure(text, "bold", second_width - 16) for text in options) + 8
            )
            choice = self.answer[row.answer]
            duplicate = choice is not None and choice in self.duplicates()
            draw_panel(
                surface,
                box,
                fill=theme.PANEL,
                border=theme.BAD if duplicate else theme.ACCENT,
                width=2,
            )
            label = ("⚠ " if duplicate else "") + self.match_text(choice)
            ts.box(
                surface,
                box.inflate(-16, -8),
                label,
                "bold",
                theme.TEXT if choice is not None else theme.TEXT_MUTED,
                valign="middle",
            )
            body_height = max(body_height, box.height)
        if entry is not None:
            line = self.feedback_line(entry)
            width = text_width + second_width
            height = ts.measure(line, "small", width)
            ts.box(
                surface,
                pygame.Rect(left, inner.top + body_height + 6, width, height),
                line,
                "small",
            )
