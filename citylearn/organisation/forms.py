import unicodedata

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from citylearn.organisation.fields import DepartmentField
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.selectors import people_listed


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_(
            "CSV (UTF-8 or GBK, as Excel saves it) or an Excel .xlsx workbook."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ROSTER_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the most we accept is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(
                _("Upload a .csv or .xlsx file."), code="wrong_type"
            )
        return upload


class RosterApplyForm(forms.Form):
    deactivate_missing = forms.BooleanField(
        label=_("Also deactivate the people listed below as missing from the file"),
        required=False,
    )
    send_activation = forms.BooleanField(
        label=_("Email each new person a link to activate their account"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, creates: int = 1, departures: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the choices this file raises are offered.
        if not departures:
            del self.fields["deactivate_missing"]
        if not creates:
            del self.fields["send_activation"]


class PeopleFilterForm(forms.Form):
    department = DepartmentField(required=False)
    q = forms.CharField(label=_("Name or employee id"), required=False, max_length=100)

    def __init__(self, *args, departments: QuerySet[Department], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean_q(self) -> str:
        # A Chinese input method types "Ａ１" for A1, as DepartmentField also accepts.
        return unicodedata.normalize("NFKC", self.cleaned_data["q"]).strip()

    def people(self, user) -> QuerySet[StaffProfile]:
        """The people listed for these filters: nobody when they are invalid."""
        if self.is_bound and not self.is_valid():
            return people_listed(user).none()
        data = self.cleaned_data if self.is_bound else {}
        return people_listed(
            user, department=data.get("department"), term=data.get("q", "")
        )
