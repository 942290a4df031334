"""Workshop mode through the real game: set, team name, timer, rounds, result code."""

from __future__ import annotations

import re

import pygame
import pytest

from game.cli import main as cli_main
from game.sim.engine import Simulation
from game.ui.pilot import Pilot
from game.workshop.codes import decode_code, encode_simulation
from game.workshop.resultfile import read_result_file

SHORT_SET = "einfuehrung_90"
HALF_DAY_SET = "halbtag"
#: ``startwert`` of every scenario in both sets.
SHARED_SEED = 2026
ROUND_SCENES = ("round", "event", "result")


def type_text(pilot: Pilot, text: str) -> None:
    """Send ``text`` as SDL text input, one event per character like a keyboard."""
    for character in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
    pilot.frames(1)


def play_out_by_keyboard(pilot: Pilot) -> None:
    """End every round with Enter until the workshop result shows."""
    while pilot.scene_name in ROUND_SCENES:
        if pilot.scene_name == "round":
            pilot.tab_to("end_round")
        pilot.key(pygame.K_RETURN)


def play_out_by_mouse(pilot: Pilot) -> None:
    while pilot.scene_name in ROUND_SCENES:
        if pilot.scene_name == "round":
            pilot.click_widget("end_round")
        elif pilot.scene_name == "event":
            pilot.click_widget("ok")
        else:
            pilot.click_widget("continue")


def to_team_scene(pilot: Pilot, set_id: str = SHORT_SET) -> None:
    pilot.click_widget("workshop")
    pilot.click_widget(f"set:{set_id}")
    assert pilot.scene_name == "ws_team"


def to_round(pilot: Pilot, team: str = "Biber", set_id: str = SHORT_SET) -> None:
    to_team_scene(pilot, set_id)
    pilot.click_widget(f"team:{team}")
    pilot.click_widget("team_confirm")
    pilot.click_widget("timer_start")
    pilot.click_widget("start")
    assert pilot.scene_name == "round"


def check_code(code: str, session, team: str) -> None:
    decoded = decode_code(code)
    assert decoded.team == team
    assert decoded.seed == session.seed
    assert code == encode_simulation(session.simulation, team)
    replay = Simulation(session.scenario, seed=decoded.seed)
    actions = [action.id for action in session.scenario.actions]
    replay.run([[actions[i] for i in chosen] for chosen in decoded.rounds])
    assert replay.values == session.simulation.values


class TestKeyboardOnly:
    def test_typed_name_to_result_code(self, pilot):
        press = pilot.key
        pilot.tab_to("workshop")
        press(pygame.K_RETURN)
        assert pilot.scene_name == "ws_set"
        pilot.tab_to(f"set:{SHORT_SET}")
        press(pygame.K_RETURN)
        assert pilot.scene_name == "ws_team"
        assert pilot.scene.ui.focused_key() == "team_field"
        type_text(pilot, "Die Datenfüchsee")
        press(pygame.K_BACKSPACE)
        press(pygame.K_RETURN)
        assert pilot.scene_name == "ws_timer"
        assert pilot.scene.plan.team == "Die Datenfüchse"
        assert pilot.scene.ui.focused_key() == "timer_start"
        press(pygame.K_RETURN)
        assert pilot.scene_name == "briefing"
        press(pygame.K_RETURN)
        assert pilot.scene_name == "round"
        session = pilot.scene.session
        assert session.seed == SHARED_SEED
        pilot.tab_to("action:stakeholder_analyse")
        press(pygame.K_RETURN)
        play_out_by_keyboard(pilot)

        assert pilot.scene_name == "ws_result"
        assert session.decision_log[0] == ["stakeholder_analyse"]
        check_code(pilot.scene.code, session, "Die Datenfüchse")
        # The code is announced group by group, characters spaced for reading.
        first_group = pilot.scene.code.split("-")[0]
        assert f"Gruppe 1: {' '.join(first_group)}." in pilot.app.announcer.last
        # Nothing about the workshop game was autosaved.
        assert not pilot.app.has_save()

    def test_name_picked_with_arrow_keys(self, pilot):
        pilot.tab_to("workshop")
        pilot.key(pygame.K_RETURN)
        pilot.tab_to(f"set:{SHORT_SET}")
        pilot.key(pygame.K_RETURN)
        pilot.key(pygame.K_DOWN)
        pilot.key(pygame.K_RIGHT)
        focused = pilot.scene.ui.focused_key()
        assert focused.startswith("team:")
        name = focused.removeprefix("team:")
        pilot.key(pygame.K_RETURN)
        assert pilot.scene.ui.focused_key() == "team_confirm"
        assert pilot.app.announcer.last == (
            f"Team {name} gewählt. Weiter mit der Eingabetaste."
        )
        pilot.key(pygame.K_RETURN)
        assert pilot.scene_name == "ws_timer"
        assert pilot.scene.plan.team == name


class TestMouseOnly:
    def test_picked_name_to_result_file(self, pilot, tmp_path):
        pilot.click_widget("workshop")
        pilot.click_widget(f"set:{HALF_DAY_SET}")
        pilot.click_widget("team:Eichhörnchen")
        assert pilot.scene.text == "Eichhörnchen"
        pilot.click_widget("team_confirm")
        assert pilot.scene_name == "ws_timer"
        assert pilot.scene.plan.seconds_per_round == 90
        pilot.click_widget("timer_more")
        pilot.click_widget("timer_more")
        assert pilot.app.announcer.last == "Zeit pro Runde: 2:30 min."
        pilot.click_widget("timer_start")
        pilot.click_widget("start")
        assert pilot.scene.timer.timer.limit == 150
        session = pilot.scene.session
        play_out_by_mouse(pilot)

        assert pilot.scene_name == "ws_result"
        assert pilot.has_widget("next_scenario")
        check_code(pilot.scene.code, session, "Eichhörnchen")
        pilot.click_widget("result_file")
        saved = (
            tmp_path
            / "saves"
            / "ergebnisse"
            / ("datenschatz-sozialraeume-eichhoernchen.json")
        )
        assert pilot.scene.notice == f"Ergebnisdatei gespeichert: {saved}"
        result = read_result_file(saved.read_text(encoding="utf-8"))
        assert result.code == pilot.scene.code
        assert result.team == "Eichhörnchen"

        # The normal debrief, then back to the code and on to scenario two.
        pilot.click_widget("debrief")
        assert pilot.scene_name == "debrief"
        pilot.click_widget("back_to_code")
        assert pilot.scene_name == "ws_result"
        pilot.click_widget("next_scenario")
        assert pilot.scene_name == "ws_timer"
        assert pilot.scene.plan.scenario_id == "kleine_gemeinde"
        assert pilot.scene.plan.seconds_per_round == 90
        pilot.click_widget("timer_start")
        pilot.click_widget("start")
        assert pilot.scene.session.scenario.id == "kleine_gemeinde"


class TestTimer:
    def test_started_and_announced(self, pilot):
        to_round(pilot)
        pilot.frames(1)
        timer = pilot.scene.timer.timer
        assert timer.running
        assert timer.limit == 120
        assert "Zeitgeber läuft: 2:00 Minuten für Runde 1 von 16." in (
            pilot.app.announcer.history
        )

    def test_pause_stops_time(self, pilot):
        to_round(pilot)
        pilot.frames(30, dt=1.0)
        timer = pilot.scene.timer.timer
        assert timer.remaining == pytest.approx(90)
        pilot.key(pygame.K_p)
        assert timer.paused
        assert pilot.app.announcer.last == "Zeitgeber angehalten bei 1:30."
        pilot.frames(300, dt=1.0)
        assert timer.remaining == pytest.approx(90)
        assert pilot.scene.session.round == 0
        assert pilot.widget("timer_pause").label == "▶ Weiter (P)"
        pilot.click_widget("timer_pause")
        assert timer.running
        assert pilot.app.announcer.last == "Zeitgeber läuft weiter, noch 1:30."
        pilot.frames(10, dt=1.0)
        assert timer.remaining == pytest.approx(80, abs=0.1)

    def test_time_up_ends_round(self, pilot):
        to_round(pilot)
        pilot.click_widget("action:stakeholder_analyse")
        pilot.frames(61, dt=1.0)
        assert "Noch eine Minute in dieser Runde." in pilot.app.announcer.history
        overlay = pilot.scene.timer
        pilot.frames(40, dt=1.0)
        assert overlay.timer.final_phase
        assert "Letzte Sekunden" in pilot.widget("timer_pause").announcement(
            pilot.app.strings
        )
        session = pilot.scene.session
        pilot.frames(30, dt=1.0)
        assert session.round == 1
        assert session.decision_log == [["stakeholder_analyse"]]
        assert pilot.scene_name in ("event", "result")
        assert (
            "Die Zeit ist abgelaufen. Die Runde endet mit: "
            "Stakeholder-Landkarte erstellen." in pilot.app.announcer.history
        )

    def test_restarts_next_round(self, pilot):
        to_round(pilot)
        pilot.frames(100, dt=1.0)
        pilot.click_widget("end_round")
        while pilot.scene_name != "round":
            pilot.key(pygame.K_RETURN)
        pilot.frames(1)
        timer = pilot.scene.timer.timer
        assert timer.running
        assert timer.remaining == pytest.approx(120, abs=0.1)


class TestTeamName:
    @pytest.mark.parametrize(
        ("lang", "typed", "message"),
        [
            (
                "de",
                "   ",
                "Der Teamname ist leer. Wählen Sie einen der vorgeschlagenen Namen "
                "oder tippen Sie einen ein.",
            ),
            (
                "de",
                "Abteilung für Datenwerkstatt",
                "Der Teamname hat 28 Zeichen, erlaubt sind höchstens 24. Kürzen Sie "
                "ihn.",
            ),
            (
                "de",
                "Team\x07",
                "Der Teamname enthält ein Steuerzeichen (U+0007). Verwenden Sie nur "
                "Buchstaben, Ziffern, Leerzeichen und Satzzeichen.",
            ),
            (
                "en",
                "",
                "The team name is empty. Pick one of the suggested names or type one.",
            ),
        ],
        ids=["empty", "too_long", "control", "empty_english"],
    )
    def test_invalid_name_rejected(self, make_app, lang, typed, message):
        app = make_app(lang=lang)
        app.start()
        pilot = Pilot(app)
        pilot.frames(1)
        to_team_scene(pilot)
        type_text(pilot, typed)
        pilot.key(pygame.K_RETURN)
        assert pilot.scene_name == "ws_team"
        assert pilot.scene.error == message
        prefix = (
            "Fehler im Teamnamen: "
            if lang == "de"
            else ("Problem with the team name: ")
        )
        assert app.announcer.last == prefix + message
        # Typing again clears the message.
        type_text(pilot, "x")
        assert pilot.scene.error == ""

    def test_space_types_in_field(self, pilot):
        to_team_scene(pilot)
        type_text(pilot, "Die")
        pilot.key(pygame.K_SPACE)
        type_text(pilot, " Biber")
        assert pilot.scene.text == "Die Biber"
        assert pilot.scene_name == "ws_team"


class TestReport:
    def test_code_round_trips_through_report(self, pilot, tmp_path):
        to_round(pilot, team="Rotmilan")
        session = pilot.scene.session
        pilot.click_widget("action:stakeholder_analyse")
        pilot.click_widget("end_round")
        play_out_by_mouse(pilot)
        assert pilot.scene_name == "ws_result"
        # Read the code as a screen reader user hears it, group by group.
        pilot.click_widget("repeat_code")
        spoken = pilot.app.announcer.last
        groups = re.findall(r"Gruppe \d+: ([0-9A-Z ]+)\.", spoken)
        code = "-".join(group.replace(" ", "") for group in groups)
        assert code == pilot.scene.code
        out = tmp_path / "bericht.html"
        status = cli_main(["workshop", "report", code, "--out", str(out)])
        assert status == 0
        html = out.read_text(encoding="utf-8")
        assert "Rotmilan" in html
        assert session.decision_log[0] == ["stakeholder_analyse"]


class TestTextFits:
    @pytest.mark.parametrize("lang", ["de", "en"])
    @pytest.mark.parametrize("size", ["normal", "large", "larger"])
    def test_workshop_scenes_fit(self, lang, size):
        from game.ui.screenshots import make_app, workshop_tour

        app = make_app(lang, size)
        problems = []
        for name in workshop_tour(app):
            app.stack.invalidate_all()
            app.typesetter.overflows.clear()
            app.draw(app.screen)
            problems += [(name, text) for text, _ in app.typesetter.overflows]
        assert problems == []
