from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.assignments.enums import AssignmentTarget, LateReasonKind
from citylearn.core.validators import visible_characters_only
from citylearn.courses.models import CoursePage
from citylearn.organisation.fields import DepartmentField
from citylearn.organisation.models import Department, StaffProfile


class DateInput(forms.DateInput):
    input_type = "date"


class AssignmentForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=_("Choose a course"),
    )
    target = forms.ChoiceField(
        label=_("Who must take it"),
        choices=AssignmentTarget.choices,
        initial=AssignmentTarget.DEPARTMENT,
        widget=forms.RadioSelect,
    )
    department = DepartmentField(
        required=False,
        help_text=_(
            "Everyone in this department and below it, including people who join later."
        ),
    )
    # Rendered by hand from the chosen people and the search results, never as a
    # list of every account; validated against the officer's scope.
    people = forms.ModelMultipleChoiceField(
        label=_("Named people"),
        queryset=StaffProfile.objects.none(),
        to_field_name="user_id",
        required=False,
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)
    days_after_joining = forms.IntegerField(
        label=_("Days allowed after joining"),
        min_value=1,
        max_value=365,
        initial=30,
        help_text=_(
            "People who join the department later are due this many days after."
        ),
    )

    def __init__(
        self,
        *args,
        departments: QuerySet[Department],
        staff: QuerySet[StaffProfile],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["department"].queryset = departments
        self.fields["people"].queryset = staff.select_related("user")

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target == AssignmentTarget.DEPARTMENT and not cleaned.get("department"):
            self.add_error(
                "department", _("Type the department to assign the course to.")
            )
        if target == AssignmentTarget.PEOPLE and not cleaned.get("people"):
            self.add_error(
                "people", _("Search for people and tick at least one of them.")
            )
        due_on = cleaned.get("due_on")
        if due_on and due_on < timezone.localdate():
            self.add_error("due_on", _("The due date is in the past."))
        return cleaned


class ExtendForm(forms.Form):
    new_due_on = forms.DateField(label=_("New due date"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        validators=[visible_characters_only],
        help_text=_("Kept in the assignment's history, e.g. 系统维护 or 病假."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=200, validators=[visible_characters_only]
    )


class CreditTargetForm(forms.Form):
    department = DepartmentField()
    target = forms.DecimalField(
        label=_("Annual credit-hour target"),
        max_digits=5,
        decimal_places=1,
        min_value=0,
        required=False,
        help_text=_(
            "Leave empty to use the target of the department above it (or the "
            "district's)."
        ),
    )

    def __init__(self, *args, departments: QuerySet[Department], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class LateReasonForm(forms.Form):
    # The rules (text for "other", a near future date, visible characters) are the
    # service's, so that every way in gets the same answer.
    kind = forms.ChoiceField(
        label=_("Why are you late?"),
        choices=LateReasonKind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("In a few words"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
        help_text=_("Required when the reason is “other”. At most 200 characters."),
    )
    committed_on = forms.DateField(label=_("I will complete it by"), widget=DateInput)
