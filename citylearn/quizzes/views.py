"""A learner's pages for a course's quiz: overview, the running attempt, its result."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from citylearn.quizzes import selectors, services
from citylearn.quizzes.errors import MALFORMED_ANSWERS
from citylearn.quizzes.models import Attempt, Quiz


def learner_view(view):
    """Signed-in learners only, and never cached: every page here is one person's."""
    return login_required(never_cache(view))


@learner_view
@require_GET
def quiz_overview(request: HttpRequest, course: str):
    return _overview(request, _quiz(course))


@learner_view
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, course: str):
    """GET asks to confirm; only a confirmed POST uses an attempt and starts the clock.

    A running attempt is continued without asking: nothing more is used.
    """
    quiz = _quiz(course)
    running = selectors.running_attempt(user=request.user, quiz=quiz)
    if running and services.grade_if_time_is_up(attempt=running):
        running = None
    if running is not None:
        return redirect(_url("attempt", course, running.number))
    if request.method == "GET":
        return _start_page(request, quiz)
    if "confirm" not in request.POST:
        return redirect(request.path)
    try:
        attempt = services.start_attempt(quiz=quiz, user=request.user)
    except ValidationError as error:
        return _overview(request, quiz, error=error.messages[0], status=409)
    return redirect(_url("attempt", course, attempt.number))


@learner_view
@require_GET
def attempt_page(request: HttpRequest, course: str, number: int):
    attempt = _attempt(request, course, number)
    if attempt.is_graded or services.grade_if_time_is_up(attempt=attempt):
        return redirect(_url("result", course, number))
    return _attempt_page(request, attempt, saved="saved" in request.GET)


@learner_view
@require_POST
def save(request: HttpRequest, course: str, number: int):
    attempt = _attempt(request, course, number)
    try:
        answers = _answers(request.POST)
        attempt = services.save_answers(attempt=attempt, answers=answers)
    except ValidationError as error:
        return _refused(request, course, attempt, error)
    if not _wants_json(request):
        return redirect(_url("attempt", course, number) + "?saved")
    return JsonResponse(
        {"saved": sorted(answers), "seconds_left": _seconds_left(attempt)}
    )


@learner_view
@require_POST
def submit(request: HttpRequest, course: str, number: int):
    attempt = _attempt(request, course, number)
    result_url = _url("result", course, number)
    try:
        answers = _answers(request.POST)
        __, graded_now = services.submit_attempt(attempt=attempt, answers=answers)
    except ValidationError as error:
        return _refused(request, course, attempt, error)
    if not _wants_json(request):
        return redirect(result_url)
    return JsonResponse({"graded_now": graded_now, "result_url": result_url})


@learner_view
@require_GET
def result(request: HttpRequest, course: str, number: int):
    attempt = _attempt(request, course, number)
    if not attempt.is_graded and not services.grade_if_time_is_up(attempt=attempt):
        return redirect(_url("attempt", course, number))
    attempt.refresh_from_db()
    quiz = attempt.quiz
    shows_answers = selectors.may_show_answers(attempt=attempt)
    return render(
        request,
        "quizzes/result.html",
        {
            "quiz": quiz,
            "course": quiz.course,
            "attempt": attempt,
            "submitted_late": attempt.submitted_at is not None
            and attempt.deadline is not None
            and attempt.submitted_at > attempt.deadline + services.DEADLINE_GRACE,
            "sheet": selectors.result_sheet(attempt) if shows_answers else None,
            "answers_shown": quiz.answers_shown,
            "attempts_left": selectors.attempts_left(user=request.user, quiz=quiz),
        },
    )


def _quiz(course: str) -> Quiz:
    return get_object_or_404(
        Quiz.objects.select_related("course"), course__slug=course, course__live=True
    )


def _attempt(request: HttpRequest, course: str, number: int) -> Attempt:
    # Saving and submitting, the busiest requests of an exam, never need the course page.
    return get_object_or_404(
        Attempt.objects.select_related("quiz"),
        quiz__course__slug=course,
        quiz__course__live=True,
        user=request.user,
        number=number,
    )


def _url(name: str, course: str, number: int) -> str:
    return reverse(f"quizzes:{name}", kwargs={"course": course, "number": number})


def _answers(data: QueryDict) -> dict[int, list[int]]:
    """Answers from a form: `question` lists the positions shown, `q-N` the places picked.

    A question listed without places was left blank, which clears an earlier answer.
    """
    try:
        return {
            int(position): [int(place) for place in data.getlist(f"q-{position}")]
            for position in data.getlist("question")
        }
    except ValueError as error:
        raise ValidationError(MALFORMED_ANSWERS, code="malformed") from error


def _wants_json(request: HttpRequest) -> bool:
    # Browsers submitting a form also accept */*: only an explicit JSON request gets JSON.
    return request.headers.get("Accept", "").startswith("application/json")


def _seconds_left(attempt: Attempt) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - timezone.now()).total_seconds()))


def _refused(
    request: HttpRequest, course: str, attempt: Attempt, error: ValidationError
):
    finished = error.code in {"finished", "time_is_up"}
    if finished:
        services.grade_if_time_is_up(attempt=attempt)
    if _wants_json(request):
        body = {"error": error.messages[0]}
        if finished:
            body["result_url"] = _url("result", course, attempt.number)
        return JsonResponse(body, status=409 if finished else 400)
    if finished:
        return redirect(_url("result", course, attempt.number))
    return _attempt_page(request, attempt, error=error.messages[0], status=400)


def _attempt_page(request, attempt: Attempt, *, status=200, **extra):
    quiz = attempt.quiz
    seconds_left = _seconds_left(attempt)
    context = {
        "quiz": quiz,
        "course": quiz.course,
        "attempt": attempt,
        "sheet": selectors.attempt_sheet(attempt),
        "seconds_left": seconds_left,
        "minutes_left": None if seconds_left is None else -(-seconds_left // 60),
        **extra,
    }
    return render(request, "quizzes/attempt.html", context, status=status)


def _start_page(request, quiz: Quiz):
    attempts_left = selectors.attempts_left(user=request.user, quiz=quiz)
    if attempts_left == 0 or selectors.why_closed(quiz=quiz):
        return redirect(reverse("quizzes:quiz", kwargs={"course": quiz.course.slug}))
    context = {
        "quiz": quiz,
        "course": quiz.course,
        "attempts_left": attempts_left,
        "next_number": selectors.learner_attempts(user=request.user, quiz=quiz).count()
        + 1,
    }
    return render(request, "quizzes/start.html", context)


def _overview(request, quiz: Quiz, *, status=200, **extra):
    attempts = list(selectors.learner_attempts(user=request.user, quiz=quiz))
    running = next((a for a in attempts if not a.is_graded), None)
    if running and services.grade_if_time_is_up(attempt=running):
        running.refresh_from_db()
        running = None
    context = {
        "quiz": quiz,
        "course": quiz.course,
        "attempts": attempts,
        "running": running,
        "attempts_left": selectors.attempts_left(user=request.user, quiz=quiz),
        "closed_reason": None if running else selectors.why_closed(quiz=quiz),
        **extra,
    }
    return render(request, "quizzes/quiz_overview.html", context, status=status)
