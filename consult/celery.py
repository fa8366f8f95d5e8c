"""Celery application. Broker and backend come from Django settings (CELERY_* environment variables)."""

import os

from celery import Celery
from celery.signals import worker_ready
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consult.settings.local")
# `filesystem://` (the embedded broker of local runs) writes each message whole before a worker
# can see it (consult.core.broker); kombu's own lets a worker read a half-written one and stop.
TRANSPORT_ALIASES["filesystem"] = "consult.core.broker:Transport"

app = Celery("consult")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _drain_outbox_on_start(**_kwargs: object) -> None:
    """Jobs recorded while the broker was unreachable are sent as soon as a worker is up."""
    app.send_task("core.drain_outbox", queue="default")
