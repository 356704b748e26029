from django.db import migrations

EDITOR_GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    # Permissions are created after migrations run; this one is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, __ = ContentType.objects.get_or_create(app_label="quizzes", model="quiz")
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_statistics",
        defaults={"name": "Can view quiz statistics"},
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="quizzes", codename="view_statistics"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_attempts"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
