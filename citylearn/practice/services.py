"""Writing daily practice. Opening the day's set twice, or sending it twice, counts once."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.practice import leitner
from citylearn.practice.models import Card, DailySet, DailySetItem, PracticeAnswer
from citylearn.practice.selectors import card_states, practice_questions, set_questions
from citylearn.quizzes.sheets import is_right

WRONG_NUMBER_OF_ANSWERS = _("The answers do not match today's questions.")


@transaction.atomic
def todays_set(*, user: AbstractBaseUser, day: datetime.date) -> DailySet | None:
    """The learner's set for the day, chosen once; None when there is nothing to practise."""
    existing = DailySet.objects.filter(user=user, day=day).first()
    if existing is not None:
        return existing
    pool = list(practice_questions(user=user, today=day).values_list("id", flat=True))
    cards = card_states(user=user, question_ids=pool)
    seen = {card.question_id for card in cards}
    chosen = leitner.daily_choice(
        cards=cards,
        unseen=[pk for pk in pool if pk not in seen],
        day=day,
        seed=f"{user.pk}:{day.isoformat()}",
    )
    if not chosen:
        return None
    # Two tabs opening the page at once: the unique (user, day) lets one set through.
    daily_set, created = DailySet.objects.get_or_create(user=user, day=day)
    if created:
        DailySetItem.objects.bulk_create(
            DailySetItem(daily_set=daily_set, question_id=pk, position=position)
            for position, pk in enumerate(chosen, start=1)
        )
    return daily_set


@transaction.atomic
def submit_daily_set(
    *, user: AbstractBaseUser, daily_set: DailySet, picked: list[set[int]]
) -> DailySet:
    """Mark the set's answers (choice places, in the set's order) and move the cards.

    The set's row is locked and a completed set is left as it is, so a second or
    concurrent submission changes nothing. Nothing here is an exam attempt.
    """
    locked = DailySet.objects.select_for_update().get(pk=daily_set.pk, user=user)
    if locked.is_completed:
        return locked
    questions = set_questions(locked)
    if len(picked) != len(questions) or not all(picked):
        raise ValidationError(WRONG_NUMBER_OF_ANSWERS)
    now = timezone.now()
    cards = {
        card.question_id: card
        for card in Card.objects.select_for_update().filter(
            user=user, question__in=questions
        )
    }
    for question, places in zip(questions, picked, strict=True):
        choices = list(question.choices.all())
        right = is_right(question, places)
        answer = PracticeAnswer(
            user=user,
            question=question,
            day=locked.day,
            chosen=[choices[place - 1].pk for place in sorted(places)],
            is_correct=right,
            answered_at=now,
        )
        answer.full_clean()
        answer.save()
        card = cards.get(question.pk)
        box = leitner.next_box(card.box if card else None, right=right)
        Card.objects.update_or_create(
            user=user,
            question=question,
            defaults={
                "box": box,
                "due_on": leitner.due_on(box, answered_on=locked.day),
                "last_answered_on": locked.day,
            },
        )
    locked.completed_at = now
    locked.save(update_fields=["completed_at"])
    return locked
