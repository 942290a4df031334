"""Compile the learning content for the browser game: ``content/learning.json``.

The web build calls :func:`compile_for_web` through
``game.webbuild.content.LEARNING_COMPILER``. The browser game reads the file
instead of YAML and Markdown, which it cannot parse.
"""

from __future__ import annotations

import logging
from pathlib import Path

from game.learn.compile import compile_learning_content
from game.webbuild.bundle import LEARNING_JSON
from game.webbuild.content import write_json_atomic

log = logging.getLogger(__name__)

#: Folder of the learning content below the project root.
LEARNING_DIR = "learning_paths"


def compile_for_web(project_root: Path, content_dir: Path) -> list[Path]:
    """Validate the learning content and write it as one JSON file.

    Args:
        project_root: Folder that contains ``learning_paths/``.
        content_dir: The staged app's ``content/`` folder.

    Returns:
        The written file, or an empty list when the project has no
        ``learning_paths/`` folder (the game then shows that no learning
        content is available).

    Raises:
        SchemaError: with the located problems of the learning content.
    """
    project_root = Path(project_root)
    if not (project_root / LEARNING_DIR).is_dir():
        log.warning(
            "No %s/ in %s; the web build has no lessons", LEARNING_DIR, project_root
        )
        return []
    data = compile_learning_content(project_root)
    target = Path(content_dir) / Path(LEARNING_JSON).name
    write_json_atomic(target, data)
    log.info(
        "Compiled %d lesson(s) and %d playbook(s) to %s",
        len(data["lessons"]),
        len(data["playbooks"]),
        LEARNING_JSON,
    )
    return [target]
