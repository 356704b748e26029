"""Wagtail's own reports, with exports whose cells are safe in a spreadsheet.

Their CSV exports write page and document titles as editors typed them, so a title
such as `=HYPERLINK(...)` runs as a formula in the officer's spreadsheet, and a
control character in one breaks the XLSX export. These routes come before Wagtail's
admin URLs in citylearn/urls.py and take over their addresses, to which Wagtail's URL
names still lead.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from citylearn.core.spreadsheets import SafeSpreadsheetExportMixin


class SafeLockedPagesView(SafeSpreadsheetExportMixin, LockedPagesView):
    pass


class SafeWorkflowView(SafeSpreadsheetExportMixin, WorkflowView):
    pass


class SafeWorkflowTasksView(SafeSpreadsheetExportMixin, WorkflowTasksView):
    pass


class SafeLogEntriesView(SafeSpreadsheetExportMixin, LogEntriesView):
    pass


class SafeAgingPagesView(SafeSpreadsheetExportMixin, AgingPagesView):
    pass


# Only the full pages export (`?export=csv`); their results-only halves never do.
urlpatterns = [
    path("locked/", SafeLockedPagesView.as_view()),
    path("workflow/", SafeWorkflowView.as_view()),
    path("workflow_tasks/", SafeWorkflowTasksView.as_view()),
    path("site-history/", SafeLogEntriesView.as_view()),
    path("aging-pages/", SafeAgingPagesView.as_view()),
]
# What Wagtail's admin URLs add to each of their views.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
