"""Editors and Publishers keep the Welsh versions of answers, topics and local notes as they
keep the English ones."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "faq": [
        f"{action}_{model}"
        for model in ("answertranslation", "topictranslation")
        for action in ("view", "add", "change", "delete")
    ],
    "forces": [f"{action}_localnotetranslation" for action in ("view", "add", "change", "delete")],
}
GROUPS = ["Editors", "Publishers"]


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codenames in PERMISSIONS.items()
        for codename in codenames
    ]


def grant(apps, schema_editor):
    perms = _permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    perms = _permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0010_welsh_versions"),
        ("forces", "0007_welsh_versions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
