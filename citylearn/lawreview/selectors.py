"""Reads for the review of amendments: what is flagged, who must refresh."""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from citylearn.courses.models import CoursePage, LessonPage
from citylearn.lawreview.models import Refresher, ReviewItem
from citylearn.laws.models import Provision, ProvisionChange

# A word is a run of Latin letters or digits; each Chinese character is its own word.
WORD = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)
SHORT_RUN = 2


def word_diff(old: str, new: str) -> SafeString:
    """The new text with deletions in <del> and insertions in <ins>, all text escaped.

    A Chinese character is a word, so a run of one or two unchanged characters between
    two changes is folded into them: "有本法……情形" reads as one change, not four.
    """
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    segments: list[list] = []  # [removed, added, unchanged]
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        removed, added = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        between = 0 < index < len(opcodes) - 1 and i2 - i1 <= SHORT_RUN
        if tag == "equal" and not between:
            segments.append(["", "", added])
        elif segments and not segments[-1][2]:
            segments[-1][0] += removed
            segments[-1][1] += added
        else:
            segments.append([removed, added, ""])
    parts = []
    for removed, added, unchanged in segments:
        if unchanged:
            parts.append(escape(unchanged))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


@dataclass
class FlaggedItem:
    review: ReviewItem
    item: object
    kind: str
    title: str
    edit_url: str
    is_page: bool


@dataclass
class ChangeToReview:
    change: ProvisionChange
    diff: SafeString
    items: list[FlaggedItem]
    courses: list[CoursePage]  # courses with changed lessons, for refreshers
    refreshed: set[int]  # ids of those courses given a refresher already

    @property
    def open_count(self) -> int:
        return sum(1 for item in self.items if item.review.reviewed_at is None)


def changes_to_review(*, limit: int = 50) -> list[ChangeToReview]:
    """The latest amendments with flagged items, each item loaded in one query per kind."""
    from django.urls import reverse

    changes = list(
        ProvisionChange.objects.filter(review_items__isnull=False)
        .distinct()
        .select_related("provision__law", "changed_by")
        .order_by("-changed_at", "-pk")[:limit]
    )
    reviews = list(
        ReviewItem.objects.filter(change__in=changes)
        .select_related("content_type", "reviewed_by")
        .order_by("change", "content_type", "object_id")
    )
    loaded: dict[tuple[int, int], object] = {}
    by_type: dict[int, set[int]] = {}
    for review in reviews:
        by_type.setdefault(review.content_type_id, set()).add(review.object_id)
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        for obj in model.objects.filter(pk__in=ids):
            loaded[(type_id, obj.pk)] = obj
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    lesson_ids = {r.object_id for r in reviews if r.content_type_id == lesson_type.pk}
    lesson_courses = _courses_of(lesson_ids)
    refreshed = set(
        Refresher.objects.filter(change__in=changes).values_list(
            "change_id", "course_id"
        )
    )
    result = []
    for change in changes:
        items, courses = [], {}
        for review in (r for r in reviews if r.change_id == change.pk):
            obj = loaded.get((review.content_type_id, review.object_id))
            if obj is None:
                continue
            is_page = isinstance(obj, Page)
            if is_page:
                url = reverse("wagtailadmin_pages:edit", args=[obj.pk])
            else:
                url = reverse(
                    f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit",
                    args=[obj.pk],
                )
            items.append(
                FlaggedItem(
                    review=review,
                    item=obj,
                    kind=str(obj._meta.verbose_name),
                    title=str(getattr(obj, "title", None) or obj),
                    edit_url=url,
                    is_page=is_page,
                )
            )
            course = lesson_courses.get(review.object_id)
            if review.content_type_id == lesson_type.pk and course:
                courses[course.pk] = course
        result.append(
            ChangeToReview(
                change=change,
                diff=word_diff(change.old_text, change.new_text),
                items=items,
                courses=list(courses.values()),
                refreshed={c for ch, c in refreshed if ch == change.pk},
            )
        )
    return result


def _courses_of(lesson_ids: set[int]) -> dict[int, CoursePage]:
    paths = dict(LessonPage.objects.filter(pk__in=lesson_ids).values_list("pk", "path"))
    parents = {path[: -Page.steplen] for path in paths.values()}
    courses = {c.path: c for c in CoursePage.objects.filter(path__in=parents)}
    return {
        pk: courses[path[: -Page.steplen]]
        for pk, path in paths.items()
        if path[: -Page.steplen] in courses
    }


def open_reviews_of(obj) -> QuerySet[ReviewItem]:
    """The amendments still to review for one page or question."""
    return ReviewItem.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        reviewed_at__isnull=True,
    ).select_related("change__provision__law")


def lessons_citing(*, course: CoursePage, provision: Provision) -> list[LessonPage]:
    return list(
        LessonPage.objects.child_of(course)
        .filter(provisions=provision)
        .order_by("path")
    )


def completed_before(*, course: CoursePage, moment: datetime.datetime) -> QuerySet:
    """Active staff who completed the course before the moment (not after, not never)."""
    return get_user_model().objects.filter(
        course_completions__course=course,
        course_completions__completed_at__lt=moment,
        staff_profile__is_active=True,
    )
