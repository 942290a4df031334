"""Authoring loop: ``play FILE --watch`` reloads the file and shows its problems."""

from __future__ import annotations

import os
import shutil

from testsupport import SCENARIOS

from game.ui.app import open_file_source
from game.ui.pilot import Pilot
from game.ui.saves import MemoryStore


def touch_later(path, text: str) -> None:
    stat = os.stat(path)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (stat.st_atime + 5, stat.st_mtime + 5))


def test_reload_shows_errors_then_recovers(make_app, tmp_path):
    path = tmp_path / "mein_szenario.yaml"
    shutil.copy(SCENARIOS / "tutorial.yaml", path)
    good = path.read_text(encoding="utf-8")
    app = make_app(store=MemoryStore(), source=open_file_source(str(path)), watch=True)
    app.start("mein_szenario")
    pilot = Pilot(app)
    pilot.frames(1)
    assert pilot.scene_name == "briefing"

    # Break the file: the game shows the located problem instead of crashing.
    touch_later(path, good.replace("schwierigkeit: leicht", "schwierigkeit: leichtt"))
    pilot.frames(2, dt=0.6)
    assert pilot.scene_name == "content_error"
    line = good.splitlines().index("schwierigkeit: leicht") + 1
    expected = f"{path}:{line}:16: "
    heading = next(text for text in app.announcer.history if text.startswith("Das Szenario"))
    assert expected in heading
    assert "`leichtt`" in heading

    # Fix it again while playing a round: the game comes back.
    touch_later(path, good)
    pilot.frames(2, dt=0.6)
    assert pilot.scene_name == "briefing"
    pilot.click_widget("start")
    pilot.click_widget("action:stakeholder_analyse")
    pilot.click_widget("end_round")
    while pilot.scene_name in ("event", "result"):
        pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")
    assert pilot.scene.session.round == 1

    # A harmless change keeps the decisions made so far.
    touch_later(path, good.replace("budget: 30000 ", "budget: 31000 "))
    pilot.frames(2, dt=0.6)
    assert pilot.scene_name == "round"
    assert pilot.scene.session.decision_log == [["stakeholder_analyse"]]
    assert pilot.scene.session.scenario.resources.budget == 31000


def test_unchanged_file_is_not_reloaded(make_app, tmp_path):
    path = tmp_path / "s.yaml"
    shutil.copy(SCENARIOS / "tutorial.yaml", path)
    source = open_file_source(str(path))
    assert source.poll_changes() is False
    touch_later(path, path.read_text(encoding="utf-8"))
    assert source.poll_changes() is True
    assert source.poll_changes() is False
