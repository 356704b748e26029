"""The legal review every explainer passes before it is published (see migration 0002)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

LEGAL_REVIEW_GROUP = "法务审核"
LEGAL_REVIEW_WORKFLOW = "数据权利指南：法务审核后发布"


def assign_legal_review(*, index: Page) -> None:
    """Put the explainers under an index through legal review, unless they have a workflow."""
    workflow = Workflow.objects.filter(name=LEGAL_REVIEW_WORKFLOW, active=True).first()
    group = Group.objects.filter(name=LEGAL_REVIEW_GROUP).first()
    if workflow is None or group is None:
        return
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    # Approving publishes the page, which needs the right to publish it.
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["change_page", "publish_page"],
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=index, permission=permission
        )
