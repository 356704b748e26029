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


@hooks.register(ACCOUNT_MENU_HOOK)
def provision_figures_link(roles):
    if roles["manager"]:
        return MenuLink(
            order=45,
            url=reverse("reports:provision_figures"),
            label=_("Articles staff misread"),
        )
    return None
