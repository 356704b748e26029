import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0004_glossary_reading"),
    ]

    operations = [
        # Kept under another name until 0006 has turned the slugs into relations.
        migrations.RenameField(
            model_name="explainerpage", old_name="related", new_name="related_slugs"
        ),
        migrations.CreateModel(
            name="RelatedExplainer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "sort_order",
                    models.IntegerField(blank=True, editable=False, null=True),
                ),
                (
                    "explainer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="explainers.explainerpage",
                        verbose_name="explainer",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related",
                        to="explainers.explainerpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "related explainer",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
    ]
