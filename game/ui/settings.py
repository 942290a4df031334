"""Player settings: language, text size, sound and reduced motion."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass

from game.ui.i18n import LANGUAGES
from game.ui.saves import SETTINGS_NAME, SaveError, Store

log = logging.getLogger(__name__)

#: Text size ids and their font scale factors.
TEXT_SIZES = {"normal": 1.0, "large": 1.15, "larger": 1.3}


@dataclass
class Settings:
    lang: str = "de"
    text_size: str = "normal"
    sound: bool = True
    reduced_motion: bool = False

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES[self.text_size]


def load_settings(store: Store, default_lang: str = "de") -> Settings:
    """Read the settings; unusable values fall back to the defaults."""
    settings = Settings(lang=default_lang)
    try:
        text = store.read(SETTINGS_NAME)
    except SaveError as error:
        log.warning("Ignoring unreadable settings: %s", error.detail)
        return settings
    if not text:
        return settings
    try:
        data = json.loads(text)
    except ValueError as error:
        log.warning("Ignoring settings that are not JSON: %s", error)
        return settings
    if not isinstance(data, dict):
        return settings
    if data.get("lang") in LANGUAGES:
        settings.lang = data["lang"]
    if data.get("text_size") in TEXT_SIZES:
        settings.text_size = data["text_size"]
    if isinstance(data.get("sound"), bool):
        settings.sound = data["sound"]
    if isinstance(data.get("reduced_motion"), bool):
        settings.reduced_motion = data["reduced_motion"]
    return settings


def save_settings(store: Store, settings: Settings) -> None:
    store.write(SETTINGS_NAME, json.dumps(asdict(settings)))
