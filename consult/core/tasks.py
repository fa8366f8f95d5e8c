from celery import shared_task

from .jobs import outbox_drain, outbox_prune


@shared_task(name="core.drain_outbox", acks_late=True, time_limit=300, soft_time_limit=240)
def drain_outbox() -> int:
    """Send the background jobs recorded and not yet sent."""
    return outbox_drain()


@shared_task(name="core.prune_outbox", acks_late=True, time_limit=1800, soft_time_limit=1700)
def prune_outbox() -> int:
    """Delete the jobs sent more than a week ago."""
    return outbox_prune()
