import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0005_related_explainers_as_pages"),
        ("register", "0002_lists_edited_as_lines"),
    ]

    operations = [
        # Kept under another name until 0004 has turned the slug into a relation.
        migrations.RenameField(
            model_name="registerentrypage",
            old_name="explainer",
            new_name="explainer_slug",
        ),
        migrations.AddField(
            model_name="registerentrypage",
            name="explainer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="register_entries",
                to="explainers.explainerpage",
                verbose_name="matching explainer",
            ),
        ),
    ]
