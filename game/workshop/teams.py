"""Preset team names for workshops and the rules for typed names.

Teams on touch devices pick a name from :data:`TEAM_NAMES` instead of typing
one. The names are neutral on purpose (native animals and rivers in Hesse),
so no team needs to enter anything about a person.

Result codes store a preset name as its index in :data:`TEAM_NAMES`, so the
list is part of result code format 1: append new names at the end and never
reorder, rename or remove one, or codes made earlier decode to other names.
"""

from __future__ import annotations

import unicodedata

from game.content.messages import register

register(
    {
        "workshop_team_empty": (
            "Der Teamname ist leer. Wählen Sie einen der vorgeschlagenen Namen oder "
            "tippen Sie einen ein.",
            "the team name is empty. Pick one of the suggested names or type one.",
        ),
        "workshop_team_too_long": (
            "Der Teamname hat {length} Zeichen, erlaubt sind höchstens {limit}. "
            "Kürzen Sie ihn.",
            "the team name has {length} characters, the maximum is {limit}. "
            "Shorten it.",
        ),
        "workshop_team_control": (
            "Der Teamname enthält ein Steuerzeichen (U+{codepoint}). Verwenden Sie "
            "nur Buchstaben, Ziffern, Leerzeichen und Satzzeichen.",
            "the team name contains a control character (U+{codepoint}). Use only "
            "letters, digits, spaces and punctuation.",
        ),
    }
)

#: Longest team name in characters; longer names make result codes unwieldy.
MAX_TEAM_NAME = 24

#: Preset names, animals first and Hessian rivers second. Append only (see above).
TEAM_NAMES: tuple[str, ...] = (
    "Fischotter",
    "Biber",
    "Eisvogel",
    "Feldhase",
    "Dachs",
    "Igel",
    "Luchs",
    "Rotmilan",
    "Uhu",
    "Wildkatze",
    "Feuersalamander",
    "Laubfrosch",
    "Hirschkäfer",
    "Eichhörnchen",
    "Siebenschläfer",
    "Kranich",
    "Storch",
    "Wanderfalke",
    "Haselmaus",
    "Steinkauz",
    "Gelbbauchunke",
    "Zauneidechse",
    "Bachforelle",
    "Schwalbe",
    "Lahn",
    "Fulda",
    "Eder",
    "Werra",
    "Kinzig",
    "Nidda",
    "Schwalm",
    "Diemel",
    "Dill",
    "Weil",
    "Ohm",
    "Wetter",
    "Horloff",
    "Gersprenz",
    "Mümling",
    "Modau",
    "Weschnitz",
    "Efze",
    "Ulster",
    "Haune",
    "Nidder",
    "Usa",
    "Aar",
    "Wisper",
)


class TeamNameError(ValueError):
    """A typed team name that cannot be used; ``message(lang)`` explains why."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "de") -> str:
        from game.content.messages import render

        return render(self.code, self.params, lang)


def normalize_team_name(text: str) -> str:
    """Return a team name in its canonical form, or raise :class:`TeamNameError`.

    The canonical form is Unicode NFC with surrounding whitespace removed and
    inner runs of whitespace collapsed to one space, so "Die  Biber " and
    "Die Biber" are the same team.

    Raises:
        TeamNameError: the name is empty, longer than :data:`MAX_TEAM_NAME`
            characters, or contains a control or format character.
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise TeamNameError("workshop_team_empty")
    for character in name:
        if unicodedata.category(character).startswith("C"):
            raise TeamNameError(
                "workshop_team_control", codepoint=f"{ord(character):04X}"
            )
    if len(name) > MAX_TEAM_NAME:
        raise TeamNameError(
            "workshop_team_too_long", length=len(name), limit=MAX_TEAM_NAME
        )
    return name


def preset_names(count: int, start: int = 0) -> list[str]:
    """Return ``count`` distinct preset names, from index ``start`` onwards.

    Raises:
        ValueError: ``count`` is larger than the number of presets.
    """
    if count > len(TEAM_NAMES):
        raise ValueError(
            f"only {len(TEAM_NAMES)} preset team names exist, {count} requested"
        )
    return [TEAM_NAMES[(start + i) % len(TEAM_NAMES)] for i in range(count)]
