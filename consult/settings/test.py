"""Test settings: fast hashing, in-memory email and cache, eager-free Celery (tests run tasks explicitly)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env, postgresql_tuned

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES = {
    "default": postgresql_tuned(env.db_url("DATABASE_URL", default="sqlite:///:memory:")),
}
CELERY_BROKER_URL = "memory://localhost/"  # a host, or kombu warns on every connection
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_RESULT_BACKEND = "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = False
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that exercise throttling set their own low rates; fuzzing must not hit these.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "token": "100000/min"},
}
