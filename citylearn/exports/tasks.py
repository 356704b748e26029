from citylearn.celery import app
from citylearn.exports.services import delete_expired_exports, write_export


# acks_late: a worker killed mid-export leaves the task unacknowledged, and it reruns.
@app.task(acks_late=True, reject_on_worker_lost=True)
def write_export_task(export_id: int) -> None:
    """Write the export's file; a run after it is ready does nothing."""
    write_export(export_id=export_id)


@app.task
def delete_expired_export_files() -> int:
    """Delete exports whose link has expired, with their files."""
    return delete_expired_exports()
