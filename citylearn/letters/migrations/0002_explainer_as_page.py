import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0010_last_reviewed"),
        ("letters", "0001_letter_pages"),
    ]

    operations = [
        # Kept under another name until 0003 has turned the slug into a relation.
        migrations.RenameField(
            model_name="letterpage",
            old_name="explainer",
            new_name="explainer_slug",
        ),
        migrations.AddField(
            model_name="letterpage",
            name="explainer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="letters",
                to="explainers.explainerpage",
                verbose_name="matching explainer",
            ),
        ),
    ]
