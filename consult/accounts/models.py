"""Staff accounts and the departments that own consultations."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
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
    """A staff or organisation account. Citizens respond without one.

    A staff member's rights follow from `staff_role` (see `consult.accounts.roles`); a superuser is
    the platform administrator.
    """

    class StaffRole(models.TextChoices):
        MODERATOR = "moderator", _("Moderator")
        ANALYST = "analyst", _("Analyst / official")
        DEPARTMENT_ADMIN = "department_admin", _("Department administrator")

    staff_role = models.CharField(
        _("staff role"), max_length=20, choices=StaffRole.choices, blank=True, default=""
    )
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


class Organisation(TimeStampedModel):
    """A civil-society group, business or other body that responds or runs campaigns."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO / civil-society group")
        BUSINESS = "business", _("Business")
        ACADEMIC = "academic", _("Academic")
        PROFESSIONAL = "professional", _("Professional body")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A rejection keeps the reason for the group to read; editing the details asks again.
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)
    members: "models.ManyToManyField[User, OrganisationMembership]" = models.ManyToManyField(
        User, through="OrganisationMembership", related_name="organisations", blank=True
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True) | Q(rejected_at__isnull=True),
                name="organisation_not_verified_and_rejected",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OrganisationMembership(TimeStampedModel):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class ApiToken(TimeStampedModel):
    """A revocable, expiring API key. Only its SHA-256 is stored; the key is shown once.

    A token with an organisation acts for that organisation (submits for consenting supporters,
    reads its own submissions); without one it acts as its official (their department's
    consultations). Its `access` bounds what it may do within that: a read-only key may only
    read (list, export, documents, reports), never submit, import, author or change anything.
    """

    class Access(models.TextChoices):
        READ = "read", _("Read and export only")
        WRITE = "write", _("Read and write (submit, import, author)")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    access = models.CharField(
        _("access"), max_length=8, choices=Access.choices, default=Access.READ
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
