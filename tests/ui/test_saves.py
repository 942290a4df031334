"""Save and resume: autosave per round, crash safety, damaged saves set aside."""

from __future__ import annotations

import json
import os

import pytest

from game.ui.pilot import Pilot
from game.ui.saves import SAVE_FORMAT, FileStore, SaveError, SaveGame, decode_save

REFERENCE = "sozialraeume"


def start_reference_game(pilot: Pilot):
    pilot.click_widget("new")
    pilot.click_widget(f"scenario:{REFERENCE}")
    pilot.click_widget("start")
    return pilot.scene.session


def play_round(pilot: Pilot, actions: list[str]) -> None:
    for action_id in actions:
        pilot.click_widget(f"action:{action_id}")
    pilot.click_widget("end_round")
    while pilot.scene_name in ("event", "result"):
        pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")


class TestResume:
    def test_save_survives_crash_between_rounds(self, make_app, tmp_path):
        directory = tmp_path / "saves"
        first = make_app(directory)
        first.start()
        pilot = Pilot(first)
        session = start_reference_game(pilot)
        for actions in session.scenario.reference_strategy[:3]:
            play_round(pilot, actions)
        values = list(session.simulation.values)
        # A crash: the process dies without any shutdown, while a later write
        # had only got as far as its temporary file.
        (directory / ".save.crashed.tmp").write_text('{"format": 1, "scen', encoding="utf-8")
        del first, pilot

        second = make_app(directory)
        second.start()
        pilot = Pilot(second)
        assert pilot.widget("continue").enabled
        pilot.click_widget("continue")
        assert pilot.scene_name == "round"
        resumed = pilot.scene.session
        assert resumed.round == 3
        assert resumed.simulation.values == values
        assert resumed.decision_log == session.decision_log

    def test_autosave_after_every_round(self, pilot, tmp_path):
        session = start_reference_game(pilot)
        store = pilot.app.store
        assert store.load_save().decisions == []
        play_round(pilot, ["stakeholder_analyse"])
        assert store.load_save().decisions == [["stakeholder_analyse"]]
        play_round(pilot, [])
        saved = store.load_save()
        assert saved.decisions == [["stakeholder_analyse"], []]
        assert saved.seed == session.seed
        assert saved.content_hash == session.scenario.content_hash

    def test_failed_write_keeps_old_save(self, tmp_path, monkeypatch):
        store = FileStore(tmp_path)
        store.write_save(SaveGame("sozialraeume", "abc", 1, [["x"]]))

        def broken_replace(source, target):
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", broken_replace)
        with pytest.raises(OSError):
            store.write_save(SaveGame("sozialraeume", "abc", 1, [["x"], ["y"]]))
        monkeypatch.undo()
        assert store.load_save().decisions == [["x"]]
        assert [p.name for p in tmp_path.iterdir()] == ["save.json"]

    def test_new_game_asks_before_replacing(self, pilot):
        start_reference_game(pilot)
        play_round(pilot, [])
        pilot.click_widget("menu")
        pilot.click_widget("menu")
        assert pilot.scene_name == "title"
        pilot.click_widget("new")
        assert pilot.scene_name == "confirm"
        pilot.click_widget("no")
        assert pilot.scene_name == "title"
        assert pilot.app.store.load_save().decisions == [[]]


def valid_save(app) -> dict:
    scenario = app.source.scenario(REFERENCE)
    return {"format": SAVE_FORMAT, "scenario_id": REFERENCE,
            "content_hash": scenario.content_hash, "seed": 3,
            "decisions": [["stakeholder_analyse"]]}


DAMAGED = [
    ("not_json", lambda data: '{"format": 1, "scenario_id": "sozi', "save_damaged"),
    ("not_object", lambda data: "[1, 2]", "save_damaged"),
    ("other_format", lambda data: json.dumps({**data, "format": 99}), "save_incompatible"),
    ("missing_seed", lambda data: json.dumps({k: v for k, v in data.items() if k != "seed"}),
     "save_damaged"),
    ("wrong_type", lambda data: json.dumps({**data, "decisions": "abc"}), "save_damaged"),
    ("unknown_scenario", lambda data: json.dumps({**data, "scenario_id": "gibt_es_nicht"}),
     "save_unknown_scenario"),
    ("changed_scenario", lambda data: json.dumps({**data, "content_hash": "000000000000"}),
     "save_incompatible"),
    ("impossible_decision", lambda data: json.dumps(
        {**data, "decisions": [["praesentation_leitung"]]}), "save_damaged"),
    ("binary", lambda data: b"\xff\xfe\x00garbage", "save_damaged"),
]


class TestDamagedSaves:
    @pytest.mark.parametrize("make_text, reason", [(m, r) for _, m, r in DAMAGED],
                             ids=[case[0] for case in DAMAGED])
    def test_set_aside_and_reported(self, make_app, tmp_path, make_text, reason):
        directory = tmp_path / "saves"
        directory.mkdir()
        app = make_app(directory)
        content = make_text(valid_save(app))
        path = directory / "save.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        app.start()
        pilot = Pilot(app)
        pilot.click_widget("continue")

        assert pilot.scene_name == "title"
        assert app.save_notice[0] == reason
        assert not path.exists()
        aside = [p for p in directory.iterdir() if p.name.startswith("save.json.damaged-")]
        assert len(aside) == 1
        assert aside[0].read_bytes() == (content if isinstance(content, bytes)
                                         else content.encode("utf-8"))
        assert not pilot.widget("continue").enabled
        # The message is on screen and was announced.
        assert app.strings(reason) in pilot.scene.notice_text()
        assert app.strings(reason) in app.announcer.last

        # A new game saves normally and leaves the set-aside file alone.
        pilot.click_widget("new")
        pilot.click_widget(f"scenario:{REFERENCE}")
        pilot.click_widget("start")
        assert app.store.load_save().decisions == []
        assert aside[0].exists()

    def test_decode_rejects_negative_cases_exactly(self):
        with pytest.raises(SaveError) as caught:
            decode_save('{"format": 1}')
        assert caught.value.reason == "save_damaged"
        assert caught.value.detail == "field 'scenario_id' is missing"
