"""The browser import check: what it stages, rejects and warns about."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from webtools import ROOT

from game.webbuild.build import BuildError, BuildOptions, build_web
from game.webbuild.importcheck import check_browser_imports


def write_modules(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: source}`` under ``root``, dedenting the sources."""
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")


BASE = {
    "game/__init__.py": "",
    "game/ui/__init__.py": "",
}


class TestRejectedImports:
    def test_module_level_yaml_is_error(self, tmp_path):
        write_modules(
            tmp_path,
            {**BASE, "game/ui/app.py": "import json\nimport yaml\n"},
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert [problem.format("en") for problem in report.errors] == [
            "game/ui/app.py:2:1: in module `game.ui.app`: imports `yaml`, which the "
            "browser runtime (pygbag) does not provide. Load compiled JSON in the "
            "browser instead of using `yaml`, or move the import into a function that "
            "runs only on the desktop and mark the line with "
            "`# webbuild: desktop-only`."
        ]

    def test_error_in_german(self, tmp_path):
        write_modules(
            tmp_path, {**BASE, "game/ui/app.py": "from yaml import safe_load\n"}
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors[0].format("de") == (
            "game/ui/app.py:1:1: in Modul `game.ui.app`: Import von `yaml`: Die "
            "Browser-Laufzeit (pygbag) stellt dieses Paket nicht bereit. Laden Sie im "
            "Browser kompiliertes JSON statt `yaml`, oder verschieben Sie den Import in "
            "eine Funktion, die nur auf dem Desktop läuft, und markieren Sie die Zeile "
            "mit `# webbuild: desktop-only`."
        )

    def test_error_names_import_chain(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": "from game.ui import loader\n",
                "game/ui/loader.py": "import os\n\n\nimport jsonschema.validators\n",
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert [problem.format("en") for problem in report.errors] == [
            "game/ui/loader.py:4:1: in module `game.ui.loader` (loaded by the browser "
            "through game.ui.app → game.ui.loader): imports `jsonschema`, which the "
            "browser runtime (pygbag) does not provide. Load compiled JSON in the "
            "browser instead of using `jsonschema`, or move the import into a function "
            "that runs only on the desktop and mark the line with "
            "`# webbuild: desktop-only`."
        ]

    @pytest.mark.parametrize(
        ("statement", "reason"),
        [
            ("import tkinter", "the page has no Tk and no terminal"),
            ("import subprocess", "WebAssembly in a browser cannot start processes"),
            ("import distutils.util", "removed in Python 3.12, which pygbag 0.9 uses"),
        ],
        ids=["tkinter", "subprocess", "distutils"],
    )
    def test_unusable_stdlib_is_error(self, tmp_path, statement, reason):
        write_modules(tmp_path, {**BASE, "game/ui/app.py": f"import os\n{statement}\n"})
        report = check_browser_imports(tmp_path, "game.ui.app")
        name = statement.split()[1].split(".")[0]
        assert [problem.format("en") for problem in report.errors] == [
            f"game/ui/app.py:2:1: in module `game.ui.app`: imports `{name}`, a "
            f"standard library module that does not work in the browser ({reason}). "
            "Remove the import from the browser path."
        ]

    def test_missing_project_module_is_error(self, tmp_path):
        write_modules(tmp_path, {**BASE, "game/ui/app.py": "import game.ui.nothing\n"})
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert [problem.format("en") for problem in report.errors] == [
            "game/ui/app.py:1:1: in module `game.ui.app`: imports `game.ui.nothing`, "
            "but neither `game/ui/nothing.py` nor `game/ui/nothing/__init__.py` exists. "
            "Check the module name."
        ]

    def test_syntax_error_is_located(self, tmp_path):
        write_modules(tmp_path, {**BASE, "game/ui/app.py": "import os\ndef broken(:\n"})
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert len(report.errors) == 1
        text = report.errors[0].format("en")
        assert text.startswith("game/ui/app.py:2:")
        assert "in module `game.ui.app`: Python syntax error: invalid syntax." in text

    def test_build_stops_before_pygbag(self, template_project):
        write_modules(
            template_project,
            {
                "game/ui/__init__.py": "",
                "game/ui/app.py": "import asyncio\nimport yaml\n\n\nasync def main(p):\n"
                "    pass\n",
            },
        )
        output = template_project / "out" / "web"
        with pytest.raises(BuildError) as caught:
            build_web(BuildOptions(template_project, output))
        messages = [problem.format("en") for problem in caught.value.problems]
        assert len(messages) == 1
        assert messages[0].startswith(
            "game/ui/app.py:2:1: in module `game.ui.app`: imports `yaml`, which the "
            "browser runtime (pygbag) does not provide."
        )
        assert not output.exists()


class TestAcceptedImports:
    def test_stdlib_pygame_and_project_pass(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": """
                    from __future__ import annotations
                    import asyncio, json, platform
                    import pygame.freetype
                    from . import helper
                    from .sub.deep import VALUE
                """,
                "game/ui/helper.py": "from ..sim import model\n",
                "game/ui/sub/__init__.py": "",
                "game/ui/sub/deep.py": "VALUE = 1\n",
                "game/sim/__init__.py": "",
                "game/sim/model.py": "import dataclasses\n",
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors == []
        assert report.warnings == []
        assert sorted(report.modules) == [
            "game",
            "game.sim",
            "game.sim.model",
            "game.ui",
            "game.ui.app",
            "game.ui.helper",
            "game.ui.sub",
            "game.ui.sub.deep",
        ]

    def test_unimported_modules_not_staged(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": "import os\n",
                "game/content/__init__.py": "",
                "game/content/yamlload.py": "import yaml\n",
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors == []
        assert "game.content.yamlload" not in report.modules

    def test_type_checking_imports_skipped(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": """
                    from typing import TYPE_CHECKING
                    if TYPE_CHECKING:
                        import yaml
                    else:
                        import json
                """,
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors == []
        assert report.warnings == []


class TestDeferredImports:
    def test_function_import_is_warning(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": "def desktop_dirs():\n    import platformdirs\n",
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors == []
        assert [problem.format("en") for problem in report.warnings] == [
            "game/ui/app.py:2:5: in module `game.ui.app`: imports `platformdirs` inside "
            "a function, but the browser cannot load `platformdirs`. The function must "
            "run only on the desktop; then mark the line with "
            "`# webbuild: desktop-only`."
        ]

    def test_function_import_chain_not_staged(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": "def load():\n    from game.content import scenario\n",
                "game/content/__init__.py": "",
                "game/content/scenario.py": "from game.content.yamlload import load\n",
                "game/content/yamlload.py": "import logging\nimport yaml\n",
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors == []
        assert [problem.format("en") for problem in report.warnings] == [
            "game/ui/app.py:2:5: in module `game.ui.app`: imports "
            "`game.content.scenario` inside a function, but the browser cannot load `yaml` (needed at "
            "game/content/yamlload.py:2:1). The function must run only on the desktop; "
            "then mark the line with `# webbuild: desktop-only`."
        ]
        assert "game.content.scenario" not in report.modules
        assert "game.content.yamlload" not in report.modules

    def test_loadable_function_import_staged(self, tmp_path):
        write_modules(
            tmp_path,
            {
                **BASE,
                "game/ui/app.py": "def later():\n    from game.ui import scene\n",
                "game/ui/scene.py": "import json\n",
            },
        )
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.warnings == []
        assert "game.ui.scene" in report.modules

    @pytest.mark.parametrize(
        "source",
        [
            "def load():\n    import yaml  # webbuild: desktop-only\n",
            "def load():\n    # webbuild: desktop-only (YAML editing loop)\n"
            "    import yaml\n",
        ],
        ids=["trailing-comment", "comment-above"],
    )
    def test_desktop_only_mark_silences(self, tmp_path, source):
        write_modules(tmp_path, {**BASE, "game/ui/app.py": source})
        report = check_browser_imports(tmp_path, "game.ui.app")
        assert report.errors == []
        assert report.warnings == []


def test_real_entry_point_passes():
    if not (ROOT / "game" / "ui" / "app.py").is_file():
        pytest.skip("game/ui/app.py does not exist yet")
    report = check_browser_imports(ROOT, "game.ui.app")
    assert [problem.format("en") for problem in report.errors] == []
    assert "game.content.yamlload" not in report.modules
    assert "game.webbuild.build" not in report.modules
