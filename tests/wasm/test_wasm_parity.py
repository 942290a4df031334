"""Parity of the engine under native CPython and CPython compiled to WebAssembly.

The browser build runs the engine in Pyodide. A workshop compares results
across devices and result codes are replayed on other machines, so the same
scenario, seed and decisions must give a bit-identical trajectory in both.
Decision logs are recorded natively with the policies, then every case is
replayed natively and in one Node.js process running Pyodide, and the two
trajectories are compared value by value.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from testsupport import ROOT, SCENARIOS, require_tool

from game.content.scenario import load_scenario
from game.sim.model import scenario_to_dict
from game.sim.policies import make_policy, play

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "run_in_pyodide.mjs"
HARNESS = HERE / "trajectory.py"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
#: Seconds allowed for loading Pyodide and running every case. Loading alone
#: took about 3 s on a 2-core development machine.
NODE_TIMEOUT = 300

#: Policy name and seed of each recorded decision log, per scenario.
POLICY_RUNS = [
    ("referenz", 1),
    ("referenz", 2),
    ("referenz", 9_007_199_254_740_993),  # above 2**53: exact only as an int
    ("zufall", 3),
    ("zufall", 4),
    ("gierig", 5),
]

SCENARIO_FILES = sorted(SCENARIOS.glob("*.yaml"))
CASE_IDS = [
    f"{path.stem}-{policy}-{seed}"
    for path in SCENARIO_FILES
    for policy, seed in POLICY_RUNS
]


def _load_harness():
    spec = importlib.util.spec_from_file_location("wasm_trajectory", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trajectory = _load_harness()


# ---------------------------------------------------------------- import closure


def _module_file(root: Path, name: str) -> Path | None:
    parts = name.split(".")
    module = root.joinpath(*parts).with_suffix(".py")
    if module.is_file():
        return module
    package = root.joinpath(*parts, "__init__.py")
    if package.is_file():
        return package
    return None


def _imported_names(path: Path) -> set[str]:
    """Return every absolute module name that ``path`` imports, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import, resolve it here"
            names.add(node.module)
            # ``from game.content import errors`` imports a submodule.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def engine_import_closure(root: Path) -> tuple[list[str], set[str]]:
    """Find the project files that ``game/sim`` needs, and the outside imports.

    Returns:
        The project files relative to ``root`` (every parent package's
        ``__init__.py`` included) and the top-level names of all modules
        from outside the project, such as ``json`` or ``yaml``.
    """
    pending = [root / "game" / "__init__.py", *sorted((root / "game/sim").glob("*.py"))]
    found: set[Path] = set()
    outside: set[str] = set()
    while pending:
        path = pending.pop()
        if path in found:
            continue
        found.add(path)
        for name in _imported_names(path):
            if name.split(".")[0] != "game":
                outside.add(name.split(".")[0])
                continue
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                module = _module_file(root, ".".join(parts[:depth]))
                if module is not None:
                    pending.append(module)
    files = sorted(str(path.relative_to(root)) for path in found)
    return files, outside


# ------------------------------------------------------------------ the batch


def build_batch() -> dict:
    """Record a decision log per scenario and policy run, natively."""
    scenarios = {}
    cases = []
    for path in SCENARIO_FILES:
        scenario = load_scenario(path)
        # The browser reads JSON, never YAML, so both sides get the same JSON.
        scenarios[path.stem] = json.loads(json.dumps(scenario_to_dict(scenario)))
        for policy_name, seed in POLICY_RUNS:
            policy = make_policy(policy_name, scenario, seed)
            sim = play(scenario, seed, policy)
            cases.append(
                {
                    "id": f"{path.stem}-{policy_name}-{seed}",
                    "scenario": path.stem,
                    "seed": seed,
                    "decisions": sim.decision_log,
                }
            )
    modules, _ = engine_import_closure(ROOT)
    imports = [
        path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for path in modules
    ]
    return {"imports": imports, "scenarios": scenarios, "cases": cases}


def first_difference(native, wasm, path: str = "") -> str | None:
    """Return where two trajectories first differ, or ``None`` if they match."""
    if isinstance(native, dict) and isinstance(wasm, dict):
        if list(native) != list(wasm):
            return f"{path or 'top level'}: keys {list(native)} != {list(wasm)}"
        for key in native:
            found = first_difference(native[key], wasm[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(native, list) and isinstance(wasm, list):
        for index, (left, right) in enumerate(zip(native, wasm, strict=False)):
            found = first_difference(left, right, f"{path}[{index}]")
            if found:
                return found
        if len(native) != len(wasm):
            return f"{path}: native has {len(native)} items, wasm {len(wasm)}"
        return None
    if native != wasm:
        return f"{path}: native {_readable(native)} != wasm {_readable(wasm)}"
    return None


def _readable(value) -> str:
    if isinstance(value, str) and value.startswith(("0x", "-0x")):
        return f"{value} ({float.fromhex(value)!r})"
    return repr(value)


def describe_difference(native: dict, wasm: dict) -> str | None:
    """Name the first differing round and variable, with both values."""
    for index, (left, right) in enumerate(
        zip(native["rounds"], wasm["rounds"], strict=False)
    ):
        found = first_difference(left, right)
        if found:
            return f"round {left['round']} (rounds[{index}]), field {found.lstrip('.')}"
    return first_difference(native, wasm)


# -------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def batch() -> dict:
    return build_batch()


@pytest.fixture(scope="module")
def native_result(batch) -> dict:
    return trajectory.run_batch(batch)


@pytest.fixture(scope="module")
def wasm_result(batch, tmp_path_factory) -> dict:
    node = shutil.which("node")
    require_tool(node is not None, "Node.js")
    require_tool(
        (PYODIDE_DIR / "pyodide.mjs").is_file(),
        f"the pyodide npm package in {PYODIDE_DIR} (run `npm ci`)",
    )
    modules, _ = engine_import_closure(ROOT)
    input_path = tmp_path_factory.mktemp("wasm") / "input.json"
    input_path.write_text(
        json.dumps(
            {
                "root": str(ROOT),
                "modules": modules,
                "harness": str(HARNESS.relative_to(ROOT)),
                "batch": batch,
            }
        ),
        encoding="utf-8",
    )
    completed = subprocess.run(
        [node, str(RUNNER), str(input_path)],
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, (
        f"{RUNNER.name} failed with exit code {completed.returncode}:\n"
        f"{completed.stderr[-4000:]}"
    )
    return json.loads(completed.stdout)


# ----------------------------------------------------------------------- tests


def test_scenarios_found():
    assert SCENARIO_FILES, f"no scenario files in {SCENARIOS}"


def test_engine_closure_is_pure():
    files, outside = engine_import_closure(ROOT)
    assert "game/sim/engine.py" in files
    assert "yaml" not in outside, f"the engine path imports yaml: {files}"
    assert "pygame" not in outside, f"the engine path imports pygame: {files}"


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_json_round_trip_keeps_trajectory(case_id, batch, native_result):
    """The JSON form that the browser loads plays exactly like the YAML form."""
    case = next(c for c in batch["cases"] if c["id"] == case_id)
    scenario = load_scenario(SCENARIOS / f"{case['scenario']}.yaml")
    from_yaml = trajectory.trajectory_of(scenario, case["seed"], case["decisions"])
    from_json = native_result["cases"][case_id]
    assert describe_difference(from_yaml, from_json) is None


@pytest.mark.wasm
def test_wasm_runs_under_emscripten(wasm_result):
    assert wasm_result["platform"] == "emscripten"


@pytest.mark.wasm
def test_wasm_imports_whole_closure(batch, wasm_result):
    assert wasm_result["imported"] == sorted(batch["imports"])


@pytest.mark.wasm
def test_wasm_imports_no_yaml(wasm_result):
    assert wasm_result["modules"]["yaml"] is False


@pytest.mark.wasm
def test_wasm_imports_no_pygame(wasm_result):
    assert wasm_result["modules"]["pygame"] is False


def test_batch_draws_events(native_result):
    """At least one case fires an event, so the random stream is compared too."""
    fired = [
        event
        for case in native_result["cases"].values()
        for round_ in case["rounds"]
        for event in round_["events"]
    ]
    assert fired, "no event fired in any case; add seeds or policies that fire one"


@pytest.mark.wasm
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_wasm_trajectory_matches_native(case_id, native_result, wasm_result):
    native = native_result["cases"][case_id]
    wasm = wasm_result["cases"][case_id]
    difference = describe_difference(native, wasm)
    assert difference is None, f"{case_id}: first difference at {difference}"
