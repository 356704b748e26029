from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    LOCKOUT = "lockout", _("Locked out after repeated failures")
    SIGN_OUT = "sign_out", _("Signed out")
    SESSION_TIMED_OUT = "session_timed_out", _("Signed out after inactivity")
    PASSWORD_LINK_SENT = "password_link_sent", _("Activation or reset link sent")
    PASSWORD_SET = "password_set", _("Password set")
    PERSON_VIEWED = "person_viewed", _("Viewed a person's records")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Own data downloaded")
    EXPORT = "export", _("Exported personal records")
    ROSTER_PREVIEWED = "roster_previewed", _("Roster previewed")
    ROSTER_APPLIED = "roster_applied", _("Roster applied")
    STAFF_CREATED = "staff_created", _("Staff member created")
    STAFF_UPDATED = "staff_updated", _("Staff member updated")
    STAFF_MOVED = "staff_moved", _("Staff member moved")
    STAFF_DEACTIVATED = "staff_deactivated", _("Staff member deactivated")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    DEPARTMENT_CREATED = "department_created", _("Department created")
    DEPARTMENT_CHANGED = "department_changed", _("Department renamed or moved")
    ACCOUNT_CHANGED = "account_changed", _("Account created or changed in the admin")
    AUDIT_PURGED = "audit_purged", _("Old audit entries purged")
    ASSIGNMENT_CREATED = "assignment_created", _("Course assigned")
    ASSIGNMENT_EXTENDED = "assignment_extended", _("Assignment due date extended")
    ASSIGNMENT_WITHDRAWN = "assignment_withdrawn", _("Assignment withdrawn")
    CREDIT_TARGET_CHANGED = (
        "credit_target_changed",
        _("Department credit-hour target changed"),
    )
