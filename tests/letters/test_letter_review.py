"""Editors change a letter in the admin; the legal team reads the sample and approves."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User

from citylearn.explainers.workflow import LEGAL_REVIEW_GROUP

pytestmark = pytest.mark.django_db


def test_editors_open_a_letter_and_reviewers_preview_the_sample_letter(client, letters):
    page = letters["portability"]
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    response = page.make_preview_request(preview_mode="letter")

    assert response.status_code == 200
    [letter] = BeautifulSoup(response.rendered_content, "html.parser").select(
        "article.letter"
    )
    assert page.subject in letter.get_text()
    assert "第四十五条第三款" in letter.get_text()


def test_a_changed_letter_is_published_only_when_the_legal_team_approves(letters):
    page = letters["deletion"]
    editor = User.objects.create_user("editor", password="x" * 12)
    lawyer = User.objects.create_user("lawyer", password="x" * 12)
    lawyer.groups.add(Group.objects.get(name=LEGAL_REVIEW_GROUP))
    old_subject = page.subject

    page.subject = "新的标题"
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert page.subject == old_subject

    task_state = state.current_task_state
    task = task_state.task.specific
    assert not task.user_can_access_editor(page, editor)
    assert task.user_can_access_editor(page, lawyer)
    task.on_action(task_state, lawyer, "approve")
    page.refresh_from_db()
    assert page.subject == "新的标题"
