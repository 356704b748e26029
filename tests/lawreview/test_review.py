"""An amendment flags exactly what cites the provision; publishing or a button closes it."""

from datetime import date

import pytest
from django.urls import reverse

from citylearn.lawreview.models import ReviewItem
from citylearn.lawreview.selectors import word_diff
from citylearn.lawreview.services import flag_citing_items
from citylearn.lawreview.tasks import flag_missed_reviews
from citylearn.laws.services import amend_provision
from tests.builders.laws import make_provision
from tests.builders.learning import lessons_of, make_course
from tests.builders.pages import case, explainer, letter, register_entry
from tests.builders.people import editor, make_user
from tests.builders.quizzes import make_bank

pytestmark = pytest.mark.django_db

NEW_TEXT = "个人有权向个人信息处理者查阅、复制其个人信息；法律另有规定的除外。"


def amend(provision, by=None, text=NEW_TEXT):
    return amend_provision(
        provision=provision,
        text=text,
        version="2026年修正",
        effective_from=date(2026, 1, 1),
        source_url=provision.source_url,
        checked_on=date(2026, 12, 5),
        changed_by=by,
    )


@pytest.fixture
def citers():
    provision = make_provision()
    other = make_provision(key="pipl-44", article="第四十四条")
    course = make_course(lessons=3)
    first, second, third = lessons_of(course)
    first.provisions.add(provision)
    first.save()
    second.provisions.add(other)
    second.save()
    page = explainer()
    page.provisions.add(provision)
    page.save()
    study = case()
    study.provisions.add(provision)
    study.save()
    entry = register_entry()
    entry.provisions.add(provision)
    entry.save()
    rights_letter = letter()
    rights_letter.provisions.add(provision)
    rights_letter.save()
    question = make_bank(size=2).questions.first()
    question.provisions.add(provision)
    question.save()
    return {
        "provision": provision,
        "course": course,
        "lesson": first,
        "other_lesson": second,
        "explainer": page,
        "case": study,
        "entry": entry,
        "letter": rights_letter,
        "question": question,
    }


def flagged():
    return {(r.content_type.model, r.object_id) for r in ReviewItem.objects.all()}


def test_an_amendment_flags_exactly_the_citing_items(
    citers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = amend(citers["provision"])
    assert flagged() == {
        ("lessonpage", citers["lesson"].pk),
        ("explainerpage", citers["explainer"].pk),
        ("casestudypage", citers["case"].pk),
        ("registerentrypage", citers["entry"].pk),
        ("letterpage", citers["letter"].pk),
        ("question", citers["question"].pk),
    }
    assert flag_citing_items(change=change) == 0  # running twice flags once
    assert ReviewItem.objects.count() == 6


def test_the_sweep_flags_what_a_lost_event_missed(citers):
    change = amend(citers["provision"])  # no commit callbacks run: the event is lost
    assert not ReviewItem.objects.exists()
    assert flag_missed_reviews() == 6
    assert flag_missed_reviews() == 0
    assert ReviewItem.objects.filter(change=change).count() == 6


def test_a_rollback_flags_nothing(citers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        amend(citers["provision"])
    assert callbacks  # the flagging waits for the commit
    assert not ReviewItem.objects.exists()


def test_word_diff_marks_deletions_and_insertions_and_escapes():
    html = word_diff("查阅<b>复制</b>", "查阅、复制<script>")
    assert "<ins>、</ins>" in html
    assert "<del>&lt;b&gt;</del>" in html
    bare = html
    for tag in ("<del>", "</del>", "<ins>", "</ins>"):
        bare = bare.replace(tag, "")
    assert "<" not in bare  # every other angle bracket is escaped
    assert word_diff("same text", "same text") == "same text"


def test_publishing_a_flagged_page_closes_its_review(
    citers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        amend(citers["provision"])
    lesson = citers["lesson"]
    reviewer = make_user("moderator", is_superuser=True)
    lesson.save_revision(user=reviewer).publish(user=reviewer)
    review = ReviewItem.objects.get(
        object_id=lesson.pk, content_type__model="lessonpage"
    )
    assert review.reviewed_at is not None and review.reviewed_by == reviewer
    assert ReviewItem.objects.filter(reviewed_at__isnull=True).count() == 5


def report(client):
    return client.get(reverse("lawreview_report"))


def test_the_report_lists_items_diff_and_edit_links_for_editors(
    citers, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        amend(citers["provision"])
    client.force_login(editor())
    response = report(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>有本法第十八条第一款、第三十五条规定情形</del>" in html
    assert "<ins>法律另有规定</ins>的除外" in html
    for key in ("lesson", "explainer", "case", "entry", "letter"):
        assert reverse("wagtailadmin_pages:edit", args=[citers[key].pk]) in html
    assert citers["other_lesson"].title not in html
    question_url = reverse(
        "wagtailsnippets_quizzes_question:edit", args=[citers["question"].pk]
    )
    assert question_url in html


def test_the_page_editor_warns_that_the_page_needs_review(
    citers, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        amend(citers["provision"])
    client.force_login(editor())
    url = reverse("wagtailadmin_pages:edit", args=[citers["lesson"].pk])
    assert "需要复核：" in client.get(url).content.decode()
    other = reverse("wagtailadmin_pages:edit", args=[citers["other_lesson"].pk])
    html = client.get(other).content.decode()
    assert "需要复核：" not in html


def test_a_question_is_marked_reviewed_by_post_only(
    citers, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        amend(citers["provision"])
    review = ReviewItem.objects.get(content_type__model="question")
    client.force_login(editor())
    url = reverse("lawreview_mark_reviewed", args=[review.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    review.refresh_from_db()
    assert review.reviewed_at is not None
    page_review = ReviewItem.objects.get(content_type__model="lessonpage")
    client.post(reverse("lawreview_mark_reviewed", args=[page_review.pk]))
    page_review.refresh_from_db()
    assert page_review.reviewed_at is None  # a page is reviewed by publishing it


def test_learners_may_not_open_the_report_or_mark(
    citers, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        amend(citers["provision"])
    review = ReviewItem.objects.get(content_type__model="question")
    client.force_login(make_user("learner"))
    assert report(client).status_code in (302, 403)
    client.post(reverse("lawreview_mark_reviewed", args=[review.pk]))
    review.refresh_from_db()
    assert review.reviewed_at is None


def test_the_report_makes_the_same_queries_for_more_changes(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(editor())

    def build(count):
        for n in range(count):
            provision = make_provision(key=f"p-{count}-{n}", article=f"第{n + 1}条")
            course = make_course(lessons=2)
            for lesson in lessons_of(course):
                lesson.provisions.add(provision)
                lesson.save()
            with django_capture_on_commit_callbacks(execute=True):
                amend(provision)

    build(1)
    with django_assert_max_num_queries(60) as small:
        report(client)
    build(4)
    with django_assert_max_num_queries(60) as large:
        report(client)
    assert len(large.captured_queries) == len(small.captured_queries)
