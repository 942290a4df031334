"""The local server: MIME types, loopback binding and the ``serve`` command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request

import pytest
from webtools import ROOT

from game.webbuild.serve import HOST, make_server, serve_in_thread, server_url


@pytest.fixture
def site(tmp_path):
    for name in ("index.html", "app.apk", "main.wasm", "pythons.js", "main.data"):
        (tmp_path / name).write_bytes(b"x")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("app.apk", "application/vnd.android.package-archive"),
        ("main.wasm", "application/wasm"),
        ("pythons.js", "text/javascript"),
        ("main.data", "application/octet-stream"),
        ("index.html", "text/html"),
    ],
    ids=["apk", "wasm", "js", "data", "html"],
)
def test_mime_types(site, name, mime):
    server = serve_in_thread(site)
    try:
        with urllib.request.urlopen(server_url(server) + name, timeout=10) as reply:
            assert reply.headers.get_content_type() == mime
            assert reply.headers["Cache-Control"] == "no-store"
    finally:
        server.shutdown()
        server.server_close()


def test_binds_loopback_free_port(site):
    server = make_server(site)
    try:
        host, port = server.server_address[:2]
        assert host == HOST == "127.0.0.1"
        assert port > 0
    finally:
        server.server_close()


def test_serve_command_prints_address(web_build):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game",
            "--lang",
            "en",
            "serve",
            "--no-build",
            "--output",
            str(web_build),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("Datenschatz is served at http://127.0.0.1:")
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        with urllib.request.urlopen(url, timeout=10) as reply:
            assert b'<html lang="de">' in reply.read()
        with urllib.request.urlopen(url + "datenschatz.apk", timeout=10) as reply:
            assert reply.headers.get_content_type() == (
                "application/vnd.android.package-archive"
            )
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process_output = process.stdout.read()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == 0
    assert process_output.endswith("Server stopped.\n")


def test_serve_without_build_fails(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "--lang",
            "en",
            "serve",
            "--no-build",
            "--output",
            str(tmp_path / "none"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith("no web build in ")
