from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from citylearn.laws.selectors import (
    laws_with_provisions,
    provision_by_key,
    public_citers,
)
from citylearn.pagecache.decorators import public_page


@require_safe
@public_page
def law_index(request):
    return render(request, "laws/index.html", {"laws": laws_with_provisions()})


@require_safe
@public_page
def provision_page(request, key):
    provision = provision_by_key(key)
    if provision is None:
        raise Http404
    return render(
        request,
        "laws/provision.html",
        {"provision": provision, "citers": public_citers(provision)},
    )
