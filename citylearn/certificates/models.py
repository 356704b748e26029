import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.certificates.names import mask_name
from citylearn.certificates.storage import certificate_storage


def new_verification_code() -> str:
    """192 random bits, URL-safe: 32 characters nobody can guess."""
    return secrets.token_urlsafe(24)


def pdf_path(certificate: "Certificate", filename: str) -> str:
    return f"{certificate.issued_at:%Y}/{filename}"


class Certificate(models.Model):
    """Proof of a course completion. What it states is fixed when it is issued."""

    completion = models.OneToOneField(
        "progress.CourseCompletion",
        verbose_name=_("course completion"),
        related_name="certificate",
        on_delete=models.PROTECT,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        related_name="certificates",
        on_delete=models.PROTECT,
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        related_name="certificates",
        on_delete=models.PROTECT,
    )
    code = models.CharField(
        _("verification code"),
        max_length=64,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    holder_name = models.CharField(_("holder's name"), max_length=150)
    course_title = models.CharField(_("course title"), max_length=255)
    credit_hours = models.DecimalField(
        _("credit hours"), max_digits=4, decimal_places=1
    )
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    pdf = models.FileField(
        _("PDF"),
        storage=certificate_storage,
        upload_to=pdf_path,
        blank=True,
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_certificate_per_learner_and_course"
            )
        ]

    def __str__(self):
        return f"{self.holder_name} · {self.course_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def masked_holder_name(self) -> str:
        return mask_name(self.holder_name)
