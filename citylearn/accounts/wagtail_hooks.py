from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from citylearn.access.permissions import forget_role_summary, staff_profile
from citylearn.accounts.menu import ACCOUNT_MENU_HOOK, MenuLink
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record


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


@hooks.register("before_bulk_action")
def keep_staff_accounts_in_bulk(request, action_type, objects, action):
    """The same rule for the user list's bulk delete, which skips before_delete_user."""
    if not isinstance(action, DeleteBulkAction):
        return None
    on_roster = [user.get_username() for user in objects if staff_profile(user)]
    if not on_roster:
        return None
    messages.error(
        request,
        ngettext(
            "%(names)s is on the staff roster and cannot be deleted. Nobody was "
            "deleted; deactivate the account instead.",
            "%(names)s are on the staff roster and cannot be deleted. Nobody was "
            "deleted; deactivate their accounts instead.",
            len(on_roster),
        )
        % {"names": _(", ").join(on_roster)},
    )
    back = get_valid_next_url_from_request(request)
    return redirect(back or "wagtailusers_users:index")


@hooks.register(ACCOUNT_MENU_HOOK)
def my_data_link(roles):
    return MenuLink(order=10, url=reverse("accounts:my_data"), label=_("My data"))


@hooks.register(ACCOUNT_MENU_HOOK)
def change_password_link(roles):
    return MenuLink(
        order=80, url=reverse("accounts:password_change"), label=_("Change password")
    )


@hooks.register(ACCOUNT_MENU_HOOK)
def editing_link(roles):
    if roles["editor"]:
        return MenuLink(order=70, url=reverse("wagtailadmin_home"), label=_("Editing"))
    return None
