"""Signals the organisation sends when people change place in the tree."""

from django.dispatch import Signal

# Sent after staff were created, moved, reactivated or deactivated, or after the
# department they sit in moved in the tree; many at once, after the writes, inside
# the same transaction. Arguments: user_ids (accounts of the staff concerned).
staff_placed = Signal()
