"""The one way a department is chosen on a form: by code or by name, as people type it."""

import unicodedata

from django import forms
from django.core.validators import (
    MaxLengthValidator,
    ProhibitNullCharactersValidator,
)
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from citylearn.organisation.models import Department

# A name typed in part may match many; past this many, the person is asked to type more.
MAX_NAMED = 5


class DepartmentInput(forms.TextInput):
    """A text box with the departments in scope offered as suggestions (no script needed)."""

    template_name = "organisation/widgets/department_input.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "maxlength": 100, **(attrs or {})})
        self.departments: QuerySet[Department] = Department.objects.none()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}-list"
        context["departments"] = self.departments.only("code", "name", "depth")
        return context

    def format_value(self, value):
        if isinstance(value, Department):
            return value.code
        return super().format_value(value)


class DepartmentField(forms.Field):
    """Finds a department inside a queryset (the viewer's scope) by code or name.

    Codes match case-insensitively and with full-width characters folded; a name
    matches exactly, or in part when only one department has it. Anything else is a
    form error on the page, never a 404.
    """

    widget = DepartmentInput
    default_error_messages = {
        "unknown": _("No department in your part of the tree is called “%(value)s”."),
        "ambiguous": _(
            "“%(value)s” matches several departments: %(names)s. "
            "Type more of the name, or its code."
        ),
    }

    def __init__(self, *, queryset: QuerySet[Department] | None = None, **kwargs):
        kwargs.setdefault("label", _("Department"))
        kwargs.setdefault(
            "help_text", _("Type a department's name or code, e.g. 数据局 or SJJ.")
        )
        super().__init__(**kwargs)
        self.queryset = Department.objects.none() if queryset is None else queryset

    @property
    def queryset(self) -> QuerySet[Department]:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: QuerySet[Department]) -> None:
        self._queryset = queryset
        self.widget.departments = queryset

    def to_python(self, value) -> Department | None:
        if isinstance(value, Department):
            return value
        text = unicodedata.normalize("NFKC", value or "").strip()
        if not text:
            return None
        # PostgreSQL refuses a NUL in a query: a form error, not a 500.
        ProhibitNullCharactersValidator()(text)
        # No department's name or code is longer: a pasted page is not echoed back.
        MaxLengthValidator(Department._meta.get_field("name").max_length)(text)
        by_code = self.queryset.filter(code__iexact=text).first()
        if by_code is not None:
            return by_code
        named = list(self.queryset.filter(Q(name=text))[:2])
        if len(named) == 1:
            return named[0]
        if not named:
            named = list(self.queryset.filter(name__icontains=text)[: MAX_NAMED + 1])
        if len(named) == 1:
            return named[0]
        if not named:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": text}
            )
        names = "、".join(f"{d.name}（{d.code}）" for d in named[:MAX_NAMED])
        raise forms.ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={"value": text, "names": names},
        )
