"""The built page in headless Chromium, served from 127.0.0.1.

The Python runtime cannot load here: the public runtime host is unreachable
(Chromium resolves no name but 127.0.0.1) and no package ships pygbag's
runtime files. These tests check what a player sees then, and the page
services the game calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from webtools import (
    CHROMIUM_ARGS,
    OFFLINE_ARGS,
    ROOT,
    require_chromium,
    require_entry_point,
)

from game.webbuild.build import BuildOptions, build_web
from game.webbuild.serve import serve_in_thread, server_url

pytestmark = pytest.mark.browser

GERMAN_TITLE = "Das Spiel konnte nicht starten."
ERROR_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def playwright():
    """The Playwright driver, shared by the tests of this module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright):
    """One headless Chromium with no route to any host but 127.0.0.1."""
    launched = playwright.chromium.launch(
        executable_path=require_chromium(), args=OFFLINE_ARGS
    )
    yield launched
    launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that aborts every request not sent to 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1000, "height": 800})

    def loopback_only(route):
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", loopback_only)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def serve():
    """Serve folders on 127.0.0.1; every server stops after the test."""
    servers = []

    def start(directory: Path) -> str:
        server = serve_in_thread(directory)
        servers.append(server)
        return server_url(server)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def build_site(tmp_path: Path, cdn: str) -> Path:
    require_entry_point()
    output = tmp_path / "web"
    build_web(BuildOptions(ROOT, output, cdn=cdn))
    return output


def expect_runtime_error(page, runtime_url: str) -> None:
    page.wait_for_selector("#ds-error", state="visible", timeout=ERROR_TIMEOUT_MS)
    assert page.inner_text("#ds-error-title") == GERMAN_TITLE
    text = page.inner_text("#ds-error")
    assert "Die Python-Laufzeitumgebung des Spiels wurde nicht geladen." in text
    assert "The game could not start." in text
    assert page.inner_text("#ds-error-url") == runtime_url
    assert page.is_hidden("#ds-loading")
    visibility = page.evaluate(
        "getComputedStyle(document.getElementById('canvas')).visibility"
    )
    assert visibility == "hidden"


class TestRuntimeUnavailable:
    def test_public_runtime_unreachable(self, web_build, page, serve):
        url = serve(web_build)
        page.goto(url)
        expect_runtime_error(page, "https://pygame-web.github.io/cdn/0.9.3/")
        assert "pythons.js" in page.inner_text("#ds-error-reason")
        # The failure is also announced to screen readers.
        page.wait_for_function(
            "document.getElementById('ds-live').textContent.length > 0"
        )
        assert page.inner_text("#ds-live") == GERMAN_TITLE

    def test_mirror_port_closed(self, tmp_path, page, serve, free_port):
        runtime = f"http://127.0.0.1:{free_port}/pygbag/0.9.3/"
        site = build_site(tmp_path, runtime)
        page.goto(serve(site))
        expect_runtime_error(page, runtime)

    def test_mirror_files_missing(self, tmp_path, page, serve):
        site = build_site(tmp_path, "runtime/")
        url = serve(site)
        page.goto(url)
        expect_runtime_error(page, url + "runtime/")

    def test_runtime_never_starts(self, tmp_path, page, serve):
        # A mirror whose loader script loads but never starts Python: only the
        # page's timeout can tell the player.
        site = build_site(tmp_path, "runtime/")
        (site / "runtime").mkdir()
        (site / "runtime" / "pythons.js").write_text("// stalled\n", encoding="utf-8")
        url = serve(site)
        page.clock.install()
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.is_hidden("#ds-error")
        assert page.is_visible("#ds-loading")
        page.clock.fast_forward(91_000)
        expect_runtime_error(page, url + "runtime/")
        assert "timeout after 90 s" in page.inner_text("#ds-error-reason")

    def test_late_start_hides_error(self, tmp_path, page, serve):
        site = build_site(tmp_path, "runtime/")
        page.goto(serve(site))
        expect_runtime_error(page, page.url + "runtime/")
        page.evaluate("window.dsRuntimeStarted()")
        assert page.is_hidden("#ds-error")
        visibility = page.evaluate(
            "getComputedStyle(document.getElementById('canvas')).visibility"
        )
        assert visibility == "visible"


class TestPageServices:
    @pytest.fixture
    def site_url(self, web_build, serve):
        return serve(web_build)

    def test_announce_fills_live_region(self, page, site_url):
        page.goto(site_url)
        page.evaluate("window.dsAnnounce('Runde 3 beginnt')")
        page.wait_for_function(
            "document.getElementById('ds-live').textContent === 'Runde 3 beginnt'"
        )
        region = page.locator("#ds-live")
        assert region.get_attribute("aria-live") == "polite"

    def test_storage_round_trip(self, page, site_url):
        page.goto(site_url)
        stored = page.evaluate("window.dsStorageSet('datenschatz.test', 'ja')")
        assert stored is True
        assert page.evaluate("window.dsStorageGet('datenschatz.test')") == "ja"
        assert page.evaluate("window.dsStorageGet('missing.key')") is None

    def test_storage_blocked(self, page, site_url):
        # Private modes and disabled storage make localStorage throw.
        page.add_init_script(
            "Object.defineProperty(window, 'localStorage', {get() {"
            " throw new DOMException('denied', 'SecurityError'); }});"
        )
        page.goto(site_url)
        assert page.evaluate("window.dsStorageSet('k', 'v')") is False
        assert page.evaluate("window.dsStorageGet('k')") is None

    def test_download_offers_file(self, page, site_url, tmp_path):
        page.goto(site_url)
        text = '{"format": "datenschatz-ergebnis", "team": "Eichhörnchen"}\n'
        with page.expect_download() as info:
            accepted = page.evaluate(
                "([name, text]) => window.dsDownload(name, text)",
                ["datenschatz-sozialraeume-eichhoernchen.json", text],
            )
        assert accepted is True
        download = info.value
        assert download.suggested_filename == (
            "datenschatz-sozialraeume-eichhoernchen.json"
        )
        saved = tmp_path / "result.json"
        download.save_as(saved)
        assert saved.read_text(encoding="utf-8") == text
        # The temporary link is gone again.
        assert page.evaluate("document.querySelectorAll('a[download]').length") == 0

    def test_download_without_blob_urls(self, page, site_url):
        page.add_init_script("window.URL.createObjectURL = undefined;")
        page.goto(site_url)
        assert page.evaluate("window.dsDownload('a.json', '{}')") is False

    @pytest.mark.parametrize(
        ("viewport", "expected"),
        [((1000, 800), (1000, 562.5)), ((1600, 600), (1066.67, 600))],
        ids=["tall-window", "wide-window"],
    )
    def test_canvas_keeps_16_to_9(self, page, site_url, viewport, expected):
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        page.goto(site_url)
        box = page.evaluate(
            "(() => { const r = document.getElementById('canvas')"
            ".getBoundingClientRect(); return [r.width, r.height]; })()"
        )
        assert box[0] == pytest.approx(expected[0], abs=0.5)
        assert box[1] == pytest.approx(expected[1], abs=0.5)


def test_page_works_without_offline_flags(tmp_path, playwright, serve, free_port):
    # Guards the OFFLINE_ARGS setup: with the normal flags and a closed local
    # runtime port the page shows the same error.
    runtime = f"http://127.0.0.1:{free_port}/runtime/"
    site = build_site(tmp_path, runtime)
    browser = playwright.chromium.launch(
        executable_path=require_chromium(), args=CHROMIUM_ARGS
    )
    try:
        page = browser.new_page()
        page.goto(serve(site))
        expect_runtime_error(page, runtime)
    finally:
        browser.close()
