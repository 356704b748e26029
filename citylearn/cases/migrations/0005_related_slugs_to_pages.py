from django.db import migrations

from citylearn.core.page_relations import SlugRelation, slugs_to_relations


def forwards(apps, schema_editor):
    slugs_to_relations(
        apps,
        "cases.CaseStudyPage",
        [
            SlugRelation(
                slug_field="related_course_slugs",
                name="related_courses",
                target="courses.CoursePage",
                kind="many",
            ),
            SlugRelation(
                slug_field="related_explainer_slugs",
                name="related_explainers",
                target="explainers.ExplainerPage",
                kind="inline",
                link_model="cases.CaseExplainer",
                parent_key="case",
                target_key="explainer",
            ),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("cases", "0004_relations_as_pages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
