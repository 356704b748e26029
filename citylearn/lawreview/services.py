"""Flagging what cites an amended provision, marking it reviewed, assigning refreshers."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from citylearn.assignments.services import assign_to_people
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.lawreview.models import Refresher, ReviewItem
from citylearn.lawreview.selectors import completed_before, lessons_citing
from citylearn.laws.models import ProvisionChange
from citylearn.laws.selectors import citing_items

NOT_A_CITER = _("This item does not cite the amended provision.")
NOBODY_TO_REFRESH = _("Nobody completed this course before the amendment.")
LESSONS_NOT_REVIEWED = _("Review and publish the course's changed lessons first.")
# A refresher earns the hours of its reading time, at least a tenth of an hour.
MIN_REFRESHER_HOURS = Decimal("0.1")


def flag_citing_items(*, change: ProvisionChange) -> int:
    """Flag every page and question citing the amended provision; returns how many are new.

    Drafts are flagged too: a draft citing the old text must not go live unreviewed.
    Safe to run twice: an item is flagged once per amendment.
    """
    citers = citing_items(change.provision, live_only=False)
    items = [
        item
        for group in (*citers.pages.values(), *citers.others.values())
        for item in group
    ]
    before = ReviewItem.objects.filter(change=change).count()
    ReviewItem.objects.bulk_create(
        [
            ReviewItem(
                change=change,
                content_type=ContentType.objects.get_for_model(type(item)),
                object_id=item.pk,
            )
            for item in items
        ],
        ignore_conflicts=True,
    )
    return ReviewItem.objects.filter(change=change).count() - before


def flag_recent_changes(*, since: datetime.datetime) -> int:
    """The sweep: flag again the citers of every amendment since then."""
    return sum(
        flag_citing_items(change=change)
        for change in ProvisionChange.objects.filter(
            changed_at__gte=since
        ).select_related("provision")
    )


def mark_page_reviewed(*, page: Page, by: AbstractBaseUser | None) -> int:
    """Publishing a flagged page closes its open reviews; returns how many."""
    return ReviewItem.objects.filter(
        content_type=ContentType.objects.get_for_model(type(page.specific)),
        object_id=page.pk,
        reviewed_at__isnull=True,
    ).update(reviewed_at=timezone.now(), reviewed_by=by)


def mark_item_reviewed(*, item: ReviewItem, by: AbstractBaseUser) -> ReviewItem:
    """A question has no publishing: its review is closed from the report."""
    ReviewItem.objects.filter(pk=item.pk, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=by
    )
    item.refresh_from_db()
    return item


@transaction.atomic
def assign_refresher(
    *,
    change: ProvisionChange,
    course: CoursePage,
    due_on: datetime.date,
    by: AbstractBaseUser,
) -> Refresher:
    """Assign a short refresher of the changed lessons to who completed before the change.

    The refresher is a staff course of its own, next to the course: one lesson per
    changed lesson, pointing to its reviewed text. Completing it is completing a
    course, so the dashboard, My learning and reminders count it as any assignment;
    the original completions stay as they were. Once per amendment and course.
    """
    ProvisionChange.objects.select_for_update().get(pk=change.pk)
    existing = Refresher.objects.filter(change=change, course=course).first()
    if existing:
        return existing
    lessons = lessons_citing(course=course, provision=change.provision)
    open_reviews = ReviewItem.objects.filter(
        change=change,
        content_type=ContentType.objects.get_for_model(LessonPage),
        object_id__in=[lesson.pk for lesson in lessons],
        reviewed_at__isnull=True,
    )
    if not lessons or open_reviews.exists():
        raise ValidationError(LESSONS_NOT_REVIEWED, code="lessons_not_reviewed")
    people = list(completed_before(course=course, moment=change.changed_at))
    if not people:
        raise ValidationError(NOBODY_TO_REFRESH, code="nobody")
    refresher_course = _refresher_course(change=change, course=course, lessons=lessons)
    assignment = assign_to_people(
        course=refresher_course, people=people, due_on=due_on, by=None
    )
    try:
        with transaction.atomic():
            return Refresher.objects.create(
                change=change, course=course, assignment=assignment
            )
    except IntegrityError as error:  # pragma: no cover - the row lock serialises
        raise ValidationError(_("A refresher was just assigned.")) from error


def _refresher_course(*, change, course, lessons) -> CoursePage:
    provision = change.provision
    minutes = sum(lesson.estimated_minutes for lesson in lessons)
    hours = max(
        MIN_REFRESHER_HOURS, (Decimal(minutes) / 60).quantize(MIN_REFRESHER_HOURS)
    )
    refresher = CoursePage(
        title=f"复训：{course.title}（{provision}修订）",
        slug=f"refresher-{change.pk}-{course.slug}"[:255],
        summary=(
            f"{provision}已修订（{change.new_version}），重读本课程中据此修改的课时。"
        ),
        body=_refresher_intro(change),
        credit_hours=hours,
        estimated_minutes=minutes,
        audience=course.audience,
        mandatory=False,
    )
    course.get_parent().add_child(instance=refresher)
    refresher.save_revision().publish()
    for lesson in lessons:
        page = LessonPage(
            title=f"重读：{lesson.title}",
            slug=lesson.slug,
            estimated_minutes=lesson.estimated_minutes,
            body=(
                f"{_refresher_intro(change)}\n\n"
                f"请重读修订后的课时：[{lesson.title}](lesson:{course.slug}/{lesson.slug})，"
                "读完后在这里标记已读。"
            ),
        )
        refresher.add_child(instance=page)
        page.save_revision().publish()
    return refresher


def _refresher_intro(change) -> str:
    quoted = "\n".join(f"> {line}" for line in change.new_text.splitlines() if line)
    date = change.new_effective_from or change.old_effective_from
    return (
        f"{change.provision}的新文本（{change.new_version}，自{date:%Y-%m-%d}起施行）：\n\n"
        f"{quoted}"
    )
