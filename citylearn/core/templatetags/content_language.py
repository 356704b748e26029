from django import template
from django.utils.html import format_html

from citylearn.core.content_language import CONTENT_LANGUAGE, has_chinese

register = template.Library()


@register.filter
def chinese(value):
    """The value marked as Chinese when it contains Chinese text (a name, a department,
    a search term), for a value set inside an English sentence or a data table."""
    if value is None or value == "" or not has_chinese(value):
        return value
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, value)
