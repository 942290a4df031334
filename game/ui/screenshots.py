"""Render every scene to PNG: ``python -m game screenshots --out DIR``.

The scenes are reached the way a player reaches them, through the input
pilot, with a fixed seed and an in-memory store, so the player's real save is
never touched. Also used by the tests that check that text fits its boxes.
"""

from __future__ import annotations

import itertools
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

#: Seed of the screenshot games; with it an event fires in the first rounds.
SCREENSHOT_SEED = 3
REFERENCE_ID = "sozialraeume"


def make_app(
    lang: str = "de",
    text_size: str = "normal",
    seed: int = SCREENSHOT_SEED,
    source=None,
    store=None,
):
    """Return an app on SDL's dummy video driver with an in-memory store."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.app import App
    from game.ui.saves import MemoryStore

    app = App(
        "desktop", store=store or MemoryStore(), source=source, seed=seed, lang=lang
    )
    app.settings.lang = lang
    app.settings.text_size = text_size
    app.settings.reduced_motion = True
    app.apply_settings()
    return app


def scene_tour(app) -> Iterator[str]:
    """Walk through every scene; yield a name whenever a new scene is on screen."""
    from game.ui.pilot import Pilot
    from game.ui.scenes.dialogs import ConfirmScene
    from game.ui.scenes.errors import ContentErrorScene
    from game.ui.scenes.lesson import PlaybookScene
    from game.ui.scenes.popups import EventPopup

    pilot = Pilot(app)
    app.start()
    pilot.frames(1)
    yield "01_title"
    pilot.click_widget("settings")
    yield "02_settings"
    pilot.click_widget("back")
    pilot.click_widget("new")
    yield "03_choose"
    pilot.click_widget(f"scenario:{REFERENCE_ID}")
    yield "04_briefing"
    pilot.click_widget("start")
    yield "05_round"
    round_scene = pilot.scene
    session = round_scene.session
    app.stack.push(EventPopup(app, session, session.scenario.events[0].id))
    pilot.frames(1)
    yield "06_event"
    pilot.click_widget("ok")
    pilot.click_widget("menu")
    yield "07_pause"
    app.request_quit()
    pilot.frames(1)
    yield "08_confirm_quit"
    pilot.click_widget("no")
    pilot.click_widget("resume")
    for decisions in session.scenario.reference_strategy[:6]:
        for action_id in decisions:
            pilot.click_widget(f"action:{action_id}")
        pilot.click_widget("end_round")
        while pilot.scene_name == "event":
            pilot.click_widget("ok")
        pilot.frames(90)
        if decisions is session.scenario.reference_strategy[0]:
            yield "09_result"
        pilot.click_widget("continue")
    yield "10_round_later"
    pilot.click_widget("charts")
    yield "11_charts"
    pilot.click_widget("back")
    while not session.finished:
        round_index = session.round
        strategy = session.scenario.reference_strategy
        for action_id in strategy[round_index] if round_index < len(strategy) else []:
            if session.can_select(action_id).available:
                pilot.click_widget(f"action:{action_id}")
        pilot.click_widget("end_round")
        while pilot.scene_name in ("event", "result"):
            pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")
    yield "12_debrief"
    pilot.click_widget("tab:timeline")
    yield "13_debrief_timeline"
    pilot.click_widget("link:0")
    yield "14_lesson_link"
    pilot.click_widget("back")
    pilot.click_widget("round:3")
    yield "15_what_if_round"
    branch = pilot.scene.session
    while not branch.finished:
        pilot.click_widget("end_round")
        while pilot.scene_name in ("event", "result"):
            pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")
    yield "16_compare"
    pilot.click_widget("back")

    # The guided introduction on the tutorial scenario.
    pilot.click_widget("to_title")
    pilot.click_widget("learn")
    pilot.click_widget("tutorial")
    pilot.click_widget("start")
    yield "17_tutorial_first"
    pilot.click_widget("tutorial_next")
    pilot.click_widget("tutorial_next")
    pilot.click_widget("tutorial_next")
    yield "18_tutorial_fourth"

    # A scenario file with a mistake, as the authoring loop shows it.
    app.stack.push(ContentErrorScene(app, broken_entry()))
    pilot.frames(1)
    yield "19_content_error"
    app.stack.pop()
    app.stack.push(PlaybookScene(app, "governance", "stakeholder"))
    pilot.frames(1)
    app.stack.pop()
    app.stack.push(ConfirmScene(app, "confirm_replace_save", lambda yes: None))
    pilot.frames(1)
    yield "20_confirm_replace"


def workshop_tour(app) -> Iterator[str]:
    """Walk through workshop mode on the half-day set; yield a name per new scene."""
    import pygame

    from game.ui.pilot import Pilot

    pilot = Pilot(app)
    app.start()
    pilot.frames(1)
    pilot.click_widget("workshop")
    yield "21_workshop_sets"
    pilot.click_widget("set:halbtag")
    pilot.click_widget("team_confirm")
    yield "22_workshop_team_error"
    pilot.click_widget("team:Gelbbauchunke")
    pilot.click_widget("team_confirm")
    yield "23_workshop_timer"
    pilot.click_widget("timer_start")
    pilot.click_widget("start")
    # Into the last 30 seconds of the first round, then paused.
    limit = pilot.scene.timer.timer.limit
    pilot.frames(int(limit) - 20, dt=1.0)
    yield "24_workshop_round_final"
    pilot.key(pygame.K_p)
    yield "25_workshop_round_paused"
    pilot.key(pygame.K_p)
    while pilot.scene_name in ("round", "event", "result"):
        if pilot.scene_name == "round":
            pilot.click_widget("end_round")
        else:
            pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")
    yield "26_workshop_result"
    pilot.click_widget("debrief")
    yield "27_workshop_debrief"
    pilot.click_widget("back_to_code")


def learning_tour(app) -> Iterator[str]:
    """Walk through the learning hub, a lesson, a playbook and two quizzes."""
    import pygame

    from game.ui.pilot import Pilot
    from game.ui.scenes.quiz import QuizScene

    pilot = Pilot(app)
    app.start()
    pilot.frames(1)
    pilot.click_widget("learn")
    yield "28_learning_hub"
    pilot.click_widget("path:daten_champions")
    pilot.click_widget("module:verstehen")
    pilot.click_widget("lesson:zyklen_ueberblick")
    yield "29_lesson"
    for _ in range(3):
        pilot.key(pygame.K_PAGEDOWN)
    yield "30_lesson_scrolled"
    pilot.key(pygame.K_END)
    pilot.tab_to("side:playbook:governance#zweck")
    pilot.key(pygame.K_RETURN)
    yield "31_playbook"
    pilot.click_widget("back")
    pilot.click_widget("quiz")
    scene = pilot.scene
    # Matching: two terms paired with the same option, as a learner might.
    pilot.click_widget("answer:0")
    pilot.click_widget("answer:1")
    yield "32_quiz_matching"
    check = scene.check
    # Swap the first two terms' matches and pair the others right.
    wanted = {0: 1, 1: 0}
    for term in range(len(check["answers"])):
        for _ in range(len(check["answers"]) + 1):
            if scene.answer[term] == wanted.get(term, term):
                break
            pilot.click_widget(f"answer:{term}")
    pilot.click_widget("check")
    yield "33_quiz_feedback"
    pilot.click_widget("next")
    wrong = next(i for i, a in enumerate(scene.check["answers"]) if not a["correct"])
    pilot.click_widget(f"answer:{wrong}")
    pilot.click_widget("check")
    pilot.click_widget("next")
    yield "34_quiz_result"
    pilot.click_widget("back")
    app.stack.push(QuizScene(app, "wirkungsfelder"))
    pilot.frames(1)
    pilot.click_widget("move:0:up")
    yield "35_quiz_ordering"
    pilot.click_widget("check")
    yield "36_quiz_ordering_feedback"


def broken_entry():
    """Return a content entry for a scenario file with a typo, read by the real loader."""
    from game.ui.content_source import SCENARIO_DIR, _load_yaml

    text = (SCENARIO_DIR / "tutorial.yaml").read_text(encoding="utf-8")
    text = text.replace("schwierigkeit: leicht", "schwierigkeit: leichtt", 1)
    text = text.replace(
        '    - "gefuehlter_nutzen >= 33"', '    - "gefuehlter_nutzn >= 33"', 1
    )
    # One fixed folder, reused by every run: the error scene reads the file
    # while it draws, so it must outlive this function.
    folder = Path(tempfile.gettempdir()) / "datenschatz-screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / "kaputt.yaml"
    path.write_text(text, encoding="utf-8")
    return _load_yaml(path)


def render_all(
    out: Path,
    all_sizes: bool = False,
    on_scene: Callable[[str, object], None] | None = None,
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Render the tour to PNG files; return the files and every text overflow."""
    import pygame

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    variants = [("de", "normal")]
    if all_sizes:
        variants = [
            (lang, size)
            for lang in ("de", "en")
            for size in ("normal", "large", "larger")
        ]
    written: list[Path] = []
    overflows: list[tuple[str, str]] = []
    for lang, size in variants:
        app = make_app(lang, size)
        tours = itertools.chain(
            scene_tour(app), workshop_tour(app), learning_tour(app)
        )
        for name in tours:
            # Rebuild cached layers, so that every text box is measured again.
            app.stack.invalidate_all()
            app.typesetter.overflows.clear()
            app.draw(app.screen)
            suffix = "" if not all_sizes else f"_{lang}_{size}"
            path = out / f"{name}{suffix}.png"
            pygame.image.save(app.screen, path)
            written.append(path)
            for text, _rect in app.typesetter.overflows:
                overflows.append((f"{name}{suffix}", text))
            if on_scene is not None:
                on_scene(name, app)
    return written, overflows
