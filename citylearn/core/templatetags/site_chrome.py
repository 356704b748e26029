from django import template
from django.conf import settings
from django.urls import translate_url

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
