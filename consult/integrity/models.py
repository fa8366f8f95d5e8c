"""How a response arrived, as keyed hashes (see the package docstring)."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from consult.responses.models import Response


class SubmissionTrace(models.Model):
    """One per submitted response: the hashed network prefix and user agent it was sent with."""

    response = models.OneToOneField(
        Response,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="submission_trace",
        verbose_name=_("response"),
    )
    network_hash = models.CharField(_("network hash"), max_length=64, blank=True)
    user_agent_hash = models.CharField(_("user agent hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission trace")
        verbose_name_plural = _("submission traces")
        constraints = [
            models.CheckConstraint(
                condition=Q(network_hash="") | Q(Exact(Length("network_hash"), 64)),
                name="trace_network_hash_length",
            ),
            models.CheckConstraint(
                condition=Q(user_agent_hash="") | Q(Exact(Length("user_agent_hash"), 64)),
                name="trace_user_agent_hash_length",
            ),
        ]

    def __str__(self) -> str:
        return f"trace of response {self.response_id}"
