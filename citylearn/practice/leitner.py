"""The spaced-repetition schedule of daily practice: Leitner boxes, as pure functions.

A question answered wrongly goes to box 1, due the next day; one answered right moves
up a box, and each box waits longer before the question is asked again.
"""

import datetime
import random
from dataclasses import dataclass

DAYS_IN_BOX = {1: 1, 2: 3, 3: 7, 4: 14, 5: 30}
FIRST_BOX, LAST_BOX = 1, 5
SET_SIZE = 5


@dataclass(frozen=True)
class CardState:
    """Where one question stands for one learner."""

    question_id: int
    box: int
    due_on: datetime.date
    last_answered_on: datetime.date


def next_box(box: int | None, *, right: bool) -> int:
    """The box after an answer; a question never seen before starts in box 1."""
    if not right:
        return FIRST_BOX
    return min((box or FIRST_BOX) + 1, LAST_BOX)


def due_on(box: int, *, answered_on: datetime.date) -> datetime.date:
    return answered_on + datetime.timedelta(days=DAYS_IN_BOX[box])


def daily_choice(
    *,
    cards: list[CardState],
    unseen: list[int],
    day: datetime.date,
    seed: str,
    size: int = SET_SIZE,
) -> list[int]:
    """The question ids of one day's set, in the order they are asked.

    Due questions come first: those answered wrongly (box 1), then the others, the
    longest unseen first. Questions never asked fill what is left, shuffled by the seed
    so that the same learner on the same day always gets the same ones.
    """
    due = sorted(
        (card for card in cards if card.due_on <= day),
        key=lambda card: (
            card.box != FIRST_BOX,
            card.last_answered_on,
            card.question_id,
        ),
    )
    fresh = sorted(unseen)
    random.Random(seed).shuffle(fresh)  # noqa: S311 - an order, not a secret
    return ([card.question_id for card in due] + fresh)[:size]


def streak(days: list[datetime.date], *, today: datetime.date) -> int:
    """Consecutive days up to today (or yesterday, while today's set is open) in days."""
    done = set(days)
    day = today if today in done else today - datetime.timedelta(days=1)
    count = 0
    while day in done:
        count += 1
        day -= datetime.timedelta(days=1)
    return count
