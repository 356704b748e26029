from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0003_explainer_slug_to_page"),
    ]

    operations = [
        # A default first, so that going back re-adds the column to existing rows.
        migrations.AlterField(
            model_name="letterpage",
            name="explainer_slug",
            field=models.CharField(
                default="", max_length=100, verbose_name="matching explainer slug"
            ),
        ),
        migrations.RemoveField(model_name="letterpage", name="explainer_slug"),
    ]
