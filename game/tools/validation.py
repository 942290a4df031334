"""Find content files and validate each with the checker for its kind.

The kind of a file follows from its folder: files under ``scenarios/sets/`` are workshop
sets, files under ``learning_paths/`` are learning paths, all other YAML
files are scenarios. The set and learning-path checkers live in their own
packages and are imported only when such files are validated.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from game.content.errors import ContentError, Problem
from game.content.messages import register
from game.content.scenario import load_scenario

register(
    {
        "id_not_file_name": (
            "Kennung `{id}` passt nicht zum Dateinamen `{stem}.yaml`. Schreiben Sie "
            "`id: {stem}` (oder benennen Sie die Datei um), damit Spiel und Workshop-Werkzeuge "
            "das Szenario eindeutig finden.",
            "id `{id}` does not match the file name `{stem}.yaml`. Write `id: {stem}` (or "
            "rename the file), so the game and the workshop tools find the scenario.",
        ),
        "id_twice": (
            "Kennung `{id}` hat auch das Szenario in {other}. Geben Sie jedem Szenario eine "
            "eigene Kennung.",
            "id `{id}` is also used by the scenario in {other}. Give every scenario its own id.",
        ),
    }
)

log = logging.getLogger(__name__)

_SKIPPED_DIRS = {
    "schema",
    "node_modules",
    ".git",
    "__pycache__",
    "build",
    ".venv",
    "venv",
}


def collect_files(paths: list[str], scenarios_only: bool = False) -> list[Path]:
    """Return the YAML files named or found below ``paths``, sorted per folder."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if candidate.suffix not in (".yaml", ".yml") or not candidate.is_file():
                    continue
                if _SKIPPED_DIRS.intersection(candidate.relative_to(path).parts[:-1]):
                    continue
                found.append(candidate)
        else:
            found.append(path)
    if scenarios_only:
        found = [path for path in found if content_kind(path) == "scenario"]
    unique = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def content_kind(path: Path) -> str:
    """Return ``scenario``, ``set`` or ``learning`` for a content file.

    The top-level keys decide (``variablen`` for scenarios, ``szenarien`` for
    sets, ``lektionen`` or ``module`` for learning content), so a file copied
    to another folder is still checked as what it is. A file that cannot be
    read is classified by its folder, and its reader reports the problem.
    """
    keys = _top_level_keys(path)
    if "variablen" in keys:
        return "scenario"
    if "szenarien" in keys:
        return "set"
    if "lektionen" in keys or "module" in keys:
        return "learning"
    parts = path.resolve().parts
    if "learning_paths" in parts:
        return "learning"
    if "sets" in parts and "scenarios" in parts:
        return "set"
    return "scenario"


def _top_level_keys(path: Path) -> set[str]:
    # Only column-1 keys matter, so a plain text scan avoids parsing twice.
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as file:
            head = file.read(200_000)
    except OSError:
        return set()
    return set(_TOP_KEY.findall(head))


_TOP_KEY = re.compile(r"^([a-z_]+):", re.MULTILINE)


def validate_file(path: Path) -> list[Problem]:
    """Return every problem of one file; an empty list means it is valid."""
    kind = content_kind(path)
    started = time.perf_counter()
    try:
        if kind == "set":
            from game.workshop.sets import load_set

            load_set(path)
        elif kind == "learning":
            # Learning files are checked together, with their cross-links.
            return []
        else:
            load_scenario(path, display_path=str(path))
    except ContentError as error:
        log.info("%s: %d problem(s)", path, len(error.problems))
        return error.problems
    log.debug(
        "validated %s (%s) in %.1f ms",
        path,
        kind,
        (time.perf_counter() - started) * 1000,
    )
    return []


def validate_paths(files: list[Path], roots: list[str]) -> dict[str, list[Problem]]:
    """Validate ``files`` and the links between scenarios and learning content.

    The learning content of the file's project (or of the installed game) is
    checked as a whole. Its problems are reported for the validated files,
    for a scenario: lesson and playbook links that do not resolve, or an
    action that links to neither.
    """
    results: dict[str, list[Problem]] = {}
    for path in files:
        results[str(path)] = validate_file(path)
    _check_scenario_ids(files, results)
    wanted = {path.resolve(): str(path) for path in files}
    learning_checked = any(content_kind(path) == "learning" for path in files)
    for root in _project_roots(files):
        from game.learn import validate_learning_content

        for problem in validate_learning_content(root):
            if problem.location is None:
                if not learning_checked:
                    continue
                key = str(root / "learning_paths")
            else:
                located = Path(problem.location.path)
                if not located.is_absolute():
                    located = Path.cwd() / located
                located = located.resolve()
                key = wanted.get(located)
                if (
                    key is None
                    and learning_checked
                    and located.is_relative_to(root / "learning_paths")
                ):
                    # Playbooks are Markdown files, which are not collected.
                    key = problem.location.path
                if key is None:
                    continue
            results.setdefault(key, []).append(problem)
    return results


def _project_roots(files: list[Path]) -> list[Path]:
    """Return the project roots (folders with ``learning_paths/``) of ``files``."""
    roots: list[Path] = []
    installed = Path(__file__).resolve().parents[2]
    for path in files:
        for parent in path.resolve().parents:
            if (parent / "learning_paths").is_dir():
                if parent not in roots:
                    roots.append(parent)
                break
        else:
            # A scenario outside any project links to the installed lessons.
            if (installed / "learning_paths").is_dir() and installed not in roots:
                roots.append(installed)
    return roots


def _check_scenario_ids(files: list[Path], results: dict[str, list[Problem]]) -> None:
    """Report scenario ids that differ from the file name or repeat another file's.

    The game and the workshop tools find scenarios by id, so a copy that keeps
    the original's id would hide one of the two.
    """
    from game.content.yamlload import load_file

    seen: dict[str, Path] = {}
    for path in files:
        if content_kind(path) != "scenario" or results.get(str(path)):
            continue
        root = load_file(path, str(path))
        node = root.value.get("id")
        if node is None:
            continue
        scenario_id = node.text
        if scenario_id != path.stem:
            results[str(path)].append(
                Problem(
                    node.location,
                    "id_not_file_name",
                    {"id": scenario_id, "stem": path.stem},
                )
            )
        if scenario_id in seen:
            results[str(path)].append(
                Problem(
                    node.location,
                    "id_twice",
                    {"id": scenario_id, "other": str(seen[scenario_id])},
                )
            )
        else:
            seen[scenario_id] = path
        # Also compare with the other scenarios in the same folder.
        for sibling in sorted(path.parent.glob("*.yaml")):
            if sibling == path or sibling in files:
                continue
            keys = _top_level_keys(sibling)
            if "variablen" not in keys:
                continue
            match = re.search(
                r"^id:\s*([a-z0-9_]+)", sibling.read_text("utf-8", "replace"), re.M
            )
            if match and match.group(1) == scenario_id:
                results[str(path)].append(
                    Problem(
                        node.location,
                        "id_twice",
                        {"id": scenario_id, "other": str(sibling)},
                    )
                )
