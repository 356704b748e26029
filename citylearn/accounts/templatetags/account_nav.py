from django import template
from django.contrib.auth.models import AnonymousUser

from citylearn.access.permissions import role_summary
from citylearn.accounts.menu import account_menu
from citylearn.core.sessions import signed_in_user

register = template.Library()


@register.inclusion_tag("accounts/includes/user_nav.html", takes_context=True)
def user_nav(context):
    """Sign-in link, or the signed-in person's name and the areas their roles open."""
    request = context["request"]
    if not signed_in_user(request):
        return {"user": AnonymousUser()}
    user = request.user
    summary = role_summary(user)
    return {
        "user": user,
        "display_name": summary["name"],
        "links": account_menu(summary),
        "request": request,
    }
