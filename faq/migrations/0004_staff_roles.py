"""The Editors and Publishers groups (documented in docs/staff.md).

Editors write and keep answers, topics, Related Information links and local notes; they cannot
publish, archive or merge. Publishers are editors who can also do those (faq.publish_answer).
Nobody but a superuser deletes an answer: archiving keeps its number working.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "faq": [
        "view_answer",
        "add_answer",
        "change_answer",
        "view_topic",
        "add_topic",
        "change_topic",
        "delete_topic",
        "view_relatedlink",
        "add_relatedlink",
        "change_relatedlink",
        "delete_relatedlink",
        "view_feedback",
        "view_unansweredsearch",
    ],
    "forces": [
        "view_force",
        "view_localnote",
        "add_localnote",
        "change_localnote",
        "delete_localnote",
    ],
}
PUBLISHER_EXTRA = {"faq": ["publish_answer"]}


def _ensure_permissions(apps):
    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, by_app):
    Permission = apps.get_model("auth", "Permission")
    perms = []
    for app_label, codenames in by_app.items():
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"Permissions not found: {sorted(missing)}")
        perms += found
    return perms


def add_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    editor_perms = _permissions(apps, EDITOR_PERMISSIONS)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*editor_perms)
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.add(*editor_perms, *_permissions(apps, PUBLISHER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0003_answer_review_workflow"),
        ("forces", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_groups, remove_groups)]
