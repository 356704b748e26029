from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from citylearn.lawreview import admin_views
from citylearn.lawreview.selectors import open_reviews_of


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("lawreview.view_reviewitem")


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "reports/law-changes/",
            admin_views.ReviewReportView.as_view(),
            name="lawreview_report",
        ),
        path(
            "reports/law-changes/items/<int:pk>/reviewed/",
            admin_views.mark_reviewed,
            name="lawreview_mark_reviewed",
        ),
        path(
            "reports/law-changes/<int:change_id>/refresher/<int:course_id>/",
            admin_views.RefresherView.as_view(),
            name="lawreview_refresher",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        gettext_lazy("Law changes to review"),
        reverse("lawreview_report"),
        icon_name="doc-full",
        order=950,
    )


@hooks.register("before_edit_page")
def warn_page_needs_review(request, page):
    """The editor sees, on the page itself, which amendments it must be checked against."""
    if request.method != "GET":
        return None
    for review in open_reviews_of(page.specific):
        change = review.change
        messages.warning(
            request,
            _(
                "Needs review: %(provision)s was amended (%(version)s). Check this "
                "page against the new text, then publish it."
            )
            % {"provision": change.provision, "version": change.new_version},
        )
    return None
