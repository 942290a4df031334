"""Validation of learning content: exact messages at exact places."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from testsupport import ROOT

from game.content.errors import SchemaError
from game.learn import (
    compile_learning_content,
    load_learning_content,
    validate_learning_content,
)

LESSONS = "learning_paths/lektionen"


def locate(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Return the 1-based line and column of the n-th ``needle`` in ``path``."""
    seen = 0
    for number, line in enumerate(
        path.read_text(encoding="utf-8").splitlines(), start=1
    ):
        start = 0
        while (column := line.find(needle, start)) >= 0:
            seen += 1
            if seen == occurrence:
                return number, column + 1
            start = column + 1
    raise AssertionError(f"{needle!r} not found in {path}")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(root: Path, lang: str = "de") -> list[str]:
    return [problem.format(lang) for problem in validate_learning_content(root)]


class TestShippedContent:
    def test_learning_files_have_no_problems(self):
        problems = validate_learning_content(ROOT)
        own = [
            problem.format("en")
            for problem in problems
            if problem.location is None or "learning_paths" in problem.location.path
        ]
        assert own == []

    def test_scenario_links_all_resolve(self):
        broken = [
            problem.format("en")
            for problem in validate_learning_content(ROOT)
            if problem.code.startswith(("unknown_ref", "learn_unknown"))
        ]
        assert broken == []

    def test_every_cycle_is_taught(self):
        content = load_learning_content(ROOT, include_scenario_problems=False)
        taught = {
            cycle for lesson in content.lessons.values() for cycle in lesson.cycles
        }
        assert taught == set(content.cycles)

    def test_paths_requested_by_product_owner(self):
        content = load_learning_content(ROOT, include_scenario_problems=False)
        durations = {
            path.id: sum(content.lessons[lesson].duration for lesson in path.lesson_ids)
            for path in content.paths
        }
        assert set(durations) == {
            "daten_champions",
            "leitung_30_minuten",
            "govtech_kommunen",
        }
        assert durations["leitung_30_minuten"] <= 30
        champions = content.path("daten_champions")
        assert [module.id for module in champions.modules][1:] == [
            "ueberzeugen",
            "umsetzen",
            "integrieren",
        ]
        cycles = {
            cycle
            for lesson in champions.lesson_ids
            for cycle in content.lessons[lesson].cycles
        }
        assert cycles == set(content.cycles)

    def test_all_four_check_types_are_used(self):
        content = load_learning_content(ROOT, include_scenario_problems=False)
        kinds = {
            check.kind for lesson in content.lessons.values() for check in lesson.checks
        }
        assert kinds == {"einfach", "mehrfach", "reihenfolge", "zuordnung"}

    @pytest.mark.parametrize(
        ("folder", "schema"),
        [("lektionen", "lektionen.schema.json"), ("pfade", "pfad.schema.json")],
    )
    def test_files_match_json_schema_and_modeline(self, folder, schema):
        schema_path = ROOT / "learning_paths" / "schema" / schema
        document = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(document)
        files = sorted((ROOT / "learning_paths" / folder).glob("*.yaml"))
        assert files
        for path in files:
            first_line = path.read_text(encoding="utf-8").splitlines()[0]
            assert first_line == f"# yaml-language-server: $schema=../schema/{schema}"
            jsonschema.validate(
                yaml.safe_load(path.read_text(encoding="utf-8")), document
            )

    def test_schema_rejects_missing_feedback(self):
        document = json.loads(
            (ROOT / "learning_paths/schema/lektionen.schema.json").read_text(
                encoding="utf-8"
            )
        )
        data = yaml.safe_load(
            (ROOT / LESSONS / "umsetzen.yaml").read_text(encoding="utf-8")
        )
        del data["lektionen"]["pilot_planen"]["pruefungen"][0]["antworten"][0][
            "rueckmeldung"
        ]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, document)


class TestBrokenLinks:
    def test_playbook_section_in_lesson(self, content_root):
        path = content_root / LESSONS / "umsetzen.yaml"
        replace(
            path,
            '"governance#rollen", "governance#entscheidungen"',
            '"governance#rolen", "governance#entscheidungen"',
        )
        line, column = locate(path, '"governance#rolen"')
        assert messages(content_root) == [
            f"{LESSONS}/umsetzen.yaml:{line}:{column}: in Lektion `team_bilden`: Playbook "
            "`governance` hat keinen Abschnitt `rolen`. Meinten Sie `governance#rollen`?"
        ]

    def test_playbook_section_in_english(self, content_root):
        path = content_root / LESSONS / "umsetzen.yaml"
        replace(
            path,
            '"governance#rollen", "governance#entscheidungen"',
            '"governance#rolen", "governance#entscheidungen"',
        )
        line, column = locate(path, '"governance#rolen"')
        assert messages(content_root, "en") == [
            f"{LESSONS}/umsetzen.yaml:{line}:{column}: in lesson `team_bilden`: playbook "
            "`governance` has no section `rolen`. Did you mean `governance#rollen`?"
        ]

    def test_markdown_link_in_lesson_body(self, content_root):
        path = content_root / LESSONS / "umsetzen.yaml"
        replace(
            path,
            "[Governance-Playbook](playbook:governance#rollen)",
            "[Governance-Playbook](playbook:governance#rolle)",
        )
        line, column = locate(path, "playbook:governance#rolle)")
        assert messages(content_root) == [
            f"{LESSONS}/umsetzen.yaml:{line}:{column}: in Lektion `team_bilden`: Playbook "
            "`governance` hat keinen Abschnitt `rolle`. Meinten Sie `governance#rollen`?"
        ]

    def test_invalid_link_scheme_in_body(self, content_root):
        path = content_root / LESSONS / "umsetzen.yaml"
        replace(
            path,
            "[Governance-Playbook](playbook:governance#rollen)",
            "[Governance-Playbook](governance.md#rollen)",
        )
        line, column = locate(path, "governance.md#rollen")
        assert messages(content_root) == [
            f"{LESSONS}/umsetzen.yaml:{line}:{column}: in Lektion `team_bilden`: Link "
            "`governance.md#rollen` ist ungültig. Erlaubt sind `lektion:ID`, "
            "`playbook:ID#abschnitt`, `szenario:ID` und Adressen mit `https://`."
        ]

    def test_lesson_id_in_scenario_action(self, content_root):
        path = content_root / "scenarios" / "sozialraeume.yaml"
        replace(path, "lektionen: [team_bilden]", "lektionen: [team_bildn]")
        line, column = locate(path, "team_bildn")
        assert messages(content_root) == [
            f"scenarios/sozialraeume.yaml:{line}:{column}: in Maßnahme `rollen_workshop`: "
            "Lektion `team_bildn` gibt es nicht. Meinten Sie `team_bilden`?"
        ]

    def test_playbook_ref_in_scenario_action(self, content_root):
        path = content_root / "scenarios" / "sozialraeume.yaml"
        replace(
            path, "playbooks: [governance#rollen]", "playbooks: [gouvernance#rollen]"
        )
        line, column = locate(path, "gouvernance#rollen")
        assert messages(content_root) == [
            f"scenarios/sozialraeume.yaml:{line}:{column}: in Maßnahme `rollen_workshop`: "
            "Playbook `gouvernance` gibt es nicht. Meinten Sie `governance`?"
        ]

    def test_lesson_in_module(self, content_root):
        path = content_root / "learning_paths/pfade/leitung_30_minuten.yaml"
        replace(
            path,
            "[governance_verantworten, leitung_handeln]",
            "[governance_verantworten, leitung_handel]",
        )
        line, column = locate(path, "leitung_handel]")
        found = messages(content_root)
        assert (
            f"learning_paths/pfade/leitung_30_minuten.yaml:{line}:{column}: in Lernpfad "
            "`leitung_30_minuten`, Modul `steuern`: Lektion `leitung_handel` gibt es nicht. "
            "Meinten Sie `leitung_handeln`?"
        ) in found
        # The lesson that lost its only path is reported as well.
        lesson_line, lesson_column = locate(
            content_root / LESSONS / "leitung.yaml", "leitung_handeln:"
        )
        assert found[0] == (
            f"{LESSONS}/leitung.yaml:{lesson_line}:{lesson_column}: Lektion `leitung_handeln` "
            "gehört zu keinem Lernpfad. Nehmen Sie sie unter `lektionen:` eines Moduls auf "
            "oder löschen Sie sie."
        )

    def test_cycle_id(self, content_root):
        path = content_root / LESSONS / "integrieren.yaml"
        replace(path, "    zyklen: [altlast]\n", "    zyklen: [altlasten]\n")
        line, column = locate(path, "altlasten")
        assert messages(content_root) == [
            f"{LESSONS}/integrieren.yaml:{line}:{column}: in Lektion `altlast_verstehen`: "
            "Zyklus `altlasten` gibt es nicht. Meinten Sie `altlast`?"
        ]

    def test_action_of_scenario(self, content_root):
        path = content_root / LESSONS / "umsetzen.yaml"
        replace(path, "massnahmen: [pilot_dashboard]", "massnahmen: [pilot_dashbord]")
        line, column = locate(path, "pilot_dashbord")
        assert messages(content_root) == [
            f"{LESSONS}/umsetzen.yaml:{line}:{column}: in Lektion `pilot_planen`: Maßnahme "
            "`pilot_dashbord` gibt es im Szenario `sozialraeume` nicht. Meinten Sie "
            "`pilot_dashboard`?"
        ]


class TestChecks:
    def test_single_choice_with_two_correct(self, content_root):
        path = content_root / LESSONS / "umsetzen.yaml"
        replace(
            path,
            '              de: "Pseudonymisierte Produktivdaten"\n'
            '              en: "Pseudonymised production data"\n',
            '              de: "Pseudonymisierte Produktivdaten"\n'
            '              en: "Pseudonymised production data"\n'
            "            richtig: true\n",
        )
        # The answer item starts at its `- text:`, one line above its German text.
        de_line, de_column = locate(path, 'de: "Synthetische Daten mit realistischen')
        line, column = de_line - 1, de_column - 4
        assert messages(content_root) == [
            f"{LESSONS}/umsetzen.yaml:{line}:{column}: in Lektion `testdaten_bereitstellen`, "
            "Prüfung `testdaten_art`: Eine Einfachauswahl braucht genau eine richtige "
            "Antwort, markiert sind 2. Setzen Sie `richtig: true` bei genau einer Antwort."
        ]

    def test_multiple_choice_without_correct(self, content_root):
        path = content_root / LESSONS / "govtech.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("      - id: mitreden")
        end = text.index("  vergabe_verstehen:")
        path.write_text(
            text[:start]
            + text[start:end].replace("            richtig: true\n", "")
            + text[end:],
            encoding="utf-8",
        )
        # The first answer of `mitreden` is the first `- text:` item in the file.
        line, column = locate(path, "- text:")
        assert messages(content_root) == [
            f"{LESSONS}/govtech.yaml:{line}:{column}: in Lektion `kommunen_verstehen`, "
            "Prüfung `mitreden`: Eine Mehrfachauswahl braucht mindestens eine richtige "
            "Antwort. Setzen Sie `richtig: true` bei den richtigen Antworten."
        ]

    def test_answer_without_feedback(self, content_root):
        path = content_root / LESSONS / "leitung.yaml"
        replace(
            path,
            "            rueckmeldung:\n"
            '              de: "Nein. Chefsache heißt nicht, jedes Detail selbst '
            'zu steuern."\n'
            '              en: "No. Making data a matter for the top does not mean '
            'steering every detail personally."\n',
            "",
        )
        # The answer starts at its `text:` key, one line above its German text.
        de_line, de_column = locate(path, 'de: "Jedes Dashboard selbst gestalten"')
        line, column = de_line - 1, de_column - 2
        assert messages(content_root) == [
            f"{LESSONS}/leitung.yaml:{line}:{column}: in Lektion `daten_chefsache`, "
            "Prüfung `warum_spitze`: Pflichtfeld `rueckmeldung` fehlt. Ergänzen Sie eine "
            "Zeile `rueckmeldung: …`."
        ]

    def test_wrong_item_field_for_type(self, content_root):
        path = content_root / LESSONS / "leitung.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("      - id: kreislauf_ordnen")
        fixed = text[:start] + text[start:].replace(
            "        schritte:", "        antworten:", 1
        )
        path.write_text(fixed, encoding="utf-8")
        line, column = locate(path, "antworten:", 1 + text[:start].count("antworten:"))
        found = messages(content_root)
        assert found[0] == (
            f"{LESSONS}/leitung.yaml:{line}:{column}: in Lektion `rueckhalt_wirkt`, "
            "Prüfung `kreislauf_ordnen`: Eine Prüfung vom Typ `reihenfolge` nutzt "
            "`schritte`, nicht `antworten`. Benennen Sie `antworten` in `schritte` um."
        )


class TestPlaybooks:
    def test_heading_without_id(self, content_root):
        path = content_root / "learning_paths/playbooks/erfolg.md"
        replace(path, "## Formate und Kanäle {#formate}", "## Formate und Kanäle")
        # Without the English version only the German heading is reported.
        (content_root / "learning_paths/playbooks/erfolg.en.md").unlink()
        line, _ = locate(path, "## Formate und Kanäle")
        assert messages(content_root) == [
            f"learning_paths/playbooks/erfolg.md:{line}:1: in Playbook `erfolg`: Abschnitt "
            "`Formate und Kanäle` hat keine Kennung, also kann nichts auf ihn verweisen. "
            "Hängen Sie ` {#formate_und_kanaele}` an die Überschrift an."
        ]

    def test_unsupported_markdown_table(self, content_root):
        path = content_root / "learning_paths/playbooks/erfolg.md"
        replace(
            path,
            "## Formate und Kanäle {#formate}\n",
            "## Formate und Kanäle {#formate}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        )
        line, _ = locate(path, "| a | b |")
        assert messages(content_root) == [
            f"learning_paths/playbooks/erfolg.md:{line}:1: in Playbook `erfolg`: Eine "
            "Tabelle kann das Spiel nicht darstellen. Verwenden Sie Absätze, Überschriften, "
            "Listen, Zitate und Links."
        ]

    def test_english_version_with_other_sections(self, content_root):
        folder = content_root / "learning_paths/playbooks"
        (folder / "erfolg.en.md").write_text(
            "# Communicating success\n\n## Why {#warum}\n\nText.\n\n## Extra {#extra}\n",
            encoding="utf-8",
        )
        found = messages(content_root)
        assert len(found) == 1
        assert found[0].startswith(
            "learning_paths/playbooks/erfolg.en.md:1:1: in Playbook `erfolg`: Die englische "
            "Fassung hat andere Abschnitte als die deutsche (fehlend: `quick_wins`, "
        )
        assert found[0].endswith(
            "zusätzlich: `extra`). Verwenden Sie dieselben Kennungen `{#…}`."
        )


def _write_mini_root(root: Path) -> None:
    """Write a tiny project: one path, one lesson, one playbook, one scenario."""
    (root / "learning_paths/pfade").mkdir(parents=True)
    (root / "learning_paths/lektionen").mkdir()
    (root / "learning_paths/playbooks").mkdir()
    (root / "scenarios").mkdir()
    (root / "learning_paths/pfade/p.yaml").write_text(
        "id: p\ntitel: Pfad\nkurzbeschreibung: K\nzielgruppe: Z\n"
        "module:\n  - id: m\n    titel: M\n    lektionen: [l1]\n",
        encoding="utf-8",
    )
    (root / "learning_paths/lektionen/l.yaml").write_text(
        "lektionen:\n  l1:\n    titel: L\n    dauer_minuten: 5\n"
        "    zyklen: [strategie, mehrwert, innovatoren, altlast, erprobung, alpha]\n"
        "    playbooks: [pb]\n    text: Text\n    kernaussagen: [K]\n    pruefungen: []\n",
        encoding="utf-8",
    )
    (root / "learning_paths/playbooks/pb.md").write_text(
        "# Playbook\n\n## Teil {#teil}\n\nText.\n", encoding="utf-8"
    )
    (root / "scenarios/s.yaml").write_text(
        "id: s\nzyklen:\n  alpha: {}\n  beta: {}\n"
        "massnahmen:\n  a1:\n    lektionen: [l1]\n  a2:\n    name: ohne Verweise\n",
        encoding="utf-8",
    )


class TestCoverage:
    def test_untaught_cycles_and_unlinked_actions(self, tmp_path, monkeypatch):
        _write_mini_root(tmp_path)
        monkeypatch.chdir(tmp_path)
        assert messages(tmp_path) == [
            "Zyklus `harmonisierung` wird in keiner Lektion behandelt. Tragen Sie "
            "`harmonisierung` unter `zyklen:` einer passenden Lektion ein.",
            "scenarios/s.yaml:4:3: Zyklus `beta` wird in keiner Lektion behandelt. Tragen "
            "Sie `beta` unter `zyklen:` einer passenden Lektion ein.",
            "scenarios/s.yaml:8:3: Maßnahme `a2` verweist auf keine Lektion und kein "
            "Playbook. Ergänzen Sie `lektionen:` oder `playbooks:`, damit Spielende "
            "nachlesen können.",
        ]

    def test_load_raises_schema_error(self, tmp_path, monkeypatch):
        _write_mini_root(tmp_path)
        monkeypatch.chdir(tmp_path)
        with pytest.raises(SchemaError) as caught:
            load_learning_content(tmp_path)
        assert len(caught.value.problems) == 3
        # Without scenario problems only the untaught canonical cycle remains.
        with pytest.raises(SchemaError) as caught:
            load_learning_content(tmp_path, include_scenario_problems=False)
        assert [problem.code for problem in caught.value.problems] == [
            "learn_cycle_untaught"
        ]


class TestCompile:
    def test_compiled_content_is_json_ready(self, content_root):
        data = compile_learning_content(content_root)
        assert json.loads(json.dumps(data)) == data
        assert len(data["content_hash"]) == 12
        assert [path["id"] for path in data["paths"]] == [
            "daten_champions",
            "govtech_kommunen",
            "leitung_30_minuten",
        ]

    def test_lesson_body_blocks(self, content_root):
        data = compile_learning_content(content_root)
        body = data["lessons"]["team_bilden"]["body"]["de"]
        assert body[0]["type"] == "paragraph"
        assert {"text": "Fachämtern", "bold": True} in body[0]["spans"]
        headings = [block for block in body if block["type"] == "heading"]
        assert headings[0] == {
            "type": "heading",
            "level": 2,
            "id": None,
            "spans": [{"text": "Rollen, die sich bewährt haben"}],
        }
        lists = [block for block in body if block["type"] == "list"]
        assert [block["ordered"] for block in lists] == [False, True]
        link_spans = [
            span
            for block in body
            if block["type"] == "paragraph"
            for span in block["spans"]
            if "link" in span
        ]
        assert link_spans[-1]["link"] == {
            "href": "playbook:governance#rollen",
            "kind": "playbook",
            "id": "governance",
            "section": "rollen",
        }

    def test_playbook_sections(self, content_root):
        playbook = compile_learning_content(content_root)["playbooks"]["dsgvo"]
        ids = [section["id"] for section in playbook["sections"]]
        assert ids[:3] == ["nutzung", "beschreibung", "rechtsgrundlage"]
        assert playbook["sections"][2]["title"]["de"] == "2. Rechtsgrundlage (Art. 6)"
        assert playbook["intro"]["de"][0]["type"] == "paragraph"

    def test_checks_have_shuffled_display_order(self, content_root):
        data = compile_learning_content(content_root)
        for lesson in data["lessons"].values():
            for check in lesson["checks"]:
                order = check["display_order"]
                assert sorted(order) == list(range(len(check["answers"])))
                if check["type"] in ("reihenfolge", "zuordnung"):
                    assert order != sorted(order), check["key"]

    def test_scenario_link_ids(self, content_root):
        data = compile_learning_content(content_root)
        refs = data["lessons"]["team_bilden"]["playbooks"]
        assert refs[0] == {
            "ref": "governance#rollen",
            "playbook": "governance",
            "section": "rollen",
            "title": {
                "de": "Governance-Playbook: Datenprojekte gemeinsam steuern",
                "en": "Governance playbook: steering data projects together",
            },
            "section_title": "Rollen",
        }
