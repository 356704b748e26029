from django.conf import settings
from django.core.checks import Error, register

from citylearn.audit.retention import MINIMUM_RETENTION_DAYS


@register()
def audit_retention_check(app_configs, **kwargs):
    value = getattr(settings, "AUDIT_LOG_RETENTION_DAYS", None)
    if not isinstance(value, int) or value < MINIMUM_RETENTION_DAYS:
        return [
            Error(
                f"AUDIT_LOG_RETENTION_DAYS is {value!r}; it must be a whole number "
                f"of at least {MINIMUM_RETENTION_DAYS} days (six months).",
                hint="The Cybersecurity Law requires network logs to be kept "
                "for at least six months.",
                id="audit.E001",
            )
        ]
    return []
