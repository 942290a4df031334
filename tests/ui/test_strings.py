"""The UI string catalogues: complete in every language, placeholders consistent."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from game.ui.i18n import LANGUAGES, Strings, load_catalogue

UI_DIR = Path(__file__).resolve().parents[2] / "game" / "ui"
#: Calls such as ``self.s("end_round")`` or ``strings("res_budget")`` in the UI code.
LOOKUP = re.compile(r"""\b(?:s|strings|_strings)\(\s*"([a-z_]+)"[,)]""")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_id_in_every_catalogue():
    catalogues = {lang: load_catalogue(lang) for lang in LANGUAGES}
    reference = set(catalogues["de"])
    for lang, catalogue in catalogues.items():
        assert set(catalogue) == reference, f"{lang}: ids differ from de"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "de"])
def test_placeholders_match_german(lang):
    german = load_catalogue("de")
    other = load_catalogue(lang)
    for string_id, template in german.items():
        assert placeholders(other[string_id]) == placeholders(template), string_id


def test_ids_used_in_code_exist():
    german = load_catalogue("de")
    used = set()
    for path in UI_DIR.rglob("*.py"):
        used |= set(LOOKUP.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no lookups; update LOOKUP"
    missing = sorted(used - set(german))
    assert missing == []


def test_no_empty_strings():
    for lang in LANGUAGES:
        for string_id, text in load_catalogue(lang).items():
            assert text.strip(), f"{lang}:{string_id} is empty"


def test_language_switch_changes_text():
    strings = Strings("de")
    assert strings("end_round") == "Runde beenden"
    strings.set_language("en")
    assert strings("end_round") == "End the round"


def test_number_formats_per_language():
    strings = Strings("de")
    assert strings.money(40000) == "40.000 €"
    assert strings.signed(-1.25, 1) == "\u22121,2"
    strings.set_language("en")
    assert strings.money(40000) == "€40,000"
    assert strings.number(-12) == "\u221212"


def test_area_catalogues_merge(tmp_path, monkeypatch):
    import game.ui.i18n as i18n

    (tmp_path / "de.json").write_text('{"a": "A"}', encoding="utf-8")
    (tmp_path / "de.extra.json").write_text('{"b": "B"}', encoding="utf-8")
    monkeypatch.setattr(i18n, "STRINGS_DIR", tmp_path)
    assert load_catalogue("de") == {"a": "A", "b": "B"}
    (tmp_path / "de.zweit.json").write_text('{"a": "X"}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"defined twice \(de.zweit.json\): \['a'\]"):
        load_catalogue("de")
