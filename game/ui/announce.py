"""The accessible text layer: what a screen reader should hear.

The canvas is a picture to assistive technology, so every scene mirrors what
matters (the focused element with its label and state, round results,
pop-ups) into an :class:`Announcer`. On the desktop the announcer only keeps
a history, which tests read; in the browser it also forwards each text to the
page's ARIA live region through :mod:`game.ui.web_bridge`.
"""

from __future__ import annotations

import logging
from collections import deque

from game.ui import web_bridge

log = logging.getLogger(__name__)

#: Announcements kept for tests and the debug log.
HISTORY_LENGTH = 500


class Announcer:
    """Collects announcements and forwards them to the page in the browser.

    Args:
        forward: Send each announcement to ``window.dsAnnounce``; true in the
            browser.
    """

    def __init__(self, forward: bool = False):
        self.forward = forward
        self.history: deque[str] = deque(maxlen=HISTORY_LENGTH)

    def say(self, text: str) -> None:
        """Announce ``text`` unless it repeats the previous announcement."""
        text = " ".join(text.split())
        if not text or (self.history and self.history[-1] == text):
            return
        self.history.append(text)
        log.debug("announce: %s", text)
        if self.forward:
            web_bridge.announce(text)

    @property
    def last(self) -> str:
        """The most recent announcement, or an empty string."""
        return self.history[-1] if self.history else ""
