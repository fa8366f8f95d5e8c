from celery import shared_task

from .jobs import outbox_drain


@shared_task(name="core.drain_outbox", acks_late=True, time_limit=300, soft_time_limit=240)
def drain_outbox() -> int:
    """Send background jobs that were recorded while the broker was unreachable."""
    return outbox_drain()
