"""The downloadable result file: the result code and its fields as JSON.

The game offers this file as a download besides showing the code, so teams
can hand in a file instead of typing. The code inside is what counts: the
other fields make the file readable for people and are checked against the
code when it is read.

Example::

    {
      "format": "datenschatz-ergebnis",
      "version": 1,
      "code": "1JD4W-76D7E-...",
      "team": "Biber",
      "scenario": "sozialraeume",
      "content_hash": "f738c635a7f2",
      "seed": 7,
      "decisions": [["stakeholder_analyse"], [], ...],
      "outcome": "lost",
      "rounds_played": 16,
      "score": 252.1
    }

``outcome``, ``rounds_played`` and ``score`` are informational; the report
computes them again by replaying the code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from game.content.messages import register
from game.workshop.codes import (
    FORMAT_VERSION,
    CodeError,
    decode_code,
    encode_simulation,
    hash_prefix,
    scenario_key,
)

#: Value of the ``format`` field that marks a result file.
FILE_FORMAT = "datenschatz-ergebnis"

register(
    {
        "workshop_file_json": (
            "Die Ergebnisdatei ist kein gültiges JSON (Zeile {line}, Spalte {column}: "
            "{detail}). Laden Sie die Datei erneut aus dem Spiel herunter.",
            "the result file is not valid JSON (line {line}, column {column}: "
            "{detail}). Download the file from the game again.",
        ),
        "workshop_file_unreadable": (
            "Die Ergebnisdatei kann nicht gelesen werden ({reason}). Speichern Sie sie "
            "erneut aus dem Spiel.",
            "the result file cannot be read ({reason}). Save it from the game again.",
        ),
        "workshop_file_kind": (
            "Die Datei ist keine Datenschatz-Ergebnisdatei (Feld `format` muss "
            "„{expected}“ sein).",
            "the file is not a Datenschatz result file (field `format` must be "
            "'{expected}').",
        ),
        "workshop_file_field": (
            "In der Ergebnisdatei fehlt das Feld `{field}` oder es hat den falschen "
            "Typ (erwartet: {expected}).",
            "the result file lacks field `{field}` or it has the wrong type "
            "(expected: {expected}).",
        ),
        "workshop_file_mismatch": (
            "In der Ergebnisdatei passt das Feld `{field}` nicht zum Code. Die Datei "
            "wurde verändert; nur der Code zählt, und der ist mit der Datei nicht "
            "mehr belegbar.",
            "in the result file, field `{field}` does not match the code. The file "
            "was changed; only the code counts, and the file no longer supports it.",
        ),
    }
)


@dataclass(frozen=True)
class ResultFile:
    """The fields of a result file that matter for the report."""

    code: str
    team: str
    scenario: str
    content_hash: str
    seed: int
    decisions: list[list[str]]


def result_file_data(sim, team: str) -> dict:
    """Return the result file of a finished or stopped simulation as a dict."""
    scenario = sim.scenario
    return {
        "format": FILE_FORMAT,
        "version": FORMAT_VERSION,
        "code": encode_simulation(sim, team),
        "team": " ".join(unicodedata.normalize("NFC", team).split()),
        "scenario": scenario.id,
        "content_hash": scenario.content_hash,
        "seed": sim.seed,
        "decisions": [list(decisions) for decisions in sim.decision_log],
        "outcome": sim.outcome or "unfinished",
        "rounds_played": sim.round,
        "score": round(sim.score(), 1),
    }


def result_file_json(sim, team: str) -> str:
    """Return the result file as pretty-printed UTF-8 JSON text."""
    return json.dumps(result_file_data(sim, team), ensure_ascii=False, indent=2) + "\n"


def result_file_name(scenario_id: str, team: str) -> str:
    """Return a file name such as ``datenschatz-sozialraeume-eichhoernchen.json``."""
    slug = team.casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        slug = slug.replace(umlaut, spelled)
    slug = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "team"
    return f"datenschatz-{scenario_id}-{slug}.json"


def read_result_file(text: str) -> ResultFile:
    """Read a result file and check that its fields agree with its code.

    Raises:
        CodeError: the JSON is invalid, a field is missing, the code is
            invalid, or a field disagrees with the code.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CodeError(
            "workshop_file_json",
            line=error.lineno,
            column=error.colno,
            detail=error.msg,
        ) from error
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise CodeError("workshop_file_kind", expected=FILE_FORMAT)
    fields = {
        "code": str,
        "team": str,
        "scenario": str,
        "content_hash": str,
        "seed": int,
        "decisions": list,
    }
    for name, kind in fields.items():
        value = data.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise CodeError("workshop_file_field", field=name, expected=kind.__name__)
    decisions = data["decisions"]
    if not all(
        isinstance(chosen, list) and all(isinstance(a, str) for a in chosen)
        for chosen in decisions
    ):
        raise CodeError(
            "workshop_file_field", field="decisions", expected="list of lists of text"
        )

    decoded = decode_code(data["code"])
    checks = {
        "team": decoded.team == " ".join(data["team"].split()),
        "scenario": decoded.scenario_key == scenario_key(data["scenario"]),
        "content_hash": _same_hash(data["content_hash"], decoded.hash_prefix),
        "seed": decoded.seed == data["seed"],
        "decisions": [len(chosen) for chosen in decoded.rounds]
        == [len(set(chosen)) for chosen in decisions],
    }
    for name, agrees in checks.items():
        if not agrees:
            raise CodeError("workshop_file_mismatch", field=name)
    return ResultFile(
        code=decoded.text,
        team=decoded.team,
        scenario=data["scenario"],
        content_hash=data["content_hash"],
        seed=decoded.seed,
        decisions=decisions,
    )


def _same_hash(content_hash: str, prefix: int) -> bool:
    try:
        return hash_prefix(content_hash) == prefix
    except ValueError:
        return False
