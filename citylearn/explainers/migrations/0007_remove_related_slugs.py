from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0006_related_slugs_to_pages"),
    ]

    operations = [
        migrations.RemoveField(model_name="explainerpage", name="related_slugs"),
    ]
