"""Commands of the game front end: start the game, ``play`` and ``screenshots``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
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
    lang = getattr(args, "lang", "de")
    if not prepare_desktop(lang):
        return 1
    from game.ui.app import main

    asyncio.run(main("desktop", lang=lang))
    return 0


def prepare_desktop(lang: str) -> bool:
    """Check that a window can open, and let SIGTERM and Ctrl+C end the game.

    Without a display SDL falls back to an invisible offscreen window, and the
    game would run unseen. SDL also turns SIGTERM into a close request, which
    only opens the quit dialog. The game saves after every round, so ending
    the process at once loses nothing.
    """
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    if os.environ.get("SDL_VIDEODRIVER") or not sys.platform.startswith("linux"):
        return True
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return True
    message = {
        "de": "Kein Bildschirm gefunden (weder DISPLAY noch WAYLAND_DISPLAY ist gesetzt). "
        "Starten Sie das Spiel in einer grafischen Sitzung, oder nutzen Sie die "
        "Browser-Version: python -m game serve",
        "en": "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start the "
        "game in a graphical session, or use the browser version: python -m game serve",
    }
    print(message.get(lang, message["de"]), file=sys.stderr)
    return False


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
    if not prepare_desktop(args.lang):
        return 1
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
