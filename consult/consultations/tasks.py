from celery import shared_task

from .services import consultation_apply_schedule


@shared_task(
    name="consultations.apply_schedule",
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
)
def apply_schedule() -> dict[str, int]:
    """Open and close consultations on time."""
    return consultation_apply_schedule()
