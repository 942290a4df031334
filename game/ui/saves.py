"""Save and resume: one autosave slot plus the settings.

A save stores only what replay needs: scenario id, content hash, seed and
decision log. The game rebuilds the state by replaying the log with the same
seed, so a save is small and cannot hold a state that the engine would not
reach.

Two stores share one interface: :class:`FileStore` on the desktop (files in
the user's data directory, written atomically with a temporary file and
``os.replace``) and :class:`BrowserStore` in the browser (``localStorage``
through :mod:`game.ui.web_bridge`). A damaged or incompatible save is set
aside under ``<name>.damaged-<timestamp>`` and reported, never silently
overwritten.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.ui import web_bridge

log = logging.getLogger(__name__)

#: Version of the save layout; a save of another version is set aside.
SAVE_FORMAT = 1
SAVE_NAME = "save"
SETTINGS_NAME = "settings"
#: Prefix of every key in the browser's localStorage.
BROWSER_KEY_PREFIX = "datenschatz."


class SaveError(Exception):
    """A save that cannot be used.

    Attributes:
        reason: UI string id that explains the problem to the player.
        detail: Technical detail for the log.
    """

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class SaveGame:
    """Everything needed to rebuild a playthrough by replay."""

    scenario_id: str
    content_hash: str
    seed: int
    decisions: list[list[str]] = field(default_factory=list)
    format: int = SAVE_FORMAT


def encode_save(save: SaveGame) -> str:
    return json.dumps(asdict(save), ensure_ascii=False, indent=1)


def decode_save(text: str) -> SaveGame:
    """Parse a save; raise :class:`SaveError` if it is not a valid save.

    Raises:
        SaveError: with reason ``save_damaged`` for unreadable data or
            ``save_incompatible`` for another save format.
    """
    try:
        data = json.loads(text)
    except ValueError as error:
        raise SaveError("save_damaged", f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise SaveError("save_damaged", "the top level is not an object")
    if data.get("format") != SAVE_FORMAT:
        raise SaveError(
            "save_incompatible",
            f"save format {data.get('format')!r}, expected {SAVE_FORMAT}",
        )
    try:
        save = SaveGame(
            scenario_id=data["scenario_id"],
            content_hash=data["content_hash"],
            seed=data["seed"],
            decisions=data["decisions"],
        )
    except KeyError as error:
        raise SaveError("save_damaged", f"field {error} is missing") from error
    valid = (
        isinstance(save.scenario_id, str)
        and isinstance(save.content_hash, str)
        and isinstance(save.seed, int)
        and isinstance(save.decisions, list)
        and all(
            isinstance(d, list) and all(isinstance(a, str) for a in d)
            for d in save.decisions
        )
    )
    if not valid:
        raise SaveError("save_damaged", "a field has the wrong type")
    return save


def _timestamp() -> str:
    return time.strftime("%Y%m%dT%H%M%S")


class Store:
    """Named text records: the save slot and the settings."""

    def read(self, name: str) -> str | None:
        raise NotImplementedError

    def write(self, name: str, text: str) -> None:
        raise NotImplementedError

    def set_aside(self, name: str) -> str:
        """Move a damaged record out of the way; return its new name."""
        raise NotImplementedError

    def load_save(self) -> SaveGame | None:
        """Return the autosave, ``None`` if there is none.

        Raises:
            SaveError: the save exists but cannot be used.
        """
        text = self.read(SAVE_NAME)
        if text is None or not text.strip():
            return None
        return decode_save(text)

    def write_save(self, save: SaveGame) -> None:
        self.write(SAVE_NAME, encode_save(save))

    def has_save(self) -> bool:
        text = self.read(SAVE_NAME)
        return bool(text and text.strip())


class FileStore(Store):
    """Records as files ``<name>.json`` in a folder (desktop).

    Args:
        directory: Folder of the records, created on the first write; by
            default the user's data folder from ``platformdirs``.
    """

    def __init__(self, directory: Path | None = None):
        if directory is None:
            import platformdirs

            directory = Path(platformdirs.user_data_dir("datenschatz", appauthor=False))
        self.directory = Path(directory)

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.json"

    def read(self, name: str) -> str | None:
        try:
            return self.path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise SaveError(
                "save_damaged", f"cannot read {self.path(name)}: {error}"
            ) from error

    def write(self, name: str, text: str) -> None:
        """Write atomically: a crash leaves either the old or the new record."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path(name)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{name}.", suffix=".tmp", dir=self.directory
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise

    def set_aside(self, name: str) -> str:
        source = self.path(name)
        target = source.with_name(f"{source.name}.damaged-{_timestamp()}")
        counter = 1
        while target.exists():
            target = source.with_name(f"{source.name}.damaged-{_timestamp()}-{counter}")
            counter += 1
        os.replace(source, target)
        log.warning("Set aside the unusable record %s as %s", source, target)
        return str(target)


class BrowserStore(Store):
    """Records in the page's ``localStorage`` via ``window.dsStorageGet/Set``."""

    def read(self, name: str) -> str | None:
        return web_bridge.storage_get(BROWSER_KEY_PREFIX + name)

    def write(self, name: str, text: str) -> None:
        web_bridge.storage_set(BROWSER_KEY_PREFIX + name, text)

    def set_aside(self, name: str) -> str:
        key = BROWSER_KEY_PREFIX + name
        target = f"{key}.damaged-{_timestamp()}"
        web_bridge.storage_set(target, self.read(name) or "")
        web_bridge.storage_set(key, "")
        log.warning("Set aside the unusable record %s as %s", key, target)
        return target


class MemoryStore(Store):
    """Records in a dictionary: screenshots and benchmarks, which must not
    touch the player's real save."""

    def __init__(self):
        self.records: dict[str, str] = {}

    def read(self, name: str) -> str | None:
        return self.records.get(name)

    def write(self, name: str, text: str) -> None:
        self.records[name] = text

    def set_aside(self, name: str) -> str:
        target = f"{name}.damaged-{_timestamp()}"
        self.records[target] = self.records.pop(name, "")
        return target
