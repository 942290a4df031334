"""The round screen's "learn more" button: the focused action's first lesson."""

from __future__ import annotations

from game.sim.model import text_in
from game.ui.widgets import Widget

#: Height of the button inside the detail panel, in pixels.
LEARN_MORE_HEIGHT = 34
LEARN_MORE_WIDTH = 210


class LearnMoreButton(Widget):
    """Opens the first lesson, or else the first playbook, of ``action_id``.

    The round screen sets :attr:`action_id` to the action its detail panel
    shows, so the button keeps pointing at that action while the pointer
    moves onto it.
    """

    def __init__(self, rect, scene):
        super().__init__(
            rect,
            lambda: scene.s("learn_more"),
            self.open,
            state=self.target_text,
            key="learn_more",
        )
        self.scene = scene
        self.action_id: str | None = None

    def target(self) -> tuple[str, str] | None:
        """Return ``(kind, id)`` of the link, or ``None``."""
        if self.action_id is None:
            return None
        action = self.scene.session.scenario.action(self.action_id)
        if action.lessons:
            return "lesson", action.lessons[0]
        if action.playbooks:
            return "playbook", action.playbooks[0]
        return None

    def show_action(self, action_id: str | None) -> None:
        self.action_id = action_id
        self.enabled = self.target() is not None

    def target_text(self) -> str:
        target = self.target()
        if target is None:
            return ""
        kind, ident = target
        library = self.scene.app.learning
        name = text_in(
            self.scene.session.scenario.action(self.action_id).name, self.scene.lang
        )
        if kind == "lesson":
            lesson = library.lesson(ident)
            title = text_in(lesson["title"], self.scene.lang) if lesson else ident
            text = self.scene.s("learn_link_lesson", title=title)
        else:
            text = self.scene.s("learn_link_playbook", title=ident)
        return f"{name}: " + self.scene.s("learn_more_target", target=text)

    def open(self) -> None:
        from game.ui.scenes.lesson import open_link

        target = self.target()
        if target is not None:
            open_link(self.scene.app, *target)
