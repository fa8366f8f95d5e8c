"""Staff accounts and the departments that own consultations."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from consult.core.models import TimeStampedModel


class Department(TimeStampedModel):
    """A government body responsible for consultations; officials see only their department's."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ("code",)
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name_en or self.name_ja


class User(AbstractUser):
    """A staff account. Citizens respond without one."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    @property
    def is_official(self) -> bool:
        return bool(self.is_active and self.is_staff and self.department_id)
