from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from citylearn.quizzes.enums import QuestionKind

ONE_RIGHT_CHOICE = _("This kind of question needs exactly one right choice.")
SOME_RIGHT_CHOICE = _("Mark at least one choice as right.")
TRUE_FALSE_CHOICES = _("A true-or-false question has exactly two choices.")
DRAWN_QUESTION_SHAPE = _(
    "Learners have already been given this question: its choices can be corrected, "
    "but its kind cannot change and no choice can be added or removed. Retire it and "
    "write a new question instead."
)


class QuestionForm(WagtailAdminModelForm):
    """A question and its choices must make an answerable question together.

    The choices' formset already insists on two to six of them.
    """

    def clean(self):
        cleaned_data = super().clean()
        choices = self.formsets["choices"]
        if not choices.is_valid():
            return cleaned_data
        kept = [
            form.cleaned_data
            for form in choices.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if self.instance.pk and self.instance.has_been_drawn():
            reshaped = any(
                form.cleaned_data.get("DELETE") or form.instance.pk is None
                for form in choices.forms
                if form.cleaned_data
            )
            if reshaped or "kind" in self.changed_data:
                raise ValidationError(DRAWN_QUESTION_SHAPE)
        right = sum(1 for choice in kept if choice.get("is_correct"))
        kind = cleaned_data.get("kind")
        if kind == QuestionKind.TRUE_FALSE and len(kept) != 2:
            raise ValidationError(TRUE_FALSE_CHOICES)
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and right != 1:
            raise ValidationError(ONE_RIGHT_CHOICE)
        if kind == QuestionKind.MULTIPLE and right < 1:
            raise ValidationError(SOME_RIGHT_CHOICE)
        return cleaned_data
