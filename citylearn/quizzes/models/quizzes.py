from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from citylearn.core.fields import TextListField
from citylearn.quizzes import rules
from citylearn.quizzes.enums import AnswersShown, MultipleScoring
from citylearn.quizzes.forms import QuizForm
from citylearn.quizzes.models.banks import QuestionBank

CLOSING_TIME_NEEDED = _("Answers shown only after the quiz closes need a closing time.")
WINDOW_ERRORS = {
    rules.CLOSES_BEFORE_OPENING: _("A quiz must close after it opens."),
    rules.NEEDS_CLOSING_TIME: CLOSING_TIME_NEEDED,
}


class Quiz(ClusterableModel):
    """A course's final quiz: questions drawn from its bank, and from further banks."""

    course = models.OneToOneField(
        "courses.CoursePage", related_name="quiz", on_delete=models.CASCADE
    )
    bank = models.ForeignKey(
        QuestionBank, related_name="quizzes", on_delete=models.PROTECT
    )
    tags = TextListField(
        _("draw only questions with one of these tags"),
        default=list,
        blank=True,
        help_text=_("Leave empty to draw from the whole bank."),
    )
    title = models.CharField(_("title"), max_length=200)
    draw = models.PositiveIntegerField(_("questions drawn per attempt"))
    pass_mark = models.PositiveIntegerField(_("pass mark (percent)"))
    max_attempts = models.PositiveIntegerField(
        _("attempt limit"), null=True, blank=True
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Attempts still running at this time end then."),
    )
    multiple_scoring = models.CharField(
        _("multiple-choice scoring"),
        max_length=20,
        choices=MultipleScoring.choices,
        default=MultipleScoring.ALL_OR_NOTHING,
    )
    answers_shown = models.CharField(
        _("right answers and explanations shown"),
        max_length=20,
        choices=AnswersShown.choices,
        # The safe choice: answers seen after a first try would pass the next one.
        default=AnswersShown.AFTER_LAST_ATTEMPT,
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("bank"), FieldPanel("tags"), FieldPanel("draw")],
            heading=_("Questions"),
        ),
        InlinePanel("extra_draws", heading=_("Questions from further banks")),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("multiple_scoring"),
                FieldPanel("answers_shown"),
            ],
            heading=_("Rules"),
        ),
    ]
    base_form_class = QuizForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        permissions = [("view_statistics", _("Can view quiz statistics"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="pass_mark_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=~models.Q(answers_shown=AnswersShown.AFTER_CLOSING)
                | models.Q(closes_at__isnull=False),
                name="answers_after_closing_need_a_closing_time",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # Enough questions for every draw is QuizForm's to check: it sees all the draws.
        errors = rules.window_errors(
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            answers_shown=self.answers_shown,
        )
        if errors:
            raise ValidationError(
                {
                    name: ValidationError(WINDOW_ERRORS[code], code=code)
                    for name, code in errors.items()
                }
            )

    @property
    def is_exam(self) -> bool:
        """Limited attempts, time or window: what a learner must not pass from memory."""
        return (
            self.max_attempts is not None
            or self.time_limit_minutes is not None
            or self.opens_at is not None
            or self.closes_at is not None
        )

    @property
    def question_count(self) -> int:
        return self.draw + sum(extra.count for extra in self.extra_draws.all())


class QuizDraw(models.Model):
    """Further questions for a quiz, drawn from another bank (or one tag of it)."""

    quiz = ParentalKey(Quiz, related_name="extra_draws", on_delete=models.CASCADE)
    bank = models.ForeignKey(QuestionBank, related_name="+", on_delete=models.PROTECT)
    tag = models.CharField(
        _("only questions tagged"),
        max_length=50,
        blank=True,
        help_text=_("Leave empty to draw from the whole bank."),
    )
    count = models.PositiveIntegerField(_("questions drawn"))

    panels = [FieldPanel("bank"), FieldPanel("tag"), FieldPanel("count")]

    class Meta:
        verbose_name = _("further draw")

    def __str__(self):
        return f"{self.count} × {self.bank}"
