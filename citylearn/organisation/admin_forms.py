"""Forms for the administrators' department and role screens in Wagtail's admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from citylearn.organisation.identifiers import find_account, normalise_identifier
from citylearn.organisation.models import Department, RoleAssignment


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * (obj.depth - 1)}{obj.name} ({obj.code})"


class DepartmentForm(WagtailAdminModelForm):
    parent = DepartmentChoiceField(
        label=_("Part of"),
        queryset=Department.objects.all(),
        required=False,
        help_text=_("Leave empty for a department at the top of the tree."),
    )

    class Meta:
        model = Department
        fields = ["code", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Rosters name departments by code, so a code never changes once used.
            self.fields["code"].disabled = True
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = Department.objects.exclude(
                path__startswith=self.instance.path
            )


class RoleAssignmentForm(WagtailAdminModelForm):
    person = forms.CharField(
        label=_("Employee id or user name"),
        max_length=150,
    )
    department = DepartmentChoiceField(
        label=_("Department subtree"), queryset=Department.objects.all()
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["person"].initial = self.instance.user.get_username()

    def clean_person(self):
        user = find_account(normalise_identifier(self.cleaned_data["person"]))
        if user is None:
            raise forms.ValidationError(
                _("No account has this employee id or user name."), code="no_account"
            )
        self.instance.user = user
        return user

    def clean(self):
        cleaned = super().clean()
        user, role = cleaned.get("person"), cleaned.get("role")
        department = cleaned.get("department")
        duplicate = RoleAssignment.objects.filter(
            user=user, role=role, department=department
        ).exclude(pk=self.instance.pk)
        if user and duplicate.exists():
            raise forms.ValidationError(
                _("This person already has this role over this department."),
                code="duplicate_role",
            )
        return cleaned
