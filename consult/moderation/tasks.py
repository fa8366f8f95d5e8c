from dataclasses import asdict

from celery import shared_task

from .scanning import moderation_scan, moderation_sweep

SWEEP_LIMIT = 50_000
"""Texts one sweep scans at most (about half a millisecond each); the next sweep continues."""


@shared_task(
    name="moderation.scan_response",
    acks_late=True,
    max_retries=3,
    autoretry_for=(OSError,),
    retry_backoff=True,
    time_limit=300,
    soft_time_limit=240,
)
def scan_response(response_id: int) -> dict[str, int]:
    """Scan a submitted response's free-text answers and clause comments for the moderation
    queue (safe to run twice: unchanged texts are skipped)."""
    return asdict(moderation_scan(response_id=response_id))


@shared_task(
    name="moderation.sweep",
    acks_late=True,
    # Below CELERY_VISIBILITY_TIMEOUT (3600 s), so Redis never hands a running task to another worker.
    time_limit=1800,
    soft_time_limit=1700,
)
def sweep() -> dict[str, int]:
    """Scan every submitted text that has no moderation item yet (imports, amendments, scans
    lost with a worker); every five minutes."""
    return asdict(moderation_sweep(limit=SWEEP_LIMIT))
