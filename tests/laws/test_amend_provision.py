"""A provision's text changes only by amendment: one record, one signal after commit."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from citylearn.laws.models import Provision, ProvisionChange
from citylearn.laws.numerals import article_number
from citylearn.laws.services import amend_provision
from citylearn.laws.signals import provision_amended
from tests.builders.laws import PIPL_45, make_provision
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db

NEW_TEXT = "个人有权向个人信息处理者查阅、复制其个人信息。"


@pytest.fixture
def heard():
    changes = []

    def receiver(sender, change, **kwargs):
        changes.append((sender, change))

    provision_amended.connect(receiver, dispatch_uid="test-heard")
    yield changes
    provision_amended.disconnect(dispatch_uid="test-heard")


def amend(provision, **values):
    arguments = {
        "text": provision.text,
        "version": provision.version,
        "effective_from": provision.effective_from,
        "source_url": provision.source_url,
        "checked_on": provision.checked_on,
        "changed_by": None,
    } | values
    return amend_provision(provision=provision, **arguments)


def test_a_new_text_is_one_change_announced_after_commit(
    heard, django_capture_on_commit_callbacks
):
    provision = make_provision()
    editor = make_user("editor")
    with django_capture_on_commit_callbacks(execute=True):
        change = amend(
            provision,
            text=NEW_TEXT,
            version="2026年修正",
            effective_from=date(2026, 1, 1),
            changed_by=editor,
        )
        assert heard == []  # nothing is said before the commit
    assert heard == [(Provision, change)]
    assert (change.old_text, change.new_text) == (PIPL_45, NEW_TEXT)
    assert (change.old_version, change.new_version) == (
        "2021年8月20日通过",
        "2026年修正",
    )
    assert change.old_effective_from == date(2021, 11, 1)
    assert change.new_effective_from == date(2026, 1, 1)
    assert change.changed_by == editor
    provision.refresh_from_db()
    assert provision.text == NEW_TEXT
    assert list(provision.changes.all()) == [change]


def test_a_rolled_back_amendment_announces_nothing(
    heard, django_capture_on_commit_callbacks
):
    provision = make_provision()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        amend(provision, text=NEW_TEXT)
        raise RuntimeError
    assert heard == []
    assert not ProvisionChange.objects.exists()


def test_a_new_source_or_check_date_is_saved_but_is_no_amendment(
    heard, django_capture_on_commit_callbacks
):
    provision = make_provision()
    with django_capture_on_commit_callbacks(execute=True):
        change = amend(
            provision,
            source_url="https://flk.npc.gov.cn/pipl",
            checked_on=date(2027, 1, 5),
        )
    assert change is None
    assert heard == []
    provision.refresh_from_db()
    assert provision.source_url == "https://flk.npc.gov.cn/pipl"
    assert not ProvisionChange.objects.exists()


def test_an_invalid_amendment_is_refused_and_changes_nothing():
    provision = make_provision()
    with pytest.raises(ValidationError):
        amend(provision, text="")
    provision.refresh_from_db()
    assert provision.text == PIPL_45
    assert not ProvisionChange.objects.exists()


def provision_form(provision, **values):
    return {
        "law": provision.law.pk,
        "key": provision.key,
        "article": provision.article,
        "heading": provision.heading,
        "text": provision.text,
        "is_excerpt": "on" if provision.is_excerpt else "",
        "version": provision.version,
        "effective_from": provision.effective_from.isoformat(),
        "source_url": provision.source_url,
        "checked_on": provision.checked_on.isoformat(),
    } | values


def test_an_admin_edit_of_the_text_is_an_amendment(
    admin, heard, django_capture_on_commit_callbacks
):
    provision = make_provision()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("wagtailsnippets_laws_provision:edit", args=[provision.pk]),
            provision_form(provision, text=NEW_TEXT, version="2026年修正"),
        )
    assert response.status_code == 302
    change = ProvisionChange.objects.get()
    assert (change.provision, change.new_text, change.new_version) == (
        provision,
        NEW_TEXT,
        "2026年修正",
    )
    assert change.changed_by.username == "admin"
    assert heard == [(Provision, change)]


def test_an_admin_edit_of_the_heading_only_is_no_amendment(admin, heard):
    provision = make_provision()
    response = admin.post(
        reverse("wagtailsnippets_laws_provision:edit", args=[provision.pk]),
        provision_form(provision, heading="查阅权"),
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.heading == "查阅权"
    assert not ProvisionChange.objects.exists()


def test_the_provision_snippets_and_chooser_open(admin):
    provision = make_provision()
    for name in (
        "wagtailsnippets_laws_provision:list",
        "wagtailsnippets_laws_law:list",
    ):
        assert admin.get(reverse(name)).status_code == 200
    edit = admin.get(
        reverse("wagtailsnippets_laws_provision:edit", args=[provision.pk])
    )
    assert edit.status_code == 200
    chooser = admin.get(reverse("wagtailsnippetchoosers_laws_provision:choose"))
    assert chooser.status_code == 200
    assert "第四十五条" in chooser.json()["html"]


@pytest.mark.parametrize(
    ("article", "number"),
    [
        ("第四条", 4),
        ("第十条", 10),
        ("第十八条", 18),
        ("第二十一条", 21),
        ("第四十五条", 45),
        ("第一百条", 100),
        ("第一百零五条", 105),
        ("第二十五条", 25),
        ("第7条", 7),
        ("附则", None),
    ],
)
def test_article_numbers_are_read(article, number):
    assert article_number(article) == number


def test_citing_pages_and_questions_edit_their_provisions_in_the_admin(admin):
    from tests.builders import pages
    from tests.builders.quizzes import make_bank

    provision = make_provision()
    explainer = pages.explainer()
    question = make_bank(1).questions.get()

    page_form = admin.get(reverse("wagtailadmin_pages:edit", args=[explainer.pk]))
    question_form = admin.get(
        reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk])
    )

    for response in (page_form, question_form):
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="provisions"' in html
        assert f'value="{provision.pk}"' in html
