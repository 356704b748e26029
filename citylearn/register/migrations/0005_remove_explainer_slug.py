from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0004_explainer_slug_to_page"),
    ]

    operations = [
        migrations.RemoveField(model_name="registerentrypage", name="explainer_slug"),
    ]
