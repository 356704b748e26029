from django.dispatch import receiver

from citylearn.assignments.coverage import cover_placed_staff
from citylearn.organisation.signals import staff_placed


@receiver(staff_placed, dispatch_uid="assignments_cover_placed_staff")
def cover_staff(sender, user_ids, **kwargs):
    cover_placed_staff(user_ids=user_ids)
