"""Play the reference scenario from the title to the debrief, keyboard only and mouse only.

Both runs follow the scenario's reference strategy, skipping an action the
engine does not allow that round, and then end rounds until the game is over.
The decisions that reach the engine must be exactly the ones the pilot chose.
"""

from __future__ import annotations

import pygame

from game.sim.engine import Simulation

REFERENCE = "sozialraeume"
ROUND_SCENES = ("round", "event", "result")


def planned_actions(session) -> list[str]:
    strategy = session.scenario.reference_strategy
    if session.round >= len(strategy):
        return []
    chosen = []
    for action_id in strategy[session.round]:
        budget, capacity = session.remaining()
        if session.simulation.action_status(action_id, budget, capacity).available:
            chosen.append(action_id)
            session.selected.append(action_id)
    session.selected.clear()
    return chosen


def check_replay(session) -> None:
    replay = Simulation(session.scenario, seed=session.seed)
    replay.run(session.decision_log)
    assert replay.values == session.simulation.values
    assert replay.outcome == session.simulation.outcome


class TestKeyboardOnly:
    def test_title_to_debrief(self, pilot):
        press = pilot.key
        assert pilot.scene_name == "title"
        assert pilot.scene.ui.focused_key() == "new"
        press(pygame.K_RETURN)
        assert pilot.scene_name == "choose"
        pilot.tab_to(f"scenario:{REFERENCE}")
        press(pygame.K_RETURN)
        assert pilot.scene_name == "briefing"
        assert pilot.scene.ui.focused_key() == "start"
        press(pygame.K_RETURN)
        assert pilot.scene_name == "round"
        session = pilot.scene.session
        chosen_log = []
        while not session.finished:
            chosen = planned_actions(session)
            for action_id in chosen:
                pilot.tab_to(f"action:{action_id}")
                press(pygame.K_RETURN)
                assert "ausgewählt" in pilot.app.announcer.last
            assert session.selected == chosen
            chosen_log.append(chosen)
            pilot.tab_to("end_round")
            press(pygame.K_RETURN)
            while pilot.scene_name in ("event", "result"):
                press(pygame.K_RETURN)
        assert pilot.scene_name == "debrief"
        assert session.decision_log == chosen_log
        check_replay(session)

    def test_escape_opens_pause_and_back(self, pilot):
        pilot.key(pygame.K_RETURN)
        pilot.tab_to(f"scenario:{REFERENCE}")
        pilot.key(pygame.K_RETURN)
        pilot.key(pygame.K_RETURN)
        pilot.key(pygame.K_ESCAPE)
        assert pilot.scene_name == "pause"
        assert pilot.app.stack.names() == ["round", "pause"]
        pilot.key(pygame.K_ESCAPE)
        assert pilot.scene_name == "round"

    def test_arrow_keys_move_between_actions(self, pilot):
        pilot.key(pygame.K_RETURN)
        pilot.tab_to(f"scenario:{REFERENCE}")
        pilot.key(pygame.K_RETURN)
        pilot.key(pygame.K_RETURN)
        first = pilot.scene.ui.focused_key()
        pilot.key(pygame.K_DOWN)
        second = pilot.scene.ui.focused_key()
        assert second.startswith("action:")
        assert second != first
        pilot.key(pygame.K_UP)
        assert pilot.scene.ui.focused_key() == first


class TestMouseOnly:
    def test_title_to_debrief(self, pilot):
        pilot.click_widget("new")
        assert pilot.scene_name == "choose"
        pilot.click_widget(f"scenario:{REFERENCE}")
        assert pilot.scene_name == "briefing"
        pilot.click_widget("start")
        assert pilot.scene_name == "round"
        session = pilot.scene.session
        chosen_log = []
        while not session.finished:
            chosen = planned_actions(session)
            for action_id in chosen:
                pilot.click_widget(f"action:{action_id}")
            assert session.selected == chosen
            chosen_log.append(chosen)
            pilot.click_widget("end_round")
            while pilot.scene_name in ("event", "result"):
                pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")
        assert pilot.scene_name == "debrief"
        assert session.decision_log == chosen_log
        check_replay(session)

    def test_click_on_locked_action_explains(self, pilot):
        pilot.click_widget("new")
        pilot.click_widget(f"scenario:{REFERENCE}")
        pilot.click_widget("start")
        pilot.click_widget("action:praesentation_leitung")
        assert pilot.scene.session.selected == []
        assert "Voraussetzung fehlt" in pilot.app.announcer.last


class TestAnnouncements:
    def test_round_result_is_announced(self, pilot):
        pilot.click_widget("new")
        pilot.click_widget(f"scenario:{REFERENCE}")
        pilot.click_widget("start")
        pilot.click_widget("action:stakeholder_analyse")
        pilot.click_widget("end_round")
        while pilot.scene_name == "event":
            pilot.click_widget("ok")
        assert pilot.scene_name == "result"
        history = list(pilot.app.announcer.history)
        assert any(text.startswith("Ergebnis der Runde 1") for text in history)
        assert any("Übergreifende Steuerung" in text for text in history)

    def test_language_switch_while_playing(self, pilot):
        pilot.click_widget("new")
        pilot.click_widget(f"scenario:{REFERENCE}")
        pilot.click_widget("start")
        pilot.click_widget("menu")
        pilot.click_widget("settings")
        pilot.click_widget("lang:en")
        pilot.click_widget("back")
        pilot.click_widget("resume")
        assert pilot.scene_name == "round"
        assert pilot.widget("end_round").label == "End the round"
        assert pilot.widget("action:stakeholder_analyse").label == "Map the stakeholders"
