from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from citylearn.core.models import BasePage
from citylearn.quizzes.enums import MultipleScoring, QuestionKind, ShowAfterSubmit


class QuestionBank(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("question bank")

    def __str__(self):
        return self.title


class Question(models.Model):
    bank = models.ForeignKey(
        QuestionBank, related_name="questions", on_delete=models.CASCADE
    )
    # The author's id for the question, stable across imports.
    key = models.CharField(_("key"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    stem = models.TextField(_("stem (Markdown)"))
    explanation = models.TextField(_("explanation (Markdown)"))
    tags = models.JSONField(_("tags"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # Retired questions stay for the attempts that drew them, but are never drawn again.
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("question")
        ordering = ["bank", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "key"], name="unique_question_key")
        ]

    def __str__(self):
        return f"{self.bank.slug}/{self.key}"


class Choice(models.Model):
    question = models.ForeignKey(Question, related_name="choices", on_delete=models.CASCADE)
    text = models.TextField(_("text (Markdown)"))
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("choice")
        ordering = ["question", "position"]

    def __str__(self):
        return self.text


class Quiz(models.Model):
    """A course's final quiz: N questions drawn from a bank."""

    course = models.OneToOneField(
        "courses.CoursePage", related_name="quiz", on_delete=models.CASCADE
    )
    bank = models.ForeignKey(QuestionBank, related_name="quizzes", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    draw = models.PositiveIntegerField(_("questions drawn per attempt"))
    pass_mark = models.PositiveIntegerField(_("pass mark (percent)"))
    max_attempts = models.PositiveIntegerField(_("attempt limit"), null=True, blank=True)
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    multiple_scoring = models.CharField(
        _("multiple-choice scoring"),
        max_length=20,
        choices=MultipleScoring.choices,
        default=MultipleScoring.ALL_OR_NOTHING,
    )
    show_after_submit = models.CharField(
        _("shown after submitting"),
        max_length=20,
        choices=ShowAfterSubmit.choices,
        default=ShowAfterSubmit.ANSWERS,
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="pass_mark_is_a_percentage"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.draw > self.bank.questions.filter(is_active=True).count():
            raise ValidationError(
                {"draw": _("The bank has fewer active questions than are drawn.")}
            )


class SelfCheckPage(BasePage):
    """A public self-check quiz: no sign-in, nothing stored about the person."""

    intro = models.TextField(_("introduction"), blank=True)
    bank = models.ForeignKey(
        QuestionBank, related_name="self_checks", on_delete=models.PROTECT, null=True
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("bank")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("self-check quiz")

    def search_text_parts(self):
        return [self.title, self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = (
            self.bank.questions.filter(is_active=True).prefetch_related("choices")
            if self.bank
            else []
        )
        return context
