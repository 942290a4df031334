"""Commands of the game front end: start the game, ``play`` and ``screenshots``."""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    play = subparsers.add_parser(
        "play",
        help="ein Szenario direkt spielen / play one scenario directly",
        description="Startet das Spiel mit einem Szenario (Datei oder Kennung). / "
        "Start the game with one scenario (file or id).",
    )
    play.add_argument("scenario", help="YAML file or scenario id")
    play.add_argument(
        "--watch",
        action="store_true",
        help="reload the file when it changes and show its problems on screen",
    )
    play.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of the event random stream (default: from the clock)",
    )
    play.set_defaults(handler=run_play)

    screenshots = subparsers.add_parser(
        "screenshots",
        help="jede Szene als PNG speichern / render every scene to PNG",
        description="Rendert jede Szene des Spiels als PNG-Datei. / "
        "Render every scene of the game to a PNG file.",
    )
    screenshots.add_argument(
        "--out",
        required=True,
        type=Path,
        help="folder for the PNG files (created if missing)",
    )
    screenshots.add_argument(
        "--all-sizes",
        action="store_true",
        help="also render both languages at every text size",
    )
    screenshots.set_defaults(handler=run_screenshots)


def run_game(args: argparse.Namespace) -> int:
    """Open the desktop game at the title screen."""
    from game.ui.app import main

    asyncio.run(main("desktop", lang=getattr(args, "lang", "de")))
    return 0


def run_play(args: argparse.Namespace) -> int:
    """Open the game at the briefing of one scenario, optionally watching its file."""
    from game.ui.app import main, open_file_source
    from game.ui.saves import MemoryStore

    options = {"lang": args.lang, "seed": args.seed}
    path = Path(args.scenario)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            message = {
                "de": f"{path}: Datei nicht gefunden. Prüfen Sie den Pfad.",
                "en": f"{path}: file not found. Check the path.",
            }
            print(message[args.lang])
            return 2
        options["source"] = open_file_source(str(path))
        # Authoring play must not replace the player's real save.
        options["store"] = MemoryStore()
        options["watch"] = args.watch
    elif args.watch:
        print(
            {
                "de": "--watch braucht eine Datei, keine Kennung.",
                "en": "--watch needs a file, not an id.",
            }[args.lang]
        )
        return 2
    asyncio.run(
        main(
            "desktop",
            start_scenario=args.scenario if "source" not in options else path.stem,
            **options,
        )
    )
    return 0


def run_screenshots(args: argparse.Namespace) -> int:
    """Render every scene to ``args.out`` as PNG files."""
    from game.ui.screenshots import render_all

    written, overflows = render_all(args.out, all_sizes=args.all_sizes)
    print(f"{len(written)} PNG -> {args.out}")
    for name, text in overflows:
        print(f"text does not fit: {name}: {text!r}")
    return 1 if overflows else 0
