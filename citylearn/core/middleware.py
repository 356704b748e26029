from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, with Wagtail's admin given the looser one it needs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY,
                nonce=parts.nonce,
            )
        return parts
