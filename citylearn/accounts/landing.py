from django.urls import reverse

from citylearn.access.permissions import is_department_head, is_hr_officer


def landing_page_for(user) -> str:
    """Where a person lands after signing in without a `next`: officers and heads on
    their dashboard, everyone else on the home page, in the language they signed in in."""
    if is_hr_officer(user) or is_department_head(user):
        return reverse("reports:dashboard")
    return reverse("wagtail_serve", args=[""])
