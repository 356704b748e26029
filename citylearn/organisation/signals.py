"""Signals the organisation sends when people change place in the tree."""

from django.dispatch import Signal

# Sent after staff were created, moved, reactivated or deactivated, or after the
# department they sit in moved in the tree; many at once, after the writes, inside
# the same transaction. Arguments: user_ids (accounts of the staff concerned).
staff_placed = Signal()

# Sent with core.events.send_after_commit once the transaction that created staff
# accounts commits. Arguments: user_ids (the new accounts), invite (whether whoever
# created them asked for activation links to be emailed) and language (of those emails).
staff_created = Signal()
