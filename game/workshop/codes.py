"""Result codes: a team's playthrough as a short text to read aloud or type.

A code carries everything needed to replay a game with the engine. It names
the format version, the scenario (a 20-bit key derived from the scenario id)
and its version (the first 30 bits of ``scenario.content_hash``). Then follow
the seed, the team name, the decision log and a CRC-32 checksum.

Text form: Crockford base32 (digits and letters without I, L, O and U), in
groups of five joined by hyphens, for example ``1K7PQ-...``. Reading is
case-insensitive, ignores hyphens and spaces, and reads ``O`` as ``0`` and
``I``/``L`` as ``1``. The first character is the format version and the
second the code length modulo 32, so missing characters are told apart from
typos.

Bit layout of format 1, most significant bit first:

====================  =====================================================
version               5 bits, value 1
length mark           5 bits, number of characters modulo 32
scenario key          20 bits, see :func:`scenario_key`
content hash prefix   30 bits, see :func:`hash_prefix`
seed                  varint
team                  1 bit kind; 0: 7-bit index into ``TEAM_NAMES``,
                      1: varint byte count and the UTF-8 bytes
rounds                varint, rounds in the decision log
action count          varint, number of actions in the scenario
log kind              1 bit; 0: one bitmask of ``action count`` bits per
                      round; 1: per round, for each action a 1 bit and its
                      index, then a 0 bit
padding               0 to 4 zero bits, so the whole code fills whole
                      characters
checksum              32 bits, CRC-32 (zlib) of the bits above, zero-filled
                      to whole bytes
====================  =====================================================

A varint is a sequence of 5-bit groups: a continuation bit and 4 value bits,
least significant group first. The encoder picks the shorter log kind.

Within a round the actions come back in scenario order. This loses nothing:
action costs are never negative, so every order of a round's decisions that
one order can pay for is affordable too, and the engine applies effects in
declaration order.

The checksum detects typing errors, not forgery: anyone who reads this module
can build a valid code, so the report replays every code with the engine
instead of trusting it.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

from game.content.messages import register, render
from game.workshop.teams import TEAM_NAMES, TeamNameError, normalize_team_name

register(
    {
        "workshop_code_empty": (
            "Der Code ist leer.",
            "the code is empty.",
        ),
        "workshop_code_character": (
            "Zeichen „{character}“ an Stelle {position} kommt in Ergebniscodes nicht "
            "vor. Codes bestehen aus Ziffern und Buchstaben ohne U; Bindestriche und "
            "Leerzeichen dürfen fehlen.",
            "character '{character}' at position {position} does not occur in result "
            "codes. Codes consist of digits and letters except U; hyphens and spaces "
            "are optional.",
        ),
        "workshop_code_too_short": (
            "Der Code hat nur {length} Zeichen, ein Ergebniscode hat mindestens "
            "{minimum}. Schreiben Sie ihn vollständig ab.",
            "the code has only {length} characters, but a result code has at least "
            "{minimum}. Copy it completely.",
        ),
        "workshop_code_version": (
            "Der Code beginnt mit „{character}“, also Format {version}; dieses Programm "
            "liest nur Format {known} (Codes, die mit „{known}“ beginnen). Prüfen Sie "
            "das erste Zeichen, sonst aktualisieren Sie Datenschatz.",
            "the code starts with '{character}', which is format {version}, but this "
            "program reads only format {known} (codes starting with '{known}'). Check "
            "the first character, otherwise update Datenschatz.",
        ),
        "workshop_code_missing": (
            "Dem Code fehlen anscheinend {count} Zeichen: Er hat {length}, erwartet "
            "sind {expected}. Schreiben Sie ihn vollständig ab und prüfen Sie das "
            "zweite Zeichen, das die Länge angibt.",
            "the code seems to be missing {count} character(s): it has {length}, "
            "{expected} are expected. Copy it completely and check the second "
            "character, which gives the length.",
        ),
        "workshop_code_extra": (
            "Der Code hat anscheinend {count} Zeichen zu viel: Er hat {length}, "
            "erwartet sind {expected}. Prüfen Sie, ob ein Zeichen doppelt "
            "abgeschrieben wurde und ob das zweite Zeichen, das die Länge angibt, "
            "stimmt.",
            "the code seems to have {count} character(s) too many: it has {length}, "
            "{expected} are expected. Check whether a character was copied twice and "
            "whether the second character, which gives the length, is right.",
        ),
        "workshop_code_checksum": (
            "Die Prüfsumme stimmt nicht: Mindestens ein Zeichen ist falsch "
            "abgeschrieben oder der Code wurde verändert. Vergleichen Sie ihn Zeichen "
            "für Zeichen mit der Anzeige im Spiel.",
            "the checksum does not match: at least one character was copied wrongly or "
            "the code was changed. Compare it character by character with the game's "
            "display.",
        ),
        "workshop_code_malformed": (
            "Der Code ist beschädigt: Die Prüfsumme passt, aber der Inhalt ist "
            "ungültig ({detail}). Lassen Sie sich den Code erneut aus dem Spiel geben.",
            "the code is damaged: the checksum matches, but the content is invalid "
            "({detail}). Get the code from the game again.",
        ),
    }
)

#: Result code format written by this module.
FORMAT_VERSION = 1
#: Crockford's base32 digits, in value order.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Characters per group in the written form.
GROUP_SIZE = 5

SCENARIO_KEY_BITS = 20
HASH_PREFIX_BITS = 30
CHECKSUM_BITS = 32
TEAM_INDEX_BITS = 7
#: Header bits before the seed: version, length mark, scenario key, hash prefix.
_HEADER_BITS = 5 + 5 + SCENARIO_KEY_BITS + HASH_PREFIX_BITS
#: Shortest possible code in characters: header, three one-group varints (seed,
#: rounds, action count), a team kind bit with a team index, a log kind bit and
#: the checksum.
MIN_LENGTH = -(-(_HEADER_BITS + 3 * 5 + 1 + TEAM_INDEX_BITS + 1 + CHECKSUM_BITS) // 5)

_DECODE = {character: value for value, character in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1})
_IGNORED = set("- \t\r\n")

assert len(TEAM_NAMES) <= 1 << TEAM_INDEX_BITS


class CodeError(ValueError):
    """A result code that cannot be used, with a localized reason.

    Attributes:
        code: Message id in :mod:`game.content.messages`.
        params: Values for the message.
    """

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "de") -> str:
        return render(self.code, self.params, lang)


@dataclass(frozen=True)
class DecodedCode:
    """The fields of a result code, before they are matched to a scenario.

    Attributes:
        version: Format version.
        scenario_key: See :func:`scenario_key`.
        hash_prefix: See :func:`hash_prefix`.
        seed: Seed of the event random stream.
        team: Canonical team name.
        action_count: Number of actions of the scenario the code was made for.
        rounds: Per round, the indexes of the actions started, ascending.
        text: The code in canonical written form.
    """

    version: int
    scenario_key: int
    hash_prefix: int
    seed: int
    team: str
    action_count: int
    rounds: tuple[tuple[int, ...], ...]
    text: str


def scenario_key(scenario_id: str) -> int:
    """Return the 20-bit key that stands for a scenario id in codes.

    Different versions of one scenario share the key, so a code from another
    version is recognised as such instead of as an unknown scenario.
    """
    digest = hashlib.sha256(f"datenschatz-scenario:{scenario_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") >> (32 - SCENARIO_KEY_BITS)


def hash_prefix(content_hash: str) -> int:
    """Return the first 30 bits of a hexadecimal content hash."""
    if len(content_hash) < 8:
        raise ValueError(f"content hash {content_hash!r} is shorter than 8 digits")
    return int(content_hash[:8], 16) >> (32 - HASH_PREFIX_BITS)


def format_code(characters: str) -> str:
    """Return code characters in groups of :data:`GROUP_SIZE`, joined by hyphens."""
    return "-".join(
        characters[i : i + GROUP_SIZE] for i in range(0, len(characters), GROUP_SIZE)
    )


# ----------------------------------------------------------------- encoding


def encode_result(
    scenario_id: str,
    content_hash: str,
    action_ids: list[str],
    seed: int,
    team: str,
    decision_log: list[list[str]],
) -> str:
    """Return the written result code of one playthrough.

    The log is not replayed here; :func:`game.workshop.replay.verify_code`
    does that when the code is read.

    Args:
        scenario_id: The scenario's id.
        content_hash: ``scenario.content_hash`` (hexadecimal).
        action_ids: The scenario's action ids in declaration order.
        seed: Seed of the playthrough, from 0 to 2**64 - 1.
        team: Team name; preset names are stored as their index.
        decision_log: Per round, the ids of the actions started.

    Raises:
        TeamNameError: the team name is invalid.
        ValueError: the seed is out of range or the log names an unknown action.
    """
    if not 0 <= seed < 1 << 64:
        raise ValueError(f"seed must be between 0 and 2**64 - 1, found {seed}")
    team = normalize_team_name(team)
    index_of = {action_id: i for i, action_id in enumerate(action_ids)}
    rounds = []
    for number, decisions in enumerate(decision_log, start=1):
        try:
            rounds.append(sorted(index_of[action_id] for action_id in decisions))
        except KeyError as error:
            raise ValueError(
                f"round {number} names action {error.args[0]!r}, which is not one "
                "of the scenario's actions"
            ) from None

    bits = _BitWriter()
    bits.write(FORMAT_VERSION, 5)
    bits.write(0, 5)  # length mark, set once the length is known
    bits.write(scenario_key(scenario_id), SCENARIO_KEY_BITS)
    bits.write(hash_prefix(content_hash), HASH_PREFIX_BITS)
    bits.write_varint(seed)
    _write_team(bits, team)
    bits.write_varint(len(rounds))
    bits.write_varint(len(action_ids))
    _write_log(bits, rounds, len(action_ids))
    bits.pad_to((-(len(bits) + CHECKSUM_BITS)) % 5)

    length = (len(bits) + CHECKSUM_BITS) // 5
    bits.patch(5, length % 32, 5)
    bits.write(zlib.crc32(bits.to_bytes()), CHECKSUM_BITS)
    return format_code(bits.to_base32())


def encode_simulation(sim, team: str) -> str:
    """Return the result code of a :class:`~game.sim.engine.Simulation`."""
    scenario = sim.scenario
    return encode_result(
        scenario.id,
        scenario.content_hash,
        [action.id for action in scenario.actions],
        sim.seed,
        team,
        sim.decision_log,
    )


def _write_team(bits: _BitWriter, team: str) -> None:
    if team in TEAM_NAMES:
        bits.write(0, 1)
        bits.write(TEAM_NAMES.index(team), TEAM_INDEX_BITS)
        return
    data = team.encode("utf-8")
    bits.write(1, 1)
    bits.write_varint(len(data))
    for byte in data:
        bits.write(byte, 8)


def _write_log(bits: _BitWriter, rounds: list[list[int]], action_count: int) -> None:
    width = _index_width(action_count)
    list_bits = sum(len(chosen) * (1 + width) + 1 for chosen in rounds)
    has_repeats = any(len(set(chosen)) != len(chosen) for chosen in rounds)
    # A bitmask cannot hold an action twice in one round; lists keep such logs
    # intact, so the replay rejects them for the right reason.
    if has_repeats or list_bits < action_count * len(rounds):
        bits.write(1, 1)
        for chosen in rounds:
            for index in chosen:
                bits.write(1, 1)
                bits.write(index, width)
            bits.write(0, 1)
        return
    bits.write(0, 1)
    for chosen in rounds:
        mask = 0
        for index in chosen:
            mask |= 1 << (action_count - 1 - index)
        bits.write(mask, action_count)


def _index_width(action_count: int) -> int:
    return max(1, (action_count - 1).bit_length())


# ----------------------------------------------------------------- decoding


def normalize_code(text: str) -> str:
    """Return the code's characters in canonical form, without separators.

    Raises:
        CodeError: the text is empty or contains a character that is no
            base32 digit.
    """
    characters = []
    for position, character in enumerate(text, start=1):
        if character in _IGNORED:
            continue
        value = _DECODE.get(character.upper())
        if value is None:
            raise CodeError(
                "workshop_code_character", character=character, position=position
            )
        characters.append(ALPHABET[value])
    if not characters:
        raise CodeError("workshop_code_empty")
    return "".join(characters)


def decode_code(text: str) -> DecodedCode:
    """Read a written result code, checking its format and checksum.

    Raises:
        CodeError: with the reason, in this order of checks: empty, invalid
            character, unknown format version, too short, characters missing
            or extra, checksum mismatch, damaged content.
    """
    characters = normalize_code(text)
    version = _DECODE[characters[0]]
    if version != FORMAT_VERSION:
        raise CodeError(
            "workshop_code_version",
            character=characters[0],
            version=version,
            known=FORMAT_VERSION,
        )
    if len(characters) < MIN_LENGTH:
        raise CodeError(
            "workshop_code_too_short", length=len(characters), minimum=MIN_LENGTH
        )

    bits = _BitReader.from_base32(characters)
    payload_bits = len(characters) * 5 - CHECKSUM_BITS
    payload = _BitWriter()
    payload.extend(bits.bits[:payload_bits])
    checksum = int("".join(map(str, bits.bits[payload_bits:])), 2)
    if zlib.crc32(payload.to_bytes()) != checksum:
        _raise_length_or_checksum(characters, _DECODE[characters[1]])

    try:
        return _read_payload(bits, payload_bits, characters)
    except (_Truncated, UnicodeDecodeError, TeamNameError) as error:
        raise CodeError("workshop_code_malformed", detail=_detail(error)) from error


def _raise_length_or_checksum(characters: str, length_mark: int) -> None:
    length = len(characters)
    difference = (length_mark - length) % 32
    if difference == 0:
        raise CodeError("workshop_code_checksum")
    # The mark stores the length modulo 32: a small positive gap means missing
    # characters, a gap close to 32 means extra ones.
    if difference <= 16:
        raise CodeError(
            "workshop_code_missing",
            count=difference,
            length=length,
            expected=length + difference,
        )
    extra = 32 - difference
    raise CodeError(
        "workshop_code_extra", count=extra, length=length, expected=length - extra
    )


def _read_payload(bits: _BitReader, payload_bits: int, characters: str) -> DecodedCode:
    bits.limit = payload_bits
    bits.read(5)  # version, checked above
    length_mark = bits.read(5)
    if length_mark != len(characters) % 32:
        raise _Truncated("length mark does not match the length")
    key = bits.read(SCENARIO_KEY_BITS)
    prefix = bits.read(HASH_PREFIX_BITS)
    seed = bits.read_varint()
    if seed >= 1 << 64:
        raise _Truncated("seed out of range")
    team = _read_team(bits)
    round_count = bits.read_varint()
    action_count = bits.read_varint()
    rounds = _read_log(bits, round_count, action_count)
    rest = bits.limit - bits.position
    if rest > 4 or bits.read(rest) != 0:
        raise _Truncated("unexpected bits after the decision log")
    return DecodedCode(
        version=FORMAT_VERSION,
        scenario_key=key,
        hash_prefix=prefix,
        seed=seed,
        team=team,
        action_count=action_count,
        rounds=rounds,
        text=format_code(characters),
    )


def _read_team(bits: _BitReader) -> str:
    if bits.read(1) == 0:
        index = bits.read(TEAM_INDEX_BITS)
        if index >= len(TEAM_NAMES):
            raise _Truncated(f"team preset {index} does not exist")
        return TEAM_NAMES[index]
    size = bits.read_varint()
    if size > 4 * 64:
        raise _Truncated("team name too long")
    data = bytes(bits.read(8) for _ in range(size))
    team = data.decode("utf-8")
    if normalize_team_name(team) != team:
        raise _Truncated("team name not in canonical form")
    return team


def _read_log(
    bits: _BitReader, round_count: int, action_count: int
) -> tuple[tuple[int, ...], ...]:
    if bits.read(1) == 0:
        rounds = []
        for _ in range(round_count):
            mask = bits.read(action_count)
            rounds.append(
                tuple(
                    i for i in range(action_count) if mask >> (action_count - 1 - i) & 1
                )
            )
        return tuple(rounds)
    width = _index_width(action_count)
    rounds = []
    for _ in range(round_count):
        chosen = []
        while bits.read(1):
            index = bits.read(width)
            if index >= action_count:
                raise _Truncated(f"action index {index} out of range")
            chosen.append(index)
        if chosen != sorted(chosen):
            raise _Truncated("actions of a round out of order")
        rounds.append(tuple(chosen))
    return tuple(rounds)


def _detail(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "team name is not UTF-8"
    if isinstance(error, TeamNameError):
        return "invalid team name"
    return str(error)


# ------------------------------------------------------------- bit streams


class _Truncated(Exception):
    """The payload ended early or contains an impossible value."""


class _BitWriter:
    def __init__(self):
        self.bits: list[int] = []

    def __len__(self) -> int:
        return len(self.bits)

    def write(self, value: int, width: int) -> None:
        assert 0 <= value < 1 << width or width == 0 and value == 0
        self.bits.extend((value >> shift) & 1 for shift in range(width - 1, -1, -1))

    def write_varint(self, value: int) -> None:
        assert value >= 0
        while True:
            group = value & 0xF
            value >>= 4
            self.write((1 if value else 0) << 4 | group, 5)
            if not value:
                return

    def extend(self, bits: list[int]) -> None:
        self.bits.extend(bits)

    def pad_to(self, count: int) -> None:
        self.bits.extend([0] * count)

    def patch(self, position: int, value: int, width: int) -> None:
        for offset in range(width):
            self.bits[position + offset] = (value >> (width - 1 - offset)) & 1

    def to_bytes(self) -> bytes:
        padded = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(
            int("".join(map(str, padded[i : i + 8])), 2)
            for i in range(0, len(padded), 8)
        )

    def to_base32(self) -> str:
        assert len(self.bits) % 5 == 0
        return "".join(
            ALPHABET[int("".join(map(str, self.bits[i : i + 5])), 2)]
            for i in range(0, len(self.bits), 5)
        )


class _BitReader:
    def __init__(self, bits: list[int]):
        self.bits = bits
        self.position = 0
        self.limit = len(bits)

    @classmethod
    def from_base32(cls, characters: str) -> _BitReader:
        bits = []
        for character in characters:
            value = _DECODE[character]
            bits.extend((value >> shift) & 1 for shift in range(4, -1, -1))
        return cls(bits)

    def read(self, width: int) -> int:
        if self.position + width > self.limit:
            raise _Truncated("code ends before its content")
        value = 0
        for bit in self.bits[self.position : self.position + width]:
            value = value << 1 | bit
        self.position += width
        return value

    def read_varint(self) -> int:
        value = 0
        shift = 0
        while True:
            group = self.read(5)
            value |= (group & 0xF) << shift
            shift += 4
            if not group & 0x10:
                return value
            if shift > 80:
                raise _Truncated("number too long")
