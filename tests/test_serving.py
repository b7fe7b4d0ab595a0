"""The production server: gunicorn with whitenoise serving collected, hashed static files."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from review.models import Event

ROOT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode()


def test_gunicorn_serves_pages_and_hashed_static_files(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}},
        "DJANGO_SETTINGS_MODULE": "saima.settings",
        "SECRET_KEY": "serving-test-key",
        "HTTP_ONLY": "1",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "saima.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, headers, page = get(base + "/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(server.stderr.read().decode() if server.poll() is not None else "")
        assert status == 200 and "赛马会评分" in page
        css = re.search(r'href="(/static/review/css/saima\.[0-9a-f]{12}\.css)"', page)
        assert css, "stylesheet served under a content-hashed name"
        status, headers, body = get(base + css.group(1))
        assert status == 200 and "mobile-first" in body
        assert "immutable" in headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_a_database_connection_outlives_a_request():
    """SQLite's was opened per request (CONN_MAX_AGE 0), re-running the WAL set-up each time."""
    from django.core.signals import request_finished, request_started
    from django.db import connection

    request_started.send(sender=None)
    Event.objects.exists()
    opened = connection.connection
    request_finished.send(sender=None)
    request_started.send(sender=None)
    Event.objects.exists()
    assert opened is not None and connection.connection is opened
    request_finished.send(sender=None)
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
