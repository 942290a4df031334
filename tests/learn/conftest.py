"""Fixtures for the learning-path tests: content copies, a local server, a browser."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from testsupport import CHROMIUM_ARGS, ROOT, require_tool

NODE_MODULES = ROOT / "node_modules"


@pytest.fixture
def content_root(tmp_path: Path, monkeypatch) -> Path:
    """A copy of ``learning_paths/`` and the reference scenario to edit freely.

    The working directory is the copy, so messages show short relative paths
    such as ``learning_paths/lektionen/umsetzen.yaml``.
    """
    shutil.copytree(ROOT / "learning_paths", tmp_path / "learning_paths")
    (tmp_path / "scenarios").mkdir()
    shutil.copyfile(
        ROOT / "scenarios" / "sozialraeume.yaml",
        tmp_path / "scenarios" / "sozialraeume.yaml",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - name fixed by the base class
        pass


@pytest.fixture
def serve():
    """Return a function that serves a folder on 127.0.0.1 and gives its base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium driven by Playwright, shared by one test module."""
    require_tool(Path("/usr/bin/chromium").exists(), "Chromium at /usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool(False, "Playwright for Python")
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile itself.
        instance = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page; page errors fail the test."""
    context = browser.new_context()
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    yield new_page
    context.close()
    assert errors == []


def node_module(relative: str) -> Path:
    """Return a file from ``node_modules``, skipping or failing when it is missing."""
    path = NODE_MODULES / relative
    require_tool(path.exists(), f"node_modules/{relative} (run npm ci)")
    return path
