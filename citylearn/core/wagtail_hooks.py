"""The areas' index pages stay where links and the navigation expect them.

Their slugs are checked by `BasePage.clean`; here the admin refuses to move or delete
an index page (or a page above one), which would change or break the address too.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from citylearn.core import site_structure

INDEX_PAGE_STAYS = _(
    "“%(title)s” holds a section of the site whose address links and the navigation "
    "depend on: it cannot be moved or deleted."
)


def _holds_an_index_page(page: Page) -> Page | None:
    return (
        Page.objects.descendant_of(page, inclusive=True)
        .type(*site_structure.index_page_models())
        .first()
    )


def _refuse(request, page: Page, index: Page):
    messages.error(request, INDEX_PAGE_STAYS % {"title": index.title})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_delete_page")
def keep_index_pages_on_delete(request, page):
    index = _holds_an_index_page(page)
    if index is not None:
        return _refuse(request, page, index)
    return None


@hooks.register("before_move_page")
def keep_index_pages_on_move(request, page, destination):
    index = _holds_an_index_page(page)
    if index is not None:
        return _refuse(request, page, index)
    return None


@hooks.register("before_bulk_action")
def keep_index_pages_in_bulk(request, action_type, objects, action_class_instance):
    if action_type not in ("delete", "move"):
        return None
    for page in objects:
        if isinstance(page, Page):
            index = _holds_an_index_page(page)
            if index is not None:
                return _refuse(request, page, index)
    return None
