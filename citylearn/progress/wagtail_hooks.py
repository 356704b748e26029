from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citylearn.accounts.menu import ACCOUNT_MENU_HOOK, MenuLink
from citylearn.core.sessions import signed_in_user
from citylearn.courses.models import LessonPage
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import record_lesson_visit

KEEP_TRAINING_RECORDS = _(
    "People have completed this course: their training records and credit hours "
    "depend on it. Unpublish it instead of deleting it."
)


@hooks.register("before_delete_page")
def keep_courses_with_training_records(request, page):
    """Completed courses are never deleted, with their descendants' or on their own."""
    if CourseCompletion.objects.filter(course__path__startswith=page.path).exists():
        messages.error(request, KEEP_TRAINING_RECORDS)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("on_serve_page")
def remember_lesson_visits(serve_page):
    """A lesson served to a signed-in learner is where they continue next time.

    Registered before Wagtail's own on_serve_page hooks, this wraps the view
    restriction check: a lesson that was refused is not remembered.
    """

    def serve(page, request, serve_args, serve_kwargs):
        response = serve_page(page, request, serve_args, serve_kwargs)
        user = signed_in_user(request)
        if isinstance(page, LessonPage) and user and response.status_code == 200:
            record_lesson_visit(user=user, lesson=page)
        return response

    return serve


@hooks.register(ACCOUNT_MENU_HOOK)
def my_learning_link(roles):
    # Every signed-in person may take courses, not only those on the staff roster.
    return MenuLink(
        order=20, url=reverse("progress:my_learning"), label=_("My learning")
    )
