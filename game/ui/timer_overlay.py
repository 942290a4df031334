"""The workshop round timer on the round screen.

:class:`TimerOverlay` is an optional part of
:class:`~game.ui.scenes.round.RoundScene`: the scene passes it its events,
frames and drawing, and calls it when the game ends. The overlay
starts a :class:`~game.workshop.timer.RoundTimer` whenever a new round waits
for decisions, shows the remaining time in the header with a pause button,
and ends the round with the actions chosen so far when the time runs out.

The timer runs only while the round screen is the top scene: charts, the
game menu and the round results stop it, because the round scene gets no
frames then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.widgets import Widget, draw_panel
from game.workshop.timer import RoundTimer

log = logging.getLogger(__name__)

#: Header area of the timer: time and state text, then the pause button.
PANEL_RECT = pygame.Rect(606, 6, 338, 52)
BUTTON_RECT = pygame.Rect(764, 10, 176, theme.BUTTON_HEIGHT)
#: Banner over the right half of the strip below the map, shown while paused
#: and in the final phase. It covers the symbol legend meanwhile.
BANNER_RECT = pygame.Rect(412, 644, 396, 64)
#: Seconds left at which "one minute left" is announced.
MINUTE_WARNING = 60.0
#: Key that pauses and resumes the timer.
PAUSE_KEY = pygame.K_p


class TimerOverlay:
    """Round timer of a workshop game, drawn over the round screen.

    Args:
        seconds_per_round: Time limit of every round.
        on_finish: Called with the round scene instead of the debrief once
            the game has ended.
    """

    def __init__(self, seconds_per_round: int, on_finish: Callable[[object], None]):
        self.timer = RoundTimer(seconds_per_round)
        self.on_finish = on_finish
        #: Round number (``session.round``) the timer counts for, or ``None``.
        self.counting_round: int | None = None
        self._minute_announced = False

    # ------------------------------------------------------------ the scene

    def widgets(self, scene) -> list[Widget]:
        """Return the pause button for the round scene's focus group."""
        return [
            Widget(
                BUTTON_RECT,
                lambda: self.button_label(scene),
                lambda: self.toggle_pause(scene),
                state=lambda: self.state_text(scene),
                key="timer_pause",
            )
        ]

    def handle(self, scene, event: pygame.event.Event) -> bool:
        """Pause or resume on the pause key, and return whether the event was used."""
        if event.type == pygame.KEYDOWN and event.key == PAUSE_KEY:
            self.toggle_pause(scene)
            return True
        return False

    def update(self, scene, dt: float) -> None:
        """Start the timer for a new round, advance it, and end the round at zero."""
        session = scene.session
        deciding = scene.waiting_for is None and not session.finished
        if not deciding:
            return
        if self.counting_round != session.round:
            self.start_round(scene)
            return
        before = self.timer.remaining
        expired = self.timer.advance(dt)
        if (
            not self._minute_announced
            and before > MINUTE_WARNING >= self.timer.remaining
            and not expired
        ):
            self._minute_announced = True
            scene.app.announcer.say(scene.s("ws_timer_minute_left"))
        if expired:
            self.time_up(scene)

    def finish(self, scene) -> None:
        """Leave the finished game through the workshop's result screen."""
        self.on_finish(scene)

    # ---------------------------------------------------------- transitions

    def start_round(self, scene) -> None:
        self.counting_round = scene.session.round
        self.timer.reset()
        self.timer.start()
        self._minute_announced = self.timer.limit <= MINUTE_WARNING
        rounds = scene.session.scenario.goals.rounds
        scene.app.announcer.say(
            scene.s(
                "ws_timer_started",
                time=self.timer.format_remaining(),
                round=scene.session.round + 1,
                rounds=rounds,
            )
        )

    def toggle_pause(self, scene) -> None:
        if self.timer.running:
            self.timer.pause()
            scene.app.announcer.say(
                scene.s("ws_timer_paused", time=self.timer.format_remaining())
            )
        elif self.timer.paused:
            self.timer.resume()
            scene.app.announcer.say(
                scene.s("ws_timer_resumed", time=self.timer.format_remaining())
            )

    def time_up(self, scene) -> None:
        """Announce the end of the time and end the round with the selection."""
        session = scene.session
        names = [
            text_in(session.scenario.action(action_id).name, scene.lang)
            for action_id in session.selected
        ]
        chosen = ", ".join(names) if names else scene.s("ws_timer_nothing_chosen")
        scene.app.announcer.say(scene.s("ws_timer_time_up", actions=chosen))
        log.info("Round %d ended by the timer", session.round + 1)
        scene.end_round()

    # ---------------------------------------------------------------- texts

    def button_label(self, scene) -> str:
        if self.timer.paused:
            return scene.s("ws_timer_resume_button")
        return scene.s("ws_timer_pause_button")

    def state_text(self, scene) -> str:
        time = self.timer.format_remaining()
        if self.timer.paused:
            return scene.s("ws_timer_state_paused", time=time)
        if self.timer.final_phase:
            return scene.s("ws_timer_state_final", time=time)
        return scene.s("ws_timer_state_running", time=time)

    # ----------------------------------------------------------------- draw

    def draw(self, scene, surface: pygame.Surface) -> None:
        """Draw the time panel in the header and, if needed, the banner."""
        ts = scene.typesetter
        paused = self.timer.paused
        final = self.timer.final_phase
        time = self.timer.format_remaining()
        key = ("timer_panel", scene.lang, ts.scale, time, paused, final)
        picture = ts.picture(
            key, PANEL_RECT.size, lambda target: self._paint_panel(scene, target)
        )
        surface.blit(picture, PANEL_RECT)
        if paused or final:
            key = ("timer_banner", scene.lang, ts.scale, time, paused)
            picture = ts.picture(
                key, BANNER_RECT.size, lambda target: self._paint_banner(scene, target)
            )
            surface.blit(picture, BANNER_RECT)

    def _paint_panel(self, scene, target: pygame.Surface) -> None:
        ts = scene.typesetter
        rect = target.get_rect()
        paused = self.timer.paused
        final = self.timer.final_phase
        # The state is also written out ("pausiert", "letzte Sekunden"), so the
        # border colour is never the only sign.
        if final:
            draw_panel(target, rect, fill=theme.VICIOUS_TINT, border=theme.BAD, width=3)
        elif paused:
            draw_panel(target, rect, fill=theme.PANEL_ALT, border=theme.ORANGE, width=3)
        else:
            draw_panel(target, rect, fill=theme.PANEL, border=theme.BORDER)
        text_rect = pygame.Rect(
            10, 3, BUTTON_RECT.left - PANEL_RECT.left - 16, rect.height - 6
        )
        symbol = "◷"
        if paused:
            symbol = "❚❚"
        elif final:
            symbol = "⚠"
        time_height = ts.line_height("bold")
        ts.box(
            target,
            pygame.Rect(text_rect.left, text_rect.top, text_rect.width, time_height),
            f"{symbol} {self.timer.format_remaining()}",
            "bold",
            theme.BAD if final else theme.TEXT,
        )
        if paused:
            word = scene.s("ws_timer_word_paused")
        elif final:
            word = scene.s("ws_timer_word_final")
        else:
            word = scene.s("ws_timer_word_running")
        ts.box(
            target,
            pygame.Rect(
                text_rect.left,
                text_rect.top + time_height,
                text_rect.width,
                text_rect.height - time_height,
            ),
            word,
            "label",
            theme.TEXT,
        )

    def _paint_banner(self, scene, target: pygame.Surface) -> None:
        ts = scene.typesetter
        rect = target.get_rect()
        if self.timer.paused:
            draw_panel(target, rect, fill=theme.PANEL_ALT, border=theme.ORANGE, width=3)
            text = scene.s("ws_timer_banner_paused")
        else:
            draw_panel(target, rect, fill=theme.VICIOUS_TINT, border=theme.BAD, width=3)
            text = scene.s("ws_timer_banner_final", time=self.timer.format_remaining())
        ts.box(target, rect.inflate(-16, -8), text, "label", valign="middle")
