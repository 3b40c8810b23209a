"""The "Force editors" group: each member edits only their own force (see ForceMembership)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Force editors"
PERMISSIONS = {
    "forces": [
        "view_force",
        "change_force",
        "view_localnote",
        "add_localnote",
        "change_localnote",
        "delete_localnote",
    ],
    "faq": ["view_answer"],
}


def add_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    for app_label, codenames in PERMISSIONS.items():
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        if found.count() != len(codenames):
            raise RuntimeError(f"Missing permissions for {app_label}: {codenames}")
        group.permissions.add(*found)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forces", "0003_force_data"),
        ("faq", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
