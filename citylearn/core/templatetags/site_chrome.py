from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import gettext_lazy as _

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


# The public areas, by index slug (see citylearn.core.markup.INDEX_SLUGS) or URL name.
NAVIGATION = [
    ("rights/", _("Your data rights")),
    ("cases/", _("Case studies")),
    ("glossary/", _("Glossary")),
    ("register/", _("Algorithm register")),
    ("learn/", _("Learning for staff")),
]


@register.inclusion_tag("core/includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """Links to the site's areas, built without a query; the current area is marked."""
    path = context["request"].path
    links = [
        (reverse("wagtail_serve", args=[slug]), label) for slug, label in NAVIGATION
    ]
    links.append((reverse("transparency"), _("Transparency")))
    links.append((reverse("search:search"), _("Search")))
    return {
        "links": [
            {"url": url, "label": label, "current": path.startswith(url)}
            for url, label in links
        ]
    }


# The pages about the site itself (content/about/), linked from every page's footer.
ABOUT_PAGES = [
    ("about/", _("About this site")),
    ("privacy/", _("Privacy")),
    ("accessibility/", _("Accessibility")),
    ("contact/", _("Contact us")),
]


@register.inclusion_tag("core/includes/footer_navigation.html")
def footer_navigation():
    """Links to the pages about the site, built without a query."""
    return {
        "links": [
            (reverse("wagtail_serve", args=[slug]), label)
            for slug, label in ABOUT_PAGES
        ]
    }
