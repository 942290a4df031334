"""Sub-commands ``build-web`` and ``serve`` of ``python -m game``."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

import game
from game.content.errors import ContentError, Problem
from game.webbuild.build import DEFAULT_CDN, BuildError, BuildOptions, build_web
from game.webbuild.serve import make_server, server_url

log = logging.getLogger(__name__)

#: Repository folder that contains the ``game`` package.
PROJECT_ROOT = Path(game.__file__).resolve().parent.parent

# CLI texts, German first and English second.
TEXTS = {
    "done": (
        "Web-Build fertig in {seconds:.1f} s: {output} ({scenarios} Szenario(s), "
        "Archiv {apk} mit {size_kb:.0f} KB).",
        "Web build done in {seconds:.1f} s: {output} ({scenarios} scenario(s), "
        "archive {apk} of {size_kb:.0f} KB).",
    ),
    "zip": ("Zip für itch.io: {path}", "Zip for itch.io: {path}"),
    "warning": ("Warnung: {text}", "warning: {text}"),
    "failed": (
        "Web-Build abgebrochen: {count} Problem(e).",
        "Web build stopped: {count} problem(s).",
    ),
    "serving": (
        "Datenschatz läuft unter {url} (Strg+C beendet den Server).",
        "Datenschatz is served at {url} (Ctrl+C stops the server).",
    ),
    "no_build": (
        "Kein Web-Build in {output}. Starten Sie `python -m game build-web` oder "
        "lassen Sie `--no-build` weg.",
        "no web build in {output}. Run `python -m game build-web` or leave out "
        "`--no-build`.",
    ),
    "port_busy": (
        "Port {port} auf 127.0.0.1 ist nicht verfügbar ({reason}). Wählen Sie einen "
        "anderen mit --port oder lassen Sie --port weg.",
        "port {port} on 127.0.0.1 is not available ({reason}). Choose another with "
        "--port or leave out --port.",
    ),
    "stopped": ("Server beendet.", "Server stopped."),
}


def say(key: str, lang: str, **params) -> str:
    german, english = TEXTS[key]
    return (english if lang == "en" else german).format(**params)


def _add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cdn",
        default=DEFAULT_CDN,
        metavar="URL",
        help=(
            "address the browser loads the Python runtime from, for example a "
            f"self-hosted mirror (default: {DEFAULT_CDN})"
        ),
    )
    parser.add_argument(
        "--package-index",
        default="",
        metavar="URL",
        help=(
            "address of a mirrored pygbag package index with the pygame-ce wheel "
            "(default: pygbag's own index)"
        ),
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=PROJECT_ROOT / "build" / "web",
        metavar="DIR",
        help="folder for index.html and the .apk archive (default: build/web)",
    )


def register(subparsers) -> None:
    build = subparsers.add_parser(
        "build-web",
        help="build the browser version with pygbag into build/web/",
        description=(
            "Validate the scenarios, compile them to JSON, check the browser's imports "
            "and package the game with pygbag. Needs no network access. Exit code 1 "
            "for content or import problems, 2 for invalid options."
        ),
    )
    _add_build_arguments(build)
    build.add_argument(
        "--archive",
        action="store_true",
        help="also write the site as a zip for itch.io (build/web.zip)",
    )
    build.set_defaults(handler=cmd_build_web)

    serve = subparsers.add_parser(
        "serve",
        help="build the browser version and serve it on 127.0.0.1",
        description=(
            "Build the browser version (unless --no-build) and serve it on "
            "127.0.0.1 until Ctrl+C."
        ),
    )
    _add_build_arguments(serve)
    serve.add_argument(
        "--port",
        type=int,
        default=0,
        help="TCP port on 127.0.0.1 (default: a free port)",
    )
    serve.add_argument(
        "--no-build",
        action="store_true",
        help="serve the existing build without building first",
    )
    serve.set_defaults(handler=cmd_serve, archive=False)


def _print_problems(problems: list[Problem], lang: str, root: Path) -> None:
    for problem in problems:
        lines = None
        if problem.location is not None:
            path = root / problem.location.path
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = None
        print(problem.format_with_snippet(lines, lang), file=sys.stderr)


def run_build(args) -> int:
    """Build with the options in ``args``; print the outcome; return an exit code."""
    options = BuildOptions(
        project_root=PROJECT_ROOT,
        output_dir=args.output.resolve(),
        cdn=args.cdn,
        package_index=args.package_index,
        archive=args.archive,
    )
    try:
        result = build_web(options)
    except ContentError as error:
        _print_problems(error.problems, args.lang, PROJECT_ROOT)
        print(say("failed", args.lang, count=len(error.problems)), file=sys.stderr)
        return 1
    except BuildError as error:
        if error.problems:
            _print_problems(error.problems, args.lang, PROJECT_ROOT)
            print(say("failed", args.lang, count=len(error.problems)), file=sys.stderr)
            return 1
        print(error.detail, file=sys.stderr)
        return 2 if error.usage else 1
    for warning in result.warnings:
        print(
            say("warning", args.lang, text=warning.format(args.lang)), file=sys.stderr
        )
    print(
        say(
            "done",
            args.lang,
            seconds=result.seconds,
            output=result.output_dir,
            scenarios=len(result.scenario_ids),
            apk=result.apk_path.name,
            size_kb=result.apk_path.stat().st_size / 1024,
        )
    )
    if result.zip_path is not None:
        print(say("zip", args.lang, path=result.zip_path))
    return 0


def cmd_build_web(args) -> int:
    return run_build(args)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def cmd_serve(args) -> int:
    output = args.output.resolve()
    if args.no_build:
        if not (output / "index.html").is_file():
            print(say("no_build", args.lang, output=output), file=sys.stderr)
            return 1
    else:
        status = run_build(args)
        if status != 0:
            return status
    try:
        server = make_server(output, args.port)
    except OSError as error:
        print(
            say("port_busy", args.lang, port=args.port, reason=error.strerror),
            file=sys.stderr,
        )
        return 1
    print(say("serving", args.lang, url=server_url(server)), flush=True)
    # SIGTERM (a service manager, `kill`) stops the server like Ctrl+C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(say("stopped", args.lang))
    finally:
        server.server_close()
    return 0
