from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from citylearn.core.validators import visible_characters_only
from citylearn.letters.enums import ReplyBy

NO_ORGANISATION = "no_organisation"


class LetterForm(forms.Form):
    """What the citizen tells us for one letter; it is used once and kept nowhere."""

    right = forms.ChoiceField(label=_("Which right"))
    organisation = forms.CharField(
        label=_("Organisation that holds your data"),
        max_length=200,
        required=False,
        help_text=_(
            "The name of the company, department or office that holds the data."
        ),
    )
    system = forms.ChoiceField(
        label=_("Or a system in the register"),
        required=False,
        help_text=_(
            "The letter is then addressed to the department responsible for it."
        ),
    )
    data = forms.CharField(
        label=_("Which data"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: my records of visits to the community clinic in 2025."
        ),
    )
    reply_by = forms.ChoiceField(
        label=_("How should they reply"),
        choices=[("", _("No preference")), *ReplyBy.choices],
        required=False,
    )
    contact = forms.CharField(
        label=_("Your address, email or phone for the reply"),
        max_length=300,
        required=False,
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=50,
        required=False,
        help_text=_("Optional: you can also sign the printed letter by hand."),
    )

    def __init__(self, *args, rights, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["right"].choices = rights
        self.fields["system"].choices = [("", _("None: I typed the name above"))]
        self.fields["system"].choices += systems

    def clean_data(self):
        value = self.cleaned_data["data"]
        visible_characters_only(value, line_breaks=True)
        return value

    def _single_line(self, name):
        value = self.cleaned_data[name]
        visible_characters_only(value)
        return value

    def clean_organisation(self):
        return self._single_line("organisation")

    def clean_contact(self):
        return self._single_line("contact")

    def clean_name(self):
        return self._single_line("name")

    def clean(self):
        cleaned = super().clean()
        nothing_given = not (cleaned.get("organisation") or cleaned.get("system"))
        if nothing_given and "organisation" not in self.errors:
            self.add_error(
                "organisation",
                ValidationError(
                    _("Type the organisation's name or choose a system."),
                    code=NO_ORGANISATION,
                ),
            )
        return cleaned
