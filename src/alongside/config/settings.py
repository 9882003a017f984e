"""Settings, read from the environment so that one build serves the demo, CI and production.

| variable | default | meaning |
| --- | --- | --- |
| DATABASE_URL | sqlite:///<repo>/var/alongside.sqlite3 | SQLite for the demo, postgres://... in production |
| SECRET_KEY | a fixed development key (refused when DEBUG is off) | Django's signing key |
| FIELD_ENCRYPTION_KEY | derived from SECRET_KEY in development | key for national IDs at rest |
| DEBUG | false | development mode |
| ALLOWED_HOSTS | localhost,127.0.0.1 | comma-separated |
| ALONGSIDE_PRODUCTION | false | secure cookies, HSTS, SSL redirect |
| SESSION_IDLE_TIMEOUT | 1800 | seconds without a request before an office staff session is signed out |
| SESSION_IDLE_TIMEOUT_FIELD | 14400 | the same for caregivers and personal assistants (PA users, families: 8 h only) |
| ALONGSIDE_REQUIRE_STAFF_2FA | false | staff roles must set up two-step sign-in before using the pages |
| ALONGSIDE_STAFF_2FA_ROLES | manager,supervisor,caregiver,support_staff,government_officer | roles it applies to |
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ALONGSIDE_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
PRODUCTION = env_bool("ALONGSIDE_PRODUCTION")
DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment: the development key is refused in production.")
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
if PRODUCTION and not FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEY: national IDs are encrypted at rest with it.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "alongside.core",
    "alongside.people",
    "alongside.cases",
    "alongside.careplans",
    "alongside.supervision",
    "alongside.workforce",
    "alongside.scheduling",
    "alongside.dispatch",
    "alongside.fieldwork",
    "alongside.billing",
    "alongside.assistance",
    "alongside.complaints",
    "alongside.surveys",
    "alongside.evaluation",
    "alongside.familyportal",
    "alongside.govstats",
    "alongside.equipment",
    "alongside.accounts",
    "alongside.web",
]

MIDDLEWARE = [
    "alongside.core.observability.RequestObservabilityMiddleware",  # request id, access line, metrics: first
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alongside.core.problems.ApiProblemMiddleware",  # every /api/v1/ error a problem object
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "alongside.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "alongside.accounts.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "alongside.core.middleware.SecurityHeadersMiddleware",
    "alongside.core.middleware.DomainExceptionMiddleware",
    "alongside.core.ratelimit.PublicRulesRateLimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alongside.config.urls"
WSGI_APPLICATION = "alongside.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "alongside.web.context_processors.shell",
                "alongside.accounts.session_policy.context",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'alongside.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a background job writes; a busy timeout avoids spurious locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day, counted from sign-in (accounts/middleware.py)
# Signed out after this many seconds without a request (accounts/middleware.py); the sign-in page says why.
# Office staff get SESSION_IDLE_TIMEOUT, caregivers and personal assistants SESSION_IDLE_TIMEOUT_FIELD (a phone
# between visits), PA users and families only the absolute limit (accounts/session_policy.py).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_IDLE_TIMEOUT_FIELD = int(os.environ.get("SESSION_IDLE_TIMEOUT_FIELD", str(4 * 60 * 60)))
# Two-step sign-in (accounts app, ADR 0008) is optional per user; this forces the staff roles below to enrol.
ALONGSIDE_REQUIRE_STAFF_2FA = env_bool("ALONGSIDE_REQUIRE_STAFF_2FA")
ALONGSIDE_STAFF_2FA_ROLES = env_list(
    "ALONGSIDE_STAFF_2FA_ROLES", "manager,supervisor,caregiver,support_staff,government_officer"
)
TWO_FACTOR_FAILURE_LIMIT = 5  # wrong codes in a row lock the second step ...
TWO_FACTOR_LOCKOUT_MINUTES = 15  # ... for this long
TWO_FACTOR_PENDING_SECONDS = 300  # time between the right password and the code
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("ja", "日本語"),
    ("en", "English"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "alongside_language"
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Largest accepted upload (a scan of a signed paper), checked by core.uploads with the type by magic bytes.
UPLOAD_MAX_BYTES = int(os.environ.get("ALONGSIDE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production, serve static files straight from the apps: no collectstatic step for the demo or tests.
WHITENOISE_USE_FINDERS = not PRODUCTION

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}

# Each app's dashboard items (core/dashboard.py).
DASHBOARD_PROVIDERS = [
    "alongside.cases.dashboard.items",
    "alongside.careplans.dashboard.items",
    "alongside.supervision.dashboard.items",
    "alongside.workforce.dashboard.items",
    "alongside.scheduling.dashboard.items",
    "alongside.dispatch.dashboard.items",
    "alongside.fieldwork.dashboard.items",
    "alongside.billing.dashboard.items",
    "alongside.complaints.dashboard.items",
    "alongside.surveys.dashboard.items",
    "alongside.evaluation.dashboard.items",
    "alongside.familyportal.dashboard.items",
    "alongside.govstats.dashboard.items",
    "alongside.equipment.dashboard.items",
]

# Pure rules calculations are public but rate-limited per client address.
RULES_API_RATE = os.environ.get("RULES_API_RATE", "120/m")

# Logs: JSON lines (LOG_FORMAT=json, the production default) or plain text; one access line per request with
# its request id (core/observability.py). METRICS_DIR: where each process leaves its request counters so that
# /metrics adds up every gunicorn worker (unset: the answering process only).
LOGGING_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "default": {"()": "alongside.core.observability.JsonFormatter"}
        if LOGGING_FORMAT == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"alongside.request": {"level": os.environ.get("ACCESS_LOG_LEVEL", "INFO")}},
}
METRICS_DIR = os.environ.get("METRICS_DIR", "")
# The load balancer's probes and the metrics scrape come over plain HTTP from inside: no HTTPS redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]

# Background work (month close, optimisation, reports) goes through Django's Tasks interface.
# The database backend needs no extra server; `alongside db_worker` runs the queue (make demo starts one).
# ALONGSIDE_TASKS_IMMEDIATE=1 runs tasks inside the request, as the tests do.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("ALONGSIDE_TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# The optimiser's wall-clock limit for each day it plans (a week is planned day by day in the background).
DISPATCH_TIME_LIMIT_S = int(os.environ.get("DISPATCH_TIME_LIMIT_S", "10"))
