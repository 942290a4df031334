"""Write the e-learning module: static HTML pages and a SCORM 1.2 package.

The static module has an overview page, one page per learning path and one
page per playbook, all in one folder so that the browser game is reachable
at the same relative address from every page (``../web/index.html`` by
default). A path page contains all of its lessons; with JavaScript it shows
one lesson at a time, keeps progress in ``localStorage`` and, inside an LMS,
reports through the SCORM 1.2 API. Without JavaScript every lesson is shown
one after the other, so nothing is hidden from people whose browser blocks
scripts.

The SCORM package holds one SCO per learning path. Each path is a unit
with its own audience (the leadership path takes 30 minutes, the data
champion path about two hours), so an LMS can assign, track and score it
on its own. One SCO per path also keeps every SCO a single page, which
SCORM 1.2 needs: a SCO calls ``LMSInitialize`` once and ``LMSFinish`` once,
so it must not navigate between HTML files.

All text from YAML and Markdown is escaped: Jinja2 runs with autoescape and
Markdown is rendered by markdown-it-py with raw HTML disabled.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from game.learn import markup
from game.learn.compile import compile_content
from game.learn.loader import load_learning_content
from game.learn.model import LearningContent
from game.learn.quiz import path_items, structure_tag

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
#: Default address of the browser game, relative to the e-learning folder.
DEFAULT_GAME_URL = "../web/index.html"
SCORM_FILE = "datenschatz-lernpfade-scorm12.zip"
#: Fixed timestamp for zip entries, so that the same content gives the same bytes.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass
class ExportResult:
    """Files written by :func:`export_elearning`."""

    html_dir: Path
    pages: list[Path]
    scorm_zip: Path | None


def check_game_url(url: str) -> str:
    """Return ``url`` if it is a relative path or an http(s) address.

    Raises:
        ValueError: another scheme, such as ``javascript:`` or ``file:``.
    """
    scheme, colon, _ = url.partition(":")
    if colon and "/" not in scheme and scheme.lower() not in ("http", "https"):
        raise ValueError(
            f"game URL {url!r} uses the scheme {scheme!r}; use http, https or a "
            "relative path such as ../web/index.html"
        )
    return url


def is_absolute_url(url: str) -> bool:
    """Return True for ``http://`` and ``https://`` addresses."""
    return url.lower().startswith(("http://", "https://"))


def export_elearning(
    root: str | Path,
    out_dir: str | Path,
    game_url: str = DEFAULT_GAME_URL,
    scorm: bool = True,
) -> ExportResult:
    """Write the static module to ``out_dir`` and the SCORM zip next to it.

    Args:
        root: Project root with ``learning_paths/`` and ``scenarios/``.
        out_dir: Target folder; pages go directly into it, the SCORM package
            is ``out_dir/datenschatz-lernpfade-scorm12.zip``.
        game_url: Address of the browser game. A relative address is used
            in the static module only, because inside an LMS it would point
            nowhere; the SCORM package links the game only when this is an
            http(s) address.
        scorm: Also write the SCORM package.

    Raises:
        SchemaError: the learning content has problems.
        ValueError: ``game_url`` has a scheme other than http or https.
    """
    check_game_url(game_url)
    content = load_learning_content(root, include_scenario_problems=False)
    data = compile_content(content)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    pages = _write_site(content, data, out_dir, game_url, scorm_mode=False)
    scorm_zip = None
    if scorm:
        scorm_game_url = game_url if is_absolute_url(game_url) else None
        with tempfile.TemporaryDirectory() as scratch:
            package_dir = Path(scratch)
            _write_site(content, data, package_dir, scorm_game_url, scorm_mode=True)
            (package_dir / "imsmanifest.xml").write_text(
                scorm_manifest(content, package_dir), encoding="utf-8"
            )
            scorm_zip = out_dir / SCORM_FILE
            _write_zip(package_dir, scorm_zip)
    log.info("wrote %d pages to %s", len(pages), out_dir)
    return ExportResult(out_dir, pages, scorm_zip)


# ---------------------------------------------------------------- rendering


class _Site:
    """Link targets and text helpers shared by all templates of one build."""

    def __init__(
        self, content: LearningContent, game_url: str | None, scorm_mode: bool
    ):
        self.content = content
        self.game_url = game_url
        self.scorm_mode = scorm_mode
        self.lesson_home: dict[str, str] = {}
        for path in content.paths:
            for lesson in path.lesson_ids:
                self.lesson_home.setdefault(lesson, path.id)

    def lesson_url(self, lesson_id: str, current_path: str | None = None) -> str:
        path_id = current_path
        if (
            current_path is None
            or lesson_id not in self.content.path(current_path).lesson_ids
        ):
            path_id = self.lesson_home[lesson_id]
        prefix = "" if path_id == current_path else path_page(path_id)
        return f"{prefix}#l-{lesson_id}"

    def playbook_url(self, ref: str) -> str:
        playbook_id, _, section = ref.partition("#")
        return playbook_page(playbook_id) + (f"#{section}" if section else "")

    def scenario_url(self, scenario_id: str) -> str:
        return self.game_url or "#spiel-hinweis"

    def resolve(self, href: str, current_path: str | None = None) -> str:
        """Map a Markdown link target to a URL in this build."""
        target = markup.describe_link(href)
        if target["kind"] == "lesson":
            return self.lesson_url(target["id"], current_path)
        if target["kind"] == "playbook":
            return self.playbook_url(href.partition(":")[2])
        if target["kind"] == "scenario":
            return self.scenario_url(target["id"])
        return href

    def markdown(self, text: str, current_path: str | None = None, **options) -> Markup:
        # markdown-it-py escapes all text and drops raw HTML (html=False).
        html = markup.render_html(
            text, lambda href: self.resolve(href, current_path), **options
        )
        return Markup(html)


def path_page(path_id: str) -> str:
    return f"pfad-{path_id}.html"


def playbook_page(playbook_id: str, lang: str = "de") -> str:
    return f"playbook-{playbook_id}{'.en' if lang == 'en' else ''}.html"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    env.globals["de"] = lambda texts: texts.get("de", "") if texts else ""
    env.globals["en"] = lambda texts: texts.get("en") if texts else None
    return env


def _write_site(
    content: LearningContent,
    data: dict,
    out_dir: Path,
    game_url: str | None,
    scorm_mode: bool,
) -> list[Path]:
    env = _environment()
    site = _Site(content, game_url, scorm_mode)
    common = {
        "site": site,
        "content": content,
        "data": data,
        "game_url": game_url,
        "scorm_mode": scorm_mode,
    }
    pages: list[Path] = []

    assets = out_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ("style.css", "lernpfad.js"):
        shutil.copyfile(STATIC_DIR / name, assets / name)

    pages.append(
        _render(
            env,
            "index.html",
            out_dir / "index.html",
            paths=_path_cards(content, data),
            **common,
        )
    )
    for path in content.paths:
        pages.append(
            _render(
                env,
                "path.html",
                out_dir / path_page(path.id),
                path=path,
                page_data=_page_data(data, path.id),
                lessons=_path_lessons(content, path),
                **common,
            )
        )
    backlinks = _playbook_backlinks(content)
    for playbook in content.playbooks.values():
        for lang in playbook.text:
            pages.append(
                _render(
                    env,
                    "playbook.html",
                    out_dir / playbook_page(playbook.id, lang),
                    playbook=playbook,
                    lang=lang,
                    backlinks=backlinks.get(playbook.id, []),
                    **common,
                )
            )
    return pages


def _render(env: Environment, template: str, target: Path, **context) -> Path:
    html = env.get_template(template).render(**context)
    _write_atomic(target, html)
    return target


def _write_atomic(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)


def _path_cards(content: LearningContent, data: dict) -> list[dict]:
    cards = []
    for compiled in data["paths"]:
        lessons, checks = path_items(data, compiled["id"])
        cards.append(
            {
                **compiled,
                "lesson_count": len(lessons),
                "check_count": len(checks),
                "tag": structure_tag(lessons, checks),
            }
        )
    return cards


def _path_lessons(content: LearningContent, path) -> list[dict]:
    """Return the lessons of a path with module, position and neighbours."""
    entries = []
    for module in path.modules:
        for lesson_id in module.lessons:
            entries.append({"lesson": content.lessons[lesson_id], "module": module})
    for index, entry in enumerate(entries):
        entry["previous"] = entries[index - 1]["lesson"] if index > 0 else None
        entry["next"] = (
            entries[index + 1]["lesson"] if index + 1 < len(entries) else None
        )
        entry["number"] = index + 1
    return entries


def _page_data(data: dict, path_id: str) -> dict:
    """Return what ``lernpfad.js`` needs: order, structure tag, checks and titles."""
    lessons, checks = path_items(data, path_id)
    return {
        "path": path_id,
        "tag": structure_tag(lessons, checks),
        "lessons": lessons,
        "titles": {
            lesson: data["lessons"][lesson]["title"]["de"] for lesson in lessons
        },
        "checks": {
            check["key"]: check
            for lesson in lessons
            for check in data["lessons"][lesson]["checks"]
        },
        "check_order": checks,
    }


def _playbook_backlinks(content: LearningContent) -> dict[str, list]:
    backlinks: dict[str, list] = {}
    for path in content.paths:
        for lesson_id in path.lesson_ids:
            lesson = content.lessons[lesson_id]
            for ref in lesson.playbooks:
                playbook_id = ref.partition("#")[0]
                entries = backlinks.setdefault(playbook_id, [])
                if lesson not in entries:
                    entries.append(lesson)
    return backlinks


# -------------------------------------------------------------------- SCORM


def scorm_manifest(content: LearningContent, package_dir: Path) -> str:
    """Return ``imsmanifest.xml`` for SCORM 1.2 with one SCO per path.

    Shared files (style, script, playbook pages) form one asset resource
    that every SCO depends on.
    """
    shared = sorted(
        path.relative_to(package_dir).as_posix()
        for path in package_dir.rglob("*")
        if path.is_file() and not path.name.startswith("pfad-")
    )
    items = []
    resources = []
    for path in content.paths:
        identifier = f"pfad_{path.id}"
        title = xml_escape(path.title["de"])
        items.append(
            f'      <item identifier="item_{path.id}" identifierref="{identifier}">\n'
            f"        <title>{title}</title>\n"
            f"      </item>"
        )
        resources.append(
            f'    <resource identifier="{identifier}" type="webcontent" '
            f'adlcp:scormtype="sco" href={quoteattr(path_page(path.id))}>\n'
            f"      <file href={quoteattr(path_page(path.id))}/>\n"
            f'      <dependency identifierref="gemeinsam"/>\n'
            f"    </resource>"
        )
    files = "\n".join(f"      <file href={quoteattr(name)}/>" for name in shared)
    resources.append(
        '    <resource identifier="gemeinsam" type="webcontent" adlcp:scormtype="asset">\n'
        f"{files}\n"
        "    </resource>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest identifier="datenschatz_lernpfade" version="1.0"\n'
        '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
        '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
        '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
        '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 '
        "imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 "
        'imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">\n'
        "  <metadata>\n"
        "    <schema>ADL SCORM</schema>\n"
        "    <schemaversion>1.2</schemaversion>\n"
        "  </metadata>\n"
        '  <organizations default="datenschatz">\n'
        '    <organization identifier="datenschatz">\n'
        "      <title>Datenschatz – Lernpfade</title>\n"
        + "\n".join(items)
        + "\n    </organization>\n"
        "  </organizations>\n"
        "  <resources>\n" + "\n".join(resources) + "\n  </resources>\n"
        "</manifest>\n"
    )


def _write_zip(source: Path, target: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(path.relative_to(source).as_posix(), ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    os.replace(temporary, target)


def write_compiled_json(root: str | Path, target: str | Path) -> Path:
    """Write :func:`compile_content` output as JSON (for the web build)."""
    data = compile_content(load_learning_content(root))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(target, json.dumps(data, ensure_ascii=False, sort_keys=True))
    return target
