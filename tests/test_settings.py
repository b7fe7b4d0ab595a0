"""Settings come from the environment, with safe production defaults."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

BASE = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL",
                                                         "DJANGO_SETTINGS_MODULE"}}  # fmt: skip


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**BASE, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="saima.example.gov.cn",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_database_url_selects_the_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={
            **BASE,
            "DJANGO_SETTINGS_MODULE": "saima.settings",
            "DEBUG": "1",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5999/saima",
        },  # fmt: skip
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def printed(expression: str, **env) -> str:
    """What ``print(expression)`` shows with the production settings read from ``env``."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={**BASE, "DJANGO_SETTINGS_MODULE": "saima.settings", "DEBUG": "1", **env},
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_an_s3_bucket_keeps_the_uploads_privately_when_set():
    default = "settings.STORAGES['default']"
    assert printed(f"{default}['BACKEND']") == "django.core.files.storage.FileSystemStorage"
    chosen = printed(f"{default}['BACKEND'], {default}['OPTIONS']['bucket_name'], "
                     f"{default}['OPTIONS']['default_acl']", S3_BUCKET="saima-photos")  # fmt: skip
    assert chosen.split() == ["storages.backends.s3.S3Storage", "saima-photos", "private"]


@pytest.mark.django_db
def test_the_database_connection_is_tuned_for_concurrent_judges():
    from django.db import connection

    if connection.vendor == "sqlite":  # WAL, and writers wait for the lock instead of failing
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    else:  # PostgreSQL: persistent connections, checked before reuse
        assert connection.vendor == "postgresql"
        assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 60
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
