from dataclasses import asdict

from celery import shared_task

from .retention import retention_apply


@shared_task(
    name="privacy.apply_retention",
    acks_late=True,
    time_limit=4 * 60 * 60 + 60,
    soft_time_limit=4 * 60 * 60,
)
def apply_retention() -> dict[str, int]:
    """Erase personal data past its retention period (daily). Work is committed chunk by chunk,
    so a run cut short by its time limit is continued by the next one."""
    return asdict(retention_apply())
