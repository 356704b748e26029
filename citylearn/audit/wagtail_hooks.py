from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from citylearn.access.permissions import is_administrator
from citylearn.accounts.menu import ACCOUNT_MENU_HOOK, MenuLink


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


@hooks.register("register_admin_menu_item")
def register_audit_log_menu_item():
    return AdministratorMenuItem(
        _("Audit log"), reverse("audit:log"), icon_name="list-ul", order=900
    )


@hooks.register(ACCOUNT_MENU_HOOK)
def audit_log_link(roles):
    if roles["administrator"]:
        return MenuLink(order=60, url=reverse("audit:log"), label=_("Audit log"))
    return None
