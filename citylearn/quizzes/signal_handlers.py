from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from citylearn.quizzes.models import Quiz
from citylearn.quizzes.services import reschedule_open_attempts


@receiver(post_save, sender=Quiz, dispatch_uid="quizzes-reschedule-open-attempts")
def quiz_saved(sender, instance, created, raw=False, **kwargs):
    # Saved in the admin or by the importer: running attempts follow the new window.
    if not created and not raw:
        transaction.on_commit(lambda: reschedule_open_attempts(quiz=instance))
