from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("core.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's own migrations leave a placeholder "Welcome" page; the home page replaces it.
    Page.objects.filter(depth=2, slug="home").delete()
    homepage_content_type, __ = ContentType.objects.get_or_create(
        model="homepage", app_label="core"
    )
    homepage = HomePage.objects.create(
        title="城市数据学堂",
        draft_title="城市数据学堂",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.get_or_create(language_code="zh-hans")[0],
        intro="提升公职人员的数据思维,帮助市民了解自己的数据权利。",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": homepage, "site_name": "citylearn"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("core.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
