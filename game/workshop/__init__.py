"""Workshop mode: several teams play the same scenarios, then compare.

There is no server. At the end each team's game shows a result code and
offers it as a result file. The facilitator collects the codes and builds a
comparative debrief report with ``python -m game workshop report``.

Pure-Python API for the game front end (no pygame, no Jinja2, runs in the
browser):

Round timer (:mod:`game.workshop.timer`)
    ``timer = RoundTimer(limit_seconds)``; ``timer.start()``, ``pause()``,
    ``resume()``, ``reset()``; call ``timer.advance(dt)`` once per frame with
    the seconds since the last frame. It returns ``True`` once, in the frame
    the time runs out, so the UI ends the round there. Read ``remaining``
    (seconds), ``fraction_remaining`` (1.0 to 0.0), ``expired``, ``running``,
    ``paused``, ``final_phase`` (last 30 seconds) and ``format_remaining()``
    (``"1:45"``).

Team names (:mod:`game.workshop.teams`)
    ``TEAM_NAMES``: neutral German preset names (animals, Hessian rivers) for
    touch devices; ``preset_names(count)``. ``normalize_team_name(text)``
    returns the canonical form of a typed name or raises
    :class:`TeamNameError`, whose ``message(lang)`` explains the problem.

Result code (:mod:`game.workshop.codes`)
    ``encode_simulation(sim, team) -> str`` at the end of a game, for example
    ``"1JD4W-76D7E-..."`` (Crockford base32 in groups of five). With a preset
    team name a 16-round game gives 45 to 55 characters, measured on
    ``sozialraeume``; a typed name adds about 1.6 characters per letter. ``decode_code(text) -> DecodedCode``
    checks format and checksum and raises :class:`CodeError` with
    ``message(lang)``. The bit layout is documented in that module.

Result file (:mod:`game.workshop.resultfile`)
    ``result_file_json(sim, team) -> str`` is the JSON document to offer as a
    download, named by ``result_file_name(scenario_id, team)``;
    ``read_result_file(text)`` reads one back and checks it against its code.

Scenario sets (:mod:`game.workshop.sets`)
    The UI reads a set's round time limit (``entry.seconds_per_round``) and
    shared seed (``entry.seed``). The browser loads no YAML, so a build step
    writes ``set_to_dict(load_set(path))`` as JSON.

Facilitator tools (use Jinja2 and PyYAML, not for the browser):
:mod:`game.workshop.sets` (scenario sets), :mod:`game.workshop.replay`
(verifying codes), :mod:`game.workshop.report` (debrief report and CSV),
:mod:`game.workshop.guide` (facilitator guide) and
:mod:`game.workshop.commands` (the ``workshop`` CLI).
"""

from __future__ import annotations

from game.workshop.codes import CodeError, DecodedCode, decode_code, encode_simulation
from game.workshop.resultfile import (
    read_result_file,
    result_file_data,
    result_file_json,
    result_file_name,
)
from game.workshop.teams import (
    TEAM_NAMES,
    TeamNameError,
    normalize_team_name,
    preset_names,
)
from game.workshop.timer import RoundTimer

__all__ = [
    "TEAM_NAMES",
    "CodeError",
    "DecodedCode",
    "RoundTimer",
    "TeamNameError",
    "decode_code",
    "encode_simulation",
    "normalize_team_name",
    "preset_names",
    "read_result_file",
    "result_file_data",
    "result_file_json",
    "result_file_name",
]
