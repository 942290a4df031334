"""Text fits its boxes in both languages at every text size, in every scene."""

from __future__ import annotations

import pytest

from game.ui.screenshots import make_app, render_all
from game.ui.settings import TEXT_SIZES


@pytest.mark.slow
def test_every_scene_every_size(tmp_path):
    written, overflows = render_all(tmp_path, all_sizes=True)
    assert len(written) == 36 * 2 * len(TEXT_SIZES)
    assert overflows == []


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("size", list(TEXT_SIZES))
def test_round_details_fit(lang, size):
    # Each action and each map value shows its own explanation in the detail
    # panel. All of them must fit, not only the one a screenshot shows.
    from game.ui.pilot import Pilot

    app = make_app(lang, size)
    app.start("sozialraeume")
    pilot = Pilot(app)
    pilot.click_widget("start")
    scene = pilot.scene
    for index, widget in enumerate(scene.ui.widgets):
        scene.ui.focus(index, announce=False)
        app.typesetter.overflows.clear()
        app.draw(app.screen)
        assert app.typesetter.overflows == [], widget.key


def test_overflow_is_detected():
    # The check itself must be able to fail: a long text in a tiny box.
    import pygame

    app = make_app()
    app.typesetter.box(app.screen, pygame.Rect(0, 0, 60, 20), "Medienbrüche " * 10, "body")
    assert len(app.typesetter.overflows) == 1


def test_code_snippet_keeps_caret_column():
    app = make_app()
    snippet = "datei.yaml:3:7: Fehler\n    - \"gefuehlter_nutzn >= 33\"\n      ^"
    lines = app.typesetter.wrap(snippet, "mono", 1000)
    assert lines[1] == '    - "gefuehlter_nutzn >= 33"'
    assert lines[2] == "      ^"
