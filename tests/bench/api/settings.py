"""Settings for the API throughput benchmark: production-like (DEBUG off, persistent connections),
throttles out of the way, plus a minimal endpoint to compare against."""

from consult.settings.base import *  # noqa: F403
from consult.settings.base import REST_FRAMEWORK, env, postgresql_tuned

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "tests.bench.api.urls"
DATABASES = {"default": postgresql_tuned(env.db_url("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = 60
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "10000000/min", "token": "10000000/min"},
}
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
