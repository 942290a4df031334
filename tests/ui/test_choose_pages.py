"""Scenario choice with more scenarios than fit on one page."""

from __future__ import annotations

import shutil

import pygame
from testsupport import SCENARIOS

from game.ui.content_source import YamlDirectorySource
from game.ui.pilot import Pilot


def test_every_scenario_reachable_by_pages(make_app, tmp_path):
    folder = tmp_path / "szenarien"
    folder.mkdir()
    text = (SCENARIOS / "sozialraeume.yaml").read_text(encoding="utf-8")
    for number in range(6):
        copy = text.replace("id: sozialraeume", f"id: stadt_{number}", 1)
        (folder / f"stadt_{number}.yaml").write_text(copy, encoding="utf-8")
    shutil.copy(SCENARIOS / "tutorial.yaml", folder / "tutorial.yaml")
    app = make_app(source=YamlDirectorySource(folder))
    app.start()
    pilot = Pilot(app)
    pilot.frames(1)
    pilot.click_widget("new")
    assert pilot.scene_name == "choose"

    seen = {w.key for w in pilot.scene.ui.widgets if w.key.startswith("scenario:")}
    assert len(seen) == 4
    assert not pilot.widget("page_previous").enabled
    pilot.click_widget("page_next")
    second = {w.key for w in pilot.scene.ui.widgets if w.key.startswith("scenario:")}
    assert len(second) == 2
    assert seen.isdisjoint(second)
    assert not pilot.widget("page_next").enabled
    assert "Seite 2 von 2" in app.announcer.history[-2]

    pilot.tab_to("page_previous")
    pilot.key(pygame.K_RETURN)
    third = {w.key for w in pilot.scene.ui.widgets if w.key.startswith("scenario:")}
    assert third == seen
