from django import forms
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class TextListFormField(forms.CharField):
    """A list of texts typed one per line; blank lines and outer spaces are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, encoder=None, decoder=None, help_text="", **kwargs):
        # The model field's JSON codec has nothing to do: the value is a list of texts.
        one_per_line = _("One per line.")
        help_text = (
            format_lazy("{} {}", help_text, one_per_line) if help_text else one_per_line
        )
        super().__init__(help_text=help_text, **kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


class TextListField(models.JSONField):
    """A list of short texts (tags, key points, slugs): stored as JSON, edited as lines."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TextListFormField, **kwargs})


class ChoiceListFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        super().__init__(**kwargs)


class ChoiceListField(models.JSONField):
    """A list of values from a fixed set (themes, risks): stored as JSON, ticked as boxes.

    The set belongs to the form, not the column: it stays out of migrations.
    """

    def __init__(self, *args, options=(), **kwargs):
        self.options = options
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": ChoiceListFormField, "choices": self.options, **kwargs}
        )
