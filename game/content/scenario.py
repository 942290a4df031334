"""Read a scenario YAML file into a validated :class:`~game.sim.model.Scenario`.

Keys are German because facilitators edit these files; ``scenarios/README.md``
documents each one. Reading happens in phases: first the shape of every
section (types, ranges, unknown keys), then the references between sections
(ids of variables, actions, states, phases), then whole-model checks (loops
are cycles, goals are reachable, the reference strategy is playable). Every
problem is collected and raised together in one :class:`SchemaError`.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from game.content.checks import Reader, make_id_suggestion
from game.content.errors import ContentError, Location, Problem, SchemaError
from game.content.messages import register
from game.content.yamlload import Node, load_file, load_text
from game.sim.model import (
    DIMENSIONS,
    PHASE_ORDER,
    RESOURCES,
    Action,
    Event,
    Expectation,
    Goals,
    Link,
    LinkModifier,
    Loop,
    Phase,
    Resources,
    Scenario,
    State,
    Variable,
    compute_content_hash,
)

log = logging.getLogger(__name__)

POLICIES = ("nichts_tun", "zufall", "gierig", "referenz", "einzelne_massnahme")
DIFFICULTIES = ("leicht", "mittel", "schwer")

register(
    {
        "ctx_variable": ("in Variable `{id}`", "in variable `{id}`"),
        "ctx_link": (
            "in Wirkung {number} ({source} → {target})",
            "in link {number} ({source} → {target})",
        ),
        "ctx_loop": ("in Zyklus `{id}`", "in cycle `{id}`"),
        "ctx_state": ("in Zustand `{id}`", "in state `{id}`"),
        "ctx_action": ("in Maßnahme `{id}`", "in action `{id}`"),
        "ctx_event": ("in Ereignis `{id}`", "in event `{id}`"),
        "ctx_goals": ("in `ziele`", "in `ziele` (goals)"),
        "ctx_expectation": ("in Erwartung `{id}`", "in expectation `{id}`"),
        "ctx_reference": (
            "in `referenzstrategie`, Runde {round}",
            "in `referenzstrategie`, round {round}",
        ),
        "ctx_resources": ("in `ressourcen`", "in `ressourcen` (resources)"),
        "bad_clause": (
            "Bedingung `{text}` ist unverständlich. Beispiele: `rueckhalt >= 60`, `runde >= 4`, "
            "`erledigt pilot_dashboard`, `nicht zustand altlast_falle`, `phase umsetzen`.",
            "condition `{text}` cannot be read. Examples: `rueckhalt >= 60`, `runde >= 4`, "
            "`erledigt pilot_dashboard`, `nicht zustand altlast_falle`, `phase umsetzen`.",
        ),
        "bad_operator": (
            "Bedingung `{text}` ist so nicht lesbar. Meinten Sie `{fixed}`? Vergleiche: "
            "`<`, `<=`, `>`, `>=`, `==`, `!=`; Zahlen mit Dezimalpunkt.",
            "condition `{text}` cannot be read as written. Did you mean `{fixed}`? "
            "Comparisons: `<`, `<=`, `>`, `>=`, `==`, `!=`; numbers with a decimal point.",
        ),
        "clause_and": (
            "Bedingung `{text}` verbindet mehrere Teile mit „und“. Schreiben Sie stattdessen "
            "eine Liste mit einer Bedingung je Zeile (`- ...`); alle müssen gelten.",
            "condition `{text}` joins several parts with 'und'. Write a list with one "
            "condition per line (`- ...`) instead; all of them must hold.",
        ),
        "win_empty": (
            "`sieg` braucht mindestens eine Bedingung, sonst ist das Spiel sofort gewonnen.",
            "`sieg` needs at least one condition, or the game is won at once.",
        ),
        "goal_after_end": (
            "Ziel ist unerreichbar: `{text}`, aber das Spiel endet nach Runde {rounds}.",
            "goal is unreachable: `{text}`, but the game ends after round {rounds}.",
        ),
        "self_prerequisite": (
            "Maßnahme `{id}` setzt sich selbst voraus und kann nie beginnen. "
            "Entfernen Sie `erledigt {id}` aus den Voraussetzungen.",
            "action `{id}` requires itself and can never start. "
            "Remove `erledigt {id}` from its prerequisites.",
        ),
        "bad_polarity": (
            "Polarität `{value}` ist ungültig. Schreiben Sie `plus` (verstärkt) oder `minus` (schwächt).",
            "polarity `{value}` is invalid. Write `plus` (strengthens) or `minus` (weakens).",
        ),
        "self_link": (
            "Wirkung von `{id}` auf sich selbst. Eine Wirkung verbindet zwei verschiedene Variablen.",
            "link from `{id}` to itself. A link connects two different variables.",
        ),
        "duplicate_link": (
            "Wirkung {source} → {target} gibt es schon (Zeile {first_line}). "
            "Fassen Sie beide zu einer Wirkung zusammen.",
            "link {source} → {target} already exists (line {first_line}). Merge both into one link.",
        ),
        "start_outside": (
            "Startwert {start} liegt nicht zwischen min {minimum} und max {maximum}.",
            "start value {start} is not between min {minimum} and max {maximum}.",
        ),
        "bounds_order": (
            "min {minimum} muss kleiner als max {maximum} sein.",
            "min {minimum} must be less than max {maximum}.",
        ),
        "loop_too_short": (
            "Ein Zyklus braucht mindestens zwei Variablen.",
            "a cycle needs at least two variables.",
        ),
        "loop_not_cycle": (
            "kein Zyklus: es gibt keine Wirkung von `{source}` nach `{target}`. Ergänzen Sie unter "
            "`wirkungen` eine Wirkung `von: {source}` `nach: {target}` oder korrigieren Sie die "
            "Reihenfolge. Zyklus-Glieder: {members}.",
            "not a cycle: there is no link from `{source}` to `{target}`. Add a link "
            "`von: {source}` `nach: {target}` under `wirkungen` or fix the order. "
            "Cycle members: {members}.",
        ),
        "loop_unused": (
            "Zyklus `{id}` ist keiner Variable unter `zyklen:` zugeordnet. "
            "Tragen Sie ihn bei seinen Variablen ein.",
            "cycle `{id}` is not listed under `zyklen:` of any variable. Add it to its variables.",
        ),
        "variable_not_in_loop": (
            "Variable `{variable}` ist `{loop}` zugeordnet, steht aber nicht in dessen Variablenliste.",
            "variable `{variable}` is tagged with `{loop}` but is not in that cycle's variable list.",
        ),
        "goal_unreachable": (
            "Ziel ist unerreichbar: `{text}`, aber `{id}` liegt immer zwischen {minimum} und {maximum}.",
            "goal is unreachable: `{text}`, but `{id}` always stays between {minimum} and {maximum}.",
        ),
        "goal_action_unknown": (
            "Ziel ist unerreichbar: Maßnahme `{id}` kann nie begonnen werden, weil sie mehr kostet "
            "({cost}) als je verfügbar ist ({have}).",
            "goal is unreachable: action `{id}` can never start because it costs more ({cost}) "
            "than is ever available ({have}).",
        ),
        "phase_order": (
            "Phasen müssen in der Reihenfolge {order} stehen.",
            "phases must be listed in the order {order}.",
        ),
        "reference_too_long": (
            "Die Referenzstrategie hat {count} Runden, das Szenario nur {rounds}.",
            "the reference strategy has {count} rounds, but the scenario only {rounds}.",
        ),
        "win_rate_order": (
            "`sieg_quote_min` ({low}) ist größer als `sieg_quote_max` ({high}).",
            "`sieg_quote_min` ({low}) is greater than `sieg_quote_max` ({high}).",
        ),
        "expectation_empty": (
            "Erwartung prüft nichts. Geben Sie `sieg_quote_min` oder `sieg_quote_max` an.",
            "expectation checks nothing. Give `sieg_quote_min` or `sieg_quote_max`.",
        ),
        "reference_missing": (
            "Strategie `referenz` braucht eine `referenzstrategie` im Szenario.",
            "policy `referenz` needs a `referenzstrategie` in the scenario.",
        ),
        "loop_strength_zero": (
            "Stärke muss größer als 0 sein.",
            "strength must be greater than 0.",
        ),
    }
)

_COMPARISON = re.compile(
    r"^\s*([a-z][a-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$"
)
_WORDS = re.compile(r"^\s*(nicht\s+)?(erledigt|zustand|phase)\s+([a-z][a-z0-9_]*)\s*$")


class _ScenarioReader(Reader):
    """Reads one scenario file; see the module docstring for the phases."""

    def __init__(self, root: Node, path: str):
        super().__init__(path)
        self.root = root
        # Deferred id checks: (node, kind, value, location, context).
        self.pending_refs: list[tuple] = []
        self.pending_clauses: list[tuple] = []

    # ------------------------------------------------------------- helpers

    def refer_later(
        self,
        node: Node,
        kind: str,
        value: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.pending_refs.append((node, kind, value, location, self.context))

    def condition(self, node: Node | None) -> list:
        """Read a condition: a clause, a list of clauses, or ``{oder: [...]}``."""
        if node is None:
            return []
        if node.kind == "sequence":
            clauses = []
            for item in node.value:
                clause = self.clause(item)
                if clause is not None:
                    clauses.append(clause)
            return clauses
        clause = self.clause(node)
        return [clause] if clause is not None else []

    def clause(self, node: Node):
        if node.kind == "mapping":
            fields = self.mapping(node, {"oder": True})
            if not fields or "oder" not in fields:
                return None
            items = self.sequence(fields["oder"])
            if items is None:
                return None
            options = [self.clause(item) for item in items]
            return ["any", [o for o in options if o is not None]]
        text = self.text(node)
        if text is None:
            return None
        comparison = _COMPARISON.match(text)
        if comparison:
            name, op, number = comparison.groups()
            number = float(number)
            if name == "runde":
                return ["round", "", op, number]
            if name in RESOURCES:
                return ["res", name, op, number]
            clause = ["var", name, op, number]
            self.pending_clauses.append((node, clause, text, self.context))
            return clause
        words = _WORDS.match(text)
        if words:
            negated, word, ident = words.groups()
            if word == "erledigt":
                clause = ["not_done" if negated else "done", ident]
                self.refer_later(node, "action", ident, node.location)
            elif word == "zustand":
                clause = ["not_state" if negated else "state", ident]
                self.refer_later(node, "state", ident, node.location)
            else:
                if negated:
                    self.report(node.location, "bad_clause", text=text)
                    return None
                clause = ["phase", ident]
                self.refer_later(node, "phase", ident, node.location)
            return clause
        fixed = _fix_operators(text)
        if fixed != text and (_COMPARISON.match(fixed) or _WORDS.match(fixed)):
            self.report(node.location, "bad_operator", text=text, fixed=fixed)
            return None
        if " und " in f" {text} ":
            self.report(node.location, "clause_and", text=text)
            return None
        self.report(node.location, "bad_clause", text=text)
        return None

    def entries(self, node: Node | None, context_code: str):
        """Yield ``(child, id)`` of an id-keyed section, each in its context.

        The id is ``None`` when the key is not a valid id (already reported).
        """
        if node is None:
            return
        if node.kind != "mapping":
            self._wrong_type(node, "mapping")
            return
        for key, child in node.value.items():
            with self.in_context(context_code, id=key):
                yield child, self.ident(child, node.key_locations[key], key)

    def effects(self, node: Node | None) -> dict[str, float]:
        """Read ``{variable_or_resource: points}``."""
        if node is None:
            return {}
        if node.kind != "mapping":
            self._wrong_type(node, "mapping")
            return {}
        out = {}
        for key, child in node.value.items():
            amount = self.number(child, -1_000_000_000, 1_000_000_000)
            if amount is None:
                continue
            if key not in RESOURCES:
                self.refer_later(node, "effect_target", key, node.key_locations[key])
            out[key] = amount
        return out

    def weights(self, node: Node | None) -> dict[str, float]:
        """Read score weights ``{variable: factor}``; resources are not allowed."""
        if node is None:
            return {}
        if node.kind != "mapping":
            self._wrong_type(node, "mapping")
            return {}
        out = {}
        for key, child in node.value.items():
            weight = self.number(child, -1000, 1000)
            if weight is None:
                continue
            self.refer_later(node, "variable", key, node.key_locations[key])
            out[key] = weight
        return out

    def optional_int(self, fields: dict[str, Node], key: str, low, high, default):
        """Read an optional whole number, or return ``default`` if it is absent."""
        if key not in fields:
            return default
        return self.number(fields[key], low, high, integer=True)

    def link_modifiers(self, node: Node | None) -> list[LinkModifier]:
        if node is None:
            return []
        items = self.sequence(node)
        if items is None:
            return []
        out = []
        for item in items:
            fields = self.mapping(item, {"von": True, "nach": True, "faktor": True})
            if not fields or not {"von", "nach", "faktor"} <= fields.keys():
                continue
            factor = self.number(fields["faktor"], 0, 10)
            source, target = fields["von"], fields["nach"]
            if factor is None or source.kind != "scalar" or target.kind != "scalar":
                continue
            modifier = LinkModifier(str(source.value), str(target.value), factor)
            self.pending_refs.append(
                (item, "link", modifier.link_id, item.location, self.context)
            )
            out.append(modifier)
        return out

    def id_list(self, node: Node | None, kind: str) -> list[str]:
        if node is None:
            return []
        items = self.sequence(node)
        if items is None:
            return []
        out = []
        for item in items:
            if item.kind != "scalar" or not isinstance(item.value, str):
                self._wrong_type(item, "text")
                continue
            if item.value in out:
                self.report(item.location, "duplicate_item", value=item.value)
                continue
            out.append(item.value)
            if kind in ("lesson", "playbook"):
                # Checked by the learning-path validator, which loads the lessons.
                self.external_refs.append(
                    (item.location, kind, item.value, self.context)
                )
            else:
                self.refer_later(item, kind, item.value, item.location)
        return out

    def ids_of(self, section: str) -> dict[str, Node]:
        node = self.root.value.get(section) if self.root.kind == "mapping" else None
        if node is None or node.kind != "mapping":
            return {}
        return node.value

    # ------------------------------------------------------------ sections

    def read(self) -> Scenario | None:
        self.external_refs: list[tuple] = []
        top = self.mapping(
            self.root,
            {
                "format": False,
                "id": True,
                "titel": True,
                "kurzbeschreibung": True,
                "zielgruppe": True,
                "schwierigkeit": True,
                "geschichte": True,
                "champion": True,
                "ressourcen": True,
                "variablen": True,
                "wirkungen": True,
                "zyklen": True,
                "zustaende": False,
                "massnahmen": True,
                "ereignisse": False,
                "ziele": True,
                "erwartungen": False,
                "referenzstrategie": False,
            },
        )
        if top is None:
            return None
        get = top.get
        scenario_id = self.ident(get("id")) if "id" in top else None
        if "format" in top:
            self.number(top["format"], 1, 1, integer=True)
        meta = {}
        for key in (
            "titel",
            "kurzbeschreibung",
            "zielgruppe",
            "geschichte",
            "champion",
        ):
            meta[key] = self.texts(top[key]) if key in top else None
        difficulty = (
            self.choice(top["schwierigkeit"], DIFFICULTIES)
            if "schwierigkeit" in top
            else None
        )

        resources = self.read_resources(get("ressourcen"))
        variables = self.read_variables(get("variablen"))
        links, link_lines = self.read_links(get("wirkungen"))
        loops = self.read_loops(get("zyklen"))
        states = self.read_states(get("zustaende"))
        actions = self.read_actions(get("massnahmen"))
        events = self.read_events(get("ereignisse"))
        goals = self.read_goals(get("ziele"))
        expectations = self.read_expectations(get("erwartungen"))
        reference = self.read_reference(get("referenzstrategie"))

        self.resolve_references(variables, links, states, actions, goals)
        if self.problems:
            return None
        self.check_loops(loops, links, link_lines, variables)
        self.check_goals(goals, variables, actions, resources)
        for expectation, node in expectations:
            if expectation.policy == "referenz" and not reference:
                with self.in_context("ctx_expectation", id=expectation.id):
                    self.report(node.location, "reference_missing")
        if self.problems:
            return None
        scenario = Scenario(
            id=scenario_id,
            title=meta["titel"],
            summary=meta["kurzbeschreibung"],
            audience=meta["zielgruppe"],
            difficulty=difficulty,
            story=meta["geschichte"],
            champion=meta["champion"],
            resources=resources,
            variables=variables,
            links=links,
            loops=loops,
            states=states,
            actions=actions,
            events=events,
            goals=goals,
            expectations=[e for e, _ in expectations],
            reference_strategy=[r for r, _ in reference],
            source=self.path,
        )
        self.check_reference(scenario, reference)
        if self.problems:
            return None
        scenario.content_hash = compute_content_hash(scenario)
        return scenario

    def read_resources(self, node: Node | None) -> Resources | None:
        if node is None:
            return None
        with self.in_context("ctx_resources"):
            keys = ("budget", "budget_pro_runde", "kapazitaet", "kapazitaet_pro_runde")
            fields = self.mapping(node, dict.fromkeys(keys, True))
            if fields is None:
                return None
            values = {k: self.number(fields[k], 0, 1e9) for k in keys if k in fields}
            if len(values) != 4 or None in values.values():
                return None
            return Resources(
                values["budget"],
                values["budget_pro_runde"],
                values["kapazitaet"],
                values["kapazitaet_pro_runde"],
            )

    def read_variables(self, node: Node | None) -> list[Variable]:
        out: list[Variable] = []
        loop_ids = self.ids_of("zyklen")
        for child, ident in self.entries(node, "ctx_variable"):
            fields = self.mapping(
                child,
                {
                    "name": True,
                    "erklaerung": True,
                    "start": True,
                    "min": False,
                    "max": False,
                    "zyklen": False,
                    "dimension": True,
                    "gut": True,
                },
            )
            if fields is None or ident is None:
                continue
            minimum = self.number(fields["min"]) if "min" in fields else 0.0
            maximum = self.number(fields["max"]) if "max" in fields else 100.0
            start = self.number(fields["start"]) if "start" in fields else None
            if minimum is not None and maximum is not None and minimum >= maximum:
                self.report(
                    fields.get("max", child).location,
                    "bounds_order",
                    minimum=_show(minimum),
                    maximum=_show(maximum),
                )
                continue
            if (
                None not in (start, minimum, maximum)
                and not minimum <= start <= maximum
            ):
                self.report(
                    fields["start"].location,
                    "start_outside",
                    start=_show(start),
                    minimum=_show(minimum),
                    maximum=_show(maximum),
                )
            cycles = []
            if "zyklen" in fields:
                items = self.sequence(fields["zyklen"]) or []
                for item in items:
                    value = self.reference(item, "loop", loop_ids)
                    if value is not None:
                        cycles.append(value)
            dimension = (
                self.choice(fields["dimension"], DIMENSIONS)
                if "dimension" in fields
                else None
            )
            desirable = (
                self.choice(fields["gut"], ("hoch", "niedrig"))
                if "gut" in fields
                else None
            )
            name = self.texts(fields["name"]) if "name" in fields else None
            explanation = (
                self.texts(fields["erklaerung"]) if "erklaerung" in fields else None
            )
            if None in (
                minimum,
                maximum,
                start,
                dimension,
                desirable,
                name,
                explanation,
            ):
                continue
            out.append(
                Variable(
                    ident,
                    name,
                    explanation,
                    start,
                    minimum,
                    maximum,
                    cycles,
                    dimension,
                    "high" if desirable == "hoch" else "low",
                )
            )
        return out

    def read_links(self, node: Node | None) -> tuple[list[Link], dict[str, Node]]:
        out: list[Link] = []
        nodes: dict[str, Node] = {}
        if node is None:
            return out, nodes
        items = self.sequence(node)
        if items is None:
            return out, nodes
        variable_ids = self.ids_of("variablen")
        for number, item in enumerate(items, start=1):
            source_text = target_text = "?"
            if item.kind == "mapping":
                source_text = (
                    str(item.value.get("von").value) if "von" in item.value else "?"
                )
                target_text = (
                    str(item.value.get("nach").value) if "nach" in item.value else "?"
                )
            with self.in_context(
                "ctx_link", number=number, source=source_text, target=target_text
            ):
                fields = self.mapping(
                    item,
                    {
                        "von": True,
                        "nach": True,
                        "polaritaet": True,
                        "staerke": True,
                        "verzoegerung": False,
                        "saettigung": False,
                        "referenz": False,
                        "erklaerung": False,
                    },
                )
                if fields is None:
                    continue
                source = (
                    self.reference(fields["von"], "variable", variable_ids)
                    if "von" in fields
                    else None
                )
                target = (
                    self.reference(fields["nach"], "variable", variable_ids)
                    if "nach" in fields
                    else None
                )
                polarity = (
                    self.polarity(fields["polaritaet"])
                    if "polaritaet" in fields
                    else None
                )
                strength = (
                    self.number(fields["staerke"], 0, 50)
                    if "staerke" in fields
                    else None
                )
                if strength == 0:
                    self.report(fields["staerke"].location, "loop_strength_zero")
                    strength = None
                delay = (
                    self.number(fields["verzoegerung"], 0, 8, integer=True)
                    if "verzoegerung" in fields
                    else 0
                )
                saturation = (
                    self.number(fields["saettigung"], 0, 1)
                    if "saettigung" in fields
                    else 0.2
                )
                reference = (
                    self.number(fields["referenz"]) if "referenz" in fields else None
                )
                if "erklaerung" in fields:
                    self.texts(fields["erklaerung"])
                if None in (source, target, polarity, strength, delay, saturation):
                    continue
                if source == target:
                    self.report(item.location, "self_link", id=source)
                    continue
                link = Link(
                    source, target, polarity, strength, delay, saturation, reference
                )
                if link.id in nodes:
                    self.report(
                        item.location,
                        "duplicate_link",
                        source=source,
                        target=target,
                        first_line=nodes[link.id].location.line,
                    )
                    continue
                nodes[link.id] = item
                out.append(link)
        return out, nodes

    def polarity(self, node: Node) -> int | None:
        text = node.text.strip() if node.kind == "scalar" else ""
        if text in ("plus", "+"):
            return 1
        if text in ("minus", "-"):
            return -1
        self.report(node.location, "bad_polarity", value=text or "…")
        return None

    def read_loops(self, node: Node | None) -> list[Loop]:
        out: list[Loop] = []
        variable_ids = self.ids_of("variablen")
        for child, ident in self.entries(node, "ctx_loop"):
            fields = self.mapping(
                child, {"name": True, "erklaerung": True, "variablen": True}
            )
            if fields is None or ident is None:
                continue
            name = self.texts(fields["name"]) if "name" in fields else None
            explanation = (
                self.texts(fields["erklaerung"]) if "erklaerung" in fields else None
            )
            members = []
            items = (
                self.sequence(fields["variablen"]) if "variablen" in fields else None
            )
            for item in items or []:
                value = self.reference(item, "variable", variable_ids)
                if value in members:
                    self.report(item.location, "duplicate_item", value=value)
                elif value is not None:
                    members.append(value)
            if items is not None and len(items) < 2:
                self.report(fields["variablen"].location, "loop_too_short")
                continue
            if None in (name, explanation) or items is None:
                continue
            loop = Loop(ident, name, explanation, members)
            loop.node = fields["variablen"]  # type: ignore[attr-defined]
            out.append(loop)
        return out

    def read_states(self, node: Node | None) -> list[State]:
        out: list[State] = []
        for child, ident in self.entries(node, "ctx_state"):
            fields = self.mapping(
                child,
                {
                    "name": True,
                    "erklaerung": True,
                    "betreten": True,
                    "verlassen": True,
                    "wirkung_pro_runde": False,
                    "wirkungen_aendern": False,
                    "anfangs_aktiv": False,
                },
            )
            if fields is None or ident is None:
                continue
            name = self.texts(fields["name"]) if "name" in fields else None
            explanation = (
                self.texts(fields["erklaerung"]) if "erklaerung" in fields else None
            )
            enter = self.condition(fields.get("betreten"))
            leave = self.condition(fields.get("verlassen"))
            ongoing = self.effects(fields.get("wirkung_pro_runde"))
            modifiers = self.link_modifiers(fields.get("wirkungen_aendern"))
            initially = (
                self.boolean(fields["anfangs_aktiv"])
                if "anfangs_aktiv" in fields
                else False
            )
            if None in (name, explanation, initially):
                continue
            out.append(
                State(
                    ident,
                    name,
                    explanation,
                    enter,
                    leave,
                    ongoing,
                    modifiers,
                    initially,
                )
            )
        return out

    def read_actions(self, node: Node | None) -> list[Action]:
        out: list[Action] = []
        for child, ident in self.entries(node, "ctx_action"):
            fields = self.mapping(
                child,
                {
                    "name": True,
                    "erklaerung": True,
                    "phase": True,
                    "kosten": True,
                    "dauer": False,
                    "voraussetzungen": False,
                    "sofort": False,
                    "pro_runde": False,
                    "pro_runde_dauer": False,
                    "wirkungen_aendern": False,
                    "wiederholbar": False,
                    "abklingzeit": False,
                    "lektionen": False,
                    "playbooks": False,
                },
            )
            if fields is None or ident is None:
                continue
            name = self.texts(fields["name"]) if "name" in fields else None
            explanation = (
                self.texts(fields["erklaerung"]) if "erklaerung" in fields else None
            )
            phase = (
                self.choice(fields["phase"], PHASE_ORDER) if "phase" in fields else None
            )
            cost_budget = cost_capacity = None
            if "kosten" in fields:
                costs = self.mapping(
                    fields["kosten"], {"budget": True, "kapazitaet": True}
                )
                if costs and "budget" in costs and "kapazitaet" in costs:
                    cost_budget = self.number(costs["budget"], 0, 1e9)
                    cost_capacity = self.number(costs["kapazitaet"], 0, 1e6)

            duration = self.optional_int(fields, "dauer", 1, 12, 1)
            ongoing_rounds = self.optional_int(fields, "pro_runde_dauer", 0, 40, 0)
            max_uses = self.optional_int(fields, "wiederholbar", 1, 40, 1)
            cooldown = self.optional_int(fields, "abklingzeit", 0, 40, 0)
            prerequisites = self.condition(fields.get("voraussetzungen"))
            if ["done", ident] in prerequisites:
                self.report(
                    fields["voraussetzungen"].location,
                    "self_prerequisite",
                    id=ident,
                )
            immediate = self.effects(fields.get("sofort"))
            ongoing = self.effects(fields.get("pro_runde"))
            modifiers = self.link_modifiers(fields.get("wirkungen_aendern"))
            lessons = self.id_list(fields.get("lektionen"), "lesson")
            playbooks = self.id_list(fields.get("playbooks"), "playbook")
            if None in (
                name,
                explanation,
                phase,
                cost_budget,
                cost_capacity,
                duration,
                ongoing_rounds,
                max_uses,
                cooldown,
            ):
                continue
            out.append(
                Action(
                    ident,
                    name,
                    explanation,
                    phase,
                    cost_budget,
                    cost_capacity,
                    duration,
                    prerequisites,
                    immediate,
                    ongoing,
                    ongoing_rounds,
                    modifiers,
                    max_uses,
                    cooldown,
                    lessons,
                    playbooks,
                )
            )
        return out

    def read_events(self, node: Node | None) -> list[Event]:
        out: list[Event] = []
        for child, ident in self.entries(node, "ctx_event"):
            fields = self.mapping(
                child,
                {
                    "titel": True,
                    "text": True,
                    "bedingung": False,
                    "wahrscheinlichkeit": True,
                    "wirkung": True,
                    "einmalig": False,
                    "abklingzeit": False,
                    "lektionen": False,
                },
            )
            if fields is None or ident is None:
                continue
            title = self.texts(fields["titel"]) if "titel" in fields else None
            text = self.texts(fields["text"]) if "text" in fields else None
            condition = self.condition(fields.get("bedingung"))
            probability = (
                self.number(fields["wahrscheinlichkeit"], 0, 1)
                if "wahrscheinlichkeit" in fields
                else None
            )
            effects = self.effects(fields.get("wirkung"))
            once = self.boolean(fields["einmalig"]) if "einmalig" in fields else True
            cooldown = (
                self.number(fields["abklingzeit"], 0, 40, integer=True)
                if "abklingzeit" in fields
                else 0
            )
            lessons = self.id_list(fields.get("lektionen"), "lesson")
            if None in (title, text, probability, once, cooldown):
                continue
            out.append(
                Event(
                    ident,
                    title,
                    text,
                    condition,
                    probability,
                    effects,
                    once,
                    cooldown,
                    lessons,
                )
            )
        return out

    def read_goals(self, node: Node | None) -> Goals | None:
        if node is None:
            return None
        with self.in_context("ctx_goals"):
            fields = self.mapping(
                node,
                {
                    "runden": True,
                    "sieg": True,
                    "niederlage": False,
                    "phasen": True,
                    "punkte": True,
                    "sieg_text": False,
                    "niederlage_text": False,
                },
            )
            if fields is None:
                return None
            rounds = (
                self.number(fields["runden"], 1, 40, integer=True)
                if "runden" in fields
                else None
            )
            win = self.condition(fields.get("sieg"))
            self.goal_nodes = [fields.get("sieg")]
            lose = self.condition(fields.get("niederlage"))
            phases = []
            if "phasen" in fields:
                phase_fields = self.mapping(
                    fields["phasen"], dict.fromkeys(PHASE_ORDER, True)
                )
                if phase_fields is not None:
                    if [k for k in phase_fields if k in PHASE_ORDER] != [
                        k for k in PHASE_ORDER if k in phase_fields
                    ]:
                        self.report(
                            fields["phasen"].location,
                            "phase_order",
                            order=" → ".join(PHASE_ORDER),
                        )
                    for phase_id in PHASE_ORDER:
                        if phase_id not in phase_fields:
                            continue
                        item = self.mapping(
                            phase_fields[phase_id], {"name": True, "bedingung": True}
                        )
                        if not item or "name" not in item:
                            continue
                        name = self.texts(item["name"])
                        condition = self.condition(item.get("bedingung"))
                        if name is not None:
                            phases.append(Phase(phase_id, name, condition))
            weights, win_bonus, per_round = {}, 0.0, 0.0
            if "punkte" in fields:
                score = self.mapping(
                    fields["punkte"],
                    {
                        "gewichte": True,
                        "siegbonus": False,
                        "bonus_pro_restrunde": False,
                    },
                )
                if score:
                    weights = self.weights(score.get("gewichte"))
                    if "siegbonus" in score:
                        win_bonus = self.number(score["siegbonus"], 0, 1e6)
                    if "bonus_pro_restrunde" in score:
                        per_round = self.number(score["bonus_pro_restrunde"], 0, 1e6)
            win_text = self.texts(fields["sieg_text"]) if "sieg_text" in fields else {}
            lose_text = (
                self.texts(fields["niederlage_text"])
                if "niederlage_text" in fields
                else {}
            )
            if rounds is None or win_bonus is None or per_round is None:
                return None
            return Goals(
                rounds,
                win,
                lose,
                phases,
                weights,
                win_bonus,
                per_round,
                win_text or {},
                lose_text or {},
            )

    def read_expectations(self, node: Node | None) -> list[tuple[Expectation, Node]]:
        out: list[tuple[Expectation, Node]] = []
        if node is None:
            return out
        items = self.sequence(node)
        for item in items or []:
            name = "?"
            if item.kind == "mapping" and "name" in item.value:
                name = item.value["name"].text
            with self.in_context("ctx_expectation", id=name):
                fields = self.mapping(
                    item,
                    {
                        "name": True,
                        "strategie": True,
                        "laeufe": False,
                        "sieg_quote_min": False,
                        "sieg_quote_max": False,
                        "sieg_bis_runde": False,
                    },
                )
                if fields is None:
                    continue
                ident = self.ident(fields["name"]) if "name" in fields else None
                policy = (
                    self.choice(fields["strategie"], POLICIES)
                    if "strategie" in fields
                    else None
                )
                runs = (
                    self.number(fields["laeufe"], 1, 100_000, integer=True)
                    if "laeufe" in fields
                    else 200
                )
                low = (
                    self.number(fields["sieg_quote_min"], 0, 1)
                    if "sieg_quote_min" in fields
                    else None
                )
                high = (
                    self.number(fields["sieg_quote_max"], 0, 1)
                    if "sieg_quote_max" in fields
                    else None
                )
                within = (
                    self.number(fields["sieg_bis_runde"], 1, 40, integer=True)
                    if "sieg_bis_runde" in fields
                    else None
                )
                if (
                    low is None
                    and high is None
                    and not ("sieg_quote_min" in fields or "sieg_quote_max" in fields)
                ):
                    self.report(item.location, "expectation_empty")
                    continue
                if low is not None and high is not None and low > high:
                    self.report(
                        fields["sieg_quote_min"].location,
                        "win_rate_order",
                        low=_show(low),
                        high=_show(high),
                    )
                    continue
                if None in (ident, policy, runs):
                    continue
                out.append((Expectation(ident, policy, runs, low, high, within), item))
        return out

    def read_reference(self, node: Node | None) -> list[tuple[list[str], Node]]:
        out: list[tuple[list[str], Node]] = []
        if node is None:
            return out
        items = self.sequence(node)
        action_ids = self.ids_of("massnahmen")
        for number, item in enumerate(items or [], start=1):
            with self.in_context("ctx_reference", round=number):
                if item.kind == "scalar" and item.value is None:
                    out.append(([], item))
                    continue
                decisions = self.sequence(item)
                if decisions is None:
                    continue
                chosen = []
                for decision in decisions:
                    value = self.reference(decision, "action", action_ids)
                    if value is not None:
                        chosen.append(value)
                out.append((chosen, item))
        return out

    # --------------------------------------------------- whole-model checks

    def resolve_references(self, variables, links, states, actions, goals) -> None:
        known = {
            "variable": {v.id for v in variables} | set(self.ids_of("variablen")),
            "action": set(self.ids_of("massnahmen")),
            "state": set(self.ids_of("zustaende")),
            "phase": set(PHASE_ORDER),
            "link": {link.id for link in links},
        }
        known["effect_target"] = known["variable"] | set(RESOURCES)
        for node, kind, value, location, context in self.pending_refs:
            saved, self.context = self.context, context
            candidates = known[kind]
            if value not in candidates:
                if kind == "link":
                    self.report(
                        location,
                        "unknown_ref",
                        kind=_kind(kind),
                        value=value.replace(">", " → "),
                        suggestion=self.suggestion(value, candidates),
                    )
                else:
                    self.reference(node, kind, candidates, value, location)
            self.context = saved
        for node, clause, _text, context in self.pending_clauses:
            saved, self.context = self.context, context
            if clause[1] not in known["variable"]:
                self.report(
                    node.location,
                    "unknown_ref",
                    kind=_kind("variable"),
                    value=clause[1],
                    suggestion=self.suggestion(
                        clause[1],
                        sorted(known["variable"]) + ["runde", "budget", "kapazitaet"],
                    ),
                )
            self.context = saved

    def check_loops(self, loops, links, link_nodes, variables) -> None:
        link_ids = {link.id for link in links}
        for loop in loops:
            with self.in_context("ctx_loop", id=loop.id):
                count = len(loop.variables)
                for position, source in enumerate(loop.variables):
                    target = loop.variables[(position + 1) % count]
                    if f"{source}>{target}" not in link_ids:
                        member_node = (
                            loop.node.value[position]
                            if loop.node.kind == "sequence"
                            else loop.node
                        )
                        self.report(
                            member_node.location,
                            "loop_not_cycle",
                            source=source,
                            target=target,
                            members=" → ".join(loop.variables + [loop.variables[0]]),
                        )
            del loop.node
        loop_members = {loop.id: set(loop.variables) for loop in loops}
        variable_nodes = self.ids_of("variablen")
        for variable in variables:
            for loop_id in variable.cycles:
                if loop_id in loop_members and variable.id not in loop_members[loop_id]:
                    with self.in_context("ctx_variable", id=variable.id):
                        self.report(
                            variable_nodes[variable.id].location,
                            "variable_not_in_loop",
                            variable=variable.id,
                            loop=loop_id,
                        )

    def check_goals(self, goals: Goals | None, variables, actions, resources) -> None:
        if goals is None:
            return
        bounds = {v.id: (v.minimum, v.maximum) for v in variables}
        node = self.goal_nodes[0]
        clause_nodes = (
            node.value
            if node is not None and node.kind == "sequence"
            else [node] * len(goals.win)
        )
        with self.in_context("ctx_goals"):
            if not goals.win:
                self.report(node.location if node is not None else None, "win_empty")
            for clause, clause_node in zip(goals.win, clause_nodes, strict=False):
                if clause[0] == "round" and _never_true(
                    clause[2], clause[3], 0, goals.rounds
                ):
                    self.report(
                        clause_node.location,
                        "goal_after_end",
                        text=clause_node.text,
                        rounds=goals.rounds,
                    )
                if clause[0] != "var" or clause[1] not in bounds:
                    continue
                low, high = bounds[clause[1]]
                op, number = clause[2], clause[3]
                if _never_true(op, number, low, high):
                    self.report(
                        clause_node.location,
                        "goal_unreachable",
                        text=clause_node.text,
                        id=clause[1],
                        minimum=_show(low),
                        maximum=_show(high),
                    )
            if resources is None:
                return
            max_budget = resources.budget + resources.budget_income * goals.rounds
            by_id = {a.id: a for a in actions}
            for clause, clause_node in zip(goals.win, clause_nodes, strict=False):
                if clause[0] == "done" and clause[1] in by_id:
                    action = by_id[clause[1]]
                    if action.cost_budget > max_budget:
                        self.report(
                            clause_node.location,
                            "goal_action_unknown",
                            id=action.id,
                            cost=_show(action.cost_budget),
                            have=_show(max_budget),
                        )

    def check_reference(self, scenario: Scenario, reference) -> None:
        # Whether each step is affordable depends on events, so playability is
        # judged by `check` through the reference policy, not here.
        if len(reference) > scenario.goals.rounds:
            self.report(
                reference[-1][1].location,
                "reference_too_long",
                count=len(reference),
                rounds=scenario.goals.rounds,
            )


def _never_true(op: str, number: float, low: float, high: float) -> bool:
    """Return whether ``value op number`` fails for every value in [low, high]."""
    return (
        (op == ">=" and number > high)
        or (op == ">" and number >= high)
        or (op == "<=" and number < low)
        or (op == "<" and number <= low)
        or (op == "==" and not low <= number <= high)
    )


_OPERATOR_FIXES = (("=>", ">="), ("=<", "<="), ("≥", ">="), ("≤", "<="), ("≠", "!="))


def _fix_operators(text: str) -> str:
    """Return ``text`` with common operator misspellings corrected."""
    fixed = text
    for wrong, right in _OPERATOR_FIXES:
        fixed = fixed.replace(wrong, right)
    fixed = re.sub(r"(?<![<>=!])=(?!=)", "==", fixed)
    fixed = re.sub(r"(\d),(\d)", r"\1.\2", fixed)
    return fixed


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kind(code: str):
    from game.content.checks import _Kind

    return _Kind(code)


def load_scenario(path: str | Path, display_path: str | None = None) -> Scenario:
    """Load and validate a scenario file.

    Raises:
        ContentError: with every problem found, each located.
    """
    started = time.perf_counter()
    shown = display_path or str(path)
    root = load_file(path, shown)
    scenario = _read(root, shown)
    log.debug(
        "loaded scenario %s from %s in %.1f ms",
        scenario.id,
        shown,
        (time.perf_counter() - started) * 1000,
    )
    return scenario


def load_scenario_text(text: str, path: str = "<text>") -> Scenario:
    """Load and validate a scenario from a string (used by tests and the editor loop)."""
    return _read(load_text(text, path), path)


def scenario_external_refs(
    path: str | Path,
) -> list[tuple[Location, str, str, tuple | None]]:
    """Return the lesson and playbook references of a scenario with locations."""
    root = load_file(path)
    reader = _ScenarioReader(root, str(path))
    reader.read()
    return reader.external_refs


def _read(root: Node, path: str) -> Scenario:
    reader = _ScenarioReader(root, path)
    scenario = reader.read()
    if reader.problems or scenario is None:
        problems = sorted(reader.problems, key=_problem_order) or [
            Problem(root.location, "empty_file")
        ]
        raise SchemaError(problems)
    return scenario


def _problem_order(problem: Problem):
    location = problem.location
    return (location.line, location.column) if location else (0, 0)


__all__ = [
    "ContentError",
    "load_scenario",
    "load_scenario_text",
    "make_id_suggestion",
]
