"""One test per kind of bad input, each pinning the message and its location."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.content.errors import ContentError, SchemaError, YamlSyntaxError
from game.content.scenario import load_scenario, load_scenario_text
from game.content.yamlload import MAX_FILE_BYTES, load_file, load_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINIMAL = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")


def variant(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)


def messages(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_scenario_text(text, "s.yaml")
    return [problem.format(lang) for problem in caught.value.problems]


CASES = [
    pytest.param(
        variant("titel: Mini", "titel: [Mini"),
        [
            "s.yaml:4:17: YAML syntax error: expected ',' or ']', but got ':'. Check "
            "indentation, colons and quotes on this line and the line before."
        ],
        id="yaml-syntax",
    ),
    pytest.param(
        variant("    name: Schub", "\tname: Schub"),
        [
            "s.yaml:29:1: tab used for indentation, but YAML allows only spaces. "
            "Replace the tab with spaces."
        ],
        id="tab",
    ),
    pytest.param(
        variant("champion: Kim", "champion: Kim\nchampion: Alex"),
        ["s.yaml:9:1: duplicate key `champion` (first in line 8). Remove or rename one of them."],
        id="duplicate-key",
    ),
    pytest.param(
        variant("sofort: {b: 10}", "sofort: {bb: 10}"),
        ["s.yaml:33:14: in action `schub`: effect target `bb` does not exist. Did you mean `b`?"],
        id="unknown-effect-target",
    ),
    pytest.param(
        variant("{von: a, nach: c,", "{von: a, nach: cc,"),
        ["s.yaml:17:20: in link 3 (a → cc): variable `cc` does not exist. Did you mean `c`?"],
        id="unknown-link-variable",
    ),
    pytest.param(
        variant('voraussetzungen: "erledigt schub"', 'voraussetzungen: "erledigt schubb"'),
        [
            "s.yaml:41:22: in action `dauerhaft`: action `schubb` does not exist. "
            "Did you mean `schub`?"
        ],
        id="unknown-action-in-condition",
    ),
    pytest.param(
        variant("staerke: 2}", "staerk: 2}"),
        [
            "s.yaml:15:5: in link 1 (a → b): required field `staerke` is missing. "
            "Add a line `staerke: …`.",
            "s.yaml:15:41: in link 1 (a → b): unknown field `staerk` (did you mean "
            "`staerke`?). Allowed: `von`, `nach`, `polaritaet`, `staerke`, `verzoegerung`, "
            "`saettigung`, `referenz`, `erklaerung`.",
        ],
        id="misspelt-key",
    ),
    pytest.param(
        variant("start: 60,", "start: hoch,"),
        ["s.yaml:11:47: in variable `a`: expected a number, found text `hoch`."],
        id="wrong-type",
    ),
    pytest.param(
        variant("wahrscheinlichkeit: 0.5", "wahrscheinlichkeit: 1.5"),
        ["s.yaml:48:25: in event `sturm`: value 1.5 is outside the allowed range 0 to 1."],
        id="out-of-range",
    ),
    pytest.param(
        variant("wahrscheinlichkeit: 0.5", "wahrscheinlichkeit: 0,5"),
        [
            "s.yaml:48:25: in event `sturm`: `0,5` is not a number because YAML uses a "
            "decimal point. Write `0.5`."
        ],
        id="decimal-comma",
    ),
    pytest.param(
        variant("start: 50,", "start: 150,"),
        ["s.yaml:13:47: in variable `c`: start value 150 is not between min 0 and max 100."],
        id="start-outside-bounds",
    ),
    pytest.param(
        variant("dimension: prozess", "dimension: prozes"),
        [
            "s.yaml:12:62: in variable `b`: `prozes` is not allowed. Allowed: `mensch`, "
            "`prozess`, `technologie`. Did you mean `prozess`?"
        ],
        id="bad-choice",
    ),
    pytest.param(
        variant("zyklen: [ring]}\n  c:", "}\n  c:").replace(
            "variablen: [a, b]}", "variablen: [a, c]}"
        ),
        [
            "s.yaml:19:72: in cycle `ring`: not a cycle: there is no link from `c` to `a`. "
            "Add a link `von: c` `nach: a` under `wirkungen` or fix the order. "
            "Cycle members: a → c → a."
        ],
        id="loop-not-a-cycle",
    ),
    pytest.param(
        variant('sieg: ["a >= 90"]', 'sieg: ["a >= 120"]'),
        [
            "s.yaml:53:10: in `ziele` (goals): goal is unreachable: `a >= 120`, but `a` "
            "always stays between 0 and 100."
        ],
        id="unreachable-goal",
    ),
    pytest.param(
        variant("champion: Kim", "champion: off"),
        ['s.yaml:8:11: YAML reads unquoted `off` as the boolean `false`, not as text. '
         'Write "off" in quotes.'],
        id="yaml11-off-in-text",
    ),
    pytest.param(
        variant("kurzbeschreibung: Kleines Testszenario", "kurzbeschreibung: 1.10"),
        ['s.yaml:4:19: YAML reads unquoted `1.10` as the number `1.1`, not as text. '
         'Write "1.10" in quotes.'],
        id="yaml11-chapter-number",
    ),
    pytest.param(
        variant("zielgruppe: Tests\n", ""),
        ["s.yaml:2:1: required field `zielgruppe` is missing. Add a line `zielgruppe: …`."],
        id="missing-key",
    ),
    pytest.param(
        variant('voraussetzungen: "erledigt schub"', 'voraussetzungen: "wenn schub fertig"'),
        [
            "s.yaml:41:22: in action `dauerhaft`: condition `wenn schub fertig` cannot be "
            "read. Examples: `rueckhalt >= 60`, `runde >= 4`, `erledigt pilot_dashboard`, "
            "`nicht zustand altlast_falle`, `phase umsetzen`."
        ],
        id="bad-condition",
    ),
    pytest.param(
        variant("  dauerhaft:\n", "  Dauer-Haft:\n").replace("erledigt dauerhaft", "erledigt schub"),
        [
            "s.yaml:35:3: in action `Dauer-Haft`: id `Dauer-Haft` is invalid: use lowercase "
            "a-z, digits and _, starting with a letter (for example `dauer_haft`)."
        ],
        id="bad-id",
    ),
    pytest.param(
        "",
        ["s.yaml:1:1: file is empty. Copy an existing scenario as a template."],
        id="empty-file",
    ),
    pytest.param(
        "# nur ein Kommentar\n",
        ["s.yaml:1:1: file is empty. Copy an existing scenario as a template."],
        id="comment-only",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_bad_scenario_message(text, expected):
    assert messages(text) == expected


def test_messages_in_german():
    text = variant("sofort: {b: 10}", "sofort: {bb: 10}")
    assert messages(text, "de") == [
        "s.yaml:33:14: in Maßnahme `schub`: Ziel einer Wirkung `bb` gibt es nicht. "
        "Meinten Sie `b`?"
    ]


def test_snippet_shows_caret():
    text = variant("start: 60,", "start: hoch,")
    with pytest.raises(SchemaError) as caught:
        load_scenario_text(text, "s.yaml")
    rendered = caught.value.problems[0].format_with_snippet(text.splitlines(), "en")
    lines = rendered.splitlines()
    assert lines[1].strip().startswith("a: {name: A")
    assert lines[2].index("^") == lines[1].index("hoch")


def test_every_problem_listed_not_only_first():
    text = variant("start: 60,", "start: hoch,").replace("dimension: prozess", "dimension: x")
    found = messages(text)
    assert len(found) == 2
    assert found[0].startswith("s.yaml:11:47:")
    assert found[1].startswith("s.yaml:12:62:")


class TestEncoding:
    def test_cp1252_reported_with_fix(self, tmp_path):
        path = tmp_path / "ansi.yaml"
        path.write_bytes(MINIMAL.replace("Mini", "Mündlich").encode("cp1252"))
        with pytest.raises(YamlSyntaxError) as caught:
            load_file(path, "ansi.yaml")
        assert [p.format("en") for p in caught.value.problems] == [
            "ansi.yaml:3:9: byte 0xFC is not valid UTF-8 (detected encoding: Windows-1252). "
            "Save the file as UTF-8, for example with 'Save as' → encoding 'UTF-8' in your editor."
        ]

    def test_byte_order_mark_accepted(self, tmp_path):
        path = tmp_path / "bom.yaml"
        path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
        scenario = load_scenario(path)
        assert scenario.id == "mini"

    def test_crlf_line_endings_accepted(self, tmp_path):
        path = tmp_path / "crlf.yaml"
        path.write_bytes(MINIMAL.replace("\n", "\r\n").encode("utf-8"))
        assert load_scenario(path).id == "mini"

    def test_missing_file_reported(self, tmp_path):
        with pytest.raises(YamlSyntaxError) as caught:
            load_file(tmp_path / "fehlt.yaml", "fehlt.yaml")
        message = caught.value.problems[0].format("en")
        assert message == (
            "cannot read file fehlt.yaml (file not found). Check the path and permissions."
        )


class TestBounds:
    def test_huge_file_rejected_quickly(self, tmp_path):
        path = tmp_path / "huge.yaml"
        path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1))
        started = time.perf_counter()
        with pytest.raises(YamlSyntaxError) as caught:
            load_file(path, "huge.yaml")
        assert time.perf_counter() - started < 1.0
        assert caught.value.problems[0].format("en") == (
            f"huge.yaml:1:1: file is {MAX_FILE_BYTES + 4} bytes, the maximum is "
            f"{MAX_FILE_BYTES}. Split the content into several files."
        )

    def test_deep_nesting_rejected(self):
        text = "a: " + "[" * 5000 + "]" * 5000
        with pytest.raises(YamlSyntaxError) as caught:
            load_text(text, "deep.yaml")
        assert caught.value.problems[0].format("en") == (
            "deep.yaml:1:43: nesting deeper than 40 levels. Scenarios need only a few "
            "levels; check the indentation."
        )

    def test_alias_bomb_bounded(self):
        lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for level in "bcdefghi":
            previous = chr(ord(level) - 1)
            lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
        started = time.perf_counter()
        with pytest.raises(YamlSyntaxError) as caught:
            load_text("\n".join(lines), "bomb.yaml")
        assert time.perf_counter() - started < 2.0
        message = caught.value.problems[0].format("en")
        assert message.endswith("more than 100000 values (aliases included). Remove nested aliases `*name`.")

    def test_python_tag_never_executed(self, tmp_path):
        marker = tmp_path / "pwned"
        text = variant("champion: Kim", f"champion: !!python/object/apply:os.system ['touch {marker}']")
        found = messages(text)
        assert found == [
            "s.yaml:8:11: tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed "
            "because files may not contain program objects. Remove the tag."
        ]
        assert not marker.exists()

    def test_second_document_rejected(self):
        found = messages(MINIMAL + "---\nid: zwei\n")
        assert found == [
            "s.yaml:60:1: second YAML document (`---`) found, but a file may contain only "
            "one. Remove the `---` line or split the file."
        ]


MORE_CASES = [
    pytest.param(
        variant("budget: 10000,", "budget: 10.000,"),
        [
            "s.yaml:9:22: in `ressourcen` (resources): YAML reads `10.000` as a decimal "
            "number, not with a thousands separator. Write `10000` without the dot (for a "
            "decimal number, use one or two digits after the dot)."
        ],
        id="thousands-dot",
    ),
    pytest.param(
        variant('voraussetzungen: "erledigt schub"', 'voraussetzungen: "runde ≥ 2"'),
        [
            "s.yaml:41:22: in action `dauerhaft`: condition `runde ≥ 2` cannot be read as "
            "written. Did you mean `runde >= 2`? Comparisons: `<`, `<=`, `>`, `>=`, `==`, "
            "`!=`; numbers with a decimal point."
        ],
        id="operator-hint",
    ),
    pytest.param(
        variant('voraussetzungen: "erledigt schub"', 'voraussetzungen: "a >= 2 und b >= 3"'),
        [
            "s.yaml:41:22: in action `dauerhaft`: condition `a >= 2 und b >= 3` joins several "
            "parts with 'und'. Write a list with one condition per line (`- ...`) instead; "
            "all of them must hold."
        ],
        id="condition-with-und",
    ),
    pytest.param(
        variant('sieg: ["a >= 90"]', "sieg: []"),
        ["s.yaml:53:9: in `ziele` (goals): `sieg` needs at least one condition, or the game "
         "is won at once."],
        id="empty-win",
    ),
    pytest.param(
        variant('sieg: ["a >= 90"]', 'sieg: ["runde >= 7"]'),
        ["s.yaml:53:10: in `ziele` (goals): goal is unreachable: `runde >= 7`, but the game "
         "ends after round 6."],
        id="win-after-last-round",
    ),
    pytest.param(
        variant("titel: Mini", "titel: Mini\nstart:35"),
        [
            "s.yaml:4:1: the colon after the key, or the space after it, is missing here. "
            "Write `key: value`."
        ],
        id="missing-colon",
    ),
    pytest.param(
        variant("champion: Kim", "champion: Kim\x07"),
        [
            "s.yaml:8:14: invisible control character 0x07 found, often copied from a word "
            "processor. Delete it (retype this part)."
        ],
        id="control-character",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_CASES)
def test_more_bad_scenario_messages(text, expected):
    assert messages(text) == expected


def test_self_prerequisite_rejected():
    text = variant('voraussetzungen: "erledigt schub"', 'voraussetzungen: "erledigt dauerhaft"')
    assert messages(text) == [
        "s.yaml:41:22: in action `dauerhaft`: action `dauerhaft` requires itself and can "
        "never start. Remove `erledigt dauerhaft` from its prerequisites."
    ]
