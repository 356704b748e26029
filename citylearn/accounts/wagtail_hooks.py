from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.permissions import forget_role_summary, staff_profile


def _log_account(request, user):
    forget_role_summary(user)
    # Group membership and the superuser flag are the editor and administrator roles.
    record(
        action=AuditAction.ACCOUNT_CHANGED,
        request=request,
        target_user=user,
        detail={
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "is_superuser": user.is_superuser,
            "is_active": user.is_active,
        },
    )


@hooks.register("after_create_user")
def log_created_account(request, user):
    _log_account(request, user)


@hooks.register("after_edit_user")
def log_edited_account(request, user):
    _log_account(request, user)


@hooks.register("before_delete_user")
def keep_staff_accounts(request, user):
    """Leavers are deactivated, never deleted: their learning records stay theirs."""
    if staff_profile(user) is None:
        return None
    messages.error(
        request,
        _(
            "%(name)s is on the staff roster and cannot be deleted. Deactivate the "
            "account instead, or mark them as having left in the roster."
        )
        % {"name": user.get_username()},
    )
    return redirect("wagtailusers_users:edit", user.pk)
