"""CLI: ``python -m game export-elearning --out DIR [--game-url URL]``."""

from __future__ import annotations

import argparse
import logging

from game.content.errors import ContentError

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    """Add the ``export-elearning`` sub-command."""
    parser = subparsers.add_parser(
        "export-elearning",
        help="write the e-learning module as static HTML and as a SCORM 1.2 package",
        description=(
            "Schreibt alle Lernpfade, Lektionen und Playbooks als statische HTML-Seiten "
            "und als SCORM-1.2-Paket. / Writes every learning path, lesson and playbook "
            "as static HTML pages and as a SCORM 1.2 package."
        ),
    )
    parser.add_argument(
        "--out", required=True, help="target folder for the pages and the zip"
    )
    parser.add_argument(
        "--game-url",
        default=None,
        help="address of the browser game (default: ../web/index.html, relative to --out); "
        "the SCORM package links the game only if this is an http(s) address",
    )
    parser.add_argument("--root", default=".", help="project root (default: .)")
    parser.add_argument(
        "--no-scorm", action="store_true", help="write the HTML pages only"
    )
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Run the export; return 0 on success, 1 for content problems, 2 for bad options."""
    from game.learn.export import (
        DEFAULT_GAME_URL,
        check_game_url,
        export_elearning,
        is_absolute_url,
    )

    lang = getattr(args, "lang", "de")
    game_url = args.game_url or DEFAULT_GAME_URL
    try:
        check_game_url(game_url)
    except ValueError as error:
        print(f"error: {error}")
        return 2
    try:
        result = export_elearning(
            args.root, args.out, game_url, scorm=not args.no_scorm
        )
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(lang))
        return 1
    print(f"{len(result.pages)} Seiten / pages: {result.html_dir}")
    if result.scorm_zip is not None:
        print(f"SCORM 1.2: {result.scorm_zip}")
        if not is_absolute_url(game_url):
            print(
                "Hinweis: Das SCORM-Paket verlinkt das Spiel nur mit --game-url https://…  / "
                "Note: the SCORM package links the game only with --game-url https://…"
            )
    return 0
