from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from citylearn.core.fields import TextListField
from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.forms import QuestionForm


class QuestionBank(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)

    panels = [FieldPanel("title"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("question bank")

    def __str__(self):
        return self.title


class QuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def drawn(self):
        """Questions some attempt holds, their choices in a fixed order."""
        attempt_question = self.model._meta.apps.get_model("quizzes", "AttemptQuestion")
        return self.filter(pk__in=attempt_question.objects.values("question"))

    def ids_tagged(self, tags: list[str]) -> list[int]:
        """The ids of these questions carrying any of the tags (all of them, without tags)."""
        # Tags are a JSON list, which SQLite cannot query inside; a bank is small.
        wanted = set(tags)
        return [
            pk
            for pk, own in self.values_list("id", "tags")
            if not wanted or wanted.intersection(own)
        ]


class Question(ClusterableModel):
    bank = models.ForeignKey(
        QuestionBank, related_name="questions", on_delete=models.CASCADE
    )
    # The author's id for the question, stable across imports.
    key = models.CharField(_("key"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    stem = models.TextField(_("stem (Markdown)"))
    explanation = models.TextField(_("explanation (Markdown)"))
    provisions = ParentalManyToManyField(
        "laws.Provision",
        blank=True,
        related_name="cited_by_questions",
        verbose_name=_("provisions cited"),
    )
    tags = TextListField(_("tags"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # Retired questions stay for the attempts that drew them, but are never drawn again.
    is_active = models.BooleanField(_("active"), default=True)

    objects = QuestionQuerySet.as_manager()

    panels = [
        FieldPanel("bank"),
        FieldPanel("key"),
        FieldPanel("kind"),
        FieldPanel("stem"),
        InlinePanel("choices", heading=_("Choices"), min_num=2, max_num=6),
        FieldPanel("explanation"),
        FieldPanel("provisions"),
        FieldPanel("tags"),
        FieldPanel("is_active"),
    ]
    base_form_class = QuestionForm

    class Meta:
        verbose_name = _("question")
        ordering = ["bank", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "key"], name="unique_question_key")
        ]

    def __str__(self):
        return f"{self.bank.slug}/{self.key}"

    def has_been_drawn(self) -> bool:
        return Question.objects.drawn().filter(pk=self.pk).exists()


class Choice(models.Model):
    question = ParentalKey(Question, related_name="choices", on_delete=models.CASCADE)
    text = models.TextField(_("text (Markdown)"))
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("position")]

    class Meta:
        verbose_name = _("choice")
        ordering = ["question", "position"]

    def __str__(self):
        return self.text
