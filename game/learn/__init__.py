"""Learning paths, playbooks and the e-learning export.

Public entry points:

- :func:`validate_learning_content` returns every located problem of
  ``learning_paths/`` and its links to scenarios (used by ``validate``).
- :func:`load_learning_content` returns :class:`LearningContent` or raises
  :class:`~game.content.errors.SchemaError`.
- :func:`compile_learning_content` returns JSON-ready data for the game.
- :mod:`game.learn.quiz` grades answers and keeps progress.
- :mod:`game.learn.export` writes the static HTML module and SCORM package.
"""

from game.learn.compile import compile_learning_content
from game.learn.loader import (
    load_learning_content,
    read_learning_content,
    validate_learning_content,
)
from game.learn.model import LearningContent

__all__ = [
    "LearningContent",
    "compile_learning_content",
    "load_learning_content",
    "read_learning_content",
    "validate_learning_content",
]
