from django import forms
from django.utils.translation import gettext_lazy as _

from citylearn.audit.enums import AuditAction


class AuditSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        help_text=_(
            "Employee id, name or user name of who acted or whom it concerned."
        ),
    )
    action = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", _("Any action")), *AuditAction.choices],
    )
    address = forms.GenericIPAddressField(label=_("From address"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
