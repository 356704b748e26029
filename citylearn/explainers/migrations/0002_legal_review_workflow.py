"""Explainers are legal texts: editors draft, the legal team approves, approval publishes."""

from django.db import migrations

GROUP = "法务审核"
TASK = "法务审核"
WORKFLOW = "数据权利指南：法务审核后发布"


def create_legal_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ExplainerIndexPage = apps.get_model("explainers", "ExplainerIndexPage")

    group, __ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    task_type, __ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, __ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(group)
    workflow, __ = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    # Approving publishes the page, which needs the right to publish it.
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["change_page", "publish_page"],
    )
    for index in ExplainerIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=index.pk, permission=permission
            )


def remove_legal_review(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_legal_review, remove_legal_review)]
