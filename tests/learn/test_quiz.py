"""Grading and progress encoding on the real, compiled content."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testsupport import ROOT

from game.learn import quiz


@pytest.fixture(scope="module")
def data() -> dict:
    return compile_learning_content_without_scenario_problems()


def compile_learning_content_without_scenario_problems() -> dict:
    from game.learn.compile import compile_content
    from game.learn.loader import load_learning_content

    return compile_content(load_learning_content(ROOT, include_scenario_problems=False))


def all_checks(data: dict) -> list[dict]:
    return [check for lesson in data["lessons"].values() for check in lesson["checks"]]


def correct_answer(check: dict):
    count = len(check["answers"])
    if check["type"] == "einfach":
        return next(i for i, answer in enumerate(check["answers"]) if answer["correct"])
    if check["type"] == "mehrfach":
        return [i for i, answer in enumerate(check["answers"]) if answer["correct"]]
    return list(range(count))


class TestGrade:
    def test_correct_answers_pass_every_check(self, data):
        for check in all_checks(data):
            result = quiz.grade(check, correct_answer(check))
            assert result["correct"], check["key"]
            assert all(entry["correct"] for entry in result["feedback"])

    def test_single_choice_wrong_answer(self, data):
        check = data["lessons"]["datenschutz_pruefen"]["checks"][0]
        assert check["type"] == "einfach"
        result = quiz.grade(check, 1)
        assert result == {
            "correct": False,
            "feedback": [
                {"answer": 1, "correct": False, "text": check["answers"][1]["feedback"]}
            ],
        }

    def test_multiple_choice_reports_missed_and_wrong(self, data):
        check = data["lessons"]["datenschutz_pruefen"]["checks"][1]
        assert [answer["correct"] for answer in check["answers"]] == [
            True,
            True,
            False,
            False,
        ]
        result = quiz.grade(check, [0, 2])
        assert result["correct"] is False
        assert [
            (entry["answer"], entry["correct"]) for entry in result["feedback"]
        ] == [
            (0, True),
            (1, False),
            (2, False),
        ]

    def test_ordering_marks_each_position(self, data):
        check = data["lessons"]["leitung_gewinnen"]["checks"][0]
        assert check["type"] == "reihenfolge"
        result = quiz.grade(check, [1, 0, 2, 3])
        assert result["correct"] is False
        assert [
            (entry["answer"], entry["correct"]) for entry in result["feedback"]
        ] == [
            (1, False),
            (0, False),
            (2, True),
            (3, True),
        ]

    def test_matching_marks_each_term(self, data):
        check = data["lessons"]["team_bilden"]["checks"][0]
        assert check["type"] == "zuordnung"
        result = quiz.grade(check, [0, 1, 3, 2])
        assert [entry["correct"] for entry in result["feedback"]] == [
            True,
            True,
            False,
            False,
        ]

    @pytest.mark.parametrize(
        ("kind_lesson", "answer"),
        [
            ("datenschutz_pruefen", 7),
            ("datenschutz_pruefen", True),
            ("leitung_gewinnen", [0, 0, 1, 2]),
            ("leitung_gewinnen", [0, 1, 2]),
        ],
        ids=[
            "index-out-of-range",
            "bool-index",
            "ordering-duplicate",
            "ordering-short",
        ],
    )
    def test_invalid_answer_shapes(self, data, kind_lesson, answer):
        check = data["lessons"][kind_lesson]["checks"][0]
        with pytest.raises(ValueError):
            quiz.grade(check, answer)


class TestProgress:
    def test_visit_and_record_are_pure(self, data):
        start = quiz.new_progress()
        visited = quiz.visit(start, "daten_chefsache")
        assert start == quiz.new_progress()
        assert visited["visited"] == ["daten_chefsache"]
        assert visited["current"] == "daten_chefsache"
        recorded = quiz.record(
            visited, "daten_chefsache.warum_spitze", {"correct": True}
        )
        assert visited["checks"] == {}
        assert recorded["checks"] == {"daten_chefsache.warum_spitze": "correct"}

    def test_summary_status_and_score(self, data):
        lessons, checks = quiz.path_items(data, "leitung_30_minuten")
        progress = quiz.new_progress()
        assert (
            quiz.summary(data, "leitung_30_minuten", progress)["status"]
            == "not attempted"
        )
        for lesson in lessons:
            progress = quiz.visit(progress, lesson)
        assert (
            quiz.summary(data, "leitung_30_minuten", progress)["status"] == "incomplete"
        )
        for index, key in enumerate(checks):
            progress = quiz.record(progress, key, {"correct": index != 0})
        result = quiz.summary(data, "leitung_30_minuten", progress)
        assert result["status"] == "completed"
        assert result["checks_correct"] == len(checks) - 1
        assert result["score"] == round(100 * (len(checks) - 1) / len(checks))

    def test_encoding_round_trip_of_full_progress(self, data):
        for path in data["paths"]:
            lessons, checks = quiz.path_items(data, path["id"])
            progress = quiz.new_progress()
            for lesson in lessons:
                progress = quiz.visit(progress, lesson)
            for index, key in enumerate(checks):
                progress = quiz.record(progress, key, {"correct": index % 2 == 0})
            encoded = quiz.encode_progress(data, path["id"], progress)
            assert quiz.decode_progress(data, path["id"], encoded) == progress
            assert len(encoded) == quiz.max_encoded_length(len(lessons), len(checks))
            assert len(encoded) <= quiz.SCORM12_SUSPEND_LIMIT
            assert set(encoded) <= set(
                quiz.ALPHABET + ".0123456789abcdefghijklmnopqrstuvwxyz"
            )

    def test_worst_case_bound_for_large_paths(self):
        # 1,000 lessons with 10 checks each still fit SCORM 1.2's 4,096 characters,
        # while the largest shipped path has 13 lessons.
        assert quiz.max_encoded_length(1000, 10000) <= quiz.SCORM12_SUSPEND_LIMIT
        assert quiz.max_encoded_length(13, 24) == 1 + 6 + 3 + 3 + 8 + 1

    @pytest.mark.parametrize(
        "text",
        ["", "garbage", "2XXXXXX...", None, "1AAAAAA.A.A.", "1" + "A" * 6 + ".!!.A."],
        ids=[
            "empty",
            "no-parts",
            "other-version",
            "none",
            "wrong-tag",
            "bad-characters",
        ],
    )
    def test_stale_or_damaged_progress_is_empty(self, data, text):
        assert (
            quiz.decode_progress(data, "leitung_30_minuten", text)
            == quiz.new_progress()
        )

    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_encoding_round_trip_property(self, data, draw):
        path = draw.draw(st.sampled_from([path["id"] for path in data["paths"]]))
        lessons, checks = quiz.path_items(data, path)
        visited = draw.draw(st.lists(st.sampled_from(lessons), unique=True))
        states = draw.draw(
            st.dictionaries(
                st.sampled_from(checks), st.sampled_from(["correct", "wrong"])
            )
        )
        current = draw.draw(st.one_of(st.none(), st.sampled_from(lessons)))
        progress = {"visited": visited, "checks": states, "current": current}
        decoded = quiz.decode_progress(
            data, path, quiz.encode_progress(data, path, progress)
        )
        assert set(decoded["visited"]) == set(visited)
        assert decoded["checks"] == states
        assert decoded["current"] == current

    def test_structure_tag_ignores_text_but_not_order(self):
        tag = quiz.structure_tag(["a", "b"], ["a.x"])
        assert tag == quiz.structure_tag(["a", "b"], ["a.x"])
        assert tag != quiz.structure_tag(["b", "a"], ["a.x"])
        assert len(tag) == 6
