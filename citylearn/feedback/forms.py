from django import forms
from django.utils.translation import gettext_lazy as _

from citylearn.feedback.models import COMMENT_MAX_LENGTH

# The query parameter that brings a reader back to a page whose form they sent empty.
UNANSWERED = ("feedback", "unanswered")


class FeedbackForm(forms.Form):
    prefix = "feedback"

    path = forms.CharField(max_length=255, widget=forms.HiddenInput)
    helpful = forms.TypedChoiceField(
        label=_("Did this page help you?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could be better? (optional)"),
        help_text=_(
            "Please do not write your name, phone number or other personal details."
        ),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
    )
    # The honeypot: hidden from people and from screen readers, filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_from_a_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
