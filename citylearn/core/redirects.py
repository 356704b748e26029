from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, candidate: str | None) -> str:
    """`candidate` when it is a path on this site, else an empty string."""
    if not candidate:
        return ""
    if not url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return ""
    # Only absolute paths: a relative "%2F%2Fevil" or "evil" is harmless today but
    # becomes dangerous once some view decodes or joins it.
    if not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return ""
    return candidate
