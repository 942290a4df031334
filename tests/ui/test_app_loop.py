"""The async main loop, the scene stack and the browser bridge contract."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys

import pygame

from game.sim.model import scenario_to_dict
from game.ui import web_bridge
from game.ui.announce import Announcer
from game.ui.content_source import JsonBundleSource, YamlDirectorySource
from game.ui.pilot import Pilot
from game.ui.saves import BrowserStore, SaveGame
from game.ui.scene import Scene


class TestLoop:
    def test_run_yields_and_draws(self, make_app):
        app = make_app()
        app.start()
        asyncio.run(app.run(max_frames=3))
        assert app.running
        assert app.stack.names() == ["title"]
        assert app.screen.get_at((5, 5))[:3] != (0, 0, 0)

    def test_window_close_asks_then_quits(self, make_app):
        app = make_app()
        app.start()
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        asyncio.run(app.run(max_frames=2))
        assert app.stack.names() == ["title", "confirm_quit"]
        assert app.running
        Pilot(app).click_widget("yes")
        assert not app.running

    def test_main_runs_other_tasks(self, make_app):
        # The loop yields every frame, so a task beside it gets its turns.
        app = make_app()
        app.start()
        ticks = []

        async def beside():
            for _ in range(3):
                ticks.append(app.time)
                await asyncio.sleep(0)

        async def both():
            await asyncio.gather(app.run(max_frames=4), beside())

        asyncio.run(both())
        assert len(ticks) == 3


class TestSceneStack:
    def test_transitions_are_logged_once(self, make_app, caplog):
        app = make_app()
        caplog.set_level(logging.INFO, logger="game.ui.scene")
        app.start()
        first = Scene(app)
        app.stack.push(first)
        app.stack.dismiss("done")
        lines = [r.getMessage() for r in caplog.records]
        assert lines == ["scene reset to title (was -)", "scene push scene over title",
                         "scene pop scene back to title (result 'done')"]

    def test_dismiss_hands_result_below(self, make_app):
        app = make_app()
        received = []

        class Below(Scene):
            NAME = "below"

            def resume(self, result, from_scene):
                received.append((result, from_scene.NAME))

        app.stack.reset(Below(app))
        app.stack.push(Scene(app))
        app.stack.dismiss(42)
        assert received == [(42, "scene")]


class FakeWindow:
    """Stands in for the page's ``window`` with the three bridge functions."""

    def __init__(self):
        self.spoken = []
        self.storage = {}

    def dsAnnounce(self, text):  # noqa: N802 - JavaScript name
        self.spoken.append(text)

    def dsStorageGet(self, key):  # noqa: N802 - JavaScript name
        return self.storage.get(key)

    def dsStorageSet(self, key, value):  # noqa: N802 - JavaScript name
        self.storage[key] = value


class TestWebBridge:
    def test_desktop_only_records(self):
        announcer = Announcer(forward=False)
        announcer.say("Runde 1")
        announcer.say("Runde 1")
        assert list(announcer.history) == ["Runde 1"]
        assert web_bridge.storage_get("x") is None

    def test_browser_calls_page_functions(self, monkeypatch):
        window = FakeWindow()
        monkeypatch.setattr(sys, "platform", "emscripten")
        monkeypatch.setattr(web_bridge, "_window", lambda: window)
        Announcer(forward=True).say("Ergebnis der Runde 1")
        assert window.spoken == ["Ergebnis der Runde 1"]
        store = BrowserStore()
        store.write_save(SaveGame("sozialraeume", "abc", 7, [["a"]]))
        assert json.loads(window.storage["datenschatz.save"])["seed"] == 7
        assert store.load_save().decisions == [["a"]]
        aside = store.set_aside("save")
        assert aside.startswith("datenschatz.save.damaged-")
        assert window.storage["datenschatz.save"] == ""
        assert store.load_save() is None

    def test_browser_failures_do_not_crash(self, monkeypatch):
        class Broken:
            def __getattr__(self, name):
                raise RuntimeError("not defined")

        monkeypatch.setattr(sys, "platform", "emscripten")
        monkeypatch.setattr(web_bridge, "_window", lambda: Broken())
        web_bridge.announce("x")
        assert web_bridge.storage_get("k") is None
        assert web_bridge.storage_set("k", "v") is False


class TestContentSource:
    def test_json_bundle_matches_yaml(self, tmp_path):
        yaml_entries = YamlDirectorySource().entries()
        scenarios = [e.scenario for e in yaml_entries if e.scenario is not None]
        bundle = tmp_path / "scenarios.json"
        bundle.write_text(json.dumps([scenario_to_dict(s) for s in scenarios]),
                          encoding="utf-8")
        loaded = JsonBundleSource(bundle).entries()
        assert [e.id for e in loaded] == [s.id for s in scenarios]
        assert [e.scenario.content_hash for e in loaded] == [s.content_hash
                                                             for s in scenarios]

    def test_browser_path_never_imports_yaml(self):
        code = (
            "import sys\n"
            "import game.ui.app, game.ui.commands, game.ui.pilot\n"
            "from game.ui.scenes import title, choose, briefing, round, popups, result, "
            "charts, debrief, whatif, lesson, settings, dialogs, errors\n"
            "print('yaml' in sys.modules)\n"
        )
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, env={"SDL_VIDEODRIVER": "dummy", "PATH": ""})
        assert output.stdout.strip().splitlines()[-1] == "False"


class TestSound:
    def test_nothing_loads_before_first_input(self, make_app):
        app = make_app()
        app.start()
        pilot = Pilot(app)
        app.sound.play("select")
        assert not app.sound.unlocked
        assert app.sound._sounds == {}
        pilot.key(pygame.K_TAB)
        assert app.sound.unlocked
        app.sound.play("select")
        # With SDL's dummy audio driver the mixer opens and the OGG files load.
        assert sorted(app.sound._sounds) == ["event", "round", "select"]

    def test_sound_off_loads_nothing(self, make_app):
        app = make_app()
        app.settings.sound = False
        app.apply_settings()
        app.sound.unlock()
        app.sound.play("round")
        assert app.sound._sounds == {}


def test_second_quit_request_quits(make_app):
    app = make_app()
    app.start()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    asyncio.run(app.run(max_frames=2))
    assert not app.running
