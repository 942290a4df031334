"""Resolve links across learning files and scenarios and check coverage.

Links run in both directions: lessons name cycles, a scenario, its actions
and playbook sections; Markdown bodies link with ``lektion:``, ``playbook:``
and ``szenario:`` targets; scenario actions and events name lessons and
playbook sections. Each broken link is reported where it is written, with
the nearest valid id. Coverage rules: every barrier cycle is taught by a
lesson, every scenario action links to a lesson or playbook section, and
every lesson belongs to a learning path.
"""

from __future__ import annotations

import logging
from pathlib import Path

from game.content.checks import _Kind
from game.content.errors import ContentError, Location, Problem
from game.content.messages import register
from game.content.scenario import scenario_external_refs
from game.learn import markup
from game.learn.loader import ContentReader, display_path
from game.learn.model import LearningContent

log = logging.getLogger(__name__)

register(
    {
        "learn_unknown_playbook": (
            "Playbook `{value}` gibt es nicht.{suggestion}",
            "playbook `{value}` does not exist.{suggestion}",
        ),
        "learn_unknown_section": (
            "Playbook `{playbook}` hat keinen Abschnitt `{section}`.{suggestion}",
            "playbook `{playbook}` has no section `{section}`.{suggestion}",
        ),
        "learn_unknown_action": (
            "Maßnahme `{value}` gibt es im Szenario `{scenario}` nicht.{suggestion}",
            "action `{value}` does not exist in scenario `{scenario}`.{suggestion}",
        ),
        "learn_bad_link": (
            "Link `{href}` ist ungültig. Erlaubt sind `lektion:ID`, "
            "`playbook:ID#abschnitt`, `szenario:ID` und Adressen mit `https://`.",
            "link `{href}` is invalid. Allowed are `lektion:ID`, "
            "`playbook:ID#section`, `szenario:ID` and `https://` addresses.",
        ),
        "learn_cycle_untaught": (
            "Zyklus `{id}` wird in keiner Lektion behandelt. Tragen Sie `{id}` unter "
            "`zyklen:` einer passenden Lektion ein.",
            "cycle `{id}` is taught by no lesson. Add `{id}` under `zyklen:` of a "
            "lesson that explains it.",
        ),
        "learn_action_unlinked": (
            "Maßnahme `{id}` verweist auf keine Lektion und kein Playbook. Ergänzen "
            "Sie `lektionen:` oder `playbooks:`, damit Spielende nachlesen können.",
            "action `{id}` links to no lesson and no playbook. Add `lektionen:` or "
            "`playbooks:` so that players can read up on it.",
        ),
        "learn_lesson_unused": (
            "Lektion `{id}` gehört zu keinem Lernpfad. Nehmen Sie sie unter "
            "`lektionen:` eines Moduls auf oder löschen Sie sie.",
            "lesson `{id}` belongs to no learning path. Add it under `lektionen:` of "
            "a module or delete it.",
        ),
    }
)


class _Resolver:
    def __init__(self, reader: ContentReader, content: LearningContent):
        self.reader = reader
        self.content = content
        self.problems: list[Problem] = []
        # Lessons with shape problems still count as existing for links.
        self.lesson_ids = list(reader.lesson_keys)
        self.cycle_ids = list(content.cycles)
        for scenario in content.scenarios.values():
            self.cycle_ids += [
                loop for loop in scenario.loops if loop not in self.cycle_ids
            ]

    def report(self, location, context, code: str, **params) -> None:
        self.problems.append(Problem(location, code, params, context))

    def check(self, location, context, kind: str, value: str, scenario=None) -> None:
        """Report ``value`` if it does not resolve as a reference of ``kind``."""
        suggest = self.reader.suggestion
        if kind == "lesson" and value not in self.lesson_ids:
            self.report(
                location,
                context,
                "unknown_ref",
                kind=_Kind("lesson"),
                value=value,
                suggestion=suggest(value, self.lesson_ids),
            )
        elif kind == "playbook":
            self.check_playbook(location, context, value)
        elif kind == "scenario" and value not in self.content.scenarios:
            self.report(
                location,
                context,
                "unknown_ref",
                kind=_Kind("scenario"),
                value=value,
                suggestion=suggest(value, self.content.scenarios),
            )
        elif kind == "action":
            links = self.content.scenarios.get(scenario) if scenario else None
            if links is not None and value not in links.actions:
                self.report(
                    location,
                    context,
                    "learn_unknown_action",
                    value=value,
                    scenario=scenario,
                    suggestion=suggest(value, links.actions),
                )
        elif kind == "loop" and value not in self.cycle_ids:
            self.report(
                location,
                context,
                "unknown_ref",
                kind=_Kind("loop"),
                value=value,
                suggestion=suggest(value, self.cycle_ids),
            )
        elif kind == "link":
            self.check_link(location, context, value)

    def check_playbook(self, location, context, value: str) -> None:
        playbook_id, _, section = value.partition("#")
        playbook = self.content.playbooks.get(playbook_id)
        if playbook is None:
            self.report(
                location,
                context,
                "learn_unknown_playbook",
                value=playbook_id,
                suggestion=self.reader.suggestion(playbook_id, self.content.playbooks),
            )
            return
        if section and section not in playbook.section_ids():
            refs = [f"{playbook_id}#{ident}" for ident in playbook.section_ids()]
            self.report(
                location,
                context,
                "learn_unknown_section",
                playbook=playbook_id,
                section=section,
                suggestion=self.reader.suggestion(value, refs),
            )

    def check_link(self, location, context, href: str) -> None:
        target = markup.describe_link(href)
        kind = target["kind"]
        if kind == "invalid":
            self.report(location, context, "learn_bad_link", href=href)
        elif kind == "playbook":
            self.check_playbook(location, context, href.partition(":")[2])
        elif kind in ("lesson", "scenario"):
            self.check(location, context, kind, target["id"])


def check_references(
    reader: ContentReader, content: LearningContent, scenario_files: list[Path]
) -> list[Problem]:
    """Return the problems of all cross-file links and of coverage."""
    resolver = _Resolver(reader, content)
    for ref in reader.references:
        resolver.check(ref.location, ref.context, ref.kind, ref.value, ref.scenario)

    # Lesson and playbook ids written in scenario actions and events.
    for path in scenario_files:
        try:
            refs = scenario_external_refs(display_path(path))
        except ContentError:
            log.info("skipping links of unreadable scenario %s", path)
            continue
        for location, kind, value, context in refs:
            resolver.check(location, context, kind, value)

    _check_coverage(resolver, content)
    return resolver.problems


def _check_coverage(resolver: _Resolver, content: LearningContent) -> None:
    taught = {cycle for lesson in content.lessons.values() for cycle in lesson.cycles}
    for cycle in resolver.cycle_ids:
        if cycle in taught:
            continue
        resolver.report(
            _loop_location(content, cycle), None, "learn_cycle_untaught", id=cycle
        )

    for scenario in content.scenarios.values():
        for action_id, (location, linked) in scenario.actions.items():
            if not linked:
                resolver.report(location, None, "learn_action_unlinked", id=action_id)

    in_paths = {lesson for path in content.paths for lesson in path.lesson_ids}
    for lesson_id, location in resolver.reader.lesson_keys.items():
        if lesson_id not in in_paths:
            resolver.report(location, None, "learn_lesson_unused", id=lesson_id)


def _loop_location(content: LearningContent, cycle: str) -> Location | None:
    for scenario in content.scenarios.values():
        if cycle in scenario.loops:
            return scenario.loops[cycle]
    return None
