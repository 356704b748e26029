from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from citylearn.pagecache.decorators import public_page
from citylearn.search.forms import SearchForm
from citylearn.search.selectors import search_public_content

RESULTS_PER_PAGE = 10


@require_GET
@public_page(query_parameters=["q"])
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "search/search.html", {"form": form}, status=400)
    query, type_name = form.cleaned_data["q"], form.cleaned_data["type"]
    outcome = (
        search_public_content(query, type_name, request=request) if query else None
    )
    page_obj = None
    if outcome and outcome.results is not None:
        paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
    other_parameters = request.GET.copy()
    other_parameters.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "outcome": outcome,
            "page_obj": page_obj,
            "other_parameters": other_parameters.urlencode(),
        },
    )
