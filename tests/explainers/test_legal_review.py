import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowPage

from citylearn.explainers.workflow import LEGAL_REVIEW_GROUP, LEGAL_REVIEW_WORKFLOW
from tests.builders import pages

pytestmark = pytest.mark.django_db


def test_the_explainer_index_goes_through_legal_review():
    page = pages.explainer()
    workflow = page.get_workflow()
    assert workflow.name == LEGAL_REVIEW_WORKFLOW
    assert [task.name for task in workflow.tasks] == ["法务审核"]
    assert WorkflowPage.objects.get(page=page.get_parent()).workflow == workflow


def test_a_draft_is_published_only_when_the_legal_team_approves():
    page = pages.explainer(title="旧标题")
    User = get_user_model()
    editor = User.objects.create_user("editor", password="x" * 12)
    lawyer = User.objects.create_user("lawyer", password="x" * 12)
    lawyer.groups.add(Group.objects.get(name=LEGAL_REVIEW_GROUP))

    page.title = "新标题"
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert page.live_revision.content["title"] == "旧标题"  # still in review

    task_state = state.current_task_state
    task = task_state.task.specific
    assert not task.user_can_access_editor(page, editor)
    assert task.user_can_access_editor(page, lawyer)
    task.on_action(task_state, lawyer, "approve")
    page.refresh_from_db()
    assert page.title == "新标题"
    assert page.live_revision.content["title"] == "新标题"


def test_the_migration_assigns_an_index_that_already_exists_and_can_run_again():
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "citylearn.explainers.migrations.0002_legal_review_workflow"
    )
    index = pages.explainer().get_parent()
    WorkflowPage.objects.filter(page=index).delete()
    migration.create_legal_review(apps, None)
    migration.create_legal_review(apps, None)
    assert WorkflowPage.objects.get(page=index).workflow.name == LEGAL_REVIEW_WORKFLOW
    assert Group.objects.filter(name=LEGAL_REVIEW_GROUP).count() == 1
