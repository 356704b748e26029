from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from citylearn.core.fields import TextListField
from citylearn.core.models import BasePage, MarkdownBody, SectionIndexPage
from citylearn.core.selectors import readable_by_anyone
from citylearn.courses.enums import Audience, CompletionRule


class CourseIndexPage(SectionIndexPage):
    """The course catalogue."""

    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = readable_by_anyone(
            CoursePage.objects.child_of(self)
        ).order_by("title")
        return context


class StaffOnlyMixin:
    """Staff courses and their lessons need sign-in; public ones are open to citizens."""

    def serve(self, request, *args, **kwargs):
        if not self.is_public_course() and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def is_open_to_everyone(self) -> bool:
        return self.is_public_course() and super().is_open_to_everyone()

    @classmethod
    def open_to_everyone(cls, pages):
        return super().open_to_everyone(pages.filter(cls.in_public_course()))


class CoursePage(StaffOnlyMixin, MarkdownBody, BasePage):
    summary = models.TextField(_("summary"))
    credit_hours = models.DecimalField(
        _("credit hours"), max_digits=4, decimal_places=1
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"))
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.STAFF
    )
    mandatory = models.BooleanField(_("mandatory for all staff"), default=False)
    tags = TextListField(_("tags"), default=list, blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date someone last checked the text against its sources."),
    )
    # What earns the hours: reading every lesson, or answering its checkpoints right.
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.LESSONS_READ,
        help_text=_(
            "With checkpoints, a lesson that has checkpoint questions is completed "
            "by answering all of them right, not by marking it as read."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("credit_hours"),
                FieldPanel("estimated_minutes"),
                FieldPanel("audience"),
                FieldPanel("mandatory"),
                FieldPanel("tags"),
                FieldPanel("completion_rule"),
            ],
            heading=_("Course facts"),
        ),
        FieldPanel("body"),
        FieldPanel("references"),
        FieldPanel("last_reviewed"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def search_text_parts(self):
        return [self.title, self.summary, self.body]

    def is_public_course(self) -> bool:
        return self.audience == Audience.PUBLIC

    @staticmethod
    def in_public_course() -> Q:
        return Q(audience=Audience.PUBLIC)

    def completes_by_checkpoints(self) -> bool:
        return self.completion_rule == CompletionRule.CHECKPOINTS_PASSED

    @cached_property
    def final_quiz(self):
        """The course's final quiz, or None."""
        return getattr(self, "quiz", None)


class LessonPage(StaffOnlyMixin, MarkdownBody, BasePage):
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"))
    required = models.BooleanField(_("required for completion"), default=True)
    provisions = ParentalManyToManyField(
        "laws.Provision",
        blank=True,
        related_name="cited_by_lessons",
        verbose_name=_("provisions cited"),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date someone last checked the text against its sources."),
    )
    # Keys of questions in the course's bank, asked at the end of the lesson.
    checkpoints = TextListField(
        _("checkpoint questions"),
        default=list,
        blank=True,
        help_text=_("Keys of questions in the course's question bank, e.g. q01."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        FieldPanel("checkpoints"),
        FieldPanel("body"),
        FieldPanel("provisions"),
        FieldPanel("references"),
        FieldPanel("last_reviewed"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def course(self) -> CoursePage:
        return self.get_parent().specific

    def is_public_course(self) -> bool:
        return self.course.is_public_course()

    @staticmethod
    def in_public_course() -> Q:
        # A lesson's course is its parent: the page whose path is its own, one step short.
        parent_path = Substr(
            OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen
        )
        return Q(
            Exists(
                CoursePage.objects.filter(path=parent_path, audience=Audience.PUBLIC)
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = list(LessonPage.objects.sibling_of(self).live())
        # A draft being previewed is not among the live lessons: it gets no number.
        index = next(
            (i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None
        )
        context["lesson_count"] = len(lessons)
        context["lesson_number"] = None if index is None else index + 1
        if index is not None:
            context["previous_lesson"] = lessons[index - 1] if index > 0 else None
            context["next_lesson"] = (
                lessons[index + 1] if index + 1 < len(lessons) else None
            )
        else:
            context["previous_lesson"] = self.previous_lesson()
            context["next_lesson"] = self.next_lesson()
        return context

    def previous_lesson(self) -> "LessonPage | None":
        return (
            LessonPage.objects.sibling_of(self).live().filter(path__lt=self.path).last()
        )

    def next_lesson(self) -> "LessonPage | None":
        return (
            LessonPage.objects.sibling_of(self)
            .live()
            .filter(path__gt=self.path)
            .first()
        )
