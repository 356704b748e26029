from django.db import migrations

from citylearn.core.page_relations import SlugRelation, slugs_to_relations


def forwards(apps, schema_editor):
    slugs_to_relations(
        apps,
        "letters.LetterPage",
        [
            SlugRelation(
                slug_field="explainer_slug",
                name="explainer",
                target="explainers.ExplainerPage",
                kind="one",
            )
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("letters", "0002_explainer_as_page"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
