"""Editors and Publishers keep an answer's claims list as they keep its Related Information."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_claim" for action in ("view", "add", "change", "delete")]
GROUPS = ["Editors", "Publishers"]


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="faq", codename__in=CODENAMES))


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
        ("faq", "0014_claims"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
