"""Learning hub, lesson viewer, playbook viewer and quiz, driven by the pilot."""

from __future__ import annotations

import json

import pygame
import pytest
from testsupport import ROOT

from game.learn import compile_learning_content, quiz
from game.ui.learning import PROGRESS_NAME, DataLearningSource, decode_record
from game.ui.pilot import Pilot
from game.ui.saves import FileStore

LESSON = "zyklen_ueberblick"


@pytest.fixture(scope="module")
def content() -> dict:
    """The real learning content, compiled once for the module."""
    return compile_learning_content(ROOT)


@pytest.fixture
def learner(make_app, content, tmp_path):
    """Return a factory for a pilot at the title screen, saving into one folder."""

    def factory(lang: str = "de") -> Pilot:
        app = make_app(tmp_path / "saves")
        app.learning.source = DataLearningSource(content)
        if lang != "de":
            app.settings.lang = lang
            app.apply_settings()
        app.start()
        pilot = Pilot(app)
        pilot.frames(1)
        return pilot

    return factory


def open_lesson(pilot: Pilot, path: str, module: str, lesson: str) -> None:
    pilot.click_widget("learn")
    assert pilot.scene_name == "learning"
    pilot.click_widget(f"path:{path}")
    pilot.click_widget(f"module:{module}")
    pilot.click_widget(f"lesson:{lesson}")
    assert pilot.scene_name == "lesson"


def check_of(content: dict, lesson: str, kind: str) -> tuple[int, dict]:
    for index, check in enumerate(content["lessons"][lesson]["checks"]):
        if check["type"] == kind:
            return index, check
    raise AssertionError(f"{lesson} has no {kind} check")


def find_lesson_with(content: dict, kind: str) -> str:
    for lesson_id, lesson in content["lessons"].items():
        if any(check["type"] == kind for check in lesson["checks"]):
            return lesson_id
    raise AssertionError(f"no lesson has a {kind} check")


def go_to_check(pilot: Pilot, index: int) -> None:
    """Move the quiz straight to check ``index``, leaving earlier checks unanswered."""
    scene = pilot.scene
    while scene.index < index:
        scene.index += 1
        scene.reset_answer()
        scene.invalidate()
        pilot.frames(1)


class TestHub:
    def test_title_opens_hub(self, learner):
        pilot = learner()
        pilot.click_widget("learn")
        assert pilot.scene_name == "learning"
        assert pilot.app.announcer.history[-1].startswith("Lernen.")
        assert pilot.has_widget("path:daten_champions")
        assert pilot.has_widget("tutorial")

    def test_path_progress_shown(self, learner):
        pilot = learner()
        pilot.click_widget("learn")
        label = pilot.widget("path:leitung_30_minuten").label
        assert "0/4 Lektionen" in label
        assert "0/4 Prüfungen richtig" in label

    def test_choose_path_then_module(self, learner, content):
        pilot = learner()
        pilot.click_widget("learn")
        pilot.click_widget("path:leitung_30_minuten")
        path = next(p for p in content["paths"] if p["id"] == "leitung_30_minuten")
        first = path["modules"][0]
        assert pilot.scene.ui.focused_key() == f"module:{first['id']}"
        pilot.click_widget(f"module:{first['id']}")
        assert pilot.scene.ui.focused_key() == f"lesson:{first['lessons'][0]}"

    def test_tutorial_from_hub(self, learner):
        pilot = learner()
        pilot.click_widget("learn")
        pilot.click_widget("tutorial")
        assert pilot.scene_name == "briefing"
        assert pilot.scene.tutorial


class TestLessonViewer:
    def test_lesson_title_announced(self, learner, content):
        pilot = learner()
        open_lesson(pilot, "daten_champions", "verstehen", LESSON)
        title = content["lessons"][LESSON]["title"]["de"]
        assert any(
            text.startswith(f"Lektion: {title}.")
            for text in pilot.app.announcer.history
        )

    def test_scroll_by_keys_wheel_and_drag(self, learner):
        pilot = learner()
        open_lesson(pilot, "daten_champions", "verstehen", LESSON)
        view = pilot.scene.view
        assert view.max_offset > 0
        pilot.key(pygame.K_DOWN)
        line = view.offset
        assert line > 0
        pilot.key(pygame.K_PAGEDOWN)
        assert view.offset > line
        pilot.key(pygame.K_END)
        assert view.offset == view.max_offset
        pilot.key(pygame.K_HOME)
        assert view.offset == 0
        pilot.wheel(view.rect.center, -1)
        assert view.offset == 3 * view.line
        # Drag the text up by 100 pixels, as a finger would.
        start = view.offset
        x, y = view.rect.center
        for event in (
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1),
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=(x, y - 100), rel=(0, -100), buttons=(1, 0, 0)
            ),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y - 100), button=1),
        ):
            pygame.event.post(event)
        pilot.frames(1)
        assert view.offset == start + 100
        assert pilot.scene_name == "lesson"

    def test_takeaways_and_duration_shown(self, learner, content):
        pilot = learner()
        open_lesson(pilot, "daten_champions", "verstehen", LESSON)
        plain = pilot.scene.document.plain
        assert "Kernaussagen" in plain
        first = content["lessons"][LESSON]["takeaways"][0]["de"]
        assert "✓ " + first in plain
        minutes = content["lessons"][LESSON]["duration_minutes"]
        assert f"ca. {minutes} Min." in pilot.scene.header_note()

    def test_text_link_opens_playbook_section(self, learner, content):
        lesson_id, link = next(
            (lesson_id, span["link"])
            for lesson_id, lesson in content["lessons"].items()
            for block in lesson["body"]["de"]
            for span in block.get("spans", [])
            if span.get("link", {}).get("kind") == "playbook"
            and span["link"].get("section")
        )
        pilot = learner()
        pilot.click_widget("learn")
        pilot.app.stack.push(
            __import__("game.ui.scenes.lesson", fromlist=["x"]).LessonScene(
                pilot.app, lesson_id
            )
        )
        pilot.frames(1)
        # Tab to the first link in the text; the view scrolls to it.
        pilot.tab_to("textlink:0")
        widget = pilot.scene.ui.focused
        assert widget.visible
        assert pilot.app.announcer.last.startswith(
            widget.label + ", Verweis, Playbook:"
        )
        pilot.key(pygame.K_RETURN)
        assert pilot.scene_name == "playbook"
        scene = pilot.scene
        assert scene.playbook_id == link["id"]
        assert scene.current_section() == link["section"]
        assert scene.view.offset == min(
            scene.view.max_offset, scene.document.anchors[link["section"]]
        )
        pilot.click_widget("back")
        assert pilot.scene_name == "lesson"

    def test_click_link_in_text_opens_target(self, learner):
        pilot = learner()
        open_lesson(pilot, "daten_champions", "verstehen", LESSON)
        pilot.key(pygame.K_END)
        link = next(w for w in pilot.scene.links if w.visible)
        target = pilot.scene.document.links[link.index].target
        pilot.click(link.screen_rects[0].center)
        if target["kind"] == "scenario":
            assert pilot.scene_name == "briefing"
        else:
            assert pilot.scene_name == target["kind"]

    def test_playbook_side_list_jumps(self, learner, content):
        from game.ui.scenes.lesson import PlaybookScene

        pilot = learner()
        pilot.app.stack.push(PlaybookScene(pilot.app, "dsgvo"))
        pilot.frames(1)
        last = content["playbooks"]["dsgvo"]["sections"][-1]
        key = f"side:section:{last['id']}"
        from game.ui.scenes.lesson import SIDE_PANEL

        for _ in range(20):
            if pilot.widget(key).visible:
                break
            pilot.wheel(SIDE_PANEL.center, -1)
        pilot.click_widget(key)
        assert pilot.scene.current_section() == last["id"]
        assert pilot.app.announcer.last.startswith(last["title"]["de"])

    def test_missing_lesson_reported(self, learner):
        from game.ui.scenes.lesson import LessonScene

        pilot = learner()
        pilot.app.stack.push(LessonScene(pilot.app, "gibt_es_nicht"))
        pilot.frames(1)
        assert "gibt_es_nicht" in pilot.app.announcer.last
        assert not pilot.widget("quiz").enabled


class TestQuizKeyboard:
    def test_single_choice_wrong_then_right(self, learner, content):
        lesson = find_lesson_with(content, "einfach")
        index, check = check_of(content, lesson, "einfach")
        pilot = learner()
        pilot.click_widget("learn")
        from game.ui.scenes.quiz import QuizScene

        pilot.app.stack.push(QuizScene(pilot.app, lesson))
        pilot.frames(1)
        go_to_check(pilot, index)
        wrong = next(i for i, a in enumerate(check["answers"]) if not a["correct"])
        right = next(i for i, a in enumerate(check["answers"]) if a["correct"])
        pilot.tab_to(f"answer:{wrong}")
        pilot.key(pygame.K_SPACE)
        assert "ausgewählt" in pilot.app.announcer.last
        pilot.tab_to("check")
        pilot.key(pygame.K_RETURN)
        feedback = check["answers"][wrong]["feedback"]["de"]
        assert pilot.app.announcer.last.startswith("✗ Noch nicht ganz.")
        assert feedback in pilot.app.announcer.last
        assert pilot.app.learning.check_state(check["key"]) == "wrong"
        pilot.tab_to(f"answer:{wrong}")
        assert pilot.app.announcer.last.endswith(f"falsch. {feedback}")
        pilot.tab_to("again")
        pilot.key(pygame.K_RETURN)
        pilot.tab_to(f"answer:{right}")
        pilot.key(pygame.K_RETURN)
        pilot.tab_to("check")
        pilot.key(pygame.K_RETURN)
        assert pilot.app.announcer.last.startswith("✓ Richtig!")
        assert check["answers"][right]["feedback"]["de"] in pilot.app.announcer.last
        assert pilot.app.learning.check_state(check["key"]) == "correct"

    def test_ordering_by_keys(self, learner, content):
        lesson = find_lesson_with(content, "reihenfolge")
        index, check = check_of(content, lesson, "reihenfolge")
        from game.ui.scenes.quiz import QuizScene

        pilot = learner()
        pilot.app.stack.push(QuizScene(pilot.app, lesson))
        pilot.frames(1)
        go_to_check(pilot, index)
        # Sort by moving each step up with Ctrl+Up until it is in place.
        for target in range(len(check["answers"])):
            pilot.tab_to(f"answer:{target}")
            for _ in range(len(check["answers"])):
                if pilot.scene.answer.index(target) <= target:
                    break
                pilot.key(pygame.K_UP, mod=pygame.KMOD_CTRL)
        assert pilot.scene.answer == list(range(len(check["answers"])))
        assert "Position" in pilot.app.announcer.last
        pilot.tab_to("check")
        pilot.key(pygame.K_RETURN)
        assert pilot.scene.result["correct"]

    def test_matching_by_keys_and_result(self, learner, content):
        lesson = find_lesson_with(content, "zuordnung")
        index, check = check_of(content, lesson, "zuordnung")
        from game.ui.scenes.quiz import QuizScene

        pilot = learner()
        pilot.app.stack.push(QuizScene(pilot.app, lesson))
        pilot.frames(1)
        go_to_check(pilot, index)
        for term in range(len(check["answers"])):
            pilot.tab_to(f"answer:{term}")
            for _ in range(len(check["answers"]) + 1):
                if pilot.scene.answer[term] == term:
                    break
                pilot.key(pygame.K_RIGHT)
        assert "zugeordnet:" in pilot.app.announcer.last
        pilot.tab_to("check")
        pilot.key(pygame.K_RETURN)
        assert pilot.scene.result["correct"]
        while pilot.scene.index < len(pilot.scene.checks):
            pilot.scene.next_check()
        pilot.frames(1)
        assert pilot.app.announcer.last.startswith("Ergebnis: 1 von")


class TestQuizPointer:
    def test_multiple_choice_by_mouse(self, learner, content):
        lesson = find_lesson_with(content, "mehrfach")
        index, check = check_of(content, lesson, "mehrfach")
        from game.ui.scenes.quiz import QuizScene

        pilot = learner()
        pilot.app.stack.push(QuizScene(pilot.app, lesson))
        pilot.frames(1)
        go_to_check(pilot, index)
        correct = [i for i, a in enumerate(check["answers"]) if a["correct"]]
        wrong = [i for i, a in enumerate(check["answers"]) if not a["correct"]]
        # First attempt: only one right answer plus a wrong one.
        pilot.click(pilot.widget(f"answer:{correct[0]}").rect.center)
        pilot.click(pilot.widget(f"answer:{wrong[0]}").rect.center)
        assert pilot.scene.answer == {correct[0], wrong[0]}
        pilot.click(pilot.widget("check").rect.center)
        assert not pilot.scene.result["correct"]
        marked = {
            entry["answer"]: entry["correct"]
            for entry in pilot.scene.result["feedback"]
        }
        assert marked[wrong[0]] is False
        assert marked[correct[0]] is True
        pilot.click(pilot.widget("again").rect.center)
        for answer in correct:
            pilot.click(pilot.widget(f"answer:{answer}").rect.center)
        pilot.click(pilot.widget("check").rect.center)
        assert pilot.scene.result["correct"]
        assert pilot.app.learning.check_state(check["key"]) == "correct"

    def test_ordering_by_mouse(self, learner, content):
        lesson = find_lesson_with(content, "reihenfolge")
        index, check = check_of(content, lesson, "reihenfolge")
        from game.ui.scenes.quiz import QuizScene

        pilot = learner()
        pilot.app.stack.push(QuizScene(pilot.app, lesson))
        pilot.frames(1)
        go_to_check(pilot, index)
        for target in range(len(check["answers"])):
            for _ in range(len(check["answers"])):
                if pilot.scene.answer.index(target) <= target:
                    break
                pilot.click(pilot.widget(f"move:{target}:up").rect.center)
        pilot.click(pilot.widget("check").rect.center)
        assert pilot.scene.result["correct"]
        assert all(entry["correct"] for entry in pilot.scene.result["feedback"])

    def test_whole_quiz_by_mouse_with_summary(self, learner, content):
        pilot = learner()
        open_lesson(pilot, "daten_champions", "verstehen", LESSON)
        pilot.click_widget("quiz")
        assert pilot.scene_name == "quiz"
        checks = content["lessons"][LESSON]["checks"]
        for check in checks:
            scene = pilot.scene
            if check["type"] == "zuordnung":
                # Pair every term with the first option: wrong and rejected.
                for term in range(len(check["answers"])):
                    pilot.click(pilot.widget(f"answer:{term}").rect.center)
                assert not pilot.widget("check").enabled
                assert "nur einmal" in scene.hint()
                for term in range(len(check["answers"])):
                    for _ in range(len(check["answers"]) + 1):
                        if scene.answer[term] == term:
                            break
                        pilot.click(pilot.widget(f"answer:{term}").rect.center)
            elif check["type"] == "einfach":
                wrong = next(
                    i for i, a in enumerate(check["answers"]) if not a["correct"]
                )
                pilot.click(pilot.widget(f"answer:{wrong}").rect.center)
            pilot.click(pilot.widget("check").rect.center)
            pilot.click(pilot.widget("next").rect.center)
        assert pilot.scene.finished
        assert pilot.app.announcer.last.startswith("Ergebnis: 1 von 2 Fragen richtig")
        pilot.click_widget("back")
        assert pilot.scene_name == "lesson"
        assert "Prüfungen: 1 von 2 richtig" in pilot.scene.side_text()


class TestProgress:
    def test_progress_survives_restart(self, learner, content, tmp_path):
        pilot = learner()
        open_lesson(pilot, "daten_champions", "verstehen", LESSON)
        pilot.click_widget("quiz")
        scene = pilot.scene
        check = scene.check
        assert check["type"] == "zuordnung"
        for term in range(len(check["answers"])):
            for _ in range(len(check["answers"]) + 1):
                if scene.answer[term] == term:
                    break
                pilot.click(pilot.widget(f"answer:{term}").rect.center)
        pilot.click_widget("check")
        del pilot

        store = FileStore(tmp_path / "saves")
        text = store.read(PROGRESS_NAME)
        assert json.loads(text)["format"] == 1
        again = learner()
        library = again.app.learning
        assert library.visited(LESSON)
        assert library.check_state(check["key"]) == "correct"
        assert decode_record(content, text) == library.progress
        again.click_widget("learn")
        summary = quiz.summary(content, "daten_champions", library.progress)
        assert summary["lessons_visited"] == 1
        assert summary["checks_correct"] == 1
        assert "1/13 Lektionen" in again.widget("path:daten_champions").label
        # The hub opens where the learner stopped.
        assert again.scene.ui.focused_key() == f"lesson:{LESSON}"

    @pytest.mark.parametrize(
        "damage",
        [
            "{not json",
            "[]",
            '{"format": 9, "paths": {}}',
            '{"format": 1, "paths": {"daten_champions": 5}}',
        ],
        ids=["not-json", "list", "format", "path-type"],
    )
    def test_damaged_record_set_aside(self, learner, tmp_path, damage):
        folder = tmp_path / "saves"
        folder.mkdir()
        (folder / f"{PROGRESS_NAME}.json").write_text(damage, encoding="utf-8")
        pilot = learner()
        pilot.click_widget("learn")
        assert pilot.scene_name == "learning"
        assert pilot.app.learning.progress == quiz.new_progress()
        assert pilot.app.learning.notice[0] == "progress_damaged"
        aside = list(folder.glob(f"{PROGRESS_NAME}.json.damaged-*"))
        assert len(aside) == 1
        assert aside[0].read_text(encoding="utf-8") == damage
        assert not (folder / f"{PROGRESS_NAME}.json").exists()
        pilot.click_widget("back")
        assert "Lernstand war beschädigt" in pilot.scene.notice_text()

    def test_damaged_path_string_set_aside(self, learner, content, tmp_path):
        lessons, checks = quiz.path_items(content, "daten_champions")
        prefix = quiz.ENCODING_VERSION + quiz.structure_tag(lessons, checks)
        folder = tmp_path / "saves"
        folder.mkdir()
        record = {"format": 1, "paths": {"daten_champions": prefix + ".!!.x.0"}}
        (folder / f"{PROGRESS_NAME}.json").write_text(
            json.dumps(record), encoding="utf-8"
        )
        pilot = learner()
        assert pilot.app.learning.progress == quiz.new_progress()
        assert pilot.app.learning.notice[0] == "progress_damaged"

    def test_changed_structure_starts_path_empty(self, content):
        record = {"format": 1, "paths": {"daten_champions": "1AAAAAA.B.C."}}
        assert decode_record(content, json.dumps(record)) == quiz.new_progress()


class TestLinksFromGame:
    def test_debrief_link_opens_lesson(self, learner):
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.session import GameSession

        pilot = learner()
        scenario = pilot.app.source.scenario("sozialraeume")
        session = GameSession(scenario, 3)
        for decisions in scenario.reference_strategy:
            if session.finished:
                break
            session.simulation.step(
                [a for a in decisions if session.simulation.action_status(a).available]
            )
        while not session.finished:
            session.simulation.step([])
        pilot.app.stack.push(DebriefScene(pilot.app, session))
        pilot.frames(1)
        pilot.click_widget("tab:timeline")
        links = pilot.scene.moment_links()
        assert links
        lesson_links = [n for n, link in enumerate(links) if link[1] == "lesson"]
        number = lesson_links[0] if lesson_links else 0
        label, kind, ident = links[number]
        pilot.click_widget(f"link:{number}")
        assert pilot.scene_name == kind
        if kind == "lesson":
            assert pilot.scene.lesson_id == ident
            assert pilot.scene.lesson is not None
            assert pilot.app.learning.visited(ident)
        pilot.click_widget("back")
        assert pilot.scene_name == "debrief"

    def test_every_debrief_target_exists(self, content):
        # Every lesson and playbook that a scenario links to opens real content.
        from game.ui.content_source import YamlDirectorySource

        for entry in YamlDirectorySource().entries():
            scenario = entry.scenario
            for item in [*scenario.actions, *scenario.events]:
                for lesson in item.lessons:
                    assert lesson in content["lessons"], (scenario.id, lesson)
                for ref in getattr(item, "playbooks", []):
                    playbook, _, section = ref.partition("#")
                    assert playbook in content["playbooks"], (scenario.id, ref)
                    if section:
                        assert section in content["playbooks"][playbook]["anchors"]

    def test_round_learn_more_opens_lesson(self, learner):
        pilot = learner()
        pilot.click_widget("new")
        pilot.click_widget("scenario:sozialraeume")
        pilot.click_widget("start")
        assert pilot.scene_name == "round"
        row = next(w for w in pilot.scene.rows if w.visible)
        action = pilot.scene.session.scenario.action(row.action_id)
        pilot.scene.ui.focus_key(row.key)
        pilot.frames(1)
        pilot.click_widget("learn_more")
        if action.lessons:
            assert pilot.scene_name == "lesson"
            assert pilot.scene.lesson_id == action.lessons[0]
        else:
            assert pilot.scene_name == "playbook"
        pilot.click_widget("back")
        assert pilot.scene_name == "round"


class TestWebContent:
    def test_web_file_matches_compiled_content(self, content, tmp_path):
        from game.learn.webexport import compile_for_web
        from game.ui.learning import JsonLearningSource

        written = compile_for_web(ROOT, tmp_path / "content")
        assert [path.name for path in written] == ["learning.json"]
        loaded = JsonLearningSource(written[0]).load()
        assert loaded == json.loads(json.dumps(content))

    def test_missing_web_file_reported(self, make_app, tmp_path):
        from game.ui.learning import JsonLearningSource

        app = make_app(tmp_path / "saves")
        app.learning.source = JsonLearningSource(tmp_path / "content" / "learning.json")
        app.start()
        pilot = Pilot(app)
        pilot.frames(1)
        pilot.click_widget("learn")
        assert pilot.scene_name == "learning"
        assert (
            "Die Lerninhalte sind nicht verfügbar: learning.json:"
            in (app.announcer.history[-1])
        )
        assert [w.key for w in pilot.scene.ui.widgets] == ["back", "tutorial"]
