import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# The table that was code (cases/risks.py) until this migration; content/risks.yaml
# keeps it from here on.
RISK_EXPLAINERS = {
    "purpose-creep": "right-to-know-and-decide",
    "over-collection": "grid-worker-collection",
    "function-creep-to-policing": "cameras-and-face-recognition",
    "opaque-algorithm": "automated-decisions",
    "data-breach": "data-security-law-for-citizens",
    "digital-exclusion": "how-to-make-a-request",
    "vendor-lock-in": "data-security-law-for-citizens",
}
GROUPS = ["Editors", "Moderators"]
CODENAMES = [
    f"{action}_riskexplainer" for action in ("add", "change", "delete", "view")
]


def forwards(apps, schema_editor):
    ExplainerPage = apps.get_model("explainers", "ExplainerPage")
    RiskExplainer = apps.get_model("cases", "RiskExplainer")
    pages = dict(
        ExplainerPage.objects.filter(
            slug__in=RISK_EXPLAINERS.values()
        ).values_list("slug", "pk")
    )
    # A site without the explainer (yet) gets no row: its next import writes it.
    RiskExplainer.objects.bulk_create(
        [
            RiskExplainer(risk=risk, explainer_id=pages[slug])
            for risk, slug in RISK_EXPLAINERS.items()
            if slug in pages
        ]
    )
    # Permissions are normally created after all migrations; these groups need them now.
    app_config = apps.get_app_config("cases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="cases", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_last_reviewed'),
        ('explainers', '0010_last_reviewed'),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [
        migrations.CreateModel(
            name='RiskExplainer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('risk', models.CharField(choices=[('purpose-creep', 'Purpose creep'), ('over-collection', 'Over-collection'), ('function-creep-to-policing', 'Data opened to policing'), ('opaque-algorithm', 'Opaque algorithm'), ('data-breach', 'Data breach'), ('digital-exclusion', 'Digital exclusion'), ('vendor-lock-in', 'Vendor lock-in')], max_length=40, unique=True, verbose_name='governance risk')),
                ('explainer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='explainers.explainerpage', verbose_name='explainer')),
            ],
            options={
                'verbose_name': 'explainer of a governance risk',
                'verbose_name_plural': 'explainers of governance risks',
                'ordering': ['risk'],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
