from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from citylearn.quizzes import admin_views
from citylearn.quizzes.models import Question, QuestionBank, Quiz

statistics_urls = (
    [
        path("", admin_views.QuizListView.as_view(), name="index"),
        path("<int:pk>/", admin_views.QuizStatisticsView.as_view(), name="quiz"),
        path("<int:pk>/questions.csv", admin_views.questions_csv, name="questions_csv"),
        path("<int:pk>/scores.csv", admin_views.scores_csv, name="scores_csv"),
    ],
    "quiz_statistics",
)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [path("quiz-statistics/", include(statistics_urls))]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Quiz statistics"),
        reverse("quiz_statistics:index"),
        name="quiz-statistics",
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_permissions")
def register_statistics_permission():
    return Permission.objects.filter(
        content_type__app_label="quizzes", codename="view_statistics"
    )


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    list_display = ["title", "course", "draw", "pass_mark", "max_attempts"]


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    list_display = ["title", "slug"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["key", "bank", "kind", "is_active"]
    list_filter = ["bank", "kind", "is_active"]


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet)
    menu_label = _("Quizzes")
    menu_icon = "tasks"
    menu_order = 300


register_snippet(QuizzesGroup)
