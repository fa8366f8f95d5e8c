"""Settings for a Celery worker started by a test in a separate process: the test settings, with
the database the test runs on and a broker the test chooses (both from the environment)."""

import os

from consult.settings.test import *  # noqa: F403
from consult.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["REPORT_TEST_DATABASE"]
CELERY_BROKER_URL = os.environ["REPORT_TEST_BROKER_URL"]
_folder = os.environ.get("REPORT_TEST_BROKER_FOLDER", "")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": _folder,
        "data_folder_out": _folder,
        "control_folder": os.path.join(_folder, "control"),
        "store_processed": False,
    }
    if _folder
    else {}
)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ["REPORT_TEST_MEDIA"]},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
