from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from citylearn.access.permissions import role_summary
from citylearn.accounts.middleware import signed_in

register = template.Library()


@register.inclusion_tag("accounts/includes/user_nav.html", takes_context=True)
def user_nav(context):
    """Sign-in link, or the signed-in person's name and the areas their roles open."""
    request = context["request"]
    if not signed_in(request):
        return {"user": AnonymousUser()}
    user = request.user
    summary = role_summary(user)
    links = [{"url": reverse("accounts:my_data"), "label": _("My data")}]
    if summary["reader"]:
        links.append({"url": reverse("reports:dashboard"), "label": _("HR dashboard")})
        links.append({"url": reverse("organisation:people"), "label": _("People")})
    if summary["manager"]:
        links.append(
            {"url": reverse("organisation:roster_upload"), "label": _("Roster import")}
        )
    if summary["administrator"]:
        links.append({"url": reverse("audit:log"), "label": _("Audit log")})
    if summary["editor"]:
        links.append({"url": "/admin/", "label": _("Editing")})
    return {
        "user": user,
        "display_name": summary["name"],
        "links": links,
        "request": request,
    }
