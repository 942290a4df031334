"""What-if: rewind from the debrief, decide differently, compare both paths."""

from __future__ import annotations

from game.sim.engine import Simulation
from game.ui.pilot import Pilot


def finish_rounds(pilot: Pilot, plan=None) -> None:
    session = pilot.scene.session
    while not session.finished:
        for action_id in (plan or {}).get(session.round + 1, []):
            pilot.click_widget(f"action:{action_id}")
        pilot.click_widget("end_round")
        while pilot.scene_name in ("event", "result"):
            pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")


def test_rewind_and_compare(make_app):
    app = make_app()
    app.start("sozialraeume")
    pilot = Pilot(app)
    pilot.click_widget("start")
    original = pilot.scene.session
    plan = {1: ["stakeholder_analyse", "dsgvo_pruefung"], 2: ["praesentation_leitung"],
            3: ["schulung"]}
    finish_rounds(pilot, plan)
    assert pilot.scene_name == "debrief"
    saved_before = app.store.load_save()

    pilot.click_widget("what_if")
    pilot.click_widget("round:3")
    assert pilot.scene_name == "round"
    branch = pilot.scene.session
    assert branch.round == 2
    assert branch.decision_log == original.decision_log[:2]
    assert branch.seed == original.seed
    finish_rounds(pilot, {3: ["rollen_workshop"]})

    assert pilot.scene_name == "compare"
    assert app.stack.names() == ["debrief", "compare"]
    assert branch.decision_log[2] == ["rollen_workshop"]
    # The branch is the engine's own replay of that log with the same seed.
    replay = Simulation(original.scenario, seed=original.seed)
    replay.run(branch.decision_log)
    assert replay.values == branch.simulation.values
    # The what-if never replaces the saved game.
    assert app.store.load_save() == saved_before
    announced = app.announcer.history
    assert any(text.startswith("Zwei Wege im Vergleich, ab Runde 3") for text in announced)

    pilot.click_widget("back")
    assert pilot.scene_name == "debrief"


def test_lesson_links_from_key_moments(make_app):
    app = make_app()
    app.start("sozialraeume")
    pilot = Pilot(app)
    pilot.click_widget("start")
    finish_rounds(pilot, {1: ["stakeholder_analyse"]})
    pilot.click_widget("tab:timeline")
    link = pilot.widget("link:0")
    assert "stakeholder_verstehen" in link.label
    pilot.click_widget("link:0")
    assert pilot.scene_name == "lesson"
    assert pilot.scene.lesson_id == "stakeholder_verstehen"
    assert pilot.scene.lesson is not None
    pilot.click_widget("back")
    assert pilot.scene_name == "debrief"


def test_tutorial_reveals_one_cycle_at_a_time(make_app):
    app = make_app()
    app.start()
    pilot = Pilot(app)
    pilot.click_widget("learn")
    pilot.click_widget("tutorial")
    pilot.click_widget("start")
    scene = pilot.scene
    count = len(scene.session.scenario.loops)
    assert scene.revealed == 1
    for expected in range(2, count + 1):
        pilot.click_widget("tutorial_next")
        assert scene.revealed == expected
    pilot.click_widget("tutorial_next")
    assert "Jetzt sehen Sie alle Zyklen" in app.announcer.last
    pilot.click_widget("tutorial_next")
    assert not pilot.has_widget("tutorial_next")
    assert app.store.load_save() is None
