from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address, trusting X-Forwarded-For only as far as our own proxies.

    The one rule for the whole site: the audit log, the sign-in lockout and the
    feedback rate limit all see the same address (settings.TRUSTED_PROXY_COUNT).
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        # Each trusted proxy appends what it saw; anything further left is the
        # client's own claim and could be forged.
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
