from django import template

register = template.Library()


@register.filter
def web_url(url: str) -> str:
    """The URL if it is an http(s) address, else an empty string: the admin accepts any text."""
    return (
        url if isinstance(url, str) and url.startswith(("https://", "http://")) else ""
    )
