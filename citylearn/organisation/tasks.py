from citylearn.celery import app
from citylearn.organisation.roster.uploads import discard_stale_uploads


@app.task
def discard_stale_roster_uploads() -> int:
    """Delete roster files left unapplied; a second run finds none left."""
    return discard_stale_uploads()
