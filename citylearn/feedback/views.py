from urllib.parse import urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from citylearn.core.clients import client_address
from citylearn.core.redirects import safe_next_url
from citylearn.feedback.forms import UNANSWERED, FeedbackForm
from citylearn.feedback.services import (
    allow_feedback_from,
    submit_feedback,
)


def is_same_origin(request: HttpRequest) -> bool:
    """True when the browser says the form was sent from a page of this very site."""
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(origin)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


# Public pages are cached, one copy for everyone, so they carry no per-visitor CSRF
# token. Instead this view only accepts posts from this site's own pages, and all a
# forged post could do is add one more anonymous answer, which the rate limit bounds.
@csrf_exempt
@require_POST
def submit(request):
    if not is_same_origin(request):
        return render(request, "feedback/refused.html", status=403)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        back = _back_to_the_form(request, form)
        if back:
            return back
        return render(request, "feedback/form_page.html", {"form": form}, status=400)
    path = form.cleaned_data["path"]
    if form.is_from_a_bot():
        return _thanks(path)
    if not allow_feedback_from(client_address(request) or ""):
        return render(request, "feedback/too_many.html", {"path": path}, status=429)
    try:
        submit_feedback(
            request=request,
            path=path,
            helpful=form.cleaned_data["helpful"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "feedback/form_page.html", {"form": form}, status=400)
    return _thanks(path)


@require_GET
def thanks(request):
    back = safe_next_url(request, request.GET.get("next"))
    return render(request, "feedback/thanks.html", {"back": back})


def _back_to_the_form(request: HttpRequest, form: FeedbackForm):
    """Send a reader who only forgot to answer back to their page, where the form
    shows the error; when they also wrote a comment, the form page keeps it instead."""
    path = form.data.get(form["path"].html_name, "")
    only_unanswered = set(form.errors) == {"helpful"} and not form.data.get(
        form["comment"].html_name
    )
    if not (only_unanswered and safe_next_url(request, path)):
        return None
    response = HttpResponseRedirect(
        f"{path}?{urlencode({UNANSWERED[0]: UNANSWERED[1]})}#feedback-errors"
    )
    response.status_code = 303
    return response


def _thanks(path: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(
        f"{reverse('feedback:thanks')}?{urlencode({'next': path})}"
    )
    response.status_code = 303
    return response
