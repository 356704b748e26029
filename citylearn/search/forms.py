from django import forms
from django.utils.translation import gettext_lazy as _

from citylearn.search.selectors import TYPES


class SearchForm(forms.Form):
    q = forms.CharField(required=False)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("All types")),
            *((name, model._meta.verbose_name) for name, model in TYPES.items()),
        ],
    )
