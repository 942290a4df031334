"""Fixtures of the web build tests: one real build per session, free ports."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from webtools import ROOT, require_entry_point, run_cli


@pytest.fixture(scope="session")
def web_build(tmp_path_factory) -> Path:
    """Build the real game once with ``python -m game build-web --archive``.

    Returns:
        The output folder; ``<folder>.zip`` is the itch.io archive.
    """
    require_entry_point()
    output = tmp_path_factory.mktemp("site") / "web"
    completed = run_cli(
        "--lang", "en", "build-web", "--archive", "--output", str(output)
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    assert "Web build done" in completed.stdout
    return output


@pytest.fixture
def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def template_project(tmp_path) -> Path:
    """A project folder with the real scenarios and page template, no game code."""
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    shutil.copytree(
        ROOT / "build" / "web_template", tmp_path / "build" / "web_template"
    )
    (tmp_path / "game").mkdir()
    (tmp_path / "game" / "__init__.py").write_text("", encoding="utf-8")
    return tmp_path
