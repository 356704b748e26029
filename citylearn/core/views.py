from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from citylearn.core.selectors import broker_status, cache_status, database_status


@never_cache
@require_GET
def healthz(request):
    """200 when every configured backing service answers, 503 naming the ones that do not."""
    checks = {
        "database": database_status(),
        "broker": broker_status(),
        "cache": cache_status(),
    }
    failing = [name for name, status in checks.items() if status == "error"]
    body = {"status": "error" if failing else "ok", **checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
