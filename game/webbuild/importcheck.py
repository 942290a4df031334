"""Find the modules the browser imports and check that pygbag can load them.

Starting at the browser entry module, the check parses every project module
with :mod:`ast` and follows its imports of project modules. Every other
import is one of three kinds. Standard library modules that pygbag's CPython
3.12 build contains and ``pygame`` (pygbag installs pygame-ce itself) can
load; everything else cannot.

Imports at module level run when the game starts, so an import the browser
cannot load fails the build. Imports inside a function run only when the
function is called; they give a warning instead, because the function may be
one that runs only on the desktop. A trailing ``# webbuild: desktop-only``
comment on the import line (or a comment line directly above it) states that
and silences the warning; such an import is neither checked nor staged.
Imports under ``if TYPE_CHECKING:`` never run and are skipped.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.content.errors import Location, Problem
from game.content.messages import register, render

#: Comment that marks an import as one the browser never runs.
DESKTOP_ONLY_MARK = "webbuild: desktop-only"

#: Top-level packages of the project; their modules are staged.
PROJECT_PACKAGES = ("game",)

#: Third-party packages the browser runtime provides (pygbag 0.9 installs the
#: pygame-ce wheel from its package index when ``main.py`` imports pygame).
BROWSER_PACKAGES = frozenset({"pygame"})


class _Text:
    """A German and an English phrase, rendered by the message catalogue."""

    def __init__(self, german: str, english: str):
        self.german = german
        self.english = english

    def render(self, lang: str) -> str:
        return self.english if lang == "en" else self.german


_NO_GUI = _Text(
    "die Seite hat kein Tk und kein Terminal", "the page has no Tk and no terminal"
)
_NO_PROCESSES = _Text(
    "WebAssembly im Browser kann keine Prozesse starten",
    "WebAssembly in a browser cannot start processes",
)
_NOT_IN_EMSCRIPTEN = _Text(
    "laut Python-Dokumentation nicht für Emscripten verfügbar",
    "not available on Emscripten according to the Python documentation",
)
_REMOVED_312 = _Text(
    "in Python 3.12 entfernt, das pygbag 0.9 verwendet",
    "removed in Python 3.12, which pygbag 0.9 uses",
)
_WINDOWS_ONLY = _Text("nur unter Windows vorhanden", "exists only on Windows")

#: Standard library modules that the browser cannot import or use, with the
#: reason. pygbag 0.9.3 runs CPython 3.12 built for wasm32-emscripten.
# NOTE: compiled from the CPython 3.12 "not Emscripten" availability notes and
# the 3.12 removals; pygbag's own build was not inspected module by module.
UNAVAILABLE_STDLIB: dict[str, _Text] = {
    "tkinter": _NO_GUI,
    "turtle": _NO_GUI,
    "turtledemo": _NO_GUI,
    "idlelib": _NO_GUI,
    "curses": _NO_GUI,
    "readline": _NO_GUI,
    "pty": _NO_GUI,
    "multiprocessing": _NO_PROCESSES,
    "subprocess": _NO_PROCESSES,
    "ensurepip": _NOT_IN_EMSCRIPTEN,
    "venv": _NOT_IN_EMSCRIPTEN,
    "dbm": _NOT_IN_EMSCRIPTEN,
    "resource": _NOT_IN_EMSCRIPTEN,
    "syslog": _NOT_IN_EMSCRIPTEN,
    "distutils": _REMOVED_312,
    "imp": _REMOVED_312,
    "asynchat": _REMOVED_312,
    "asyncore": _REMOVED_312,
    "smtpd": _REMOVED_312,
    "msvcrt": _WINDOWS_ONLY,
    "winreg": _WINDOWS_ONLY,
    "winsound": _WINDOWS_ONLY,
    "_winapi": _WINDOWS_ONLY,
    "nt": _WINDOWS_ONLY,
}

register(
    {
        "web_ctx_module": ("in Modul `{module}`", "in module `{module}`"),
        "web_ctx_chain": (
            "in Modul `{module}` (vom Browser geladen über {chain})",
            "in module `{module}` (loaded by the browser through {chain})",
        ),
        "web_import_unavailable": (
            "Import von `{name}`: Die Browser-Laufzeit (pygbag) stellt dieses Paket "
            "nicht bereit. Laden Sie im Browser kompiliertes JSON statt `{name}`, oder "
            "verschieben Sie den Import in eine Funktion, die nur auf dem Desktop "
            "läuft, und markieren Sie die Zeile mit `# webbuild: desktop-only`.",
            "imports `{name}`, which the browser runtime (pygbag) does not provide. "
            "Load compiled JSON in the browser instead of using `{name}`, or move the "
            "import into a function that runs only on the desktop and mark the line "
            "with `# webbuild: desktop-only`.",
        ),
        "web_import_stdlib_unavailable": (
            "Import von `{name}`: Dieses Modul der Standardbibliothek funktioniert im "
            "Browser nicht ({reason}). Entfernen Sie den Import vom Browser-Pfad.",
            "imports `{name}`, a standard library module that does not work in the "
            "browser ({reason}). Remove the import from the browser path.",
        ),
        "web_import_deferred": (
            "Import von `{name}` in einer Funktion; der Browser kann `{blocked}` nicht "
            "laden{where}. Die Funktion darf nur auf dem Desktop laufen; markieren Sie "
            "die Zeile dann mit `# webbuild: desktop-only`.",
            "imports `{name}` inside a function, but the browser cannot load "
            "`{blocked}`{where}. The function must run only on the desktop; then mark "
            "the line with `# webbuild: desktop-only`.",
        ),
        "web_where": (" (benötigt in {location})", " (needed at {location})"),
        "web_module_missing": (
            "Import von `{name}`: weder `{base}.py` noch `{base}/__init__.py` "
            "gefunden. Prüfen Sie den Modulnamen.",
            "imports `{name}`, but neither `{base}.py` nor `{base}/__init__.py` "
            "exists. Check the module name.",
        ),
        "web_syntax_error": (
            "Python-Syntaxfehler: {detail}. Beheben Sie ihn vor dem Web-Build.",
            "Python syntax error: {detail}. Fix it before building for the web.",
        ),
    }
)


@dataclass(frozen=True)
class ImportRef:
    """One imported module name found in a source file.

    Attributes:
        module: Absolute dotted module name.
        location: Position of the import statement.
        deferred: Whether the import sits inside a function body.
        desktop_only: Whether the line carries the desktop-only mark.
    """

    module: str
    location: Location
    deferred: bool
    desktop_only: bool


@dataclass
class ModuleInfo:
    """A project module with the imports found in it."""

    name: str
    path: Path
    display_path: str
    imports: list[ImportRef] = field(default_factory=list)


@dataclass
class ImportReport:
    """Result of :func:`check_browser_imports`.

    Attributes:
        modules: Project modules the browser loads, by dotted name, in the
            order they were found; these are staged.
        errors: Problems that fail the build.
        warnings: Problems in imports inside functions.
    """

    modules: dict[str, ModuleInfo]
    errors: list[Problem]
    warnings: list[Problem]


def is_project_module(name: str) -> bool:
    """Return whether ``name`` belongs to one of :data:`PROJECT_PACKAGES`."""
    return name.split(".")[0] in PROJECT_PACKAGES


def find_module_file(root: Path, name: str) -> Path | None:
    """Return the source file of project module ``name`` under ``root``, if any."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def is_namespace_package(root: Path, name: str) -> bool:
    """Return whether ``name`` is a folder without ``__init__.py`` (PEP 420)."""
    return (
        find_module_file(root, name) is None
        and root.joinpath(*name.split(".")).is_dir()
    )


def _missing_params(name: str) -> dict:
    return {"name": name, "base": "/".join(name.split("."))}


class _ImportCollector(ast.NodeVisitor):
    """Collect the imports of one module with their kind and position."""

    def __init__(self, module: ModuleInfo, is_package: bool, root: Path, lines):
        self.module = module
        self.is_package = is_package
        self.root = root
        self.lines = lines
        self.function_depth = 0

    def _marked(self, line: int) -> bool:
        current = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        before = self.lines[line - 2].strip() if line >= 2 else ""
        if "#" in current and DESKTOP_ONLY_MARK in current.split("#", 1)[1]:
            return True
        return before.startswith("#") and DESKTOP_ONLY_MARK in before

    def _add(self, name: str, node: ast.stmt) -> None:
        location = Location(self.module.display_path, node.lineno, node.col_offset + 1)
        self.module.imports.append(
            ImportRef(
                name, location, self.function_depth > 0, self._marked(node.lineno)
            )
        )

    def _visit_function(self, node) -> None:
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function
    visit_Lambda = _visit_function

    def visit_If(self, node: ast.If) -> None:
        # `if TYPE_CHECKING:` bodies never run; their `else` does.
        test = node.test
        name = getattr(test, "id", None) or getattr(test, "attr", None)
        if name == "TYPE_CHECKING":
            for statement in node.orelse:
                self.visit(statement)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._absolute_base(node)
        if base is None:
            return
        self._add(base, node)
        # `from package import name` also loads the submodule `package.name`.
        if is_project_module(base):
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if find_module_file(self.root, submodule) is not None:
                    self._add(submodule, node)

    def _absolute_base(self, node: ast.ImportFrom) -> str | None:
        if not node.level:
            return node.module
        parts = self.module.name.split(".")
        # A package's own name is its import base; a plain module's is its parent.
        keep = len(parts) - node.level + (1 if self.is_package else 0)
        if keep <= 0:
            return None
        base = ".".join(parts[:keep])
        return f"{base}.{node.module}" if node.module else base


def parse_module(
    root: Path, name: str, path: Path
) -> tuple[ModuleInfo, Problem | None]:
    """Parse one project module and collect its imports.

    Returns:
        The module, and a located problem if the file is not valid Python.
    """
    display = path.relative_to(root).as_posix()
    info = ModuleInfo(name, path, display)
    source = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(source, filename=display)
    except SyntaxError as error:
        location = Location(display, error.lineno or 1, error.offset or 1)
        return info, Problem(location, "web_syntax_error", {"detail": error.msg})
    collector = _ImportCollector(
        info, path.name == "__init__.py", root, source.splitlines()
    )
    collector.visit(tree)
    return info, None


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:index]) for index in range(1, len(parts) + 1)]


def _external_problem(ref: ImportRef) -> tuple[str, dict] | None:
    top = ref.module.split(".")[0]
    if top in UNAVAILABLE_STDLIB:
        return "web_import_stdlib_unavailable", {
            "name": top,
            "reason": UNAVAILABLE_STDLIB[top],
        }
    if top in sys.stdlib_module_names or top in BROWSER_PACKAGES:
        return None
    return "web_import_unavailable", {"name": top}


class _Graph:
    """Parsed project modules with memoized blocking problems."""

    def __init__(self, root: Path):
        self.root = root
        self.modules: dict[str, ModuleInfo] = {}
        self.syntax_errors: dict[str, Problem] = {}
        self._blocked: dict[str, list[tuple[Problem, list[str]]]] = {}
        self._in_progress: set[str] = set()

    def module(self, name: str) -> ModuleInfo | None:
        if name not in self.modules:
            path = find_module_file(self.root, name)
            if path is None:
                return None
            info, problem = parse_module(self.root, name, path)
            self.modules[name] = info
            if problem is not None:
                self.syntax_errors[name] = problem
        return self.modules[name]

    def eager_project_imports(self, info: ModuleInfo):
        for ref in info.imports:
            if ref.deferred or ref.desktop_only or not is_project_module(ref.module):
                continue
            for name in _parents(ref.module):
                yield ref, name

    def blocking(self, name: str) -> list[tuple[Problem, list[str]]]:
        """Return the problems that stop ``name`` from loading in the browser.

        Each problem comes with the module chain from ``name`` to the module
        that contains the bad import.
        """
        if name in self._blocked:
            return self._blocked[name]
        if name in self._in_progress:
            # An import cycle: the modules in it report their own problems.
            return []
        self._in_progress.add(name)
        found: list[tuple[Problem, list[str]]] = []
        info = self.module(name)
        if info is not None:
            if name in self.syntax_errors:
                found.append((self.syntax_errors[name], [name]))
            for ref in info.imports:
                if ref.deferred or ref.desktop_only or is_project_module(ref.module):
                    continue
                external = _external_problem(ref)
                if external is not None:
                    found.append((Problem(ref.location, *external), [name]))
            for ref, target in self.eager_project_imports(info):
                if target == name or is_namespace_package(self.root, target):
                    continue
                if self.module(target) is None:
                    params = _missing_params(target)
                    problem = Problem(ref.location, "web_module_missing", params)
                    found.append((problem, [name]))
                    continue
                for problem, chain in self.blocking(target):
                    found.append((problem, [name, *chain]))
        self._in_progress.discard(name)
        self._blocked[name] = _unique(found)
        return self._blocked[name]


def _unique(found):
    seen = set()
    result = []
    for problem, chain in found:
        key = (problem.location, problem.code)
        if key not in seen:
            seen.add(key)
            result.append((problem, chain))
    return result


def _with_context(problem: Problem, chain: list[str]) -> Problem:
    module = chain[-1]
    if len(chain) > 1:
        arrow = " → ".join(chain)
        context = ("web_ctx_chain", {"module": module, "chain": arrow})
    else:
        context = ("web_ctx_module", {"module": module})
    return Problem(problem.location, problem.code, problem.params, context)


def check_browser_imports(root: Path, entry: str) -> ImportReport:
    """Collect the project modules the browser loads from ``entry`` and check them.

    Args:
        root: Project folder that contains the top-level package ``game``.
        entry: Dotted name of the browser entry module.

    Returns:
        The modules to stage (with every parent package), the problems that
        fail the build and the warnings about imports inside functions.
    """
    graph = _Graph(root)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    staged: dict[str, ModuleInfo] = {}

    if graph.module(entry) is None:
        params = _missing_params(entry)
        location = Location(params["base"] + ".py", 1, 1)
        return ImportReport({}, [Problem(location, "web_module_missing", params)], [])

    # The entry's module-level imports must all load; report each root cause once.
    seen_errors = set()
    for parent in _parents(entry):
        for problem, chain in graph.blocking(parent):
            key = (problem.location, problem.code)
            if key not in seen_errors:
                seen_errors.add(key)
                errors.append(_with_context(problem, chain))

    pending = list(_parents(entry))
    while pending:
        name = pending.pop(0)
        if name in staged:
            continue
        info = graph.module(name)
        if info is None:
            continue
        staged[name] = info
        for ref in info.imports:
            if ref.desktop_only:
                continue
            if not is_project_module(ref.module):
                if ref.deferred:
                    warning = _deferred_external_warning(ref)
                    if warning is not None:
                        warnings.append(_with_context(warning, [name]))
                continue
            if not ref.deferred:
                pending.extend(_parents(ref.module))
                continue
            # A lazily imported project module is staged only if it can load.
            blocked = _deferred_blocking(graph, ref.module)
            if blocked is None:
                pending.extend(_parents(ref.module))
            else:
                warnings.append(
                    _with_context(_deferred_chain_warning(ref, blocked), [name])
                )

    return ImportReport(staged, errors, warnings)


def _deferred_external_warning(ref: ImportRef) -> Problem | None:
    if _external_problem(ref) is None:
        return None
    top = ref.module.split(".")[0]
    params = {"name": ref.module, "blocked": top, "where": ""}
    return Problem(ref.location, "web_import_deferred", params)


def _deferred_blocking(graph: _Graph, module: str) -> Problem | None:
    for name in _parents(module):
        if is_namespace_package(graph.root, name):
            continue
        if graph.module(name) is None:
            params = _missing_params(name)
            location = Location(params["base"] + ".py", 1, 1)
            return Problem(location, "web_module_missing", params)
        problems = graph.blocking(name)
        if problems:
            return problems[0][0]
    return None


def _deferred_chain_warning(ref: ImportRef, blocked: Problem) -> Problem:
    if blocked.code == "web_module_missing":
        return Problem(ref.location, "web_module_missing", blocked.params)
    blocked_name = blocked.params.get("name", "?")
    where = _WhereText(str(blocked.location))
    params = {"name": ref.module, "blocked": blocked_name, "where": where}
    return Problem(ref.location, "web_import_deferred", params)


class _WhereText:
    """The localized "(needed at file:line:col)" phrase of a warning."""

    def __init__(self, location: str):
        self.location = location

    def render(self, lang: str) -> str:
        return render("web_where", {"location": self.location}, lang)
