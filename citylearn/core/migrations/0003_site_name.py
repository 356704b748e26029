from django.db import migrations


def name_the_site(apps, schema_editor):
    # Wagtail shows the site name in the admin and in page previews; the placeholder
    # "citylearn" was the code name, not what visitors know the site by.
    apps.get_model("wagtailcore.Site").objects.filter(
        site_name__in=["", "citylearn"]
    ).update(site_name="城市数据学堂")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_create_homepage")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
