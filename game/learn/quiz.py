"""Grade check answers and keep a learner's progress as small JSON-ready data.

Everything here is pure: functions take the compiled content of
:func:`game.learn.compile_learning_content` and return new values without
changing their arguments. The e-learning page (``static/lernpfad.js``)
implements the same rules and the same progress encoding in JavaScript; the
browser tests check that both produce identical strings.

Answer formats per check type (indices refer to ``check["answers"]``):

- ``einfach``: one index.
- ``mehrfach``: a list of the chosen indices.
- ``reihenfolge``: the answer indices in the order the learner put them.
- ``zuordnung``: for every term ``i``, the index of the answer whose
  ``match`` the learner paired with it.
"""

from __future__ import annotations

import hashlib
import math

#: Characters of the progress encoding (the URL-safe Base64 alphabet).
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#: Version tag at the start of every encoded progress string.
ENCODING_VERSION = "1"
#: cmi.suspend_data holds at most this many characters in SCORM 1.2.
SCORM12_SUSPEND_LIMIT = 4096

_STATES = {None: 0, "wrong": 1, "correct": 2}
_STATE_NAMES = {0: None, 1: "wrong", 2: "correct"}


# ------------------------------------------------------------------ grading


def grade(check: dict, answer) -> dict:
    """Grade ``answer`` to a compiled ``check``.

    Returns:
        ``{"correct": bool, "feedback": [{"answer": index, "correct": bool,
        "text": {"de": ..., "en": ...}}, ...]}``. Choice checks give feedback
        on every chosen answer and, for multiple choice, on every correct
        answer left out. Ordering and matching checks give feedback on every
        item, marked by whether it was placed or matched right.

    Raises:
        ValueError: ``answer`` has the wrong shape for the check type, which
            is a bug in the caller, because the interface only offers
            valid answers.
    """
    answers = check["answers"]
    count = len(answers)
    kind = check["type"]
    if kind == "einfach":
        index = _index(answer, count)
        ok = bool(answers[index]["correct"])
        return {"correct": ok, "feedback": [_feedback(answers, index, ok)]}
    if kind == "mehrfach":
        chosen = _index_set(answer, count)
        feedback = []
        for index, item in enumerate(answers):
            if index in chosen or item["correct"]:
                feedback.append(
                    _feedback(answers, index, (index in chosen) == item["correct"])
                )
        return {
            "correct": all(entry["correct"] for entry in feedback),
            "feedback": feedback,
        }
    if kind in ("reihenfolge", "zuordnung"):
        placed = _permutation(answer, count)
        if kind == "reihenfolge":
            feedback = [
                _feedback(answers, item, item == position)
                for position, item in enumerate(placed)
            ]
        else:
            feedback = [
                _feedback(answers, term, placed[term] == term) for term in range(count)
            ]
        return {
            "correct": all(entry["correct"] for entry in feedback),
            "feedback": feedback,
        }
    raise ValueError(f"unknown check type {kind!r}")


def _feedback(answers: list[dict], index: int, correct: bool) -> dict:
    return {
        "answer": index,
        "correct": correct,
        "text": dict(answers[index]["feedback"]),
    }


def _index(value, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise ValueError(
            f"answer must be an index from 0 to {count - 1}, got {value!r}"
        )
    return value


def _index_set(values, count: int) -> set[int]:
    if not isinstance(values, list | tuple | set):
        raise ValueError(f"answer must be a list of indices, got {values!r}")
    return {_index(value, count) for value in values}


def _permutation(values, count: int) -> list[int]:
    if not isinstance(values, list | tuple) or len(values) != count:
        raise ValueError(f"answer must list all {count} indices once, got {values!r}")
    indices = [_index(value, count) for value in values]
    if len(set(indices)) != count:
        raise ValueError(f"answer must list every index once, got {values!r}")
    return indices


# ----------------------------------------------------------------- progress


def new_progress() -> dict:
    """Return empty progress: no lesson visited, no check answered."""
    return {"visited": [], "checks": {}, "current": None}


def visit(progress: dict, lesson_id: str) -> dict:
    """Return progress with ``lesson_id`` visited and current."""
    visited = list(progress["visited"])
    if lesson_id not in visited:
        visited.append(lesson_id)
    return {**progress, "visited": visited, "current": lesson_id}


def record(progress: dict, check_key: str, result: dict) -> dict:
    """Return progress with the latest result of check ``check_key``."""
    checks = dict(progress["checks"])
    checks[check_key] = "correct" if result["correct"] else "wrong"
    return {**progress, "checks": checks}


def path_items(data: dict, path_id: str) -> tuple[list[str], list[str]]:
    """Return the lesson ids and check keys of a path in order."""
    path = next(item for item in data["paths"] if item["id"] == path_id)
    lessons = [lesson for module in path["modules"] for lesson in module["lessons"]]
    checks = [
        check["key"]
        for lesson in lessons
        for check in data["lessons"][lesson]["checks"]
    ]
    return lessons, checks


def summary(data: dict, path_id: str, progress: dict) -> dict:
    """Count visited lessons and answered checks of a path.

    ``score`` is the share of checks whose latest answer is correct, in
    percent (rounded), which the SCORM package reports as
    ``cmi.core.score.raw`` with min 0 and max 100. ``status`` is
    ``completed`` once every lesson is visited and every check answered,
    ``incomplete`` after the first visit, ``not attempted`` before.
    """
    lessons, checks = path_items(data, path_id)
    visited = [lesson for lesson in lessons if lesson in progress["visited"]]
    answered = [key for key in checks if progress["checks"].get(key)]
    correct = [key for key in checks if progress["checks"].get(key) == "correct"]
    score = round(100 * len(correct) / len(checks)) if checks else 100
    if len(visited) == len(lessons) and len(answered) == len(checks):
        status = "completed"
    elif visited or answered:
        status = "incomplete"
    else:
        status = "not attempted"
    return {
        "lessons_total": len(lessons),
        "lessons_visited": len(visited),
        "checks_total": len(checks),
        "checks_answered": len(answered),
        "checks_correct": len(correct),
        "score": score,
        "status": status,
    }


# ----------------------------------------------------------------- encoding


def structure_tag(lessons: list[str], checks: list[str]) -> str:
    """Return six characters that change when a path's lessons or checks change.

    Text edits keep the tag, so fixing a typo does not reset learners'
    progress, but adding, removing or reordering lessons or checks does,
    because the encoding stores them by position.
    """
    text = "|".join(lessons) + "#" + "|".join(checks)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "".join(ALPHABET[byte % 64] for byte in digest[:6])


def encode_progress(data: dict, path_id: str, progress: dict) -> str:
    """Encode progress of one path as ``1TAG.VISITED.CHECKS.CURRENT``.

    ``VISITED`` packs one bit per lesson (six per character), ``CHECKS``
    one base-3 digit per check (0 unanswered, 1 wrong, 2 correct; three per
    character) and ``CURRENT`` is the position of the current lesson in
    base 36, or empty. Every character is from :data:`ALPHABET`, so the
    string is safe in ``cmi.suspend_data`` and in ``localStorage``.
    """
    lessons, checks = path_items(data, path_id)
    visited = [lesson in progress["visited"] for lesson in lessons]
    states = [_STATES[progress["checks"].get(key)] for key in checks]
    current = progress.get("current")
    position = _base36(lessons.index(current)) if current in lessons else ""
    return (
        ENCODING_VERSION
        + structure_tag(lessons, checks)
        + "."
        + _pack(visited, 2, 6)
        + "."
        + _pack(states, 3, 3)
        + "."
        + position
    )


def decode_progress(data: dict, path_id: str, text: str) -> dict:
    """Decode :func:`encode_progress` output; return empty progress if stale.

    A string of another version, another structure tag or a damaged one
    gives :func:`new_progress`, because positions would point at other
    lessons.
    """
    lessons, checks = path_items(data, path_id)
    parts = text.split(".") if isinstance(text, str) else []
    prefix = ENCODING_VERSION + structure_tag(lessons, checks)
    if len(parts) != 4 or parts[0] != prefix:
        return new_progress()
    try:
        visited = _unpack(parts[1], 2, 6, len(lessons))
        states = _unpack(parts[2], 3, 3, len(checks))
        position = int(parts[3], 36) if parts[3] else None
    except ValueError:
        return new_progress()
    progress = new_progress()
    progress["visited"] = [
        lesson for lesson, seen in zip(lessons, visited, strict=True) if seen
    ]
    progress["checks"] = {
        key: _STATE_NAMES[state]
        for key, state in zip(checks, states, strict=True)
        if state
    }
    if position is not None and 0 <= position < len(lessons):
        progress["current"] = lessons[position]
    return progress


def max_encoded_length(lesson_count: int, check_count: int) -> int:
    """Return the longest string :func:`encode_progress` can produce."""
    return (
        len(ENCODING_VERSION)
        + 6
        + 3
        + math.ceil(lesson_count / 6)
        + math.ceil(check_count / 3)
        + len(_base36(max(lesson_count - 1, 0)))
    )


def _pack(values: list, base: int, per_char: int) -> str:
    out = []
    for start in range(0, len(values), per_char):
        number = 0
        for offset, value in enumerate(values[start : start + per_char]):
            number += int(value) * base**offset
        out.append(ALPHABET[number])
    return "".join(out)


def _unpack(text: str, base: int, per_char: int, count: int) -> list[int]:
    if len(text) != math.ceil(count / per_char):
        raise ValueError("length does not match the path")
    values = []
    for char in text:
        number = ALPHABET.index(char) if char in ALPHABET else -1
        if number < 0 or number >= base**per_char:
            raise ValueError(f"invalid character {char!r}")
        for _ in range(per_char):
            values.append(number % base)
            number //= base
    return values[:count]


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number == 0:
        return "0"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out
