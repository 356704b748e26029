from django.shortcuts import render
from django.views.decorators.http import require_GET

from citylearn.pagecache.decorators import public_page
from citylearn.search.selectors import search_public_content


@require_GET
@public_page(query_parameters=["q"])
def search(request):
    query = request.GET.get("q", "")
    outcome = search_public_content(query) if query.strip() else None
    return render(request, "search/search.html", {"outcome": outcome, "query": query})
