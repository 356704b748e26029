from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citylearn.accounts.menu import ACCOUNT_MENU_HOOK, MenuLink


@hooks.register(ACCOUNT_MENU_HOOK)
def assignments_link(roles):
    if roles["reader"]:
        return MenuLink(
            order=35, url=reverse("assignments:list"), label=_("Assignments")
        )
    return None
