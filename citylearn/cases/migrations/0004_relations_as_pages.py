import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_themes_and_risks_ticked"),
        ("courses", "0002_lists_edited_as_lines"),
        ("explainers", "0005_related_explainers_as_pages"),
    ]

    operations = [
        # Kept under other names until 0005 has turned the slugs into relations.
        migrations.RenameField(
            model_name="casestudypage",
            old_name="related_explainers",
            new_name="related_explainer_slugs",
        ),
        migrations.RenameField(
            model_name="casestudypage",
            old_name="related_courses",
            new_name="related_course_slugs",
        ),
        migrations.CreateModel(
            name="CaseExplainer",
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
                    "case",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_explainers",
                        to="cases.casestudypage",
                    ),
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
            ],
            options={
                "verbose_name": "related explainer",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="casestudypage",
            name="related_courses",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                related_name="related_cases",
                to="courses.coursepage",
                verbose_name="related courses",
            ),
        ),
    ]
