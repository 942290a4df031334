"""The report and guide in headless Chromium: accessibility and printing."""

from __future__ import annotations

import re

import pytest
from testsupport import CHROMIUM_ARGS, ROOT, SCENARIOS

from game.cli import main

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory, team_games):
    folder = tmp_path_factory.mktemp("browser")
    report, guide = folder / "bericht.html", folder / "leitfaden.html"
    codes = [code for _, _, code in team_games]
    set_path = str(SCENARIOS / "sets" / "einfuehrung_90.yaml")
    assert (
        main(["workshop", "report", *codes, "--set", set_path, "--out", str(report)])
        == 0
    )
    assert main(["workshop", "guide", set_path, "--out", str(guide)]) == 0
    return {"report": report, "guide": guide}


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    from testsupport import CHROMIUM, require_tool

    require_tool(__import__("pathlib").Path(CHROMIUM).exists(), "Chromium")
    require_tool(AXE.exists(), "axe-core in node_modules")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            offline=True,
        )
        yield context
        context.close()


@pytest.mark.parametrize("name", ["report", "guide"])
def test_no_accessibility_violations(browser_context, pages, name):
    page = browser_context.new_page()
    page.goto(pages[name].as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})"
    )
    problems = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in result["violations"]
    ]
    assert result["passes"], "axe-core ran no checks"
    assert problems == []
    page.close()


def test_report_prints_to_pdf(browser_context, pages):
    page = browser_context.new_page()
    page.goto(pages["report"].as_uri())
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    assert pdf.startswith(b"%PDF")
    # A4 pages: the contents and results, the charts and the wide tables.
    pages_printed = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages_printed >= 3, pages_printed


def test_report_loads_nothing_from_network(browser_context, pages):
    page = browser_context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(pages["report"].as_uri())
    page.close()
    assert requests == [pages["report"].as_uri()]
