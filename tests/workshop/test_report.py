"""The debrief report built from simulated teams, read back as HTML and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from testsupport import SCENARIOS

from game.cli import main
from game.workshop.render import format_number
from game.workshop.resultfile import result_file_json
from game.workshop.sets import load_set

SET_PATH = SCENARIOS / "sets" / "einfuehrung_90.yaml"
BAD_CODE = "1ABCD-EFGHJ-KMNPQ-RSTVW-XYZ01-23456-789AB"


class Page(HTMLParser):
    """Collects what the assertions need from a report or guide."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.html_lang = None
        self.headings: list[tuple[str, str]] = []
        self.row_headers: list[str] = []
        self.cells: list[str] = []
        self.th_without_scope = 0
        self.svgs: list[dict] = []
        self.list_items: list[tuple[str, str]] = []
        self.links: list[tuple[str, str]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "svg" and attributes.get("role") == "img":
            self.svgs.append({"labelledby": attributes.get("aria-labelledby")})
        if tag == "th" and "scope" not in attributes:
            self.th_without_scope += 1
        self.stack.append((tag, attributes))
        self._text.append("")

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, attributes = self.stack.pop()
            text = " ".join(self._text.pop().split())
            if self._text:
                self._text[-1] += " " + text
            if open_tag == tag:
                break
        if tag in ("h1", "h2", "h3"):
            self.headings.append((tag, text))
        elif tag == "th" and attributes.get("scope") == "row":
            self.row_headers.append(text)
        elif tag == "td":
            self.cells.append(text)
        elif tag == "li":
            self.list_items.append((attributes.get("class", ""), text))
        elif tag == "a":
            self.links.append((attributes.get("href"), text))
        elif tag in ("title", "desc") and self.svgs and self._inside("svg"):
            # The chart's own title and desc come first; team groups have titles too.
            self.svgs[-1].setdefault(tag, text)

    def _inside(self, tag: str) -> bool:
        return any(open_tag == tag for open_tag, _ in self.stack)

    def handle_data(self, data):
        if self._text:
            self._text[-1] += data


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def report(tmp_path_factory, team_games):
    """Run the report command on four simulated teams plus one bad code."""
    folder = tmp_path_factory.mktemp("report")
    codes = folder / "codes.txt"
    lines = ["# Workshop Probe", ""]
    lines += [f"{code}  # {team}" for team, _, code in team_games[:3]]
    lines.append(BAD_CODE)
    codes.write_text("\n".join(lines) + "\n", encoding="utf-8")

    # The fourth team hands in a result file instead of a code.
    result_file = folder / "eder.json"
    team, sim, _ = team_games[3]
    result_file.write_text(result_file_json(sim, team), encoding="utf-8")

    out, table = folder / "bericht.html", folder / "ergebnisse.csv"
    status = main(
        [
            "workshop",
            "report",
            str(result_file),
            "--codes-file",
            str(codes),
            "--set",
            str(SET_PATH),
            "--scenarios",
            str(SCENARIOS),
            "--out",
            str(out),
            "--csv",
            str(table),
        ]
    )
    return {
        "status": status,
        "html": out.read_text(encoding="utf-8"),
        "csv": table.read_text(encoding="utf-8-sig"),
    }


class TestReportContent:
    def test_exit_code_reports_rejection(self, report):
        assert report["status"] == 1

    def test_document_structure(self, report):
        page = parse(report["html"])
        assert page.html_lang == "de"
        assert page.headings[0] == (
            "h1",
            "Nachbesprechung: Datenschatz kompakt: Barriere-Zyklen in 90 Minuten",
        )
        assert ("h2", "Szenario: Sozialräume in Lindenstadt") in page.headings
        assert page.th_without_scope == 0
        assert "<script" not in report["html"]

    def test_teams_and_scores(self, report, team_games):
        page = parse(report["html"])
        ranking = sorted(team_games, key=lambda game: -game[1].score())
        for team, sim, code in ranking:
            assert team in page.row_headers
            assert format_number(sim.score(), "de") in page.cells
            assert code in page.cells
        # The results table lists teams by score, best first.
        result_rows = [h for h in page.row_headers if h in {g[0] for g in team_games}]
        assert result_rows[:4] == [team for team, _, _ in ranking]

    def test_outcomes(self, report, team_games):
        page = parse(report["html"])
        for _, sim, _ in team_games:
            if sim.outcome == "won":
                assert f"Ziel erreicht in Runde {sim.round}" in page.cells
            elif sim.round < 16:
                assert f"Gescheitert in Runde {sim.round}" in page.cells
            else:
                assert f"Ziel nach {sim.round} Runden nicht erreicht" in page.cells

    def test_svg_charts_are_labelled(self, report, reference_scenario):
        page = parse(report["html"])
        # Score bars, one line chart per key variable, the cycle chart.
        assert len(page.svgs) >= 3
        for svg in page.svgs:
            title_id, desc_id = svg["labelledby"].split()
            assert title_id.endswith("-t")
            assert desc_id.endswith("-d")
            assert svg["title"]
            assert svg["desc"]
        titles = [svg["title"] for svg in page.svgs]
        assert "Überzeugung der Leitung" in titles
        assert "Punkte je Team" in titles

    def test_cycles_broken(self, report, team_games, reference_scenario):
        page = parse(report["html"])
        for _, sim, _ in team_games:
            for loop, broken in zip(
                reference_scenario.loops, sim.loop_broken_round, strict=True
            ):
                if broken:
                    assert any(
                        cell.startswith(f"Runde {broken} · am Ende:")
                        for cell in page.cells
                    ), loop.id
        loop_names = {loop.name["de"] for loop in reference_scenario.loops}
        assert loop_names <= set(page.row_headers)

    def test_timeline(self, report, team_games, reference_scenario):
        page = parse(report["html"])
        _, sim, _ = team_games[0]
        first = [reference_scenario.action(a).name["de"] for a in sim.decision_log[0]]
        items = [text for css, text in page.list_items if css == ""]
        for name in first:
            assert name in items

    def test_questions_of_set(self, report):
        page = parse(report["html"])
        scenario_set = load_set(SET_PATH)
        questions = [text for css, text in page.list_items]
        for question in scenario_set.entries[0].questions:
            assert " ".join(question["de"].split()) in questions

    def test_rejected_code_listed(self, report):
        page = parse(report["html"])
        assert BAD_CODE in page.cells
        assert (
            "Dem Code fehlen anscheinend 7 Zeichen: Er hat 35, erwartet sind 42. "
            "Schreiben Sie ihn vollständig ab und prüfen Sie das zweite Zeichen, das "
            "die Länge angibt."
        ) in page.cells

    def test_no_personal_data_fields(self, report):
        # The report shows team names only: no e-mail addresses, no links out.
        assert re.search(r"[\w.+-]+@[\w-]+\.\w+", report["html"]) is None
        assert "http://" not in report["html"].replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in report["html"]

    def test_csv(self, report, team_games):
        rows = list(csv.DictReader(io.StringIO(report["csv"]), delimiter=";"))
        # The result file was passed as an argument, so it comes before the file.
        assert [row["team"] for row in rows] == [team_games[3][0]] + [
            team for team, _, _ in team_games[:3]
        ]
        for row in rows:
            sim = next(s for t, s, _ in team_games if t == row["team"])
            assert row["punkte"] == f"{sim.score():.1f}".replace(".", ",")
            assert row["runden"] == str(sim.round)
            assert row["szenario"] == "sozialraeume"


class TestReportCommand:
    def test_all_codes_valid(self, tmp_path, team_games, capsys):
        out = tmp_path / "report.html"
        codes = [code for _, _, code in team_games]
        status = main(["--lang", "en", "workshop", "report", *codes, "--out", str(out)])
        assert status == 0
        page = parse(out.read_text(encoding="utf-8"))
        assert page.html_lang == "en"
        assert ("h2", "Scenario: Social areas in Lindenstadt") in page.headings
        assert "Debrief questions" in [text for _, text in page.headings]
        assert capsys.readouterr().err == ""

    def test_rejections_on_stderr(self, tmp_path, team_games, capsys):
        out = tmp_path / "report.html"
        _, _, code = team_games[0]
        status = main(["workshop", "report", code, code, "--out", str(out)])
        assert status == 1
        err = capsys.readouterr().err
        assert err == (
            f"Code 2 (Team „Biber“, {code[:11]}…): Derselbe Code wurde schon als "
            "Nummer 1 eingegeben und zählt nur einmal.\n"
        )

    def test_no_codes(self, tmp_path, capsys):
        status = main(["workshop", "report", "--out", str(tmp_path / "r.html")])
        assert status == 2
        assert "Keine Codes angegeben" in capsys.readouterr().err

    def test_changed_result_file(self, tmp_path, team_games, capsys):
        team, sim, _ = team_games[0]
        data = json.loads(result_file_json(sim, team))
        data["team"] = "Jemand anderes"
        path = tmp_path / "biber.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        status = main(
            ["workshop", "report", str(path), "--out", str(tmp_path / "r.html")]
        )
        assert status == 1
        assert capsys.readouterr().err == (
            "Code 1 (Team „Jemand anderes“, biber.json): In der Ergebnisdatei passt "
            "das Feld `team` nicht zum Code. Die Datei wurde verändert; nur der Code "
            "zählt, und der ist mit der Datei nicht mehr belegbar.\n"
        )


class TestSeveralScenarios:
    def test_sections_follow_set_order(self, tmp_path, reference_scenario):
        from game.content.scenario import load_scenario
        from game.workshop.codes import encode_simulation
        from game.workshop.rehearse import rehearsal_games

        small = load_scenario(SCENARIOS / "kleine_gemeinde.yaml")
        codes = []
        # Codes of the second scenario come first; the report follows the set.
        for scenario in (small, reference_scenario):
            for team, sim, _ in rehearsal_games(scenario, 2, 2026, "zufall"):
                codes.append(encode_simulation(sim, team))
        out, table = tmp_path / "bericht.html", tmp_path / "ergebnisse.csv"
        set_path = str(SCENARIOS / "sets" / "halbtag.yaml")
        arguments = ["workshop", "report", *codes, "--set", set_path]
        arguments += ["--out", str(out), "--csv", str(table)]
        assert main(arguments) == 0

        page = parse(out.read_text(encoding="utf-8"))
        sections = [text for tag, text in page.headings if text.startswith("Szenario:")]
        assert sections == [
            "Szenario: " + reference_scenario.title["de"],
            "Szenario: " + small.title["de"],
        ]
        rows = list(
            csv.DictReader(
                io.StringIO(table.read_text(encoding="utf-8-sig")), delimiter=";"
            )
        )
        assert [row["szenario"] for row in rows] == ["kleine_gemeinde"] * 2 + [
            "sozialraeume"
        ] * 2
        questions = [text for _, text in page.list_items]
        scenario_set = load_set(set_path)
        for entry in scenario_set.entries[:2]:
            assert " ".join(entry.questions[0]["de"].split()) in questions


def test_rejection_names_codes_file_line(tmp_path, capsys):
    codes = tmp_path / "codes.txt"
    codes.write_text(f"# Probe\n\n{BAD_CODE}\n", encoding="utf-8")
    status = main(
        ["workshop", "report", "--codes-file", str(codes), "--out", str(tmp_path / "r.html")]
    )
    assert status == 1
    assert f"Code 1 ({codes}:3, 1ABCD-EFGHJ…): Dem Code fehlen" in capsys.readouterr().err
