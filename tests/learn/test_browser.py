"""The exported pages in headless Chromium: navigation, quizzes, progress,
accessibility (axe-core) and SCORM 1.2 against the scorm-again runtime."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest

from game.learn import quiz
from game.learn.compile import compile_content
from game.learn.export import SCORM_FILE, export_elearning
from game.learn.loader import load_learning_content
from tests.learn.conftest import node_module

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The exported module and the compiled data, built once for all tests."""
    from testsupport import ROOT

    out = tmp_path_factory.mktemp("elearning")
    export_elearning(ROOT, out / "elearning")
    data = compile_content(load_learning_content(ROOT, include_scenario_problems=False))
    return {"dir": out / "elearning", "data": data}


def answer_check(scope, check: dict, correct: bool = True) -> None:
    """Answer ``check`` through the form controls; a wrong answer swaps two items."""
    form = scope.locator(f'form.check[data-key="{check["key"]}"]')
    count = len(check["answers"])
    if check["type"] in ("einfach", "mehrfach"):
        chosen = [
            i
            for i, answer in enumerate(check["answers"])
            if answer["correct"] == correct
        ]
        for index in chosen[:1] if check["type"] == "einfach" else chosen:
            form.locator(f'input[value="{index}"]').check()
    else:
        values = list(range(count))
        if not correct:
            values[0], values[1] = values[1], values[0]
        for item in range(count):
            select = form.locator(f'select[data-item="{item}"]')
            if check["type"] == "reihenfolge":
                # By index (0 is the placeholder), because Playwright matches a
                # value string against labels too, and position labels are digits.
                select.select_option(index=values[item] + 1)
            else:
                select.select_option(value=str(values[item]))
    form.locator("button[type=submit]").click()


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(node_module("axe-core/axe.min.js")))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact,
                targets: v.nodes.map(n => n.target.join(' '))}));
        }""",
        AXE_TAGS,
    )


class TestStaticPages:
    def test_navigate_answer_and_reload(self, site, serve, page):
        base = serve(site["dir"])
        data = site["data"]
        page.goto(f"{base}/index.html")
        page.get_by_role("link", name="Leitung in 30 Minuten").click()
        page.get_by_role("link", name="Mit der ersten Lektion beginnen").click()

        lesson = page.locator("#l-daten_chefsache")
        assert lesson.is_visible()
        assert not page.locator("#l-rueckhalt_wirkt").is_visible()
        assert page.evaluate("document.activeElement.id") == "t-daten_chefsache"
        assert page.title().startswith("Warum Daten Chefsache sind – ")

        # Answer the single-choice check with the keyboard only.
        check = data["lessons"]["daten_chefsache"]["checks"][0]
        right = next(i for i, a in enumerate(check["answers"]) if a["correct"])
        page.locator(f"#c-daten_chefsache-warum_spitze-{right}").focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        feedback = lesson.locator(".feedback")
        assert feedback.locator(".result-correct").inner_text() == "Richtig!"
        assert check["answers"][right]["feedback"]["de"] in feedback.inner_text()

        page.get_by_role("link", name=re.compile("^Weiter: Warum Rückhalt")).click()
        assert page.locator("#l-rueckhalt_wirkt").is_visible()
        wrong = data["lessons"]["rueckhalt_wirkt"]["checks"][0]
        answer_check(page, wrong, correct=False)
        assert (
            "Noch nicht ganz"
            in page.locator("#l-rueckhalt_wirkt .feedback").inner_text()
        )

        page.reload()
        assert page.locator("#l-rueckhalt_wirkt").is_visible()
        visited = page.locator(".toc a[data-lesson] .visited-mark:visible")
        assert visited.count() == 2
        assert page.locator("#fortschritt").inner_text() == (
            "2 von 4 Lektionen besucht, 1 von 4 Prüfungen richtig."
        )
        assert page.locator("#l-rueckhalt_wirkt .feedback").inner_text() == (
            "Diese Prüfung haben Sie schon versucht. Probieren Sie es noch einmal."
        )
        page.goto(f"{base}/pfad-leitung_30_minuten.html")
        resume = page.get_by_role("link", name="Weiter, wo Sie aufgehört haben")
        assert resume.get_attribute("href") == "#l-rueckhalt_wirkt"
        page.goto(f"{base}/index.html")
        progress = page.locator('.path-progress[data-path="leitung_30_minuten"]')
        assert progress.inner_text() == "2 von 4 Lektionen besucht"

    def test_skip_link_moves_focus_to_main(self, site, serve, page):
        base = serve(site["dir"])
        page.goto(f"{base}/playbook-dsgvo.html")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhalt"

    def test_incomplete_answer_is_explained(self, site, serve, page):
        base = serve(site["dir"])
        page.goto(f"{base}/pfad-leitung_30_minuten.html#l-rueckhalt_wirkt")
        page.locator("#l-rueckhalt_wirkt button[type=submit]").click()
        assert page.locator("#l-rueckhalt_wirkt .feedback").inner_text() == (
            "Bitte beantworten Sie die Frage vollständig, bevor Sie prüfen."
        )

    def test_javascript_matches_python(self, site, serve, page):
        base = serve(site["dir"])
        data = site["data"]
        for path in data["paths"]:
            page.goto(f"{base}/pfad-{path['id']}.html")
            page_data = json.loads(page.locator("#lernpfad-daten").text_content())
            lessons, checks = quiz.path_items(data, path["id"])
            progress = quiz.new_progress()
            for lesson in lessons[::2]:
                progress = quiz.visit(progress, lesson)
            for index, key in enumerate(checks):
                if index % 3:
                    progress = quiz.record(progress, key, {"correct": index % 2 == 0})
            encoded = page.evaluate(
                "([d, p]) => window.DatenschatzLernpfad.encode(d, p)",
                [page_data, progress],
            )
            assert encoded == quiz.encode_progress(data, path["id"], progress)
            summary = page.evaluate(
                "([d, p]) => window.DatenschatzLernpfad.summary(d, p)",
                [page_data, progress],
            )
            assert summary == quiz.summary(data, path["id"], progress)
            for key, check in page_data["checks"].items():
                count = len(check["answers"])
                answers = {
                    "einfach": [0, count - 1],
                    "mehrfach": [[0], list(range(count))],
                    "reihenfolge": [list(range(count)), list(reversed(range(count)))],
                    "zuordnung": [list(range(count)), [1, 0] + list(range(2, count))],
                }[check["type"]]
                for answer in answers:
                    browser_result = page.evaluate(
                        "([c, a]) => window.DatenschatzLernpfad.grade(c, a)",
                        [check, answer],
                    )
                    assert browser_result == quiz.grade(check, answer), key


class TestAccessibility:
    @pytest.mark.parametrize(
        "address",
        [
            "index.html",
            "pfad-daten_champions.html",
            "pfad-daten_champions.html#l-team_bilden",
            "playbook-dsgvo.html",
        ],
        ids=["index", "path-start", "lesson", "playbook"],
    )
    def test_no_serious_axe_findings(self, site, serve, page, address):
        base = serve(site["dir"])
        page.goto(f"{base}/{address}")
        if "#l-" in address:
            # Show feedback of every check type so that its colours are audited too.
            for check in site["data"]["lessons"]["team_bilden"]["checks"]:
                answer_check(page, check, correct=False)
        violations = run_axe(page)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == []


class TestScorm:
    def test_runtime_records_completion_and_score(self, site, serve, page, tmp_path):
        runtime = node_module("scorm-again/dist/scorm-again.js")
        lms = tmp_path / "lms"
        (lms / "sco").mkdir(parents=True)
        with zipfile.ZipFile(site["dir"] / SCORM_FILE) as archive:
            archive.extractall(lms / "sco")
        shutil.copyfile(runtime, lms / "scorm-again.js")
        path_id = "daten_champions"
        (lms / "index.html").write_text(
            "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>LMS</title>"
            "<script src='scorm-again.js'></script>"
            "<script>window.API = new Scorm12API({autocommit: false});</script></head>"
            f"<body><iframe id='sco' title='Lernpfad' src='sco/pfad-{path_id}.html' "
            "width='1100' height='800'></iframe></body></html>",
            encoding="utf-8",
        )
        base = serve(lms)
        page.goto(f"{base}/index.html")
        frame = page.frame_locator("#sco")
        frame.get_by_role("link", name="Mit der ersten Lektion beginnen").click()

        # Worst case for cmi.suspend_data: every lesson visited, every check answered.
        data = site["data"]
        lessons, checks = quiz.path_items(data, path_id)
        progress = quiz.new_progress()
        for number, lesson in enumerate(lessons):
            frame.locator(f"#l-{lesson}").wait_for(state="visible")
            progress = quiz.visit(progress, lesson)
            for check in data["lessons"][lesson]["checks"]:
                correct = check["key"] != checks[0]
                answer_check(frame, check, correct=correct)
                progress = quiz.record(progress, check["key"], {"correct": correct})
            if number + 1 < len(lessons):
                frame.locator(f"#l-{lesson} a[rel=next]").click()

        recorded = page.evaluate(
            """() => ({status: API.cmi.core.lesson_status, raw: API.cmi.core.score.raw,
                       min: API.cmi.core.score.min, max: API.cmi.core.score.max,
                       location: API.cmi.core.lesson_location,
                       suspend: API.cmi.suspend_data})"""
        )
        expected_score = round(100 * (len(checks) - 1) / len(checks))
        stored = quiz.decode_progress(data, path_id, recorded["suspend"])
        assert {
            key: state
            for key, state in stored["checks"].items()
            if progress["checks"][key] != state
        } == {}
        assert recorded["status"] == "completed"
        assert recorded["raw"] == str(expected_score)
        assert (recorded["min"], recorded["max"]) == ("0", "100")
        assert recorded["location"] == lessons[-1]
        assert recorded["suspend"] == quiz.encode_progress(data, path_id, progress)
        assert len(recorded["suspend"]) <= quiz.SCORM12_SUSPEND_LIMIT

        # Leaving the SCO finishes the session.
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("() => API.isTerminated()")

    def test_resumes_from_suspend_data(self, site, serve, page, tmp_path):
        runtime = node_module("scorm-again/dist/scorm-again.js")
        lms = tmp_path / "lms"
        (lms / "sco").mkdir(parents=True)
        with zipfile.ZipFile(site["dir"] / SCORM_FILE) as archive:
            archive.extractall(lms / "sco")
        shutil.copyfile(runtime, lms / "scorm-again.js")
        data = site["data"]
        progress = quiz.visit(quiz.new_progress(), "governance_verantworten")
        stored = quiz.encode_progress(data, "leitung_30_minuten", progress)
        # The LMS hands back what an earlier session stored.
        (lms / "index.html").write_text(
            "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>LMS</title>"
            "<script src='scorm-again.js'></script><script>"
            "window.API = new Scorm12API({autocommit: false});"
            f"API.loadFromJSON({{cmi: {{suspend_data: {json.dumps(stored)}, "
            "core: {lesson_status: 'incomplete'}}});"
            "</script></head><body><iframe id='sco' title='Lernpfad' "
            "src='sco/pfad-leitung_30_minuten.html'></iframe></body></html>",
            encoding="utf-8",
        )
        base = serve(lms)
        page.goto(f"{base}/index.html")
        frame = page.frame_locator("#sco")
        resume = frame.get_by_role("link", name="Weiter, wo Sie aufgehört haben")
        assert resume.get_attribute("href") == "#l-governance_verantworten"
        assert (
            frame.locator("#fortschritt").inner_text().startswith("1 von 4 Lektionen")
        )
