"""Typed reading of located nodes, shared by all content kinds.

A :class:`Reader` collects every problem instead of stopping at the first,
so ``validate`` can list them all. Each ``read_*`` method returns a usable
fallback value after recording a problem, and the caller goes on.
"""

from __future__ import annotations

import difflib
import re

from game.content.errors import Location, Problem
from game.content.messages import register
from game.content.yamlload import Node

register(
    {
        "ctx_field": ("in `{field}`", "in `{field}`"),
        "missing_key": (
            "Pflichtfeld `{key}` fehlt. Ergänzen Sie eine Zeile `{key}: …`.",
            "required field `{key}` is missing. Add a line `{key}: …`.",
        ),
        "unknown_key": (
            "unbekanntes Feld `{key}`{suggestion}. Erlaubt sind: {allowed}.",
            "unknown field `{key}`{suggestion}. Allowed: {allowed}.",
        ),
        "did_you_mean": (
            " (meinten Sie `{candidate}`?)",
            " (did you mean `{candidate}`?)",
        ),
        "unknown_key_digits": (
            "unbekanntes Feld `{key}`. Steht davor eine Zahl mit Dezimalkomma wie `2,{key}`? "
            "YAML verwendet den Dezimalpunkt: `2.{key}`.",
            "unknown field `{key}`. Is there a number with a decimal comma before it, like "
            "`2,{key}`? YAML uses a decimal point: `2.{key}`.",
        ),
        "wrong_type": (
            "erwartet {expected}, gefunden {found} `{text}`.",
            "expected {expected}, found {found} `{text}`.",
        ),
        "yaml11_text": (
            "`{text}` ohne Anführungszeichen liest YAML als {found} `{value}`, nicht als Text. "
            'Schreiben Sie "{text}" in Anführungszeichen.',
            "YAML reads unquoted `{text}` as the {found} `{value}`, not as text. "
            'Write "{text}" in quotes.',
        ),
        "decimal_comma": (
            "`{text}` ist keine Zahl: YAML verwendet den Dezimalpunkt. Schreiben Sie `{fixed}`.",
            "`{text}` is not a number because YAML uses a decimal point. Write `{fixed}`.",
        ),
        "thousands_dot": (
            "`{text}` liest YAML als Kommazahl, nicht als Tausender. Schreiben Sie "
            "`{fixed}` ohne Punkt (für eine Kommazahl: mit nur einer oder zwei Stellen "
            "nach dem Punkt).",
            "YAML reads `{text}` as a decimal number, not with a thousands separator. Write "
            "`{fixed}` without the dot (for a decimal number, use one or two digits after "
            "the dot).",
        ),
        "out_of_range": (
            "Wert {value} liegt außerhalb des erlaubten Bereichs {low} bis {high}.",
            "value {value} is outside the allowed range {low} to {high}.",
        ),
        "not_integer": (
            "erwartet eine ganze Zahl, gefunden {value}.",
            "expected a whole number, found {value}.",
        ),
        "bad_choice": (
            "`{value}` ist nicht erlaubt. Erlaubt sind: {allowed}.{suggestion}",
            "`{value}` is not allowed. Allowed: {allowed}.{suggestion}",
        ),
        "bad_id": (
            "Kennung `{value}` ist ungültig: nur Kleinbuchstaben a–z, Ziffern und _, "
            "beginnend mit einem Buchstaben (z. B. `{fixed}`).",
            "id `{value}` is invalid: use lowercase a-z, digits and _, starting with a "
            "letter (for example `{fixed}`).",
        ),
        "missing_german": (
            "Text braucht eine deutsche Fassung `de:`.",
            "text needs a German version `de:`.",
        ),
        "empty_text": (
            "Text ist leer. Schreiben Sie einen Text.",
            "text is empty. Write a text.",
        ),
        "unknown_ref": (
            "{kind} `{value}` gibt es nicht.{suggestion}",
            "{kind} `{value}` does not exist.{suggestion}",
        ),
        "suggest_one": (" Meinten Sie `{candidate}`?", " Did you mean `{candidate}`?"),
        "suggest_list": (" Vorhanden: {candidates}.", " Available: {candidates}."),
        "duplicate_item": (
            "`{value}` steht doppelt in der Liste. Entfernen Sie einen Eintrag.",
            "`{value}` appears twice in the list. Remove one entry.",
        ),
    }
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
THOUSANDS_DOT = re.compile(r"-?\d{1,3}(\.\d{3})+")


def nearest(value: str, candidates) -> list[str]:
    """Return up to three candidate ids close to ``value``."""
    return difflib.get_close_matches(str(value), list(candidates), n=3, cutoff=0.6)


def make_id_suggestion(value: str) -> str:
    fixed = re.sub(
        r"[^a-z0-9_]+",
        "_",
        str(value)
        .lower()
        .replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("ß", "ss"),
    )
    fixed = fixed.strip("_") or "name"
    if not fixed[0].isalpha():
        fixed = "x_" + fixed
    return fixed


class Reader:
    """Collects located problems while reading nodes of one file."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.context: tuple[str, dict] | None = None

    # ------------------------------------------------------------- reporting

    def report(self, location: Location | None, code: str, **params) -> None:
        self.problems.append(Problem(location, code, params, self.context))

    def in_context(self, code: str, **params) -> _ContextGuard:
        """Use as ``with reader.in_context("ctx_action", id=...)``."""
        return _ContextGuard(self, (code, params))

    def suggestion(self, value, candidates):
        """Return a localized "did you mean" hint, or "" if nothing fits."""
        close = nearest(value, candidates)
        if close:
            return _Suggest("suggest_one", {"candidate": close[0]})
        candidates = list(candidates)
        if 0 < len(candidates) <= 8:
            return _Suggest(
                "suggest_list", {"candidates": ", ".join(f"`{c}`" for c in candidates)}
            )
        return ""

    # --------------------------------------------------------------- reading

    def mapping(self, node: Node, allowed: dict[str, bool]) -> dict[str, Node] | None:
        """Check that ``node`` is a mapping with known keys and required ones.

        Args:
            allowed: key to ``True`` if required.
        """
        if node.kind != "mapping":
            self._wrong_type(node, "mapping")
            return None
        for key in node.value:
            if key not in allowed and key.isdigit():
                # `{staerke: 2,5}` reads as the keys `staerke` and `5`.
                self.report(node.key_locations[key], "unknown_key_digits", key=key)
            elif key not in allowed:
                close = nearest(key, allowed)
                self.report(
                    node.key_locations[key],
                    "unknown_key",
                    key=key,
                    suggestion=_Suggest("did_you_mean", {"candidate": close[0]})
                    if close
                    else "",
                    allowed=", ".join(f"`{k}`" for k in allowed),
                )
        for key, required in allowed.items():
            if required and key not in node.value:
                self.report(node.location, "missing_key", key=key)
        return node.value

    def sequence(self, node: Node) -> list[Node] | None:
        if node.kind != "sequence":
            self._wrong_type(node, "sequence")
            return None
        return node.value

    def text(self, node: Node) -> str | None:
        """Read a single-language text, reporting YAML 1.1 surprises."""
        if node.kind != "scalar":
            self._wrong_type(node, "text")
            return None
        if isinstance(node.value, str):
            if not node.value.strip():
                self.report(node.location, "empty_text")
                return None
            return node.value
        if node.plain and node.value is not None:
            found = _TypeName("bool_found" if isinstance(node.value, bool) else "float")
            self.report(
                node.location,
                "yaml11_text",
                text=node.text,
                found=found,
                value=_show(node.value),
            )
            return None
        self._wrong_type(node, "text")
        return None

    def texts(self, node: Node) -> dict[str, str] | None:
        """Read ``Text`` or ``{de: Text, en: Text}``."""
        if node.kind == "mapping":
            fields = self.mapping(node, {"de": True, "en": False})
            if fields is None:
                return None
            out = {}
            for lang, child in fields.items():
                if lang in ("de", "en"):
                    value = self.text(child)
                    if value is not None:
                        out[lang] = value
            if "de" not in out:
                return None
            return out
        value = self.text(node)
        return {"de": value} if value is not None else None

    def number(self, node: Node, low=None, high=None, integer=False) -> float | None:
        if node.kind != "scalar":
            self._wrong_type(node, "number")
            return None
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip()):
                self.report(
                    node.location,
                    "decimal_comma",
                    text=value,
                    fixed=value.replace(",", "."),
                )
                return None
            self._wrong_type(node, "number")
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self._wrong_type(node, "number")
            return None
        if node.plain and THOUSANDS_DOT.fullmatch(node.text):
            # `40.000` is 40 for YAML, but 40,000 for a German reader.
            self.report(
                node.location,
                "thousands_dot",
                text=node.text,
                fixed=node.text.replace(".", ""),
            )
            return None
        if integer and int(value) != value:
            self.report(node.location, "not_integer", value=_show(value))
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.report(
                node.location,
                "out_of_range",
                value=_show(value),
                low=_show(low) if low is not None else "-∞",
                high=_show(high) if high is not None else "∞",
            )
            return None
        return int(value) if integer else float(value)

    def boolean(self, node: Node) -> bool | None:
        if node.kind == "scalar" and isinstance(node.value, bool):
            return node.value
        self._wrong_type(node, "bool")
        return None

    def choice(self, node: Node, allowed) -> str | None:
        if node.kind != "scalar" or not isinstance(node.value, str):
            text = node.text if node.kind == "scalar" else ""
            if node.kind == "scalar" and node.plain and text in allowed:
                return text
            self._wrong_type(node, "text")
            return None
        if node.value not in allowed:
            close = nearest(node.value, allowed)
            self.report(
                node.location,
                "bad_choice",
                value=node.value,
                allowed=", ".join(f"`{a}`" for a in allowed),
                suggestion=_Suggest("suggest_one", {"candidate": close[0]})
                if close
                else "",
            )
            return None
        return node.value

    def ident(
        self, node: Node, location: Location | None = None, value=None
    ) -> str | None:
        """Read an id; keys of mappings pass their key text and location."""
        if value is None:
            if node.kind != "scalar" or node.value is None:
                self._wrong_type(node, "text")
                return None
            if not isinstance(node.value, str):
                if node.plain:
                    found = _TypeName(
                        "bool_found" if isinstance(node.value, bool) else "float"
                    )
                    self.report(
                        node.location,
                        "yaml11_text",
                        text=node.text,
                        found=found,
                        value=_show(node.value),
                    )
                    return None
            value = node.text
            location = node.location
        if not ID_PATTERN.match(value):
            self.report(
                location, "bad_id", value=value, fixed=make_id_suggestion(value)
            )
            return None
        return value

    def reference(
        self,
        node: Node,
        kind_code: str,
        known,
        value: str | None = None,
        location: Location | None = None,
    ) -> str | None:
        """Check that an id refers to one of ``known``; suggest the nearest."""
        if value is None:
            if node.kind != "scalar" or not isinstance(node.value, str):
                self._wrong_type(node, "text")
                return None
            value = node.value
            location = node.location
        if value not in known:
            self.report(
                location,
                "unknown_ref",
                kind=_Kind(kind_code),
                value=value,
                suggestion=self.suggestion(value, known),
            )
            return None
        return value

    def _wrong_type(self, node: Node, expected: str) -> None:
        text = (
            node.text
            if node.kind == "scalar"
            else {"mapping": "{…}", "sequence": "[…]"}[node.kind]
        )
        self.report(
            node.location,
            "wrong_type",
            expected=_TypeName(expected),
            found=_TypeName(
                type(node.value).__name__
                if node.kind == "scalar"
                else {"mapping": "dict", "sequence": "list"}[node.kind]
            ),
            text=text,
        )


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Localized:
    """A message parameter that renders differently per language.

    :func:`game.content.messages.render` calls ``render(lang)`` on such values.
    """

    def render(self, lang: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class _Suggest(_Localized):
    def __init__(self, code: str, params: dict):
        self.code = code
        self.params = params

    def render(self, lang: str) -> str:
        from game.content.messages import render

        return render(self.code, self.params, lang)

    def __eq__(self, other):
        return isinstance(other, _Suggest) and (self.code, self.params) == (
            other.code,
            other.params,
        )

    def __repr__(self):
        return f"_Suggest({self.code!r}, {self.params!r})"


_TYPE_TEXT = {
    "text": ("einen Text", "text"),
    "number": ("eine Zahl", "a number"),
    "mapping": (
        "eine Zuordnung (Zeilen `schlüssel: wert`)",
        "a mapping (lines `key: value`)",
    ),
    "sequence": ("eine Liste (Zeilen mit `- `)", "a list (lines starting with `- `)"),
    "bool": ("true oder false", "true or false"),
    "str": ("Text", "text"),
    "int": ("Zahl", "number"),
    "float": ("Zahl", "number"),
    "bool_found": ("Wahrheitswert", "boolean"),
    "NoneType": ("leeren Wert", "empty value"),
    "dict": ("Zuordnung", "mapping"),
    "list": ("Liste", "list"),
}


class _TypeName(_Localized):
    def __init__(self, name: str):
        self.name = name

    def render(self, lang: str) -> str:
        german, english = _TYPE_TEXT.get(self.name, (self.name, self.name))
        return english if lang == "en" else german

    def __eq__(self, other):
        return isinstance(other, _TypeName) and self.name == other.name


_KIND_TEXT = {
    "variable": ("Variable", "variable"),
    "action": ("Maßnahme", "action"),
    "state": ("Zustand", "state"),
    "phase": ("Phase", "phase"),
    "loop": ("Zyklus", "cycle"),
    "link": ("Wirkung", "link"),
    "lesson": ("Lektion", "lesson"),
    "playbook": ("Playbook-Abschnitt", "playbook section"),
    "scenario": ("Szenario", "scenario"),
    "effect_target": ("Ziel einer Wirkung", "effect target"),
}


class _Kind(_Localized):
    def __init__(self, code: str):
        self.code = code

    def render(self, lang: str) -> str:
        german, english = _KIND_TEXT[self.code]
        return english if lang == "en" else german

    def __eq__(self, other):
        return isinstance(other, _Kind) and self.code == other.code


class _ContextGuard:
    def __init__(self, reader: Reader, context):
        self.reader = reader
        self.context = context
        self.saved = None

    def __enter__(self):
        self.saved = self.reader.context
        self.reader.context = self.context
        return self

    def __exit__(self, *exc):
        self.reader.context = self.saved
        return False
