from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from citylearn.practice.forms import read_answers
from citylearn.practice.selectors import set_questions, set_results, streak_of
from citylearn.practice.services import submit_daily_set, todays_set
from citylearn.quizzes.sheets import marked_sheet


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def daily(request):
    """Today's questions as one form; once sent, each marked with its explanation."""
    today = timezone.localdate()
    daily_set = todays_set(user=request.user, day=today)
    context = {"daily_set": daily_set, "day": today, "errors": []}
    if daily_set is not None and not daily_set.is_completed:
        questions = set_questions(daily_set)
        context["sheet"] = marked_sheet(questions)
        if request.method == "POST":
            if request.POST.get("day") != today.isoformat():
                messages.info(request, _("A new day has begun: here is today's set."))
                return redirect("practice:daily")
            picked, errors = read_answers(questions, request.POST)
            if not errors:
                try:
                    submit_daily_set(
                        user=request.user, daily_set=daily_set, picked=picked
                    )
                except ValidationError:
                    return redirect("practice:daily")
                return redirect(reverse("practice:daily") + "#results")
            context["errors"] = errors
            context["sheet"] = marked_sheet(questions, picked, marked=False)
    if daily_set is not None and daily_set.is_completed:
        context["results"] = set_results(daily_set)
    context["streak"] = streak_of(user=request.user, today=today)
    return render(request, "practice/daily.html", context)
