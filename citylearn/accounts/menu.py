"""The account menu: each app adds the links its own areas open, through a Wagtail hook.

    @hooks.register(ACCOUNT_MENU_HOOK)
    def my_learning_link(roles):
        if roles["learner"]:
            return MenuLink(order=20, url=reverse(...), label=_("My learning"))

`roles` is `access.permissions.role_summary()`, cached, so drawing the menu on a page
costs no query. A hook returns a MenuLink or None.
"""

from dataclasses import dataclass

from wagtail import hooks

ACCOUNT_MENU_HOOK = "register_account_menu_item"


@dataclass(frozen=True)
class MenuLink:
    order: int
    url: str
    label: str


def account_menu(roles: dict) -> list[MenuLink]:
    links = [
        link for hook in hooks.get_hooks(ACCOUNT_MENU_HOOK) if (link := hook(roles))
    ]
    return sorted(links, key=lambda link: link.order)
