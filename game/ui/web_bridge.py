"""Calls from the game into the page that hosts it in the browser.

The page template of the web build defines these JavaScript functions on
``window``:

* ``dsAnnounce(text)`` writes ``text`` into the page's ARIA live region, so
  that screen readers read what the canvas shows;
* ``dsStorageGet(key)`` returns the stored string or ``null``;
* ``dsStorageSet(key, value)`` stores a string (``localStorage`` behind it);
* ``dsDownload(filename, text)`` offers ``text`` as a UTF-8 file download and
  returns whether the browser accepted it.

Under pygbag, Python reaches JavaScript through ``platform.window`` when
``sys.platform`` is ``"emscripten"`` (pygbag 0.9, see the pygame-web wiki page
"pygbag-code"). On the desktop every function here does nothing or returns
``None``. A failing call is logged and swallowed: the page may be an older
template, and the game must keep running.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

#: ``sys.platform`` values of the WebAssembly runtimes pygbag uses.
BROWSER_PLATFORMS = ("emscripten", "wasi")


def is_browser() -> bool:
    """Return whether the game runs inside a web page."""
    return sys.platform in BROWSER_PLATFORMS


def _window():
    # ``platform`` here is pygbag's JavaScript bridge module, which shadows the
    # standard library module of that name in the browser.
    import platform

    return platform.window


def announce(text: str) -> None:
    """Send ``text`` to the page's ARIA live region."""
    if not is_browser():
        return
    try:
        _window().dsAnnounce(text)
    except Exception as error:  # noqa: BLE001 - any JavaScript failure
        log.debug("dsAnnounce failed: %s", error)


def storage_get(key: str) -> str | None:
    """Return the string stored under ``key`` in the page, or ``None``."""
    if not is_browser():
        return None
    try:
        value = _window().dsStorageGet(key)
    except Exception as error:  # noqa: BLE001 - any JavaScript failure
        log.warning("Reading %s from browser storage failed: %s", key, error)
        return None
    if value is None:
        return None
    return str(value)


def storage_set(key: str, value: str) -> bool:
    """Store ``value`` under ``key`` in the page; return whether it worked."""
    if not is_browser():
        return False
    try:
        _window().dsStorageSet(key, value)
    except Exception as error:  # noqa: BLE001 - any JavaScript failure
        log.warning("Writing %s to browser storage failed: %s", key, error)
        return False
    return True


def download(filename: str, text: str) -> bool:
    """Offer ``text`` as a file download in the page and return whether it worked.

    Returns ``False`` on the desktop, on a page without ``dsDownload`` and
    when the browser refuses downloads.
    """
    if not is_browser():
        return False
    try:
        accepted = _window().dsDownload(filename, text)
    except Exception as error:  # noqa: BLE001 - any JavaScript failure
        log.warning("Offering %s as a download failed: %s", filename, error)
        return False
    return bool(accepted)
