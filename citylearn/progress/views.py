from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from citylearn.access.permissions import staff_profile
from citylearn.assignments.selectors import assignments_of
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.progress.selectors import (
    course_completions,
    credit_hour_history,
    credit_hours,
    enrolments_in_progress,
    lesson_checkpoints,
    valid_certificates,
)
from citylearn.progress.services import (
    CHECKPOINTS_FIRST,
    CHECKPOINTS_FIRST_CODE,
    answer_checkpoint,
    complete_lesson,
    start_course,
)
from citylearn.quizzes.selectors import attempts_of
from citylearn.quizzes.sheets import marked_sheet, picked_places


def _live_or_404(model, pk: int):
    page = model.objects.live().filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


@require_POST
@login_required
def start(request, course_id: int):
    """Enrol (once) and go to the lesson to continue with."""
    course = _live_or_404(CoursePage, course_id)
    try:
        enrolment = start_course(user=request.user, course=course)
    except ValidationError:
        raise Http404 from None
    first = LessonPage.objects.child_of(course).live().first()
    target = enrolment.last_lesson or first or course
    messages.success(
        request,
        _("You have started “%(course)s”. Your progress is saved as you go.")
        % {"course": course.title},
    )
    return redirect(target.url)


@require_POST
@login_required
def complete(request, lesson_id: int):
    """Mark a lesson completed; repeating the request changes nothing and goes to the same place."""
    lesson = _live_or_404(LessonPage, lesson_id)
    try:
        complete_lesson(user=request.user, lesson=lesson)
    except ValidationError as error:
        if error.code != CHECKPOINTS_FIRST_CODE:
            raise Http404 from None
        messages.error(request, CHECKPOINTS_FIRST)
        return redirect(lesson.url)
    messages.success(
        request,
        _("Lesson “%(lesson)s” is marked as completed.") % {"lesson": lesson.title},
    )
    return redirect((lesson.next_lesson() or lesson.course).url)


@require_POST
@login_required
def checkpoint(request, lesson_id: int, number: int):
    """Mark one checkpoint answer and show it marked, with the explanation."""
    lesson = _live_or_404(LessonPage, lesson_id)
    checkpoints = lesson_checkpoints(lesson=lesson, user=request.user)
    if not 1 <= number <= len(checkpoints):
        raise Http404
    question = checkpoints[number - 1].question
    picked = picked_places(question, request.POST.getlist("answer"))
    if not picked:
        messages.error(request, _("Choose an answer to the checkpoint question."))
        return redirect(f"{lesson.url}#checkpoint-{number}")
    try:
        right = answer_checkpoint(
            user=request.user, lesson=lesson, question=question, picked=picked
        )
    except ValidationError:
        raise Http404 from None
    context = {
        "lesson": lesson,
        "number": number,
        "right": right,
        "marked": marked_sheet([question], [picked])[0],
        "lesson_completed": lesson.completions.filter(user=request.user).exists(),
    }
    return render(request, "progress/checkpoint_result.html", context)


@require_GET
@login_required
def my_learning(request):
    """Assigned, in-progress and completed courses, hours, certificates, quiz attempts."""
    today = timezone.localdate()
    completions = list(course_completions(user=request.user))
    context = {
        "assignments": assignments_of(user=request.user, today=today),
        "in_progress": enrolments_in_progress(user=request.user),
        "completions": completions,
        "certificates": valid_certificates(completions),
        "history": credit_hour_history(completions),
        "attempts": attempts_of(user=request.user),
        "hours": credit_hours(user=request.user, year=today.year),
        "profile": staff_profile(request.user),
    }
    return render(request, "progress/my_learning.html", context)
