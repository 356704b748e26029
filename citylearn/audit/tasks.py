from citylearn.audit.services import purge_expired_entries
from citylearn.celery import app


@app.task
def purge_expired_audit_entries() -> int:
    """Delete audit entries past their retention; a second run finds nothing to delete."""
    return purge_expired_entries()
