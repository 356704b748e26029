from django.db import migrations, models


def discard_unapplied_uploads(apps, schema_editor):
    # Their files are not read again: whoever previewed them uploads them again.
    RosterUpload = apps.get_model("organisation", "RosterUpload")
    RosterUpload.objects.filter(status="previewed").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0002_department_credit_hours_target"),
    ]

    operations = [
        migrations.RunPython(discard_unapplied_uploads, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="rosterupload",
            name="content",
        ),
        migrations.AddField(
            model_name="rosterupload",
            name="rows",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
