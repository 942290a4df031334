"""Validate the content files and compile them to JSON for the browser.

The browser never parses YAML: every ``scenarios/*.yaml`` is loaded with the
full located validation of :func:`game.content.scenario.load_scenario` and
written as one JSON list of :func:`game.sim.model.scenario_to_dict` objects.
The workshop's scenario sets (``scenarios/sets/*.yaml``) go the same way into
``content/sets.json``.
Learning paths are compiled by the learning-path package through
:func:`compile_learning_content` once that package provides its compiler.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import tempfile
from pathlib import Path

from game.content.errors import ContentError, Location, Problem
from game.content.messages import register
from game.content.scenario import load_scenario
from game.sim.model import scenario_to_dict
from game.webbuild.bundle import CONTENT_DIR, SCENARIOS_JSON, SETS_JSON

log = logging.getLogger(__name__)

#: Module and function that compile learning paths for the browser. The
#: function is called as ``compile_for_web(project_root, content_dir)``, writes
#: its JSON files into ``content_dir`` and returns their paths; it raises
#: ``ContentError`` with located problems for invalid files.
LEARNING_COMPILER = ("game.learn.webexport", "compile_for_web")

register(
    {
        "web_no_scenarios": (
            "Keine Szenario-Dateien (*.yaml) in {folder}. Der Web-Build braucht "
            "mindestens ein Szenario.",
            "no scenario files (*.yaml) in {folder}. The web build needs at least "
            "one scenario.",
        ),
    }
)


def write_json_atomic(path: Path, data) -> None:
    """Write ``data`` as UTF-8 JSON through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=path.name, suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compile_scenarios(project_root: Path, app_dir: Path) -> list[str]:
    """Validate ``scenarios/*.yaml`` and write them to ``content/scenarios.json``.

    Every file is loaded, so one run reports the problems of all files.

    Args:
        project_root: Folder that contains ``scenarios/``.
        app_dir: Staged app folder; the JSON goes to ``app_dir/content/``.

    Returns:
        The scenario ids, in file name order.

    Raises:
        ContentError: with the located problems of every invalid file.
    """
    folder = project_root / "scenarios"
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        location = Location(f"{folder.name}/", 1, 1)
        raise ContentError(
            [Problem(location, "web_no_scenarios", {"folder": f"{folder.name}/"})]
        )
    compiled = []
    problems: list[Problem] = []
    for path in paths:
        display = path.relative_to(project_root).as_posix()
        try:
            scenario = load_scenario(path, display_path=display)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        compiled.append(scenario_to_dict(scenario))
    if problems:
        raise ContentError(problems)
    write_json_atomic(app_dir / SCENARIOS_JSON, compiled)
    log.info("Compiled %d scenario(s) to %s", len(compiled), SCENARIOS_JSON)
    compile_sets(project_root, app_dir)
    return [item["id"] for item in compiled]


def compile_sets(project_root: Path, app_dir: Path) -> list[str]:
    """Validate ``scenarios/sets/*.yaml`` and write them to ``content/sets.json``.

    The set's ``source`` and ``scenario_dir`` become paths relative to the
    project, so the archive contains no folder names of the build machine.

    Returns:
        The set ids, in file name order; an empty list writes an empty file.

    Raises:
        ContentError: with the located problems of every invalid set file.
    """
    from game.workshop.sets import load_set, set_to_dict

    folder = project_root / "scenarios"
    compiled = []
    problems: list[Problem] = []
    for path in sorted((folder / "sets").glob("*.yaml")):
        try:
            data = set_to_dict(load_set(path, scenario_dir=folder))
        except ContentError as error:
            problems.extend(error.problems)
            continue
        data["source"] = path.relative_to(project_root).as_posix()
        data["scenario_dir"] = folder.relative_to(project_root).as_posix()
        compiled.append(data)
    if problems:
        raise ContentError(problems)
    write_json_atomic(app_dir / SETS_JSON, compiled)
    log.info("Compiled %d scenario set(s) to %s", len(compiled), SETS_JSON)
    return [item["id"] for item in compiled]


def compile_learning_content(project_root: Path, app_dir: Path) -> list[Path]:
    """Run the learning-path compiler of :data:`LEARNING_COMPILER`, if present.

    Returns:
        The JSON files it wrote, or an empty list while the learning-path
        package has no such compiler.

    Raises:
        ContentError: from the compiler, for invalid learning-path files.
    """
    module_name, function_name = LEARNING_COMPILER
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            log.info("No learning-path compiler %s yet; skipping", module_name)
            return []
        raise
    compiler = getattr(module, function_name, None)
    if compiler is None:
        log.info("%s has no %s yet; skipping", module_name, function_name)
        return []
    written = [Path(path) for path in compiler(project_root, app_dir / CONTENT_DIR)]
    log.info("Learning-path compiler wrote %d file(s)", len(written))
    return written
