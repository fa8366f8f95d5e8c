"""Emails to respondents, in the language they responded in."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Response
from .services import email_verification_token, response_private_token


def response_send_confirmation(*, response_id: int) -> bool:
    """Send the confirmation (reference, private link, verification link) once; safe to run twice."""
    with transaction.atomic():
        claimed = Response.objects.filter(pk=response_id, confirmation_sent_at__isnull=True).update(
            confirmation_sent_at=timezone.now()
        )
        if not claimed:
            return False
        response = Response.objects.select_related("consultation", "respondent").get(pk=response_id)
        if not response.respondent.email:
            return False
        with translation.override(response.language):
            context = {
                "response": response,
                "consultation": response.consultation,
                "private_url": settings.SITE_URL
                + reverse("responses:manage", args=[response_private_token(response)]),
                "verify_url": settings.SITE_URL
                + reverse("responses:verify_email", args=[email_verification_token(response)]),
            }
            subject = render_to_string("responses/email/confirmation_subject.txt", context).strip()
            body = render_to_string("responses/email/confirmation.txt", context)
        # Sending inside the transaction: if it fails, the claim is rolled back and a retry resends.
        send_mail(subject, body, None, [response.respondent.email])
    return True
