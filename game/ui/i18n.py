"""UI string catalogues per language and number formatting.

Every text the front end shows comes from ``game/ui/strings/<lang>.json``: a
flat object from string id to a ``str.format`` template. German is the
reference catalogue; a missing id in another language falls back to German
and is logged, and a test checks that every id exists in every catalogue.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

#: Supported languages, German first.
LANGUAGES = ("de", "en")
STRINGS_DIR = Path(__file__).parent / "strings"


def load_catalogue(lang: str) -> dict[str, str]:
    """Read the string catalogue of ``lang``.

    The catalogue is ``<lang>.json`` merged with every ``<lang>.<area>.json``
    (for example ``de.lessons.json``), so feature areas keep their own files.
    An id defined in two files is a bug and raises ``ValueError``.
    """
    catalogue: dict[str, str] = {}
    paths = [STRINGS_DIR / f"{lang}.json", *sorted(STRINGS_DIR.glob(f"{lang}.*.json"))]
    for path in paths:
        with open(path, encoding="utf-8") as file:
            entries = json.load(file)
        twice = sorted(set(entries) & set(catalogue))
        if twice:
            raise ValueError(f"UI string ids defined twice ({path.name}): {twice}")
        catalogue.update(entries)
    return catalogue


class Strings:
    """Look up UI strings in the current language.

    Args:
        lang: ``de`` or ``en``; can be changed later with :meth:`set_language`.
    """

    def __init__(self, lang: str = "de"):
        self._catalogues = {code: load_catalogue(code) for code in LANGUAGES}
        self.lang = lang if lang in LANGUAGES else "de"

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(
                f"language {lang!r} is not supported; use one of {LANGUAGES}"
            )
        self.lang = lang

    def __call__(self, string_id: str, **params) -> str:
        """Return the string ``string_id`` with ``params`` filled in."""
        template = self._catalogues[self.lang].get(string_id)
        if template is None:
            template = self._catalogues["de"].get(string_id)
            if template is None:
                log.error("UI string id %r is missing from every catalogue", string_id)
                return string_id
            log.warning("UI string id %r is missing in %s", string_id, self.lang)
        return template.format(**params) if params else template

    def number(self, value: float, decimals: int = 0) -> str:
        """Format a number with the language's separators."""
        text = f"{value:,.{decimals}f}"
        if self.lang == "de":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text.replace("-", "\u2212")

    def signed(self, value: float, decimals: int = 1) -> str:
        """Format a change with an explicit sign (minus sign, not hyphen)."""
        text = self.number(abs(value), decimals)
        if value > 0:
            return "+" + text
        if value < 0:
            return "\u2212" + text
        return text

    def money(self, value: float) -> str:
        """Format an amount in euros."""
        text = self.number(abs(value))
        sign = "\u2212" if value < 0 else ""
        if self.lang == "de":
            return f"{sign}{text} €"
        return f"{sign}€{text}"
