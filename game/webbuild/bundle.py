"""Layout of the staged browser app, shared by the build and the game.

The build writes the compiled content into the staged app folder, next to
``main.py``. pygbag starts ``main.py`` with that folder as the working
directory, so the game opens these paths relative to it. This module uses
only the standard library, so the browser may import it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: Folder of the compiled content inside the staged app.
CONTENT_DIR = PurePosixPath("content")
#: JSON list of ``game.sim.model.scenario_to_dict`` objects, sorted by file name.
SCENARIOS_JSON = CONTENT_DIR / "scenarios.json"
#: Compiled learning paths, lessons and playbooks, as returned by
#: ``game.learn.compile_learning_content``.
LEARNING_JSON = CONTENT_DIR / "learning.json"
#: JSON list of ``game.workshop.sets.set_to_dict`` objects, sorted by file name.
SETS_JSON = CONTENT_DIR / "sets.json"
#: Folder of fonts, images and sounds inside the staged app (a copy of ``assets/``).
ASSETS_DIR = PurePosixPath("assets")
#: Name of the staged app folder; pygbag names the archive ``<name>.apk`` after it.
APP_NAME = "datenschatz"
#: Browser entry module and coroutine function, called as ``main("web")``.
ENTRY_MODULE = "game.ui.app"
ENTRY_FUNCTION = "main"
