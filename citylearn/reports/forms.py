from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.models import Assignment
from citylearn.courses.models import CoursePage
from citylearn.organisation.fields import DepartmentField
from citylearn.organisation.models import Department
from citylearn.reports.selectors import AssignmentFilter


class DateInput(forms.DateInput):
    input_type = "date"


class DashboardFilterForm(forms.Form):
    """The dashboard's GET parameters: a bookmarked URL shows the same view."""

    department = DepartmentField(required=False)
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        required=False,
        empty_label=_("All courses"),
    )
    assignment = forms.ModelChoiceField(
        label=_("Assignment"),
        queryset=Assignment.objects.none(),
        required=False,
        empty_label=_("All assignments"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *AssignmentStatus.choices],
        required=False,
    )
    due_from = forms.DateField(label=_("Due from"), required=False, widget=DateInput)
    due_to = forms.DateField(label=_("Due by"), required=False, widget=DateInput)
    sort = forms.ChoiceField(
        label=_("Order departments by"),
        choices=[
            ("", _("Tree order")),
            ("rate", _("Lowest completion rate first")),
            ("overdue", _("Most overdue first")),
        ],
        required=False,
    )
    people_sort = forms.ChoiceField(
        label=_("Order people by"),
        choices=[
            ("", _("Employee id")),
            ("name", _("Name")),
            ("hours", _("Fewest credit hours first")),
        ],
        required=False,
    )

    def __init__(
        self,
        *args,
        departments: QuerySet[Department],
        assignments: QuerySet[Assignment],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["assignment"].queryset = assignments.select_related(
            "course"
        ).order_by("-due_on", "pk")

    def clean(self):
        cleaned = super().clean()
        due_from, due_to = cleaned.get("due_from"), cleaned.get("due_to")
        if due_from and due_to and due_from > due_to:
            self.add_error(
                "due_to", _("The end of the due-date range is before its start.")
            )
        return cleaned

    def assignment_filter(self) -> AssignmentFilter:
        """The filter to apply; call after is_valid()."""
        data = self.cleaned_data
        return AssignmentFilter(
            course_id=data["course"].pk if data.get("course") else None,
            assignment_id=data["assignment"].pk if data.get("assignment") else None,
            status=data.get("status", ""),
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
        )
