from django import forms
from django.utils.translation import gettext_lazy as _

from citylearn.core.content_language import ContentLanguageSelect


class RegisterFilterForm(forms.Form):
    """The register's filters, kept in the URL so that a filtered list can be shared."""

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

    def filters(self) -> dict:
        """The valid filters given; an invalid one is reported and left out."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name) not in ("", None)
        }
