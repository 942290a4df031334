"""Command-line entry point: ``python -m game`` and the ``datenschatz`` script.

Each feature module registers its own sub-commands through a function
``register(subparsers)`` listed in :data:`COMMAND_MODULES`, so that the
simulation tools, the game front end, the e-learning export and the workshop
tools stay in their own packages. Without a sub-command the desktop game
starts.

Exit codes: 0 success, 1 content problems or failed checks, 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

#: Modules with a ``register(subparsers)`` function, in help order.
COMMAND_MODULES = (
    "game.tools.commands",
    "game.ui.commands",
    "game.webbuild.commands",
    "game.learn.commands",
    "game.workshop.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description=(
            "Datenschatz – Lernspiel zur Datenzusammenarbeit von Kommunen und GovTechs. "
            "Ohne Unterbefehl startet das Spiel. / Learning game on data collaboration "
            "between municipalities and GovTech companies. Without a sub-command the game starts."
        ),
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=os.environ.get("DATENSCHATZ_LANG", "de"),
        help="language of messages (default: de, or $DATENSCHATZ_LANG)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log debug messages"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # A feature package that is not installed yet; its commands are absent.
            if error.name and module_name.startswith(error.name):
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        try:
            from game.ui.commands import run_game
        except ModuleNotFoundError:
            parser.print_help()
            return 0
        return run_game(args)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into a pager or `head` that closed early.
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
