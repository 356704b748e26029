from django.db import migrations

from citylearn.core.page_relations import SlugRelation, slugs_to_relations


def forwards(apps, schema_editor):
    slugs_to_relations(
        apps,
        "explainers.ExplainerPage",
        [
            SlugRelation(
                slug_field="related_slugs",
                name="related",
                target="explainers.ExplainerPage",
                kind="inline",
                link_model="explainers.RelatedExplainer",
                parent_key="page",
                target_key="explainer",
            )
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("explainers", "0005_related_explainers_as_pages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
