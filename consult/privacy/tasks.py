from dataclasses import asdict

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded

from .retention import retention_apply


@shared_task(
    name="privacy.apply_retention",
    bind=True,
    acks_late=True,
    # Below CELERY_VISIBILITY_TIMEOUT (3600 s), so Redis never hands a running task to another worker.
    soft_time_limit=3000,
    time_limit=3300,
)
def apply_retention(self: Task) -> dict[str, int]:
    """Erase personal data past its retention period (daily at 03:30). Work is committed chunk
    by chunk; a run cut short by its time limit queues its own continuation."""
    try:
        return asdict(retention_apply())
    except SoftTimeLimitExceeded:
        self.apply_async(countdown=60)
        return {"continued": 1}
