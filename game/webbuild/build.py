"""Stage the browser app and run pygbag to produce ``build/web/``.

pygbag 0.9.3 needs no network for ``--build`` as long as it gets a local page
template (``--template``) and icon (``--icon``): otherwise it downloads both
from the runtime address (``--cdn``) and, without network, retries every five
seconds forever. The browser loads the Python runtime itself from the
``--cdn`` address when the page opens, not at build time.

pygbag names the archive after the app folder and writes its output into
``<app folder>/build/web``. So the build stages the app in a temporary
folder named :data:`~game.webbuild.bundle.APP_NAME` and copies the result to
the output folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from game.content.errors import Problem
from game.webbuild.bundle import APP_NAME, ASSETS_DIR, ENTRY_FUNCTION, ENTRY_MODULE
from game.webbuild.content import compile_learning_content, compile_scenarios
from game.webbuild.importcheck import ImportReport, check_browser_imports

log = logging.getLogger(__name__)

#: Runtime address pygbag 0.9.3 uses by default (its ``DEFAULT_CDN``).
DEFAULT_CDN = "https://pygame-web.github.io/cdn/0.9.3/"
#: Seconds the pygbag build may take before it counts as hung.
PYGBAG_TIMEOUT_S = 600
#: Placeholder in the page template for the package index address. pygbag
#: replaces only its own ``{{cookiecutter.*}}`` keys, so the build fills it in.
PACKAGE_INDEX_PLACEHOLDER = "@DS_PACKAGE_INDEX@"
#: File suffixes that are never staged.
SKIPPED_SUFFIXES = {".py", ".pyc", ".pyo", ".pyi"}

MAIN_PY = f'''\
# /// script
# dependencies = ["pygame-ce"]
# ///
"""Browser entry point of Datenschatz, written by ``python -m game build-web``."""

import asyncio
import logging

import pygame  # noqa: F401  pygbag installs pygame-ce when main.py imports it

from {ENTRY_MODULE} import {ENTRY_FUNCTION}

# The browser console shows errors only.
logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")

asyncio.run({ENTRY_FUNCTION}("web"))
'''


class BuildError(Exception):
    """The web build stopped; ``problems`` are located, ``detail`` is free text."""

    def __init__(
        self, problems: list[Problem] | None = None, detail: str = "", usage=False
    ):
        self.problems = list(problems or [])
        self.detail = detail
        #: Whether a command-line option caused the error (exit code 2).
        self.usage = usage
        summary = self.problems[0].format("en") if self.problems else detail
        super().__init__(summary)


@dataclass
class BuildOptions:
    """Settings of one web build.

    Attributes:
        project_root: Repository folder with ``game/``, ``scenarios/``,
            ``assets/`` and ``build/web_template/``.
        output_dir: Folder that receives ``index.html``, ``favicon.png`` and
            the ``.apk`` archive; replaced as a whole.
        cdn: Address the browser loads the Python runtime from; ends with ``/``.
        package_index: Address of pygbag's package index and wheels, for a
            self-hosted runtime; empty means pygbag's own default.
        archive: Also write ``<output_dir>.zip`` for itch.io.
        entry: Dotted name of the module that defines ``main``.
        timeout_s: Maximum seconds for the pygbag run.
    """

    project_root: Path
    output_dir: Path
    cdn: str = DEFAULT_CDN
    package_index: str = ""
    archive: bool = False
    entry: str = ENTRY_MODULE
    timeout_s: float = PYGBAG_TIMEOUT_S

    @property
    def template_dir(self) -> Path:
        return self.project_root / "build" / "web_template"


@dataclass
class BuildResult:
    """Outputs of one web build."""

    output_dir: Path
    apk_path: Path
    zip_path: Path | None
    scenario_ids: list[str]
    staged_files: list[str]
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def normalize_runtime_url(url: str, option: str = "--cdn") -> str:
    """Return ``url`` with a trailing slash, or raise for a malformed address.

    Allowed are ``http://`` and ``https://`` addresses and paths relative to
    the page or the server root (``runtime/``, ``/pygbag/0.9.3/``).
    """
    text = url.strip()
    parts = urlsplit(text)
    relative = not parts.scheme and not parts.netloc and bool(parts.path)
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc)
    if not (relative or absolute) or parts.query or parts.fragment:
        raise BuildError(
            detail=(
                f"{option} {url!r}: erwartet eine http(s)-Adresse oder einen Pfad, z. B. "
                "https://intranet.example/pygbag/0.9.3/ / "
                f"{option} {url!r}: expected an http(s) address or a path, for example "
                "https://intranet.example/pygbag/0.9.3/"
            ),
            usage=True,
        )
    return text if text.endswith("/") else text + "/"


def stage_app(options: BuildOptions, app_dir: Path) -> tuple[list[str], ImportReport]:
    """Write everything the browser loads into ``app_dir``.

    Returns:
        The compiled scenario ids and the import report.

    Raises:
        ContentError: for invalid content files.
        BuildError: for imports the browser cannot load.
    """
    root = options.project_root
    scenario_ids = compile_scenarios(root, app_dir)
    compile_learning_content(root, app_dir)

    report = check_browser_imports(root, options.entry)
    if report.errors:
        raise BuildError(report.errors)
    for warning in report.warnings:
        # The caller prints the warnings in the user's language.
        log.debug("%s", warning.format("en"))

    package_dirs = set()
    for info in report.modules.values():
        target = app_dir / info.display_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(info.path, target)
        package_dirs.add(info.path.parent)
    for directory in sorted(package_dirs):
        _copy_package_data(directory, app_dir / directory.relative_to(root))

    assets = root / "assets"
    if assets.is_dir():
        _copy_tree(assets, app_dir / ASSETS_DIR, skip_python=False)
    (app_dir / "main.py").write_text(MAIN_PY, encoding="utf-8")
    return scenario_ids, report


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name != "__pycache__"


def _copy_package_data(directory: Path, target: Path) -> None:
    """Copy the data files of a package folder and its data subfolders.

    A subfolder without ``__init__.py`` is data (string catalogues, fonts);
    Python files in it are left out, because only checked modules are staged.
    """
    for path in sorted(directory.iterdir()):
        if not _visible(path):
            continue
        if path.is_file() and path.suffix not in SKIPPED_SUFFIXES:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / path.name)
        elif path.is_dir() and not (path / "__init__.py").exists():
            _copy_tree(path, target / path.name, skip_python=True)


def _copy_tree(source: Path, target: Path, skip_python: bool) -> None:
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not all(_visible(Path(part)) for part in relative.parts):
            continue
        if not path.is_file():
            continue
        if path.suffix in {".pyc", ".pyo"} or (skip_python and path.suffix == ".py"):
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def pygbag_command(options: BuildOptions, app_dir: Path, cdn: str) -> list[str]:
    """Return the pygbag command line for a build without network access."""
    command = [
        sys.executable,
        "-m",
        "pygbag",
        "--build",
        "--no_opt",
        "--template",
        str(options.template_dir / "index.tmpl"),
        "--icon",
        str(options.template_dir / "favicon.png"),
        "--cdn",
        cdn,
        "--app_name",
        APP_NAME,
        "--ume_block",
        "0",
        "--can_close",
        "1",
    ]
    # Not pygbag's --archive: its zip would hold the page before the package
    # index address is filled in, so build_web writes the zip itself.
    command.append(str(app_dir))
    return command


def run_pygbag(options: BuildOptions, app_dir: Path, cdn: str) -> None:
    """Run pygbag on the staged app; raise :class:`BuildError` if it fails."""
    command = pygbag_command(options, app_dir, cdn)
    log.info("Running %s", " ".join(command))
    # pygbag reads pygbag.ini from its working folder, and the stage has none.
    try:
        completed = subprocess.run(
            command,
            cwd=app_dir.parent,
            capture_output=True,
            text=True,
            timeout=options.timeout_s,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    except subprocess.TimeoutExpired as error:
        raise BuildError(
            detail=(
                f"pygbag lief länger als {options.timeout_s:.0f} s und wurde beendet / "
                f"pygbag ran longer than {options.timeout_s:.0f} s and was stopped"
            )
        ) from error
    log.debug("pygbag output:\n%s", completed.stdout)
    index = app_dir / "build" / "web" / "index.html"
    if completed.returncode != 0 or not index.is_file():
        tail = "\n".join((completed.stdout + completed.stderr).splitlines()[-25:])
        raise BuildError(
            detail=(
                f"pygbag ist fehlgeschlagen (Exit-Code {completed.returncode}) / "
                f"pygbag failed (exit code {completed.returncode}):\n{tail}"
            )
        )


def _replace_dir(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, replacing an older ``target`` whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for leftover in (staging, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(source, staging)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build_web(options: BuildOptions) -> BuildResult:
    """Validate, compile, stage and package the game for the browser.

    Raises:
        ContentError: for invalid content files, with located problems.
        BuildError: for imports the browser cannot load, a bad runtime
            address or a failed pygbag run.
    """
    started = time.perf_counter()
    # Without a local template or icon pygbag would try to download them.
    for required in ("index.tmpl", "favicon.png"):
        if not (options.template_dir / required).is_file():
            raise BuildError(
                detail=f"{options.template_dir / required} fehlt / is missing"
            )
    cdn = normalize_runtime_url(options.cdn)
    package_index = (
        normalize_runtime_url(options.package_index, "--package-index")
        if options.package_index
        else ""
    )
    with tempfile.TemporaryDirectory(prefix="datenschatz-web-") as temporary:
        app_dir = Path(temporary) / APP_NAME
        app_dir.mkdir()
        scenario_ids, report = stage_app(options, app_dir)
        staged = sorted(
            path.relative_to(app_dir).as_posix()
            for path in app_dir.rglob("*")
            if path.is_file()
        )
        run_pygbag(options, app_dir, cdn)

        web_dir = app_dir / "build" / "web"
        index = web_dir / "index.html"
        page = index.read_text(encoding="utf-8")
        index.write_text(
            page.replace(PACKAGE_INDEX_PLACEHOLDER, package_index), encoding="utf-8"
        )
        # pygbag also writes a .tar.gz copy of the archive; the page loads only the .apk.
        (web_dir / f"{APP_NAME}.tar.gz").unlink(missing_ok=True)
        _replace_dir(web_dir, options.output_dir)

        zip_path = None
        if options.archive:
            zip_path = options.output_dir.with_suffix(".zip")
            _write_site_zip(options.output_dir, zip_path)

    apk_path = options.output_dir / f"{APP_NAME}.apk"
    seconds = time.perf_counter() - started
    log.info("Web build done in %.1f s: %s", seconds, options.output_dir)
    return BuildResult(
        options.output_dir,
        apk_path,
        zip_path,
        scenario_ids,
        staged,
        report.warnings,
        seconds,
    )


def _write_site_zip(site_dir: Path, zip_path: Path) -> None:
    """Write the site folder as a zip for itch.io, through a temporary file."""
    temporary = zip_path.with_name(f".{zip_path.name}.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(site_dir).as_posix())
    os.replace(temporary, zip_path)
