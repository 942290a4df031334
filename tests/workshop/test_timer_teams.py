"""Round timer, preset team names and the result file."""

from __future__ import annotations

import hashlib
import json

import pytest

from game.workshop import (
    TEAM_NAMES,
    CodeError,
    RoundTimer,
    TeamNameError,
    decode_code,
    normalize_team_name,
    preset_names,
    read_result_file,
    result_file_data,
    result_file_json,
    result_file_name,
)
from game.workshop.codes import encode_result


class TestRoundTimer:
    def test_counts_only_while_running(self):
        timer = RoundTimer(90)
        assert timer.advance(5) is False
        assert timer.remaining == 90
        timer.start()
        timer.advance(10)
        assert timer.remaining == 80
        timer.pause()
        timer.advance(30)
        assert timer.remaining == 80
        assert timer.paused
        timer.resume()
        timer.advance(0.5)
        assert timer.remaining == 79.5
        assert timer.running

    def test_expires_once(self):
        timer = RoundTimer(60)
        timer.start()
        assert timer.advance(59) is False
        assert timer.advance(2) is True
        assert timer.expired
        assert timer.remaining == 0
        assert timer.advance(1) is False
        timer.resume()
        assert timer.expired

    def test_display_rounds_up(self):
        timer = RoundTimer(120)
        assert timer.format_remaining() == "2:00"
        timer.start()
        timer.advance(0.2)
        assert timer.format_remaining() == "2:00"
        timer.advance(14.8)
        assert timer.format_remaining() == "1:45"
        timer.advance(104.9)
        assert timer.format_remaining() == "0:01"
        timer.advance(0.1)
        assert timer.format_remaining() == "0:00"

    def test_final_phase_and_fraction(self):
        timer = RoundTimer(100)
        timer.start()
        timer.advance(69)
        assert not timer.final_phase
        timer.advance(1)
        assert timer.final_phase
        assert timer.fraction_remaining == pytest.approx(0.3)

    def test_reset_with_new_limit(self):
        timer = RoundTimer(30)
        timer.start()
        timer.advance(30)
        timer.reset(45)
        assert timer.state == "ready"
        assert timer.remaining == 45

    @pytest.mark.parametrize("limit", [0, -5, float("inf"), float("nan")])
    def test_invalid_limit(self, limit):
        with pytest.raises(ValueError):
            RoundTimer(limit)

    @pytest.mark.parametrize("elapsed", [-0.1, float("nan"), float("inf")])
    def test_invalid_elapsed(self, elapsed):
        timer = RoundTimer(30)
        timer.start()
        with pytest.raises(ValueError):
            timer.advance(elapsed)


class TestTeamNames:
    def test_presets_are_distinct_and_valid(self):
        assert len(TEAM_NAMES) >= 40
        assert len(set(TEAM_NAMES)) == len(TEAM_NAMES)
        for name in TEAM_NAMES:
            assert normalize_team_name(name) == name

    def test_presets_append_only(self):
        # Codes store presets by index: the first 48 names must never change.
        digest = hashlib.sha256("\n".join(TEAM_NAMES[:48]).encode()).hexdigest()
        assert digest[:16] == PRESET_DIGEST

    def test_preset_names(self):
        assert preset_names(3) == ["Fischotter", "Biber", "Eisvogel"]
        with pytest.raises(ValueError):
            preset_names(len(TEAM_NAMES) + 1)

    def test_normalizes_spaces_and_unicode(self):
        assert normalize_team_name("  Die   Biber ") == "Die Biber"
        assert normalize_team_name("Mu\u0308mling") == "Mümling"

    @pytest.mark.parametrize(
        ("name", "german", "english"),
        [
            (
                "   ",
                "Der Teamname ist leer. Wählen Sie einen der vorgeschlagenen Namen oder "
                "tippen Sie einen ein.",
                "the team name is empty. Pick one of the suggested names or type one.",
            ),
            (
                "Die wilden Datenfüchse vom Amt",
                "Der Teamname hat 30 Zeichen, erlaubt sind höchstens 24. Kürzen Sie ihn.",
                "the team name has 30 characters, the maximum is 24. Shorten it.",
            ),
            (
                "Biber\u200b",
                "Der Teamname enthält ein Steuerzeichen (U+200B). Verwenden Sie nur "
                "Buchstaben, Ziffern, Leerzeichen und Satzzeichen.",
                "the team name contains a control character (U+200B). Use only letters, "
                "digits, spaces and punctuation.",
            ),
        ],
        ids=["empty", "too_long", "control"],
    )
    def test_invalid_names(self, name, german, english):
        with pytest.raises(TeamNameError) as caught:
            normalize_team_name(name)
        assert caught.value.message("de") == german
        assert caught.value.message("en") == english


PRESET_DIGEST = "eb20eb1fc959d929"


class TestResultFile:
    def test_round_trip(self, team_games):
        team, sim, code = team_games[1]
        data = json.loads(result_file_json(sim, team))
        assert data["code"] == code
        assert data["decisions"] == sim.decision_log
        read = read_result_file(result_file_json(sim, team))
        assert read.code == code
        assert read.team == team
        assert read.seed == sim.seed

    def test_file_name(self):
        assert (
            result_file_name("sozialraeume", "Eichhörnchen")
            == "datenschatz-sozialraeume-eichhoernchen.json"
        )
        assert result_file_name("x", "!!!") == "datenschatz-x-team.json"

    def test_changed_field_rejected(self, team_games):
        team, sim, _ = team_games[0]
        data = result_file_data(sim, team)
        data["seed"] = data["seed"] + 1
        with pytest.raises(CodeError) as caught:
            read_result_file(json.dumps(data))
        assert caught.value.message() == (
            "In der Ergebnisdatei passt das Feld `seed` nicht zum Code. Die Datei "
            "wurde verändert; nur der Code zählt, und der ist mit der Datei nicht "
            "mehr belegbar."
        )

    def test_invalid_json(self):
        with pytest.raises(CodeError) as caught:
            read_result_file('{"format": "datenschatz-ergebnis",\n  "code": }')
        assert caught.value.message() == (
            "Die Ergebnisdatei ist kein gültiges JSON (Zeile 2, Spalte 11: Expecting "
            "value). Laden Sie die Datei erneut aus dem Spiel herunter."
        )

    def test_missing_field(self, team_games):
        team, sim, _ = team_games[0]
        data = result_file_data(sim, team)
        del data["team"]
        with pytest.raises(CodeError) as caught:
            read_result_file(json.dumps(data))
        assert caught.value.message() == (
            "In der Ergebnisdatei fehlt das Feld `team` oder es hat den falschen Typ "
            "(erwartet: str)."
        )

    def test_code_in_file_is_checked(self, team_games):
        team, sim, code = team_games[0]
        data = result_file_data(sim, team)
        data["code"] = code[:-2]
        with pytest.raises(CodeError) as caught:
            read_result_file(json.dumps(data))
        assert caught.value.code == "workshop_code_missing"

    def test_preset_code_decodes_without_scenario(self):
        code = encode_result(
            "irgendwas", "abcdefabcdef", ["a", "b"], 3, "Lahn", [["b"]]
        )
        assert decode_code(code).rounds == ((1,),)
