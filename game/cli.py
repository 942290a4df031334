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

LANGUAGES = ("de", "en")

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
    _add_common_options(parser, default_lang())
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
    # `--lang en` and `-v` work before and after the sub-command.
    for sub in _sub_parsers(parser):
        _add_common_options(sub, argparse.SUPPRESS)
    return parser


def default_lang() -> str:
    """Return the message language from $DATENSCHATZ_LANG, German if unset or unknown."""
    value = os.environ.get("DATENSCHATZ_LANG", "de")
    if value not in LANGUAGES:
        print(
            f"DATENSCHATZ_LANG={value!r} wird nicht unterstützt, Deutsch wird verwendet "
            f"(erlaubt: de, en). / not supported, using German.",
            file=sys.stderr,
        )
        return "de"
    return value


def _add_common_options(parser: argparse.ArgumentParser, lang_default) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=lang_default,
        help="Sprache der Meldungen / language of messages (de, en; default: "
        "$DATENSCHATZ_LANG or de)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if lang_default != argparse.SUPPRESS else argparse.SUPPRESS,
        help="Fehlersuche protokollieren / log debug messages",
    )


def _sub_parsers(parser: argparse.ArgumentParser):
    """Yield every sub-command parser below ``parser``, nested ones included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield sub
                yield from _sub_parsers(sub)


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
