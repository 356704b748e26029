from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RefresherForm(forms.Form):
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise forms.ValidationError(_("The due date must be in the future."))
        return due_on
