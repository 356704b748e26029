from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import gettext_lazy as _

from citylearn.core.site_structure import ABOUT_PAGES, AREAS
from citylearn.core.site_structure import index_url as area_index_url

register = template.Library()


@register.inclusion_tag("core/includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in the other languages; plain links, so no cookie is set."""
    request = context["request"]
    current = request.LANGUAGE_CODE
    return {
        "languages": [
            {
                "code": code,
                "name": name,
                "url": translate_url(request.get_full_path(), code),
            }
            for code, name in settings.LANGUAGES
            if code != current
        ]
    }


@register.inclusion_tag("core/includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """Links to the site's areas, built without a query; the current area is marked."""
    path = context["request"].path
    links = [(area.index_url(), area.nav_label) for area in AREAS if area.nav_label]
    links.append((reverse("transparency"), _("Transparency")))
    links.append((reverse("search:search"), _("Search")))
    return {
        "links": [
            {"url": url, "label": label, "current": path.startswith(url)}
            for url, label in links
        ]
    }


@register.inclusion_tag("core/includes/footer_navigation.html")
def footer_navigation():
    """Links to the pages about the site, built without a query."""
    return {
        "links": [
            (reverse("wagtail_serve", args=[f"{page.slug}/"]), page.label)
            for page in ABOUT_PAGES
        ]
    }


@register.simple_tag
def index_url(kind: str) -> str:
    """The URL of a public area's index page (`core.site_structure`), e.g. for a breadcrumb."""
    return area_index_url(kind)
