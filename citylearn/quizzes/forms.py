from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from citylearn.quizzes import rules

ONE_RIGHT_CHOICE = _("This kind of question needs exactly one right choice.")
SOME_RIGHT_CHOICE = _("Mark at least one choice as right.")
TRUE_FALSE_CHOICES = _("A true-or-false question has exactly two choices.")
DRAWN_QUESTION_SHAPE = _(
    "Learners have already been given this question: its choices can be corrected, "
    "but its kind cannot change and no choice can be added or removed. Retire it and "
    "write a new question instead."
)
QUESTION_ERRORS = {
    rules.ONE_RIGHT_CHOICE: ONE_RIGHT_CHOICE,
    rules.SOME_RIGHT_CHOICE: SOME_RIGHT_CHOICE,
    rules.TRUE_FALSE_CHOICES: TRUE_FALSE_CHOICES,
}
TOO_FEW_TO_DRAW = _("The bank has fewer active questions than are drawn.")
TAKEN_BY_EARLIER_DRAWS = _(
    "Earlier draws may take %(taken)s of these %(available)s questions, leaving fewer "
    "than the %(count)s drawn here."
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
        kind = cleaned_data.get("kind")
        if self.instance.pk and self.instance.has_been_drawn():
            # Replacing a choice keeps the count but not the choice answers point at.
            replaced = any(
                form.cleaned_data.get("DELETE") or form.instance.pk is None
                for form in choices.forms
                if form.cleaned_data
            )
            before = (self.initial.get("kind"), self.instance.choices.count())
            if replaced or not rules.keeps_drawn_shape(before, (kind, len(kept))):
                raise ValidationError(
                    DRAWN_QUESTION_SHAPE, code=rules.DRAWN_QUESTION_SHAPE
                )
        error = rules.question_error(kind, [bool(c.get("is_correct")) for c in kept])
        if error:
            raise ValidationError(QUESTION_ERRORS[error], code=error)
        return cleaned_data


class QuizForm(WagtailAdminModelForm):
    """Every attempt must be able to draw all its questions, whatever came out before.

    Checked here, where the quiz's own draw and its further draws are seen together.
    """

    def clean(self):
        cleaned_data = super().clean()
        extra_draws = self.formsets["extra_draws"]
        bank = cleaned_data.get("bank")
        if not extra_draws.is_valid() or bank is None or "draw" not in cleaned_data:
            return cleaned_data
        draws = [(self, "draw", bank, cleaned_data.get("tags") or [])]
        draws += [
            (form, "count", form.cleaned_data["bank"], [form.cleaned_data["tag"]])
            for form in extra_draws.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("bank")
        ]
        pools = [
            (
                own.questions.active().ids_tagged([tag for tag in tags if tag]),
                form.cleaned_data[field],
            )
            for form, field, own, tags in draws
        ]
        for shortfall in rules.draw_shortfalls(pools):
            form, field, __, __ = draws[shortfall.index]
            message = TAKEN_BY_EARLIER_DRAWS if shortfall.taken else TOO_FEW_TO_DRAW
            form.add_error(
                field,
                ValidationError(
                    message,
                    code=rules.TOO_FEW_QUESTIONS,
                    params={
                        "count": shortfall.count,
                        "available": shortfall.available,
                        "taken": shortfall.taken,
                    },
                ),
            )
        return cleaned_data
