from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from citylearn.feedback.admin_views import CommentsReportView, HelpfulnessReportView
from citylearn.feedback.models import Feedback


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Feedback).user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path(
            "reports/feedback/",
            HelpfulnessReportView.as_view(),
            name="feedback_helpfulness",
        ),
        path(
            "reports/feedback/results/",
            HelpfulnessReportView.as_view(results_only=True),
            name="feedback_helpfulness_results",
        ),
        path(
            "reports/feedback/comments/",
            CommentsReportView.as_view(),
            name="feedback_comments",
        ),
        path(
            "reports/feedback/comments/results/",
            CommentsReportView.as_view(results_only=True),
            name="feedback_comments_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_helpfulness_menu_item():
    return FeedbackMenuItem(
        _("Feedback by page"),
        reverse("feedback_helpfulness"),
        icon_name="help",
        order=1000,
    )


@hooks.register("register_reports_menu_item")
def register_comments_menu_item():
    return FeedbackMenuItem(
        _("Feedback comments"),
        reverse("feedback_comments"),
        icon_name="comment",
        order=1010,
    )
