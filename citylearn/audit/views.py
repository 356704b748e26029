from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from citylearn.access.permissions import administrator_required
from citylearn.audit.forms import AuditSearchForm
from citylearn.audit.selectors import search_entries


@require_GET
@administrator_required
def audit_log(request):
    """Administrators search the audit log; the log itself cannot be changed here."""
    form = AuditSearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "person": data["q"],
            "action": data["action"],
            "address": data["address"],
            "since": data["since"],
            "until": data["until"],
        }
    entries = search_entries(**filters) if not form.errors else search_entries()[:0]
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_log.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )
