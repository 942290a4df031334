"""Read ``learning_paths/`` into :class:`~game.learn.model.LearningContent`.

Layout below the project root::

    learning_paths/pfade/*.yaml      one learning path per file
    learning_paths/lektionen/*.yaml  lessons, grouped by topic
    learning_paths/playbooks/*.md    playbooks (German); *.en.md English
    scenarios/*.yaml                 scenarios whose ids, cycles and actions
                                     lessons link to

Reading happens in two phases. First each file is read on its own with a
:class:`~game.content.checks.Reader`, which records shape problems (types,
unknown keys, missing feedback, wrong number of correct answers) and keeps
every reference with its location. Then :mod:`game.learn.crossref` resolves
the references across files and checks coverage. All problems come back
together, each located at ``file:line:column``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from game.content.checks import ID_PATTERN, Reader, make_id_suggestion
from game.content.errors import Location, Problem, SchemaError, YamlSyntaxError
from game.content.messages import register
from game.content.yamlload import Node, decode_source, load_file
from game.learn import markup
from game.learn.model import (
    CHECK_KINDS,
    CYCLES,
    Answer,
    Check,
    LearningContent,
    LearningPath,
    Lesson,
    Module,
    Playbook,
    PlaybookSection,
    ScenarioLinks,
)

log = logging.getLogger(__name__)

CONTENT_DIR = "learning_paths"
PATHS_DIR = "pfade"
LESSONS_DIR = "lektionen"
PLAYBOOKS_DIR = "playbooks"
SCENARIOS_DIR = "scenarios"

register(
    {
        "learn_ctx_lesson": ("in Lektion `{id}`", "in lesson `{id}`"),
        "learn_ctx_check": (
            "in Lektion `{lesson}`, Prüfung `{id}`",
            "in lesson `{lesson}`, check `{id}`",
        ),
        "learn_ctx_path": ("in Lernpfad `{id}`", "in learning path `{id}`"),
        "learn_ctx_module": (
            "in Lernpfad `{path}`, Modul `{id}`",
            "in learning path `{path}`, module `{id}`",
        ),
        "learn_ctx_playbook": ("in Playbook `{id}`", "in playbook `{id}`"),
        "learn_single_correct": (
            "Eine Einfachauswahl braucht genau eine richtige Antwort, markiert sind "
            "{count}. Setzen Sie `richtig: true` bei genau einer Antwort.",
            "a single-choice check needs exactly one correct answer, but {count} are "
            "marked. Set `richtig: true` on exactly one answer.",
        ),
        "learn_multiple_correct": (
            "Eine Mehrfachauswahl braucht mindestens eine richtige Antwort. Setzen Sie "
            "`richtig: true` bei den richtigen Antworten.",
            "a multiple-choice check needs at least one correct answer. Set "
            "`richtig: true` on the correct answers.",
        ),
        "learn_too_few": (
            "`{field}` braucht mindestens {minimum} Einträge, gefunden {count}.",
            "`{field}` needs at least {minimum} entries, found {count}.",
        ),
        "learn_wrong_items": (
            "Eine Prüfung vom Typ `{kind}` nutzt `{expected}`, nicht `{found}`. "
            "Benennen Sie `{found}` in `{expected}` um.",
            "a check of type `{kind}` uses `{expected}`, not `{found}`. "
            "Rename `{found}` to `{expected}`.",
        ),
        "learn_duplicate_id": (
            "Kennung `{id}` ist schon vergeben ({other}). Wählen Sie eine andere.",
            "id `{id}` is already used ({other}). Choose another one.",
        ),
        "learn_duplicate_match": (
            "`{text}` steht doppelt unter `passt_zu`; jede Zuordnung muss eindeutig sein.",
            "`{text}` appears twice under `passt_zu`, but each match must be unique.",
        ),
        "learn_actions_need_scenario": (
            "`massnahmen` nennt Maßnahmen eines Szenarios. Ergänzen Sie `szenario:`.",
            "`massnahmen` names actions of a scenario. Add `szenario:`.",
        ),
        "learn_no_title": (
            "Playbook beginnt nicht mit einer Titelzeile `# Titel`. Schreiben Sie sie "
            "in die erste Zeile.",
            "playbook does not start with a title line `# Title`. Put one on the "
            "first line.",
        ),
        "learn_heading_no_id": (
            "Abschnitt `{title}` hat keine Kennung, also kann nichts auf ihn "
            "verweisen. Hängen Sie ` {{#{fixed}}}` an die Überschrift an.",
            "section `{title}` has no id, so nothing can link to it. Append "
            "` {{#{fixed}}}` to the heading.",
        ),
        "learn_translation_sections": (
            "Die englische Fassung hat andere Abschnitte als die deutsche "
            "(fehlend: {missing}; zusätzlich: {extra}). Verwenden Sie dieselben "
            "Kennungen `{{#…}}`.",
            "the English version has other sections than the German one "
            "(missing: {missing}; extra: {extra}). Use the same ids `{{#…}}`.",
        ),
        "learn_markdown_unsupported": (
            "{element} kann das Spiel nicht darstellen. Verwenden Sie Absätze, "
            "Überschriften, Listen, Zitate und Links.",
            "the game cannot show {element}. Use paragraphs, headings, lists, "
            "quotes and links.",
        ),
        "learn_no_content": (
            "Keine Dateien `*.{suffix}` in `{folder}` gefunden. Legen Sie dort "
            "mindestens eine an (siehe learning_paths/README.md).",
            "no `*.{suffix}` files found in `{folder}`. Add at least one there "
            "(see learning_paths/README.md).",
        ),
    }
)

#: English names of unsupported Markdown elements for messages.
_ELEMENT_EN = {
    "Codeblock": "a code block",
    "Trennlinie": "a horizontal rule",
    "Tabelle": "a table",
    "HTML": "HTML",
    "Bild": "an image",
}
_ELEMENT_DE = {
    "Codeblock": "Einen Codeblock",
    "Trennlinie": "Eine Trennlinie",
    "Tabelle": "Eine Tabelle",
    "HTML": "HTML",
    "Bild": "Ein Bild",
}


class _Element:
    """Localized name of a Markdown element, rendered by the message catalogue."""

    def __init__(self, name: str):
        self.name = name

    def render(self, lang: str) -> str:
        return _ELEMENT_EN[self.name] if lang == "en" else _ELEMENT_DE[self.name]


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


class Reference:
    """A located id in one file that must resolve against other files."""

    __slots__ = ("location", "context", "kind", "value", "scenario")

    def __init__(self, location, context, kind: str, value: str, scenario=None):
        self.location = location
        self.context = context
        #: ``lesson``, ``playbook``, ``scenario``, ``action``, ``loop`` or ``link``
        self.kind = kind
        self.value = value
        #: For ``action``: the scenario whose actions ``value`` must be among.
        self.scenario = scenario


class ContentReader(Reader):
    """Reads all learning files of one project and keeps their references."""

    def __init__(self, root: Path):
        super().__init__(str(root))
        self.root = root
        self.references: list[Reference] = []
        #: lesson id -> location of its key, for duplicate and coverage reports
        self.lesson_keys: dict[str, Location] = {}
        self.path_keys: dict[str, Location] = {}
        self.sources: dict[str, list[str]] = {}

    # ------------------------------------------------------------- helpers

    def refer(self, node: Node, kind: str, value: str | None = None, scenario=None):
        location = node.location
        self.references.append(
            Reference(location, self.context, kind, value or str(node.value), scenario)
        )

    def id_list(self, node: Node | None, kind: str, scenario=None) -> list[str]:
        """Read a list of ids and remember each as a reference of ``kind``."""
        if node is None:
            return []
        items = self.sequence(node)
        if items is None:
            return []
        out: list[str] = []
        for item in items:
            value = self.text(item)
            if value is None:
                continue
            if value in out:
                self.report(item.location, "duplicate_item", value=value)
                continue
            out.append(value)
            self.refer(item, kind, value, scenario)
        return out

    def text_list(self, node: Node | None, field_name: str, minimum: int) -> list:
        if node is None:
            return []
        items = self.sequence(node)
        if items is None:
            return []
        if len(items) < minimum:
            self.report(
                node.location,
                "learn_too_few",
                field=field_name,
                minimum=minimum,
                count=len(items),
            )
        return [text for text in (self.texts(item) for item in items) if text]

    def load_yaml(self, path: Path) -> Node | None:
        shown = display_path(path)
        try:
            node = load_file(path, shown)
        except YamlSyntaxError as error:
            self.problems.extend(error.problems)
            return None
        self.sources[shown] = path.read_text(encoding="utf-8-sig").splitlines()
        return node

    def markdown_checks(self, text: str, start: Location, indent: int) -> None:
        """Report unsupported Markdown and keep links of a text for cross-checks.

        ``start`` is the line before the first text line (where ``|`` sits in
        a YAML block scalar) and ``indent`` the columns the text is indented;
        playbooks pass the first line of the file and 0.
        """
        for name, line in markup.unsupported_elements(text):
            where = Location(start.path, start.line + line, indent + 1)
            self.report(where, "learn_markdown_unsupported", element=_Element(name))
        for link in markup.links(text):
            where = Location(start.path, start.line + link.line, indent + link.column)
            self.references.append(Reference(where, self.context, "link", link.href))

    # ------------------------------------------------------------- lessons

    def read_lesson_file(self, path: Path) -> list[Lesson]:
        root = self.load_yaml(path)
        if root is None:
            return []
        top = self.mapping(root, {"format": False, "lektionen": True})
        if top is None:
            return []
        if "format" in top:
            self.number(top["format"], 1, 1, integer=True)
        lessons_node = top.get("lektionen")
        if lessons_node is None:
            return []
        if lessons_node.kind != "mapping":
            self._wrong_type(lessons_node, "mapping")
            return []
        out = []
        for key, child in lessons_node.value.items():
            key_location = lessons_node.key_locations[key]
            with self.in_context("learn_ctx_lesson", id=key):
                if key in self.lesson_keys:
                    self.report(
                        key_location,
                        "learn_duplicate_id",
                        id=key,
                        other=str(self.lesson_keys[key]),
                    )
                    continue
                self.lesson_keys[key] = key_location
                lesson = self.read_lesson(key, child, key_location)
            if lesson is not None:
                out.append(lesson)
        return out

    def read_lesson(
        self, key: str, node: Node, key_location: Location
    ) -> Lesson | None:
        ident = self.ident(node, key_location, key)
        fields = self.mapping(
            node,
            {
                "titel": True,
                "kurzbeschreibung": False,
                "dauer_minuten": True,
                "zyklen": True,
                "szenario": False,
                "massnahmen": False,
                "playbooks": True,
                "text": True,
                "kernaussagen": True,
                "pruefungen": True,
            },
        )
        if fields is None or ident is None:
            return None
        get = fields.get
        title = self.texts(fields["titel"]) if "titel" in fields else None
        summary = (
            self.texts(fields["kurzbeschreibung"])
            if "kurzbeschreibung" in fields
            else None
        )
        duration = (
            self.number(fields["dauer_minuten"], 1, 120, integer=True)
            if "dauer_minuten" in fields
            else None
        )
        cycles = self.id_list(get("zyklen"), "loop")
        scenario = None
        if "szenario" in fields:
            scenario = self.text(fields["szenario"])
            if scenario is not None:
                self.refer(fields["szenario"], "scenario", scenario)
        actions = self.id_list(get("massnahmen"), "action", scenario)
        if actions and "szenario" not in fields:
            self.report(fields["massnahmen"].location, "learn_actions_need_scenario")
        playbooks = self.id_list(get("playbooks"), "playbook")
        body, body_locations = self.read_body(fields.get("text"))
        takeaways = self.text_list(get("kernaussagen"), "kernaussagen", 1)
        checks = self.read_checks(ident, get("pruefungen"))
        if None in (title, duration, body):
            return None
        return Lesson(
            ident,
            title,
            summary,
            duration,
            cycles,
            scenario,
            actions,
            playbooks,
            body,
            takeaways,
            checks,
            key_location,
            body_locations,
        )

    def read_body(self, node: Node | None) -> tuple[dict | None, dict]:
        if node is None:
            return None, {}
        body = self.texts(node)
        if body is None:
            return None, {}
        nodes = {"de": node} if node.kind == "scalar" else node.value
        locations = {}
        for lang, text in body.items():
            text_node = nodes[lang]
            start = text_node.location
            if self._is_block(text_node):
                # A block scalar (`|`, `>`) starts on the line after its indicator.
                anchor = Location(start.path, start.line, 1)
                offset = self._block_indent(text_node)
            else:
                # NOTE: positions are exact only for one-line flow scalars,
                # because YAML folds the lines of longer ones.
                anchor = Location(start.path, start.line - 1, 1)
                offset = start.column - 1 + (0 if text_node.plain else 1)
            locations[lang] = anchor
            self.markdown_checks(text, anchor, offset)
        return body, locations

    def _is_block(self, node: Node) -> bool:
        lines = self.sources.get(node.location.path, [])
        index = node.location.line - 1
        if not 0 <= index < len(lines):
            return False
        rest = lines[index][node.location.column - 1 :].lstrip()
        return rest[:1] in ("|", ">")

    def _block_indent(self, node: Node) -> int:
        lines = self.sources.get(node.location.path, [])
        for line in lines[node.location.line :]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return 0

    def read_checks(self, lesson_id: str | None, node: Node | None) -> list[Check]:
        if node is None:
            return []
        items = self.sequence(node)
        if items is None:
            return []
        checks: list[Check] = []
        seen: dict[str, Location] = {}
        for item in items:
            check_id = None
            if item.kind == "mapping" and "id" in item.value:
                check_id = item.value["id"].text
            with self.in_context(
                "learn_ctx_check", lesson=lesson_id, id=check_id or "?"
            ):
                check = self.read_check(item)
                if check is None:
                    continue
                if check.id in seen:
                    self.report(
                        item.value["id"].location,
                        "learn_duplicate_id",
                        id=check.id,
                        other=str(seen[check.id]),
                    )
                    continue
                seen[check.id] = item.value["id"].location
                checks.append(check)
        return checks

    def read_check(self, node: Node) -> Check | None:
        fields = self.mapping(
            node,
            {
                "id": True,
                "typ": True,
                "frage": True,
                "antworten": False,
                "schritte": False,
                "paare": False,
            },
        )
        if fields is None:
            return None
        ident = self.ident(fields["id"]) if "id" in fields else None
        kind = self.choice(fields["typ"], CHECK_KINDS) if "typ" in fields else None
        question = self.texts(fields["frage"]) if "frage" in fields else None
        if kind is None:
            return None
        expected = {
            "einfach": "antworten",
            "mehrfach": "antworten",
            "reihenfolge": "schritte",
            "zuordnung": "paare",
        }[kind]
        misnamed = False
        for other in ("antworten", "schritte", "paare"):
            if other in fields and other != expected:
                misnamed = True
                self.report(
                    node.key_locations[other],
                    "learn_wrong_items",
                    kind=kind,
                    expected=expected,
                    found=other,
                )
        if expected not in fields:
            if not misnamed:
                self.report(node.location, "missing_key", key=expected)
            return None
        answers = self.read_answers(kind, expected, fields[expected])
        if None in (ident, question) or answers is None:
            return None
        return Check(ident, kind, question, answers, node.location)

    def read_answers(
        self, kind: str, field_name: str, node: Node
    ) -> list[Answer] | None:
        items = self.sequence(node)
        if items is None:
            return None
        if len(items) < 2:
            self.report(
                node.location,
                "learn_too_few",
                field=field_name,
                minimum=2,
                count=len(items),
            )
            return None
        keys = {
            "antworten": {"text": True, "richtig": False, "rueckmeldung": True},
            "schritte": {"text": True, "rueckmeldung": True},
            "paare": {"begriff": True, "passt_zu": True, "rueckmeldung": True},
        }[field_name]
        answers: list[Answer] = []
        complete = True
        matches: list[str] = []
        for item in items:
            fields = self.mapping(item, keys)
            if fields is None:
                complete = False
                continue
            text_key = "begriff" if field_name == "paare" else "text"
            text = self.texts(fields[text_key]) if text_key in fields else None
            feedback = (
                self.texts(fields["rueckmeldung"]) if "rueckmeldung" in fields else None
            )
            correct = False
            if "richtig" in fields:
                correct = bool(self.boolean(fields["richtig"]))
            match = None
            if "passt_zu" in fields:
                match = self.texts(fields["passt_zu"])
                if match is not None:
                    if match["de"] in matches:
                        self.report(
                            fields["passt_zu"].location,
                            "learn_duplicate_match",
                            text=match["de"],
                        )
                    matches.append(match["de"])
            if (
                text is None
                or feedback is None
                or (field_name == "paare" and match is None)
            ):
                complete = False
                continue
            answers.append(Answer(text, feedback, correct, match))
        if field_name == "antworten":
            count = sum(answer.correct for answer in answers)
            if kind == "einfach" and count != 1:
                self.report(node.location, "learn_single_correct", count=count)
            if kind == "mehrfach" and count < 1:
                self.report(node.location, "learn_multiple_correct")
        return answers if complete else None

    # --------------------------------------------------------------- paths

    def read_path_file(self, path: Path) -> LearningPath | None:
        root = self.load_yaml(path)
        if root is None:
            return None
        top = self.mapping(
            root,
            {
                "format": False,
                "id": True,
                "titel": True,
                "kurzbeschreibung": True,
                "zielgruppe": True,
                "module": True,
            },
        )
        if top is None:
            return None
        if "format" in top:
            self.number(top["format"], 1, 1, integer=True)
        ident = self.ident(top["id"]) if "id" in top else None
        if ident is not None:
            if ident in self.path_keys:
                self.report(
                    top["id"].location,
                    "learn_duplicate_id",
                    id=ident,
                    other=str(self.path_keys[ident]),
                )
                return None
            self.path_keys[ident] = top["id"].location
        with self.in_context("learn_ctx_path", id=ident or "?"):
            title = self.texts(top["titel"]) if "titel" in top else None
            description = (
                self.texts(top["kurzbeschreibung"])
                if "kurzbeschreibung" in top
                else None
            )
            audience = self.texts(top["zielgruppe"]) if "zielgruppe" in top else None
            modules = self.read_modules(ident, top.get("module"))
        if None in (ident, title, description, audience) or not modules:
            return None
        return LearningPath(ident, title, description, audience, modules, root.location)

    def read_modules(self, path_id: str | None, node: Node | None) -> list[Module]:
        if node is None:
            return []
        items = self.sequence(node)
        if items is None:
            return []
        modules: list[Module] = []
        in_path: dict[str, str] = {}
        module_ids: dict[str, Location] = {}
        for item in items:
            module_id = (
                item.value["id"].text
                if item.kind == "mapping" and "id" in item.value
                else "?"
            )
            with self.in_context("learn_ctx_module", path=path_id or "?", id=module_id):
                fields = self.mapping(
                    item,
                    {
                        "id": True,
                        "titel": True,
                        "beschreibung": False,
                        "lektionen": True,
                    },
                )
                if fields is None:
                    continue
                ident = self.ident(fields["id"]) if "id" in fields else None
                if ident is not None and ident in module_ids:
                    self.report(
                        fields["id"].location,
                        "learn_duplicate_id",
                        id=ident,
                        other=str(module_ids[ident]),
                    )
                    ident = None
                if ident is not None:
                    module_ids[ident] = fields["id"].location
                title = self.texts(fields["titel"]) if "titel" in fields else None
                description = (
                    self.texts(fields["beschreibung"])
                    if "beschreibung" in fields
                    else None
                )
                lessons = self.id_list(fields.get("lektionen"), "lesson")
                if (
                    "lektionen" in fields
                    and not lessons
                    and fields["lektionen"].kind == "sequence"
                ):
                    self.report(
                        fields["lektionen"].location,
                        "learn_too_few",
                        field="lektionen",
                        minimum=1,
                        count=0,
                    )
                for lesson_node in fields["lektionen"].value if lessons else []:
                    value = lesson_node.value
                    if value in in_path and in_path[value] != ident:
                        self.report(
                            lesson_node.location,
                            "learn_duplicate_id",
                            id=value,
                            other=f"Modul `{in_path[value]}`",
                        )
                    in_path.setdefault(value, ident or "?")
                if ident is None or title is None or not lessons:
                    continue
                modules.append(Module(ident, title, description, lessons))
        return modules

    # ----------------------------------------------------------- playbooks

    def read_playbook(self, path: Path) -> Playbook | None:
        shown = display_path(path)
        playbook_id = path.name.removesuffix(".md")
        with self.in_context("learn_ctx_playbook", id=playbook_id):
            if not ID_PATTERN.match(playbook_id):
                self.report(
                    Location(shown, 1, 1),
                    "bad_id",
                    value=playbook_id,
                    fixed=make_id_suggestion(playbook_id),
                )
                return None
            german = self._read_markdown(path)
            if german is None:
                return None
            title, sections = self._sections(german, shown)
            texts = {"de": german}
            titles = {"de": title or playbook_id}
            english_path = path.with_name(f"{playbook_id}.en.md")
            if english_path.exists():
                english = self._read_markdown(english_path)
                if english is not None:
                    english_shown = display_path(english_path)
                    english_title, english_sections = self._sections(
                        english, english_shown
                    )
                    texts["en"] = english
                    if english_title:
                        titles["en"] = english_title
                    self._compare_sections(sections, english_sections, english_shown)
        return Playbook(playbook_id, titles, texts, sections, Location(shown, 1, 1))

    def _read_markdown(self, path: Path) -> str | None:
        shown = display_path(path)
        try:
            text = decode_source(path.read_bytes(), shown)
        except OSError as error:
            self.problems.append(
                Problem(
                    None,
                    "file_unreadable",
                    {"path": shown, "reason": error.strerror or str(error)},
                )
            )
            return None
        except YamlSyntaxError as error:
            self.problems.extend(error.problems)
            return None
        self.sources[shown] = text.splitlines()
        return text

    def _sections(
        self, text: str, shown: str
    ) -> tuple[str | None, list[PlaybookSection]]:
        found = markup.headings(text)
        title = None
        if found and found[0].level == 1 and found[0].line == _first_content_line(text):
            title = found[0].title
        else:
            self.report(Location(shown, 1, 1), "learn_no_title")
        sections: list[PlaybookSection] = []
        seen: dict[str, int] = {}
        for heading in found:
            where = Location(shown, heading.line, heading.column)
            if heading.level == 1:
                continue
            if heading.anchor is None:
                if heading.level == 2:
                    self.report(
                        where,
                        "learn_heading_no_id",
                        title=heading.title,
                        fixed=make_id_suggestion(heading.title),
                    )
                continue
            if not ID_PATTERN.match(heading.anchor):
                self.report(
                    where,
                    "bad_id",
                    value=heading.anchor,
                    fixed=make_id_suggestion(heading.anchor),
                )
                continue
            if heading.anchor in seen:
                self.report(
                    where,
                    "learn_duplicate_id",
                    id=heading.anchor,
                    other=f"{shown}:{seen[heading.anchor]}",
                )
                continue
            seen[heading.anchor] = heading.line
            sections.append(
                PlaybookSection(heading.anchor, heading.title, heading.level)
            )
        self.markdown_checks(text, Location(shown, 0, 1), 0)
        return title, sections

    def _compare_sections(self, german, english, shown: str) -> None:
        german_ids = [section.id for section in german]
        english_ids = [section.id for section in english]
        missing = [f"`{ident}`" for ident in german_ids if ident not in english_ids]
        extra = [f"`{ident}`" for ident in english_ids if ident not in german_ids]
        if missing or extra:
            self.report(
                Location(shown, 1, 1),
                "learn_translation_sections",
                missing=", ".join(missing) or "–",
                extra=", ".join(extra) or "–",
            )

    # ----------------------------------------------------------- scenarios

    def read_scenario(self, path: Path) -> ScenarioLinks | None:
        """Read the ids a lesson may link to; the scenario loader checks the rest."""
        shown = display_path(path)
        try:
            root = load_file(path, shown)
        except YamlSyntaxError:
            # `python -m game validate` reports the broken scenario itself.
            log.info("skipping unreadable scenario %s", shown)
            return None
        if root.kind != "mapping" or "id" not in root.value:
            return None
        values = root.value
        title_node = values.get("titel")
        title = {"de": str(values["id"].value)}
        if title_node is not None:
            title = (
                {lang: str(node.value) for lang, node in title_node.value.items()}
                if title_node.kind == "mapping"
                else {"de": str(title_node.value)}
            )
        loops = {}
        loop_node = values.get("zyklen")
        if loop_node is not None and loop_node.kind == "mapping":
            loops = dict(loop_node.key_locations)
        actions = {}
        action_node = values.get("massnahmen")
        if action_node is not None and action_node.kind == "mapping":
            for key, child in action_node.value.items():
                linked = child.kind == "mapping" and any(
                    field in child.value
                    and child.value[field].kind == "sequence"
                    and child.value[field].value
                    for field in ("lektionen", "playbooks")
                )
                actions[key] = (action_node.key_locations[key], linked)
        return ScenarioLinks(str(values["id"].value), shown, title, loops, actions)


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return number
    return 1


def read_learning_content(root: str | Path) -> tuple[LearningContent, list[Problem]]:
    """Read every learning file below ``root`` and check all links.

    Args:
        root: The project root that contains ``learning_paths/`` and
            ``scenarios/``.

    Returns:
        The content read so far (elements with problems left out) and every
        problem found, sorted by file, line and column.
    """
    from game.learn.crossref import check_references

    started = time.perf_counter()
    root = Path(root)
    reader = ContentReader(root)
    content_dir = root / CONTENT_DIR

    playbooks: dict[str, Playbook] = {}
    for path in _files(reader, content_dir / PLAYBOOKS_DIR, "md"):
        if path.name.endswith(".en.md"):
            continue
        playbook = reader.read_playbook(path)
        if playbook is not None:
            playbooks[playbook.id] = playbook

    lessons: dict[str, Lesson] = {}
    for path in _files(reader, content_dir / LESSONS_DIR, "yaml"):
        for lesson in reader.read_lesson_file(path):
            lessons[lesson.id] = lesson

    paths: list[LearningPath] = []
    for path in _files(reader, content_dir / PATHS_DIR, "yaml"):
        learning_path = reader.read_path_file(path)
        if learning_path is not None:
            paths.append(learning_path)

    scenarios: dict[str, ScenarioLinks] = {}
    scenario_files = sorted((root / SCENARIOS_DIR).glob("*.yaml"))
    for path in scenario_files:
        links = reader.read_scenario(path)
        if links is not None:
            scenarios[links.id] = links

    cycles = dict(CYCLES)
    content = LearningContent(paths, lessons, playbooks, scenarios, cycles)
    problems = reader.problems + check_references(reader, content, scenario_files)
    problems.sort(key=_problem_order)
    log.debug(
        "read %d paths, %d lessons, %d playbooks from %s in %.1f ms (%d problems)",
        len(paths),
        len(lessons),
        len(playbooks),
        root,
        (time.perf_counter() - started) * 1000,
        len(problems),
    )
    return content, problems


def _files(reader: ContentReader, folder: Path, suffix: str) -> list[Path]:
    files = sorted(folder.glob(f"*.{suffix}"))
    if not files:
        reader.report(
            None, "learn_no_content", suffix=suffix, folder=display_path(folder)
        )
    return files


def _problem_order(problem: Problem):
    location = problem.location
    if location is None:
        return ("", 0, 0)
    return (location.path, location.line, location.column)


def load_learning_content(
    root: str | Path, include_scenario_problems: bool = True
) -> LearningContent:
    """Read and check all learning content below ``root``.

    Args:
        root: The project root.
        include_scenario_problems: Also fail on problems located in scenario
            files (an action without lesson links, a misspelt lesson id in a
            scenario). The e-learning export passes False and only logs them,
            because they do not change the learning pages.

    Raises:
        SchemaError: with every problem found, each located.
    """
    content, problems = read_learning_content(root)
    if not include_scenario_problems:
        content_dir = str(Path(display_path(Path(root) / CONTENT_DIR)))
        for problem in problems:
            if problem.location and not problem.location.path.startswith(content_dir):
                log.warning("%s", problem.format("en"))
        problems = [
            problem
            for problem in problems
            if problem.location is None or problem.location.path.startswith(content_dir)
        ]
    if problems:
        raise SchemaError(problems)
    return content


def validate_learning_content(root: str | Path) -> list[Problem]:
    """Return every problem of the learning content below ``root``.

    An empty list means that paths, lessons and playbooks are valid and that
    every link between them, the scenarios, their actions and the barrier
    cycles resolves.
    """
    return read_learning_content(root)[1]
