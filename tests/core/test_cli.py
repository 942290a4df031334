"""The authoring CLI end to end, run as a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


class TestValidate:
    def test_valid_files_summary(self):
        result = run("validate", "tests/fixtures/mini.yaml")
        assert result.returncode == 0
        assert result.stdout.strip() == "1 Datei(en) geprüft, keine Probleme."

    def test_shipped_scenarios_valid(self):
        result = run("validate", "scenarios")
        assert result.returncode == 0, result.stdout
        assert "keine Probleme" in result.stdout

    def test_lists_every_problem(self, tmp_path):
        broken = MINIMAL.replace("start: 60,", "start: hoch,").replace(
            "sofort: {b: 10}", "sofort: {bb: 10}"
        )
        (tmp_path / "kaputt.yaml").write_text(broken, encoding="utf-8")
        (tmp_path / "mini.yaml").write_text(MINIMAL, encoding="utf-8")
        result = run("--lang", "en", "validate", "--quiet", str(tmp_path))
        assert result.returncode == 1
        lines = result.stdout.strip().splitlines()
        assert lines == [
            f"{tmp_path}/kaputt.yaml:11:47: in variable `a`: expected a number, found text `hoch`.",
            f"{tmp_path}/kaputt.yaml:33:14: in action `schub`: effect target `bb` does not "
            "exist. Did you mean `b`?",
            "2 problem(s) in 1 of 2 file(s).",
        ]
        assert "Traceback" not in result.stderr

    def test_scenario_lesson_links_checked(self, tmp_path):
        # A project copy with learning paths, where one action links a missing lesson.
        project = tmp_path / "projekt"
        (project / "scenarios").mkdir(parents=True)
        shutil.copytree(ROOT / "learning_paths", project / "learning_paths")
        for path in (ROOT / "scenarios").glob("*.yaml"):
            shutil.copy(path, project / "scenarios" / path.name)
        target = project / "scenarios" / "sozialraeume.yaml"
        text = target.read_text(encoding="utf-8")
        assert "lektionen: [pilot_planen]" in text
        target.write_text(text.replace("lektionen: [pilot_planen]", "lektionen: [pilot_plan]"))
        result = run("--lang", "en", "validate", "--quiet", str(target))
        assert result.returncode == 1
        line = next(
            number
            for number, content in enumerate(text.splitlines(), start=1)
            if "lektionen: [pilot_planen]" in content
        )
        assert result.stdout.splitlines()[0] == (
            f"{target}:{line}:17: in action `pilot_dashboard`: lesson `pilot_plan` does not "
            "exist. Did you mean `pilot_planen`?"
        )

    def test_snippet_with_caret(self, tmp_path):
        path = tmp_path / "kaputt.yaml"
        path.write_text(MINIMAL.replace("start: 60,", "start: hoch,"), encoding="utf-8")
        result = run("validate", str(path))
        lines = result.stdout.splitlines()
        assert lines[1].strip().startswith("a: {name: A")
        assert lines[2].index("^") == lines[1].index("hoch")

    def test_binary_garbage_no_traceback(self, tmp_path):
        path = tmp_path / "muell.yaml"
        path.write_bytes(bytes(range(256)) * 4)
        result = run("validate", str(path))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        # Byte 0x0A ends line 1, so the first invalid byte 0x80 is line 2, column 118.
        assert f"{path}:2:118: Byte 0x80 ist kein gültiges UTF-8" in result.stdout

    def test_no_files_found(self, tmp_path):
        result = run("validate", str(tmp_path))
        assert result.returncode == 1
        assert "Keine YAML-Dateien" in result.stderr


class TestDescribe:
    def test_text_shows_loops_with_polarity(self):
        result = run("describe", "scenarios/sozialraeume.yaml")
        assert result.returncode == 0
        assert "strategie (R, selbstverstärkend): Strategie ohne Rückhalt" in result.stdout
        assert "altlast --(+" in result.stdout

    def test_json_is_complete(self):
        result = run("describe", "--json", "scenarios/sozialraeume.yaml")
        data = json.loads(result.stdout)
        assert data["id"] == "sozialraeume"
        assert set(data["loop_polarity"]) == {
            "strategie", "mehrwert", "innovatoren", "altlast", "erprobung", "harmonisierung"
        }
        assert len(data["actions"]) >= 10

    def test_broken_scenario_reports_location(self, tmp_path):
        path = tmp_path / "kaputt.yaml"
        path.write_text(MINIMAL.replace("titel: Mini", "titel: [Mini"), encoding="utf-8")
        result = run("describe", str(path))
        assert result.returncode == 1
        assert f"{path}:4:17: YAML-Syntaxfehler" in result.stderr
        assert "Traceback" not in result.stderr


class TestSimulate:
    def test_same_arguments_same_output(self):
        args = ("simulate", "scenarios/sozialraeume.yaml", "--runs", "30", "--seed", "4")
        first = run(*args)
        second = run(*args)
        assert first.returncode == 0
        assert first.stdout == second.stdout
        assert "Siegquote" in first.stdout
        assert "Durchbrochene Zyklen" in first.stdout

    def test_json_summary(self):
        result = run(
            "simulate", "scenarios/sozialraeume.yaml", "--runs", "20", "--json",
            "--policy", "nichts_tun",
        )
        data = json.loads(result.stdout)
        assert data["runs"] == 20
        assert data["policy"] == "nichts_tun"
        assert 0.0 <= data["win_rate"] <= 1.0
        assert set(data["final_values"]["altlast"]) == {"mean", "sd"}
        assert all(action["runs_taken_share"] == 0 for action in data["actions"].values())

    def test_single_action_needs_action(self):
        result = run(
            "simulate", "scenarios/sozialraeume.yaml", "--policy", "einzelne_massnahme",
            "--action", "gibtsnicht",
        )
        assert result.returncode == 2
        assert "stakeholder_analyse" in result.stderr

    def test_rejects_zero_runs(self):
        result = run("simulate", "scenarios/sozialraeume.yaml", "--runs", "0")
        assert result.returncode == 2
        assert "expected a number of at least 1, found 0" in result.stderr


class TestCheck:
    @pytest.fixture
    def with_expectations(self, tmp_path):
        def write(block: str) -> Path:
            path = tmp_path / "erwartet.yaml"
            path.write_text(MINIMAL + block, encoding="utf-8")
            return path

        return write

    def test_passing_expectation(self, with_expectations):
        path = with_expectations(
            "erwartungen:\n"
            "  - {name: nichtstun_verliert, strategie: nichts_tun, laeufe: 20, sieg_quote_max: 0.1}\n"
        )
        result = run("--lang", "en", "check", str(path))
        assert result.returncode == 0, result.stdout
        assert result.stdout.splitlines()[0] == (
            "PASS   mini: nichtstun_verliert (nichts_tun, 20 runs): win rate 0% (≤ 10%)"
        )

    def test_failing_expectation(self, with_expectations):
        path = with_expectations(
            "erwartungen:\n"
            "  - {name: muss_gewinnen, strategie: zufall, laeufe: 10, sieg_quote_min: 0.9}\n"
        )
        result = run("--lang", "en", "check", str(path))
        assert result.returncode == 1
        assert result.stdout.startswith("FAIL   mini: muss_gewinnen (zufall, 10 runs): win rate 0%")
        assert "0 of 1 expectations met" in result.stdout

    def test_single_action_names_best_action(self, with_expectations):
        path = with_expectations(
            "erwartungen:\n"
            "  - {name: keine_einzelne, strategie: einzelne_massnahme, laeufe: 5, sieg_quote_max: 0}\n"
        )
        result = run("--lang", "en", "check", str(path))
        assert result.returncode == 0
        assert "highest with `schub`" in result.stdout

    def test_reference_policy_needs_strategy(self, with_expectations):
        path = with_expectations(
            "erwartungen:\n"
            "  - {name: referenz, strategie: referenz, laeufe: 5, sieg_quote_min: 0.5}\n"
        )
        result = run("--lang", "en", "check", str(path))
        assert result.returncode == 1
        assert (
            f"{path}:61:5: in expectation `referenz`: policy `referenz` needs a "
            "`referenzstrategie` in the scenario." in result.stderr
        )


def test_help_for_every_command():
    for command in ("validate", "describe", "check", "simulate"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "usage: python -m game" in result.stdout


class TestFileIdentity:
    def test_copied_scenario_keeps_old_id(self, tmp_path):
        shutil.copy(ROOT / "scenarios" / "sozialraeume.yaml", tmp_path / "sozialraeume.yaml")
        copy = tmp_path / "meine_stadt.yaml"
        shutil.copy(ROOT / "scenarios" / "sozialraeume.yaml", copy)
        result = run("--lang", "en", "validate", "--quiet", str(copy))
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert lines[0] == (
            f"{copy}:8:5: id `sozialraeume` does not match the file name `meine_stadt.yaml`. "
            "Write `id: meine_stadt` (or rename the file), so the game and the workshop "
            "tools find the scenario."
        )
        assert lines[1] == (
            f"{copy}:8:5: id `sozialraeume` is also used by the scenario in "
            f"{tmp_path / 'sozialraeume.yaml'}. Give every scenario its own id."
        )

    def test_set_outside_sets_folder_checked_as_set(self, tmp_path):
        copy = tmp_path / "einfuehrung_90.yaml"
        shutil.copy(ROOT / "scenarios" / "sets" / "einfuehrung_90.yaml", copy)
        result = run("--lang", "en", "validate", "--quiet", str(copy))
        assert "required field `kurzbeschreibung`" not in result.stdout
        assert "scenario `sozialraeume`" in result.stdout


def test_lang_after_subcommand():
    before = run("--lang", "en", "validate", "tests/fixtures/mini.yaml")
    after = run("validate", "tests/fixtures/mini.yaml", "--lang", "en")
    assert after.returncode == 0
    assert after.stdout == before.stdout == "1 file(s) checked, no problems.\n"


def test_german_output_uses_german_numbers():
    result = run("describe", "scenarios/sozialraeume.yaml")
    assert "Ressourcen: 40.000 EUR (+8.000/Runde)" in result.stdout
    # Author text keeps its own number format.
    assert "Eine Stadt mit 60.000 Einwohnern" in result.stdout
    summary = run("simulate", "scenarios/sozialraeume.yaml", "--runs", "5")
    assert "Siegquote: " in summary.stdout
    assert " %" in summary.stdout.splitlines()[1]


def test_action_needs_single_action_policy():
    result = run("simulate", "scenarios/sozialraeume.yaml", "--action", "schulung")
    assert result.returncode == 2
    assert result.stderr.strip() == "--action: gilt nur mit --policy einzelne_massnahme"
