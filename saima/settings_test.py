"""Settings for the test suite: production settings, minus HTTPS redirects and slow hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-suite-key-not-secret")

from saima.settings import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Each run its own test database, so two runs in one checkout (or on one PostgreSQL server) never
# meet. SQLite: a file, not memory, so tests that race real threads share one database.
_RUN = f"{os.getpid()}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": Path(tempfile.gettempdir()) / f"saima-test-{_RUN}.sqlite3"
    }
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_RUN}"}  # noqa: F405

# Files jobs make go to a directory of this run's own.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"saima-test-media-{_RUN}"
