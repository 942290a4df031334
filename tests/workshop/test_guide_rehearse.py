"""The facilitator guide and the rehearsal codes of automatic teams."""

from __future__ import annotations

from testsupport import SCENARIOS

from game.cli import main
from game.workshop.codes import decode_code
from game.workshop.guide import describe_condition
from game.workshop.replay import verify_code
from game.workshop.sets import agenda, load_set
from game.workshop.teams import TEAM_NAMES
from tests.workshop.test_report import parse

SET_PATH = SCENARIOS / "sets" / "einfuehrung_90.yaml"
BASE = "https://lernen.example.invalid/lektionen/"


def _guide(tmp_path, *extra) -> str:
    out = tmp_path / "leitfaden.html"
    status = main(
        ["workshop", "guide", str(SET_PATH), "--out", str(out), "--lessons-base", BASE]
        + list(extra)
    )
    assert status == 0
    return out.read_text(encoding="utf-8")


class TestGuide:
    def test_agenda_times(self, tmp_path):
        page = parse(_guide(tmp_path, "--start", "09:30"))
        scenario_set = load_set(SET_PATH)
        items = agenda(scenario_set)
        expected = []
        for item in items:
            start = 9 * 60 + 30 + item.start
            end = start + item.minutes
            expected.append(
                f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"
            )
        assert page.row_headers[3 : 3 + len(items)] == expected
        entry = scenario_set.entries[0]
        assert (
            f"Spiel: Sozialräume in Lindenstadt ({entry.rounds} Runden à 2 Min.)"
            in page.cells
        )
        buffer = scenario_set.duration_minutes - scenario_set.planned_minutes
        assert f"{buffer} Min." in page.cells

    def test_relative_times_without_start(self, tmp_path):
        page = parse(_guide(tmp_path))
        assert page.row_headers[3] == "0:00–0:10"

    def test_briefing_goals_notes_questions(self, tmp_path, reference_scenario):
        html = _guide(tmp_path)
        page = parse(html)
        story = reference_scenario.story["de"].split("\n\n")[0]
        assert " ".join(story.split()) in html
        for clause in reference_scenario.goals.win:
            assert describe_condition(clause, reference_scenario, "de") in [
                text for _, text in page.list_items
            ]
        entry = load_set(SET_PATH).entries[0]
        for question in entry.questions:
            assert " ".join(question["de"].split()) in [t for _, t in page.list_items]
        assert "Viele Teams wollen sofort das Pilot-Dashboard bauen." in html
        assert ("h3", "Hinweise für die Moderation") in page.headings

    def test_lesson_links(self, tmp_path, reference_scenario):
        page = parse(_guide(tmp_path))
        lessons = {
            lesson
            for item in reference_scenario.actions + reference_scenario.events
            for lesson in item.lessons
        }
        assert lessons
        links = {href for href, _ in page.links if href and href.startswith(BASE)}
        # Every lesson links into the exported page of a path that contains it.
        anchors = {href.rsplit("#l-", 1)[1] for href in links}
        assert anchors == lessons
        assert all(href.startswith(f"{BASE}pfad-") for href in links)

    def test_default_lesson_base(self, tmp_path):
        out = tmp_path / "g.html"
        assert main(["workshop", "guide", str(SET_PATH), "--out", str(out)]) == 0
        assert 'href="../elearning/pfad-daten_champions.html#l-stakeholder_verstehen"' in (
            out.read_text(encoding="utf-8")
        )

    def test_english(self, tmp_path):
        out = tmp_path / "g.html"
        assert (
            main(
                ["--lang", "en", "workshop", "guide", str(SET_PATH), "--out", str(out)]
            )
            == 0
        )
        page = parse(out.read_text(encoding="utf-8"))
        assert page.html_lang == "en"
        assert ("h2", "Agenda") in page.headings

    def test_bad_start_time(self, tmp_path, capsys):
        out = tmp_path / "g.html"
        status = main(
            ["workshop", "guide", str(SET_PATH), "--out", str(out), "--start", "25:00"]
        )
        assert status == 2
        assert capsys.readouterr().err == (
            "--start: erwartet eine Uhrzeit wie 09:30, gefunden „25:00“.\n"
        )
        assert not out.exists()


class TestRehearsal:
    def _run(self, capsys, *args) -> list[str]:
        status = main(["simulate", str(SCENARIOS / "sozialraeume.yaml"), *args])
        assert status == 0
        return capsys.readouterr().out.splitlines()

    def test_codes_replay(self, capsys, catalog):
        lines = self._run(capsys, "--codes", "4", "--seed", "7")
        assert lines[0].startswith("# sozialraeume [")
        codes = [line.split("#")[0].strip() for line in lines[1:]]
        assert len(codes) == 4
        teams = []
        for code in codes:
            result = verify_code(code, catalog)
            assert result.seed == 7
            teams.append(result.team)
        assert teams == list(TEAM_NAMES[:4])

    def test_same_output_twice(self, capsys):
        first = self._run(capsys, "--codes", "3", "--policy", "referenz")
        second = self._run(capsys, "--codes", "3", "--policy", "referenz")
        assert first == second
        seeds = {decode_code(line.split("#")[0]).seed for line in first[1:]}
        assert len(seeds) == 3

    def test_rehearsal_feeds_report(self, tmp_path, capsys):
        lines = self._run(capsys, "--codes", "5", "--seed", "2026")
        codes = tmp_path / "codes.txt"
        codes.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = tmp_path / "bericht.html"
        status = main(
            ["workshop", "report", "--codes-file", str(codes), "--out", str(out)]
        )
        assert status == 0
        page = parse(out.read_text(encoding="utf-8"))
        for team in TEAM_NAMES[:5]:
            assert team in page.row_headers


def test_guide_links_resolve_in_export(tmp_path):
    from testsupport import ROOT

    from game.learn.export import export_elearning

    export_elearning(ROOT, tmp_path / "elearning", scorm=False)
    guide = tmp_path / "leitfaden.html"
    assert main(["workshop", "guide", str(SET_PATH), "--out", str(guide)]) == 0
    page = parse(guide.read_text(encoding="utf-8"))
    targets = [href for href, _ in page.links if href and href.startswith("../elearning/")]
    assert targets
    for href in targets:
        file_name, anchor = href.removeprefix("../elearning/").split("#")
        exported = (tmp_path / "elearning" / file_name).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in exported, href
