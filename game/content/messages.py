"""Message catalogue for content problems, German first and English second.

Each entry maps a message id to a German and an English template formatted
with ``str.format``. Templates name the bad value and explain how to fix it.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Reading the file
    "file_unreadable": (
        "Datei {path} kann nicht gelesen werden ({reason}). Prüfen Sie Pfad und Rechte.",
        "cannot read file {path} ({reason}). Check the path and permissions.",
    ),
    "file_too_large": (
        "Datei ist {size} Bytes groß, erlaubt sind höchstens {limit}. "
        "Teilen Sie den Inhalt auf mehrere Dateien auf.",
        "file is {size} bytes, the maximum is {limit}. Split the content into several files.",
    ),
    "not_utf8": (
        "Byte {byte} ist kein gültiges UTF-8 (erkannte Kodierung: {guess}). "
        "Speichern Sie die Datei als UTF-8, z. B. im Editor unter "
        "„Speichern unter“ → Codierung „UTF-8“.",
        "byte {byte} is not valid UTF-8 (detected encoding: {guess}). "
        "Save the file as UTF-8, for example with 'Save as' → encoding 'UTF-8' in your editor.",
    ),
    "empty_file": (
        "Datei ist leer. Kopieren Sie ein vorhandenes Szenario als Vorlage.",
        "file is empty. Copy an existing scenario as a template.",
    ),
    "tab_indent": (
        "Tabulator zum Einrücken gefunden; YAML erlaubt nur Leerzeichen. "
        "Ersetzen Sie den Tabulator durch Leerzeichen.",
        "tab used for indentation, but YAML allows only spaces. Replace the tab with spaces.",
    ),
    "yaml_syntax": (
        "YAML-Syntaxfehler: {detail}. Prüfen Sie Einrückung, Doppelpunkte und "
        "Anführungszeichen in dieser Zeile und der Zeile davor.",
        "YAML syntax error: {detail}. Check indentation, colons and quotes on this "
        "line and the line before.",
    ),
    "control_character": (
        "Unsichtbares Steuerzeichen {char} gefunden, oft aus einer Textverarbeitung "
        "kopiert. Löschen Sie es (tippen Sie die Stelle neu).",
        "invisible control character {char} found, often copied from a word processor. "
        "Delete it (retype this part).",
    ),
    "syntax_missing_colon": (
        "Hier fehlt der Doppelpunkt nach dem Schlüssel, oder das Leerzeichen danach. "
        "Schreiben Sie `schluessel: wert`.",
        "the colon after the key, or the space after it, is missing here. "
        "Write `key: value`.",
    ),
    "syntax_colon_in_text": (
        "Doppelpunkt an unerwarteter Stelle. Enthält ein Text einen Doppelpunkt, setzen "
        "Sie den Text in Anführungszeichen; sonst prüfen Sie die Einrückung.",
        "colon in an unexpected place. If a text contains a colon, put the text in "
        "quotes; otherwise check the indentation.",
    ),
    "syntax_indentation": (
        "Die Einrückung passt nicht zu den Zeilen davor. Rücken Sie Einträge auf "
        "derselben Ebene gleich weit ein (nur Leerzeichen).",
        "the indentation does not match the lines before. Indent entries on the same "
        "level equally (spaces only).",
    ),
    "syntax_bad_character": (
        "Zeichen kann hier nicht stehen ({detail}). Ein Tabulator muss durch Leerzeichen "
        "ersetzt werden; Zeichen wie `@` oder `` ` `` am Textanfang brauchen "
        "Anführungszeichen.",
        "character cannot appear here ({detail}). Replace a tab with spaces; characters "
        "such as `@` or `` ` `` at the start of a text need quotes.",
    ),
    "syntax_unclosed_quote": (
        "Die Datei endet mitten in einem Wert. Prüfen Sie, ob ein Anführungszeichen oder "
        "eine Klammer nicht geschlossen wurde.",
        "the file ends in the middle of a value. Check for a quote or bracket that was "
        "not closed.",
    ),
    "many_documents": (
        "Zweites YAML-Dokument (`---`) gefunden; eine Datei darf nur eines enthalten. "
        "Entfernen Sie die Zeile `---` oder teilen Sie die Datei.",
        "second YAML document (`---`) found, but a file may contain only one. "
        "Remove the `---` line or split the file.",
    ),
    "unknown_anchor": (
        "Verweis `*{anchor}` zeigt auf keinen Anker `&{anchor}`. Definieren Sie den Anker vorher.",
        "alias `*{anchor}` refers to no anchor `&{anchor}`. Define the anchor first.",
    ),
    "too_deep": (
        "Verschachtelung tiefer als {limit} Ebenen. Szenarien brauchen nur wenige Ebenen; "
        "prüfen Sie die Einrückung.",
        "nesting deeper than {limit} levels. Scenarios need only a few levels; check the indentation.",
    ),
    "too_many_nodes": (
        "Mehr als {limit} Werte (auch durch Anker und Verweise). Entfernen Sie "
        "verschachtelte Verweise `*name`.",
        "more than {limit} values (aliases included). Remove nested aliases `*name`.",
    ),
    "unsafe_tag": (
        "Tag `{tag}` ist nicht erlaubt; Dateien dürfen keine Programm-Objekte enthalten. "
        "Entfernen Sie den Tag.",
        "tag `{tag}` is not allowed because files may not contain program objects. Remove the tag.",
    ),
    "bad_scalar": (
        "Wert `{text}` kann nicht gelesen werden ({detail}). Setzen Sie ihn in Anführungszeichen.",
        "value `{text}` cannot be read ({detail}). Put it in quotes.",
    ),
    "complex_key": (
        "Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
        "key must be plain text, not a list or mapping.",
    ),
    "merge_key": (
        "Zusammenführung mit `<<` wird nicht unterstützt. Schreiben Sie die Werte aus.",
        "merge key `<<` is not supported. Write the values out.",
    ),
    "duplicate_key": (
        "Schlüssel `{key}` kommt doppelt vor (zuerst in Zeile {first_line}). "
        "Löschen oder benennen Sie einen der beiden um.",
        "duplicate key `{key}` (first in line {first_line}). Remove or rename one of them.",
    ),
}


def render(code: str, params: dict, lang: str = "de") -> str:
    """Format message ``code`` in ``lang`` (``de`` or ``en``)."""
    assert code in MESSAGES, f"message id {code!r} missing from the catalogue"
    german, english = MESSAGES[code]
    template = english if lang == "en" else german
    # Parameters such as type names and "did you mean" hints are localized too.
    values = {
        key: value.render(lang) if hasattr(value, "render") else value
        for key, value in params.items()
    }
    return template.format(**values)


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add message templates of another content kind to the catalogue."""
    for code, texts in entries.items():
        assert code not in MESSAGES, f"message id {code!r} registered twice"
        MESSAGES[code] = texts
