"""The editor schema for scenario files agrees with the shipped files and the loader.

The JSON Schema in ``scenarios/schema/szenario.schema.json`` gives editors
completion and hover help. The loader in ``game/content/scenario.py`` is what
the game trusts. These tests keep the two in step: every shipped scenario
passes both, broken variants fail both, and every mapping the loader reads has
an object in the schema with exactly the same keys and required keys.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.content.errors import SchemaError
from game.content.scenario import (
    DIFFICULTIES,
    POLICIES,
    load_scenario,
    load_scenario_text,
)
from game.sim.model import DIMENSIONS, PHASE_ORDER

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_DIR = ROOT / "scenarios"
SCHEMA_PATH = SCENARIO_DIR / "schema" / "szenario.schema.json"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal.yaml"
HEADER = "# yaml-language-server: $schema=schema/szenario.schema.json"
# Modules whose `mapping(...)` calls define keys of scenario files.
LOADER_MODULES = ("game.content.scenario", "game.content.checks")

SHIPPED = sorted(SCENARIO_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator, text: str) -> list[str]:
    document = yaml.safe_load(text)
    return [error.message for error in validator.iter_errors(document)]


class TestShippedScenarios:
    def test_schema_is_valid_draft_2020_12(self, schema):
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_scenarios_exist(self):
        ids = {path.stem for path in SHIPPED}
        assert {"sozialraeume", "kleine_gemeinde", "landkreis_altverfahren"} <= ids

    @pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
    def test_scenario_matches_schema(self, validator, path):
        assert schema_errors(validator, path.read_text(encoding="utf-8")) == []

    @pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
    def test_scenario_loads(self, path):
        scenario = load_scenario(path)
        assert scenario.id == path.stem

    @pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
    def test_scenario_declares_schema(self, path):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == HEADER

    def test_minimal_fixture_is_valid(self, validator):
        text = MINIMAL.read_text(encoding="utf-8")
        assert schema_errors(validator, text) == []
        assert load_scenario_text(text, "minimal.yaml").id == "minimal"


# Each case replaces the first occurrence of a line fragment in the minimal
# fixture and names the exact loader message (English) the result must raise.
BROKEN = [
    pytest.param(
        "polaritaet: plus, staerke: 2}",
        "polaritaet: vielleicht, staerke: 2}",
        "minimal.yaml:35:49: in link 1 (rueckhalt → erfolge): polarity `vielleicht` "
        "is invalid. Write `plus` (strengthens) or `minus` (weakens).",
        id="bad-polarity",
    ),
    pytest.param(
        "polaritaet: plus, staerke: 2}",
        "polaritaet: plus, staerke: 0}",
        "minimal.yaml:35:64: in link 1 (rueckhalt → erfolge): strength must be "
        "greater than 0.",
        id="zero-strength",
    ),
    pytest.param(
        "    wiederholbar: 3",
        "    wiederholbarkeit: 3",
        "minimal.yaml:49:5: in action `werben`: unknown field `wiederholbarkeit` "
        "(did you mean `wiederholbar`?). Allowed: `name`, `erklaerung`, `phase`, "
        "`kosten`, `dauer`, `voraussetzungen`, `sofort`, `pro_runde`, "
        "`pro_runde_dauer`, `wirkungen_aendern`, `wiederholbar`, `abklingzeit`, "
        "`lektionen`, `playbooks`.",
        id="unknown-key",
    ),
    pytest.param(
        "    phase: ueberzeugen",
        "    # phase fehlt",
        "minimal.yaml:44:5: in action `werben`: required field `phase` is missing. "
        "Add a line `phase: …`.",
        id="missing-key",
    ),
    pytest.param(
        "  werben:",
        "  Werben:",
        "minimal.yaml:43:3: in action `Werben`: id `Werben` is invalid: use "
        "lowercase a-z, digits and _, starting with a letter (for example `werben`).",
        id="bad-id",
    ),
    pytest.param(
        "wahrscheinlichkeit: 0.5",
        "wahrscheinlichkeit: 1.5",
        "minimal.yaml:55:25: in event `wahl`: value 1.5 is outside the allowed "
        "range 0 to 1.",
        id="probability-above-one",
    ),
    pytest.param(
        'bedingung: "runde >= 2"',
        'bedingung: "runde => 2"',
        "minimal.yaml:54:16: in event `wahl`: condition `runde => 2` cannot be "
        "read as written. Did you mean `runde >= 2`? Comparisons: `<`, `<=`, `>`, "
        "`>=`, `==`, `!=`; numbers with a decimal point.",
        id="bad-condition",
    ),
    pytest.param(
        "schwierigkeit: leicht",
        "schwierigkeit: einfach",
        "minimal.yaml:11:16: `einfach` is not allowed. Allowed: `leicht`, "
        "`mittel`, `schwer`. Did you mean `leicht`?",
        id="bad-difficulty",
    ),
    pytest.param(
        "    wiederholbar: 3",
        "    dauer: 0",
        "minimal.yaml:49:12: in action `werben`: value 0 is outside the allowed "
        "range 1 to 12.",
        id="zero-duration",
    ),
    pytest.param(
        'titel: "Kleinstes Szenario"',
        'titel: {en: "Smallest scenario"}',
        "minimal.yaml:8:8: required field `de` is missing. Add a line `de: …`.",
        id="text-without-german",
    ),
    pytest.param(
        "    gewichte: {rueckhalt: 1}",
        "    gewichte: {rueckhalt: 1}\nerwartungen:\n"
        "  - {name: test, strategie: schlau, sieg_quote_max: 0.1}",
        "minimal.yaml:67:29: in expectation `test`: `schlau` is not allowed. "
        "Allowed: `nichts_tun`, `zufall`, `gierig`, `referenz`, "
        "`einzelne_massnahme`.",
        id="unknown-policy",
    ),
]


class TestBrokenFixtures:
    @pytest.mark.parametrize(("old", "new", "message"), BROKEN)
    def test_rejected_by_schema_and_loader(self, validator, old, new, message):
        source = MINIMAL.read_text(encoding="utf-8")
        assert old in source, "fixture changed: update the BROKEN table"
        broken = source.replace(old, new, 1)

        assert schema_errors(validator, broken) != []

        with pytest.raises(SchemaError) as caught:
            load_scenario_text(broken, "minimal.yaml")
        assert [p.format("en") for p in caught.value.problems] == [message]


# Conditions the loader reads, and ones it rejects; the schema must agree.
CLAUSES = [
    ("rueckhalt >= 60", True),
    ("runde >= 4", True),
    ("budget < 20000", True),
    ("kapazitaet != 0", True),
    ("erfolge <= -1.5", True),
    ("erledigt werben", True),
    ("nicht erledigt werben", True),
    ("zustand falle", True),
    ("nicht zustand falle", True),
    ("phase umsetzen", True),
    ("runde => 4", False),
    ("rueckhalt >= sechzig", False),
    ("nicht phase umsetzen", False),
    ("phase fertig", False),
    ("erledigt", False),
    ("Rueckhalt >= 60", False),
]


class TestConditionLanguage:
    @pytest.mark.parametrize(("clause", "valid"), CLAUSES, ids=[c for c, _ in CLAUSES])
    def test_schema_and_loader_agree(self, validator, clause, valid):
        source = MINIMAL.read_text(encoding="utf-8")
        text = source.replace('bedingung: "runde >= 2"', f'bedingung: "{clause}"')
        text = text.replace(
            "    wiederholbar: 3",
            "    wiederholbar: 3\n  nebenbei:\n    name: x\n    erklaerung: x\n"
            "    phase: umsetzen\n    kosten: {budget: 0, kapazitaet: 0}",
        )
        text = text.replace(
            "zyklen:\n  kreis:",
            "zustaende:\n  falle:\n    name: x\n    erklaerung: x\n"
            '    betreten: "rueckhalt >= 90"\n    verlassen: "rueckhalt <= 10"\n'
            "zyklen:\n  kreis:",
        )

        assert (schema_errors(validator, text) == []) is valid
        try:
            load_scenario_text(text, "minimal.yaml")
            loaded = True
        except SchemaError:
            loaded = False
        assert loaded is valid

    def test_or_clause_accepted(self, validator):
        source = MINIMAL.read_text(encoding="utf-8")
        text = source.replace(
            'bedingung: "runde >= 2"',
            'bedingung: [{oder: ["runde >= 2", "rueckhalt < 20"]}, "erfolge < 90"]',
        )
        assert schema_errors(validator, text) == []
        assert load_scenario_text(text, "minimal.yaml").events[0].condition


def _loader_mappings() -> list[tuple[str, dict[str, bool]]]:
    """Return ``(where, {key: required})`` for every literal ``mapping`` call.

    Reads the loader source with :mod:`ast`, so a key added to the loader
    without the schema (or the reverse) fails these tests. Keys passed as
    ``dict.fromkeys(NAME, True)`` resolve NAME from a tuple assigned in the
    same function or from the module namespace.
    """
    found = []
    for module_name in LOADER_MODULES:
        module = importlib.import_module(module_name)
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            local_tuples = {
                target.id: ast.literal_eval(node.value)
                for node in ast.walk(function)
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            for call in ast.walk(function):
                if not (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "mapping"
                    and len(call.args) == 2
                ):
                    continue
                keys = _literal_keys(call.args[1], local_tuples, module)
                where = f"{module_name}.{function.name}:{call.lineno}"
                assert keys is not None, f"cannot read the keys of {where}"
                found.append((where, keys))
    return found


def _literal_keys(node, local_tuples, module) -> dict[str, bool] | None:
    if isinstance(node, ast.Dict):
        return ast.literal_eval(node)
    is_fromkeys = (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "fromkeys"
    )
    if not is_fromkeys:
        return None
    source, value = node.args
    required = ast.literal_eval(value)
    if isinstance(source, ast.Name):
        names = local_tuples.get(source.id) or getattr(module, source.id)
    else:
        names = ast.literal_eval(source)
    return dict.fromkeys(names, required)


def _schema_objects(node, path="#"):
    """Yield ``(path, properties, required, closed)`` for each object schema."""
    if isinstance(node, dict):
        if "properties" in node:
            yield (
                path,
                set(node["properties"]),
                set(node.get("required", [])),
                node.get("additionalProperties") is False,
            )
        for key, child in node.items():
            yield from _schema_objects(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _schema_objects(child, f"{path}/{index}")


class TestLoaderKeysInSchema:
    def test_loader_mappings_found(self):
        # The scenario reader has 16 (top level, resources, variables, links,
        # loops, states, actions, costs, events, goals, phases, phase, score,
        # expectations, link modifiers, `oder`) and the text reader one.
        assert len(_loader_mappings()) >= 17

    def test_every_loader_mapping_has_schema_object(self, schema):
        objects = list(_schema_objects(schema))
        for where, keys in _loader_mappings():
            expected_keys = set(keys)
            required = {key for key, needed in keys.items() if needed}
            matches = [o for o in objects if o[1] == expected_keys]
            assert matches, (
                f"{where}: no schema object with keys {sorted(expected_keys)}"
            )
            assert any(o[2] == required for o in matches), (
                f"{where}: schema object with keys {sorted(expected_keys)} must require "
                f"exactly {sorted(required)}"
            )
            assert all(o[3] for o in matches), (
                f"{where}: schema object must set additionalProperties: false"
            )

    def test_every_closed_schema_object_is_read_by_loader(self, schema):
        loader_key_sets = [set(keys) for _, keys in _loader_mappings()]
        for path, properties, _, closed in _schema_objects(schema):
            if closed:
                assert properties in loader_key_sets, (
                    f"{path}: keys {sorted(properties)} are not read by the loader"
                )

    def test_every_loader_key_appears_in_schema(self, schema):
        text = json.dumps(schema)
        for where, keys in _loader_mappings():
            for key in keys:
                assert f'"{key}"' in text, f"{where}: key `{key}` missing in schema"


class TestSchemaChoices:
    def test_difficulty_enum(self, schema):
        enum = schema["properties"]["schwierigkeit"]["enum"]
        assert enum == list(DIFFICULTIES)

    def test_policy_enum(self, schema):
        enum = schema["$defs"]["expectation"]["properties"]["strategie"]["enum"]
        assert enum == list(POLICIES)

    def test_dimension_enum(self, schema):
        enum = schema["$defs"]["variable"]["properties"]["dimension"]["enum"]
        assert enum == list(DIMENSIONS)

    def test_phase_enums(self, schema):
        action_phases = schema["$defs"]["action"]["properties"]["phase"]["enum"]
        goal_phases = schema["$defs"]["goals"]["properties"]["phasen"]["required"]
        assert action_phases == list(PHASE_ORDER)
        assert goal_phases == list(PHASE_ORDER)

    def test_id_pattern_matches_loader(self, schema):
        from game.content.checks import ID_PATTERN

        assert schema["$defs"]["id"]["pattern"] == ID_PATTERN.pattern

    def test_every_property_has_description(self, schema):
        missing = []

        def walk(node, path):
            if isinstance(node, dict):
                for key, child in node.get("properties", {}).items():
                    if "description" not in child:
                        missing.append(f"{path}/properties/{key}")
                for key, child in node.items():
                    walk(child, f"{path}/{key}")
            elif isinstance(node, list):
                for index, child in enumerate(node):
                    walk(child, f"{path}/{index}")

        walk(schema, "#")
        assert missing == []

    def test_descriptions_are_bilingual(self, schema):
        # German first, English in parentheses at the end.
        bad = []

        def walk(node, path):
            if isinstance(node, dict):
                description = node.get("description")
                if description is not None and not re.search(r"\(.+\)$", description):
                    bad.append(path)
                for key, child in node.items():
                    walk(child, f"{path}/{key}")
            elif isinstance(node, list):
                for index, child in enumerate(node):
                    walk(child, f"{path}/{index}")

        walk(schema, "#")
        assert bad == []
