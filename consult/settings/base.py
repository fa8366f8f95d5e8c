"""Settings shared by every environment. Everything that varies comes from the environment."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_celery_results",
    "django_celery_beat",
    "consult.core",
    "consult.accounts",
    "consult.consultations",
    "consult.responses",
    "consult.campaigns",
    "consult.demo",
    "consult.api",
    "consult.reports",
    "consult.privacy",
    "consult.publication",
    "consult.moderation",
    "consult.integrity",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "consult.core.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "consult.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "consult.urls"
WSGI_APPLICATION = "consult.wsgi.application"
ASGI_APPLICATION = "consult.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]


def postgresql_tuned(database: dict[str, Any]) -> dict[str, Any]:
    """``database`` (a DATABASES entry) with the session settings consult runs PostgreSQL with;
    other databases unchanged. Every settings module passes its entries through this.

    JIT off unless ``DB_JIT=true``: PostgreSQL compiles a query to machine code when its
    estimated cost is high, which a search's correlated EXISTS over many responses reaches, and
    spent 0.2-0.4 s compiling such a search that then ran in 0.04 s (README "Benchmarks",
    `make bench ARGS=search`)."""
    if database.get("ENGINE") == "django.db.backends.postgresql" and not env.bool(
        "DB_JIT", default=False
    ):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


DATABASES = {
    "default": postgresql_tuned(
        env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Local runs: the web server, the worker's processes and beat write to one file. A transaction
    # takes the write lock when it begins and waits up to 20 s for it (a deferred one that reads
    # first fails at once with "database is locked" when another process is writing), and
    # readers go on while one process writes (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL"
    )
    # A fresh clone has no var/ yet: `manage.py migrate` run directly (not by make) makes it.
    _sqlite_file = str(DATABASES["default"].get("NAME") or "")
    if _sqlite_file and not _sqlite_file.startswith((":memory:", "file:")):
        Path(_sqlite_file).parent.mkdir(parents=True, exist_ok=True)
# The submit path's fixed statements are prepared once per database session (consult.core.db);
# off for a connection pooler that cannot keep prepared statements.
DB_PREPARED_STATEMENTS = env.bool("DB_PREPARED_STATEMENTS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Pseudonym keys apart from the data they key: their own database when this is set (README "Privacy").
if env.str("PRIVACY_KEYS_DATABASE_URL", default=""):
    DATABASES["privacy_keys"] = postgresql_tuned(env.db_url("PRIVACY_KEYS_DATABASE_URL"))
DATABASE_ROUTERS = ["consult.privacy.routers.PrivacyKeysRouter"]

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://consult")}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "consultations:list"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)

# Staff security (README "Staff security"): a second factor for staff, lockout after failed logins.
AUTHENTICATION_BACKENDS = [
    "consult.accounts.lockout.LockoutBackend",  # refuses a locked-out username+IP
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="consult")
OTP_TOTP_THROTTLE_FACTOR = env.int("OTP_TOTP_THROTTLE_FACTOR", default=1)
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "consult.accounts.lockout.lockout_page"
AXES_RESET_ON_SUCCESS = False  # reset after the second factor instead (consult.accounts.lockout)
AXES_CLIENT_IP_CALLABLE = "consult.accounts.lockout.client_ip"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "token"]
AXES_VERBOSE = False

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["consult.formats"]  # dates as sentences need them (see the package)
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Request size limits (bytes / field counts). A response is a few fields; bulk imports stream files.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=2000)

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="consult <no-reply@consult.localhost>")
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 ; console by default.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)

# Celery: the embedded default is kombu's filesystem transport, which needs no server. It has no
# host, but kombu logs "No hostname was supplied" on every connection to a URL without one.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost/")
_broker_dir = VAR_DIR / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = (
    {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    # Any process may publish before a worker has started (`manage.py load_demo` on a fresh
    # clone): the transport writes into these folders and refuses when they are missing.
    for _folder in ("out", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
# Every task's queue, in one place (Celery deprecates the per-task `queue` attribute).
CELERY_TASK_ROUTES = {
    "core.*": {"queue": "default"},
    "consultations.*": {"queue": "default"},
    "responses.*": {"queue": "default"},
    "reports.*": {"queue": "reports"},
    "privacy.*": {"queue": "default"},
    "moderation.*": {"queue": "default"},
}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "consultations-apply-schedule": {
        "task": "consultations.apply_schedule",
        "schedule": 60.0,
        "options": {"queue": "default"},
    },
    "core-drain-outbox": {
        "task": "core.drain_outbox",
        "schedule": 60.0,
        "options": {"queue": "default"},
    },
    "core-prune-outbox": {
        "task": "core.prune_outbox",
        "schedule": crontab(hour=3, minute=45),
        "options": {"queue": "default"},
    },
    "reports-reap": {
        "task": "reports.reap",
        "schedule": 300.0,
        # On the default queue: a long report must not hold up the check for stuck reports.
        "options": {"queue": "default"},
    },
    "moderation-sweep": {
        "task": "moderation.sweep",
        "schedule": 300.0,
        "options": {"queue": "default"},
    },
    "privacy-apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=3, minute=30),
        "options": {"queue": "default"},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "consult.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["consult.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "consult.api.errors.exception_handler",
    "DEFAULT_METADATA_CLASS": "consult.api.metadata.EndpointMetadata",
    "DEFAULT_THROTTLE_CLASSES": [
        "consult.api.throttling.AnonymousThrottle",
        "consult.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "token": env.str("API_THROTTLE_TOKEN", default="1200/min"),
    },
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024 + 64 * 1024)
API_MAX_IMPORT_BYTES = env.int("API_MAX_IMPORT_BYTES", default=256 * 1024 * 1024)
# Batches of one import written at once on PostgreSQL, each on its own connection.
API_IMPORT_WRITERS = env.int("API_IMPORT_WRITERS", default=2)
SPECTACULAR_SETTINGS = {
    "TITLE": "consult API",
    "DESCRIPTION": "Public consultations: proposals, questionnaires, responses and reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "consult.api.schema.add_standard_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ConsultationStatusEnum": "consult.consultations.models.Consultation.Status",
        "QuestionKindEnum": "consult.consultations.models.Question.Kind",
        "ResponseStatusEnum": "consult.responses.models.Response.Status",
        "RespondentKindEnum": "consult.responses.models.Respondent.Kind",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Limits shared by the web form and the API (documented in the README).
CONSULT_MAX_COMMENT_LENGTH = env.int("CONSULT_MAX_COMMENT_LENGTH", default=20000)
CONSULT_MAX_NAME_LENGTH = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "consult.core.views.csrf_failure"

# Open data of published consultations (README "Publication and open data"): the licence's SPDX
# identifier, and its address when the identifier is not one the app knows.
OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="CC-BY-4.0")
OPEN_DATA_LICENCE_URL = env.str("OPEN_DATA_LICENCE_URL", default="")
