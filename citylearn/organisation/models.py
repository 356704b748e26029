from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from citylearn.access.enums import Role
from citylearn.organisation.enums import RosterImportStatus


class Department(MP_Node):
    """A node of the district's tree. People point at it by id, so renaming or
    moving it keeps every record attached; only the materialised path changes."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Credit hours each person here should earn a year; empty: the nearest ancestor's
    # value applies, and at the root ANNUAL_CREDIT_HOURS_TARGET.
    credit_hours_target = models.DecimalField(
        _("annual credit-hour target"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def tree_label(self) -> str:
        return f"{'— ' * (self.depth - 1)}{self.name}"

    tree_label.short_description = _("name")

    def subtree_q(self, prefix: str = "") -> Q:
        """Matches rows in this department or below it, for `filter()`."""
        return Q(**{f"{prefix}path__startswith": self.path})


class StaffQuerySet(models.QuerySet):
    def active(self) -> "StaffQuerySet":
        return self.filter(is_active=True)

    def in_subtree(self, department: Department) -> "StaffQuerySet":
        return self.filter(department__path__startswith=department.path)


class StaffProfile(models.Model):
    """A civil servant on the roster. Leavers are deactivated, never deleted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="staff_profile",
    )
    employee_id = models.CharField(_("employee id"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="staff",
    )
    position = models.CharField(_("position"), max_length=100, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("mobile phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["employee_id"]
        indexes = [models.Index(fields=["department", "is_active"])]

    def __str__(self):
        return f"{self.employee_id} {self.name}"


class RoleAssignment(models.Model):
    """A department-head or HR role over one department and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department subtree"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "department"], name="unique_role_per_subtree"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.department}"


class RosterUpload(models.Model):
    """A roster read and checked, between its preview and its apply; emptied once
    applied. Only files without errors are kept."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    # The rows as read (`RosterRows.to_json()`), not the file: the file is read once,
    # at upload, and every later screen compares these rows with the database.
    rows = models.JSONField(default=dict, blank=True)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=20,
        choices=RosterImportStatus.choices,
        default=RosterImportStatus.PREVIEWED,
    )
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("roster upload")
        verbose_name_plural = _("roster uploads")

    def __str__(self):
        return self.filename
