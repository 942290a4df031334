"""Fixtures for the front-end tests: a real app on SDL's dummy drivers."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

#: Seed of the test games.
SEED = 3


@pytest.fixture
def make_app(tmp_path):
    """Return a factory for apps that save into a temporary folder."""
    from game.ui.app import App
    from game.ui.saves import FileStore

    def factory(directory=None, **options):
        store = options.pop("store", None) or FileStore(directory or tmp_path / "saves")
        options.setdefault("seed", SEED)
        app = App("desktop", store=store, **options)
        app.settings.reduced_motion = True
        return app

    return factory


@pytest.fixture
def pilot(make_app):
    """A pilot on a fresh app at the title screen."""
    from game.ui.pilot import Pilot

    app = make_app()
    app.start()
    driver = Pilot(app)
    driver.frames(1)
    return driver
