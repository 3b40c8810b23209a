"""Editors and Publishers keep the synonym list and read the report of searches people
struggled with (docs/staff.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SEARCH_PERMISSIONS = {
    "faq": [
        "view_synonym",
        "add_synonym",
        "change_synonym",
        "delete_synonym",
        "view_searchqueryday",
    ]
}


def ensure_permissions(apps):
    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permissions(apps, by_app):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in by_app.items():
        rows = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        found += list(rows)
    missing = {c for codes in by_app.values() for c in codes} - {p.codename for p in found}
    if missing:
        raise RuntimeError(f"Permissions not found: {sorted(missing)}")
    return found


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    perms = permissions(apps, SEARCH_PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    perms = permissions(apps, SEARCH_PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("faq", "0006_search_engines")]

    operations = [migrations.RunPython(grant, revoke)]
