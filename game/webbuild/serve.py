"""Serve a built web folder on 127.0.0.1 with the standard library.

The server is for trying the build on one's own machine, so it binds to the
loopback address only. It sends the MIME types browsers need for pygbag's
files: WebAssembly must be ``application/wasm`` for streaming compilation.
"""

from __future__ import annotations

import functools
import logging
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger(__name__)

HOST = "127.0.0.1"

#: MIME types by file suffix, added to the ones of :mod:`mimetypes`.
MIME_TYPES = {
    ".apk": "application/vnd.android.package-archive",
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".data": "application/octet-stream",
    ".tmpl": "text/html",
    ".py": "text/x-python",
    ".whl": "application/zip",
}


class WebBuildHandler(SimpleHTTPRequestHandler):
    """Static file handler with pygbag's MIME types and no caching."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        # A rebuilt archive keeps its name, so the browser must not cache it.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib name
        log.debug("%s %s", self.address_string(), format % args)


def make_server(directory: Path, port: int = 0) -> ThreadingHTTPServer:
    """Return a server for ``directory`` bound to 127.0.0.1 (port 0: a free port).

    Raises:
        OSError: if the port is taken or cannot be bound.
    """
    handler = functools.partial(WebBuildHandler, directory=str(directory))
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


def server_url(server: ThreadingHTTPServer) -> str:
    """Return the ``http://127.0.0.1:PORT/`` address of ``server``."""
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def serve_in_thread(directory: Path, port: int = 0) -> ThreadingHTTPServer:
    """Start a server in a daemon thread; stop it with ``shutdown()``."""
    server = make_server(directory, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    log.info("Serving %s at %s", directory, server_url(server))
    return server
