"""Project settings. Values that differ between machines come from the environment:

- ``DEBUG`` (default off), ``SECRET_KEY`` (required unless DEBUG), ``ALLOWED_HOSTS``;
- ``DATABASE_URL`` (default: the SQLite file ``db.sqlite3``, or ``SQLITE_PATH``);
- ``HTTP_ONLY`` (a hall network without TLS) or, one by one, ``SECURE_SSL_REDIRECT``,
  ``SECURE_COOKIES``, ``SECURE_HSTS_SECONDS``; ``BEHIND_PROXY`` behind nginx. HTTPS hardening is
  on by default outside DEBUG (docs/deploy.md);
- ``PUBLIC_URL``: the address in judges' QR codes.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 on a development machine).")
    SECRET_KEY = "insecure-development-key"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

# HTTPS hardening, on by default in production; HTTP_ONLY=1 for a hall network without TLS.
HTTPS = not (DEBUG or env_bool("HTTP_ONLY", False))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# How many proxies in front append to X-Forwarded-For (common.interfaces.client_address): 1
# behind the nginx of docs/deploy.md. The client's address for the vote limit and the login
# lockout comes from it.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "1" if BEHIND_PROXY else "0"))
AXES_CLIENT_IP_CALLABLE = "common.interfaces.client_address.login_address"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The address judges' phones reach this server at (e.g. http://192.168.1.20:8000), used in the
# QR codes. Empty: the address the organiser's browser used.
PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tables2",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "common",
    "review",
    "season",
    "inspection",
    "stamps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "saima.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A refused database write (disk full, read-only) answers 503 saying nothing was saved.
    "saima.errors.DatabaseRefusedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as its documentation asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair is locked out for AXES_COOLOFF_TIME; an event's organiser can unlock
# its people earlier (control/logins/). Keyed by name *and* address, so a hall whose phones share
# one address is not locked out by one mistyped password, and nobody can lock an organiser out
# from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "review.views.lockouts.locked_out"
AXES_VERBOSE = False

# Every script and style is a file of our own under static/ (no inline code, no CDN), so the
# policy allows nothing else; the pages are tested against it in a real browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "saima.urls"
WSGI_APPLICATION = "saima.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "season.context.seasons",
                "common.interfaces.links.period_links",
            ],
        },
    },
]

SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept across requests like PostgreSQL's (checked before reuse): opening one per request
    # re-ran the WAL set-up each time, 38 % of a vote's server CPU. Django keeps one connection
    # per thread, never shared between threads.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    # IMMEDIATE: a transaction takes the write lock when it starts, so concurrent writers wait
    # (up to the timeout) instead of failing with "database is locked". WAL lets readers go on
    # while one judge's sheet is written.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Shared by every worker process and app server: the database by default, Redis when set.
# Never a per-process memory cache — a submit on one worker must show on every other.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "saima_cache",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# In production whitenoise serves the collected files under content-hashed names, so browsers in
# the hall cache them for good and still get new ones after an upgrade.
# Files that background jobs make (workbooks) and uploads they read: served only through the
# owner's pages, never by URL (no MEDIA_URL). django-storages' S3 backend can take this in
# production (docs/deploy.md).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Background jobs: the database backend of the django-tasks backport (Django 6's task
# framework); `manage.py db_worker` runs them (make demo and make serve start one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: A season's template upload larger than this is imported as a background job.
SEASON_IMPORT_INLINE_BYTES = int(os.environ.get("SEASON_IMPORT_INLINE_BYTES", 256 * 1024))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
#: Uploaded files (inspection photos, stamps' photos, jobs' workbooks) in an S3-compatible bucket
#: when ``S3_BUCKET`` is set (several app servers; ``pip install .[s3]``: django-storages);
#: otherwise in ``MEDIA_ROOT``. Never public: every file is served through a view that checks
#: who may see it, so the bucket keeps its objects private and URLs are not handed out.
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "location": os.environ.get("S3_PREFIX", "saima"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

DJANGO_TABLES2_TEMPLATE = "review/table.html"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
