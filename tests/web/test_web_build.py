"""The real web build: archive contents, compiled content, page and CLI errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from webtools import ROOT, require_entry_point, run_cli

from game.content.errors import ContentError
from game.content.scenario import load_scenario
from game.sim.model import scenario_from_dict, scenario_to_dict
from game.webbuild.build import DEFAULT_CDN, BuildError, BuildOptions, build_web

APK = "datenschatz.apk"


def apk_names(site: Path) -> set[str]:
    with zipfile.ZipFile(site / APK) as archive:
        return set(archive.namelist())


def natively_imported_files() -> list[str]:
    """Import the entry module in a fresh interpreter; return its game files.

    This is the independent check of the static import scan: whatever
    CPython really loads for ``game.ui.app`` must be in the archive.
    """
    script = (
        "import sys, game.ui.app\n"
        "for name, module in sorted(sys.modules.items()):\n"
        "    if name.split('.')[0] == 'game' and getattr(module, '__file__', None):\n"
        "        print(module.__file__)\n"
    )
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    }
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    return [
        Path(line).resolve().relative_to(ROOT).as_posix()
        for line in completed.stdout.splitlines()
        if line.endswith(".py")
    ]


class TestArchiveContents:
    def test_site_files(self, web_build):
        assert sorted(path.name for path in web_build.iterdir()) == [
            APK,
            "favicon.png",
            "index.html",
        ]

    def test_main_and_scenarios_present(self, web_build):
        names = apk_names(web_build)
        assert "assets/main.py" in names
        assert "assets/content/scenarios.json" in names

    def test_every_asset_present(self, web_build):
        names = apk_names(web_build)
        assets = [path for path in (ROOT / "assets").rglob("*") if path.is_file()]
        assert assets, "assets/ is empty"
        with zipfile.ZipFile(web_build / APK) as archive:
            for path in assets:
                name = "assets/" + path.relative_to(ROOT).as_posix()
                assert name in names
                assert archive.getinfo(name).file_size == path.stat().st_size

    def test_every_imported_module_present(self, web_build):
        names = apk_names(web_build)
        imported = natively_imported_files()
        assert "game/ui/app.py" in imported
        missing = [path for path in imported if f"assets/{path}" not in names]
        assert missing == []

    def test_ui_data_files_present(self, web_build):
        names = apk_names(web_build)
        data_files = [
            path
            for path in (ROOT / "game" / "ui").rglob("*")
            if path.is_file()
            and path.suffix not in (".py", ".pyc")
            and "__pycache__" not in path.parts
        ]
        if not data_files:
            pytest.skip("game/ui has no data files yet")
        missing = [
            path.relative_to(ROOT).as_posix()
            for path in data_files
            if "assets/" + path.relative_to(ROOT).as_posix() not in names
        ]
        assert missing == []

    def test_build_tools_left_out(self, web_build):
        names = apk_names(web_build)
        for left_out in (
            "assets/game/content/yamlload.py",
            "assets/game/content/scenario.py",
            "assets/game/webbuild/build.py",
            "assets/game/cli.py",
        ):
            assert left_out not in names
        assert not [
            name for name in names if "/tests/" in name or name.endswith(".pyc")
        ]

    def test_scenarios_json_matches_yaml(self, web_build):
        with zipfile.ZipFile(web_build / APK) as archive:
            compiled = json.loads(archive.read("assets/content/scenarios.json"))
        paths = sorted((ROOT / "scenarios").glob("*.yaml"))
        expected = [
            scenario_to_dict(
                load_scenario(path, display_path=path.relative_to(ROOT).as_posix())
            )
            for path in paths
        ]
        assert compiled == json.loads(json.dumps(expected))
        rebuilt = [scenario_from_dict(item) for item in compiled]
        assert [scenario.id for scenario in rebuilt] == [
            item["id"] for item in expected
        ]

    def test_learning_json_matches_content(self, web_build):
        from game.learn import compile_learning_content

        with zipfile.ZipFile(web_build / APK) as archive:
            assert "assets/content/learning.json" in archive.namelist()
            compiled = json.loads(archive.read("assets/content/learning.json"))
        expected = compile_learning_content(ROOT)
        assert compiled == json.loads(json.dumps(expected))
        assert compiled["content_hash"] == expected["content_hash"]
        assert len(compiled["lessons"]) == len(expected["lessons"])

    def test_sets_json_matches_yaml(self, web_build):
        from game.workshop.sets import load_set, set_to_dict

        with zipfile.ZipFile(web_build / APK) as archive:
            assert "assets/content/sets.json" in archive.namelist()
            compiled = json.loads(archive.read("assets/content/sets.json"))
        paths = sorted((ROOT / "scenarios" / "sets").glob("*.yaml"))
        assert paths, "scenarios/sets/ has no set files"
        expected = []
        for path in paths:
            data = set_to_dict(load_set(path))
            # The build stores project-relative paths, not the machine's folders.
            data["source"] = path.relative_to(ROOT).as_posix()
            data["scenario_dir"] = "scenarios"
            expected.append(data)
        assert compiled == json.loads(json.dumps(expected))
        assert [item["id"] for item in compiled] == [path.stem for path in paths]

    def test_main_calls_entry(self, web_build):
        with zipfile.ZipFile(web_build / APK) as archive:
            source = archive.read("assets/main.py").decode("utf-8")
        compile(source, "main.py", "exec")
        assert "from game.ui.app import main" in source
        assert 'asyncio.run(main("web"))' in source
        assert "import pygame" in source

    def test_itch_zip(self, web_build):
        with zipfile.ZipFile(web_build.with_suffix(".zip")) as archive:
            assert sorted(archive.namelist()) == [APK, "favicon.png", "index.html"]
            assert archive.read(APK) == (web_build / APK).read_bytes()


class TestPage:
    def test_placeholders_filled(self, web_build):
        page = (web_build / "index.html").read_text(encoding="utf-8")
        assert "{{cookiecutter" not in page
        assert "@DS_PACKAGE_INDEX@" not in page
        assert f'src="{DEFAULT_CDN}pythons.js"' in page
        assert 'bundle = "datenschatz"' in page
        assert "ume_block: 0," in page
        assert '<html lang="de">' in page

    def test_cdn_and_package_index(self, tmp_path):
        require_entry_point()
        output = tmp_path / "site"
        options = BuildOptions(
            ROOT,
            output,
            cdn="https://intranet.example/pygbag/0.9.3",
            package_index="https://intranet.example/pygbag/",
        )
        build_web(options)
        page = (output / "index.html").read_text(encoding="utf-8")
        assert 'src="https://intranet.example/pygbag/0.9.3/pythons.js"' in page
        assert 'package_index = "https://intranet.example/pygbag/"' in page
        assert "pygame-web.github.io" not in page


class TestErrors:
    def test_invalid_scenario_is_located(self, template_project):
        bad = template_project / "scenarios" / "kaputt.yaml"
        bad.write_text("id: kaputt\ntitel: [unclosed\n", encoding="utf-8")
        output = template_project / "out"
        with pytest.raises(ContentError) as caught:
            build_web(BuildOptions(template_project, output))
        locations = [str(problem.location) for problem in caught.value.problems]
        assert locations
        assert all(
            location.startswith("scenarios/kaputt.yaml:") for location in locations
        )
        assert not output.exists()

    def test_cli_bad_cdn_exit_code(self, tmp_path):
        completed = run_cli(
            "--lang",
            "en",
            "build-web",
            "--cdn",
            "ftp://x/",
            "--output",
            str(tmp_path / "web"),
        )
        assert completed.returncode == 2
        assert (
            "--cdn 'ftp://x/': expected an http(s) address or a path"
            in completed.stderr
        )
        assert not (tmp_path / "web").exists()

    @pytest.mark.parametrize(
        "url",
        ["ftp://host/x/", "https://", "https://host/x/?v=1", ""],
        ids=["ftp", "no-host", "query", "empty"],
    )
    def test_bad_runtime_address_rejected(self, template_project, url):
        with pytest.raises(BuildError) as caught:
            build_web(BuildOptions(template_project, template_project / "out", cdn=url))
        assert caught.value.usage

    def test_missing_template_reported(self, template_project):
        (template_project / "build" / "web_template" / "index.tmpl").unlink()
        with pytest.raises(BuildError) as caught:
            build_web(BuildOptions(template_project, template_project / "out"))
        assert caught.value.detail.endswith("index.tmpl fehlt / is missing")
