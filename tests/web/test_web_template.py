"""The page template: language, fallback texts, live region and loader code."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser

from webtools import ROOT

TEMPLATE = ROOT / "build" / "web_template" / "index.tmpl"


class ElementCollector(HTMLParser):
    """Record each element's attributes and the text inside selected ids."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        self._open.append(attributes.get("id") or tag)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for key in self._open:
            self.texts[key] = self.texts.get(key, "") + data


def parsed() -> ElementCollector:
    collector = ElementCollector()
    collector.feed(TEMPLATE.read_text(encoding="utf-8"))
    return collector


def element(tag: str, **wanted) -> dict:
    for name, attributes in parsed().elements:
        if name == tag and all(attributes.get(k) == v for k, v in wanted.items()):
            return attributes
    raise AssertionError(f"no <{tag}> with {wanted}")


def test_page_language_german():
    assert element("html")["lang"] == "de"


def test_title_german():
    text = TEMPLATE.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert title == "Datenschatz – Lernspiel zur Datenzusammenarbeit von Kommunen"


def test_live_region_polite_and_hidden():
    region = element("div", id="ds-live")
    assert region["aria-live"] == "polite"
    assert region["class"] == "ds-visually-hidden"
    css = TEMPLATE.read_text(encoding="utf-8")
    assert re.search(r"\.ds-visually-hidden \{[^}]*clip-path: inset\(50%\)", css)


def test_noscript_german_first():
    text = TEMPLATE.read_text(encoding="utf-8")
    block = re.search(r"<noscript>(.*?)</noscript>", text, re.S).group(1)
    german = block.index('lang="de"')
    english = block.index('lang="en"')
    assert german < english
    assert "braucht JavaScript" in block


def test_error_text_german_and_english():
    collector = parsed()
    assert element("div", id="ds-error")["role"] == "alert"
    assert collector.texts["ds-error-title"] == "Das Spiel konnte nicht starten."
    error_text = collector.texts["ds-error"]
    assert error_text.index("Python-Laufzeitumgebung") < error_text.index(
        "The game could not start."
    )


def test_page_functions_defined():
    text = TEMPLATE.read_text(encoding="utf-8")
    for function in ("dsAnnounce", "dsStorageGet", "dsStorageSet", "dsRuntimeStarted"):
        assert f"window.{function} = function" in text
    # Storage access is wrapped, because localStorage throws in private modes.
    assert text.count("} catch (error) {") >= 2


def test_canvas_scaled_with_aspect_ratio():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert "width: min(100vw, calc(100vh * 16 / 9)) !important;" in text
    assert "height: min(100vh, calc(100vw * 9 / 16)) !important;" in text
    canvas = element("canvas", id="canvas")
    assert (canvas["width"], canvas["height"]) == ("1280", "720")


def test_loader_block_is_valid_python():
    text = TEMPLATE.read_text(encoding="utf-8")
    block = re.search(r'data-os="[^"]*" async defer>(.*?)</script>', text, re.S).group(
        1
    )
    # Fill in pygbag's keys the way pygbag 0.9.3 does: plain text replacement.
    for key, value in {
        "archive": "datenschatz",
        "cdn": "https://example.org/",
    }.items():
        block = block.replace("{{cookiecutter." + key + "}}", value)
    assert "{{" not in block
    tree = ast.parse(block)
    names = [node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)]
    # pygbag's asyncio shim recognises the loader coroutine by this name.
    assert names == ["custom_site"]
    assert "<script" not in block
