"""Quiz statistics in Wagtail's admin, for editors holding quizzes.view_statistics."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from citylearn.core.spreadsheets import csv_response
from citylearn.quizzes.exports import question_rows, score_rows
from citylearn.quizzes.models import Quiz
from citylearn.quizzes.statistics import quiz_statistics

PERMISSION = "quizzes.view_statistics"
editors_only = permission_required(PERMISSION, raise_exception=True)


@method_decorator(editors_only, name="dispatch")
class QuizListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/quiz_list.html"
    page_title = _("Quiz statistics")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quizzes"] = (
            Quiz.objects.select_related("course")
            .annotate(
                graded=Count("attempts", filter=Q(attempts__graded_at__isnull=False)),
                passed=Count("attempts", filter=Q(attempts__passed=True)),
            )
            .order_by("course__title")
        )
        return context


@method_decorator(editors_only, name="dispatch")
class QuizStatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/quiz_statistics.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("quiz_statistics:index"), "label": _("Quiz statistics")},
            {"url": "", "label": self.quiz.title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.quiz = get_object_or_404(
            Quiz.objects.select_related("course"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statistics"] = quiz_statistics(quiz=self.quiz)
        return context


@editors_only
def questions_csv(request, pk: int):
    return _csv(pk, question_rows, "questions")


@editors_only
def scores_csv(request, pk: int):
    return _csv(pk, score_rows, "scores")


def _csv(pk: int, rows, part: str) -> StreamingHttpResponse:
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    return csv_response(
        rows(quiz_statistics(quiz=quiz)),
        filename=f"quiz-{quiz.course.slug}-{part}.csv",
    )
