"""Learning paths, playbooks and the e-learning export.

Public entry points:

- :func:`validate_learning_content` returns every located problem of
  ``learning_paths/`` and its links to scenarios (used by ``validate``).
- :func:`load_learning_content` returns :class:`LearningContent` or raises
  :class:`~game.content.errors.SchemaError`.
- :func:`compile_learning_content` returns JSON-ready data for the game.
- :mod:`game.learn.quiz` grades answers and keeps progress.
- :mod:`game.learn.export` writes the static HTML module and SCORM package.

The names above are imported on first use (PEP 562 ``__getattr__``). The
browser game imports :mod:`game.learn.quiz`, which runs this file, and the
loader needs PyYAML and markdown-it-py, which the browser does not have.
"""

from __future__ import annotations

__all__ = [
    "LearningContent",
    "compile_learning_content",
    "load_learning_content",
    "read_learning_content",
    "validate_learning_content",
]


#: Public name -> module that defines it.
_LAZY = {
    "LearningContent": "game.learn.model",
    "compile_learning_content": "game.learn.compile",
    "load_learning_content": "game.learn.loader",
    "read_learning_content": "game.learn.loader",
    "validate_learning_content": "game.learn.loader",
}


def __getattr__(name: str):
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
