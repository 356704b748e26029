"""The admin report of amendments to review, for editors and moderators."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from citylearn.courses.models import CoursePage
from citylearn.lawreview.forms import RefresherForm
from citylearn.lawreview.models import ReviewItem
from citylearn.lawreview.selectors import changes_to_review
from citylearn.lawreview.services import assign_refresher, mark_item_reviewed
from citylearn.laws.models import ProvisionChange

VIEW = permission_required("lawreview.view_reviewitem", raise_exception=True)
CHANGE = permission_required("lawreview.change_reviewitem", raise_exception=True)
REVIEWED = _("Marked as reviewed.")
PAGES_ARE_PUBLISHED = _("A page is reviewed by publishing it.")
REFRESHER_ASSIGNED = _("The refresher was assigned to %(count)s people.")


@method_decorator(VIEW, name="dispatch")
class ReviewReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lawreview/report.html"
    page_title = _("Law changes to review")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        return super().get_context_data(changes=changes_to_review(), **kwargs)


@require_POST
@CHANGE
def mark_reviewed(request, pk):
    review = get_object_or_404(ReviewItem, pk=pk)
    if issubclass(review.content_type.model_class(), Page):
        messages.error(request, PAGES_ARE_PUBLISHED)
    else:
        mark_item_reviewed(item=review, by=request.user)
        messages.success(request, REVIEWED)
    return redirect("lawreview_report")


@method_decorator(CHANGE, name="dispatch")
class RefresherView(WagtailAdminTemplateMixin, FormView):
    template_name = "lawreview/refresher.html"
    form_class = RefresherForm
    page_title = _("Assign a refresher")
    header_icon = "date"

    def dispatch(self, request, change_id, course_id):
        self.change = get_object_or_404(
            ProvisionChange.objects.select_related("provision__law"), pk=change_id
        )
        self.course = get_object_or_404(CoursePage, pk=course_id)
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            change=self.change, course=self.course, **kwargs
        )

    def form_valid(self, form):
        try:
            refresher = assign_refresher(
                change=self.change,
                course=self.course,
                due_on=form.cleaned_data["due_on"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        count = refresher.assignment.assigned_people.count()
        messages.success(self.request, REFRESHER_ASSIGNED % {"count": count})
        return redirect("lawreview_report")
