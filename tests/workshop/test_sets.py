"""Scenario sets: shipped files, agenda, JSON Schema and located problems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from testsupport import SCENARIOS

from game.cli import main
from game.content.errors import ContentError
from game.content.scenario import load_scenario
from game.workshop.sets import agenda, load_set, set_to_dict

SETS = SCENARIOS / "sets"
SCHEMA = json.loads((SETS / "schema" / "set.schema.json").read_text(encoding="utf-8"))

BASE = """\
# yaml-language-server: $schema=schema/set.schema.json
format: 1
id: probe
titel: {de: "Probe", en: "Trial"}
zielgruppe: "Fachämter"
dauer_minuten: 90
teams: 4
begruessung_minuten: 10
szenarien:
  - szenario: sozialraeume
    sekunden_pro_runde: 120
    briefing_minuten: 10
    nachbesprechung_minuten: 20
    hinweise: "Zeit im Blick behalten."
    fragen:
      - "Welchen Zyklus haben Sie zuerst gebrochen?"
"""

SECOND_ENTRY = """\
  - szenario: sozialraeume
    sekunden_pro_runde: 60
    briefing_minuten: 5
    nachbesprechung_minuten: 10
    hinweise: "Noch einmal."
    fragen: ["Was war anders?"]
"""


def _edit(lines: dict[int, str | None], append: str = "") -> str:
    """Return BASE with 1-based lines replaced (``None`` deletes) and text appended."""
    out = []
    for number, line in enumerate(BASE.splitlines(), start=1):
        if number in lines:
            if lines[number] is not None:
                out.append(lines[number])
        else:
            out.append(line)
    return "\n".join(out) + "\n" + append


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A scenarios folder with the reference scenario and an empty sets folder."""
    scenarios = tmp_path / "scenarios"
    (scenarios / "sets").mkdir(parents=True)
    shutil.copy(SCENARIOS / "sozialraeume.yaml", scenarios / "sozialraeume.yaml")
    return scenarios


def _problems(path: Path, lang: str = "de") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_set(path)
    return [problem.format(lang) for problem in caught.value.problems]


BAD_SETS = [
    (
        "unknown_scenario",
        {10: "  - szenario: sozialraum"},
        "",
        [
            "{path}:10:15: in `szenarien`, Eintrag 1: Szenario `sozialraum` gibt es "
            "nicht: Im Ordner {folder} liegt keine Datei `sozialraum.yaml`. Meinten "
            "Sie `sozialraeume`?"
        ],
    ),
    (
        "over_time",
        {6: "dauer_minuten: 60"},
        "",
        [
            "{path}:6:16: Der Ablauf braucht 72 Minuten, geplant sind 60: Begrüßung 10 "
            "+ `sozialraeume` 62 (davon 16 Runden × 120 s = 32 Spielzeit). Kürzen Sie "
            "Zeiten oder erhöhen Sie `dauer_minuten` auf mindestens 72."
        ],
    ),
    (
        "round_time_range",
        {11: "    sekunden_pro_runde: 10"},
        "",
        [
            "{path}:11:25: in `szenarien`, Eintrag 1: Wert 10 liegt außerhalb des "
            "erlaubten Bereichs 30 bis 900."
        ],
    ),
    (
        "no_questions",
        {15: "    fragen: []", 16: None},
        "",
        [
            "{path}:15:13: in `szenarien`, Eintrag 1: Die Liste `fragen` ist leer. "
            "Schreiben Sie mindestens eine Frage für die Nachbesprechung."
        ],
    ),
    (
        "missing_notes",
        {14: None},
        "",
        [
            "{path}:10:5: in `szenarien`, Eintrag 1: Pflichtfeld `hinweise` fehlt. "
            "Ergänzen Sie eine Zeile `hinweise: …`."
        ],
    ),
    (
        "misspelt_key",
        {7: "team: 4"},
        "",
        [
            "{path}:2:1: Pflichtfeld `teams` fehlt. Ergänzen Sie eine Zeile `teams: …`.",
            "{path}:7:1: unbekanntes Feld `team` (meinten Sie `teams`?). Erlaubt sind: "
            "`format`, `id`, `titel`, `zielgruppe`, `beschreibung`, `dauer_minuten`, "
            "`teams`, `begruessung_minuten`, `abschluss_minuten`, `szenarien`.",
        ],
    ),
    (
        "id_not_file_name",
        {3: "id: probe_zwei"},
        "",
        [
            "{path}:3:5: Kennung `probe_zwei` passt nicht zum Dateinamen `probe.yaml`. "
            "Nennen Sie die Datei `probe_zwei.yaml` oder schreiben Sie `id: probe`."
        ],
    ),
    (
        "unquoted_off",
        {14: "    hinweise: off"},
        "",
        [
            "{path}:14:15: in `szenarien`, Eintrag 1: `off` ohne Anführungszeichen liest "
            'YAML als Wahrheitswert `false`, nicht als Text. Schreiben Sie "off" in '
            "Anführungszeichen."
        ],
    ),
    (
        "decimal_comma",
        {6: "dauer_minuten: 90,5"},
        "",
        [
            "{path}:6:16: `90,5` ist keine Zahl: YAML verwendet den Dezimalpunkt. "
            "Schreiben Sie `90.5`."
        ],
    ),
    (
        "duplicate_scenario",
        {},
        SECOND_ENTRY,
        [
            "{path}:17:15: in `szenarien`, Eintrag 2: Szenario `sozialraeume` steht schon "
            "in Eintrag 1. Jedes Szenario darf nur einmal vorkommen, weil der Bericht die "
            "Ergebnisse je Szenario vergleicht."
        ],
    ),
    (
        "duplicate_question",
        {},
        '      - "Welchen Zyklus haben Sie zuerst gebrochen?"\n',
        [
            "{path}:17:9: in `szenarien`, Eintrag 1: `Welchen Zyklus haben Sie zuerst "
            "gebrochen?` steht doppelt in der Liste. Entfernen Sie einen Eintrag."
        ],
    ),
    (
        "too_many_teams",
        {7: "teams: 40"},
        "",
        ["{path}:7:8: Wert 40 liegt außerhalb des erlaubten Bereichs 1 bis 30."],
    ),
    (
        "tab_indent",
        {12: "\tbriefing_minuten: 10"},
        "",
        [
            "{path}:12:1: Tabulator zum Einrücken gefunden; YAML erlaubt nur Leerzeichen. "
            "Ersetzen Sie den Tabulator durch Leerzeichen."
        ],
    ),
    (
        "empty_scenarios",
        {n: None for n in range(10, 17)} | {9: "szenarien: []"},
        "",
        [
            "{path}:9:12: Die Liste `szenarien` ist leer. Tragen Sie mindestens ein "
            "Szenario ein."
        ],
    ),
]


class TestBadSets:
    @pytest.mark.parametrize(
        ("edits", "append", "expected"),
        [case[1:] for case in BAD_SETS],
        ids=[case[0] for case in BAD_SETS],
    )
    def test_located_messages(self, workspace, edits, append, expected):
        path = workspace / "sets" / "probe.yaml"
        path.write_text(_edit(edits, append), encoding="utf-8")
        folder = str(workspace.resolve())
        assert _problems(path) == [
            line.format(path=path, folder=folder) for line in expected
        ]

    def test_base_is_valid(self, workspace):
        path = workspace / "sets" / "probe.yaml"
        path.write_text(BASE, encoding="utf-8")
        scenario_set = load_set(path)
        assert scenario_set.planned_minutes == 72
        assert scenario_set.entries[0].rounds == 16

    def test_broken_scenario_named(self, workspace):
        (workspace / "kaputt.yaml").write_text("id: kaputt\n", encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            load_scenario(workspace / "kaputt.yaml")
        count = len(caught.value.problems)
        path = workspace / "sets" / "probe.yaml"
        path.write_text(_edit({10: "  - szenario: kaputt"}), encoding="utf-8")
        assert _problems(path) == [
            f"{path}:10:15: in `szenarien`, Eintrag 1: Szenario `kaputt` hat selbst "
            f"{count} Problem(e). Prüfen Sie es mit `python -m game validate "
            f"{(workspace / 'kaputt.yaml').resolve()}`."
        ]

    def test_english_message(self, workspace):
        path = workspace / "sets" / "probe.yaml"
        path.write_text(_edit({11: "    sekunden_pro_runde: 10"}), encoding="utf-8")
        assert _problems(path, "en") == [
            f"{path}:11:25: in `szenarien`, entry 1: value 10 is outside the allowed "
            "range 30 to 900."
        ]

    def test_validate_command_reports_location(self, workspace, capsys):
        path = workspace / "sets" / "probe.yaml"
        path.write_text(_edit({10: "  - szenario: sozialraum"}), encoding="utf-8")
        assert main(["validate", str(workspace / "sets")]) == 1
        output = capsys.readouterr().out
        assert (
            f"{path}:10:15: in `szenarien`, Eintrag 1: Szenario `sozialraum`" in output
        )
        assert "    ^" in output


class TestShippedSets:
    def test_introduction_is_valid(self):
        scenario_set = load_set(SETS / "einfuehrung_90.yaml")
        assert scenario_set.duration_minutes == 90
        assert scenario_set.planned_minutes <= 90
        assert [e.scenario_id for e in scenario_set.entries] == ["sozialraeume"]
        for entry in scenario_set.entries:
            assert len(entry.questions) >= 3
            assert all("en" in question for question in entry.questions)
            assert "en" in entry.notes

    def test_half_day_is_valid(self):
        scenario_set = load_set(SETS / "halbtag.yaml")
        assert scenario_set.duration_minutes == 240
        assert scenario_set.planned_minutes <= 240
        assert [e.scenario_id for e in scenario_set.entries] == [
            "sozialraeume",
            "kleine_gemeinde",
            "landkreis_altverfahren",
        ]
        for entry in scenario_set.entries:
            assert len(entry.questions) >= 3
            assert all("en" in question for question in entry.questions)

    def test_agenda(self):
        scenario_set = load_set(SETS / "einfuehrung_90.yaml")
        items = agenda(scenario_set)
        assert [item.kind for item in items] == [
            "welcome",
            "briefing",
            "play",
            "debrief",
            "closing",
        ]
        play = items[2]
        entry = scenario_set.entries[0]
        assert play.minutes == -(-entry.rounds * entry.seconds_per_round // 60)
        for before, after in zip(items, items[1:], strict=False):
            assert after.start == before.start + before.minutes

    @pytest.mark.parametrize("path", sorted(SETS.glob("*.yaml")), ids=lambda p: p.stem)
    def test_schema_accepts_shipped_sets(self, path):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=schema/set.schema.json"
        jsonschema.validate(yaml.safe_load("\n".join(lines)), SCHEMA)

    def test_schema_rejects_missing_questions(self):
        data = yaml.safe_load(BASE)
        del data["szenarien"][0]["fragen"]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, SCHEMA)

    def test_schema_is_valid(self):
        jsonschema.Draft7Validator.check_schema(SCHEMA)

    def test_set_to_dict_is_json(self):
        data = set_to_dict(load_set(SETS / "einfuehrung_90.yaml"))
        assert (
            json.loads(json.dumps(data))["entries"][0]["scenario_id"] == "sozialraeume"
        )
