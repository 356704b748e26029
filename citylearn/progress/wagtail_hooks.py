from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from citylearn.progress.models import CourseCompletion

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
