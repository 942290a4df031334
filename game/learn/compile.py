"""Compile learning content into JSON-ready data for the game and the web.

The pygame front end and the browser build read this data instead of YAML
and Markdown: lesson bodies and playbooks arrive as the simple blocks of
:func:`game.learn.markup.to_blocks`. Keys are English because this is a
program interface, not an authoring format.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from game.learn import markup
from game.learn.loader import load_learning_content
from game.learn.model import Check, LearningContent, Lesson, Playbook

FORMAT = 1


def compile_learning_content(root: str | Path) -> dict:
    """Load, check and compile the learning content below project ``root``.

    Raises:
        SchemaError: the content has problems; see ``validate``.
    """
    return compile_content(load_learning_content(root))


def compile_content(content: LearningContent) -> dict:
    """Return JSON-ready data for already loaded content.

    The result has ``format``, ``content_hash`` (12 hex digits over the rest),
    ``cycles`` (id to names), ``paths`` (in file order), ``lessons`` and
    ``playbooks`` (by id). ``README.md`` in ``learning_paths/`` shows an
    example of each.
    """
    data: dict = {
        "format": FORMAT,
        "cycles": {ident: dict(names) for ident, names in content.cycles.items()},
        "scenarios": {
            ident: {"title": dict(links.title)}
            for ident, links in content.scenarios.items()
        },
        "paths": [
            {
                "id": path.id,
                "title": path.title,
                "description": path.description,
                "audience": path.audience,
                "duration_minutes": sum(
                    content.lessons[lesson].duration for lesson in path.lesson_ids
                ),
                "modules": [
                    {
                        "id": module.id,
                        "title": module.title,
                        "description": module.description,
                        "lessons": list(module.lessons),
                    }
                    for module in path.modules
                ],
            }
            for path in content.paths
        ],
        "lessons": {
            lesson.id: compile_lesson(lesson, content)
            for lesson in content.lessons.values()
        },
        "playbooks": {
            playbook.id: compile_playbook(playbook)
            for playbook in content.playbooks.values()
        },
    }
    data["content_hash"] = content_hash(data)
    return data


def content_hash(data: dict) -> str:
    """Return 12 hex digits of SHA-256 over ``data`` without its own hash."""
    payload = {key: value for key, value in data.items() if key != "content_hash"}
    text = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def compile_lesson(lesson: Lesson, content: LearningContent) -> dict:
    """Return one lesson with its body as blocks per language."""
    return {
        "id": lesson.id,
        "title": lesson.title,
        "summary": lesson.summary,
        "duration_minutes": lesson.duration,
        "cycles": list(lesson.cycles),
        "scenario": lesson.scenario,
        "actions": list(lesson.actions),
        "playbooks": [playbook_ref(ref, content) for ref in lesson.playbooks],
        "body": {lang: markup.to_blocks(text) for lang, text in lesson.body.items()},
        "takeaways": [dict(text) for text in lesson.takeaways],
        "checks": [compile_check(lesson.id, check) for check in lesson.checks],
    }


def playbook_ref(ref: str, content: LearningContent) -> dict:
    """Split ``playbook#section`` and add the titles the viewer shows."""
    playbook_id, _, section = ref.partition("#")
    playbook = content.playbooks[playbook_id]
    title = dict(playbook.title)
    section_title = None
    for item in playbook.sections:
        if item.id == section:
            section_title = item.title
    return {
        "ref": ref,
        "playbook": playbook_id,
        "section": section or None,
        "title": title,
        "section_title": section_title,
    }


def compile_check(lesson_id: str, check: Check) -> dict:
    """Return a check with a stable ``key`` and a deterministic display order.

    ``display_order`` lists answer indices in the order to show them: as
    written for choice checks, shuffled for ordering checks (never the
    solution itself) and, for matching checks, the order of the ``match``
    options offered for every term.
    """
    key = f"{lesson_id}.{check.id}"
    answers = []
    for answer in check.answers:
        item: dict = {"text": dict(answer.text), "feedback": dict(answer.feedback)}
        if check.kind in ("einfach", "mehrfach"):
            item["correct"] = answer.correct
        if answer.match is not None:
            item["match"] = dict(answer.match)
        answers.append(item)
    count = len(answers)
    if check.kind in ("reihenfolge", "zuordnung"):
        order = shuffled_order(key, count)
    else:
        order = list(range(count))
    return {
        "id": check.id,
        "key": key,
        "type": check.kind,
        "question": dict(check.question),
        "answers": answers,
        "display_order": order,
    }


def shuffled_order(key: str, count: int) -> list[int]:
    """Return a permutation of ``range(count)`` fixed by ``key``, never the identity."""
    order = sorted(
        range(count),
        key=lambda index: hashlib.sha1(f"{key}:{index}".encode()).hexdigest(),
    )
    if count > 1 and order == list(range(count)):
        order = order[1:] + order[:1]
    return order


def compile_playbook(playbook: Playbook) -> dict:
    """Return a playbook split into an introduction and its ``##`` sections."""
    intro: dict[str, list] = {}
    sections: dict[str, list[dict]] = {}
    for lang, text in playbook.text.items():
        blocks = markup.to_blocks(text)
        if blocks and blocks[0]["type"] == "heading" and blocks[0]["level"] == 1:
            blocks = blocks[1:]
        intro[lang] = []
        sections[lang] = []
        for block in blocks:
            if block["type"] == "heading" and block["level"] <= 2:
                title = "".join(span["text"] for span in block["spans"])
                sections[lang].append({"id": block["id"], "title": title, "blocks": []})
            elif sections[lang]:
                sections[lang][-1]["blocks"].append(block)
            else:
                intro[lang].append(block)
    merged = []
    for index, section in enumerate(sections["de"]):
        entry = {
            "id": section["id"],
            "title": {"de": section["title"]},
            "blocks": {"de": section["blocks"]},
        }
        english = sections.get("en", [])
        if index < len(english) and english[index]["id"] == section["id"]:
            entry["title"]["en"] = english[index]["title"]
            entry["blocks"]["en"] = english[index]["blocks"]
        merged.append(entry)
    return {
        "id": playbook.id,
        "title": dict(playbook.title),
        "intro": intro,
        "sections": merged,
        "anchors": playbook.section_ids(),
    }
