"""The Moderators group: full rights on the question queue except deleting, and read-only
access to the answers. Deleting queue items is a separate permission that only admins hold."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

QUEUE_MODELS = ["submission", "statuschange", "internalnote", "replytemplate", "outboxmessage"]
QUEUE_ACTIONS = ["view", "add", "change"]
READ_ONLY = [("faq", "answer")]


def _ensure_permissions(apps):
    # Permissions are normally created after all migrations have run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def add_group(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    codenames = [f"{action}_{model}" for model in QUEUE_MODELS for action in QUEUE_ACTIONS]
    perms = list(
        Permission.objects.filter(content_type__app_label="questions", codename__in=codenames)
    )
    for app_label, model in READ_ONLY:
        perms += list(
            Permission.objects.filter(content_type__app_label=app_label, codename=f"view_{model}")
        )
    group.permissions.add(*perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("faq", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
