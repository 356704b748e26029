from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from citylearn.core.spreadsheets import SafeSpreadsheetExportMixin
from citylearn.feedback.models import Feedback
from citylearn.feedback.selectors import helpfulness_by_page


class FeedbackExportMixin(SafeSpreadsheetExportMixin):
    model = Feedback
    any_permission_required = ["view"]


class HelpfulnessReportView(FeedbackExportMixin, ReportView):
    page_title = _("Feedback by page")
    header_icon = "help"
    index_url_name = "feedback_helpfulness"
    index_results_url_name = "feedback_helpfulness_results"
    export_filename = "feedback-by-page"
    list_export = ["path", "answers", "found_helpful", "found_unhelpful", "comments"]
    export_headings = {
        "path": _("Page"),
        "answers": _("Answers"),
        "found_helpful": _("Helpful"),
        "found_unhelpful": _("Not helpful"),
        "comments": _("Comments"),
    }
    columns = [
        Column("path", label=_("Page")),
        Column("answers", label=_("Answers")),
        Column("found_helpful", label=_("Helpful")),
        Column("found_unhelpful", label=_("Not helpful")),
        Column("comments", label=_("Comments")),
    ]

    def get_queryset(self):
        return helpfulness_by_page()


class CommentsReportView(FeedbackExportMixin, ReportView):
    page_title = _("Feedback comments")
    header_icon = "comment"
    index_url_name = "feedback_comments"
    index_results_url_name = "feedback_comments_results"
    export_filename = "feedback-comments"
    list_export = ["submitted_on", "path", "language", "helpful", "comment"]
    columns = [
        DateColumn("submitted_on", label=_("Submitted on")),
        Column("path", label=_("Page")),
        Column("helpful", label=_("Helpful")),
        Column("comment", label=_("Comment")),
    ]

    def get_queryset(self):
        return Feedback.objects.exclude(comment="")
