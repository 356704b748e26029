from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_related_slugs_to_pages"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="casestudypage", name="related_explainer_slugs"
        ),
        migrations.RemoveField(model_name="casestudypage", name="related_course_slugs"),
    ]
