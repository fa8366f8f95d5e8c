from celery import shared_task

from .notifications import response_send_confirmation


@shared_task(
    name="responses.send_confirmation",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
    time_limit=60,
    soft_time_limit=50,
)
def send_confirmation(response_id: int) -> bool:
    """Email a respondent their reference number and private link."""
    return response_send_confirmation(response_id=response_id)


@shared_task(
    name="responses.extract_attachment",
    queue="default",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    time_limit=120,
    soft_time_limit=100,
)
def extract_attachment(attachment_id: int) -> bool:
    """Extract an attachment's text in a limited child process (safe to run twice)."""
    from .attachments.services import attachment_extract

    return attachment_extract(attachment_id=attachment_id) is not None
