from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citylearn.accounts.menu import ACCOUNT_MENU_HOOK, MenuLink


@hooks.register(ACCOUNT_MENU_HOOK)
def dashboard_link(roles):
    if roles["reader"]:
        return MenuLink(
            order=30, url=reverse("reports:dashboard"), label=_("HR dashboard")
        )
    return None
