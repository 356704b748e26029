from django.shortcuts import render
from django.views.decorators.http import require_safe

from citylearn.pagecache.decorators import public_page
from citylearn.transparency.models import MIN_GROUP_SIZE
from citylearn.transparency.selectors import latest_snapshot


@require_safe
@public_page
def transparency(request):
    return render(
        request,
        "transparency/transparency.html",
        {"snapshot": latest_snapshot(), "min_group_size": MIN_GROUP_SIZE},
    )
