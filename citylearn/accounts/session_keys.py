"""Values kept in the session so that per-request checks need no database query."""

LAST_SEEN = "citylearn.last_seen"
PASSWORD_CHANGED = "citylearn.password_changed"  # noqa: S105 - a key name
