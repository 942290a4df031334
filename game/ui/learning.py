"""Learning content and the learner's progress for the in-game lessons.

On the desktop the content is compiled from ``learning_paths/`` with
:func:`game.learn.compile_learning_content` the first time a scene needs it
(about a second, because it parses YAML and Markdown). The browser reads the
same data from ``content/learning.json``, which the web build writes next to
``main.py``.

Progress (visited lessons and the latest result of every check) is one
record ``learning`` in the save store, beside the autosave: a file
``learning.json`` written atomically on the desktop, ``localStorage`` in the
browser. The record is JSON with one :func:`game.learn.quiz.encode_progress`
string per learning path, the encoding the SCORM package uses. A damaged
record is set aside like a damaged save and reported; the learner starts
with empty progress.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from game.content.errors import ContentError
from game.learn import quiz
from game.ui.saves import SaveError

log = logging.getLogger(__name__)

#: Project folder that contains ``learning_paths/`` (desktop).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: Compiled learning content of the web build, next to ``main.py``.
WEB_LEARNING_BUNDLE = PROJECT_ROOT / "content" / "learning.json"
#: Store record of the progress.
PROGRESS_NAME = "learning"
#: Version of the progress record layout.
PROGRESS_FORMAT = 1


class LearningUnavailable(Exception):
    """The learning content cannot be shown.

    Attributes:
        detail: First problem, for the player and the log.
    """

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class LearningSource:
    """Origin of the compiled learning content."""

    def load(self) -> dict:
        """Return the compiled content.

        Raises:
            LearningUnavailable: the content is missing or invalid.
        """
        raise NotImplementedError


class CompiledLearningSource(LearningSource):
    """Compile ``learning_paths/`` below ``root`` (desktop)."""

    def __init__(self, root: Path = PROJECT_ROOT, lang: str = "de"):
        self.root = Path(root)
        self.lang = lang

    def load(self) -> dict:
        from game.learn.compile import (  # webbuild: desktop-only
            compile_learning_content,
        )

        started = time.perf_counter()
        try:
            data = compile_learning_content(self.root)
        except ContentError as error:
            first = error.problems[0].format(self.lang) if error.problems else ""
            log.warning("Learning content has %d problem(s)", len(error.problems))
            raise LearningUnavailable(first) from error
        except OSError as error:
            raise LearningUnavailable(str(error)) from error
        log.info(
            "Compiled %d lessons in %.0f ms",
            len(data["lessons"]),
            (time.perf_counter() - started) * 1000,
        )
        return data


class JsonLearningSource(LearningSource):
    """Read the compiled content from a JSON file (browser)."""

    def __init__(self, path: Path = WEB_LEARNING_BUNDLE):
        self.path = Path(path)

    def load(self) -> dict:
        try:
            with open(self.path, encoding="utf-8") as file:
                data = json.load(file)
        except (OSError, ValueError) as error:
            log.error("Cannot read the learning content %s: %s", self.path, error)
            raise LearningUnavailable(f"{self.path.name}: {error}") from error
        if not isinstance(data, dict) or data.get("format") != 1:
            raise LearningUnavailable(f"{self.path.name}: not in the compiled format")
        return data


class DataLearningSource(LearningSource):
    """Already compiled content (tests, screenshots)."""

    def __init__(self, data: dict):
        self.data = data

    def load(self) -> dict:
        return self.data


# ------------------------------------------------------------ the record


def encode_record(data: dict, progress: dict) -> str:
    """Return the progress record: one encoded string per learning path."""
    record = {
        "format": PROGRESS_FORMAT,
        "paths": {
            path["id"]: quiz.encode_progress(data, path["id"], progress)
            for path in data["paths"]
        },
        "current": progress.get("current"),
    }
    return json.dumps(record, ensure_ascii=False)


def decode_record(data: dict, text: str) -> dict:
    """Return the progress stored in ``text``.

    A path whose lessons or checks changed since the record was written
    starts empty, because the encoding stores them by position.

    Raises:
        SaveError: ``progress_damaged`` for a record that is not valid.
    """
    try:
        record = json.loads(text)
    except ValueError as error:
        raise SaveError("progress_damaged", f"not JSON: {error}") from error
    if not isinstance(record, dict):
        raise SaveError("progress_damaged", "the top level is not an object")
    if record.get("format") != PROGRESS_FORMAT:
        raise SaveError(
            "progress_damaged",
            f"format {record.get('format')!r}, expected {PROGRESS_FORMAT}",
        )
    paths = record.get("paths")
    if not isinstance(paths, dict) or not all(
        isinstance(value, str) for value in paths.values()
    ):
        raise SaveError("progress_damaged", "field 'paths' is not an object of texts")
    progress = quiz.new_progress()
    for path in data["paths"]:
        encoded = paths.get(path["id"])
        if encoded is None:
            continue
        lessons, checks = quiz.path_items(data, path["id"])
        prefix = quiz.ENCODING_VERSION + quiz.structure_tag(lessons, checks)
        if not encoded.startswith(prefix + "."):
            log.info("Progress of path %s is from another structure", path["id"])
            continue
        part = quiz.decode_progress(data, path["id"], encoded)
        # A valid string encodes back to itself; decode_progress returns
        # empty progress for a damaged one instead of raising.
        if quiz.encode_progress(data, path["id"], part) != encoded:
            raise SaveError(
                "progress_damaged", f"path {path['id']}: {encoded!r} is not valid"
            )
        for lesson in part["visited"]:
            if lesson not in progress["visited"]:
                progress["visited"].append(lesson)
        progress["checks"].update(part["checks"])
    current = record.get("current")
    if isinstance(current, str) and current in data["lessons"]:
        progress["current"] = current
    return progress


# ------------------------------------------------------------ the library


class LearningLibrary:
    """The content, lookups into it and the learner's progress.

    Args:
        app: The application; its ``store`` keeps the progress and its
            ``save_notice`` reports a damaged record on the title screen.
        source: Where the content comes from; by default compiled on the
            desktop and read from JSON in the browser.
    """

    def __init__(self, app, source: LearningSource | None = None):
        self.app = app
        self.source = source
        self._data: dict | None = None
        self._progress: dict | None = None
        #: Why the content cannot be shown, or ``None``.
        self.unavailable: str | None = None
        #: UI string id and detail of the last progress problem.
        self.notice: tuple[str, str] | None = None

    # ------------------------------------------------------------ content

    @property
    def data(self) -> dict | None:
        """The compiled content, loaded on first use; ``None`` if unavailable."""
        if self._data is None and self.unavailable is None:
            source = self.source
            if source is None:
                source = (
                    JsonLearningSource()
                    if self.app.web
                    else CompiledLearningSource(lang=self.app.strings.lang)
                )
            try:
                self._data = source.load()
            except LearningUnavailable as error:
                self.unavailable = error.detail or "?"
        return self._data

    def lesson(self, lesson_id: str) -> dict | None:
        data = self.data
        return data["lessons"].get(lesson_id) if data else None

    def playbook(self, playbook_id: str) -> dict | None:
        data = self.data
        return data["playbooks"].get(playbook_id) if data else None

    def paths(self) -> list[dict]:
        data = self.data
        return data["paths"] if data else []

    def path_of(self, lesson_id: str) -> tuple[dict, dict] | None:
        """Return the first path and module that contain ``lesson_id``."""
        for path in self.paths():
            for module in path["modules"]:
                if lesson_id in module["lessons"]:
                    return path, module
        return None

    def neighbours(self, lesson_id: str) -> tuple[str | None, str | None]:
        """Return the previous and next lesson in the first path with it."""
        found = self.path_of(lesson_id)
        if found is None:
            return None, None
        lessons = [
            lesson for module in found[0]["modules"] for lesson in module["lessons"]
        ]
        index = lessons.index(lesson_id)
        previous = lessons[index - 1] if index > 0 else None
        following = lessons[index + 1] if index + 1 < len(lessons) else None
        return previous, following

    # ----------------------------------------------------------- progress

    @property
    def progress(self) -> dict:
        """The learner's progress, read from the store on first use."""
        if self._progress is None:
            self._progress = self._read_progress()
        return self._progress

    def _read_progress(self) -> dict:
        data = self.data
        if data is None:
            return quiz.new_progress()
        store = self.app.store
        try:
            text = store.read(PROGRESS_NAME)
            if text is None or not text.strip():
                return quiz.new_progress()
            progress = decode_record(data, text)
        except SaveError as error:
            self._set_aside(error)
            return quiz.new_progress()
        log.info(
            "Read learning progress: %d lessons visited, %d checks answered",
            len(progress["visited"]),
            len(progress["checks"]),
        )
        return progress

    def _set_aside(self, error: SaveError) -> None:
        log.warning(
            "Learning progress is unusable (%s): %s", error.reason, error.detail
        )
        try:
            where = self.app.store.set_aside(PROGRESS_NAME)
        except OSError as move_error:
            log.error("Could not set aside the learning progress: %s", move_error)
            where = ""
        self.notice = ("progress_damaged", where)
        self.app.save_notice = self.notice

    def _write(self) -> None:
        data = self.data
        if data is None:
            return
        try:
            self.app.store.write(PROGRESS_NAME, encode_record(data, self.progress))
        except OSError as error:
            log.error("Saving the learning progress failed: %s", error)
            self.notice = ("progress_write_failed", str(error))

    def visit(self, lesson_id: str) -> None:
        """Mark ``lesson_id`` visited and current, and store the progress."""
        self._progress = quiz.visit(self.progress, lesson_id)
        self._write()

    def record(self, check_key: str, result: dict) -> None:
        """Store the latest result of check ``check_key``."""
        self._progress = quiz.record(self.progress, check_key, result)
        self._write()

    def visited(self, lesson_id: str) -> bool:
        return lesson_id in self.progress["visited"]

    def check_state(self, check_key: str) -> str | None:
        """Return ``correct``, ``wrong`` or ``None`` for a check not answered."""
        return self.progress["checks"].get(check_key)

    def path_summary(self, path_id: str) -> dict:
        return quiz.summary(self.data, path_id, self.progress)
