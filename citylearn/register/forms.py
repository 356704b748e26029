from django import forms
from django.utils.translation import gettext_lazy as _

from citylearn.core.content_language import ContentLanguageSelect
from citylearn.core.forms import FilterForm


class RegisterFilterForm(FilterForm):
    """The register's filters."""

    automated = forms.TypedChoiceField(
        label=_("Decisions about people"),
        required=False,
        choices=[
            ("", _("All systems")),
            ("yes", _("Makes or proposes decisions about people")),
            ("no", _("Does not decide about people")),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )
    department = forms.ChoiceField(
        label=_("Responsible department"),
        required=False,
        widget=ContentLanguageSelect,
    )

    def __init__(self, *args, departments: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [
            ("", _("All departments")),
            *((name, name) for name in departments),
        ]
