"""Optional sound effects, OGG files from ``assets/sounds``.

The game is fully usable without sound. Nothing is played or even loaded
before the first key press or click, because browsers block audio until the
user interacts with the page. If the mixer cannot start (no audio device),
the game stays silent.
"""

from __future__ import annotations

import logging

import pygame

from game.ui import theme

log = logging.getLogger(__name__)

#: Sound names and their files.
SOUND_FILES = {
    "select": "select.ogg",
    "round": "round.ogg",
    "event": "event.ogg",
}


class Sound:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.unlocked = False
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._failed = False

    def unlock(self) -> None:
        """Allow sound after the first user input."""
        self.unlocked = True

    def play(self, name: str) -> None:
        if not (self.enabled and self.unlocked) or self._failed:
            return
        if not self._sounds and not self._load():
            return
        sound = self._sounds.get(name)
        if sound is not None:
            sound.play()

    def _load(self) -> bool:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            for name, file_name in SOUND_FILES.items():
                self._sounds[name] = pygame.mixer.Sound(theme.SOUND_DIR / file_name)
                self._sounds[name].set_volume(0.5)
        except (pygame.error, FileNotFoundError) as error:
            log.info("Sound is off because the mixer failed: %s", error)
            self._failed = True
            return False
        return True
