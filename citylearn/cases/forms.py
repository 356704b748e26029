from django import forms
from django.utils.translation import gettext_lazy as _

from citylearn.cases.enums import Region, Theme
from citylearn.core.forms import FilterForm


class CaseFilterForm(FilterForm):
    """The case-study library's filters."""

    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=[("", _("All themes")), *Theme.choices],
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("China and abroad")), *Region.choices],
    )
    year = forms.TypedChoiceField(
        label=_("Year started"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", _("Any year")),
            *((year, year) for year in years),
        ]
